"""Section 5: the sum, product and quotient rules, each checked on u = sin x, v = x^2 at x0 against
an independent numerical derivative (a finite-difference stencil of the combined function); the
product rule also as a rectangle u x v grown by du and dv as x grows by dx. No options.

>>> lesson = from_options()
>>> lesson.x0, lesson.check("sum").agreeing_digits >= 9
(0.9, True)
"""

from __future__ import annotations

from dataclasses import dataclass, field

from mathcore import calculus, functions, rules

from .common_derivatives import fixed_example

OPTIONS = frozenset()

X0 = 0.9
METHOD = "five_point"             # the independent check: calculus.derivative
DIGITS = 15                       # significant digits shown for the check
DX_START, DX_END = 0.3, 0.02      # the product-rule picture shrinks dx between these
RULES = {"sum": rules.sum_, "product": rules.product, "quotient": rules.quotient}


def agreeing_digits(a: float, b: float, digits: int = DIGITS) -> int:
    """How many leading significant digits of a and b, printed to ``digits``, are the same."""
    sa, sb = f"{a:.{digits - 1}e}", f"{b:.{digits - 1}e}"
    if sa[-4:] != sb[-4:] or (a < 0) != (b < 0):
        return 0
    ma, mb = (t.split("e")[0].replace("-", "").replace(".", "") for t in (sa, sb))
    k = 0
    while k < len(ma) and ma[k] == mb[k]:
        k += 1
    return k


@dataclass(frozen=True)
class Check:
    """One rule at x0: the combination's value, its derivative by the rule and by the stencil."""

    name: str
    fn: functions.Function = field(repr=False)
    value: float
    by_rule: float
    numeric: float

    @property
    def difference(self) -> float:
        return abs(self.by_rule - self.numeric)

    @property
    def agreeing_digits(self) -> int:
        return agreeing_digits(self.by_rule, self.numeric)


@dataclass(frozen=True)
class Rectangle:
    """The rectangle u x v grown by du and dv when x grows by dx (du, dv along the curves)."""

    dx: float
    u: float
    v: float
    du: float
    dv: float

    @property
    def u_dv(self) -> float:
        return self.u * self.dv

    @property
    def v_du(self) -> float:
        return self.v * self.du

    @property
    def du_dv(self) -> float:
        return self.du * self.dv

    @property
    def corner_per_dx(self) -> float:
        return self.du_dv / self.dx


@dataclass(frozen=True)
class RulesLesson:
    """u and v with their values and slopes at x0, the three checks (``checks``, in the order
    the scene shows them) and the product-rule rectangle for any dx (``rectangle(dx)``)."""

    u_fn: functions.Function = field(repr=False)
    v_fn: functions.Function = field(repr=False)
    x0: float
    u: float          # u(x0), v(x0), u'(x0), v'(x0)
    v: float
    du: float
    dv: float
    checks: dict      # rule name: Check, in the order the scene shows them
    method: str = METHOD
    digits: int = DIGITS
    dx_start: float = DX_START
    dx_end: float = DX_END
    custom: bool = False

    def check(self, name: str) -> Check:
        return self.checks[name]

    def rectangle(self, dx: float) -> Rectangle:
        du = calculus.differential(self.u_fn, self.x0, dx)[1]
        dv = calculus.differential(self.v_fn, self.x0, dx)[1]
        return Rectangle(float(dx), self.u, self.v, float(du), float(dv))

    def parameters(self) -> dict:
        return {"u": self.u_fn.instance_formula, "v": self.v_fn.instance_formula,
                "x0": self.x0, "rules": list(self.checks), "method": self.method,
                "digits": self.digits, "dx": [self.dx_start, self.dx_end]}


def check(name: str, u, v, x0: float = X0, method: str = METHOD) -> Check:
    g = RULES[name](u, v)
    return Check(name, g, float(g.f(x0)), float(g.df(x0)),
                 float(calculus.derivative(g.f, x0, method=method)))


def complete(values: dict) -> dict:
    """The section takes no options: nothing to fill in."""
    return dict(values)


def from_options(values: dict | None = None) -> RulesLesson:
    fixed_example(values, "the rules")
    u, v = functions.get("sin"), functions.get("power", n=2)
    at = (float(g(X0)) for g in (u.f, v.f, u.df, v.df))
    return RulesLesson(u, v, X0, *at, {name: check(name, u, v) for name in RULES})
