"""Section 4, the differential: dy = f'(x) dx along the tangent against the change Δy along the
curve, as dx shrinks; the gap Δy − dy shrinks like dx², so dy becomes the whole of Δy.

The lecture's example is drawn two ways: the video shows x³ at x = 1 on [-0.3, 2.2], dx from 1
down 100-fold (stopping at 0.45 of the first dx to open a 1/|dx| magnified inset); the slide GIF
shows e^x at x = 0.5 on [-0.4, 1.95] (y from -0.3 to 6.2), dx from 1.2 down to 0.01. A
lecturer's own function, point and range replace both, with one sweep: dx starts at 0.4 of the
range's width, to the right when there is room for it (at most 0.85 of the way to the end it
goes to), else to the left, else 0.85 of the way to the farther end, and shrinks 100-fold,
geometrically.

>>> lesson = from_options({"function": "x**2", "point": 1.0, "range": (-2.0, 2.0)})
>>> lesson.video.dx_start, lesson.video.dx_end      # 1.6 does not fit to the right: left
(-1.6, -0.016)
>>> s = lesson.video.sweep(2)
>>> [round(float(v), 12) for v in s.gap]            # (1 + dx)^2 - 1 - 2 dx = dx^2
[2.56, 0.000256]
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from mathcore import calculus, functions
from mathcore.functions import Function

from .derivative import CURVE_SAMPLES, REACH, Views, build, complete, reach  # noqa: F401

OPTIONS = frozenset({"function", "point", "range"})
WIDTH_PART = 0.4             # dx starts at this part of the range's width ...
SHRINK = 100.0               # ... and shrinks this many times
MID = 0.45                   # the video stops at this part of the first dx to open the inset
U_RANGE = (-0.25, 1.35)      # the inset's horizontal extent, in |dx| along dx's direction
ZOOM_SAMPLES = 60

def dx_start(x: float, lo: float, hi: float) -> float:
    """0.4 of the range's width, to the right when there is room for it, else to the left (at
    most 0.85 of the way to the end it goes to); else 0.85 of the way to the farther end."""
    step, right, left = WIDTH_PART * (hi - lo), hi - x, x - lo
    if REACH * right >= step:
        return step
    if REACH * left >= step:
        return -step
    return reach(x, lo, hi)


@dataclass(frozen=True)
class Steps:
    """What a renderer draws at each of n frames: dx (geometric), dy = f'(x) dx, Δy, the gap
    Δy − dy and gap / dx; and the magnified inset's picture, in units of |dx|: the curve's
    heights ``zoom_v[k]`` over the inset's ``u`` samples, dy / |dx| and Δy / |dx|."""

    dx: np.ndarray
    dy: np.ndarray
    delta: np.ndarray
    gap: np.ndarray
    ratio: np.ndarray
    zoom_v: np.ndarray
    dy_zoomed: np.ndarray
    delta_zoomed: np.ndarray

    def row(self, k: int) -> dict:
        """The five numbers read out at frame k."""
        return {key: float(getattr(self, key)[k]) for key in ("dx", "dy", "delta", "gap",
                                                               "ratio")}


