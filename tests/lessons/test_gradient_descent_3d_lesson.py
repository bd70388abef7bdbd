"""lessons.gradient_descent_3d (section 12): the descent paths against the closed form for a
quadratic and hand-written loops, the contours against the ellipses they should be, the
marching squares on planes and saddles, and the defaults the command line used to fill in."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest

from lessons import gradient_descent_3d as L

LECTURE = L.from_options()


def f(x, y):
    return 0.5 * x ** 2 + 2.5 * y ** 2


def by_hand(grad, start, lr, steps, mu=0.0, lo=-math.inf, hi=math.inf):
    """PyTorch's SGD written out, stopping before a point outside [lo, hi]^2."""
    p, v = np.array(start, float), np.zeros(2)
    pts = [p.copy()]
    for _ in range(steps):
        v = mu * v + grad(p)
        p = p - lr * v
        if not np.all((p >= lo) & (p <= hi)):
            break
        pts.append(p.copy())
    return np.array(pts)


def test_the_videos_paths_follow_the_closed_form():
    # for f = x^2/2 + 5 y^2/2, one step multiplies x by (1 - eta) and y by (1 - 5 eta)
    v = LECTURE.video
    assert v.etas == (0.1, 0.36) and v.steps == 16 and v.start == (-2.6, 1.5)
    k = np.arange(v.steps + 1)
    for eta, run in zip(v.etas, v.runs):
        assert len(run.points) == v.steps + 1
        np.testing.assert_allclose(run.points[:, 0], -2.6 * (1 - eta) ** k, rtol=1e-12)
        np.testing.assert_allclose(run.points[:, 1], 1.5 * (1 - 5 * eta) ** k, rtol=1e-12,
                                   atol=1e-15)
        np.testing.assert_allclose(run.values, f(run.points[:, 0], run.points[:, 1]), rtol=1e-12)
        assert np.all(np.diff(run.values) < 0)          # both rates are below 2/5: the loss falls


def test_the_large_rate_zigzags_and_the_small_one_does_not():
    small, large = (t.points for t in LECTURE.video.runs)
    assert np.all(np.sign(small[:, 1]) == 1)
    assert np.all(np.sign(large[1:, 1]) == -np.sign(large[:-1, 1]))


def test_contour_points_lie_on_their_level():
    assert LECTURE.video.levels == (0.25, 1.0, 2.5, 5.0, 9.0, 13.0)
    for level, segs in LECTURE.video.contours.items():
        p = np.array(segs).reshape(-1, 2)
        assert len(p) > 0
        # linear interpolation on a 0.1 x 0.067 grid: error below h^2 * max curvature / 8
        np.testing.assert_allclose(f(p[:, 0], p[:, 1]), level, atol=5e-3)


@pytest.mark.parametrize("level", [0.25, 1.0, 2.5])
def test_closed_contours_have_the_ellipse_perimeter(level):
    # the ellipse x^2 / (2L) + y^2 / (L / 2.5) = 1 lies inside the domain for these levels
    segs = np.array(LECTURE.video.contours[level])
    length = np.linalg.norm(segs[:, 1] - segs[:, 0], axis=1).sum()
    a, b = math.sqrt(2 * level), math.sqrt(level / 2.5)
    h = ((a - b) / (a + b)) ** 2
    ramanujan = math.pi * (a + b) * (1 + 3 * h / (10 + math.sqrt(4 - 3 * h)))
    assert length == pytest.approx(ramanujan, rel=0.01)


def test_marching_squares_is_exact_on_a_plane():
    # z is linear along every cell edge, so the interpolated crossings are exact
    X, Y = np.meshgrid(np.linspace(-1, 1, 9), np.linspace(-1, 1, 7))
    segs = np.array(L.level_segments(X, Y, X + 2 * Y, 0.3)).reshape(-1, 2)
    assert len(segs) > 0
    np.testing.assert_allclose(segs[:, 0] + 2 * segs[:, 1], 0.3, atol=1e-12)


@pytest.mark.parametrize("level", [-0.01, 0.01])
def test_marching_squares_resolves_the_saddle_cell(level):
    # z = x y near its saddle: the cell [-0.2, 0.2]^2 has corners alternately above and below.
    # The level xy = c is a hyperbola in quadrants II and IV (c < 0) or I and III (c > 0): each
    # piece must stay in one of those quadrants, never join corners across the saddle.
    X, Y = np.meshgrid(np.linspace(-1, 1, 6), np.linspace(-1, 1, 6))
    segs = np.array(L.level_segments(X, Y, X * Y, level))
    ends = segs.reshape(-1, 2)
    np.testing.assert_allclose(ends[:, 0] * ends[:, 1], level, atol=1e-12)  # xy is linear on edges
    mids = segs.mean(axis=1)
    assert np.all(np.sign(mids[:, 0] * mids[:, 1]) == np.sign(level))
    centre = [s for s in segs if np.all(np.abs(s) <= 0.2 + 1e-12)]
    assert len(centre) == 2


