"""Section 3: the activation functions beside their derivatives, the flat regions where the
gradient vanishes shaded; then softmax on a small vector, unchanged when the input is shifted."""

from __future__ import annotations

import numpy as np
from manim import (DOWN, LEFT, RIGHT, UP, UR, AnimationGroup, Arrow, Axes, Circle, Create, Dot,
                   FadeIn, FadeOut, Rectangle, SurroundingRectangle, Transform, ValueTracker,
                   VGroup, Write, always_redraw, smooth)

from mathcore import functions

from .style import (SMALL_SIZE, C, GlyphLine, LectureScene, clipped_curve, fmt, formula, label,
                    say, tick_labels, tr)

JUMP = 0.3                        # a curve is split where it jumps more than this
#: how each activation is written in a formula
TYPST_NAME = {"sigmoid": "sigma", "tanh": "tanh", "relu": '"ReLU"',
              "leaky_relu": '"LeakyReLU"', "prelu": '"PReLU"', "elu": '"ELU"'}

CELL_X = (-4.6, 0.0, 4.6)
CELL_Y = (1.75, -0.75)            # centres of the axes of the two rows
AX_W, AX_H = 3.9, 1.95
BAR_SIZE = 20                     # the numbers over the softmax bars


def activations(lesson) -> list:
    """The lesson's activations in the lecture's order."""
    return [lesson.activation(n) for n in functions.ACTIVATIONS]


def remark_fields(act) -> dict:
    """The remark's numbers (the lesson's) as the screen writes them."""
    return {k: fmt(v) for k, v in act.remark.items()}


def _on_baseline(text, y: float):
    """Put a line of text on the baseline y (its first glyph is a capital or an f)."""
    return text.shift(UP * (y - text[0].get_bottom()[1]))


def _rhs(src: str) -> str:
    """The right-hand side of a formula, with room between a case and its condition."""
    src = src.split(" = ", 1)[1] if " = " in src else src
    return src.replace(" & ", " & quad ")


