"""Section 11: a point steps down f(x) = x^2 + sin x to its minimum by x <- x - eta f'(x);
then a learning rate that is too large overshoots, swings across the minimum and diverges.

The lecturer's own example (render.py --function/--point/--range/--lr/--steps/--momentum,
through lecture.params) keeps the two beats: the first is her run (her start, lr, steps and
momentum; its header gives the start and momentum instead of "good learning rate"; the minimum
is marked only if a long run with her lr, from where hers ended, converges), the second starts
at the same point with lr x k, k the smallest of OVERSHOOT_FACTORS that makes the run leave the
range within STEPS_BIG steps. The axes are her range, the height fitted to the curve; a step
leaving the range counts as diverged. A run of more than STEPS_ONE_BY_ONE steps is shown one
step at a time for its first steps, then in a few longer strides.
"""

from __future__ import annotations

import numpy as np
from manim import (DOWN, LEFT, RIGHT, UL, UP, Arrow, Axes, Create, Dot, FadeIn,
                   FadeOut, FadeTransform, Line, VGroup, VMobject, Write, config)

from lecture import params
from mathcore import functions, optimize, rules

from .style import (BODY_SIZE, SMALL_SIZE, C, LectureScene, fits, fmt, formula, keep_in_frame,
                    label, nice_ticks, say, tick_labels, tr, y_window)

# f(x) = x^2 + sin x: one clear minimum, not symmetric about it
# (the lecture's example, unless the lecturer typed her own: see the module docstring)
CUSTOM = params.get("function") is not None
FUNCTION = params.function(rules.sum_(functions.get("power", n=2), functions.get("sin")))
X0_GOOD, LR_GOOD, STEPS_GOOD = 2.5, 0.2, 10
X0_BIG, LR_BIG, STEPS_BIG = 0.0, 1.1, 12
X_LIMIT = 3.2          # a step that leaves the drawn curve (|x| > 3.2) counts as diverged
X_RANGE, Y_RANGE = (-3.4, 3.4), (-1.5, 11.5)
ARROW_SCALE = 0.14     # axis units of arrow per unit of slope
PANEL_LEFT = 0.8
NOTE_SIZE = SMALL_SIZE + 2
MOMENTUM = params.number("momentum", 0.0)
DRAWN = (-X_LIMIT, X_LIMIT)                     # where the curve is drawn
OVERSHOOT_FACTORS = (1.5, 2, 3, 4, 5, 7, 10, 15, 20, 30, 50, 100, 1000)
STEPS_ONE_BY_ONE = 12  # longer runs: the first steps one by one, then STRIDES longer moves
STRIDES = 5
if CUSTOM:
    DRAWN = params.pair("range", (-3.0, 3.0))
    X0_GOOD = params.number("point", DRAWN[0] + 0.85 * (DRAWN[1] - DRAWN[0]))
    LR_GOOD = params.number("lr", 0.1)
    STEPS_GOOD = int(params.number("steps", 30))
    X0_BIG = X0_GOOD


def _descend(x0, lr, steps):
    if not CUSTOM:
        return optimize.gradient_descent(FUNCTION.df, x0, lr, steps, f=FUNCTION.f, bound=X_LIMIT)
    # leaving the range drawn counts as diverging
    return optimize.gradient_descent_in_box(FUNCTION.df, x0, lr, steps, *DRAWN,
                                            momentum=MOMENTUM, f=FUNCTION.f)


if CUSTOM:
    LR_BIG = next((LR_GOOD * k for k in OVERSHOOT_FACTORS
                   if _descend(X0_BIG, LR_GOOD * k, STEPS_BIG).diverged),
                  LR_GOOD * OVERSHOOT_FACTORS[-1])
    _pad = 0.2 / 6.4 * (DRAWN[1] - DRAWN[0])
    X_RANGE = (DRAWN[0] - _pad, DRAWN[1] + _pad)
    _xs = np.linspace(*DRAWN, 401)
    _ys = np.broadcast_to(np.asarray(FUNCTION.f(_xs), dtype=float), _xs.shape)
    Y_RANGE = y_window(_ys)
    # the longest arrow (the steepest slope drawn) about 0.15 of the width, as in the lecture's
    _steep = float(np.max(np.abs(FUNCTION.df(_xs)))) or 1.0
    ARROW_SCALE = 0.15 * (DRAWN[1] - DRAWN[0]) / _steep


def _minimum(good):
    """Where a long descent from the end of the first run settles (lr, then smaller ones,
    until one converges), or None: the first run diverged, or none converged."""
    if CUSTOM:
        if good.diverged:
            return None
        for lr in LR_GOOD * np.array([1, 0.5, 0.25, 0.125]):
            star = optimize.gradient_descent(FUNCTION.df, float(good.final[0]), lr, 10_000,
                                             f=FUNCTION.f, tol=1e-12)
            if star.converged and DRAWN[0] <= star.final[0] <= DRAWN[1]:
                return star
        return None
    return optimize.gradient_descent(FUNCTION.df, X0_GOOD, LR_GOOD, 10_000, f=FUNCTION.f,
                                     tol=1e-12)


def data() -> dict:
    """The two trajectories the scene draws, and the minimum (a long, converged descent)."""
    good = _descend(X0_GOOD, LR_GOOD, STEPS_GOOD)
    star = _minimum(good)
    return {"good": good,
            "big": _descend(X0_BIG, LR_BIG, STEPS_BIG),
            "x_star": float(star.final[0]) if star else float("nan"),
            "f_star": float(star.values[-1]) if star else float("nan"),
            "star_converged": bool(star and star.converged)}


