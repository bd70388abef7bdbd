"""Section 7, tangent lines in 2D: a tangent travels along f, its slope read out and drawn as the
graph of f'; where f' = 0 the tangent lies flat.

One rule for the video and the slide GIF: ``range`` is what is drawn (the GIF's window; checked
by the options), and the tangent travels over its middle ``SWEEP_SHARE`` (1.9 / 2.2 of the half
width about the centre). The lecture's example is x^3 - 2x on [-2.2, 2.2], so the tangent
travels over [-1.9, 1.9] in both.

>>> lesson = from_options()
>>> lesson.sweep, [round(float(z), 6) for z in lesson.zeros]       # f' = 3x^2 - 2 = 0 at ±sqrt(2/3)
((-1.9, 1.9), [-0.816497, 0.816497])
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from mathcore import calculus, expr, functions, rules
from mathcore.functions import Function

# the integral's rule, as for every section that sweeps a range: a typed function without
# --range is drawn on [-3, 3]; {} stays {}
from .integral import OPTIONS, RANGE, complete  # noqa: F401  (this lesson's contract)

LECTURE_RANGE = (-2.2, 2.2)
SWEEP_SHARE = 1.9 / 2.2       # of the half range, about its centre: where the tangent travels
MAX_MARKED = 4                # zero-slope points the video visits and marks, at most
SAMPLES = 401                 # the curves' samples
SHOWN = 5e-7                  # a slope below the readout's precision reads 0, not 1.1e-16
# the video's tangent is HALF_LENGTH of the sweep's width long each side of its point and it
# travels TRAVEL_S seconds per sweep width (0.9 and 2 s per unit on the lecture's [-1.9, 1.9])
HALF_LENGTH = 0.9 / 3.8
TRAVEL_S = 2.0 * 3.8
AXES_PAD = 0.1 / 3.8          # the video's axes reach this much (of the sweep) past the sweep


def sweep_of(a: float, b: float) -> tuple[float, float]:
    """The interval the tangent travels over for the drawn range [a, b]."""
    c, half = 0.5 * (a + b), SWEEP_SHARE * 0.5 * (b - a)
    return (c - half, c + half)


def _values(fn, xs) -> np.ndarray:
    return np.asarray(fn(xs), dtype=float) * np.ones_like(xs)


@dataclass(frozen=True)
class TangentLesson:
    """f on ``range`` (the GIF's curve ``x``, ``y``, ``dy``), the ``sweep`` the tangent travels
    over (the video's curves ``sweep_x``, ``sweep_y``, ``sweep_dy``), the zero-slope points in
    the sweep (``zeros``; ``marked``: those the video stops at), and the tangent at any x."""

    function: Function
    range: tuple
    text: str | None = None
    sweep: tuple = field(init=False)
    x: np.ndarray = field(init=False)
    y: np.ndarray = field(init=False)
    dy: np.ndarray = field(init=False)
    sweep_x: np.ndarray = field(init=False)
    sweep_y: np.ndarray = field(init=False)
    sweep_dy: np.ndarray = field(init=False)
    zeros: np.ndarray = field(init=False)
    marked: np.ndarray = field(init=False)

    def __post_init__(self):
        put = object.__setattr__
        f = self.function
        put(self, "range", tuple(float(t) for t in self.range))
        put(self, "sweep", sweep_of(*self.range))
        put(self, "x", np.linspace(*self.range, SAMPLES))
        put(self, "y", _values(f.f, self.x))
        put(self, "dy", _values(f.df, self.x))
        put(self, "sweep_x", np.linspace(*self.sweep, SAMPLES))
        put(self, "sweep_y", _values(f.f, self.sweep_x))
        put(self, "sweep_dy", _values(f.df, self.sweep_x))
        zeros = np.asarray(calculus.roots(f.df, *self.sweep), dtype=float)
        put(self, "zeros", zeros)
        if len(zeros) > MAX_MARKED:    # spread evenly, the first and the last among them
            zeros = zeros[np.round(np.linspace(0, len(zeros) - 1, MAX_MARKED)).astype(int)]
        put(self, "marked", zeros)

    @property
    def custom(self) -> bool:
        return self.text is not None

    @property
    def width(self) -> float:
        """The sweep's width."""
        return self.sweep[1] - self.sweep[0]

    @property
    def half_length(self) -> float:
        """The video's tangent reaches this far (in x) each side of its point."""
        return HALF_LENGTH * self.width

    @property
    def travel_s(self) -> float:
        """The video's seconds of travel per unit of x."""
        return TRAVEL_S / self.width

    @property
    def axes_range(self) -> tuple[float, float]:
        """The video's x axis: the sweep and a little more each side (inside ``range``)."""
        pad = AXES_PAD * self.width
        return (self.sweep[0] - pad, self.sweep[1] + pad)

    def tangent(self, x: float) -> calculus.TangentLine:
        """The tangent at x (mathcore): its point (a, fa) and slope."""
        return calculus.tangent_line(self.function, float(x))

    def shown_slope(self, x: float) -> float:
        """The slope at x as the readout shows it: below SHOWN it reads 0."""
        m = self.tangent(x).slope
        return m if abs(m) >= SHOWN else 0.0

    def slopes(self, xs) -> np.ndarray:
        return np.array([self.tangent(x).slope for x in np.ravel(xs)])

    def rising(self, x0: float) -> bool:
        """True when f' rises through x0 (compared a fiftieth of the sweep each side)."""
        h = 0.02 * self.width
        df = self.function.df
        return float(df(min(x0 + h, self.sweep[1]))) > float(df(max(x0 - h, self.sweep[0])))

    def flat_half(self, x0: float) -> float:
        """Half the length of the flat line marking the zero-slope point x0: shorter where
        zero-slope points crowd."""
        gaps = np.abs(self.zeros - x0)
        return min([self.half_length / 2] + [0.4 * g for g in gaps if g > 0])

    def loop(self, n_frames: int) -> np.ndarray:
        """The GIF's path: from the sweep's start to its end and (almost) back, one period of
        a cosine (the end left out, so it loops without a jump)."""
        t = np.arange(n_frames) / n_frames
        c, half = 0.5 * (self.sweep[0] + self.sweep[1]), 0.5 * self.width
        return c - half * np.cos(2.0 * np.pi * t)

    def parameters(self) -> dict:
        return {"function": self.text or self.function.instance_formula,
                "range": list(self.range), "sweep": list(self.sweep),
                "zeros": [float(z) for z in self.zeros],
                "marked": [float(z) for z in self.marked], "max_marked": MAX_MARKED}


def from_options(values: dict | None = None) -> TangentLesson:
    values = complete(values or {})
    if "function" in values:
        return TangentLesson(expr.parse_function(values["function"]), values["range"],
                             values["function"])
    cubic = rules.sum_(functions.get("power", n=3), functions.get("affine", a=-2, b=0))
    return TangentLesson(cubic, LECTURE_RANGE)
