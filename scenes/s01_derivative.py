"""Section 1: the secant through (a, f(a)) and (a+h, f(a+h)) turns into the tangent as h -> 0."""

from __future__ import annotations

import numpy as np
from manim import (DOWN, LEFT, RIGHT, UP, UR, Axes, Create, Dot, FadeIn, Line, ValueTracker,
                   VGroup, Write, always_redraw, linear)

from mathcore import calculus, functions

from .style import BODY_SIZE, SMALL_SIZE, C, LectureScene, fmt, formula, label, tr

FUNCTION = functions.get("power", n=2)
A = 1.0
H_START, H_END = 2.0, 0.01


def data(n: int = 60) -> dict:
    """What the scene shows: the h values of the sweep, the secant slopes, and f'(a)."""
    hs = np.geomspace(H_START, H_END, n)
    return {"a": A, "h": hs, "slopes": calculus.secant_slope(FUNCTION, A, hs),
            "derivative": float(FUNCTION.df(A)), "fa": float(FUNCTION.f(A))}


class SecantBecomesTangent(LectureScene):
    SECTION = 1

    def construct(self):
        self.show_title()
        self.show_definition()
        self.show_secant_shrinking()
        self.show_limit()

    def show_definition(self):
        self.definition = formula("f'(a) = lim_(h -> 0) (f(a+h) - f(a))/h", 34)
        self.definition.to_edge(UP, buff=0.8).shift(RIGHT * 2.6)
        self.play(Write(self.definition), run_time=1.5)

    def show_secant_shrinking(self):
        d = data()
        ax = Axes(x_range=[-0.5, 3.5, 1], y_range=[-1, 10, 2], x_length=6.4, y_length=5.2,
                  tips=False, axis_config={"color": C("muted")}).to_corner(DOWN + LEFT, buff=0.5)
        curve = ax.plot(FUNCTION.f, x_range=[-0.4, 3.15], color=C("function"))
        name = formula(f"f(x) = {FUNCTION.instance_formula}", 28, C("function"))
        name.next_to(ax.c2p(3.1, 9.6), LEFT, buff=0.1)
        self.play(Create(ax), Create(curve), FadeIn(name), run_time=1.5)
        self.ax = ax

        h = ValueTracker(d["h"][0])
        P = Dot(ax.c2p(A, d["fa"]), color=C("point"))

        def secant():
            hv = h.get_value()
            m = calculus.secant_slope(FUNCTION, A, hv)
            x0, x1 = -0.4, 3.3
            return Line(ax.c2p(x0, d["fa"] + m * (x0 - A)), ax.c2p(x1, d["fa"] + m * (x1 - A)),
                        color=C("secant"), stroke_width=3)

        Q = always_redraw(lambda: Dot(ax.c2p(A + h.get_value(), FUNCTION.f(A + h.get_value())),
                                      color=C("secant")))
        line = always_redraw(secant)
        readout = always_redraw(lambda: VGroup(
            label(f"h = {fmt(h.get_value(), 3)}", BODY_SIZE),
            label(f"{tr('s01.secant_slope')} = "
                  f"{fmt(calculus.secant_slope(FUNCTION, A, h.get_value()), 5)}",
                  BODY_SIZE, C("secant")),
        ).arrange(DOWN, aligned_edge=LEFT).next_to(self.definition, DOWN, buff=0.8).align_to(
            self.definition, LEFT))
        self.play(FadeIn(P), FadeIn(Q), Create(line), FadeIn(readout))
        self.wait(0.5)
        self.play(h.animate.set_value(d["h"][-1]), run_time=6, rate_func=linear)
        self.readout, self.line, self.h = readout, line, h

    def show_limit(self):
        d = data()
        tangent = calculus.tangent_line(FUNCTION, A)
        x0, x1 = -0.4, 3.3
        tline = Line(self.ax.c2p(x0, tangent(x0)), self.ax.c2p(x1, tangent(x1)),
                     color=C("tangent"), stroke_width=4)
        result = formula(f"f'({fmt(A)}) = {fmt(d['derivative'])}", 34, C("tangent"))
        result.next_to(self.readout, DOWN, buff=0.6).align_to(self.readout, LEFT)
        note = label(tr("s01.limit_exists"), SMALL_SIZE, C("muted"))
        note.next_to(result, DOWN, buff=0.4).align_to(result, LEFT)
        self.play(Create(tline), Write(result), run_time=1.5)
        self.play(FadeIn(note))
        self.wait(2)
