"""The lecture's functions with their closed-form derivatives.

>>> from mathcore import functions
>>> s = functions.get("sigmoid")
>>> float(s.f(0.0)), float(s.df(0.0))
(0.5, 0.25)
>>> functions.get("relu").df(0.0)          # the lecture's convention at the kink
0.0

Every ``f``/``df`` is vectorised over numpy arrays. ``formula`` and
``derivative_formula`` are Typst math source for the general formula of the
lecture's table; ``instance_formula`` has the parameters filled in.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Callable

import numpy as np
from scipy import special

from ._checks import finite_number

__all__ = ["Function", "Interval", "get", "names", "TABLE", "ACTIVATIONS",
           "softmax", "softmax_jacobian"]


def _arr(x):
    # complex input is kept so that derivative(method="complex_step") works on analytic functions
    x = np.asarray(x)
    return x if np.iscomplexobj(x) else x.astype(float)


def _out(y):
    """0-d results come back as Python scalars, arrays stay arrays."""
    y = np.asarray(y)
    if not np.iscomplexobj(y):
        y = y.astype(float)
    return y.item() if y.ndim == 0 else y


@dataclass(frozen=True)
class Interval:
    """A real interval, possibly with isolated points removed (``holes``)."""

    lo: float = -math.inf
    hi: float = math.inf
    lo_closed: bool = False
    hi_closed: bool = False
    holes: tuple = ()

    def contains(self, x):
        x = _arr(x)
        above = (x >= self.lo) if self.lo_closed else (x > self.lo)
        below = (x <= self.hi) if self.hi_closed else (x < self.hi)
        ok = above & below & np.isfinite(x)
        for h in self.holes:
            ok &= x != h
        return bool(ok) if ok.ndim == 0 else ok

    def __iter__(self):
        yield self.lo
        yield self.hi

    def clip(self, lo: float, hi: float, margin: float = 0.0) -> tuple[float, float]:
        """The part of [lo, hi] inside this interval, kept ``margin`` away from open ends."""
        a = max(lo, self.lo + (0.0 if self.lo_closed else margin))
        b = min(hi, self.hi - (0.0 if self.hi_closed else margin))
        if a >= b:
            raise ValueError(f"[{lo}, {hi}] does not meet the domain {self}")
        return a, b

    def __str__(self):
        lb = "[" if self.lo_closed else "("
        rb = "]" if self.hi_closed else ")"
        s = f"{lb}{self.lo:g}, {self.hi:g}{rb}"
        if self.holes:
            s += " without " + ", ".join(f"{h:g}" for h in self.holes)
        return s


REALS = Interval()


@dataclass(frozen=True)
class Function:
    """A real function with its derivative: ``fn(x)``, ``fn.f(x)``, ``fn.df(x)``."""

    name: str
    f: Callable = field(repr=False)
    df: Callable = field(repr=False)
    formula: str = field(repr=False, default="")
    derivative_formula: str = field(repr=False, default="")
    domain: Interval = REALS
    params: dict = field(default_factory=dict)
    label: str = ""
    instance_formula: str = field(repr=False, default="")
    instance_derivative_formula: str = field(repr=False, default="")
    df_domain: Interval | None = None

    def __call__(self, x):
        return self.f(x)

    def __post_init__(self):
        if not self.label:
            object.__setattr__(self, "label", self.name)
        if not self.instance_formula:
            object.__setattr__(self, "instance_formula", self.formula)
        if not self.instance_derivative_formula:
            object.__setattr__(self, "instance_derivative_formula", self.derivative_formula)
        if self.df_domain is None:
            object.__setattr__(self, "df_domain", self.domain)

    def __repr__(self):
        p = ", ".join(f"{k}={v!r}" for k, v in self.params.items())
        return f"Function({self.name}{', ' + p if p else ''}; domain {self.domain})"


def _num(v: float) -> str:
    """A parameter as Typst shows it: 2 not 2.0, 0.01 as is."""
    return f"{v:g}" if v >= 0 else f"({v:g})"


def _base(a) -> float:
    a = finite_number(a, "base a")
    if a <= 0 or a == 1:
        raise ValueError(f"base a must be > 0 and != 1, got {a!r}")
    return a


# --- the derivative table ---------------------------------------------------

def _power(n=2):
    n = finite_number(n, "exponent n")
    if float(n).is_integer():
        dom = REALS if n >= 0 else Interval(holes=(0.0,))
    else:
        dom = Interval(0.0, math.inf, lo_closed=n > 0)
    if float(n).is_integer():
        ddom = REALS if n >= 0 else dom
    else:
        ddom = Interval(0.0, math.inf, lo_closed=n >= 1)

    def f(x):
        return _out(np.power(_arr(x), n))

    def df(x):
        x = _arr(x)
        if n == 0:
            return _out(np.zeros_like(x))
        return _out(n * np.power(x, n - 1))

    def mono(c, p):  # c x^p as Typst, without x^1, x^0 or 1 x
        if p == 0:
            return _num(c)
        xp = "x" if p == 1 else f"x^{_num(p)}"
        return xp if c == 1 else f"{_num(c)} {xp}"

    return Function("power", f, df, "x^n", "n x^(n-1)", dom, {"n": n}, "x^n",
                    mono(1, n), "0" if n == 0 else mono(n, n - 1), ddom)


def _exp():
    f = lambda x: _out(np.exp(_arr(x)))
    return Function("exp", f, f, "e^x", "e^x", REALS, {}, "e^x")


def _exp_base(a=2.0):
    a = _base(a)
    la = math.log(a)
    return Function("exp_base", lambda x: _out(np.power(a, _arr(x))),
                    lambda x: _out(np.power(a, _arr(x)) * la),
                    "a^x", "a^x ln a", REALS, {"a": a}, "a^x",
                    f"{_num(a)}^x", f"{_num(a)}^x ln {_num(a)}")


_POS = Interval(0.0, math.inf)


def _ln():
    return Function("ln", lambda x: _out(np.log(_arr(x))), lambda x: _out(1.0 / _arr(x)),
                    "ln x", "1/x", _POS, {}, "ln x")


def _log_base(a=10.0):
    a = _base(a)
    la = math.log(a)
    return Function("log_base", lambda x: _out(np.log(_arr(x)) / la),
                    lambda x: _out(1.0 / (_arr(x) * la)),
                    "log_a x", "1/(x ln a)", _POS, {"a": a}, "log_a x",
                    f"log_{_num(a)} x", f"1/(x ln {_num(a)})")


def _sin():
    return Function("sin", lambda x: _out(np.sin(_arr(x))), lambda x: _out(np.cos(_arr(x))),
                    "sin x", "cos x", REALS, {}, "sin x")


def _cos():
    return Function("cos", lambda x: _out(np.cos(_arr(x))), lambda x: _out(-np.sin(_arr(x))),
                    "cos x", "-sin x", REALS, {}, "cos x")


def _tan():
    # tan is defined off the odd multiples of pi/2; the lecture draws its principal branch.
    return Function("tan", lambda x: _out(np.tan(_arr(x))),
                    lambda x: _out(1.0 / np.cos(_arr(x)) ** 2),
                    "tan x", "sec^2 x", Interval(-math.pi / 2, math.pi / 2), {}, "tan x")


_UNIT = Interval(-1.0, 1.0, True, True)
_OPEN_UNIT = Interval(-1.0, 1.0)


def _arcsin():
    return Function("arcsin", lambda x: _out(np.arcsin(_arr(x))),
                    lambda x: _out(1.0 / np.sqrt(1.0 - _arr(x) ** 2)),
                    "arcsin x", "1/sqrt(1-x^2)", _UNIT, {}, "arcsin x", df_domain=_OPEN_UNIT)


def _arccos():
    return Function("arccos", lambda x: _out(np.arccos(_arr(x))),
                    lambda x: _out(-1.0 / np.sqrt(1.0 - _arr(x) ** 2)),
                    "arccos x", "-1/sqrt(1-x^2)", _UNIT, {}, "arccos x", df_domain=_OPEN_UNIT)


def _arctan():
    return Function("arctan", lambda x: _out(np.arctan(_arr(x))),
                    lambda x: _out(1.0 / (1.0 + _arr(x) ** 2)),
                    "arctan x", "1/(1+x^2)", REALS, {}, "arctan x")


def _affine(a=1.0, b=0.0):
    a = finite_number(a, "slope a")
    b = finite_number(b, "intercept b")
    ax = "x" if a == 1 else ("-x" if a == -1 else f"{a:g} x")
    inst = ax if b == 0 else f"{ax} {'+' if b > 0 else '-'} {abs(b):g}"
    return Function("affine", lambda x: _out(a * _arr(x) + b),
                    lambda x: _out(np.full_like(_arr(x), a)),
                    "a x + b", "a", REALS, {"a": a, "b": b}, "ax+b", inst, f"{a:g}")


# --- activations ------------------------------------------------------------

def _sigmoid():
    def sig(x):
        x = _arr(x)
        if np.iscomplexobj(x):
            return 1.0 / (1.0 + np.exp(-x))
        return special.expit(x)  # stable at any input: no overflow at -800

    def f(x):
        return _out(sig(x))

    def df(x):
        s = sig(x)
        return _out(s * (1.0 - s))

    return Function("sigmoid", f, df, "sigma(x) = 1/(1+e^(-x))", "sigma(x)(1-sigma(x))",
                    REALS, {}, "Sigmoid")


def _tanh():
    def df(x):
        t = np.tanh(_arr(x))
        return _out(1.0 - t * t)

    return Function("tanh", lambda x: _out(np.tanh(_arr(x))), df,
                    "tanh x = (e^x - e^(-x))/(e^x + e^(-x))", "1 - tanh^2 x", REALS, {}, "Tanh")


def _relu():
    return Function("relu", lambda x: _out(np.maximum(_arr(x), 0.0)),
                    lambda x: _out((_arr(x) > 0).astype(float)),  # ReLU'(0) = 0
                    "max(0, x)", "cases(1 & x > 0, 0 & x <= 0)", REALS, {}, "ReLU")


def _leaky(slope):
    def f(x):
        x = _arr(x)
        return _out(np.where(x > 0, x, slope * x))

    def df(x):
        return _out(np.where(_arr(x) > 0, 1.0, slope))  # value at 0 is the slope

    return f, df


def _leaky_relu(slope=0.01):
    slope = finite_number(slope, "slope")
    f, df = _leaky(slope)
    return Function("leaky_relu", f, df, "max(0.01 x, x)", "cases(1 & x > 0, 0.01 & x <= 0)",
                    REALS, {"slope": slope}, "Leaky ReLU",
                    f"max({_num(slope)} x, x)", f"cases(1 & x > 0, {_num(slope)} & x <= 0)")


def _prelu(alpha=0.25):
    alpha = finite_number(alpha, "alpha")
    f, df = _leaky(alpha)
    return Function("prelu", f, df, "max(alpha x, x)", "cases(1 & x > 0, alpha & x <= 0)",
                    REALS, {"alpha": alpha}, "PReLU",
                    f"max({_num(alpha)} x, x)", f"cases(1 & x > 0, {_num(alpha)} & x <= 0)")


def _elu(alpha=1.0):
    alpha = finite_number(alpha, "alpha", positive=True)

    def f(x):
        x = _arr(x)
        return _out(np.where(x > 0, x, alpha * np.expm1(np.minimum(x, 0.0))))

    def df(x):
        x = _arr(x)
        # ELU'(x) = ELU(x) + alpha = alpha e^x for x <= 0, so ELU'(0) = alpha
        return _out(np.where(x > 0, 1.0, alpha * np.exp(np.minimum(x, 0.0))))

    return Function("elu", f, df, "cases(x & x > 0, alpha(e^x - 1) & x <= 0)",
                    "cases(1 & x > 0, \"ELU\"(x) + alpha & x <= 0)", REALS, {"alpha": alpha},
                    "ELU",
                    f"cases(x & x > 0, {_num(alpha)}(e^x - 1) & x <= 0)",
                    f"cases(1 & x > 0, \"ELU\"(x) + {_num(alpha)} & x <= 0)")


_FACTORIES = {
    "power": _power, "exp": _exp, "exp_base": _exp_base, "ln": _ln, "log_base": _log_base,
    "sin": _sin, "cos": _cos, "tan": _tan, "arcsin": _arcsin, "arccos": _arccos,
    "arctan": _arctan, "affine": _affine,
    "sigmoid": _sigmoid, "tanh": _tanh, "relu": _relu, "leaky_relu": _leaky_relu,
    "prelu": _prelu, "elu": _elu,
}
_PARAMS = {"power": {"n"}, "exp_base": {"a"}, "log_base": {"a"}, "affine": {"a", "b"},
           "leaky_relu": {"slope"}, "prelu": {"alpha"}, "elu": {"alpha"}}

#: The lecture's table of common derivatives, in its order.
TABLE = ("power", "exp", "exp_base", "ln", "log_base", "sin", "cos", "tan",
         "arcsin", "arccos", "arctan")
#: The lecture's activation functions (softmax is vector-valued: see ``softmax``).
ACTIVATIONS = ("sigmoid", "tanh", "relu", "leaky_relu", "prelu", "elu")


def names() -> tuple[str, ...]:
    return tuple(_FACTORIES)


def get(name: str, **params) -> Function:
    """The function called ``name``; parameters as keywords (``get("power", n=3)``)."""
    if name not in _FACTORIES:
        raise ValueError(f"unknown function {name!r}; allowed: {', '.join(_FACTORIES)}")
    allowed = _PARAMS.get(name, set())
    extra = set(params) - allowed
    if extra:
        what = ", ".join(sorted(allowed)) if allowed else "none"
        raise ValueError(f"{name} takes no parameter {', '.join(sorted(extra))}; allowed: {what}")
    return _FACTORIES[name](**params)


# --- softmax ----------------------------------------------------------------

def softmax(x, axis: int = -1):
    """Softmax along ``axis``; shifting x by a constant changes nothing (x + 1000 included)."""
    x = _arr(x)
    if x.ndim == 0:
        raise ValueError("softmax needs a vector, got a scalar")
    if not np.all(np.isfinite(x)):
        raise ValueError("softmax needs finite inputs")
    return special.softmax(x, axis=axis)


def softmax_jacobian(x):
    """J[i, j] = d softmax_i / d x_j = s_i (delta_ij - s_j) for a 1-D x."""
    x = _arr(x)
    if x.ndim != 1:
        raise ValueError(f"softmax_jacobian needs a 1-D vector, got shape {x.shape}")
    s = softmax(x)
    return np.diag(s) - np.outer(s, s)
