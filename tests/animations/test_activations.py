"""animations.activations: every activation and its derivative, the swept tangents, softmax."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import numpy as np
import pytest
from conftest import run_cli
from PIL import Image

from animations import activations as mod

BUDGET = 2_000_000


@pytest.fixture(scope="module")
def gif():
    g = mod.build("en", width=320)
    g.init()
    return g


def test_the_panels_draw_the_lessons_curves(gif):
    slide = gif.slide
    assert [p.name for p in slide.panels] == ["sigmoid", "tanh", "relu", "leaky_relu", "prelu",
                                              "elu"]
    for ax, p in zip(gif.axes, slide.panels):
        x, f = ax.lines[2].get_data()
        np.testing.assert_array_equal(x, p.x)
        np.testing.assert_array_equal(f, p.f)
        xd, df = ax.lines[3].get_data()            # broken at jumps: NaN between the pieces
        np.testing.assert_array_equal(df[np.isfinite(df)], p.df)
        assert ax.get_ylim() == pytest.approx(p.ylim)


@pytest.mark.parametrize("i", [0, 37, 119])
def test_frame_i_shows_the_lessons_point_tangent_and_slope(gif, i):
    gif.update(i)
    for p, (link, tangent, dot, ddot, text) in zip(gif.slide.panels, gif.moving):
        assert dot.get_data() == ([p.xs[i]], [p.ys[i]])
        assert ddot.get_data() == ([p.xs[i]], [p.dys[i]])
        np.testing.assert_array_equal(np.array(tangent.get_data()), p.seg[i])
        want = f"{p.slopes[i]:.3f}"
        assert text.get_text() == ("0.000" if want == "-0.000" else want)
    sm = gif.slide.softmax
    np.testing.assert_allclose([b.get_height() for b in gif.bars_s], sm.ss[i])
    np.testing.assert_allclose([b.get_height() for b in gif.bars_d], sm.jacs[i])
    assert gif.soft_texts[0].get_text() == f"{sm.zs[i, sm.k]:.2f}"


def test_the_frame_count_is_the_sweeps():
    g = mod.build("zh", width=320, n_frames=10)
    assert g.n_frames == 10 and len(g.slide.xs) == 10
    assert mod.build("zh", width=320).n_frames == len(mod.build("zh", 320).slide.xs) == 120


def test_static_figure_is_deterministic(tmp_path):
    a = mod.extra_outputs("zh", tmp_path / "a", width=320)
    b = mod.extra_outputs("zh", tmp_path / "b", width=320)
    assert [p.name for p in a] == ["activations-320px.png", "activations-320px.svg"]
    for pa, pb in zip(a, b):
        assert pa.read_bytes() == pb.read_bytes(), pa.name
    assert not list((tmp_path / "a").glob(".*"))            # no temporary left behind


@pytest.mark.render
def test_gif_and_static_figure_through_the_cli(tmp_path):
    run_cli("gifs", "activations", "--lang", "en", "--width", 320, "--out", tmp_path,
            check=True)
    out = tmp_path / "gifs" / "en"
    gif = out / "activations-320px.gif"       # a GIF at another width than 640 says so
    with Image.open(gif) as im:
        assert im.size == (320, 180)
        assert im.n_frames == mod.ActivationsSweep.n_frames
        assert im.info["loop"] == 0
    assert gif.stat().st_size < BUDGET / 3
    with Image.open(out / "activations-320px.png") as im:
        assert im.size == (640, 360)                        # STATIC_DPI: twice the GIF's width
    root = ET.parse(out / "activations-320px.svg").getroot()
    assert root.tag.endswith("svg")
