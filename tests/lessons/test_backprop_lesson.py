"""lessons.backprop: one step and the training of the lecture's 2-3-1 network (and of other
shapes), against sums written out by hand and finite differences."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lessons import backprop as bp


def by_hand(w1, w2, x, y, lr):
    """One step of the network with no biases and no activations, every sum written out."""
    n_in, n_hid = len(w1), len(w1[0])
    z = [sum(w1[i][j] * x[i] for i in range(n_in)) for j in range(n_hid)]
    out = sum(w2[j] * z[j] for j in range(n_hid))
    dy = out - y                                         # dL/dy' for L = 1/2 (y - y')^2
    g2 = [dy * z[j] for j in range(n_hid)]
    g1 = [[dy * w2[j] * x[i] for j in range(n_hid)] for i in range(n_in)]
    w1n = [[w1[i][j] - lr * g1[i][j] for j in range(n_hid)] for i in range(n_in)]
    w2n = [w2[j] - lr * g2[j] for j in range(n_hid)]
    return {"z": z, "y_hat": out, "loss": 0.5 * (y - out) ** 2, "dy": dy, "g1": g1, "g2": g2,
            "w1n": w1n, "w2n": w2n}


LECTURE = ([[0.5] * 3] * 2, [1.0] * 3, [40.0, 80.0], 60.0, 1e-5)


def check_step(les, w1, w2, x, y, lr):
    o = by_hand(w1, w2, x, y, lr)
    after = by_hand(o["w1n"], o["w2n"], x, y, lr)
    np.testing.assert_allclose(les.z, o["z"], rtol=1e-12)
    assert math.isclose(les.y_hat, o["y_hat"], rel_tol=1e-12)
    assert math.isclose(les.loss, o["loss"], rel_tol=1e-12)
    assert math.isclose(les.dL_dyhat, o["dy"], rel_tol=1e-12)
    np.testing.assert_allclose(les.grad_w1, o["g1"], rtol=1e-12)
    np.testing.assert_allclose(les.grad_w2[:, 0], o["g2"], rtol=1e-12)
    np.testing.assert_allclose(les.w1_after, o["w1n"], rtol=1e-12)
    np.testing.assert_allclose(les.w2_after[:, 0], o["w2n"], rtol=1e-12)
    np.testing.assert_allclose(les.z_after, after["z"], rtol=1e-12)
    assert math.isclose(les.loss_after, after["loss"], rel_tol=1e-12)


def test_the_lectures_step():
    les = bp.from_options()
    assert not les.custom and les.sizes == (2, 3, 1) and les.steps == 40
    check_step(les, *LECTURE)
    assert les.y_hat == 180.0 and les.loss == 7200.0 and les.dL_dyhat == 120.0
    assert les.loss_after == pytest.approx(3225.1372, abs=1e-4)   # the slide's 3225.157 is a typo
    assert les.y_hat_after == pytest.approx(140.3136, abs=1e-9)
    np.testing.assert_allclose(les.w2_after, 0.928)
    np.testing.assert_allclose(les.w1_after, [[0.452] * 3, [0.404] * 3])


def test_gradients_against_finite_differences():
    les = bp.from_options()

    def loss(w1, w2):
        return by_hand(w1.tolist(), w2[:, 0].tolist(), [40.0, 80.0], 60.0, 1e-5)["loss"]

    h = 1e-4
    for W, G, k in ((les.w1, les.grad_w1, 0), (les.w2, les.grad_w2, 1)):
        for idx in np.ndindex(W.shape):
            e = np.zeros_like(W)
            e[idx] = h
            args_p = [les.w1, les.w2]
            args_m = [les.w1, les.w2]
            args_p[k], args_m[k] = W + e, W - e
            fd = (loss(*args_p) - loss(*args_m)) / (2 * h)
            assert math.isclose(G[idx], fd, rel_tol=1e-7), (k, idx, fd)


def test_chain_factors_shown_multiply_to_the_gradient():
    les = bp.from_options()
    for j in range(3):
        assert les.factors_w2[j] == (120.0, 60.0)
        assert math.prod(les.factors_w2[j]) == les.grad_w2[j, 0]
        for i in range(2):
            # the lecture's 120 x w2_j1 x x_i: sigma' = 1 is left out, there is no activation
            assert les.factors_w1[i][j] == (120.0, 1.0, [40.0, 80.0][i])
            assert math.isclose(math.prod(les.factors_w1[i][j]), les.grad_w1[i, j])


def test_training_is_the_step_repeated():
    les = bp.from_options()
    w1, w2, x, y, lr = LECTURE
    assert len(les.losses) == 41 and les.trained_steps == 40 and not les.diverged
    for k in range(41):
        o = by_hand(w1, w2, x, y, lr)
        assert math.isclose(les.losses[k], o["loss"], rel_tol=1e-10), k
        np.testing.assert_allclose(les.w1_history[k], w1, rtol=1e-10)
        np.testing.assert_allclose(les.w2_history[k], w2, rtol=1e-10)
        w1, w2 = o["w1n"], o["w2n"]
    # by symmetry every hidden unit j keeps the same weights: the GIF draws one line a group
    np.testing.assert_allclose(les.w1_history, les.w1_history[:, :, :1] * np.ones((1, 1, 3)))
    assert les.losses[1] == les.loss_after             # the training's first step is the video's


def test_frame_schedule():
    les = bp.from_options()
    k = les.frame_steps(84)
    assert len(k) == 84 and k[0] == 0 and k[-1] == 40 and np.all(np.diff(k) >= 0)
    assert (k == 0).sum() == bp.HOLD_START and (k == 1).sum() >= bp.HOLD_FIRST


def test_complete_fills_the_lectures_numbers():
    assert bp.complete({}) == {}
    assert bp.OPTIONS == frozenset({"w1", "w2", "x", "y", "lr", "steps"})
    full = bp.complete({"lr": 0.01})
    assert full == {"w1": [0.5] * 6, "w2": [1.0] * 3, "x": [40.0, 80.0], "y": 60.0, "lr": 0.01,
                    "steps": 40}
    assert bp.complete(full) == full                   # idempotent
    assert bp.complete({"w1": [0.2], "x": [1.0, 2.0, 3.0]})["w1"] == [0.2] * 9
    les = bp.from_options({"lr": 0.01})
    assert les.custom and les.sizes == (2, 3, 1)
    check_step(les, [[0.5] * 3] * 2, [1.0] * 3, [40.0, 80.0], 60.0, 0.01)
    assert json.loads(json.dumps(les.parameters()))["w1"] == [[0.5] * 3] * 2


def test_the_lecturers_network():
    w1 = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6]
    les = bp.from_options({"w1": w1, "w2": [1.0, 2.0, 3.0], "x": [1.0, 2.0], "y": 3.0,
                           "lr": 0.01, "steps": 5})
    check_step(les, [w1[:3], w1[3:]], [1.0, 2.0, 3.0], [1.0, 2.0], 3.0, 0.01)
    assert len(les.losses) == 6


def test_another_shape():
    les = bp.from_options({"x": [1.0, 2.0, 3.0], "w1": [0.1, 0.2, 0.3, 0.4, 0.5, 0.6],
                           "w2": [1.0, -1.0], "y": 1.0, "lr": 0.05})
    assert les.sizes == (3, 2, 1)
    check_step(les, [[0.1, 0.2], [0.3, 0.4], [0.5, 0.6]], [1.0, -1.0], [1.0, 2.0, 3.0], 1.0, 0.05)
    with pytest.raises(ValueError, match="w1 needs 6"):
        bp.from_options({"x": [1.0, 2.0, 3.0], "w1": [0.1] * 4, "w2": [1.0, 2.0]})


@settings(max_examples=30, deadline=None)
@given(st.integers(1, 4), st.integers(1, 5), st.integers(0, 2 ** 31))
def test_any_shape_matches_the_hand_step(n_in, n_hid, seed):
    rng = np.random.default_rng(seed)
    w1, w2 = rng.normal(size=(n_in, n_hid)), rng.normal(size=n_hid)
    x, y = rng.normal(size=n_in), float(rng.normal())
    les = bp.from_options({"w1": w1.ravel().tolist(), "w2": w2.tolist(), "x": x.tolist(),
                           "y": y, "lr": 0.01, "steps": 3})
    assert les.sizes == (n_in, n_hid, 1)
    check_step(les, w1.tolist(), w2.tolist(), x.tolist(), y, 0.01)
    for i in range(n_in):
        for j in range(n_hid):
            assert math.isclose(math.prod(les.factors_w1[i][j]), les.grad_w1[i, j],
                                rel_tol=1e-12, abs_tol=1e-300)
