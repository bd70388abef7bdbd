"""animations.activations: every activation and its derivative, the swept tangents, softmax."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import numpy as np
import pytest
from conftest import run_cli
from PIL import Image

from animations import activations as mod

BUDGET = 2_000_000


def _by_hand(name, x):
    """(f, f') written out from the lecture's table, with its conventions at the kink x = 0."""
    if name == "sigmoid":
        s = 1 / (1 + np.exp(-x))
        return s, s * (1 - s)
    if name == "tanh":
        t = (np.exp(x) - np.exp(-x)) / (np.exp(x) + np.exp(-x))
        return t, 1 - t ** 2
    if name == "relu":
        return np.maximum(0, x), np.where(x > 0, 1.0, 0.0)
    slope = {"leaky_relu": 0.01, "prelu": mod.PRELU_ALPHA}.get(name)
    if slope is not None:
        return np.maximum(slope * x, x), np.where(x > 0, 1.0, slope)
    assert name == "elu"
    a = mod.ELU_ALPHA
    f = np.where(x > 0, x, a * (np.exp(x) - 1))
    return f, np.where(x > 0, 1.0, f + a)          # ELU'(x) = ELU(x) + alpha for x <= 0


def test_the_six_activations_in_the_lecture_order():
    d = mod.data()
    assert [p["name"] for p in d["panels"]] == ["sigmoid", "tanh", "relu", "leaky_relu",
                                                 "prelu", "elu"]
    assert d["panels"][4]["params"] == {"alpha": mod.PRELU_ALPHA}
    assert d["panels"][5]["params"] == {"alpha": mod.ELU_ALPHA}


def test_curves_and_slopes_match_the_formulas():
    d = mod.data()
    for p in d["panels"]:
        f, df = _by_hand(p["name"], p["x"])
        np.testing.assert_allclose(p["f"], f, rtol=1e-12, atol=1e-14, err_msg=p["name"])
        np.testing.assert_allclose(p["df"], df, rtol=1e-12, atol=1e-14, err_msg=p["name"])
        fs, dfs = _by_hand(p["name"], p["xs"])
        np.testing.assert_allclose(p["ys"], fs, rtol=1e-12, atol=1e-14)
        np.testing.assert_allclose(p["slopes"], dfs, rtol=1e-12, atol=1e-14)
        np.testing.assert_allclose(p["dys"], dfs, rtol=1e-12, atol=1e-14)


def test_tangent_segments_touch_the_curve_with_the_slope():
    for p in mod.data()["panels"]:
        (x0, x1), (y0, y1) = p["seg"][:, 0].T, p["seg"][:, 1].T
        np.testing.assert_allclose((y1 - y0) / (x1 - x0), p["slopes"], rtol=1e-9, atol=1e-12)
        np.testing.assert_allclose((x0 + x1) / 2, p["xs"], atol=1e-12)
        np.testing.assert_allclose((y0 + y1) / 2, p["ys"], atol=1e-12)


def test_sweep_is_eased_and_never_sits_on_a_kink():
    xs = mod.data()["xs"]
    assert len(xs) == mod.N_FRAMES
    assert xs[0] == pytest.approx(mod.SWEEP[0]) and xs[-1] == pytest.approx(mod.SWEEP[1])
    assert np.all(np.diff(xs) > 0) and np.all(xs != 0.0)


def test_softmax_bars_and_jacobian_column():
    sm = mod.data()["softmax"]
    k = sm["k"]

    def by_hand(z):
        e = np.exp(z - z.max())
        s = e / e.sum()
        return s, s * ((np.arange(len(z)) == k) - s[k])   # d s_i / d z_k = s_i (delta_ik - s_k)

    s, jac = by_hand(sm["z"])
    np.testing.assert_allclose(sm["s"], s, rtol=1e-12)
    np.testing.assert_allclose(sm["jac"], jac, rtol=1e-12, atol=1e-15)
    for z, s_i, j_i in zip(sm["zs"], sm["ss"], sm["jacs"]):
        s, jac = by_hand(z)
        np.testing.assert_allclose(s_i, s, rtol=1e-12)
        np.testing.assert_allclose(j_i, jac, rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(sm["zs"][:, k], mod.data()["xs"])


def test_static_figure_is_deterministic(tmp_path):
    a = mod.extra_outputs("zh", tmp_path / "a", width=320)
    b = mod.extra_outputs("zh", tmp_path / "b", width=320)
    assert [p.name for p in a] == ["activations.png", "activations.svg"]
    for pa, pb in zip(a, b):
        assert pa.read_bytes() == pb.read_bytes(), pa.name
    assert not list((tmp_path / "a").glob(".*"))            # no temporary left behind


@pytest.mark.render
def test_gif_and_static_figure_through_the_cli(tmp_path):
    run_cli("gifs", "activations", "--lang", "en", "--width", 320, "--out", tmp_path,
            check=True)
    out = tmp_path / "gifs" / "en"
    with Image.open(out / "activations.gif") as im:
        assert im.size == (320, 180)
        assert im.n_frames == mod.N_FRAMES
        assert im.info["loop"] == 0
    assert (out / "activations.gif").stat().st_size < BUDGET / 3
    with Image.open(out / "activations.png") as im:
        assert im.size == (640, 360)                        # STATIC_DPI: twice the GIF's width
    root = ET.parse(out / "activations.svg").getroot()
    assert root.tag.endswith("svg")
