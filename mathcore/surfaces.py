"""Surfaces z = f(x, y): grids, gradients and tangent planes.

>>> from mathcore import surfaces
>>> bowl = surfaces.get("bowl")
>>> plane = surfaces.tangent_plane(bowl, 1.0, 2.0)
>>> plane.fx, plane.fy, plane(1.0, 2.0)
(2.0, 4.0, 5.0)
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Callable

import numpy as np

from ._checks import finite_number, positive_int

__all__ = ["Surface", "get", "names", "grid", "gradient", "tangent_plane", "TangentPlane"]


@dataclass(frozen=True)
class Surface:
    """f(x, y) with its closed-form gradient; ``formula`` is Typst math source."""

    name: str
    f: Callable = field(repr=False)
    grad: Callable = field(repr=False)  # (x, y) -> array of shape (2, ...)
    formula: str = ""
    x_range: tuple = (-2.0, 2.0)
    y_range: tuple = (-2.0, 2.0)
    minimum: tuple | None = None

    def __call__(self, x, y):
        return self.f(x, y)

    def grad_xy(self, p):
        """The gradient at a point p = (x, y) as a length-2 array (what optimizers take)."""
        return np.asarray(self.grad(p[0], p[1]), dtype=float)

    def f_xy(self, p):
        return float(self.f(p[0], p[1]))


def _a(v):
    return np.asarray(v, dtype=float)


_SURFACES = {
    "bowl": lambda: Surface(
        "bowl", lambda x, y: _a(x) ** 2 + _a(y) ** 2,
        lambda x, y: np.stack(np.broadcast_arrays(2 * _a(x), 2 * _a(y))),
        "x^2 + y^2", (-2.0, 2.0), (-2.0, 2.0), (0.0, 0.0)),
    # an elongated bowl: plain gradient descent zig-zags, momentum helps
    "ellipse": lambda: Surface(
        "ellipse", lambda x, y: 0.5 * _a(x) ** 2 + 2.5 * _a(y) ** 2,
        lambda x, y: np.stack(np.broadcast_arrays(_a(x), 5 * _a(y))),
        "0.5 x^2 + 2.5 y^2", (-3.0, 3.0), (-2.0, 2.0), (0.0, 0.0)),
    "saddle": lambda: Surface(
        "saddle", lambda x, y: _a(x) ** 2 - _a(y) ** 2,
        lambda x, y: np.stack(np.broadcast_arrays(2 * _a(x), -2 * _a(y))),
        "x^2 - y^2", (-2.0, 2.0), (-2.0, 2.0), None),
    "waves": lambda: Surface(
        "waves", lambda x, y: np.sin(_a(x)) * np.cos(_a(y)),
        lambda x, y: np.stack([np.cos(_a(x)) * np.cos(_a(y)), -np.sin(_a(x)) * np.sin(_a(y))]),
        "sin x cos y", (-3.0, 3.0), (-3.0, 3.0), (-math.pi / 2, 0.0)),
    "rosenbrock": lambda: Surface(
        "rosenbrock", lambda x, y: (1 - _a(x)) ** 2 + 100 * (_a(y) - _a(x) ** 2) ** 2,
        lambda x, y: np.stack([-2 * (1 - _a(x)) - 400 * _a(x) * (_a(y) - _a(x) ** 2),
                               200 * (_a(y) - _a(x) ** 2)]),
        "(1 - x)^2 + 100 (y - x^2)^2", (-2.0, 2.0), (-1.0, 3.0), (1.0, 1.0)),
    "himmelblau": lambda: Surface(
        "himmelblau", lambda x, y: (_a(x) ** 2 + _a(y) - 11) ** 2 + (_a(x) + _a(y) ** 2 - 7) ** 2,
        lambda x, y: np.stack([4 * _a(x) * (_a(x) ** 2 + _a(y) - 11) + 2 * (_a(x) + _a(y) ** 2 - 7),
                               2 * (_a(x) ** 2 + _a(y) - 11) + 4 * _a(y) * (_a(x) + _a(y) ** 2 - 7)]),
        "(x^2 + y - 11)^2 + (x + y^2 - 7)^2", (-5.0, 5.0), (-5.0, 5.0), (3.0, 2.0)),
}


def names() -> tuple[str, ...]:
    return tuple(_SURFACES)


def get(name: str) -> Surface:
    if name not in _SURFACES:
        raise ValueError(f"unknown surface {name!r}; allowed: {', '.join(_SURFACES)}")
    return _SURFACES[name]()


def _fn(f):
    return f.f if isinstance(f, Surface) else f


def grid(f, x_range, y_range, n):
    """X, Y, Z on an n x n grid (``n`` may be a pair (nx, ny)); Z[i, j] = f(X[i, j], Y[i, j])."""
    f = _fn(f)
    nx, ny = (n, n) if np.ndim(n) == 0 else n
    nx, ny = positive_int(nx, "n"), positive_int(ny, "n")
    (x0, x1), (y0, y1) = x_range, y_range
    for v, w in ((x0, "x_range"), (x1, "x_range"), (y0, "y_range"), (y1, "y_range")):
        finite_number(v, w)
    if not (x0 < x1 and y0 < y1):
        raise ValueError("ranges must be increasing: (lo, hi) with lo < hi")
    X, Y = np.meshgrid(np.linspace(x0, x1, nx), np.linspace(y0, y1, ny))
    Z = np.broadcast_to(np.asarray(f(X, Y), dtype=float), X.shape).copy()
    return X, Y, Z


def gradient(f, x, y, h=None):
    """(df/dx, df/dy) at (x, y): the closed form for a Surface, else central differences."""
    if isinstance(f, Surface) and h is None:
        return np.asarray(f.grad(x, y), dtype=float)
    f = _fn(f)
    x, y = _a(x), _a(y)
    if h is None:
        h = np.finfo(float).eps ** (1 / 3)
    hx = (x + h * np.maximum(1, np.abs(x))) - x
    hy = (y + h * np.maximum(1, np.abs(y))) - y
    gx = (_a(f(x + hx, y)) - _a(f(x - hx, y))) / (2 * hx)
    gy = (_a(f(x, y + hy)) - _a(f(x, y - hy))) / (2 * hy)
    return np.stack(np.broadcast_arrays(gx, gy))


@dataclass(frozen=True)
class TangentPlane:
    """z = z0 + fx (x - x0) + fy (y - y0)."""

    x0: float
    y0: float
    z0: float
    fx: float
    fy: float

    @property
    def point(self):
        return (self.x0, self.y0, self.z0)

    @property
    def normal(self):
        n = np.array([-self.fx, -self.fy, 1.0])
        return n / np.linalg.norm(n)

    def __call__(self, x, y):
        z = self.z0 + self.fx * (_a(x) - self.x0) + self.fy * (_a(y) - self.y0)
        return z.item() if z.ndim == 0 else z

    def __repr__(self):
        return (f"TangentPlane(z = {self.z0:.6g} + {self.fx:.6g}(x - {self.x0:g}) "
                f"+ {self.fy:.6g}(y - {self.y0:g}))")


def tangent_plane(f, x0, y0, grad=None) -> TangentPlane:
    """The plane touching z = f(x, y) at (x0, y0); ``grad`` overrides the gradient."""
    x0, y0 = finite_number(x0, "x0"), finite_number(y0, "y0")
    z0 = float(_fn(f)(x0, y0))
    g = grad(x0, y0) if grad is not None else gradient(f, x0, y0)
    fx, fy = (float(v) for v in np.asarray(g, dtype=float).reshape(2))
    if not all(math.isfinite(v) for v in (z0, fx, fy)):
        raise ValueError(f"the surface is not finite or not differentiable at ({x0:g}, {y0:g})")
    return TangentPlane(x0, y0, z0, fx, fy)
