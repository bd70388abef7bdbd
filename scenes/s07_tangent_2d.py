"""Section 7: a tangent line travels along f(x) = x^3 - 2x; its slope is read out live and drawn
as the graph of f' below; where f' = 0 the tangent lies flat.

The lecturer's own function and range (render.py --function/--range) replace x^3 - 2x on
[-1.9, 1.9]: the tangent travels across the range, both graphs' heights are fitted to f and f'
(with 0), and at most MAX_MARKED of the zero-slope points found by mathcore are visited and
marked (spread over the range), so the scene's length stays bounded.
"""

from __future__ import annotations

import numpy as np
from manim import (DR, UR, DOWN, LEFT, RIGHT, UP, Axes, Create, Dot, FadeIn, FadeOut, Flash,
                   Line, ValueTracker, VGroup, Write, always_redraw, smooth)

from lecture import params
from mathcore import calculus, functions, rules

from .style import (BODY_SIZE, SMALL_SIZE, C, LectureScene, fmt, formula, label, line_in_axes,
                    layout_problems, nice_ticks, say, tick_labels, tr, y_window)

# the lecture's example, unless the lecturer typed her own (render.py --function/--range)
FUNCTION = params.function(rules.sum_(functions.get("power", n=3),
                                      functions.get("affine", a=-2, b=0)))
X_START, X_END = params.pair("range", (-1.9, 1.9))
WIDTH = X_END - X_START
HALF_LENGTH = 0.9 / 3.8 * WIDTH  # the tangent's half length (0.9 on the lecture's [-1.9, 1.9])
TRAVEL_S = 2.0 * 3.8 / WIDTH     # seconds per unit of x (2 s on the lecture's range)
MAX_MARKED = 4                   # zero-slope points visited and marked, at most
COLUMN_LEFT = 1.5                # left edge of the formulas and readouts (frame units)


def _shown(slope: float) -> float:
    """A slope below the readout's precision reads 0, not 1.1×10^−16."""
    return slope if abs(slope) >= 5e-7 else 0.0


def _fitted(ys: np.ndarray, with_zero: bool, pad: float = 0.1) -> tuple:
    lo, hi = (min(ys.min(), 0.0), max(ys.max(), 0.0)) if with_zero else (ys.min(), ys.max())
    return y_window([lo, hi], pad)


def marked(zeros: np.ndarray) -> np.ndarray:
    """The zero-slope points the tangent stops at: all of them, or MAX_MARKED spread evenly
    (the first and the last among them)."""
    if len(zeros) <= MAX_MARKED:
        return zeros
    return zeros[np.round(np.linspace(0, len(zeros) - 1, MAX_MARKED)).astype(int)]


def data(n: int = 50) -> dict:
    """What the scene shows: the sweep of x with each tangent's slope, the zero-slope points
    (all found, and those marked), and the fitted heights of the two graphs."""
    xs = np.linspace(X_START, X_END, n)
    zeros = calculus.roots(FUNCTION.df, X_START, X_END)
    grid = np.linspace(X_START, X_END, 401)
    return {"x": xs, "slope": np.array([calculus.tangent_line(FUNCTION, x).slope for x in xs]),
            "zeros": zeros, "f_at_zeros": np.asarray(FUNCTION.f(zeros), dtype=float),
            "slope_at_zeros": np.asarray(FUNCTION.df(zeros), dtype=float),
            "marked": marked(zeros),
            "x_range": np.array([X_START - 0.1 / 3.8 * WIDTH, X_END + 0.1 / 3.8 * WIDTH]),
            "y_range": np.array(_fitted(np.asarray(FUNCTION.f(grid), dtype=float), False)),
            "dy_range": np.array(_fitted(np.asarray(FUNCTION.df(grid), dtype=float), True))}


def _curve_points(ax, fn, lo=X_START, hi=X_END, n=400) -> np.ndarray:
    xs = np.linspace(lo, hi, n)
    return np.array([ax.c2p(x, y) for x, y in zip(xs, np.asarray(fn(xs), dtype=float))])


