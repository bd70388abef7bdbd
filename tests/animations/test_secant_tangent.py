"""animations.secant_tangent draws lessons.derivative's slide view: the lecture's x^2 at a = 1,
or a typed function; every number on it is the lesson's."""

from __future__ import annotations

import numpy as np
import pytest
from conftest import run_cli
from PIL import Image

from animations import secant_tangent as mod

BUDGET = 2_000_000
CUBIC = {"function": "x**3 - 2*x", "point": 1.5, "range": (-2.0, 2.0)}


def frames_of(gif, which):
    """The GIF's artists after ``init`` and ``update(i)`` for each i of ``which``."""
    gif.init()
    for i in which:
        gif.update(i)
        yield i


def test_lecture_gif_is_x_squared_in_its_own_window():
    gif = mod.build("zh", 320)
    v = gif.view
    assert gif.n_frames == 100 and not gif.custom
    assert gif.ax.get_xlim() == (-0.6, 3.4) and gif.ax.get_ylim() == (-1.5, 10.5)
    shown = {i: (gif.h_text.get_text(), gif.m_text.get_text()) for i in frames_of(gif, (0, 99))}
    assert shown == {0: ("2.000", "4.000"), 99: ("0.010", "2.010")}     # slope 2 + h
    np.testing.assert_allclose(gif.trail.get_ydata(), 2.0 + v.sweep(100).h, rtol=1e-12)


def test_typed_function_frames_are_the_lessons():
    gif = mod.build("en", 320, options=CUBIC)
    sw = gif.lesson.video.sweep(gif.n_frames)
    for i in frames_of(gif, (0, 37, 99)):
        assert (gif.h_text.get_text(), gif.m_text.get_text()) == (f"{sw.h[i]:.3g}",
                                                                   f"{sw.slopes[i]:.3f}")
        np.testing.assert_allclose(gif.secant.get_ydata(), sw.secant_y[i])
        np.testing.assert_allclose(gif.dot.get_xdata(), [abs(sw.h[i])])   # log axis: |h|
    ylo, yhi = gif.ax.get_ylim()
    assert ylo < -4 and yhi > 4                    # f(-2) = -4, f(2) = 4 in view
    assert gif.right.get_xlabel().count("|h|") == 1   # h < 0 here


def test_flat_curve_is_drawn_in_a_window_of_sane_height():
    gif = mod.build("en", 320, options={"function": "1e-20*x", "point": 1.0,
                                        "range": (-3.0, 3.0)})
    ylo, yhi = gif.ax.get_ylim()
    assert yhi - ylo >= 2.0 and ylo < 1e-20 < yhi


def renders(tmp_path, target: str, n_frames: int, budget: int = BUDGET // 3):
    """The GIF ``target`` rendered through the command line at 320 px: size, frames, loop."""
    run_cli("gifs", target, "--lang", "zh", "--width", 320, "--out", tmp_path, check=True)
    found = sorted((tmp_path / "gifs" / "zh").glob(f"{target}*.gif"))  # -320px: not the default
    assert len(found) == 1, found
    gif = found[0]
    with Image.open(gif) as im:
        assert (im.size, im.n_frames, im.info["loop"]) == ((320, 180), n_frames, 0)
    assert gif.stat().st_size < budget


@pytest.mark.render
def test_gif_renders_through_the_cli(tmp_path):
    renders(tmp_path, "secant_tangent", mod.SecantBecomesTangent.n_frames)
