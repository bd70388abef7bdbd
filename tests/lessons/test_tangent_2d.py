"""lessons.tangent_2d: tangents, slopes and zero-slope points against the derivative by hand."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import lessons
from lessons import tangent_2d as L

R = math.sqrt(2 / 3)      # x^3 - 2x is flat where 3x^2 = 2


def test_complete_fills_todays_defaults():
    assert L.complete({}) == {}
    assert L.complete({"function": "x"}) == {"function": "x", "range": (-3.0, 3.0)}
    own = {"function": "x", "range": (0.0, 2.0)}
    assert L.complete(own) == own == L.complete(L.complete(own))
    assert L.OPTIONS == {"function", "range"}


def test_lectures_example_is_x_cubed_minus_2x_swept_over_1_9():
    le = lessons.load("tangent_2d")
    assert not le.custom
    assert le.range == (-2.2, 2.2) and le.sweep == pytest.approx((-1.9, 1.9), abs=1e-15)
    assert le.function.instance_formula == "x^3 - 2 x"
    assert le.function.instance_derivative_formula == "3 x^2 - 2"
    np.testing.assert_allclose(le.y, le.x ** 3 - 2 * le.x, atol=1e-13)
    np.testing.assert_allclose(le.dy, 3 * le.x ** 2 - 2, atol=1e-13)
    np.testing.assert_allclose(le.zeros, [-R, R], atol=1e-12)
    np.testing.assert_allclose(le.marked, le.zeros)
    # the video's choices on the lecture's [-1.9, 1.9]: 0.9 each side, 2 s per unit of x,
    # axes 0.1 past the sweep
    assert le.half_length == pytest.approx(0.9) and le.travel_s == pytest.approx(2.0)
    assert le.axes_range == pytest.approx((-2.0, 2.0))


def test_tangents_match_the_derivative_and_a_finite_difference():
    le = lessons.load("tangent_2d")
    xs = np.linspace(-1.9, 1.9, 50)
    np.testing.assert_allclose(le.slopes(xs), 3 * xs ** 2 - 2, rtol=1e-13, atol=1e-13)
    h = 1e-5
    f = lambda x: x ** 3 - 2 * x          # noqa: E731
    np.testing.assert_allclose(le.slopes(xs), (f(xs + h) - f(xs - h)) / (2 * h), atol=1e-8)
    for x in xs[::7]:
        t = le.tangent(x)
        assert t.point == pytest.approx((x, f(x)))
        assert t(x + 1.0) - t(x) == pytest.approx(3 * x * x - 2)


def test_shown_slope_reads_zero_below_the_readouts_precision():
    le = lessons.load("tangent_2d", {"function": "x**2", "range": (-1.0, 1.0)})
    assert le.shown_slope(0.0) == 0.0
    assert le.shown_slope(1e-7) == 0.0               # 2e-7 < 5e-7
    assert le.shown_slope(0.5) == pytest.approx(1.0)


def test_rising_and_flat_half_at_the_lectures_flat_points():
    le = lessons.load("tangent_2d")
    assert le.rising(R) and not le.rising(-R)        # f'' = 6x
    # half the tangent's half length, or 0.4 of the gap to the other flat point if shorter
    assert le.flat_half(R) == pytest.approx(min(0.45, 0.4 * 2 * R))


def test_many_flat_points_four_are_marked_spread_out():
    le = lessons.load("tangent_2d", {"function": "sin(5*x)", "range": (-3.0, 3.0)})
    half = 1.9 / 2.2 * 3.0
    assert le.sweep == pytest.approx((-half, half))
    k = np.arange(-10, 10)
    expect = (k + 0.5) * math.pi / 5          # cos(5x) = 0, inside the sweep
    np.testing.assert_allclose(le.zeros, expect[np.abs(expect) <= half], atol=1e-12)
    assert len(le.zeros) == 8 and len(le.marked) == L.MAX_MARKED
    assert le.marked[0] == le.zeros[0] and le.marked[-1] == le.zeros[-1]
    assert set(le.marked) <= set(le.zeros)


def test_no_flat_points():
    le = lessons.load("tangent_2d", {"function": "exp(x)", "range": (-1.0, 2.0)})
    assert len(le.zeros) == 0 and len(le.marked) == 0
    np.testing.assert_allclose(le.slopes(le.sweep_x), np.exp(le.sweep_x), rtol=1e-13)


@settings(max_examples=60, deadline=None)
@given(a=st.floats(-500, 499), w=st.floats(1e-3, 500))
def test_one_sweep_rule_for_any_range(a, w):
    """The tangent travels over the middle 1.9/2.2 of the range, about its centre."""
    b = a + w
    le = lessons.load("tangent_2d", {"function": "x", "range": (a, b)})
    lo, hi = le.sweep
    assert a <= lo < hi <= b
    assert (lo + hi) / 2 == pytest.approx((a + b) / 2, abs=1e-9 * max(1, abs(a), abs(b)))
    assert hi - lo == pytest.approx(1.9 / 2.2 * w, rel=1e-9)
    xlo, xhi = le.axes_range                # the video's axes stay inside the range
    assert a <= xlo and xhi <= b


@pytest.mark.parametrize("n", [140, 37])
def test_the_gifs_loop_goes_there_and_back_without_a_jump(n):
    le = lessons.load("tangent_2d", {"function": "sin(x)*exp(-x/3)", "range": (0.0, 6.0)})
    xs = le.loop(n)
    half = 1.9 / 2.2 * 3
    assert len(xs) == n and xs[0] == pytest.approx(3 - half)
    assert xs.max() <= 3 + half + 1e-12 and xs.min() >= 3 - half - 1e-12
    steps = np.abs(np.diff(np.r_[xs, xs[0]]))         # the wrap-around step included
    assert steps.max() < 1.01 * math.pi * half * 2 / n * 1.0 + 1e-12
    assert abs(xs[-1] - xs[0]) == pytest.approx(abs(xs[1] - xs[0]))


def test_parameters_are_json_ready():
    p = json.loads(json.dumps(lessons.load("tangent_2d").parameters()))
    assert p["function"] == "x^3 - 2 x" and p["range"] == [-2.2, 2.2]
    assert p["sweep"] == pytest.approx([-1.9, 1.9]) and p["max_marked"] == 4
    q = lessons.load("tangent_2d", {"function": "x**3 - 3*x"}).parameters()
    assert q["function"] == "x**3 - 3*x" and q["range"] == [-3.0, 3.0]
