"""The secant through (a, f(a)) and (a+h, f(a+h)) turns into the tangent as h -> 0.

Left: the curve, the fixed tangent at a (dashed, the limit) and the secant for the current h,
with h and the secant slope read out. Right: the secant slope against h (log scale) drawn as
h shrinks geometrically, closing in on f'(a).

The lecturer's own example (render.py --function/--point/--range, read through lecture.params)
replaces x^2 at a = 1: the view is the range drawn, its height fitted to the curve with room
left for the legend and readouts on the side where the curve runs lower, and h starts at 0.85
of the way to the farther end of the range (negative when that end is on the left; the right
panel then shows |h|). This module also holds the small helpers the other curve GIFs share
for a typed function: its formula as mathtext, and a view fitted to the data.
"""

from __future__ import annotations


import numpy as np

from lecture import params
from mathcore import calculus, functions

from .common import C, figure, tr
from .drawing import box_place, compact_ticks, fitted_view, function_label, overlay, readout, sample

N_FRAMES = 100
FPS = 20
HOLD_LAST_S = 1.5


# --- this GIF's example ---------------------------------------------------------------------

try:
    FUNCTION = params.function(functions.get("power", n=2))  # the same curve as section 1's scene
    CUSTOM = params.get("function") is not None
except ValueError:
    FUNCTION, CUSTOM = functions.get("power", n=2), False
BOX_W = 0.5       # the top-left corner's legend and readouts (the top-right or top-center ones
                  # for a typed function whose curve runs lower there)
A = params.number("point", 1.0) if CUSTOM else 1.0
if CUSTOM:
    X_VIEW = params.pair("range", (-3.0, 3.0))
    # h starts 0.85 of the way to the farther end of the range, and shrinks 200-fold
    H_START = (0.85 * (X_VIEW[1] - A) if X_VIEW[1] - A >= A - X_VIEW[0]
               else -0.85 * (A - X_VIEW[0]))
    H_END = H_START / 200
    _ylo, _yhi, SIDE = fitted_view(*sample(FUNCTION, *X_VIEW), box_w=BOX_W, box_h=0.46,
                                   sides=("left", "right", "center"))
    Y_VIEW = (_ylo, _yhi)
else:
    H_START, H_END = 2.0, 0.01
    X_VIEW = (-0.6, 3.4)
    Y_VIEW = (-1.5, 10.5)
    SIDE = "left"


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
        if CUSTOM:
            compact_ticks(ax)
        curve = (function_label(FUNCTION) if CUSTOM else
                 tr("gif.secant_tangent.curve", lang, n=f"{FUNCTION.params['n']:g}"))
        ax.plot(d["x"], d["y"], color=C("function"), lw=lw, label=curve)
        ax.plot(d["secant_x"], d["tangent_y"], color=C("tangent"), lw=lw, ls=(0, (5, 3)),
                label=tr("gif.secant_tangent.tangent", lang))
        ax.plot([], [], color=C("secant"), lw=lw, label=tr("gif.secant_tangent.secant", lang))
        ax.plot([d["a"]], [d["fa"]], "o", color=C("point"), ms=6 * s, zorder=4)
        ax.annotate("$(a, f(a))$", (d["a"], d["fa"]), xytext=(6 * s, -12 * s),
                    textcoords="offset points", fontsize=9 * s, color=C("point"))
        text_x, legend_x = box_place(SIDE, BOX_W)
        ax.legend(loc=f"upper {SIDE}", bbox_to_anchor=(legend_x, 0.74), fontsize=9 * s,
                  handlelength=1.8)

        right = self.right = fig.add_subplot(gs[1])
        right.set_xscale("log")
        right.set_xlim(abs(H_START) * 1.25, abs(H_END) / 1.25)   # h shrinks to the right, like time
        lo = min(d["derivative"], d["slopes"].min())
        hi = max(d["derivative"], d["slopes"].max())
        if hi - lo < 1e-9 * max(1.0, abs(hi)):    # a straight line: every secant is the tangent
            lo, hi = lo - 1.0, hi + 1.0
        # the f'(a) note: for the lecture's x^2 above its line, the side the slopes close in
        # from (they come close enough to pass under it); for a typed function, whose slopes
        # may end farther off, on the other side, with room made there
        from_above = d["slopes"][0] >= d["derivative"]
        note_above = from_above if not CUSTOM else not from_above
        pad_lo = 0.12 if not CUSTOM or note_above else 0.32
        pad_hi = 0.12 if not CUSTOM or not note_above else 0.32
        right.set_ylim(lo - pad_lo * (hi - lo), hi + pad_hi * (hi - lo))
        right.tick_params(labelsize=8 * s)
        h_axis = tr("gif.secant_tangent.h_axis", lang)
        right.set_xlabel(h_axis.replace("$h$", "$|h|$") if H_START < 0 else h_axis,
                         fontsize=9 * s, labelpad=2 * s)
        right.set_ylabel(tr("gif.secant_tangent.slope_axis", lang), fontsize=9 * s,
                         labelpad=2 * s)
        right.axhline(d["derivative"], color=C("tangent"), lw=1.4 * s, ls=(0, (5, 3)))
        above = note_above
        y_line = (d["derivative"] - lo + pad_lo * (hi - lo)) / ((1 + pad_lo + pad_hi) * (hi - lo))
        right.text(0.97, y_line + (0.03 if above else -0.03),
                   tr("gif.secant_tangent.derivative", lang, a=f"{d['a']:g}",
                      d=f"{d['derivative']:g}"),
                   transform=right.transAxes, ha="right", va="bottom" if above else "top",
                   fontsize=10 * s, color=C("tangent"))

    def init(self):
        s, d = self.s, self.d
        top = overlay(self.ax)
        self.legs, = top.plot([], [], color=C("muted"), lw=1.0 * s, ls=":")
        self.secant, = top.plot([], [], color=C("secant"), lw=2.0 * s)
        self.q, = top.plot([], [], "o", color=C("secant"), ms=6 * s, zorder=3)
        self.q_label = top.annotate("$(a+h, f(a+h))$", (0, 0), xytext=(-8 * s, 6 * s),
                                    textcoords="offset points", ha="right", fontsize=9 * s,
                                    color=C("secant"))
        kw = {"fontsize": 11 * s}
        x0 = box_place(SIDE, BOX_W)[0]
        self.h_text = readout(top, x0, 0.9, tr("gif.secant_tangent.h", self.lang),
                               color=C("text"), **kw)
        self.m_text = readout(top, x0, 0.8, tr("gif.secant_tangent.slope", self.lang),
                               color=C("secant"), **kw)
        rtop = overlay(self.right)
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
        self.h_text.set_text(f"{h:.3g}" if CUSTOM else f"{h:.3f}")
        self.m_text.set_text(f"{m:.3f}")
        self.trail.set_data(np.abs(d["h"][:i + 1]), d["slopes"][:i + 1])   # log axis: |h|
        self.dot.set_data([abs(h)], [m])
        return [self.legs, self.secant, self.q, self.q_label, self.h_text, self.m_text,
                self.trail, self.dot]


def build(lang: str = "zh", width: int = 640, **opts) -> SecantBecomesTangent:
    return SecantBecomesTangent(lang, width, **opts)
