"""Section 6: the integral as an area: Riemann rectangles refine (n = 4 ... 64) toward it.

Every number comes from the section's lesson (``lessons.integral``, its ``video`` view): the
lecturer's own function and bounds (render.py --function/--range) replace sin x + 0.5x + 1 on
[0, 5]. f may be negative on part of [a, b]: those rectangles hang below the x axis and count
negative (the area is signed); the axes are fitted to the curve and to 0, and the numbers on them
then sit along the plot's bottom and left edges, clear of the rectangles.
"""

from __future__ import annotations

import numpy as np
from manim import (DL, DOWN, LEFT, RIGHT, UP, Axes, Create, FadeIn, FadeOut, Polygon,
                   Transform, VGroup, Write, config)

from .style import (SMALL_SIZE, C, LectureScene, fit_text, fmt, formula, is_flat, keep_in_frame,
                    label, nice_ticks, say, tr, y_window)


def view(r) -> dict:
    """Where the video draws the lesson's view ``r`` (a lessons.integral.Riemann): the curve's
    extent (on past b while f stays in the window there), x from a (or a bit left of it when
    a < 0) to past b, y over the curve and 0."""
    a, b, ys = r.a, r.b, r.y
    w = b - a
    lo, hi = min(ys.min(), 0.0), max(ys.max(), 0.0)
    if is_flat(lo, hi):          # 0*x, 1e-20*x: a flat curve on a window of sane height
        ylo, yhi = y_window([lo, hi])
    else:
        pad = 0.08 * (hi - lo)
        ylo = ys.min() - pad if ys.min() < 0 else 0.0
        yhi = ys.max() + pad if ys.max() > 0 else 0.0
    px, py = r.past_b()
    end = px[-1] if np.all(np.isfinite(py)) and np.all((py >= ylo) & (py <= yhi)) else b
    return {"curve": (a, end), "x_range": (a - (0.04 * w if a < 0 else 0.0), b + 0.08 * w),
            "y_range": (ylo, yhi)}


def rectangles(ax, edges, heights, n_for_stroke: int) -> VGroup:
    stroke = max(0.5, 2.0 * 4 / n_for_stroke)
    return VGroup(*[Polygon(ax.c2p(x0, 0), ax.c2p(x1, 0), ax.c2p(x1, h), ax.c2p(x0, h),
                            color=C("area"), fill_opacity=0.5, stroke_width=stroke)
                    for x0, x1, h in zip(edges[:-1], edges[1:], heights)])


