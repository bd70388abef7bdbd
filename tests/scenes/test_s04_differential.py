"""Section 4: dy against Δy for f(x) = x^3 at x = 1, checked against closed forms."""

import numpy as np
import pytest

from conftest import probe
from lecture import strings
from scenes import s04_differential as s04


def test_data_matches_closed_forms():
    d = s04.data()
    x, dx = d["x"], d["dx"]
    assert s04.FUNCTION.params == {"n": 3.0} and x == 1.0  # the oracle below is for x^3 at 1
    np.testing.assert_allclose(d["fx"], 1.0, rtol=0, atol=1e-15)
    np.testing.assert_allclose(d["slope"], 3.0, rtol=1e-15)
    np.testing.assert_allclose(d["dy"], 3.0 * dx, rtol=1e-14)
    np.testing.assert_allclose(d["delta"], 3 * dx + 3 * dx ** 2 + dx ** 3, rtol=1e-12)
    np.testing.assert_allclose(d["gap"], 3 * dx ** 2 + dx ** 3, rtol=1e-9)
    np.testing.assert_allclose(d["ratio"], 3 * dx + dx ** 2, rtol=1e-9)


def test_dx_shrinks_and_gap_closes_faster_than_dx():
    d = s04.data()
    assert d["dx"][0] == pytest.approx(1.0) and d["dx"][-1] == pytest.approx(0.01)
    assert np.all(np.diff(d["dx"]) < 0)
    assert np.all(np.diff(d["ratio"]) < 0) and d["ratio"][-1] < 0.035
    # the gap is second order: log-log slope of gap against dx near 2 for small dx
    small = d["dx"] < 0.05
    slope = np.polyfit(np.log(d["dx"][small]), np.log(d["gap"][small]), 1)[0]
    assert slope == pytest.approx(2.0, abs=0.02)


def test_readout_agrees_with_data():
    d = s04.data()
    r = s04.readout(d["dx"][7])
    for k in ("dy", "delta", "gap", "ratio"):
        assert r[k] == pytest.approx(d[k][7], rel=1e-12)


def test_strings_in_both_languages():
    for key in ("s04.dy", "s04.delta", "s04.gap", "s04.ratio", "s04.zoom", "s04.conclusion",
                "s04.linear_part"):
        zh, en = strings.text(key, "zh"), strings.text(key, "en")
        assert zh and en and zh != en


@pytest.mark.render
def test_scene_renders(scene_build):
    info = probe(scene_build(4))
    assert (info["width"], info["height"]) == (256, 144)
    assert info["frames"] > 0
    assert 28 <= info["duration"] <= 80  # x2: steps wait for narration
