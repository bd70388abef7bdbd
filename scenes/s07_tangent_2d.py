"""Section 7: a tangent line travels along f(x) = x^3 - 2x; its slope is read out live and drawn
as the graph of f' below; where f' = 0 the tangent lies flat."""

from __future__ import annotations

import numpy as np
from manim import (DR, UR, DOWN, LEFT, RIGHT, UP, Axes, Create, Dot, FadeIn, Flash, Line,
                   ValueTracker, VGroup, Write, always_redraw, smooth)

from mathcore import calculus, functions, rules

from .style import (BODY_SIZE, SMALL_SIZE, C, LectureScene, fmt, formula, label, line_in_axes,
                    say, tick_labels, tr)

FUNCTION = rules.sum_(functions.get("power", n=3), functions.get("affine", a=-2, b=0))
X_START, X_END = -1.9, 1.9
HALF_LENGTH = 0.9  # the tangent is drawn on [x - 0.9, x + 0.9]
COLUMN_LEFT = 1.5  # left edge of the formulas and readouts (frame units)


def _tidy(src: str) -> str:
    """mathcore's Typst for a sum reads "+ -2 x + 0"; show it as a person would write it."""
    return src.replace("+ -", "- ").replace(" + 0 ", " ").removesuffix(" + 0")


def _shown(slope: float) -> float:
    """A slope below the readout's precision reads 0, not 1.1×10^−16."""
    return slope if abs(slope) >= 5e-7 else 0.0


def zero_slope_points(lo: float = X_START, hi: float = X_END, n: int = 401) -> np.ndarray:
    """The x in [lo, hi] where f'(x) = 0: sign changes of f' on a grid, then bisection."""
    xs = np.linspace(lo, hi, n)
    s = np.sign(FUNCTION.df(xs))
    i = np.nonzero(s[:-1] * s[1:] < 0)[0]
    a, b = xs[i], xs[i + 1]
    for _ in range(60):
        m = 0.5 * (a + b)
        left = np.sign(FUNCTION.df(a)) * np.sign(FUNCTION.df(m)) <= 0
        a, b = np.where(left, a, m), np.where(left, m, b)
    return 0.5 * (a + b)


def data(n: int = 50) -> dict:
    """What the scene shows: the sweep of x with each tangent's slope, and the zero-slope points."""
    xs = np.linspace(X_START, X_END, n)
    zeros = zero_slope_points()
    return {"x": xs, "slope": np.array([calculus.tangent_line(FUNCTION, x).slope for x in xs]),
            "zeros": zeros, "f_at_zeros": np.asarray(FUNCTION.f(zeros)),
            "slope_at_zeros": np.asarray(FUNCTION.df(zeros))}


