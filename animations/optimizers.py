"""Optimizers compared on one surface's contour map: plain gradient descent zig-zags across
the narrow valley, momentum overshoots and swings back, RMSProp and Adam rescale each
coordinate and head for the minimum. The paths grow together, one step per frame; the legend
beside the map reads each one's current f(x, y).

Each optimizer runs with its own learning rate (a rate that suits one is far off for
another); the legend states them.
"""

from __future__ import annotations

import numpy as np
from matplotlib.lines import Line2D

from lecture.palette import optimizer_color
from mathcore import optimize, surfaces

from .common import THEME, C, figure, tr
from .drawing import shrink_to_width, typst_mathtext

N_FRAMES = 64
FPS = 12
HOLD_LAST_S = 1.5
ASPECT = 0.5625
HOLD_START = 4                # frames on the start point

SURFACE = "ellipse"           # 0.5 x^2 + 2.5 y^2: five times steeper across than along
X0 = (-2.6, 1.6)
STEPS = 50
# (method, learning rate), in the legend's order
RUNS = (("gd", 0.35), ("momentum", 0.02), ("rmsprop", 0.05), ("adam", 0.2))
N_CONTOUR = 161
CONTOUR_LEVELS = (0.05, 0.25, 0.75, 1.5, 2.5, 4.0, 6.0, 8.5, 11.5)


def frame_steps(n_frames: int = N_FRAMES, steps: int = STEPS) -> np.ndarray:
    rest = n_frames - HOLD_START
    return np.concatenate([np.zeros(HOLD_START, int),
                           np.rint(np.linspace(0, steps, rest + 1)[1:]).astype(int)])


def data(surface: str = SURFACE, x0=X0, steps: int = STEPS, runs=RUNS) -> dict:
    """The contour grid and one mathcore.optimize.minimize trajectory per (method, lr)."""
    s = surfaces.get(surface)
    trajs = {m: optimize.minimize(s.grad_xy, np.asarray(x0, float), lr, steps, method=m,
                                  f=s.f_xy)
             for m, lr in runs}
    X, Y, Z = surfaces.grid(s, s.x_range, s.y_range, N_CONTOUR)
    return {"surface": s, "trajs": trajs, "X": X, "Y": Y, "Z": Z,
            "frame_steps": frame_steps(steps=steps)}


class OptimizersRace:
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
        surf = d["surface"]
        formula = typst_mathtext(surf.formula)
        fig.text(0.5, 0.955, tr("gif.optimizers.title", lang, formula=formula),
                 ha="center", va="center", fontsize=13 * s, color=C("text"))
        ax = fig.add_axes((0.06, 0.09, 0.6, 0.78))
        ax.contour(d["X"], d["Y"], d["Z"], levels=CONTOUR_LEVELS, colors="#C8C8C8",
                   linewidths=0.8 * s)
        ax.set_aspect("equal")
        ax.set_xlim(*surf.x_range)
        ax.set_ylim(*surf.y_range)
        ax.grid(False)
        ax.tick_params(labelsize=8.5 * s, length=3 * s)
        ax.set_xlabel("$x$", fontsize=10 * s, labelpad=0)
        ax.set_ylabel("$y$", fontsize=10 * s, labelpad=2 * s, rotation=0)
        x0 = next(iter(d["trajs"].values())).points[0]
        ax.plot(*x0, "o", color=C("muted"), ms=6 * s, zorder=3)
        ax.annotate(tr("gif.optimizers.start", lang), x0, xytext=(6 * s, 4 * s),
                    textcoords="offset points", fontsize=8.5 * s, color=C("muted"))
        if surf.minimum is not None:
            ax.plot(*surf.minimum, "*", color=C("text"), ms=10 * s, zorder=3)

        self.paths, self.heads, self.values = {}, {}, {}
        y = 0.76
        for m, traj in d["trajs"].items():
            color = optimizer_color(m, THEME)
            self.paths[m], = ax.plot([], [], "-", color=color, lw=1.6 * s, zorder=4)
            self.heads[m], = ax.plot([], [], "o", color=color, ms=6 * s, mec="white",
                                     mew=1 * s, zorder=5)
            # the legend: a line sample, the name with its rate, the current value below
            fig.add_artist(Line2D([0.695, 0.735], [y, y], color=color, lw=2.5 * s,
                                  transform=fig.transFigure))
            entry = fig.text(0.75, y, tr("gif.optimizers.legend", lang,
                                         name=tr(f"gif.optimizers.{m}", lang), lr=traj.lr),
                             va="center", fontsize=10 * s, color=C("text"))
            shrink_to_width(entry, 0.24 * fig.bbox.width)  # "gradient descent" is long in en
            self.values[m] = fig.text(0.75, y - 0.065, "", va="center", fontsize=9 * s,
                                      color=C("muted"))
            y -= 0.165
        self.readout = ax.text(0.02, 0.03, "", transform=ax.transAxes, fontsize=10 * s,
                               color=C("text"), zorder=6)
        return self._artists()

    def _artists(self):
        return [*self.paths.values(), *self.heads.values(), *self.values.values(),
                self.readout]

    def update(self, i):
        k = int(self.d["frame_steps"][i])
        for m, traj in self.d["trajs"].items():
            j = min(k, traj.steps)        # a run that stopped early stays where it stopped
            P = traj.points[:j + 1]
            self.paths[m].set_data(P[:, 0], P[:, 1])
            self.heads[m].set_data([P[-1, 0]], [P[-1, 1]])
            self.values[m].set_text(tr("gif.optimizers.value", self.lang, v=traj.values[j]))
        self.readout.set_text(tr("gif.optimizers.readout", self.lang, k=k))
        return self._artists()


def build(lang: str, width: int = 640, **opts) -> OptimizersRace:
    return OptimizersRace(lang, width, **opts)
