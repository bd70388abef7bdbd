"""The lecture's 2-3-1 network trained step after step: the loss falling (left, log scale)
beside the weights moving (right), both drawn progressively.

The lecture computes one step by hand (loss 7200 -> ~3225); the animation keeps going with
the same x, y and learning rate. By symmetry every hidden unit j gets the same weights, so one
line per group tells it all: w^1_{1j} (from x1), w^1_{2j} (from x2), w^2_{j1} (layer 2).
"""

from __future__ import annotations

import numpy as np
from matplotlib.ticker import LogLocator, NullFormatter

from mathcore import backprop

from .common import C, figure, tr

N_FRAMES = 84
FPS = 15
HOLD_LAST_S = 1.5
ASPECT = 0.5625

TRAIN_STEPS = 40
HOLD_START = 6                # frames on step 0 (the untrained network)
HOLD_FIRST = 14               # frames on step 1: the lecture's hand-computed step


def frame_steps(n_frames: int = N_FRAMES, steps: int = TRAIN_STEPS) -> np.ndarray:
    """The training step shown in each frame: a pause on 0 and on 1, then evenly up to ``steps``."""
    rest = n_frames - HOLD_START - HOLD_FIRST
    tail = np.rint(np.linspace(1, steps, rest + 1)[1:]).astype(int)
    return np.concatenate([np.zeros(HOLD_START, int), np.ones(HOLD_FIRST, int), tail])


def data(steps: int = TRAIN_STEPS) -> dict:
    """The loss and the weights before each step (the last entry after the final step)."""
    mlp, x, y, lr = backprop.seed_example()
    hist = mlp.train(x, y, lr, steps)
    W1 = np.array([w[0] for w in hist.weights])       # (steps + 1, 2, 3)
    W2 = np.array([w[1] for w in hist.weights])       # (steps + 1, 3, 1)
    return {"lr": lr, "losses": hist.losses, "steps": np.arange(len(hist.losses)),
            "w1_x1": W1[:, 0, :], "w1_x2": W1[:, 1, :], "w2": W2[:, :, 0],
            "diverged": hist.diverged, "frame_steps": frame_steps(steps=steps)}


class LossAndWeightsDuringTraining:
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
        k_max = d["steps"][-1]
        fig.text(0.5, 0.955, tr("gif.backprop_training.title", lang), ha="center", va="center",
                 fontsize=13 * s, color=C("text"))
        ax_l = fig.add_axes((0.095, 0.15, 0.375, 0.7))
        ax_r = fig.add_axes((0.595, 0.15, 0.375, 0.7))
        for ax in (ax_l, ax_r):
            ax.set_xlim(-0.03 * k_max, k_max * 1.03)
            ax.tick_params(labelsize=9 * s, length=3 * s)
            ax.set_xlabel(tr("gif.backprop_training.step_axis", lang), fontsize=10 * s,
                          color=C("muted"), labelpad=2 * s)

        # loss, log scale
        losses = d["losses"]
        ax_l.set_yscale("log")
        ax_l.set_ylim(losses.min() / 4, losses.max() * 6)
        ax_l.yaxis.set_major_locator(LogLocator(base=10, numticks=12))
        ax_l.yaxis.set_minor_formatter(NullFormatter())
        ax_l.set_title(tr("gif.backprop_training.loss_axis", lang), fontsize=10.5 * s,
                       color=C("loss"), pad=6 * s)
        self.loss_line, = ax_l.plot([], [], "-", color=C("loss"), lw=2 * s)
        self.loss_dot, = ax_l.plot([], [], "o", color=C("loss"), ms=6 * s, mec="white",
                                   mew=1 * s, zorder=5)
        # the lecture's first step: 7200 -> ~3225, marked once the network has taken it
        self.first = ax_l.annotate(
            tr("gif.backprop_training.first_step", lang, before=losses[0], after=losses[1]),
            xy=(1, losses[1]), xytext=(0.17 * k_max, losses[1] * 4), fontsize=9.5 * s,
            color=C("text"), va="center",
            arrowprops=dict(arrowstyle="->", color=C("muted"), lw=1 * s,
                            shrinkA=1 * s, shrinkB=4 * s))
        self.first.set_visible(False)

        # weights
        groups = [("w1_x1", C("forward")), ("w1_x2", C("derivative")), ("w2", C("update"))]
        lo = min(d[g].min() for g, _ in groups)
        hi = max(d[g].max() for g, _ in groups)
        pad = 0.08 * (hi - lo)
        ax_r.set_ylim(lo - pad, hi + pad)
        ax_r.set_title(tr("gif.backprop_training.weights_axis", lang), fontsize=10.5 * s,
                       color=C("update"), pad=6 * s)
        self.w_lines, self.w_dots = [], []
        for g, color in groups:
            line, = ax_r.plot([], [], "-", color=color, lw=2 * s,
                              label=tr(f"gif.backprop_training.{g}", lang))
            dot, = ax_r.plot([], [], "o", color=color, ms=5 * s, mec="white", mew=1 * s,
                             zorder=5)
            self.w_lines.append((line, g))
            self.w_dots.append((dot, g))
        ax_r.legend(loc="center right", fontsize=9 * s, handlelength=1.5, borderaxespad=0.2)

        self.readout = ax_l.text(0.05, 0.04, "", transform=ax_l.transAxes, ha="left", va="bottom",
                                 fontsize=10 * s, color=C("text"), linespacing=1.5)
        return [self.loss_line, self.loss_dot, self.first, self.readout,
                *(a for a, _ in self.w_lines), *(a for a, _ in self.w_dots)]

    def update(self, i):
        d = self.d
        k = int(d["frame_steps"][i])
        ks = d["steps"][:k + 1]
        self.loss_line.set_data(ks, d["losses"][:k + 1])
        self.loss_dot.set_data([k], [d["losses"][k]])
        self.first.set_visible(k >= 1)
        for (line, g), (dot, _) in zip(self.w_lines, self.w_dots):
            w = d[g][:k + 1, 0]           # every j is the same (see the module docstring)
            line.set_data(ks, w)
            dot.set_data([k], [w[-1]])
        self.readout.set_text(tr("gif.backprop_training.readout", self.lang, k=k,
                                 loss=d["losses"][k], lr=_short(d["lr"])))
        return [self.loss_line, self.loss_dot, self.first, self.readout,
                *(a for a, _ in self.w_lines), *(a for a, _ in self.w_dots)]


def _short(v: float) -> str:
    """1e-05 as the lecture writes it: 1e-5."""
    return f"{v:g}".replace("e-0", "e-").replace("e+0", "e+")


def build(lang: str, width: int = 640, **opts) -> LossAndWeightsDuringTraining:
    return LossAndWeightsDuringTraining(lang, width, **opts)
