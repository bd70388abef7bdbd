"""What the renders publish besides the videos, on the real lecture at test size: each step's
narration and times, subtitle files within the reading rules, the lecture's soft subtitle tracks
and chapters, the decks in a real browser with no network, and index.html."""

from __future__ import annotations

import json

import av
import pytest
import srt
import webvtt

from browser import page
from conftest import probe, run_cli
from lecture import subtitles as sub
from lecture.sections import SECTIONS
from scenes.steps import narration_table
from tools.slides import CODE_ALONG

pytestmark = pytest.mark.render


def _secs(stamp: str) -> float:
    h, m, s = stamp.split(":")
    return int(h) * 3600 + int(m) * 60 + float(s)


def _check_srt(text: str, lang: str, duration: float):
    cues = list(srt.parse(text))
    assert cues
    rules = sub.RULES[lang]
    for c in cues:
        a, b = c.start.total_seconds(), c.end.total_seconds()
        lines = c.content.split("\n")
        assert len(lines) <= 2 and all(len(x) <= rules.line for x in lines), c
        assert 5 / 6 - 2e-3 <= b - a <= 7 + 2e-3, c
        assert len(c.content.replace("\n", "")) / (b - a) <= rules.cps * 1.002, c
        assert b <= duration + 0.05, (c, duration)
    for x, y in zip(cues, cues[1:]):
        assert x.end <= y.start
    return cues


@pytest.mark.parametrize("section", [s.number for s in SECTIONS])
def test_every_step_is_narrated_timed_and_subtitled(scene_build, section):
    video = scene_build(section)
    data = json.loads(video.with_suffix(".steps.json").read_text(encoding="utf-8"))
    table = narration_table(section)
    keys = [st["key"] for st in data["steps"]]
    assert keys and set(keys) <= set(table), set(keys) - set(table)
    assert keys[0] == "show_title"
    duration = probe(video)["duration"]
    for a, b in zip(data["steps"], data["steps"][1:]):
        assert a["end"] <= b["start"] + 1e-6
    for st in data["steps"]:
        for lang in ("zh", "en"):
            text = st["narration"][lang]
            assert text, (st["key"], lang)
            assert st["end"] - st["start"] >= sub.reading_time(text, lang) - 1e-6
    assert data["steps"][-1]["end"] <= duration + 0.05
    out = video.parents[3]
    _check_srt((out / "subtitles" / "zh" / f"{video.stem}.srt").read_text(encoding="utf-8"),
               "zh", duration)
    vtt = webvtt.read(str(out / "subtitles" / "zh" / f"{video.stem}.vtt"))
    assert len(vtt) > 0 and _secs(vtt[-1].end) <= duration + 0.05


def test_lecture_carries_both_subtitle_tracks_and_chapters(scene_build):
    for s in SECTIONS:
        scene_build(s.number)
    out = scene_build(1).parents[3]
    run_cli("lecture", "--quality", "test", "--out", out, check=True)
    folder = out / "lecture" / "zh" / "test"
    lecture = folder / "lecture.mp4"
    with av.open(str(lecture)) as c:
        subs = c.streams.subtitles
        assert [s.language for s in subs] == ["chi", "eng"]
        assert [s.disposition.value & 1 for s in subs] == [1, 0]      # zh is the default
        n = {s.language: 0 for s in subs}
        for p in c.demux(subs):
            if p.size > 2:                               # gaps are empty samples
                n[p.stream.language] += 1
        duration = float(c.duration) / 1e6
    for lang, tag in (("zh", "chi"), ("en", "eng")):
        cues = _check_srt((folder / f"lecture.{lang}.srt").read_text(encoding="utf-8"), lang,
                          duration)
        assert n[tag] == len(cues)                       # every cue is in the track
    chapters = webvtt.read(str(folder / "lecture.chapters.vtt"))
    assert [c.text for c in chapters] == [f"{s.number}. {s.title('zh')}" for s in SECTIONS]
    # a section's cues moved by its chapter's start
    from tools.assemble import chapters as read_chapters
    start7 = read_chapters(lecture)[6][0]
    sec7 = list(srt.parse((out / "subtitles" / "zh" / "07_tangent_2d.srt").read_text("utf-8")))
    lec = list(srt.parse((folder / "lecture.zh.srt").read_text("utf-8")))
    first = next(c for c in lec if c.content == sec7[0].content
                 and c.start.total_seconds() >= start7 - 0.01)
    assert first.start.total_seconds() == pytest.approx(start7 + sec7[0].start.total_seconds(),
                                                        abs=2e-3)


