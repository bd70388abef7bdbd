"""animations.gradient_descent_3d: a descent path on a surface and on its contour map."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

from animations import gradient_descent_3d as mod
from animations.writer import write_gif

BUDGET = 2_000_000


def test_path_is_gradient_descent_on_the_surface():
    d = mod.data()
    # an oracle: f = sin x cos y, its gradient by hand, plain gradient descent
    p = np.array(mod.X0, float)
    pts = [p]
    for _ in range(mod.STEPS):
        g = np.array([np.cos(p[0]) * np.cos(p[1]), -np.sin(p[0]) * np.sin(p[1])])
        p = p - mod.LR * g
        pts.append(p)
    pts = np.array(pts)
    traj = d["traj"]
    np.testing.assert_allclose(traj.points, pts, rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(traj.values, np.sin(pts[:, 0]) * np.cos(pts[:, 1]), atol=1e-14)
    assert np.all(np.diff(traj.values) < 0)                  # downhill at every step
    np.testing.assert_allclose(traj.final, d["surface"].minimum, atol=0.02)


def test_grids_and_levels():
    d = mod.data()
    for X, Y, Z in ((d["X"], d["Y"], d["Z"]), (d["CX"], d["CY"], d["CZ"])):
        np.testing.assert_allclose(Z, np.sin(X) * np.cos(Y), atol=1e-12)
    assert d["CX"].shape == (mod.N_CONTOUR, mod.N_CONTOUR)
    assert len(d["levels"]) == mod.N_LEVELS + 1
    assert d["levels"][0] == d["CZ"].min() and d["levels"][-1] == d["CZ"].max()


def test_schedule():
    k = mod.frame_steps()
    assert len(k) == mod.N_FRAMES and k[0] == 0 and k[-1] == mod.STEPS
    assert np.all(np.diff(k) >= 0)


@pytest.mark.render
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_gif_renders(tmp_path, lang):
    src = mod.build(lang, width=320)
    res = write_gif(src, tmp_path / "gradient_descent_3d.gif", fps=src.fps,
                    hold_last_s=src.hold_last_s, mp4=False)
    with Image.open(res.gif) as im:
        assert im.size == (320, 180)
        assert im.n_frames == mod.N_FRAMES
        assert im.info["loop"] == 0
    assert res.gif_bytes < BUDGET / 3
