"""Section 4: dy = f'(x) dx along the tangent against Δy along the curve, as dx shrinks.

The inset shows the same picture magnified 1/|dx| times: there dx and dy keep their size and the
curve straightens onto the tangent, because the gap Δy − dy shrinks like dx².

Everything drawn comes from the section's lesson (``lessons.differential``, its ``video`` view:
x³ at x = 1 on [-0.3, 2.2], or the lecturer's own function, point and range, with the same dx
sweep as the GIF); the axes are fitted to the curve and to the tangent's rise at the first dx.
"""

from __future__ import annotations

import numpy as np
from manim import (DL, DOWN, LEFT, RIGHT, UP, UR, Axes, Create, Dot, FadeIn, FadeOut, Line,
                   ValueTracker, VGroup, always_redraw, linear)

from .s01_derivative import Readout, curve_axes, curve_in, definition, frames, function_name
from .style import (SMALL_SIZE, C, LectureScene, clipped_curve, fmt, label, nice_ticks,
                    line_in_axes, say, tick_labels, tr)


def _under(mob, pts, margin=0.05) -> bool:
    """True when one of the points (screen coordinates) lies under ``mob``."""
    (l, b, _), (r, t, _) = mob.get_corner(DL), mob.get_corner(UR)
    return bool(np.any((pts[:, 0] > l - margin) & (pts[:, 0] < r + margin)
                       & (pts[:, 1] > b - margin) & (pts[:, 1] < t + margin)))


