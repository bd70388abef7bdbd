"""Section 12: the scene shows the lesson's numbers, the slide GIF given the same options draws
the same run, and the video renders in both languages (and with a lecturer's own surface)."""

from __future__ import annotations

import inspect
from pathlib import Path

import numpy as np
import pytest
from conftest import probe, run_cli

from animations import gradient_descent_3d as gif
from lecture import strings
from scenes import s12_gradient_descent_3d as s12

HERS = {"function": "x**2 + 3*y**2", "point": (2.5, -1.0), "lr": 0.12, "steps": 30,
        "momentum": 0.4}


def shown(text: str) -> list[float]:
    """The numbers after each '=' of a readout line, as the viewer reads them."""
    return [float(part.split()[0].replace("−", "-").replace("×10^", "e"))
            for part in text.split("=")[1:]]


@pytest.mark.parametrize("options", [{}, HERS])
def test_the_readouts_are_the_lessons_numbers(options):
    scene = s12.DescentOnSurfaceAndContours(lang="en", options=options)
    scene.v = v = scene.lesson.video
    for eta, run in zip(v.etas, v.runs):
        for k in (0, 3, run.steps):
            nums = shown(scene.readout_text(eta, run.values, k))
            want = [eta, v.momentum, run.values[k]] if v.momentum else [eta, run.values[k]]
            np.testing.assert_allclose(nums, want, rtol=5e-3)


def test_scene_and_gif_draw_the_same_run_from_her_options():
    scene = s12.DescentOnSurfaceAndContours(lang="zh", options=HERS)
    slide = gif.build("zh", width=320, options=HERS)
    slide.init()
    slide.update(slide.n_frames - 1)
    (run,) = scene.lesson.video.runs
    x, y = slide.path2.get_data()
    np.testing.assert_array_equal(np.c_[x, y], run.points)
    np.testing.assert_array_equal(slide.path3.get_data_3d()[2], run.values)
    v = scene.lesson.video
    assert (slide.lesson.slide.x_range, slide.lesson.slide.y_range) == (v.x_range, v.y_range)
    x, y = run.points[-1]
    assert slide.readout.get_text() == strings.text("gif.gradient_descent_3d.readout", "zh",
                                                    k=run.steps, lr=run.lr, x=x, y=y,
                                                    f=run.values[-1])


def test_without_options_each_keeps_its_own_look():
    les = s12.DescentOnSurfaceAndContours().lesson
    assert les.video.surface.name == "ellipse" and les.slide.surface.name == "waves"


def test_no_option_is_read_at_import():
    for mod in (s12, gif):
        src = inspect.getsource(mod)
        assert "lecture import params" not in src and "environ" not in src


def test_video_renders(scene_build):
    info = probe(scene_build(12))
    assert (info["width"], info["height"]) == (256, 144)
    assert 24 <= info["duration"] <= 64  # x2: steps wait for narration


def test_video_renders_in_english(scene_build):
    info = probe(scene_build(12, lang="en"))
    assert (info["width"], info["height"]) == (256, 144)
    assert 24 <= info["duration"] <= 64  # x2: steps wait for narration


# --- a lecturer's own surface --------------------------------------------------------------------

@pytest.mark.render
def test_typed_surface_renders(tmp_path):
    run_cli("scenes", "gradient_descent_3d", "--function", "x**2 + 3*y**2", "--quality", "test",
            "--jobs", "1", "--out", tmp_path, check=True)
    files = list(Path(tmp_path, "videos", "zh", "test").glob("12_gradient_descent_3d-*.mp4"))
    assert len(files) == 1
    info = probe(files[0])
    assert (info["width"], info["height"]) == (256, 144)
    assert 20 <= info["duration"] <= 80  # x2: steps wait for narration
