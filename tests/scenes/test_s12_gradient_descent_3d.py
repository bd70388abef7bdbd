"""Section 12: the descent paths against the closed form for a quadratic, the contours against the
ellipses they should be, and the rendered video in both languages."""

from __future__ import annotations

import math

import numpy as np
import pytest
from conftest import probe

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
    assert 24 <= info["duration"] <= 32


def test_video_renders_in_english(scene_build):
    info = probe(scene_build(12, lang="en"))
    assert (info["width"], info["height"]) == (256, 144)
    assert 24 <= info["duration"] <= 32
