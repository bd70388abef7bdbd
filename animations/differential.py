"""The differential dy = f'(x) dx (along the tangent) against the change Δy (along the curve).

Left: f(x) = e^x with its tangent at x; for the current dx the step dx, the rise dy up to the
tangent and the rise Δy up to the curve, with the four numbers read out. Right: dy and Δy - dy
against dx on log-log axes as dx shrinks: dy falls like dx, the gap like dx², so dy becomes
the whole of Δy.
"""

from __future__ import annotations

import numpy as np

from mathcore import calculus, functions

from .common import C, figure, tr

N_FRAMES = 100
FPS = 20
HOLD_LAST_S = 1.5

FUNCTION = functions.get("exp")
X0 = 0.5
DX_START, DX_END = 1.2, 0.01
X_VIEW = (-0.4, 1.95)
Y_VIEW = (-0.3, 6.2)


def data(n_frames: int = N_FRAMES) -> dict:
    """dx for each frame (geometric), dy and Δy from calculus.differential, the tangent, curve."""
    dx = np.geomspace(DX_START, DX_END, n_frames)
    dy, delta = calculus.differential(FUNCTION, X0, dx)
    tangent = calculus.tangent_line(FUNCTION, X0)
    x = np.linspace(*X_VIEW, 300)
    ends = np.array(X_VIEW)
    return {"x0": X0, "fx0": tangent.fa, "slope": tangent.slope, "dx": dx,
            "dy": np.asarray(dy), "delta_y": np.asarray(delta), "gap": np.asarray(delta - dy),
            "x": x, "y": np.asarray(FUNCTION.f(x)), "tangent_x": ends,
            "tangent_y": np.asarray(tangent(ends))}


def _overlay(ax):
    """A transparent twin of ``ax`` drawn after every panel: moving artists go here, so the
    writer never has to repaint a panel's axis and grid on top of them."""
    top = ax.figure.add_axes(ax.get_position(), sharex=ax, sharey=ax, zorder=1,
                             label=f"overlay-{len(ax.figure.axes)}")
    top.set_axis_off()
    return top


def _readout(ax, x, y, label, **kw):
    """A static label (mathtext parsed once) and an empty Text right after it for the number."""
    lab = ax.text(x, y, label + " ", transform=ax.transAxes, va="baseline", **kw)
    return ax.annotate("", xy=(1, y), xycoords=(lab, "axes fraction"), va="baseline",
                       ha="left", **kw)


