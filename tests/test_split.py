"""A section rendered in pieces (tools/split.py) and joined without re-encoding is the section
rendered whole: the same frames in the same order, the same packets, the same steps."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import run_cli
from tools import split

TEST_SIZE = (256, 144, 5)   # render.QUALITIES["test"]


# --- planning --------------------------------------------------------------------------------

@given(st.integers(1, 300), st.integers(1, 12))
def test_pieces_partition_the_animations_in_order(n, k):
    got = split.pieces(n, k)
    assert len(got) == min(n, k)
    assert [i for a, b in got for i in range(a, b + 1)] == list(range(n))   # each once, in order
    assert all(a <= b for a, b in got)                                     # none empty


@given(st.integers(1, 300), st.integers(1, 12))
def test_pieces_of_equal_animations_differ_by_one_at_most(n, k):
    sizes = [b - a + 1 for a, b in split.pieces(n, k)]
    assert max(sizes) - min(sizes) <= 1


@given(st.lists(st.floats(0, 100), min_size=1, max_size=80), st.integers(1, 6))
def test_weighted_pieces_partition_and_no_piece_outweighs_its_share_by_more_than_one(w, k):
    got = split.pieces(len(w), k, weights=w)
    assert len(got) == min(len(w), k)
    assert [i for a, b in got for i in range(a, b + 1)] == list(range(len(w)))
    # a piece ends at the first animation that takes it past its share: over by one at most
    share = sum(w) / len(got)
    for a, b in got:
        assert sum(w[a:b]) <= share * 1.0000001 + 1e-9 or b == a


def test_pieces_examples():
    assert split.pieces(9, 2) == [(0, 4), (5, 8)]
    assert split.pieces(9, 3) == [(0, 2), (3, 5), (6, 8)]
    assert split.pieces(2, 5) == [(0, 0), (1, 1)]
    assert split.pieces(4, 2, weights=[9, 1, 1, 1]) == [(0, 0), (1, 3)]
    with pytest.raises(ValueError):
        split.pieces(0, 2)
    with pytest.raises(ValueError):
        split.pieces(3, 2, weights=[1, 2])


def _record(path: Path, **rec):
    path.with_suffix(".steps.json").write_text(json.dumps(rec))
    return path


def test_join_refuses_pieces_that_do_not_follow_one_another(tmp_path):
    a = _record(tmp_path / "a.mp4", section=1, upto=4, animations=5, to_end=False,
                start=0.0, end=10.0, steps=[], **{"from": 0})
    gap = _record(tmp_path / "b.mp4", section=1, upto=8, animations=9, to_end=True,
                  start=10.0, end=20.0, steps=[], **{"from": 6})
    late = _record(tmp_path / "c.mp4", section=1, upto=8, animations=9, to_end=True,
                   start=10.2, end=20.0, steps=[], **{"from": 5})
    short = _record(tmp_path / "d.mp4", section=1, upto=8, animations=9, to_end=False,
                    start=10.0, end=20.0, steps=[], **{"from": 5})
    for b in (gap, late, short):
        with pytest.raises(ValueError):
            split.join([a, b], tmp_path / "out.mp4")
    assert not (tmp_path / "out.mp4").exists()


# --- rendering -------------------------------------------------------------------------------

def _frames(path: Path) -> list[np.ndarray]:
    import av
    with av.open(str(path)) as c:
        return [f.to_ndarray(format="rgb24") for f in c.decode(video=0)]


def _packets(path: Path) -> list[tuple[bytes, int]]:
    import av
    with av.open(str(path)) as c:
        return [(bytes(p), p.pts) for p in c.demux(video=0) if p.size]


def _whole(tmp_path: Path, section: int, lang: str, *opts) -> tuple[Path, dict]:
    """render.py's own render of the section (unsplit) and the options its worker got."""
    out = tmp_path / "whole"
    run_cli("scenes", section, *opts, "--quality", "test", "--lang", lang, "--out", out,
            "--jobs", "1", check=True)
    mp4 = next((out / "videos" / lang / "test").glob(f"{section:02d}_*.mp4"))
    made = mp4.with_suffix(".json")
    return mp4, json.loads(made.read_text())["options"] if made.exists() else {}


def _split_and_join(tmp_path: Path, module: str, attr: str, lang: str, options: dict, k: int,
                    n: int, weights=None) -> tuple[Path, list[dict]]:
    parts, recs = [], []
    plan = split.pieces(n, k, weights)
    assert len(plan) == k
    for i, (a, b) in enumerate(plan):
        out = tmp_path / f"k{k}" / f"piece{i}.mp4"
        recs.append(split.render_piece(module, attr, lang, options, TEST_SIZE,
                                       tmp_path / f"media-k{k}-{i}", a,
                                       None if i == len(plan) - 1 else b, out))
        parts.append(out)
    joined = tmp_path / f"k{k}" / "joined.mp4"
    split.join(parts, joined)
    return joined, recs


def _same_video(whole: Path, joined: Path, recs: list[dict]):
    fw, fj = _frames(whole), _frames(joined)
    assert len(fj) == len(fw)
    # every frame, in order (the first and last frames of each piece among them)
    differ = [i for i, (a, b) in enumerate(zip(fw, fj)) if not np.array_equal(a, b)]
    assert not differ, f"frames {differ[:10]} differ"
    fps = TEST_SIZE[2]
    bounds = [round(r["start"] * fps) for r in recs[1:]]
    assert all(0 < i < len(fw) for i in bounds)  # the boundaries fall inside the video
    # the same encoded pictures: manim's partial movies, copied (no re-encoding)
    assert _packets(joined) == _packets(whole)
    sw = json.loads(whole.with_suffix(".steps.json").read_text())
    sj = json.loads(joined.with_suffix(".steps.json").read_text())
    assert sj["duration"] == sw["duration"]
    assert sj["steps"] == sw["steps"]          # keys, times and narration
    assert len(fw) == round(sw["duration"] * fps)


@pytest.mark.render
def test_chain_rule_in_two_and_three_pieces_is_the_whole_render(tmp_path):
    whole, options = _whole(tmp_path, 9, "zh")
    module, attr = "scenes.s09_chain_rule", "ChainRuleFourSteps"
    plays = split.count_plays(module, attr, "zh", options, TEST_SIZE[2])
    assert round(plays[-1]["end"], 4) == json.loads(whole.with_suffix(".steps.json").read_text())["duration"]
    for k in (2, 3):
        joined, recs = _split_and_join(tmp_path, module, attr, "zh", options, k, len(plays))
        _same_video(whole, joined, recs)


@pytest.mark.render
def test_own_example_in_english_split_by_weight_is_the_whole_render(tmp_path):
    whole, options = _whole(tmp_path, 1, "en", "--function", "x**3 - 2*x", "--point", "1.5",
                            "--range", "-2,2")
    assert options["function"] == "x**3 - 2*x"
    module, attr = "scenes.s01_derivative", "SecantBecomesTangent"
    plays = split.count_plays(module, attr, "en", options, TEST_SIZE[2])
    joined, recs = _split_and_join(tmp_path, module, attr, "en", options, 2, len(plays),
                                   split.play_weights(plays))
    _same_video(whole, joined, recs)
