"""lessons.tangent_plane: the planes along the video's walk and the slide's plane, against
sin x cos y and its partial derivatives by hand."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lessons import tangent_plane as tp


def f(x, y):
    return np.sin(x) * np.cos(y)


def fx(x, y):
    return np.cos(x) * np.cos(y)


def fy(x, y):
    return -np.sin(x) * np.sin(y)


@pytest.fixture(scope="module")
def lesson():
    return tp.from_options()


def test_no_options(lesson):
    assert tp.OPTIONS == frozenset() and tp.complete({}) == {}
    assert not lesson.custom and tp.from_options({}) == lesson
    with pytest.raises(ValueError, match="no options"):
        tp.from_options({"point": 1.0})
    json.dumps(lesson.parameters())
    assert lesson.parameters()["formula"] == "sin x cos y"


def test_walk_follows_the_circle_on_the_surface(lesson):
    w = lesson.walk(13)
    s = np.linspace(math.pi / 4, 2 * math.pi, 13)
    np.testing.assert_allclose(w.s, s, rtol=0, atol=1e-15)
    np.testing.assert_allclose(w.x0, math.pi / 2 * np.cos(s), atol=1e-12)
    np.testing.assert_allclose(w.y0, math.pi / 2 * np.sin(s), atol=1e-12)
    np.testing.assert_allclose(w.z0, f(w.x0, w.y0), atol=1e-12)
    # the slopes against central differences, not against the closed form mathcore uses
    h = 1e-5
    np.testing.assert_allclose(w.fx, (f(w.x0 + h, w.y0) - f(w.x0 - h, w.y0)) / (2 * h), atol=1e-8)
    np.testing.assert_allclose(w.fy, (f(w.x0, w.y0 + h) - f(w.x0, w.y0 - h)) / (2 * h), atol=1e-8)


def test_patch_lies_in_the_plane_around_the_point(lesson):
    w, r = lesson.walk(9), lesson.patch
    for k in range(9):
        x0, y0, z0, a, b = w.x0[k], w.y0[k], w.z0[k], fx(w.x0[k], w.y0[k]), fy(w.x0[k], w.y0[k])
        for pts in (w.sheet[k], w.along_x[k], w.along_y[k]):
            np.testing.assert_allclose(pts[:, 2], z0 + a * (pts[:, 0] - x0) + b * (pts[:, 1] - y0),
                                       atol=1e-12)
        np.testing.assert_allclose(w.sheet[k][:, :2] - [x0, y0],
                                   [(-r, -r), (r, -r), (r, r), (-r, r)], atol=1e-12)
        np.testing.assert_allclose(w.along_x[k][:, :2] - [x0, y0], [(-r, 0), (r, 0)], atol=1e-12)
        np.testing.assert_allclose(w.along_y[k][:, :2] - [x0, y0], [(0, -r), (0, r)], atol=1e-12)


@settings(max_examples=25, deadline=None)
@given(st.integers(min_value=2, max_value=400))
def test_a_walk_of_any_length_runs_from_start_to_end(n):
    les = tp.from_options()
    w = les.walk(n)
    assert len(w) == n and w.s[0] == les.s_start and w.s[-1] == pytest.approx(les.s_end)
    assert w.plane(n - 1) == les.final


def test_plane_touches_the_surface_to_second_order(lesson):
    # the gap between surface and plane shrinks like h^2: the slope of log gap vs log h is 2
    plane = lesson.plane_at(1.0)
    hs = np.array([1e-1, 5e-2, 2.5e-2, 1.25e-2])
    gaps = [abs(f(plane.x0 + h, plane.y0 + h) - plane(plane.x0 + h, plane.y0 + h)) for h in hs]
    assert np.polyfit(np.log(hs), np.log(gaps), 1)[0] == pytest.approx(2.0, abs=0.1)


def test_walk_ends_on_the_peak_where_the_plane_is_level(lesson):
    end = lesson.final
    assert (end.x0, end.y0) == pytest.approx((math.pi / 2, 0.0), abs=1e-12)
    assert end.z0 == pytest.approx(1.0, abs=1e-12)           # sin(pi/2) cos 0
    assert (end.fx, end.fy) == pytest.approx((0.0, 0.0), abs=1e-12)
    assert lesson.ends_level
    np.testing.assert_allclose(lesson.track(lesson.s_end), [math.pi / 2, 0.0, 1.0], atol=1e-12)


def test_slide_is_the_surface_and_its_plane_at_the_point(lesson):
    d = lesson.slide
    x0, y0 = d.point
    assert (x0, y0) == (0.8, 0.6) and d.X.shape == (19, 19)
    p = d.plane
    np.testing.assert_allclose([p.x0, p.y0, p.z0, p.fx, p.fy],
                               [x0, y0, f(x0, y0), fx(x0, y0), fy(x0, y0)], rtol=0, atol=1e-12)
    np.testing.assert_allclose(d.Z, f(d.X, d.Y), atol=1e-12)
    np.testing.assert_allclose(d.PZ, f(x0, y0) + fx(x0, y0) * (d.PX - x0)
                               + fy(x0, y0) * (d.PY - y0), atol=1e-12)
    # the patch surrounds the point, within its half-width, on the surface's own grid nodes
    assert d.PX.min() < x0 < d.PX.max() and d.PY.min() < y0 < d.PY.max()
    assert np.abs(d.PX - x0).max() <= d.half and np.abs(d.PY - y0).max() <= d.half
    assert np.isin(d.PX[0], d.X[0]).all() and np.isin(d.PY[:, 0], d.Y[:, 0]).all()
