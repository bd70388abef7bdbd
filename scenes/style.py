"""The look shared by every scene: language, colours with meaning, text, formulas, title cards.

Manim's DecimalNumber, MathTex, Tex and ``Axes.add_coordinates`` need LaTeX, which this
project does not install: numbers are drawn with ``number()`` (Text), formulas with
``formula()`` (Typst).
"""

from __future__ import annotations


import numpy as np
from manim import (DOWN, LEFT, RIGHT, UP, UL, FadeIn, FadeOut, ManimColor, MathTypst, Scene,
                   Text, ThreeDCamera, ThreeDScene, Typst, VGroup, VMobject, Write, config)

import lessons
from lecture import palette, strings
from lecture.sections import SECTIONS

from . import fastpath
from .steps import Stepped

FONT = palette.CJK_FONT

# sizes in Manim's font points, tuned on a 16:9 frame
TITLE_SIZE = 34
BODY_SIZE = 28
SMALL_SIZE = 22
FORMULA_SIZE = 36


_LANG = [strings.DEFAULT_LANG]   # the language of the scene being built (set by its constructor)


def use_lang(value: str | None) -> str:
    """Make ``value`` (zh or en; None: the default) the language of the texts built from now on:
    a scene's constructor calls it with its ``lang`` argument (never the system locale)."""
    _LANG[0] = strings.check_lang(value or strings.DEFAULT_LANG)
    return _LANG[0]


def lang() -> str:
    return _LANG[0]


def tr(key: str, **fields) -> str:
    """The on-screen string ``key`` in the lecture language."""
    return strings.text(key, lang(), **fields)


def C(meaning: str) -> ManimColor:
    """The colour for a meaning: function, derivative, tangent, secant, gradient, loss, area..."""
    return ManimColor(palette.color(meaning, "dark"))


def label(s: str, size: float = BODY_SIZE, color=None, **kw) -> Text:
    """Plain text in the CJK-capable font (Chinese and Latin alike)."""
    return Text(s, font=FONT, font_size=size, color=color or C("text"), **kw)


def fit_text(s: str, width: float, size: float = BODY_SIZE, color=None, max_lines: int = 3,
             **kw) -> Text:
    """``label`` of ``s`` at most ``width`` wide: on one line if it fits, else broken at spaces
    into as few balanced lines as fit (English is longer than Chinese), else scaled down."""
    t = label(s, size, color, **kw)
    if t.width <= width:
        return t
    words = s.split(" ")
    for n in range(2, min(max_lines, len(words)) + 1):
        lines, line, goal = [], [], len(s) / n
        for w in words:
            if line and len(" ".join(line + [w])) > goal and len(lines) < n - 1:
                lines.append(" ".join(line))
                line = []
            line.append(w)
        lines.append(" ".join(line))
        t = label("\n".join(lines), size, color, **kw)
        if t.width <= width:
            return t
    return t.scale_to_fit_width(width)


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


def typst_number(x: float, digits: int = 4) -> str:
    """A number as Typst math source: ``fmt``'s 1.1×10^−14 becomes ``1.1 times 10^(-14)``.

    Minus signs are written as ASCII ``-``, which Typst sets as the true minus sign (the same
    glyph and spacing as U+2212)."""
    s = fmt(x, digits)
    if "×10^" in s:
        m, e = s.split("×10^")
        s = f"{m} times 10^({e})"
    return s.replace("−", "-")


def number(x: float, digits: int = 4, size: float = BODY_SIZE, color=None) -> Text:
    """A number drawn as text (no LaTeX)."""
    return label(fmt(x, digits), size, color)


def fits(mob, margin: float = 0.2) -> bool:
    """True when the mobject lies inside the frame with ``margin`` to spare."""
    w, h = config.frame_width / 2 - margin, config.frame_height / 2 - margin
    return (mob.get_left()[0] >= -w and mob.get_right()[0] <= w
            and mob.get_bottom()[1] >= -h and mob.get_top()[1] <= h)


