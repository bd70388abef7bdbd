"""``render.py slides``: the decks of one language from the rendered section videos and GIFs.

build/slides/LANG/lecture.html   reveal.js, offline (reveal.js copied beside it), a slide per step
build/slides/LANG/lecture.pptx   the same slides, each step's clip embedded, narration as notes
build/slides/LANG/gifs.pptx      a 16:9 slide per slide GIF, titled, the GIF animated
"""

from __future__ import annotations

from pathlib import Path

from lecture.sections import GIFS
from lecture.strings import text
from tools import deck

ROOT = Path(__file__).resolve().parents[1]
# the lecture's four code-along cases: the script shown before a section's animation
# (script, the lines that hold the maths: highlighted on the slide)
CODE_ALONG = {3: ("activations", "15-34"), 10: ("backprop", "15-35"),
              11: ("gradient_descent", "14-23"), 12: ("gradient_descent_3d", "14-23")}


def code_slide(number: int, lang: str) -> deck.CodeSlide | None:
    if number not in CODE_ALONG:
        return None
    name, lines = CODE_ALONG[number]
    path = ROOT / "examples" / f"{name}.py"
    return deck.CodeSlide(text(f"code.{name}", lang), path, lines) if path.exists() else None


def build(entries: list[tuple[int, str, Path]], gifs_dir: Path, out: Path, lang: str,
          title: str | None = None, jobs: int = 2, gifs: list | None = None) -> dict:
    """``entries``: (section number, title, section video) in lecture order, or (number shown,
    title, video, section number) for a lecture file's own order (a section may come twice);
    ``gifs``: (title, GIF) for gifs.pptx (default: the lecture's own GIFs in ``gifs_dir``)."""
    sections = [deck.Section(e[0], e[1], e[2], deck.read_steps(e[2], lang),
                             code_slide(e[3] if len(e) > 3 else e[0], lang)) for e in entries]
    paths = deck.build(sections, out, title or text("lecture.title", lang), lang,
                       text("deck.subtitle", lang), jobs)
    if gifs is None:
        gifs = [(text(f"gif.{g.slug}", lang), gifs_dir / f"{g.slug}.gif") for g in GIFS]
    gifs = [(t, p) for t, p in gifs if p.exists()]
    if gifs:
        paths["gifs"] = deck.write_gifs_pptx(gifs, out)
    return paths
