"""The differential dy = f'(x) dx (along the tangent) against the change Δy (along the curve).

Left: f(x) = e^x with its tangent at x; for the current dx the step dx, the rise dy up to the
tangent and the rise Δy up to the curve, with the four numbers read out. Right: dy and Δy - dy
against dx on log-log axes as dx shrinks: dy falls like dx, the gap like dx², so dy becomes
the whole of Δy.

The lecturer's own function, point and range (render.py --function/--point/--range, through
lecture.params) replace e^x at x = 0.5: the view is the range drawn, its height fitted to the
curve with the readouts' corner kept free; dx starts 0.85 of the way to the farther end of the
range (negative when that end is on the left) and shrinks 120-fold, as 1.2 -> 0.01 does. The
log-log panel shows |dy| and |Δy - dy| (a concave curve has Δy < dy; a zero is left out).
"""

from __future__ import annotations

import numpy as np

from lecture import params
from mathcore import calculus, functions

from .common import C, figure, tr
from .drawing import overlay, readout
from .drawing import box_place, compact_ticks, fitted_view, function_label, legend_clear_of, sample

N_FRAMES = 100
FPS = 20
HOLD_LAST_S = 1.5

# the lecture's example, unless the lecturer typed her own (render.py --function/--point/--range)
CUSTOM = params.get("function") is not None
FUNCTION = params.function(functions.get("exp"))
BOX_W = 0.58      # the readouts' box at the top (left, or right or center for a typed function)
X0 = params.number("point", 0.5)
if CUSTOM:
    X_VIEW = params.pair("range", (-3.0, 3.0))
    DX_START = (0.85 * (X_VIEW[1] - X0) if X_VIEW[1] - X0 >= X0 - X_VIEW[0]
                else -0.85 * (X0 - X_VIEW[0]))
    DX_END = DX_START / 120
    _ylo, _yhi, SIDE = fitted_view(*sample(FUNCTION, *X_VIEW), box_w=BOX_W, box_h=0.55,
                                   sides=("left", "right", "center"))
    Y_VIEW = (_ylo, _yhi)
else:
    DX_START, DX_END = 1.2, 0.01
    X_VIEW = (-0.4, 1.95)
    Y_VIEW = (-0.3, 6.2)
    SIDE = "left"


def _positive(v: np.ndarray) -> np.ndarray:
    """|v| for a log axis, zeros left out (NaN: not drawn)."""
    a = np.abs(v)
    return np.where(a > 0, a, np.nan)


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
        curve = tr("gif.differential.curve", lang, x=f"{d['x0']:g}")
        if CUSTOM:
            curve = curve.replace("$f(x) = e^x$", function_label(FUNCTION))
        ax.plot(d["x"], d["y"], color=C("function"), lw=lw, label=curve)
        ax.plot(d["tangent_x"], d["tangent_y"], color=C("tangent"), lw=1.4 * s, ls=(0, (5, 3)))
        ax.plot([d["x0"]], [d["fx0"]], "o", color=C("point"), ms=6 * s, zorder=4)
        ax.plot([], [], color=C("tangent"), lw=3.5 * s, label=tr("gif.differential.dy_label", lang))
        ax.plot([], [], color=C("function"), lw=3.5 * s,
                label=tr("gif.differential.Dy_label", lang))
        if CUSTOM:    # clear of the readouts' box at the top, over the fewest curve points
            compact_ticks(ax)
            legend_clear_of(ax, (box_place(SIDE, BOX_W)[0] - 0.02, 0.5, BOX_W, 0.5),
                            fontsize=9 * s, handlelength=1.4)
        else:
            ax.legend(loc="lower right", fontsize=9 * s, handlelength=1.4)

        right = self.right = fig.add_subplot(gs[1])
        right.set_xscale("log")
        right.set_yscale("log")
        right.set_xlim(abs(DX_START) * 1.4, abs(DX_END) / 1.4)   # dx shrinks to the right
        shown = np.r_[_positive(d["gap"]), _positive(d["dy"])]
        shown = shown[np.isfinite(shown)]
        lo, hi = (shown.min(), shown.max()) if shown.size else (0.1, 10.0)
        right.set_ylim(lo / 3, hi * 3)
        right.tick_params(labelsize=8 * s)
        x_label = tr("gif.differential.loglog_x", lang)
        right.set_xlabel(x_label.replace("$dx$", "$|dx|$") if DX_START < 0 else x_label,
                         fontsize=9 * s, labelpad=2 * s)
        right.plot([], [], color=C("tangent"), lw=lw, label=tr("gif.differential.loglog_dy", lang))
        right.plot([], [], color=C("gradient"), lw=lw,
                   label=tr("gif.differential.loglog_gap", lang))
        right.legend(loc="lower left", fontsize=9 * s, handlelength=1.4)

    def init(self):
        s = self.s
        top = overlay(self.ax)
        self.step, = top.plot([], [], color=C("point"), lw=1.6 * s)
        self.delta, = top.plot([], [], color=C("function"), lw=3.5 * s, solid_capstyle="butt")
        self.rise, = top.plot([], [], color=C("tangent"), lw=3.5 * s, solid_capstyle="butt")
        self.q, = top.plot([], [], "o", color=C("function"), ms=5.5 * s, zorder=3)
        self.t, = top.plot([], [], "o", color=C("tangent"), ms=5.5 * s, zorder=3)
        kw = {"fontsize": 10.5 * s}
        rows = [("dx", C("text")), ("dy", C("tangent")), ("Dy", C("function")),
                ("gap", C("gradient"))]
        x0 = box_place(SIDE, BOX_W)[0]
        self.texts = [readout(top, x0, 0.9 - 0.105 * k, tr(f"gif.differential.{key}", self.lang),
                               color=color, **kw) for k, (key, color) in enumerate(rows)]
        rtop = overlay(self.right)
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
        adx, ady, agap = np.abs(d["dx"][:i + 1]), _positive(d["dy"][:i + 1]), \
            _positive(d["gap"][:i + 1])                          # log axes: sizes
        self.dy_line.set_data(adx, ady)
        self.gap_line.set_data(adx, agap)
        self.dy_dot.set_data(adx[-1:], ady[-1:])
        self.gap_dot.set_data(adx[-1:], agap[-1:])
        return self.artists


def build(lang: str = "zh", width: int = 640, **opts) -> DifferentialAgainstChange:
    return DifferentialAgainstChange(lang, width, **opts)
