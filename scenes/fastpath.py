"""Two of manim's costs, removed without changing a pixel: handing small paths to cairo, and
copying text and formulas.

**Paths.**
Manim's ``Camera.set_cairo_context_path`` finds where a path breaks into subpaths with a
vectorised NumPy test (``VMobject.get_subpath_split_indices_from_points``). For the small paths
that make up most of a frame (a surface's faces, glyphs, dots, short lines: a handful of
curves each) NumPy's per-call overhead is most of the cost: section 8 hands cairo 440 faces a
frame, and the test cost more than cairo's filling them. ``set_cairo_context_path`` below does
the same test on Python floats for paths of up to ``SMALL`` points and hands cairo the very same
calls (tests/scenes/test_fastpath.py records them against manim's own, for random paths with
touching, distant, NaN and infinite anchors). Longer paths go through manim's test unchanged.

**Copies.** Every glyph of a ``Text``, ``Typst`` or ``MathTypst`` (manim's
``VMobjectFromSVGPath``) keeps the svgelements path it was built from (``path_obj``), and
``copy()`` (``Transform``, ``FadeIn``/``FadeOut`` and ``.animate`` copy their mobjects) deep-copied
that parsed SVG too: a 30-glyph formula took 18 ms to copy, section 10 spent a quarter of its
own time on it. The path is only read when the glyph is built, so a copy now shares it; its
points, colours and submobjects are copied as before (tests/scenes/test_fastpath.py).

``install()`` patches manim's ``Camera`` and ``VMobjectFromSVGPath`` (idempotent); the lecture's
scenes call it when they are made (scenes/style.Lesson), so every way of rendering them draws
alike.
"""

from __future__ import annotations

import math

SMALL = 64            # points (16 cubic curves): above it NumPy's vectorised test is cheaper
RTOL = 1.0e-5         # numpy.isclose's default, as manim uses


def _close(e: float, s: float, atol: float) -> bool:
    """``numpy.isclose(e, s, rtol=1e-5, atol=atol)`` for two floats, as manim vectorises it:
    NaN is never close, infinities only to themselves."""
    d = abs(e - s)
    return (d <= atol + RTOL * abs(s) and math.isfinite(d)) or e == s


def subpaths(xy: list, n: int, nppcc: int, atol: float) -> list[tuple[int, int]]:
    """manim's ``get_subpath_split_indices_from_points(points, n_dims=2)`` on the 2D points
    ``xy`` (a list of [x, y]), as (start, end) pairs."""
    if n < nppcc:
        return []
    out, start = [], 0
    for b in range(nppcc, n, nppcc):
        (ex, ey), (sx, sy) = xy[b - 1], xy[b]
        if not (_close(ex, sx, atol) and _close(ey, sy, atol)):
            out.append((start, b))
            start = b
    out.append((start, n))
    return out


def set_cairo_context_path(self, ctx, vmobject):
    if len(vmobject.points) > SMALL:
        return manims()(self, ctx, vmobject)
    points = self.transform_points_pre_display(vmobject, vmobject.points)
    n = len(points)
    if n == 0:
        return self
    nppcc = vmobject.n_points_per_cubic_curve
    ctx.new_path()
    xy = points[:, :2].tolist()
    spans = subpaths(xy, n, nppcc, vmobject.tolerance_for_point_equality)
    if not spans:
        return self
    move_to, curve_to, new_sub_path, close_path = (ctx.move_to, ctx.curve_to, ctx.new_sub_path,
                                                   ctx.close_path)
    same = vmobject.consider_points_equals_2d
    for start, end in spans:
        if end - start < nppcc:
            continue
        new_sub_path()
        move_to(*xy[start])
        for i in range(start, end - nppcc + 1, nppcc):
            (x1, y1), (x2, y2), (x3, y3) = xy[i + 1], xy[i + 2], xy[i + 3]
            curve_to(x1, y1, x2, y2, x3, y3)
        if same(xy[start], xy[end - 1]):
            close_path()
    return self


_ORIGINAL: list = []


def manims():
    """manim's own ``Camera.set_cairo_context_path`` (installed or not)."""
    from manim.camera.camera import Camera
    return _ORIGINAL[0] if _ORIGINAL else Camera.set_cairo_context_path


def svg_path_deepcopy(self, memo):
    """``Mobject.__deepcopy__`` with the glyph's parsed SVG path shared, not copied."""
    from manim.mobject.mobject import Mobject
    path = self.__dict__.get("path_obj")
    if path is not None:
        memo.setdefault(id(path), path)       # deepcopy returns what the memo holds
    return Mobject.__deepcopy__(self, memo)


def install() -> None:
    from manim.camera.camera import Camera
    from manim.mobject.svg.svg_mobject import VMobjectFromSVGPath
    if not _ORIGINAL:
        _ORIGINAL.append(Camera.set_cairo_context_path)
        Camera.set_cairo_context_path = set_cairo_context_path
        VMobjectFromSVGPath.__deepcopy__ = svg_path_deepcopy


def uninstall() -> None:
    from manim.camera.camera import Camera
    from manim.mobject.svg.svg_mobject import VMobjectFromSVGPath
    if _ORIGINAL:
        Camera.set_cairo_context_path = _ORIGINAL.pop()
        if VMobjectFromSVGPath.__dict__.get("__deepcopy__") is svg_path_deepcopy:
            del VMobjectFromSVGPath.__deepcopy__
