"""animations.tangent_plane: the surface and its tangent plane, the camera turning once."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

from animations import tangent_plane as mod
from animations.writer import write_gif

BUDGET = 2_000_000          # bytes at 640 px; a 320 px render must stay far below


def test_data_is_the_surface_and_its_tangent_plane():
    d = mod.data()
    x0, y0 = mod.POINT
    # an independent oracle: f = sin x cos y and its partial derivatives by hand
    z0 = np.sin(x0) * np.cos(y0)
    fx, fy = np.cos(x0) * np.cos(y0), -np.sin(x0) * np.sin(y0)
    p = d["plane"]
    np.testing.assert_allclose([p.x0, p.y0, p.z0, p.fx, p.fy], [x0, y0, z0, fx, fy],
                               rtol=0, atol=1e-12)
    np.testing.assert_allclose(d["Z"], np.sin(d["X"]) * np.cos(d["Y"]), atol=1e-12)
    np.testing.assert_allclose(d["PZ"], z0 + fx * (d["PX"] - x0) + fy * (d["PY"] - y0),
                               atol=1e-12)
    # the patch surrounds the point, and sits on the surface's own grid nodes
    assert d["PX"].min() < x0 < d["PX"].max() and d["PY"].min() < y0 < d["PY"].max()
    assert np.isin(d["PX"][0], d["X"][0]).all() and np.isin(d["PY"][:, 0], d["Y"][:, 0]).all()
    # the plane touches the surface: equal at the point, locally second order apart
    h = 1e-3
    gap = abs(p(x0 + h, y0 + h) - np.sin(x0 + h) * np.cos(y0 + h))
    assert gap < 10 * h * h


def test_camera_makes_one_full_turn():
    az = mod.azimuths()
    assert len(az) == mod.N_FRAMES
    assert az[0] == mod.AZIM0 and az[-1] == pytest.approx(mod.AZIM0 + 360.0)
    assert np.all(np.diff(az) > 0)


def test_plane_equation_text_uses_mathcore_numbers():
    from animations.common import tr
    p = mod.data()["plane"]
    s = tr("gif.tangent_plane.equation", "en", z0=p.z0, fx=p.fx, fy=p.fy, mx0=-p.x0, my0=-p.y0)
    assert f"{p.z0:.2f}" in s and f"{p.fx:+.2f}" in s and f"{p.fy:+.2f}" in s


def test_typst_mathtext():
    from animations.drawing import typst_mathtext
    assert typst_mathtext("sin x cos y") == r"\sin x \cos y"
    assert typst_mathtext("0.5 x^2 + 2.5 y^2") == "0.5 x^{2} + 2.5 y^{2}"
    assert typst_mathtext("e^(-(x)/(3)) sin(x)") == r"e^{-\frac{x}{3}} \sin(x)"


@pytest.mark.render
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_gif_renders(tmp_path, lang):
    src = mod.build(lang, width=320)
    # the view turns: the 3D axes is the moving artist, redrawn whole each frame
    assert src.init() == [src.ax] and src.update(1) == [src.ax]
    src = mod.build(lang, width=320)
    res = write_gif(src, tmp_path / "tangent_plane.gif", fps=src.fps,
                    hold_last_s=src.hold_last_s, mp4=False)
    with Image.open(res.gif) as im:
        assert im.size == (320, 180)
        assert im.n_frames == mod.N_FRAMES
        assert im.info["loop"] == 0
    assert res.gif_bytes < BUDGET / 3
