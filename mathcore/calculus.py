"""Derivatives by definition and by finite differences, tangents, differentials, integrals.

>>> from mathcore import calculus, functions
>>> sin = functions.get("sin")
>>> round(calculus.derivative(sin.f, 0.0, method="complex_step"), 15)
1.0
>>> line = calculus.tangent_line(sin, 0.0)
>>> line.slope, line.intercept
(1.0, 0.0)
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Callable

import numpy as np
from scipy import integrate as _integrate

from ._checks import choice, finite_number, positive_int

__all__ = ["secant_slope", "derivative", "tangent_line", "TangentLine", "differential", "roots",
           "riemann_sum", "riemann_rectangles", "Partition", "integrate", "METHODS", "RULES"]

_EPS = np.finfo(float).eps
# Default steps balance truncation against rounding error for each stencil.
_DEFAULT_H = {
    "forward": math.sqrt(_EPS),        # error ~ 1e-8
    "central": _EPS ** (1 / 3),        # error ~ 1e-10 relative
    "five_point": _EPS ** (1 / 5),     # error ~ 1e-13
    "complex_step": 1e-20,             # no subtraction: machine precision
}
METHODS = tuple(_DEFAULT_H)
RULES = ("left", "right", "midpoint", "trapezoid")


def _fn(f) -> Callable:
    """Accept a mathcore Function or any callable."""
    return f.f if hasattr(f, "f") and callable(f.f) else f


def _finite(y, what: str):
    y = np.asarray(y)
    if not np.all(np.isfinite(y)):
        raise ValueError(f"{what} is not finite")
    return y


def secant_slope(f, a, h):
    """(f(a + h) - f(a)) / h, vectorised over h: the slope of the secant the limit starts from."""
    f = _fn(f)
    a = finite_number(a, "a")
    h = np.asarray(h, dtype=float)
    if np.any(h == 0) or not np.all(np.isfinite(h)):
        raise ValueError("h must be finite and non-zero")
    s = (np.asarray(f(a + h), dtype=float) - float(f(a))) / h
    return s.item() if s.ndim == 0 else s


def derivative(f, x, method: str = "central", h=None):
    """f'(x) by finite differences (``forward``, ``central``, ``five_point``) or complex step.

    ``complex_step`` needs f to accept complex input (analytic functions such as
    sin, exp, ln); it has no subtractive cancellation and reaches machine precision.
    """
    f = _fn(f)
    choice(method, "method", METHODS)
    x = np.asarray(x, dtype=float)
    if h is None:
        scale = np.maximum(1.0, np.abs(x))
        h = _DEFAULT_H[method] * (1.0 if method == "complex_step" else scale)
    else:
        h = np.asarray(h, dtype=float)
        if np.any(h <= 0) or not np.all(np.isfinite(h)):
            raise ValueError("h must be finite and > 0")
    if method == "complex_step":
        d = np.imag(f(x + 1j * h)) / h
    else:
        h = (x + h) - x  # a step that is exact in floating point
        if method == "forward":
            d = (np.asarray(f(x + h)) - np.asarray(f(x))) / h
        elif method == "central":
            d = (np.asarray(f(x + h)) - np.asarray(f(x - h))) / (2 * h)
        else:
            d = (-np.asarray(f(x + 2 * h)) + 8 * np.asarray(f(x + h))
                 - 8 * np.asarray(f(x - h)) + np.asarray(f(x - 2 * h))) / (12 * h)
    d = np.asarray(d, dtype=float)
    return d.item() if d.ndim == 0 else d


@dataclass(frozen=True)
class TangentLine:
    """y = slope * x + intercept, touching the curve at (a, fa)."""

    a: float
    fa: float
    slope: float

    @property
    def intercept(self) -> float:
        return self.fa - self.slope * self.a

    @property
    def point(self) -> tuple[float, float]:
        return (self.a, self.fa)

    def __call__(self, x):
        y = self.fa + self.slope * (np.asarray(x, dtype=float) - self.a)
        return y.item() if y.ndim == 0 else y

    def __repr__(self):
        return f"TangentLine(y = {self.slope:.6g} x + {self.intercept:.6g} at x = {self.a:g})"


def _slope(f, a, df):
    if df is None and hasattr(f, "df"):
        df = f.df
    if df is None:
        return derivative(f, a, method="five_point")
    return float(df(a))


def tangent_line(f, a, df=None) -> TangentLine:
    """The tangent to f at a; uses ``df`` (or ``f.df`` for a Function), else a five-point stencil."""
    a = finite_number(a, "a")
    if hasattr(f, "domain") and not f.domain.contains(a):
        raise ValueError(f"a = {a:g} is outside the domain {f.domain} of {f.name}")
    fa = float(_finite(_fn(f)(a), f"f({a:g})"))
    slope = _slope(f, a, df)
    if not math.isfinite(slope):
        raise ValueError(f"f is not differentiable at a = {a:g} (slope {slope})")
    return TangentLine(a, fa, slope)


def differential(f, x, dx, df=None):
    """(dy, delta_y): dy = f'(x) dx along the tangent, delta_y = f(x + dx) - f(x) along the curve.

    Vectorised over dx; delta_y - dy shrinks like dx**2 for a twice-differentiable f.
    """
    x = finite_number(x, "x")
    dx = np.asarray(dx, dtype=float)
    _finite(dx, "dx")
    fn = _fn(f)
    slope = _slope(f, x, df)
    dy = slope * dx
    delta = np.asarray(fn(x + dx), dtype=float) - float(fn(x))
    if dx.ndim == 0:
        return float(dy), float(delta)
    return dy, delta


@dataclass(frozen=True)
class Partition:
    """The rectangles of a Riemann sum: ``edges`` (n + 1), ``heights`` (n), their ``total`` area."""

    edges: np.ndarray
    heights: np.ndarray
    rule: str

    @property
    def width(self) -> float:
        return float(self.edges[1] - self.edges[0])

    @property
    def total(self) -> float:
        return float(np.sum(self.heights) * self.width)


def riemann_rectangles(f, a, b, n, rule: str = "left") -> Partition:
    """The n rectangles of ``rule`` on [a, b]; trapezoids come as rectangles of equal area."""
    f = _fn(f)
    a = finite_number(a, "a")
    b = finite_number(b, "b")
    if not a < b:
        raise ValueError(f"need a < b, got a = {a:g}, b = {b:g}")
    n = positive_int(n, "n")
    choice(rule, "rule", RULES)
    edges = np.linspace(a, b, n + 1)
    if rule == "left":
        h = f(edges[:-1])
    elif rule == "right":
        h = f(edges[1:])
    elif rule == "midpoint":
        h = f(0.5 * (edges[:-1] + edges[1:]))
    else:
        y = np.asarray(f(edges), dtype=float)
        h = 0.5 * (y[:-1] + y[1:])
    h = np.broadcast_to(np.asarray(h, dtype=float), (n,)).copy()
    _finite(h, f"f on [{a:g}, {b:g}]")
    return Partition(edges, h, rule)


def riemann_sum(f, a, b, n, rule: str = "left") -> float:
    """The Riemann sum of f on [a, b] with n equal pieces; midpoint and trapezoid err like 1/n**2."""
    return riemann_rectangles(f, a, b, n, rule).total


def integrate(f, a, b) -> float:
    """The integral of f from a to b by adaptive Gauss-Kronrod quadrature (about 1e-12 or better)."""
    fn = _fn(f)
    a = finite_number(a, "a")
    b = finite_number(b, "b")
    if a == b:
        return 0.0
    value, err = _integrate.quad(lambda t: float(fn(t)), a, b, epsabs=1e-14, epsrel=1e-13,
                                 limit=500)
    if not math.isfinite(value):
        raise ValueError(f"the integral from {a:g} to {b:g} is not finite")
    return float(value)


def roots(f, lo, hi, n: int = 401):
    """The zeros of f in [lo, hi]: sign changes on an n-point grid, each refined by Brent's method.

    A zero where f touches 0 without changing sign, or two zeros closer than the grid spacing,
    are not found. ``roots(fn.df, a, b)`` gives the points where a curve's tangent is flat.
    """
    from scipy.optimize import brentq
    f = _fn(f)
    lo, hi = finite_number(lo, "lo"), finite_number(hi, "hi")
    if not lo < hi:
        raise ValueError(f"need lo < hi, got {lo:g}, {hi:g}")
    xs = np.linspace(lo, hi, positive_int(n, "n"))
    with np.errstate(all="ignore"):
        ys = np.asarray(f(xs), dtype=float)
    out = [float(x) for x, y in zip(xs, ys) if y == 0]
    for i in np.flatnonzero(np.sign(ys[:-1]) * np.sign(ys[1:]) < 0):
        out.append(brentq(lambda t: float(f(t)), xs[i], xs[i + 1], xtol=1e-15, rtol=1e-15))
    return np.array(sorted(out))
