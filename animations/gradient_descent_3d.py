"""Gradient descent on a surface ("Gradient Descent on 3D Surface"): the path walking down
the surface (left) and the same path on its contour map (right), step by step.

Both views share one banded colour scale (the contour levels), so a band on the surface is
the same band on the map; the path is drawn in the gradient colour, the point in black.

Everything drawn is the lesson's ``slide`` (``lessons.gradient_descent_3d``): for the lecture's
own example sin x cos y; with a lecturer's options the run her scene draws (her surface on her
range for both axes, or the lecture's bowl; her start, lr, steps and momentum). The minimum is
marked where the lesson found one; a run that left the square ends on the "diverged" note.
"""

from __future__ import annotations

import numpy as np
from matplotlib.colors import BoundaryNorm, LinearSegmentedColormap
from matplotlib.ticker import MaxNLocator
from mpl_toolkits.mplot3d.art3d import Poly3DCollection

from .common import C, GifAnimation
from .drawing import faces, flat_window, plain_3d_axes, shrink_to_width, typst_mathtext
from .drawing import formula_mathtext as typed_mathtext
from .gradient_descent import ramp

HOLD_START = 6                # frames on the start point
N_LEVELS = 10                 # colour bands (shared by both views)
ELEV, AZIM = 32.0, -112.0
N_NOTE = 12                   # last frames of a diverged run: the "diverged" note shows


def z_window(Z) -> tuple[float, float]:
    """The heights the colour bands span: the surface's, or for a flat surface (a constant,
    ``1e-20*x``) a window of sane height around it, so that it is drawn as a flat surface."""
    lo, hi = float(np.min(Z)), float(np.max(Z))
    return flat_window(lo, hi) or (lo, hi)


