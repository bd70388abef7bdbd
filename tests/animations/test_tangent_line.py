"""animations.tangent_line: the tangent to x^3 - 2x travelling there and back."""

from __future__ import annotations

import numpy as np
import pytest
from conftest import run_cli
from PIL import Image

from animations import tangent_line as mod

BUDGET = 2_000_000


def test_curve_and_slopes_are_those_of_x_cubed_minus_2x():
    d = mod.data()
    assert (mod.POWER_N, mod.AFFINE_A, mod.AFFINE_B) == (3, -2.0, 0.0)
    np.testing.assert_allclose(d["y"], d["x"] ** 3 - 2 * d["x"], rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(d["dy"], 3 * d["x"] ** 2 - 2, rtol=1e-12, atol=1e-12)
    xs = d["xs"]
    np.testing.assert_allclose(d["ys"], xs ** 3 - 2 * xs, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(d["slopes"], 3 * xs ** 2 - 2, rtol=1e-12, atol=1e-12)


def test_drawn_lines_are_the_tangents():
    d = mod.data()
    (x0, x1) = d["line_x"]
    for x, y, m, (y0, y1) in zip(d["xs"], d["ys"], d["slopes"], d["line_y"]):
        assert (y1 - y0) / (x1 - x0) == pytest.approx(m, rel=1e-9, abs=1e-9)
        assert y0 + m * (x - x0) == pytest.approx(y, abs=1e-9)


def test_travel_loops_without_a_jump():
    xs = mod.data()["xs"]
    assert len(xs) == mod.N_FRAMES
    assert xs[0] == pytest.approx(-mod.SWEEP) and xs.max() == pytest.approx(mod.SWEEP)
    steps = np.abs(np.diff(np.r_[xs, xs[0]]))         # the wrap-around step included
    assert steps.max() < 2.5 * np.pi * mod.SWEEP / mod.N_FRAMES
    assert abs(xs[-1] - xs[0]) == pytest.approx(abs(xs[1] - xs[0]))


@pytest.mark.render
def test_gif_renders_through_the_cli(tmp_path):
    run_cli("gifs", "tangent_line", "--lang", "en", "--width", 320, "--out", tmp_path,
            check=True)
    gif = tmp_path / "gifs" / "en" / "tangent_line.gif"
    with Image.open(gif) as im:
        assert im.size == (320, 180)
        assert im.n_frames == mod.N_FRAMES
        assert im.info["loop"] == 0
    assert gif.stat().st_size < BUDGET / 3
