"""Gradient descent on a surface ("Gradient Descent on 3D Surface"): the path walking down
the surface (left) and the same path on its contour map (right), step by step.

Both views share one banded colour scale (the contour levels), so a band on the surface is
the same band on the map; the path is drawn in the gradient colour, the point in black.

The lecturer's own surface (render.py --function "x**2 + 3*y**2" --point/--range/--lr/--steps/
--momentum, through lecture.params) replaces sin x cos y: both views draw her range on both
axes; the minimum is marked where the contour grid is lowest when that lies inside the square
(not on its edge); a step leaving the square counts as diverged, and the "diverged" note then
shows on the map for the last frames.
"""

from __future__ import annotations

import numpy as np
from matplotlib.colors import BoundaryNorm, LinearSegmentedColormap
from matplotlib.ticker import MaxNLocator
from mpl_toolkits.mplot3d.art3d import Poly3DCollection

from lecture import params
from mathcore import optimize, surfaces

from .common import C, figure, tr
from .drawing import formula_mathtext as typed_mathtext
from .drawing import shrink_to_width
from .drawing import faces, flat_window, typst_mathtext

N_FRAMES = 66
FPS = 15
HOLD_LAST_S = 1.5
ASPECT = 0.5625
HOLD_START = 6                # frames on the start point

SURFACE = "waves"             # sin x cos y: the start sits near a saddle, the path curves
X0 = (0.8, 0.4)
LR = 0.2
STEPS = 30
N_MESH = 25                   # the 3D surface's grid (coarse: fast frames, small GIF)
N_CONTOUR = 121               # the contour map's grid
N_LEVELS = 10                 # colour bands (shared by both views)
ELEV, AZIM = 32.0, -112.0
N_NOTE = 12                   # last frames of a diverged run: the "diverged" note shows

# the lecturer's own example (render.py --function/--point/--range/--lr/--steps/--momentum)
CUSTOM = params.get("function") is not None
SURF = params.surface(surfaces.get(SURFACE))
if CUSTOM:
    X0 = params.pair("point", (2.5, 2.0))
    LR = params.number("lr", 0.1)
    STEPS = int(params.number("steps", 40))
RANGE = params.pair("range", (-3.0, 3.0))      # both axes, for a typed surface
MOMENTUM = params.number("momentum", 0.0)


def frame_steps(n_frames: int = N_FRAMES, steps: int = STEPS) -> np.ndarray:
    rest = n_frames - HOLD_START
    return np.concatenate([np.zeros(HOLD_START, int),
                           np.rint(np.linspace(0, steps, rest + 1)[1:]).astype(int)])


def z_window(Z) -> tuple[float, float]:
    """The heights the colour bands span: the surface's, or for a flat surface (a constant,
    ``1e-20*x``) a window of sane height around it, so that it is drawn as a flat surface."""
    lo, hi = float(np.min(Z)), float(np.max(Z))
    return flat_window(lo, hi) or (lo, hi)


def data(surface: str = SURFACE, x0=X0, lr: float = LR, steps: int = STEPS) -> dict:
    """The surface grids and the gradient-descent trajectory, from mathcore."""
    if CUSTOM and surface == SURFACE:
        s, x_range, y_range = SURF, RANGE, RANGE
        # leaving the square drawn counts as diverging
        traj = optimize.gradient_descent_in_box(s.grad_xy, np.asarray(x0, float), lr, steps,
                                                *RANGE, momentum=MOMENTUM, f=s.f_xy)
    else:
        s = surfaces.get(surface)
        x_range, y_range = s.x_range, s.y_range
        traj = optimize.gradient_descent(s.grad_xy, np.asarray(x0, float), lr, steps, f=s.f_xy)
    X, Y, Z = surfaces.grid(s, x_range, y_range, N_MESH)
    CX, CY, CZ = surfaces.grid(s, x_range, y_range, N_CONTOUR)
    minimum = s.minimum
    if minimum is None and CUSTOM:   # the lowest grid node, if it lies inside the square
        i, j = np.unravel_index(np.argmin(CZ), CZ.shape)
        if 0 < i < N_CONTOUR - 1 and 0 < j < N_CONTOUR - 1:
            minimum = (float(CX[i, j]), float(CY[i, j]))
    n_run = N_FRAMES - N_NOTE if traj.diverged else N_FRAMES
    schedule = np.concatenate([frame_steps(n_run, traj.steps),
                               np.full(N_FRAMES - n_run, traj.steps, int)])
    return {"surface": s, "traj": traj, "X": X, "Y": Y, "Z": Z, "CX": CX, "CY": CY, "CZ": CZ,
            "x_range": x_range, "y_range": y_range, "minimum": minimum,
            "levels": np.linspace(*z_window(CZ), N_LEVELS + 1),
            "frame_steps": schedule,
            "note": np.arange(N_FRAMES) >= n_run if traj.diverged else np.zeros(N_FRAMES, bool)}


