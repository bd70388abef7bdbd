"""Section 5: the sum, product and quotient rules on u = sin x, v = x^2, against closed forms."""

from __future__ import annotations

import math

import pytest

from conftest import probe
from scenes import s05_rules as s05


@pytest.fixture(scope="module")
def d():
    return s05.data()


def test_values_at_x0(d):
    x = d["x0"]
    assert d["u"] == pytest.approx(math.sin(x), rel=1e-15)
    assert d["v"] == pytest.approx(x * x, rel=1e-15)
    assert d["du"] == pytest.approx(math.cos(x), rel=1e-15)
    assert d["dv"] == pytest.approx(2 * x, rel=1e-15)


def test_rules_against_closed_forms(d):
    x, s, c = d["x0"], math.sin(d["x0"]), math.cos(d["x0"])
    want = {
        "sum": (s + x * x, c + 2 * x),
        "product": (s * x * x, 2 * x * s + x * x * c),
        "quotient": (s / (x * x), (x * c - 2 * s) / x ** 3),
    }
    for name, (value, slope) in want.items():
        r = d["rules"][name]
        assert r["value"] == pytest.approx(value, rel=1e-14), name
        assert r["by_rule"] == pytest.approx(slope, rel=1e-13), name


def test_numeric_check_agrees_to_many_digits(d):
    x = d["x0"]
    for name, r in d["rules"].items():
        assert r["difference"] == pytest.approx(abs(r["by_rule"] - r["numeric"]))
        assert r["difference"] < 1e-9 * max(1.0, abs(r["by_rule"])), name
        assert r["agreeing_digits"] >= 9, name
        # the stated number of agreeing digits is right: 10**-k relative error or so
        rel = r["difference"] / abs(r["by_rule"])
        assert rel < 10.0 ** (1 - r["agreeing_digits"]) + 1e-16, name
    # and the numeric value really is a derivative: compare with a central difference by hand
    h = 1e-5
    f = lambda t: math.sin(t) * t * t
    assert d["rules"]["product"]["numeric"] == pytest.approx(
        (f(x + h) - f(x - h)) / (2 * h), rel=1e-8)


def test_agreeing_digits_counter():
    assert s05._agreeing_digits(1.234567, 1.234599, 7) == 5
    assert s05._agreeing_digits(2.0, 2.0, 5) == 5
    assert s05._agreeing_digits(1.0, -1.0, 5) == 0
    assert s05._prefix_chars("−1.3816", 3) == 5  # "−1.38"


def test_rectangle_pieces(d):
    x = d["x0"]
    big, small = d["picture"]
    assert big["dx"] > small["dx"]
    for p in (big, small):
        dx = p["dx"]
        assert p["du"] == pytest.approx(math.sin(x + dx) - math.sin(x), rel=1e-12)
        assert p["dv"] == pytest.approx(2 * x * dx + dx * dx, rel=1e-12)
        grown = math.sin(x + dx) * (x + dx) ** 2 - math.sin(x) * x * x
        assert p["u_dv"] + p["v_du"] + p["du_dv"] == pytest.approx(grown, rel=1e-12)
    # the corner is second order: du dv / dx shrinks with dx, the strips per dx do not
    assert small["corner_per_dx"] < big["corner_per_dx"] / 5
    assert small["v_du"] / small["dx"] == pytest.approx(x * x * math.cos(x), rel=0.02)


@pytest.mark.render
def test_renders_at_test_size(scene_build):
    info = probe(scene_build(5))
    assert (info["width"], info["height"]) == (256, 144)
    assert info["frames"] > 0
    assert 25 <= info["duration"] <= 100  # x2: steps wait for narration
