"""The deck: one slide per step of every section, as an offline reveal.js page and a PowerPoint
file; and the slide GIFs as a PowerPoint deck.

Input is what the scene renders left behind: each section's MP4 and its steps (``NN_name.steps.json``
beside it: key, start, end and narration of each step, see ``scenes/steps.py``). Each step is cut
out of the section's video (ffmpeg, re-encoded so every clip starts on its own first frame) and
becomes one slide that plays once and stops on its last frame: the lecturer talks, then presses
the arrow key. reveal.js comes from ``node_modules/`` (pinned in package.json, installed by
``make setup``) and is copied beside the deck, so the page needs no network.
"""

from __future__ import annotations

import html
import json
import os
import shutil
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from tools.assemble import constant_rate, last_frame, run_ffmpeg, write_text

ROOT = Path(__file__).resolve().parents[1]
REVEAL = ROOT / "node_modules" / "reveal.js"
REVEAL_FILES = ("dist/reset.css", "dist/reveal.css", "dist/reveal.js", "dist/theme/black.css",
                "dist/theme/fonts", "plugin/notes/notes.js", "plugin/highlight/highlight.js",
                "plugin/highlight/monokai.css", "LICENSE")
SLIDE_W, SLIDE_H = 1280, 720


class DeckError(Exception):
    """Something the deck needs is missing; the message says what to run."""


@dataclass
class Step:
    key: str
    start: float
    end: float
    notes: str = ""


@dataclass
class Section:
    number: int
    title: str
    video: Path
    steps: list[Step]
    code: "CodeSlide | None" = None


@dataclass
class CodeSlide:
    title: str
    path: Path                                  # the script shown
    lines: str = ""                             # highlighted lines, reveal.js style: "15-34"

    def text(self) -> str:
        return self.path.read_text(encoding="utf-8")


def read_steps(video: Path, lang: str) -> list[Step]:
    """The steps recorded beside ``video`` when it was rendered."""
    side = video.with_suffix(".steps.json")
    if not side.exists():
        raise DeckError(f"{side.name} is missing: render the section again (render.py scenes --force)")
    data = json.loads(side.read_text(encoding="utf-8"))
    return [Step(s["key"], float(s["start"]), float(s["end"]), s.get("narration", {}).get(lang, ""))
            for s in data["steps"]]


def cut(video: Path, start: float, end: float, out: Path, poster: Path):
    """``video`` from ``start`` to ``end`` s as its own MP4 (and its last frame as a PNG)."""
    tmp = out.with_name(f".{out.name}.tmp-{os.getpid()}")
    run_ffmpeg(["-ss", f"{start:.4f}", "-i", video, "-t", f"{max(end - start, 0.04):.4f}", "-an",
                *constant_rate(video), "-c:v", "libx264", "-preset", "veryfast", "-crf", "18", "-pix_fmt", "yuv420p",
                "-movflags", "+faststart", "-f", "mp4", tmp], tmp)
    os.replace(tmp, out)
    last_frame(out, poster)


def _copy_reveal(dest: Path):
    if not (REVEAL / "package.json").exists():
        raise DeckError("reveal.js is not installed: run 'make setup' (npm ci)")
    for rel in REVEAL_FILES:
        src, dst = REVEAL / rel, dest / "reveal" / rel
        dst.parent.mkdir(parents=True, exist_ok=True)
        if src.is_dir():
            shutil.copytree(src, dst, dirs_exist_ok=True)
        else:
            shutil.copy2(src, dst)


def clips(sections: list[Section], out: Path, jobs: int = 2) -> dict:
    """Cut every step of every section; returns ``{(number, i): (clip, poster)}`` relative to out."""
    todo, result = [], {}
    for s in sections:
        for i, st in enumerate(s.steps):
            name = f"{s.number:02d}_{i + 1:02d}"
            clip, poster = out / "clips" / f"{name}.mp4", out / "clips" / f"{name}.png"
            result[(s.number, i)] = (clip.relative_to(out), poster.relative_to(out))
            todo.append((s.video, st.start, st.end, clip, poster))
    (out / "clips").mkdir(parents=True, exist_ok=True)
    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        list(pool.map(lambda a: cut(*a), todo))
    return result


