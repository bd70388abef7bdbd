"""Section 1: the secant through (a, f(a)) and (a+h, f(a+h)) turns into the tangent as h -> 0."""

from __future__ import annotations

import numpy as np
from manim import (DOWN, LEFT, RIGHT, UP, Axes, Create, Dot, FadeIn, ValueTracker, VGroup, Write,
                   always_redraw, linear)

from lecture import params
from mathcore import calculus, functions

from .style import (BODY_SIZE, SMALL_SIZE, C, LectureScene, fmt, formula, label, line_in_axes,
                    nice_ticks, tick_labels, tr, y_window)

# the lecture's example, unless the lecturer typed her own (render.py --function/--point/--range)
FUNCTION = params.function(functions.get("power", n=2))
A = params.number("point", 1.0)
X_RANGE = params.pair("range", (-0.5, 3.2))


def data(n: int = 60) -> dict:
    """What the scene shows: the h values of the sweep, the secant slopes, and f'(a)."""
    lo, hi = X_RANGE
    h0 = 0.85 * (hi - A) if hi - A >= A - lo else -0.85 * (A - lo)
    hs = np.geomspace(abs(h0), abs(h0) / 200, n) * np.sign(h0)
    xs = np.linspace(lo, hi, 401)
    ys = np.asarray(FUNCTION.f(xs), dtype=float)
    return {"a": A, "h": hs, "slopes": calculus.secant_slope(FUNCTION, A, hs),
            "derivative": float(FUNCTION.df(A)), "fa": float(FUNCTION.f(A)),
            "x_range": np.array(X_RANGE), "y_range": np.array(y_window(ys))}


class SecantBecomesTangent(LectureScene):
    SECTION = 1

    def construct(self):
        self.d = data()
        self.show_title()
        self.show_definition()
        self.show_curve()
        self.show_secant_shrinking()
        self.show_limit()

    def show_definition(self):
        self.definition = formula("f'(a) = lim_(h -> 0) (f(a+h) - f(a))/h", 34)
        self.definition.to_edge(UP, buff=0.8).shift(RIGHT * 2.6)
        self.play(Write(self.definition), run_time=1.5)

    def show_curve(self):
        (lo, hi), (ylo, yhi) = self.d["x_range"], self.d["y_range"]
        ax = Axes(x_range=[lo, hi, (hi - lo) / 4], y_range=[ylo, yhi, (yhi - ylo) / 4],
                  x_length=6.4, y_length=5.2, tips=False,
                  axis_config={"color": C("muted"), "include_ticks": False})
        ax.to_corner(DOWN + LEFT, buff=0.5).shift(RIGHT * 0.5)
        curve = ax.plot(FUNCTION.f, x_range=[lo, hi], color=C("function"))
        ticks = tick_labels(ax, nice_ticks(lo, hi), nice_ticks(ylo, yhi))
        name = formula(f"f(x) = {FUNCTION.instance_formula}", 28, C("function"))
        name.next_to(ax, UP, buff=0.15).align_to(ax, LEFT).shift(RIGHT * 0.4)
        self.play(Create(ax), Create(curve), FadeIn(ticks), FadeIn(name), run_time=1.5)
        self.ax = ax

    def show_secant_shrinking(self):
        d, ax = self.d, self.ax
        h = ValueTracker(d["h"][0])
        P = Dot(ax.c2p(A, d["fa"]), color=C("point"))

        def slope():
            return calculus.secant_slope(FUNCTION, A, h.get_value())

        Q = always_redraw(lambda: Dot(ax.c2p(A + h.get_value(), FUNCTION.f(A + h.get_value())),
                                      color=C("secant")))
        line = always_redraw(lambda: line_in_axes(ax, slope(), (A, d["fa"]), C("secant")))
        readout = always_redraw(lambda: VGroup(
            label(f"a = {fmt(A)}    h = {fmt(h.get_value(), 3)}", BODY_SIZE),
            label(f"{tr('s01.secant_slope')} = {fmt(slope(), 6)}", BODY_SIZE, C("secant")),
        ).arrange(DOWN, aligned_edge=LEFT).next_to(self.definition, DOWN, buff=0.8).align_to(
            self.definition, LEFT))
        self.play(FadeIn(P), FadeIn(Q), Create(line), FadeIn(readout))
        self.wait(0.5)
        self.play(h.animate.set_value(d["h"][-1]), run_time=6, rate_func=linear)
        self.readout = readout

    def show_limit(self):
        d = self.d
        tangent = calculus.tangent_line(FUNCTION, A)
        tline = line_in_axes(self.ax, tangent.slope, tangent.point, C("tangent"), 4)
        result = formula(f"f'({fmt(A)}) = {fmt(d['derivative'], 6)}", 34, C("tangent"))
        result.next_to(self.readout, DOWN, buff=0.6).align_to(self.readout, LEFT)
        note = label(tr("s01.limit_exists"), SMALL_SIZE, C("muted"))
        note.next_to(result, DOWN, buff=0.4).align_to(result, LEFT)
        self.play(Create(tline), Write(result), run_time=1.5)
        self.play(FadeIn(note))
        self.wait(2)
