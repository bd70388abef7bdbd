"""A section rendered in pieces (tools/split.py) and joined without re-encoding is the section
rendered whole: the same frames in the same order, the same packets, the same steps."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import render
from tests.conftest import ROOT, run_cli
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
    import av
    fw, fj = _frames(whole), _frames(joined)
    assert len(fj) == len(fw)
    # every frame, in order (the first and last frames of each piece among them)
    differ = [i for i, (a, b) in enumerate(zip(fw, fj)) if not np.array_equal(a, b)]
    assert not differ, f"frames {differ[:10]} differ"
    fps = TEST_SIZE[2]
    bounds = [round(r["start"] * fps) for r in recs[1:]]
    shown = round(json.loads(whole.with_suffix(".steps.json").read_text())["duration"] * fps)
    assert all(0 < i < shown for i in bounds)  # the boundaries fall inside the video
    # the same encoded pictures: manim's partial movies, copied (no re-encoding)
    assert _packets(joined) == _packets(whole)
    sw = json.loads(whole.with_suffix(".steps.json").read_text())
    sj = json.loads(joined.with_suffix(".steps.json").read_text())
    assert sj["duration"] == sw["duration"]
    assert sj["steps"] == sw["steps"]          # keys, times and narration
    with av.open(str(joined)) as c:          # as long as the scene's clock (stills stored once)
        s = c.streams.video[0]
        assert float(s.duration * s.time_base) == pytest.approx(sw["duration"], abs=1.5 / fps)


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


@pytest.mark.render
def test_render_py_splits_a_long_section_when_processes_outnumber_sections(tmp_path):
    """render.py itself: one section, two processes, a long one by the last run's time: the
    worker renders it in two pieces at once and joins them; the video, its steps and its plays
    are those of the whole render. A short one (the same section, its real time) is not split."""
    whole, _ = _whole(tmp_path, 9, "zh")
    out = tmp_path / "whole"
    stamp = out / "cache" / "stamps" / "videos" / "zh" / "test" / f"{whole.name}.json"
    rec = json.loads(stamp.read_text())
    assert rec["seconds"] < render.SPLIT_FROM_S                    # too short to split
    res = run_cli("scenes", 9, "--quality", "test", "--out", out, "--jobs", "2", "--force",
                  check=True)
    assert "pieces in parallel" not in (out / "cache" / "logs" / "zh-test-09_chain_rule.log"
                                        ).read_text()
    plain = _packets(whole)
    steps = json.loads(whole.with_suffix(".steps.json").read_text())
    rec = json.loads(stamp.read_text())
    rec["seconds"] = 10 * render.SPLIT_FROM_S                      # as if it took long
    stamp.write_text(json.dumps(rec))
    res = run_cli("scenes", 9, "--quality", "test", "--out", out, "--jobs", "2", "--force",
                  check=True)
    assert res.returncode == 0
    log = (out / "cache" / "logs" / "zh-test-09_chain_rule.log").read_text()
    assert "2 pieces in parallel, joined" in log, log
    assert _packets(whole) == plain                                # the same encoded pictures
    joined = json.loads(whole.with_suffix(".steps.json").read_text())
    assert joined["steps"] == steps["steps"] and joined["duration"] == steps["duration"]
    assert joined["plays"] == steps["plays"]                       # what the next split uses
    assert not list(out.rglob("piece*.mp4")) and not list(out.rglob("*.tmp-*"))
    # a scene worker asked for more pieces than the scene has plays, or with no plays of a
    # previous render, renders it whole
    media = tmp_path / "media"
    r = subprocess.run([sys.executable, str(ROOT / "render.py"), "_scene", "scenes.s09_chain_rule",
                        "ChainRuleFourSteps", "--out-file", str(tmp_path / "w.mp4"), "--quality",
                        "test", "--lang", "zh", "--media-dir", str(media), "--split", "500"],
                       cwd=ROOT, capture_output=True, text=True)
    assert r.returncode == 0 and "pieces" not in r.stdout, r.stderr
    assert _packets(tmp_path / "w.mp4") == plain
    r = subprocess.run([sys.executable, str(ROOT / "render.py"), "_scene", "scenes.s09_chain_rule",
                        "ChainRuleFourSteps", "--out-file", str(tmp_path / "n.mp4"), "--quality",
                        "test", "--lang", "zh", "--media-dir", str(media), "--split", "2"],
                       cwd=ROOT, capture_output=True, text=True)
    assert r.returncode == 0 and "pieces" not in r.stdout, r.stderr   # no plays known yet
    assert json.loads((tmp_path / "n.steps.json").read_text())["plays"] == steps["plays"]
