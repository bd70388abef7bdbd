"""``build/index.html``: one page with every output there is, in both languages, working from the
file system: the lecture with its chapters and subtitles, each section video with a poster frame
and its subtitles, the slide GIFs, the decks. Only files that exist are listed."""

from __future__ import annotations

import html
import re
from pathlib import Path

from lecture.sections import GIFS, SECTIONS
from lecture.strings import text
from tools.assemble import last_frame, write_text

LANG_NAMES = {"zh": "中文", "en": "English"}


def _e(s) -> str:
    return html.escape(str(s), quote=True)


def _poster(video: Path, poster: Path) -> Path | None:
    """The video's last frame as a PNG (made once; kept while the video is older)."""
    if poster.exists() and poster.stat().st_mtime >= video.stat().st_mtime:
        return poster
    poster.parent.mkdir(parents=True, exist_ok=True)
    try:
        return last_frame(video, poster)
    except RuntimeError:
        return None


def _inline(vtt: Path) -> str:
    """The WebVTT file as a data: URL: browsers refuse a <track> file beside a page opened from
    the file system (file: URLs are each their own origin), but take it inline."""
    import base64
    return "data:text/vtt;base64," + base64.b64encode(vtt.read_bytes()).decode("ascii")


def _tracks(build: Path, stem_by_lang: dict[str, Path], default: str, chapters: Path | None) -> str:
    out = []
    for lang, stem in stem_by_lang.items():
        vtt = stem.with_name(stem.name + ".vtt")      # stems may hold dots: lecture.zh
        if vtt.exists():
            out.append(f'<track kind="subtitles" srclang="{lang}" label="{LANG_NAMES[lang]}" '
                       f'src="{_inline(vtt)}"{" default" if lang == default else ""}>')
    if chapters is not None and chapters.exists():
        out.append(f'<track kind="chapters" srclang="{default}" src="{_inline(chapters)}">')
    return "".join(out)


def _video(build: Path, video: Path, tracks: str, poster: Path | None, caption: str) -> str:
    p = f' poster="{_e(poster.relative_to(build).as_posix())}"' if poster else ""
    return (f'<figure><video controls preload="metadata"{p} '
            f'src="{_e(video.relative_to(build).as_posix())}">{tracks}</video>'
            f'<figcaption>{_e(caption)}</figcaption></figure>')


def _link(build: Path, path: Path, label: str) -> str:
    return f'<a href="{_e(path.relative_to(build).as_posix())}">{_e(label)}</a>'


def build_index(build: Path, quality: str) -> Path:
    """Write ``build/index.html`` for the outputs under ``build`` at ``quality``."""
    parts = []
    for lang in ("zh", "en"):
        block = []
        lec = build / "lecture" / lang / quality / "lecture.mp4"
        if lec.exists():
            stems = {lg: lec.with_name(f"lecture.{lg}") for lg in ("zh", "en")}
            tracks = _tracks(build, stems, lang, lec.with_name("lecture.chapters.vtt"))
            poster = _poster(lec, build / "posters" / lang / quality / "lecture.png")
            block.append("<h3>" + _e(text("index.lecture", lang)) + "</h3>"
                         + _video(build, lec, tracks, poster, text("lecture.title", lang)))
        vids = []
        for s in SECTIONS:
            v = build / "videos" / lang / quality / f"{s.name}.mp4"
            if not v.exists():
                continue
            stems = {lg: build / "subtitles" / lg / s.name for lg in ("zh", "en")}
            poster = _poster(v, build / "posters" / lang / quality / f"{s.name}.png")
            vids.append(_video(build, v, _tracks(build, stems, lang, None), poster,
                               f"{s.number}. {s.title(lang)}"))
        if vids:
            block.append("<h3>" + _e(text("index.sections", lang)) + '</h3><div class="grid">'
                         + "".join(vids) + "</div>")
        gifs = []
        for g in GIFS:
            # the default width's, else the widest there is (NAME-WIDTHpx.gif)
            widths = [(int(m.group(1)), p) for p in (build / "gifs" / lang).glob(f"{g.slug}-*px.gif")
                      if (m := re.fullmatch(re.escape(g.slug) + r"-(\d+)px", p.stem))]
            path = build / "gifs" / lang / f"{g.slug}.gif"
            path = path if path.exists() or not widths else max(widths)[1]
            if path.exists():
                gifs.append(f'<figure><img loading="lazy" src="{_e(path.relative_to(build).as_posix())}"'
                            f' alt="{_e(g.slug)}"><figcaption>{_e(text("gif." + g.slug, lang))}</figcaption></figure>')
        if gifs:
            block.append("<h3>" + _e(text("index.gifs", lang)) + '</h3><div class="grid">'
                         + "".join(gifs) + "</div>")
        links = [_link(build, p, p.name) for p in
                 (build / "slides" / lang / n for n in ("lecture.html", "lecture.pptx", "gifs.pptx"))
                 if p.exists()]
        links += [_link(build, p, p.relative_to(build).as_posix()) for p in
                  sorted((build / "subtitles" / lang).glob("*.srt"))]
        if links:
            block.append("<h3>" + _e(text("index.files", lang)) + "</h3><p class=files>"
                         + " · ".join(links) + "</p>")
        if block:
            parts.append(f'<section lang="{"zh-Hans" if lang == "zh" else "en"}">'
                         f'<h2>{LANG_NAMES[lang]}</h2>' + "".join(block) + "</section>")
    page = f"""<!doctype html>
<html><head><meta charset="utf-8"><title>{_e(text("lecture.title", "zh"))} · {_e(text("lecture.title", "en"))}</title>
<style>
body {{ background:#0F1117; color:#eee; font-family:"Noto Sans CJK SC",sans-serif; margin:2em; }}
a {{ color:#58C4DD; }} h2 {{ border-bottom:1px solid #444; }}
.grid {{ display:grid; grid-template-columns:repeat(auto-fill,minmax(360px,1fr)); gap:1em; }}
figure {{ margin:0; }} video, img {{ width:100%; background:#000; }}
figcaption {{ color:#aaa; font-size:.9em; }} .files {{ line-height:1.8; }}
</style></head><body>
<h1>{_e(text("lecture.title", "zh"))} · {_e(text("lecture.title", "en"))}</h1>
{"".join(parts) or "<p>nothing rendered yet: make render</p>"}
</body></html>
"""
    return write_text(build / "index.html", page)
