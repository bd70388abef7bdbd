"""Independent oracles for the mathcore tests: finite differences and log-log slopes.

Nothing here imports mathcore: these are the second method every test compares against.
"""

from __future__ import annotations

import numpy as np

EPS = np.finfo(float).eps


def central_diff(f, x, h=1e-6):
    """(f(x + h) - f(x - h)) / 2h with a step that is exact in floating point; vectorised over x."""
    x = np.asarray(x, dtype=float)
    step = np.maximum(1.0, np.abs(x)) * h
    step = (x + step) - x
    return (np.asarray(f(x + step), dtype=float) - np.asarray(f(x - step), dtype=float)) / (2 * step)


def five_point_diff(f, x, h=1e-3):
    """The fourth-order stencil (-f(x+2h) + 8f(x+h) - 8f(x-h) + f(x-2h)) / 12h, written out again."""
    x = np.asarray(x, dtype=float)
    step = np.maximum(1.0, np.abs(x)) * h
    step = (x + step) - x
    F = lambda t: np.asarray(f(t), dtype=float)
    return (-F(x + 2 * step) + 8 * F(x + step) - 8 * F(x - step) + F(x - 2 * step)) / (12 * step)


def numeric_grad(f, w, h=1e-6):
    """Central differences of a scalar f over every entry of the array w (w is not modified)."""
    w = np.array(w, dtype=float)
    g = np.zeros_like(w)
    for idx in np.ndindex(w.shape):
        step = h * max(1.0, abs(w[idx]))
        old = w[idx]
        w[idx] = old + step
        up = f(w)
        w[idx] = old - step
        down = f(w)
        w[idx] = old
        g[idx] = (up - down) / (2 * step)
    return g


def numeric_jacobian(f, x, h=1e-6):
    """J[i, j] = d f_i / d x_j by central differences for a vector-valued f."""
    x = np.array(x, dtype=float)
    cols = []
    for j in range(x.size):
        e = np.zeros_like(x)
        e[j] = h * max(1.0, abs(x[j]))
        cols.append((np.asarray(f(x + e), float) - np.asarray(f(x - e), float)) / (2 * e[j]))
    return np.stack(cols, axis=1)


def loglog_slope(x, err):
    """Least-squares slope of log(err) against log(x): the observed order of convergence."""
    x, err = np.asarray(x, float), np.asarray(err, float)
    assert np.all(err > 0), f"an error is zero or negative, the slope is undefined: {err}"
    return float(np.polyfit(np.log(x), np.log(err), 1)[0])


def assert_close(actual, expected, rtol, atol=0.0, what=""):
    """np.testing.assert_allclose that prints both sides (autograd's check_grads habit)."""
    actual, expected = np.asarray(actual, float), np.asarray(expected, float)
    np.testing.assert_allclose(
        actual, expected, rtol=rtol, atol=atol,
        err_msg=f"{what}\n  code:   {actual!r}\n  oracle: {expected!r}")
