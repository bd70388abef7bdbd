"""Gradient descent and its relatives, returning whole trajectories.

>>> from mathcore import optimize
>>> t = optimize.gradient_descent(lambda x: 2 * x, x0=4.0, lr=0.25, steps=3, f=lambda x: x * x)
>>> t.points[:, 0].tolist(), t.values.tolist()
([4.0, 2.0, 1.0, 0.5], [16.0, 4.0, 1.0, 0.25])

Momentum follows PyTorch's SGD: v <- mu v + grad, x <- x - lr v.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace

import numpy as np

from ._checks import choice, finite_number

__all__ = ["Trajectory", "gradient_descent", "gradient_descent_in_box", "nesterov", "rmsprop",
           "adam", "minimize", "METHODS"]

DEFAULT_BOUND = 1e8  # a point farther out than this counts as diverged


@dataclass
class Trajectory:
    """The points an optimizer visited, the start included: ``points`` has shape (k + 1, d)."""

    points: np.ndarray
    grads: np.ndarray
    values: np.ndarray | None = None
    converged: bool = False
    diverged: bool = False
    method: str = "gd"
    lr: float = 0.0
    hyper: dict = field(default_factory=dict)

    @property
    def steps(self) -> int:
        return len(self.points) - 1

    @property
    def final(self) -> np.ndarray:
        return self.points[-1]

    def __len__(self):
        return len(self.points)

    def __repr__(self):
        state = "diverged" if self.diverged else ("converged" if self.converged else "stopped")
        return (f"Trajectory({self.method}, lr={self.lr:g}, {self.steps} steps, {state}, "
                f"final={np.array2string(self.final, precision=6)})")


def _check_steps(steps) -> int:
    if isinstance(steps, bool) or not isinstance(steps, (int, np.integer)) or steps < 0:
        raise ValueError(f"steps must be a non-negative integer, got {steps!r}")
    return int(steps)


def _run(method, grad, x0, lr, steps, f, tol, bound, hyper, update):
    lr = finite_number(lr, "learning rate", positive=True)
    steps = _check_steps(steps)
    if tol is not None:
        tol = finite_number(tol, "tol", positive=True)
    x = np.atleast_1d(np.asarray(x0, dtype=float)).copy()
    if x.ndim != 1:
        raise ValueError(f"x0 must be a number or a 1-D vector, got shape {x.shape}")
    if not np.all(np.isfinite(x)):
        raise ValueError("x0 must be finite")
    scalar = np.ndim(x0) == 0
    d = x.size

    def g_at(p):
        g = grad(float(p[0]) if scalar else p.copy())
        g = np.asarray(g, dtype=float).reshape(-1)
        if g.size != d:
            raise ValueError(f"grad returned {g.size} values for a point with {d} coordinates")
        return g

    with np.errstate(all="ignore"):
        g = g_at(x)
        if not np.all(np.isfinite(g)):
            raise ValueError("the gradient is not finite at the start point")
        points, grads = [x.copy()], [g]
        state: dict = {}
        converged = tol is not None and np.linalg.norm(g) < tol
        diverged = False
        for t in range(1, steps + 1):
            if converged:
                break
            x_new = update(x, g, lr, t, state)
            if not np.all(np.isfinite(x_new)) or np.max(np.abs(x_new)) > bound:
                diverged = True
                break
            try:
                g_new = g_at(x_new)
            except (OverflowError, FloatingPointError):  # plain floats raise instead of inf
                diverged = True
                break
            if not np.all(np.isfinite(g_new)):
                diverged = True
                break
            x, g = x_new, g_new
            points.append(x.copy())
            grads.append(g)
            if tol is not None and np.linalg.norm(g) < tol:
                converged = True
    P, G = np.array(points), np.array(grads)
    values = None
    if f is not None:
        def value(p):
            try:
                return float(f(float(p[0]) if scalar else p))
            except (OverflowError, FloatingPointError):
                return math.inf

        with np.errstate(all="ignore"):
            values = np.array([value(p) for p in P])
        if not np.all(np.isfinite(values)):
            keep = int(np.argmax(~np.isfinite(values)))
            P, G, values, diverged = P[:keep], G[:keep], values[:keep], True
    if tol is None and not diverged:
        converged = bool(np.linalg.norm(G[-1]) < 1e-8)
    return Trajectory(P, G, values, bool(converged), bool(diverged), method, lr, hyper)


def _check_momentum(momentum) -> float:
    m = finite_number(momentum, "momentum")
    if not 0 <= m < 1:
        raise ValueError(f"momentum must be in [0, 1), got {momentum!r}")
    return m


def gradient_descent(grad, x0, lr, steps, *, momentum=0.0, f=None, tol=None,
                     bound=DEFAULT_BOUND) -> Trajectory:
    """x <- x - lr * v with v <- momentum * v + grad(x) (PyTorch's SGD; plain GD when momentum = 0).

    Stops early when the gradient norm falls below ``tol``, or when a step overflows or leaves
    ``|x| <= bound``: then ``.diverged`` is set and only the finite points are kept.
    """
    mu = _check_momentum(momentum)

    def update(x, g, lr, t, s):
        s["v"] = mu * s["v"] + g if "v" in s else g.copy()
        return x - lr * s["v"]

    return _run("momentum" if mu else "gd", grad, x0, lr, steps, f, tol, bound,
                {"momentum": mu}, update)


def gradient_descent_in_box(grad, x0, lr, steps, lo, hi, *, momentum=0.0, f=None) -> Trajectory:
    """:func:`gradient_descent` where leaving the box ``lo <= x <= hi`` (a drawn range: scalars,
    or one bound per coordinate) counts as diverging: ``bound`` is the box's farthest edge, and
    the path is cut before its first point outside the box.

    >>> t = gradient_descent_in_box(lambda x: 2 * x, 1.0, 1.5, 5, -3, 3, f=lambda x: x * x)
    >>> t.points[:, 0].tolist(), t.diverged
    ([1.0, -2.0], True)
    """
    lo, hi = np.asarray(lo, float), np.asarray(hi, float)
    t = gradient_descent(grad, x0, lr, steps, momentum=momentum, f=f,
                         bound=float(max(np.abs(lo).max(), np.abs(hi).max())))
    inside = np.all((t.points >= lo) & (t.points <= hi), axis=1)
    if inside.all():
        return t
    k = int(np.argmin(inside))
    return replace(t, points=t.points[:k], grads=t.grads[:k], values=t.values[:k],
                   converged=False, diverged=True)


def nesterov(grad, x0, lr, steps, *, momentum=0.9, f=None, tol=None, bound=DEFAULT_BOUND):
    """PyTorch's SGD with nesterov=True: v <- mu v + g, x <- x - lr (g + mu v)."""
    mu = _check_momentum(momentum)

    def update(x, g, lr, t, s):
        s["v"] = mu * s["v"] + g if "v" in s else g.copy()
        return x - lr * (g + mu * s["v"])

    return _run("nesterov", grad, x0, lr, steps, f, tol, bound, {"momentum": mu}, update)


def rmsprop(grad, x0, lr, steps, *, alpha=0.99, eps=1e-8, f=None, tol=None, bound=DEFAULT_BOUND):
    """PyTorch's RMSprop: s <- alpha s + (1 - alpha) g^2, x <- x - lr g / (sqrt(s) + eps)."""
    alpha = finite_number(alpha, "alpha")
    if not 0 <= alpha < 1:
        raise ValueError(f"alpha must be in [0, 1), got {alpha!r}")
    eps = finite_number(eps, "eps", positive=True)

    def update(x, g, lr, t, s):
        s["s"] = alpha * s.get("s", 0.0) + (1 - alpha) * g * g
        return x - lr * g / (np.sqrt(s["s"]) + eps)

    return _run("rmsprop", grad, x0, lr, steps, f, tol, bound, {"alpha": alpha, "eps": eps}, update)


def adam(grad, x0, lr, steps, *, betas=(0.9, 0.999), eps=1e-8, f=None, tol=None,
         bound=DEFAULT_BOUND):
    """Adam with bias correction (Kingma & Ba; PyTorch's defaults)."""
    b1, b2 = (finite_number(b, "beta") for b in betas)
    if not (0 <= b1 < 1 and 0 <= b2 < 1):
        raise ValueError(f"betas must be in [0, 1), got {betas!r}")
    eps = finite_number(eps, "eps", positive=True)

    def update(x, g, lr, t, s):
        s["m"] = b1 * s.get("m", 0.0) + (1 - b1) * g
        s["v"] = b2 * s.get("v", 0.0) + (1 - b2) * g * g
        m_hat = s["m"] / (1 - b1 ** t)
        v_hat = s["v"] / (1 - b2 ** t)
        return x - lr * m_hat / (np.sqrt(v_hat) + eps)

    return _run("adam", grad, x0, lr, steps, f, tol, bound, {"betas": (b1, b2), "eps": eps}, update)


METHODS = {"gd": gradient_descent, "momentum": gradient_descent, "nesterov": nesterov,
           "rmsprop": rmsprop, "adam": adam}


def minimize(grad, x0, lr, steps, method: str = "gd", **kwargs) -> Trajectory:
    """Dispatch by name: ``gd``, ``momentum`` (default 0.9), ``nesterov``, ``rmsprop``, ``adam``."""
    choice(method, "optimizer", METHODS)
    if method == "momentum":
        kwargs.setdefault("momentum", 0.9)
    return METHODS[method](grad, x0, lr, steps, **kwargs)


def stable_lr_bound(hessian) -> float:
    """2 / L for a quadratic with this Hessian: plain GD decreases the loss for lr below it."""
    L = float(np.max(np.abs(np.linalg.eigvalsh(np.atleast_2d(np.asarray(hessian, float))))))
    return math.inf if L == 0 else 2.0 / L
