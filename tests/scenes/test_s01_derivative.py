"""Section 1: the scene draws the lesson's h sweep and reads out the lesson's numbers; given the
same options, the slide GIF draws the same numbers."""

import numpy as np
import pytest
from manim import tempconfig

from animations import secant_tangent
from conftest import probe
from lessons import derivative
from scenes.s01_derivative import SWEEP_S, SecantBecomesTangent, frames
from scenes.style import fmt

OPTIONS = {"function": "sin(x)*exp(-x/3)", "point": 1.5, "range": (0.0, 6.0)}


def dry_run(cls, options: dict, run_times: tuple, lang: str = "en"):
    """The scene run through without writing a video (5 frames a second), and how many lesson
    frames an animation of each of ``run_times`` seconds shows at that rate."""
    with tempconfig({"dry_run": True, "pixel_width": 256, "pixel_height": 144, "frame_rate": 5,
                     "disable_caching": True, "progress_bar": "none", "verbosity": "WARNING"}):
        scene = cls(lang=lang, options=options)
        scene.render()
        return scene, [frames(t) for t in run_times]


def gif_beside(scene, module, options: dict):
    """The section's GIF under the scene's options, initialised: it draws the scene's view."""
    gif = module.build("en", 320, options=options)
    assert gif.view.parameters() == scene.view.parameters()
    gif.init()
    return gif, scene.view.sweep(gif.n_frames)


@pytest.fixture(scope="module")
def custom_scene():
    return dry_run(SecantBecomesTangent, OPTIONS, (SWEEP_S,))


def test_readouts_are_the_lessons_numbers(custom_scene):
    scene, (n,) = custom_scene
    view = derivative.from_options(OPTIONS).video
    assert scene.view.parameters() == view.parameters()
    sw = view.sweep(n)
    expected = [(fmt(h, 3), fmt(m, 6)) for h, m in zip(sw.h, sw.slopes)]
    # every frame of the sweep was read out, and nothing else
    assert set(scene.shown) == set(expected)
    assert scene.shown[0] == expected[0] and scene.shown[-1] == expected[-1]


def test_scene_and_gif_draw_the_same_numbers(custom_scene):
    scene, _ = custom_scene
    gif, sw = gif_beside(scene, secant_tangent, OPTIONS)
    for i in (0, gif.n_frames // 2, gif.n_frames - 1):
        gif.update(i)
        assert gif.h_text.get_text() == f"{sw.h[i]:.3g}"
        assert gif.m_text.get_text() == f"{sw.slopes[i]:.3f}"
        np.testing.assert_allclose(gif.secant.get_ydata(), sw.secant_y[i], rtol=1e-12)
        np.testing.assert_allclose(np.r_[gif.q.get_xdata(), gif.q.get_ydata()], sw.q[i])


def test_lecture_example_without_options():
    scene = SecantBecomesTangent()
    assert not scene.lesson.custom
    v = scene.lesson.video
    assert (v.a, v.derivative, v.x_range) == (1.0, 2.0, (-0.5, 3.2))


@pytest.mark.render
def test_renders_in_english(scene_build):
    info = probe(scene_build(1, "en"))
    assert (info["width"], info["height"]) == (256, 144)
    assert 10 <= info["duration"] <= 80  # x2: steps wait for narration
