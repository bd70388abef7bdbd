"""The sum, product and quotient rules as Functions built from two others.

>>> from mathcore import functions, rules
>>> p = rules.product(functions.get("sin"), functions.get("exp"))
>>> p.df(0.0)        # (uv)' = u v' + v u' = 0 * 1 + 1 * 1
1.0
"""

from __future__ import annotations

import numpy as np

from .functions import Function, Interval, _out


def _meet(d1: Interval, d2: Interval) -> Interval:
    lo = max(d1.lo, d2.lo)
    hi = min(d1.hi, d2.hi)
    lo_c = (d1.lo_closed if d1.lo == lo else True) and (d2.lo_closed if d2.lo == lo else True)
    hi_c = (d1.hi_closed if d1.hi == hi else True) and (d2.hi_closed if d2.hi == hi else True)
    return Interval(lo, hi, lo_c, hi_c, tuple(sorted(set(d1.holes) | set(d2.holes))))


def _plus(a: str, b: str) -> str:
    """a + b, written a - c when b is -c."""
    b = b.strip()
    return f"{a} - {b[1:].strip()}" if b.startswith("-") else f"{a} + {b}"


def _par(s: str) -> str:
    return f"({s})" if any(c in s for c in "+-/ ") else s


def sum_(u: Function, v: Function) -> Function:
    """(u + v)' = u' + v'."""
    return Function(f"{u.name}+{v.name}", lambda x: _out(np.add(u.f(x), v.f(x))),
                    lambda x: _out(np.add(u.df(x), v.df(x))),
                    _plus(u.instance_formula, v.instance_formula),
                    _plus(u.instance_derivative_formula, v.instance_derivative_formula),
                    _meet(u.domain, v.domain), df_domain=_meet(u.df_domain, v.df_domain), label=f"{u.label} + {v.label}")


def product(u: Function, v: Function) -> Function:
    """(u v)' = u v' + v u'."""
    return Function(f"{u.name}*{v.name}", lambda x: _out(np.multiply(u.f(x), v.f(x))),
                    lambda x: _out(np.multiply(u.f(x), v.df(x)) + np.multiply(v.f(x), u.df(x))),
                    f"{_par(u.instance_formula)} {_par(v.instance_formula)}",
                    f"{_par(u.instance_formula)} {_par(v.instance_derivative_formula)} + "
                    f"{_par(v.instance_formula)} {_par(u.instance_derivative_formula)}",
                    _meet(u.domain, v.domain), df_domain=_meet(u.df_domain, v.df_domain), label=f"{u.label} · {v.label}")


def quotient(u: Function, v: Function) -> Function:
    """(u / v)' = (v u' - u v') / v^2, where v is not zero."""
    return Function(f"{u.name}/{v.name}", lambda x: _out(np.divide(u.f(x), v.f(x))),
                    lambda x: _out((np.multiply(v.f(x), u.df(x)) - np.multiply(u.f(x), v.df(x)))
                            / np.square(v.f(x))),
                    f"({u.instance_formula}) / ({v.instance_formula})",
                    f"({_par(v.instance_formula)} {_par(u.instance_derivative_formula)} - "
                    f"{_par(u.instance_formula)} {_par(v.instance_derivative_formula)}) / "
                    f"{_par(v.instance_formula)}^2",
                    _meet(u.domain, v.domain), df_domain=_meet(u.df_domain, v.df_domain), label=f"{u.label} / {v.label}")
