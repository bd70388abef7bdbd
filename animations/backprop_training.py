"""The lecture's 2-3-1 network trained step after step: the loss falling (left, log scale)
beside the weights moving (right), both drawn progressively.

The lecture computes one step by hand (loss 7200 -> ~3225); the animation keeps going with
the same x, y and learning rate. By symmetry every hidden unit j gets the same weights, so one
line per group tells it all: w^1_{1j} (from x1), w^1_{2j} (from x2), w^2_{j1} (layer 2).

The lecturer's own network (render.py --w1/--w2/--x/--y/--lr/--steps, through lecture.params
into mathcore.backprop.seed_example) replaces the lecture's: when her weights make the hidden
units differ, each group draws one line per unit j (same colour); the first step's note shows
her losses with 4 significant digits; a training that overflows stops there and says
"diverged".
"""

from __future__ import annotations

import numpy as np
from matplotlib.ticker import LogLocator, NullFormatter

from lecture import params
from mathcore import backprop

from .common import C, figure, tr

N_FRAMES = 84
FPS = 15
HOLD_LAST_S = 1.5
ASPECT = 0.5625

TRAIN_STEPS = int(params.number("steps", 40))
# the lecturer's own network, input, target and learning rate (None: the lecture's)
CUSTOM = params.is_custom()
EXAMPLE = {k: params.get(k) for k in ("w1", "w2", "x", "y", "lr")}
HOLD_START = 6                # frames on step 0 (the untrained network)
HOLD_FIRST = 14               # frames on step 1: the lecture's hand-computed step


def frame_steps(n_frames: int = N_FRAMES, steps: int = TRAIN_STEPS) -> np.ndarray:
    """The training step shown in each frame: a pause on 0 and on 1, then evenly up to ``steps``."""
    rest = n_frames - HOLD_START - HOLD_FIRST
    tail = np.rint(np.linspace(1, steps, rest + 1)[1:]).astype(int)
    return np.concatenate([np.zeros(HOLD_START, int), np.ones(HOLD_FIRST, int), tail])


def data(steps: int = TRAIN_STEPS) -> dict:
    """The loss and the weights before each step (the last entry after the final step)."""
    mlp, x, y, lr = backprop.seed_example(**EXAMPLE)
    hist = mlp.train(x, y, lr, steps)
    W1 = np.array([w[0] for w in hist.weights])       # (steps + 1, 2, 3)
    W2 = np.array([w[1] for w in hist.weights])       # (steps + 1, 3, 1)
    done = len(hist.losses) - 1                       # fewer than ``steps`` if it diverged
    return {"lr": lr, "losses": hist.losses, "steps": np.arange(len(hist.losses)),
            "w1_x1": W1[:, 0, :], "w1_x2": W1[:, 1, :], "w2": W2[:, :, 0],
            "diverged": hist.diverged, "frame_steps": frame_steps(steps=done)}


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
        k_max = max(d["steps"][-1], 1)
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
        shown = losses[losses > 0]           # a loss of exactly 0 has no place on a log axis
        lo = shown.min() if shown.size else 1e-3
        ax_l.set_ylim(lo / 4, max(losses.max(), lo) * 6)
        ax_l.yaxis.set_major_locator(LogLocator(base=10, numticks=12))
        ax_l.yaxis.set_minor_formatter(NullFormatter())
        ax_l.set_title(tr("gif.backprop_training.loss_axis", lang), fontsize=10.5 * s,
                       color=C("loss"), pad=6 * s)
        self.loss_line, = ax_l.plot([], [], "-", color=C("loss"), lw=2 * s)
        self.loss_dot, = ax_l.plot([], [], "o", color=C("loss"), ms=6 * s, mec="white",
                                   mew=1 * s, zorder=5)
        # the lecture's first step: 7200 -> ~3225, marked once the network has taken it
        after = losses[1] if len(losses) > 1 else losses[0]     # no step 1: it diverged
        if CUSTOM:   # her losses need not be in the thousands: 4 significant digits
            template = tr("gif.backprop_training.first_step", lang, before=0, after=0)
            first = template[:template.rindex("0 → 0")] + f"{losses[0]:.4g} → {after:.4g}"
        else:
            first = tr("gif.backprop_training.first_step", lang, before=losses[0], after=after)
        self.first = ax_l.annotate(
            first, xy=(1, max(after, lo)), xytext=(0.17 * k_max, max(after, lo) * 4),
            fontsize=9.5 * s,
            color=C("text"), va="center",
            arrowprops=dict(arrowstyle="->", color=C("muted"), lw=1 * s,
                            shrinkA=1 * s, shrinkB=4 * s))
        self.first.set_visible(False)

        # weights
        groups = [("w1_x1", C("forward")), ("w1_x2", C("derivative")), ("w2", C("update"))]
        lo = min(d[g].min() for g, _ in groups)
        hi = max(d[g].max() for g, _ in groups)
        pad = 0.08 * (hi - lo) or 0.1 * max(1.0, abs(hi))
        # her weights may spread over the whole height: room on top for the legend
        ax_r.set_ylim(lo - pad, hi + (5 * pad if CUSTOM else pad))
        ax_r.set_title(tr("gif.backprop_training.weights_axis", lang), fontsize=10.5 * s,
                       color=C("update"), pad=6 * s)
        self.w_lines, self.w_dots = [], []
        for g, color in groups:
            # one line per group when every unit j agrees (the lecture's), else one per j
            units = [0] if np.allclose(d[g], d[g][:, :1]) else range(d[g].shape[1])
            for j in units:
                line, = ax_r.plot([], [], "-", color=color, lw=2 * s,
                                  label=tr(f"gif.backprop_training.{g}", lang) if j == 0
                                  else None)
                dot, = ax_r.plot([], [], "o", color=color, ms=5 * s, mec="white", mew=1 * s,
                                 zorder=5)
                self.w_lines.append((line, (g, j)))
                self.w_dots.append((dot, (g, j)))
        if CUSTOM:    # her weights may run anywhere: the legend where they do not (the
            # lines above are empty until the frames fill them, so show "best" the whole paths)
            for g, _ in groups:
                ax_r.plot(np.repeat(d["steps"][:, None], d[g].shape[1], 1), d[g], alpha=0)
        ax_r.legend(loc="best" if CUSTOM else "center right", fontsize=9 * s, handlelength=1.5,
                    borderaxespad=0.2)

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
        for (line, (g, j)), (dot, _) in zip(self.w_lines, self.w_dots):
            w = d[g][:k + 1, j]           # j = 0 stands for all when they agree
            line.set_data(ks, w)
            dot.set_data([k], [w[-1]])
        text = tr("gif.backprop_training.readout", self.lang, k=k, loss=d["losses"][k],
                  lr=_short(d["lr"]))
        if d["diverged"] and k == d["steps"][-1]:
            text += "\n" + tr("diverged", self.lang)
        self.readout.set_text(text)
        return [self.loss_line, self.loss_dot, self.first, self.readout,
                *(a for a, _ in self.w_lines), *(a for a, _ in self.w_dots)]


def _short(v: float) -> str:
    """1e-05 as the lecture writes it: 1e-5."""
    return f"{v:g}".replace("e-0", "e-").replace("e+0", "e+")


def build(lang: str, width: int = 640, **opts) -> LossAndWeightsDuringTraining:
    return LossAndWeightsDuringTraining(lang, width, **opts)
