"""A tangent line travelling along f(x) = x^3 - 2x, its slope read out.

Top: the curve and the tangent at the moving point. Bottom: the derivative f'(x), the same x
marked on it, so the slope of the line above is the height of the point below. The point
travels there and back (eased), so the GIF loops without a jump.

Every number comes from the section's lesson (``lessons.tangent_2d``, one rule with the video):
the curve on the range (x^3 - 2x on [-2.2, 2.2] for the lecture, the lecturer's own function
and range otherwise), the point travelling over the lesson's sweep (the middle 1.9/2.2 of the
range); with options, the labels show the typed function and its derivative and both panels'
heights are fitted to the curve and the slopes.
"""

from __future__ import annotations

import numpy as np

from .common import C, GifAnimation
from .drawing import (compact_ticks, derivative_label, fitted_view, function_label,
                      legend_clear_of, overlay, readout)


class TangentTravelsAlongCurve(GifAnimation):
    LESSON = "tangent_2d"
    fps = 20
    hold_last_s = 0.4          # the travel is already slow at its ends
    n_frames = 140

    def __init__(self, lang: str = "zh", width: int = 640, options: dict | None = None,
                 n_frames: int | None = None):
        super().__init__(lang, width, options, n_frames)
        le, s, fig = self.lesson, self.s, self.fig
        self.xs = le.loop(self.n_frames)               # the point, frame by frame
        self.lines = [le.tangent(x) for x in self.xs]  # and the tangent there
        self.slopes = np.array([t.slope for t in self.lines])
        fig.text(0.012, 0.955, self.tr("gif.tangent_line.title"), fontsize=14 * s,
                 fontweight="bold", color=C("text"), va="center")
        gs = fig.add_gridspec(2, 1, height_ratios=[2.1, 1], left=0.07, right=0.985,
                              top=0.89, bottom=0.07, hspace=0.12)
        lw = 2.0 * s
        ax = self.ax = fig.add_subplot(gs[0])
        low = self.low = fig.add_subplot(gs[1], sharex=ax)
        ax.set_xlim(*le.range)
        if le.custom:    # the whole curve, with the top-left corner free for the readouts
            ylo, yhi, _ = fitted_view(le.x, le.y, box_w=0.36, box_h=0.7)
            ax.set_ylim(ylo, yhi)
            compact_ticks(ax)
        else:            # the curve may leave the view beyond the sweep
            span = 1.4 * max(abs(t.fa) for t in self.lines)
            ax.set_ylim(-span, span)
        ax.tick_params(labelsize=8 * s, labelbottom=False)
        ax.plot(le.x, le.y, color=C("function"), lw=lw,
                label=function_label(le.function) if le.custom else self._lecture_label())
        ax.plot([], [], color=C("tangent"), lw=lw, label=self.tr("gif.tangent_line.tangent"))
        if le.custom:    # clear of the readouts in the top-left corner
            legend_clear_of(ax, (0.0, 0.7, 0.4, 0.3), fontsize=9.5 * s, handlelength=1.6)
        else:
            ax.legend(loc="lower right", fontsize=9.5 * s, handlelength=1.6)

        lo, hi = self.slopes.min(), self.slopes.max()
        if le.custom:     # the derivative drawn over the whole range, and 0 in view
            lo, hi = min(lo, le.dy.min(), 0.0), max(hi, le.dy.max(), 0.0)
            if hi - lo < 1e-9:
                lo, hi = lo - 1.0, hi + 1.0
        low.set_ylim(lo - 0.25 * (hi - lo), hi + 0.15 * (hi - lo))
        low.tick_params(labelsize=8 * s)
        if le.custom:
            compact_ticks(low)
        low.axhline(0, color=C("muted"), lw=0.8 * s)
        low.plot(le.x, le.dy, color=C("derivative"), lw=lw * 0.9,
                 label=derivative_label(le.function) if le.custom else
                 self.tr("gif.tangent_line.dcurve", n="3", m="2", a="-2"))
        low.legend(loc="best" if le.custom else "upper center", fontsize=9.5 * s,
                   handlelength=1.6)

    def _lecture_label(self) -> str:
        """The lecture's x^3 - 2x as the string table writes it."""
        return self.tr("gif.tangent_line.curve", n="3", a="-2")

    def init(self):
        s = self.s
        top = overlay(self.ax)
        self.line, = top.plot([], [], color=C("tangent"), lw=2.0 * s)
        self.dot, = top.plot([], [], "o", color=C("point"), ms=6 * s, zorder=3)
        self.x_text = readout(top, 0.02, 0.9, self.tr("gif.tangent_line.x"),
                               fontsize=11 * s, color=C("text"))
        self.m_text = readout(top, 0.02, 0.78, self.tr("gif.tangent_line.slope"),
                               fontsize=11 * s, color=C("derivative"))
        bottom = overlay(self.low)
        self.stem, = bottom.plot([], [], color=C("derivative"), lw=1.2 * s, ls=":")
        self.ddot, = bottom.plot([], [], "o", color=C("derivative"), ms=5.5 * s)
        return self.artists

    @property
    def artists(self):
        return [self.line, self.dot, self.x_text, self.m_text, self.stem, self.ddot]

    def update(self, i):
        t, x, m = self.lines[i], self.xs[i], self.slopes[i]
        ends = np.array(self.lesson.range)
        self.line.set_data(ends, t(ends))
        self.dot.set_data([x], [t.fa])
        for text, shown in zip((self.x_text, self.m_text), self.readouts(i)):
            text.set_text(shown)
        self.stem.set_data([x, x], [0, m])
        self.ddot.set_data([x], [m])
        return self.artists

    def readouts(self, i: int) -> tuple[str, str]:
        """Frame i's x and slope as shown (the lesson's numbers)."""
        return f"{self.xs[i]:.2f}", f"{self.slopes[i]:.2f}"


build = TangentTravelsAlongCurve.build
