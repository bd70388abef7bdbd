"""Section 7: the readout on screen is the lesson's x and slope; the GIF travels the same sweep."""

import numpy as np
import pytest
from manim import tempconfig

from conftest import probe
from lecture import strings
from scenes import s07_tangent_2d as s07
from scenes.style import GlyphFont, fmt

OWN = {"function": "x**3 - 3*x", "range": (-2.5, 2.5)}


@pytest.fixture(scope="module")
def travelled():
    """The scene run through (no file written) with a lecturer's own cubic."""
    with tempconfig({"dry_run": True, "pixel_width": 64, "pixel_height": 36, "frame_rate": 5,
                     "verbosity": "ERROR", "disable_caching": True}):
        scene = s07.TangentTravelsAlongCurve(lang="en", options=OWN)
        scene.render()
    return scene


def test_readout_shows_x_and_the_slope_by_hand(travelled):
    log = travelled.readout_log
    assert len(log) > 20
    for x, (x_line, slope_line) in log:
        assert x_line == f"x = {fmt(x, 4)}"
        slope = 3 * x * x - 3                            # f' of x^3 - 3x
        assert slope_line.startswith(strings.text("slope", "en") + " f'(x) = ")
        assert float(slope_line.split("=")[-1].replace("−", "-")) == pytest.approx(
            slope, abs=6e-3 * max(1, abs(slope)))
    # the travel: from the sweep's start, past both flat points (x = -1, 1), to its end
    half = 1.9 / 2.2 * 2.5
    xs = [x for x, _ in log]
    assert xs[0] == pytest.approx(-half) and xs[-1] == pytest.approx(half)
    assert any(abs(x + 1) < 1e-6 for x in xs) and any(abs(x - 1) < 1e-6 for x in xs)


def test_the_glyphs_on_screen_spell_the_last_readout(travelled):
    x_line, slope_line = travelled.readout_log[-1][1]
    font = GlyphFont.of(s07.BODY_SIZE)
    for line, text in zip(travelled.readout, (x_line, slope_line)):
        drawn = [m for m in line if len(m.points)]
        assert len(drawn) == sum(font.char(c)[0] is not None for c in text)
    assert x_line == f"x = {fmt(1.9 / 2.2 * 2.5, 4)}"


def test_scene_and_gif_travel_the_same_sweep_with_the_same_slopes():
    from animations import tangent_line
    gif = tangent_line.build(options=OWN, n_frames=40)
    gif.init()
    scene = s07.TangentTravelsAlongCurve(options=OWN)
    assert scene.lesson.sweep == gif.lesson.sweep
    dots = []
    for i in range(40):
        gif.update(i)
        (x,), (m,) = gif.ddot.get_data()
        dots.append(x)
        assert gif.readouts(i) == (f"{x:.2f}", f"{m:.2f}")
        assert m == pytest.approx(3 * x * x - 3, rel=1e-12, abs=1e-12)
        assert scene.readout_texts(x)[1].endswith(f"= {fmt(m, 3)}")
    assert min(dots) == pytest.approx(scene.lesson.sweep[0])
    assert max(dots) == pytest.approx(scene.lesson.sweep[1])
    np.testing.assert_allclose(gif.ax.lines[0].get_xdata()[[0, -1]], OWN["range"])


def test_cubic_flat_points_and_the_graphs_windows():
    le = s07.TangentTravelsAlongCurve(options=OWN).lesson
    np.testing.assert_allclose(le.zeros, [-1.0, 1.0], atol=1e-12)
    assert [le.tangent(z).point for z in le.zeros] == [pytest.approx((-1.0, 2.0)),
                                                       pytest.approx((1.0, -2.0))]
    half = 1.9 / 2.2 * 2.5
    ylo, yhi = s07._fitted(le.sweep_y, False)
    assert ylo < -(half ** 3 - 3 * half) and yhi > half ** 3 - 3 * half
    dlo, dhi = s07._fitted(le.sweep_dy, True)
    assert dlo < -3.0 and dhi > 3 * half ** 2 - 3


def test_strings_in_both_languages():
    assert all(strings.text(k, "zh") != strings.text(k, "en")
               for k in ("s07.zero_slope", "s07.where"))


@pytest.mark.render
def test_scene_renders(scene_build):
    info = probe(scene_build(7))
    assert (info["width"], info["height"], info["frames"] > 0) == (256, 144, True)
    assert 22 <= info["duration"] <= 70, info  # x2: steps wait for narration
