"""Section 3: the scene draws the lesson's activations and reads out the lesson's numbers (the
numbers are checked against closed forms in tests/lessons/test_activations_lesson.py); the GIF
draws the same functions."""

from __future__ import annotations

import numpy as np
import pytest
from manim import tempconfig

from conftest import probe
from mathcore import functions
from scenes import s03_activations as s03
from scenes.style import fmt


@pytest.fixture(scope="module")
def scene():
    return s03.ActivationsAndTheirSlopes(lang="en")


def curve_at(act, ys, x):
    """The lesson's samples at x; between two samples (an end cut at the window), on the line
    that joins them."""
    return np.interp(x, act.x, ys)


def test_the_scene_walks_the_lessons_activations(scene):
    assert [a.name for a in s03.activations(scene.lesson)] == list(functions.ACTIVATIONS)


@pytest.mark.parametrize("name", ["sigmoid", "relu", "prelu"])
def test_a_cell_draws_the_lessons_curves_and_kink(scene, name):
    act = scene.lesson.activation(name)
    (ax, _, title, at0), shade, cf, cd, kink = scene._cell(act, 0)
    lo, hi = scene.lesson.y_view
    for curve, ys in ((cf, act.f), (cd, act.df)):   # cut at the window's edge, split at jumps
        pts = np.array([ax.p2c(p) for piece in curve for p in piece.get_anchors()])
        x = act.x[(ys >= lo) & (ys <= hi)]
        assert np.abs(pts[None, :, 0] - x[:, None]).min(axis=1).max() < 1e-9, act.name
        np.testing.assert_allclose(pts[:, 1], curve_at(act, ys, pts[:, 0]), atol=1e-6)
    np.testing.assert_allclose(ax.p2c(kink[0].get_center()), (0, act.df0), atol=1e-9)
    assert len(kink) == (2 if act.df0_right != act.df0 else 1)
    assert at0.text.replace(" ", "").endswith(fmt(act.df0))
    assert len(shade) == len(act.saturated)
    if "alpha" in act.params:
        assert fmt(act.params["alpha"]) in title.text


def test_remarks_are_the_lessons_numbers(scene):
    assert s03.remark_fields(scene.lesson.activation("sigmoid")) == {"lo": "0", "hi": "1"}
    assert s03.remark_fields(scene.lesson.activation("tanh")) == {"lo": "−1", "hi": "1"}
    assert s03.remark_fields(scene.lesson.activation("elu")) == {"low": "−1"}


def test_every_string_exists_in_both_languages():
    from lecture import strings
    keys = [k for k in strings.TABLE if k.startswith("s03.")]
    assert {f"s03.{n}" for n in functions.ACTIVATIONS} <= set(keys)
    assert all(strings.TABLE[k][strings.LANGS.index(lang)] for k in keys
               for lang in strings.LANGS)


def test_scene_and_gif_draw_the_same_activations(scene):
    from animations import activations as gif_mod
    gif = gif_mod.build("en", width=320, n_frames=4)
    lesson = scene.lesson
    for ax, act in zip(gif.axes, lesson.activations):
        # the GIF's samples are every other sample of the scene's grid: same x, same f and f'
        x, f = ax.lines[2].get_data()
        np.testing.assert_allclose(f, np.interp(x, act.x, act.f), atol=1e-12, err_msg=act.name)
        xd, df = ax.lines[3].get_data()
        keep = np.isfinite(xd)
        np.testing.assert_allclose(df[keep], np.interp(xd[keep], act.x, act.df), atol=1e-12)
        if "alpha" in act.params:
            assert f"{act.params['alpha']:g}" in ax.get_title()


@pytest.mark.render
def test_the_live_readouts_are_the_lessons_numbers():
    """The whole scene in a dry run (no frames written): at the end of the shift the numbers
    over the bars and the caption are the lesson's, formatted."""
    with tempconfig({"dry_run": True, "pixel_width": 256, "pixel_height": 144,
                     "frame_rate": 5, "disable_caching": True, "progress_bar": "none"}):
        scene = s03.ActivationsAndTheirSlopes(lang="en")
        scene.render()
    sm = scene.lesson.softmax
    in_nums, out_nums, caption = scene.live
    assert in_nums.shown == [fmt(v, 3) for v in sm.x + sm.shift]
    assert out_nums.shown == [fmt(v, 3) for v in sm.p_shifted]
    assert caption.shown == f"x + c, c = {fmt(sm.shift, 2)}"


@pytest.mark.render
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_renders_at_test_size(scene_build, lang):
    info = probe(scene_build(3, lang=lang))
    assert (info["width"], info["height"], info["frames"] > 0) == (256, 144, True)
    assert 30 <= info["duration"] <= 100  # x2: steps wait for narration
