"""Section 4: dy = f'(x) dx along the tangent against Δy along the curve, as dx shrinks.

The inset shows the same picture magnified 1/|dx| times: there dx and dy keep their size and the
curve straightens onto the tangent, because the gap Δy − dy shrinks like dx².

The lecturer's own function, point and range (render.py --function/--point/--range) replace
x³ at x = 1 on [-0.3, 2.2]: dx starts at 0.4 of the range's width (to the right if there is
room, else to the left; at most 0.85 of the way to the end) and shrinks 100-fold; the axes are
fitted to the curve and to the tangent's rise at the first dx.
"""

from __future__ import annotations

import numpy as np
from manim import (DL, DOWN, LEFT, RIGHT, UP, UR, Axes, Create, Dot, FadeIn, FadeOut, Line,
                   ValueTracker, VGroup, Write, always_redraw, linear)

from lecture import params
from mathcore import calculus, functions

from .style import (SMALL_SIZE, C, LectureScene, clipped_curve, fmt, formula, label, nice_ticks,
                    line_in_axes, say, tick_labels, tr, y_window)

# the lecture's example, unless the lecturer typed her own (render.py --function/--point/--range)
FUNCTION = params.function(functions.get("power", n=3))
X = params.number("point", 1.0)
X_RANGE = params.pair("range", (-0.3, 2.2))


def _dx_start() -> float:
    """0.4 of the range's width, to the right when there is room for it, else to the left;
    at most 0.85 of the way to the end it goes to."""
    step, right, left = 0.4 * (X_RANGE[1] - X_RANGE[0]), X_RANGE[1] - X, X - X_RANGE[0]
    if 0.85 * right >= step:
        return step
    if 0.85 * left >= step:
        return -step
    return 0.85 * right if right >= left else -0.85 * left


DX_START = _dx_start()
DX_MID, DX_END = 0.45 * DX_START, DX_START / 100
U_RANGE = (-0.25, 1.35)  # the inset's horizontal extent, in units of |dx| along dx's direction


def data(n: int = 40) -> dict:
    """What the scene shows: the dx of the sweep with dy, Δy, the gap Δy − dy and gap / dx,
    and the ranges of the main axes (fitted to the curve and the first triangle)."""
    dx = np.geomspace(abs(DX_START), abs(DX_END), n) * np.sign(DX_START)
    dy, delta = calculus.differential(FUNCTION, X, dx)
    fx, slope = float(FUNCTION.f(X)), calculus.tangent_line(FUNCTION, X).slope
    lo, hi = X_RANGE
    ys = np.r_[np.asarray(FUNCTION.f(np.linspace(lo, hi, 401)), dtype=float),
               fx + slope * DX_START]
    return {"x": X, "fx": fx, "slope": slope,
            "dx": dx, "dy": dy, "delta": delta, "gap": delta - dy, "ratio": (delta - dy) / dx,
            "x_range": np.array(X_RANGE), "y_range": np.array(y_window(ys))}


def readout(dx: float) -> dict:
    """The five numbers of the live readout at one dx (all from mathcore)."""
    dy, delta = calculus.differential(FUNCTION, X, dx)
    return {"dx": dx, "dy": dy, "delta": delta, "gap": delta - dy, "ratio": (delta - dy) / dx}


def zoom_ranges() -> tuple:
    """The inset's (u, v) ranges: u = (x' − x)/|dx|, v = (f(x') − f(x))/|dx|. They hold the
    tangent v = f'(x) u and the triangle at the first zoomed dx (DX_MID)."""
    s = np.sign(DX_START)
    u = tuple(sorted((s * U_RANGE[0], s * U_RANGE[1])))
    slope = calculus.tangent_line(FUNCTION, X).slope
    _, d_mid = calculus.differential(FUNCTION, X, DX_MID)
    vs = np.array([0.0, slope * u[0], slope * u[1], d_mid / abs(DX_MID)])
    span = max(np.ptp(vs), 1.0)
    lo, hi = vs.min() - 0.1 * span, vs.max() + 0.1 * span
    # room for the name "dx", on the side of the step away from the rise
    if slope * np.sign(DX_START) >= 0:
        lo = min(lo, -0.2 * span)
    else:
        hi = max(hi, 0.2 * span)
    return u, (lo, hi)


