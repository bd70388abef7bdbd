"""Section 12, gradient descent on a surface f(x, y): bold(x) <- bold(x) - eta grad f (PyTorch's
SGD with momentum mu), seen in 3D and on the contour map; and the optimizers race (plain descent,
momentum, RMSProp, Adam) on one elongated bowl.

The lecture's own example has two looks: the video's (two learning rates on the elongated bowl
0.5 x^2 + 2.5 y^2) and the slide GIF's (one run on sin x cos y). A lecturer's options make one
run that both draw: her surface on her range for both axes (default -3..3; without --function,
the video's bowl on its own ranges), her start (default (2.5, 2.0); without --function, the
video's), her lr, steps and momentum; a step that leaves the range counts as diverged. The
race takes no options: it is always the lecture's.

>>> lesson = from_options({"function": "x**2 + 3*y**2", "steps": 2})
>>> lesson.video.start, lesson.video.runs[0].points[-1].round(6).tolist()
((2.5, 2.0), [1.6, 0.32])
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mathcore import expr, optimize, surfaces
from mathcore.surfaces import Surface

from .gradient_descent import complete_descent

OPTIONS = frozenset({"function", "point", "range", "lr", "steps", "momentum"})
DEFAULTS = {"range": (-3.0, 3.0), "point": (2.5, 2.0), "lr": 0.1, "steps": 40, "momentum": 0.0}
QUANTILES = (0.02, 0.08, 0.18, 0.32, 0.5, 0.72)   # of f on the grid: a typed surface's contours
GRID = 61                                         # the video's contour grid, points per side

VIDEO_SURFACE = "ellipse"     # 0.5 x^2 + 2.5 y^2: a long, narrow valley
VIDEO_START = (-2.6, 1.5)
VIDEO_ETAS = (0.1, 0.36)      # a small and a large learning rate
VIDEO_STEPS = 16
VIDEO_LEVELS = (0.25, 1.0, 2.5, 5.0, 9.0, 13.0)
VIDEO_Z_RANGE = (0.0, 15.0)

SLIDE_SURFACE = "waves"       # sin x cos y: the start sits near a saddle, the path curves
SLIDE_START, SLIDE_LR, SLIDE_STEPS = (0.8, 0.4), 0.2, 30
SLIDE_MESH, SLIDE_GRID = 25, 121   # the 3D surface's grid (coarse), the contour map's

RACE_SURFACE = "ellipse"      # five times steeper across than along
RACE_START, RACE_STEPS = (-2.6, 1.6), 50
RACE_RUNS = (("gd", 0.35), ("momentum", 0.02), ("rmsprop", 0.05), ("adam", 0.2))
RACE_GRID = 161
RACE_LEVELS = (0.05, 0.25, 0.75, 1.5, 2.5, 4.0, 6.0, 8.5, 11.5)


def complete(values: dict) -> dict:
    """The defaults the given options imply (a typed surface starts at (2.5, 2.0))."""
    return complete_descent(values, DEFAULTS, lambda r: DEFAULTS["point"])


def level_segments(X, Y, Z, level) -> list[tuple]:
    """Marching squares: the pieces ((x, y), (x, y)) of the curve Z = level across the grid.

    Each grid cell whose corners straddle ``level`` contributes one or two segments between the
    points where its edges cross the level (linear interpolation along the edge)."""
    segs = []
    ny, nx = Z.shape
    for i in range(ny - 1):
        for j in range(nx - 1):
            # corners counter-clockwise: (i, j), (i, j+1), (i+1, j+1), (i+1, j)
            c = [(i, j), (i, j + 1), (i + 1, j + 1), (i + 1, j)]
            v = [Z[a, b] - level for a, b in c]
            above = [x > 0 for x in v]
            if all(above) or not any(above):
                continue
            cuts = []
            for e in range(4):
                a, b = e, (e + 1) % 4
                if above[a] != above[b]:
                    t = v[a] / (v[a] - v[b])
                    (ia, ja), (ib, jb) = c[a], c[b]
                    cuts.append((X[ia, ja] + t * (X[ib, jb] - X[ia, ja]),
                                 Y[ia, ja] + t * (Y[ib, jb] - Y[ia, ja])))
            if len(cuts) == 2:
                segs.append((cuts[0], cuts[1]))
            else:  # a saddle cell: the centre's side (mean of the corners) says which two
                # opposite corners it joins; the cuts then cut off the other two corners
                if (np.mean(v) > 0) == above[0]:   # corners 0 and 2 joined: cut off 1 and 3
                    segs += [(cuts[0], cuts[1]), (cuts[2], cuts[3])]
                else:                               # corners 1 and 3 joined: cut off 0 and 2
                    segs += [(cuts[3], cuts[0]), (cuts[1], cuts[2])]
    return segs


def descend(s: Surface, start, lr, steps, x_range, y_range, momentum=0.0, box=True):
    """One run from ``start``; with ``box``, a step leaving the ranges counts as diverged and
    only the points inside are kept."""
    x0 = np.asarray(start, float)
    if not box:
        return optimize.gradient_descent(s.grad_xy, x0, lr, steps, momentum=momentum, f=s.f_xy)
    return optimize.gradient_descent_in_box(s.grad_xy, x0, lr, steps, (x_range[0], y_range[0]),
                                            (x_range[1], y_range[1]), momentum=momentum,
                                            f=s.f_xy)


@dataclass(frozen=True)
class Video:
    """What the scene draws: the surface on its ranges, one run per learning rate (mathcore
    trajectories), the contour levels and their marching-squares pieces, the z range drawn."""

    surface: Surface
    x_range: tuple
    y_range: tuple
    start: tuple
    etas: tuple
    steps: int
    momentum: float
    runs: tuple
    levels: tuple
    z_range: tuple
    contours: dict

    def shown_point(self, p) -> tuple:
        """A point rounded to 1e-5 of the range drawn, so a coordinate at 1e-16 reads as 0."""
        width = max(self.x_range[1] - self.x_range[0], self.y_range[1] - self.y_range[0])
        q = 10.0 ** (np.floor(np.log10(width)) - 5)
        return tuple(float(np.round(v / q) * q) + 0.0 for v in p)


@dataclass(frozen=True)
class Slide:
    """What the slide GIF draws: the surface on a coarse ``mesh`` and a fine contour ``grid``
    (X, Y, Z each), one run ``path``, and the minimum it marks (or None)."""

    surface: Surface
    x_range: tuple
    y_range: tuple
    path: optimize.Trajectory
    mesh: tuple
    grid: tuple
    minimum: tuple | None


@dataclass(frozen=True)
class Race:
    """The optimizers race: one mathcore trajectory per (method, lr), in the legend's order."""

    surface: Surface
    start: tuple
    steps: int
    paths: dict
    grid: tuple
    levels: tuple


