"""Section 5: the sum, product and quotient rules, each stated and then checked on u = sin x,
v = x^2 at a point against an independent numerical derivative; the product rule also as the
classic picture of a growing rectangle."""

from __future__ import annotations

import numpy as np
from manim import (DOWN, LEFT, RIGHT, UP, UR, FadeIn, FadeOut, Rectangle,
                   ValueTracker, VGroup, Write, always_redraw, smooth)

from .style import (BODY_SIZE, SMALL_SIZE, C, GlyphLine, LectureScene, fmt, formula, label, say,
                    typst_number)

SCALE = 2.4                       # screen units per unit of u and v in the picture
STATEMENTS = {  # each rule's general statement, in Typst
    "sum": "(u + v)' = u' + v'",
    "product": "(u v)' = u v' + v u'",
    "quotient": "(u / v)' = (v u' - u v') / v^2",
}
PANEL_X = 2.45                    # centre of the right-hand panel
READOUT_AT = (3.0, -1.75)         # left end and middle of the picture's readout


def readout_lines(r) -> list[tuple[str, str]]:
    """The picture's readout for the lesson's rectangle ``r``: (text, colour meaning) per line."""
    return [(f"dx = {fmt(r.dx, 2)}", "point"), (f"u dv = {fmt(r.u_dv, 3)}", "derivative"),
            (f"v du = {fmt(r.v_du, 3)}", "derivative"), (f"du dv = {fmt(r.du_dv, 3)}", "gradient"),
            (f"du dv / dx = {fmt(r.corner_per_dx, 3)}", "gradient")]


def _p(x: float) -> str:
    """A number inside a Typst formula, in parentheses when negative."""
    s = fmt(x)
    return f"({s})" if x < 0 else s


