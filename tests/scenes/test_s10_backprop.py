"""Section 10: the numbers on screen against a hand computation of the lecture's network."""

from __future__ import annotations

import math

import numpy as np
import pytest
from conftest import probe

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


def loss(w1, w2):
    return 0.5 * (Y - forward(w1, w2)[1]) ** 2


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


def test_data_matches_the_hand_computation(oracle):
    d = s10.data()
    np.testing.assert_allclose(d["x"], X)
    assert d["y"] == Y and d["lr"] == LR
    np.testing.assert_allclose(d["z"], oracle["z"], rtol=1e-12)
    np.testing.assert_allclose(d["y_hat"], oracle["y_hat"], rtol=1e-12)
    np.testing.assert_allclose(d["loss"], oracle["loss"], rtol=1e-12)
    np.testing.assert_allclose(d["dL_dyhat"], oracle["dy"], rtol=1e-12)
    np.testing.assert_allclose(d["grad_w2"], oracle["g2"], rtol=1e-12)
    np.testing.assert_allclose(d["grad_w1"], oracle["g1"], rtol=1e-12)
    np.testing.assert_allclose(d["w1_after"], oracle["w1n"], rtol=1e-12)
    np.testing.assert_allclose(d["w2_after"], oracle["w2n"], rtol=1e-12)
    np.testing.assert_allclose(d["z_after"], oracle["z2"], rtol=1e-12)
    np.testing.assert_allclose(d["y_hat_after"], oracle["y2"], rtol=1e-12)
    np.testing.assert_allclose(d["loss_after"], oracle["loss2"], rtol=1e-12)
    assert d["loss_after"] < d["loss"]


def test_gradients_against_finite_differences():
    d = s10.data()
    h = 1e-4
    for i in range(2):
        for j in range(3):
            e = np.zeros_like(W1)
            e[i, j] = h
            fd = (loss(W1 + e, W2) - loss(W1 - e, W2)) / (2 * h)
            assert math.isclose(d["grad_w1"][i, j], fd, rel_tol=1e-7), (i, j, fd)
    for j in range(3):
        e = np.zeros_like(W2)
        e[j, 0] = h
        fd = (loss(W1, W2 + e) - loss(W1, W2 - e)) / (2 * h)
        assert math.isclose(d["grad_w2"][j, 0], fd, rel_tol=1e-7), (j, fd)


def test_chain_factors_shown_multiply_to_the_gradient(oracle):
    d = s10.data()
    for j in range(3):
        f = d["factors_w2"][j]
        np.testing.assert_allclose(f, [oracle["dy"], oracle["z"][j]])
        assert math.isclose(math.prod(f), oracle["g2"][j, 0])
    for i in range(2):
        for j in range(3):
            f = d["factors_w1"][i][j]
            # the lecture's 120 x w2_j1 x x_i: sigma' = 1 is left out, there is no activation
            np.testing.assert_allclose(f, [oracle["dy"], W2[j, 0], X[i]])
            assert math.isclose(math.prod(f), oracle["g1"][i, j])


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_on_screen_numbers(oracle, lang):
    lab = s10.labels(lang)
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


def test_video(scene_build):
    info = probe(scene_build(10))
    assert (info["width"], info["height"]) == (256, 144)
    assert info["frames"] > 0
    assert 45 <= info["duration"] <= 124, info  # x2: steps wait for narration
