"""What render.py makes from rendered section videos besides the videos themselves: subtitle files,
the lecture's subtitle and chapter tracks, a copy with subtitles burned in, the decks and
``build/index.html``. Everything here reads the ``NN_name.steps.json`` a scene leaves beside its
video (see ``scenes/steps.py``)."""

from __future__ import annotations

from pathlib import Path

from tools import captions
from tools.assemble import write_text

LANGS = ("zh", "en")


def steps_file(video: Path) -> Path:
    return video.with_suffix(".steps.json")


def subtitle_stem(build: Path, lang: str, video: Path) -> Path:
    return build / "subtitles" / lang / video.stem


def section_subtitles(build: Path, lang: str, videos: list[Path]) -> list[Path]:
    """``build/subtitles/LANG/NN_name.srt`` and ``.vtt`` for each video (of language ``lang``)."""
    out = []
    for v in videos:
        if v.exists() and steps_file(v).exists():
            cues = captions.section_cues(steps_file(v), lang)
            out += captions.write_pair(cues, subtitle_stem(build, lang, v), lang)
    return out


def lecture_tracks(lecture: Path, lang: str, videos: list[Path],
                   chapters: list[tuple[float, float, str]]) -> list[Path]:
    """Beside ``lecture.mp4``: ``lecture.zh.srt/.vtt``, ``lecture.en.srt/.vtt`` (cues offset by
    chapter) and ``lecture.chapters.vtt``; then both languages go into the MP4 as soft
    ``mov_text`` tracks, the lecture's own language first and the default."""
    if not all(steps_file(v).exists() for v in videos):
        return []
    parts = [(steps_file(v), start) for v, (start, _, _) in zip(videos, chapters)]
    written, srts = [], {}
    for lg in LANGS:
        pair = captions.write_pair(captions.lecture_cues(parts, lg), lecture.with_name(f"lecture.{lg}"), lg)
        srts[lg] = pair[0]
        written += pair
    written.append(write_text(lecture.with_name("lecture.chapters.vtt"),
                                   captions.chapters_vtt(chapters)))
    captions.mux_tracks(lecture, srts, lang, lecture)
    return written


def burned(lecture: Path, lang: str, background: str) -> Path:
    """``lecture.subtitled-LANG.mp4``: the lecture with ``lang``'s subtitles in the picture."""
    out = lecture.with_name(f"lecture.subtitled-{lang}.mp4")
    captions.burn(lecture, lecture.with_name(f"lecture.{lang}.srt"), out, background)
    return out


def write_index(build: Path, quality: str) -> Path | None:
    from tools.index_page import build_index
    try:
        return build_index(build, quality)
    except OSError as e:          # the page is a convenience: never fail a render for it
        print(f"warning: build/index.html not written: {e}", flush=True)
        return None