class DifferentialAgainstChange:
    fps = FPS
    hold_last_s = HOLD_LAST_S

    def __init__(self, lang: str = "zh", width: int = 640, n_frames: int = N_FRAMES):
        self.lang = lang
        self.n_frames = n_frames
        self.d = d = data(n_frames)
        self.fig, s = figure(width)
        self.s = s
        fig = self.fig
        fig.text(0.012, 0.955, tr("gif.differential.title", lang), fontsize=14 * s,
                 fontweight="bold", color=C("text"), va="center")
        gs = fig.add_gridspec(1, 2, width_ratios=[1.55, 1], left=0.05, right=0.985,
                              top=0.87, bottom=0.13, wspace=0.2)
        lw = 2.0 * s
        ax = self.ax = fig.add_subplot(gs[0])
        ax.set_xlim(*X_VIEW)
        ax.set_ylim(*Y_VIEW)
        ax.tick_params(labelsize=8 * s)
        ax.plot(d["x"], d["y"], color=C("function"), lw=lw,
                label=tr("gif.differential.curve", lang, x=f"{d['x0']:g}"))
        ax.plot(d["tangent_x"], d["tangent_y"], color=C("tangent"), lw=1.4 * s, ls=(0, (5, 3)))
        ax.plot([d["x0"]], [d["fx0"]], "o", color=C("point"), ms=6 * s, zorder=4)
        ax.plot([], [], color=C("tangent"), lw=3.5 * s, label=tr("gif.differential.dy_label", lang))
        ax.plot([], [], color=C("function"), lw=3.5 * s,
                label=tr("gif.differential.Dy_label", lang))
        ax.legend(loc="lower right", fontsize=9 * s, handlelength=1.4)

        right = self.right = fig.add_subplot(gs[1])
        right.set_xscale("log")
        right.set_yscale("log")
        right.set_xlim(DX_START * 1.4, DX_END / 1.4)     # dx shrinks to the right, like time
        lo = min(d["gap"].min(), d["dy"].min())
        hi = max(d["gap"].max(), d["dy"].max())
        right.set_ylim(lo / 3, hi * 3)
        right.tick_params(labelsize=8 * s)
        right.set_xlabel(tr("gif.differential.loglog_x", lang), fontsize=9 * s, labelpad=2 * s)
        right.plot([], [], color=C("tangent"), lw=lw, label=tr("gif.differential.loglog_dy", lang))
        right.plot([], [], color=C("gradient"), lw=lw,
                   label=tr("gif.differential.loglog_gap", lang))
        right.legend(loc="lower left", fontsize=9 * s, handlelength=1.4)

    def init(self):
        s = self.s
        top = _overlay(self.ax)
        self.step, = top.plot([], [], color=C("point"), lw=1.6 * s)
        self.delta, = top.plot([], [], color=C("function"), lw=3.5 * s, solid_capstyle="butt")
        self.rise, = top.plot([], [], color=C("tangent"), lw=3.5 * s, solid_capstyle="butt")
        self.q, = top.plot([], [], "o", color=C("function"), ms=5.5 * s, zorder=3)
        self.t, = top.plot([], [], "o", color=C("tangent"), ms=5.5 * s, zorder=3)
        kw = {"fontsize": 10.5 * s}
        rows = [("dx", C("text")), ("dy", C("tangent")), ("Dy", C("function")),
                ("gap", C("gradient"))]
        self.texts = [_readout(top, 0.03, 0.9 - 0.105 * k, tr(f"gif.differential.{key}", self.lang),
                               color=color, **kw) for k, (key, color) in enumerate(rows)]
        rtop = _overlay(self.right)
        self.dy_line, = rtop.plot([], [], color=C("tangent"), lw=2.0 * s)
        self.gap_line, = rtop.plot([], [], color=C("gradient"), lw=2.0 * s)
        self.dy_dot, = rtop.plot([], [], "o", color=C("tangent"), ms=5 * s)
        self.gap_dot, = rtop.plot([], [], "o", color=C("gradient"), ms=5 * s)
        return self.artists

    @property
    def artists(self):
        return [self.step, self.delta, self.rise, self.q, self.t, *self.texts, self.dy_line,
                self.gap_line, self.dy_dot, self.gap_dot]

    def update(self, i):
        d = self.d
        x0, y0 = d["x0"], d["fx0"]
        dx, dy, dd, gap = d["dx"][i], d["dy"][i], d["delta_y"][i], d["gap"][i]
        x1 = x0 + dx
        self.step.set_data([x0, x1], [y0, y0])
        self.delta.set_data([x1, x1], [y0, y0 + dd])
        self.rise.set_data([x1, x1], [y0, y0 + dy])     # drawn over Δy: its top is the gap
        self.q.set_data([x1], [y0 + dd])
        self.t.set_data([x1], [y0 + dy])
        for text, v in zip(self.texts, (dx, dy, dd, gap)):
            text.set_text(f"{v:.4g}")
        self.dy_line.set_data(d["dx"][:i + 1], d["dy"][:i + 1])
        self.gap_line.set_data(d["dx"][:i + 1], d["gap"][:i + 1])
        self.dy_dot.set_data([dx], [dy])
        self.gap_dot.set_data([dx], [gap])
        return self.artists


def build(lang: str = "zh", width: int = 640, **opts) -> DifferentialAgainstChange:
    return DifferentialAgainstChange(lang, width, **opts)
