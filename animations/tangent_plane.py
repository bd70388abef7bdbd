"""A surface z = f(x, y) with its tangent plane at one point, the camera circling it
("3D Surface Plot with Tangent Plane").

The surface and a square patch of the plane are one Poly3DCollection, so matplotlib sorts
their faces together by depth and the plane passes in front of and behind the surface
correctly (two collections would be drawn one over the other whole). The mesh is coarse and
flat-shaded: each frame draws fast and the GIF's palette stays small.
"""

from __future__ import annotations


import numpy as np
from mpl_toolkits.mplot3d.art3d import Poly3DCollection

from .common import C, GifAnimation
from .drawing import faces, plain_3d_axes, typst_mathtext

GRID = False                  # no 3D grid lines: they rotate too and cost ~20% of the GIF
ELEV = 28.0
AZIM0 = -60.0


def azimuths(n_frames: int) -> np.ndarray:
    """The camera's azimuth per frame: a full turn, the last frame back at the first view."""
    return AZIM0 + 360.0 * np.arange(n_frames) / (n_frames - 1)


class TangentPlaneTurning(GifAnimation):
    """A static scene (the lesson's slide: surface, plane, point), a camera turning once."""

    LESSON = "tangent_plane"
    fps = 12
    hold_last_s = 1.0         # the last frame is the first view again: the pause sits there
    n_frames = 60             # one full turn of the camera

    def __init__(self, *args, **kw):
        super().__init__(*args, **kw)
        self.azim = azimuths(self.n_frames)

    def init(self):
        d, s, fig = self.lesson.slide, self.scale, self.fig
        surface, plane = self.lesson.surface, d.plane
        ax = fig.add_axes((-0.05, 0.0, 0.66, 0.94), projection="3d", computed_zorder=False)
        self.ax = ax

        surf = faces(d.X, d.Y, d.Z)
        patch = faces(d.PX, d.PY, d.PZ)
        colors = [C("function")] * len(surf) + [C("tangent")] * len(patch)
        # flat-shaded faces, no mesh lines, no antialiasing: few colours and a small GIF
        # (mesh lines cost about half the file size again)
        poly = Poly3DCollection(np.concatenate([surf, patch]), facecolors=colors,
                                edgecolors=colors, linewidths=0, shade=True, antialiased=False)
        ax.add_collection3d(poly)
        ax.plot([plane.x0], [plane.y0], [plane.z0], "o", color=C("point"), ms=6 * s,
                mec="white", mew=1.0 * s, zorder=10)

        (x_lo, x_hi), (y_lo, y_hi) = surface.x_range, surface.y_range
        ax.set(xlim=(x_lo, x_hi), ylim=(y_lo, y_hi),
               zlim=(min(d.Z.min(), d.PZ.min()), max(d.Z.max(), d.PZ.max())))
        ax.set_box_aspect((1, 1, 0.6), zoom=1.0)
        ax.view_init(ELEV, self.azim[0])
        plain_3d_axes(ax, s)
        ax.grid(GRID)
        ax.set_xticks([x_lo, 0, x_hi])
        ax.set_yticks([y_lo, 0, y_hi])
        ax.set_zticks([-1, 0, 1])

        self.title("gif.tangent_plane.title", y=0.95, formula=typst_mathtext(surface.formula))
        # the right column: legend and the plane's numbers
        x_txt = 0.615
        fields = {"x0": plane.x0, "y0": plane.y0, "z0": plane.z0, "fx": plane.fx,
                  "fy": plane.fy, "mx0": -plane.x0, "my0": -plane.y0}
        rows = [(C("function"), "s", self.tr("gif.tangent_plane.surface")),
                (C("tangent"), "s", self.tr("gif.tangent_plane.plane")),
                (C("point"), "o", self.tr("gif.tangent_plane.point", **fields))]
        for k, (color, marker, label) in enumerate(rows):
            y = 0.74 - 0.08 * k
            fig.add_artist(_marker(fig, x_txt + 0.01, y, marker, color, s))
            fig.text(x_txt + 0.035, y, label, va="center", fontsize=10 * s, color=C("text"))
        fig.text(x_txt, 0.44, self.tr("gif.tangent_plane.partials", **fields),
                 va="center", fontsize=10 * s, color=C("text"))
        fig.text(x_txt, 0.30, self.tr("gif.tangent_plane.equation", **fields),
                 va="center", fontsize=10 * s, color=C("tangent"), linespacing=1.6)
        # the view turns: the 3D axes moves as a whole, the texts beside it are blitted
        return [self.ax]

    def update(self, i):
        self.ax.view_init(ELEV, self.azim[i])
        return [self.ax]


def _marker(fig, x, y, marker, color, s):
    from matplotlib.lines import Line2D
    return Line2D([x], [y], marker=marker, ms=(9 if marker == "s" else 6) * s, color=color,
                  ls="none", transform=fig.transFigure)


build = TangentPlaneTurning.build
