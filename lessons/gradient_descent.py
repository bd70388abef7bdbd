"""Section 11, gradient descent on a curve: a point steps down f by x <- x - eta f'(x) (PyTorch's
SGD with momentum mu: v <- mu v + f'(x), x <- x - eta v), then a learning rate too large
overshoots and diverges.

Two runs make the example, ``good`` then ``big``; a step that leaves the run's ``box`` counts as
diverged (mathcore's ``gradient_descent_in_box``). The lecture's own example has two looks: the
video's (f = x^2 + sin x) and the slide GIF's (f = x^2). A lecturer's options make one look that
both draw: her function on her range (default -3..3), her start (default 0.85 of the way to the
far end), her lr, steps and momentum; the big run starts at the same point with lr x k, k the
smallest of ``OVERSHOOT_FACTORS`` whose run leaves the range within ``OVERSHOOT_STEPS`` steps.

>>> lesson = from_options({"function": "x**2", "lr": 0.2})
>>> round(lesson.video.good.x0, 9), lesson.factor, lesson.slide is lesson.video
(2.1, 7.0, True)
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mathcore import expr, functions, optimize, rules
from mathcore.functions import Function

OPTIONS = frozenset({"function", "point", "range", "lr", "steps", "momentum"})
DEFAULTS = {"range": (-3.0, 3.0), "lr": 0.1, "steps": 30, "momentum": 0.0}
START_AT = 0.85             # a descent without --point starts this far along the range
OVERSHOOT_FACTORS = (1.5, 2, 3, 4, 5, 7, 10, 15, 20, 30, 50, 100, 1000)
OVERSHOOT_STEPS = 12        # the big run: it must leave the range within this many steps
SETTLE_STEPS = 10_000       # the long run that finds where the first run settles

LECTURE_TEXT = "x**2 + sin(x)"     # the video's f: one clear minimum, not symmetric about it
VIDEO_RANGE = (-3.2, 3.2)          # the video's curve; leaving it counts as diverged
SLIDE_FUNCTION = ("power", {"n": 2})   # the slide's f = x^2
SLIDE_BOX = (-5.0, 5.0)            # the slide's big run stops where it leaves the view
SLIDE_VIEWS = ((-2.4, 2.4), (-5.6, 5.6))   # the slide's two panels


def lecture_function() -> Function:
    return rules.sum_(functions.get("power", n=2), functions.get("sin"))


def complete_descent(values: dict, defaults: dict, start) -> dict:
    """A descent's defaults: any option brings lr, steps and momentum; a typed function brings
    its range and ``start(range)``. ``{}`` stays ``{}``."""
    out = dict(values)
    if out:
        for k in ("lr", "steps", "momentum"):
            out.setdefault(k, defaults[k])
    if "function" in out:
        out.setdefault("range", defaults["range"])
        out.setdefault("point", start(out["range"]))
    return out


def complete(values: dict) -> dict:
    """The defaults the given options imply (a start 0.85 of the way along her range)."""
    return complete_descent(values, DEFAULTS, lambda r: r[0] + START_AT * (r[1] - r[0]))


@dataclass(frozen=True)
class Run:
    """One descent as drawn: its start, rate and step budget, the box whose edge counts as
    diverging, the x range its curve is drawn on, and mathcore's trajectory ``path``."""

    x0: float
    lr: float
    steps: int
    box: tuple
    view: tuple
    path: optimize.Trajectory

    @property
    def diverged(self) -> bool:
        return self.path.diverged


@dataclass(frozen=True)
class Look:
    """The two runs one renderer draws: the chosen rate, then one too large."""

    function: Function
    good: Run
    big: Run


def descend(fn: Function, x0, lr, steps, box, view=None, momentum=0.0) -> Run:
    """Gradient descent from ``x0`` where leaving ``box`` counts as diverging."""
    path = optimize.gradient_descent_in_box(fn.df, x0, lr, steps, *box, momentum=momentum, f=fn.f)
    return Run(float(x0), float(lr), int(steps), tuple(box), tuple(view or box), path)


def overshoot_factor(fn: Function, x0, lr, box, momentum=0.0) -> float:
    """The smallest k of OVERSHOOT_FACTORS whose run (lr x k) leaves ``box`` within
    OVERSHOOT_STEPS steps; the largest if none does."""
    return next((k for k in OVERSHOOT_FACTORS
                 if descend(fn, x0, lr * k, OVERSHOOT_STEPS, box, momentum=momentum).diverged),
                OVERSHOOT_FACTORS[-1])