def test_the_slides_path_is_gradient_descent_on_sin_x_cos_y():
    sl = LECTURE.slide
    want = by_hand(lambda p: np.array([np.cos(p[0]) * np.cos(p[1]), -np.sin(p[0]) * np.sin(p[1])]),
                   (0.8, 0.4), 0.2, 30)
    np.testing.assert_allclose(sl.path.points, want, rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(sl.path.values, np.sin(want[:, 0]) * np.cos(want[:, 1]),
                               atol=1e-14)
    assert np.all(np.diff(sl.path.values) < 0)                  # downhill at every step
    np.testing.assert_allclose(sl.path.final, (-math.pi / 2, 0.0), atol=0.02)
    for (X, Y, Z), n in ((sl.mesh, L.SLIDE_MESH), (sl.grid, L.SLIDE_GRID)):
        assert X.shape == (n, n)
        np.testing.assert_allclose(Z, np.sin(X) * np.cos(Y), atol=1e-12)


# --- complete(): the defaults tools/options.py used to fill in --------------------------------

def test_complete_fills_the_command_lines_surface_defaults():
    assert L.complete({}) == {}
    done = L.complete({"function": "x**2 + y**2"})
    assert done == {"function": "x**2 + y**2", "range": (-3.0, 3.0), "point": (2.5, 2.0),
                    "lr": 0.1, "steps": 40, "momentum": 0.0}
    assert L.complete(done) == done
    assert L.complete({"lr": 0.3}) == {"lr": 0.3, "steps": 40, "momentum": 0.0}


# --- a lecturer's own surface -------------------------------------------------------------------

def test_her_surface_descends_like_the_hand_written_loop():
    les = L.from_options({"function": "x**2 + 3*y**2"})
    v = les.video
    want = by_hand(lambda p: np.array([2 * p[0], 6 * p[1]]), (2.5, 2.0), 0.1, 40)
    (run,) = v.runs
    np.testing.assert_allclose(run.points, want, rtol=1e-12, atol=1e-300)
    np.testing.assert_allclose(run.values, want[:, 0] ** 2 + 3 * want[:, 1] ** 2, rtol=1e-12)
    assert v.etas == (0.1,) and v.steps == 40 and v.momentum == 0.0 and not les.diverged
    assert v.start == (2.5, 2.0) and v.x_range == v.y_range == (-3.0, 3.0)
    assert les.custom and les.typed and les.slide.path is run       # the GIF draws the same run


def test_her_surface_with_momentum_follows_pytorch_sgd():
    les = L.from_options({"function": "x^2/2 + 2*y^2 + x*y/4", "point": (-2.0, 1.5),
                          "lr": 0.2, "steps": 25, "momentum": 0.6})
    want = by_hand(lambda p: np.array([p[0] + p[1] / 4, 4 * p[1] + p[0] / 4]), (-2.0, 1.5),
                   0.2, 25, mu=0.6)
    np.testing.assert_allclose(les.video.runs[0].points, want, rtol=1e-10, atol=1e-14)


def test_levels_and_height_come_from_her_surfaces_values():
    v = L.from_options({"function": "x**2 + 3*y**2"}).video
    g = np.linspace(-3, 3, 61)
    X, Y = np.meshgrid(g, g)
    Z = X ** 2 + 3 * Y ** 2
    assert v.z_range == pytest.approx((0.0, 36.0), abs=1e-12)     # the bottom and the corners
    levels = np.array(v.levels)
    assert len(levels) >= 5 and np.all(np.diff(levels) > 0)
    assert levels[0] > 0 and levels[-1] < 36
    # quantiles: each level has a growing share of the grid below it, spread over the map
    shares = [(Z < lv).mean() for lv in levels]
    assert np.all(np.diff(shares) > 0.04) and shares[0] < 0.1 and shares[-1] > 0.5


def test_a_step_leaving_the_range_counts_as_diverged():
    # lr 0.4: y is multiplied by 1 - 0.4 * 6 = -1.4 each step; 2 -> -2.8 -> 3.92 leaves [-3, 3]
    les = L.from_options({"function": "x**2 + 3*y**2", "lr": 0.4})
    assert les.diverged and les.video.runs[0].diverged
    np.testing.assert_allclose(les.video.runs[0].points, [[2.5, 2.0], [0.5, -2.8]], rtol=1e-12)


def test_the_lr_alone_runs_the_lectures_bowl_once():
    les = L.from_options({"lr": 0.3})
    v = les.video
    assert v.etas == (0.3,) and v.start == (-2.6, 1.5) and len(v.runs) == 1 and not les.typed
    assert v.levels == L.VIDEO_LEVELS and v.x_range == (-3.0, 3.0) and v.y_range == (-2.0, 2.0)
    pts = v.runs[0].points
    k = np.arange(len(pts))
    np.testing.assert_allclose(pts[:, 0], -2.6 * 0.7 ** k, rtol=1e-12)
    np.testing.assert_allclose(pts[:, 1], 1.5 * (1 - 1.5) ** k, rtol=1e-12, atol=1e-300)
    assert les.slide.path is v.runs[0] and les.slide.minimum == (0.0, 0.0)


def test_her_minimum_is_the_lowest_grid_node_inside():
    sl = L.from_options({"function": "(x - 1)**2 + (y + 0.5)**2"}).slide
    assert sl.minimum == pytest.approx((1.0, -0.5), abs=0.05)
    assert L.from_options({"function": "x + y"}).slide.minimum is None     # on the edge


def test_the_end_point_is_rounded_to_the_range_drawn():
    # the lecture's range is 6 wide: coordinates are shown to 1e-5, so 2.4e-16 reads as 0
    x, y = LECTURE.video.shown_point((3.3231e-4, 2.4e-16))
    assert (x, y) == pytest.approx((3.3e-4, 0.0), abs=1e-12) and y == 0.0
    assert LECTURE.video.shown_point((-1.234567, 2.5)) == pytest.approx((-1.23457, 2.5),
                                                                        abs=1e-12)


def test_parameters_are_json_and_name_every_choice():
    for les in (LECTURE, L.from_options({"function": "x**2 + y**2", "lr": 0.2})):
        p = json.loads(json.dumps(les.parameters()))
        assert {"function", "range", "point", "lr", "steps", "momentum", "diverged"} <= set(p)
