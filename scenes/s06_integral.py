"""Section 6: the integral as an area: Riemann rectangles refine (n = 4 ... 64) toward it."""

from __future__ import annotations

import numpy as np
from manim import (DL, DOWN, LEFT, RIGHT, UP, Axes, Create, FadeIn, FadeOut, Polygon,
                   Transform, VGroup, Write)

from mathcore import calculus, functions, rules

from .style import (SMALL_SIZE, C, LectureScene, fmt, formula, label, say, tick_labels)

FUNCTION = rules.sum_(functions.get("sin"), functions.get("affine", a=0.5, b=1))
A, B = 0.0, 5.0
NS = (4, 8, 16, 32, 64)
RULE = "left"


def _tidy(src: str) -> str:
    """mathcore's Typst for a sum reads "+ -2 x + 0"; show it as a person would write it."""
    return src.replace("+ -", "- ").replace(" + 0 ", " ").removesuffix(" + 0")


def data() -> dict:
    """What the scene shows: each n's partition, sum and error against the quadrature integral."""
    exact = calculus.integrate(FUNCTION, A, B)
    parts = [calculus.riemann_rectangles(FUNCTION, A, B, n, RULE) for n in NS]
    sums = np.array([p.total for p in parts])
    return {"a": A, "b": B, "n": np.array(NS), "partitions": parts, "sums": sums,
            "integral": exact, "errors": sums - exact}


def rectangles(ax, edges, heights, n_for_stroke: int) -> VGroup:
    stroke = max(0.5, 2.0 * 4 / n_for_stroke)
    return VGroup(*[Polygon(ax.c2p(x0, 0), ax.c2p(x1, 0), ax.c2p(x1, h), ax.c2p(x0, h),
                            color=C("area"), fill_opacity=0.5, stroke_width=stroke)
                    for x0, x1, h in zip(edges[:-1], edges[1:], heights)])


class RectanglesFillTheArea(LectureScene):
    SECTION = 6

    def construct(self):
        self.d = data()
        self.show_title()
        self.show_integral()
        self.show_curve()
        self.show_table_head()
        self.refine_rectangles()
        self.show_exact_area()

    def show_integral(self):
        self.integral = formula(
            "integral_a^b f(x) dif x approx sum_(i=0)^(n-1) f(x_i) Delta x,"
            " quad Delta x = (b-a)/n", 32)
        self.integral.to_edge(UP, buff=0.4).to_edge(RIGHT, buff=0.5)
        self.play(Write(self.integral), run_time=1.5)

    def show_curve(self):
        ax = Axes(x_range=[0, 5.4, 1], y_range=[0, 3.4, 1], x_length=6.6, y_length=4.9,
                  tips=False, axis_config={"color": C("muted")}).to_corner(DL, buff=0.75)
        curve = ax.plot(FUNCTION.f, x_range=[A, 5.3], color=C("function"), stroke_width=4)
        name = formula(f"f(x) = {_tidy(FUNCTION.instance_formula)}", 28, C("function"))
        name.next_to(ax.c2p(0, 3.4), RIGHT, buff=0.3).align_to(ax.c2p(0, 3.4), UP)
        inner = [x for x in range(1, 6) if A < x < B]
        ticks = tick_labels(ax, xs=inner, ys=(1, 2, 3), size=18)
        ends = VGroup(label(f"a = {fmt(A)}", 20, C("area")).next_to(ax.c2p(A, 0), DOWN, buff=0.12),
                      label(f"b = {fmt(B)}", 20, C("area")).next_to(ax.c2p(B, 0), DOWN, buff=0.12))
        self.play(Create(ax), FadeIn(ticks), Create(curve), FadeIn(name), FadeIn(ends),
                  run_time=1.5)
        self.ax, self.curve = ax, curve

    def show_table_head(self):
        self.cols = (1.3, 4.0, 6.2)  # right edges of the n, sum and error columns
        exact = VGroup(say("s06.exact", SMALL_SIZE, C("muted")),
                       label(f"= {fmt(self.d['integral'], 6)}", SMALL_SIZE + 4, C("area")))
        exact.arrange(RIGHT, buff=0.2).next_to(self.integral, DOWN, buff=0.45)
        exact.align_to(self.integral, RIGHT)
        head = VGroup(label("n", SMALL_SIZE, C("muted")), say("s06.sum", SMALL_SIZE, C("muted")),
                      say("s06.error", SMALL_SIZE, C("muted")))
        y = exact.get_bottom()[1] - 0.45
        for m, x in zip(head, self.cols):
            m.move_to([x, y, 0], aligned_edge=RIGHT)
        self.row_y = y
        self.head = head
        rule = say("s06.left_rule", SMALL_SIZE - 2, C("muted"))
        rule.to_edge(DOWN, buff=0.4).to_edge(RIGHT, buff=0.5)
        self.play(FadeIn(exact), FadeIn(head), FadeIn(rule), run_time=1)
        self.wait(1)
        self.exact = exact

    def table_row(self, k: int) -> VGroup:
        d = self.d
        row = VGroup(label(str(NS[k]), SMALL_SIZE + 2),
                     label(fmt(d["sums"][k], 6), SMALL_SIZE + 2, C("area")),
                     label(fmt(d["errors"][k], 3), SMALL_SIZE + 2, C("gradient")))
        y = self.row_y - 0.5 * (k + 1)
        for m, x in zip(row, self.cols):
            m.move_to([x, y, 0], aligned_edge=RIGHT)
        return row

    def refine_rectangles(self):
        ax, parts = self.ax, self.d["partitions"]
        rects = rectangles(ax, parts[0].edges, parts[0].heights, NS[0])
        self.add(rects)
        self.bring_to_front(self.curve)
        self.play(FadeIn(rects), run_time=1)
        self.play(FadeIn(self.table_row(0)), run_time=0.8)
        self.wait(1.6)
        for k in range(1, len(NS)):
            old, new = parts[k - 1], parts[k]
            # the old rectangles cut in two, then each half grows or shrinks to its new height
            split = rectangles(ax, new.edges, np.repeat(old.heights, 2), NS[k])
            target = rectangles(ax, new.edges, new.heights, NS[k])
            self.remove(rects)
            rects = split
            self.add(rects)
            self.bring_to_front(self.curve)
            self.play(Transform(rects, target), run_time=1.6)
            self.play(FadeIn(self.table_row(k)), run_time=0.8)
            self.wait(1.4)
        self.rects = rects

    def show_exact_area(self):
        area = self.ax.get_area(self.curve, x_range=[A, B], color=C("area"), opacity=0.75)
        note = say("s06.area", SMALL_SIZE, C("area"))
        note.next_to(self.table_row(len(NS) - 1), DOWN, buff=0.5).align_to(self.head, RIGHT)
        if note.get_left()[0] < self.ax.get_right()[0] + 0.3:
            note.align_to(self.ax.get_right() + RIGHT * 0.3, LEFT)
        self.play(FadeOut(self.rects), FadeIn(area), run_time=1.5)
        self.bring_to_front(self.curve)
        self.play(FadeIn(note), self.exact.animate.scale(1.15, about_edge=RIGHT), run_time=1)
        self.wait(4)
