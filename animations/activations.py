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

from .common import C, GifAnimation
from .drawing import overlay, readout_pair

JUMP = 0.2                     # a derivative step larger than this is a jump: the line breaks
STATIC_DPI = 200               # the PNG is drawn at twice the slide resolution


def _broken(x, y):
    """y with NaN inserted at jumps, so a step derivative is not joined by a vertical line."""
    jumps = np.flatnonzero(np.abs(np.diff(y)) > JUMP)
    return np.insert(x, jumps + 1, np.nan), np.insert(y, jumps + 1, np.nan)


def _fmt(v: float) -> str:
    s = f"{v:.3f}"
    return "0.000" if s == "-0.000" else s


class ActivationsSweep(GifAnimation):
    """The GIF: on every panel a point, its tangent, f'(x) read out; softmax bars follow z_k.
    Everything drawn is the lesson's slide (``lesson.slide(n_frames)``)."""

    LESSON = "activations"
    fps = 20
    hold_last_s = 1.2
    n_frames = 120
    static = False             # the still figure: no tangent, no swept component

    def __init__(self, *args, **kw):
        super().__init__(*args, **kw)
        self.slide = self.lesson.slide(self.n_frames)
        self.layout()

    def layout(self):
        """The static figure: titles, legend, f and f' in six panels, the softmax panel's bars."""
        fig, s, d = self.fig, self.scale, self.slide
        gs = fig.add_gridspec(2, 4, left=0.045, right=0.99, top=0.82, bottom=0.075,
                              wspace=0.3, hspace=0.55)
        fig.text(0.012, 0.955, self.tr("gif.activations.title"), fontsize=14 * s,
                 fontweight="bold", color=C("text"), va="center")
        lw = 1.6 * s
        self.axes = []
        x_view = self.lesson.x_view
        for p, cell in zip(d.panels, [gs[0, 0], gs[0, 1], gs[0, 2], gs[0, 3],
                                      gs[1, 0], gs[1, 1]]):
            ax = fig.add_subplot(cell)
            ax.set_xlim(*x_view)
            ax.set_ylim(*p.ylim)
            ax.set_xticks([x_view[0], 0, x_view[1]])
            ax.tick_params(labelsize=7.5 * s, length=2 * s, pad=1.5 * s)
            ax.axhline(0, color=C("muted"), lw=0.6 * s, zorder=0.5)
            ax.axvline(0, color=C("muted"), lw=0.6 * s, zorder=0.5)
            ax.plot(p.x, p.f, color=C("function"), lw=lw)
            ax.plot(*_broken(p.x, p.df), color=C("derivative"), lw=lw * 0.9, ls=(0, (4, 2)))
            title = p.label
            if "alpha" in p.params:
                title = self.tr("gif.activations.with_alpha", name=p.label,
                                alpha=f"{p.params['alpha']:g}")
            ax.set_title(title, fontsize=10 * s, pad=3 * s, color=C("text"))
            self.axes.append(ax)
        # the legend, in the title line, drawn with the panels' own line styles
        handles = [Line2D([], [], color=C("function"), lw=lw),
                   Line2D([], [], color=C("derivative"), lw=lw * 0.9, ls=(0, (4, 2))),
                   Line2D([], [], color=C("tangent"), lw=lw * 1.3)]
        labels = [self.tr("gif.activations.legend_f"), self.tr("gif.activations.legend_df"),
                  self.tr("gif.activations.legend_tangent")]
        if self.static:   # no tangent in the still figure
            handles, labels = handles[:2], labels[:2]
        fig.legend(handles, labels, loc="center right", bbox_to_anchor=(0.995, 0.955),
                   ncol=len(labels),
                   fontsize=9 * s, handlelength=2.0, columnspacing=1.2, borderaxespad=0)
        self.softmax_panel(fig.add_subplot(gs[1, 2:]))

    def softmax_panel(self, ax):
        s, sm = self.scale, self.slide.softmax
        n = len(sm.z)
        idx = np.arange(n)
        ax.set_xlim(-0.6, n - 0.4)
        ax.set_ylim(-0.35, 1.3)
        ax.set_xticks(idx)
        ticks = []
        for i, z in enumerate(sm.z):
            swept = i == sm.k and not self.static
            ticks.append(f"$z_{i + 1}$" if swept else f"$z_{i + 1}$={z:g}")
        ax.set_xticklabels(ticks)
        ax.tick_params(labelsize=7.5 * s, length=2 * s, pad=1.5 * s)
        ax.grid(axis="x", visible=False)
        ax.axhline(0, color=C("muted"), lw=0.6 * s, zorder=0.5)
        ax.set_title(self.tr("gif.activations.softmax"), fontsize=10 * s, pad=3 * s,
                     color=C("text"))
        bw = 0.36
        top = overlay(ax)   # the bars and numbers move in the GIF
        self.bars_s = top.bar(idx - bw / 2, sm.s, bw, color=C("function"))
        self.bars_d = top.bar(idx + bw / 2, sm.jac, bw, color=C("derivative"))
        k = sm.k + 1
        ax.legend([self.bars_s, self.bars_d],
                  [self.tr("gif.activations.softmax_s"),
                   self.tr("gif.activations.softmax_ds", k=k)],
                  loc="upper right", bbox_to_anchor=(1.0, 0.8), fontsize=8.5 * s,
                  handlelength=1.0, borderaxespad=0.3)
        kw = {"fontsize": 8.5 * s, "color": C("text")}
        _, z_num = readout_pair(top, 0.02, 0.87, self.tr("gif.activations.softmax_z", k=k), **kw)
        s_lab, s_num = readout_pair(top, 0, 0.87, self.tr("gif.activations.softmax_sk", k=k),
                                    after=z_num, **kw)
        d_lab, d_num = readout_pair(top, 0, 0.87, self.tr("gif.activations.softmax_dk", k=k),
                                    after=s_num, **kw)
        # the numbers change width, so the labels after them move too
        self.soft_texts = [z_num, s_lab, s_num, d_lab, d_num]
        self.show_softmax(sm.z, sm.s, sm.jac)

    def show_softmax(self, z, s, jac):
        for bar, h in zip(self.bars_s, s):
            bar.set_height(h)
        for bar, h in zip(self.bars_d, jac):
            bar.set_height(h)
        k = self.slide.softmax.k
        for text, v in zip(self.soft_texts[::2], (f"{z[k]:.2f}", _fmt(s[k]), _fmt(jac[k]))):
            text.set_text(v)
        return [*self.bars_s, *self.bars_d, *self.soft_texts]

    def init(self):
        s = self.scale
        self.moving = []
        for panel in self.axes:
            ax = overlay(panel)
            link, = ax.plot([], [], color=C("muted"), lw=0.8 * s, ls=":")
            tangent, = ax.plot([], [], color=C("tangent"), lw=2.2 * s, solid_capstyle="round")
            dot, = ax.plot([], [], "o", color=C("point"), ms=4.5 * s, zorder=3)
            ddot, = ax.plot([], [], "o", color=C("derivative"), ms=4.0 * s, zorder=3)
            _, text = readout_pair(ax, 0.04, 0.86, self.tr("gif.activations.slope"),
                                   fontsize=8.5 * s, color=C("derivative"))
            self.moving.append((link, tangent, dot, ddot, text))
        arts = [a for group in self.moving for a in group]
        return arts + self.show_softmax(*self._soft(0))

    def _soft(self, i):
        sm = self.slide.softmax
        return sm.zs[i], sm.ss[i], sm.jacs[i]

    def update(self, i):
        out = []
        for p, (link, tangent, dot, ddot, text) in zip(self.slide.panels, self.moving):
            x, y, dy = p.xs[i], p.ys[i], p.dys[i]
            link.set_data([x, x], [y, dy])
            tangent.set_data(p.seg[i, 0], p.seg[i, 1])
            dot.set_data([x], [y])
            ddot.set_data([x], [dy])
            text.set_text(_fmt(p.slopes[i]))
            out += [link, tangent, dot, ddot, text]
        return out + self.show_softmax(*self._soft(i))


class ActivationsFigure(ActivationsSweep):
    """The lecture's still figure: every activation with its derivative, softmax at the
    lesson's z (no moving parts)."""

    static = True
    n_frames = 2


build = ActivationsSweep.build


def static_figure(lang: str = "zh", width: int = 640):
    """The lecture's figure: every activation with its derivative, softmax at the lesson's z."""
    return ActivationsFigure(lang, width).fig


def extra_outputs(lang: str, out_dir, width: int = 640) -> list[Path]:
    """Write activations.png (at STATIC_DPI, twice the slide size) and activations.svg."""
    import matplotlib.pyplot as plt

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    fig = static_figure(lang, width)
    stem = "activations" if width == 640 else f"activations-{width}px"   # as the GIF's name
    written = []
    try:
        for ext, kw in (("png", {"dpi": STATIC_DPI, "metadata": {"Software": None}}),
                        ("svg", {"metadata": {"Date": None, "Creator": None}})):
            path = out_dir / f"{stem}.{ext}"
            tmp = out_dir / f".{stem}.{ext}.tmp-{os.getpid()}"
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