def keep_in_frame(mob, margin: float = 0.2):
    """Make ``mob`` lie inside the frame with ``margin`` to spare: moved in when its left or top
    edge is out, then scaled down (never up) about its top-left corner when its right or bottom
    edge still is. Longer strings (English) and wider typed formulas fit this way."""
    w, h = config.frame_width / 2 - margin, config.frame_height / 2 - margin
    if mob.width == 0 and mob.height == 0:
        return mob
    dx = max(0.0, -w - mob.get_left()[0])
    dy = min(0.0, h - mob.get_top()[1])
    if dx or dy:
        mob.shift(np.array([dx, dy, 0.0]))
    corner = np.array([mob.get_left()[0], mob.get_top()[1], 0.0])
    k = 1.0
    if mob.get_right()[0] > w and mob.width > 0:
        k = min(k, (w - corner[0]) / mob.width)
    if mob.get_bottom()[1] < -h and mob.height > 0:
        k = min(k, (corner[1] + h) / mob.height)
    if k < 1.0:
        mob.scale(k * (1 - 1e-9), about_point=corner)
    return mob


def is_flat(lo: float, hi: float, flat: float = 1e-9) -> bool:
    """True when values from ``lo`` to ``hi`` rise by no more than ``flat`` of their size."""
    return hi - lo <= flat * max(abs(lo), abs(hi), 1.0)


def y_window(ys, pad: float = 0.08, flat: float = 1e-9) -> tuple[float, float]:
    """The y range that shows the values ``ys`` (non-finite ones ignored) with ``pad`` of their
    span above and below. A curve that does not rise by more than ``flat`` of its size (a
    constant, ``0*x``, ``1e-20*x``) is drawn flat in a window of a sane height around it, never
    in one of height 0 or 1e-20."""
    ys = np.asarray(ys, dtype=float).ravel()
    ys = ys[np.isfinite(ys)]
    if ys.size == 0:
        return -1.0, 1.0
    lo, hi = float(ys.min()), float(ys.max())
    if is_flat(lo, hi, flat):
        mid = 0.5 * (lo + hi)
        half = max(1.0, 0.1 * abs(mid))
        return mid - half, mid + half
    return lo - pad * (hi - lo), hi + pad * (hi - lo)


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


def _texts(mobs) -> list:
    """The Text and Typst mobjects among ``mobs`` and their families (not their glyphs)."""
    out, seen = [], set()

    def walk(m):
        if id(m) in seen:
            return
        seen.add(id(m))
        if isinstance(m, (Text, Typst)):
            if m.has_points() or any(s.has_points() for s in m.family_members_with_points()):
                out.append(m)
            return
        for sub in m.submobjects:
            walk(sub)

    for m in mobs:
        walk(m)
    return out


def layout_problems(mobs, margin: float = 0.02, overlap: float = 0.04) -> list[str]:
    """What is wrong with the layout of ``mobs`` (what is on screen): a text that leaves the
    frame, or two texts whose boxes overlap by more than ``overlap`` each way. Empty when fine."""
    w, h = config.frame_width / 2 + margin, config.frame_height / 2 + margin
    texts = [t for t in _texts(mobs) if (t.width > 0 or t.height > 0) and max(
        (max(m.get_fill_opacity(), m.get_stroke_opacity()) for m in t.family_members_with_points()),
        default=0) > 0]
    problems = []

    def name(t):
        return f"{type(t).__name__}({getattr(t, 'text', '') or getattr(t, 'typst_code', '')!s:.40})"

    for t in texts:
        if not (t.get_left()[0] >= -w and t.get_right()[0] <= w
                and t.get_bottom()[1] >= -h and t.get_top()[1] <= h):
            problems.append(f"{name(t)} leaves the frame")
    boxes = [(t, t.get_left()[0], t.get_right()[0], t.get_bottom()[1], t.get_top()[1])
             for t in texts]
    for i, (a, l1, r1, b1, t1) in enumerate(boxes):
        for b, l2, r2, b2, t2 in boxes[i + 1:]:
            if (min(r1, r2) - max(l1, l2) > overlap and min(t1, t2) - max(b1, b2) > overlap):
                problems.append(f"{name(a)} overlaps {name(b)}")
    return problems


