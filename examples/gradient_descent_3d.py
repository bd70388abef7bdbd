"""Gradient descent on a 3D surface, seen on the surface and on its contour map (section 12).
Run:  python gradient_descent_3d.py [gradient_descent_3d.png]"""
import sys

import matplotlib
matplotlib.use("Agg")  # no window needed: we only write a file
import matplotlib.pyplot as plt
import numpy as np

START, STEPS = (-2.6, 1.5), 16
LRS = {0.1: "tab:red", 0.36: "tab:purple"}   # a small and a large learning rate, as in the video


def f(x, y): return 0.5 * x ** 2 + 2.5 * y ** 2   # a long, narrow valley
def grad(p): return np.array([p[0], 5 * p[1]])    # (df/dx, df/dy): steep across the valley


def descend(grad, start, lr, steps):
    """p <- p - lr * grad f(p), `steps` times; returns every point visited, the start included."""
    path = [np.array(start, dtype=float)]
    for _ in range(steps):
        path.append(path[-1] - lr * grad(path[-1]))   # a step against the gradient: downhill
    return np.array(path)


def main(out="gradient_descent_3d.png"):
    X, Y = np.meshgrid(np.linspace(-3, 3, 61), np.linspace(-2, 2, 41))
    Z = f(X, Y)
    fig = plt.figure(figsize=(13, 5.5), constrained_layout=True)
    ax3d = fig.add_subplot(1, 2, 1, projection="3d", computed_zorder=False)  # paths on top
    ax3d.plot_surface(X, Y, Z, cmap="viridis", alpha=0.5, linewidth=0)
    ax3d.view_init(elev=45, azim=-70)
    ax3d.set(xlabel="x", ylabel="y", zlabel="f(x, y)", title="Gradient Descent on 3D Surface")
    ax2d = fig.add_subplot(1, 2, 2)
    rings = ax2d.contour(X, Y, Z, levels=[0.25, 1, 2.5, 5, 9, 13], cmap="viridis")
    ax2d.clabel(rings, fontsize=10, fmt="%g")   # each ring: points of equal height
    ax2d.set(xlabel="x", ylabel="y", aspect="equal", title=r"contours of $f = 0.5x^2 + 2.5y^2$")
    for lr, color in LRS.items():
        p = descend(grad, START, lr, STEPS)
        ax3d.plot(p[:, 0], p[:, 1], f(p[:, 0], p[:, 1]), "o-", color=color, ms=4, zorder=5)
        ax2d.plot(p[:, 0], p[:, 1], "o-", color=color, ms=4, label=rf"$\eta = {lr}$")
    ax2d.plot(0, 0, "k*", ms=16, label="minimum (0, 0)")
    fig.legend(loc="outside lower center", ncol=3, fontsize=12)
    fig.savefig(out, dpi=100)


if __name__ == "__main__":
    try:  # a wrong argument or a path we cannot write: one line, no traceback
        if len(sys.argv) > 2 or sys.argv[-1].startswith("-"):
            raise ValueError("usage: python gradient_descent_3d.py [OUT.png]")
        main(*sys.argv[1:])
    except (OSError, ValueError) as e:
        print(f"error: {e}", file=sys.stderr)
        sys.exit(2)