class DescentOnSurfaceAndContours:
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
        # low = deep blue (the function's colour), high = nearly white
        cmap = LinearSegmentedColormap.from_list("valley", [C("function"), "#F3F8FC"])
        norm = BoundaryNorm(d["levels"], cmap.N)
        formula = typed_mathtext(surf) if CUSTOM else typst_mathtext(surf.formula)
        title = fig.text(0.5, 0.955, tr("gif.gradient_descent_3d.title", lang, formula=formula),
                         ha="center", va="center", fontsize=13 * s, color=C("text"))
        shrink_to_width(title, 0.98 * fig.bbox.width)

        # left: the surface, faces coloured by their band
        ax3 = fig.add_axes((0.0, 0.06, 0.54, 0.84), projection="3d", computed_zorder=False)
        quads = faces(d["X"], d["Y"], d["Z"])
        poly = Poly3DCollection(quads, facecolors=cmap(norm(quads[:, :, 2].mean(axis=1))),
                                edgecolors="none", linewidths=0, antialiased=False)
        ax3.add_collection3d(poly)
        (x_lo, x_hi), (y_lo, y_hi) = d["x_range"], d["y_range"]
        ax3.set(xlim=(x_lo, x_hi), ylim=(y_lo, y_hi), zlim=z_window(d["Z"]))
        ax3.set_box_aspect((1, 1, 0.55), zoom=1.05)
        ax3.view_init(ELEV, AZIM)
        ax3.tick_params(labelsize=7 * s, pad=0)
        for axis, name in ((ax3.xaxis, "x"), (ax3.yaxis, "y"), (ax3.zaxis, "")):
            axis.set_pane_color((1, 1, 1, 0))
            axis._axinfo["grid"].update(color="#E6E6E6", linewidth=0.6 * s)
            axis.set_label_text(name, fontsize=9 * s)
            axis.labelpad = -4 * s
        if CUSTOM:    # her range and heights: the ends and the middle
            ax3.set_xticks(np.linspace(x_lo, x_hi, 3))
            ax3.set_yticks(np.linspace(y_lo, y_hi, 3))
            ax3.zaxis.set_major_locator(MaxNLocator(3))
        else:
            ax3.set_xticks([x_lo, 0, x_hi])
            ax3.set_yticks([y_lo, 0, y_hi])
            ax3.set_zticks([-1, 0, 1])
        ax3.set_title(tr("gif.gradient_descent_3d.surface", lang), fontsize=10.5 * s,
                      color=C("text"), y=0.98)
        self.path3, = ax3.plot([], [], [], ".-", color=C("gradient"), lw=1.8 * s, ms=4 * s,
                              zorder=10)
        self.dot3, = ax3.plot([], [], [], "o", color=C("point"), ms=6 * s, mec="white",
                              mew=1 * s, zorder=11)

        # right: the contour map
        ax2 = fig.add_axes((0.585, 0.14, 0.37, 0.7))
        ax2.contourf(d["CX"], d["CY"], d["CZ"], levels=d["levels"], cmap=cmap, norm=norm)
        ax2.contour(d["CX"], d["CY"], d["CZ"], levels=d["levels"], colors="white",
                    linewidths=0.5 * s, negative_linestyles="solid")
        ax2.set_aspect("equal")
        ax2.grid(False)
        ax2.tick_params(labelsize=8.5 * s, length=3 * s)
        ax2.set_xlabel("$x$", fontsize=10 * s, labelpad=0)
        ax2.set_ylabel("$y$", fontsize=10 * s, labelpad=0, rotation=0)
        ax2.set_title(tr("gif.gradient_descent_3d.contour", lang), fontsize=10.5 * s,
                      color=C("text"), pad=5 * s)
        if d["minimum"] is not None:
            ax2.plot(*d["minimum"], "*", color=C("tangent"), ms=11 * s, mec="white",
                     mew=0.8 * s, zorder=4)
            ax2.annotate(tr("gif.gradient_descent_3d.minimum", lang), d["minimum"],
                         xytext=(0, -11 * s), textcoords="offset points", ha="center",
                         va="top", fontsize=8.5 * s, color="white", zorder=4)
        self.path2, = ax2.plot([], [], ".-", color=C("gradient"), lw=1.6 * s, ms=4 * s,
                               zorder=5)
        self.dot2, = ax2.plot([], [], "o", color=C("point"), ms=6 * s, mec="white",
                              mew=1 * s, zorder=6)

        self.readout = fig.text(0.5, 0.035, "", ha="center", va="center", fontsize=10 * s,
                                color=C("text"))
        self.note = ax2.text(0.5, 0.08, tr("diverged", lang), transform=ax2.transAxes,
                             ha="center", va="center", fontsize=9 * s, color=C("gradient"),
                             zorder=7, bbox=dict(boxstyle="round,pad=0.3", fc="white",
                                                 ec=C("gradient"), lw=1 * s))
        self.note.set_visible(False)
        return [self.path3, self.dot3, self.path2, self.dot2, self.readout, self.note]

    def update(self, i):
        d = self.d
        traj = d["traj"]
        k = int(d["frame_steps"][i])
        P, V = traj.points[:k + 1], traj.values[:k + 1]
        self.path3.set_data_3d(P[:, 0], P[:, 1], V)
        self.dot3.set_data_3d([P[-1, 0]], [P[-1, 1]], [V[-1]])
        self.path2.set_data(P[:, 0], P[:, 1])
        self.dot2.set_data([P[-1, 0]], [P[-1, 1]])
        self.readout.set_text(tr("gif.gradient_descent_3d.readout", self.lang, k=k, lr=traj.lr,
                                 x=P[-1, 0], y=P[-1, 1], f=V[-1]))
        self.note.set_visible(bool(d["note"][i]))
        return [self.path3, self.dot3, self.path2, self.dot2, self.readout, self.note]


def build(lang: str, width: int = 640, **opts) -> DescentOnSurfaceAndContours:
    return DescentOnSurfaceAndContours(lang, width, **opts)
