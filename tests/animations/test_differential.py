"""animations.differential draws lessons.differential's slide view: the lecture's e^x at 0.5,
or a typed function with the video's dx sweep; every number on it is the lesson's."""

from __future__ import annotations

import math

import numpy as np
import pytest
from test_secant_tangent import frames_of, renders

from animations import differential as mod


def test_lecture_gif_is_exp_at_one_half():
    gif = mod.build("zh", 320)
    assert gif.n_frames == 100 and gif.ax.get_ylim() == (-0.3, 6.2)
    e = math.exp(0.5)
    for i in frames_of(gif, (99,)):
        dx = 0.01
        assert [t.get_text() for t in gif.texts] == [
            f"{v:.4g}" for v in (dx, e * dx, e * math.expm1(dx), e * (math.expm1(dx) - dx))]
    # the log-log panel: dy like dx, the gap like dx^2
    x, dy, gap = gif.dy_line.get_xdata(), gif.dy_line.get_ydata(), gif.gap_line.get_ydata()
    assert np.polyfit(np.log(x), np.log(dy), 1)[0] == pytest.approx(1.0, abs=1e-9)
    small = x < 0.1
    assert np.polyfit(np.log(x[small]), np.log(gap[small]), 1)[0] == pytest.approx(2.0, abs=0.03)


def test_typed_function_uses_the_videos_sweep():
    """x^3 - 2x at 1 on [-2, 2]: 0.4 of the width (1.6) does not fit to the right (0.85 of 1),
    fits to the left (0.85 of 3): dx from -1.6, 100-fold, as in the video."""
    gif = mod.build("en", 320, options={"function": "x**3 - 2*x", "point": 1.0,
                                        "range": (-2.0, 2.0)})
    assert gif.view is gif.lesson.video
    sw = gif.sweep
    assert sw.dx[0] == pytest.approx(-1.6) and sw.dx[-1] == pytest.approx(-0.016)
    np.testing.assert_allclose(sw.gap, 3 * sw.dx ** 2 + sw.dx ** 3, rtol=1e-6, atol=1e-12)
    for i in frames_of(gif, (0, 50)):
        x1 = 1.0 + sw.dx[i]
        assert gif.step.get_xdata()[1] == pytest.approx(x1)
        assert gif.q.get_ydata()[0] == pytest.approx(-1 + sw.delta[i])
        assert gif.texts[2].get_text() == f"{sw.delta[i]:.4g}"
    assert "|dx|" in gif.right.get_xlabel()


def test_constant_is_drawn_in_a_window_of_sane_height():
    gif = mod.build("en", 320, options={"function": "0*x + 5", "point": 1.0,
                                        "range": (-3.0, 3.0)})
    ylo, yhi = gif.ax.get_ylim()
    assert yhi - ylo >= 2.0 and ylo < 5 < yhi


@pytest.mark.render
def test_gif_renders_through_the_cli(tmp_path):
    renders(tmp_path, "differential", mod.DifferentialAgainstChange.n_frames)
