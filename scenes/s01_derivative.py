"""Section 1: the secant through (a, f(a)) and (a+h, f(a+h)) turns into the tangent as h -> 0.

Everything drawn comes from the section's lesson (``lessons.derivative``, its ``video`` view):
the curve, the h sweep and the secant slopes; the readouts show the lesson's numbers. This
module also holds what section 4's scene shares with it: the axes fitted to a lesson's curve,
and a readout whose number is composed from glyphs every frame (no Text laid out per frame).
"""

from __future__ import annotations

from manim import (DL, DOWN, LEFT, RIGHT, UP, Axes, Create, Dot, FadeIn, ValueTracker, VGroup,
                   VMobject, Write, always_redraw, config, linear)

from .style import (BODY_SIZE, SMALL_SIZE, C, GlyphLine, LectureScene, fmt, formula, label,
                    line_in_axes, nice_ticks, tick_labels, tr, y_window)

SWEEP_S = 6.0     # seconds the secant takes to close in on the tangent


def curve_axes(view, x_length: float, y_length: float, shown_y=None) -> Axes:
    """Axes over the view's range, as high as ``shown_y`` (default: its curve) needs."""
    lo, hi = view.x_range
    ylo, yhi = y_window(view.curve_y if shown_y is None else shown_y)
    return Axes(x_range=[lo, hi, (hi - lo) / 4], y_range=[ylo, yhi, (yhi - ylo) / 4],
                x_length=x_length, y_length=y_length, tips=False,
                axis_config={"color": C("muted"), "include_ticks": False})


def curve_in(ax, view) -> VMobject:
    """The view's curve in placed axes, through the lesson's samples."""
    curve = VMobject(color=C("function"))
    curve.set_points_as_corners([ax.c2p(x, y) for x, y in zip(view.curve_x, view.curve_y)])
    return curve.make_smooth()


def function_name(view, size: float = 28):
    """f(x) = ... as a formula, in the function's colour."""
    return formula(f"f(x) = {view.function.instance_formula}", size, C("function"))


def frames(run_time: float) -> int:
    """How many samples an animation of ``run_time`` seconds shows: one a frame."""
    return int(round(run_time * config.frame_rate)) + 1


def definition(scene, src: str, size: float, buff: float, right: float):
    """The section's defining formula written at the top, ``right`` of the centre."""
    f = formula(src, size).to_edge(UP, buff=buff).shift(RIGHT * right)
    scene.play(Write(f), run_time=1.5)
    return f


class Readout(VGroup):
    """``name`` in Text and after it a number composed from glyphs: ``show(s)`` sets the number
    where Text would have put it after ``name`` and a space (no Text laid out per frame)."""

    def __init__(self, name: str, size: float, color, slots: int = 16):
        self.text = label(name, size, color)
        marked = label(f"{name} 0", size, color)   # the 0 marks where the number's pen starts
        self.pen = marked[-1].get_corner(DL) - marked[0].get_corner(DL)
        self.number = GlyphLine(size, color, slots)
        super().__init__(self.text, self.number)

    def show(self, s: str):
        self.number.at(self.text[0].get_corner(DL) + self.pen).set(s)
        return self


class SecantBecomesTangent(LectureScene):
    SECTION = 1
    LESSON = "derivative"

    def construct(self):
        self.view = self.lesson.video
        self.shown = []      # the readouts' strings, frame by frame (what the viewer read)
        self.show_title()
        self.show_definition()
        self.show_curve()
        self.show_secant_shrinking()
        self.show_limit()

    def readout_texts(self, sweep, k: int) -> tuple[str, str]:
        """h and the secant slope as frame k shows them: the lesson's numbers."""
        return fmt(sweep.h[k], 3), fmt(sweep.slopes[k], 6)

    def show_definition(self):
        self.definition = definition(self, "f'(a) = lim_(h -> 0) (f(a+h) - f(a))/h", 34, 0.8,
                                     2.6)

    def show_curve(self):
        v = self.view
        ax = curve_axes(v, 6.4, 5.2).to_corner(DOWN + LEFT, buff=0.5).shift(RIGHT * 0.5)
        curve = curve_in(ax, v)
        ticks = tick_labels(ax, nice_ticks(*v.x_range), nice_ticks(ax.y_range[0], ax.y_range[1]))
        name = function_name(v)
        name.next_to(ax, UP, buff=0.15).align_to(ax, LEFT).shift(RIGHT * 0.4)
        self.play(Create(ax), Create(curve), FadeIn(ticks), FadeIn(name), run_time=1.5)
        self.ax = ax

    def show_secant_shrinking(self):
        v, ax = self.view, self.ax
        sweep = v.sweep(frames(SWEEP_S))
        k = ValueTracker(0)

        def at():
            return int(round(k.get_value()))

        P = Dot(ax.c2p(v.a, v.fa), color=C("point"))
        Q = always_redraw(lambda: Dot(ax.c2p(*sweep.q[at()]), color=C("secant")))
        line = always_redraw(lambda: line_in_axes(ax, sweep.slopes[at()], (v.a, v.fa),
                                                  C("secant")))
        h_row = Readout(f"a = {fmt(v.a)}    h =", BODY_SIZE, C("text"))
        m_row = Readout(f"{tr('s01.secant_slope')} =", BODY_SIZE, C("secant"))
        rows = VGroup(h_row, m_row)
        for row, s in zip(rows, self.readout_texts(sweep, 0)):
            row.show(s)   # laid out with the first frame's numbers
        rows.arrange(DOWN, aligned_edge=LEFT).next_to(self.definition, DOWN, buff=0.8)
        rows.align_to(self.definition, LEFT)

        def refresh(_=None):
            texts = self.readout_texts(sweep, at())
            for row, s in zip(rows, texts):
                row.show(s)
            self.shown.append(texts)

        refresh()
        rows.add_updater(refresh)
        self.play(FadeIn(P), FadeIn(Q), Create(line), FadeIn(rows))
        self.wait(0.5)
        self.play(k.animate.set_value(len(sweep.h) - 1), run_time=SWEEP_S, rate_func=linear)
        rows.clear_updaters()
        self.readout = rows

    def show_limit(self):
        v = self.view
        tline = line_in_axes(self.ax, v.derivative, (v.a, v.fa), C("tangent"), 4)
        result = formula(f"f'({fmt(v.a)}) = {fmt(v.derivative, 6)}", 34, C("tangent"))
        result.next_to(self.readout, DOWN, buff=0.6).align_to(self.readout, LEFT)
        note = label(tr("s01.limit_exists"), SMALL_SIZE, C("muted"))
        note.next_to(result, DOWN, buff=0.4).align_to(result, LEFT)
        self.play(Create(tline), Write(result), run_time=1.5)
        self.play(FadeIn(note))
        self.wait(2)

