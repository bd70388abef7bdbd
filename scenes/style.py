"""The look shared by every scene: language, colours with meaning, text, formulas, title cards.

Manim's DecimalNumber, MathTex, Tex and ``Axes.add_coordinates`` need LaTeX, which this
project does not install: numbers are drawn with ``number()`` (Text), formulas with
``formula()`` (Typst).
"""

from __future__ import annotations

import os

import numpy as np
from manim import (DOWN, LEFT, RIGHT, UP, UL, FadeIn, FadeOut, ManimColor, MathTypst, Scene,
                   Text, ThreeDScene, VGroup, Write, config)

from lecture import palette, strings
from lecture.sections import SECTIONS

LANG_ENV = "CALCANIM_LECTURE_LANG"  # set by render.py; never the system locale's LANG
FONT = palette.CJK_FONT

# sizes in Manim's font points, tuned on a 16:9 frame
TITLE_SIZE = 34
BODY_SIZE = 28
SMALL_SIZE = 22
FORMULA_SIZE = 36


def lang() -> str:
    return strings.check_lang(os.environ.get(LANG_ENV, strings.DEFAULT_LANG))


def tr(key: str, **fields) -> str:
    """The on-screen string ``key`` in the lecture language."""
    return strings.text(key, lang(), **fields)


def C(meaning: str) -> ManimColor:
    """The colour for a meaning: function, derivative, tangent, secant, gradient, loss, area..."""
    return ManimColor(palette.color(meaning, "dark"))


def label(s: str, size: float = BODY_SIZE, color=None, **kw) -> Text:
    """Plain text in the CJK-capable font (Chinese and Latin alike)."""
    return Text(s, font=FONT, font_size=size, color=color or C("text"), **kw)


def say(key: str, size: float = BODY_SIZE, color=None, **fields) -> Text:
    """``label`` of a string from the table."""
    return label(tr(key, **fields), size, color)


TYPST_PREAMBLE = f'#set text(font: ("New Computer Modern", "{FONT}"))'


def formula(src: str, size: float = FORMULA_SIZE, color=None, **kw) -> MathTypst:
    """Display math from Typst source; Chinese inside quotes is drawn in the CJK font."""
    return MathTypst(src, font_size=size, color=color or C("text"),
                     typst_preamble=TYPST_PREAMBLE, **kw)


def fmt(x: float, digits: int = 4) -> str:
    """A number as the screen shows it: up to ``digits`` significant digits, no trailing zeros,
    a true minus sign."""
    x = float(x)
    if not np.isfinite(x):
        return "∞" if x > 0 else ("−∞" if x < 0 else "NaN")
    if x == 0:
        return "0"
    s = f"{x:.{digits}g}"
    if "e" in s:
        m, e = s.split("e")
        s = f"{m}×10^{int(e)}"
    return s.replace("-", "−")


def number(x: float, digits: int = 4, size: float = BODY_SIZE, color=None) -> Text:
    """A number drawn as text (no LaTeX)."""
    return label(fmt(x, digits), size, color)


def fits(mob, margin: float = 0.2) -> bool:
    """True when the mobject lies inside the frame with ``margin`` to spare."""
    w, h = config.frame_width / 2 - margin, config.frame_height / 2 - margin
    return (mob.get_left()[0] >= -w and mob.get_right()[0] <= w
            and mob.get_bottom()[1] >= -h and mob.get_top()[1] <= h)


def section_of(number: int):
    return next(s for s in SECTIONS if s.number == number)


def title_card(section_number: int) -> VGroup:
    """The section number over its title, centred: shown at the start of every section."""
    sec = section_of(section_number)
    head = label(tr("section", n=sec.number), SMALL_SIZE, C("muted"))
    title = label(sec.title(lang()), 44)
    return VGroup(head, title).arrange(DOWN, buff=0.3)


def corner_title(section_number: int) -> Text:
    """The small title kept in the top-left corner during the section."""
    sec = section_of(section_number)
    t = label(f"{sec.number}. {sec.title(lang())}", TITLE_SIZE - 8, C("muted"))
    return t.to_corner(UL, buff=0.3)


class LectureScene(Scene):
    """A section's scene: ``SECTION`` is its number; ``construct`` calls ``show_title()`` first."""

    SECTION = 0

    def setup(self):
        self.camera.background_color = C("background")

    def show_title(self, hold: float = 0.8):
        card = title_card(self.SECTION)
        self.play(FadeIn(card, shift=UP * 0.2), run_time=0.8)
        self.wait(hold)
        corner = corner_title(self.SECTION)
        self.play(FadeOut(card), FadeIn(corner), run_time=0.6)
        self.corner = corner
        return corner


class LectureScene3D(ThreeDScene):
    """The 3D variant: titles and readouts stay fixed in the frame while the camera moves."""

    SECTION = 0

    def setup(self):
        self.camera.background_color = C("background")

    def show_title(self, hold: float = 0.8):
        card = title_card(self.SECTION)
        self.add_fixed_in_frame_mobjects(card)
        self.play(FadeIn(card), run_time=0.8)
        self.wait(hold)
        corner = corner_title(self.SECTION)
        self.add_fixed_in_frame_mobjects(corner)
        self.play(FadeOut(card), FadeIn(corner), run_time=0.6)
        self.remove(card)
        self.corner = corner
        return corner


def line_in_axes(ax, slope: float, point: tuple, color, stroke_width: float = 3, x_range=None):
    """The line through ``point`` with ``slope``, cut to the axes' visible box (no spill)."""
    from manim import Line
    x0, x1 = x_range or (ax.x_range[0], ax.x_range[1])
    y0, y1 = ax.y_range[0], ax.y_range[1]
    px, py = point
    if slope != 0:
        # keep the part of [x0, x1] where y stays inside [y0, y1]
        xa, xb = sorted(((y0 - py) / slope + px, (y1 - py) / slope + px))
        x0, x1 = max(x0, xa), min(x1, xb)
    if x1 <= x0:
        x0 = x1 = px
    return Line(ax.c2p(x0, py + slope * (x0 - px)), ax.c2p(x1, py + slope * (x1 - px)),
                color=color, stroke_width=stroke_width)


def tick_labels(ax, xs=(), ys=(), size: float = 18, digits: int = 3) -> VGroup:
    """Numbers under the x ticks and left of the y ticks, drawn as Text (no LaTeX)."""
    g = VGroup()
    for x in xs:
        g.add(label(fmt(x, digits), size, C("muted")).next_to(ax.c2p(x, ax.y_range[0]) if
              not (ax.y_range[0] <= 0 <= ax.y_range[1]) else ax.c2p(x, 0), DOWN, buff=0.12))
    for y in ys:
        g.add(label(fmt(y, digits), size, C("muted")).next_to(ax.c2p(ax.x_range[0], y) if
              not (ax.x_range[0] <= 0 <= ax.x_range[1]) else ax.c2p(0, y), LEFT, buff=0.12))
    return g
