"""A lecturer's own examples reach the GIFs and scenes that take them: the numbers each lesson
holds for her options (what the scene and the GIF draw) against independent hand computations
for the typed function; without options the lecture's own example; and one real render per
kind."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest
from conftest import ROOT, run_cli
from PIL import Image

# what the lecturer types, and what render.py's tools/options.resolve makes of it
CUBIC = {"function": "x**3 - 2*x", "point": 1.5, "range": [-2.0, 2.0]}
QUARTIC = {"function": "x**4 - 3*x**2 + x", "point": 2.0, "range": [-3.0, 3.0], "lr": 0.05,
           "steps": 40, "momentum": 0.0}
NETWORK = {"w1": [0.3] * 6, "w2": [1.0, 2.0, 3.0], "x": [1.0, 2.0], "y": 3.0, "lr": 0.01}


def _gd_by_hand(df, x0, lr, steps, lo, hi, momentum=0.0):
    """PyTorch's SGD (v <- mu v + g, x <- x - lr v), stopping before a point outside [lo, hi]."""
    xs, v = [x0], 0.0
    for k in range(steps):
        g = df(xs[-1])
        v = g if k == 0 else momentum * v + g
        x = xs[-1] - lr * v
        if not lo <= x <= hi:
            return np.array(xs), True
        xs.append(x)
    return np.array(xs), False


def f4(x):
    return x ** 4 - 3 * x ** 2 + x


def df4(x):
    return 4 * x ** 3 - 6 * x + 1


# --- secant -> tangent -----------------------------------------------------------------------

def _gif(module: str, params: dict):
    """A GIF of sections on lessons built in this process with the lecturer's options."""
    import importlib
    return importlib.import_module(module).build("en", 320, options=params)


def test_secant_tangent_draws_the_typed_function():
    gif = _gif("animations.secant_tangent", CUBIC)
    v, sw = gif.view, gif.sweep
    a, h = 1.5, sw.h
    f = lambda x: x ** 3 - 2 * x    # noqa: E731
    np.testing.assert_allclose(sw.slopes, (f(a + h) - f(a)) / h, rtol=1e-9, atol=1e-12)
    assert v.derivative == pytest.approx(3 * a ** 2 - 2, rel=1e-12)
    assert v.a == a and v.fa == pytest.approx(f(a))
    # the farther end of [-2, 2] from 1.5 is the left one: h < 0, 0.85 of the way, 200-fold
    assert h[0] == pytest.approx(-0.85 * 3.5) and h[-1] == pytest.approx(h[0] / 200)
    np.testing.assert_allclose(v.curve_y, f(v.curve_x), rtol=1e-12, atol=1e-12)
    assert gif.ax.get_xlim() == (-2, 2)
    ylo, yhi = gif.ax.get_ylim()
    assert ylo < -4 and yhi > 4          # f(-2) = -4, f(2) = 4 in view


def test_secant_tangent_without_options_is_the_lectures():
    v = _gif("animations.secant_tangent", {}).view
    assert v.a == 1.0 and v.derivative == 2.0
    assert v.h_start == pytest.approx(2.0) and v.h_end == pytest.approx(0.01)


# --- tangent line ----------------------------------------------------------------------------

SINEXP = {"function": "sin(x)*exp(-x/3)", "range": [0.0, 6.0]}


def test_tangent_line_travels_along_the_typed_function():
    gif = _gif("animations.tangent_line", SINEXP)
    le = gif.lesson
    x, xs = le.x, gif.xs
    np.testing.assert_allclose(le.y, np.sin(x) * np.exp(-x / 3), rtol=1e-12, atol=1e-14)
    by_hand = np.exp(-x / 3) * (np.cos(x) - np.sin(x) / 3)
    np.testing.assert_allclose(le.dy, by_hand, rtol=1e-10, atol=1e-14)
    np.testing.assert_allclose(gif.slopes, np.exp(-xs / 3) * (np.cos(xs) - np.sin(xs) / 3),
                               rtol=1e-10, atol=1e-14)
    # the point stays in the range, over its middle 1.9/2.2 as in the lecture's
    half = 1.9 / 2.2 * 3
    assert xs.min() == pytest.approx(3 - half) and xs.max() == pytest.approx(3 + half)
    assert x[0] == 0 and x[-1] == 6


