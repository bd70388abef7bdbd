"""lessons.derivative: the secant slopes against difference quotients by hand, the sweep's rule,
and the defaults a typed function implies."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lessons import derivative as lesson

CUBIC = {"function": "x**3 - 2*x", "point": 1.5, "range": (-2.0, 2.0)}


def test_complete_fills_range_and_point():
    assert lesson.complete({}) == {}
    assert lesson.complete({"function": "x"}) == {"function": "x", "range": (-3.0, 3.0),
                                                  "point": 1.0}
    # a = 1 moved into a range that leaves it out; a chosen point is kept
    assert lesson.complete({"function": "x", "range": (2.0, 5.0)})["point"] == 2.0
    assert lesson.complete({"function": "x", "range": (-5.0, -2.0)})["point"] == -2.0
    assert lesson.complete(CUBIC) == CUBIC
    assert lesson.complete(lesson.complete({"function": "x"})) == lesson.complete(
        {"function": "x"})


def test_range_and_point_need_a_function():
    with pytest.raises(ValueError, match="go with --function"):
        lesson.from_options({"range": (0.0, 1.0)})


def test_lecture_example_is_x_squared_at_one():
    les = lesson.from_options()
    assert not les.custom
    for view in (les.video, les.slide):
        assert view.function.params == {"n": 2} and view.a == 1.0
        assert (view.fa, view.derivative) == (1.0, 2.0)
        sw = view.sweep(50)
        np.testing.assert_allclose(sw.slopes, 2.0 + sw.h, rtol=1e-12)   # ((1+h)^2 - 1)/h
    # the video: h from 0.85 of the way to the farther end of [-0.5, 3.2], 200-fold
    assert les.video.x_range == (-0.5, 3.2) and les.video.y_range is None
    assert les.video.h_start == pytest.approx(0.85 * 2.2) and les.video.h_end == pytest.approx(
        0.85 * 2.2 / 200)
    # the slide: h from 2 to 0.01 in a fixed window
    assert (les.slide.h_start, les.slide.h_end) == (2.0, 0.01)
    assert les.slide.x_range == (-0.6, 3.4) and les.slide.y_range == (-1.5, 10.5)


def test_typed_function_against_hand_computation():
    les = lesson.from_options(CUBIC)
    assert les.custom and les.slide is les.video     # scene and GIF draw one example
    v = les.video
    f = lambda x: x ** 3 - 2 * x    # noqa: E731
    sw = v.sweep(100)
    a, h = 1.5, sw.h
    np.testing.assert_allclose(sw.slopes, (f(a + h) - f(a)) / h, rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(sw.q, np.c_[a + h, f(a + h)], rtol=1e-12)
    assert v.derivative == pytest.approx(3 * a ** 2 - 2, rel=1e-12) and v.fa == pytest.approx(f(a))
    # the farther end of [-2, 2] from 1.5 is the left one: h < 0, 0.85 of the way, 200-fold
    assert h[0] == pytest.approx(-0.85 * 3.5) and h[-1] == pytest.approx(h[0] / 200)
    np.testing.assert_allclose(v.curve_y, f(v.curve_x), rtol=1e-12, atol=1e-12)
    assert (v.curve_x[0], v.curve_x[-1]) == (-2.0, 2.0)


def test_sin_exp_and_its_derivative():
    les = lesson.from_options({"function": "sin(x)*exp(-x/3)", "point": 1.5, "range": (0.0, 6.0)})
    f = lambda x: math.sin(x) * math.exp(-x / 3)   # noqa: E731
    sw = les.video.sweep(30)
    for h, s in zip(sw.h, sw.slopes):
        assert s == pytest.approx((f(1.5 + h) - f(1.5)) / h, rel=1e-9, abs=1e-12)
    exact = math.exp(-0.5) * (math.cos(1.5) - math.sin(1.5) / 3)
    assert les.video.derivative == pytest.approx(exact, rel=1e-12)


def test_sweep_is_geometric_and_converges_linearly():
    v = lesson.from_options().slide
    sw = v.sweep(100)
    ratios = sw.h[1:] / sw.h[:-1]
    np.testing.assert_allclose(ratios, ratios[0], rtol=1e-9)
    err = np.abs(sw.slopes - v.derivative)
    assert np.all(np.diff(err) < 0) and err[-1] < 0.011
    # the error of a forward difference is first order in h: slope 1 on log-log axes
    order = np.polyfit(np.log(sw.h), np.log(err), 1)[0]
    assert order == pytest.approx(1.0, abs=1e-6)


def test_drawn_secants_pass_through_both_points():
    v = lesson.from_options(CUBIC).video
    sw = v.sweep(20)
    (x0, x1) = v.x_range
    for (qx, qy), (y0, y1) in zip(sw.q, sw.secant_y):
        line = lambda x: y0 + (y1 - y0) * (x - x0) / (x1 - x0)   # noqa: E731
        assert line(v.a) == pytest.approx(v.fa, abs=1e-9)
        assert line(qx) == pytest.approx(qy, abs=1e-9)
    t0, t1 = v.tangent_y
    assert (t1 - t0) / (x1 - x0) == pytest.approx(v.derivative)


def test_tiny_slope_is_the_functions():
    v = lesson.from_options({"function": "1e-20*x"}).video
    assert v.derivative == pytest.approx(1e-20, rel=1e-12)
    np.testing.assert_allclose(v.sweep(10).slopes, 1e-20, rtol=1e-6)


def test_parameters_are_json_and_name_every_choice():
    p = lesson.from_options(CUBIC).parameters()
    assert json.loads(json.dumps(p)) == p
    assert p["function"] == "x**3 - 2*x" and p["point"] == 1.5 and p["range"] == [-2.0, 2.0]
    assert p["h_start"] == pytest.approx(-2.975) and p["shrink"] == pytest.approx(200)
    lecture = lesson.from_options().parameters()
    assert lecture["slide"]["h_start"] == 2.0 and json.dumps(lecture)


# a range [lo, hi] and a point in it
POINT_IN_RANGE = st.builds(lambda lo, w, t: (lo + t * w, lo, lo + w), st.floats(-100, 100),
                           st.floats(0.01, 50), st.floats(0, 1))


@settings(max_examples=60, deadline=None)
@given(case=POINT_IN_RANGE)
def test_h_starts_toward_the_farther_end_and_stays_inside(case):
    a, lo, hi = case
    h0 = lesson.reach(a, lo, hi)
    assert lo - 1e-9 <= a + h0 <= hi + 1e-9
    assert abs(h0) == pytest.approx(0.85 * max(hi - a, a - lo))
    done = lesson.complete({"function": "x", "range": (lo, hi)})
    assert lo <= done["point"] <= hi