def shown_steps(steps: int) -> list[int]:
    """The steps a run stops at on screen: all of them up to STEPS_ONE_BY_ONE, else the first
    STEPS_ONE_BY_ONE - STRIDES one by one and then STRIDES even strides to the last."""
    if steps <= STEPS_ONE_BY_ONE:
        return list(range(steps + 1))
    first = STEPS_ONE_BY_ONE - STRIDES
    rest = np.rint(np.linspace(first, steps, STRIDES + 1)).astype(int)[1:]
    return list(range(first + 1)) + sorted(set(rest.tolist()))


class PointRollsDownhill(LectureScene):
    SECTION = 11

    def construct(self):
        self.d = data()
        self.show_title()
        self.show_curve_and_rule()
        self.descend(self.d["good"], None if CUSTOM else "s11.small_lr")
        if self.d["star_converged"]:
            self.show_minimum()
        else:          # her run diverged, or settles nowhere: say where it ended
            self.show_outcome()
            self.wait(0.5)
        self.descend(self.d["big"], "s11.large_lr")
        self.show_outcome()

    def show_curve_and_rule(self):
        if CUSTOM:    # ticks at round numbers of her range and heights
            xt, yt = nice_ticks(*DRAWN), nice_ticks(*Y_RANGE)
            x_step = xt[1] - xt[0] if len(xt) > 1 else DRAWN[1] - DRAWN[0]
            y_step = yt[1] - yt[0] if len(yt) > 1 else Y_RANGE[1] - Y_RANGE[0]
        else:
            xt, yt, x_step, y_step = [-3, -2, -1, 1, 2, 3], [4, 8], 1, 2
        ax = Axes(x_range=[*X_RANGE, x_step], y_range=[*Y_RANGE, y_step], x_length=7.0,
                  y_length=6.1, tips=False, axis_config={"color": C("muted")})
        ax.to_corner(DOWN + LEFT, buff=0.35)
        curve = ax.plot(FUNCTION.f, x_range=list(DRAWN), color=C("function"))
        ticks = tick_labels(ax, xs=xt, ys=yt)
        room = ticks.get_left()[0] - (-config.frame_width / 2 + 0.25) if len(ticks) else 0.0
        if room < 0:   # a range left of 0: the y axis (and its numbers) at the left edge
            VGroup(ax, curve, ticks).shift(RIGHT * min(-room, PANEL_LEFT - 0.1 - ax.get_right()[0]))
        name = formula(f"f(x) = {FUNCTION.instance_formula}", 30, C("function"))
        if name.width > 6.0:
            name.scale_to_fit_width(6.0)
        rule = (formula("v_(k+1) &= mu v_k + f'(x_k) \\ x_(k+1) &= x_k - eta v_(k+1)", 30,
                        C("update")) if MOMENTUM else
                formula("x_(k+1) = x_k - eta f'(x_k)", 34, C("update")))
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
        keep_in_frame(r)
        assert fits(r), "readout"
        return r

    def descend(self, traj, header_key):
        """One run: the header and eta, then step after step with the gradient arrow (or, for a
        long run, its later steps in strides: see ``shown_steps``)."""
        header = (say(header_key, NOTE_SIZE, C("muted")) if header_key else
                  formula(f"x_0 = {fmt(traj.points[0, 0])}" + (f", quad mu = {fmt(MOMENTUM)}"
                                                               if MOMENTUM else ""),
                          28, C("muted")))
        lr_line = VGroup(say("learning_rate", BODY_SIZE, C("update")),
                         formula(f"eta = {fmt(traj.lr)}", 32, C("update"))).arrange(RIGHT, buff=0.2)
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
        dot = Dot(self.point(traj.points[0, 0]), color=C("point"), radius=0.09).set_z_index(3)
        values = self.readout(traj, 0)
        self.play(FadeIn(header), FadeIn(lr_line), run_time=0.8)
        self.play(FadeIn(dot, scale=1.5), FadeIn(values), run_time=0.6)
        self.wait(0.6)
        self.trail = VGroup()
        self.add(self.trail)
        stops = shown_steps(traj.steps)
        for k, k_next in zip(stops, stops[1:]):
            x, g = float(traj.points[k, 0]), float(traj.grads[k, 0])
            arrow = self.grad_arrow(x, g).set_z_index(2)
            self.play(FadeIn(arrow), run_time=0.4)
            start, end = self.point(x), self.point(float(traj.points[k_next, 0]))
            if k_next == k + 1:
                seg = Line(start, end, color=C("update"), stroke_width=2, stroke_opacity=0.7)
            else:      # a stride: the path through every step it covers
                seg = VMobject(color=C("update"), stroke_width=2, stroke_opacity=0.7)
                seg.set_points_as_corners([self.point(float(v))
                                           for v in traj.points[k:k_next + 1, 0]])
            mark = Dot(start, radius=0.045, color=C("muted"))
            new_values = self.readout(traj, k_next)
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
        keep_in_frame(self.note)
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
        keep_in_frame(msg)
        assert fits(msg), "outcome"
        self.play(FadeIn(arrow), FadeIn(msg, shift=UP * 0.2), run_time=0.8)
        self.play(self.dot.animate.set_color(C("gradient")), run_time=0.4)
        self.note = VGroup(arrow, msg)      # cleared with the run, should another follow
        self.wait(2.0)
