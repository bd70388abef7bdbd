"""Section 7: tangent slopes of x^3 - 2x and where they vanish, checked by hand."""

import math

import numpy as np
import pytest

from conftest import probe
from lecture import strings
from scenes import s07_tangent_2d as s07


def test_function_and_formulas():
    xs = np.linspace(-2, 2, 9)
    np.testing.assert_allclose(s07.FUNCTION.f(xs), xs ** 3 - 2 * xs, atol=1e-14)
    # mathcore writes the sum tidy ("- 2 x", no "+ 0"): the scene shows it as it is
    assert s07.FUNCTION.instance_formula == "x^3 - 2 x"
    assert s07.FUNCTION.instance_derivative_formula == "3 x^2 - 2"


def test_slopes_match_the_derivative_by_hand():
    d = s07.data()
    np.testing.assert_allclose(d["slope"], 3 * d["x"] ** 2 - 2, rtol=1e-13, atol=1e-13)
    # and an independent finite difference of the plain polynomial
    h = 1e-5
    fd = ((d["x"] + h) ** 3 - 2 * (d["x"] + h) - (d["x"] - h) ** 3 + 2 * (d["x"] - h)) / (2 * h)
    np.testing.assert_allclose(d["slope"], fd, atol=1e-8)


def test_zero_slope_points():
    d = s07.data()
    r = math.sqrt(2 / 3)
    np.testing.assert_allclose(d["zeros"], [-r, r], atol=1e-12)
    np.testing.assert_allclose(d["f_at_zeros"], [r ** 3 * -1 + 2 * r, r ** 3 - 2 * r], atol=1e-12)
    np.testing.assert_allclose(d["slope_at_zeros"], 0.0, atol=1e-11)


def test_strings_in_both_languages():
    for key in ("s07.zero_slope", "s07.where"):
        assert strings.text(key, "zh") != strings.text(key, "en")


@pytest.mark.render
def test_scene_renders(scene_build):
    info = probe(scene_build(7))
    assert (info["width"], info["height"]) == (256, 144)
    assert info["frames"] > 0
    assert 22 <= info["duration"] <= 70  # x2: steps wait for narration
