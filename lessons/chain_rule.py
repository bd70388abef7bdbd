"""Section 9: the chain rule on the lecture's h(x) = f(g(x)) = (3x + 2)^2, its four steps as
formulas (built from mathcore's own), and their values at x = 1 checked against a central
finite difference. The section takes no options.

>>> lesson = from_options()
>>> lesson.formulas["step4"]
"h'(x) = 2 (3 x + 2) dot 3"
>>> lesson.dg, lesson.df_u, lesson.dh
(3.0, 10.0, 30.0)
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from mathcore import calculus, chain

OPTIONS = frozenset()


def complete(values: dict) -> dict:
    """No options: nothing to fill in."""
    return dict(values)


def _subst(src: str, var: str) -> str:
    """mathcore writes every formula in x; put ``var`` in its place."""
    return re.sub(r"\bx\b", var, src)


def _tidy(src: str) -> str:
    """x^1 is written x."""
    return re.sub(r"\^1\b", "", src)


def formulas(example: chain.Composition) -> dict:
    """The Typst of the example and of the four steps, from mathcore's own formulas."""
    f, g = example.outer, example.inner
    gx = g.instance_formula                                        # 3 x + 2
    df_u = _subst(_tidy(f.instance_derivative_formula), "u")       # 2 u
    df_g = _subst(_tidy(f.instance_derivative_formula), f"({gx})")  # 2 (3 x + 2)
    return {"f": f"f(u) = {_subst(f.instance_formula, 'u')}", "g": f"g(x) = {gx}",
            "h": f"h(x) = f(g(x)) = {_subst(f.instance_formula, f'({gx})')}",
            "step1": f"g'(x) = {g.instance_derivative_formula}",
            "step2": f"f'(u) = {df_u}",
            "step3": f"f'(g(x)) = {df_g}",
            "step4": f"h'(x) = {df_g} dot {g.instance_derivative_formula}"}


@dataclass(frozen=True)
class ChainRuleLesson:
    """The example, the point ``x`` of the check, and what the scene shows there: u = g(x),
    y = h(x), g'(x), f'(u), h'(x), the finite-difference h'(x) (``fd_method``) and its error."""

    custom: bool = False
    x: float = 1.0
    fd_method: str = "central"
    example: chain.Composition = field(default_factory=chain.lecture_example, repr=False,
                                       compare=False)
    formulas: dict = field(init=False, repr=False, compare=False)
    u: float = field(init=False)
    y: float = field(init=False)
    dg: float = field(init=False)
    df_u: float = field(init=False)
    dh: float = field(init=False)
    fd: float = field(init=False)
    fd_error: float = field(init=False)

    def __post_init__(self):
        s = self.example.steps(self.x)
        fd = calculus.derivative(self.example.f, self.x, method=self.fd_method)
        for k, v in {"formulas": formulas(self.example), "u": s["g(x)"], "y": s["h(x)"],
                     "dg": s["g'(x)"], "df_u": s["f'(u)"], "dh": s["h'(x)"], "fd": fd,
                     "fd_error": fd - s["h'(x)"]}.items():
            object.__setattr__(self, k, v if k == "formulas" else float(v))

    def parameters(self) -> dict:
        return {"outer": self.formulas["f"], "inner": self.formulas["g"], "x": self.x,
                "fd_method": self.fd_method}


def from_options(values: dict | None = None) -> ChainRuleLesson:
    values = complete(dict(values or {}))
    if values:
        raise ValueError(f"the chain rule takes no options, got {', '.join(sorted(values))}")
    return ChainRuleLesson()
