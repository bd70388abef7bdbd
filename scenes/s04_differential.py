"""Section 4: dy = f'(x) dx along the tangent against Δy along the curve, as dx shrinks.

The inset shows the same picture magnified 1/dx times: there dx and dy keep their size and the
curve straightens onto the tangent, because the gap Δy − dy shrinks like dx².
"""

from __future__ import annotations

import numpy as np
from manim import (DL, DOWN, LEFT, RIGHT, UP, UR, Axes, Create, Dot, FadeIn, FadeOut, Line,
                   ValueTracker, VGroup, Write, always_redraw, linear)

from mathcore import calculus, functions

from .style import (SMALL_SIZE, C, LectureScene, fmt, formula, label, line_in_axes,
                    say, tick_labels, tr)

FUNCTION = functions.get("power", n=3)
X = 1.0
DX_START, DX_MID, DX_END = 1.0, 0.45, 0.01


def data(n: int = 40) -> dict:
    """What the scene shows: the dx of the sweep with dy, Δy, the gap Δy − dy and gap / dx."""
    dx = np.geomspace(DX_START, DX_END, n)
    dy, delta = calculus.differential(FUNCTION, X, dx)
    return {"x": X, "fx": float(FUNCTION.f(X)), "slope": calculus.tangent_line(FUNCTION, X).slope,
            "dx": dx, "dy": dy, "delta": delta, "gap": delta - dy, "ratio": (delta - dy) / dx}


def readout(dx: float) -> dict:
    """The five numbers of the live readout at one dx (all from mathcore)."""
    dy, delta = calculus.differential(FUNCTION, X, dx)
    return {"dx": dx, "dy": dy, "delta": delta, "gap": delta - dy, "ratio": (delta - dy) / dx}


