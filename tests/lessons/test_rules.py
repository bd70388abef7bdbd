"""lessons.rules: the three rules on u = sin x, v = x^2 at x0, against closed forms."""

from __future__ import annotations

import json
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lessons import rules as les


@pytest.fixture(scope="module")
def lesson():
    return les.from_options()


def test_no_options_and_the_lectures_choices(lesson):
    assert les.OPTIONS == frozenset() and les.complete({}) == {}
    assert lesson.custom is False
    with pytest.raises(ValueError):
        les.from_options({"point": 1.0})
    p = json.loads(json.dumps(lesson.parameters()))
    assert p == {"u": "sin x", "v": "x^2", "x0": 0.9, "rules": ["sum", "product", "quotient"],
                 "method": "five_point", "digits": 15, "dx": [0.3, 0.02]}


def test_values_at_x0(lesson):
    x = lesson.x0
    assert lesson.u == pytest.approx(math.sin(x), rel=1e-15)
    assert lesson.v == pytest.approx(x * x, rel=1e-15)
    assert lesson.du == pytest.approx(math.cos(x), rel=1e-15)
    assert lesson.dv == pytest.approx(2 * x, rel=1e-15)


def test_rules_against_closed_forms(lesson):
    x, s, c = lesson.x0, math.sin(lesson.x0), math.cos(lesson.x0)
    want = {
        "sum": (s + x * x, c + 2 * x),
        "product": (s * x * x, 2 * x * s + x * x * c),
        "quotient": (s / (x * x), (x * c - 2 * s) / x ** 3),
    }
    assert list(lesson.checks) == list(want)
    for name, (value, slope) in want.items():
        r = lesson.check(name)
        assert r.value == pytest.approx(value, rel=1e-14), name
        assert r.by_rule == pytest.approx(slope, rel=1e-13), name


def test_numeric_check_agrees_to_many_digits(lesson):
    for r in lesson.checks.values():
        assert r.difference == pytest.approx(abs(r.by_rule - r.numeric))
        assert r.difference < 1e-9 * max(1.0, abs(r.by_rule)), r.name
        assert r.agreeing_digits >= 9, r.name
        # the stated number of agreeing digits is right: 10**-k relative error or so
        assert r.difference / abs(r.by_rule) < 10.0 ** (1 - r.agreeing_digits) + 1e-16, r.name
    # and the numeric value really is a derivative: a central difference by hand
    x, h = lesson.x0, 1e-5
    f = lambda t: math.sin(t) * t * t  # noqa: E731
    assert lesson.check("product").numeric == pytest.approx((f(x + h) - f(x - h)) / (2 * h),
                                                            rel=1e-8)


def test_agreeing_digits_counter():
    assert les.agreeing_digits(1.234567, 1.234599, 7) == 5
    assert les.agreeing_digits(2.0, 2.0, 5) == 5
    assert les.agreeing_digits(1.0, -1.0, 5) == 0
    assert les.agreeing_digits(1.0, 10.0, 5) == 0


@given(st.floats(0.001, 0.5))
def test_rectangle_pieces_add_up_to_the_growth(dx):
    lesson = les.from_options()
    x, p = lesson.x0, lesson.rectangle(dx)
    assert p.du == pytest.approx(math.sin(x + dx) - math.sin(x), rel=1e-9, abs=1e-15)
    assert p.dv == pytest.approx(2 * x * dx + dx * dx, rel=1e-9)
    grown = math.sin(x + dx) * (x + dx) ** 2 - math.sin(x) * x * x
    assert p.u_dv + p.v_du + p.du_dv == pytest.approx(grown, rel=1e-9)


def test_the_corner_is_second_order(lesson):
    big, small = lesson.rectangle(lesson.dx_start), lesson.rectangle(lesson.dx_end)
    assert big.dx > small.dx
    assert small.corner_per_dx < big.corner_per_dx / 5
    x = lesson.x0
    assert small.v_du / small.dx == pytest.approx(x * x * math.cos(x), rel=0.02)
