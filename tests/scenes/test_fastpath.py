"""scenes/fastpath: cairo gets exactly manim's calls for every path (the oracle is manim's own
Camera.set_cairo_context_path, recorded call by call)."""

from __future__ import annotations

import math

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from scenes import fastpath


class Recorder:
    """A stand-in cairo context that records the path calls it gets."""

    def __init__(self):
        self.calls = []

    def __getattr__(self, name):
        return lambda *a: self.calls.append((name, tuple(_key(x) for x in a)))


def _key(x):
    x = float(x)
    return "nan" if math.isnan(x) else x


_CAMERA: list = []


def _camera():
    from manim import tempconfig
    from manim.camera.camera import Camera
    if not _CAMERA:
        with tempconfig({"pixel_width": 16, "pixel_height": 9}):
            _CAMERA.append(Camera())
    return _CAMERA[0]


def _calls(method, points, tolerance=1e-6):
    from manim import VMobject
    vm = VMobject()
    vm.points = np.asarray(points, dtype=float).reshape(-1, 3)
    vm.tolerance_for_point_equality = tolerance
    ctx = Recorder()
    method(_camera(), ctx, vm)
    return ctx.calls


def _manim():
    return fastpath.manims()


# coordinates from a small pool, so anchors often touch, nearly touch or stay apart
POOL = [0.0, 1.0, -1.0, 1.0 + 1e-7, 1.0 + 1e-3, 2.5, 1e6, 1e6 * (1 + 2e-6), math.nan, math.inf,
        -math.inf]
coord = st.one_of(st.sampled_from(POOL), st.floats(-10, 10, allow_nan=False))


@settings(max_examples=400, deadline=None)
@given(st.integers(0, 90).flatmap(lambda n: st.lists(
    st.tuples(coord, coord, coord), min_size=n, max_size=n)))
def test_the_same_cairo_calls_as_manim(pts):
    pts = np.array(pts, dtype=float).reshape(-1, 3)
    assert _calls(fastpath.set_cairo_context_path, pts) == _calls(_manim(), pts)


def test_closed_shapes_and_broken_paths():
    from manim import Circle, Square, VGroup
    from manim.camera.camera import Camera
    square, circle = Square(), Circle()
    broken = VGroup(square, Square().shift(3 * np.array([1.0, 0, 0])))
    path = np.concatenate([broken[0].points, broken[1].points])   # two subpaths in one
    for points in (square.points, circle.points, path, path[:-3], path[:2]):
        ours = _calls(fastpath.set_cairo_context_path, points)
        assert ours == _calls(_manim(), points)
    calls = [c[0] for c in _calls(fastpath.set_cairo_context_path, path)]
    assert calls.count("new_sub_path") == 2 and calls.count("close_path") == 2
    assert Camera.set_cairo_context_path in (fastpath.set_cairo_context_path, _manim())


def test_install_is_idempotent_and_undone():
    from manim.camera.camera import Camera
    had = bool(fastpath._ORIGINAL)
    fastpath.install()
    fastpath.install()
    assert Camera.set_cairo_context_path is fastpath.set_cairo_context_path
    if not had:
        fastpath.uninstall()
        assert Camera.set_cairo_context_path is not fastpath.set_cairo_context_path


def test_a_copied_formula_shares_only_its_parsed_svg():
    from manim import Text

    from scenes import style
    fastpath.install()
    for mob in (style.formula("f'(x) = lim_(h -> 0) (f(x+h) - f(x))/h", 32),
                Text("导数 x₀ = 1.5", font=style.FONT)):
        twin = mob.copy()
        pairs = list(zip(mob.get_family(), twin.get_family()))
        assert len(pairs) == len(mob.get_family()) > 5
        glyphs = [(a, b) for a, b in pairs if "path_obj" in a.__dict__]
        assert glyphs
        for a, b in pairs:
            assert a is not b and type(a) is type(b)
            np.testing.assert_array_equal(a.points, b.points)
            assert a.points is not b.points
            np.testing.assert_array_equal(a.get_fill_rgbas(), b.get_fill_rgbas())
        for a, b in glyphs:
            assert a.path_obj is b.path_obj              # shared: read only at build time
        twin.shift([1.0, 0, 0]).set_color("#ff0000")   # the copy is independent
        np.testing.assert_array_equal(mob.get_family()[-1].points, pairs[-1][0].points)
        assert not np.allclose(twin.get_center(), mob.get_center())
        assert mob.get_family()[-1].get_fill_color().to_hex().lower() != "#ff0000"
