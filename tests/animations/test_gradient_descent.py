"""animations.gradient_descent: the panels draw the lesson's runs, on a schedule that ends each
run before its note; the GIF renders through the command line."""

from __future__ import annotations

import numpy as np
import pytest
from conftest import run_cli
from PIL import Image

from animations import gradient_descent as mod


LECTURE = mod.build("en", width=320)        # the lecture's own slide, its artists made once
LECTURE.init()


def test_the_panels_draw_the_lessons_slide_runs():
    lecture = LECTURE
    lecture.update(lecture.n_frames - 1)
    for panel, run in ((lecture.left, lecture.lesson.slide.good),
                       (lecture.right, lecture.lesson.slide.big)):
        x, y = panel.path.get_data()
        np.testing.assert_array_equal(x, run.path.points[:, 0])
        np.testing.assert_array_equal(y, run.path.values)
        assert panel.path.axes.get_xlim() == run.view
    assert lecture.note_text.get_visible() and not lecture.note_good_text.get_visible()


def test_schedule():
    lecture = LECTURE
    good, big = lecture.lesson.slide.good.path, lecture.lesson.slide.big.path
    left, right, note = lecture.left_step, lecture.right_step, lecture.note
    n, n_left = lecture.n_frames, lecture.n_left
    assert len(left) == len(right) == len(note) == n == 100 and n_left == 54
    assert left[n_left - 1] == good.steps and left[-1] == good.steps
    assert np.all(right[:n_left] == 0) and right[-1] == big.steps
    assert np.all(np.diff(left) >= 0) and np.all(np.diff(right) >= 0)
    assert note.sum() == mod.N_NOTE and note[-1]
    assert np.all(right[note] == big.steps)           # the note comes once the run has stopped


def test_ramp_holds_then_climbs_evenly():
    r = mod.ramp(14, 20, hold=4)
    assert r.tolist() == [0, 0, 0, 0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20]


@pytest.mark.render
def test_her_gif_renders_through_the_cli(tmp_path):
    run_cli("gifs", "gradient_descent", "--function", "x**3 - 2*x", "--range", "-2,2",
            "--lang", "en", "--width", 320, "--out", tmp_path, check=True)
    (gif,) = (tmp_path / "gifs" / "en").glob("gradient_descent-*.gif")
    with Image.open(gif) as im:
        assert (im.size, im.n_frames, im.info["loop"]) == ((320, 180), 100, 0)
    assert gif.stat().st_size < 700_000 and gif.with_suffix(".mp4").exists()
