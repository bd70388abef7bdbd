"""animations.gradient_descent: a good learning rate converges, a large one overshoots."""

from __future__ import annotations

import numpy as np
import pytest
from conftest import run_cli
from PIL import Image

from animations import gradient_descent as mod

BUDGET = 2_000_000


def _gd_by_hand(x0, lr, steps, bound=np.inf):
    """x <- x - lr * 2x on f = x^2, stopping before a point beyond ``bound`` (an oracle)."""
    xs = [x0]
    for _ in range(steps):
        x = xs[-1] - lr * 2 * xs[-1]
        if abs(x) > bound:
            return np.array(xs), True
        xs.append(x)
    return np.array(xs), False


def test_good_run_is_plain_gradient_descent():
    d = mod.data()
    xs, _ = _gd_by_hand(mod.X0, mod.LR_GOOD, mod.STEPS_GOOD)
    np.testing.assert_allclose(d["good"].points[:, 0], xs, rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(d["good"].values, xs ** 2, rtol=1e-12, atol=1e-15)
    assert not d["good"].diverged
    assert abs(d["good"].final[0]) < 0.01 * abs(mod.X0)     # it reached the minimum


def test_bad_run_overshoots_and_stops_at_the_view_edge():
    d = mod.data()
    xs, diverged = _gd_by_hand(mod.X0, mod.LR_BAD, mod.STEPS_BAD, bound=mod.BOUND)
    bad = d["bad"]
    np.testing.assert_allclose(bad.points[:, 0], xs, rtol=1e-12)
    np.testing.assert_allclose(bad.values, xs ** 2, rtol=1e-12)
    assert diverged and bad.diverged
    assert np.all(np.sign(xs[1:]) != np.sign(xs[:-1]))          # every step crosses the minimum
    assert np.all(np.diff(np.abs(xs)) > 0)                       # and lands farther out
    assert np.abs(xs).max() <= mod.BOUND < mod.XLIM_BAD          # all drawn points are in view


def test_schedule():
    d = mod.data()
    left, right, note = d["left_step"], d["right_step"], d["note"]
    assert len(left) == len(right) == len(note) == mod.N_FRAMES
    assert left[mod.N_LEFT - 1] == d["good"].steps and left[-1] == d["good"].steps
    assert np.all(right[:mod.N_LEFT] == 0) and right[-1] == d["bad"].steps
    assert np.all(np.diff(left) >= 0) and np.all(np.diff(right) >= 0)
    assert note.sum() == mod.N_NOTE and note[-1]
    # the note comes only once the run has stopped
    assert np.all(right[note] == d["bad"].steps)


@pytest.mark.render
def test_gif_renders_through_the_cli(tmp_path):
    run_cli("gifs", "gradient_descent", "--lang", "zh", "--width", 320, "--out", tmp_path,
            check=True)
    gif = tmp_path / "gifs" / "zh" / "gradient_descent.gif"
    with Image.open(gif) as im:
        assert im.size == (320, 180)
        assert im.n_frames == mod.N_FRAMES
        assert im.info["loop"] == 0
    assert gif.stat().st_size < BUDGET / 3
    assert (tmp_path / "gifs" / "zh" / "gradient_descent.mp4").exists()
