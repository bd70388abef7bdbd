"""Section 11: the descents the scene draws against gradient descent iterated by hand."""

from __future__ import annotations

import math

import numpy as np
from conftest import probe

from scenes import s11_gradient_descent as s11


def f(x):
    return x * x + math.sin(x)


def df(x):
    return 2 * x + math.cos(x)


def by_hand(x0, lr, steps, limit=math.inf):
    """x <- x - lr f'(x), stopping before a step that leaves |x| <= limit."""
    xs = [x0]
    for _ in range(steps):
        x = xs[-1] - lr * df(xs[-1])
        if abs(x) > limit:
            return xs, True
        xs.append(x)
    return xs, False


def minimum():
    """Newton's method on f'(x) = 0 (f'' = 2 - sin x > 0: one minimum)."""
    x = 0.0
    for _ in range(50):
        x -= df(x) / (2 - math.sin(x))
    return x


def test_the_function_is_x2_plus_sin():
    for x in np.linspace(-3, 3, 13):
        assert math.isclose(s11.FUNCTION.f(x), f(x), rel_tol=1e-12, abs_tol=1e-12)
        h = 1e-6
        assert math.isclose(s11.FUNCTION.df(x), (f(x + h) - f(x - h)) / (2 * h), abs_tol=1e-7)


def test_minimum():
    d = s11.data()
    assert d["star_converged"]
    assert math.isclose(d["x_star"], minimum(), abs_tol=1e-9)
    assert math.isclose(d["f_star"], f(minimum()), abs_tol=1e-12)


def test_good_learning_rate_descends_to_the_minimum():
    t = s11.data()["good"]
    xs, diverged = by_hand(s11.X0_GOOD, s11.LR_GOOD, s11.STEPS_GOOD, s11.X_LIMIT)
    assert not diverged and not t.diverged
    np.testing.assert_allclose(t.points[:, 0], xs, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(t.values, [f(x) for x in xs], rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(t.grads[:, 0], [df(x) for x in xs], rtol=1e-12, atol=1e-12)
    assert np.all(np.diff(t.values) < 0)                  # every step goes downhill
    assert abs(t.final[0] - minimum()) < 0.02


def test_large_learning_rate_overshoots_and_diverges():
    t = s11.data()["big"]
    xs, diverged = by_hand(s11.X0_BIG, s11.LR_BIG, s11.STEPS_BIG, s11.X_LIMIT)
    assert diverged and t.diverged
    np.testing.assert_allclose(t.points[:, 0], xs, rtol=1e-12, atol=1e-12)
    off = np.array(xs) - minimum()
    assert np.all(np.sign(off[1:]) == -np.sign(off[:-1]))     # crosses the minimum every step
    # f is not symmetric, so the swings grow side by side: farther out on each side every time
    assert np.all(np.diff(np.abs(off[0::2])) > 0) and np.all(np.diff(np.abs(off[1::2])) > 0)
    assert t.values[-1] > t.values[0]
    assert len(xs) >= 5                                       # enough swings to see
    # leaving the picture is not an artefact of the bound: by hand it runs off to infinity
    far, _ = by_hand(s11.X0_BIG, s11.LR_BIG, 200)
    assert abs(far[-1]) > 1e8


def test_diverged_message_in_both_languages():
    from lecture import strings
    assert strings.text("diverged", "zh") and strings.text("diverged", "en")


def test_video(scene_build):
    for lang in ("zh", "en"):
        info = probe(scene_build(11, lang=lang))
        assert (info["width"], info["height"]) == (256, 144)
        assert info["frames"] > 0
        assert 33 <= info["duration"] <= 96, (lang, info)  # x2: steps wait for narration
