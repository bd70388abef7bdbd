"""Section 2: the lecture's table of common derivatives, each function beside its derivative.

The table shows the general formula; the graph beside it draws f and f' with concrete parameters
(n = 3, a = 2), on the function's real domain cut to a window chosen per function. The section
takes no options: ``from_options()`` is the lecture's table.

>>> lesson = from_options()
>>> [r.name for r in lesson.rows][:3], lesson.row("power").params
(['power', 'exp', 'exp_base'], {'n': 3.0})
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from mathcore import functions

OPTIONS = frozenset()

#: concrete parameters for the graphs (the table shows the general formula)
PARAMS = {"power": {"n": 3}, "exp_base": {"a": 2}, "log_base": {"a": 2}}
#: where each graph is drawn: x window, y window, tick steps (the domain cuts it further)
VIEWS = {
    "power":    ((-2.2, 2.2), (-4.0, 6.0), 1, 2),
    "exp":      ((-3.0, 2.2), (-1.0, 6.0), 1, 1),
    "exp_base": ((-3.0, 3.0), (-1.0, 6.0), 1, 1),
    "ln":       ((-0.5, 5.0), (-3.0, 3.0), 1, 1),
    "log_base": ((-0.5, 5.0), (-3.0, 3.0), 1, 1),
    "sin":      ((-6.5, 6.5), (-1.5, 1.5), 1, 1),
    "cos":      ((-6.5, 6.5), (-1.5, 1.5), 1, 1),
    "tan":      ((-2.0, 2.0), (-4.0, 4.0), 1, 1),
    "arcsin":   ((-1.5, 1.5), (-2.0, 4.0), 0.5, 1),
    "arccos":   ((-1.5, 1.5), (-4.0, 4.0), 0.5, 1),
    "arctan":   ((-5.0, 5.0), (-2.0, 2.0), 1, 1),
}
#: which ticks get a number (x ticks, y ticks)
TICKS = {
    "power": ((-2, 2), (-4, 6)), "exp": ((-3, 2), (5,)), "exp_base": ((-3, 3), (5,)),
    "ln": ((1, 5), (-3, 3)), "log_base": ((1, 5), (-3, 3)), "sin": ((-6, 6), (-1,)),
    "cos": ((-6, 6), (-1,)), "tan": ((-2, 2), (-4, 4)), "arcsin": ((-1, 1), (-2, 4)),
    "arccos": ((-1, 1), (-4, 4)), "arctan": ((-5, 5), (-2, 2)),
}
MARGIN = 1e-3          # how far an open end of a domain is kept away
SAMPLES = 1500


def sampled(dom, g, window, samples: int = SAMPLES,
            margin: float = MARGIN) -> tuple[np.ndarray, np.ndarray]:
    """``g`` sampled on the part of ``window`` inside the domain ``dom`` (open ends kept
    ``margin`` away, holes left out)."""
    lo, hi = dom.clip(*window, margin=margin)
    xs = np.linspace(lo, hi, samples)
    xs = xs[dom.contains(xs)]
    with np.errstate(all="ignore"):
        return xs, np.asarray(g(xs), dtype=float)


def closed_ends(dom, window) -> list[float]:
    """The ends of a domain that belong to it and lie in the window (drawn as dots)."""
    return [float(v) for v, closed in ((dom.lo, dom.lo_closed), (dom.hi, dom.hi_closed))
            if closed and np.isfinite(v) and window[0] <= v <= window[1]]


class Named:
    """A sampled function's name, label and parameters, read from its mathcore ``fn``."""

    @property
    def name(self) -> str:
        return self.fn.name

    @property
    def label(self) -> str:
        return self.fn.label

    @property
    def params(self) -> dict:
        return dict(self.fn.params)

    def __repr__(self):
        return f"{type(self).__name__}({self.fn!r})"


def fixed_example(values: dict | None, what: str) -> dict:
    """The options of a section that takes none: nothing to complete, anything given refused."""
    values = dict(values or {})
    if values:
        raise ValueError(f"{what} take no options, got {', '.join(sorted(values))}")
    return values


@dataclass(frozen=True)
class Row(Named):
    """One row of the table: the function (mathcore) with its concrete parameters, the window
    its graph is drawn in, and the sampled graphs of f and f' on their domains."""

    fn: functions.Function = field(repr=False)
    x_range: tuple
    y_range: tuple
    x_step: float
    y_step: float
    x_ticks: tuple
    y_ticks: tuple
    x_f: np.ndarray = field(repr=False)
    f: np.ndarray = field(repr=False)
    x_df: np.ndarray = field(repr=False)
    df: np.ndarray = field(repr=False)
    ends: tuple = ()   # (x, f(x)) of the closed ends of the domain inside the window


def row(name: str, samples: int = SAMPLES) -> Row:
    fn = functions.get(name, **PARAMS.get(name, {}))
    xw, yw, xs, ys = VIEWS[name]
    x_f, f = sampled(fn.domain, fn.f, xw, samples)
    x_df, df = sampled(fn.df_domain, fn.df, xw, samples)
    ends = tuple((x, float(fn.f(x))) for x in closed_ends(fn.domain, xw))
    return Row(fn, xw, yw, xs, ys, *TICKS[name], x_f, f, x_df, df, ends)


@dataclass(frozen=True)
class CommonDerivativesLesson:
    """The table's rows in the lecture's order (``functions.TABLE``)."""

    rows: tuple
    custom: bool = False

    def row(self, name: str) -> Row:
        return next(r for r in self.rows if r.name == name)

    def parameters(self) -> dict:
        return {"functions": [r.name for r in self.rows],
                "params": {r.name: r.params for r in self.rows if r.params},
                "views": {r.name: {"x": list(r.x_range), "y": list(r.y_range)}
                          for r in self.rows},
                "samples": SAMPLES, "margin": MARGIN}


def complete(values: dict) -> dict:
    """The section takes no options: nothing to fill in."""
    return dict(values)


def from_options(values: dict | None = None) -> CommonDerivativesLesson:
    fixed_example(values, "the table of derivatives does")
    return CommonDerivativesLesson(tuple(row(name) for name in functions.TABLE))
