"""Section 2: the lecture's table of common derivatives, each function beside its derivative:
the general formula in a table on the left, and on the right a graph of f and f' on the
function's real domain with concrete parameters (n = 3, a = 2)."""

from __future__ import annotations

import numpy as np
from manim import (DOWN, RIGHT, UP, AnimationGroup, Axes, Create, Dot, FadeIn, FadeOut,
                   SurroundingRectangle, Transform, VGroup, VMobject, Write)

from mathcore import functions

from .style import (SMALL_SIZE, C, LectureScene, clipped_curve, fmt, formula, label, say,
                    tick_labels, tr)

PAGE_BREAK = 6         # the lecture's table breaks after sin x
ROW_H = 0.98
STEP_WAIT = 1.1


def table(lesson) -> list:
    """The lesson's rows in the lecture's order."""
    return [lesson.row(name) for name in functions.TABLE]


def _params_text(params: dict) -> str:
    return ", ".join(f"{k} = {fmt(v)}" for k, v in params.items())


class DerivativeTable(LectureScene):
    """The table fills row by row, two pages; beside each row its function and its
    derivative are drawn on the function's domain."""
    SECTION = 2
    LESSON = "common_derivatives"

    def construct(self):
        self.show_title()
        self.show_header()
        rows = table(self.lesson)
        for i, row in enumerate(rows):
            if i == PAGE_BREAK:
                self.turn_page()
            self.show_function(row, i % PAGE_BREAK)
        self.show_closing()

    # --- steps ---------------------------------------------------------------------------

    def show_header(self):
        self.col_x = (-5.0, -2.55)
        top = 2.75
        h1 = say("s02.col_f", SMALL_SIZE, C("function")).move_to([self.col_x[0], top, 0])
        h2 = say("s02.col_df", SMALL_SIZE, C("derivative")).move_to([self.col_x[1], top, 0])
        rule = VMobject(color=C("muted"), stroke_width=2).set_points_as_corners(
            [[-6.6, top - 0.3, 0], [-1.25, top - 0.3, 0]])
        self.row_top = top - 0.3 - ROW_H / 2 - 0.05
        self.play(FadeIn(h1), FadeIn(h2), Create(rule), run_time=0.6)
        self.page = VGroup()
        self.marker = None
        self.graph = None

    def _row(self, row, k: int) -> VGroup:
        y = self.row_top - k * ROW_H
        f = formula(row.fn.formula, 30).move_to([self.col_x[0], y, 0])
        d = formula(row.fn.derivative_formula, 30, C("derivative")).move_to([self.col_x[1], y, 0])
        return VGroup(f, d)

    def _graph(self, row) -> VGroup:
        fn = row.fn
        ax = Axes(x_range=[*row.x_range, row.x_step], y_range=[*row.y_range, row.y_step],
                  x_length=6.6, y_length=4.7, tips=False,
                  axis_config={"color": C("muted"), "stroke_width": 2})
        ax.move_to([3.35, -1.05, 0])
        ticks = tick_labels(ax, row.x_ticks, row.y_ticks, size=16)
        cf = clipped_curve(ax, row.x_f, row.f, C("function"), 5)
        cd = clipped_curve(ax, row.x_df, row.df, C("derivative"), 3)  # thinner, on top (e^x = e^x')
        cap_f = formula(f"f(x) = {fn.instance_formula}", 30, C("function"))
        cap_d = formula(f"f'(x) = {fn.instance_derivative_formula}", 30, C("derivative"))
        caps = VGroup(cap_f, cap_d).arrange(RIGHT, buff=0.6)
        if row.params:
            caps.add(formula(_params_text(row.params), 26, C("muted")))
            caps.arrange(RIGHT, buff=0.5)
        caps.next_to(ax, UP, buff=0.35)
        d, dd = _interval_text(fn.domain), _interval_text(fn.df_domain)
        dom = label(tr("s02.domain", d=d) if d == dd else tr("s02.domains", d=d, dd=dd),
                    18, C("muted"))
        dom.next_to(caps, UP, buff=0.2)
        ends = VGroup(*(Dot(ax.c2p(x, y), radius=0.06, color=C("function")) for x, y in row.ends))
        return VGroup(VGroup(ax, ticks, caps, dom), cf, VGroup(cd, ends))

    def show_function(self, row, k: int):
        row_mob = self._row(row, k)
        marker = SurroundingRectangle(row_mob, color=C("tangent"), buff=0.1, corner_radius=0.08)
        marker.stretch_to_fit_width(5.3).move_to([(self.col_x[0] + self.col_x[1]) / 2,
                                                  row_mob.get_y(), 0])
        graph = self._graph(row)
        frame, cf, cd = graph
        anims = [Write(row_mob), FadeIn(frame)]
        anims.append(Transform(self.marker, marker) if self.marker else Create(marker))
        if self.graph is not None:
            anims.append(FadeOut(self.graph))
        self.play(AnimationGroup(*anims), run_time=0.7)
        if self.marker is None:
            self.marker = marker
        self.play(Create(cf), Create(cd), run_time=1.0)
        self.wait(STEP_WAIT)
        self.page.add(row_mob)
        self.graph = graph

    def turn_page(self):
        self.play(FadeOut(self.page), FadeOut(self.marker), run_time=0.5)
        self.page = VGroup()
        self.marker = None

    def show_closing(self):
        note = say("s02.closing", SMALL_SIZE, C("muted")).to_edge(DOWN, buff=0.25)
        note.set_x(-3.9)
        self.play(FadeIn(note), run_time=0.5)
        self.wait(1.5)


def _interval_text(d) -> str:
    def end(v):
        if not np.isfinite(v):
            return "∞" if v > 0 else "−∞"
        k = v / (np.pi / 2)   # the ends of tan's principal branch read as multiples of pi/2
        if v != 0 and abs(k - round(k)) < 1e-12:
            k = int(round(k))
            num = abs(k) // 2 if abs(k) % 2 == 0 else abs(k)
            s = ("" if num == 1 else str(num)) + "π" + ("/2" if abs(k) % 2 else "")
            return ("−" if k < 0 else "") + s
        return fmt(v, 4)
    lb = "[" if d.lo_closed else "("
    rb = "]" if d.hi_closed else ")"
    return f"{lb}{end(d.lo)}, {end(d.hi)}{rb}"
