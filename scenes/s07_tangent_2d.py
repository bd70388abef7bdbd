"""Section 7: a tangent line travels along f(x) = x^3 - 2x; its slope is read out live and drawn
as the graph of f' below; where f' = 0 the tangent lies flat.

Every number comes from the section's lesson (``lessons.tangent_2d``): the lecturer's own
function and range (render.py --function/--range) replace x^3 - 2x on [-2.2, 2.2]; the tangent
travels over the lesson's sweep (the middle 1.9/2.2 of the range, as in the slide GIF), both
graphs' heights are fitted to f and f' (with 0), and at most ``lessons.tangent_2d.MAX_MARKED``
of the zero-slope points are visited and marked, so the scene's length stays bounded. The
readout is the lesson's x and slope, re-set from glyphs cut once."""

from __future__ import annotations

import numpy as np
from manim import (DL, DR, UR, DOWN, LEFT, RIGHT, UP, Axes, Create, Dot, FadeIn, FadeOut, Flash,
                   Line, ValueTracker, VGroup, Write, always_redraw, smooth)

from .style import (BODY_SIZE, SMALL_SIZE, C, GlyphLine, LectureScene, fmt, formula, label,
                    layout_problems, line_in_axes, nice_ticks, say, tick_labels, tr, y_window)

COLUMN_LEFT = 1.5                # left edge of the formulas and readouts (frame units)


def _fitted(ys: np.ndarray, with_zero: bool, pad: float = 0.1) -> tuple:
    lo, hi = (min(ys.min(), 0.0), max(ys.max(), 0.0)) if with_zero else (ys.min(), ys.max())
    return y_window([lo, hi], pad)


def _curve_points(ax, xs, ys) -> np.ndarray:
    return np.array([ax.c2p(x, y) for x, y in zip(xs, ys)])


def _hits(mob, pts, margin=0.06) -> int:
    """How many of the curve's points lie under ``mob`` (its box grown by ``margin``)."""
    (l, b, _), (r, t, _) = mob.get_corner(DOWN + LEFT), mob.get_corner(UP + RIGHT)
    return int(np.sum((pts[:, 0] > l - margin) & (pts[:, 0] < r + margin)
                      & (pts[:, 1] > b - margin) & (pts[:, 1] < t + margin)))


