"""matplotlib helpers shared by the slide GIFs: typed formulas as mathtext, axes fitted to a
curve, overlay axes for moving artists, readouts, 3D faces. No mathematics here."""

from __future__ import annotations

import re

import numpy as np


def overlay(ax):
    """A transparent twin of ``ax`` (same place and limits, no axis) drawn after every panel.

    Moving artists live here, so the writer never repaints a panel's axis, ticks or grid on top
    of them (what it must do for static artists a full draw paints after a moving one).
    """
    top = ax.figure.add_axes(ax.get_position(), sharex=ax, sharey=ax, zorder=1,
                             label=f"overlay-{len(ax.figure.axes)}")
    top.set_axis_off()
    return top


def readout_pair(ax, x, y, label, after=None, **kw):
    """A static mathtext ``label`` and, right after it on the same baseline, an empty plain
    Text for the number: per frame only the number changes, so mathtext is parsed once.
    ``after`` puts the label right after another Text instead of at (x, y)."""
    if after is None:
        lab = ax.text(x, y, label + " ", transform=ax.transAxes, va="baseline", **kw)
    else:
        lab = ax.annotate(label + " ", xy=(1, y), xycoords=(after, "axes fraction"),
                          va="baseline", **kw)
    num = ax.annotate("", xy=(1, y), xycoords=(lab, "axes fraction"), va="baseline",
                      ha="left", **kw)
    return lab, num


def readout(ax, x, y, label, **kw):
    """The number Text of ``readout_pair``."""
    return readout_pair(ax, x, y, label, **kw)[1]


def faces(X, Y, Z) -> np.ndarray:
    """The quads of a grid as an (n, 4, 3) array of corners."""
    P = np.stack([X, Y, Z], axis=-1)
    return np.stack([P[:-1, :-1], P[:-1, 1:], P[1:, 1:], P[1:, :-1]], axis=2).reshape(-1, 4, 3)


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


def flat_window(lo: float, hi: float, flat: float = 1e-9) -> tuple[float, float] | None:
    """For values from ``lo`` to ``hi`` that do not rise by more than ``flat`` of their size
    (a constant, ``0*x``, ``1e-20*x``): a window of sane height around them, to draw them flat;
    None when they rise enough to be drawn as they are. (The same rule as scenes/style.py's
    ``y_window``: a flat curve is a flat line in both renderers.)"""
    size = max(abs(lo), abs(hi), 1.0)
    if hi - lo > flat * size:
        return None
    mid = 0.5 * (lo + hi)
    half = max(1.0, 0.1 * abs(mid))
    return mid - half, mid + half


def fitted_view(x, y, box_w: float = 0.0, box_h: float = 1.0, pad: float = 0.08,
                sides=("left", "right")):
    """y limits fitting the curve (x, y) with ``pad`` of its height below and above, and a box
    at the top ``box_w`` wide (axes fraction) free down to ``box_h``, where legends and
    readouts go: at the left, the right or the center, whichever of ``sides`` costs the curve
    less height (the first on a tie). Returns ``(ylo, yhi, side)``."""
    ymin, ymax = float(np.min(y)), float(np.max(y))
    flat = flat_window(ymin, ymax)
    if flat:                        # drawn flat, in the middle of a window of sane height
        ymin, ymax = flat
        pad = 0.0
    span = ymax - ymin
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


def compact_ticks(ax, axis: str = "y"):
    """Tick numbers short enough to stay inside the figure: large or tiny ones (a function like
    1e6*x) share one power of ten written small at the axis' end (×10⁵) instead of six digits
    each, which the figure's edge would cut."""
    ax.ticklabel_format(axis=axis, style="sci", scilimits=(-3, 4), useMathText=True)
    which = ax.yaxis if axis == "y" else ax.xaxis
    size = which.get_ticklabels()[0].get_fontsize() if which.get_ticklabels() else 8
    which.get_offset_text().set_fontsize(0.85 * size)


LEGEND_SPOTS = ("lower right", "lower left", "upper right", "upper left", "lower center",
                "upper center", "center right", "center left")


def legend_clear_of(ax, box, **legend_kw):
    """The legend at the standard spot that covers nothing of ``box`` (x, y, w, h in axes
    fractions: where readouts drawn later will stand, empty when the legend is placed) and the
    fewest points of the lines drawn; the first such spot on a tie."""
    r = ax.figure.canvas.get_renderer()
    to_axes = ax.transData + ax.transAxes.inverted()
    pts = [to_axes.transform(line.get_xydata()) for line in ax.lines if len(line.get_xydata())]
    pts = np.concatenate(pts) if pts else np.zeros((0, 2))
    bx, by, bw, bh = box
    best = None
    for loc in LEGEND_SPOTS:
        leg = ax.legend(loc=loc, **legend_kw)
        bb = leg.get_window_extent(r).transformed(ax.transAxes.inverted())
        hit = bb.x0 < bx + bw and bb.x1 > bx and bb.y0 < by + bh and bb.y1 > by
        under = int(np.sum((pts[:, 0] > bb.x0) & (pts[:, 0] < bb.x1)
                           & (pts[:, 1] > bb.y0) & (pts[:, 1] < bb.y1)))
        if best is None or (hit, under) < best[0]:
            best = ((hit, under), loc)
    return ax.legend(loc=best[1], **legend_kw)


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


def plain_3d_axes(ax, s: float):
    """A 3D axes as the slides draw it: clear panes, a light grid, small ticks, x and y named
    (no z label: it would swing into the text beside the picture; titles name z)."""
    ax.tick_params(labelsize=7 * s, pad=0)
    for axis, name in ((ax.xaxis, "x"), (ax.yaxis, "y"), (ax.zaxis, "")):
        axis.set_pane_color((1, 1, 1, 0))
        axis._axinfo["grid"].update(color="#E6E6E6", linewidth=0.6 * s)
        axis.set_label_text(name, fontsize=9 * s)
        axis.labelpad = -4 * s
