"""animations.optimizers: gradient descent, momentum, RMSProp and Adam on one contour map."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

from animations import optimizers as mod
from animations.writer import write_gif

BUDGET = 2_000_000


def _grad(p):
    return np.array([p[0], 5.0 * p[1]])          # f = 0.5 x^2 + 2.5 y^2


def _by_hand(method, lr, steps, x0):
    """Each optimizer written out from its PyTorch definition (an oracle)."""
    x = np.array(x0, float)
    v = np.zeros(2)
    s = np.zeros(2)
    m = np.zeros(2)
    pts = [x.copy()]
    for t in range(1, steps + 1):
        g = _grad(x)
        if method == "gd":
            x = x - lr * g
        elif method == "momentum":
            v = 0.9 * v + g if t > 1 else g.copy()
            x = x - lr * v
        elif method == "rmsprop":
            s = 0.99 * s + 0.01 * g * g
            x = x - lr * g / (np.sqrt(s) + 1e-8)
        elif method == "adam":
            m = 0.9 * m + 0.1 * g
            s = 0.999 * s + 0.001 * g * g
            x = x - lr * (m / (1 - 0.9 ** t)) / (np.sqrt(s / (1 - 0.999 ** t)) + 1e-8)
        pts.append(x.copy())
    return np.array(pts)


def test_paths_match_hand_written_optimizers():
    d = mod.data()
    assert list(d["trajs"]) == [m for m, _ in mod.RUNS]
    for method, lr in mod.RUNS:
        traj = d["trajs"][method]
        assert traj.lr == lr and not traj.diverged and traj.steps == mod.STEPS
        want = _by_hand(method, lr, mod.STEPS, mod.X0)
        np.testing.assert_allclose(traj.points, want, rtol=1e-10, atol=1e-12,
                                   err_msg=method)
        np.testing.assert_allclose(traj.values, 0.5 * want[:, 0] ** 2 + 2.5 * want[:, 1] ** 2,
                                   rtol=1e-10, atol=1e-12, err_msg=method)
        assert traj.values[-1] < 0.01 * traj.values[0]          # all get close to the minimum


def test_paths_stay_in_view():
    d = mod.data()
    (x0, x1), (y0, y1) = d["surface"].x_range, d["surface"].y_range
    for traj in d["trajs"].values():
        assert np.all((traj.points[:, 0] >= x0) & (traj.points[:, 0] <= x1))
        assert np.all((traj.points[:, 1] >= y0) & (traj.points[:, 1] <= y1))


def test_colours_are_the_palettes():
    from lecture.palette import optimizer_color
    colors = [optimizer_color(m, "light") for m, _ in mod.RUNS]
    assert len(set(colors)) == len(colors)


def test_schedule():
    k = mod.frame_steps()
    assert len(k) == mod.N_FRAMES and k[0] == 0 and k[-1] == mod.STEPS
    assert np.all(np.diff(k) >= 0)


@pytest.mark.render
def test_gif_renders_the_same_bytes_twice(tmp_path):
    sizes, blobs = [], []
    for k in range(2):
        src = mod.build("en", width=320)
        res = write_gif(src, tmp_path / f"optimizers{k}.gif", fps=src.fps,
                        hold_last_s=src.hold_last_s, mp4=False)
        blobs.append(res.gif.read_bytes())
        sizes.append(res.gif_bytes)
    assert blobs[0] == blobs[1]
    with Image.open(tmp_path / "optimizers0.gif") as im:
        assert im.size == (320, 180)
        assert im.n_frames == mod.N_FRAMES
        assert im.info["loop"] == 0
    assert sizes[0] < BUDGET / 3


@pytest.mark.render
def test_gif_renders_in_chinese(tmp_path):
    src = mod.build("zh", width=320)
    res = write_gif(src, tmp_path / "optimizers.gif", fps=src.fps, hold_last_s=src.hold_last_s,
                    mp4=False)
    assert res.n_frames == mod.N_FRAMES and res.width == 320