def test_tangent_line_without_options_is_the_lectures():
    gif = _gif("animations.tangent_line", {})
    x = gif.lesson.x
    np.testing.assert_allclose(gif.lesson.y, x ** 3 - 2 * x, atol=1e-12)
    assert min(gif.xs) == pytest.approx(-1.9) and max(gif.xs) == pytest.approx(1.9)


# --- differential ----------------------------------------------------------------------------

def test_differential_of_the_typed_function():
    p = {"function": "x**3 - 2*x", "point": 1.0, "range": [-2.0, 2.0]}
    gif = _gif("animations.differential", p)
    v, sw = gif.view, gif.sweep
    dx = sw.dx
    # the video's sweep: 0.4 of the width (1.6) fits only to the left of 1; 100-fold
    assert dx[0] == pytest.approx(-1.6) and dx[-1] == pytest.approx(dx[0] / 100)
    np.testing.assert_allclose(sw.dy, (3 * 1 ** 2 - 2) * dx, rtol=1e-12)
    f = lambda x: x ** 3 - 2 * x    # noqa: E731
    np.testing.assert_allclose(sw.delta, f(1 + dx) - f(1), rtol=1e-9, atol=1e-12)
    # Δy - dy = 3 dx^2 + dx^3 for this cubic at x = 1
    np.testing.assert_allclose(sw.gap, 3 * dx ** 2 + dx ** 3, rtol=1e-6, atol=1e-12)
    assert v.x0 == 1.0 and v.slope == pytest.approx(1.0)


def test_differential_without_options_is_the_lectures():
    v = _gif("animations.differential", {}).view
    assert v.x0 == 0.5 and v.slope == pytest.approx(math.exp(0.5))
    assert v.dx_start == pytest.approx(1.2)


# --- Riemann sums ----------------------------------------------------------------------------

def test_riemann_sums_of_the_typed_function():
    r = _gif("animations.riemann", {"function": "sin(x)+2", "range": [0.0, 3.0]}).r
    exact = 2 * 3 + 1 - math.cos(3)
    assert r.integral == pytest.approx(exact, rel=1e-12)
    for rule, offset in (("left", 0.0), ("right", 1.0), ("midpoint", 0.5)):
        hand = []
        for n in r.ns:
            w = 3.0 / n
            x = (np.arange(n) + offset) * w
            hand.append(w * np.sum(np.sin(x) + 2))
        np.testing.assert_allclose(r.sums[rule], hand, rtol=1e-12)


def test_riemann_without_options_is_the_lectures():
    r = _gif("animations.riemann", {}).r
    assert (r.a, r.b) == (0.0, 2.0) and r.integral == pytest.approx(8 / 3)


# --- gradient descent on a curve -------------------------------------------------------------

