#!/usr/bin/env python3
"""Profile every lecture section: frames per second in one process, and where the time goes.

Each section (the lecture's own example, zh) is rendered by render.py's own worker
(``render.py _scene MODULE CLASS ...``, the command ``make scenes`` runs) in its own process under
cProfile; so is a plain Manim reference scene (bench/reference_scene.py) as long as the average
section. Per section: frames (counted in the MP4 with PyAV), wall and CPU seconds of the process
(CPU = user + system, what a schedule on more cores needs; wall also counts waiting for a shared
core), frames per CPU second, its ratio to the reference's, and the profile's time split into

    import   importing modules (Python's import machinery and the module code it runs)
    text     building text: manim's Text / MarkupText / Typst / MathTypst / DecimalNumber /
             SVGMobject (manim/mobject/text, manim/mobject/svg), svgelements, manimpango, typst,
             and the lecture's GlyphFont / GlyphLine (scenes/style.py)
    become   become() and align_data() / align_points() (manim/mobject)
    draw     the cairo camera (manim/camera) and CairoRenderer.update_frame / get_frame
    encode   the file writer (manim/scene/scene_file_writer.py, CairoRenderer.add_frame) and PyAV
    other    the rest: updaters' own work, animations' interpolation, building other mobjects...

The rule (no time counted twice): every function's own time (cProfile's tottime) is shared out
over the categories in proportion to the cumulative time its callers spent calling it, caller by
caller (the call graph is all a profile keeps, gprof's assumption). A call enters a category at
one of that category's functions; the outermost such call on the stack decides (Text built
inside become() would be "become"), except for imports, which win wherever they happen. So
the categories add up to the profile's total, and each share is of that total. Profiling slows
Python code more than cairo's or the encoder's C code: the shares are of the profiled run, and
the reference runs under the same profiler, so the ratios compare like with like.

Results go to build/cache/bench/sections.json (one entry per quality, merged with earlier runs
of other sections), the profiles to build/cache/bench/prof/<quality>/.

    python bench/bench_sections.py [--quality 1080p] [--only 7,10] [--jobs 1] [--no-reference]
                                   [--no-profile] [--keep DIR]
"""

from __future__ import annotations

import argparse
import ast
import json
import os
import pstats
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
for _p in (ROOT / "bench", ROOT):          # bench/schedule.py, and render.py / lecture/
    if str(_p) not in sys.path:
        sys.path.insert(0, str(_p))

import schedule  # noqa: E402  (bench/schedule.py)

BENCH = ROOT / "build" / "cache" / "bench"
RESULTS = BENCH / "sections.json"
STATES = ("other", "import", "text", "become", "draw", "encode")
SHOWN = ("text", "become", "draw", "encode", "import", "other")

TEXT_PATHS = ("/manim/mobject/text/", "/manim/mobject/svg/", "/svgelements/", "/manimpango/",
              "/typst/")
BECOME_NAMES = {"become", "align_data", "align_points"}


def _glyph_lines(style: Path = ROOT / "scenes" / "style.py") -> set[int]:
    """First lines of the functions of the Glyph* classes in scenes/style.py (the lecture's own
    way to set readouts without laying out Text)."""
    try:
        tree = ast.parse(style.read_text(encoding="utf-8"))
    except (OSError, SyntaxError):
        return set()
    return {f.lineno for c in tree.body if isinstance(c, ast.ClassDef) and c.name.startswith("Glyph")
            for f in c.body if isinstance(f, (ast.FunctionDef, ast.AsyncFunctionDef))}


def category(func: tuple, glyph_lines: frozenset = frozenset(), main=None) -> str | None:
    """The category a call of ``func`` (a pstats key: file, line, name) enters, or None;
    ``main`` is the profiled script's module code (not an import)."""
    file, line, name = func
    file = file.replace("\\", "/")
    if file.startswith("<frozen importlib") or (name == "<module>" and func != main):
        return "import"
    if any(p in file for p in TEXT_PATHS):
        return "text"
    if file.endswith("scenes/style.py") and line in glyph_lines:
        return "text"
    if "/manim/mobject/" in file and name in BECOME_NAMES:
        return "become"
    if "/manim/camera/" in file:
        return "draw"
    if file.endswith("manim/renderer/cairo_renderer.py"):
        if name in ("update_frame", "get_frame"):
            return "draw"
        if name == "add_frame":
            return "encode"
    if file.endswith("manim/scene/scene_file_writer.py") or "/av/" in file:
        return "encode"
    return None


