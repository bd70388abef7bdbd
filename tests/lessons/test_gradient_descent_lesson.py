"""lessons.gradient_descent (section 11) against gradient descent iterated by hand, Newton's
method for the minimum and the defaults the command line used to fill in."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lessons import gradient_descent as L


def f(x):
    return x * x + math.sin(x)


def df(x):
    return 2 * x + math.cos(x)


def by_hand(grad, x0, lr, steps, lo=-math.inf, hi=math.inf, mu=0.0):
    """PyTorch's SGD (v <- mu v + g, x <- x - lr v), stopping before a step that leaves
    [lo, hi]; returns the points and whether it left."""
    xs, v = [x0], 0.0
    for _ in range(steps):
        v = mu * v + grad(xs[-1])
        x = xs[-1] - lr * v
        if not lo <= x <= hi:
            return np.array(xs), True
        xs.append(x)
    return np.array(xs), False


def minimum():
    """Newton's method on f'(x) = 0 (f'' = 2 - sin x > 0: one minimum)."""
    x = 0.0
    for _ in range(50):
        x -= df(x) / (2 - math.sin(x))
    return x


LECTURE = L.from_options()


def test_the_lectures_function_is_x2_plus_sin():
    fn = LECTURE.function
    for x in np.linspace(-3, 3, 13):
        assert fn.f(x) == pytest.approx(f(x), abs=1e-12)
        h = 1e-6
        assert fn.df(x) == pytest.approx((f(x + h) - f(x - h)) / (2 * h), abs=1e-7)
    assert not LECTURE.custom and not LECTURE.typed


def test_the_videos_good_run_descends_to_the_minimum():
    good = LECTURE.video.good
    xs, left = by_hand(df, 2.5, 0.2, 10, -3.2, 3.2)
    assert not left and not good.diverged and (good.x0, good.lr, good.steps) == (2.5, 0.2, 10)
    np.testing.assert_allclose(good.path.points[:, 0], xs, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(good.path.values, [f(x) for x in xs], rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(good.path.grads[:, 0], [df(x) for x in xs], rtol=1e-12)
    assert np.all(np.diff(good.path.values) < 0)           # every step goes downhill
    assert abs(good.path.final[0] - minimum()) < 0.02


def test_the_minimum_is_newtons():
    star = LECTURE.minimum
    assert star is not None and star.converged
    assert star.final[0] == pytest.approx(minimum(), abs=1e-9)
    assert star.values[-1] == pytest.approx(f(minimum()), abs=1e-12)


def test_the_videos_big_run_overshoots_and_diverges():
    big = LECTURE.video.big
    xs, left = by_hand(df, 0.0, 1.1, 12, -3.2, 3.2)
    assert left and big.diverged
    np.testing.assert_allclose(big.path.points[:, 0], xs, rtol=1e-12, atol=1e-12)
    off = xs - minimum()
    assert np.all(np.sign(off[1:]) == -np.sign(off[:-1]))     # crosses the minimum every step
    # f is not symmetric, so the swings grow side by side: farther out on each side every time
    assert np.all(np.diff(np.abs(off[0::2])) > 0) and np.all(np.diff(np.abs(off[1::2])) > 0)
    assert len(xs) >= 5                                       # enough swings to see
    far, _ = by_hand(df, 0.0, 1.1, 200)                       # not an artefact of the box
    assert abs(far[-1]) > 1e8


def test_the_slide_runs_x_squared_on_its_two_views():
    sl = LECTURE.slide
    assert sl.function.f(3.0) == 9.0
    xs, _ = by_hand(lambda x: 2 * x, 2.0, 0.1, 25)
    np.testing.assert_allclose(sl.good.path.points[:, 0], xs, rtol=1e-12, atol=1e-15)
    assert not sl.good.diverged and abs(sl.good.path.final[0]) < 0.02
    xs, left = by_hand(lambda x: 2 * x, 2.0, 1.05, 40, -5.0, 5.0)
    np.testing.assert_allclose(sl.big.path.points[:, 0], xs, rtol=1e-12)
    assert left and sl.big.diverged
    assert np.all(np.diff(np.abs(xs)) > 0)                    # each step lands farther out
    assert sl.good.view == (-2.4, 2.4) and sl.big.view == (-5.6, 5.6)
    assert np.abs(xs).max() <= 5.0 < sl.big.view[1]           # every point drawn is in view


# --- complete(): the defaults tools/options.py used to fill in --------------------------------

def test_complete_keeps_the_lectures_example_empty():
    assert L.complete({}) == {}


def test_complete_fills_the_command_lines_defaults():
    assert L.complete({"function": "x**2"}) == {
        "function": "x**2", "range": (-3.0, 3.0), "point": pytest.approx(2.1), "lr": 0.1,
        "steps": 30, "momentum": 0.0}
    assert L.complete({"lr": 0.3}) == {"lr": 0.3, "steps": 30, "momentum": 0.0}


@settings(max_examples=60, deadline=None)
@given(st.floats(-100, 100), st.floats(0.01, 50))
def test_a_descent_without_point_starts_085_of_the_way(a, width):
    b = a + width
    done = L.complete({"function": "x**2", "range": (a, b)})
    assert done["point"] == pytest.approx(a + 0.85 * (b - a), abs=1e-9)
    assert a < done["point"] <= b
    assert L.complete(done) == done                           # idempotent


# --- a lecturer's own example -------------------------------------------------------------------

def test_her_function_her_range_and_the_overshooting_rate():
    les = L.from_options({"function": "x**3 - 2*x", "range": (-2.0, 2.0), "lr": 0.05,
                          "momentum": 0.5})
    d = lambda x: 3 * x * x - 2                                   # noqa: E731
    good = les.video.good
    assert les.custom and les.typed and les.slide is les.video
    assert good.x0 == pytest.approx(1.4) and good.box == (-2.0, 2.0) and good.steps == 30
    xs, left = by_hand(d, 1.4, 0.05, 30, -2.0, 2.0, mu=0.5)
    np.testing.assert_allclose(good.path.points[:, 0], xs, rtol=1e-10, atol=1e-12)
    assert good.diverged == left == les.diverged
    # the overshooting rate: the smallest factor whose run leaves the range within 12 steps
    left_for = {k: by_hand(d, 1.4, 0.05 * k, 12, -2.0, 2.0, mu=0.5)[1]
                for k in L.OVERSHOOT_FACTORS}
    k = next(k for k in L.OVERSHOOT_FACTORS if left_for[k])
    assert les.factor == k and les.video.big.lr == pytest.approx(0.05 * k)
    assert les.video.big.diverged and les.video.big.x0 == good.x0
    xs, _ = by_hand(d, 1.4, 0.05 * k, 12, -2.0, 2.0, mu=0.5)
    np.testing.assert_allclose(les.video.big.path.points[:, 0], xs, rtol=1e-10, atol=1e-12)


def test_her_minimum_is_where_her_run_settles():
    les = L.from_options({"function": "x**3 - 2*x", "range": (-2.0, 2.0), "lr": 0.05})
    assert les.minimum.final[0] == pytest.approx(math.sqrt(2 / 3), abs=1e-9)   # f' = 0
    assert L.from_options({"function": "x", "lr": 0.1}).minimum is None      # no minimum


def test_a_rate_too_large_says_diverged():
    les = L.from_options({"function": "x**2", "lr": 1.5})
    assert les.diverged and les.parameters()["diverged"] is True
    assert not L.from_options({"function": "x**2", "lr": 0.1}).diverged


def test_the_arrow_is_015_of_the_width_at_the_steepest_slope():
    les = L.from_options({"function": "x**2", "range": (-1.0, 3.0)})
    assert les.arrow_scale * 6.0 == pytest.approx(0.15 * 4.0)     # |f'| <= 6 on [-1, 3]
    assert LECTURE.arrow_scale == 0.14


def test_the_lr_alone_runs_the_lectures_function():
    les = L.from_options({"lr": 0.3})
    good = les.video.good
    assert les.custom and not les.typed and les.function_text == L.LECTURE_TEXT
    xs, _ = by_hand(df, 2.5, 0.3, 30, -3.2, 3.2)
    np.testing.assert_allclose(good.path.points[:, 0], xs, rtol=1e-12, atol=1e-12)


def test_parameters_are_json_and_name_every_choice():
    for les in (LECTURE, L.from_options({"function": "x**2", "momentum": 0.3})):
        p = json.loads(json.dumps(les.parameters()))
        assert {"function", "range", "point", "lr", "steps", "momentum", "overshoot",
                "diverged", "minimum"} <= set(p)
    assert L.from_options({"function": "x**2"}).parameters()["overshoot"]["steps"] == 12
