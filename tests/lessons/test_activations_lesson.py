"""lessons.activations: the six activations, their kinks and saturated regions, softmax and the
slide's sweep, against closed forms written here.

(Not test_activations.py: that basename is tests/animations/test_activations.py's, and pytest's
default import mode needs unique basenames.)"""

from __future__ import annotations

import json
import math

import numpy as np
import pytest

from lessons import activations as les


def _sig(x):
    return 1 / (1 + np.exp(-x))


def _elu(x):
    return np.where(x > 0, x, np.exp(np.minimum(x, 0)) - 1)


ORACLE = {   # (f, f') with the lecture's conventions at the kink x = 0
    "sigmoid": (_sig, lambda x: _sig(x) * (1 - _sig(x))),
    "tanh": (np.tanh, lambda x: 1 / np.cosh(x) ** 2),
    "relu": (lambda x: np.maximum(x, 0), lambda x: np.where(x > 0, 1.0, 0.0)),
    "leaky_relu": (lambda x: np.where(x > 0, x, 0.01 * x), lambda x: np.where(x > 0, 1, 0.01)),
    "prelu": (lambda x: np.where(x > 0, x, 0.25 * x), lambda x: np.where(x > 0, 1, 0.25)),
    "elu": (_elu, lambda x: np.where(x > 0, 1.0, _elu(x) + 1.0)),  # ELU' = ELU + alpha, x <= 0
}
# ReLU'(0) = 0, LeakyReLU'(0) = 0.01, PReLU'(0) = alpha, ELU'(0) = alpha; sigma'(0) = 1/4 and
# tanh'(0) = 1 by hand
AT_ZERO = {"sigmoid": 0.25, "tanh": 1.0, "relu": 0.0, "leaky_relu": 0.01, "prelu": 0.25,
           "elu": 1.0}


@pytest.fixture(scope="module")
def lesson():
    return les.from_options()


@pytest.fixture(scope="module")
def slide(lesson):
    return lesson.slide(120)


def test_no_options_and_the_lectures_choices(lesson):
    assert les.OPTIONS == frozenset() and les.complete({}) == {}
    assert lesson.custom is False
    with pytest.raises(ValueError):
        les.from_options({"function": "x"})
    p = json.loads(json.dumps(lesson.parameters()))
    assert p["params"]["prelu"] == {"alpha": 0.25} and p["params"]["elu"] == {"alpha": 1.0}
    assert p["activations"] == list(ORACLE) and p["threshold"] == 0.05


