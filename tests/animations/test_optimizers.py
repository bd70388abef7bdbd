"""animations.optimizers: gradient descent, momentum, RMSProp and Adam on one contour map."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

import lessons
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


RACE = lessons.load("gradient_descent_3d").race


def test_paths_match_hand_written_optimizers():
    assert [(m, t.lr) for m, t in RACE.paths.items()] == [("gd", 0.35), ("momentum", 0.02),
                                                         ("rmsprop", 0.05), ("adam", 0.2)]
    for method, traj in RACE.paths.items():
        assert not traj.diverged and traj.steps == RACE.steps == 50
        want = _by_hand(method, traj.lr, RACE.steps, (-2.6, 1.6))
        np.testing.assert_allclose(traj.points, want, rtol=1e-10, atol=1e-12,
                                   err_msg=method)
        np.testing.assert_allclose(traj.values, 0.5 * want[:, 0] ** 2 + 2.5 * want[:, 1] ** 2,
                                   rtol=1e-10, atol=1e-12, err_msg=method)
        assert traj.values[-1] < 0.01 * traj.values[0]          # all get close to the minimum


def test_paths_stay_in_view():
    (x0, x1), (y0, y1) = RACE.surface.x_range, RACE.surface.y_range
    for traj in RACE.paths.values():
        assert np.all((traj.points[:, 0] >= x0) & (traj.points[:, 0] <= x1))
        assert np.all((traj.points[:, 1] >= y0) & (traj.points[:, 1] <= y1))


def test_colours_are_the_palettes():
    from lecture.palette import optimizer_color
    colors = [optimizer_color(m, "light") for m in RACE.paths]
    assert len(set(colors)) == len(colors)


def test_the_map_draws_the_lessons_paths_on_schedule():
    src = mod.build("en", width=320)
    src.init()
    k = src.frame_steps
    assert len(k) == src.n_frames and k[0] == 0 and k[-1] == RACE.steps
    assert np.all(np.diff(k) >= 0)
    src.update(src.n_frames - 1)
    for m, traj in RACE.paths.items():
        x, y = src.paths[m].get_data()
        np.testing.assert_array_equal(np.c_[x, y], traj.points)


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
        assert im.n_frames == src.n_frames
        assert im.info["loop"] == 0
    assert sizes[0] < BUDGET / 3


@pytest.mark.render
def test_gif_renders_in_chinese(tmp_path):
    src = mod.build("zh", width=320)
    res = write_gif(src, tmp_path / "optimizers.gif", fps=src.fps, hold_last_s=src.hold_last_s,
                    mp4=False)
    assert res.n_frames == src.n_frames and res.width == 320
