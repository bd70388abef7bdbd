"""Section 10: the numbers on screen against a hand computation of the lecture's network; the
layout follows the lesson's layer sizes; the GIF trains the network the scene shows."""

from __future__ import annotations

import math

import numpy as np
import pytest
from conftest import probe

import lessons
from scenes import s10_backprop as s10

# the lecture's givens, as its slides state them
W1 = np.full((2, 3), 0.5)          # W1[i, j]: x_{i+1} -> z_{j+1}
W2 = np.ones((3, 1))
X = np.array([40.0, 80.0])
Y = 60.0
LR = 1e-5


def value(text: str) -> float:
    """A number as the screen shows it, read back."""
    return float(text.replace("−", "-").replace("×10^", "e"))


def forward(w1, w2):
    z = [sum(w1[i, j] * X[i] for i in range(2)) for j in range(3)]
    y_hat = sum(w2[j, 0] * z[j] for j in range(3))
    return np.array(z), y_hat


@pytest.fixture(scope="module")
def oracle():
    z, y_hat = forward(W1, W2)
    dy = y_hat - Y                                   # dL/dy' for L = 1/2 (y - y')^2
    g2 = np.array([[dy * z[j]] for j in range(3)])   # dL/dw2_j1 = dL/dy' * z_j
    g1 = np.array([[dy * W2[j, 0] * X[i] for j in range(3)] for i in range(2)])
    w1n, w2n = W1 - LR * g1, W2 - LR * g2
    z2, y2 = forward(w1n, w2n)
    return {"z": z, "y_hat": y_hat, "loss": 0.5 * (Y - y_hat) ** 2, "dy": dy, "g1": g1, "g2": g2,
            "w1n": w1n, "w2n": w2n, "z2": z2, "y2": y2, "loss2": 0.5 * (Y - y2) ** 2}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_on_screen_numbers(oracle, lang):
    lab = s10.labels(lessons.load("backprop"), lang)
    exact = {"y_hat": oracle["y_hat"], "loss": oracle["loss"], "dL_dyhat": oracle["dy"],
             "y_hat_after": oracle["y2"]}
    for key, want in exact.items():
        assert math.isclose(value(lab[key]), want, rel_tol=1e-12), (key, lab[key], want)
    for key, want in {"z": oracle["z"], "z_after": oracle["z2"], "x": X,
                      "grad_w2": oracle["g2"][:, 0], "w2_after": oracle["w2n"][:, 0]}.items():
        np.testing.assert_allclose([value(s) for s in lab[key]], want, rtol=1e-12, err_msg=key)
    for key, want in {"grad_w1": oracle["g1"], "w1_after": oracle["w1n"], "w1": W1}.items():
        np.testing.assert_allclose([[value(s) for s in row] for row in lab[key]], want,
                                   rtol=1e-12, err_msg=key)
    assert value(lab["lr"]) == LR and value(lab["y"]) == Y
    # the loss after the step is rounded on screen, and marked so
    assert lab["loss_after_relation"] == "≈"
    assert abs(value(lab["loss_after"]) - oracle["loss2"]) <= 0.005
    # inside the nodes values are cut to 5 significant digits
    np.testing.assert_allclose([value(s) for s in lab["nodes_z_after"]], oracle["z2"], rtol=1e-4)
    assert abs(value(lab["node_y_hat_after"]) - oracle["y2"]) <= 0.005
    assert value(lab["node_y_hat"]) == oracle["y_hat"]
    # the lecture's slide has typos (140.3156, 3225.157): the screen shows the true values
    assert lab["y_hat_after"] != "140.3156" and value(lab["loss_after"]) != 3225.157
    # the values the lecture's slides state
    assert lab["z"] == ["60"] * 3 and lab["y_hat"] == "180" and lab["loss"] == "7200"
    assert lab["w2_after"] == ["0.928"] * 3
    assert lab["w1_after"] == [["0.452"] * 3, ["0.404"] * 3]
    assert lab["z_after"] == ["50.4"] * 3 and lab["y_hat_after"] == "140.3136"