def test_gradient_descent_gif_runs_the_typed_descent():
    gif = _gif("animations.gradient_descent", QUARTIC)
    sl = gif.lesson.slide
    xs, diverged = _gd_by_hand(df4, 2.0, 0.05, 40, -3, 3)
    assert not diverged and not sl.good.diverged and sl.good.lr == 0.05
    np.testing.assert_allclose(sl.good.path.points[:, 0], xs, rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(sl.good.path.values, f4(xs), rtol=1e-12, atol=1e-12)
    # the second beat: lr times the smallest factor that leaves the range within 12 steps
    from lessons.gradient_descent import OVERSHOOT_FACTORS
    k = next(k for k in OVERSHOOT_FACTORS if _gd_by_hand(df4, 2.0, 0.05 * k, 12, -3, 3)[1])
    assert sl.big.lr == pytest.approx(0.05 * k)
    bad_xs, bad_div = _gd_by_hand(df4, 2.0, 0.05 * k, 12, -3, 3)
    assert bad_div and sl.big.diverged
    np.testing.assert_allclose(sl.big.path.points[:, 0], bad_xs, rtol=1e-12)
    assert gif.note.sum() > 0 and not gif.note_good.any()
    assert sl.good.view == (-3.0, 3.0) == sl.big.view


def test_gradient_descent_gif_shows_a_diverging_lr():
    gif = _gif("animations.gradient_descent", {**QUARTIC, "lr": 0.5})
    xs, diverged = _gd_by_hand(df4, 2.0, 0.5, 40, -3, 3)
    assert diverged and gif.lesson.slide.good.diverged
    np.testing.assert_allclose(gif.lesson.slide.good.path.points[:, 0], xs, rtol=1e-12)
    assert gif.note_good[-1] and gif.note_good.sum() >= 10


def test_gradient_descent_gif_without_options_is_the_lectures():
    sl = _gif("animations.gradient_descent", {}).lesson.slide
    assert sl.good.lr == 0.1 and sl.big.lr == 1.05 and sl.good.x0 == 2.0


# --- gradient descent on a surface -----------------------------------------------------------

def _gif3d(params):
    gif = _gif("animations.gradient_descent_3d", params)
    gif.init()
    return gif


def test_gradient_descent_3d_runs_the_typed_surface_with_momentum():
    p = {"function": "x**2 + 3*y**2", "point": [2.5, 2.0], "range": [-3.0, 3.0], "lr": 0.1,
         "steps": 40, "momentum": 0.5}
    sl = _gif3d(p).lesson.slide
    P, v = [np.array([2.5, 2.0])], np.zeros(2)
    for k in range(40):
        g = np.array([2 * P[-1][0], 6 * P[-1][1]])
        v = g if k == 0 else 0.5 * v + g
        P.append(P[-1] - 0.1 * v)
    P = np.array(P)
    assert not sl.path.diverged
    np.testing.assert_allclose(sl.path.points, P, rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(sl.path.values, P[:, 0] ** 2 + 3 * P[:, 1] ** 2, atol=1e-12)
    X, Y, Z = sl.grid
    np.testing.assert_allclose(Z, X ** 2 + 3 * Y ** 2, atol=1e-12)
    assert X.min() == -3 and X.max() == 3 and Y.min() == -3 and Y.max() == 3
    assert sl.minimum == pytest.approx([0.0, 0.0], abs=1e-12)      # found on the grid


def test_gradient_descent_3d_diverging_lr_is_marked():
    p = {"function": "x**2 + 3*y**2", "point": [2.5, 2.0], "range": [-3.0, 3.0], "lr": 0.5,
         "steps": 40, "momentum": 0.0}
    gif = _gif3d(p)
    assert gif.lesson.slide.path.diverged and gif.note_frames[-1]
    assert np.all(np.abs(gif.lesson.slide.path.points) <= 3)


def test_gradient_descent_3d_without_options_is_the_lectures():
    gif = _gif3d({})
    path = gif.lesson.slide.path
    assert path.lr == 0.2 and path.points[0].tolist() == [0.8, 0.4]
    assert not gif.note_frames.any()


# --- backprop --------------------------------------------------------------------------------

def _network_by_hand(steps):
    W1, W2 = np.full((2, 3), 0.3), np.array([[1.0], [2.0], [3.0]])
    x, y, lr = np.array([1.0, 2.0]), np.array([3.0]), 0.01
    losses, w1s, w2s, first = [], [], [], None
    for _ in range(steps + 1):
        z = x @ W1
        out = z @ W2
        losses.append(0.5 * float((y - out) @ (y - out)))
        w1s.append(W1.copy())
        w2s.append(W2.copy())
        e = out - y
        g2, g1 = np.outer(z, e), np.outer(x, W2 @ e)
        if first is None:
            first = {"z": z, "y_hat": out[0], "dy": e[0], "g1": g1, "g2": g2,
                     "w1n": W1 - lr * g1, "w2n": W2 - lr * g2}
        W1, W2 = W1 - lr * g1, W2 - lr * g2
    return np.array(losses), np.array(w1s), np.array(w2s), first


def test_backprop_training_gif_trains_the_typed_network():
    from animations import backprop_training
    gif = backprop_training.build("en", width=320, options={**NETWORK, "steps": 12})
    les = gif.lesson
    losses, w1, w2, _ = _network_by_hand(12)
    np.testing.assert_allclose(les.losses, losses, rtol=1e-12)
    np.testing.assert_allclose(les.w1_history, w1, rtol=1e-12)
    np.testing.assert_allclose(les.w2_history, w2[:, :, 0], rtol=1e-12)
    assert les.lr == 0.01 and gif.frame_steps[-1] == 12


def test_backprop_scene_shows_the_typed_network():
    from scenes import s10_backprop
    d = s10_backprop.BackpropOnTinyNetwork(lang="en", options=NETWORK).lesson
    losses, _, _, h = _network_by_hand(1)
    np.testing.assert_allclose(d.z, h["z"], rtol=1e-12)
    assert d.y_hat == pytest.approx(h["y_hat"]) and d.loss == pytest.approx(losses[0])
    assert d.dL_dyhat == pytest.approx(h["dy"])
    np.testing.assert_allclose(d.grad_w1, h["g1"], rtol=1e-12)
    np.testing.assert_allclose(d.grad_w2, h["g2"], rtol=1e-12)
    np.testing.assert_allclose(d.w1_after, h["w1n"], rtol=1e-12)
    np.testing.assert_allclose(d.w2_after, h["w2n"], rtol=1e-12)
    assert d.loss_after == pytest.approx(losses[1], rel=1e-12)
    lab = s10_backprop.labels(d, "en")
    assert lab["y_hat"] == "5.4" and lab["loss"] == "2.88"
    assert lab["w2_after"] == ["0.9784", "1.9784", "2.9784"]
    assert all(len(s.lstrip("−")) <= 5 for s in lab["nodes_z"] + lab["nodes_z_after"])


def test_backprop_without_options_is_the_lectures():
    import lessons
    d = lessons.load("backprop", {})
    assert d.loss == 7200 and d.lr == 1e-5 and not d.custom
    assert d.losses[0] == 7200 and len(d.losses) == 41


# --- section 11's scene ----------------------------------------------------------------------

def test_gradient_descent_scene_runs_the_typed_descent():
    import lessons
    les = lessons.load("gradient_descent", QUARTIC)      # what the scene draws: its video look
    xs, diverged = _gd_by_hand(df4, 2.0, 0.05, 40, -3, 3)
    assert not diverged
    np.testing.assert_allclose(les.video.good.path.points[:, 0], xs, rtol=1e-12, atol=1e-14)
    # the minimum it settles in: the root of f'(x) = 4x^3 - 6x + 1 with f'' > 0 near x = 1.13
    roots = np.roots([4, 0, -6, 1]).real
    near = roots[np.argmin(np.abs(roots - xs[-1]))]
    assert 12 * near ** 2 - 6 > 0
    assert les.minimum.converged and les.minimum.final[0] == pytest.approx(near, abs=1e-9)
    from lessons.gradient_descent import OVERSHOOT_FACTORS
    k = next(k for k in OVERSHOOT_FACTORS if _gd_by_hand(df4, 2.0, 0.05 * k, 12, -3, 3)[1])
    assert les.video.big.lr == pytest.approx(0.05 * k) and les.video.big.diverged


def test_gradient_descent_scene_without_options_is_the_lectures():
    import lessons
    les = lessons.load("gradient_descent", {})
    assert les.video.good.lr == 0.2 and les.video.big.lr == 1.1 and les.minimum.converged


def test_long_runs_are_shown_in_strides():
    from scenes.s11_gradient_descent import STEPS_ONE_BY_ONE, shown_steps
    assert shown_steps(10) == list(range(11))
    s = shown_steps(2000)
    assert s[0] == 0 and s[-1] == 2000 and s == sorted(set(s))
    assert len(s) <= STEPS_ONE_BY_ONE + 1


# --- real renders, one per kind --------------------------------------------------------------

def _one_gif(tmp_path, target, lang="en"):
    found = list((tmp_path / "gifs" / lang).glob(f"{target}-*.gif"))
    assert len(found) == 1, found
    with Image.open(found[0]) as im:
        assert im.size == (320, 180) and im.n_frames > 10
    return found[0]


@pytest.mark.render
@pytest.mark.parametrize("target, args", [
    ("secant_tangent", ("--function", "sin(x)*exp(-x/3)", "--point", "1.5", "--range", "0,6")),
    ("riemann", ("--function", "sin(x)+2", "--range", "0,3")),
    ("gradient_descent", ("--function", "x**4 - 3*x**2 + x", "--point", "2", "--lr", "0.05")),
    ("gradient_descent_3d", ("--function", "x**2 + 3*y**2", "--point", "2.5,2",
                             "--momentum", "0.5")),
    ("backprop_training", ("--w1", "0.3", "--w2", "1,2,3", "--x", "1,2", "--y", "3",
                           "--lr", "0.01")),
])
def test_custom_gif_renders(tmp_path, target, args):
    run_cli("gifs", target, *args, "--width", "320", "--lang", "en", "--out", tmp_path,
            "--jobs", "1", check=True)
    _one_gif(tmp_path, target)


@pytest.mark.render
def test_diverging_lr_renders_with_a_warning(tmp_path):
    r = run_cli("gifs", "gradient_descent", "--function", "x**4 - 3*x**2 + x", "--point", "2",
                "--lr", "0.5", "--width", "320", "--lang", "zh", "--out", tmp_path,
                "--jobs", "1", check=True)
    assert "diverge" in (r.stdout + r.stderr)
    _one_gif(tmp_path, "gradient_descent", "zh")


@pytest.mark.render
def test_custom_backprop_scene_renders(tmp_path):
    run_cli("scenes", "backprop", "--w1", "0.3", "--w2", "1,2,3", "--x", "1,2", "--y", "3",
            "--lr", "0.01", "--quality", "test", "--out", tmp_path, "--jobs", "1", check=True)
    assert len(list((tmp_path / "videos" / "zh" / "test").glob("10_backprop-*.mp4"))) == 1


# --- flat, tiny and steep functions in the GIFs -----------------------------------------------

def test_flat_window_is_the_scenes_rule():
    """Both renderers draw the same functions flat, in the same window (scenes/style.py's
    y_window and animations/drawing.py's flat_window: one rule, two renderers that may not
    import each other)."""
    from animations.drawing import flat_window
    from scenes.style import is_flat, y_window
    for lo, hi in [(5, 5), (0, 0), (-3e-20, 3e-20), (1000, 1000 + 6e-8), (-2e6, -2e6),
                   (0, 1), (-4e5, 4e5), (1e-8, 3e-8)]:
        w = flat_window(lo, hi)
        assert (w is not None) == is_flat(lo, hi)
        if w is not None:
            assert w == pytest.approx(y_window([lo, hi]))
            mid = (lo + hi) / 2
            assert w[0] < mid < w[1] and w[1] - w[0] >= 2.0      # a sane height, around it
    assert flat_window(0.0, 1e-8) is None                          # 1e-8 of 1: drawn as it is


@pytest.mark.parametrize("module, params", [
    ("animations.secant_tangent", {"function": "1e-20*x", "point": 1.0, "range": [-3.0, 3.0]}),
    ("animations.differential", {"function": "0*x + 5", "point": 1.0, "range": [-3.0, 3.0]}),
])
def test_flat_curves_are_drawn_in_a_window_of_sane_height(module, params):
    view = _gif(module, params).ax.get_ylim()
    assert view[1] - view[0] >= 2.0
    f1 = 1e-20 if "1e-20" in params["function"] else 5.0
    assert view[0] < f1 < view[1]


def test_constant_surface_has_increasing_contour_levels():
    """A constant surface is a flat surface: the colour bands span a window around it (they
    were all equal, and matplotlib refused them)."""
    lv = _gif3d({"function": "5", "point": [2.5, 2.0], "range": [-3.0, 3.0], "lr": 0.1,
                 "steps": 40, "momentum": 0.0}).levels
    assert np.all(np.diff(lv) > 0) and lv[0] < 5 < lv[-1]


def test_compact_ticks_keep_numbers_short():
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from animations.drawing import compact_ticks
    fig, ax = plt.subplots()
    ax.set_ylim(-4e5, 4e5)
    compact_ticks(ax)
    fig.canvas.draw()
    labels = [t.get_text() for t in ax.get_yticklabels() if t.get_text()]
    assert labels and max(len(t.replace("$", "").replace("\\mathdefault{", "")) for t in labels) <= 8
    assert "10^{5}" in ax.yaxis.get_offset_text().get_text()
    plt.close(fig)


def test_legend_stays_clear_of_the_readouts_box():
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from animations.drawing import legend_clear_of
    fig, ax = plt.subplots()
    x = np.linspace(-500, 500, 300)
    ax.plot(x, x ** 2, label="$f(x) = x^2$")
    ax.plot([], [], label="tangent")
    box = (0.2, 0.5, 0.6, 0.5)                   # top middle: where the readouts go
    leg = legend_clear_of(ax, box)
    fig.canvas.draw()
    bb = leg.get_window_extent().transformed(ax.transAxes.inverted())
    assert not (bb.x0 < box[0] + box[2] and bb.x1 > box[0] and bb.y0 < box[1] + box[3]
                and bb.y1 > box[1])
    plt.close(fig)