def _e(s: str) -> str:
    return html.escape(s, quote=True)


CSS = """
:root { --r-background-color: %(bg)s; --r-main-font: "Noto Sans CJK SC", "Source Sans Pro", sans-serif;
        --r-heading-font: "Noto Sans CJK SC", "Source Sans Pro", sans-serif; --r-heading-text-transform: none; }
.reveal .slides section.step { padding: 0; }
.reveal .slides section.step video { width: 100%%; height: 100%%; object-fit: contain; display: block; }
.reveal .slides section.cover h1 { font-size: 1.9em; }
.reveal .slides section.cover p, .reveal .slides section.chapter p { color: %(muted)s; }
.reveal .slides section.chapter .number { color: %(accent)s; font-size: 3em; margin: 0; }
.reveal .slides section.code h3 { font-size: 1.1em; margin-bottom: .3em; }
.reveal .slides section.code pre { width: 100%%; font-size: .42em; box-shadow: none; }
.reveal .slides section.code pre code { max-height: 600px; }
"""


def write_html(sections: list[Section], cut_clips: dict, out: Path, title: str, lang: str,
               subtitle: str = "") -> Path:
    """``out/lecture.html``: a cover, then per section a chapter slide, its code slide if any and
    one slide per step."""
    from lecture.palette import color
    css = CSS % {"bg": color("background"), "muted": color("muted"), "accent": color("function")}
    slides = [f'<section class="cover" data-section="0"><h1>{_e(title)}</h1>'
              f'<p>{_e(subtitle)}</p></section>']
    for s in sections:
        slides.append(f'<section class="chapter" data-section="{s.number}">'
                      f'<p class="number">{s.number}</p><h2>{_e(s.title)}</h2></section>')
        if s.code is not None:
            slides.append(f'<section class="code" data-section="{s.number}"><h3>{_e(s.code.title)}'
                          f'</h3><pre><code class="language-python" data-trim data-noescape '
                          f'data-line-numbers="{_e(s.code.lines)}">'
                          f'{_e(s.code.text())}</code></pre><aside class="notes">{_e(s.code.path.name)}'
                          f'</aside></section>')
        for i, st in enumerate(s.steps):
            clip, poster = cut_clips[(s.number, i)]
            notes = f'<aside class="notes">{_e(st.notes)}</aside>' if st.notes else ""
            slides.append(f'<section class="step" data-section="{s.number}" data-step="{_e(st.key)}">'
                          f'<video data-autoplay muted playsinline preload="auto" '
                          f'poster="{poster.as_posix()}" src="{clip.as_posix()}"></video>{notes}'
                          f'</section>')
    body = "\n".join(slides)
    page = f"""<!doctype html>
<html lang="{'zh-Hans' if lang == 'zh' else 'en'}">
<head>
<meta charset="utf-8">
<title>{_e(title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="reveal/dist/reset.css">
<link rel="stylesheet" href="reveal/dist/reveal.css">
<link rel="stylesheet" href="reveal/dist/theme/black.css">
<link rel="stylesheet" href="reveal/plugin/highlight/monokai.css">
<style>{css}</style>
</head>
<body>
<div class="reveal"><div class="slides">
{body}
</div></div>
<script src="reveal/dist/reveal.js"></script>
<script src="reveal/plugin/notes/notes.js"></script>
<script src="reveal/plugin/highlight/highlight.js"></script>
<script>
Reveal.initialize({{ hash: true, width: {SLIDE_W}, height: {SLIDE_H}, margin: 0, center: true,
  transition: "none", backgroundTransition: "none", autoPlayMedia: true,
  plugins: [RevealNotes, RevealHighlight] }});
</script>
</body>
</html>
"""
    return write_text(out / "lecture.html", page)


