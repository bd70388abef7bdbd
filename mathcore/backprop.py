"""A small multilayer perceptron with backpropagation written out, for the lecture's worked example.

``W[l][i, j]`` joins unit i of one layer to unit j of the next (the lecture's w^l_ij),
so a layer computes ``z = a_prev @ W[l]``. Hidden layers apply ``activation``; the output
layer is linear; the loss is 1/2 ||y - y_hat||^2; no biases.

>>> from mathcore import backprop
>>> mlp, x, y, lr = backprop.seed_example()
>>> mlp.forward(x).output.tolist(), mlp.loss(x, y)
([180.0], 7200.0)
>>> trace = mlp.step(x, y, lr)
>>> round(trace.loss_after, 4)
3225.1372
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from . import functions
from ._checks import finite_number, positive_int

__all__ = ["MLP", "Forward", "StepTrace", "History", "seed_example"]


@dataclass(frozen=True)
class Forward:
    """One forward pass: ``z[l]`` pre-activations and ``a[l]`` activations of layer l + 1;
    ``a_in`` is the input. ``output`` is the network's prediction y_hat."""

    a_in: np.ndarray
    z: list
    a: list

    @property
    def output(self) -> np.ndarray:
        return self.a[-1]

    def layer_input(self, l: int) -> np.ndarray:
        """What weight matrix l multiplies: the input for l = 0, else a[l - 1]."""
        return self.a_in if l == 0 else self.a[l - 1]


@dataclass(frozen=True)
class StepTrace:
    """Everything one gradient step computed, for scenes that show each term.

    ``deltas[l]`` is dL/dz of layer l; ``grads[l][i, j] = forward.layer_input(l)[i] * deltas[l][j]``.
    """

    x: np.ndarray
    y: np.ndarray
    lr: float
    forward: Forward
    loss: float
    dloss_doutput: np.ndarray
    deltas: list
    grads: list
    weights_before: list
    weights: list
    forward_after: Forward
    loss_after: float
    act_df: object = None  # the hidden layers' activation derivative (None: no activation)

    def chain_factors(self, l: int, i: int, j: int) -> tuple[float, ...]:
        """The chain-rule factors whose product is dL/dW[l][i, j], outermost first.

        For the last layer: (dL/dy_hat_j, a_i). For a hidden layer feeding a one-unit
        output layer with no activation (the lecture's case): (dL/dy_hat, W[l+1][j, 0],
        sigma'(z_j), x_i) — sigma' is 1 without an activation.
        """
        n = len(self.weights_before)
        a_i = float(self.forward.layer_input(l)[i])
        if l == n - 1:
            return float(self.deltas[l][j]), a_i
        if l == n - 2 and self.weights_before[l + 1].shape[1] == 1:
            act_slope = 1.0 if self.act_df is None else float(self.act_df(self.forward.z[l][j]))
            return (float(self.dloss_doutput[0]), float(self.weights_before[l + 1][j, 0]),
                    act_slope, a_i)
        return float(self.deltas[l][j]), a_i


@dataclass(frozen=True)
class History:
    """``losses[k]`` and ``weights[k]`` before step k; the last entry is after the final step."""

    losses: np.ndarray
    weights: list
    diverged: bool = False


