"""animations.secant_tangent: secant slopes over a geometric h sweep converge to f'(a)."""

from __future__ import annotations

import numpy as np
import pytest
from conftest import run_cli
from PIL import Image

from animations import secant_tangent as mod

BUDGET = 2_000_000


def test_slopes_are_difference_quotients_of_x_squared():
    d = mod.data()
    a, h = mod.A, d["h"]
    assert mod.FUNCTION.name == "power" and mod.FUNCTION.params == {"n": 2}
    by_hand = ((a + h) ** 2 - a ** 2) / h
    np.testing.assert_allclose(d["slopes"], by_hand, rtol=1e-12)
    np.testing.assert_allclose(d["slopes"], 2 * a + h, rtol=1e-9)     # exactly f'(a) + h
    assert d["derivative"] == 2 * a
    np.testing.assert_allclose(d["q"], np.c_[a + h, (a + h) ** 2], rtol=1e-12)


def test_h_shrinks_geometrically_and_the_slope_converges():
    d = mod.data()
    h = d["h"]
    assert len(h) == mod.N_FRAMES
    assert h[0] == pytest.approx(mod.H_START) and h[-1] == pytest.approx(mod.H_END)
    ratios = h[1:] / h[:-1]
    np.testing.assert_allclose(ratios, ratios[0], rtol=1e-9)
    err = np.abs(d["slopes"] - d["derivative"])
    assert np.all(np.diff(err) < 0) and err[-1] < 0.011


def test_drawn_secants_pass_through_both_points():
    d = mod.data()
    (x0, x1), ys = d["secant_x"], d["secant_y"]
    for (qx, qy), (y0, y1) in zip(d["q"], ys):
        line = lambda x: y0 + (y1 - y0) * (x - x0) / (x1 - x0)   # noqa: E731
        assert line(mod.A) == pytest.approx(d["fa"], abs=1e-9)
        assert line(qx) == pytest.approx(qy, abs=1e-9)
    t0, t1 = d["tangent_y"]
    assert (t1 - t0) / (x1 - x0) == pytest.approx(d["derivative"])


@pytest.mark.render
def test_gif_renders_through_the_cli(tmp_path):
    run_cli("gifs", "secant_tangent", "--lang", "zh", "--width", 320, "--out", tmp_path,
            check=True)
    gif = tmp_path / "gifs" / "zh" / "secant_tangent.gif"
    with Image.open(gif) as im:
        assert im.size == (320, 180)
        assert im.n_frames == mod.N_FRAMES
        assert im.info["loop"] == 0
    assert gif.stat().st_size < BUDGET / 3
