"""Section 2: the scene walks the lesson's table and draws the lesson's samples (the numbers are
checked against closed forms in tests/lessons/test_common_derivatives.py)."""

from __future__ import annotations

import numpy as np
import pytest

from conftest import probe
from mathcore import functions
from scenes import s02_common_derivatives as s02


@pytest.fixture(scope="module")
def scene():
    return s02.DerivativeTable(lang="en")


def _drawn(ax, curve) -> np.ndarray:
    """The (x, y) data coordinates of a drawn curve's corners, piece after piece."""
    pts = np.concatenate([piece.get_anchors() for piece in curve])
    return np.array([ax.p2c(p) for p in pts])


def test_the_scene_walks_the_lessons_table(scene):
    rows = s02.table(scene.lesson)
    assert [r.name for r in rows] == list(functions.TABLE)
    assert rows[s02.PAGE_BREAK].name == "cos"          # the lecture's page ends with sin x


@pytest.mark.parametrize("name", ["power", "ln", "tan", "arcsin"])
def test_the_graph_is_the_lessons_samples(scene, name):
    row = scene.lesson.row(name)
    (frame, cf, (cd, ends)) = scene._graph(row)
    ax = frame[0]
    for curve, xs, ys in ((cf, row.x_f, row.f), (cd, row.x_df, row.df)):
        drawn = _drawn(ax, curve)
        inside = (ys >= row.y_range[0]) & (ys <= row.y_range[1])
        np.testing.assert_allclose(np.interp(xs[inside], drawn[:, 0], drawn[:, 1]), ys[inside],
                                   atol=1e-6)
        assert drawn[:, 1].min() >= row.y_range[0] - 1e-9
        assert drawn[:, 1].max() <= row.y_range[1] + 1e-9
    assert len(ends) == len(row.ends)
    for dot, end in zip(ends, row.ends):
        np.testing.assert_allclose(ax.p2c(dot.get_center()), end, atol=1e-9)


def test_captions_quote_the_lessons_parameters(scene):
    assert s02._params_text(scene.lesson.row("power").params) == "n = 3"
    assert s02._params_text(scene.lesson.row("log_base").params) == "a = 2"


def test_interval_text_reads_like_the_math():
    assert s02._interval_text(functions.get("tan").domain) == "(−π/2, π/2)"
    assert s02._interval_text(functions.get("arcsin").domain) == "[−1, 1]"
    assert s02._interval_text(functions.get("ln").domain) == "(0, ∞)"


@pytest.mark.render
def test_renders_at_test_size(scene_build):
    info = probe(scene_build(2))
    assert (info["width"], info["height"], info["frames"] > 0) == (256, 144, True)
    assert 30 <= info["duration"] <= 90  # x2: steps wait for narration
