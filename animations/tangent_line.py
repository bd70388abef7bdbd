"""A tangent line travelling along f(x) = x^3 - 2x, its slope read out.

Top: the curve and the tangent at the moving point. Bottom: the derivative f'(x), the same x
marked on it, so the slope of the line above is the height of the point below. The point
travels there and back (eased), so the GIF loops without a jump.

The lecturer's own function and range (render.py --function/--range, through lecture.params)
replace x^3 - 2x on [-2.2, 2.2]: the point then travels over the middle 86% of the range
(1.9 / 2.2, as in the lecture's example), the labels show the typed function and its
derivative, and both panels' heights are fitted to the curve and the slopes.
"""

from __future__ import annotations

import numpy as np

from lecture import params
from mathcore import calculus, functions, rules

from .common import C, figure, tr
from .drawing import overlay, readout
from .drawing import compact_ticks, derivative_label, fitted_view, function_label, legend_clear_of

N_FRAMES = 140
FPS = 20
HOLD_LAST_S = 0.4          # the travel is already slow at its ends

POWER_N, AFFINE_A, AFFINE_B = 3, -2.0, 0.0
# the lecture's example, unless the lecturer typed her own (render.py --function/--range)
CUSTOM = params.get("function") is not None
FUNCTION = params.function(rules.sum_(functions.get("power", n=POWER_N),
                                      functions.get("affine", a=AFFINE_A, b=AFFINE_B)))
X_VIEW = params.pair("range", (-2.2, 2.2))
CENTER = 0.5 * (X_VIEW[0] + X_VIEW[1]) if CUSTOM else 0.0
SWEEP = 1.9 / 2.2 * 0.5 * (X_VIEW[1] - X_VIEW[0]) if CUSTOM else 1.9
# the point travels over [CENTER - SWEEP, CENTER + SWEEP]


def _sweep(n_frames: int) -> np.ndarray:
    """-SWEEP -> SWEEP -> (almost) -SWEEP about CENTER: one period of a cosine, the end left
    out."""
    t = np.arange(n_frames) / n_frames
    return CENTER - SWEEP * np.cos(2.0 * np.pi * t)


def data(n_frames: int = N_FRAMES) -> dict:
    """The curve, its derivative, and per frame the point, its slope and the tangent's ends."""
    x = np.linspace(*X_VIEW, 400)
    xs = _sweep(n_frames)
    lines = [calculus.tangent_line(FUNCTION, a) for a in xs]
    ends = np.array(X_VIEW)
    return {"x": x, "y": np.asarray(FUNCTION.f(x)), "dy": np.asarray(FUNCTION.df(x)),
            "xs": xs, "ys": np.array([ln.fa for ln in lines]),
            "slopes": np.array([ln.slope for ln in lines]),
            "line_x": ends, "line_y": np.array([ln(ends) for ln in lines])}


def _signed(v: float) -> str:
    return f"{v:+g}".replace("+", "+ ").replace("-", "- ")