@pytest.mark.parametrize("name", list(ORACLE))
def test_curves_and_kinks_follow_the_lecture(lesson, name):
    a, (f, df) = lesson.activation(name), ORACLE[name]
    np.testing.assert_allclose(a.f, f(a.x), rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(a.df, df(a.x), rtol=1e-12, atol=1e-14)
    assert 0.0 in a.x
    assert a.df0 == pytest.approx(AT_ZERO[name], abs=1e-15)
    assert a.df0_right == pytest.approx(1.0 if name != "sigmoid" else 0.25)


def test_saturated_regions_match_the_threshold_by_hand(lesson):
    t = lesson.threshold
    step = 8 / 800 + 1e-9
    # sigma' = 1 / (4 cosh^2(x/2)) < t  <=>  |x| > 2 arccosh(1 / (2 sqrt t))
    xs = 2 * math.acosh(1 / (2 * math.sqrt(t)))
    (a0, a1), (b0, b1) = lesson.activation("sigmoid").saturated
    assert (a0, b1) == (-4.0, 4.0)
    assert abs(a1 + xs) <= step and abs(b0 - xs) <= step
    # tanh' = 1 / cosh^2 x < t  <=>  |x| > arccosh(1 / sqrt t)
    xt = math.acosh(1 / math.sqrt(t))
    (a0, a1), (b0, b1) = lesson.activation("tanh").saturated
    assert abs(a1 + xt) <= step and abs(b0 - xt) <= step
    # ReLU and Leaky ReLU (0.01 < t): the whole negative half, kink included
    assert lesson.activation("relu").saturated == ((-4.0, 0.0),)
    assert lesson.activation("leaky_relu").saturated == ((-4.0, 0.0),)
    assert lesson.activation("prelu").saturated == ()            # 0.25 > t
    # ELU' = e^x < t  <=>  x < ln t
    ((e0, e1),) = lesson.activation("elu").saturated
    assert e0 == -4.0 and abs(e1 - math.log(t)) <= step


def test_remarks_quote_the_ranges(lesson):
    assert lesson.activation("sigmoid").remark == {"lo": 0.0, "hi": 1.0}
    assert lesson.activation("tanh").remark == {"lo": -1.0, "hi": 1.0}
    assert lesson.activation("relu").remark == {"one": 1.0, "zero": 0.0}
    assert lesson.activation("leaky_relu").remark == {"slope": 0.01}
    assert lesson.activation("prelu").remark == {"alpha": 0.25}
    assert lesson.activation("elu").remark == {"low": -1.0}


def test_softmax_by_hand_and_shift_invariance(lesson):
    s = lesson.softmax
    x = np.array([2.0, 1.0, 0.1])
    e = np.exp(x)
    np.testing.assert_allclose(s.x, x)
    np.testing.assert_allclose(s.p, e / e.sum(), rtol=1e-14)
    np.testing.assert_allclose(s.p_shifted, e / e.sum(), rtol=1e-14)
    assert s.shift != 0 and s.sum == pytest.approx(1.0, abs=1e-15)
    for c in (0.0, 1.3, s.shift):
        z, p = s.shifted(c)
        np.testing.assert_allclose(z, x + c)
        np.testing.assert_allclose(p, e / e.sum(), rtol=1e-13)


def test_slide_draws_the_same_functions(lesson, slide):
    assert [p.name for p in slide.panels] == list(ORACLE)
    for p in slide.panels:
        f, df = ORACLE[p.name]
        assert p.params == lesson.activation(p.name).params
        np.testing.assert_allclose(p.f, f(p.x), rtol=1e-12, atol=1e-14, err_msg=p.name)
        np.testing.assert_allclose(p.df, df(p.x), rtol=1e-12, atol=1e-14, err_msg=p.name)
        np.testing.assert_allclose(p.ys, f(p.xs), rtol=1e-12, atol=1e-14)
        np.testing.assert_allclose(p.slopes, df(p.xs), rtol=1e-12, atol=1e-14)
        np.testing.assert_allclose(p.dys, df(p.xs), rtol=1e-12, atol=1e-14)


def test_tangent_segments_touch_the_curve_with_the_slope(slide):
    for p in slide.panels:
        (x0, x1), (y0, y1) = p.seg[:, 0].T, p.seg[:, 1].T
        np.testing.assert_allclose((y1 - y0) / (x1 - x0), p.slopes, rtol=1e-9, atol=1e-12)
        np.testing.assert_allclose((x0 + x1) / 2, p.xs, atol=1e-12)
        np.testing.assert_allclose((y0 + y1) / 2, p.ys, atol=1e-12)


@pytest.mark.parametrize("n", [2, 7, 120])
def test_sweep_is_eased_and_never_sits_on_a_kink(lesson, n):
    xs = lesson.slide(n).xs
    assert len(xs) == n
    assert xs[0] == pytest.approx(les.SWEEP[0]) and xs[-1] == pytest.approx(les.SWEEP[1])
    assert np.all(np.diff(xs) > 0)
    if n % 2 == 0:
        assert np.all(xs != 0.0)


def test_softmax_sweep_and_jacobian_column(slide):
    sm = slide.softmax
    k = sm.k

    def by_hand(z):
        e = np.exp(z - z.max())
        s = e / e.sum()
        return s, s * ((np.arange(len(z)) == k) - s[k])   # d s_i / d z_k = s_i (delta_ik - s_k)

    s, jac = by_hand(sm.z)
    np.testing.assert_allclose(sm.s, s, rtol=1e-12)
    np.testing.assert_allclose(sm.jac, jac, rtol=1e-12, atol=1e-15)
    for z, s_i, j_i in zip(sm.zs, sm.ss, sm.jacs):
        s, jac = by_hand(z)
        np.testing.assert_allclose(s_i, s, rtol=1e-12)
        np.testing.assert_allclose(j_i, jac, rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(sm.zs[:, k], slide.xs)
