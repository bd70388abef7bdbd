"""Section 3: activations, their derivatives and the saturated regions, against closed forms."""

from __future__ import annotations

import math

import numpy as np
import pytest

from conftest import probe
from scenes import s03_activations as s03


def _sig(x):
    return 1 / (1 + np.exp(-x))


ORACLE = {
    "sigmoid": (_sig, lambda x: _sig(x) * (1 - _sig(x))),
    "tanh": (np.tanh, lambda x: 1 / np.cosh(x) ** 2),
    "relu": (lambda x: np.maximum(x, 0), lambda x: np.where(x > 0, 1.0, 0.0)),
    "leaky_relu": (lambda x: np.where(x > 0, x, 0.01 * x), lambda x: np.where(x > 0, 1, 0.01)),
    "prelu": (lambda x: np.where(x > 0, x, 0.25 * x), lambda x: np.where(x > 0, 1, 0.25)),
    "elu": (lambda x: np.where(x > 0, x, np.exp(np.minimum(x, 0)) - 1),
            lambda x: np.where(x > 0, 1, np.exp(np.minimum(x, 0)))),
}
# the lecture's values at the kink: ReLU'(0) = 0, LeakyReLU'(0) = 0.01, PReLU'(0) = alpha,
# ELU'(0) = alpha; sigmoid'(0) = 1/4 and tanh'(0) = 1 by hand
AT_ZERO = {"sigmoid": 0.25, "tanh": 1.0, "relu": 0.0, "leaky_relu": 0.01, "prelu": 0.25,
           "elu": 1.0}


@pytest.fixture(scope="module")
def d():
    return s03.data()


@pytest.fixture(scope="module")
def acts(d):
    return {a["name"]: a for a in d["activations"]}


def test_all_six_in_the_lectures_order(d):
    assert [a["name"] for a in d["activations"]] == list(ORACLE)


@pytest.mark.parametrize("name", list(ORACLE))
def test_curves_match_closed_forms(acts, name):
    a = acts[name]
    f, df = ORACLE[name]
    np.testing.assert_allclose(a["f"], f(a["x"]), rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(a["df"], df(a["x"]), rtol=1e-12, atol=1e-14)
    assert 0.0 in a["x"]


@pytest.mark.parametrize("name", list(ORACLE))
def test_kink_values_follow_the_lecture(acts, name):
    assert acts[name]["df0"] == pytest.approx(AT_ZERO[name], abs=1e-15)
    assert acts[name]["df0_right"] == pytest.approx(1.0 if name != "sigmoid" else 0.25)


def test_saturated_regions_match_the_threshold_by_hand(acts, d):
    t = d["threshold"]
    step = 8 / 800 + 1e-9
    # sigma' = 1 / (4 cosh^2(x/2)) < t  <=>  |x| > 2 arccosh(1 / (2 sqrt t))
    xs = 2 * math.acosh(1 / (2 * math.sqrt(t)))
    (a0, a1), (b0, b1) = acts["sigmoid"]["saturated"]
    assert (a0, b1) == (-4.0, 4.0)
    assert abs(a1 + xs) <= step and abs(b0 - xs) <= step
    # tanh' = 1 / cosh^2 x < t  <=>  |x| > arccosh(1 / sqrt t)
    xt = math.acosh(1 / math.sqrt(t))
    (a0, a1), (b0, b1) = acts["tanh"]["saturated"]
    assert abs(a1 + xt) <= step and abs(b0 - xt) <= step
    # ReLU and Leaky ReLU (0.01 < t): the whole negative half, kink included
    assert acts["relu"]["saturated"] == [(-4.0, 0.0)]
    assert acts["leaky_relu"]["saturated"] == [(-4.0, 0.0)]
    assert acts["prelu"]["saturated"] == []            # 0.25 > t: no vanishing gradient
    # ELU' = e^x < t  <=>  x < ln t
    ((e0, e1),) = acts["elu"]["saturated"]
    assert e0 == -4.0 and abs(e1 - math.log(t)) <= step


def test_remarks_quote_the_ranges(acts):
    assert acts["sigmoid"]["remark"] == {"lo": "0", "hi": "1"}
    assert acts["tanh"]["remark"] == {"lo": "−1", "hi": "1"}
    assert acts["leaky_relu"]["remark"] == {"slope": "0.01"}
    assert acts["elu"]["remark"] == {"low": "−1"}


def test_softmax_by_hand_and_shift_invariance(d):
    s = d["softmax"]
    x = np.array([2.0, 1.0, 0.1])
    e = np.exp(x)
    np.testing.assert_allclose(s["x"], x)
    np.testing.assert_allclose(s["p"], e / e.sum(), rtol=1e-14)
    np.testing.assert_allclose(s["p_shifted"], e / e.sum(), rtol=1e-14)
    assert s["shift"] != 0
    assert s["sum"] == pytest.approx(1.0, abs=1e-15)


def test_every_string_exists_in_both_languages():
    from lecture import strings
    keys = [k for k in strings.TABLE if k.startswith("s03.")]
    assert {f"s03.{n}" for n in ORACLE} <= set(keys)
    for k in keys:
        for lang in strings.LANGS:
            assert strings.TABLE[k][strings.LANGS.index(lang)]


@pytest.mark.render
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_renders_at_test_size(scene_build, lang):
    info = probe(scene_build(3, lang=lang))
    assert (info["width"], info["height"]) == (256, 144)
    assert info["frames"] > 0
    assert 30 <= info["duration"] <= 100  # x2: steps wait for narration
