"""The chain rule, with the lecture's worked example h(x) = (3x + 2)^2.

>>> from mathcore import chain
>>> c = chain.lecture_example()
>>> c.steps(1.0)["h'(x)"]
30.0
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from . import functions
from .functions import Function, _out


@dataclass(frozen=True)
class Composition:
    """h(x) = outer(inner(x)); h'(x) = outer'(inner(x)) * inner'(x)."""

    outer: Function  # f(u)
    inner: Function  # g(x)

    def f(self, x):
        return self.outer.f(self.inner.f(x))

    __call__ = f

    def df(self, x):
        return _out(np.multiply(self.outer.df(self.inner.f(x)), self.inner.df(x)))

    def steps(self, x) -> dict:
        """The lecture's four steps at x: g'(x), u = g(x), f'(u), and h'(x) = f'(g(x)) g'(x)."""
        u = self.inner.f(x)
        return {"g(x)": u, "g'(x)": self.inner.df(x), "f'(u)": self.outer.df(u),
                "h'(x)": self.df(x), "h(x)": self.outer.f(u)}


def lecture_example() -> Composition:
    """f(u) = u^2, g(x) = 3x + 2, h = f o g."""
    return Composition(functions.get("power", n=2), functions.get("affine", a=3, b=2))