def _under(mob, pts, margin=0.05) -> bool:
    """True when one of the points (screen coordinates) lies under ``mob``."""
    (l, b, _), (r, t, _) = mob.get_corner(DL), mob.get_corner(UR)
    return bool(np.any((pts[:, 0] > l - margin) & (pts[:, 0] < r + margin)
                       & (pts[:, 1] > b - margin) & (pts[:, 1] < t + margin)))


class DifferentialAgainstChange(LectureScene):
    SECTION = 4

    def construct(self):
        self.d = data()
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
        (lo, hi), (ylo, yhi) = self.d["x_range"], self.d["y_range"]
        ax = Axes(x_range=[lo, hi, (hi - lo) / 4], y_range=[ylo, yhi, (yhi - ylo) / 4],
                  x_length=6.0, y_length=5.6, tips=False,
                  axis_config={"color": C("muted"), "include_ticks": False})
        ax.to_corner(DL, buff=0.45)
        curve = ax.plot(FUNCTION.f, x_range=[lo, hi], color=C("function"))
        ticks = tick_labels(ax, xs=nice_ticks(lo, hi), ys=nice_ticks(ylo, yhi, 5), size=18)
        ticks.remove(*[t for t in ticks if _under(t, curve.get_points())])  # the curve's own
        room = ticks.get_left()[0] - (-7.1 + 0.25)   # y labels left of a y axis at the edge
        if room < 0:
            VGroup(ax, curve, ticks).shift(RIGHT * -room)
        name = formula(f"f(x) = {FUNCTION.instance_formula}", 28, C("function"))
        if name.width > ax.width:
            name.scale_to_fit_width(ax.width)
        name.next_to(ax, UP, buff=0.15).align_to(ax, LEFT).shift(RIGHT * 0.2)
        tangent = calculus.tangent_line(FUNCTION, X)
        tline = line_in_axes(ax, tangent.slope, tangent.point, C("tangent"), 3)
        self.play(Create(ax), FadeIn(ticks), Create(curve), FadeIn(name), run_time=1.5)
        self.play(Create(tline), FadeIn(Dot(ax.c2p(*tangent.point), color=C("point"))),
                  run_time=1)
        self.ax = ax

    def show_triangle(self):
        ax, fx = self.ax, self.d["fx"]
        self.log_dx = ValueTracker(np.log(abs(DX_START)))
        s = float(np.sign(DX_START))
        out = RIGHT * s  # the side of the triangle away from x (where the Δy bar stands)

        def pieces():
            dx = s * float(np.exp(self.log_dx.get_value()))
            dy, delta = calculus.differential(FUNCTION, X, dx)
            x1 = X + dx
            return VGroup(
                Line(ax.c2p(X, fx), ax.c2p(x1, fx), color=C("point"), stroke_width=4),
                Line(ax.c2p(x1, fx), ax.c2p(x1, fx + dy), color=C("tangent"), stroke_width=6),
                Line(ax.c2p(x1, fx + dy), ax.c2p(x1, fx + delta), color=C("gradient"),
                     stroke_width=6),
                Line(ax.c2p(x1, fx), ax.c2p(x1, fx + delta), color=C("function"),
                     stroke_width=4).shift(out * 0.18),
                Dot(ax.c2p(x1, fx + delta), color=C("function"), radius=0.06),
            )

        self.pieces = always_redraw(pieces)

        # the names are made once and only follow their segments (no Text rebuilt per frame):
        # dx on the side of the horizontal step away from the rise, dy inside the triangle,
        # Δy outside its bar
        d = self.d
        rise = d["dy"][0] if d["dy"][0] != 0 else d["delta"][0]
        p = self.pieces
        dx_name = label("dx", SMALL_SIZE, C("point"))
        dy_name = label("dy", SMALL_SIZE, C("tangent"))
        delta_name = label("Δy", SMALL_SIZE, C("function"))
        dx_name.add_updater(lambda m: m.next_to(p[0], DOWN if rise >= 0 else UP, buff=0.12))

        def beside_dy(m):
            # inside the triangle near its wide end: 30% up the dy bar, clear of the dx step
            m.next_to(p[1].point_from_proportion(0.3), -out, buff=0.12)
            base = p[1].get_start()[1]
            if rise >= 0:
                m.shift(UP * max(0.0, base + 0.06 - m.get_bottom()[1]))
            else:
                m.shift(DOWN * max(0.0, m.get_top()[1] - (base - 0.06)))

        dy_name.add_updater(beside_dy)
        delta_name.add_updater(lambda m: m.next_to(p[3], out, buff=0.1))
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
        s = float(np.sign(DX_START))

        def value(i, key, c):
            return lambda: label(fmt(readout(s * float(np.exp(self.log_dx.get_value())))[key], 4),
                                 SMALL_SIZE + 2, c).next_to(names[i], RIGHT, buff=0.2)

        self.readout_values = VGroup(*[always_redraw(value(i, k, c))
                                       for i, (_, c, k) in enumerate(rows)])
        self.play(FadeIn(names), FadeIn(self.readout_values), run_time=1)
        self.wait(1)

    def shrink_dx(self, to: float, run_time: float):
        self.play(self.log_dx.animate.set_value(np.log(abs(to))), run_time=run_time,
                  rate_func=linear)
        self.wait(0.5)

    def show_magnified(self):
        # coordinates (x' - x)/|dx| and (f(x') - f(x))/|dx|: the picture seen through a 1/|dx| zoom
        self.play(FadeOut(self.names), run_time=0.5)
        (u0, u1), (v0, v1) = zoom_ranges()
        ax = Axes(x_range=[u0, u1, 1], y_range=[v0, v1, (v1 - v0) / 4], x_length=4.4,
                  y_length=2.0, tips=False,
                  axis_config={"color": C("muted"), "include_ticks": False})
        ax.to_corner(RIGHT + DOWN, buff=0.35).shift(LEFT * 0.5)
        s, slope = float(np.sign(DX_START)), self.d["slope"]
        tline = line_in_axes(ax, slope, (0.0, 0.0), C("tangent"), 3)
        us = np.linspace(u0, u1, 60)

        def zoomed():
            adx = float(np.exp(self.log_dx.get_value()))
            with np.errstate(all="ignore"):
                _, delta = calculus.differential(FUNCTION, X, us * adx)
            curve = clipped_curve(ax, us, delta / adx, C("function"), 3)
            dy1, d1 = calculus.differential(FUNCTION, X, s * adx)
            top = min(max(d1 / adx, v0), v1)
            return VGroup(curve,
                          Line(ax.c2p(0, 0), ax.c2p(s, 0), color=C("point"), stroke_width=4),
                          Line(ax.c2p(s, 0), ax.c2p(s, dy1 / adx), color=C("tangent"),
                               stroke_width=5),
                          Line(ax.c2p(s, dy1 / adx), ax.c2p(s, top), color=C("gradient"),
                               stroke_width=6))

        title = say("s04.zoom", SMALL_SIZE, C("muted")).next_to(ax, UP, buff=0.15)
        # in zoomed units dx is ±1 and dy is ±f'(x): both stay put while the gap closes
        rise = slope * s
        dy_name = label("dy", SMALL_SIZE - 4, C("tangent"))
        if abs(ax.c2p(0, rise)[1] - ax.c2p(0, 0)[1]) > dy_name.height:
            dy_name.next_to(ax.c2p(s, rise / 2), RIGHT * s, 0.1)
        else:  # dy too short to stand beside: above or below its end, away from the curve
            _, d_mid = calculus.differential(FUNCTION, X, DX_MID)
            dy_name.next_to(ax.c2p(s, rise), UP if d_mid / abs(DX_MID) < rise else DOWN, 0.1)
        names = VGroup(label("dx", SMALL_SIZE - 4, C("point")).next_to(
                           ax.c2p(s / 2, 0), DOWN if rise >= 0 else UP, 0.1), dy_name)
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