def _hits(mob, pts, margin=0.06) -> int:
    """How many of the curve's points lie under ``mob`` (its box grown by ``margin``)."""
    (l, b, _), (r, t, _) = mob.get_corner(DOWN + LEFT), mob.get_corner(UP + RIGHT)
    return int(np.sum((pts[:, 0] > l - margin) & (pts[:, 0] < r + margin)
                      & (pts[:, 1] > b - margin) & (pts[:, 1] < t + margin)))


def _free_spot(ax, fn, mob):
    """Put ``mob`` beside the curve of ``fn`` near its left end, where the curve does not pass
    under it and it stays in the axes' box: the first such spot from the left, else the spot in
    the box with the least of the curve under it."""
    pts = _curve_points(ax, fn)
    (x0, y0, _), (x1, y1, _) = ax.c2p(ax.x_range[0], ax.y_range[0]), \
        ax.c2p(ax.x_range[1], ax.y_range[1])
    spots = [(ax.c2p(x, float(fn(x))), side)
             for x in np.linspace(X_START, X_START + 0.3 * WIDTH, 8) for side in (DR, UR)]
    spots += [(np.array([x0, y1, 0.0]), DR), (np.array([x0, y0, 0.0]), UR)]
    best = None
    for at, side in spots:
        mob.next_to(at, side, buff=0.1)
        inside = (mob.get_left()[0] >= x0 and mob.get_right()[0] <= x1
                  and mob.get_bottom()[1] >= y0 and mob.get_top()[1] <= y1)
        if inside:
            n = _hits(mob, pts)
            if n == 0:
                return mob
            best = min(best or (n, at, side), (n, at, side), key=lambda b: b[0])
    mob.next_to(best[1], best[2], buff=0.1)
    return mob


