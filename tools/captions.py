"""Subtitle files from the steps a scene recorded: per section video and per lecture (offset by
chapter), a chapters track for web players, soft subtitle tracks in the lecture MP4 and a copy
with one language burned into the picture."""

from __future__ import annotations

import json
import os
from pathlib import Path

from lecture import subtitles as sub
from tools.assemble import frame_rate, run_ffmpeg, write_text

LANGS = ("zh", "en")
ISO639_2 = {"zh": "chi", "en": "eng"}      # what MP4 stores; players show Chinese / English


def section_cues(steps_json: Path, lang: str) -> list[sub.Cue]:
    """The cues of one section video, from its ``NN_name.steps.json``."""
    data = json.loads(steps_json.read_text(encoding="utf-8"))
    out: list[sub.Cue] = []
    for st in data["steps"]:
        text = st.get("narration", {}).get(lang, "")
        out += sub.cues(text, float(st["start"]), float(st["end"]), lang)
    return out


def write_pair(cues: list[sub.Cue], stem: Path, lang: str) -> list[Path]:
    """``STEM.srt`` and ``STEM.vtt`` (appended: a stem may hold dots, ``lecture.zh``)."""
    return [write_text(stem.with_name(stem.name + ".srt"), sub.to_srt(cues)),
            write_text(stem.with_name(stem.name + ".vtt"), sub.to_vtt(cues, lang))]


def lecture_cues(parts: list[tuple[Path, float]], lang: str) -> list[sub.Cue]:
    """The lecture's cues: each section's (``steps_json``, chapter start) shifted to its chapter."""
    out: list[sub.Cue] = []
    for steps_json, offset in parts:
        out += sub.shifted(section_cues(steps_json, lang), offset)
    return out


def chapters_vtt(chapters: list[tuple[float, float, str]]) -> str:
    """A WebVTT chapters track (``<track kind="chapters">``)."""
    return sub.to_vtt([sub.Cue(a, b, title) for a, b, title in chapters])


def mux_tracks(video: Path, srts: dict[str, Path], default: str, out: Path):
    """``video`` with each language's SRT as a soft ``mov_text`` track, tagged, ``default`` first
    and marked default; the video stream and chapters copied as they are."""
    langs = [default] + [lang for lang in srts if lang != default]
    cmd = ["-i", str(video)]
    for lang in langs:
        cmd += ["-i", str(srts[lang])]
    # the picture (and sound) only: the old chapter track is rewritten from -map_chapters
    cmd += ["-map", "0:v", "-map", "0:a?", "-map_metadata", "0", "-map_chapters", "0"]
    for k in range(len(langs)):
        cmd += ["-map", str(k + 1)]
    import av
    with av.open(str(video)) as c:
        tb = c.streams.video[0].time_base
    # subtitle tracks on the video's time base: on any other, ffmpeg's MP4 muxer writes the
    # chapter track with durations it cannot store and the chapters collapse (ffmpeg 9.0)
    cmd += ["-c:v", "copy", "-c:a", "copy", "-c:s", "mov_text",
            "-time_base:s", f"{tb.numerator}/{tb.denominator}"]
    for k, lang in enumerate(langs):
        cmd += [f"-metadata:s:s:{k}", f"language={ISO639_2[lang]}",
                f"-metadata:s:s:{k}", f"title={'中文' if lang == 'zh' else 'English'}",
                f"-disposition:s:{k}", "default" if k == 0 else "0"]
    tmp = out.with_name(f".{out.name}.tmp-{os.getpid()}")
    cmd += ["-movflags", "+faststart", "-f", "mp4", str(tmp)]
    run_ffmpeg(cmd, tmp)
    os.replace(tmp, out)


BAND = 0.19          # share of the height kept free for burned-in subtitles


def burn(video: Path, srt: Path, out: Path, background: str = "#0F1117",
         font: str = "Noto Sans CJK SC"):
    """A copy of ``video`` with ``srt`` drawn in: the picture is scaled down into the top of the
    frame, leaving a band at the bottom where the subtitles sit, so they never cover a formula."""
    import av
    with av.open(str(video)) as c:
        w, h = c.streams.video[0].codec_context.width, c.streams.video[0].codec_context.height
    k = 1 - BAND
    sw, sh = int(w * k) // 2 * 2, int(h * k) // 2 * 2
    style = (f"FontName={font},FontSize=13,PrimaryColour=&H00FFFFFF,BorderStyle=1,Outline=0,"
             "Shadow=0,MarginV=4")
    fit = f"scale={sw}:{sh},pad={w}:{h}:{(w - sw) // 2}:0:color=0x{background.lstrip('#')}"
    esc = str(srt).replace("\\", "\\\\").replace(":", "\\:").replace("'", "\\'")
    tmp = out.with_name(f".{out.name}.tmp-{os.getpid()}")
    run_ffmpeg(["-i", str(video), "-map", "0:v", "-map_chapters", "0",
          # every frame first (a still is stored as two samples): a cue that begins in the
          # middle of a still is drawn from its own time on
          "-vf", f"fps={frame_rate(video)},{fit},subtitles='{esc}':force_style='{style}'",
          "-c:v", "libx264", "-preset", "veryfast",
          "-crf", "20", "-pix_fmt", "yuv420p", "-movflags", "+faststart", "-f", "mp4", str(tmp)], tmp)
    os.replace(tmp, out)
