"""The secant through (a, f(a)) and (a+h, f(a+h)) turns into the tangent as h -> 0.

Left: the curve, the fixed tangent at a (dashed, the limit) and the secant for the current h,
with h and the secant slope read out. Right: the secant slope against h (log scale) drawn as
h shrinks geometrically, closing in on f'(a).
"""

from __future__ import annotations

import numpy as np

from mathcore import calculus, functions

from .common import C, figure, tr

N_FRAMES = 100
FPS = 20
HOLD_LAST_S = 1.5

FUNCTION = functions.get("power", n=2)     # the same curve as section 1's scene
A = 1.0
H_START, H_END = 2.0, 0.01
X_VIEW = (-0.6, 3.4)
Y_VIEW = (-1.5, 10.5)


def data(n_frames: int = N_FRAMES) -> dict:
    """h for each frame (geometric), the secant slopes, the tangent at a and the curve."""
    hs = np.geomspace(H_START, H_END, n_frames)
    slopes = np.asarray(calculus.secant_slope(FUNCTION, A, hs))
    tangent = calculus.tangent_line(FUNCTION, A)
    x = np.linspace(*X_VIEW, 300)
    ends = np.array(X_VIEW)
    return {"a": A, "fa": tangent.fa, "h": hs, "slopes": slopes,
            "q": np.stack([A + hs, np.asarray(FUNCTION.f(A + hs))], 1),
            "secant_x": ends, "secant_y": tangent.fa + np.outer(slopes, ends - A),
            "derivative": tangent.slope, "tangent_y": np.asarray(tangent(ends)),
            "x": x, "y": np.asarray(FUNCTION.f(x))}


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
    num = ax.annotate("", xy=(1, y), xycoords=(lab, "axes fraction"), va="baseline",
                      ha="left", **kw)
    return num


class SecantBecomesTangent:
    fps = FPS
    hold_last_s = HOLD_LAST_S

    def __init__(self, lang: str = "zh", width: int = 640, n_frames: int = N_FRAMES):
        self.lang = lang
        self.n_frames = n_frames
        self.d = d = data(n_frames)
        self.fig, s = figure(width)
        self.s = s
        fig = self.fig
        fig.text(0.012, 0.955, tr("gif.secant_tangent.title", lang), fontsize=14 * s,
                 fontweight="bold", color=C("text"), va="center")
        gs = fig.add_gridspec(1, 2, width_ratios=[1.55, 1], left=0.055, right=0.985,
                              top=0.86, bottom=0.13, wspace=0.24)
        lw = 2.0 * s

        ax = self.ax = fig.add_subplot(gs[0])
        ax.set_xlim(*X_VIEW)
        ax.set_ylim(*Y_VIEW)
        ax.tick_params(labelsize=8 * s)
        ax.plot(d["x"], d["y"], color=C("function"), lw=lw,
                label=tr("gif.secant_tangent.curve", lang, n=f"{FUNCTION.params['n']:g}"))
        ax.plot(d["secant_x"], d["tangent_y"], color=C("tangent"), lw=lw, ls=(0, (5, 3)),
                label=tr("gif.secant_tangent.tangent", lang))
        ax.plot([], [], color=C("secant"), lw=lw, label=tr("gif.secant_tangent.secant", lang))
        ax.plot([d["a"]], [d["fa"]], "o", color=C("point"), ms=6 * s, zorder=4)
        ax.annotate("$(a, f(a))$", (d["a"], d["fa"]), xytext=(6 * s, -12 * s),
                    textcoords="offset points", fontsize=9 * s, color=C("point"))
        ax.legend(loc="upper left", bbox_to_anchor=(0.0, 0.74), fontsize=9 * s, handlelength=1.8)

        right = self.right = fig.add_subplot(gs[1])
        right.set_xscale("log")
        right.set_xlim(H_START * 1.25, H_END / 1.25)     # h shrinks to the right, like time
        lo, hi = d["derivative"], d["slopes"].max()
        right.set_ylim(lo - 0.12 * (hi - lo), hi + 0.12 * (hi - lo))
        right.tick_params(labelsize=8 * s)
        right.set_xlabel(tr("gif.secant_tangent.h_axis", lang), fontsize=9 * s, labelpad=2 * s)
        right.set_ylabel(tr("gif.secant_tangent.slope_axis", lang), fontsize=9 * s,
                         labelpad=2 * s)
        right.axhline(d["derivative"], color=C("tangent"), lw=1.4 * s, ls=(0, (5, 3)))
        right.text(0.97, 0.03 + 0.12 / 1.24, tr("gif.secant_tangent.derivative", lang,
                                                a=f"{d['a']:g}", d=f"{d['derivative']:g}"),
                   transform=right.transAxes, ha="right", va="bottom", fontsize=10 * s,
                   color=C("tangent"))

    def init(self):
        s, d = self.s, self.d
        top = _overlay(self.ax)
        self.legs, = top.plot([], [], color=C("muted"), lw=1.0 * s, ls=":")
        self.secant, = top.plot([], [], color=C("secant"), lw=2.0 * s)
        self.q, = top.plot([], [], "o", color=C("secant"), ms=6 * s, zorder=3)
        self.q_label = top.annotate("$(a+h, f(a+h))$", (0, 0), xytext=(-8 * s, 6 * s),
                                    textcoords="offset points", ha="right", fontsize=9 * s,
                                    color=C("secant"))
        kw = {"fontsize": 11 * s}
        self.h_text = _readout(top, 0.03, 0.9, tr("gif.secant_tangent.h", self.lang),
                               color=C("text"), **kw)
        self.m_text = _readout(top, 0.03, 0.8, tr("gif.secant_tangent.slope", self.lang),
                               color=C("secant"), **kw)
        rtop = _overlay(self.right)
        self.trail, = rtop.plot([], [], color=C("secant"), lw=1.6 * s)
        self.dot, = rtop.plot([], [], "o", color=C("secant"), ms=5 * s)
        return [self.legs, self.secant, self.q, self.q_label, self.h_text, self.m_text,
                self.trail, self.dot]

    def update(self, i):
        d = self.d
        (qx, qy), h, m = d["q"][i], d["h"][i], d["slopes"][i]
        self.legs.set_data([d["a"], qx, qx], [d["fa"], d["fa"], qy])
        self.secant.set_data(d["secant_x"], d["secant_y"][i])
        self.q.set_data([qx], [qy])
        self.q_label.xy = (qx, qy)
        self.h_text.set_text(f"{h:.3f}")
        self.m_text.set_text(f"{m:.3f}")
        self.trail.set_data(d["h"][:i + 1], d["slopes"][:i + 1])
        self.dot.set_data([h], [m])
        return [self.legs, self.secant, self.q, self.q_label, self.h_text, self.m_text,
                self.trail, self.dot]


def build(lang: str = "zh", width: int = 640, **opts) -> SecantBecomesTangent:
    return SecantBecomesTangent(lang, width, **opts)
