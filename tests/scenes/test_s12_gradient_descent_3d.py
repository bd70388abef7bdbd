"""Section 12: the descent paths against the closed form for a quadratic, the contours against the
ellipses they should be, and the rendered video in both languages; a lecturer's own surface
(CALCANIM_PARAMS, in a fresh process) against hand-written descent loops, and rendered."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest
from conftest import data_under, probe, run_cli

from scenes import s12_gradient_descent_3d as s12


def f(x, y):
    return 0.5 * x ** 2 + 2.5 * y ** 2


def test_paths_follow_the_closed_form():
    # for f = x^2/2 + 5 y^2/2, one step multiplies x by (1 - eta) and y by (1 - 5 eta)
    d = s12.data()
    k = np.arange(s12.STEPS + 1)
    x0, y0 = s12.START
    for eta, pts, vals in zip(d["etas"], d["points"], d["values"]):
        assert len(pts) == s12.STEPS + 1
        np.testing.assert_allclose(pts[:, 0], x0 * (1 - eta) ** k, rtol=1e-12, atol=1e-15)
        np.testing.assert_allclose(pts[:, 1], y0 * (1 - 5 * eta) ** k, rtol=1e-12, atol=1e-15)
        np.testing.assert_allclose(vals, f(pts[:, 0], pts[:, 1]), rtol=1e-12)
        assert np.all(np.diff(vals) < 0)          # both rates are below 2/5: the loss falls


def test_the_large_rate_zigzags_and_the_small_one_does_not():
    small, large = s12.data()["points"]
    assert np.all(np.sign(small[:, 1]) == 1)
    assert np.all(np.sign(large[1:, 1]) == -np.sign(large[:-1, 1]))


def test_contour_points_lie_on_their_level():
    for level, segs in s12.data()["contours"].items():
        p = np.array(segs).reshape(-1, 2)
        assert len(p) > 0
        # linear interpolation on a 0.1 x 0.067 grid: error below h^2 * max curvature / 8
        np.testing.assert_allclose(f(p[:, 0], p[:, 1]), level, atol=5e-3)


@pytest.mark.parametrize("level", [0.25, 1.0, 2.5])
def test_closed_contours_have_the_ellipse_perimeter(level):
    # the ellipse x^2 / (2L) + y^2 / (L / 2.5) = 1 lies inside the domain for these levels
    segs = np.array(s12.data()["contours"][level])
    length = np.linalg.norm(segs[:, 1] - segs[:, 0], axis=1).sum()
    a, b = math.sqrt(2 * level), math.sqrt(level / 2.5)
    h = ((a - b) / (a + b)) ** 2
    ramanujan = math.pi * (a + b) * (1 + 3 * h / (10 + math.sqrt(4 - 3 * h)))
    assert length == pytest.approx(ramanujan, rel=0.01)


def test_marching_squares_is_exact_on_a_plane():
    # z is linear along every cell edge, so the interpolated crossings are exact
    X, Y = np.meshgrid(np.linspace(-1, 1, 9), np.linspace(-1, 1, 7))
    segs = np.array(s12.level_segments(X, Y, X + 2 * Y, 0.3)).reshape(-1, 2)
    assert len(segs) > 0
    np.testing.assert_allclose(segs[:, 0] + 2 * segs[:, 1], 0.3, atol=1e-12)


@pytest.mark.parametrize("level", [-0.01, 0.01])
def test_marching_squares_resolves_the_saddle_cell(level):
    # z = x y near its saddle: the cell [-0.2, 0.2]^2 has corners alternately above and below.
    # The level xy = c is a hyperbola in quadrants II and IV (c < 0) or I and III (c > 0): each
    # piece must stay in one of those quadrants, never join corners across the saddle.
    X, Y = np.meshgrid(np.linspace(-1, 1, 6), np.linspace(-1, 1, 6))
    segs = np.array(s12.level_segments(X, Y, X * Y, level))
    ends = segs.reshape(-1, 2)
    np.testing.assert_allclose(ends[:, 0] * ends[:, 1], level, atol=1e-12)  # xy is linear on edges
    mids = segs.mean(axis=1)
    assert np.all(np.sign(mids[:, 0] * mids[:, 1]) == np.sign(level))
    centre = [s for s in segs if np.all(np.abs(s) <= 0.2 + 1e-12)]
    assert len(centre) == 2


def test_video_renders(scene_build):
    info = probe(scene_build(12))
    assert (info["width"], info["height"]) == (256, 144)
    assert 24 <= info["duration"] <= 64  # x2: steps wait for narration


def test_video_renders_in_english(scene_build):
    info = probe(scene_build(12, lang="en"))
    assert (info["width"], info["height"]) == (256, 144)
    assert 24 <= info["duration"] <= 64  # x2: steps wait for narration


# --- a lecturer's own surface ---------------------------------------------------------------------

def _data_under(params: dict) -> dict:
    """s12.data() computed in a fresh process with the lecturer's options (numbers and flags)."""
    return data_under("scenes.s12_gradient_descent_3d", params, as_arrays=False)


