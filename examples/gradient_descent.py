"""An animation of gradient descent walking down to a minimum (section 11).
Run:  python gradient_descent.py [gradient_descent.gif]"""
import sys

import matplotlib
matplotlib.use("Agg")  # no window needed: we only write a file
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.animation import FuncAnimation, PillowWriter

X0, LR, STEPS = 2.5, 0.2, 10   # the video's start, learning rate, steps (try LR = 1.1: too big)


def f(x): return x ** 2 + np.sin(x)      # one minimum, not symmetric about it
def df(x): return 2 * x + np.cos(x)      # its derivative, the slope we walk against


def descend(df, x0, lr, steps):
    """x <- x - lr * f'(x), `steps` times; returns every x visited, the start included."""
    xs = [x0]
    for _ in range(steps):
        xs.append(xs[-1] - lr * df(xs[-1]))   # downhill: against the slope
    return np.array(xs)


def main(out="gradient_descent.gif"):
    xs = descend(df, X0, LR, STEPS)          # compute first, then only draw
    fig, ax = plt.subplots(figsize=(7, 4.5), constrained_layout=True)
    grid = np.linspace(-3, 3, 300)
    ax.plot(grid, f(grid), lw=2.5, label=r"$f(x) = x^2 + \sin x$")
    path, = ax.plot([], [], "o", color="tab:orange", ms=6)
    point, = ax.plot([], [], "o", color="tab:red", ms=12)
    note = ax.text(0.03, 0.95, "", transform=ax.transAxes, va="top", fontsize=13)
    ax.set(xlabel="x", ylabel="f(x)", xlim=(-3, 3), ylim=(-1.5, 10))
    ax.set_title(rf"gradient descent $x \leftarrow x - \eta f'(x)$, $\eta = {LR}$", fontsize=13)
    ax.legend(loc="upper right", fontsize=12)

    def draw(k):                             # frame k: the first k steps
        path.set_data(xs[:k + 1], f(xs[:k + 1]))
        point.set_data(xs[k:k + 1], f(xs[k:k + 1]))
        note.set_text(f"step {k}\nx = {xs[k]:.4f}\nf'(x) = {df(xs[k]):.4f}")
        return path, point, note

    frames = list(range(STEPS + 1)) + [STEPS] * 4   # hold the last frame a little
    FuncAnimation(fig, draw, frames=frames, blit=True).save(out, writer=PillowWriter(fps=2))


if __name__ == "__main__":
    try:  # a wrong argument or a path we cannot write: one line, no traceback
        out = sys.argv[1:] or ["gradient_descent.gif"]
        if len(out) > 1 or not out[0].lower().endswith(".gif"):
            raise ValueError("usage: python gradient_descent.py [OUT.gif]")
        main(out[0])
    except (OSError, ValueError) as e:
        print(f"error: {e}", file=sys.stderr)
        sys.exit(2)