def _free_spot(ax, xs, ys, mob):
    """Put ``mob`` beside the curve through (``xs``, ``ys``) near its left end, where the curve
    does not pass under it and it stays in the axes' box: the first such spot from the left,
    else the spot in the box with the least of the curve under it."""
    pts = _curve_points(ax, xs, ys)
    (x0, y0, _), (x1, y1, _) = ax.c2p(ax.x_range[0], ax.y_range[0]), \
        ax.c2p(ax.x_range[1], ax.y_range[1])
    near = np.linspace(xs[0], xs[0] + 0.3 * (xs[-1] - xs[0]), 8)
    spots = [(ax.c2p(x, y), side) for x, y in zip(near, np.interp(near, xs, ys))
             for side in (DR, UR)]
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
    LESSON = "tangent_2d"

    def construct(self):
        self.show_title()
        self.show_formulas()
        self.show_graphs()
        self.show_tangent()
        for x0 in self.lesson.marked:
            self.travel_to(x0)
            self.mark_zero_slope(x0)
        self.travel_to(self.lesson.sweep[1])
        self.show_summary()

    def show_formulas(self):
        width = 7.1 - 0.25 - COLUMN_LEFT
        fn = self.lesson.function
        self.f_name = formula(f"f(x) = {fn.instance_formula}", 34, C("function"))
        self.df_name = formula(f"f'(x) = {fn.instance_derivative_formula}", 34,
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
        le = self.lesson
        (x0, x1), (lo, hi) = le.sweep, le.axes_range
        (ylo, yhi), (dlo, dhi) = _fitted(le.sweep_y, False), _fitted(le.sweep_dy, True)
        plain = {"color": C("muted"), "include_ticks": False}
        ax = Axes(x_range=[lo, hi, le.width / 4], y_range=[ylo, yhi, (yhi - ylo) / 4],
                  x_length=7.6, y_length=3.9, tips=False, axis_config=plain)
        dax = Axes(x_range=[lo, hi, le.width / 4], y_range=[dlo, dhi, (dhi - dlo) / 4],
                   x_length=7.6, y_length=2.2, tips=False, axis_config=plain)
        VGroup(ax, dax).arrange(DOWN, buff=0.45).to_corner(LEFT + DOWN, buff=0.4)
        ticks = VGroup(tick_labels(ax, xs=nice_ticks(x0, x1), ys=nice_ticks(ylo, yhi), size=16),
                       tick_labels(dax, xs=(), ys=nice_ticks(dlo, dhi, 3), size=16))
        room = ticks.get_left()[0] - (-7.1 + 0.25)  # y labels left of a y axis at the edge
        if room < 0:
            VGroup(ax, dax, ticks).shift(RIGHT * -room)
        curve = ax.plot(le.function.f, x_range=[x0, x1], color=C("function"))
        dcurve = dax.plot(le.function.df, x_range=[x0, x1], color=C("derivative"))
        for group, c in ((ticks[0], curve), (ticks[1], dcurve)):  # no number under a curve
            group.remove(*[t for t in group if _hits(t, c.get_points(), 0.05)])
        names = VGroup(_free_spot(ax, le.sweep_x, le.sweep_y, label("f", SMALL_SIZE, C("function"))),
                       _free_spot(dax, le.sweep_x, le.sweep_dy,
                                  label("f'", SMALL_SIZE, C("derivative"))))
        self.play(Create(ax), Create(dax), FadeIn(ticks), FadeIn(names), run_time=1)
        self.play(Create(curve), Create(dcurve), run_time=1.5)
        self.ax, self.dax, self.names = ax, dax, names

    def show_tangent(self):
        ax, dax, le = self.ax, self.dax, self.lesson
        self.x = ValueTracker(le.sweep[0])
        self.tags = []

        def tangent():
            t = le.tangent(self.x.get_value())
            lo = max(ax.x_range[0], t.a - le.half_length)
            hi = min(ax.x_range[1], t.a + le.half_length)
            return VGroup(line_in_axes(ax, t.slope, t.point, C("tangent"), 4, x_range=(lo, hi)),
                          Dot(ax.c2p(*t.point), color=C("point")),
                          Line(ax.c2p(t.a, t.fa), dax.c2p(t.a, t.slope), color=C("muted"),
                               stroke_width=1.5, stroke_opacity=0.6),
                          Dot(dax.c2p(t.a, t.slope), color=C("derivative")))

        # the two readout lines are glyphs cut once and re-set each frame (no Text per frame)
        lines = [GlyphLine(BODY_SIZE, C("text")), GlyphLine(BODY_SIZE, C("derivative"))]
        self.readout = VGroup(*lines)
        self.readout_log = []        # (x, the two lines as shown), frame by frame

        def readout(group):
            x = self.x.get_value()
            shown = self.readout_texts(x)
            for line, text in zip(lines, shown):
                line.set(text)
            if not self.readout_log or self.readout_log[-1][1] != shown:
                self.readout_log.append((x, shown))
            return group

        start = self.readout_texts(le.sweep[0])
        placed = VGroup(label(start[0], BODY_SIZE), label(start[1], BODY_SIZE)).arrange(
            DOWN, aligned_edge=LEFT, buff=0.2).next_to(self.df_name, DOWN, buff=0.6).align_to(
            self.df_name, LEFT)
        for line, text, s in zip(lines, placed, start):   # each line's box where Text put it
            line.at(np.zeros(3)).set(s)
            line.at(text.get_corner(DL) - line.get_corner(DL))
        readout(self.readout)
        self.readout.add_updater(readout)
        self.tangent = always_redraw(tangent)
        self.play(FadeIn(self.tangent), FadeIn(self.readout), run_time=1)

    def readout_texts(self, x: float) -> tuple[str, str]:
        """The readout at x, as shown: x and the slope there (the lesson's numbers)."""
        return (f"x = {fmt(x, 4)}",
                f"{tr('slope')} f'(x) = {fmt(self.lesson.shown_slope(x), 3)}")

    def travel_to(self, x1: float):
        run = 1.2 + self.lesson.travel_s * abs(x1 - self.x.get_value())
        self.play(self.x.animate.set_value(x1), run_time=run, rate_func=smooth)

    def mark_zero_slope(self, x0: float):
        le = self.lesson
        t = le.tangent(x0)
        # a short flat line, shorter where zero-slope points crowd, inside the axes
        half = le.flat_half(x0)
        flat = line_in_axes(self.ax, t.slope, t.point, C("derivative"), 3,
                            x_range=(max(x0 - half, self.ax.x_range[0]),
                                     min(x0 + half, self.ax.x_range[1])))
        dot = Dot(self.ax.c2p(*t.point), color=C("derivative"), radius=0.09)
        ddot = Dot(self.dax.c2p(x0, 0), color=C("derivative"), radius=0.09)
        # the tag goes under f''s axis on the side where f' > 0, which f' leaves free there;
        # where f' crowds it out anyway there is no tag (the summary lists every point)
        tag = label(f"x = {fmt(x0, 4)}", SMALL_SIZE - 2, C("derivative"))
        tag.next_to(ddot, DOWN, buff=0.12).shift((RIGHT if le.rising(x0) else LEFT)
                                                 * tag.width / 2)
        tag.shift(RIGHT * max(0.0, -7.1 + 0.2 - tag.get_left()[0]))
        pts = _curve_points(self.dax, le.sweep_x, le.sweep_dy)
        shown = [] if _hits(tag, pts, 0.03) or layout_problems([tag, *self.names]) else [tag]
        # an earlier tag in the way makes room
        old = [m for m in self.tags if shown
               and m.get_left()[0] < tag.get_right()[0] + 0.15
               and tag.get_left()[0] < m.get_right()[0] + 0.15]
        self.tags = [m for m in self.tags if m not in old] + shown
        self.play(Flash(dot, color=C("derivative")), FadeIn(dot), FadeIn(ddot), Create(flat),
                  *[FadeIn(m) for m in shown], *[FadeOut(m) for m in old], run_time=1)
        self.wait(1.3)

    def show_summary(self):
        zeros, shown = self.lesson.zeros, self.lesson.marked
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
