"""Section 8: the readouts are the lesson's planes, formatted; and the rendered video."""

from __future__ import annotations

import pytest
from conftest import probe

import lessons
from mathcore import surfaces
from scenes import s08_tangent_plane as s08


def test_plane_text_writes_signs_and_shifts():
    p = surfaces.TangentPlane(x0=1.2, y0=-0.5, z0=0.3, fx=-0.25, fy=1e-17)
    assert s08.plane_text(p) == ["z = 0.3", "− 0.25 · (x − 1.2)", "+ 0 · (y + 0.5)"]
    q = surfaces.TangentPlane(x0=0.0, y0=2.0, z0=-1.0, fx=0.5, fy=-2.0)
    assert s08.plane_text(q) == ["z = −1", "+ 0.5 · x", "− 2 · (y − 2)"]
    assert s08.readout(q)[1:4] == ["z₀ = f(x₀, y₀) = −1", "0.5", "−2"]


def test_glyph_line_lays_out_like_text():
    from scenes.style import GlyphLine, label
    s = "z₀ = f(x₀, y₀) = −0.803"
    line = GlyphLine(22, "#FFFFFF", 30).set(s)
    assert line.width == pytest.approx(label(s, 22).width, rel=0.01)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_readouts_on_screen_are_the_lessons_planes(tmp_path, lang):
    from manim import tempconfig
    with tempconfig({"dry_run": True, "pixel_width": 64, "pixel_height": 36, "frame_rate": 5,
                     "verbosity": "ERROR", "progress_bar": "none", "media_dir": str(tmp_path)}):
        scene = s08.TangentPlaneOnSurface(lang=lang, skip_animations=True)
        scene.render()
    lesson = lessons.load("tangent_plane")
    # one plane per frame of the walk (14 s at 5 fps), the lesson's own
    assert len(scene.walk) == 14 * 5 + 1 and scene.walk is lesson.walk(71)
    assert scene.frame() == len(scene.walk) - 1
    point = "切点" if lang == "zh" else "point"
    # the last frame: the peak (pi/2, 0) where sin x cos y = 1 and both slopes are 0
    assert scene.shown == [f"{point}  (x₀, y₀) = (1.57, 0)", "z₀ = f(x₀, y₀) = 1", "0", "0",
                           "z = 1", "+ 0 · (x − 1.57)", "+ 0 · y"]
    assert scene.shown == s08.readout(lesson.final)


def test_video_renders(scene_build):
    info = probe(scene_build(8))
    assert (info["width"], info["height"]) == (256, 144)
    assert 24 <= info["duration"] <= 64  # x2: steps wait for narration
    assert info["frames"] >= 24 * 5
