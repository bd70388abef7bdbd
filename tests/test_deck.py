"""The deck builder on two small synthetic sections: offline reveal.js in a real browser (every
request blocked), a slide per step whose video plays, clips of exactly their step, the PPTX files
read back with python-pptx."""

from __future__ import annotations

import json
import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import numpy as np
import pytest

from browser import page
from conftest import probe, write_samples
from tools import deck

FPS = 15
STEPS = {1: [("show_title", 0.0, 1.2), ("show_curve", 1.2, 2.6), ("show_limit", 2.6, 4.0)],
         2: [("show_title", 0.0, 1.0), ("descend:0", 1.0, 3.0)]}


def _video(path: Path, seconds: float):
    import imageio_ffmpeg
    subprocess.run([imageio_ffmpeg.get_ffmpeg_exe(), "-v", "error", "-y", "-f", "lavfi", "-i",
                    f"testsrc2=size=256x144:rate={FPS}:duration={seconds}", "-pix_fmt", "yuv420p",
                    "-c:v", "libx264", str(path)], check=True)


def _still_video(path: Path, seconds: float, still_from: float):
    """A video as the scene worker writes one (tools/encode.py): moving until ``still_from``,
    then one picture held to the end, stored as two samples (its first and its last frame)."""
    n, k0 = round(seconds * FPS), round(still_from * FPS)

    def bar(k):                                                     # a bar that grows, then stays
        img = np.zeros((144, 256, 3), np.uint8)
        img[:, : 4 + min(k, k0) * 8] = (200, 120, 40)
        return img

    write_samples(path, FPS, [(k, bar(k)) for k in [*range(k0), k0, n - 1]])


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    src = tmp_path_factory.mktemp("videos")
    sections = []
    for n, steps in STEPS.items():
        v = src / f"{n:02d}_s.mp4"
        if n == 2:    # the last step a still stretch, cut in the middle of its first step's
            _still_video(v, steps[-1][2], 0.6)
        else:
            _video(v, steps[-1][2])
        v.with_suffix(".steps.json").write_text(json.dumps({"steps": [
            {"key": k, "start": a, "end": b, "narration": {"zh": f"第{n}节 {k} 旁白", "en": f"{n} {k} said"}}
            for k, a, b in steps]}), encoding="utf-8")
        sections.append(deck.Section(n, f"第 {n} 节", v, deck.read_steps(v, "zh")))
    out = tmp_path_factory.mktemp("deck")
    paths = deck.build(sections, out, "讲座", "zh", "副标题")
    return out, paths, sections


class _Refs(HTMLParser):
    def __init__(self):
        super().__init__()
        self.refs = []

    def handle_starttag(self, tag, attrs):
        self.refs += [v for k, v in attrs if k in ("src", "href", "poster") and v]


def test_the_page_references_only_files_beside_it(built):
    out, paths, _ = built
    p = _Refs()
    p.feed(paths["html"].read_text(encoding="utf-8"))
    assert p.refs
    for ref in p.refs:
        assert not re.match(r"^[a-z]+:", ref), ref          # no http:, https:, //cdn
        assert not ref.startswith("//"), ref
        assert (out / ref).exists(), ref
    assert not (out / "reveal" / "dist" / "reveal.js").is_symlink()


def test_each_clip_holds_exactly_its_step(built):
    """Every frame of its time, also where the section's file holds a still as two samples."""
    out, _, sections = built
    assert probe(sections[1].video)["frames"] < round(3.0 * FPS)     # the stored still
    for s in sections:
        for i, st in enumerate(s.steps):
            info = probe(out / "clips" / f"{s.number:02d}_{i + 1:02d}.mp4")
            assert info["frames"] == round((st.end - st.start) * FPS)


def test_deck_plays_every_step_offline_in_a_real_browser(built):
    out, paths, sections = built
    n_steps = sum(len(s.steps) for s in sections)
    with page() as pg:
        pg.goto(paths["html"].as_uri())
        pg.wait_for_function("window.Reveal && Reveal.isReady()", timeout=30000)
        assert pg.evaluate("Reveal.getTotalSlides()") == 1 + len(sections) + n_steps
        seen_sections, played = set(), 0
        for k in range(1 + len(sections) + n_steps):
            slide = pg.evaluate("Reveal.getIndices().h")
            assert slide == k
            seen_sections.add(pg.evaluate("Reveal.getCurrentSlide().dataset.section"))
            if pg.evaluate("!!Reveal.getCurrentSlide().querySelector('video')"):
                # wait for the step's video to play (its time advances), not for a fixed time
                pg.wait_for_function("Reveal.getCurrentSlide().querySelector('video').currentTime > 0.2",
                                     timeout=30000)
                played += 1
                notes = pg.evaluate("Reveal.getSlideNotes()")
                assert notes and "旁白" in notes
            pg.keyboard.press("ArrowRight")
        assert played == n_steps
        assert seen_sections == {"0", "1", "2"}
        pg.screenshot(path=str(out / "shot.png"))
        assert pg.blocked == [] and pg.errors == []


def test_pptx_holds_every_step_with_its_video_and_notes(built):
    from pptx import Presentation
    out, paths, sections = built
    prs = Presentation(str(paths["pptx"]))
    slides = list(prs.slides)
    assert len(slides) == 1 + len(sections) + sum(len(s.steps) for s in sections)
    movies = [sl for sl in slides
              if any(r.reltype.endswith("/video") for r in sl.part.rels.values())]
    assert len(movies) == sum(len(s.steps) for s in sections)
    notes = [sl.notes_slide.notes_text_frame.text for sl in movies]
    assert notes == [st.notes for s in sections for st in s.steps]
    sizes = {r.target_part.partname: len(r.target_part.blob) for sl in movies
             for r in sl.part.rels.values() if r.reltype.endswith("/video")}
    assert len(sizes) == len(movies) and min(sizes.values()) > 1000


def test_gifs_pptx_embeds_each_gif_animated(tmp_path):
    from PIL import Image
    from pptx import Presentation
    gifs = []
    for k in range(3):
        frames = [Image.fromarray(np.full((60, 90, 3), 40 * i + k, np.uint8)) for i in range(4)]
        p = tmp_path / f"g{k}.gif"
        frames[0].save(p, save_all=True, append_images=frames[1:], duration=100, loop=0)
        gifs.append((f"标题 {k}", p))
    prs = Presentation(str(deck.write_gifs_pptx(gifs, tmp_path)))
    assert prs.slide_width * 9 == prs.slide_height * 16
    for sl, (title, p) in zip(prs.slides, gifs):
        assert sl.shapes.title.text == title
        pics = [s for s in sl.shapes if s.shape_type == 13]
        assert len(pics) == 1 and pics[0].image.content_type == "image/gif"
        assert pics[0].image.blob == p.read_bytes()          # the GIF itself, all its frames
        assert pics[0].left >= 0 and pics[0].left + pics[0].width <= prs.slide_width
        assert pics[0].top + pics[0].height <= prs.slide_height
