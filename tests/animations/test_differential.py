"""animations.differential: dy = f'(x) dx against Δy for e^x; the gap shrinks like dx²."""

from __future__ import annotations

import numpy as np
import pytest
from conftest import run_cli
from PIL import Image

from animations import differential as mod

BUDGET = 2_000_000


def test_dy_and_delta_y_by_hand():
    d = mod.data()
    x0, dx = mod.X0, d["dx"]
    assert mod.FUNCTION.name == "exp"
    np.testing.assert_allclose(d["dy"], np.exp(x0) * dx, rtol=1e-12)
    np.testing.assert_allclose(d["delta_y"], np.exp(x0) * np.expm1(dx), rtol=1e-9)
    np.testing.assert_allclose(d["gap"], d["delta_y"] - d["dy"], rtol=1e-12)
    assert d["fx0"] == pytest.approx(np.exp(x0)) and d["slope"] == pytest.approx(np.exp(x0))


def test_dx_shrinks_geometrically():
    dx = mod.data()["dx"]
    assert len(dx) == mod.N_FRAMES
    assert dx[0] == pytest.approx(mod.DX_START) and dx[-1] == pytest.approx(mod.DX_END)
    r = dx[1:] / dx[:-1]
    np.testing.assert_allclose(r, r[0], rtol=1e-9)


def test_gap_is_second_order():
    d = mod.data()
    small = d["dx"] < 0.1
    # log-log slopes: dy like dx, the gap like dx^2
    p_dy = np.polyfit(np.log(d["dx"][small]), np.log(d["dy"][small]), 1)[0]
    p_gap = np.polyfit(np.log(d["dx"][small]), np.log(d["gap"][small]), 1)[0]
    assert p_dy == pytest.approx(1.0, abs=1e-9)
    assert p_gap == pytest.approx(2.0, abs=0.03)
    # and gap / dx^2 -> f''(x) / 2
    assert d["gap"][-1] / d["dx"][-1] ** 2 == pytest.approx(np.exp(mod.X0) / 2, rel=0.01)


@pytest.mark.render
def test_gif_renders_through_the_cli(tmp_path):
    run_cli("gifs", "differential", "--lang", "zh", "--width", 320, "--out", tmp_path,
            check=True)
    gif = tmp_path / "gifs" / "zh" / "differential.gif"
    with Image.open(gif) as im:
        assert im.size == (320, 180)
        assert im.n_frames == mod.N_FRAMES
        assert im.info["loop"] == 0
    assert gif.stat().st_size < BUDGET / 3
