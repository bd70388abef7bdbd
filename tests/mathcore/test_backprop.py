"""mathcore.backprop: the lecture's worked example number by number, and gradient checks.

The lecture's numbers are recomputed here by hand (a 2-3-1 network is small enough to write out),
never copied from the code; random networks are checked against central differences of the loss.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from mathcore import backprop
from oracles import assert_close, numeric_grad

# --- the lecture's worked example ------------------------------------------------

X1, X2, Y, LR = 40.0, 80.0, 60.0, 1e-5


@pytest.fixture
def trace():
    mlp, x, y, lr = backprop.seed_example()
    return mlp.step(x, y, lr)


def test_seed_example_is_the_lectures_network():
    mlp, x, y, lr = backprop.seed_example()
    assert mlp.sizes == [2, 3, 1]
    assert np.all(mlp.weights[0] == 0.5) and np.all(mlp.weights[1] == 1.0)
    assert x.tolist() == [X1, X2] and y.tolist() == [Y] and lr == LR
    assert mlp.activation is None


def test_forward_pass(trace):
    z = 0.5 * X1 + 0.5 * X2                       # every hidden unit: 60
    y_hat = 3 * 1.0 * z                           # 180
    assert z == 60.0 and y_hat == 180.0
    assert trace.forward.z[0].tolist() == [z, z, z]
    assert trace.forward.a[0].tolist() == [z, z, z]
    assert trace.forward.output.tolist() == [y_hat]
    assert trace.loss == 0.5 * (Y - y_hat) ** 2 == 7200.0


def test_backward_pass(trace):
    dL_dy = 180.0 - Y                                     # ∂L/∂y' = y' - y = 120
    assert trace.dloss_doutput.tolist() == [dL_dy] == [120.0]
    assert trace.grads[1].shape == (3, 1)
    assert np.all(trace.grads[1] == dL_dy * 60.0)         # layer 2: 120 · z = 7200
    assert trace.grads[1][0, 0] == 7200.0
    g1 = trace.grads[0]
    assert g1.shape == (2, 3)
    assert np.all(g1[0] == dL_dy * 1.0 * X1) and g1[0, 0] == 4800.0   # from x1
    assert np.all(g1[1] == dL_dy * 1.0 * X2) and g1[1, 0] == 9600.0   # from x2
    assert trace.deltas[1].tolist() == [120.0]
    assert trace.deltas[0].tolist() == [120.0] * 3


def test_update(trace):
    assert trace.weights[1] == pytest.approx(np.full((3, 1), 1.0 - LR * 7200), rel=1e-15)
    assert trace.weights[1][0, 0] == pytest.approx(0.928, rel=1e-15)
    assert trace.weights[0][0] == pytest.approx([0.5 - LR * 4800] * 3, rel=1e-15)
    assert trace.weights[0][0, 0] == pytest.approx(0.452, rel=1e-15)
    assert trace.weights[0][1, 0] == pytest.approx(0.404, rel=1e-15)
    # the step does not rewrite history
    assert np.all(trace.weights_before[0] == 0.5) and np.all(trace.weights_before[1] == 1.0)


def test_second_forward_pass_and_the_smaller_loss(trace):
    z = 0.452 * X1 + 0.404 * X2
    assert z == pytest.approx(50.4, rel=1e-14)
    y_hat = 3 * 0.928 * z
    assert y_hat == pytest.approx(140.3136, rel=1e-14)
    assert trace.forward_after.z[0] == pytest.approx([50.4] * 3, rel=1e-14)
    assert trace.forward_after.output[0] == pytest.approx(140.3136, rel=1e-14)
    loss_after = 0.5 * (60 - 140.3136) ** 2
    assert trace.loss_after == pytest.approx(loss_after, rel=1e-13)
    assert trace.loss_after < trace.loss


def test_step_updates_the_model_in_place():
    mlp, x, y, lr = backprop.seed_example()
    t = mlp.step(x, y, lr)
    assert mlp.loss(x, y) == pytest.approx(t.loss_after, rel=1e-15)
    assert mlp.weights[1][0, 0] == pytest.approx(0.928, rel=1e-15)


def test_chain_factors_multiply_to_the_gradients(trace):
    # last layer: (∂L/∂y', z_i)
    assert trace.chain_factors(1, 2, 0) == pytest.approx((120.0, 60.0))
    # first layer: (∂L/∂y', w²_j, σ' = 1, x_i)
    assert trace.chain_factors(0, 0, 1) == pytest.approx((120.0, 1.0, 1.0, X1))
    assert trace.chain_factors(0, 1, 2) == pytest.approx((120.0, 1.0, 1.0, X2))
    for l, g in enumerate(trace.grads):
        for i, j in np.ndindex(g.shape):
            assert math.prod(trace.chain_factors(l, i, j)) == pytest.approx(g[i, j], rel=1e-14)


@pytest.mark.parametrize("activation", ["tanh", "sigmoid", "elu"])
def test_chain_factors_with_an_activation(activation):
    rng = np.random.default_rng(7)
    W = [rng.normal(size=(3, 4)), rng.normal(size=(4, 1))]
    mlp = backprop.MLP(W, activation)
    x, y = rng.normal(size=3), np.array([0.3])
    t = mlp.step(x, y, 0.01)
    z = x @ W[0]
    slope = {"tanh": lambda z: 1 - np.tanh(z) ** 2,
             "sigmoid": lambda z: np.exp(-z) / (1 + np.exp(-z)) ** 2,
             "elu": lambda z: np.where(z > 0, 1.0, np.exp(z))}[activation](z)
    for l, g in enumerate(t.grads):
        for i, j in np.ndindex(g.shape):
            factors = t.chain_factors(l, i, j)
            assert math.prod(factors) == pytest.approx(g[i, j], rel=1e-12, abs=1e-15)
            if l == 0:
                assert factors[1] == W[1][j, 0]
                assert factors[2] == pytest.approx(slope[j], rel=1e-10)
                assert factors[3] == x[i]


@pytest.mark.parametrize("case", ["a zero weight downstream", "an exact prediction"])
def test_chain_factor_sigma_prime_is_the_activation_slope_even_when_the_product_is_zero(case):
    """BUG: chain_factors recovers σ'(z_j) as deltas[l][j] / (∂L/∂y' · w_j) and falls back to 1.0
    when that denominator is 0 (a zero outgoing weight, or y' == y), so the factor a scene shows
    as σ'(z_j) reads 1 instead of tanh'(z_j). The product, 0, is still right."""
    W = [np.array([[0.3, -0.7, 1.1], [0.5, 0.2, -0.4]]), np.array([[0.8], [0.0], [-1.2]])]
    x = np.array([0.6, -1.0])
    mlp = backprop.MLP([w.copy() for w in W], "tanh")
    y = mlp.forward(x).output.copy() if case == "an exact prediction" else np.array([0.2])
    t = mlp.step(x, y, 0.01)
    tanh_slope = 1 - np.tanh(x @ W[0]) ** 2          # σ'(z_j) for tanh, by hand
    for j in range(3):
        for i in range(2):
            factors = t.chain_factors(0, i, j)
            assert math.prod(factors) == pytest.approx(t.grads[0][i, j], rel=1e-12, abs=1e-15)
            assert factors[2] == pytest.approx(tanh_slope[j], rel=1e-12), (case, i, j, factors)


@pytest.mark.parametrize("sizes", [(4, 5, 3, 2), (2, 3, 3, 1), (3, 2)])
def test_chain_factors_multiply_to_the_gradients_in_any_network(sizes):
    rng = np.random.default_rng(len(sizes))
    W = [rng.normal(size=(m, n)) for m, n in zip(sizes[:-1], sizes[1:])]
    t = backprop.MLP(W, "tanh").step(rng.normal(size=sizes[0]), rng.normal(size=sizes[-1]), 0.01)
    for l, g in enumerate(t.grads):
        for i, j in np.ndindex(g.shape):
            assert math.prod(t.chain_factors(l, i, j)) == pytest.approx(g[i, j], rel=1e-12,
                                                                      abs=1e-15)


# --- gradient checks on random networks ----------------------------------------------

def _forward_oracle(W, x, act):
    a = np.asarray(x, float)
    for l, w in enumerate(W):
        a = a @ w
        if act is not None and l < len(W) - 1:
            a = act(a)
    return a


ACTS = {None: None, "tanh": np.tanh, "sigmoid": lambda z: 1 / (1 + np.exp(-z)),
        "elu": lambda z: np.where(z > 0, z, np.exp(np.minimum(z, 0)) - 1)}


@pytest.mark.parametrize("activation", list(ACTS), ids=lambda a: str(a))
@pytest.mark.parametrize("sizes", [(2, 3, 1), (3, 4, 2), (4, 5, 3, 2), (2, 3, 3, 3, 1), (5, 1)])
def test_gradients_match_central_differences_of_the_loss(sizes, activation):
    rng = np.random.default_rng(sum(sizes) * 31 + len(str(activation)))
    W = [rng.normal(scale=0.8, size=(m, n)) for m, n in zip(sizes[:-1], sizes[1:])]
    x, y = rng.normal(size=sizes[0]), rng.normal(size=sizes[-1])
    mlp = backprop.MLP([w.copy() for w in W], activation)
    # the forward pass against a loop written here
    assert_close(mlp.forward(x).output, _forward_oracle(W, x, ACTS[activation]), rtol=1e-14,
                 atol=1e-15, what="forward")
    grads = mlp.gradients(x, y)
    assert [g.shape for g in grads] == [w.shape for w in W]
    for l in range(len(W)):
        def loss_of(wl, l=l):
            mlp.weights = [wl if k == l else W[k] for k in range(len(W))]
            return mlp.loss(x, y)
        fd = numeric_grad(loss_of, W[l], h=1e-6)
        assert_close(grads[l], fd, rtol=1e-6, atol=1e-8, what=f"layer {l}, {activation}")


def test_a_step_lowers_the_loss_by_about_lr_times_the_gradient_norm_squared():
    rng = np.random.default_rng(11)
    W = [rng.normal(size=(3, 4)), rng.normal(size=(4, 2))]
    mlp = backprop.MLP(W, "tanh")
    x, y = rng.normal(size=3), rng.normal(size=2)
    lr = 1e-4
    t = mlp.step(x, y, lr)
    sq = sum(float(np.sum(g * g)) for g in t.grads)
    # first-order Taylor: L(W - lr g) = L(W) - lr ‖g‖² + O(lr²)
    assert t.loss - t.loss_after == pytest.approx(lr * sq, rel=1e-3)


def test_train_records_the_loss_of_each_weight_set():
    mlp, x, y, lr = backprop.seed_example()
    h = mlp.train(x, y, lr, 5)
    assert len(h.losses) == 6 and len(h.weights) == 6 and not h.diverged
    for loss, ws in zip(h.losses, h.weights):
        y_hat = _forward_oracle(ws, x, None)
        assert loss == pytest.approx(0.5 * float((y - y_hat) @ (y - y_hat)), rel=1e-14)
    assert h.losses[0] == 7200.0 and np.all(np.diff(h.losses) < 0)


def test_train_with_a_huge_lr_stops_as_diverged_with_finite_weights():
    mlp, x, y, _ = backprop.seed_example()
    h = mlp.train(x, y, 1.0, 200)
    assert h.diverged
    assert np.all(np.isfinite(h.losses))
    assert all(np.all(np.isfinite(w)) for ws in h.weights for w in ws)
    assert all(np.all(np.isfinite(w)) for w in mlp.weights)


# --- bad input -----------------------------------------------------------------------

@pytest.mark.parametrize("weights", [
    [], None, [np.ones(3)], [np.ones((2, 3, 1))], [np.ones((2, 3)), np.ones((2, 1))],
    [np.array([[1.0, math.nan]])], [np.ones((2, 2)), np.array([[math.inf], [1.0]])],
], ids=lambda w: "")
def test_bad_weights_are_refused(weights):
    with pytest.raises(ValueError):
        backprop.MLP(weights)


def test_unknown_activation_is_refused():
    with pytest.raises(ValueError):
        backprop.MLP([np.ones((2, 1))], "swish")


@pytest.mark.parametrize("call", [
    lambda m: m.forward([1.0, 2.0, 3.0]),
    lambda m: m.forward([1.0]),
    lambda m: m.forward([1.0, math.nan]),
    lambda m: m.loss([1.0, 2.0], [1.0, 2.0]),
    lambda m: m.gradients([1.0, 2.0, 3.0], [1.0]),
    lambda m: m.step([1.0, 2.0], [1.0], math.nan),
    lambda m: m.step([1.0, 2.0], [1.0], math.inf),
    lambda m: m.step([1.0, 2.0], [1.0], 0.0),
    lambda m: m.step([1.0, 2.0], [1.0], -1e-3),
    lambda m: m.step([1.0, 2.0, 3.0], [1.0], 0.1),
    lambda m: m.train([1.0, 2.0], [1.0], math.nan, 3),
    lambda m: m.train([1.0, 2.0], [1.0], 0.1, 0),
], ids=lambda c: "")
def test_bad_call_is_refused(call):
    mlp, *_ = backprop.seed_example()
    with pytest.raises(ValueError):
        call(mlp)
