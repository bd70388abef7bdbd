"""Section 4: the scene draws the lesson's dx sweep in two stages and reads out the lesson's
numbers; given the same options, the slide GIF draws the same numbers."""

import pytest
from test_s01_derivative import dry_run, gif_beside

from animations import differential
from conftest import probe
from lecture import strings
from lessons import differential as lesson
from scenes.s04_differential import DifferentialAgainstChange
from scenes.style import fmt

OPTIONS = {"function": "sin(x)", "point": 0.7, "range": (-3.0, 3.0)}


@pytest.fixture(scope="module")
def custom_scene():
    return dry_run(DifferentialAgainstChange, OPTIONS, (5, 8))


def test_readouts_are_the_lessons_numbers(custom_scene):
    scene, (n1, n2) = custom_scene
    v = lesson.from_options(OPTIONS).video
    assert scene.view.parameters() == v.parameters()
    first = v.sweep(n1, end=v.dx_mid)
    second = v.sweep(n2, start=first.dx[-1])
    rows = [tuple(fmt(x, 4) for x in sw.row(k).values())
            for sw in (first, second) for k in range(len(sw.dx))]
    assert set(scene.shown) == set(rows)
    assert scene.shown[0] == rows[0] and scene.shown[-1] == rows[-1]
    assert scene.shown[-1][0] == fmt(v.dx_end, 4)


def test_scene_and_gif_draw_the_same_numbers(custom_scene):
    scene, _ = custom_scene
    gif, sw = gif_beside(scene, differential, OPTIONS)
    for i in (0, gif.n_frames - 1):
        gif.update(i)
        assert [t.get_text() for t in gif.texts] == [
            f"{x:.4g}" for x in (sw.dx[i], sw.dy[i], sw.delta[i], sw.gap[i])]
        assert gif.rise.get_ydata()[1] == pytest.approx(scene.view.fx + sw.dy[i])


def test_lecture_example_without_options():
    scene = DifferentialAgainstChange()
    v = scene.lesson.video
    assert (v.x0, v.slope, v.dx_start, v.dx_end) == (1.0, 3.0, 1.0, 0.01)


def test_strings_in_both_languages():
    for key in ("s04.dy", "s04.delta", "s04.gap", "s04.ratio", "s04.zoom", "s04.conclusion",
                "s04.linear_part"):
        zh, en = strings.text(key, "zh"), strings.text(key, "en")
        assert zh and en and zh != en


@pytest.mark.render
def test_scene_renders(scene_build):
    info = probe(scene_build(4))
    assert info["frames"] > 0 and (info["width"], info["height"]) == (256, 144)
    assert 28 <= info["duration"] <= 80  # x2: steps wait for narration
