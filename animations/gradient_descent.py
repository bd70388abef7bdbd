"""Gradient descent on a curve, x <- x - eta f'(x): a point stepping down to the minimum
(left), then the same start with a learning rate too large, overshooting further on every
step until it leaves the picture (right).

Both runs are the lesson's ``slide`` look (``lessons.gradient_descent``): for the lecture's own
example f = x^2 on two views; with a lecturer's options the same runs her scene draws (her
function, range, start, lr, steps and momentum, and the overshooting rate the lesson chose),
both panels on her range, their height fitted to the curve. A run that diverges ends on the
"diverged" note.
"""

from __future__ import annotations

import numpy as np

from .common import C, GifAnimation, tr
from .drawing import compact_ticks, fitted_view, shrink_to_width, typst_mathtext
from .drawing import formula_mathtext as typed_mathtext

HOLD_START = 4                # frames on step 0 before each run starts
N_NOTE = 10                   # last frames of a diverged run: the "diverged" note shows
CURVE_SAMPLES = 241


def ramp(n_frames: int, steps: int, hold: int = HOLD_START) -> np.ndarray:
    """Step shown per frame: ``hold`` frames on 0, then evenly up to ``steps``."""
    rest = n_frames - hold
    return np.concatenate([np.zeros(hold, int),
                           np.rint(np.linspace(0, steps, rest + 1)[1:]).astype(int)])


class _Panel:
    """One run: the curve, the path so far, the current point and its readout."""

    def __init__(self, ax, lesson, run, title, lang, s):
        self.traj, self.lang = run.path, lang
        x, fx = lesson.curve(lesson.slide.function, run.view, CURVE_SAMPLES)
        ax.plot(x, fx, color=C("function"), lw=2 * s, zorder=2)
        if lesson.custom:    # the range drawn; the readout where the curve leaves the top free
            ax.set_xlim(x[0], x[-1])
            ylo, yhi, side = fitted_view(x, fx, box_w=0.36, box_h=0.62, pad=0.06,
                                         sides=("center", "left", "right"))
            ax.set_ylim(ylo, yhi)
            compact_ticks(ax)
        else:
            xr = x[-1]
            ax.set_xlim(-xr, xr)
            ax.set_ylim(-0.06 * fx.max(), 1.12 * fx.max())
            side = "center"
        ax.tick_params(labelsize=9 * s, length=3 * s)
        ax.set_xlabel("$x$", fontsize=10 * s, labelpad=1 * s)
        ax.set_title(title, fontsize=10.5 * s, color=C("text"), pad=4 * s)
        self.path, = ax.plot([], [], "-", color=C("gradient"), lw=1.2 * s, alpha=0.8, zorder=3)
        self.trail, = ax.plot([], [], "o", color=C("gradient"), ms=3.5 * s, zorder=4)
        self.dot, = ax.plot([], [], "o", color=C("point"), ms=7 * s, mec="white", mew=1.2 * s,
                            zorder=5)
        self.readout = ax.text({"center": 0.5, "left": 0.03, "right": 0.97}[side], 0.97, "",
                               transform=ax.transAxes, ha=side, va="top",
                               fontsize=9.5 * s, color=C("text"), linespacing=1.45, zorder=6)
        self.artists = [self.path, self.trail, self.dot, self.readout]

    def show(self, k: int):
        P, V = self.traj.points[:k + 1, 0], self.traj.values[:k + 1]
        self.path.set_data(P, V)
        self.trail.set_data(P[:-1], V[:-1])
        self.dot.set_data([P[-1]], [V[-1]])
        self.readout.set_text(tr("gif.gradient_descent.readout", self.lang, k=k, lr=self.traj.lr,
                                 x=P[-1], fx=V[-1]))
        return self.artists


class PointStepsDownhill(GifAnimation):
    """Two panels, the good run then the overshooting one; ``left_step``/``right_step``: the
    step each panel shows in each frame; ``note``/``note_good``: the frames of each panel's
    "diverged" note."""

    LESSON = "gradient_descent"
    fps = 15
    hold_last_s = 1.5
    n_frames = 100
    left_share = 0.54             # of the frames: the good run (54 of 100)

    def __init__(self, lang: str = "zh", width: int = 640, options: dict | None = None,
                 n_frames: int | None = None):
        super().__init__(lang, width, options, n_frames)
        good, big = self.lesson.slide.good.path, self.lesson.slide.big.path
        n, n_left = self.n_frames, int(round(self.left_share * self.n_frames))
        self.n_left = n_left
        left_run = n_left - (N_NOTE if good.diverged else 0)
        self.left_step = np.concatenate([ramp(left_run, good.steps),
                                         np.full(n - left_run, good.steps)])
        right_run = n - n_left - (N_NOTE if big.diverged else 0)
        self.right_step = np.concatenate([np.full(n_left, 0), ramp(right_run, big.steps),
                                          np.full(n - n_left - right_run, big.steps)])
        frames = np.arange(n)
        self.note = frames >= n - N_NOTE if big.diverged else np.zeros(n, bool)
        self.note_good = frames >= left_run if good.diverged else np.zeros(n, bool)

    def init(self):
        lesson, s, fig = self.lesson, self.scale, self.fig
        fn = lesson.slide.function
        title = self.title("gif.gradient_descent.title",
                           formula=typed_mathtext(fn) if lesson.typed
                           else typst_mathtext(fn.instance_formula))
        shrink_to_width(title, 0.98 * fig.bbox.width)
        good_title = self.tr("gif.gradient_descent.good")
        if lesson.custom:    # her learning rate: good or not, the picture will tell
            good_title = f"{self.tr('learning_rate')} $\\eta$ = {lesson.slide.good.lr:g}" + (
                f",  $\\mu$ = {lesson.momentum:g}" if lesson.momentum else "")
        ax_l = fig.add_axes((0.07, 0.12, 0.41, 0.7))
        ax_r = fig.add_axes((0.565, 0.12, 0.41, 0.7))
        self.left = _Panel(ax_l, lesson, lesson.slide.good, good_title, self.lang, s)
        self.right = _Panel(ax_r, lesson, lesson.slide.big, self.tr("gif.gradient_descent.bad"),
                            self.lang, s)
        self.note_text, self.note_good_text = (
            ax.text(0.5, 0.07, self.tr("diverged"), transform=ax.transAxes, ha="center",
                    va="center", fontsize=10 * s, color=C("gradient"), zorder=7,
                    bbox=dict(boxstyle="round,pad=0.3", fc="white", ec=C("gradient"), lw=1 * s))
            for ax in (ax_r, ax_l))
        self.note_text.set_visible(False)
        self.note_good_text.set_visible(False)
        return [*self.left.artists, *self.right.artists, self.note_text, self.note_good_text]

    def update(self, i):
        out = self.left.show(int(self.left_step[i])) + self.right.show(int(self.right_step[i]))
        self.note_text.set_visible(bool(self.note[i]))
        self.note_good_text.set_visible(bool(self.note_good[i]))
        return out + [self.note_text, self.note_good_text]


build = PointStepsDownhill.build
