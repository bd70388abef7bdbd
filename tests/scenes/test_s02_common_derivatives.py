"""Section 2: the table of common derivatives, checked against closed forms written here."""

from __future__ import annotations

import math

import numpy as np
import pytest

from conftest import probe
from scenes import s02_common_derivatives as s02

# name: (f, f') by hand, with the scene's parameters n = 3 and a = 2
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
def rows():
    return {r["name"]: r for r in s02.data()["rows"]}


def test_the_lectures_table_in_order():
    names = [r["name"] for r in s02.data()["rows"]]
    assert names == ["power", "exp", "exp_base", "ln", "log_base", "sin", "cos", "tan",
                     "arcsin", "arccos", "arctan"]


def test_parameters_are_shown_concretely(rows):
    assert rows["power"]["params"] == {"n": 3}
    assert rows["exp_base"]["params"] == {"a": 2}
    assert rows["power"]["instance_derivative_formula"].replace(" ", "") == "3x^2"
    assert "2" in rows["log_base"]["instance_formula"]


@pytest.mark.parametrize("name", list(ORACLE))
def test_graphs_match_closed_forms(rows, name):
    r = rows[name]
    f, df = ORACLE[name]
    np.testing.assert_allclose(r["f"], f(r["x_f"]), rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(r["df"], df(r["x_df"]), rtol=1e-9, atol=1e-12)


@pytest.mark.parametrize("name", list(ORACLE))
def test_derivative_is_the_slope_of_the_drawn_function(rows, name):
    # central differences of the hand-written f, away from the blow-ups
    r = rows[name]
    f, _ = ORACLE[name]
    x = r["x_df"]
    x = x[np.abs(r["df"]) < 20][5:-5:25]
    h = 1e-6
    inside = (x - h > r["x_f"][0]) & (x + h < r["x_f"][-1])
    x = x[inside]
    slope = (f(x + h) - f(x - h)) / (2 * h)
    np.testing.assert_allclose(np.interp(x, r["x_df"], r["df"]), slope, rtol=1e-4, atol=1e-4)


def test_graphs_stay_on_the_real_domain(rows):
    assert rows["ln"]["x_f"].min() > 0 and rows["log_base"]["x_df"].min() > 0
    assert np.all(np.abs(rows["tan"]["x_f"]) < math.pi / 2)
    # arcsin and arccos: f on the closed [-1, 1], f' only on the open (-1, 1)
    for name in ("arcsin", "arccos"):
        r = rows[name]
        assert r["x_f"][0] == -1 and r["x_f"][-1] == 1
        assert -1 < r["x_df"][0] and r["x_df"][-1] < 1
        assert np.all(np.isfinite(r["df"]))
    for r in rows.values():
        assert np.all(np.isfinite(r["f"])) and np.all(np.isfinite(r["df"]))
        lo, hi = r["x_range"]
        assert lo <= r["x_f"].min() and r["x_f"].max() <= hi


def test_interval_text_reads_like_the_math():
    from mathcore import functions
    assert s02._interval_text(functions.get("tan").domain) == "(−π/2, π/2)"
    assert s02._interval_text(functions.get("arcsin").domain) == "[−1, 1]"
    assert s02._interval_text(functions.get("ln").domain) == "(0, ∞)"


@pytest.mark.render
def test_renders_at_test_size(scene_build):
    info = probe(scene_build(2))
    assert (info["width"], info["height"]) == (256, 144)
    assert info["frames"] > 0
    assert 30 <= info["duration"] <= 90  # x2: steps wait for narration
