"""Section 6: left Riemann sums of sin x + 0.5x + 1 on [0, 5], checked by hand."""

import math

import numpy as np
import pytest

from conftest import probe
from lecture import strings
from scenes import s06_integral as s06


def f(x):
    return np.sin(x) + 0.5 * x + 1


EXACT = (1 - math.cos(5.0)) + 0.25 * 25 + 5.0  # antiderivative -cos x + x^2/4 + x on [0, 5]


def test_function_is_the_one_the_oracle_knows():
    xs = np.linspace(0, 5, 11)
    np.testing.assert_allclose(s06.FUNCTION.f(xs), f(xs), rtol=1e-15)
    assert (s06.A, s06.B, s06.RULE) == (0.0, 5.0, "left")
    assert s06.FUNCTION.instance_formula == "sin x + 0.5 x + 1"  # mathcore writes it tidy


def test_integral_and_sums():
    d = s06.data()
    assert d["integral"] == pytest.approx(EXACT, rel=1e-12)
    assert list(d["n"]) == [4, 8, 16, 32, 64]
    for n, p, s, e in zip(d["n"], d["partitions"], d["sums"], d["errors"]):
        h = 5.0 / n
        left = np.arange(n) * h
        np.testing.assert_allclose(p.edges, np.linspace(0, 5, n + 1), atol=1e-14)
        np.testing.assert_allclose(p.heights, f(left), rtol=1e-13)
        assert s == pytest.approx(np.sum(f(left)) * h, rel=1e-13)
        assert e == pytest.approx(s - EXACT, abs=1e-11)


def test_error_is_first_order():
    # the left rule errs like 1/n: doubling n about halves the error
    e = np.abs(s06.data()["errors"])
    assert np.all(np.diff(e) < 0)
    np.testing.assert_allclose(e[:-1] / e[1:], 2.0, rtol=0.11)


def test_strings_in_both_languages():
    for key in ("s06.sum", "s06.error", "s06.exact", "s06.left_rule", "s06.area"):
        assert strings.text(key, "zh") != strings.text(key, "en")


@pytest.mark.render
def test_scene_renders(scene_build):
    info = probe(scene_build(6))
    assert (info["width"], info["height"]) == (256, 144)
    assert info["frames"] > 0
    assert 25 <= info["duration"] <= 80  # x2: steps wait for narration
