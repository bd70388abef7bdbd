"""Section 5: what the scene reads out is the lesson's numbers (the numbers themselves are
checked against closed forms in tests/lessons/test_rules.py)."""

from __future__ import annotations

import pytest
from manim import tempconfig

from conftest import probe
from scenes import s05_rules as s05
from scenes.style import fmt


@pytest.fixture(scope="module")
def scene():
    return s05.SumProductQuotientRules(lang="en")


def test_the_readout_is_the_lessons_rectangle(scene):
    les = scene.lesson
    for dx in (les.dx_start, 0.1, les.dx_end):
        r = les.rectangle(dx)
        lines = scene._readout(lambda: r)
        assert len(lines) == 5
        assert scene.readout == [f"dx = {fmt(dx, 2)}", f"u dv = {fmt(r.u_dv, 3)}",
                                 f"v du = {fmt(r.v_du, 3)}", f"du dv = {fmt(r.du_dv, 3)}",
                                 f"du dv / dx = {fmt(r.corner_per_dx, 3)}"]


def test_the_check_shows_the_lessons_digits(scene):
    les = scene.lesson
    assert s05._method_key(les.method) == "s05.numeric"
    for c in les.checks.values():
        shown = fmt(c.numeric, les.digits)
        agree = shown[:s05._prefix_chars(shown, c.agreeing_digits)]
        assert fmt(c.by_rule, les.digits).startswith(agree), c.name
    assert s05._prefix_chars("−1.3816", 3) == 5  # "−1.38"
    assert s05._p(-0.5) == "(−0.5)" and s05._p(0.5) == "0.5"


@pytest.mark.render
def test_the_readout_after_the_picture_is_the_lessons():
    """The whole scene in a dry run (no frames written): when dx has shrunk, the readout is
    the lesson's rectangle at its last dx."""
    with tempconfig({"dry_run": True, "pixel_width": 256, "pixel_height": 144,
                     "frame_rate": 5, "disable_caching": True, "progress_bar": "none"}):
        scene = s05.SumProductQuotientRules(lang="zh")
        scene.render()
    les = scene.lesson
    assert scene.readout == [s for s, _ in s05.readout_lines(les.rectangle(les.dx_end))]


@pytest.mark.render
def test_renders_at_test_size(scene_build):
    info = probe(scene_build(5))
    assert (info["width"], info["height"], info["frames"] > 0) == (256, 144, True)
    assert 25 <= info["duration"] <= 100  # x2: steps wait for narration
