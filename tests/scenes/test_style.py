"""The shared helpers of scenes/style.py that are plain functions: number formatting, lines and
curves cut to the axes' box, the shifted 3D camera. No renders."""

from __future__ import annotations

import numpy as np
import pytest
from manim import Axes

from scenes import style


def axes():
    return Axes(x_range=[-2, 3, 1], y_range=[-1, 4, 1], x_length=5, y_length=4)


def box(ax):
    lo, hi = ax.c2p(ax.x_range[0], ax.y_range[0]), ax.c2p(ax.x_range[1], ax.y_range[1])
    return lo, hi


def inside(p, lo, hi, tol=1e-9):
    return lo[0] - tol <= p[0] <= hi[0] + tol and lo[1] - tol <= p[1] <= hi[1] + tol


# --- numbers ------------------------------------------------------------------------------------

@pytest.mark.parametrize("x, digits, want", [
    (0.0, 4, "0"), (30.0, 4, "30"), (2.5, 4, "2.5"), (-0.25, 4, "−0.25"),
    (1 / 3, 3, "0.333"), (123456.0, 4, "1.235×10^5"), (-3.7e-10, 2, "−3.7×10^−10"),
    (float("inf"), 4, "∞"), (float("-inf"), 4, "−∞"), (float("nan"), 4, "NaN")])
def test_fmt(x, digits, want):
    assert style.fmt(x, digits) == want


@pytest.mark.parametrize("x, digits, want", [
    (1.1e-14, 2, "1.1 times 10^(-14)"), (-3.7e-10, 2, "-3.7 times 10^(-10)"),
    (2.5e7, 3, "2.5 times 10^(7)"), (30.0, 2, "30"), (-0.25, 4, "-0.25"), (0.0, 2, "0"),
    (1.2345, 3, "1.23")])
def test_typst_number(x, digits, want):
    assert style.typst_number(x, digits) == want


def test_typst_number_has_no_unicode_minus_or_times_sign():
    for x in (-1e-20, -4.5, 7e30, 1e-300):
        s = style.typst_number(x, 3)
        assert "−" not in s and "×" not in s


# --- line_in_axes -------------------------------------------------------------------------------

@pytest.mark.parametrize("slope, point", [(0.0, (0.5, 1.0)), (1.0, (0.0, 0.0)), (-7.5, (1, 2)),
                                          (40.0, (0.0, 1.5)), (0.3, (-2.0, 3.9))])
def test_line_in_axes_stays_inside_the_box(slope, point):
    ax = axes()
    lo, hi = box(ax)
    line = style.line_in_axes(ax, slope, point, "#FFFFFF")
    for p in (line.get_start(), line.get_end()):
        assert inside(p, lo, hi)
        x, y = ax.p2c(p)
        assert y == pytest.approx(point[1] + slope * (x - point[0]), abs=1e-9)  # still the line


def test_steep_line_in_axes_ends_on_the_top_and_bottom_edges():
    ax = axes()
    line = style.line_in_axes(ax, 40.0, (0.0, 1.5), "#FFFFFF")
    ys = sorted(ax.p2c(p)[1] for p in (line.get_start(), line.get_end()))
    assert ys == pytest.approx([ax.y_range[0], ax.y_range[1]], abs=1e-9)


@pytest.mark.parametrize("slope, point", [(0.0, (0.5, 10.0)), (0.0, (-9.0, -3.0)),
                                          (1.0, (-10.0, 20.0)), (-2.0, (30.0, 5.0))])
def test_line_in_axes_missing_the_box_collapses_to_a_point_inside(slope, point):
    ax = axes()
    lo, hi = box(ax)
    line = style.line_in_axes(ax, slope, point, "#FFFFFF")
    assert np.allclose(line.get_start(), line.get_end())
    assert inside(line.get_start(), lo, hi)


# --- clipped_curve ------------------------------------------------------------------------------

def ends(piece, ax):
    return ax.p2c(piece.get_start()), ax.p2c(piece.get_end())