@pytest.fixture(scope="module")
def decks(scene_build):
    for s in SECTIONS:
        scene_build(s.number)
    out = scene_build(1).parents[3]
    run_cli("slides", "--lang", "zh", "--quality", "test", "--width", "160", "--out", out,
            check=True)
    return out


def test_deck_reaches_every_step_offline_and_plays_each(decks):
    html = decks / "slides" / "zh" / "lecture.html"
    n_steps = sum(len(json.loads((decks / "videos" / "zh" / "test" / f"{s.name}.steps.json")
                                 .read_text("utf-8"))["steps"]) for s in SECTIONS)
    expected = 1 + len(SECTIONS) + len(CODE_ALONG) + n_steps
    with page() as pg:
        pg.goto(html.as_uri())
        pg.wait_for_function("window.Reveal && Reveal.isReady()", timeout=30000)
        assert pg.evaluate("Reveal.getTotalSlides()") == expected
        sections, played, notes = set(), 0, 0
        for k in range(expected):
            assert pg.evaluate("Reveal.getIndices().h") == k
            sections.add(pg.evaluate("Reveal.getCurrentSlide().dataset.section"))
            if pg.evaluate("!!Reveal.getCurrentSlide().querySelector('video')"):
                pg.wait_for_function(
                    "Reveal.getCurrentSlide().querySelector('video').currentTime > 0.1",
                    timeout=30000)
                played += 1
                notes += bool(pg.evaluate("Reveal.getSlideNotes()"))
            if k in (1, 2, 30, expected - 1):
                pg.screenshot(path=str(decks / "slides" / "zh" / f"shot-{k}.png"))
            pg.keyboard.press("ArrowRight")
        assert played == n_steps and notes == n_steps
        assert sections == {"0", *(str(s.number) for s in SECTIONS)}
        assert pg.blocked == [] and pg.errors == []


def test_pptx_decks_hold_their_media(decks):
    from pptx import Presentation
    prs = Presentation(str(decks / "slides" / "zh" / "lecture.pptx"))
    videos = [sl for sl in prs.slides
              if any(r.reltype.endswith("/video") for r in sl.part.rels.values())]
    assert videos and all(sl.notes_slide.notes_text_frame.text for sl in videos)
    gifs = Presentation(str(decks / "slides" / "zh" / "gifs.pptx"))
    assert len(gifs.slides) == 10
    assert all(any(sh.shape_type == 13 and sh.image.content_type == "image/gif"
                   for sh in sl.shapes) for sl in gifs.slides)


def test_index_page_loads_every_video_and_gif(decks):
    index = decks / "index.html"
    with page() as pg:
        pg.goto(index.as_uri())
        n_video = pg.evaluate("document.querySelectorAll('video').length")
        n_img = pg.evaluate("document.querySelectorAll('img').length")
        assert n_video >= len(SECTIONS) and n_img >= 10
        # each one scrolled into view (lazy images load there), waiting for its own event,
        # with a generous ceiling in case none comes
        for kind, n, event, ok in (("video", n_video, "loadedmetadata", "el.readyState >= 1"),
                                   ("img", n_img, "load", "el.complete && el.naturalWidth > 0")):
            for i in range(n):
                loaded = pg.evaluate(
                    "([kind, i]) => new Promise(done => { const el = document.querySelectorAll(kind)[i];"
                    " el.scrollIntoView(); if (%s) return done(true);"
                    " el.addEventListener('%s', () => done(true)); el.addEventListener('error', () =>"
                    " done(false)); setTimeout(() => done(%s), 30000); })" % (ok, event, ok),
                    [kind, i])
                assert loaded, (kind, i)
        # every video, the lecture's included, offers its subtitles
        assert pg.evaluate("[...document.querySelectorAll('video')].every(v => "
                           "[...v.textTracks].some(t => t.kind === 'subtitles'))")
        has_chapters = pg.evaluate("[...document.querySelectorAll('video')].some(v => "
                                   "[...v.textTracks].some(t => t.kind === 'chapters'))")
        assert has_chapters == (decks / "lecture" / "zh" / "test" / "lecture.mp4").exists()
        # the first video's subtitles load and hold cues (shown on the page, not only listed)
        cues = pg.evaluate("() => new Promise(done => { const v = document.querySelector('video');"
                           " const t = [...v.textTracks].find(t => t.kind === 'subtitles');"
                           " t.mode = 'showing'; const el = v.querySelector('track');"
                           " if (el.readyState === 2) return done(t.cues.length);"
                           " el.addEventListener('load', () => done(t.cues.length));"
                           " el.addEventListener('error', () => done(-1));"
                           " setTimeout(() => done(t.cues ? t.cues.length : -2), 30000); })")
        assert cues > 0
        assert pg.blocked == [] and pg.errors == []
