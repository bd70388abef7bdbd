"""Section 8: the tangent plane of z = sin x cos y.

Two views of one surface. The video walks the point of tangency around the circle
x^2 + y^2 = (pi/2)^2 and carries a square patch of the plane with it, ending on the peak
(pi/2, 0) where the plane is level; the slide GIF holds the plane at one point, (0.8, 0.6),
while its camera turns. The section takes no options.

>>> lesson = from_options()
>>> p = lesson.final
>>> round(p.z0, 12), round(p.fx, 12), round(p.fy, 12)
(1.0, 0.0, 0.0)
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from mathcore import surfaces

OPTIONS = frozenset()

SURFACE = "waves"                      # z = sin x cos y


def complete(values: dict) -> dict:
    """No options: nothing to fill in."""
    return dict(values)


@dataclass(frozen=True)
class Walk:
    """The planes along the video's path at ``len(s)`` evenly spaced angles: the point
    (x0, y0, z0), the slopes (fx, fy), and in 3D coordinates the plane's square patch
    (``sheet``, 4 corners), and its two lines along x and along y through the point."""

    s: np.ndarray
    x0: np.ndarray
    y0: np.ndarray
    z0: np.ndarray
    fx: np.ndarray
    fy: np.ndarray
    sheet: np.ndarray      # (n, 4, 3)
    along_x: np.ndarray    # (n, 2, 3)
    along_y: np.ndarray    # (n, 2, 3)

    def __len__(self):
        return len(self.s)

    def plane(self, k: int) -> surfaces.TangentPlane:
        return surfaces.TangentPlane(float(self.x0[k]), float(self.y0[k]), float(self.z0[k]),
                                     float(self.fx[k]), float(self.fy[k]))


@dataclass(frozen=True)
class Slide:
    """The GIF's still picture: the surface on an ``mesh`` x ``mesh`` grid, the plane at
    ``point`` and its patch on the surface's own grid nodes within ``half`` of the point (each
    plane face lies right above or below a surface face, so depth sorting puts the right one in
    front)."""

    point: tuple
    mesh: int
    half: float
    X: np.ndarray
    Y: np.ndarray
    Z: np.ndarray
    plane: surfaces.TangentPlane
    PX: np.ndarray
    PY: np.ndarray
    PZ: np.ndarray


@dataclass(frozen=True)
class TangentPlaneLesson:
    custom: bool = False
    surface_name: str = SURFACE
    radius: float = math.pi / 2            # the point walks the circle x^2 + y^2 = radius^2 ...
    s_start: float = math.pi / 4           # ... from this angle to this one
    s_end: float = 2 * math.pi
    patch: float = 0.9                     # the video's patch covers x0 +- patch, y0 +- patch
    mesh: int = 20                         # the video's surface faces per side
    level_tol: float = 5e-4                # slopes below this read as 0 (3 decimals)
    slide_point: tuple = (0.8, 0.6)        # the GIF's point of tangency
    slide_mesh: int = 19                   # the GIF's grid points per side (18 x 18 faces)
    slide_half: float = 1.1                # the GIF's patch: grid nodes within this of the point
    surface: surfaces.Surface = field(init=False, repr=False, compare=False)
    final: surfaces.TangentPlane = field(init=False, compare=False)
    slide: Slide = field(init=False, repr=False, compare=False)

    def __post_init__(self):
        s = surfaces.get(self.surface_name)
        object.__setattr__(self, "surface", s)
        object.__setattr__(self, "final", self.plane_at(self.s_end))
        object.__setattr__(self, "slide", self._slide())

    # --- the video's walk -----------------------------------------------------------------

    def path_xy(self, s):
        """The point of tangency at path angle ``s`` (the example's parameter)."""
        s = np.asarray(s, dtype=float)
        return self.radius * np.cos(s), self.radius * np.sin(s)

    def track(self, s) -> np.ndarray:
        """The point on the surface at path angle ``s``: (x, y, z)."""
        x, y = self.path_xy(s)
        return np.array([x, y, self.surface.f(x, y)], dtype=float)

    def plane_at(self, s: float) -> surfaces.TangentPlane:
        x, y = self.path_xy(s)
        return surfaces.tangent_plane(self.surface, float(x), float(y))

    def walk(self, n: int) -> Walk:
        """The planes at ``n`` evenly spaced angles from ``s_start`` to ``s_end`` (the scene asks
        for one per frame of its move)."""
        return _walk(self, int(n))

    @property
    def ends_level(self) -> bool:
        """The walk ends where both slopes read 0: the plane is level there."""
        return abs(self.final.fx) < self.level_tol and abs(self.final.fy) < self.level_tol

    # --- the slide ------------------------------------------------------------------------

    def _slide(self) -> Slide:
        s = self.surface
        X, Y, Z = surfaces.grid(s, s.x_range, s.y_range, self.slide_mesh)
        plane = surfaces.tangent_plane(s, *self.slide_point)
        cols = np.abs(X[0] - plane.x0) <= self.slide_half
        rows = np.abs(Y[:, 0] - plane.y0) <= self.slide_half
        PX, PY = X[np.ix_(rows, cols)], Y[np.ix_(rows, cols)]
        return Slide(tuple(self.slide_point), self.slide_mesh, self.slide_half, X, Y, Z, plane,
                     PX, PY, plane(PX, PY))

    def parameters(self) -> dict:
        return {"surface": self.surface_name, "formula": self.surface.formula,
                "path": {"radius": self.radius, "s_start": self.s_start, "s_end": self.s_end},
                "patch": self.patch, "mesh": self.mesh,
                "slide": {"point": list(self.slide_point), "mesh": self.slide_mesh,
                          "patch": self.slide_half}}


@lru_cache(maxsize=8)
def _walk(lesson: TangentPlaneLesson, n: int) -> Walk:
    ss = np.linspace(lesson.s_start, lesson.s_end, n)
    planes = [lesson.plane_at(s) for s in ss]
    r = lesson.patch

    def on(p, pts):
        return [(x, y, p(x, y)) for x, y in pts]

    sheet = [on(p, [(p.x0 - r, p.y0 - r), (p.x0 + r, p.y0 - r), (p.x0 + r, p.y0 + r),
                    (p.x0 - r, p.y0 + r)]) for p in planes]
    along_x = [on(p, [(p.x0 - r, p.y0), (p.x0 + r, p.y0)]) for p in planes]
    along_y = [on(p, [(p.x0, p.y0 - r), (p.x0, p.y0 + r)]) for p in planes]
    col = {k: np.array([getattr(p, k) for p in planes]) for k in ("x0", "y0", "z0", "fx", "fy")}
    return Walk(ss, **col, sheet=np.array(sheet), along_x=np.array(along_x),
                along_y=np.array(along_y))


def from_options(values: dict | None = None) -> TangentPlaneLesson:
    values = complete(dict(values or {}))
    if values:
        raise ValueError(f"the tangent plane takes no options, got {', '.join(sorted(values))}")
    return TangentPlaneLesson()