def test_clipped_parabola_ends_exactly_on_the_top_edge():
    # y = x^2 on [-2, 3] leaves y <= 4 at x = -2 and x = 2: one piece, both ends at y = 4
    ax = axes()
    xs = np.linspace(-2, 3, 501)
    pieces = style.clipped_curve(ax, xs, xs ** 2, "#FFFFFF")
    assert len(pieces) == 1
    (xa, ya), (xb, yb) = ends(pieces[0], ax)
    assert (ya, yb) == pytest.approx((4.0, 4.0), abs=1e-9)
    # linear interpolation between samples 0.01 apart: within h^2 of the true crossings
    assert (xa, xb) == pytest.approx((-2.0, 2.0), abs=1e-4)
    lo, hi = box(ax)
    assert all(inside(p, lo, hi) for p in pieces[0].points)


def test_clipped_curve_leaving_both_edges_makes_two_pieces_on_the_edges():
    # y = 5 sin(2x): leaves the window [-1, 4] through the bottom and the top, several times
    ax = axes()
    xs = np.linspace(-2, 3, 2001)
    ys = 5 * np.sin(2 * xs)
    pieces = style.clipped_curve(ax, xs, ys, "#FFFFFF")
    assert len(pieces) >= 3
    lo, hi = box(ax)
    for piece in pieces:
        assert all(inside(p, lo, hi) for p in piece.points)
        for x, y in ends(piece, ax):
            if -2 + 1e-6 < x < 3 - 1e-6:   # not a window side: the end lies on the top or bottom edge
                assert min(abs(y - 4.0), abs(y + 1.0)) < 1e-9
                assert 5 * np.sin(2 * x) == pytest.approx(y, abs=0.02)


def test_clipped_curve_splits_at_jumps_only_when_asked():
    # a step of height 2 at x = 0.5: no vertical line with ``jump``
    ax = axes()
    xs = np.linspace(-2, 3, 101)
    ys = np.where(xs < 0.5, 0.0, 2.0)
    assert len(style.clipped_curve(ax, xs, ys, "#FFFFFF")) == 1
    pieces = style.clipped_curve(ax, xs, ys, "#FFFFFF", jump=0.3)
    assert len(pieces) == 2
    (_, y0a), (x0b, y0b) = ends(pieces[0], ax)
    (x1a, y1a), _ = ends(pieces[1], ax)
    assert (y0a, y0b, y1a) == pytest.approx((0.0, 0.0, 2.0), abs=1e-9) and x0b < 0.5 <= x1a


def test_clipped_curve_skips_non_finite_samples():
    # ln x sampled from 0 (-inf there, nan below): the curve starts at the first finite sample
    # inside the window, no edge point invented from an infinite neighbour
    ax = axes()
    xs = np.linspace(-2, 3, 501)
    with np.errstate(all="ignore"):
        ys = np.log(xs)
    pieces = style.clipped_curve(ax, xs, ys, "#FFFFFF")
    assert len(pieces) == 1
    (xa, ya), (xb, yb) = ends(pieces[0], ax)
    assert ya == pytest.approx(-1.0, abs=1e-9)   # enters through the bottom edge at x = 1/e
    assert xa == pytest.approx(np.exp(-1), abs=1e-3)
    assert (xb, yb) == pytest.approx((3.0, np.log(3.0)), abs=1e-9)
    assert len(style.clipped_curve(ax, xs, np.full_like(xs, np.nan), "#FFFFFF")) == 0


# --- the 3D camera ------------------------------------------------------------------------------

def test_shifted_camera_moves_the_projection_by_the_shift():
    base = style.ShiftedCamera()
    moved = style.shifted_camera((-1.5, 0.25))()
    pts = np.array([[0.0, 0.0, 0.0], [1.0, -2.0, 0.5], [3.0, 1.0, -1.0]])
    np.testing.assert_allclose(moved.project_points(pts) - base.project_points(pts),
                               np.tile([-1.5, 0.25, 0.0], (3, 1)), atol=1e-12)
    assert not base.should_apply_shading


def test_lecture_scene_3d_defaults_to_no_shift_and_scenes_set_theirs():
    from scenes.s08_tangent_plane import TangentPlaneOnSurface
    from scenes.s12_gradient_descent_3d import DescentOnSurfaceAndContours
    assert tuple(style.LectureScene3D.SCREEN_SHIFT) == (0.0, 0.0, 0.0)
    assert tuple(style.shifted_camera(style.LectureScene3D.SCREEN_SHIFT).SCREEN_SHIFT) == (0, 0, 0)
    assert tuple(TangentPlaneOnSurface.SCREEN_SHIFT) == (-1.7, -0.45)
    assert tuple(DescentOnSurfaceAndContours.SCREEN_SHIFT) == (-3.5, -0.7)   # the lecture's
