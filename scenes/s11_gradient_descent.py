"""Section 11: a point steps down f(x) = x^2 + sin x to its minimum by x <- x - eta f'(x);
then a learning rate that is too large overshoots, swings across the minimum and diverges."""

from __future__ import annotations

import numpy as np
from manim import (DOWN, LEFT, RIGHT, UL, UP, Arrow, Axes, Create, Dot, FadeIn,
                   FadeOut, FadeTransform, Line, VGroup, Write)

from mathcore import functions, optimize, rules

from .style import (BODY_SIZE, SMALL_SIZE, C, LectureScene, fits, fmt, formula, label, say,
                    tick_labels, tr)

# f(x) = x^2 + sin x: one clear minimum, not symmetric about it
FUNCTION = rules.sum_(functions.get("power", n=2), functions.get("sin"))
X0_GOOD, LR_GOOD, STEPS_GOOD = 2.5, 0.2, 10
X0_BIG, LR_BIG, STEPS_BIG = 0.0, 1.1, 12
X_LIMIT = 3.2          # a step that leaves the drawn curve (|x| > 3.2) counts as diverged
X_RANGE, Y_RANGE = (-3.4, 3.4), (-1.5, 11.5)
ARROW_SCALE = 0.14     # axis units of arrow per unit of slope
PANEL_LEFT = 0.8
NOTE_SIZE = SMALL_SIZE + 2


def _descend(x0, lr, steps):
    return optimize.gradient_descent(FUNCTION.df, x0, lr, steps, f=FUNCTION.f, bound=X_LIMIT)


def data() -> dict:
    """The two trajectories the scene draws, and the minimum (a long, converged descent)."""
    star = optimize.gradient_descent(FUNCTION.df, X0_GOOD, LR_GOOD, 10_000, f=FUNCTION.f,
                                     tol=1e-12)
    return {"good": _descend(X0_GOOD, LR_GOOD, STEPS_GOOD),
            "big": _descend(X0_BIG, LR_BIG, STEPS_BIG),
            "x_star": float(star.final[0]), "f_star": float(star.values[-1]),
            "star_converged": star.converged}


