"""Riemann sums refining toward the integral: left, right and midpoint side by side.

n doubles from N_START; between two levels every rectangle splits in two and the halves grow
or shrink to their new heights. Each panel prints its sum and its error against the integral
from mathcore.calculus.integrate (adaptive quadrature), printed in the subtitle.

The lecturer's own function and bounds (render.py --function/--range, through lecture.params)
replace x^2 on [0, 2]; the panels' height is fitted to the curve and to 0 (the rectangles
stand on the x axis, below it where f < 0).
"""

from __future__ import annotations

import numpy as np
from matplotlib.collections import LineCollection
from matplotlib.patches import Polygon

from lecture import params
from mathcore import calculus, functions

from .common import C, figure, tr
from .drawing import overlay
from .drawing import compact_ticks, flat_window, function_label, shrink_to_width

N_START = 2
N_LEVELS = 6                # n = 2, 4, 8, 16, 32, 64
HOLD_FRAMES = 12            # frames showing each n
MORPH_FRAMES = 6            # frames splitting the rectangles into the next n
N_FRAMES = N_LEVELS * HOLD_FRAMES + (N_LEVELS - 1) * MORPH_FRAMES
FPS = 15
HOLD_LAST_S = 1.5

# the lecture's example, unless the lecturer typed her own (render.py --function/--range)
CUSTOM = params.get("function") is not None
FUNCTION = params.function(functions.get("power", n=2))
A, B = params.pair("range", (0.0, 2.0))
RULES = ("left", "right", "midpoint")
DOTS_UP_TO = 16             # sample points are drawn while n <= this


def levels() -> list[int]:
    return [N_START * 2 ** k for k in range(N_LEVELS)]


def _samples(edges, rule):
    mid = 0.5 * (edges[:-1] + edges[1:])
    return {"left": edges[:-1], "right": edges[1:], "midpoint": mid}[rule]


def schedule(n_levels: int = N_LEVELS):
    """Per frame: (level shown, morph fraction 0..1 toward the next level; 0 when holding)."""
    out = []
    for k in range(n_levels):
        out += [(k, 0.0)] * HOLD_FRAMES
        if k < n_levels - 1:
            out += [(k, (j + 1) / (MORPH_FRAMES + 1)) for j in range(MORPH_FRAMES)]
    return out


def data() -> dict:
    """The integral and, per rule, per n: the rectangles (mathcore Partition), sum and error."""
    exact = calculus.integrate(FUNCTION, A, B)
    x = np.linspace(A, B, 300)
    rules = {}
    for rule in RULES:
        parts = [calculus.riemann_rectangles(FUNCTION, A, B, n, rule) for n in levels()]
        sums = np.array([p.total for p in parts])
        rules[rule] = {"edges": [p.edges for p in parts], "heights": [p.heights for p in parts],
                       "samples": [_samples(p.edges, rule) for p in parts],
                       "sums": sums, "errors": sums - exact}
    return {"integral": exact, "n": levels(), "x": x, "y": np.asarray(FUNCTION.f(x)),
            "rules": rules, "schedule": schedule()}


def _step_polygon(edges, heights):
    """Vertices of the filled outline of rectangles on ``edges`` with ``heights``."""
    xs = np.repeat(edges, 2)[1:-1]
    ys = np.repeat(heights, 2)
    return np.column_stack([np.r_[edges[0], xs, edges[-1]], np.r_[0.0, ys, 0.0]])


