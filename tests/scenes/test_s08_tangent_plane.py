"""Section 8: the tangent plane's numbers against sin x cos y by hand, and the rendered video."""

from __future__ import annotations

import math

import numpy as np
import pytest
from conftest import probe

from mathcore import surfaces
from scenes import s08_tangent_plane as s08


def f(x, y):
    return np.sin(x) * np.cos(y)


def test_points_walk_the_circle_on_the_surface():
    d = s08.data(n=9)
    s = np.linspace(s08.S_START, s08.S_END, 9)
    np.testing.assert_allclose(d["x0"], s08.RADIUS * np.cos(s), atol=1e-12)
    np.testing.assert_allclose(d["y0"], s08.RADIUS * np.sin(s), atol=1e-12)
    np.testing.assert_allclose(np.hypot(d["x0"], d["y0"]), math.pi / 2, rtol=1e-12)
    np.testing.assert_allclose(d["z0"], f(d["x0"], d["y0"]), atol=1e-12)


def test_partial_derivatives_match_central_differences():
    d = s08.data(n=13)
    h = 1e-5
    x, y = d["x0"], d["y0"]
    fx = (f(x + h, y) - f(x - h, y)) / (2 * h)
    fy = (f(x, y + h) - f(x, y - h)) / (2 * h)
    np.testing.assert_allclose(d["fx"], fx, atol=1e-8)
    np.testing.assert_allclose(d["fy"], fy, atol=1e-8)


def test_plane_touches_the_surface_to_second_order():
    # the gap between surface and plane shrinks like h^2: the slope of log gap vs log h is 2
    plane = s08.plane_at(1.0)
    hs = np.array([1e-1, 5e-2, 2.5e-2, 1.25e-2])
    gaps = [abs(f(plane.x0 + h, plane.y0 + h) - plane(plane.x0 + h, plane.y0 + h)) for h in hs]
    slope = np.polyfit(np.log(hs), np.log(gaps), 1)[0]
    assert slope == pytest.approx(2.0, abs=0.1)


def test_path_ends_on_the_peak_where_the_plane_is_level():
    end = s08.data()["final"]
    assert (end.x0, end.y0) == pytest.approx((math.pi / 2, 0.0), abs=1e-12)
    assert end.z0 == pytest.approx(1.0, abs=1e-12)      # sin(pi/2) cos 0
    assert (end.fx, end.fy) == pytest.approx((0.0, 0.0), abs=1e-12)
    assert s08.shown(end.fx) == "0" and s08.shown(end.fy) == "0"


def test_plane_text_writes_signs_and_shifts():
    p = surfaces.TangentPlane(x0=1.2, y0=-0.5, z0=0.3, fx=-0.25, fy=1e-17)
    assert s08.plane_text(p) == ["z = 0.3", "− 0.25 · (x − 1.2)", "+ 0 · (y + 0.5)"]
    q = surfaces.TangentPlane(x0=0.0, y0=2.0, z0=-1.0, fx=0.5, fy=-2.0)
    assert s08.plane_text(q) == ["z = −1", "+ 0.5 · x", "− 2 · (y − 2)"]


def test_glyph_line_lays_out_like_text():
    from scenes.style import GlyphLine, label
    s = "z₀ = f(x₀, y₀) = −0.803"
    line = GlyphLine(22, "#FFFFFF", 30).set(s)
    assert line.width == pytest.approx(label(s, 22).width, rel=0.01)


def test_video_renders(scene_build):
    info = probe(scene_build(8))
    assert (info["width"], info["height"]) == (256, 144)
    assert 24 <= info["duration"] <= 64  # x2: steps wait for narration
    assert info["frames"] >= 24 * 5