class DifferentialAgainstChange(LectureScene):
    SECTION = 4
    LESSON = "differential"

    def construct(self):
        self.view = v = self.lesson.video
        self.shown = []      # the readouts' strings, frame by frame (what the viewer read)
        self.steps, self.k = v.sweep(1), ValueTracker(0)   # the frames now shown, and which
        self.show_title()
        self.show_definition()
        self.show_graph()
        self.show_triangle()
        self.show_readout()
        self.shrink_dx(v.dx_mid, run_time=5)
        self.show_magnified()
        self.shrink_dx(v.dx_end, run_time=8)
        self.show_conclusion()

    def at(self) -> int:
        return int(round(self.k.get_value()))

    def readout_texts(self, steps, k: int) -> tuple[str, ...]:
        """dx, dy, Δy, the gap and gap / dx as frame k shows them: the lesson's numbers."""
        return tuple(fmt(v, 4) for v in steps.row(k).values())

    # --- steps ------------------------------------------------------------------------------

    def show_definition(self):
        self.definition = definition(self, "d f(x) = f'(x) thin d x", 38, 0.45, 3.3)

    def show_graph(self):
        v = self.view
        ax = curve_axes(v, 6.0, 5.6, v.must_show_y).to_corner(DL, buff=0.45)
        curve = curve_in(ax, v)
        ticks = tick_labels(ax, xs=nice_ticks(*v.x_range),
                            ys=nice_ticks(ax.y_range[0], ax.y_range[1], 5), size=18)
        ticks.remove(*[t for t in ticks if _under(t, curve.points)])  # the curve's own
        room = ticks.get_left()[0] - (-7.1 + 0.25)   # y labels left of a y axis at the edge
        if room < 0:
            VGroup(ax, curve, ticks).shift(RIGHT * -room)
        name = function_name(v)
        if name.width > ax.width:
            name.scale_to_fit_width(ax.width)
        name.next_to(ax, UP, buff=0.15).align_to(ax, LEFT).shift(RIGHT * 0.2)
        tline = line_in_axes(ax, v.slope, (v.x0, v.fx), C("tangent"), 3)
        self.play(Create(ax), FadeIn(ticks), Create(curve), FadeIn(name), run_time=1.5)
        self.play(Create(tline), FadeIn(Dot(ax.c2p(v.x0, v.fx), color=C("point"))),
                  run_time=1)
        self.ax = ax

    def show_triangle(self):
        ax, v = self.ax, self.view
        x0, fx = v.x0, v.fx
        out = RIGHT * float(np.sign(v.dx_start))  # the side away from x (the Δy bar's)

        def pieces():
            k, st = self.at(), self.steps
            x1, dy, delta = x0 + st.dx[k], st.dy[k], st.delta[k]
            return VGroup(
                Line(ax.c2p(x0, fx), ax.c2p(x1, fx), color=C("point"), stroke_width=4),
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
        rise = self.steps.dy[0] if self.steps.dy[0] != 0 else self.steps.delta[0]
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
        rows = VGroup(*[Readout(f"{t} =", SMALL_SIZE + 2, c) for t, c in (
            ("dx", C("point")), (tr("s04.dy"), C("tangent")), (tr("s04.delta"), C("function")),
            (tr("s04.gap"), C("gradient")), (tr("s04.ratio"), C("muted")))])
        texts = VGroup(*[row.text for row in rows])
        texts.arrange(DOWN, aligned_edge=LEFT, buff=0.16)
        texts.next_to(self.definition, DOWN, buff=0.3).to_edge(RIGHT, buff=3.0)
        self.readout_names = texts

        def refresh(_=None):
            shown = self.readout_texts(self.steps, self.at())
            for row, s in zip(rows, shown):
                row.show(s)
            self.shown.append(shown)

        refresh()
        rows.add_updater(refresh)
        self.readout_rows = rows
        self.play(FadeIn(rows), run_time=1)
        self.wait(1)

    def shrink_dx(self, to: float, run_time: float):
        """dx from where it is down to ``to``: one lesson frame a video frame."""
        self.steps = self.view.sweep(frames(run_time), start=self.steps.dx[self.at()], end=to)
        self.k.set_value(0)
        self.play(self.k.animate.set_value(len(self.steps.dx) - 1), run_time=run_time,
                  rate_func=linear)
        self.wait(0.5)

    def show_magnified(self):
        # coordinates (x' - x)/|dx| and (f(x') - f(x))/|dx|: the picture seen through a 1/|dx| zoom
        self.play(FadeOut(self.names), run_time=0.5)
        v = self.view
        (u0, u1), (v0, v1) = v.u_range, v.v_range
        ax = Axes(x_range=[u0, u1, 1], y_range=[v0, v1, (v1 - v0) / 4], x_length=4.4,
                  y_length=2.0, tips=False,
                  axis_config={"color": C("muted"), "include_ticks": False})
        ax.to_corner(RIGHT + DOWN, buff=0.35).shift(LEFT * 0.5)
        s, slope = float(np.sign(v.dx_start)), v.slope
        tline = line_in_axes(ax, slope, (0.0, 0.0), C("tangent"), 3)

        def zoomed():
            k, st = self.at(), self.steps
            curve = clipped_curve(ax, v.zoom_u, st.zoom_v[k], C("function"), 3)
            dy1, top = st.dy_zoomed[k], min(max(st.delta_zoomed[k], v0), v1)
            return VGroup(curve,
                          Line(ax.c2p(0, 0), ax.c2p(s, 0), color=C("point"), stroke_width=4),
                          Line(ax.c2p(s, 0), ax.c2p(s, dy1), color=C("tangent"),
                               stroke_width=5),
                          Line(ax.c2p(s, dy1), ax.c2p(s, top), color=C("gradient"),
                               stroke_width=6))

        title = say("s04.zoom", SMALL_SIZE, C("muted")).next_to(ax, UP, buff=0.15)
        # in zoomed units dx is ±1 and dy is ±f'(x): both stay put while the gap closes
        rise = slope * s
        dy_name = label("dy", SMALL_SIZE - 4, C("tangent"))
        if abs(ax.c2p(0, rise)[1] - ax.c2p(0, 0)[1]) > dy_name.height:
            dy_name.next_to(ax.c2p(s, rise / 2), RIGHT * s, 0.1)
        else:  # dy too short to stand beside: above or below its end, away from the curve
            dy_name.next_to(ax.c2p(s, rise), UP if v.v_mid < rise else DOWN, 0.1)
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