@dataclass(frozen=True)
class GradientDescent3dLesson:
    """``video`` (the scene's), ``slide`` (the GIF's: the video's surface and run once options
    are given), ``race`` (the optimizers GIF's); ``typed``: her own surface; ``diverged``: a run
    of the video left the range."""

    custom: bool
    typed: bool
    function_text: str
    video: Video
    slide: Slide
    race: Race

    @property
    def diverged(self) -> bool:
        return any(t.diverged for t in self.video.runs)

    def parameters(self) -> dict:
        v = self.video
        return {"function": self.function_text, "range": [list(v.x_range), list(v.y_range)],
                "point": list(v.start), "lr": list(v.etas), "steps": v.steps,
                "momentum": v.momentum, "diverged": [t.diverged for t in v.runs],
                "end": [t.final.tolist() for t in v.runs],
                "levels": list(v.levels)}


def _levels(s: Surface, Z, typed: bool) -> tuple[tuple, tuple]:
    """The contour heights and the z range drawn: the lecture's, or quantiles of her surface's
    values (so the rings spread over the map) and their extent."""
    if not typed:
        return VIDEO_LEVELS, VIDEO_Z_RANGE
    z0, z1 = float(np.min(Z)), float(np.max(Z))
    if not z1 - z0 > 1e-9 * max(1.0, abs(z0)):    # a flat surface: one unit of height
        z1 = z0 + 1.0
    return tuple(float(v) for v in np.unique(np.quantile(Z, QUANTILES))), (z0, z1)


def _video(s, x_range, y_range, start, etas, steps, momentum, typed, box) -> Video:
    runs = tuple(descend(s, start, eta, steps, x_range, y_range, momentum, box) for eta in etas)
    X, Y, Z = surfaces.grid(s, x_range, y_range, GRID)
    levels, z_range = _levels(s, Z, typed)
    return Video(s, tuple(x_range), tuple(y_range), tuple(float(v) for v in start), tuple(etas),
                 int(steps), float(momentum), runs, levels, z_range,
                 {lv: level_segments(X, Y, Z, lv) for lv in levels})


def _slide(s, x_range, y_range, path, typed) -> Slide:
    mesh = surfaces.grid(s, x_range, y_range, SLIDE_MESH)
    grid = surfaces.grid(s, x_range, y_range, SLIDE_GRID)
    minimum = s.minimum
    if minimum is None and typed:      # the lowest grid node, if it lies inside the square
        CX, CY, CZ = grid
        i, j = np.unravel_index(np.argmin(CZ), CZ.shape)
        if 0 < i < SLIDE_GRID - 1 and 0 < j < SLIDE_GRID - 1:
            minimum = (float(CX[i, j]), float(CY[i, j]))
    return Slide(s, tuple(x_range), tuple(y_range), path, mesh, grid, minimum)


def race() -> Race:
    s = surfaces.get(RACE_SURFACE)
    paths = {m: optimize.minimize(s.grad_xy, np.asarray(RACE_START, float), lr, RACE_STEPS,
                                  method=m, f=s.f_xy) for m, lr in RACE_RUNS}
    return Race(s, RACE_START, RACE_STEPS, paths,
                surfaces.grid(s, s.x_range, s.y_range, RACE_GRID), RACE_LEVELS)


def from_options(values: dict | None = None) -> GradientDescent3dLesson:
    values = complete(dict(values or {}))
    if not values:
        s = surfaces.get(VIDEO_SURFACE)
        video = _video(s, s.x_range, s.y_range, VIDEO_START, VIDEO_ETAS, VIDEO_STEPS, 0.0,
                       False, box=False)
        w = surfaces.get(SLIDE_SURFACE)
        slide = _slide(w, w.x_range, w.y_range,
                       descend(w, SLIDE_START, SLIDE_LR, SLIDE_STEPS, w.x_range, w.y_range,
                               box=False), False)
        return GradientDescent3dLesson(False, False, s.formula, video, slide, race())
    typed = "function" in values
    if typed:
        s = expr.parse_surface(values["function"])
        x_range = y_range = tuple(values["range"])
    else:
        s = surfaces.get(VIDEO_SURFACE)
        x_range, y_range = s.x_range, s.y_range
    start = tuple(values.get("point", VIDEO_START))
    video = _video(s, x_range, y_range, start, (values["lr"],), values["steps"],
                   values["momentum"], typed, box=True)
    slide = _slide(s, x_range, y_range, video.runs[0], typed)
    return GradientDescent3dLesson(True, typed, values.get("function", s.formula), video, slide,
                                   race())
