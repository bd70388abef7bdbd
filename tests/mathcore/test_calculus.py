"""mathcore.calculus: orders of accuracy as log-log slopes, closed-form integrals, tangents, differentials.

findiff's habit: a lower-order method must fail a tolerance the higher-order one passes.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from mathcore import calculus, functions
from oracles import EPS, assert_close, loglog_slope

SIN = functions.get("sin")
EXP = functions.get("exp")

# --- orders of accuracy --------------------------------------------------------

# h where truncation error dominates rounding for each stencil (f = sin at x = 1)
H_FIRST = np.logspace(-1, -5, 9)
H_SECOND = np.logspace(-1, -3.5, 8)
H_FOURTH = np.logspace(-0.7, -2, 7)


def test_secant_slope_is_the_difference_quotient():
    a, h = 0.7, np.array([0.5, 0.1, -0.1, 1e-3, -1e-4])
    expected = (np.exp(a + h) - math.exp(a)) / h
    assert_close(calculus.secant_slope(EXP, a, h), expected, rtol=1e-13, what="secant slopes")
    assert isinstance(calculus.secant_slope(EXP, a, 0.1), float)
    # a plain callable works as well as a Function
    assert calculus.secant_slope(lambda x: x ** 2, 3.0, 0.5) == pytest.approx(6.5, rel=1e-15)


def test_secant_slope_error_is_first_order():
    a = 1.0
    err = np.abs(calculus.secant_slope(SIN, a, H_FIRST) - math.cos(a))
    assert loglog_slope(H_FIRST, err) == pytest.approx(1.0, abs=0.05)
    # and the constant is the one Taylor predicts: err / h -> |f''(a)| / 2
    assert err[-1] / H_FIRST[-1] == pytest.approx(math.sin(a) / 2, rel=1e-3)


@pytest.mark.parametrize("method, order, hs", [
    ("forward", 1, H_FIRST), ("central", 2, H_SECOND), ("five_point", 4, H_FOURTH)])
@pytest.mark.parametrize("fn, x, dfx", [
    (SIN, 1.0, math.cos(1.0)), (EXP, 0.3, math.exp(0.3)), (functions.get("arctan"), 0.8, 1 / 1.64)])
def test_finite_difference_order_is_the_log_log_slope(method, order, hs, fn, x, dfx):
    err = np.array([abs(calculus.derivative(fn, x, method=method, h=h) - dfx) for h in hs])
    assert loglog_slope(hs, err) == pytest.approx(order, abs=0.1), err


def test_lower_order_stencil_fails_where_the_higher_one_passes():
    x, h, exact = 1.0, 1e-2, math.cos(1.0)
    err = {m: abs(calculus.derivative(SIN, x, method=m, h=h) - exact)
           for m in ("forward", "central", "five_point")}
    assert err["forward"] > 1e-4 > err["central"]
    assert err["central"] > 1e-8 > err["five_point"]


def test_derivative_is_vectorised_over_x():
    xs = np.linspace(-3, 3, 13)
    d = calculus.derivative(SIN, xs)
    assert d.shape == xs.shape
    assert_close(d, np.cos(xs), rtol=1e-9, atol=1e-10)


# f, f' in closed form, points where the default step's accuracy is the textbook one
DEFAULT_CASES = [
    ("sin", np.sin, np.cos, np.linspace(-4, 4, 41)),
    ("exp", np.exp, np.exp, np.linspace(-4, 4, 41)),
    ("arctan", np.arctan, lambda x: 1 / (1 + x * x), np.linspace(-4, 4, 41)),
    ("sigmoid", None, lambda x: np.exp(-x) / (1 + np.exp(-x)) ** 2, np.linspace(-4, 4, 41)),
    ("tanh", np.tanh, lambda x: 1 / np.cosh(x) ** 2, np.linspace(-4, 4, 41)),
    ("ln", np.log, lambda x: 1 / x, np.linspace(1, 20, 39)),
]


@pytest.mark.parametrize("name, _f, df, xs", DEFAULT_CASES, ids=[c[0] for c in DEFAULT_CASES])
def test_default_central_step_reaches_1e10_relative(name, _f, df, xs):
    d = calculus.derivative(functions.get(name), xs)
    scale = np.maximum(1.0, np.abs(df(xs)))
    assert np.max(np.abs(d - df(xs)) / scale) < 2e-10


@pytest.mark.parametrize("name, _f, df, xs", DEFAULT_CASES, ids=[c[0] for c in DEFAULT_CASES])
def test_default_complex_step_reaches_machine_precision(name, _f, df, xs):
    d = calculus.derivative(functions.get(name), xs, method="complex_step")
    assert_close(d, df(xs), rtol=4 * EPS, atol=4 * EPS, what=f"complex step on {name}")


def test_default_five_point_beats_central_beats_forward():
    xs = np.linspace(-2, 2, 21)
    err = {m: np.max(np.abs(calculus.derivative(EXP, xs, method=m) - np.exp(xs)))
           for m in ("forward", "central", "five_point")}
    assert err["forward"] > 1e-9 > err["central"] > err["five_point"]
    assert err["five_point"] < 1e-11


# --- tangent lines ----------------------------------------------------------

# name, f, f', bound on |f''| over an interval [lo, hi], where a is drawn from
TANGENT_CASES = [
    ("sin", math.sin, math.cos, lambda lo, hi: 1.0, (-6, 6)),
    ("exp", math.exp, math.exp, lambda lo, hi: math.exp(hi), (-4, 4)),
    ("arctan", math.atan, lambda x: 1 / (1 + x * x), lambda lo, hi: 0.65, (-5, 5)),
    ("ln", math.log, lambda x: 1 / x, lambda lo, hi: 1 / lo ** 2, (0.2, 10)),
    ("tanh", math.tanh, lambda x: 1 / math.cosh(x) ** 2, lambda lo, hi: 0.77, (-4, 4)),
]


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(TANGENT_CASES), st.floats(0, 1))
def test_tangent_line_touches_the_curve(case, u):
    name, f, df, d2_bound, (lo, hi) = case
    a = lo + u * (hi - lo)
    line = calculus.tangent_line(functions.get(name), a)
    assert line(a) == pytest.approx(f(a), rel=1e-15, abs=1e-15)
    assert line.point == (a, line.fa)
    assert line.slope == pytest.approx(df(a), rel=1e-14, abs=1e-15)
    assert line.intercept == pytest.approx(f(a) - df(a) * a, rel=1e-12, abs=1e-12)
    # (f(a+h) - line(a+h)) / h -> 0, at the rate |f''| h / 2 of Taylor's remainder
    ratios = []
    for h in (1e-1, 1e-2, 1e-3, 1e-4, -1e-4, -1e-2):
        r = abs(f(a + h) - line(a + h)) / abs(h)
        m = d2_bound(min(a, a + h), max(a, a + h))
        rounding = 8 * EPS * (abs(f(a)) + abs(f(a + h)) + abs(df(a) * h)) / abs(h)
        assert r <= m * abs(h) / 2 + rounding, (name, a, h, r)
        ratios.append(r)
    assert ratios[3] < 2e-4 * max(1.0, d2_bound(a - 1e-4, a + 1e-4))


def test_tangent_line_of_a_plain_callable_uses_a_stencil():
    line = calculus.tangent_line(lambda x: x ** 3 - 2 * x, 1.5)
    assert line.slope == pytest.approx(3 * 1.5 ** 2 - 2, rel=1e-11)
    assert line(1.5) == pytest.approx(1.5 ** 3 - 3.0, rel=1e-15)


def test_tangent_line_uses_a_given_derivative():
    line = calculus.tangent_line(lambda x: x ** 2, 3.0, df=lambda x: 2 * x)
    assert (line.slope, line.intercept) == (6.0, -9.0)
    assert line(np.array([0.0, 1.0])).tolist() == [-9.0, -3.0]


def test_tangent_line_at_the_kink_uses_the_lectures_convention():
    assert calculus.tangent_line(functions.get("relu"), 0.0).slope == 0.0
    assert calculus.tangent_line(functions.get("elu", alpha=0.5), 0.0).slope == 0.5


# --- the differential -----------------------------------------------------------

@pytest.mark.parametrize("name, f, df, d2, x", [
    ("sin", math.sin, math.cos, lambda x: -math.sin(x), 0.9),
    ("exp", math.exp, math.exp, math.exp, -0.4),
    ("ln", math.log, lambda x: 1 / x, lambda x: -1 / x ** 2, 2.0),
])
def test_differential_dy_is_along_the_tangent_and_delta_y_along_the_curve(name, f, df, d2, x):
    fn = functions.get(name)
    dxs = np.array([0.5, 0.1, 0.03, 1e-2, 3e-3, 1e-3])
    dy, delta = calculus.differential(fn, x, dxs)
    assert_close(dy, df(x) * dxs, rtol=1e-15, what="dy = f'(x) dx")
    assert_close(delta, [f(x + d) - f(x) for d in dxs], rtol=1e-13, what="Δy")
    gap = np.abs(delta - dy)
    assert loglog_slope(dxs, gap) == pytest.approx(2.0, abs=0.1)
    # (Δy - dy) / dx² -> f''(x) / 2
    assert (delta[-1] - dy[-1]) / dxs[-1] ** 2 == pytest.approx(d2(x) / 2, rel=2e-3)
    one = calculus.differential(fn, x, 0.1)
    assert isinstance(one[0], float) and isinstance(one[1], float)
    assert one == pytest.approx((df(x) * 0.1, f(x + 0.1) - f(x)), rel=1e-13)


# --- Riemann sums and integrals -------------------------------------------------

NS = 2 ** np.arange(3, 11)


@pytest.mark.parametrize("rule, order", [("left", -1), ("right", -1), ("midpoint", -2),
                                         ("trapezoid", -2)])
@pytest.mark.parametrize("f, a, b, exact", [
    (np.exp, 0.0, 1.0, math.e - 1),
    (np.sin, 0.0, 2.0, 1 - math.cos(2.0)),
    (lambda x: 1 / (1 + x * x), -1.0, 2.0, math.atan(2.0) + math.atan(1.0)),
])
def test_riemann_sum_error_has_the_rules_order(rule, order, f, a, b, exact):
    err = np.array([abs(calculus.riemann_sum(f, a, b, int(n), rule) - exact) for n in NS])
    assert loglog_slope(NS, err) == pytest.approx(order, abs=0.1), err


def test_left_sum_fails_where_the_midpoint_sum_passes():
    exact = math.e - 1
    left = calculus.riemann_sum(np.exp, 0.0, 1.0, 64, "left")
    mid = calculus.riemann_sum(np.exp, 0.0, 1.0, 64, "midpoint")
    assert abs(left - exact) > 1e-3 > abs(mid - exact)
    # for an increasing function left undershoots and right overshoots
    assert left < exact < calculus.riemann_sum(np.exp, 0.0, 1.0, 64, "right")


def test_trapezoid_error_is_minus_twice_the_midpoint_error():
    exact = math.e - 1
    n = 200
    e_mid = calculus.riemann_sum(np.exp, 0, 1, n, "midpoint") - exact
    e_trap = calculus.riemann_sum(np.exp, 0, 1, n, "trapezoid") - exact
    assert e_trap / e_mid == pytest.approx(-2.0, rel=1e-3)
    # and the constant: the midpoint sum undershoots a convex f by h² ∫f''/24 = h² (e - 1) / 24
    assert e_mid == pytest.approx(-(math.e - 1) / (24 * n * n), rel=1e-3)


@pytest.mark.parametrize("rule, at", [("left", lambda e: e[:-1]), ("right", lambda e: e[1:]),
                                      ("midpoint", lambda e: (e[:-1] + e[1:]) / 2)])
def test_riemann_rectangles_sit_on_the_rules_points(rule, at):
    f = lambda x: x ** 2 + 1
    p = calculus.riemann_rectangles(f, -1.0, 2.0, 6, rule)
    edges = -1.0 + 0.5 * np.arange(7)
    assert p.rule == rule
    assert_close(p.edges, edges, rtol=0, atol=1e-15)
    assert_close(p.heights, f(at(edges)), rtol=1e-15)
    assert p.width == pytest.approx(0.5, rel=1e-15)
    assert p.total == pytest.approx(0.5 * sum(f(at(edges))), rel=1e-14)


def test_trapezoids_come_as_rectangles_of_equal_area():
    f = lambda x: x ** 3
    p = calculus.riemann_rectangles(f, 0.0, 1.0, 4, "trapezoid")
    e = np.array([0, 0.25, 0.5, 0.75, 1.0])
    assert_close(p.heights, (f(e[:-1]) + f(e[1:])) / 2, rtol=1e-15)
    # the trapezoid rule by hand: h (f0/2 + f1 + f2 + f3 + f4/2)
    assert p.total == pytest.approx(0.25 * (0 / 2 + f(0.25) + f(0.5) + f(0.75) + 1 / 2), rel=1e-15)


def test_riemann_sum_of_a_constant_broadcasts():
    assert calculus.riemann_sum(lambda x: 3.0, 0.0, 2.0, 5, "left") == pytest.approx(6.0, rel=1e-15)


@pytest.mark.parametrize("f, a, b, exact", [
    (functions.get("sin"), 0.0, math.pi, 2.0),
    (functions.get("exp"), 0.0, 1.0, math.e - 1),
    (functions.get("ln"), 1.0, math.e, 1.0),
    (lambda x: 1 / x, 1.0, 2.0, math.log(2)),
    (functions.get("power", n=3), -1.0, 2.0, (16 - 1) / 4),
    (functions.get("power", n=0.5), 0.0, 4.0, 16 / 3),
    (functions.get("arctan"), 0.0, 1.0, math.pi / 4 - math.log(2) / 2),
    (lambda x: 1 / (1 + x * x), -1.0, 1.0, math.pi / 2),
    (functions.get("sigmoid"), -3.0, 3.0, 3.0),  # σ(x) + σ(-x) = 1
    (functions.get("cos"), -1.0, 0.5, math.sin(0.5) + math.sin(1.0)),
    (lambda x: math.exp(-x * x), -6.0, 6.0, math.sqrt(math.pi) * math.erf(6.0)),
    # harder for quadrature: endpoint singularities and fast oscillation
    (lambda x: math.log(x), 0.0, 1.0, -1.0),
    (lambda x: x ** -0.5, 0.0, 1.0, 2.0),
    (lambda x: math.sin(50 * x), 0.0, 1.0, (1 - math.cos(50.0)) / 50),
])
def test_integrate_matches_closed_forms(f, a, b, exact):
    assert calculus.integrate(f, a, b) == pytest.approx(exact, rel=1e-12, abs=1e-12)


def test_integrate_over_an_empty_interval_is_zero():
    assert calculus.integrate(EXP, 1.5, 1.5) == 0.0


def test_riemann_sums_converge_to_integrate():
    exact = calculus.integrate(np.cos, 0.0, 1.2)
    assert calculus.riemann_sum(np.cos, 0.0, 1.2, 4000, "midpoint") == pytest.approx(exact, rel=1e-7)


# --- bad input ----------------------------------------------------------------------

@pytest.mark.parametrize("call", [
    lambda: calculus.secant_slope(SIN, 1.0, 0.0),
    lambda: calculus.secant_slope(SIN, 1.0, [0.1, 0.0]),
    lambda: calculus.secant_slope(SIN, 1.0, math.nan),
    lambda: calculus.secant_slope(SIN, math.inf, 0.1),
    lambda: calculus.derivative(SIN, 1.0, h=0.0),
    lambda: calculus.derivative(SIN, 1.0, h=-1e-3),
    lambda: calculus.derivative(SIN, 1.0, h=math.inf),
    lambda: calculus.derivative(SIN, 1.0, method="backward"),
    lambda: calculus.riemann_sum(SIN, 0.0, 1.0, 0),
    lambda: calculus.riemann_sum(SIN, 0.0, 1.0, -3),
    lambda: calculus.riemann_sum(SIN, 0.0, 1.0, 2.5),
    lambda: calculus.riemann_sum(SIN, 1.0, 1.0, 4),
    lambda: calculus.riemann_sum(SIN, 2.0, 1.0, 4),
    lambda: calculus.riemann_sum(SIN, 0.0, math.inf, 4),
    lambda: calculus.riemann_sum(SIN, 0.0, 1.0, 4, rule="simpson"),
    lambda: calculus.riemann_rectangles(functions.get("ln"), -1.0, 1.0, 4),
    lambda: calculus.tangent_line(functions.get("ln"), -1.0),
    lambda: calculus.tangent_line(functions.get("ln"), 0.0),
    lambda: calculus.tangent_line(functions.get("tan"), math.pi / 2),
    lambda: calculus.tangent_line(functions.get("arcsin"), 1.5),
    lambda: calculus.tangent_line(functions.get("power", n=-1), 0.0),
    lambda: calculus.tangent_line(SIN, math.nan),
    lambda: calculus.differential(SIN, 1.0, math.inf),
    lambda: calculus.integrate(SIN, 0.0, math.inf),
], ids=lambda c: "")
def test_bad_input_raises_value_error(call):
    with np.errstate(all="ignore"), pytest.raises(ValueError):
        call()


def test_unknown_method_and_rule_name_the_allowed_ones():
    with pytest.raises(ValueError, match="central"):
        calculus.derivative(SIN, 1.0, method="backward")
    with pytest.raises(ValueError, match="midpoint"):
        calculus.riemann_sum(SIN, 0.0, 1.0, 4, rule="simpson")


def test_tangent_line_where_the_slope_is_infinite_is_refused():
    # arcsin is defined at 1 but has no finite derivative there
    with np.errstate(divide="ignore"):
        with pytest.raises(ValueError):
            calculus.tangent_line(functions.get("arcsin"), 1.0)
