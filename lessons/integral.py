"""Section 6, the integral: Riemann rectangles under a curve refine toward the area.

The lecture's example is drawn two ways: the video sums sin x + x/2 + 1 on [0, 5] with the left
rule for n = 4 ... 64; the slide GIF puts the left, right and midpoint rules side by side for
x^2 on [0, 2], n = 2 ... 64. A lecturer's own function and range replace both, so that the video
and the GIF then sum the same function on the same range (the video's sums are the GIF's left
sums from n = 4 on).

>>> lesson = from_options({"function": "x**2", "range": (0.0, 3.0)})
>>> round(lesson.video.integral, 12), float(lesson.video.sums["left"][0])  # 0.75 (0 + .75^2 + ...)
(9.0, 5.90625)
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from mathcore import calculus, expr, functions, rules
from mathcore.functions import Function

OPTIONS = frozenset({"function", "range"})
RANGE = (-3.0, 3.0)                  # a typed function without --range
VIDEO_NS = (4, 8, 16, 32, 64)
SLIDE_NS = (2, 4, 8, 16, 32, 64)     # n doubles; each rectangle splits in two
VIDEO_RULES = ("left",)
SLIDE_RULES = ("left", "right", "midpoint")
CURVE_SAMPLES = 401                  # the curve's samples on [a, b]
PAST_B = 0.06                        # the video's curve may go on this far past b (of b - a)


def complete(values: dict) -> dict:
    """A typed function without ``range`` is summed on [-3, 3]; ``{}`` stays ``{}``."""
    out = dict(values)
    if "function" in out:
        out.setdefault("range", RANGE)
    if "range" in out:
        out["range"] = tuple(float(t) for t in out["range"])
    return out


def _samples(edges: np.ndarray, rule: str) -> np.ndarray:
    """Where ``rule`` reads f in each rectangle (the dots the GIF draws)."""
    return {"left": edges[:-1], "right": edges[1:],
            "midpoint": 0.5 * (edges[:-1] + edges[1:])}[rule]


@dataclass(frozen=True)
class SignedPart:
    """One stretch of [a, b] where f keeps its sign: the centroid (cx, cy) of its area and the
    height of f at its peak (|f| largest), where the scene writes + or -."""

    cx: float
    cy: float
    peak: float

    @property
    def sign(self) -> str:
        return "+" if self.cy > 0 else "-"


@dataclass(frozen=True)
class Riemann:
    """Every number one view of the section draws: f on [a, b], the integral (adaptive
    quadrature), and per rule, per n, the rectangles (``partitions[rule][k]``), the points where
    f is read (``samples``), the sums and their errors against the integral."""

    function: Function
    a: float
    b: float
    ns: tuple
    rules: tuple
    integral: float = field(init=False)
    partitions: dict = field(init=False)
    samples: dict = field(init=False)
    sums: dict = field(init=False)
    errors: dict = field(init=False)
    x: np.ndarray = field(init=False)       # the curve, CURVE_SAMPLES points on [a, b]
    y: np.ndarray = field(init=False)

    def __post_init__(self):
        f, a, b = self.function, self.a, self.b
        put = object.__setattr__
        put(self, "integral", calculus.integrate(f, a, b))
        parts = {r: [calculus.riemann_rectangles(f, a, b, n, r) for n in self.ns]
                 for r in self.rules}
        put(self, "partitions", parts)
        put(self, "samples", {r: [_samples(p.edges, r) for p in ps] for r, ps in parts.items()})
        put(self, "sums", {r: np.array([p.total for p in ps]) for r, ps in parts.items()})
        put(self, "errors", {r: s - self.integral for r, s in self.sums.items()})
        put(self, "x", np.linspace(a, b, CURVE_SAMPLES))
        put(self, "y", np.asarray(f.f(self.x), dtype=float) * np.ones_like(self.x))

    def split(self, rule: str, k: int) -> np.ndarray:
        """The heights of level k's rectangles, each cut in two: where level k + 1 starts from."""
        return np.repeat(self.partitions[rule][k].heights, 2)

    def morph(self, rule: str, k: int, t: float) -> np.ndarray:
        """Heights on level k + 1's edges a fraction ``t`` of the way from the split level k."""
        return (1 - t) * self.split(rule, k) + t * self.partitions[rule][k + 1].heights

    def _fine(self) -> tuple[np.ndarray, np.ndarray]:
        xs = np.linspace(self.a, self.b, 801)
        return xs, np.asarray(self.function.f(xs), dtype=float) * np.ones_like(xs)

    @property
    def signed(self) -> bool:
        """True when f dips below 0 on [a, b] (the area then counts that part negative)."""
        return bool(self._fine()[1].min() < 0)

    def past_b(self) -> tuple[np.ndarray, np.ndarray]:
        """f a little past b (PAST_B of the width, 21 points; nan where undefined): the video
        draws the curve on to there when it stays in its window."""
        w = self.b - self.a
        xs = np.linspace(self.b, self.b + PAST_B * w, 21)
        with np.errstate(all="ignore"):
            try:
                ys = np.asarray(self.function.f(xs), dtype=float) * np.ones_like(xs)
            except (ArithmeticError, ValueError):
                ys = np.full_like(xs, np.nan)
        return xs, ys

    def signed_parts(self) -> list[SignedPart]:
        """The parts of the area above and below the x axis when f changes sign on [a, b]."""
        xs, ys = self._fine()
        if ys.min() >= 0 or ys.max() <= 0:
            return []
        cuts = np.flatnonzero(np.diff(np.sign(ys))) + 1
        out = []
        for x, y in zip(np.split(xs, cuts), np.split(ys, cuts)):
            if len(x) < 2 or not np.any(y):
                continue
            out.append(SignedPart(cx=float(np.sum(x * np.abs(y)) / np.sum(np.abs(y))),
                                  cy=float(np.sum(y * y / 2) / np.sum(y)),
                                  peak=float(y[np.argmax(np.abs(y))])))
        return out


@dataclass(frozen=True)
class IntegralLesson:
    """The section's example: ``video`` (the scene's view: left sums for VIDEO_NS) and ``slide``
    (the GIF's: three rules for SLIDE_NS); with options both sum ``text`` on ``range``."""

    video: Riemann
    slide: Riemann
    text: str | None = None      # the lecturer's function as typed; None: the lecture's

    @property
    def custom(self) -> bool:
        return self.text is not None

    def parameters(self) -> dict:
        v, s = self.video, self.slide
        return {"function": self.text or v.function.instance_formula,
                "range": [v.a, v.b], "video": {"ns": list(v.ns), "rules": list(v.rules)},
                "slide": {"function": self.text or s.function.instance_formula,
                          "range": [s.a, s.b], "ns": list(s.ns), "rules": list(s.rules)},
                "integral": v.integral}


def from_options(values: dict | None = None) -> IntegralLesson:
    values = complete(values or {})
    if "function" in values:
        f = expr.parse_function(values["function"])
        a, b = values["range"]
        return IntegralLesson(Riemann(f, a, b, VIDEO_NS, VIDEO_RULES),
                              Riemann(f, a, b, SLIDE_NS, SLIDE_RULES), values["function"])
    video = rules.sum_(functions.get("sin"), functions.get("affine", a=0.5, b=1))
    return IntegralLesson(Riemann(video, 0.0, 5.0, VIDEO_NS, VIDEO_RULES),
                          Riemann(functions.get("power", n=2), 0.0, 2.0, SLIDE_NS, SLIDE_RULES))