class TangentTravelsAlongCurve(LectureScene):
    SECTION = 7

    def construct(self):
        self.d = data()
        self.show_title()
        self.show_formulas()
        self.show_graphs()
        self.show_tangent()
        self.tags = []
        for x0 in self.d["marked"]:
            self.travel_to(x0)
            self.mark_zero_slope(x0)
        self.travel_to(X_END)
        self.show_summary()

    def show_formulas(self):
        width = 7.1 - 0.25 - COLUMN_LEFT
        self.f_name = formula(f"f(x) = {FUNCTION.instance_formula}", 34, C("function"))
        self.df_name = formula(f"f'(x) = {FUNCTION.instance_derivative_formula}", 34,
                               C("derivative"))
        for m in (self.f_name, self.df_name):
            if m.width > width:
                m.scale_to_fit_width(width)
        VGroup(self.f_name, self.df_name).arrange(DOWN, aligned_edge=LEFT, buff=0.3)
        VGroup(self.f_name, self.df_name).to_edge(UP, buff=0.6).align_to(
            [COLUMN_LEFT, 0, 0], LEFT)
        self.play(Write(self.f_name), run_time=1)
        self.play(Write(self.df_name), run_time=1)

    def show_graphs(self):
        d = self.d
        (lo, hi), (ylo, yhi), (dlo, dhi) = d["x_range"], d["y_range"], d["dy_range"]
        plain = {"color": C("muted"), "include_ticks": False}
        ax = Axes(x_range=[lo, hi, WIDTH / 4], y_range=[ylo, yhi, (yhi - ylo) / 4],
                  x_length=7.6, y_length=3.9, tips=False, axis_config=plain)
        dax = Axes(x_range=[lo, hi, WIDTH / 4], y_range=[dlo, dhi, (dhi - dlo) / 4],
                   x_length=7.6, y_length=2.2, tips=False, axis_config=plain)
        VGroup(ax, dax).arrange(DOWN, buff=0.45).to_corner(LEFT + DOWN, buff=0.4)
        ticks = VGroup(tick_labels(ax, xs=nice_ticks(X_START, X_END), ys=nice_ticks(ylo, yhi), size=16),
                       tick_labels(dax, xs=(), ys=nice_ticks(dlo, dhi, 3), size=16))
        room = ticks.get_left()[0] - (-7.1 + 0.25)  # y labels left of a y axis at the edge
        if room < 0:
            VGroup(ax, dax, ticks).shift(RIGHT * -room)
        curve = ax.plot(FUNCTION.f, x_range=[X_START, X_END], color=C("function"))
        dcurve = dax.plot(FUNCTION.df, x_range=[X_START, X_END], color=C("derivative"))
        for group, c in ((ticks[0], curve), (ticks[1], dcurve)):  # no number under a curve
            group.remove(*[t for t in group if _hits(t, c.get_points(), 0.05)])
        names = VGroup(_free_spot(ax, FUNCTION.f, label("f", SMALL_SIZE, C("function"))),
                       _free_spot(dax, FUNCTION.df, label("f'", SMALL_SIZE, C("derivative"))))
        self.play(Create(ax), Create(dax), FadeIn(ticks), FadeIn(names), run_time=1)
        self.play(Create(curve), Create(dcurve), run_time=1.5)
        self.ax, self.dax, self.names = ax, dax, names

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
        run = 1.2 + TRAVEL_S * abs(x1 - self.x.get_value())
        self.play(self.x.animate.set_value(x1), run_time=run, rate_func=smooth)

    def mark_zero_slope(self, x0: float):
        t = calculus.tangent_line(FUNCTION, x0)
        # a short flat line, shorter where zero-slope points crowd, inside the axes
        gaps = np.abs(self.d["zeros"] - x0)
        half = min([HALF_LENGTH / 2] + [0.4 * g for g in gaps if g > 0])
        flat = line_in_axes(self.ax, t.slope, t.point, C("derivative"), 3,
                            x_range=(max(x0 - half, self.ax.x_range[0]),
                                     min(x0 + half, self.ax.x_range[1])))
        dot = Dot(self.ax.c2p(*t.point), color=C("derivative"), radius=0.09)
        ddot = Dot(self.dax.c2p(x0, 0), color=C("derivative"), radius=0.09)
        # the tag goes under f''s axis on the side where f' > 0, which f' leaves free there;
        # where f' crowds it out anyway there is no tag (the summary lists every point)
        h = 0.02 * WIDTH
        rising = float(FUNCTION.df(min(x0 + h, X_END))) > float(FUNCTION.df(max(x0 - h, X_START)))
        tag = label(f"x = {fmt(x0, 4)}", SMALL_SIZE - 2, C("derivative"))
        tag.next_to(ddot, DOWN, buff=0.12).shift((RIGHT if rising else LEFT) * tag.width / 2)
        tag.shift(RIGHT * max(0.0, -7.1 + 0.2 - tag.get_left()[0]))
        shown = [] if (_hits(tag, _curve_points(self.dax, FUNCTION.df), 0.03)
                       or layout_problems([tag, *self.names])) else [tag]
        # an earlier tag in the way makes room
        old = [m for m in self.tags if shown
               and m.get_left()[0] < tag.get_right()[0] + 0.15
               and tag.get_left()[0] < m.get_right()[0] + 0.15]
        self.tags = [m for m in self.tags if m not in old] + shown
        self.play(Flash(dot, color=C("derivative")), FadeIn(dot), FadeIn(ddot), Create(flat),
                  *[FadeIn(m) for m in shown], *[FadeOut(m) for m in old], run_time=1)
        self.wait(1.3)

    def show_summary(self):
        zeros, shown = self.d["zeros"], self.d["marked"]
        where = ",  ".join(fmt(z, 4) for z in shown) + (",  …" if len(zeros) > len(shown) else "")
        lines = [say("s07.zero_slope", SMALL_SIZE + 2, C("derivative"))] if len(zeros) else []
        lines += ([say("s07.where", SMALL_SIZE + 2, C("derivative")),
                   label(f"x = {where}", SMALL_SIZE + 2, C("derivative"))] if len(zeros) else
                  [say("s07.none", SMALL_SIZE + 2, C("derivative"))])
        note = VGroup(*lines).arrange(DOWN, aligned_edge=LEFT, buff=0.2)
        if note.width > 7.1 - 0.25 - COLUMN_LEFT:
            note.scale_to_fit_width(7.1 - 0.25 - COLUMN_LEFT)
        note.next_to(self.readout, DOWN, buff=0.7).align_to(self.df_name, LEFT)
        self.play(FadeIn(note), run_time=1)
        self.wait(3)
