"""Section 9: the lecture's four steps for h(x) = (3x+2)^2, and their values at x = 1."""

import numpy as np
import pytest

from conftest import probe
from lecture import strings
from scenes import s09_chain_rule as s09


def _plain(typst: str) -> str:
    return typst.replace(" dot ", "·").replace(" ", "")


def test_formulas_are_the_lecture_s():
    # the lecture's text: g'(x) = 3; f'(u) = 2u; f'(g(x)) = 2(3x + 2); h'(x) = 2(3x + 2)·3
    F = s09.formulas()
    assert _plain(F["step1"]) == "g'(x)=3"
    assert _plain(F["step2"]) == "f'(u)=2u"
    assert _plain(F["step3"]) == "f'(g(x))=2(3x+2)"
    assert _plain(F["step4"]) == "h'(x)=2(3x+2)·3"
    assert _plain(F["f"]) == "f(u)=u^2" and _plain(F["g"]) == "g(x)=3x+2"
    assert _plain(F["h"]) == "h(x)=f(g(x))=(3x+2)^2"


def test_values_at_the_point():
    d = s09.data()
    x = d["x"]
    assert x == 1.0
    u = 3 * x + 2
    assert d["u"] == pytest.approx(u) and d["y"] == pytest.approx(u ** 2)
    assert d["dg"] == pytest.approx(3.0)
    assert d["df_u"] == pytest.approx(2 * u)
    assert d["dh"] == pytest.approx(2 * (3 * x + 2) * 3)           # 30
    assert d["dh"] == pytest.approx(18 * x + 12)                   # expanded: h = 9x^2 + 12x + 4


def test_finite_difference_agrees():
    d = s09.data()
    h = lambda t: 9 * t ** 2 + 12 * t + 4
    eps = 1e-4
    oracle = (h(d["x"] + eps) - h(d["x"] - eps)) / (2 * eps)
    assert d["fd"] == pytest.approx(oracle, abs=1e-6)
    assert abs(d["fd_error"]) < 1e-6 and d["fd_error"] == pytest.approx(d["fd"] - 30.0, abs=1e-12)


def test_strings_in_both_languages():
    for key in ("s09.inner", "s09.outer", "s09.step1", "s09.step2", "s09.step3", "s09.step4",
                "s09.check", "s09.fd", "s09.agree"):
        assert strings.text(key, "zh") != strings.text(key, "en")
    assert "1" in strings.text("s09.check", "en", x="1")


@pytest.mark.render
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_scene_renders(scene_build, lang):
    info = probe(scene_build(9, lang=lang))
    assert (info["width"], info["height"]) == (256, 144)
    assert info["frames"] > 0
    assert 30 <= info["duration"] <= 90  # x2: steps wait for narration
