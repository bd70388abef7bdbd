"""Every target renders in both languages, with the lecture's example and with ordinary examples
of a lecturer's own (polynomials, trig, exp/ln, a negative range, a large range), through the
real command line at test size: exit code 0, a file that decodes at the expected size, and for
scenes the layout check every scene runs at its end (scenes/style.py ``layout_problems``: no
text off screen, no two texts overlapping) passes, since a layout problem fails the render.

Not the full cross product (it would take far too long on 2 cores): each target that takes
options gets its own examples rotated deterministically over targets and languages (a GIF two,
one per language; a scene one, in alternating languages; round robin over each kind's
examples), so that every example and both languages are covered. The renders run up front, one process per core.
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from conftest import probe, run_cli
from PIL import Image, ImageSequence

import render
from lecture.sections import GIFS, SECTIONS, SURFACE_TARGETS

pytestmark = pytest.mark.render

LANGS = ("zh", "en")
GIF_WIDTH = 160          # the smallest width render.py accepts: cheap

# a lecturer's own examples: polynomial, trig on a negative range, exp/ln, a large range (the
# lecture's own examples are polynomial surfaces and networks on their usual scale)
CURVES = (
    {"--function": "x**3 - 2*x", "--range": "-2,2", "--point": "1.5"},
    {"--function": "sin(x) + cos(2*x)", "--range": "-10,-2", "--point": "-4"},
    {"--function": "exp(x/2) - ln(x)", "--range": "0.5,4", "--point": "2"},
    {"--function": "x^2/1000 - x/10", "--range": "-500,500", "--point": "300"},
)
SURFACES = (
    {"--function": "sin(x)*cos(y)", "--range": "-10,-2", "--point": "-4,-5"},
    {"--function": "ln(1 + x^2 + y^2)", "--range": "-3,3", "--point": "2,-1"},
    {"--function": "(x^2 + 2*y^2)/1000", "--range": "-500,500", "--point": "300,200"},
)
NETWORKS = (
    {"--w1": "0.3", "--w2": "1,2,3", "--x": "1,2", "--y": "3", "--lr": "0.01"},
    {"--w1": "-0.5,0.2,0.1,0.4,-0.3,0.6", "--w2": "0.5", "--x": "-1,0.5", "--y": "-2",
     "--lr": "0.1"},
    {"--w1": "0.1", "--x": "10,20", "--y": "5", "--lr": "0.001"},
)

SCENES = tuple(("scene", s.name, frozenset(s.options)) for s in SECTIONS)
GIF_TARGETS = tuple(("gif", g.slug, frozenset(g.options)) for g in GIFS)


def _pool(name: str, options: frozenset) -> tuple:
    """The own examples of the kind a target draws: curves, surfaces, networks, or none."""
    if "function" in options:
        return SURFACES if name in SURFACE_TARGETS else CURVES
    return NETWORKS if "w1" in options else ()


def _examples_for(name: str, options: frozenset) -> tuple:
    """The own examples that fit a target's options (those it does not take left out)."""
    pool = _pool(name, options)
    return tuple({k: v for k, v in ex.items() if k[2:] in options} for ex in pool)


def _plan() -> list[tuple]:
    """(kind, target, lang, example index or None, options): the lecture's example of every
    target in both languages, and the rotated own examples."""
    plan = []
    for kind, name, options in SCENES + GIF_TARGETS:
        for lang in LANGS:
            plan.append((kind, name, lang, None, {}))
    # round robin over each kind's examples: a GIF takes the next two (zh, en), a scene the
    # next one (in zh and en by turns)
    taken = {}
    option_targets = [t for t in SCENES + GIF_TARGETS if _examples_for(t[1], t[2])]
    for i, (kind, name, options) in enumerate(option_targets):
        examples, pool = _examples_for(name, options), id(_pool(name, options))
        for lang in (LANGS if kind == "gif" else (LANGS[i % 2],)):
            k = taken.get(pool, 0) % len(examples)
            taken[pool] = taken.get(pool, 0) + 1
            plan.append((kind, name, lang, k, examples[k]))
    return plan


PLAN = _plan()


def _ids(case) -> str:
    kind, name, lang, k, _ = case
    return f"{name}-{lang}-" + ("lecture" if k is None else f"own{k}")


def _batch(case) -> str:
    """The render.py run a case belongs to: the lecture's examples of one kind and language in
    one run (its targets in parallel), each own example in a run of its own."""
    kind, name, lang, k, _ = case
    return f"{kind}-{lang}-lecture" if k is None else _ids(case)


