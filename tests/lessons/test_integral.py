"""lessons.integral: Riemann sums against closed forms and hand-written sums."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import lessons
from lessons import integral as L

# sin x + x/2 + 1 on [0, 5]: -cos x + x^2/4 + x
VIDEO_EXACT = (1 - math.cos(5.0)) + 0.25 * 25 + 5.0
OFFSET = {"left": 0.0, "right": 1.0, "midpoint": 0.5}


def by_hand(f, a, b, n, rule):
    h = (b - a) / n
    return h * sum(f(a + (i + OFFSET[rule]) * h) for i in range(n))


def test_complete_fills_todays_defaults():
    assert L.complete({}) == {}
    assert L.complete({"function": "x"}) == {"function": "x", "range": (-3.0, 3.0)}
    given_range = {"function": "x", "range": (0.0, 2.0)}
    assert L.complete(given_range) == given_range
    assert L.complete(L.complete({"function": "x"})) == L.complete({"function": "x"})
    assert L.OPTIONS == {"function", "range"}


def test_lectures_video_is_sin_plus_half_x_plus_1_left_sums():
    v = lessons.load("integral").video
    assert (v.a, v.b, v.ns, v.rules) == (0.0, 5.0, (4, 8, 16, 32, 64), ("left",))
    assert v.function.instance_formula == "sin x + 0.5 x + 1"
    assert v.integral == pytest.approx(VIDEO_EXACT, rel=1e-12)
    f = lambda x: math.sin(x) + 0.5 * x + 1      # noqa: E731
    for k, n in enumerate(v.ns):
        p = v.partitions["left"][k]
        np.testing.assert_allclose(p.edges, np.linspace(0, 5, n + 1), atol=1e-14)
        assert v.sums["left"][k] == pytest.approx(by_hand(f, 0, 5, n, "left"), rel=1e-13)
        assert v.errors["left"][k] == pytest.approx(v.sums["left"][k] - VIDEO_EXACT, abs=1e-11)
    # the left rule errs like 1/n: doubling n about halves the error
    e = np.abs(v.errors["left"])
    np.testing.assert_allclose(e[:-1] / e[1:], 2.0, rtol=0.11)
    assert not v.signed and v.signed_parts() == []


def test_lectures_slide_is_x_squared_on_0_2_three_rules():
    s = lessons.load("integral").slide
    assert (s.a, s.b, s.ns, s.rules) == (0.0, 2.0, (2, 4, 8, 16, 32, 64),
                                         ("left", "right", "midpoint"))
    assert s.integral == pytest.approx(8 / 3, rel=1e-13)
    for rule, order in (("left", 1), ("right", 1), ("midpoint", 2)):
        hand = [by_hand(lambda x: x * x, 0, 2, n, rule) for n in s.ns]
        np.testing.assert_allclose(s.sums[rule], hand, rtol=1e-12)
        for n, xs in zip(s.ns, s.samples[rule]):
            np.testing.assert_allclose(xs, (np.arange(n) + OFFSET[rule]) * 2 / n, atol=1e-15)
        ratios = np.abs(s.errors[rule][:-1] / s.errors[rule][1:])
        assert ratios[-1] == pytest.approx(2 ** order, rel=0.05), rule
    assert np.all(s.errors["left"] < 0) and np.all(s.errors["right"] > 0)


def test_options_make_video_and_slide_sum_the_same():
    le = lessons.load("integral", {"function": "sin(x)+2", "range": (0.0, 3.0)})
    assert le.custom and le.video.function is le.slide.function
    assert (le.video.a, le.video.b) == (le.slide.a, le.slide.b) == (0.0, 3.0)
    exact = 2 * 3 + 1 - math.cos(3)
    assert le.video.integral == le.slide.integral == pytest.approx(exact, rel=1e-12)
    # the video's n = 4 ... 64 are the slide's from its second level on: the same numbers
    np.testing.assert_array_equal(le.video.sums["left"], le.slide.sums["left"][1:])
    for rule in ("left", "right", "midpoint"):
        hand = [by_hand(lambda x: math.sin(x) + 2, 0, 3, n, rule) for n in le.slide.ns]
        np.testing.assert_allclose(le.slide.sums[rule], hand, rtol=1e-12)


def test_morph_goes_from_the_split_level_to_the_next():
    s = lessons.load("integral").slide
    for k in range(len(s.ns) - 1):
        h0, h1 = s.partitions["left"][k].heights, s.partitions["left"][k + 1].heights
        np.testing.assert_array_equal(s.split("left", k)[::2], h0)
        np.testing.assert_array_equal(s.split("left", k)[1::2], h0)
        np.testing.assert_allclose(s.morph("left", k, 0.0), s.split("left", k))
        np.testing.assert_allclose(s.morph("left", k, 1.0), h1)
        np.testing.assert_allclose(s.morph("left", k, 0.5), 0.5 * (s.split("left", k) + h1))


def test_signed_parts_of_sine_are_centroids_of_its_humps():
    v = lessons.load("integral", {"function": "sin(x)", "range": (-3.0, 3.0)}).video
    assert v.signed
    neg, pos = v.signed_parts()
    # on [0, 3]: centroid x = int x sin / int sin, y = int sin^2 / 2 / int sin
    area = 1 - math.cos(3)
    cx = (math.sin(3) - 3 * math.cos(3)) / area
    cy = (1.5 - math.sin(6) / 4) / 2 / area
    assert (pos.cx, pos.cy, pos.sign) == (pytest.approx(cx, rel=2e-3),
                                         pytest.approx(cy, rel=2e-3), "+")
    assert (neg.cx, neg.cy, neg.sign) == (pytest.approx(-cx, rel=2e-3),
                                         pytest.approx(-cy, rel=2e-3), "-")
    assert pos.peak == pytest.approx(1.0, abs=1e-4) and neg.peak == pytest.approx(-1.0, abs=1e-4)


def test_past_b_is_nan_where_f_is_undefined():
    xs, ys = lessons.load("integral", {"function": "sqrt(1-x)", "range": (0.0, 0.99)}).video.past_b()
    assert xs[0] == 0.99 and xs[-1] == pytest.approx(0.99 + 0.06 * 0.99)
    assert np.isfinite(ys[0]) and not np.all(np.isfinite(ys))


@settings(max_examples=40, deadline=None)
@given(c=st.floats(-5, 5).map(lambda v: round(v, 6)), d=st.floats(-5, 5).map(lambda v: round(v, 6)),
       a=st.floats(-10, 9).map(lambda v: round(v, 6)), w=st.floats(0.1, 10))
def test_left_sums_of_a_line_fall_short_by_half_a_strip(c, d, a, w):
    """For f = c x + d the left sum is the integral minus c (b - a) h / 2, exactly."""
    b = a + w
    le = lessons.load("integral", {"function": f"{c!r}*x + {d!r}", "range": (a, b)})
    exact = c * (b * b - a * a) / 2 + d * w
    assert le.video.integral == pytest.approx(exact, rel=1e-9, abs=1e-9)
    for n, total in zip(le.video.ns, le.video.sums["left"]):
        assert total == pytest.approx(exact - c * w * (w / n) / 2, rel=1e-9, abs=1e-9)


def test_parameters_are_json_ready_and_say_what_was_drawn():
    p = lessons.load("integral", {"function": "x**2 - 1", "range": (0.0, 3.0)}).parameters()
    back = json.loads(json.dumps(p))
    assert back["function"] == "x**2 - 1" and back["range"] == [0.0, 3.0]
    assert back["slide"]["range"] == [0.0, 3.0] and back["integral"] == pytest.approx(6.0)
    assert not lessons.load("integral").custom