class TangentTravelsAlongCurve(LectureScene):
    SECTION = 7

    def construct(self):
        self.show_title()
        self.show_formulas()
        self.show_graphs()
        self.show_tangent()
        zeros = data()["zeros"]
        for x0 in zeros:
            self.travel_to(x0)
            self.mark_zero_slope(x0)
        self.travel_to(X_END)
        self.show_summary(zeros)

    def show_formulas(self):
        self.f_name = formula(f"f(x) = {_tidy(FUNCTION.instance_formula)}", 34, C("function"))
        self.df_name = formula(f"f'(x) = {_tidy(FUNCTION.instance_derivative_formula)}", 34,
                               C("derivative"))
        VGroup(self.f_name, self.df_name).arrange(DOWN, aligned_edge=LEFT, buff=0.3)
        VGroup(self.f_name, self.df_name).to_edge(UP, buff=0.6).align_to(
            [COLUMN_LEFT, 0, 0], LEFT)
        self.play(Write(self.f_name), run_time=1)
        self.play(Write(self.df_name), run_time=1)

    def show_graphs(self):
        ax = Axes(x_range=[-2, 2, 1], y_range=[-4, 4, 2], x_length=7.6, y_length=3.9, tips=False,
                  axis_config={"color": C("muted")})
        dax = Axes(x_range=[-2, 2, 1], y_range=[-3, 10, 5], x_length=7.6, y_length=2.2,
                   tips=False, axis_config={"color": C("muted")})
        VGroup(ax, dax).arrange(DOWN, buff=0.45).to_corner(LEFT + DOWN, buff=0.4)
        curve = ax.plot(FUNCTION.f, x_range=[X_START, X_END], color=C("function"))
        dcurve = dax.plot(FUNCTION.df, x_range=[X_START, X_END], color=C("derivative"))
        ticks = VGroup(tick_labels(ax, xs=(-1, 1), ys=(-2, 2), size=16),
                       tick_labels(dax, xs=(), ys=(5,), size=16))
        names = VGroup(label("f", SMALL_SIZE, C("function")).next_to(
                           ax.c2p(X_START, FUNCTION.f(X_START)), DR, 0.1),
                       label("f'", SMALL_SIZE, C("derivative")).next_to(
                           dax.c2p(X_START, FUNCTION.df(X_START)), UR, 0.1))
        self.play(Create(ax), Create(dax), FadeIn(ticks), FadeIn(names), run_time=1)
        self.play(Create(curve), Create(dcurve), run_time=1.5)
        self.ax, self.dax = ax, dax

    def show_tangent(self):
        ax, dax = self.ax, self.dax
        self.x = ValueTracker(X_START)

        def tangent():
            t = calculus.tangent_line(FUNCTION, self.x.get_value())
            lo = max(ax.x_range[0], t.a - HALF_LENGTH)
            hi = min(ax.x_range[1], t.a + HALF_LENGTH)
            return VGroup(line_in_axes(ax, t.slope, t.point, C("tangent"), 4, x_range=(lo, hi)),
                          Dot(ax.c2p(*t.point), color=C("point")),
                          Line(ax.c2p(t.a, t.fa), dax.c2p(t.a, t.slope), color=C("muted"),
                               stroke_width=1.5, stroke_opacity=0.6),
                          Dot(dax.c2p(t.a, t.slope), color=C("derivative")))

        def readout():
            t = calculus.tangent_line(FUNCTION, self.x.get_value())
            return VGroup(label(f"x = {fmt(t.a, 4)}", BODY_SIZE),
                          label(f"{tr('slope')} f'(x) = {fmt(_shown(t.slope), 3)}", BODY_SIZE,
                                C("derivative"))).arrange(DOWN, aligned_edge=LEFT, buff=0.2
                          ).next_to(self.df_name, DOWN, buff=0.6).align_to(self.df_name, LEFT)

        self.tangent, self.readout = always_redraw(tangent), always_redraw(readout)
        self.play(FadeIn(self.tangent), FadeIn(self.readout), run_time=1)

    def travel_to(self, x1: float):
        run = 1.2 + 2.0 * abs(x1 - self.x.get_value())
        self.play(self.x.animate.set_value(x1), run_time=run, rate_func=smooth)

    def mark_zero_slope(self, x0: float):
        t = calculus.tangent_line(FUNCTION, x0)
        flat = line_in_axes(self.ax, t.slope, t.point, C("derivative"), 3,
                            x_range=(x0 - 0.45, x0 + 0.45))
        dot = Dot(self.ax.c2p(*t.point), color=C("derivative"), radius=0.09)
        ddot = Dot(self.dax.c2p(x0, 0), color=C("derivative"), radius=0.09)
        # the tag goes under f''s axis on the outer side, where neither f' nor the tangent passes
        tag = label(f"x = {fmt(x0, 4)}", SMALL_SIZE - 2, C("derivative"))
        tag.next_to(ddot, DOWN, buff=0.12).shift((LEFT if x0 < 0 else RIGHT) * tag.width / 2)
        self.play(Flash(dot, color=C("derivative")), FadeIn(dot), FadeIn(ddot), Create(flat),
                  FadeIn(tag), run_time=1)
        self.wait(1.3)

    def show_summary(self, zeros):
        note = VGroup(say("s07.zero_slope", SMALL_SIZE + 2, C("derivative")),
                      say("s07.where", SMALL_SIZE + 2, C("derivative")),
                      label("x = " + ",  ".join(fmt(z, 4) for z in zeros), SMALL_SIZE + 2,
                            C("derivative")))
        note.arrange(DOWN, aligned_edge=LEFT, buff=0.2)
        note.next_to(self.readout, DOWN, buff=0.7).align_to(self.df_name, LEFT)
        self.play(FadeIn(note), run_time=1)
        self.wait(3)
