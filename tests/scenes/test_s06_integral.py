"""Section 6: the scene shows the lesson's Riemann sums, and the GIF the same ones under options."""

import math

import numpy as np
import pytest
from manim import Text, tempconfig

from conftest import probe
from lecture import strings
from scenes import s06_integral as s06
from scenes.style import fmt

OWN = {"function": "x**2 - 1", "range": (0.0, 3.0)}


def dry_run(**kw) -> s06.RectanglesFillTheArea:
    with tempconfig({"dry_run": True, "pixel_width": 64, "pixel_height": 36, "frame_rate": 5,
                     "verbosity": "ERROR", "disable_caching": True}):
        scene = s06.RectanglesFillTheArea(**kw)
        scene.render()
    return scene


def texts(scene) -> set[str]:
    return {t.original_text for m in scene.mobjects for t in m.get_family() if isinstance(t, Text)}


def test_table_on_screen_is_the_lessons_left_sums_checked_by_hand():
    scene = dry_run(options=OWN)
    shown = texts(scene)
    for k, n in enumerate((4, 8, 16, 32, 64)):
        h = 3.0 / n
        total = h * np.sum((np.arange(n) * h) ** 2 - 1)    # x^3/3 - x: 6 on [0, 3]
        row = scene.row_texts(k)
        assert row == (str(n), fmt(total, 6), fmt(total - 6.0, 3))
        assert set(row) <= shown, row
    assert f"= {fmt(6.0, 6)}" in shown and "a = 0" in shown and "b = 3" in shown


def test_the_gif_and_the_scene_sum_the_same_under_options():
    from animations import riemann
    gif = riemann.build(options=OWN)
    gif.init()
    scene = s06.RectanglesFillTheArea(options=OWN)
    assert gif.r.function is scene.r.function and (gif.r.a, gif.r.b) == (scene.r.a, scene.r.b)
    for k, n in enumerate(scene.r.ns):
        level = gif.r.ns.index(n)
        gif.update(gif.schedule.index((level, 0.0)))
        left = gif.panels[0][-1][0].get_text()           # "sum = 2.3456" in the left panel
        assert float(left.split("=")[-1]) == pytest.approx(float(scene.row_texts(k)[1]),
                                                           abs=6e-5)
        np.testing.assert_allclose(gif.panels[0][0].get_xy()[1:-2:2, 1],
                                   scene.r.partitions["left"][k].heights)
    np.testing.assert_allclose(gif.panels[0][2].get_ydata(), scene.r.y)


def test_view_holds_the_curve_and_zero():
    v = s06.view(s06.RectanglesFillTheArea(options=OWN).r)
    assert v["y_range"][0] < -1.0 and 8.0 < v["y_range"][1]       # f(0) = -1, f(3) = 8
    assert v["x_range"][0] == 0.0 and v["x_range"][1] > 3.0
    below = s06.view(s06.RectanglesFillTheArea(options={"function": "-x**2 - 1",
                                                        "range": (-1.0, 3.0)}).r)
    assert below["y_range"][1] == 0.0 and below["y_range"][0] < -10.0
    assert below["x_range"][0] < -1.0                        # a little room left of a < 0
    flat = s06.view(s06.RectanglesFillTheArea(options={"function": "0*x",
                                                       "range": (0.0, 2.0)}).r)
    np.testing.assert_allclose(flat["y_range"], (-1.0, 1.0))


def test_lectures_example_and_strings():
    r = s06.RectanglesFillTheArea().r
    assert r.integral == pytest.approx((1 - math.cos(5.0)) + 0.25 * 25 + 5.0, rel=1e-12)
    assert [strings.text(k, "zh") != strings.text(k, "en") for k in
            ("s06.sum", "s06.error", "s06.exact", "s06.left_rule", "s06.area")] == [True] * 5


@pytest.mark.render
def test_scene_renders(scene_build):
    info = probe(scene_build(6))
    assert (info["width"], info["height"], info["frames"] > 0) == (256, 144, True)
    assert 25 <= info["duration"] <= 80, info  # x2: steps wait for narration
