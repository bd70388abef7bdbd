"""The secant through (a, f(a)) and (a+h, f(a+h)) turns into the tangent as h -> 0.

Left: the curve, the fixed tangent at a (dashed, the limit) and the secant for the current h,
with h and the secant slope read out. Right: the secant slope against h (log scale) drawn as
h shrinks geometrically, closing in on f'(a).

Everything drawn comes from the section's lesson (``lessons.derivative``, its ``slide`` view):
x^2 at a = 1, or the lecturer's own function, point and range, with the same h sweep as the
video. For a typed function the view's height is fitted to the curve with room left for the
legend and readouts on the side where the curve runs lower; a negative h (the farther end of
the range on the left) is shown as |h| on the right panel. This module also holds the layout
that section 4's GIF shares: a curve panel beside a log panel under a title.
"""

from __future__ import annotations

import numpy as np

from .common import C, GifAnimation
from .drawing import box_place, compact_ticks, fitted_view, function_label, overlay, readout


class CurveBesideLogPanel(GifAnimation):
    """The layout of sections 1 and 4's GIFs: a bold title, the curve of the lesson's slide view
    on the left (``self.ax``, its readouts' box on ``self.side``) and a log-x panel on the right
    (``self.right``). A subclass sets ``TITLE``, ``GRID`` and ``BOX`` (the readouts' box, axes
    fractions wide and down to)."""

    fps = 20
    hold_last_s = 1.5
    n_frames = 100
    TITLE = ""
    GRID: dict = {}
    BOX = (0.5, 0.5)

    def __init__(self, lang="zh", width=640, options=None, n_frames=None):
        super().__init__(lang, width, options, n_frames)
        view, s = self.lesson.slide, self.s
        self.view, self.custom = view, self.lesson.custom
        self.fig.text(0.012, 0.955, self.tr(self.TITLE), fontsize=14 * s, fontweight="bold",
                      color=C("text"), va="center")
        gs = self.fig.add_gridspec(1, 2, width_ratios=[1.55, 1], right=0.985, bottom=0.13,
                                   **self.GRID)
        ax = self.ax = self.fig.add_subplot(gs[0])
        ax.set_xlim(*view.x_range)
        if view.y_range is None:
            *ylim, self.side = fitted_view(view.curve_x, view.curve_y, box_w=self.BOX[0],
                                           box_h=self.BOX[1], sides=("left", "right", "center"))
        else:
            ylim, self.side = view.y_range, "left"
        ax.set_ylim(*ylim)
        ax.tick_params(labelsize=8 * s)
        if self.custom:
            compact_ticks(ax)
        self.right = self.fig.add_subplot(gs[1])
        self.right.set_xscale("log")
        self.right.tick_params(labelsize=8 * s)
        self.text_x = box_place(self.side, self.BOX[0])[0]
        self.sweep = view.sweep(self.n_frames)
        ax.plot(view.curve_x, view.curve_y, color=C("function"), lw=2.0 * s,
                label=self.curve_label())

    def curve_label(self) -> str:
        """The curve's name in the legend."""
        return function_label(self.view.function)

    def log_x(self, start: float, end: float, pad: float, key: str, name: str):
        """The right panel's x axis: |start| on the left to |end| on the right (it shrinks to
        the right, like time), labelled by string ``key`` (its ``$name$`` made ``$|name|$``
        when the sweep is negative)."""
        self.right.set_xlim(abs(start) * pad, abs(end) / pad)
        text = self.tr(key)
        self.right.set_xlabel(text.replace(f"${name}$", f"$|{name}|$") if start < 0 else text,
                              fontsize=9 * self.s, labelpad=2 * self.s)

    def readouts(self, top, keys_colors, step: float, size: float):
        """Readout numbers (empty Text) under one another in the readouts' box of ``top``."""
        return [readout(top, self.text_x, 0.9 - step * k, self.tr(key), color=color,
                        fontsize=size * self.s) for k, (key, color) in enumerate(keys_colors)]