def write_pptx(sections: list[Section], cut_clips: dict, out: Path, title: str,
               subtitle: str = "") -> Path:
    """``out/lecture.pptx``: the same slides, each step's clip embedded, narration as notes."""
    from pptx import Presentation
    from pptx.dml.color import RGBColor
    from pptx.util import Emu, Pt

    from lecture.palette import color

    prs = Presentation()
    prs.slide_width, prs.slide_height = Emu(12192000), Emu(6858000)       # 16:9
    blank = prs.slide_layouts[6]
    bg = RGBColor.from_string(color("background").lstrip("#"))
    fg = RGBColor.from_string(color("text").lstrip("#"))

    def slide(notes: str = ""):
        sl = prs.slides.add_slide(blank)
        sl.background.fill.solid()
        sl.background.fill.fore_color.rgb = bg
        if notes:
            sl.notes_slide.notes_text_frame.text = notes
        return sl

    def text(sl, s, top, size, bold=False, mono=False):
        box = sl.shapes.add_textbox(Emu(600000), Emu(top), prs.slide_width - Emu(1200000),
                                    Emu(int(size * 12700 * 1.6 * max(1, s.count("\n") + 1))))
        tf = box.text_frame
        tf.word_wrap = True
        for k, line in enumerate(s.split("\n")):
            p = tf.paragraphs[0] if k == 0 else tf.add_paragraph()
            run = p.add_run()
            run.text = line
            run.font.size, run.font.bold = Pt(size), bold
            run.font.color.rgb = fg
            run.font.name = "DejaVu Sans Mono" if mono else "Noto Sans CJK SC"

    cover = slide()
    text(cover, title, 2400000, 40, bold=True)
    text(cover, subtitle, 3500000, 20)
    for s in sections:
        ch = slide()
        text(ch, str(s.number), 2000000, 60, bold=True)
        text(ch, s.title, 3300000, 36, bold=True)
        if s.code is not None:
            cs = slide(s.code.path.name)
            text(cs, s.code.title, 250000, 24, bold=True)
            text(cs, s.code.text(), 900000, 9, mono=True)
        for i, st in enumerate(s.steps):
            clip, poster = cut_clips[(s.number, i)]
            sl = slide(st.notes)
            sl.shapes.add_movie(str(out / clip), 0, 0, prs.slide_width, prs.slide_height,
                                poster_frame_image=str(out / poster), mime_type="video/mp4")
    return _save(prs, out / "lecture.pptx")


def _save(prs, path: Path) -> Path:
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    prs.save(str(tmp))
    os.replace(tmp, path)
    return path


def write_gifs_pptx(gifs: list[tuple[str, Path]], out: Path) -> Path:
    """``out/gifs.pptx``: a 16:9 slide per GIF, its title above it, the GIF animated."""
    from PIL import Image
    from pptx import Presentation
    from pptx.util import Emu, Pt

    prs = Presentation()
    prs.slide_width, prs.slide_height = Emu(12192000), Emu(6858000)
    layout = prs.slide_layouts[5]                                       # title only
    top, margin = Emu(1300000), Emu(250000)
    for title, gif in gifs:
        sl = prs.slides.add_slide(layout)
        sl.shapes.title.text = title
        sl.shapes.title.text_frame.paragraphs[0].runs[0].font.size = Pt(32)
        with Image.open(gif) as im:
            w, h = im.size
        room_w, room_h = prs.slide_width - 2 * margin, prs.slide_height - top - margin
        k = min(room_w / w, room_h / h)
        pw, ph = int(w * k), int(h * k)
        sl.shapes.add_picture(str(gif), (prs.slide_width - pw) // 2, top, pw, ph)
    return _save(prs, out / "gifs.pptx")


def build(sections: list[Section], out: Path, title: str, lang: str, subtitle: str = "",
          jobs: int = 2) -> dict:
    """Both decks of a lecture into ``out``; returns their paths."""
    out.mkdir(parents=True, exist_ok=True)
    _copy_reveal(out)
    cut_clips = clips(sections, out, jobs)
    return {"html": write_html(sections, cut_clips, out, title, lang, subtitle),
            "pptx": write_pptx(sections, cut_clips, out, title, subtitle)}