@dataclass(frozen=True)
class Differentials:
    """One view of the section: f at x0 on ``x_range``, dx swept from dx_start to dx_end
    (``dx_mid`` on the way opens the video's inset). ``y_range`` is the view's fixed height (the
    lecture's slide) or None (fitted by the renderer to ``must_show_y``: the curve and the
    tangent's rise at the first dx)."""

    function: Function
    text: str
    x0: float
    x_range: tuple
    dx_start: float
    dx_end: float
    y_range: tuple | None = None
    fx: float = field(init=False)
    slope: float = field(init=False)
    dx_mid: float = field(init=False)
    curve_x: np.ndarray = field(init=False, repr=False)
    curve_y: np.ndarray = field(init=False, repr=False)
    tangent_y: np.ndarray = field(init=False, repr=False)   # the tangent over the range's ends
    must_show_y: np.ndarray = field(init=False, repr=False)
    zoom_u: np.ndarray = field(init=False, repr=False)      # the inset's u samples
    u_range: tuple = field(init=False)
    v_range: tuple = field(init=False)
    v_mid: float = field(init=False)                        # Δy / |dx| at dx_mid

    def __post_init__(self):
        tangent = calculus.tangent_line(self.function, self.x0)
        x = np.linspace(*self.x_range, CURVE_SAMPLES)
        with np.errstate(all="ignore"):
            y = np.broadcast_to(np.asarray(self.function.f(x), dtype=float), x.shape)
        mid = MID * self.dx_start
        _, d_mid = calculus.differential(self.function, self.x0, mid)
        s = float(np.sign(self.dx_start))
        u = tuple(sorted((s * U_RANGE[0], s * U_RANGE[1])))
        set_ = lambda k, v: object.__setattr__(self, k, v)   # noqa: E731 (frozen)
        set_("fx", tangent.fa)
        set_("slope", tangent.slope)
        set_("dx_mid", mid)
        set_("curve_x", x)
        set_("curve_y", y)
        set_("tangent_y", np.asarray(tangent(np.array(self.x_range)), dtype=float))
        set_("must_show_y", np.r_[y, tangent.fa + tangent.slope * self.dx_start])
        set_("zoom_u", np.linspace(*u, ZOOM_SAMPLES))
        set_("u_range", u)
        set_("v_mid", d_mid / abs(mid))
        set_("v_range", self._v_range(u))

    def _v_range(self, u) -> tuple:
        """The inset's heights: the tangent v = f'(x) u and the triangle at dx_mid, with room
        for the name "dx" on the side of the step away from the rise."""
        vs = np.array([0.0, self.slope * u[0], self.slope * u[1], self.v_mid])
        span = max(np.ptp(vs), 1.0)
        lo, hi = vs.min() - 0.1 * span, vs.max() + 0.1 * span
        if self.slope * np.sign(self.dx_start) >= 0:
            lo = min(lo, -0.2 * span)
        else:
            hi = max(hi, 0.2 * span)
        return float(lo), float(hi)

    def sweep(self, n: int, start: float | None = None, end: float | None = None) -> Steps:
        """n frames, dx geometric from ``start`` to ``end`` (default: the whole sweep), from
        mathcore's differential."""
        start = self.dx_start if start is None else start
        end = self.dx_end if end is None else end
        dx = np.geomspace(abs(start), abs(end), int(n)) * np.sign(self.dx_start)
        dy, delta = calculus.differential(self.function, self.x0, dx)
        adx = np.abs(dx)
        with np.errstate(all="ignore"):
            _, zoomed = calculus.differential(self.function, self.x0,
                                              np.outer(adx, self.zoom_u))
        return Steps(dx, dy, delta, delta - dy, (delta - dy) / dx, zoomed / adx[:, None],
                     dy / adx, delta / adx)

    def parameters(self) -> dict:
        return {"function": self.text, "point": self.x0, "range": list(self.x_range),
                "dx_start": self.dx_start, "dx_end": self.dx_end, "dx_mid": self.dx_mid,
                "shrink": self.dx_start / self.dx_end, "y_range": None if self.y_range is None else
                list(self.y_range)}


class DifferentialLesson(Views):
    """Section 4's example: ``video`` and ``slide`` are ``Differentials``."""


def lecture_example() -> DifferentialLesson:
    lo, hi = -0.3, 2.2
    start = dx_start(1.0, lo, hi)
    video = Differentials(functions.get("power", n=3), "x^3", 1.0, (lo, hi), start,
                          start / SHRINK)
    slide = Differentials(functions.get("exp"), "e^x", 0.5, (-0.4, 1.95), 1.2, 0.01,
                          (-0.3, 6.2))
    return DifferentialLesson(video, slide)


def own_example(fn: Function, text: str, x0: float, x_range: tuple) -> Differentials:
    start = dx_start(x0, *x_range)
    return Differentials(fn, text, x0, x_range, start, start / SHRINK)


def from_options(values: dict | None = None) -> DifferentialLesson:
    """The lesson for the lecturer's options (none: the lecture's own example)."""
    return build(values, lecture_example, own_example, DifferentialLesson)
