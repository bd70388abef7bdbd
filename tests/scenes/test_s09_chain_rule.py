"""Section 9: the values the check column shows are the lesson's, and the rendered video."""

import pytest

from conftest import probe
from lecture import strings
from lessons import chain_rule
from scenes import s09_chain_rule as s09


def test_check_column_shows_the_lessons_values():
    les = chain_rule.from_options()
    # g'(1) = 3, f'(5) = 10, h'(1) = 10 * 3 = 30 by hand
    assert s09.check_values(les) == ["g'(1) = 3", "f'(5) = 10", "f'(g(1)) = f'(5) = 10",
                                     "h'(1) = 10 dot 3 = 30"]
    quotient, error = s09.fd_text(les)
    assert quotient.startswith("(h(1+epsilon) - h(1-epsilon))/(2 epsilon) = ")
    shown = float(quotient.rsplit("= ", 1)[1])           # 12 significant digits of the lesson's
    assert shown == pytest.approx(les.fd, rel=1e-11) and shown == pytest.approx(30.0, abs=1e-6)
    assert "10^(" in error            # a difference below 1e-6, written as a power of ten


def test_scene_draws_the_lessons_formulas():
    scene = s09.ChainRuleFourSteps(lang="en")
    assert scene.lesson == chain_rule.from_options() and not scene.lesson.custom


def test_strings_in_both_languages():
    for key in ("s09.inner", "s09.outer", "s09.step1", "s09.step2", "s09.step3", "s09.step4",
                "s09.check", "s09.fd", "s09.agree"):
        assert strings.text(key, "zh") != strings.text(key, "en")
    assert "1" in strings.text("s09.check", "en", x="1")


@pytest.mark.render
def test_scene_renders_in_both_languages(scene_build):
    for lang in ("zh", "en"):
        info = probe(scene_build(9, lang=lang))
        assert (info["width"], info["height"], info["frames"] > 0) == (256, 144, True)
        assert 30 <= info["duration"] <= 90, (lang, info)  # x2: steps wait for narration
