"""lessons.differential: dy and Δy against closed forms, the gap's order, the dx sweep's rule,
the magnified inset, and the defaults a typed function implies."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest
from hypothesis import given, settings
from test_derivative import POINT_IN_RANGE

from lessons import differential as lesson

SIN = {"function": "sin(x)", "point": 0.7, "range": (-3.0, 3.0)}


def test_complete_is_section_ones():
    assert lesson.complete({}) == {}
    assert lesson.complete({"function": "x"}) == {"function": "x", "range": (-3.0, 3.0),
                                                  "point": 1.0}


def test_video_example_is_x_cubed_at_one():
    v = lesson.from_options().video
    assert v.function.params == {"n": 3.0} and v.x0 == 1.0 and v.x_range == (-0.3, 2.2)
    assert (v.fx, v.slope) == (1.0, 3.0)
    # 0.4 of the width (1.0) fits to the right of 1 (0.85 * 1.2): dx from 1 to 0.01
    assert v.dx_start == pytest.approx(1.0) and v.dx_end == pytest.approx(0.01)
    assert v.dx_mid == pytest.approx(0.45)
    sw = v.sweep(40)
    dx = sw.dx
    np.testing.assert_allclose(sw.dy, 3.0 * dx, rtol=1e-14)
    np.testing.assert_allclose(sw.delta, 3 * dx + 3 * dx ** 2 + dx ** 3, rtol=1e-12)
    np.testing.assert_allclose(sw.gap, 3 * dx ** 2 + dx ** 3, rtol=1e-9)
    np.testing.assert_allclose(sw.ratio, 3 * dx + dx ** 2, rtol=1e-9)
    assert np.all(np.diff(dx) < 0) and sw.ratio[-1] < 0.035


def test_slide_example_is_exp_at_one_half():
    les = lesson.from_options()
    v = les.slide
    assert v.function.name == "exp" and v.x0 == 0.5 and v.y_range == (-0.3, 6.2)
    assert (v.dx_start, v.dx_end) == (1.2, 0.01)
    sw = v.sweep(100)
    np.testing.assert_allclose(sw.dy, math.exp(0.5) * sw.dx, rtol=1e-12)
    np.testing.assert_allclose(sw.delta, math.exp(0.5) * np.expm1(sw.dx), rtol=1e-9)
    # gap / dx^2 -> f''(x) / 2
    assert sw.gap[-1] / sw.dx[-1] ** 2 == pytest.approx(math.exp(0.5) / 2, rel=0.01)
    r = sw.dx[1:] / sw.dx[:-1]
    np.testing.assert_allclose(r, r[0], rtol=1e-9)


@pytest.mark.parametrize("options", [{}, SIN, {"function": "exp(x)", "point": -1.0,
                                               "range": (-2.0, 3.0)}])
def test_gap_is_second_order(options):
    sw = lesson.from_options(options).video.sweep(60)
    small = np.abs(sw.dx) < 0.1
    p_dy = np.polyfit(np.log(np.abs(sw.dx[small])), np.log(np.abs(sw.dy[small])), 1)[0]
    p_gap = np.polyfit(np.log(np.abs(sw.dx[small])), np.log(np.abs(sw.gap[small])), 1)[0]
    assert p_dy == pytest.approx(1.0, abs=1e-9)
    assert p_gap == pytest.approx(2.0, abs=0.05)


def test_typed_function_sweeps_left_when_the_right_is_short():
    les = lesson.from_options(SIN)
    assert les.custom and les.slide is les.video       # scene and GIF draw one sweep
    v = les.video
    sw = v.sweep(40)
    assert v.fx == pytest.approx(math.sin(0.7), rel=1e-15)
    assert v.slope == pytest.approx(math.cos(0.7), rel=1e-14)
    np.testing.assert_allclose(sw.delta, np.sin(0.7 + sw.dx) - math.sin(0.7), rtol=1e-12,
                               atol=1e-15)
    # 0.4 of 6 is 2.4, only 2.3 lie to the right of 0.7: leftward, 100-fold
    assert sw.dx[0] == pytest.approx(-2.4) and sw.dx[-1] == pytest.approx(-0.024)
    assert np.all((0.7 + sw.dx >= -3.0) & (0.7 + sw.dx <= 3.0))
    # the axes must hold the curve and the first tangent rise
    assert v.must_show_y[-1] == pytest.approx(math.sin(0.7) - 2.4 * math.cos(0.7))


def test_typed_function_goes_right_when_there_is_room():
    v = lesson.from_options({"function": "exp(x)", "point": -1.0, "range": (-2.0, 3.0)}).video
    assert v.dx_start == pytest.approx(2.0) and v.dx_end == pytest.approx(0.02)


def test_stages_lie_on_the_one_sweep():
    """The video stops at dx_mid: its two stages are pieces of the same geometric sweep."""
    v = lesson.from_options(SIN).video
    first = v.sweep(11, end=v.dx_mid)
    second = v.sweep(31, start=v.dx_mid)
    assert first.dx[0] == pytest.approx(v.dx_start) and first.dx[-1] == pytest.approx(v.dx_mid)
    assert second.dx[0] == pytest.approx(v.dx_mid) and second.dx[-1] == pytest.approx(v.dx_end)
    assert second.row(3) == pytest.approx({"dx": second.dx[3], "dy": second.dy[3],
                                           "delta": second.delta[3], "gap": second.gap[3],
                                           "ratio": second.ratio[3]})


def test_magnified_inset_by_hand():
    v = lesson.from_options().video           # x^3 at 1: (f(1 + u d) - f(1)) / d
    sw = v.sweep(5)
    d = np.abs(sw.dx)[:, None]
    u = v.zoom_u
    np.testing.assert_allclose(sw.zoom_v, ((1 + u * d) ** 3 - 1) / d, rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(sw.dy_zoomed, 3.0, rtol=1e-12)
    assert v.u_range == (-0.25, 1.35)
    lo, hi = v.v_range
    assert lo < 0 < hi and lo <= 3 * u[0] and 3 * u[-1] <= hi and lo <= v.v_mid <= hi
    assert v.v_mid == pytest.approx(3 + 3 * 0.45 + 0.45 ** 2)


def test_parameters_are_json_and_name_every_choice():
    p = lesson.from_options(SIN).parameters()
    assert json.loads(json.dumps(p)) == p
    assert p["function"] == "sin(x)" and p["range"] == [-3.0, 3.0]
    assert p["dx_start"] == pytest.approx(-2.4) and p["shrink"] == pytest.approx(100)
    lecture = lesson.from_options().parameters()
    assert lecture["function"] == "x^3" and lecture["slide"]["function"] == "e^x"


@settings(max_examples=60, deadline=None)
@given(case=POINT_IN_RANGE)
def test_first_dx_stays_inside_the_range(case):
    x, lo, hi = case
    dx = lesson.dx_start(x, lo, hi)
    assert lo - 1e-9 <= x + dx <= hi + 1e-9
    assert abs(dx) <= 0.4 * (hi - lo) + 1e-12
