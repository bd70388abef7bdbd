"""animations.tangent_plane: the lesson's slide (surface, plane, point), the camera turning once."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

import lessons
from animations import tangent_plane as mod
from animations.writer import write_gif

BUDGET = 2_000_000          # bytes at 640 px; a 320 px render must stay far below


def test_camera_makes_one_full_turn():
    az = mod.azimuths(60)
    assert len(az) == 60 and az[0] == mod.AZIM0 and az[-1] == pytest.approx(mod.AZIM0 + 360.0)
    assert np.all(np.diff(az) > 0)
    assert len(mod.build("en", width=320).azim) == mod.TangentPlaneTurning.n_frames == 60


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_gif_draws_the_lessons_plane(lang):
    src = mod.build(lang, width=320)
    # the view turns: the 3D axes is the moving artist, redrawn whole each frame
    assert src.init() == [src.ax] and src.update(1) == [src.ax]
    p = lessons.load("tangent_plane").slide.plane
    (point,) = src.ax.lines
    xs, ys, zs = point.get_data_3d()
    np.testing.assert_allclose([xs[0], ys[0], zs[0]], [p.x0, p.y0, p.z0], rtol=0, atol=0)
    texts = " ".join(t.get_text() for t in src.fig.texts)
    # the plane's numbers as the slide prints them (2 decimals, signed slopes)
    assert f"{p.z0:.2f}" in texts and f"{p.fx:+.2f}" in texts and f"{p.fy:+.2f}" in texts
    assert "sin" in texts


def test_typst_mathtext():
    from animations.drawing import typst_mathtext
    assert typst_mathtext("sin x cos y") == r"\sin x \cos y"
    assert typst_mathtext("0.5 x^2 + 2.5 y^2") == "0.5 x^{2} + 2.5 y^{2}"
    assert typst_mathtext("e^(-(x)/(3)) sin(x)") == r"e^{-\frac{x}{3}} \sin(x)"


@pytest.mark.render
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_gif_renders_one_turn(tmp_path, lang):
    src = mod.build(lang, width=320)
    res = write_gif(src, tmp_path / "tangent_plane.gif", fps=src.fps,
                    hold_last_s=src.hold_last_s, mp4=False)
    assert res.gif_bytes < BUDGET / 3
    with Image.open(res.gif) as im:
        assert (im.size, im.n_frames, im.info["loop"]) == ((320, 180), src.n_frames, 0)
        first = np.asarray(im.convert("RGB"))
        im.seek(im.n_frames // 2)
        half = np.asarray(im.convert("RGB"))
        im.seek(im.n_frames - 1)
        last = np.asarray(im.convert("RGB"))
    # the camera comes back to the first view; half way round it looks from the other side
    assert np.abs(last.astype(int) - first).max() <= 8 < np.abs(half.astype(int) - first).max()
