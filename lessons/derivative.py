"""Section 1, the derivative: the secant through (a, f(a)) and (a+h, f(a+h)) turns into the
tangent as h shrinks toward 0.

The lecture's example is x^2 at a = 1, drawn two ways: the video on [-0.5, 3.2] with h from 0.85
of the way to the farther end (1.87) down 200-fold; the slide GIF on [-0.6, 3.4] (y from -1.5
to 10.5) with h from 2 down to 0.01. A lecturer's own function, point and range replace both:
the video and the GIF then draw the same curve on the same range with the same h sweep, h
starting 0.85 of the way to the farther end of the range (negative when that end is on the
left) and shrinking 200-fold, geometrically.

>>> lesson = from_options({"function": "x**3", "point": 1.0, "range": (-2.0, 2.0)})
>>> lesson.video.h_start, lesson.video.h_end, lesson.video.derivative
(-2.55, -0.01275, 3.0)
>>> [round(float(s), 6) for s in lesson.video.sweep(3).slopes]   # 3 + 3h + h^2
[1.8525, 2.491576, 2.961913]
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from mathcore import calculus, expr, functions
from mathcore.functions import Function

OPTIONS = frozenset({"function", "point", "range"})
RANGE = (-3.0, 3.0)          # a typed function without --range
POINT = 1.0                  # ... without --point (moved into the range when outside it)
REACH = 0.85                 # h starts this far along the way to the farther end of the range
SHRINK = 200.0               # and shrinks this many times
CURVE_SAMPLES = 401
VIDEO_FRAMES = 60            # sweep samples when a renderer does not say how many
SLIDE_FRAMES = 100


def complete(values: dict) -> dict:
    """A typed function without ``range`` is drawn on [-3, 3]; without ``point``, a = 1 moved
    into the range. ``{}`` stays ``{}`` (the lecture's example)."""
    out = dict(values)
    if "function" in out:
        out["range"] = tuple(float(t) for t in out.get("range", RANGE))
        a, b = out["range"]
        out["point"] = float(out["point"]) if "point" in out else min(max(POINT, a), b)
    return out


def reach(a: float, lo: float, hi: float, part: float = REACH) -> float:
    """``part`` of the way from a to the farther end of [lo, hi], signed (negative: leftward)."""
    return part * (hi - a) if hi - a >= a - lo else -part * (a - lo)


def typed(values: dict) -> tuple[Function, str, float, tuple]:
    """The lecturer's function (parsed), its text, the point and the range, from completed
    options."""
    if "function" not in values:
        raise ValueError("--range and --point go with --function (the lecture's own example "
                         "has its own)")
    text = values["function"]
    return expr.parse_function(text), text, float(values["point"]), tuple(values["range"])


@dataclass(frozen=True)
class Sweep:
    """What a renderer draws at each of n frames: h (geometric from h_start to h_end), the
    secant's slope, its second point q = (a + h, f(a + h)), and its heights over the range's
    ends (``secant_y[k]``: two numbers)."""

    h: np.ndarray
    slopes: np.ndarray
    q: np.ndarray
    secant_y: np.ndarray


@dataclass(frozen=True)
class Secants:
    """One view of the section: f at a on ``x_range``, h swept from h_start to h_end. ``y_range``
    is the view's fixed height (the lecture's slide) or None (the renderer fits it to the
    curve ``curve_x``, ``curve_y``)."""

    function: Function
    text: str          # the function as typed, or the lecture's "x^2"
    a: float
    x_range: tuple
    h_start: float
    h_end: float
    y_range: tuple | None = None
    fa: float = field(init=False)
    derivative: float = field(init=False)
    curve_x: np.ndarray = field(init=False, repr=False)
    curve_y: np.ndarray = field(init=False, repr=False)
    tangent_y: np.ndarray = field(init=False, repr=False)   # the tangent over the range's ends

    def __post_init__(self):
        tangent = calculus.tangent_line(self.function, self.a)
        x = np.linspace(*self.x_range, CURVE_SAMPLES)
        with np.errstate(all="ignore"):
            y = np.broadcast_to(np.asarray(self.function.f(x), dtype=float), x.shape)
        ends = np.asarray(tangent(np.array(self.x_range)), dtype=float)
        for k, v in (("fa", tangent.fa), ("derivative", tangent.slope), ("curve_x", x),
                     ("curve_y", y), ("tangent_y", ends)):
            object.__setattr__(self, k, v)

    def sweep(self, n: int) -> Sweep:
        """The n frames of the sweep (mathcore's secant slopes)."""
        h = np.geomspace(abs(self.h_start), abs(self.h_end), int(n)) * np.sign(self.h_start)
        slopes = np.asarray(calculus.secant_slope(self.function, self.a, h), dtype=float)
        qy = np.broadcast_to(np.asarray(self.function.f(self.a + h), dtype=float), h.shape)
        ends = np.array(self.x_range) - self.a
        return Sweep(h, slopes, np.stack([self.a + h, qy], 1), self.fa + np.outer(slopes, ends))

    def parameters(self) -> dict:
        return {"function": self.text, "point": self.a, "range": list(self.x_range),
                "h_start": self.h_start, "h_end": self.h_end, "reach": REACH,
                "shrink": self.h_start / self.h_end, "y_range": None if self.y_range is None else
                list(self.y_range)}


@dataclass(frozen=True)
class Views:
    """A section's example seen two ways: ``video`` (the scene's view) and ``slide`` (the
    GIF's); one and the same view when the lecturer chose her own example (``custom``)."""

    video: object
    slide: object
    custom: bool = False

    def parameters(self) -> dict:
        p = self.video.parameters()
        if self.slide is not self.video:
            p["slide"] = self.slide.parameters()
        return p


def build(values: dict | None, lecture, own, cls):
    """``lecture()`` without options, else ``cls`` with the one view ``own(function, text,
    point, range)`` for the completed options."""
    values = complete(values or {})
    if not values:
        return lecture()
    view = own(*typed(values))
    return cls(view, view, custom=True)


class DerivativeLesson(Views):
    """Section 1's example: ``video`` and ``slide`` are ``Secants``."""


def lecture_example() -> DerivativeLesson:
    square = functions.get("power", n=2)
    lo, hi = -0.5, 3.2
    h0 = reach(1.0, lo, hi)
    video = Secants(square, "x^2", 1.0, (lo, hi), h0, h0 / SHRINK)
    slide = Secants(square, "x^2", 1.0, (-0.6, 3.4), 2.0, 0.01, (-1.5, 10.5))
    return DerivativeLesson(video, slide)


def own_example(fn: Function, text: str, a: float, x_range: tuple) -> Secants:
    h0 = reach(a, *x_range)
    return Secants(fn, text, a, x_range, h0, h0 / SHRINK)


def from_options(values: dict | None = None) -> DerivativeLesson:
    """The lesson for the lecturer's options (none: the lecture's own example)."""
    return build(values, lecture_example, own_example, DerivativeLesson)