class SecantBecomesTangent(CurveBesideLogPanel):
    LESSON = "derivative"
    TITLE = "gif.secant_tangent.title"
    GRID = {"left": 0.055, "top": 0.86, "wspace": 0.24}
    BOX = (0.5, 0.46)

    def __init__(self, lang="zh", width=640, options=None, n_frames=None):
        super().__init__(lang, width, options, n_frames)
        v, s, ax, right, sw = self.view, self.s, self.ax, self.right, self.sweep
        lw = 2.0 * s
        ax.plot(v.x_range, v.tangent_y, color=C("tangent"), lw=lw, ls=(0, (5, 3)),
                label=self.tr("gif.secant_tangent.tangent"))
        ax.plot([], [], color=C("secant"), lw=lw, label=self.tr("gif.secant_tangent.secant"))
        ax.plot([v.a], [v.fa], "o", color=C("point"), ms=6 * s, zorder=4)
        ax.annotate("$(a, f(a))$", (v.a, v.fa), xytext=(6 * s, -12 * s),
                    textcoords="offset points", fontsize=9 * s, color=C("point"))
        ax.legend(loc=f"upper {self.side}", bbox_to_anchor=(box_place(self.side, self.BOX[0])[1],
                                                            0.74),
                  fontsize=9 * s, handlelength=1.8)

        self.log_x(v.h_start, v.h_end, 1.25, "gif.secant_tangent.h_axis", "h")
        lo, hi = min(v.derivative, sw.slopes.min()), max(v.derivative, sw.slopes.max())
        if hi - lo < 1e-9 * max(1.0, abs(hi)):    # a straight line: every secant is the tangent
            lo, hi = lo - 1.0, hi + 1.0
        # the f'(a) note: for the lecture's x^2 above its line, the side the slopes close in
        # from (they come close enough to pass under it); for a typed function, whose slopes
        # may end farther off, on the other side, with room made there
        from_above = sw.slopes[0] >= v.derivative
        above = from_above if not self.custom else not from_above
        pad_lo = 0.12 if not self.custom or above else 0.32
        pad_hi = 0.12 if not self.custom or not above else 0.32
        right.set_ylim(lo - pad_lo * (hi - lo), hi + pad_hi * (hi - lo))
        right.set_ylabel(self.tr("gif.secant_tangent.slope_axis"), fontsize=9 * s,
                         labelpad=2 * s)
        right.axhline(v.derivative, color=C("tangent"), lw=1.4 * s, ls=(0, (5, 3)))
        y_line = (v.derivative - lo + pad_lo * (hi - lo)) / ((1 + pad_lo + pad_hi) * (hi - lo))
        right.text(0.97, y_line + (0.03 if above else -0.03),
                   self.tr("gif.secant_tangent.derivative", a=f"{v.a:g}", d=f"{v.derivative:g}"),
                   transform=right.transAxes, ha="right", va="bottom" if above else "top",
                   fontsize=10 * s, color=C("tangent"))

    def curve_label(self) -> str:
        if self.custom:
            return super().curve_label()
        return self.tr("gif.secant_tangent.curve", n=f"{self.view.function.params['n']:g}")

    def readout_texts(self, i: int) -> tuple[str, str]:
        """h and the secant slope as frame i shows them: the lesson's numbers."""
        h, m = self.sweep.h[i], self.sweep.slopes[i]
        return (f"{h:.3g}" if self.custom else f"{h:.3f}"), f"{m:.3f}"

    def init(self):
        s = self.s
        top = overlay(self.ax)
        self.legs, = top.plot([], [], color=C("muted"), lw=1.0 * s, ls=":")
        self.secant, = top.plot([], [], color=C("secant"), lw=2.0 * s)
        self.q, = top.plot([], [], "o", color=C("secant"), ms=6 * s, zorder=3)
        self.q_label = top.annotate("$(a+h, f(a+h))$", (0, 0), xytext=(-8 * s, 6 * s),
                                    textcoords="offset points", ha="right", fontsize=9 * s,
                                    color=C("secant"))
        self.h_text, self.m_text = self.readouts(
            top, [("gif.secant_tangent.h", C("text")), ("gif.secant_tangent.slope", C("secant"))],
            0.1, 11)
        rtop = overlay(self.right)
        self.trail, = rtop.plot([], [], color=C("secant"), lw=1.6 * s)
        self.dot, = rtop.plot([], [], "o", color=C("secant"), ms=5 * s)
        return self.artists

    @property
    def artists(self):
        return [self.legs, self.secant, self.q, self.q_label, self.h_text, self.m_text,
                self.trail, self.dot]

    def update(self, i):
        v, sw = self.view, self.sweep
        (qx, qy), h, m = sw.q[i], sw.h[i], sw.slopes[i]
        self.legs.set_data([v.a, qx, qx], [v.fa, v.fa, qy])
        self.secant.set_data(v.x_range, sw.secant_y[i])
        self.q.set_data([qx], [qy])
        self.q_label.xy = (qx, qy)
        for text, value in zip((self.h_text, self.m_text), self.readout_texts(i)):
            text.set_text(value)
        self.trail.set_data(np.abs(sw.h[:i + 1]), sw.slopes[:i + 1])   # log axis: |h|
        self.dot.set_data([abs(h)], [m])
        return self.artists


build = SecantBecomesTangent.build
