"""The lecture's 2-3-1 network trained step after step: the loss falling (left, log scale)
beside the weights moving (right), both drawn progressively.

The lecture computes one step by hand (loss 7200 -> ~3225); the animation keeps going with
the same x, y and learning rate. By symmetry every hidden unit j gets the same weights, so one
line per group tells it all: w^1_{1j} (from x1), w^1_{2j} (from x2), w^2_{j1} (layer 2).

The lecturer's own network (render.py --w1/--w2/--x/--y/--lr/--steps) replaces the lecture's,
through the same lesson as the scene (``lessons.backprop``): when her weights make the hidden
units differ, each group draws one line per unit j (same colour); the first step's note shows
her losses with 4 significant digits; a training that overflows stops there and says
"diverged".
"""

from __future__ import annotations

import numpy as np
from matplotlib.ticker import LogLocator, NullFormatter

from .common import C, GifAnimation

class LossAndWeightsDuringTraining(GifAnimation):
    """The loss (left, log scale) and the weights (right) drawn step by step up to the frame's
    training step (``lesson.frame_steps``)."""

    LESSON = "backprop"
    fps = 15
    hold_last_s = 1.5
    n_frames = 84

    def __init__(self, *args, **kw):
        super().__init__(*args, **kw)
        d = self.lesson
        self.frame_steps = d.frame_steps(self.n_frames)
        self.steps = np.arange(len(d.losses))
        # the weight groups: w^1_{ij} from each input i, then w^2_{j1}; one column per unit j
        # (the lecture's two inputs in two colours; a network of more inputs alternates them)
        colors = (C("forward"), C("derivative"))
        self.groups = [(f"w1_x{i + 1}", d.w1_history[:, i, :], colors[i % 2])
                       for i in range(d.sizes[0])] + [("w2", d.w2_history, C("update"))]

    def group_label(self, name: str) -> str:
        key = f"gif.backprop_training.{name}"
        try:
            return self.tr(key)
        except KeyError:       # an input beyond the lecture's two: its weights by name
            return f"$w^{{1}}_{{{name[4:]}j}}$"

    def init(self):
        d, s, fig = self.lesson, self.scale, self.fig
        k_max = max(self.steps[-1], 1)
        self.title("gif.backprop_training.title")
        ax_l = fig.add_axes((0.095, 0.15, 0.375, 0.7))
        ax_r = fig.add_axes((0.595, 0.15, 0.375, 0.7))
        for ax in (ax_l, ax_r):
            ax.set_xlim(-0.03 * k_max, k_max * 1.03)
            ax.tick_params(labelsize=9 * s, length=3 * s)
            ax.set_xlabel(self.tr("gif.backprop_training.step_axis"), fontsize=10 * s,
                          color=C("muted"), labelpad=2 * s)

        # loss, log scale
        losses = d.losses
        ax_l.set_yscale("log")
        shown = losses[losses > 0]           # a loss of exactly 0 has no place on a log axis
        lo = shown.min() if shown.size else 1e-3
        ax_l.set_ylim(lo / 4, max(losses.max(), lo) * 6)
        ax_l.yaxis.set_major_locator(LogLocator(base=10, numticks=12))
        ax_l.yaxis.set_minor_formatter(NullFormatter())
        ax_l.set_title(self.tr("gif.backprop_training.loss_axis"), fontsize=10.5 * s,
                       color=C("loss"), pad=6 * s)
        self.loss_line, = ax_l.plot([], [], "-", color=C("loss"), lw=2 * s)
        self.loss_dot, = ax_l.plot([], [], "o", color=C("loss"), ms=6 * s, mec="white",
                                   mew=1 * s, zorder=5)
        # the lecture's first step: 7200 -> ~3225, marked once the network has taken it
        after = losses[1] if len(losses) > 1 else losses[0]     # no step 1: it diverged
        if d.custom:   # her losses need not be in the thousands: 4 significant digits
            template = self.tr("gif.backprop_training.first_step", before=0, after=0)
            first = template[:template.rindex("0 → 0")] + f"{losses[0]:.4g} → {after:.4g}"
        else:
            first = self.tr("gif.backprop_training.first_step", before=losses[0], after=after)
        self.first = ax_l.annotate(
            first, xy=(1, max(after, lo)), xytext=(0.17 * k_max, max(after, lo) * 4),
            fontsize=9.5 * s,
            color=C("text"), va="center",
            arrowprops=dict(arrowstyle="->", color=C("muted"), lw=1 * s,
                            shrinkA=1 * s, shrinkB=4 * s))
        self.first.set_visible(False)

        # weights
        lo = min(w.min() for _, w, _ in self.groups)
        hi = max(w.max() for _, w, _ in self.groups)
        pad = 0.08 * (hi - lo) or 0.1 * max(1.0, abs(hi))
        # her weights may spread over the whole height: room on top for the legend
        ax_r.set_ylim(lo - pad, hi + (5 * pad if d.custom else pad))
        ax_r.set_title(self.tr("gif.backprop_training.weights_axis"), fontsize=10.5 * s,
                       color=C("update"), pad=6 * s)
        self.w_lines = []
        for g, w, color in self.groups:
            # one line per group when every unit j agrees (the lecture's), else one per j
            units = [0] if np.allclose(w, w[:, :1]) else range(w.shape[1])
            for j in units:
                line, = ax_r.plot([], [], "-", color=color, lw=2 * s,
                                  label=self.group_label(g) if j == 0 else None)
                dot, = ax_r.plot([], [], "o", color=color, ms=5 * s, mec="white", mew=1 * s,
                                 zorder=5)
                self.w_lines.append((line, dot, w[:, j]))
        if d.custom:    # her weights may run anywhere: the legend where they do not (the
            # lines above are empty until the frames fill them, so show "best" the whole paths)
            for _, w, _ in self.groups:
                ax_r.plot(np.repeat(self.steps[:, None], w.shape[1], 1), w, alpha=0)
        ax_r.legend(loc="best" if d.custom else "center right", fontsize=9 * s,
                    handlelength=1.5, borderaxespad=0.2)

        self.readout = ax_l.text(0.05, 0.04, "", transform=ax_l.transAxes, ha="left", va="bottom",
                                 fontsize=10 * s, color=C("text"), linespacing=1.5)
        return self.artists()

    def artists(self) -> list:
        return [self.loss_line, self.loss_dot, self.first, self.readout,
                *(a for a, _, _ in self.w_lines), *(a for _, a, _ in self.w_lines)]

    def update(self, i):
        d = self.lesson
        k = int(self.frame_steps[i])
        ks = self.steps[:k + 1]
        self.loss_line.set_data(ks, d.losses[:k + 1])
        self.loss_dot.set_data([k], [d.losses[k]])
        self.first.set_visible(k >= 1)
        for line, dot, w in self.w_lines:    # unit j = 0 stands for all when they agree
            line.set_data(ks, w[:k + 1])
            dot.set_data([k], [w[k]])
        text = self.tr("gif.backprop_training.readout", k=k, loss=d.losses[k], lr=_short(d.lr))
        if d.diverged and k == self.steps[-1]:
            text += "\n" + self.tr("diverged")
        self.readout.set_text(text)
        return self.artists()


def _short(v: float) -> str:
    """1e-05 as the lecture writes it: 1e-5."""
    return f"{v:g}".replace("e-0", "e-").replace("e+0", "e+")


build = LossAndWeightsDuringTraining.build