class ActivationsAndTheirSlopes(LectureScene):
    """Six activations with their slopes, flat regions shaded; then softmax bars that
    do not move when the input shifts."""
    SECTION = 3
    LESSON = "activations"

    def construct(self):
        self.show_title()
        self.show_legend()
        for k, act in enumerate(activations(self.lesson)):
            self.show_activation(act, k)
        self.clear_grid()
        self.show_softmax()
        self.show_shift_invariance()

    # --- the grid of activations ---------------------------------------------------------

    def show_legend(self):
        sw = Rectangle(width=0.35, height=0.25, stroke_width=0, fill_color=C("gradient"),
                       fill_opacity=0.3)
        txt = label(tr("s03.saturated", t=fmt(self.lesson.threshold)), 18, C("muted"))
        self.legend = VGroup(sw, txt).arrange(RIGHT, buff=0.15).to_corner(UR, buff=0.3)
        self.play(FadeIn(self.legend), run_time=0.4)
        self.grid = VGroup()
        self.focus = None
        self.strip = None

    def _cell(self, act, k: int):
        les = self.lesson
        ax = Axes(x_range=[*les.x_view, 1], y_range=[*les.y_view, 1], x_length=AX_W,
                  y_length=AX_H, tips=False,
                  axis_config={"color": C("muted"), "stroke_width": 1.5})
        ax.move_to([CELL_X[k % 3], CELL_Y[k // 3], 0])
        ticks = tick_labels(ax, les.x_view, (1,), size=14)
        shade = VGroup(*(Rectangle(width=max(ax.c2p(b, 0)[0] - ax.c2p(a, 0)[0], 1e-3),
                                   height=AX_H, stroke_width=0, fill_color=C("gradient"),
                                   fill_opacity=0.25).move_to(ax.c2p((a + b) / 2, 0))
                         .set_y(ax.get_y())
                         for a, b in act.saturated))
        cf = clipped_curve(ax, act.x, act.f, C("function"), 3.5, JUMP)
        cd = clipped_curve(ax, act.x, act.df, C("derivative"), 3, JUMP)
        kink = VGroup(Dot(ax.c2p(0, act.df0), radius=0.05, color=C("derivative")))
        if abs(act.df0_right - act.df0) > 1e-9:  # a jump: the right-hand limit, an open circle
            kink.add(Circle(radius=0.05, color=C("derivative"), stroke_width=2)
                     .set_fill(C("background"), 1).move_to(ax.c2p(0, act.df0_right)))
        alpha = act.params.get("alpha")
        name = act.fn.label + (f" (α = {fmt(alpha)})" if alpha is not None else "")
        base = ax.get_top()[1] + 0.14
        title = _on_baseline(label(name, 22).align_to(ax, LEFT), base)
        at0 = _on_baseline(label(tr("s03.at0", v=fmt(act.df0)), 18, C("derivative"))
                           .align_to(ax, RIGHT), base)
        return VGroup(ax, ticks, title, at0), shade, cf, cd, kink

    def _strip(self, act) -> VGroup:
        n = TYPST_NAME[act.name]
        f = formula(f"{n}(x) = {_rhs(act.fn.formula)}", 30, C("function"))
        d = formula(f"{n}'(x) = {_rhs(act.fn.derivative_formula)}", 30, C("derivative"))
        row = VGroup(f, d)
        if "alpha" in act.params:
            row.add(formula(f"alpha = {fmt(act.params['alpha'])}", 28, C("muted")))
        row.arrange(RIGHT, buff=0.8).move_to([0, -2.6, 0])
        remark = label(tr(f"s03.{act.name}", **remark_fields(act)), 20)
        remark.next_to(row, DOWN, buff=0.22).set_x(0)
        if remark.width > 13.6:
            remark.scale_to_fit_width(13.6)
        return VGroup(row, remark)

    def show_activation(self, act, k: int):
        frame, shade, cf, cd, kink = self._cell(act, k)
        strip = self._strip(act)
        focus = SurroundingRectangle(VGroup(frame), color=C("tangent"), buff=0.08,
                                     corner_radius=0.08, stroke_width=2)
        anims = [FadeIn(frame), FadeIn(strip)]
        if self.strip is not None:
            anims.append(FadeOut(self.strip))
        anims.append(Transform(self.focus, focus) if self.focus else Create(focus))
        self.play(AnimationGroup(*anims), run_time=0.6)
        if self.focus is None:
            self.focus = focus
        self.play(Create(cf), Create(cd), run_time=1.1)
        self.play(FadeIn(shade), FadeIn(kink), run_time=0.5)
        self.wait(1.6)
        self.strip = strip
        self.grid.add(frame, shade, cf, cd, kink)

    def clear_grid(self):
        self.wait(0.6)
        self.play(FadeOut(VGroup(self.grid, self.focus, self.strip, self.legend)), run_time=0.6)

    # --- softmax -------------------------------------------------------------------------

    def _rects(self, ax, values, color) -> VGroup:
        g = VGroup()
        for i, v in enumerate(values):
            bar = Rectangle(width=ax.x_axis.unit_size * 0.6,
                            height=max(ax.c2p(0, v)[1] - ax.c2p(0, 0)[1], 1e-3),
                            stroke_width=0, fill_color=color, fill_opacity=0.85)
            g.add(bar.next_to(ax.c2p(i + 1, 0), UP, buff=0))
        return g

    def _bars(self, ax, values, color) -> VGroup:
        """Bars with their numbers, drawn once."""
        return VGroup(*(VGroup(bar, label(fmt(v, 3), BAR_SIZE, color).next_to(bar, UP, buff=0.08))
                        for bar, v in zip(self._rects(ax, values, color), values)))

    def _live_bars(self, ax, values, color):
        """Bars that follow ``values()`` every frame, their numbers cut from glyphs (no Text is
        laid out per frame)."""
        rects = always_redraw(lambda: self._rects(ax, values(), color))
        nums = VGroup(*(GlyphLine(BAR_SIZE, color, 8) for _ in range(len(values()))))

        def place(group):
            group.shown = [fmt(v, 3) for v in values()]   # what the screen reads (tests)
            for line, bar, s in zip(group, rects, group.shown):
                line.at([bar.get_x() - line.font.width(s) / 2, bar.get_top()[1] + 0.08, 0])
                line.set(s)
        nums.add_updater(place)
        place(nums)
        return VGroup(rects, nums)

    def _index_labels(self, ax, n: int) -> VGroup:
        return VGroup(*(formula(f"x_{i + 1}", 24, C("muted")).next_to(ax.c2p(i + 1, 0), DOWN,
                                                                       buff=0.15)
                        for i in range(n)))

    def show_softmax(self):
        sm = self.lesson.softmax
        self.sm_formula = formula('"Softmax"(x_i) = e^(x_i) / (sum_j e^(x_j))', 38)
        self.sm_formula.move_to([0, 2.55, 0])
        n = len(sm.x)
        top = max(float(np.max(sm.x + sm.shift)), 1.0) * 1.25
        self.ax_in = Axes(x_range=[0, n + 1, 1], y_range=[0, top, 1], x_length=4.6, y_length=3.6,
                          tips=False, axis_config={"color": C("muted"), "stroke_width": 2},
                          x_axis_config={"include_ticks": False})
        self.ax_out = Axes(x_range=[0, n + 1, 1], y_range=[0, 1, 0.25], x_length=4.6,
                           y_length=3.6, tips=False,
                           axis_config={"color": C("muted"), "stroke_width": 2},
                           x_axis_config={"include_ticks": False})
        self.ax_in.move_to([-3.6, -0.9, 0])
        self.ax_out.move_to([3.6, -0.9, 0])
        out_ticks = VGroup(tick_labels(self.ax_out, (), (0.5, 1), size=16),
                           tick_labels(self.ax_in, (), (2, 4), size=16))
        arrow = Arrow([-1.0, -0.9, 0], [0.55, -0.9, 0], color=C("muted"), buff=0)
        arrow_lab = formula('"Softmax"', 26, C("muted")).next_to(arrow, UP, buff=0.1)
        cap_in = say("s03.softmax_input", SMALL_SIZE, C("forward")).next_to(self.ax_in, UP,
                                                                          buff=0.3)
        cap_out = say("s03.softmax_output", SMALL_SIZE, C("derivative"), s=fmt(sm.sum, 6))
        cap_out.next_to(self.ax_out, UP, buff=0.3)
        self.cap_in = cap_in
        self.in_bars = self._bars(self.ax_in, sm.x, C("forward"))
        self.out_bars = self._bars(self.ax_out, sm.p, C("derivative"))
        idx = VGroup(self._index_labels(self.ax_in, n), self._index_labels(self.ax_out, n))
        self.play(Write(self.sm_formula), run_time=1.0)
        self.play(Create(self.ax_in), Create(self.ax_out), FadeIn(idx), FadeIn(out_ticks),
                  FadeIn(cap_in), FadeIn(self.in_bars, shift=UP * 0.2), run_time=1.0)
        self.play(Create(arrow), FadeIn(arrow_lab), run_time=0.6)
        self.play(FadeIn(self.out_bars, shift=UP * 0.2), FadeIn(cap_out), run_time=0.9)
        self.wait(1.2)

    def show_shift_invariance(self):
        sm = self.lesson.softmax
        c = ValueTracker(0.0)
        in_bars = self._live_bars(self.ax_in, lambda: sm.shifted(c.get_value())[0], C("forward"))
        out_bars = self._live_bars(self.ax_out, lambda: sm.shifted(c.get_value())[1],
                                   C("derivative"))
        # the caption's glyphs on the baseline of the caption it replaces, centred on it
        ref = label(tr("s03.shift", c=fmt(sm.shift, 2)), SMALL_SIZE).move_to(self.cap_in)
        cap = GlyphLine(SMALL_SIZE, C("forward"), len(ref.text) + 8)

        def caption(line):
            s = line.shown = tr("s03.shift", c=fmt(c.get_value(), 2))
            line.at([self.cap_in.get_x() - line.font.width(s) / 2, ref[0].get_bottom()[1], 0])
            line.set(s)
        cap.add_updater(caption)
        caption(cap)
        self.live = (in_bars[1], out_bars[1], cap)
        self.remove(self.in_bars, self.out_bars)
        self.add(in_bars, out_bars)
        self.play(FadeOut(self.cap_in), FadeIn(cap), run_time=0.4)
        self.play(c.animate.set_value(sm.shift), run_time=2.5, rate_func=smooth)
        note = say("s03.invariant", 26, C("tangent")).to_edge(DOWN, buff=0.35)
        self.play(FadeIn(note), run_time=0.5)
        self.wait(2.0)
