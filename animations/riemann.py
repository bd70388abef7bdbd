"""Riemann sums refining toward the integral: left, right and midpoint side by side.

n doubles from 2 to 64; between two levels every rectangle splits in two and the halves grow
or shrink to their new heights. Each panel prints its sum and its error against the integral
(adaptive quadrature), printed in the subtitle.

Every number is the ``slide`` view of the section's lesson (``lessons.integral``): x^2 on [0, 2]
for the lecture, the lecturer's own function and bounds otherwise (then the same as the video's);
the panels' height is fitted to the curve and to 0 (the rectangles stand on the x axis, below it
where f < 0).
"""

from __future__ import annotations

import numpy as np
from matplotlib.collections import LineCollection
from matplotlib.patches import Polygon

from .common import C, GifAnimation
from .drawing import compact_ticks, flat_window, function_label, overlay, shrink_to_width

HOLD_FRAMES = 12            # frames showing each n
MORPH_FRAMES = 6            # frames splitting the rectangles into the next n
DOTS_UP_TO = 16             # sample points are drawn while n <= this


def schedule(n_levels: int) -> list[tuple[int, float]]:
    """Per frame: (level shown, morph fraction 0..1 toward the next level; 0 when holding)."""
    out = []
    for k in range(n_levels):
        out += [(k, 0.0)] * HOLD_FRAMES
        if k < n_levels - 1:
            out += [(k, (j + 1) / (MORPH_FRAMES + 1)) for j in range(MORPH_FRAMES)]
    return out


def _step_polygon(edges, heights):
    """Vertices of the filled outline of rectangles on ``edges`` with ``heights``."""
    xs = np.repeat(edges, 2)[1:-1]
    ys = np.repeat(heights, 2)
    return np.column_stack([np.r_[edges[0], xs, edges[-1]], np.r_[0.0, ys, 0.0]])


class RectanglesFillTheArea(GifAnimation):
    LESSON = "integral"
    fps = 15
    hold_last_s = 1.5

    def __init__(self, lang: str = "zh", width: int = 640, options: dict | None = None):
        super().__init__(lang, width, options)
        r = self.r = self.lesson.slide
        self.schedule = schedule(len(r.ns))
        self.n_frames = len(self.schedule)
        s, fig, custom = self.s, self.fig, self.lesson.custom
        fig.text(0.012, 0.945, self.tr("gif.riemann.title"), fontsize=14 * s,
                 fontweight="bold", color=C("text"), va="center")
        integral = self.tr("gif.riemann.integral", a=f"{r.a:g}", b=f"{r.b:g}")
        subtitle = self.tr("gif.riemann.subtitle", f=f"{r.function.params.get('n', 2):g}",
                           integral=integral, v=f"{r.integral:.4f}")
        if custom:
            subtitle = subtitle.replace("$f(x) = x^{2}$", function_label(r.function))
        sub = fig.text(0.012, 0.855, subtitle, fontsize=10.5 * s, color=C("area"), va="center")
        if custom:
            shrink_to_width(sub, 0.97 * fig.bbox.width)
        gs = fig.add_gridspec(1, 3, left=0.045, right=0.99, top=0.72, bottom=0.08, wspace=0.14)
        # from the x axis (the rectangles' base) to the curve, with room for the texts on top
        top, bottom = max(0.0, r.y.max()), min(0.0, r.y.min())
        bottom, top = flat_window(bottom, top) or (bottom, top)    # 0*x, 1e-20*x: drawn flat
        span = top - bottom
        self.axes = []
        for k, rule in enumerate(r.rules):
            ax = fig.add_subplot(gs[k], sharey=self.axes[0] if self.axes else None)
            ax.set_xlim(r.a - 0.05 * (r.b - r.a), r.b + 0.05 * (r.b - r.a))
            ax.set_ylim(bottom - 0.04 * span, top + 0.45 * span)
            ax.tick_params(labelsize=8 * s, labelleft=k == 0)
            if custom and k == 0:
                compact_ticks(ax)
            ax.set_title(self.tr(f"gif.riemann.{rule}"), fontsize=11 * s, pad=3 * s,
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
            curve, = top.plot(self.r.x, self.r.y, color=C("function"), lw=1.8 * s)
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
        r = self.r
        k, t = self.schedule[i]
        for rule, (area, dividers, curve, dots, texts) in zip(r.rules, self.panels):
            if t == 0.0:
                edges, heights = r.partitions[rule][k].edges, r.partitions[rule][k].heights
                xs = r.samples[rule][k]
            else:   # each rectangle splits in two; the halves move to their new heights
                edges, xs = r.partitions[rule][k + 1].edges, r.samples[rule][k + 1]
                heights = r.morph(rule, k, t)
            area.set_xy(_step_polygon(edges, heights))
            inner = np.minimum(heights[:-1], heights[1:])
            dividers.set_segments([[(e, 0.0), (e, h)] for e, h in zip(edges[1:-1], inner)])
            dots.set_data(xs, heights)
            # sample points: shrinking with n, gone once they would merge into the curve
            n = len(xs)
            dots.set_markersize(0.0 if n > DOTS_UP_TO else 3.6 * self.s * np.sqrt(r.ns[0] / n)
                                + 0.8 * self.s)
            for text, line in zip(texts, self.readouts(rule, k)):
                text.set_text(line)
        self.n_text.set_text(self.tr("gif.riemann.n", n=r.ns[k]))
        return self.artists

    def readouts(self, rule: str, k: int) -> tuple[str, str]:
        """A panel's two lines at level k: the lesson's sum and error, as shown."""
        r = self.r
        return (self.tr("gif.riemann.sum", s=f"{r.sums[rule][k]:.4f}"),
                self.tr("gif.riemann.error", e=f"{r.errors[rule][k]:+.3g}"))


build = RectanglesFillTheArea.build