def classify(stats: dict, categorize=category, roots=(), sweeps: int = 2000,
             tol: float = 1e-10) -> dict:
    """Seconds per category (STATES) for pstats ``stats`` ({func: (cc, nc, tt, ct, callers)},
    callers {caller: (nc, cc, tt, ct)}): the rule in the module's docstring. ``roots`` are
    functions whose callers are not followed (``exec``, which runs both the profiled script and
    every imported module's code)."""
    import numpy as np
    from scipy import sparse
    funcs = list(stats)
    index = {f: i for i, f in enumerate(funcs)}
    n, m = len(funcs), len(STATES)
    cat = np.array([STATES.index(c) if (c := categorize(f)) else 0 for f in funcs])
    rows, cols, vals = [], [], []
    roots = set(roots)
    for f, (_, _, _, _, callers) in stats.items():
        if f in roots:
            continue
        edges = [(index[g], e) for g, e in callers.items() if g != f and g in index]
        w = [float(e[3]) if len(e) > 3 else 0.0 for _, e in edges]
        if edges and sum(w) <= 0:            # too quick to time: by the number of calls
            w = [float(e[0]) for _, e in edges]
        tot = sum(w)
        if tot > 0:
            rows += [index[f]] * len(edges)
            cols += [g for g, _ in edges]
            vals += [x / tot for x in w]
    mix = sparse.csr_matrix((vals, (rows, cols)), shape=(n, n))
    is_root = np.asarray(mix.sum(axis=1)).ravel() <= 0
    root = np.zeros(m)
    root[0] = 1.0
    imp = cat == STATES.index("import")
    enters = [(c, cat == c) for c in range(2, m)]
    dist = np.tile(root, (n, 1))

    def enter(d):
        d[is_root] = root
        for c, sel in enters:                # the outermost category stays
            d[sel, c] += d[sel, 0]
            d[sel, 0] = 0.0
        d[imp] = 0.0                         # an import takes everything
        d[imp, STATES.index("import")] = 1.0
        return d

    dist = enter(dist)
    for _ in range(sweeps):
        new = enter(mix @ dist)
        change = float(np.abs(new - dist).max()) if n else 0.0
        dist = new
        if change < tol:
            break
    tt = np.array([stats[f][2] for f in funcs], dtype=float)
    return {s: float(tt @ dist[:, i]) for i, s in enumerate(STATES)}


def _name(func: tuple) -> str:
    file, line, name = func
    file = file.replace("\\", "/")
    for cut in ("/site-packages/", str(ROOT).replace("\\", "/") + "/", "/lib/python3."):
        if cut in file:
            file = file.split(cut, 1)[1]
            if cut == "/lib/python3.":
                file = file.split("/", 1)[-1]
            break
    return f"{file}:{line}({name})" if file != "~" else name


def top_costs(stats: dict, total: float, n: int = 5) -> dict:
    """The biggest costs of a profile: own time (tottime), and inclusive time of the functions
    that enter a category (ct of calls from outside it), as shares of the total."""
    own = sorted(stats.items(), key=lambda kv: -kv[1][2])[:n]
    glyph = frozenset(_glyph_lines())
    entries = []
    for f, (_, _, _, ct, callers) in stats.items():
        c = category(f, glyph)
        if c in (None, "import"):
            continue
        outside = sum(e[3] for g, e in callers.items() if category(g, glyph) != c) if callers else ct
        entries.append((outside, f, c))
    entries.sort(key=lambda e: -e[0])
    return {"own": [[_name(f), round(v[2] / total, 4)] for f, v in own],
            "entries": [[_name(f), c, round(t / total, 4)] for t, f, c in entries[:n]]}


