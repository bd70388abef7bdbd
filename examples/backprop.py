"""Backpropagation on the lecture's 2-3-1 network, by hand in numpy (section 10).
Run:  python backprop.py [backprop.png]"""
import sys

import matplotlib
matplotlib.use("Agg")  # no window needed: we only write a file
import matplotlib.pyplot as plt
import numpy as np

W1 = np.full((2, 3), 0.5)      # W1[i, j] joins input x_i to hidden unit z_j (w^1_ij)
W2 = np.full((3, 1), 1.0)      # W2[j, 0] joins z_j to the output y' (w^2_j1)
X, Y, LR = np.array([40.0, 80.0]), np.array([60.0]), 1e-5   # inputs, target, learning rate


def forward_backward(W1, W2, x, y):
    """No biases, no activation, loss 1/2 (y - y')^2. Forward, then the chain rule backwards."""
    z = x @ W1                       # z_j = sum_i x_i w^1_ij
    y_hat = z @ W2                   # y' = sum_j z_j w^2_j1
    loss = 0.5 * np.sum((y - y_hat) ** 2)
    d_yhat = y_hat - y               # dL/dy' = y' - y
    dW2 = np.outer(z, d_yhat)        # dL/dw^2_j1 = dL/dy' * dy'/dw^2_j1 = dL/dy' * z_j
    d_z = W2 @ d_yhat                # dL/dz_j = dL/dy' * dy'/dz_j = dL/dy' * w^2_j1
    dW1 = np.outer(x, d_z)           # dL/dw^1_ij = dL/dz_j * dz_j/dw^1_ij = dL/dz_j * x_i
    return loss, dW1, dW2


def train(W1, W2, x, y, lr, steps):
    """`steps` updates W <- W - lr dL/dW; returns the losses (before each step, and the last)."""
    losses = []
    for _ in range(steps):
        loss, dW1, dW2 = forward_backward(W1, W2, x, y)
        W1, W2 = W1 - lr * dW1, W2 - lr * dW2   # new arrays: the caller's weights are kept
        losses.append(loss)
    losses.append(forward_backward(W1, W2, x, y)[0])
    return np.array(losses), W1, W2


def main(out="backprop.png"):
    loss, dW1, dW2 = forward_backward(W1, W2, X, Y)        # the lecture's numbers
    print(f"loss = {loss:g}\ndL/dW1 =\n{dW1}\ndL/dW2 = {dW2.ravel()}")
    losses, W1_new, W2_new = train(W1, W2, X, Y, LR, steps=1)
    print(f"after one step: W1 =\n{W1_new}\nW2 = {W2_new.ravel()}\nloss = {losses[-1]:.4f}")
    losses = train(W1, W2, X, Y, LR, steps=20)[0]           # keep going: the loss keeps falling
    fig, ax = plt.subplots(figsize=(8, 4.5), constrained_layout=True)
    ax.semilogy(losses, "o-", lw=2)
    ax.text(1.4, losses[1], f"← step 1: {losses[0]:g} → {losses[1]:.3f}", size=14, va="center")
    ax.set(title=f"2-3-1 network, learning rate {LR:g}", xlabel="step", ylabel="loss (log scale)",
           xticks=range(0, len(losses), 2))
    ax.grid(alpha=0.3, which="both")
    fig.savefig(out, dpi=100)


if __name__ == "__main__":
    try:  # a wrong argument or a path we cannot write: one line, no traceback
        if len(sys.argv) > 2 or sys.argv[-1].startswith("-"):
            raise ValueError("usage: python backprop.py [OUT.png]")
        main(*sys.argv[1:])
    except (OSError, ValueError) as e:
        print(f"error: {e}", file=sys.stderr)
        sys.exit(2)
