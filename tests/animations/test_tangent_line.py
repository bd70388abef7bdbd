"""animations.tangent_line draws lessons.tangent_2d: the tangent to x^3 - 2x travelling there
and back over the lesson's sweep; every number on it is the lesson's."""

from __future__ import annotations

import numpy as np
import pytest
from test_secant_tangent import frames_of, renders

from animations import tangent_line as mod


def test_lecture_curve_tangents_and_readouts_by_hand():
    gif = mod.build("zh", 320)
    assert gif.n_frames == 140 and gif.ax.get_xlim() == (-2.2, 2.2)
    x = gif.ax.lines[0].get_xdata()
    np.testing.assert_allclose(gif.ax.lines[0].get_ydata(), x ** 3 - 2 * x, atol=1e-12)
    np.testing.assert_allclose(gif.low.lines[-1].get_ydata(), 3 * x ** 2 - 2, atol=1e-12)
    for i in frames_of(gif, (0, 35, 70, 139)):
        (a,), (fa,) = gif.dot.get_data()
        m = 3 * a * a - 2
        assert a == pytest.approx(-1.9 * np.cos(2 * np.pi * i / 140), abs=1e-12)
        assert fa == pytest.approx(a ** 3 - 2 * a, abs=1e-12)
        assert (gif.x_text.get_text(), gif.m_text.get_text()) == (f"{a:.2f}", f"{m:.2f}")
        (x0, x1), (y0, y1) = gif.line.get_data()
        assert (x0, x1) == (-2.2, 2.2)
        assert (y1 - y0) / (x1 - x0) == pytest.approx(m, abs=1e-9)
        assert y0 + m * (a - x0) == pytest.approx(fa, abs=1e-9)


def test_typed_function_is_swept_over_the_middle_of_its_range():
    gif = mod.build("en", 320, options={"function": "sin(x)*exp(-x/3)", "range": (0.0, 6.0)})
    half = 1.9 / 2.2 * 3
    xs = [gif.ddot.get_xdata()[0] for _ in frames_of(gif, range(gif.n_frames))]
    assert min(xs) == pytest.approx(3 - half) and max(xs) == pytest.approx(3 + half)
    np.testing.assert_allclose(gif.ddot.get_ydata(), np.exp(-xs[-1] / 3) * (
        np.cos(xs[-1]) - np.sin(xs[-1]) / 3), rtol=1e-10)
    assert gif.ax.get_xlim() == (0.0, 6.0)


@pytest.mark.render
def test_gif_renders_through_the_cli(tmp_path):
    renders(tmp_path, "tangent_line", mod.TangentTravelsAlongCurve.n_frames)