class RectanglesFillTheArea(LectureScene):
    SECTION = 6
    LESSON = "integral"

    @property
    def r(self):
        """The lesson's video view (lessons.integral.Riemann): every number the scene shows."""
        return self.lesson.video

    def construct(self):
        self.show_title()
        self.show_integral()
        self.show_curve(view(self.r))
        self.show_table_head()
        self.refine_rectangles(self.r.partitions["left"])
        self.show_exact_area()

    def show_integral(self):
        self.integral = formula(
            "integral_a^b f(x) dif x approx sum_(i=0)^(n-1) f(x_i) Delta x,"
            " quad Delta x = (b-a)/n", 32)
        self.integral.to_edge(UP, buff=0.4).to_edge(RIGHT, buff=0.5)
        self.play(Write(self.integral), run_time=1.5)

    def show_curve(self, d: dict):
        r = self.r
        (xlo, xhi), (ylo, yhi) = d["x_range"], d["y_range"]
        ax = Axes(x_range=[xlo, xhi, (xhi - xlo) / 4], y_range=[ylo, yhi, (yhi - ylo) / 4],
                  x_length=6.6, y_length=4.9, tips=False,
                  axis_config={"color": C("muted"), "include_ticks": False})
        ax.to_corner(DL, buff=0.75)
        curve = ax.plot(r.function.f, x_range=list(d["curve"]), color=C("function"),
                        stroke_width=4)
        # numbers along the plot's bottom and left edges (the x axis itself when f >= 0): below
        # the axis they would sit on rectangles that hang under it; a and b mark the bounds
        w = r.b - r.a
        xs = [t for t in nice_ticks(xlo, xhi, 6) if min(abs(t - r.a), abs(t - r.b)) > 0.12 * w]
        ticks = VGroup(*[label(fmt(t, 3), 18, C("muted")).next_to(ax.c2p(t, ylo), DOWN, 0.12)
                         for t in xs],
                       *[label(fmt(t, 3), 18, C("muted")).next_to(ax.c2p(xlo, t), LEFT, 0.12)
                         for t in nice_ticks(ylo, yhi, 4)])
        ends = VGroup(*[label(f"{n} = {fmt(x)}", 20, C("area")).next_to(ax.c2p(x, ylo), DOWN, 0.12)
                        for n, x in (("a", r.a), ("b", r.b))])
        room = VGroup(ticks, ends).get_left()[0] - (-7.1 + 0.25)
        if room < 0:
            VGroup(ax, curve, ticks, ends).shift(RIGHT * -room)
        name = formula(f"f(x) = {r.function.instance_formula}", 28, C("function"))
        if name.width > ax.width:
            name.scale_to_fit_width(ax.width)
        name.next_to(ax, UP, buff=0.25).align_to(ax, LEFT).shift(RIGHT * 0.2)
        self.play(Create(ax), FadeIn(ticks), Create(curve), FadeIn(name), FadeIn(ends),
                  run_time=1.5)
        self.ax, self.curve = ax, curve

    def show_table_head(self):
        self.cols = (1.3, 4.0, 6.2)  # right edges of the n, sum and error columns
        exact = VGroup(say("s06.exact", SMALL_SIZE, C("muted")),
                       label(f"= {fmt(self.r.integral, 6)}", SMALL_SIZE + 4, C("area")))
        exact.arrange(RIGHT, buff=0.2).next_to(self.integral, DOWN, buff=0.45)
        exact.align_to(self.integral, RIGHT)
        head = VGroup(label("n", SMALL_SIZE, C("muted")), say("s06.sum", SMALL_SIZE, C("muted")),
                      say("s06.error", SMALL_SIZE, C("muted")))
        y = exact.get_bottom()[1] - 0.45
        for m, x in zip(head, self.cols):
            m.move_to([x, y, 0], aligned_edge=RIGHT)
        self.row_y = y
        self.head = head
        rule = say("s06.left_rule", SMALL_SIZE - 2, C("muted"))
        rule.to_edge(DOWN, buff=0.4).to_edge(RIGHT, buff=0.5)
        self.play(FadeIn(exact), FadeIn(head), FadeIn(rule), run_time=1)
        self.wait(1)
        self.exact = exact

    def row_texts(self, k: int) -> tuple[str, str, str]:
        """Row k of the table as shown: n, the left sum and its error (the lesson's numbers)."""
        r = self.r
        return str(r.ns[k]), fmt(r.sums["left"][k], 6), fmt(r.errors["left"][k], 3)

    def table_row(self, k: int) -> VGroup:
        n, total, error = self.row_texts(k)
        row = VGroup(label(n, SMALL_SIZE + 2), label(total, SMALL_SIZE + 2, C("area")),
                     label(error, SMALL_SIZE + 2, C("gradient")))
        y = self.row_y - 0.5 * (k + 1)
        for i, (m, x) in enumerate(zip(row, self.cols)):
            if i and m.width > x - self.cols[i - 1] - 0.25:     # a long number: its column
                m.scale_to_fit_width(x - self.cols[i - 1] - 0.25)
            m.move_to([x, y, 0], aligned_edge=RIGHT)
        return row

    def refine_rectangles(self, parts: list):
        ax, ns = self.ax, self.r.ns
        rects = rectangles(ax, parts[0].edges, parts[0].heights, ns[0])
        self.add(rects)
        self.bring_to_front(self.curve)
        self.play(FadeIn(rects), run_time=1)
        self.play(FadeIn(self.table_row(0)), run_time=0.8)
        self.wait(1.6)
        for k in range(1, len(ns)):
            new = parts[k]
            # the old rectangles cut in two, then each half grows or shrinks to its new height
            split = rectangles(ax, new.edges, self.r.split("left", k - 1), ns[k])
            target = rectangles(ax, new.edges, new.heights, ns[k])
            self.remove(rects)
            rects = split
            self.add(rects)
            self.bring_to_front(self.curve)
            self.play(Transform(rects, target), run_time=1.6)
            self.play(FadeIn(self.table_row(k)), run_time=0.8)
            self.wait(1.4)
        self.rects = rects

    def show_exact_area(self):
        r = self.r
        area = self.ax.get_area(self.curve, x_range=[r.a, r.b], color=C("area"), opacity=0.75)
        room = config.frame_width / 2 - 0.3 - (self.ax.get_right()[0] + 0.3)
        note = fit_text(tr("s06.signed" if r.signed else "s06.area"), min(room, 6.6),
                        SMALL_SIZE, C("area"))
        note.next_to(self.table_row(len(r.ns) - 1), DOWN, buff=0.5).align_to(self.head, RIGHT)
        if note.get_left()[0] < self.ax.get_right()[0] + 0.3:
            note.align_to(self.ax.get_right() + RIGHT * 0.3, LEFT)
        keep_in_frame(note)
        self.play(FadeOut(self.rects), FadeIn(area), run_time=1.5)
        self.bring_to_front(self.curve)
        self.play(FadeIn(note), FadeIn(self.signs()),
                  self.exact.animate.scale(1.15, about_edge=RIGHT), run_time=1)
        self.wait(4)

    def signs(self) -> VGroup:
        """+ and − on the parts of the area above and below the x axis, when f changes sign
        on [a, b] (the integral counts the part below negative)."""
        marks = VGroup()
        for part in self.r.signed_parts():
            # at the part's centroid when it is tall enough there, else just outside its peak
            mark = label("+" if part.sign == "+" else "−", 40, C("text"), weight="BOLD")
            tall = abs(self.ax.c2p(0, part.peak)[1] - self.ax.c2p(0, 0)[1])
            if tall > 1.0:
                mark.move_to(self.ax.c2p(part.cx, part.cy))
            else:
                mark.next_to(self.ax.c2p(part.cx, part.peak), UP if part.peak > 0 else DOWN,
                             buff=0.08)
            marks.add(mark)
        return marks