class DescentOnSurfaceAndContours(GifAnimation):
    """``frame_steps``: the step shown in each frame; ``note_frames``: the frames of the
    "diverged" note; ``levels``: the colour bands' edges."""

    LESSON = "gradient_descent_3d"
    fps = 15
    hold_last_s = 1.5
    n_frames = 66

    def init(self):
        sl, s, fig = self.lesson.slide, self.scale, self.fig
        n, n_run = self.n_frames, self.n_frames - (N_NOTE if sl.path.diverged else 0)
        self.frame_steps = np.concatenate([ramp(n_run, sl.path.steps, HOLD_START),
                                           np.full(n - n_run, sl.path.steps, int)])
        self.note_frames = np.arange(n) >= n_run
        self.levels = np.linspace(*z_window(sl.grid[2]), N_LEVELS + 1)
        X, Y, Z = sl.mesh
        CX, CY, CZ = sl.grid
        # low = deep blue (the function's colour), high = nearly white
        cmap = LinearSegmentedColormap.from_list("valley", [C("function"), "#F3F8FC"])
        norm = BoundaryNorm(self.levels, cmap.N)
        title = self.title("gif.gradient_descent_3d.title",
                           formula=typed_mathtext(sl.surface) if self.lesson.typed
                           else typst_mathtext(sl.surface.formula))
        shrink_to_width(title, 0.98 * fig.bbox.width)

        # left: the surface, faces coloured by their band
        ax3 = fig.add_axes((0.0, 0.06, 0.54, 0.84), projection="3d", computed_zorder=False)
        quads = faces(X, Y, Z)
        poly = Poly3DCollection(quads, facecolors=cmap(norm(quads[:, :, 2].mean(axis=1))),
                                edgecolors="none", linewidths=0, antialiased=False)
        ax3.add_collection3d(poly)
        (x_lo, x_hi), (y_lo, y_hi) = sl.x_range, sl.y_range
        ax3.set(xlim=(x_lo, x_hi), ylim=(y_lo, y_hi), zlim=z_window(Z))
        ax3.set_box_aspect((1, 1, 0.55), zoom=1.05)
        ax3.view_init(ELEV, AZIM)
        plain_3d_axes(ax3, s)
        if self.lesson.custom:    # her range and heights: the ends and the middle
            ax3.set_xticks(np.linspace(x_lo, x_hi, 3))
            ax3.set_yticks(np.linspace(y_lo, y_hi, 3))
            ax3.zaxis.set_major_locator(MaxNLocator(3))
        else:
            ax3.set_xticks([x_lo, 0, x_hi])
            ax3.set_yticks([y_lo, 0, y_hi])
            ax3.set_zticks([-1, 0, 1])
        ax3.set_title(self.tr("gif.gradient_descent_3d.surface"), fontsize=10.5 * s,
                      color=C("text"), y=0.98)
        self.path3, = ax3.plot([], [], [], ".-", color=C("gradient"), lw=1.8 * s, ms=4 * s,
                              zorder=10)
        self.dot3, = ax3.plot([], [], [], "o", color=C("point"), ms=6 * s, mec="white",
                              mew=1 * s, zorder=11)

        # right: the contour map
        ax2 = fig.add_axes((0.585, 0.14, 0.37, 0.7))
        ax2.contourf(CX, CY, CZ, levels=self.levels, cmap=cmap, norm=norm)
        ax2.contour(CX, CY, CZ, levels=self.levels, colors="white",
                    linewidths=0.5 * s, negative_linestyles="solid")
        ax2.set_aspect("equal")
        ax2.grid(False)
        ax2.tick_params(labelsize=8.5 * s, length=3 * s)
        ax2.set_xlabel("$x$", fontsize=10 * s, labelpad=0)
        ax2.set_ylabel("$y$", fontsize=10 * s, labelpad=0, rotation=0)
        ax2.set_title(self.tr("gif.gradient_descent_3d.contour"), fontsize=10.5 * s,
                      color=C("text"), pad=5 * s)
        if sl.minimum is not None:
            ax2.plot(*sl.minimum, "*", color=C("tangent"), ms=11 * s, mec="white",
                     mew=0.8 * s, zorder=4)
            ax2.annotate(self.tr("gif.gradient_descent_3d.minimum"), sl.minimum,
                         xytext=(0, -11 * s), textcoords="offset points", ha="center",
                         va="top", fontsize=8.5 * s, color="white", zorder=4)
        self.path2, = ax2.plot([], [], ".-", color=C("gradient"), lw=1.6 * s, ms=4 * s,
                               zorder=5)
        self.dot2, = ax2.plot([], [], "o", color=C("point"), ms=6 * s, mec="white",
                              mew=1 * s, zorder=6)

        self.readout = fig.text(0.5, 0.035, "", ha="center", va="center", fontsize=10 * s,
                                color=C("text"))
        self.note = ax2.text(0.5, 0.08, self.tr("diverged"), transform=ax2.transAxes,
                             ha="center", va="center", fontsize=9 * s, color=C("gradient"),
                             zorder=7, bbox=dict(boxstyle="round,pad=0.3", fc="white",
                                                 ec=C("gradient"), lw=1 * s))
        self.note.set_visible(False)
        return [self.path3, self.dot3, self.path2, self.dot2, self.readout, self.note]

    def update(self, i):
        traj = self.lesson.slide.path
        k = int(self.frame_steps[i])
        P, V = traj.points[:k + 1], traj.values[:k + 1]
        self.path3.set_data_3d(P[:, 0], P[:, 1], V)
        self.dot3.set_data_3d([P[-1, 0]], [P[-1, 1]], [V[-1]])
        self.path2.set_data(P[:, 0], P[:, 1])
        self.dot2.set_data([P[-1, 0]], [P[-1, 1]])
        self.readout.set_text(self.tr("gif.gradient_descent_3d.readout", k=k, lr=traj.lr,
                                      x=P[-1, 0], y=P[-1, 1], f=V[-1]))
        self.note.set_visible(bool(self.note_frames[i]))
        return [self.path3, self.dot3, self.path2, self.dot2, self.readout, self.note]


build = DescentOnSurfaceAndContours.build
