"""animations.riemann: left, right and midpoint sums as n doubles, against the integral."""

from __future__ import annotations

import numpy as np
import pytest
from conftest import run_cli
from PIL import Image

from animations import riemann as mod

BUDGET = 2_000_000


def _sum_by_hand(n, rule):
    a, b = mod.A, mod.B
    h = (b - a) / n
    offset = {"left": 0.0, "right": 1.0, "midpoint": 0.5}[rule]
    x = a + (np.arange(n) + offset) * h
    return h * np.sum(x ** 2)


def test_levels_double():
    d = mod.data()
    assert d["n"] == [2, 4, 8, 16, 32, 64]
    assert len(d["schedule"]) == mod.N_FRAMES


def test_sums_match_a_hand_written_sum_and_the_integral():
    d = mod.data()
    assert mod.FUNCTION.params == {"n": 2}
    exact = (mod.B ** 3 - mod.A ** 3) / 3
    assert d["integral"] == pytest.approx(exact, rel=1e-13)
    for rule in mod.RULES:
        r = d["rules"][rule]
        hand = np.array([_sum_by_hand(n, rule) for n in d["n"]])
        np.testing.assert_allclose(r["sums"], hand, rtol=1e-12)
        np.testing.assert_allclose(r["errors"], hand - exact, rtol=1e-9, atol=1e-14)
        for n, edges, heights in zip(d["n"], r["edges"], r["heights"]):
            assert len(edges) == n + 1 and len(heights) == n
            assert np.sum(heights) * (edges[1] - edges[0]) == pytest.approx(
                _sum_by_hand(n, rule), rel=1e-12)


def test_errors_shrink_at_the_rules_orders():
    rules = mod.data()["rules"]
    assert np.all(rules["left"]["errors"] < 0) and np.all(rules["right"]["errors"] > 0)
    for rule, order in (("left", 1), ("right", 1), ("midpoint", 2)):
        err = np.abs(rules[rule]["errors"])
        ratios = err[:-1] / err[1:]
        # halving the width divides the error by 2 ** order, asymptotically
        assert ratios[-1] == pytest.approx(2 ** order, rel=0.05), rule


def test_schedule_holds_then_morphs():
    sched = mod.data()["schedule"]
    assert sched[0] == (0, 0.0) and sched[-1] == (mod.N_LEVELS - 1, 0.0)
    levels = [k for k, _ in sched]
    assert levels == sorted(levels)
    assert sum(1 for _, t in sched if t > 0) == (mod.N_LEVELS - 1) * mod.MORPH_FRAMES


@pytest.mark.render
def test_gif_renders_and_is_byte_identical_twice(tmp_path):
    gifs = []
    for run in ("a", "b"):
        run_cli("gifs", "riemann", "--lang", "zh", "--width", 320, "--out", tmp_path / run,
                check=True)
        gifs.append(tmp_path / run / "gifs" / "zh" / "riemann.gif")
    with Image.open(gifs[0]) as im:
        assert im.size == (320, 180)
        assert im.n_frames == mod.N_FRAMES
        assert im.info["loop"] == 0
    assert gifs[0].stat().st_size < BUDGET / 3
    assert gifs[0].read_bytes() == gifs[1].read_bytes()
