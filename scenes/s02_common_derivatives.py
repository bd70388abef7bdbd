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

#: concrete parameters for the graphs (the table shows the general formula)
PARAMS = {"power": {"n": 3}, "exp_base": {"a": 2}, "log_base": {"a": 2}}
#: where each graph is drawn: x window, y window, tick steps (the domain cuts it further)
VIEWS = {
    "power":    ((-2.2, 2.2), (-4.0, 6.0), 1, 2),
    "exp":      ((-3.0, 2.2), (-1.0, 6.0), 1, 1),
    "exp_base": ((-3.0, 3.0), (-1.0, 6.0), 1, 1),
    "ln":       ((-0.5, 5.0), (-3.0, 3.0), 1, 1),
    "log_base": ((-0.5, 5.0), (-3.0, 3.0), 1, 1),
    "sin":      ((-6.5, 6.5), (-1.5, 1.5), 1, 1),
    "cos":      ((-6.5, 6.5), (-1.5, 1.5), 1, 1),
    "tan":      ((-2.0, 2.0), (-4.0, 4.0), 1, 1),
    "arcsin":   ((-1.5, 1.5), (-2.0, 4.0), 0.5, 1),
    "arccos":   ((-1.5, 1.5), (-4.0, 4.0), 0.5, 1),
    "arctan":   ((-5.0, 5.0), (-2.0, 2.0), 1, 1),
}
TICKS = {  # which ticks get a number
    "power": ((-2, 2), (-4, 6)), "exp": ((-3, 2), (5,)), "exp_base": ((-3, 3), (5,)),
    "ln": ((1, 5), (-3, 3)), "log_base": ((1, 5), (-3, 3)), "sin": ((-6, 6), (-1,)),
    "cos": ((-6, 6), (-1,)), "tan": ((-2, 2), (-4, 4)), "arcsin": ((-1, 1), (-2, 4)),
    "arccos": ((-1, 1), (-4, 4)), "arctan": ((-5, 5), (-2, 2)),
}
MARGIN = 1e-3          # how far an open end of a domain is kept away
SAMPLES = 1500
PAGE_BREAK = 6         # the lecture's table breaks after sin x
ROW_H = 0.98
STEP_WAIT = 1.1


def table() -> list:
    return [functions.get(name, **PARAMS.get(name, {})) for name in functions.TABLE]


def _sampled(fn, which: str, view) -> tuple[np.ndarray, np.ndarray]:
    dom = fn.domain if which == "f" else fn.df_domain
    lo, hi = dom.clip(*view, margin=MARGIN)
    xs = np.linspace(lo, hi, SAMPLES)
    xs = xs[dom.contains(xs)]
    g = fn.f if which == "f" else fn.df
    with np.errstate(all="ignore"):
        return xs, np.asarray(g(xs), dtype=float)


def data() -> dict:
    """What the scene shows: for each function of the table, its parameters, formulas and the
    sampled graphs of f and f' on their domains."""
    rows = []
    for fn in table():
        xw, yw, _, _ = VIEWS[fn.name]
        xf, yf = _sampled(fn, "f", xw)
        xd, yd = _sampled(fn, "df", xw)
        rows.append({"name": fn.name, "params": dict(fn.params), "formula": fn.formula,
                     "derivative_formula": fn.derivative_formula,
                     "instance_formula": fn.instance_formula,
                     "instance_derivative_formula": fn.instance_derivative_formula,
                     "x_range": xw, "y_range": yw, "x_f": xf, "f": yf, "x_df": xd, "df": yd})
    return {"rows": rows}


def _params_text(fn) -> str:
    return ", ".join(f"{k} = {fmt(v)}" for k, v in fn.params.items())


class DerivativeTable(LectureScene):
    SECTION = 2

    def construct(self):
        self.show_title()
        self.show_header()
        rows = table()
        for i, fn in enumerate(rows):
            if i == PAGE_BREAK:
                self.turn_page()
            self.show_function(fn, i % PAGE_BREAK)
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

    def _row(self, fn, k: int) -> VGroup:
        y = self.row_top - k * ROW_H
        f = formula(fn.formula, 30).move_to([self.col_x[0], y, 0])
        d = formula(fn.derivative_formula, 30, C("derivative")).move_to([self.col_x[1], y, 0])
        return VGroup(f, d)

    def _graph(self, fn) -> VGroup:
        xw, yw, xs_step, ys_step = VIEWS[fn.name]
        ax = Axes(x_range=[xw[0], xw[1], xs_step], y_range=[yw[0], yw[1], ys_step],
                  x_length=6.6, y_length=4.7, tips=False,
                  axis_config={"color": C("muted"), "stroke_width": 2})
        ax.move_to([3.35, -1.05, 0])
        ticks = tick_labels(ax, *TICKS[fn.name], size=16)
        xf, yf = _sampled(fn, "f", xw)
        xd, yd = _sampled(fn, "df", xw)
        cf = clipped_curve(ax, xf, yf, C("function"), 5)
        cd = clipped_curve(ax, xd, yd, C("derivative"), 3)   # thinner, drawn on top (e^x = e^x')
        cap_f = formula(f"f(x) = {fn.instance_formula}", 30, C("function"))
        cap_d = formula(f"f'(x) = {fn.instance_derivative_formula}", 30, C("derivative"))
        caps = VGroup(cap_f, cap_d).arrange(RIGHT, buff=0.6)
        if fn.params:
            caps.add(formula(_params_text(fn), 26, C("muted")))
            caps.arrange(RIGHT, buff=0.5)
        caps.next_to(ax, UP, buff=0.35)
        d, dd = _interval_text(fn.domain), _interval_text(fn.df_domain)
        dom = label(tr("s02.domain", d=d) if d == dd else tr("s02.domains", d=d, dd=dd),
                    18, C("muted"))
        dom.next_to(caps, UP, buff=0.2)
        ends = VGroup(*(Dot(ax.c2p(x, fn.f(x)), radius=0.06, color=C("function"))
                        for x in _closed_ends(fn.domain, xw)))
        return VGroup(VGroup(ax, ticks, caps, dom), cf, VGroup(cd, ends))

    def show_function(self, fn, k: int):
        row = self._row(fn, k)
        marker = SurroundingRectangle(row, color=C("tangent"), buff=0.1, corner_radius=0.08)
        marker.stretch_to_fit_width(5.3).move_to([(self.col_x[0] + self.col_x[1]) / 2,
                                                  row.get_y(), 0])
        graph = self._graph(fn)
        frame, cf, cd = graph
        anims = [Write(row), FadeIn(frame)]
        anims.append(Transform(self.marker, marker) if self.marker else Create(marker))
        if self.graph is not None:
            anims.append(FadeOut(self.graph))
        self.play(AnimationGroup(*anims), run_time=0.7)
        if self.marker is None:
            self.marker = marker
        self.play(Create(cf), Create(cd), run_time=1.0)
        self.wait(STEP_WAIT)
        self.page.add(row)
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


def _closed_ends(d, window) -> list:
    """The ends of a domain that belong to it and lie in the window (drawn as dots)."""
    return [v for v, closed in ((d.lo, d.lo_closed), (d.hi, d.hi_closed))
            if closed and np.isfinite(v) and window[0] <= v <= window[1]]


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
