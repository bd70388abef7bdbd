"""Section 10: backpropagation on the lecture's 2-3-1 network (``mathcore.backprop.seed_example``:
layer-1 weights 0.5, layer-2 weights 1, x = (40, 80), target 60, learning rate 1e-5), or the
lecturer's own (``--w1 --w2 --x --y --lr``): one step traced term by term (the video), and
``steps`` steps of training (the GIF, 40 by default).

The layer sizes follow the numbers: ``x`` holds the inputs, ``w2`` one weight per hidden unit,
``w1`` the input-to-hidden weights in row order (w11, w12, ..., w21, ...). The command line
keeps 2-3-1; a lesson of another shape (one hidden layer, one output) is built the same way:

>>> from_options({"x": [1, 2, 3], "w1": [0.1] * 6, "w2": [1, 2], "y": 1}).sizes
(3, 2, 1)
>>> lesson = from_options()
>>> lesson.sizes, lesson.y_hat, lesson.loss, round(lesson.loss_after, 4)
((2, 3, 1), 180.0, 7200.0, 3225.1372)
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from mathcore import backprop

OPTIONS = frozenset({"w1", "w2", "x", "y", "lr", "steps"})

# the lecture's example, as seed_example holds it
LECTURE = {"w1": 0.5, "w2": 1.0, "x": [40.0, 80.0], "y": 60.0, "lr": 1e-5}
STEPS = 40                   # training steps the GIF shows
HOLD_START = 6               # GIF frames on step 0 (the untrained network)
HOLD_FIRST = 14              # GIF frames on step 1: the lecture's hand-computed step


def complete(values: dict) -> dict:
    """With any option given, the rest of the network's numbers are the lecture's (w1 filled to
    one weight per input-hidden pair, w2 to one per hidden unit) and the GIF trains ``STEPS``
    steps. ``{}`` stays ``{}``."""
    out = dict(values)
    if not out:
        return out
    out.setdefault("x", list(LECTURE["x"]))
    out.setdefault("y", LECTURE["y"])
    out.setdefault("lr", LECTURE["lr"])
    out.setdefault("steps", STEPS)
    n_in = len(out["x"])
    if "w2" not in out:
        w1 = out.get("w1")
        n_hid = 3 if w1 is None or len(w1) in (1, 3 * n_in) else len(w1) // n_in
        out["w2"] = [LECTURE["w2"]] * n_hid
    n_hid = len(out["w2"])
    out.setdefault("w1", [LECTURE["w1"]] * (n_in * n_hid))
    if len(out["w1"]) == 1:
        out["w1"] = list(out["w1"]) * (n_in * n_hid)
    out["x"] = [float(v) for v in out["x"]]
    out["w1"] = [float(v) for v in out["w1"]]
    out["w2"] = [float(v) for v in out["w2"]]
    out["y"], out["lr"], out["steps"] = float(out["y"]), float(out["lr"]), int(out["steps"])
    return out


def _shown_factors(t: backprop.StepTrace, l: int, i: int, j: int) -> tuple:
    """The chain-rule factors of dL/dW[l][i, j] as the lecture writes them: sigma' = 1 is left
    out when there is no activation."""
    f = t.chain_factors(l, i, j)
    if l == 0 and t.act_df is None and len(f) == 4:
        f = (f[0], f[1], f[3])
    return f


@dataclass(frozen=True, eq=False)
class BackpropLesson:
    """The network (``w1`` (n_in, n_hidden), ``w2`` (n_hidden, 1)), input ``x``, target ``y``,
    learning rate ``lr`` and training ``steps``; every number of one step (``trace`` and the
    named arrays below) and of the training (``losses``, ``w1_history``, ``w2_history``)."""

    w1: np.ndarray
    w2: np.ndarray
    x: np.ndarray
    y: float
    lr: float
    steps: int = STEPS
    custom: bool = False
    activation: str | None = None
    trace: backprop.StepTrace = field(init=False, repr=False)

    def __post_init__(self):
        mlp = backprop.MLP([self.w1, self.w2], self.activation)
        t = mlp.step(self.x, self.y, self.lr)
        hist = backprop.MLP([self.w1, self.w2], self.activation).train(self.x, self.y, self.lr,
                                                                        self.steps)
        n_in, n_hid = self.w1.shape
        put = lambda k, v: object.__setattr__(self, k, v)  # noqa: E731 (frozen)
        put("trace", t)
        put("z", t.forward.z[0])
        put("y_hat", float(t.forward.output[0]))
        put("loss", t.loss)
        put("dL_dyhat", float(t.dloss_doutput[0]))
        put("grad_w1", t.grads[0])
        put("grad_w2", t.grads[1])
        # factors shown for each edge, outermost first: factors_w1[i][j], factors_w2[j]
        put("factors_w1", [[_shown_factors(t, 0, i, j) for j in range(n_hid)]
                           for i in range(n_in)])
        put("factors_w2", [_shown_factors(t, 1, j, 0) for j in range(n_hid)])
        put("w1_after", t.weights[0])
        put("w2_after", t.weights[1])
        put("z_after", t.forward_after.z[0])
        put("y_hat_after", float(t.forward_after.output[0]))
        put("loss_after", t.loss_after)
        put("losses", hist.losses)
        put("w1_history", np.array([w[0] for w in hist.weights]))        # (k + 1, n_in, n_hid)
        put("w2_history", np.array([w[1][:, 0] for w in hist.weights]))  # (k + 1, n_hid)
        put("diverged", hist.diverged)

    @property
    def sizes(self) -> tuple:
        return (self.w1.shape[0], self.w1.shape[1], self.w2.shape[1])

    @property
    def trained_steps(self) -> int:
        """Steps the training took: fewer than ``steps`` when it diverged."""
        return len(self.losses) - 1

    def frame_steps(self, n_frames: int, hold_start: int = HOLD_START,
                    hold_first: int = HOLD_FIRST) -> np.ndarray:
        """The training step shown in each of ``n_frames`` frames: a pause on 0 and on 1 (the
        lecture's step), then evenly up to the last step trained."""
        rest = n_frames - hold_start - hold_first
        tail = np.rint(np.linspace(1, self.trained_steps, rest + 1)[1:]).astype(int)
        return np.concatenate([np.zeros(hold_start, int), np.ones(hold_first, int), tail])

    def parameters(self) -> dict:
        return {"sizes": list(self.sizes), "w1": self.w1.tolist(), "w2": self.w2[:, 0].tolist(),
                "x": self.x.tolist(), "y": self.y, "lr": self.lr, "steps": self.steps,
                "activation": self.activation, "loss": "1/2 (y - y')^2", "bias": False}


def from_options(values: dict | None = None) -> BackpropLesson:
    values = complete(dict(values or {}))
    if not values:
        mlp, x, y, lr = backprop.seed_example()
        return BackpropLesson(mlp.weights[0], mlp.weights[1], x, float(y[0]), lr)
    n_in, n_hid = len(values["x"]), len(values["w2"])
    if len(values["w1"]) != n_in * n_hid:
        raise ValueError(f"w1 needs {n_in * n_hid} weights for {n_in} inputs and {n_hid} hidden "
                         f"units, got {len(values['w1'])}")
    if (n_in, n_hid) == (2, 3):      # the lecture's shape: as seed_example builds it
        mlp, x, y, lr = backprop.seed_example(values["w1"], values["w2"], values["x"],
                                              values["y"], values["lr"])
        w1, w2, y = mlp.weights[0], mlp.weights[1], float(y[0])
    else:
        w1 = np.array(values["w1"], dtype=float).reshape(n_in, n_hid)
        w2 = np.array(values["w2"], dtype=float).reshape(n_hid, 1)
        x, y, lr = np.array(values["x"], dtype=float), values["y"], values["lr"]
    return BackpropLesson(w1, w2, x, y, lr, values["steps"], custom=True)
