"""Section 11: a point steps down f(x) = x^2 + sin x to its minimum by x <- x - eta f'(x);
then a learning rate that is too large overshoots, swings across the minimum and diverges.

Everything drawn comes from the lesson (``lessons.gradient_descent``: its ``video`` look, the
minimum, the arrow scale). A lecturer's own example keeps the two beats: the first is her run
(its header gives the start and momentum instead of "good learning rate"; the minimum is marked
only if the lesson found where her run settles), the second her start with the overshooting
rate the lesson chose. The axes are her range, the height fitted to the curve. A run of more
than STEPS_ONE_BY_ONE steps is shown one step at a time for its first steps, then in a few
longer strides.
"""

from __future__ import annotations

import numpy as np
from manim import (DOWN, LEFT, RIGHT, UL, UP, Arrow, Axes, Create, Dot, FadeIn,
                   FadeOut, FadeTransform, Line, VGroup, VMobject, Write, config)

from .style import (BODY_SIZE, SMALL_SIZE, C, LectureScene, fits, fmt, formula, keep_in_frame,
                    label, nice_ticks, say, tick_labels, tr, y_window)

PANEL_LEFT = 0.8
NOTE_SIZE = SMALL_SIZE + 2
STEPS_ONE_BY_ONE = 12  # longer runs: the first steps one by one, then STRIDES longer moves
STRIDES = 5
# the lecture's axes: x window, y window, x ticks, y ticks, tick steps
LECTURE_AXES = ((-3.4, 3.4), (-1.5, 11.5), [-3, -2, -1, 1, 2, 3], [4, 8], 1, 2)


def shown_steps(steps: int) -> list[int]:
    """The steps a run stops at on screen: all of them up to STEPS_ONE_BY_ONE, else the first
    STEPS_ONE_BY_ONE - STRIDES one by one and then STRIDES even strides to the last."""
    if steps <= STEPS_ONE_BY_ONE:
        return list(range(steps + 1))
    first = STEPS_ONE_BY_ONE - STRIDES
    rest = np.rint(np.linspace(first, steps, STRIDES + 1)).astype(int)[1:]
    return list(range(first + 1)) + sorted(set(rest.tolist()))


def fitted_axes(lesson) -> tuple:
    """Her range with a margin, the height fitted to the curve, ticks at round numbers."""
    lo, hi = lesson.video.good.view
    pad = 0.2 / 6.4 * (hi - lo)
    y_range = y_window(lesson.curve(lesson.function, (lo, hi))[1])
    xt, yt = nice_ticks(lo, hi), nice_ticks(*y_range)
    return ((lo - pad, hi + pad), y_range, xt, yt,
            xt[1] - xt[0] if len(xt) > 1 else hi - lo,
            yt[1] - yt[0] if len(yt) > 1 else y_range[1] - y_range[0])


