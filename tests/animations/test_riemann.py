"""animations.riemann draws lessons.integral's slide view: left, right and midpoint sums as n
doubles (x^2 on [0, 2] for the lecture); every number on it is the lesson's."""

from __future__ import annotations

import numpy as np
import pytest
from test_secant_tangent import frames_of, renders

from animations import riemann as mod


def test_schedule_holds_each_level_then_morphs_to_the_next():
    sched = mod.schedule(6)
    assert len(sched) == 6 * mod.HOLD_FRAMES + 5 * mod.MORPH_FRAMES == mod.build().n_frames
    assert sched[0] == (0, 0.0) and sched[-1] == (5, 0.0)
    assert [k for k, _ in sched] == sorted(k for k, _ in sched)
    assert sum(1 for _, t in sched if t > 0) == 5 * mod.MORPH_FRAMES


def test_lecture_panels_show_the_sums_of_x_squared_by_hand():
    gif = mod.build("en", 320)
    assert (gif.r.a, gif.r.b, gif.r.function.params) == (0.0, 2.0, {"n": 2})
    for i in frames_of(gif, (0, mod.HOLD_FRAMES + mod.MORPH_FRAMES)):
        k, _ = gif.schedule[i]
        n = (2, 4)[k]
        h = 2.0 / n
        for (area, _, _, dots, texts), offset in zip(gif.panels, (0.0, 1.0, 0.5)):
            xs = (np.arange(n) + offset) * h
            total = h * np.sum(xs ** 2)
            assert texts[0].get_text().endswith(f"{total:.4f}")
            assert texts[1].get_text().endswith(f"{total - 8 / 3:+.3g}")
            np.testing.assert_allclose(dots.get_xdata(), xs, atol=1e-15)
            np.testing.assert_allclose(area.get_xy()[1:-2:2, 1], xs ** 2, atol=1e-15)
        assert gif.n_text.get_text().endswith(f"{n}")


def test_morph_frames_move_the_halves_between_levels():
    gif = mod.build("en", 320)
    i = mod.HOLD_FRAMES                       # the first morph frame, 2 -> 4 rectangles
    (k, t), = [gif.schedule[j] for j in frames_of(gif, (i,))]
    assert k == 0 and 0 < t < 1
    heights = gif.panels[0][0].get_xy()[1:-2:2, 1]
    np.testing.assert_allclose(heights, (1 - t) * np.array([0, 0, 1, 1]) + t * np.array(
        [0, 0.25, 1, 2.25]), atol=1e-15)     # left heights of x^2: n = 2 split, then n = 4


def test_typed_function_is_drawn_flat_or_fitted():
    flat = mod.build("en", 320, options={"function": "0*x", "range": (0.0, 2.0)})
    ylo, yhi = flat.axes[0].get_ylim()
    assert ylo < 0 < yhi and yhi - ylo >= 2.0
    own = mod.build("en", 320, options={"function": "x**2 - 1", "range": (0.0, 3.0)})
    assert own.lesson.custom and own.axes[0].get_ylim()[0] < -1 < 8 < own.axes[0].get_ylim()[1]


@pytest.mark.render
def test_gif_renders_and_is_byte_identical_twice(tmp_path):
    for run in ("a", "b"):
        renders(tmp_path / run, "riemann", mod.build().n_frames)
    (first,), (second,) = (sorted((tmp_path / run / "gifs" / "zh").glob("riemann*.gif"))
                           for run in ("a", "b"))
    assert first.read_bytes() == second.read_bytes()
