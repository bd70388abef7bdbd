"""lessons.common_derivatives: the table's graphs against closed forms written here."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest

import lessons
from lessons import common_derivatives as les

# name: (f, f') by hand, with the lecture's parameters n = 3 and a = 2
ORACLE = {
    "power": (lambda x: x ** 3, lambda x: 3 * x ** 2),
    "exp": (np.exp, np.exp),
    "exp_base": (lambda x: 2.0 ** x, lambda x: 2.0 ** x * math.log(2)),
    "ln": (np.log, lambda x: 1 / x),
    "log_base": (np.log2, lambda x: 1 / (x * math.log(2))),
    "sin": (np.sin, np.cos),
    "cos": (np.cos, lambda x: -np.sin(x)),
    "tan": (np.tan, lambda x: 1 + np.tan(x) ** 2),
    "arcsin": (np.arcsin, lambda x: 1 / np.sqrt(1 - x * x)),
    "arccos": (np.arccos, lambda x: -1 / np.sqrt(1 - x * x)),
    "arctan": (np.arctan, lambda x: 1 / (1 + x * x)),
}


@pytest.fixture(scope="module")
def lesson():
    return les.from_options()


def test_no_options_and_nothing_to_complete(lesson):
    assert les.OPTIONS == frozenset()
    assert les.complete({}) == {} and lessons.complete("common_derivatives", {}) == {}
    assert lesson.custom is False
    with pytest.raises(ValueError):
        les.from_options({"function": "x**2"})
    assert json.loads(json.dumps(lesson.parameters()))["params"]["power"] == {"n": 3}


def test_the_lectures_table_in_order(lesson):
    assert [r.name for r in lesson.rows] == list(ORACLE)


def test_parameters_are_shown_concretely(lesson):
    assert lesson.row("power").params == {"n": 3}
    assert lesson.row("exp_base").params == {"a": 2}
    assert lesson.row("power").fn.instance_derivative_formula.replace(" ", "") == "3x^2"
    assert "2" in lesson.row("log_base").fn.instance_formula


@pytest.mark.parametrize("name", list(ORACLE))
def test_sampled_graphs_are_the_closed_forms_and_their_slopes(lesson, name):
    r, (f, df) = lesson.row(name), ORACLE[name]
    np.testing.assert_allclose(r.f, f(r.x_f), rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(r.df, df(r.x_df), rtol=1e-9, atol=1e-12)
    # f' is the slope of f: central differences of the hand-written f, away from blow-ups
    x = r.x_df[np.abs(r.df) < 20][5:-5:25]
    h = 1e-6
    x = x[(x - h > r.x_f[0]) & (x + h < r.x_f[-1])]
    np.testing.assert_allclose(np.interp(x, r.x_df, r.df), (f(x + h) - f(x - h)) / (2 * h),
                               rtol=1e-4, atol=1e-4)


def test_graphs_stay_on_the_real_domain(lesson):
    assert lesson.row("ln").x_f.min() > 0 and lesson.row("log_base").x_df.min() > 0
    assert np.all(np.abs(lesson.row("tan").x_f) < math.pi / 2)
    # arcsin and arccos: f on the closed [-1, 1], f' only on the open (-1, 1); dots at the ends
    for name in ("arcsin", "arccos"):
        r = lesson.row(name)
        assert r.x_f[0] == -1 and r.x_f[-1] == 1
        assert -1 < r.x_df[0] and r.x_df[-1] < 1
        np.testing.assert_allclose(r.ends, [(-1, ORACLE[name][0](-1.0)),
                                            (1, ORACLE[name][0](1.0))])
    for r in lesson.rows:
        assert np.all(np.isfinite(r.f)) and np.all(np.isfinite(r.df))
        assert r.x_range[0] <= r.x_f.min() and r.x_f.max() <= r.x_range[1]
        if r.name not in ("arcsin", "arccos"):
            assert r.ends == ()