class PointRollsDownhill(LectureScene):
    SECTION = 11
    LESSON = "gradient_descent"

    def construct(self):
        lesson = self.lesson
        self.show_title()
        self.show_curve_and_rule()
        self.descend(lesson.video.good, "s11.small_lr" if not lesson.custom else None)
        if lesson.minimum is not None:
            self.show_minimum()
        else:          # her run diverged, or settles nowhere: say where it ended
            self.show_outcome()
            self.wait(0.5)
        self.descend(lesson.video.big, "s11.large_lr")
        self.show_outcome()

    def show_curve_and_rule(self):
        lesson = self.lesson
        x_range, y_range, xt, yt, x_step, y_step = (fitted_axes(lesson) if lesson.custom
                                                    else LECTURE_AXES)
        ax = Axes(x_range=[*x_range, x_step], y_range=[*y_range, y_step], x_length=7.0,
                  y_length=6.1, tips=False, axis_config={"color": C("muted")})
        ax.to_corner(DOWN + LEFT, buff=0.35)
        curve = ax.plot(lesson.function.f, x_range=list(lesson.video.good.view),
                        color=C("function"))
        ticks = tick_labels(ax, xs=xt, ys=yt)
        room = ticks.get_left()[0] - (-config.frame_width / 2 + 0.25) if len(ticks) else 0.0
        if room < 0:   # a range left of 0: the y axis (and its numbers) at the left edge
            VGroup(ax, curve, ticks).shift(RIGHT * min(-room, PANEL_LEFT - 0.1 - ax.get_right()[0]))
        name = formula(f"f(x) = {lesson.function.instance_formula}", 30, C("function"))
        if name.width > 6.0:
            name.scale_to_fit_width(6.0)
        rule = (formula("v_(k+1) &= mu v_k + f'(x_k) \\ x_(k+1) &= x_k - eta v_(k+1)", 30,
                        C("update")) if lesson.momentum else
                formula("x_(k+1) = x_k - eta f'(x_k)", 34, C("update")))
        VGroup(name, rule).arrange(DOWN, aligned_edge=LEFT, buff=0.35).move_to(
            [PANEL_LEFT, 2.6, 0], aligned_edge=UL)
        self.ax, self.rule, self.name = ax, rule, name
        self.play(Create(ax), FadeIn(ticks), run_time=1.0)
        self.play(Create(curve), FadeIn(name), run_time=1.2)
        self.play(Write(rule), run_time=1.2)
        self.wait(0.4)

    def point(self, run, k):
        """Step k of a run, on the curve."""
        return self.ax.c2p(run.path.points[k, 0], run.path.values[k])

    def grad_arrow(self, run, k):
        """A short arrow from step k's point along the x direction of f'(x): uphill."""
        x, fx, g = run.path.points[k, 0], run.path.values[k], run.path.grads[k, 0]
        p = self.ax.c2p(x, fx)
        q = self.ax.c2p(x + self.lesson.arrow_scale * g, fx)
        if np.linalg.norm(q - p) < 0.12:
            return VGroup()
        return Arrow(p, q, buff=0, color=C("gradient"), stroke_width=5,
                     max_tip_length_to_length_ratio=0.35, max_stroke_width_to_length_ratio=12)

    @staticmethod
    def readout_lines(run, k) -> list[str]:
        """What the readout says at step k: the lesson's numbers, formatted."""
        p = run.path
        return [tr("step", k=k), f"x = {fmt(p.points[k, 0])}", f"f(x) = {fmt(p.values[k])}",
                f"f'(x) = {fmt(p.grads[k, 0])}"]

    def readout(self, run, k) -> VGroup:
        r = VGroup(*(label(s, BODY_SIZE, c) for s, c in
                     zip(self.readout_lines(run, k),
                         (None, C("point"), C("function"), C("gradient")))))
        r.arrange(DOWN, aligned_edge=LEFT, buff=0.22)
        r.next_to(self.lr_line, DOWN, buff=0.45).align_to(self.lr_line, LEFT)
        keep_in_frame(r)
        assert fits(r), "readout"
        return r

    def descend(self, run, header_key):
        """One run: the header and eta, then step after step with the gradient arrow (or, for a
        long run, its later steps in strides: see ``shown_steps``)."""
        mu = self.lesson.momentum
        header = (say(header_key, NOTE_SIZE, C("muted")) if header_key else
                  formula(f"x_0 = {fmt(run.x0)}" + (f", quad mu = {fmt(mu)}" if mu else ""),
                          28, C("muted")))
        lr_line = VGroup(say("learning_rate", BODY_SIZE, C("update")),
                         formula(f"eta = {fmt(run.lr)}", 32, C("update"))).arrange(RIGHT, buff=0.2)
        header.next_to(self.rule, DOWN, buff=0.5).align_to(self.rule, LEFT)
        lr_line.next_to(header, DOWN, buff=0.3).align_to(header, LEFT)
        keep_in_frame(header), keep_in_frame(lr_line)
        assert fits(header) and fits(lr_line), header_key
        self.lr_line = lr_line
        old = [m for m in (getattr(self, "header", None), getattr(self, "lr_shown", None),
                           getattr(self, "values", None), getattr(self, "trail", None),
                           getattr(self, "dot", None), getattr(self, "note", None)) if m is not None]
        if old:
            self.play(*[FadeOut(m) for m in old], run_time=0.5)
        self.header, self.lr_shown = header, lr_line
        dot = Dot(self.point(run, 0), color=C("point"), radius=0.09).set_z_index(3)
        values = self.readout(run, 0)
        self.play(FadeIn(header), FadeIn(lr_line), run_time=0.8)
        self.play(FadeIn(dot, scale=1.5), FadeIn(values), run_time=0.6)
        self.wait(0.6)
        self.trail = VGroup()
        self.add(self.trail)
        stops = shown_steps(run.path.steps)
        for k, k_next in zip(stops, stops[1:]):
            arrow = self.grad_arrow(run, k).set_z_index(2)
            self.play(FadeIn(arrow), run_time=0.4)
            start, end = self.point(run, k), self.point(run, k_next)
            if k_next == k + 1:
                seg = Line(start, end, color=C("update"), stroke_width=2, stroke_opacity=0.7)
            else:      # a stride: the path through every step it covers
                seg = VMobject(color=C("update"), stroke_width=2, stroke_opacity=0.7)
                seg.set_points_as_corners([self.point(run, j) for j in range(k, k_next + 1)])
            mark = Dot(start, radius=0.045, color=C("muted"))
            new_values = self.readout(run, k_next)
            self.play(dot.animate.move_to(end), Create(seg), FadeOut(arrow),
                      FadeTransform(values, new_values), FadeIn(mark), run_time=0.7)
            self.remove(seg, mark)     # kept in the trail, so that one FadeOut clears them
            self.trail.add(seg, mark)
            values = new_values
        self.dot, self.values, self.run = dot, values, run
        self.wait(0.5)

    def show_minimum(self):
        star = self.lesson.minimum
        m = Dot(self.ax.c2p(star.final[0], star.values[-1]), radius=0.08,
                color=C("tangent")).set_z_index(4)
        self.note = label(f"{tr('s11.reached')}:  x* ≈ {fmt(star.final[0])}", NOTE_SIZE,
                          C("tangent"))
        self.note.next_to(self.values, DOWN, buff=0.45).align_to(self.values, LEFT)
        keep_in_frame(self.note)
        assert fits(self.note), "note"
        self.play(FadeIn(m, scale=2), FadeIn(self.note), run_time=1.0)
        self.minimum = m
        self.wait(2.0)

    def show_outcome(self):
        run = self.run
        if run.diverged:
            arrow = self.grad_arrow(run, run.path.steps).set_z_index(2)
            msg = label(tr("diverged"), NOTE_SIZE, C("gradient"))
        else:
            arrow = VGroup()
            msg = label(f"{tr('s11.reached')}:  x ≈ {fmt(run.path.final[0])}", NOTE_SIZE,
                        C("tangent"))
        msg.next_to(self.values, DOWN, buff=0.45).align_to(self.values, LEFT)
        keep_in_frame(msg)
        assert fits(msg), "outcome"
        self.play(FadeIn(arrow), FadeIn(msg, shift=UP * 0.2), run_time=0.8)
        self.play(self.dot.animate.set_color(C("gradient")), run_time=0.4)
        self.note = VGroup(arrow, msg)      # cleared with the run, should another follow
        self.wait(2.0)
