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

import re

import numpy as np

from lecture import params
from mathcore import calculus, functions

from .common import C, figure, tr

N_FRAMES = 100
FPS = 20
HOLD_LAST_S = 1.5


# --- a typed function, drawn: shared by the curve GIFs ---------------------------------------

_MT_FUNCS = {"sin", "cos", "tan", "arcsin", "arccos", "arctan", "sinh", "cosh", "tanh", "exp",
             "ln", "log"}


def _close(s: str, i: int) -> int:
    """The index of the parenthesis closing the one at s[i]."""
    depth = 0
    for j in range(i, len(s)):
        depth += {"(": 1, ")": -1}.get(s[j], 0)
        if depth == 0:
            return j
    raise ValueError(f"unbalanced parentheses in {s!r}")


def typst_mathtext(src: str) -> str:
    r"""mathcore's Typst source as mathtext, without the $ (fractions, exponents in braces,
    roots, |abs|): ``e^(-(x)/(3)) sin(x)`` -> ``e^{-\frac{x}{3}} \sin(x)``."""
    atoms: list[str] = []
    i = 0
    while i < len(src):
        c = src[i]
        if c == "(":
            j = _close(src, i)
            atoms.append("(" + typst_mathtext(src[i + 1:j]) + ")")
            i = j + 1
        elif c == "/" and src[i + 1:i + 2] == "(" and atoms and atoms[-1].strip():
            j = _close(src, i + 1)
            num = atoms.pop()
            num = num[1:-1] if num.startswith("(") and num.endswith(")") else num
            atoms.append(r"\frac{%s}{%s}" % (num, typst_mathtext(src[i + 2:j])))
            i = j + 1
        elif c == "^":
            m = re.compile(r"\s*(\(|[A-Za-z]+|\d+\.?\d*)").match(src, i + 1)
            if m and m.group(1) == "(":
                j = _close(src, m.start(1))
                atoms.append("^{" + typst_mathtext(src[m.start(1) + 1:j]) + "}")
                i = j + 1
            elif m:
                atoms.append("^{" + typst_mathtext(m.group(1)) + "}")
                i = m.end()
            else:
                atoms.append("^")
                i += 1
        elif c.isalpha():
            m = re.compile(r"[A-Za-z]+").match(src, i)
            name, i = m.group(0), m.end()
            if name in ("sqrt", "abs") and src[i:i + 1] == "(":
                j = _close(src, i)
                inner = typst_mathtext(src[i + 1:j])
                atoms.append(r"\sqrt{%s}" % inner if name == "sqrt" else f"|{inner}|")
                i = j + 1
            elif name in _MT_FUNCS:
                atoms.append("\\" + name)
            elif name == "pi":
                atoms.append(r"\pi ")
            else:
                atoms.append(name)
        elif c == '"':
            j = src.index('"', i + 1)
            atoms.append(r"\mathrm{%s}" % src[i + 1:j])
            i = j + 1
        elif c.isdigit() or c == ".":
            m = re.compile(r"\d*\.?\d+(?:e[-+]?\d+)?|\d+\.").match(src, i)
            atoms.append(m.group(0))
            i = m.end()
        else:
            atoms.append(c)
            i += 1
    return "".join(atoms)


def _mathtext_ok(label: str) -> bool:
    from matplotlib.mathtext import MathTextParser
    try:
        MathTextParser("path").parse(label)
        return True
    except Exception:  # noqa: BLE001 - any refusal means: do not use it
        return False


def formula_label(typst: str, lhs: str, typed: str) -> str:
    """``$lhs = formula$`` in mathtext, or, should mathtext refuse the conversion, the typed
    text as plain text: a label is never wrong, at worst less pretty."""
    try:
        label = f"${lhs} = {typst_mathtext(typst)}$"
    except ValueError:
        label = ""
    return label if label and _mathtext_ok(label) else f"${lhs}$ = {typed}"


def formula_mathtext(fn) -> str:
    """The formula of a typed Function or Surface as mathtext without the $, to go inside a
    string's own $...$; the typed text (its * and ** kept) if the conversion is refused."""
    src = getattr(fn, "instance_formula", "") or fn.formula
    try:
        body = typst_mathtext(src)
    except ValueError:
        body = ""
    if body and _mathtext_ok(f"${body}$"):
        return body
    return fn.name.replace("**", "^").replace("\\", "")


