"""mathcore.optimize: the theory of gradient descent on quadratics, and hand-written reference loops."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from mathcore import optimize
from oracles import assert_close


def _quadratic(eigs, seed):
    """A = Q diag(eigs) Qᵀ with a random rotation Q; f = ½ xᵀAx, ∇f = Ax."""
    rng = np.random.default_rng(seed)
    Q, _ = np.linalg.qr(rng.normal(size=(len(eigs), len(eigs))))
    A = Q @ np.diag(eigs) @ Q.T
    A = (A + A.T) / 2
    return A, Q, (lambda p: 0.5 * p @ A @ p), (lambda p: A @ p)


def _norms(P):
    """Row norms that stay accurate down to tiny values (np.linalg.norm squares into denormals)."""
    m = np.max(np.abs(P), axis=1, keepdims=True)
    safe = np.where(m > 0, m, 1.0)
    return m[:, 0] * np.linalg.norm(P / safe, axis=1)


eig_lists = st.lists(st.floats(0.1, 10.0), min_size=1, max_size=4)


@settings(max_examples=60, deadline=None)
@given(eig_lists, st.floats(0.02, 0.98), st.integers(0, 2 ** 16))
@example([9.5], 0.5, 0)            # lr = 1/λ: exact in one step, up to rounding
@example([0.1, 10.0], 0.98, 1)     # ill-conditioned and near the edge
@example([1.0], 0.4997458044491939, 2)  # fast: the iterates reach 1e-160
def test_gd_below_2_over_L_decreases_the_loss_every_step(eigs, frac, seed):
    A, Q, f, grad = _quadratic(eigs, seed)
    L = max(eigs)
    lr = frac * 2 / L
    x0 = np.random.default_rng(seed + 1).normal(size=len(eigs))
    t = optimize.gradient_descent(grad, x0, lr, 60, f=f)
    assert not t.diverged
    assert t.points.shape == (61, len(eigs))
    v = t.values
    for k in range(60):
        assert v[k + 1] < v[k] or v[k + 1] <= 1e-300, (k, v[k], v[k + 1])
    # the rate theory predicts: ‖x_k‖ ≤ ρ^k ‖x_0‖ with ρ = max |1 - lr λ|
    rho = max(abs(1 - lr * lam) for lam in eigs)
    rho_fp = rho + 16 * np.finfo(float).eps * len(eigs)   # room for rounding in each step
    norms = _norms(t.points)
    bound = rho_fp ** np.arange(61) * np.linalg.norm(x0)
    assert np.all(norms <= bound * (1 + 1e-10) + 1e-300), (rho, norms, bound)


@settings(max_examples=40, deadline=None)
@given(eig_lists, st.floats(0.05, 0.95), st.integers(0, 2 ** 16))
@example([9.5], 0.5, 0)
@example([0.1, 10.0], 0.95, 1)
def test_gd_converges_at_the_predicted_linear_rate(eigs, frac, seed):
    A, Q, f, grad = _quadratic(eigs, seed)
    lr = frac * 2 / max(eigs)
    rates = [abs(1 - lr * lam) for lam in eigs]
    slow = int(np.argmax(rates))
    rho = rates[slow]
    # start on the slowest eigenvector: ‖x_k‖ = ρ^k exactly, no faster, no slower
    x0 = Q[:, slow]
    k = 30
    t = optimize.gradient_descent(grad, x0, lr, k)
    norms = _norms(t.points)
    expected = rho ** np.arange(k + 1)
    assert_close(norms, expected, rtol=1e-9, atol=1e-13,
                 what=f"‖x_k‖ vs ρ^k, ρ = {rho}")
    if rho > 1e-3:
        ks = np.arange(5, k + 1)
        fitted = np.polyfit(ks, np.log(norms[ks]), 1)[0]
        assert fitted == pytest.approx(math.log(rho), abs=1e-6)


def test_gd_converges_to_zero():
    A, Q, f, grad = _quadratic([1.0, 4.0], 0)
    t = optimize.gradient_descent(grad, [3.0, -2.0], 0.3, 200, f=f)
    assert np.linalg.norm(t.final) < 1e-12
    assert t.converged and not t.diverged


@settings(max_examples=30, deadline=None)
@given(eig_lists, st.floats(1.05, 3.0), st.integers(0, 2 ** 16))
def test_gd_above_2_over_L_diverges_and_keeps_only_finite_points(eigs, factor, seed):
    A, Q, f, grad = _quadratic(eigs, seed)
    lr = factor * 2 / max(eigs)
    x0 = Q[:, int(np.argmax(eigs))] + 0.1 * np.random.default_rng(seed).normal(size=len(eigs))
    steps = 5000
    t = optimize.gradient_descent(grad, x0, lr, steps, f=f)
    assert t.diverged and not t.converged
    assert len(t.points) < steps + 1
    assert np.all(np.isfinite(t.points)) and np.all(np.isfinite(t.values))
    assert np.all(np.abs(t.points) <= optimize.DEFAULT_BOUND)
    assert len(t.values) == len(t.points) == len(t.grads)
    # the loss grew along the way
    assert t.values[-1] > t.values[0]


@pytest.mark.parametrize("x0", [[3.0], 3.0], ids=["vector start", "scalar start"])
def test_divergence_through_overflow_keeps_finite_points(x0):
    """The docstring's promise: a step that overflows sets .diverged and keeps the finite points.

    BUG (scalar start): with a scalar x0, grad and f receive Python floats, and Python's float
    power raises OverflowError instead of returning inf, so the exception escapes _run.
    """
    # x⁴ with a big step and no bound: the points explode within a few steps
    t = optimize.gradient_descent(lambda p: 4 * p ** 3, x0, 1.0, 50, f=lambda p: float(np.sum(p ** 4)),
                                  bound=math.inf)
    assert t.diverged
    assert np.all(np.isfinite(t.points)) and np.all(np.isfinite(t.values))
    assert 1 < t.steps < 50


def test_stable_lr_bound_is_2_over_the_largest_eigenvalue():
    A, *_ = _quadratic([0.5, 3.0, 8.0], 4)
    assert optimize.stable_lr_bound(A) == pytest.approx(2 / 8.0, rel=1e-12)
    assert optimize.stable_lr_bound(4.0) == pytest.approx(0.5, rel=1e-15)


# --- hand-written reference loops (PyTorch's update rules) ------------------------

def _rosen_grad(p):
    x, y = p
    return np.array([-2 * (1 - x) - 400 * x * (y - x * x), 200 * (y - x * x)])


def _sgd_reference(grad, x0, lr, steps, mu, nesterov=False):
    x, v, out = np.array(x0, float), np.zeros(len(x0)), [np.array(x0, float)]
    for _ in range(steps):
        g = grad(x)
        v = mu * v + g
        x = x - lr * (g + mu * v if nesterov else v)
        out.append(x.copy())
    return np.array(out)


def _rmsprop_reference(grad, x0, lr, steps, alpha, eps):
    x, s, out = np.array(x0, float), np.zeros(len(x0)), [np.array(x0, float)]
    for _ in range(steps):
        g = grad(x)
        s = alpha * s + (1 - alpha) * g ** 2
        x = x - lr * g / (np.sqrt(s) + eps)
        out.append(x.copy())
    return np.array(out)


def _adam_reference(grad, x0, lr, steps, b1, b2, eps):
    x = np.array(x0, float)
    m, v, out = np.zeros(len(x0)), np.zeros(len(x0)), [x.copy()]
    for t in range(1, steps + 1):
        g = grad(x)
        m = b1 * m + (1 - b1) * g
        v = b2 * v + (1 - b2) * g ** 2
        # PyTorch's form: lr / (1 - b1^t) * m / (sqrt(v) / sqrt(1 - b2^t) + eps)
        x = x - lr / (1 - b1 ** t) * m / (np.sqrt(v) / math.sqrt(1 - b2 ** t) + eps)
        out.append(x.copy())
    return np.array(out)


START = [-1.2, 1.0]


@pytest.mark.parametrize("mu", [0.0, 0.5, 0.9])
def test_momentum_matches_pytorch_sgd_step_by_step(mu):
    t = optimize.gradient_descent(_rosen_grad, START, 1e-4, 200, momentum=mu)
    assert_close(t.points, _sgd_reference(_rosen_grad, START, 1e-4, 200, mu), rtol=1e-12,
                 atol=1e-14, what=f"momentum {mu}")
    assert t.method == ("momentum" if mu else "gd")


def test_minimize_momentum_defaults_to_0_9():
    t = optimize.minimize(_rosen_grad, START, 1e-4, 50, method="momentum")
    assert_close(t.points, _sgd_reference(_rosen_grad, START, 1e-4, 50, 0.9), rtol=1e-12)


@pytest.mark.parametrize("mu", [0.5, 0.9])
def test_nesterov_matches_the_reference_loop(mu):
    t = optimize.nesterov(_rosen_grad, START, 1e-4, 200, momentum=mu)
    assert_close(t.points, _sgd_reference(_rosen_grad, START, 1e-4, 200, mu, nesterov=True),
                 rtol=1e-12, atol=1e-14, what="nesterov")
    t2 = optimize.minimize(_rosen_grad, START, 1e-4, 200, method="nesterov", momentum=mu)
    assert_close(t2.points, t.points, rtol=0, atol=0)


@pytest.mark.parametrize("alpha, eps", [(0.99, 1e-8), (0.9, 1e-6)])
def test_rmsprop_matches_the_reference_loop(alpha, eps):
    t = optimize.rmsprop(_rosen_grad, START, 1e-3, 300, alpha=alpha, eps=eps)
    assert_close(t.points, _rmsprop_reference(_rosen_grad, START, 1e-3, 300, alpha, eps),
                 rtol=1e-11, atol=1e-13, what="rmsprop")


@pytest.mark.parametrize("betas, eps", [((0.9, 0.999), 1e-8), ((0.8, 0.99), 1e-6)])
def test_adam_matches_the_reference_loop(betas, eps):
    t = optimize.adam(_rosen_grad, START, 1e-2, 300, betas=betas, eps=eps)
    assert_close(t.points, _adam_reference(_rosen_grad, START, 1e-2, 300, *betas, eps),
                 rtol=1e-11, atol=1e-13, what="adam")


def test_adam_first_step_has_length_lr_in_each_coordinate():
    # bias correction makes m̂ / √v̂ = sign(g) on step one
    t = optimize.adam(_rosen_grad, START, 0.01, 1, eps=1e-12)
    assert_close(t.points[1] - t.points[0], -0.01 * np.sign(_rosen_grad(np.array(START))),
                 rtol=1e-9)


# --- the trajectory's shape, values and stopping -----------------------------------

def test_points_include_the_start_and_have_shape_k_plus_1_by_d():
    t = optimize.gradient_descent(lambda p: p, [1.0, 2.0, 3.0], 0.1, 7)
    assert t.points.shape == (8, 3) and t.grads.shape == (8, 3)
    assert t.points[0].tolist() == [1.0, 2.0, 3.0]
    assert t.steps == 7 and len(t) == 8
    assert_close(t.points, np.outer(0.9 ** np.arange(8), [1.0, 2.0, 3.0]), rtol=1e-14)
    assert_close(t.grads, t.points, rtol=0)
    assert t.values is None


def test_scalar_start_gives_d_equal_1_and_scalars_to_grad_and_f():
    seen = []

    def grad(p):
        seen.append(type(p))
        return 2 * (p - 3.0)

    f = lambda p: (p - 3.0) ** 2
    t = optimize.gradient_descent(grad, 0.0, 0.25, 6, f=f)
    assert t.points.shape == (7, 1)
    assert set(seen) == {float}
    # x_{k+1} - 3 = (1 - 2 lr)(x_k - 3) = (x_k - 3) / 2
    assert_close(t.points[:, 0], 3.0 - 3.0 * 0.5 ** np.arange(7), rtol=1e-15)
    assert_close(t.values, [f(float(p)) for p in t.points[:, 0]], rtol=1e-15)


def test_zero_steps_gives_just_the_start():
    t = optimize.gradient_descent(lambda p: 2 * p, 1.5, 0.1, 0, f=lambda p: p * p)
    assert t.points.shape == (1, 1) and t.values.tolist() == [2.25]


@pytest.mark.parametrize("method", ["gd", "momentum", "nesterov", "rmsprop", "adam"])
def test_values_are_f_at_the_points(method):
    f = lambda p: (1 - p[0]) ** 2 + 100 * (p[1] - p[0] ** 2) ** 2
    t = optimize.minimize(_rosen_grad, START, 1e-4, 40, method=method, f=f)
    assert t.values.shape == (41,)
    assert_close(t.values, [f(p) for p in t.points], rtol=1e-15)
    assert_close(t.grads, [_rosen_grad(p) for p in t.points], rtol=1e-15)


def test_tol_stops_at_the_first_small_gradient():
    # f = ½ λ x²: g_k = λ (1 - lr λ)^k x0, so the first k with |g_k| < tol is known in advance
    lam, lr, x0, tol = 2.0, 0.1, 5.0, 1e-6
    q = 1 - lr * lam
    k_expected = math.ceil(math.log(tol / (lam * x0)) / math.log(q))
    assert lam * x0 * q ** k_expected < tol <= lam * x0 * q ** (k_expected - 1)
    t = optimize.gradient_descent(lambda p: lam * p, x0, lr, 10_000, tol=tol)
    assert t.steps == k_expected
    assert t.converged and not t.diverged
    norms = np.abs(t.grads[:, 0])
    assert norms[-1] < tol and np.all(norms[:-1] >= tol)


def test_tol_already_met_at_the_start_takes_no_step():
    t = optimize.gradient_descent(lambda p: 1e-9 * p, 1.0, 0.1, 100, tol=1e-6)
    assert t.steps == 0 and t.converged


def test_without_tol_the_run_takes_every_step():
    t = optimize.gradient_descent(lambda p: p, 1.0, 0.5, 100)
    assert t.steps == 100 and t.converged  # 2^-100 is below the 1e-8 of "converged"
    t = optimize.gradient_descent(lambda p: p, 1.0, 0.01, 10)
    assert t.steps == 10 and not t.converged


# --- bad input ------------------------------------------------------------------------

G = lambda p: 2 * p


@pytest.mark.parametrize("kwargs", [
    dict(lr=0.0), dict(lr=-0.1), dict(lr=math.nan), dict(lr=math.inf), dict(lr="fast"),
    dict(steps=-1), dict(steps=2.5), dict(steps=True), dict(steps=None),
    dict(momentum=1.0), dict(momentum=1.5), dict(momentum=-0.1), dict(momentum=math.nan),
    dict(tol=0.0), dict(tol=-1e-3), dict(tol=math.nan),
    dict(x0=[[1.0, 2.0]]), dict(x0=[1.0, math.nan]), dict(x0=math.inf),
], ids=lambda k: repr(k))
def test_gradient_descent_bad_input(kwargs):
    args = dict(grad=G, x0=[1.0, 2.0], lr=0.1, steps=5)
    args.update(kwargs)
    with pytest.raises(ValueError):
        optimize.gradient_descent(**args)


def test_grad_of_the_wrong_size_is_refused():
    with pytest.raises(ValueError, match="2"):
        optimize.gradient_descent(lambda p: np.ones(3), [1.0, 2.0], 0.1, 5)
    with pytest.raises(ValueError):
        optimize.gradient_descent(lambda p: np.ones(2), 1.0, 0.1, 5)
    with pytest.raises(ValueError):
        optimize.adam(lambda p: np.ones(1), [1.0, 2.0], 0.1, 5)


def test_non_finite_gradient_at_the_start_is_refused():
    with pytest.raises(ValueError):
        optimize.gradient_descent(lambda p: np.array([math.nan]), [1.0], 0.1, 5)


@pytest.mark.parametrize("call", [
    lambda: optimize.nesterov(G, 1.0, 0.1, 5, momentum=1.0),
    lambda: optimize.rmsprop(G, 1.0, 0.1, 5, alpha=1.0),
    lambda: optimize.rmsprop(G, 1.0, 0.1, 5, eps=0.0),
    lambda: optimize.adam(G, 1.0, 0.1, 5, betas=(0.9, 1.0)),
    lambda: optimize.adam(G, 1.0, 0.1, 5, betas=(-0.1, 0.9)),
    lambda: optimize.adam(G, 1.0, math.nan, 5),
    lambda: optimize.adam(G, 1.0, 0.1, -2),
    lambda: optimize.minimize(G, 1.0, 0.1, 5, method="lbfgs"),
], ids=lambda c: "")
def test_other_optimizers_bad_input(call):
    with pytest.raises(ValueError):
        call()


@settings(max_examples=40, deadline=None)
@given(lr=st.floats(0.05, 1.2), x0=st.floats(-1.5, 1.5), y0=st.floats(-1.0, 1.0),
       mu=st.sampled_from([0.0, 0.5]))
def test_gradient_descent_in_box_stops_before_the_first_point_outside(lr, x0, y0, mu):
    """Against a hand loop (PyTorch SGD) on f = x^2 + 3 y^2 in the box [-2, 2] x [-1.5, 1.5]:
    the same points up to, not including, the first one outside; diverged iff it left."""
    lo, hi = (-2.0, -1.5), (2.0, 1.5)
    grad = lambda p: np.array([2 * p[0], 6 * p[1]])  # noqa: E731
    pts, x, v = [np.array([x0, y0])], np.array([x0, y0]), None
    left = False
    for _ in range(20):
        g = grad(x)
        v = g if v is None else mu * v + g
        x = x - lr * v
        if not (lo[0] <= x[0] <= hi[0] and lo[1] <= x[1] <= hi[1]):
            left = True
            break
        pts.append(x)
    t = optimize.gradient_descent_in_box(grad, [x0, y0], lr, 20, lo, hi, momentum=mu,
                                         f=lambda p: p[0] ** 2 + 3 * p[1] ** 2)
    assert t.diverged == left
    assert t.points.shape == (len(pts), 2)
    assert_close(t.points, np.array(pts), rtol=1e-12, atol=1e-12)
    assert_close(t.values, t.points[:, 0] ** 2 + 3 * t.points[:, 1] ** 2, rtol=1e-12, atol=1e-12)