class DifferentialAgainstChange(LectureScene):
    SECTION = 4

    def construct(self):
        self.show_title()
        self.show_definition()
        self.show_graph()
        self.show_triangle()
        self.show_readout()
        self.shrink_dx(DX_MID, run_time=5)
        self.show_magnified()
        self.shrink_dx(DX_END, run_time=8)
        self.show_conclusion()

    # --- steps ------------------------------------------------------------------------------

    def show_definition(self):
        self.definition = formula("d f(x) = f'(x) thin d x", 38)
        self.definition.to_edge(UP, buff=0.45).shift(RIGHT * 3.3)
        self.play(Write(self.definition), run_time=1.5)

    def show_graph(self):
        ax = Axes(x_range=[-0.3, 2.2, 1], y_range=[-0.6, 10, 2], x_length=6.0, y_length=6.2,
                  tips=False, axis_config={"color": C("muted")}).to_corner(DL, buff=0.45)
        curve = ax.plot(FUNCTION.f, x_range=[-0.3, 2.15], color=C("function"))  # f(2.15) < 10
        name = formula(f"f(x) = {FUNCTION.instance_formula}", 28, C("function"))
        name.next_to(ax.c2p(0, 9.8), RIGHT, buff=0.2).align_to(ax.c2p(0, 10), UP)
        ticks = tick_labels(ax, xs=(1, 2), ys=(2, 4, 6, 8), size=18)
        tangent = calculus.tangent_line(FUNCTION, X)
        tline = line_in_axes(ax, tangent.slope, tangent.point, C("tangent"), 3)
        self.play(Create(ax), FadeIn(ticks), Create(curve), FadeIn(name), run_time=1.5)
        self.play(Create(tline), FadeIn(Dot(ax.c2p(*tangent.point), color=C("point"))),
                  run_time=1)
        self.ax = ax

    def show_triangle(self):
        ax, fx = self.ax, FUNCTION.f(X)
        self.log_dx = ValueTracker(np.log(DX_START))
        dxv = lambda: float(np.exp(self.log_dx.get_value()))

        def pieces():
            dx = dxv()
            dy, delta = calculus.differential(FUNCTION, X, dx)
            x1 = X + dx
            return VGroup(
                Line(ax.c2p(X, fx), ax.c2p(x1, fx), color=C("point"), stroke_width=4),
                Line(ax.c2p(x1, fx), ax.c2p(x1, fx + dy), color=C("tangent"), stroke_width=6),
                Line(ax.c2p(x1, fx + dy), ax.c2p(x1, fx + delta), color=C("gradient"),
                     stroke_width=6),
                Line(ax.c2p(x1, fx), ax.c2p(x1, fx + delta), color=C("function"),
                     stroke_width=4).shift(RIGHT * 0.18),
                Dot(ax.c2p(x1, fx + delta), color=C("function"), radius=0.06),
            )

        self.pieces = always_redraw(pieces)

        # the names are made once and only follow their segments (no Text rebuilt per frame)
        p = self.pieces
        dx_name = label("dx", SMALL_SIZE, C("point"))
        dy_name = label("dy", SMALL_SIZE, C("tangent"))
        delta_name = label("Δy", SMALL_SIZE, C("function"))
        dx_name.add_updater(lambda m: m.next_to(p[0], DOWN, buff=0.12))
        dy_name.add_updater(lambda m: m.next_to(p[1], LEFT, buff=0.12))
        delta_name.add_updater(lambda m: m.next_to(p[3].get_bottom(), UR, buff=0.1))
        self.names = VGroup(dx_name, dy_name, delta_name)
        for m in self.names:
            m.update()
        self.play(FadeIn(self.pieces), FadeIn(self.names), run_time=1)

    def show_readout(self):
        rows = [("dx", C("point"), "dx"), (tr("s04.dy"), C("tangent"), "dy"),
                (tr("s04.delta"), C("function"), "delta"),
                (tr("s04.gap"), C("gradient"), "gap"), (tr("s04.ratio"), C("muted"), "ratio")]
        names = VGroup(*[label(f"{t} =", SMALL_SIZE + 2, c) for t, c, _ in rows])
        names.arrange(DOWN, aligned_edge=LEFT, buff=0.16)
        names.next_to(self.definition, DOWN, buff=0.3).to_edge(RIGHT, buff=3.0)
        self.readout_names = names

        def value(i, key, c):
            return lambda: label(fmt(readout(float(np.exp(self.log_dx.get_value())))[key], 4),
                                 SMALL_SIZE + 2, c).next_to(names[i], RIGHT, buff=0.2)

        self.readout_values = VGroup(*[always_redraw(value(i, k, c))
                                       for i, (_, c, k) in enumerate(rows)])
        self.play(FadeIn(names), FadeIn(self.readout_values), run_time=1)
        self.wait(1)

    def shrink_dx(self, to: float, run_time: float):
        self.play(self.log_dx.animate.set_value(np.log(to)), run_time=run_time, rate_func=linear)
        self.wait(0.5)

    def show_magnified(self):
        # coordinates (x' - x)/dx and (f(x') - f(x))/dx: the picture seen through a 1/dx zoom
        self.play(FadeOut(self.names), run_time=0.5)
        ax = Axes(x_range=[-0.25, 1.35, 1], y_range=[-0.5, 4.5, 1], x_length=4.4, y_length=2.0,
                  tips=False, axis_config={"color": C("muted")})
        ax.to_corner(RIGHT + DOWN, buff=0.35).shift(LEFT * 0.5)
        slope = calculus.tangent_line(FUNCTION, X).slope
        tline = line_in_axes(ax, slope, (0.0, 0.0), C("tangent"), 3)
        dxv = lambda: float(np.exp(self.log_dx.get_value()))

        def zoomed():
            dx = dxv()
            us = np.linspace(-0.25, 1.35, 60)
            _, delta = calculus.differential(FUNCTION, X, us * dx)
            v = delta / dx
            keep = v <= 4.5
            curve = ax.plot_line_graph(us[keep], v[keep], add_vertex_dots=False,
                                       line_color=C("function"), stroke_width=3)
            dy1, d1 = calculus.differential(FUNCTION, X, dx)
            top = min(d1 / dx, 4.5)
            return VGroup(curve,
                          Line(ax.c2p(0, 0), ax.c2p(1, 0), color=C("point"), stroke_width=4),
                          Line(ax.c2p(1, 0), ax.c2p(1, dy1 / dx), color=C("tangent"),
                               stroke_width=5),
                          Line(ax.c2p(1, dy1 / dx), ax.c2p(1, top), color=C("gradient"),
                               stroke_width=6))

        title = say("s04.zoom", SMALL_SIZE, C("muted")).next_to(ax, UP, buff=0.15)
        # in zoomed units dx is 1 and dy is f'(x): both stay put while the gap closes
        names = VGroup(label("dx", SMALL_SIZE - 4, C("point")).next_to(ax.c2p(0.5, 0), DOWN, 0.1),
                       label("dy", SMALL_SIZE - 4, C("tangent")).next_to(
                           ax.c2p(1, slope / 2), RIGHT, 0.1))
        self.zoom = always_redraw(zoomed)
        self.zoom_group = VGroup(ax, tline, title, names)
        self.play(Create(ax), Create(tline), FadeIn(title), FadeIn(names), FadeIn(self.zoom),
                  run_time=1.5)
        self.wait(1)

    def show_conclusion(self):
        note = VGroup(say("s04.conclusion", SMALL_SIZE, C("text")),
                      say("s04.linear_part", SMALL_SIZE, C("tangent")))
        note.arrange(DOWN, aligned_edge=LEFT, buff=0.12)
        note.next_to(self.readout_names, DOWN, buff=0.3).align_to(self.readout_names, LEFT)
        self.play(FadeIn(note), run_time=1)
        self.wait(3)
