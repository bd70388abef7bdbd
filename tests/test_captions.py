"""Subtitle files of a section and a lecture, soft tracks read back with PyAV, a burned-in copy."""

from __future__ import annotations

import json

import av
import numpy as np
import pytest
import srt

from conftest import probe, write_samples
from lecture import subtitles as sub
from tools import captions

NARR = {"zh": "导数是割线斜率的极限。步长越小，割线越接近切线。", "en":
        "The derivative is the limit of the secant's slope. The smaller the step, the closer "
        "the secant comes to the tangent."}


@pytest.fixture(scope="module")
def section(tmp_path_factory):
    d = tmp_path_factory.mktemp("cap")
    v = d / "01_s.mp4"
    # 12 s of one picture at 15 fps, stored as the scene worker stores a still (tools/encode.py):
    # its first and its last frame, the time stamps holding it in between
    img = np.zeros((180, 320, 3), np.uint8)
    img[:] = (0x0F, 0x11, 0x17)
    write_samples(v, 15, [(0, img), (12 * 15 - 1, img)])
    need = max(sub.reading_time(t, lang) for lang, t in NARR.items())
    v.with_suffix(".steps.json").write_text(json.dumps({"steps": [
        {"key": "a", "start": 0.5, "end": 0.5 + need, "narration": NARR},
        {"key": "b", "start": 0.5 + need, "end": 11.0, "narration": {"zh": "", "en": ""}}]}))
    return v


def test_section_cues_fit_in_the_video_and_follow_the_rules(section):
    for lang in ("zh", "en"):
        cues = captions.section_cues(section.with_suffix(".steps.json"), lang)
        assert cues and cues[-1].end <= probe(section)["duration"]
        joined = "".join(c.text for c in cues).replace("\n", "").replace(" ", "")
        assert joined == NARR[lang].replace(" ", "")


def test_lecture_cues_are_offset_by_chapter(section, tmp_path):
    j = section.with_suffix(".steps.json")
    one = captions.section_cues(j, "en")
    two = captions.lecture_cues([(j, 0.0), (j, 12.0)], "en")
    assert len(two) == 2 * len(one)
    assert [c.start - 12.0 for c in two[len(one):]] == pytest.approx([c.start for c in one])
    paths = captions.write_pair(two, tmp_path / "lecture.en", "en")
    parsed = list(srt.parse(paths[0].read_text(encoding="utf-8")))
    assert [p.start.total_seconds() for p in parsed] == pytest.approx([c.start for c in two])
    chapters = captions.chapters_vtt([(0.0, 12.0, "1. 导数"), (12.0, 24.0, "2. 积分")])
    assert "00:00:12.000 --> 00:00:24.000\n2. 积分" in chapters


def test_mp4_carries_both_languages_as_tagged_soft_tracks(section, tmp_path):
    srts = {}
    for lang in ("zh", "en"):
        cues = captions.section_cues(section.with_suffix(".steps.json"), lang)
        srts[lang] = captions.write_pair(cues, tmp_path / f"s.{lang}", lang)[0]
    out = tmp_path / "muxed.mp4"
    captions.mux_tracks(section, srts, "en", out)
    with av.open(str(out)) as c:
        subs = c.streams.subtitles
        assert [s.language for s in subs] == ["eng", "chi"]           # the video's language first
        assert [s.codec_context.name for s in subs] == ["mov_text"] * 2
        texts = {s.language: [] for s in subs}
        for packet in c.demux(subs):
            body = bytes(packet)[2:].decode("utf-8") if packet.size else ""
            if body:                                  # gaps between cues are empty samples
                texts[packet.stream.language].append(body)
    assert texts["chi"][0] == captions.section_cues(section.with_suffix(".steps.json"), "zh")[0].text
    assert probe(out)["frames"] == probe(section)["frames"]           # the video copied as it is


def test_burned_copy_keeps_size_and_frames_and_draws_only_in_the_band(section, tmp_path):
    cues = captions.section_cues(section.with_suffix(".steps.json"), "zh")
    path = captions.write_pair(cues, tmp_path / "s.zh", "zh")[0]
    out = tmp_path / "burned.mp4"
    captions.burn(section, path, out)
    a, b = probe(section), probe(out)
    assert (a["width"], a["height"]) == (b["width"], b["height"])
    assert b["duration"] == pytest.approx(a["duration"], abs=1.5 / b["fps"])
    # every frame of the time: a still stretch (two samples in the section's file) is drawn in
    # full, so a cue that begins in the middle of it appears on time
    assert b["frames"] == round(a["duration"] * b["fps"])
    assert b["frames"] > a["frames"]
    with av.open(str(out)) as c:
        t = (cues[0].start + cues[0].end) / 2
        frame = next(f for f in c.decode(video=0) if f.time >= t).to_ndarray(format="rgb24")
    bright = np.argwhere(frame.max(axis=2) > 128)
    assert len(bright) > 50                                           # the subtitle is drawn
    assert bright[:, 0].min() >= (1 - captions.BAND) * frame.shape[0] - 2   # ... in the band