def function_label(fn, lhs: str = "f(x)") -> str:
    """The label of a typed Function: ``$f(x) = x^{3} - 2 x$``."""
    return formula_label(fn.instance_formula or fn.formula, lhs, fn.name)


def derivative_label(fn, lhs: str = "f'(x)") -> str:
    return formula_label(fn.instance_derivative_formula or fn.derivative_formula, lhs,
                         f"d/dx ({fn.name})")


def sample(fn, lo: float, hi: float, n: int = 401) -> tuple[np.ndarray, np.ndarray]:
    x = np.linspace(lo, hi, n)
    with np.errstate(all="ignore"):
        return x, np.broadcast_to(np.asarray(fn.f(x), dtype=float), x.shape)


def fitted_view(x, y, box_w: float = 0.0, box_h: float = 1.0, pad: float = 0.08,
                sides=("left", "right")):
    """y limits fitting the curve (x, y) with ``pad`` of its height below and above, and a box
    at the top ``box_w`` wide (axes fraction) free down to ``box_h``, where legends and
    readouts go: at the left, the right or the center, whichever of ``sides`` costs the curve
    less height (the first on a tie). Returns ``(ylo, yhi, side)``."""
    ymin, ymax = float(np.min(y)), float(np.max(y))
    span = ymax - ymin or max(1.0, abs(ymax))
    ylo, top = ymin - pad * span, ymax + pad * span
    t = (x - x[0]) / (x[-1] - x[0])
    best = None
    for side in sides:
        inside = {"left": t <= box_w, "right": t >= 1 - box_w,
                  "center": np.abs(t - 0.5) <= box_w / 2}[side]
        need = top
        if box_w > 0 and inside.any():
            highest = float(np.max(y[inside])) + 0.5 * pad * span
            need = max(top, ylo + (highest - ylo) / box_h)
        if best is None or need < best[1] - 1e-12:
            best = (ylo, need, side)
    return best


def box_place(side: str, box_w: float) -> tuple[float, float]:
    """Where texts start (left-aligned) and where a legend anchors (its ``loc`` "upper
    <side>"), in axes fractions, for the free box ``fitted_view`` chose."""
    return {"left": (0.03, 0.0), "right": (1.03 - box_w, 1.0),
            "center": (0.53 - box_w / 2, 0.5)}[side]


def shrink_to_width(text, width_px: float, min_scale: float = 0.6):
    """Make a static Text smaller until it is at most ``width_px`` wide."""
    r = text.figure.canvas.get_renderer()
    size = text.get_fontsize()
    for k in range(1, 9):
        if text.get_window_extent(r).width <= width_px:
            return
        text.set_fontsize(size * max(min_scale, 1 - 0.05 * k))


# --- this GIF's example ---------------------------------------------------------------------

# (the GIFs that import the helpers above run this too, with their own options: a surface typed
# for gradient_descent_3d is no curve, and leaves this module on the lecture's example)
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
        top = _overlay(self.ax)
        self.legs, = top.plot([], [], color=C("muted"), lw=1.0 * s, ls=":")
        self.secant, = top.plot([], [], color=C("secant"), lw=2.0 * s)
        self.q, = top.plot([], [], "o", color=C("secant"), ms=6 * s, zorder=3)
        self.q_label = top.annotate("$(a+h, f(a+h))$", (0, 0), xytext=(-8 * s, 6 * s),
                                    textcoords="offset points", ha="right", fontsize=9 * s,
                                    color=C("secant"))
        kw = {"fontsize": 11 * s}
        x0 = box_place(SIDE, BOX_W)[0]
        self.h_text = _readout(top, x0, 0.9, tr("gif.secant_tangent.h", self.lang),
                               color=C("text"), **kw)
        self.m_text = _readout(top, x0, 0.8, tr("gif.secant_tangent.slope", self.lang),
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
        self.h_text.set_text(f"{h:.3g}" if CUSTOM else f"{h:.3f}")
        self.m_text.set_text(f"{m:.3f}")
        self.trail.set_data(np.abs(d["h"][:i + 1]), d["slopes"][:i + 1])   # log axis: |h|
        self.dot.set_data([abs(h)], [m])
        return [self.legs, self.secant, self.q, self.q_label, self.h_text, self.m_text,
                self.trail, self.dot]


def build(lang: str = "zh", width: int = 640, **opts) -> SecantBecomesTangent:
    return SecantBecomesTangent(lang, width, **opts)