class SumProductQuotientRules(LectureScene):
    """Each rule stated, then checked at x0 digit by digit; the product rule as a
    rectangle whose corner vanishes."""
    SECTION = 5
    LESSON = "rules"

    def construct(self):
        self.show_title()
        self.show_example_pair()
        self.show_rule("sum")
        self.show_rule("product", picture=True)
        self.show_rule("quotient")
        self.wait(1.5)

    # --- the pair u, v -------------------------------------------------------------------

    def show_example_pair(self):
        d = self.lesson
        head = say("s05.example", SMALL_SIZE, C("muted"))
        defs = VGroup(formula(f"u(x) = {d.u_fn.instance_formula}", 32, C("function")),
                      formula(f"v(x) = {d.v_fn.instance_formula}", 32, C("function")),
                      formula(f"x_0 = {fmt(d.x0)}", 32, C("point")))
        vals = VGroup(formula(f"u(x_0) = {fmt(d.u)}", 30, C("function")),
                      formula(f"v(x_0) = {fmt(d.v)}", 30, C("function")),
                      formula(f"u'(x_0) = {fmt(d.du)}", 30, C("derivative")),
                      formula(f"v'(x_0) = {fmt(d.dv)}", 30, C("derivative")))
        defs.arrange(DOWN, aligned_edge=LEFT, buff=0.3)
        vals.arrange(DOWN, aligned_edge=LEFT, buff=0.3)
        left = VGroup(head, defs, vals).arrange(DOWN, aligned_edge=LEFT, buff=0.5)
        left.to_edge(LEFT, buff=0.5).set_y(-0.2)
        self.play(FadeIn(head), Write(defs), run_time=1.2)
        self.play(FadeIn(vals, shift=RIGHT * 0.2), run_time=1.0)
        self.wait(0.6)
        self.page = None

    # --- one rule ------------------------------------------------------------------------

    def show_rule(self, name: str, picture: bool = False):
        if self.page is not None:
            self.play(FadeOut(self.page), run_time=0.5)
        heading = say(f"s05.{name}", BODY_SIZE, C("tangent")).move_to([PANEL_X, 3.0, 0])
        statement = formula(STATEMENTS[name], 44).next_to(heading, DOWN, buff=0.35)
        statement.set_x(PANEL_X)
        self.play(FadeIn(heading), Write(statement), run_time=1.1)
        self.page = VGroup(heading, statement)
        if picture:
            self.show_rectangle_picture()
        self.show_check(name, statement)

    def show_check(self, name: str, statement):
        d = self.lesson
        c = d.check(name)
        u, v, du, dv = d.u, d.v, d.du, d.dv
        subst = {
            "sum": f"{_p(du)} + {_p(dv)}",
            "product": f"{_p(u)} dot {_p(dv)} + {_p(v)} dot {_p(du)}",
            "quotient": f"({_p(v)} dot {_p(du)} - {_p(u)} dot {_p(dv)}) / {_p(v)}^2",
        }[name]
        lhs = {"sum": "(u + v)'", "product": "(u v)'", "quotient": "(u / v)'"}[name]
        line = formula(f"{lhs}(x_0) = {subst} approx {fmt(c.by_rule)}", 34)
        line.next_to(statement, DOWN, buff=0.55).set_x(PANEL_X)
        if line.width > 8.6:
            line.scale_to_fit_width(8.6)

        k = c.agreeing_digits
        rule_num = fmt(c.by_rule, d.digits)
        num_num = fmt(c.numeric, d.digits)
        cut = _prefix_chars(num_num, k)
        names = VGroup(say("s05.by_rule", SMALL_SIZE, C("derivative")),
                       say(_method_key(d.method), SMALL_SIZE, C("secant")),
                       say("s05.difference", SMALL_SIZE, C("muted")))
        names.arrange(DOWN, aligned_edge=LEFT, buff=0.35)
        nums = VGroup(label(rule_num, BODY_SIZE, C("derivative")),
                      VGroup(label(num_num[:cut], BODY_SIZE, C("secant")),
                             label(num_num[cut:] or " ", BODY_SIZE, C("muted"))),
                      formula(typst_number(c.difference, 2), 36, C("muted")))
        nums[1].arrange(RIGHT, buff=0.02, aligned_edge=DOWN)
        for n_, lab in zip(nums, names):
            n_.next_to(lab, RIGHT, buff=0.5)
            n_.set_y(lab.get_y())
        x_num = max(lab.get_right()[0] for lab in names) + 0.5
        for n_ in nums:
            n_.align_to([x_num, 0, 0], LEFT)
        table = VGroup(names, nums)
        table.next_to(line, DOWN, buff=0.6).set_x(PANEL_X)
        agree = say("s05.agree", SMALL_SIZE, C("secant"), k=k).next_to(table, DOWN, buff=0.4)
        agree.set_x(PANEL_X)
        self.play(Write(line), run_time=1.2)
        self.play(FadeIn(names[0]), FadeIn(nums[0]), run_time=0.6)
        self.play(FadeIn(names[1]), FadeIn(nums[1]), run_time=0.6)
        self.play(FadeIn(names[2]), FadeIn(nums[2]), FadeIn(agree), run_time=0.6)
        self.wait(1.8)
        self.page.add(line, table, agree)

    # --- the product rule as a growing rectangle -----------------------------------------

    def show_rectangle_picture(self):
        les = self.lesson
        dx = ValueTracker(les.dx_start)
        origin = np.array([-1.2, -3.45, 0])

        def piece(x0, y0, w, h, color, opacity):
            r = Rectangle(width=max(w * SCALE, 1e-3), height=max(h * SCALE, 1e-3),
                          stroke_color=C("text"), stroke_width=1.5, fill_color=color,
                          fill_opacity=opacity)
            return r.move_to(origin + SCALE * np.array([x0 + w / 2, y0 + h / 2, 0]))

        def pieces():
            p = les.rectangle(dx.get_value())
            u, v, du, dv = p.u, p.v, p.du, p.dv
            return VGroup(piece(0, 0, u, v, C("function"), 0.35),
                          piece(0, v, u, dv, C("derivative"), 0.55),     # u dv
                          piece(u, 0, du, v, C("derivative"), 0.55),     # v du
                          piece(u, v, du, dv, C("gradient"), 0.8))       # du dv

        rects = always_redraw(pieces)
        base = pieces()[0]
        lab_u = formula("u", 30, C("function")).next_to(base, DOWN, buff=0.12)
        lab_v = formula("v", 30, C("function")).next_to(base, LEFT, buff=0.12)
        lab_uv = formula("u v", 32).move_to(base)
        lab_du = formula("d u", 26, C("derivative"))
        lab_dv = formula("d v", 26, C("derivative"))
        lab_udv = formula("u thin d v", 28, C("derivative"))
        lab_vdu = formula("v thin d u", 28, C("derivative"))
        lab_dudv = formula("d u thin d v", 26, C("gradient"))

        def follow(m, k, side_, buff=0.12):
            m.add_updater(lambda mob: mob.next_to(rects[k], side_, buff=buff))
            return m

        follow(lab_du, 2, DOWN)
        follow(lab_dv, 1, LEFT)
        follow(lab_udv, 1, UP)
        follow(lab_vdu, 2, RIGHT)
        lab_dudv.add_updater(lambda m: m.next_to(rects[3], UR, buff=0.08))
        labels = VGroup(lab_u, lab_v, lab_uv, lab_du, lab_dv, lab_udv, lab_vdu, lab_dudv)
        nums = self._readout(lambda: les.rectangle(dx.get_value()))
        self.play(FadeIn(rects), FadeIn(lab_u), FadeIn(lab_v), FadeIn(lab_uv), run_time=0.8)
        self.play(FadeIn(VGroup(*labels[3:])), FadeIn(nums), run_time=0.8)
        self.wait(1.2)
        self.play(dx.animate.set_value(les.dx_end), run_time=3.0, rate_func=smooth)
        result = formula("d(u v) = u thin d v + v thin d u", 36, C("tangent"))
        result.move_to([PANEL_X, 1.25, 0])
        note = say("s05.corner", SMALL_SIZE, C("gradient"))
        note.next_to(result, DOWN, buff=0.25).set_x(PANEL_X)
        self.play(FadeIn(note), Write(result), run_time=1.0)
        self.wait(1.8)
        for m in labels:
            m.clear_updaters()
        rects.clear_updaters()
        nums.clear_updaters()
        self.play(FadeOut(VGroup(rects, labels, nums, note, result)), run_time=0.5)

    def _readout(self, rectangle) -> VGroup:
        """The picture's readout lines, re-set every frame from glyphs cut once (no Text laid
        out per frame), on the baselines the lines of the last rectangle would take."""
        last = readout_lines(self.lesson.rectangle(self.lesson.dx_end))
        ref = VGroup(*(label(s, BODY_SIZE) for s, _ in last)).arrange(DOWN, aligned_edge=LEFT,
                                                                      buff=0.25)
        ref.next_to([*READOUT_AT, 0], RIGHT, buff=0)
        lines = VGroup(*(GlyphLine(BODY_SIZE, C(meaning), 32)
                         .at([READOUT_AT[0], r[0].get_bottom()[1], 0])
                         for (s, meaning), r in zip(last, ref)))

        def show(group):
            self.readout = [s for s, _ in readout_lines(rectangle())]
            for line, s in zip(group, self.readout):
                line.set(s)
        lines.add_updater(show)
        show(lines)
        return lines


def _method_key(method: str) -> str:
    return {"five_point": "s05.numeric", "complex_step": "s05.numeric_cs",
            "central": "s05.numeric_c", "forward": "s05.numeric_f"}[method]


def _prefix_chars(s: str, k: int) -> int:
    """The number of characters of ``s`` that hold its first ``k`` significant digits."""
    seen, started = 0, False
    for i, ch in enumerate(s):
        if ch.isdigit():
            if ch != "0":
                started = True
            if started:
                seen += 1
                if seen == k:
                    return i + 1
    return len(s)
