"""Section 1: the slopes the scene reads out are those of x^2 at a = 1: (f(1+h) - f(1))/h = 2 + h."""

import numpy as np
import pytest

from conftest import probe


def test_secant_slopes_are_two_plus_h():
    from scenes import s01_derivative as s
    d = s.data()
    assert d["a"] == 1.0
    np.testing.assert_allclose(d["slopes"], 2.0 + d["h"], rtol=1e-12, atol=1e-12)
    assert d["derivative"] == 2.0
    # the sweep shrinks h monotonically toward 0 and the last slope is within 1% of f'(1)
    assert np.all(np.diff(np.abs(d["h"])) < 0)
    assert abs(d["slopes"][-1] - 2.0) < 0.02
    # the axes hold the whole curve on the range drawn
    xs = np.linspace(*d["x_range"], 101)
    assert d["y_range"][0] <= (xs ** 2).min() and (xs ** 2).max() <= d["y_range"][1]


@pytest.mark.render
def test_renders_in_english(scene_build):
    info = probe(scene_build(1, "en"))
    assert (info["width"], info["height"]) == (256, 144)
    assert 10 <= info["duration"] <= 80  # x2: steps wait for narration
