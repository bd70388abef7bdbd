"""animations.gradient_descent_3d: both views draw the lesson's slide run, one colour scale for
both; the schedule; the GIF renders in both languages."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

from animations import gradient_descent_3d as mod
from animations.writer import write_gif


def test_both_views_draw_the_lessons_run():
    src = mod.build("en", width=320)
    src.init()
    src.update(src.n_frames - 1)
    path = src.lesson.slide.path
    x, y = src.path2.get_data()
    np.testing.assert_array_equal(np.c_[x, y], path.points)
    np.testing.assert_array_equal(src.path3.get_data_3d()[2], path.values)
    CZ = src.lesson.slide.grid[2]
    assert len(src.levels) == mod.N_LEVELS + 1
    assert src.levels[0] == CZ.min() and src.levels[-1] == CZ.max()
    k = src.frame_steps
    assert len(k) == src.n_frames and k[0] == 0 and k[-1] == path.steps
    assert np.all(np.diff(k) >= 0) and not src.note_frames.any()


def test_a_diverged_run_ends_on_the_note():
    src = mod.build("en", width=320, options={"function": "x**2 + 3*y**2", "lr": 0.4})
    src.init()
    assert src.lesson.slide.path.diverged
    assert src.note_frames.sum() == mod.N_NOTE and src.note_frames[-1]


@pytest.mark.render
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_gif_renders(tmp_path, lang):
    src = mod.build(lang, width=320)
    res = write_gif(src, tmp_path / "g.gif", fps=src.fps, hold_last_s=src.hold_last_s, mp4=False)
    with Image.open(res.gif) as im:
        assert (im.size, im.n_frames, im.info["loop"]) == ((320, 180), src.n_frames, 0)
    assert res.gif_bytes < 700_000