def settle(fn: Function, good: Run):
    """Where a long descent from the end of ``good`` settles (its lr, then smaller ones until
    one converges inside the box), or None: ``good`` diverged, or none converged."""
    if good.diverged:
        return None
    for lr in good.lr * np.array([1, 0.5, 0.25, 0.125]):
        star = optimize.gradient_descent(fn.df, float(good.path.final[0]), lr, SETTLE_STEPS,
                                         f=fn.f, tol=1e-12)
        if star.converged and good.box[0] <= star.final[0] <= good.box[1]:
            return star
    return None


@dataclass(frozen=True)
class GradientDescentLesson:
    """``video`` (the scene's two runs) and ``slide`` (the GIF's; the same object once options
    are given); ``minimum``: where the video's first run settles (a converged mathcore
    trajectory, or None); ``diverged``: the chosen rate's run left the range."""

    custom: bool
    function_text: str          # as typed, or the lecture's
    momentum: float
    factor: float               # the big run's lr / the good run's (1 for the lecture's own)
    video: Look
    slide: Look
    minimum: optimize.Trajectory | None
    arrow_scale: float          # the video's gradient arrow: axis units per unit of slope

    @property
    def function(self) -> Function:
        return self.video.function

    @property
    def typed(self) -> bool:
        return self.function_text != LECTURE_TEXT

    @property
    def diverged(self) -> bool:
        return self.video.good.diverged

    @staticmethod
    def curve(fn: Function, view, n: int = 401) -> tuple[np.ndarray, np.ndarray]:
        """``n`` samples of f across ``view`` (the curve both renderers fit their axes to)."""
        x = np.linspace(*view, n)
        with np.errstate(all="ignore"):
            return x, np.broadcast_to(np.asarray(fn.f(x), dtype=float), x.shape).copy()

    def parameters(self) -> dict:
        g, b = self.video.good, self.video.big
        return {"function": self.function_text, "range": list(g.box), "point": g.x0,
                "lr": g.lr, "steps": g.steps, "momentum": self.momentum,
                "overshoot": {"point": b.x0, "lr": b.lr, "steps": b.steps,
                              "factor": self.factor},
                "diverged": self.diverged,
                "minimum": None if self.minimum is None else float(self.minimum.final[0])}


def _lecture() -> GradientDescentLesson:
    fn = lecture_function()
    video = Look(fn, descend(fn, 2.5, 0.2, 10, VIDEO_RANGE),
                 descend(fn, 0.0, 1.1, 12, VIDEO_RANGE))
    sq = functions.get(SLIDE_FUNCTION[0], **SLIDE_FUNCTION[1])
    slide = Look(sq, descend(sq, 2.0, 0.1, 25, SLIDE_BOX, SLIDE_VIEWS[0]),
                 descend(sq, 2.0, 1.05, 40, SLIDE_BOX, SLIDE_VIEWS[1]))
    return GradientDescentLesson(False, LECTURE_TEXT, 0.0, 1.0, video, slide,
                                 settle(fn, video.good), 0.14)


def from_options(values: dict | None = None) -> GradientDescentLesson:
    values = complete(dict(values or {}))
    if not values:
        return _lecture()
    text = values.get("function", LECTURE_TEXT)
    fn = expr.parse_function(text) if "function" in values else lecture_function()
    box = tuple(values.get("range", VIDEO_RANGE))
    x0 = values.get("point", 2.5)
    lr, steps, mu = values["lr"], int(values["steps"]), values["momentum"]
    k = overshoot_factor(fn, x0, lr, box, mu)
    good = descend(fn, x0, lr, steps, box, momentum=mu)
    look = Look(fn, good, descend(fn, x0, lr * k, OVERSHOOT_STEPS, box, momentum=mu))
    # the longest arrow (the steepest slope drawn) about 0.15 of the width, as in the lecture's
    xs = np.linspace(*box, 401)
    with np.errstate(all="ignore"):
        steep = float(np.max(np.abs(np.broadcast_to(fn.df(xs), xs.shape)))) or 1.0
    return GradientDescentLesson(True, text, mu, float(k), look, look, settle(fn, good),
                                 0.15 * (box[1] - box[0]) / steep)