class TangentTravelsAlongCurve:
    fps = FPS
    hold_last_s = HOLD_LAST_S

    def __init__(self, lang: str = "zh", width: int = 640, n_frames: int = N_FRAMES):
        self.lang = lang
        self.n_frames = n_frames
        self.d = d = data(n_frames)
        self.fig, s = figure(width)
        self.s = s
        fig = self.fig
        fig.text(0.012, 0.955, tr("gif.tangent_line.title", lang), fontsize=14 * s,
                 fontweight="bold", color=C("text"), va="center")
        gs = fig.add_gridspec(2, 1, height_ratios=[2.1, 1], left=0.07, right=0.985,
                              top=0.89, bottom=0.07, hspace=0.12)
        lw = 2.0 * s
        ax = self.ax = fig.add_subplot(gs[0])
        low = self.low = fig.add_subplot(gs[1], sharex=ax)
        ax.set_xlim(*X_VIEW)
        if CUSTOM:    # the whole curve, with the top-left corner free for the readouts
            ylo, yhi, _ = fitted_view(d["x"], d["y"], box_w=0.36, box_h=0.7)
            ax.set_ylim(ylo, yhi)
            compact_ticks(ax)
        else:
            span = 1.4 * np.abs(d["ys"]).max()     # the curve may leave the view beyond the sweep
            ax.set_ylim(-span, span)
        ax.tick_params(labelsize=8 * s, labelbottom=False)
        b = f" {_signed(AFFINE_B)}" if AFFINE_B else ""
        curve = tr("gif.tangent_line.curve", lang, n=f"{POWER_N:g}", a=f"{AFFINE_A:g}")
        if b:
            curve = curve.replace("x$", f"x{b}$")
        ax.plot(d["x"], d["y"], color=C("function"), lw=lw,
                label=function_label(FUNCTION) if CUSTOM else curve)
        ax.plot([], [], color=C("tangent"), lw=lw, label=tr("gif.tangent_line.tangent", lang))
        if CUSTOM:    # clear of the readouts in the top-left corner
            legend_clear_of(ax, (0.0, 0.7, 0.4, 0.3), fontsize=9.5 * s, handlelength=1.6)
        else:
            ax.legend(loc="lower right", fontsize=9.5 * s, handlelength=1.6)

        lo, hi = d["slopes"].min(), d["slopes"].max()
        if CUSTOM:     # the derivative drawn over the whole range, and 0 in view
            lo, hi = min(lo, d["dy"].min(), 0.0), max(hi, d["dy"].max(), 0.0)
            if hi - lo < 1e-9:
                lo, hi = lo - 1.0, hi + 1.0
        low.set_ylim(lo - 0.25 * (hi - lo), hi + 0.15 * (hi - lo))
        low.tick_params(labelsize=8 * s)
        if CUSTOM:
            compact_ticks(low)
        low.axhline(0, color=C("muted"), lw=0.8 * s)
        low.plot(d["x"], d["dy"], color=C("derivative"), lw=lw * 0.9,
                 label=derivative_label(FUNCTION) if CUSTOM else
                 tr("gif.tangent_line.dcurve", lang, n=f"{POWER_N:g}", m=f"{POWER_N - 1:g}",
                    a=f"{AFFINE_A:g}"))
        low.legend(loc="best" if CUSTOM else "upper center", fontsize=9.5 * s, handlelength=1.6)

    def init(self):
        s = self.s
        top = overlay(self.ax)
        self.line, = top.plot([], [], color=C("tangent"), lw=2.0 * s)
        self.dot, = top.plot([], [], "o", color=C("point"), ms=6 * s, zorder=3)
        self.x_text = readout(top, 0.02, 0.9, tr("gif.tangent_line.x", self.lang),
                               fontsize=11 * s, color=C("text"))
        self.m_text = readout(top, 0.02, 0.78, tr("gif.tangent_line.slope", self.lang),
                               fontsize=11 * s, color=C("derivative"))
        bottom = overlay(self.low)
        self.stem, = bottom.plot([], [], color=C("derivative"), lw=1.2 * s, ls=":")
        self.ddot, = bottom.plot([], [], "o", color=C("derivative"), ms=5.5 * s)
        return self.artists

    @property
    def artists(self):
        return [self.line, self.dot, self.x_text, self.m_text, self.stem, self.ddot]

    def update(self, i):
        d = self.d
        x, y, m = d["xs"][i], d["ys"][i], d["slopes"][i]
        self.line.set_data(d["line_x"], d["line_y"][i])
        self.dot.set_data([x], [y])
        self.x_text.set_text(f"{x:.2f}")
        self.m_text.set_text(f"{m:.2f}")
        self.stem.set_data([x, x], [0, m])
        self.ddot.set_data([x], [m])
        return self.artists


def build(lang: str = "zh", width: int = 640, **opts) -> TangentTravelsAlongCurve:
    return TangentTravelsAlongCurve(lang, width, **opts)
