"""animations.backprop_training: the lecture's network trained, loss and weights step by step."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

from animations import backprop_training as mod
from animations.common import tr
from animations.writer import write_gif

BUDGET = 2_000_000


def _train_by_hand(steps):
    """The 2-3-1 linear network without biases, trained with numpy by hand (an oracle)."""
    W1, W2 = np.full((2, 3), 0.5), np.full((3, 1), 1.0)
    x, y, lr = np.array([40.0, 80.0]), np.array([60.0]), 1e-5
    losses, w1, w2 = [], [], []
    for _ in range(steps + 1):
        z = x @ W1
        out = z @ W2
        losses.append(0.5 * float((y - out) @ (y - out)))
        w1.append(W1.copy())
        w2.append(W2.copy())
        e = out - y                           # dL/dy'
        g2 = np.outer(z, e)                   # dL/dW2
        g1 = np.outer(x, W2 @ e)              # dL/dW1 (no activation)
        W1, W2 = W1 - lr * g1, W2 - lr * g2
    return np.array(losses), np.array(w1), np.array(w2)


def test_data_matches_a_hand_written_training_loop():
    d = mod.data()
    losses, w1, w2 = _train_by_hand(mod.TRAIN_STEPS)
    np.testing.assert_allclose(d["losses"], losses, rtol=1e-12)
    np.testing.assert_allclose(d["w1_x1"], w1[:, 0, :], rtol=1e-12)
    np.testing.assert_allclose(d["w1_x2"], w1[:, 1, :], rtol=1e-12)
    np.testing.assert_allclose(d["w2"], w2[:, :, 0], rtol=1e-12)
    assert not d["diverged"]
    assert d["lr"] == 1e-5


def test_the_lectures_first_step():
    d = mod.data()
    assert d["losses"][0] == pytest.approx(7200.0)
    assert d["losses"][1] == pytest.approx(3225.1372, abs=1e-4)
    np.testing.assert_allclose(d["w2"][1], 0.928)
    np.testing.assert_allclose(d["w1_x1"][1], 0.452)
    np.testing.assert_allclose(d["w1_x2"][1], 0.404)
    for lang in ("zh", "en"):
        s = tr("gif.backprop_training.first_step", lang, before=d["losses"][0],
               after=d["losses"][1])
        assert "7200" in s and "3225" in s


def test_every_hidden_unit_has_the_same_weights():
    # the GIF draws one line per group (column j = 0) because all j agree
    d = mod.data()
    for g in ("w1_x1", "w1_x2", "w2"):
        np.testing.assert_allclose(d[g], d[g][:, :1] * np.ones_like(d[g]), rtol=1e-12)


def test_schedule():
    k = mod.frame_steps()
    assert len(k) == mod.N_FRAMES
    assert k[0] == 0 and k[-1] == mod.TRAIN_STEPS
    assert np.all(np.diff(k) >= 0)
    assert (k == 1).sum() >= mod.HOLD_FIRST     # a pause on the lecture's step


@pytest.mark.render
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_gif_renders(tmp_path, lang):
    src = mod.build(lang, width=320)
    res = write_gif(src, tmp_path / "backprop_training.gif", fps=src.fps,
                    hold_last_s=src.hold_last_s, mp4=False)
    with Image.open(res.gif) as im:
        assert im.size == (320, 180)
        assert im.n_frames == mod.N_FRAMES
        assert im.info["loop"] == 0
    assert res.gif_bytes < BUDGET / 3