class Lesson:
    """What every section's scene takes as arguments: ``lang`` (zh or en) and ``options`` (the
    lecturer's own, already checked; none: the lecture's example), from which the scene's lesson
    (``lessons.<LESSON>``) is built as ``self.lesson`` before anything is drawn.

    ``Scene(lang="en", options={"function": "x**3 - 2*x"})``; ``Scene()`` is the lecture's own
    example in the default language."""

    SECTION = 0
    LESSON = ""      # the section's lesson module: lessons.<LESSON>

    def __init__(self, lang: str | None = None, options: dict | None = None, **kwargs):
        self.lang = use_lang(lang)
        self.options = dict(options or {})
        self.lesson = lessons.load(self.LESSON, self.options) if self.LESSON else None
        fastpath.install()         # manim's drawing calls, made faster (scenes/fastpath.py)
        super().__init__(**kwargs)

    def setup(self):
        use_lang(self.lang)
        self.camera.background_color = C("background")


class LectureScene(Lesson, Stepped, Scene):
    """A section's scene: ``SECTION`` is its number; ``construct`` calls ``show_title()`` first.

    At the end, the texts on screen are checked: none leaves the frame, none overlaps another
    (``layout_problems``); a problem fails the render instead of drawing a wrong picture."""

    def tear_down(self):
        super().tear_down()
        problems = layout_problems(self.mobjects)
        assert not problems, "layout: " + "; ".join(problems)

    def show_title(self, hold: float = 0.8):
        card = title_card(self.SECTION)
        self.play(FadeIn(card, shift=UP * 0.2), run_time=0.8)
        self.wait(hold)
        corner = corner_title(self.SECTION)
        self.play(FadeOut(card), FadeIn(corner), run_time=0.6)
        self.corner = corner
        return corner


class ShiftedCamera(ThreeDCamera):
    """A 3D camera whose picture is moved on screen by ``SCREEN_SHIFT`` (fixed-in-frame mobjects
    are not): the camera still turns about the world origin, but the 3D picture can sit to one
    side of the readouts. It applies no shading of its own: light surfaces once with
    ``light_surface`` (the camera's per-frame shading is slow)."""

    SCREEN_SHIFT = np.zeros(3)

    def __init__(self, **kwargs):
        super().__init__(**{**kwargs, "should_apply_shading": False})

    def project_points(self, points):
        return super().project_points(points) + self.SCREEN_SHIFT


def shifted_camera(shift) -> type:
    """A ``ShiftedCamera`` class with its picture moved by ``shift`` (x, y[, z]) on screen."""
    v = np.zeros(3)
    v[:len(shift)] = np.asarray(shift, dtype=float)
    return type("ShiftedCamera", (ShiftedCamera,), {"SCREEN_SHIFT": v})


LIGHT = np.array([-1.0, -2.0, 3.0]) / np.sqrt(14.0)


def light_surface(surface, light=LIGHT, ambient=0.45):
    """Shade each face once by how squarely it faces a fixed light, and pin its depth-sorting
    point: the surface never moves, so neither changes while the camera turns."""
    for face in surface:
        a = face.get_anchors()
        n = np.cross(a[2] - a[0], a[3] - a[1])
        n = n / (np.linalg.norm(n) or 1.0)
        k = ambient + (1 - ambient) * abs(float(np.dot(n, light)))
        face.set_fill(ManimColor.from_rgb(np.clip(face.get_fill_color().to_rgb() * k, 0, 1)))
        centre = face.get_center()
        face.get_z_index_reference_point = lambda c=centre: c
    return surface


