"""Section 9: the chain rule on the lecture's example h(x) = (3x + 2)^2, step by step, then
checked at a point against a finite-difference derivative."""

from __future__ import annotations

from manim import (DOWN, LEFT, RIGHT, UP, Arrow, FadeIn, GrowArrow, Indicate,
                   RoundedRectangle, VGroup, Write)

from .style import SMALL_SIZE, C, LectureScene, fmt, formula, say, typst_number

STEPS_TOP, ROW_GAP = -0.55, 0.62  # y of the first step and between steps


def check_values(lesson) -> list[str]:
    """The Typst of the four values at the lesson's point, as the check column shows them."""
    x, u = fmt(lesson.x), fmt(lesson.u)
    return [f"g'({x}) = {fmt(lesson.dg)}", f"f'({u}) = {fmt(lesson.df_u)}",
            f"f'(g({x})) = f'({u}) = {fmt(lesson.df_u)}",
            f"h'({x}) = {fmt(lesson.df_u)} dot {fmt(lesson.dg)} = {fmt(lesson.dh)}"]


def fd_text(lesson) -> tuple[str, str]:
    """The Typst of the finite-difference line: the quotient with its value, and the error."""
    x = fmt(lesson.x)
    return (f"(h({x}+epsilon) - h({x}-epsilon))/(2 epsilon) = {fmt(lesson.fd, 12)}",
            typst_number(lesson.fd_error, 2))


class ChainRuleFourSteps(LectureScene):
    SECTION = 9
    LESSON = "chain_rule"

    def construct(self):
        self.F, self.d = self.lesson.formulas, self.lesson
        self.show_title()
        self.show_example()
        self.show_machine()
        self.show_values_flowing()
        self.show_chain_rule()
        self.show_steps()
        self.check_at_point()

    # --- the composition ----------------------------------------------------------------------

    def show_example(self):
        self.h = formula(self.F["h"], 34, C("function"))
        self.h.to_edge(UP, buff=0.35).to_edge(RIGHT, buff=0.7)
        self.play(Write(self.h), run_time=1.2)

    def show_machine(self):
        def box(src, name_key):
            inner = formula(src, 30, C("function"))
            frame = RoundedRectangle(corner_radius=0.15, width=inner.width + 0.6, height=0.95,
                                     color=C("function"))
            inner.move_to(frame)
            name = say(name_key, SMALL_SIZE - 4, C("muted")).next_to(frame, UP, buff=0.1)
            return VGroup(frame, inner, name)

        xs = formula("x", 34)
        g = box(self.F["g"], "s09.inner")
        us = formula("u", 34)
        f = box(self.F["f"], "s09.outer")
        ys = formula("y", 34)
        row = VGroup(xs, g, us, f, ys).arrange(RIGHT, buff=1.2).move_to(UP * 2.2)
        arrows = VGroup(*[Arrow(a.get_right(), b.get_left(), buff=0.15, color=C("forward"),
                                stroke_width=4, max_tip_length_to_length_ratio=0.25)
                          for a, b in zip([xs, g[0], us, f[0]], [g[0], us, f[0], ys])])
        self.play(FadeIn(xs), FadeIn(g), FadeIn(us), FadeIn(f), FadeIn(ys), run_time=1)
        self.play(*[GrowArrow(a) for a in arrows], run_time=1)
        # local derivatives under each box
        du = formula("(d u)/(d x) = g'(x)", 26, C("derivative")).next_to(g[0], DOWN, buff=0.25)
        dy = formula("(d y)/(d u) = f'(u)", 26, C("derivative")).next_to(f[0], DOWN, buff=0.25)
        self.play(FadeIn(du), FadeIn(dy), run_time=1)
        self.machine = VGroup(row, arrows, du, dy)
        self.nodes, self.boxes, self.local = (xs, us, ys), (g, f), (du, dy)

    def show_values_flowing(self):
        d = self.d
        xs, us, ys = self.nodes
        vals = [formula(f"{s} = {fmt(v)}", 26, C("forward")).next_to(m, DOWN, buff=0.3)
                for s, v, m in (("x", d.x, xs), ("u", d.u, us), ("y", d.y, ys))]
        for v, b in zip(vals, (None, *self.boxes)):
            if b is not None:
                self.play(Indicate(b[0], color=C("forward")), run_time=0.8)
            self.play(FadeIn(v, shift=RIGHT * 0.2), run_time=0.7)
        self.values = VGroup(*vals)
        self.wait(0.5)

    def show_chain_rule(self):
        self.rule = formula("(d y)/(d x) = (d y)/(d u) dot (d u)/(d x)", 40, C("derivative"))
        self.rule.move_to(UP * 0.85)
        self.play(Write(self.rule), run_time=1.5)
        self.wait(2)

    # --- the lecture's four steps ---------------------------------------------------------------

    def show_steps(self):
        rows = VGroup()
        for k in range(1, 5):
            rows.add(VGroup(say(f"s09.step{k}", SMALL_SIZE),
                            formula(self.F[f"step{k}"], 30, C("derivative"))))
        texts_w = max(r[0].width for r in rows)
        for i, r in enumerate(rows):
            r[0].move_to([-6.7, STEPS_TOP - ROW_GAP * i, 0], aligned_edge=LEFT)
            r[1].next_to([-6.7 + texts_w, r[0].get_center()[1], 0], RIGHT, buff=0.35)
        self.steps = rows
        highlight = {0: [self.boxes[0][0]], 1: [self.boxes[1][0]],
                     2: [self.nodes[1]], 3: list(self.local)}
        for i, r in enumerate(rows):
            self.play(FadeIn(r[0]), Write(r[1]),
                      *[Indicate(m, color=C("derivative")) for m in highlight[i]], run_time=1.3)
            self.wait(1.6)

    def check_at_point(self):
        d = self.d
        x = fmt(d.x)
        values = check_values(d)
        left = max(r[1].get_right()[0] for r in self.steps) + 0.8
        title = say("s09.check", SMALL_SIZE, C("muted"), x=x)
        title.move_to([left, STEPS_TOP + ROW_GAP * 0.85, 0], aligned_edge=LEFT)
        self.play(FadeIn(title), run_time=0.6)
        for r, v in zip(self.steps, values):
            m = formula(v, 30, C("tangent")).move_to([left, r[0].get_center()[1], 0],
                                                     aligned_edge=LEFT)
            self.play(FadeIn(m, shift=LEFT * 0.2), run_time=0.9)
        self.wait(0.5)
        quotient, error = fd_text(d)
        fd = VGroup(say("s09.fd", SMALL_SIZE, C("secant")), formula(quotient, 28, C("secant")),
                    say("s09.agree", SMALL_SIZE, C("secant")), formula(error, 28, C("secant")))
        fd.arrange(RIGHT, buff=0.3).move_to([-6.7, STEPS_TOP - ROW_GAP * 4.25, 0],
                                            aligned_edge=LEFT)
        self.play(FadeIn(fd[0]), Write(fd[1]), run_time=1.2)
        self.play(FadeIn(fd[2]), FadeIn(fd[3]), run_time=0.6)
        self.wait(4)