def test_number_formatting_helpers():
    assert s10.typ(1e-5) == "10^(-5)"
    assert s10.typ(2.5e-5) == "2.5 times 10^(-5)"
    assert s10.approx(7200.0, 6) == ("=", "7200")
    assert s10.approx(3225.1371724800006, 6) == ("≈", "3225.14")


OTHER = {"x": [1.0, 2.0, 3.0], "w1": [0.1, 0.2, 0.3, 0.4, 0.5, 0.6], "w2": [1.0, -1.0],
         "y": 1.0, "lr": 0.05}


def test_columns_follow_the_layer_sizes():
    ys, r = s10.column(2)
    np.testing.assert_allclose(ys, [1.2, -1.2])                     # the lecture's layout
    assert r == s10.R
    np.testing.assert_allclose(s10.column(3)[0], [1.9, 0.0, -1.9])
    for n in range(1, 9):
        ys, r = s10.column(n)
        assert len(ys) == n and abs(ys.sum()) < 1e-12 and ys.max() <= s10.COLUMN_HALF
        if n > 1:   # nodes never touch
            assert -np.diff(ys).max() > 2 * r


@pytest.mark.parametrize("options", [None, OTHER], ids=["2-3-1", "3-2-1"])
def test_scene_lays_out_the_lessons_network(tmp_path, options):
    from manim import Text, tempconfig
    with tempconfig({"dry_run": True, "pixel_width": 64, "pixel_height": 36, "frame_rate": 5,
                     "verbosity": "ERROR", "progress_bar": "none", "media_dir": str(tmp_path)}):
        scene = s10.BackpropOnTinyNetwork(lang="en", options=options, skip_animations=True)
        scene.render()          # the layout check at the end passes: nothing off screen, no overlap
    les = scene.lesson
    n_in, n_hid, _ = les.sizes
    assert (len(scene.inputs), len(scene.hidden)) == (n_in, n_hid)
    assert [len(row) for row in scene.e1] == [n_hid] * n_in and len(scene.e2) == n_hid
    # the edges' weight labels are the lesson's weights, formatted
    digits = s10.edge_digits(les)
    shown = [[lab[1].text for lab in row] for row in scene.w1_labels]
    assert shown == [[s10.num(v, digits) for v in row] for row in les.w1]
    lab = s10.labels(les, "en")
    nodes = [m.text for m in scene.z_vals]
    assert nodes == lab["nodes_z_after"] and scene.y_val.text == lab["node_y_hat_after"]
    assert all(isinstance(m, Text) for m in scene.z_vals)


def test_gif_trains_the_network_the_scene_shows():
    from animations import backprop_training
    opts = {**OTHER, "steps": 12}
    gif = backprop_training.build("en", width=320, options=opts)
    gif.init()
    gif.update(gif.n_frames - 1)
    scene = s10.BackpropOnTinyNetwork(lang="en", options=opts)
    les = scene.lesson
    ks, losses = gif.loss_line.get_data()
    assert list(ks) == list(range(13))
    assert losses[0] == les.loss and losses[1] == les.loss_after
    # one line per unit j (the units differ): the weight paths start at the scene's weights
    # and pass through its updated ones
    lines = [line.get_ydata() for line, _, _ in gif.w_lines]
    starts = sorted(w[0] for w in lines)
    firsts = sorted(w[1] for w in lines)
    assert starts == sorted([*les.w1.ravel(), *les.w2[:, 0]])
    assert firsts == sorted([*les.w1_after.ravel(), *les.w2_after[:, 0]])


def test_video(scene_build):
    info = probe(scene_build(10))
    assert (info["width"], info["height"]) == (256, 144)
    assert info["frames"] > 0
    assert 45 <= info["duration"] <= 124, info  # x2: steps wait for narration