def analyse(prof: Path) -> dict:
    stats = pstats.Stats(str(prof)).stats
    glyph = frozenset(_glyph_lines())
    modules = [f for f in stats if f[2] == "<module>"]
    main = max(modules, key=lambda f: stats[f][3]) if modules else None
    roots = [f for f in stats if f[0] == "~" and f[2] in ("<built-in method builtins.exec>",
                                                            "<built-in method builtins.eval>")]
    secs = classify(stats, lambda f: category(f, glyph, main), roots)
    total = sum(secs.values()) or 1.0
    return {"profile_s": round(total, 3),
            "shares": {k: round(v / total, 4) for k, v in secs.items()},
            "top": top_costs(stats, total)}


def count_frames(mp4: Path, fps: int) -> int:
    """The frames the video shows at ``fps``: its length in frames. A still stretch is stored
    as two samples (tools/encode.py), so the samples in the file are fewer."""
    import av
    with av.open(str(mp4)) as c:
        s = c.streams.video[0]
        return round(float(s.duration * s.time_base) * fps)


def _run(cmd: list[str], log: Path) -> tuple[int, float, float]:
    """Run ``cmd``; its exit code, wall seconds and CPU seconds (user + system, of the process
    and whatever it waited for)."""
    t0 = time.perf_counter()
    with open(log, "wb") as out:
        p = subprocess.Popen(cmd, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT)
        _, status, ru = os.wait4(p.pid, 0)
    p.returncode = os.waitstatus_to_exitcode(status)
    return p.returncode, time.perf_counter() - t0, ru.ru_utime + ru.ru_stime


def measure(name: str, worker: list[str], out: Path, prof: Path | None, log: Path,
            fps: int) -> dict:
    """One profiled (or plain) run of a worker that writes ``out``."""
    cmd = [sys.executable] + (["-m", "cProfile", "-o", str(prof)] if prof else []) + worker
    rc, wall, cpu = _run(cmd, log)
    if rc != 0 or not out.exists():        # cProfile swallows SystemExit: look at the output
        tail = log.read_text(errors="replace").strip().splitlines()[-3:]
        raise RuntimeError(f"{name} failed (exit {rc}): " + " | ".join(tail))
    res = {"frames": count_frames(out, fps), "wall_s": round(wall, 3), "cpu_s": round(cpu, 3)}
    res["fps_cpu"] = round(res["frames"] / cpu, 3) if cpu else 0.0
    res["fps_wall"] = round(res["frames"] / wall, 3) if wall else 0.0
    if prof:
        res.update(analyse(prof))
    return res


def section_worker(sec, quality: str, out: Path, media: Path, lang: str = "zh") -> list[str]:
    """render.py's own scene worker for ``sec`` (as render.scene_jobs writes it)."""
    return [str(ROOT / "render.py"), "_scene", f"scenes.{sec.module}", sec.scene,
            "--out-file", str(out), "--quality", quality, "--lang", lang, "--options", "{}",
            "--media-dir", str(media), "--threads", "1"]


def reference_worker(seconds: float, quality: str, out: Path, media: Path) -> list[str]:
    return [str(ROOT / "bench" / "reference_scene.py"), "--seconds", f"{seconds:.2f}",
            "--quality", quality, "--out-file", str(out), "--media-dir", str(media)]


