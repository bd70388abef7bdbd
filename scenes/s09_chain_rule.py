"""Section 9: the chain rule on the lecture's example h(x) = (3x + 2)^2, step by step, then
checked at a point against a finite-difference derivative."""

from __future__ import annotations

import re

from manim import (DOWN, LEFT, RIGHT, UP, Arrow, FadeIn, GrowArrow, Indicate,
                   RoundedRectangle, VGroup, Write)

from mathcore import calculus, chain

from .style import SMALL_SIZE, C, LectureScene, fmt, formula, say, typst_number

EXAMPLE = chain.lecture_example()  # f(u) = u^2, g(x) = 3x + 2
X = 1.0  # the point of the numerical check
STEPS_TOP, ROW_GAP = -0.55, 0.62  # y of the first step and between steps


def _subst(src: str, var: str) -> str:
    """mathcore writes every formula in x; put ``var`` in its place."""
    return re.sub(r"\bx\b", var, src)


def _tidy(src: str) -> str:
    """x^1 is written x."""
    return re.sub(r"\^1\b", "", src)


def formulas() -> dict:
    """The Typst of the example and of the four steps, built from mathcore's own formulas."""
    f, g = EXAMPLE.outer, EXAMPLE.inner
    gx = g.instance_formula                              # 3 x + 2
    df_u = _subst(_tidy(f.instance_derivative_formula), "u")   # 2 u
    df_g = _subst(_tidy(f.instance_derivative_formula), f"({gx})")  # 2 (3 x + 2)
    return {"f": f"f(u) = {_subst(f.instance_formula, 'u')}", "g": f"g(x) = {gx}",
            "h": f"h(x) = f(g(x)) = {_subst(f.instance_formula, f'({gx})')}",
            "step1": f"g'(x) = {g.instance_derivative_formula}",
            "step2": f"f'(u) = {df_u}",
            "step3": f"f'(g(x)) = {df_g}",
            "step4": f"h'(x) = {df_g} dot {g.instance_derivative_formula}"}


def data() -> dict:
    """What the scene shows at x = X: the steps' values and a finite-difference h'(x)."""
    s = EXAMPLE.steps(X)
    fd = calculus.derivative(EXAMPLE.f, X, method="central")
    return {"x": X, "u": s["g(x)"], "y": s["h(x)"], "dg": s["g'(x)"], "df_u": s["f'(u)"],
            "dh": s["h'(x)"], "fd": fd, "fd_error": fd - s["h'(x)"]}


class ChainRuleFourSteps(LectureScene):
    SECTION = 9

    def construct(self):
        self.F, self.d = formulas(), data()
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
                for s, v, m in (("x", d["x"], xs), ("u", d["u"], us), ("y", d["y"], ys))]
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
        x, u = fmt(d["x"]), fmt(d["u"])
        values = [f"g'({x}) = {fmt(d['dg'])}", f"f'({u}) = {fmt(d['df_u'])}",
                  f"f'(g({x})) = f'({u}) = {fmt(d['df_u'])}",
                  f"h'({x}) = {fmt(d['df_u'])} dot {fmt(d['dg'])} = {fmt(d['dh'])}"]
        left = max(r[1].get_right()[0] for r in self.steps) + 0.8
        title = say("s09.check", SMALL_SIZE, C("muted"), x=x)
        title.move_to([left, STEPS_TOP + ROW_GAP * 0.85, 0], aligned_edge=LEFT)
        self.play(FadeIn(title), run_time=0.6)
        for r, v in zip(self.steps, values):
            m = formula(v, 30, C("tangent")).move_to([left, r[0].get_center()[1], 0],
                                                     aligned_edge=LEFT)
            self.play(FadeIn(m, shift=LEFT * 0.2), run_time=0.9)
        self.wait(0.5)
        fd = VGroup(say("s09.fd", SMALL_SIZE, C("secant")),
                    formula(f"(h({x}+epsilon) - h({x}-epsilon))/(2 epsilon) = {fmt(d['fd'], 12)}",
                            28, C("secant")),
                    say("s09.agree", SMALL_SIZE, C("secant")),
                    formula(typst_number(d["fd_error"], 2), 28, C("secant")))
        fd.arrange(RIGHT, buff=0.3).move_to([-6.7, STEPS_TOP - ROW_GAP * 4.25, 0],
                                            aligned_edge=LEFT)
        self.play(FadeIn(fd[0]), Write(fd[1]), run_time=1.2)
        self.play(FadeIn(fd[2]), FadeIn(fd[3]), run_time=0.6)
        self.wait(4)
