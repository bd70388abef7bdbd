"""Gradient descent on a curve, x <- x - eta f'(x): a point stepping down to the minimum
(left), then the same start with a learning rate too large, overshooting further on every
step until mathcore's ``diverged`` flag stops it (right).

The right panel's ``bound`` is the edge of its view: a point that would leave the picture
counts as diverged, so the run stops where the viewer loses it.

The lecturer's own example (render.py --function/--point/--range/--lr/--steps/--momentum,
through lecture.params) keeps the two beats: the first is her run (her lr, steps and momentum,
titled with its learning rate instead of "a good learning rate"), the second the same start
with lr x k, k the smallest of OVERSHOOT_FACTORS that makes the run leave the picture within
STEPS_BAD steps, so "too large" is shown, not assumed. Both panels draw her range, their
height fitted to the curve, and both count a step leaving the range as diverged; a first run
that diverges ends on the "diverged" note too, as the second does.
"""

from __future__ import annotations

import numpy as np

from lecture import params
from mathcore import functions, optimize

from .common import C, figure, tr
from .drawing import compact_ticks, fitted_view, sample, shrink_to_width
from .drawing import formula_mathtext as typed_mathtext
from .drawing import typst_mathtext

N_LEFT = 54                   # frames of the good run
N_RIGHT = 46                  # frames of the overshooting run, its "diverged" note included
N_FRAMES = N_LEFT + N_RIGHT
FPS = 15
HOLD_LAST_S = 1.5
ASPECT = 0.5625
HOLD_START = 4                # frames on step 0 before each run starts
N_NOTE = 10                   # last frames of the right run: the "diverged" note shows

FUNCTION = ("power", {"n": 2})  # f(x) = x^2
X0 = 2.0
LR_GOOD = 0.1
STEPS_GOOD = 25
LR_BAD = 1.05                 # above 2 / f'' = 1: every step overshoots further
STEPS_BAD = 40                # an upper limit; the run stops when it leaves the view
BOUND = 5.0                   # |x| beyond this counts as diverged (the right view's edge)
XLIM_GOOD = 2.4
XLIM_BAD = 5.6

# the lecturer's own example (render.py --function/--point/--range/--lr/--steps/--momentum)
CUSTOM = params.get("function") is not None
FN = params.function(functions.get(FUNCTION[0], **FUNCTION[1]))
MOMENTUM = params.number("momentum", 0.0)
OVERSHOOT_FACTORS = (1.5, 2, 3, 4, 5, 7, 10, 15, 20, 30, 50, 100, 1000)
if CUSTOM:
    X_VIEW = params.pair("range", (-3.0, 3.0))
    X0 = params.number("point", X_VIEW[0] + 0.85 * (X_VIEW[1] - X_VIEW[0]))
    LR_GOOD = params.number("lr", 0.1)
    STEPS_GOOD = int(params.number("steps", 30))


def _ramp(n_frames: int, steps: int) -> np.ndarray:
    """Step shown per frame: HOLD_START frames on 0, then evenly up to ``steps``."""
    rest = n_frames - HOLD_START
    return np.concatenate([np.zeros(HOLD_START, int),
                           np.rint(np.linspace(0, steps, rest + 1)[1:]).astype(int)])


def descend_in_view(fn, x0, lr, steps, lo, hi, momentum=0.0):
    """Gradient descent that counts leaving [lo, hi] (the drawn range) as diverging."""
    return optimize.gradient_descent_in_box(fn.df, x0, lr, steps, lo, hi, momentum=momentum,
                                            f=fn.f)


def overshooting_lr(fn, x0, lr, lo, hi, momentum=0.0) -> float:
    """lr x k for the smallest k in OVERSHOOT_FACTORS whose run leaves [lo, hi] within
    STEPS_BAD steps (the largest k if none does)."""
    for k in OVERSHOOT_FACTORS:
        if descend_in_view(fn, x0, lr * k, STEPS_BAD, lo, hi, momentum).diverged:
            break
    return lr * k


if CUSTOM:
    LR_BAD = overshooting_lr(FN, X0, LR_GOOD, *X_VIEW, MOMENTUM)