class LectureScene3D(Lesson, Stepped, ThreeDScene):
    """The 3D variant: titles and readouts stay fixed in the frame while the camera moves.

    ``SCREEN_SHIFT`` (x, y on screen) moves the 3D picture, not the fixed-in-frame text (see
    ``ShiftedCamera``); surfaces are lit once with ``light_surface``."""

    SCREEN_SHIFT = (0.0, 0.0, 0.0)

    def __init__(self, lang: str | None = None, options: dict | None = None, **kwargs):
        kwargs.setdefault("camera_class", shifted_camera(self.SCREEN_SHIFT))
        super().__init__(lang, options, **kwargs)

    def tear_down(self):
        super().tear_down()
        fixed = self.renderer.camera.fixed_in_frame_mobjects
        problems = layout_problems([m for m in self.mobjects if m in fixed])
        assert not problems, "layout: " + "; ".join(problems)

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


class GlyphFont:
    """Glyphs of the lecture font cut out of Text once, with their advances, so that a readout
    can be re-set every frame by copying points instead of laying out new Text."""

    _fonts: dict = {}

    def __init__(self, size):
        self.size, self.chars = size, {}
        zeros = label("00", size)
        self.zero = zeros[0]
        self.advance0 = zeros[1].get_left()[0] - zeros[0].get_left()[0]

    @classmethod
    def of(cls, size):
        if size not in cls._fonts:
            cls._fonts[size] = cls(size)
        return cls._fonts[size]

    def char(self, c):
        """(points relative to the pen on the baseline, or None for a space; advance)."""
        if c not in self.chars:
            t = label("0" + c + "0", self.size)  # between two zeros: the same baseline and pen
            pen = np.array([t[0].get_left()[0] + self.advance0, t[0].get_bottom()[1], 0.0])
            adv = t[-1].get_left()[0] - pen[0]
            self.chars[c] = (t[1].points - pen if len(t) == 3 else None, adv)
        return self.chars[c]

    def width(self, s):
        return sum(self.char(c)[1] for c in s)


class GlyphLine(VGroup):
    """One line of live text for 3D scenes, a fixed-size pool of glyph slots: ``set(s)`` rewrites
    it in place, so the mobjects (and their fixed-in-frame registration) never change, and no
    Text is laid out per frame."""

    def __init__(self, size, color, slots=40):
        self.font = GlyphFont.of(size)
        super().__init__(*(VMobject(fill_color=color, fill_opacity=1, stroke_width=0)
                           for _ in range(slots)))
        self.pen = np.zeros(3)

    def at(self, pen):
        """Put the line's start (left end of the baseline) at ``pen``."""
        self.pen = np.array(pen, dtype=float)
        return self

    def set(self, s):
        x, i = 0.0, 0
        for c in s:
            pts, adv = self.font.char(c)
            if pts is not None:
                self[i].points = pts + self.pen + np.array([x, 0.0, 0.0])
                i += 1
            x += adv
        for slot in self.submobjects[i:]:
            slot.points = np.zeros((0, 3))
        return self


def line_in_axes(ax, slope: float, point: tuple, color, stroke_width: float = 3, x_range=None):
    """The line through ``point`` with ``slope``, cut to the axes' visible box (no spill)."""
    from manim import Line
    lo, hi = x0, x1 = x_range or (ax.x_range[0], ax.x_range[1])
    y0, y1 = ax.y_range[0], ax.y_range[1]
    px, py = point
    if slope != 0:
        # keep the part of [x0, x1] where y stays inside [y0, y1]
        xa, xb = sorted(((y0 - py) / slope + px, (y1 - py) / slope + px))
        x0, x1 = max(x0, xa), min(x1, xb)
    elif not y0 <= py <= y1:
        x1 = x0 - 1.0                       # a level line above or below the window
    if x1 <= x0:                            # nothing of it inside: an empty line inside the box
        c = ax.c2p(min(max(px, lo), hi), min(max(py, y0), y1))
        return Line(c, c, color=color, stroke_width=stroke_width)
    return Line(ax.c2p(x0, py + slope * (x0 - px)), ax.c2p(x1, py + slope * (x1 - px)),
                color=color, stroke_width=stroke_width)