def _command(cases, out: Path) -> list[str]:
    kind, _, lang, _, opts = cases[0]
    args = ["scenes" if kind == "scene" else "gifs", *[c[1] for c in cases], "--lang", lang,
            "--out", out, "--jobs", max(1, os.cpu_count() or 1)]
    args += ["--quality", "test"] if kind == "scene" else ["--width", GIF_WIDTH]
    for k, v in opts.items():
        args += [k, v]
    return args


@pytest.fixture(scope="module")
def rendered(tmp_path_factory, scene_build):
    """Every case of the plan rendered once, each batch (see ``_batch``) into its own output
    folder, two batches at a time: batch -> (command, completed process, output folder). The
    lecture's scenes in Chinese are the session's ``scene_build`` (other tests use them too),
    started here beside the batches."""
    root = tmp_path_factory.mktemp("every-target")
    batches: dict = {}
    for case in PLAN:
        if case[0] == "scene" and case[2] == "zh" and case[3] is None:
            continue
        batches.setdefault(_batch(case), []).append(case)

    def one(item):
        name, cases = item
        if cases is None:            # the Chinese lecture scenes, all at once
            try:
                scene_build(1, "zh")
            except AssertionError:   # each test asks again and fails with the message
                pass
            return name, None
        out = root / name
        cmd = _command(cases, out)
        # a generous ceiling on runaway work, never a measure of speed
        return name, (cmd, run_cli(*cmd, timeout=1200), out)

    with ThreadPoolExecutor(max_workers=2) as pool:
        return dict(pool.map(one, [("scene-zh-lecture", None), *batches.items()]))


def _only(folder: Path, pattern: str) -> Path:
    files = sorted(folder.glob(pattern))
    assert len(files) == 1, f"expected one {pattern} in {folder}, found {[f.name for f in files]}"
    return files[0]


def _output(case, rendered, scene_build) -> Path:
    """The file a case made; fails with render.py's message when its render failed."""
    kind, name, lang, k, _ = case
    if kind == "scene" and lang == "zh" and k is None:
        return scene_build(next(s.number for s in SECTIONS if s.name == name), "zh")
    cmd, r, out = rendered[_batch(case)]
    ext = "mp4" if kind == "scene" else "gif"
    failed = [ln for ln in r.stdout.splitlines() if f" {name}.{ext} FAILED" in ln]
    ok = not failed if k is None else r.returncode == 0     # a lecture batch: this target's line
    assert ok, (f"render.py {' '.join(map(str, cmd))} exited {r.returncode}:\n"
                + "\n".join(failed) + f"\n{r.stdout[-1500:]}\n{r.stderr[-1500:]}")
    assert "Traceback" not in r.stderr
    stem = name if k is None else f"{name}-*"
    if kind == "scene":
        return _only(out / "videos" / lang / "test", f"{stem}.mp4")
    return _only(out / "gifs" / lang, render.gif_name(stem, int(GIF_WIDTH)))


@pytest.mark.parametrize("case", PLAN, ids=[_ids(c) for c in PLAN])
def test_target_renders(rendered, scene_build, case):
    path = _output(case, rendered, scene_build)
    if case[0] == "scene":
        info = probe(path)                  # decodes every frame
        assert (info["width"], info["height"]) == (256, 144)
        assert info["frames"] >= 5 * 5      # at least 5 s at 5 fps
        return
    with Image.open(path) as im:
        assert im.format == "GIF" and im.size[0] == GIF_WIDTH
        assert 0.3 * GIF_WIDTH <= im.size[1] <= 1.2 * GIF_WIDTH
        n = 0
        for frame in ImageSequence.Iterator(im):
            frame.convert("RGB").load()     # every frame decodes
            n += 1
    assert n >= 2
    mp4 = path.with_suffix(".mp4")
    if mp4.exists():                        # the MP4 beside it, when the target writes one
        info = probe(mp4)
        assert info["frames"] >= 2 and info["width"] >= GIF_WIDTH - 1


def test_the_plan_covers_every_target_language_and_example():
    """The rotation leaves nothing out: every target in both languages, every target that takes
    options drawn with one of its own examples, each example of each kind drawn somewhere, and
    own examples in both languages."""
    names = {n for _, n, _ in SCENES + GIF_TARGETS}
    assert {(c[1], c[2]) for c in PLAN if c[3] is None} == {(n, lang) for n in names
                                                             for lang in LANGS}
    options = {n: o for _, n, o in SCENES + GIF_TARGETS}
    with_options = {n for n, o in options.items() if _pool(n, o)}
    assert with_options == {c[1] for c in PLAN if c[3] is not None}
    for pool in (CURVES, SURFACES, NETWORKS):
        used = {c[3] for c in PLAN if c[3] is not None and _pool(c[1], options[c[1]]) is pool}
        assert used == set(range(len(pool)))
    assert {c[2] for c in PLAN if c[3] is not None} == set(LANGS)