def data(x0: float = X0, lr_good: float = LR_GOOD, lr_bad: float = LR_BAD) -> dict:
    """The curve and both trajectories (``points``, ``values``, ``diverged``) from mathcore,
    and the schedule: which step each panel shows in each frame (-1: not started)."""
    fn = FN
    if CUSTOM:
        good = descend_in_view(fn, x0, lr_good, STEPS_GOOD, *X_VIEW, MOMENTUM)
        bad = descend_in_view(fn, x0, lr_bad, STEPS_BAD, *X_VIEW, MOMENTUM)
        x_good, f_good = sample(fn, *X_VIEW, 241)
        x_bad, f_bad = x_good, f_good
    else:
        good = optimize.gradient_descent(fn.df, x0, lr_good, STEPS_GOOD, f=fn.f)
        bad = optimize.gradient_descent(fn.df, x0, lr_bad, STEPS_BAD, f=fn.f, bound=BOUND)
        x_good = np.linspace(-XLIM_GOOD, XLIM_GOOD, 241)
        x_bad = np.linspace(-XLIM_BAD, XLIM_BAD, 241)
        f_good, f_bad = np.asarray(fn.f(x_good)), np.asarray(fn.f(x_bad))
    left_run = N_LEFT - (N_NOTE if good.diverged else 0)
    left = np.concatenate([_ramp(left_run, good.steps), np.full(N_FRAMES - left_run, good.steps)])
    right_run = N_RIGHT - (N_NOTE if bad.diverged else 0)
    right = np.concatenate([np.full(N_LEFT, 0), _ramp(right_run, bad.steps),
                            np.full(N_FRAMES - N_LEFT - right_run, bad.steps)])
    note = np.arange(N_FRAMES) >= N_FRAMES - N_NOTE if bad.diverged else np.zeros(N_FRAMES, bool)
    note_good = (np.arange(N_FRAMES) >= left_run if good.diverged
                 else np.zeros(N_FRAMES, bool))
    return {"function": fn, "good": good, "bad": bad,
            "x_good": x_good, "f_good": f_good, "x_bad": x_bad, "f_bad": f_bad,
            "left_step": left, "right_step": right, "note": note, "note_good": note_good}


class _Panel:
    """One run: the curve, the path so far, the current point and its readout."""

    def __init__(self, ax, x, fx, traj, title, lang, s):
        self.traj, self.lang = traj, lang
        ax.plot(x, fx, color=C("function"), lw=2 * s, zorder=2)
        if CUSTOM:    # the range drawn; the readout where the curve leaves the top free
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


class PointStepsDownhill:
    """The FrameSource."""

    fps = FPS
    hold_last_s = HOLD_LAST_S
    n_frames = N_FRAMES

    def __init__(self, lang: str, width: int = 640, **opts):
        self.lang = lang
        self.d = data(**opts)
        self.fig, self.scale = figure(width, ASPECT)

    def init(self):
        d, s, lang, fig = self.d, self.scale, self.lang, self.fig
        formula = (typed_mathtext(d["function"]) if CUSTOM else
                   typst_mathtext(d["function"].instance_formula))
        title = fig.text(0.5, 0.955, tr("gif.gradient_descent.title", lang, formula=formula),
                         ha="center", va="center", fontsize=13 * s, color=C("text"))
        shrink_to_width(title, 0.98 * fig.bbox.width)
        good_title = tr("gif.gradient_descent.good", lang)
        if CUSTOM:    # her learning rate: good or not, the picture will tell
            good_title = f"{tr('learning_rate', lang)} $\\eta$ = {d['good'].lr:g}" + (
                f",  $\\mu$ = {MOMENTUM:g}" if MOMENTUM else "")
        ax_l = fig.add_axes((0.07, 0.12, 0.41, 0.7))
        ax_r = fig.add_axes((0.565, 0.12, 0.41, 0.7))
        self.left = _Panel(ax_l, d["x_good"], d["f_good"], d["good"], good_title, lang, s)
        self.right = _Panel(ax_r, d["x_bad"], d["f_bad"], d["bad"],
                            tr("gif.gradient_descent.bad", lang), lang, s)
        self.note, self.note_good = (
            ax.text(0.5, 0.07, tr("diverged", lang), transform=ax.transAxes, ha="center",
                    va="center", fontsize=10 * s, color=C("gradient"), zorder=7,
                    bbox=dict(boxstyle="round,pad=0.3", fc="white", ec=C("gradient"), lw=1 * s))
            for ax in (ax_r, ax_l))
        self.note.set_visible(False)
        self.note_good.set_visible(False)
        return [*self.left.artists, *self.right.artists, self.note, self.note_good]

    def update(self, i):
        d = self.d
        out = self.left.show(int(d["left_step"][i])) + self.right.show(int(d["right_step"][i]))
        self.note.set_visible(bool(d["note"][i]))
        self.note_good.set_visible(bool(d["note_good"][i]))
        return out + [self.note, self.note_good]


def build(lang: str, width: int = 640, **opts) -> PointStepsDownhill:
    return PointStepsDownhill(lang, width, **opts)