class RectanglesFillTheArea:
    fps = FPS
    hold_last_s = HOLD_LAST_S

    def __init__(self, lang: str = "zh", width: int = 640):
        self.lang = lang
        self.d = d = data()
        self.n_frames = len(d["schedule"])
        self.fig, s = figure(width)
        self.s = s
        fig = self.fig
        fig.text(0.012, 0.945, tr("gif.riemann.title", lang), fontsize=14 * s,
                 fontweight="bold", color=C("text"), va="center")
        integral = tr("gif.riemann.integral", lang, a=f"{A:g}", b=f"{B:g}")
        subtitle = tr("gif.riemann.subtitle", lang, f=f"{FUNCTION.params.get('n', 2):g}",
                      integral=integral, v=f"{d['integral']:.4f}")
        if CUSTOM:
            subtitle = subtitle.replace("$f(x) = x^{2}$", function_label(FUNCTION))
        sub = fig.text(0.012, 0.855, subtitle, fontsize=10.5 * s, color=C("area"), va="center")
        if CUSTOM:
            shrink_to_width(sub, 0.97 * fig.bbox.width)
        gs = fig.add_gridspec(1, 3, left=0.045, right=0.99, top=0.72, bottom=0.08, wspace=0.14)
        # from the x axis (the rectangles' base) to the curve, with room for the texts on top
        top, bottom = max(0.0, d["y"].max()), min(0.0, d["y"].min())
        bottom, top = flat_window(bottom, top) or (bottom, top)    # 0*x, 1e-20*x: drawn flat
        span = top - bottom
        self.axes = []
        for k, rule in enumerate(RULES):
            ax = fig.add_subplot(gs[k], sharey=self.axes[0] if self.axes else None)
            ax.set_xlim(A - 0.05 * (B - A), B + 0.05 * (B - A))
            ax.set_ylim(bottom - 0.04 * span, top + 0.45 * span)
            ax.tick_params(labelsize=8 * s, labelleft=k == 0)
            if CUSTOM and k == 0:
                compact_ticks(ax)
            ax.set_title(tr(f"gif.riemann.{rule}", lang), fontsize=11 * s, pad=3 * s,
                         color=C("text"))
            self.axes.append(ax)

    def init(self):
        s = self.s
        self.panels = []
        for ax in self.axes:
            top = overlay(ax)
            area = Polygon(np.zeros((2, 2)), closed=True, facecolor=C("area_fill"),
                           edgecolor=C("area"), lw=1.0 * s)
            top.add_patch(area)
            dividers = LineCollection([], colors="white", linewidths=0.6 * s)
            top.add_collection(dividers)
            curve, = top.plot(self.d["x"], self.d["y"], color=C("function"), lw=1.8 * s)
            dots, = top.plot([], [], "o", color=C("point"), ms=3 * s, zorder=3)
            texts = [top.text(0.04, y, "", transform=top.transAxes, fontsize=9.5 * s,
                              va="baseline", color=C("text")) for y in (0.88, 0.77)]
            self.panels.append((area, dividers, curve, dots, texts))
        self.n_text = self.fig.text(0.985, 0.945, "", fontsize=14 * s, ha="right", va="center",
                                    color=C("text"))
        return self.artists

    @property
    def artists(self):
        out = [self.n_text]
        for area, dividers, curve, dots, texts in self.panels:
            out += [area, dividers, curve, dots, *texts]
        return out

    def update(self, i):
        d = self.d
        k, t = d["schedule"][i]
        for rule, (area, dividers, curve, dots, texts) in zip(RULES, self.panels):
            r = d["rules"][rule]
            if t == 0.0:
                edges, heights, xs = r["edges"][k], r["heights"][k], r["samples"][k]
            else:   # each rectangle splits in two; the halves move to their new heights
                edges, xs = r["edges"][k + 1], r["samples"][k + 1]
                heights = (1 - t) * np.repeat(r["heights"][k], 2) + t * r["heights"][k + 1]
            area.set_xy(_step_polygon(edges, heights))
            inner = np.minimum(heights[:-1], heights[1:])
            dividers.set_segments([[(e, 0.0), (e, h)] for e, h in zip(edges[1:-1], inner)])
            dots.set_data(xs, heights)
            # sample points: shrinking with n, gone once they would merge into the curve
            n = len(xs)
            dots.set_markersize(0.0 if n > DOTS_UP_TO else 3.6 * self.s * np.sqrt(N_START / n)
                                + 0.8 * self.s)
            texts[0].set_text(tr("gif.riemann.sum", self.lang, s=f"{r['sums'][k]:.4f}"))
            texts[1].set_text(tr("gif.riemann.error", self.lang, e=f"{r['errors'][k]:+.3g}"))
        self.n_text.set_text(tr("gif.riemann.n", self.lang, n=d["n"][k]))
        return self.artists


def build(lang: str = "zh", width: int = 640, **opts) -> RectanglesFillTheArea:
    return RectanglesFillTheArea(lang, width, **opts)