class MLP:
    """A fully connected network; see the module docstring for the conventions."""

    def __init__(self, weights, activation: str | None = None, **activation_params):
        if not isinstance(weights, (list, tuple)) or not weights:
            raise ValueError("weights must be a non-empty list of 2-D arrays")
        ws = []
        for l, w in enumerate(weights):
            w = np.array(w, dtype=float)
            if w.ndim != 2:
                raise ValueError(f"weights[{l}] must be 2-D, got shape {w.shape}")
            if not np.all(np.isfinite(w)):
                raise ValueError(f"weights[{l}] must be finite")
            if l and w.shape[0] != ws[-1].shape[1]:
                raise ValueError(f"weights[{l}] has {w.shape[0]} rows but layer {l} has "
                                 f"{ws[-1].shape[1]} units")
            ws.append(w)
        self.weights = ws
        self.activation = activation
        self._act = functions.get(activation, **activation_params) if activation else None

    def __repr__(self):
        sizes = "-".join(str(s) for s in self.sizes)
        return f"MLP({sizes}, activation={self.activation})"

    @property
    def sizes(self) -> list[int]:
        return [self.weights[0].shape[0]] + [w.shape[1] for w in self.weights]

    def _vec(self, v, n, what):
        v = np.asarray(v, dtype=float).reshape(-1) if np.ndim(v) else np.array([float(v)])
        if v.size != n:
            raise ValueError(f"{what} has {v.size} values but the network needs {n}")
        if not np.all(np.isfinite(v)):
            raise ValueError(f"{what} must be finite")
        return v

    def forward(self, x, weights=None) -> Forward:
        ws = self.weights if weights is None else weights
        a = self._vec(x, self.sizes[0], "x")
        a_in, zs, acts = a, [], []
        for l, w in enumerate(ws):
            z = a @ w
            a = z if (self._act is None or l == len(ws) - 1) else np.asarray(self._act.f(z))
            zs.append(z)
            acts.append(a)
        return Forward(a_in, zs, acts)

    def loss(self, x, y) -> float:
        y = self._vec(y, self.sizes[-1], "y")
        r = y - self.forward(x).output
        return 0.5 * float(r @ r)

    def _backward(self, fwd: Forward, y):
        n = len(self.weights)
        dout = fwd.output - y  # dL/dy_hat for L = 1/2 ||y - y_hat||^2
        deltas = [None] * n
        grads = [None] * n
        delta = dout
        for l in range(n - 1, -1, -1):
            deltas[l] = delta
            grads[l] = np.outer(fwd.layer_input(l), delta)
            if l:
                delta = self.weights[l] @ delta
                if self._act is not None:
                    delta = delta * np.asarray(self._act.df(fwd.z[l - 1]))
        return dout, deltas, grads

    def gradients(self, x, y) -> list:
        """dL/dW for every layer, shaped like the weights."""
        y = self._vec(y, self.sizes[-1], "y")
        return self._backward(self.forward(x), y)[2]

    def step(self, x, y, lr) -> StepTrace:
        """One step W <- W - lr dL/dW (the model is updated in place); returns every term."""
        lr = finite_number(lr, "learning rate", positive=True)
        y = self._vec(y, self.sizes[-1], "y")
        fwd = self.forward(x)
        loss = 0.5 * float((y - fwd.output) @ (y - fwd.output))
        dout, deltas, grads = self._backward(fwd, y)
        before = [w.copy() for w in self.weights]
        after = [w - lr * g for w, g in zip(before, grads)]
        self.weights = after
        fwd2 = self.forward(x)
        r2 = y - fwd2.output
        return StepTrace(fwd.a_in, y, lr, fwd, loss, dout, deltas, grads, before,
                         [w.copy() for w in after], fwd2, 0.5 * float(r2 @ r2),
                         self._act.df if self._act is not None else None)

    def train(self, x, y, lr, steps) -> History:
        """``steps`` gradient steps on one example; stops (``diverged``) if the loss overflows."""
        steps = positive_int(steps, "steps")
        lr = finite_number(lr, "learning rate", positive=True)
        losses, weights = [self.loss(x, y)], [[w.copy() for w in self.weights]]
        diverged = False
        with np.errstate(all="ignore"):
            for _ in range(steps):
                t = self.step(x, y, lr)
                if not np.isfinite(t.loss_after) or any(not np.all(np.isfinite(w)) for w in t.weights):
                    self.weights = t.weights_before
                    diverged = True
                    break
                losses.append(t.loss_after)
                weights.append([w.copy() for w in t.weights])
        return History(np.array(losses), weights, diverged)


def seed_example(w1=None, w2=None, x=None, y=None, lr=None):
    """The lecture's 2-3-1 network: layer 1 weights 0.5, layer 2 weights 1; x = (40, 80),
    target 60, learning rate 1e-5. Returns ``(mlp, x, y, lr)``.

    Any of them can be replaced: ``w1`` as one number or 6 in row order (w11, w12, w13, w21,
    w22, w23), ``w2`` as one number or 3, ``x`` as two numbers, ``y`` one, ``lr`` one.
    """
    def fill(v, shape, default):
        if v is None:
            return np.full(shape, default)
        a = np.asarray(v, dtype=float).reshape(-1)
        if a.size == 1:
            return np.full(shape, float(a[0]))
        if a.size != int(np.prod(shape)):
            raise ValueError(f"need 1 or {int(np.prod(shape))} weights, got {a.size}")
        return a.reshape(shape)

    mlp = MLP([fill(w1, (2, 3), 0.5), fill(w2, (3, 1), 1.0)])
    xs = np.array([40.0, 80.0]) if x is None else mlp._vec(x, 2, "x")
    ys = np.array([60.0]) if y is None else mlp._vec(y, 1, "y")
    lr = 1e-5 if lr is None else finite_number(lr, "learning rate", positive=True)
    return mlp, xs, ys, lr
