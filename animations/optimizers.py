"""Optimizers compared on one surface's contour map: plain gradient descent zig-zags across
the narrow valley, momentum overshoots and swings back, RMSProp and Adam rescale each
coordinate and head for the minimum. The paths grow together, one step per frame; the legend
beside the map reads each one's current f(x, y).

Each optimizer runs with its own learning rate (a rate that suits one is far off for
another); the legend states them. The race is section 12's lesson's ``race``
(``lessons.gradient_descent_3d``); it takes no options.
"""

from __future__ import annotations

from matplotlib.lines import Line2D

from lecture.palette import optimizer_color

from lessons.gradient_descent_3d import RACE_RUNS as RUNS  # noqa: F401 (method, lr), in order

from .common import THEME, C, GifAnimation
from .drawing import shrink_to_width, typst_mathtext
from .gradient_descent import ramp


class OptimizersRace(GifAnimation):
    """``frame_steps``: the step every path shows in each frame."""

    LESSON = "gradient_descent_3d"
    fps = 12
    hold_last_s = 1.5
    n_frames = 64

    def init(self):
        self.race = race = self.lesson.race
        self.frame_steps = ramp(self.n_frames, race.steps)
        s, fig = self.scale, self.fig
        surf = race.surface
        self.title("gif.optimizers.title", formula=typst_mathtext(surf.formula))
        ax = fig.add_axes((0.06, 0.09, 0.6, 0.78))
        ax.contour(*race.grid, levels=race.levels, colors="#C8C8C8",
                   linewidths=0.8 * s)
        ax.set_aspect("equal")
        ax.set_xlim(*surf.x_range)
        ax.set_ylim(*surf.y_range)
        ax.grid(False)
        ax.tick_params(labelsize=8.5 * s, length=3 * s)
        ax.set_xlabel("$x$", fontsize=10 * s, labelpad=0)
        ax.set_ylabel("$y$", fontsize=10 * s, labelpad=2 * s, rotation=0)
        x0 = race.start
        ax.plot(*x0, "o", color=C("muted"), ms=6 * s, zorder=3)
        ax.annotate(self.tr("gif.optimizers.start"), x0, xytext=(6 * s, 4 * s),
                    textcoords="offset points", fontsize=8.5 * s, color=C("muted"))
        if surf.minimum is not None:
            ax.plot(*surf.minimum, "*", color=C("text"), ms=10 * s, zorder=3)

        self.paths, self.heads, self.values = {}, {}, {}
        y = 0.76
        for m, traj in race.paths.items():
            color = optimizer_color(m, THEME)
            self.paths[m], = ax.plot([], [], "-", color=color, lw=1.6 * s, zorder=4)
            self.heads[m], = ax.plot([], [], "o", color=color, ms=6 * s, mec="white",
                                     mew=1 * s, zorder=5)
            # the legend: a line sample, the name with its rate, the current value below
            fig.add_artist(Line2D([0.695, 0.735], [y, y], color=color, lw=2.5 * s,
                                  transform=fig.transFigure))
            entry = fig.text(0.75, y, self.tr("gif.optimizers.legend",
                                              name=self.tr(f"gif.optimizers.{m}"), lr=traj.lr),
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
        k = int(self.frame_steps[i])
        for m, traj in self.race.paths.items():
            j = min(k, traj.steps)        # a run that stopped early stays where it stopped
            P = traj.points[:j + 1]
            self.paths[m].set_data(P[:, 0], P[:, 1])
            self.heads[m].set_data([P[-1, 0]], [P[-1, 1]])
            self.values[m].set_text(self.tr("gif.optimizers.value", v=traj.values[j]))
        self.readout.set_text(self.tr("gif.optimizers.readout", k=k))
        return self._artists()


build = OptimizersRace.build
