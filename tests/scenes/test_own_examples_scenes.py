"""Sections 4, 6 and 7 with a lecturer's own function: the numbers drawn are that function's,
checked against hand computations, and each renders."""

from __future__ import annotations


import numpy as np
import pytest

from conftest import probe, run_cli


# --- sections 1 and 4: see tests/lessons (the lessons both renderers draw) ----------------------

def _y_window(section: str, params: dict) -> tuple:
    """The y range of a lesson-drawn scene's axes (sections 1 and 4) under the options."""
    import lessons
    from scenes.s01_derivative import curve_axes
    view = lessons.load(section, params).video
    ax = curve_axes(view, 6.0, 5.0, getattr(view, "must_show_y", None))
    return ax.y_range[0], ax.y_range[1]


# --- sections 6 and 7: see tests/lessons/test_integral.py, test_tangent_2d.py and
# tests/scenes/test_s06_integral.py, test_s07_tangent_2d.py (the lessons both renderers draw) ---

# --- flat, tiny, steep: a legitimate function draws a legitimate picture ------------------------

@pytest.mark.parametrize("function, window", [
    ("5", (4.0, 6.0)),                 # constant: one unit each way (a tenth of 5 is less)
    ("0*x", (-1.0, 1.0)),
    ("1e-20*x", (-1.0, 1.0)),          # rises by 6e-20: drawn flat, not as a steep line
    ("1000 + 1e-8*x", (900.0, 1100.0)),  # rises by 6e-8 of 1000: flat, a tenth of 1000 each way
])
def test_flat_functions_get_a_window_of_sane_height(function, window):
    for section in ("derivative", "differential"):
        got = _y_window(section, {"function": function, "range": [-3.0, 3.0], "point": 1.0})
        np.testing.assert_allclose(got, window, rtol=1e-6)


def test_steep_and_large_ranges_keep_their_own_window():
    """1e6*x on [-0.4, 0.4] and x^2 on [-500, 500] are not flat: the window is the curve's
    extent with 8% of it added each way."""
    got = _y_window("derivative", {"function": "1e6*x", "range": [-0.4, 0.4], "point": 0.1})
    np.testing.assert_allclose(got, (-4e5 - 0.08 * 8e5, 4e5 + 0.08 * 8e5), rtol=1e-9)
    got = _y_window("derivative", {"function": "x^2", "range": [-500.0, 500.0], "point": 300.0})
    np.testing.assert_allclose(got, (-0.08 * 250000, 1.08 * 250000), rtol=1e-9)


@pytest.mark.parametrize("lo, hi, ticks", [
    (-3.0, 3.0, [-2.0, 2.0]),
    (-3.5e-20, 3.5e-20, [-2e-20, 2e-20]),        # was 5e10 ticks: a tolerance of 1e-9
    (4.0, 6.0, [4.0, 4.5, 5.0, 5.5, 6.0]),
    (-520.0, 520.0, [-500.0, 500.0]),            # steps of 1, 2, 2.5, 5 x 10^k: 500
    (-10.0, -2.0, [-10.0, -8.0, -6.0, -4.0, -2.0]),
    (5.0, 5.0, []),                               # no height: no ticks, no error
])
def test_nice_ticks_for_any_range(lo, hi, ticks):
    from scenes.style import nice_ticks
    np.testing.assert_allclose(nice_ticks(lo, hi), ticks, rtol=1e-12)


def test_keep_in_frame_scales_a_long_line_about_its_left_end():
    from manim import config
    from scenes.style import fits, keep_in_frame, label
    t = label("close to the minimum:  x* ≈ −1.234×10^−5 and more words").move_to(
        [0.8, -3.0, 0], aligned_edge=[-1, 0, 0])
    left, top, w = t.get_left()[0], t.get_top()[1], t.width
    assert not fits(t)
    keep_in_frame(t)
    assert fits(t) and t.get_left()[0] == pytest.approx(left)
    assert t.get_top()[1] == pytest.approx(top)
    assert t.get_right()[0] == pytest.approx(config.frame_width / 2 - 0.2, abs=1e-6)
    assert t.width < w


def test_fit_text_wraps_before_it_shrinks():
    from scenes.style import fit_text, label
    s = "n → ∞: the sum → the signed area (below the x axis counts negative)"
    one = label(s, 22)
    t = fit_text(s, 0.6 * one.width, 22)
    assert t.width <= 0.6 * one.width + 1e-9
    assert t.height > 1.5 * one.height                   # two lines or more, at full size
    assert "\n" in t.text or len(t.text) < len(s)          # broken at spaces
    short = fit_text("short", 10.0, 22)
    assert short.height == pytest.approx(label("short", 22).height)


def test_layout_problems_finds_overlaps_and_text_off_screen():
    from manim import RIGHT, VGroup
    from scenes.style import label, layout_problems
    a = label("hello world")
    b = label("another").move_to(a.get_center() + RIGHT * 0.5)
    c = label("far").shift(RIGHT * 9)
    d = label("apart").next_to(a, RIGHT, buff=0.3)
    problems = layout_problems([VGroup(a, b), c, d])
    assert len(problems) == 2
    assert any("far" in p and "leaves the frame" in p for p in problems)
    assert any("hello" in p and "another" in p and "overlaps" in p for p in problems)
    assert layout_problems([a, d]) == []


# --- real renders ------------------------------------------------------------------------------

@pytest.mark.render
@pytest.mark.parametrize("target, stem, args", [
    ("differential", "04_differential", ("--function", "sin(x)", "--point", "0.7")),
    ("integral", "06_integral", ("--function", "x**2 - 1", "--range", "0,3")),
    ("tangent_2d", "07_tangent_2d", ("--function", "x**3 - 3*x", "--range", "-2.5,2.5")),
])
def test_own_example_renders(tmp_path, target, stem, args):
    r = run_cli("scenes", target, *args, "--quality", "test", "--out", tmp_path, "--jobs", "1",
                check=True)
    files = list((tmp_path / "videos" / "zh" / "test").glob(f"{stem}-*.mp4"))
    assert len(files) == 1, r.stdout
    info = probe(files[0])
    assert (info["width"], info["height"]) == (256, 144)
    assert 20 <= info["duration"] <= 120     # steps may wait for their narration


def test_a_scene_with_overlapping_texts_fails_its_render(tmp_path):
    """The layout check runs at the end of every lecture scene: a picture with two texts on top
    of each other is an error, not a video."""
    from manim import RIGHT, tempconfig
    from scenes.style import LectureScene, label

    class Crowded(LectureScene):
        def construct(self):
            a = label("first line of text")
            self.add(a, label("second").move_to(a.get_center() + RIGHT * 0.3))

    class Tidy(LectureScene):
        def construct(self):
            a = label("first line of text")
            self.add(a, label("second").next_to(a, RIGHT, buff=0.3))

    with tempconfig({"dry_run": True, "media_dir": str(tmp_path), "verbosity": "ERROR",
                     "disable_caching": True}):
        Tidy().render()
        with pytest.raises(AssertionError, match="layout: .*overlaps"):
            Crowded().render()
