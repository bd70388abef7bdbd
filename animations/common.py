"""The look shared by every slide GIF: language, colours with meaning, fonts, figure size.

matplotlib only (never manim). Text is drawn in the CJK font so Chinese never shows as boxes;
formulas use matplotlib's mathtext (``r"$f'(x)$"``), which the CJK font does not need.
"""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
from matplotlib import font_manager  # noqa: E402

import lessons  # noqa: E402
from lecture import palette, strings  # noqa: E402

THEME = "light"      # slides are white
DPI = 100
ASPECT = 0.5625      # 16:9 by default


def C(meaning: str) -> str:
    """The colour for a meaning: function, derivative, tangent, secant, gradient, loss, area..."""
    return palette.color(meaning, THEME)


def tr(key: str, lang: str, **fields) -> str:
    return strings.text(key, lang, **fields)


def _cjk_font_name() -> str:
    names = {f.name for f in font_manager.fontManager.ttflist}
    if palette.CJK_FONT in names:
        return palette.CJK_FONT
    for n in sorted(names):
        if "CJK" in n and "Sans" in n:
            return n
    raise RuntimeError(f"the font '{palette.CJK_FONT}' is not installed: run 'make setup' "
                       "(Debian/Ubuntu package fonts-noto-cjk)")


def apply_style():
    """rcParams for every animation: the CJK font first, DejaVu after it for symbols."""
    font = _cjk_font_name()
    plt.rcParams.update({
        "font.family": "sans-serif",
        "font.sans-serif": [font, "DejaVu Sans"],
        "axes.unicode_minus": False,   # the CJK font's minus is fine; avoid a missing glyph
        "mathtext.fontset": "dejavusans",
        "font.size": 11,
        "axes.titlesize": 13,
        "axes.labelsize": 11,
        "axes.edgecolor": "#555555",
        "axes.grid": True,
        "grid.color": "#E6E6E6",
        "grid.linewidth": 0.8,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "figure.facecolor": "white",
        "axes.facecolor": "white",
        "savefig.facecolor": "white",
        "legend.frameon": False,
        "svg.hashsalt": "calculus-anim",   # deterministic SVG ids
    })


def figure(width_px: int = 640, aspect: float = ASPECT, **kw):
    """A figure ``width_px`` wide (height from ``aspect``), both even for the MP4 encoder."""
    apply_style()
    w = int(width_px) // 2 * 2
    h = int(round(w * aspect)) // 2 * 2
    scale = w / 640  # text grows with the figure so it reads the same at any size
    fig = plt.figure(figsize=(w / DPI, h / DPI), dpi=DPI, **kw)
    plt.rcParams["font.size"] = 11 * scale
    return fig, scale


class GifAnimation:
    """The base of every slide GIF, a ``writer.FrameSource``: the language, the section's lesson
    built from the lecturer's options (``lessons.<LESSON>``; none: the lecture's example), the
    figure and its text scale, the frame count, the frame rate and the hold on the last frame.

    A subclass sets ``LESSON`` (and ``fps``, ``hold_last_s``, ``n_frames``, ``aspect`` where they
    differ), creates its artists in ``init()`` and moves them in ``update(i)``, reading only
    ``self.lesson`` (compute first, animate second). A module exposes ``build = Cls.build``."""

    LESSON = ""
    fps = 20
    hold_last_s = 1.0
    n_frames = 100
    aspect = ASPECT

    def __init__(self, lang: str = "zh", width: int = 640, options: dict | None = None,
                 n_frames: int | None = None):
        self.lang = strings.check_lang(lang)
        self.width = int(width)
        if n_frames is not None:
            self.n_frames = int(n_frames)
        self.options = dict(options or {})
        self.lesson = lessons.load(self.LESSON, self.options) if self.LESSON else None
        self.fig, self.scale = figure(self.width, self.aspect)
        self.s = self.scale

    @classmethod
    def build(cls, lang: str = "zh", width: int = 640, options: dict | None = None, **kw):
        """The animation in ``lang`` at ``width`` pixels, with the lecturer's ``options``."""
        return cls(lang, width, options, **kw)

    def tr(self, key: str, **fields) -> str:
        return strings.text(key, self.lang, **fields)

    def title(self, key: str, y: float = 0.955, size: float = 13, **fields):
        """The title line at the top, centred, in the GIF's language."""
        return self.fig.text(0.5, y, self.tr(key, **fields), ha="center", va="center",
                             fontsize=size * self.scale, color=C("text"))

    def init(self):
        raise NotImplementedError

    def update(self, i: int):
        raise NotImplementedError