def _her(function="x**2 + 3*y**2", point=(2.5, 2.0), rng=(-3.0, 3.0), lr=0.1, steps=40,
         momentum=0.0) -> dict:
    # what render.py passes once tools/options.py has filled the defaults
    return {"function": function, "point": list(point), "range": list(rng), "lr": lr,
            "steps": steps, "momentum": momentum}


def test_typed_surface_descends_like_the_hand_written_loop():
    d = _data_under(_her())
    x, y, eta = 2.5, 2.0, 0.1
    want = [(x, y)]
    for _ in range(40):
        x, y = x - eta * (2 * x), y - eta * (6 * y)
        want.append((x, y))
    (pts,), (vals,) = d["points"], d["values"]
    np.testing.assert_allclose(pts, want, rtol=1e-12, atol=1e-300)
    np.testing.assert_allclose(vals, [a * a + 3 * b * b for a, b in want], rtol=1e-12)
    assert d["etas"] == [0.1] and d["steps"] == 40 and d["momentum"] == 0.0
    assert d["diverged"] == [False]
    assert d["start"] == [2.5, 2.0] and d["x_range"] == d["y_range"] == [-3.0, 3.0]


def test_typed_surface_with_momentum_follows_pytorch_sgd():
    d = _data_under(_her(function="x^2/2 + 2*y^2 + x*y/4", point=(-2.0, 1.5), lr=0.2,
                         steps=25, momentum=0.6))
    p, v = np.array([-2.0, 1.5]), np.zeros(2)
    want = [p.copy()]
    for _ in range(25):
        g = np.array([p[0] + p[1] / 4, 4 * p[1] + p[0] / 4])
        v = 0.6 * v + g
        p = p - 0.2 * v
        want.append(p.copy())
    np.testing.assert_allclose(d["points"][0], want, rtol=1e-10, atol=1e-14)
    assert d["momentum"] == 0.6


def test_levels_and_height_come_from_the_surfaces_values():
    d = _data_under(_her())
    g = np.linspace(-3, 3, 61)
    X, Y = np.meshgrid(g, g)
    Z = X ** 2 + 3 * Y ** 2
    assert d["z_range"] == pytest.approx([0.0, 36.0], abs=1e-12)   # the bottom and the corners
    levels = np.array(d["levels"])
    assert len(levels) >= 5 and np.all(np.diff(levels) > 0)
    assert levels[0] > 0 and levels[-1] < 36
    # quantiles: each level has a growing share of the grid below it, spread over the map
    shares = [(Z < lv).mean() for lv in levels]
    assert np.all(np.diff(shares) > 0.04) and shares[0] < 0.1 and shares[-1] > 0.5


def test_a_step_leaving_the_range_counts_as_diverged():
    # lr 0.4: y is multiplied by 1 - 0.4 * 6 = -1.4 each step; 2 -> -2.8 -> 3.92 leaves [-3, 3]
    d = _data_under(_her(lr=0.4))
    assert d["diverged"] == [True]
    pts = np.array(d["points"][0])
    np.testing.assert_allclose(pts, [[2.5, 2.0], [0.5, -2.8]], rtol=1e-12)
    assert np.all(np.abs(pts) <= 3)


def test_the_lr_alone_runs_the_lectures_surface_once():
    d = _data_under({"lr": 0.3})
    assert d["etas"] == [0.3] and d["start"] == [-2.6, 1.5] and len(d["points"]) == 1
    pts = np.array(d["points"][0])
    k = np.arange(len(pts))
    np.testing.assert_allclose(pts[:, 0], -2.6 * 0.7 ** k, rtol=1e-12)
    np.testing.assert_allclose(pts[:, 1], 1.5 * (1 - 1.5) ** k, rtol=1e-12, atol=1e-300)


def test_without_options_the_data_is_the_lectures():
    d = _data_under({})
    assert d["etas"] == [0.1, 0.36] and d["steps"] == 16 and d["start"] == [-2.6, 1.5]
    assert d["levels"] == [0.25, 1.0, 2.5, 5.0, 9.0, 13.0] and d["z_range"] == [0.0, 15.0]


def test_custom_defaults_are_the_command_lines():
    from tools import options
    assert s12.CUSTOM_DEFAULTS == options.SURFACE_DEFAULTS


@pytest.mark.render
def test_typed_surface_renders(tmp_path):
    run_cli("scenes", "gradient_descent_3d", "--function", "x**2 + 3*y**2", "--quality", "test",
            "--jobs", "1", "--out", tmp_path, check=True)
    files = list(Path(tmp_path, "videos", "zh", "test").glob("12_gradient_descent_3d-custom-*.mp4"))
    assert len(files) == 1
    info = probe(files[0])
    assert (info["width"], info["height"]) == (256, 144)
    assert 20 <= info["duration"] <= 80  # x2: steps wait for narration


def test_the_end_point_is_rounded_to_the_range_drawn():
    # the lecture's range is 6 wide: coordinates are shown to 1e-5, so 2.4e-16 reads as 0
    x, y = s12.shown_point((3.3231e-4, 2.4e-16))
    assert (x, y) == pytest.approx((3.3e-4, 0.0), abs=1e-12) and y == 0.0
    assert s12.shown_point((-1.234567, 2.5)) == pytest.approx((-1.23457, 2.5), abs=1e-12)
