"""Section 11: the scene shows the lesson's numbers, the slide GIF given the same options draws
the same runs, and the video renders in both languages."""

from __future__ import annotations

import inspect

import numpy as np
import pytest
from conftest import probe
from manim import Dot, VGroup

from animations import gradient_descent as gif
from scenes import s11_gradient_descent as s11

HERS = {"function": "x**3 - 2*x", "range": (-2.0, 2.0), "lr": 0.05, "momentum": 0.3}


def shown(text: str) -> float:
    """The number at the end of a readout line, as the viewer reads it."""
    return float(text.split("=")[-1].strip().replace("−", "-").replace("×10^", "e"))


@pytest.mark.parametrize("options", [{}, HERS])
def test_the_readouts_are_the_lessons_numbers(options):
    scene = s11.PointRollsDownhill(lang="en", options=options)
    scene.lr_line = VGroup(Dot())
    for run in (scene.lesson.video.good, scene.lesson.video.big):
        for k in (0, run.path.steps):
            texts = [t.text for t in scene.readout(run, k)]     # Text keeps no spaces
            assert texts[0] == f"step{k}"
            want = (run.path.points[k, 0], run.path.values[k], run.path.grads[k, 0])
            for text, v in zip(texts[1:], want):
                assert shown(text) == pytest.approx(v, rel=5e-4, abs=1e-12), text


def test_scene_and_gif_draw_the_same_runs_from_her_options():
    scene = s11.PointRollsDownhill(lang="zh", options=HERS)
    slide = gif.build("zh", width=320, options=HERS)
    slide.init()
    last = slide.n_frames - 1
    slide.update(last)
    for run, panel in ((scene.lesson.video.good, slide.left), (scene.lesson.video.big,
                                                                slide.right)):
        x, y = panel.path.get_data()
        np.testing.assert_array_equal(x, run.path.points[:, 0])
        np.testing.assert_array_equal(y, run.path.values)
        assert panel.traj.lr == run.lr
    # the curve both draw: her function across her range
    x, y = slide.left.path.axes.lines[0].get_data()
    assert (x[0], x[-1]) == HERS["range"] == scene.lesson.video.good.view
    np.testing.assert_allclose(y, x ** 3 - 2 * x, atol=1e-12)


def test_without_options_each_keeps_its_own_look():
    scene = s11.PointRollsDownhill()
    assert scene.lesson.video.good.lr == 0.2 and scene.lesson.slide.good.lr == 0.1
    assert not scene.lesson.custom


def test_no_option_is_read_at_import():
    for mod in (s11, gif):
        src = inspect.getsource(mod)
        assert "lecture import params" not in src and "environ" not in src


def test_video(scene_build):
    for lang in ("zh", "en"):
        info = probe(scene_build(11, lang=lang))
        assert (info["width"], info["height"]) == (256, 144)
        assert info["frames"] > 0
        assert 33 <= info["duration"] <= 96, (lang, info)  # x2: steps wait for narration
