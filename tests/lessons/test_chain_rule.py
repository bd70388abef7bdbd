"""lessons.chain_rule: the lecture's four steps for h(x) = (3x+2)^2 and their values at x = 1,
against the expanded h(x) = 9x^2 + 12x + 4 by hand."""

from __future__ import annotations

import json

import pytest

from lessons import chain_rule as cr


def _plain(typst: str) -> str:
    return typst.replace(" dot ", "·").replace(" ", "")


def h(t):
    return 9 * t ** 2 + 12 * t + 4


def test_no_options():
    assert cr.OPTIONS == frozenset() and cr.complete({}) == {}
    les = cr.from_options()
    assert not les.custom and cr.from_options({}) == les
    with pytest.raises(ValueError):
        cr.from_options({"x": [1.0, 2.0]})
    assert json.loads(json.dumps(les.parameters())) == {
        "outer": "f(u) = u^2", "inner": "g(x) = 3 x + 2", "x": 1.0, "fd_method": "central"}


def test_formulas_are_the_lecture_s():
    # the lecture's text: g'(x) = 3; f'(u) = 2u; f'(g(x)) = 2(3x + 2); h'(x) = 2(3x + 2)·3
    F = cr.from_options().formulas
    assert _plain(F["step1"]) == "g'(x)=3"
    assert _plain(F["step2"]) == "f'(u)=2u"
    assert _plain(F["step3"]) == "f'(g(x))=2(3x+2)"
    assert _plain(F["step4"]) == "h'(x)=2(3x+2)·3"
    assert _plain(F["f"]) == "f(u)=u^2" and _plain(F["g"]) == "g(x)=3x+2"
    assert _plain(F["h"]) == "h(x)=f(g(x))=(3x+2)^2"


def test_values_at_the_point():
    les = cr.from_options()
    x = les.x
    assert x == 1.0
    u = 3 * x + 2
    assert les.u == pytest.approx(u) and les.y == pytest.approx(h(x))
    assert les.dg == pytest.approx(3.0)
    assert les.df_u == pytest.approx(2 * u)
    assert les.dh == pytest.approx(18 * x + 12)                  # expanded: h' = 18x + 12 = 30


def test_finite_difference_agrees():
    les = cr.from_options()
    eps = 1e-4
    oracle = (h(les.x + eps) - h(les.x - eps)) / (2 * eps)
    assert les.fd == pytest.approx(oracle, abs=1e-6)
    assert abs(les.fd_error) < 1e-6 and les.fd_error == pytest.approx(les.fd - 30.0, abs=1e-12)
