"""The differential dy = f'(x) dx (along the tangent) against the change Δy (along the curve).

Left: the curve with its tangent at x; for the current dx the step dx, the rise dy up to the
tangent and the rise Δy up to the curve, with the four numbers read out. Right: dy and Δy - dy
against dx on log-log axes as dx shrinks: dy falls like dx, the gap like dx², so dy becomes
the whole of Δy.

Everything drawn comes from the section's lesson (``lessons.differential``, its ``slide``
view): e^x at x = 0.5 with dx from 1.2 to 0.01, or the lecturer's own function, point and range
with the same dx sweep as the video. For a typed function the view's height is fitted to the
curve with the readouts' corner kept free; the log-log panel shows |dy| and |Δy - dy| (a
concave curve has Δy < dy; a zero is left out).
"""

from __future__ import annotations

import numpy as np

from .common import C
from .drawing import box_place, legend_clear_of, overlay
from .secant_tangent import CurveBesideLogPanel


def _positive(v: np.ndarray) -> np.ndarray:
    """|v| for a log axis, zeros left out (NaN: not drawn)."""
    a = np.abs(v)
    return np.where(a > 0, a, np.nan)


class DifferentialAgainstChange(CurveBesideLogPanel):
    LESSON = "differential"
    TITLE = "gif.differential.title"
    GRID = {"left": 0.05, "top": 0.87, "wspace": 0.2}
    BOX = (0.58, 0.55)

    def __init__(self, lang="zh", width=640, options=None, n_frames=None):
        super().__init__(lang, width, options, n_frames)
        v, s, ax, right, sw = self.view, self.s, self.ax, self.right, self.sweep
        lw = 2.0 * s
        ax.plot(v.x_range, v.tangent_y, color=C("tangent"), lw=1.4 * s, ls=(0, (5, 3)))
        ax.plot([v.x0], [v.fx], "o", color=C("point"), ms=6 * s, zorder=4)
        ax.plot([], [], color=C("tangent"), lw=3.5 * s, label=self.tr("gif.differential.dy_label"))
        ax.plot([], [], color=C("function"), lw=3.5 * s,
                label=self.tr("gif.differential.Dy_label"))
        if self.custom:    # clear of the readouts' box at the top, over the fewest curve points
            legend_clear_of(ax, (box_place(self.side, self.BOX[0])[0] - 0.02, 0.5, self.BOX[0],
                                 0.5), fontsize=9 * s, handlelength=1.4)
        else:
            ax.legend(loc="lower right", fontsize=9 * s, handlelength=1.4)

        right.set_yscale("log")
        self.log_x(v.dx_start, v.dx_end, 1.4, "gif.differential.loglog_x", "dx")
        shown = np.r_[_positive(sw.gap), _positive(sw.dy)]
        shown = shown[np.isfinite(shown)]
        lo, hi = (shown.min(), shown.max()) if shown.size else (0.1, 10.0)
        right.set_ylim(lo / 3, hi * 3)
        right.plot([], [], color=C("tangent"), lw=lw, label=self.tr("gif.differential.loglog_dy"))
        right.plot([], [], color=C("gradient"), lw=lw,
                   label=self.tr("gif.differential.loglog_gap"))
        right.legend(loc="lower left", fontsize=9 * s, handlelength=1.4)

    def curve_label(self) -> str:
        curve = self.tr("gif.differential.curve", x=f"{self.view.x0:g}")
        return curve.replace("$f(x) = e^x$", super().curve_label()) if self.custom else curve

    def readout_texts(self, i: int) -> tuple[str, ...]:
        """dx, dy, Δy and the gap as frame i shows them: the lesson's numbers."""
        sw = self.sweep
        return tuple(f"{v:.4g}" for v in (sw.dx[i], sw.dy[i], sw.delta[i], sw.gap[i]))

    def init(self):
        s = self.s
        top = overlay(self.ax)
        self.step, = top.plot([], [], color=C("point"), lw=1.6 * s)
        self.delta, = top.plot([], [], color=C("function"), lw=3.5 * s, solid_capstyle="butt")
        self.rise, = top.plot([], [], color=C("tangent"), lw=3.5 * s, solid_capstyle="butt")
        self.q, = top.plot([], [], "o", color=C("function"), ms=5.5 * s, zorder=3)
        self.t, = top.plot([], [], "o", color=C("tangent"), ms=5.5 * s, zorder=3)
        self.texts = self.readouts(top, [(f"gif.differential.{key}", color) for key, color in (
            ("dx", C("text")), ("dy", C("tangent")), ("Dy", C("function")),
            ("gap", C("gradient")))], 0.105, 10.5)
        rtop = overlay(self.right)
        self.dy_line, = rtop.plot([], [], color=C("tangent"), lw=2.0 * s)
        self.gap_line, = rtop.plot([], [], color=C("gradient"), lw=2.0 * s)
        self.dy_dot, = rtop.plot([], [], "o", color=C("tangent"), ms=5 * s)
        self.gap_dot, = rtop.plot([], [], "o", color=C("gradient"), ms=5 * s)
        return self.artists

    @property
    def artists(self):
        return [self.step, self.delta, self.rise, self.q, self.t, *self.texts, self.dy_line,
                self.gap_line, self.dy_dot, self.gap_dot]

    def update(self, i):
        v, sw = self.view, self.sweep
        x0, y0 = v.x0, v.fx
        x1, dy, dd = x0 + sw.dx[i], sw.dy[i], sw.delta[i]
        self.step.set_data([x0, x1], [y0, y0])
        self.delta.set_data([x1, x1], [y0, y0 + dd])
        self.rise.set_data([x1, x1], [y0, y0 + dy])     # drawn over Δy: its top is the gap
        self.q.set_data([x1], [y0 + dd])
        self.t.set_data([x1], [y0 + dy])
        for text, value in zip(self.texts, self.readout_texts(i)):
            text.set_text(value)
        adx, ady, agap = np.abs(sw.dx[:i + 1]), _positive(sw.dy[:i + 1]), \
            _positive(sw.gap[:i + 1])                          # log axes: sizes
        self.dy_line.set_data(adx, ady)
        self.gap_line.set_data(adx, agap)
        self.dy_dot.set_data(adx[-1:], ady[-1:])
        self.gap_dot.set_data(adx[-1:], agap[-1:])
        return self.artists


build = DifferentialAgainstChange.build