def run_sections(sections, quality: str, jobs: int = 1, profile: bool = True,
                 reference: bool = True, lang: str = "zh", keep: Path | None = None) -> dict:
    from render import QUALITIES
    fps = QUALITIES[quality][2]
    profdir = BENCH / "prof" / quality
    profdir.mkdir(parents=True, exist_ok=True)
    results, errors = {}, {}
    with tempfile.TemporaryDirectory(prefix="bench-sections-", dir=BENCH) as td:
        tmp = Path(td)
        todo = list(sections)
        lock = threading.Lock()

        def work():
            while True:
                with lock:
                    if not todo:
                        return
                    sec = todo.pop(0)
                out = tmp / f"{sec.name}.mp4"
                prof = profdir / f"{sec.name}.prof" if profile else None
                try:
                    r = measure(sec.name, section_worker(sec, quality, out, tmp / sec.name, lang),
                                out, prof, tmp / f"{sec.name}.log", fps)
                except RuntimeError as e:
                    with lock:
                        errors[sec.name] = str(e)
                    print(f"  {sec.name}: {e}", flush=True)
                    continue
                r.update(number=sec.number, slug=sec.slug, name=sec.name)
                if keep is not None:        # the videos, to compare frames before and after
                    keep.mkdir(parents=True, exist_ok=True)
                    shutil.move(str(out), keep / out.name)
                out.unlink(missing_ok=True)
                shutil.rmtree(tmp / sec.name, ignore_errors=True)
                with lock:
                    results[sec.name] = r
                print(f"  {sec.name}: {r['frames']} frames, {r['cpu_s']:.1f} CPU s, "
                      f"{r['wall_s']:.1f} wall s", flush=True)

        threads = [threading.Thread(target=work) for _ in range(max(1, jobs))]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        ref = None
        if reference and results:
            seconds = sum(r["frames"] for r in results.values()) / fps / len(results)
            out = tmp / "reference.mp4"
            try:
                ref = measure("reference", reference_worker(seconds, quality, out, tmp / "ref"),
                              out, profdir / "reference.prof" if profile else None,
                              tmp / "reference.log", fps)
                ref["seconds_of_video"] = round(seconds, 2)
                print(f"  reference: {ref['frames']} frames, {ref['cpu_s']:.1f} CPU s", flush=True)
            except RuntimeError as e:
                errors["reference"] = str(e)
                print(f"  reference: {e}", flush=True)
    run = {"quality": quality, "fps": fps, "lang": lang, "profiled": profile,
           "cores": os.cpu_count(), "jobs": jobs, "when": time.strftime("%Y-%m-%d %H:%M:%S"),
           "sections": results, "reference": ref, "errors": errors}
    return run


def save_costs(run: dict, path: Path = ROOT / "tools" / "costs.json") -> str:
    """Write the sections' CPU seconds as render.py's first-run estimates (tools/costs.json)."""
    from lecture.sections import SECTIONS
    secs = run.get("sections") or {}
    if run.get("quality") != "1080p" or run.get("profiled") or set(secs) != {s.name for s in SECTIONS}:
        return "costs not saved: they need an unprofiled 1080p run of every section"
    costs = {"note": "CPU seconds per section at 1080p30, one process each "
                     "(bench/bench_sections.py --save-costs)",
             "scene": {name: round(r["cpu_s"], 1) for name, r in sorted(secs.items())}}
    path.write_text(json.dumps(costs, indent=1) + "\n", encoding="utf-8")
    return f"costs saved to {path.relative_to(ROOT)}"


