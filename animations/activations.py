"""Activation functions and their derivatives: "使用Python绘制出上述激活函数".

Six panels (Sigmoid, Tanh, ReLU, Leaky ReLU, PReLU, ELU) each draw f and f'; a point sweeps
along every curve at once, its tangent segment turning, and f' read out, with the matching
point riding the derivative curve. The seventh panel is Softmax on a small vector z as bars:
one component z_k sweeps and the bars show s = softmax(z) and the Jacobian column ds_i/dz_k.

``extra_outputs`` writes the static figure (no moving parts) as activations.png and .svg.
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
from matplotlib.lines import Line2D

from mathcore import calculus, functions

from .common import C, figure, tr
from .drawing import overlay, readout_pair

N_FRAMES = 120
FPS = 20
HOLD_LAST_S = 1.2
ASPECT = 0.5625

X_RANGE = (-4.0, 4.0)          # every panel's x axis
SWEEP = (-3.5, 3.5)            # where the moving point travels
N_GRID = 401                   # curve samples (x = 0 is one of them: the kinks sit on it)
PRELU_ALPHA = 0.25             # a learnable parameter in the lecture; a typical initial value
ELU_ALPHA = 1.0
SOFTMAX_Z = (2.0, 1.0, 0.1, -1.0)
SOFTMAX_K = 0                  # the component of z that sweeps in the GIF
TANGENT_LEN = 0.32             # tangent segment length, as a fraction of the axes' diagonal
JUMP = 0.2                     # a derivative step larger than this is a jump: the line breaks
STATIC_DPI = 200               # the PNG is drawn at twice the slide resolution


def activations() -> list:
    """The six scalar activations of the lecture, in its order, with the parameters shown."""
    params = {"prelu": {"alpha": PRELU_ALPHA}, "elu": {"alpha": ELU_ALPHA}}
    return [functions.get(name, **params.get(name, {})) for name in functions.ACTIVATIONS]


def _sweep(n_frames: int) -> np.ndarray:
    """Positions of the moving point: eased at both ends; an even count never lands on 0."""
    t = np.linspace(0.0, 1.0, n_frames)
    return SWEEP[0] + (SWEEP[1] - SWEEP[0]) * (1.0 - np.cos(np.pi * t)) / 2.0


def data(n_frames: int = N_FRAMES, n_grid: int = N_GRID) -> dict:
    """Every array the figure and the GIF draw, from mathcore.

    ``panels``: one dict per activation: ``x``, ``f``, ``df`` (curves), ``xs`` (point), ``ys``,
    ``slopes`` (tangent slopes from calculus.tangent_line), ``seg`` (n_frames x 2 x 2 tangent
    segment ends), ``ylim``. ``softmax``: the static ``z``, ``s``, ``jac`` (column k) and the
    sweep's ``zs``, ``ss``, ``jacs`` per frame.
    """
    x = np.linspace(*X_RANGE, n_grid)
    xs = _sweep(n_frames)
    panels = []
    for fn in activations():
        f, df = np.asarray(fn.f(x)), np.asarray(fn.df(x))
        lines = [calculus.tangent_line(fn, a) for a in xs]
        slopes = np.array([ln.slope for ln in lines])
        ys = np.array([ln.fa for ln in lines])
        lo, hi = min(f.min(), df.min()), max(f.max(), df.max())
        pad = 0.1 * (hi - lo)
        ylim = (lo - pad, hi + pad)
        # a segment of fixed on-screen length: scale dx by the axes' data ranges
        xr, yr = X_RANGE[1] - X_RANGE[0], ylim[1] - ylim[0]
        half = 0.5 * TANGENT_LEN * np.sqrt(2.0) / np.sqrt(1.0 / xr**2 + (slopes / yr) ** 2)
        x0, x1 = xs - half, xs + half
        seg = np.stack([np.stack([x0, x1], 1),
                        np.stack([[ln(a) for ln, a in zip(lines, x0)],
                                  [ln(b) for ln, b in zip(lines, x1)]], 1)], 1)
        panels.append({"name": fn.name, "label": fn.label, "params": dict(fn.params),
                       "x": x, "f": f, "df": df, "xs": xs, "ys": ys, "slopes": slopes,
                       "dys": np.asarray(fn.df(xs)), "seg": seg, "ylim": ylim})
    z = np.array(SOFTMAX_Z, dtype=float)
    zs = np.tile(z, (n_frames, 1))
    zs[:, SOFTMAX_K] = xs
    ss = functions.softmax(zs, axis=-1)
    jacs = np.array([functions.softmax_jacobian(row)[:, SOFTMAX_K] for row in zs])
    soft = {"k": SOFTMAX_K, "z": z, "s": functions.softmax(z),
            "jac": functions.softmax_jacobian(z)[:, SOFTMAX_K], "zs": zs, "ss": ss, "jacs": jacs}
    return {"xs": xs, "panels": panels, "softmax": soft}


def _broken(x, y):
    """y with NaN inserted at jumps, so a step derivative is not joined by a vertical line."""
    jumps = np.flatnonzero(np.abs(np.diff(y)) > JUMP)
    return np.insert(x, jumps + 1, np.nan), np.insert(y, jumps + 1, np.nan)


def _fmt(v: float) -> str:
    s = f"{v:.3f}"
    return "0.000" if s == "-0.000" else s


class _Layout:
    """The static figure: titles, legend, f and f' in six panels, the softmax panel's bars."""

    def __init__(self, lang: str, width: int, d: dict, static: bool = False):
        self.lang = lang
        self.d = d
        self.fig, s = figure(width, ASPECT)
        self.scale = s
        fig = self.fig
        gs = fig.add_gridspec(2, 4, left=0.045, right=0.99, top=0.82, bottom=0.075,
                              wspace=0.3, hspace=0.55)
        fig.text(0.012, 0.955, tr("gif.activations.title", lang), fontsize=14 * s,
                 fontweight="bold", color=C("text"), va="center")
        lw = 1.6 * s
        self.axes = []
        for p, cell in zip(d["panels"], [gs[0, 0], gs[0, 1], gs[0, 2], gs[0, 3],
                                         gs[1, 0], gs[1, 1]]):
            ax = fig.add_subplot(cell)
            ax.set_xlim(*X_RANGE)
            ax.set_ylim(*p["ylim"])
            ax.set_xticks([X_RANGE[0], 0, X_RANGE[1]])
            ax.tick_params(labelsize=7.5 * s, length=2 * s, pad=1.5 * s)
            ax.axhline(0, color=C("muted"), lw=0.6 * s, zorder=0.5)
            ax.axvline(0, color=C("muted"), lw=0.6 * s, zorder=0.5)
            ax.plot(p["x"], p["f"], color=C("function"), lw=lw)
            ax.plot(*_broken(p["x"], p["df"]), color=C("derivative"), lw=lw * 0.9, ls=(0, (4, 2)))
            title = p["label"]
            if "alpha" in p["params"]:
                title = tr("gif.activations.with_alpha", lang, name=p["label"],
                           alpha=f"{p['params']['alpha']:g}")
            ax.set_title(title, fontsize=10 * s, pad=3 * s, color=C("text"))
            self.axes.append(ax)
        # the legend, in the title line, drawn with the panels' own line styles
        handles = [Line2D([], [], color=C("function"), lw=lw),
                   Line2D([], [], color=C("derivative"), lw=lw * 0.9, ls=(0, (4, 2))),
                   Line2D([], [], color=C("tangent"), lw=lw * 1.3)]
        labels = [tr("gif.activations.legend_f", lang), tr("gif.activations.legend_df", lang),
                  tr("gif.activations.legend_tangent", lang)]
        if static:   # no tangent in the still figure
            handles, labels = handles[:2], labels[:2]
        fig.legend(handles, labels, loc="center right", bbox_to_anchor=(0.995, 0.955),
                   ncol=len(labels),
                   fontsize=9 * s, handlelength=2.0, columnspacing=1.2, borderaxespad=0)

        sm = d["softmax"]
        ax = fig.add_subplot(gs[1, 2:])
        n = len(sm["z"])
        idx = np.arange(n)
        ax.set_xlim(-0.6, n - 0.4)
        ax.set_ylim(-0.35, 1.3)
        ax.set_xticks(idx)
        ticks = []
        for i, z in enumerate(sm["z"]):
            swept = i == sm["k"] and not static
            ticks.append(f"$z_{i + 1}$" if swept else f"$z_{i + 1}$={z:g}")
        ax.set_xticklabels(ticks)
        ax.tick_params(labelsize=7.5 * s, length=2 * s, pad=1.5 * s)
        ax.grid(axis="x", visible=False)
        ax.axhline(0, color=C("muted"), lw=0.6 * s, zorder=0.5)
        ax.set_title(tr("gif.activations.softmax", lang), fontsize=10 * s, pad=3 * s,
                     color=C("text"))
        bw = 0.36
        top = overlay(ax)   # the bars and numbers move in the GIF
        self.bars_s = top.bar(idx - bw / 2, sm["s"], bw, color=C("function"))
        self.bars_d = top.bar(idx + bw / 2, sm["jac"], bw, color=C("derivative"))
        ax.legend([self.bars_s, self.bars_d],
                  [tr("gif.activations.softmax_s", lang),
                   tr("gif.activations.softmax_ds", lang, k=sm["k"] + 1)],
                  loc="upper right", bbox_to_anchor=(1.0, 0.8), fontsize=8.5 * s,
                  handlelength=1.0, borderaxespad=0.3)
        k = sm["k"] + 1
        kw = {"fontsize": 8.5 * s, "color": C("text")}
        _, z_num = readout_pair(top, 0.02, 0.87, tr("gif.activations.softmax_z", lang, k=k), **kw)
        s_lab, s_num = readout_pair(top, 0, 0.87, tr("gif.activations.softmax_sk", lang, k=k),
                                after=z_num, **kw)
        d_lab, d_num = readout_pair(top, 0, 0.87, tr("gif.activations.softmax_dk", lang, k=k),
                                after=s_num, **kw)
        # the numbers change width, so the labels after them move too
        self.soft_texts = [z_num, s_lab, s_num, d_lab, d_num]
        self.soft_ax = ax
        self.show_softmax(sm["z"], sm["s"], sm["jac"])

    def show_softmax(self, z, s, jac):
        for bar, h in zip(self.bars_s, s):
            bar.set_height(h)
        for bar, h in zip(self.bars_d, jac):
            bar.set_height(h)
        k = self.d["softmax"]["k"]
        for text, v in zip(self.soft_texts[::2], (f"{z[k]:.2f}", _fmt(s[k]), _fmt(jac[k]))):
            text.set_text(v)
        return [*self.bars_s, *self.bars_d, *self.soft_texts]


class ActivationsSweep:
    """The GIF: on every panel a point, its tangent, f'(x) read out; softmax bars follow z_k."""

    fps = FPS
    hold_last_s = HOLD_LAST_S

    def __init__(self, lang: str = "zh", width: int = 640, n_frames: int = N_FRAMES):
        self.d = data(n_frames)
        self.n_frames = n_frames
        self.layout = _Layout(lang, width, self.d)
        self.fig = self.layout.fig
        self.lang = lang

    def init(self):
        s = self.layout.scale
        self.moving = []
        for panel in self.layout.axes:
            ax = overlay(panel)
            link, = ax.plot([], [], color=C("muted"), lw=0.8 * s, ls=":")
            tangent, = ax.plot([], [], color=C("tangent"), lw=2.2 * s, solid_capstyle="round")
            dot, = ax.plot([], [], "o", color=C("point"), ms=4.5 * s, zorder=3)
            ddot, = ax.plot([], [], "o", color=C("derivative"), ms=4.0 * s, zorder=3)
            _, text = readout_pair(ax, 0.04, 0.86, tr("gif.activations.slope", self.lang),
                               fontsize=8.5 * s, color=C("derivative"))
            self.moving.append((link, tangent, dot, ddot, text))
        arts = [a for group in self.moving for a in group]
        return arts + self.layout.show_softmax(*self._soft(0))

    def _soft(self, i):
        sm = self.d["softmax"]
        return sm["zs"][i], sm["ss"][i], sm["jacs"][i]

    def update(self, i):
        out = []
        for p, (link, tangent, dot, ddot, text) in zip(self.d["panels"], self.moving):
            x, y, dy = p["xs"][i], p["ys"][i], p["dys"][i]
            link.set_data([x, x], [y, dy])
            tangent.set_data(p["seg"][i, 0], p["seg"][i, 1])
            dot.set_data([x], [y])
            ddot.set_data([x], [dy])
            text.set_text(_fmt(p["slopes"][i]))
            out += [link, tangent, dot, ddot, text]
        return out + self.layout.show_softmax(*self._soft(i))


def build(lang: str = "zh", width: int = 640, **opts) -> ActivationsSweep:
    return ActivationsSweep(lang, width, **opts)


def static_figure(lang: str = "zh", width: int = 640):
    """The lecture's figure: every activation with its derivative, softmax at z = SOFTMAX_Z."""
    return _Layout(lang, width, data(n_frames=2), static=True).fig


def extra_outputs(lang: str, out_dir, width: int = 640) -> list[Path]:
    """Write activations.png (at STATIC_DPI, twice the slide size) and activations.svg."""
    import matplotlib.pyplot as plt

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    fig = static_figure(lang, width)
    written = []
    try:
        for ext, kw in (("png", {"dpi": STATIC_DPI, "metadata": {"Software": None}}),
                        ("svg", {"metadata": {"Date": None, "Creator": None}})):
            path = out_dir / f"activations.{ext}"
            tmp = out_dir / f".activations.{ext}.tmp-{os.getpid()}"
            try:
                fig.savefig(tmp, format=ext, **kw)
                os.replace(tmp, path)
            finally:
                if tmp.exists():
                    tmp.unlink()
            written.append(path)
    finally:
        plt.close(fig)
    return written
