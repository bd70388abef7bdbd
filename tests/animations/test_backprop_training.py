"""animations.backprop_training: the lesson's training drawn frame by frame, loss and weights."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

import lessons
from animations import backprop_training as mod
from animations.common import tr
from animations.writer import write_gif

BUDGET = 2_000_000


def drawn(src, i):
    """What frame ``i`` shows: the loss line's (steps, losses) and each weight line's values."""
    src.update(i)
    ks, losses = src.loss_line.get_data()
    return np.asarray(ks), np.asarray(losses), [np.asarray(l.get_ydata()) for l, _, _ in
                                                  src.w_lines]


def test_frames_draw_the_lessons_training():
    src = mod.build("en", width=320)
    src.init()
    les = lessons.load("backprop")
    assert len(src.frame_steps) == src.n_frames == 84
    ks, losses, lines = drawn(src, src.n_frames - 1)
    np.testing.assert_array_equal(ks, np.arange(41))
    np.testing.assert_array_equal(losses, les.losses)
    # every hidden unit agrees: one line per group, x1's, x2's, then layer 2's
    assert len(lines) == 3
    for line, want in zip(lines, (les.w1_history[:, 0, 0], les.w1_history[:, 1, 0],
                                  les.w2_history[:, 0])):
        np.testing.assert_array_equal(line, want)
    ks, losses, _ = drawn(src, 0)
    assert list(ks) == [0] and losses[0] == 7200.0 and not src.first.get_visible()


def test_the_lectures_first_step_is_marked():
    src = mod.build("zh", width=320)
    src.init()
    k1 = int(np.argmax(src.frame_steps == 1))
    _, losses, lines = drawn(src, k1)
    assert list(losses) == [7200.0, pytest.approx(3225.1372, abs=1e-4)]
    assert src.first.get_visible() and "7200" in src.first.get_text()
    assert "3225" in src.first.get_text()
    assert [w[-1] for w in lines] == pytest.approx([0.452, 0.404, 0.928])
    for lang in ("zh", "en"):
        assert "3225" in tr("gif.backprop_training.first_step", lang, before=7200, after=3225.1)


def test_a_diverging_training_says_so():
    src = mod.build("en", width=320, options={"lr": 100.0, "steps": 50, "w1": [0.5] * 6,
                                              "x": [1.0, 1.0], "y": 1.0})
    src.init()
    assert src.lesson.diverged and src.lesson.trained_steps < 50
    src.update(src.n_frames - 1)
    assert src.readout.get_text().endswith(tr("diverged", "en"))


@pytest.mark.render
def test_gif_renders_in_both_languages(tmp_path):
    for lang in ("zh", "en"):
        src = mod.build(lang, width=320)
        out = write_gif(src, tmp_path / f"backprop_training-{lang}.gif", fps=src.fps,
                        hold_last_s=src.hold_last_s, mp4=False)
        with Image.open(out.gif) as im:
            size, frames, loop = im.size, im.n_frames, im.info["loop"]
        assert size == (320, 180) and frames == src.n_frames and loop == 0, lang
        assert out.gif_bytes < BUDGET / 3, lang