def tick_labels(ax, xs=(), ys=(), size: float = 18, digits: int = 3) -> VGroup:
    """Numbers under the x ticks and left of the y ticks, drawn as Text (no LaTeX)."""
    # beside the axes where Manim draws them: through 0, or at the end of the range nearest 0
    # (a range left of 0 has its y axis at its right end)
    x_axis_at = min(max(0.0, ax.y_range[0]), ax.y_range[1])
    y_axis_at = min(max(0.0, ax.x_range[0]), ax.x_range[1])
    g = VGroup()
    for x in xs:
        g.add(label(fmt(x, digits), size, C("muted")).next_to(ax.c2p(x, x_axis_at), DOWN,
                                                              buff=0.12))
    for y in ys:
        g.add(label(fmt(y, digits), size, C("muted")).next_to(ax.c2p(y_axis_at, y), LEFT,
                                                              buff=0.12))
    return g


def clipped_curve(ax, xs, ys, color, width: float = 3, jump: float | None = None) -> VGroup:
    """The polyline through (xs, ys), cut where it leaves the axes' y window, the cut ends moved
    onto the window's edge so the curve meets the frame of the axes exactly; with ``jump``, also
    split where it jumps by more than ``jump`` between two samples (no vertical line drawn)."""
    xs, ys = np.asarray(xs, dtype=float), np.asarray(ys, dtype=float)
    y0, y1 = ax.y_range[0], ax.y_range[1]
    with np.errstate(invalid="ignore"):
        inside = np.isfinite(ys) & (ys >= y0) & (ys <= y1)
        cut = np.zeros_like(inside)
        if jump is not None:
            cut[1:] = np.abs(np.diff(ys)) > jump
    pieces = VGroup()
    idx = np.flatnonzero(inside)
    if idx.size == 0:
        return pieces
    for run in np.split(idx, np.flatnonzero(np.diff(idx) > 1) + 1):
        for part in np.split(run, [k for k in range(1, len(run)) if cut[run[k]]]):
            pts = [(xs[i], ys[i]) for i in part]
            a, b = part[0], part[-1]
            for i_out, i_in, first in ((a - 1, a, True), (b + 1, b, False)):
                if 0 <= i_out < len(xs) and not inside[i_out] and np.isfinite(ys[i_out]):
                    yb = y1 if ys[i_out] > y1 else y0
                    t = (yb - ys[i_in]) / (ys[i_out] - ys[i_in])
                    e = (xs[i_in] + t * (xs[i_out] - xs[i_in]), yb)
                    pts.insert(0, e) if first else pts.append(e)
            if len(pts) >= 2:
                pieces.add(VMobject(color=color, stroke_width=width).set_points_as_corners(
                    [ax.c2p(x, y) for x, y in pts]))
    return pieces


def nice_ticks(lo: float, hi: float, n: int = 4) -> list[float]:
    """Round tick positions in [lo, hi], about n of them (steps of 1, 2, 2.5 or 5 times a power
    of ten), 0 left out (the axes cross there)."""
    raw = (hi - lo) / n
    if not (np.isfinite(raw) and raw > 0):
        return []
    k = 10.0 ** np.floor(np.log10(raw))
    step = min((m * k for m in (1, 2, 2.5, 5, 10) if m * k >= raw), default=10 * k)
    # tick indices, with tolerances relative to the step (a range of 1e-20 has ticks too)
    first, last = int(np.ceil(lo / step - 1e-9)), int(np.floor(hi / step + 1e-9))
    return [float(i * step) for i in range(first, last + 1) if i != 0]