def store(run: dict, path: Path = RESULTS) -> dict:
    """Merge ``run`` into the stored results of its quality (sections measured earlier and not
    now are kept, so ``--only`` adds to a full run); returns the merged run."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        data = json.loads(path.read_text())
    except (OSError, ValueError):
        data = {}
    old = data.get(run["quality"]) or {}
    merged = dict(run)
    if old.get("profiled") == run["profiled"]:
        merged["sections"] = {**old.get("sections", {}), **run["sections"]}
        merged["reference"] = run["reference"] or old.get("reference")
    data[run["quality"]] = merged
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(data, indent=1, ensure_ascii=False))
    os.replace(tmp, path)
    return merged


def table(run: dict) -> str:
    ref = run.get("reference") or {}
    ref_fps = ref.get("fps_cpu") or 0.0
    secs = sorted(run["sections"].values(), key=lambda s: s["number"])
    prof = run["profiled"]
    head = (f"  {'section':<24}{'frames':>7}{'CPU s':>8}{'wall s':>8}{'fr/CPU s':>9}"
            f"{'vs ref':>8}")
    if prof:
        head += "".join(f"{c + ' %':>9}" for c in SHOWN)
    lines = [head]

    def row(name, r):
        s = (f"  {name:<24}{r['frames']:>7}{r['cpu_s']:>8.1f}{r['wall_s']:>8.1f}"
             f"{r['fps_cpu']:>9.1f}")
        s += f"{r['fps_cpu'] / ref_fps:>7.2f}x" if ref_fps else f"{'-':>8}"
        if prof and "shares" in r:
            s += "".join(f"{100 * r['shares'][c]:>9.1f}" for c in SHOWN)
        return s

    for r in secs:
        lines.append(row(r["name"], r))
    if secs:
        frames = sum(r["frames"] for r in secs)
        cpu = sum(r["cpu_s"] for r in secs)
        wall = sum(r["wall_s"] for r in secs)
        all_ = {"frames": frames, "cpu_s": cpu, "wall_s": wall, "fps_cpu": frames / cpu}
        if prof:
            tot = sum(r["profile_s"] for r in secs)
            all_["shares"] = {c: sum(r["profile_s"] * r["shares"][c] for r in secs) / tot
                              for c in SHOWN}
        lines.append(row(f"all {len(secs)}", all_))
    if ref:
        lines.append(row(f"reference ({ref['seconds_of_video']:.0f} s)", ref))
    cap = (f"{len(secs)} section(s) at {run['quality']} ({run['lang']}), one process each"
           + (", under cProfile" if prof else "") + f"; reference: plain Manim, "
           + (f"{ref_fps:.1f} frames per CPU second" if ref_fps else "not measured"))
    return cap + "\n" + "\n".join(lines)


def costs(run: dict, n: int = 3) -> str:
    """The biggest costs per section, by own time and by category entry."""
    out = []
    items = sorted(run["sections"].values(), key=lambda s: s["number"])
    if run.get("reference"):
        items.append({**run["reference"], "name": "reference"})
    for r in items:
        if "top" not in r:
            continue
        own = "; ".join(f"{f} {100 * s:.0f}%" for f, s in r["top"]["own"][:n])
        ent = "; ".join(f"{f} [{c}] {100 * s:.0f}%" for f, c, s in r["top"]["entries"][:n])
        out.append(f"  {r['name']}\n    own time:  {own}\n    inclusive: {ent}")
    return "biggest costs (share of the profiled time)\n" + "\n".join(out)


def pick(only: str | None):
    from lecture.sections import SECTIONS
    if not only:
        return list(SECTIONS)
    want = {int(x) for x in only.replace(" ", "").split(",") if x}
    bad = want - {s.number for s in SECTIONS}
    if bad:
        raise SystemExit(f"no such section: {', '.join(map(str, sorted(bad)))}")
    return [s for s in SECTIONS if s.number in want]


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quality", default="1080p", help="test, preview, 720p or 1080p (default)")
    ap.add_argument("--only", help="sections by number, e.g. 7,10 (default: all)")
    ap.add_argument("--jobs", type=int, default=1,
                    help="sections profiled at once (default 1: one process, no sharing)")
    ap.add_argument("--lang", default="zh")
    ap.add_argument("--no-profile", action="store_true", help="time only, no cProfile")
    ap.add_argument("--no-reference", action="store_true")
    ap.add_argument("--costs", type=int, default=3, help="biggest costs listed per section")
    ap.add_argument("--keep", type=Path, help="keep each section's MP4 in this folder")
    ap.add_argument("--save-costs", action="store_true",
                    help="write the measured CPU seconds to tools/costs.json (1080p, unprofiled, "
                         "all sections): the order render.py starts sections in on a first run")
    a = ap.parse_args(argv)
    from render import QUALITIES
    if a.quality not in QUALITIES:
        raise SystemExit(f"unknown quality {a.quality!r}; allowed: {', '.join(QUALITIES)}")
    secs = pick(a.only)
    print(f"profiling {len(secs)} section(s) at {a.quality}, {a.jobs} at a time ...", flush=True)
    run = store(run_sections(secs, a.quality, a.jobs, not a.no_profile, not a.no_reference,
                             a.lang, a.keep))
    if a.save_costs:
        print(save_costs(run))
    print()
    print(table(run))
    if run["profiled"] and a.costs:
        print()
        print(costs(run, a.costs))
    if run["sections"]:
        print()
        print(schedule.report(run))
    if run["errors"]:
        print("\nfailed: " + "; ".join(f"{k}: {v}" for k, v in run["errors"].items()))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