class PointRollsDownhill(LectureScene):
    SECTION = 11

    def construct(self):
        self.d = data()
        self.show_title()
        self.show_curve_and_rule()
        self.descend(self.d["good"], "s11.small_lr")
        self.show_minimum()
        self.descend(self.d["big"], "s11.large_lr")
        self.show_outcome()

    def show_curve_and_rule(self):
        ax = Axes(x_range=[*X_RANGE, 1], y_range=[*Y_RANGE, 2], x_length=7.0, y_length=6.1,
                  tips=False, axis_config={"color": C("muted")})
        ax.to_corner(DOWN + LEFT, buff=0.35)
        curve = ax.plot(FUNCTION.f, x_range=[-X_LIMIT, X_LIMIT], color=C("function"))
        ticks = tick_labels(ax, xs=[-3, -2, -1, 1, 2, 3], ys=[4, 8])
        name = formula(f"f(x) = {FUNCTION.instance_formula}", 30, C("function"))
        rule = formula("x_(k+1) = x_k - eta f'(x_k)", 34, C("update"))
        VGroup(name, rule).arrange(DOWN, aligned_edge=LEFT, buff=0.35).move_to(
            [PANEL_LEFT, 2.6, 0], aligned_edge=UL)
        self.ax, self.rule, self.name = ax, rule, name
        self.play(Create(ax), FadeIn(ticks), run_time=1.0)
        self.play(Create(curve), FadeIn(name), run_time=1.2)
        self.play(Write(rule), run_time=1.2)
        self.wait(0.4)

    def point(self, x):
        return self.ax.c2p(x, FUNCTION.f(x))

    def grad_arrow(self, x, g):
        """A short arrow from the point along the x direction of f'(x): uphill."""
        p = self.point(x)
        q = self.ax.c2p(x + ARROW_SCALE * g, FUNCTION.f(x))
        if np.linalg.norm(q - p) < 0.12:
            return VGroup()
        return Arrow(p, q, buff=0, color=C("gradient"), stroke_width=5,
                     max_tip_length_to_length_ratio=0.35, max_stroke_width_to_length_ratio=12)

    def readout(self, traj, k) -> VGroup:
        x, fx, g = float(traj.points[k, 0]), float(traj.values[k]), float(traj.grads[k, 0])
        r = VGroup(label(tr("step", k=k), BODY_SIZE),
                   label(f"x = {fmt(x)}", BODY_SIZE, C("point")),
                   label(f"f(x) = {fmt(fx)}", BODY_SIZE, C("function")),
                   label(f"f'(x) = {fmt(g)}", BODY_SIZE, C("gradient")))
        r.arrange(DOWN, aligned_edge=LEFT, buff=0.22)
        r.next_to(self.lr_line, DOWN, buff=0.45).align_to(self.lr_line, LEFT)
        assert fits(r), "readout" 
        return r

    def descend(self, traj, header_key):
        """One run: the header and eta, then step after step with the gradient arrow."""
        header = say(header_key, NOTE_SIZE, C("muted"))
        lr_line = VGroup(say("learning_rate", BODY_SIZE, C("update")),
                         formula(f"eta = {fmt(traj.lr)}", 32, C("update"))).arrange(RIGHT, buff=0.2)
        header.next_to(self.rule, DOWN, buff=0.5).align_to(self.rule, LEFT)
        lr_line.next_to(header, DOWN, buff=0.3).align_to(header, LEFT)
        assert fits(header) and fits(lr_line), header_key
        self.lr_line = lr_line
        old = [m for m in (getattr(self, "header", None), getattr(self, "lr_shown", None),
                           getattr(self, "values", None), getattr(self, "trail", None),
                           getattr(self, "dot", None), getattr(self, "note", None)) if m is not None]
        if old:
            self.play(*[FadeOut(m) for m in old], run_time=0.5)
        self.header, self.lr_shown = header, lr_line
        dot = Dot(self.point(traj.points[0, 0]), color=C("point"), radius=0.09).set_z_index(3)
        values = self.readout(traj, 0)
        self.play(FadeIn(header), FadeIn(lr_line), run_time=0.8)
        self.play(FadeIn(dot, scale=1.5), FadeIn(values), run_time=0.6)
        self.wait(0.6)
        self.trail = VGroup()
        self.add(self.trail)
        for k in range(traj.steps):
            x, g = float(traj.points[k, 0]), float(traj.grads[k, 0])
            arrow = self.grad_arrow(x, g).set_z_index(2)
            self.play(FadeIn(arrow), run_time=0.4)
            start, end = self.point(x), self.point(float(traj.points[k + 1, 0]))
            seg = Line(start, end, color=C("update"), stroke_width=2, stroke_opacity=0.7)
            mark = Dot(start, radius=0.045, color=C("muted"))
            new_values = self.readout(traj, k + 1)
            self.play(dot.animate.move_to(end), Create(seg), FadeOut(arrow),
                      FadeTransform(values, new_values), FadeIn(mark), run_time=0.7)
            self.remove(seg, mark)     # kept in the trail, so that one FadeOut clears them
            self.trail.add(seg, mark)
            values = new_values
        self.dot, self.values, self.traj = dot, values, traj
        self.wait(0.5)

    def show_minimum(self):
        d = self.d
        m = Dot(self.point(d["x_star"]), radius=0.08, color=C("tangent")).set_z_index(4)
        self.note = label(f"{tr('s11.reached')}:  x* ≈ {fmt(d['x_star'])}", NOTE_SIZE, C("tangent"))
        self.note.next_to(self.values, DOWN, buff=0.45).align_to(self.values, LEFT)
        assert fits(self.note), "note"
        self.play(FadeIn(m, scale=2), FadeIn(self.note), run_time=1.0)
        self.minimum = m
        self.wait(2.0)

    def show_outcome(self):
        traj = self.traj
        if traj.diverged:
            x, g = float(traj.points[-1, 0]), float(traj.grads[-1, 0])
            arrow = self.grad_arrow(x, g).set_z_index(2)
            msg = label(tr("diverged"), NOTE_SIZE, C("gradient"))
        else:
            arrow = VGroup()
            msg = label(f"{tr('s11.reached')}:  x ≈ {fmt(traj.final[0])}", NOTE_SIZE, C("tangent"))
        msg.next_to(self.values, DOWN, buff=0.45).align_to(self.values, LEFT)
        assert fits(msg), "outcome" 
        self.play(FadeIn(arrow), FadeIn(msg, shift=UP * 0.2), run_time=0.8)
        self.play(self.dot.animate.set_color(C("gradient")), run_time=0.4)
        self.wait(2.0)
