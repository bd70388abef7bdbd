#!/usr/bin/env python3
"""make bench: every benchmark reports a ratio against a baseline measured in the same run.

1. The lecture at preview quality: wall time with one process (the baseline) and with all
   cores, frames rendered per second, and a second run with nothing changed (the cache).
2. The GIF writer against matplotlib's FuncAnimation.save(writer=PillowWriter) on one
   synthetic animation, with palette variants (bench_writer.py).
3. The same comparison on every lecture GIF, with each GIF's error against the exact
   frames (bench_gifs.py).
4. Every section profiled in one process (default 1080p): frames per CPU second, the share of
   time spent building text, in become()/align, drawing, encoding; a plain Manim reference scene
   measured in the same run, each section's speed as a ratio of it; and a schedule simulation
   (longest first, whole and split sections) for 1, 2, 16 and 64 cores (bench_sections.py,
   schedule.py).

    python bench/run.py [--quality Q] [--skip-lecture] [--skip-writer] [--skip-gifs]
                        [--skip-sections]
    python bench/run.py --sections [--quality 1080p] [--only 7,10] [--jobs 1]   (part 4 only)

--quality is the lecture's (default preview) and the sections' (default 1080p).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _render(out: Path, quality: str, jobs: int, force: bool) -> float:
    t0 = time.perf_counter()
    subprocess.run([sys.executable, str(ROOT / "render.py"), "scenes", "--quality", quality,
                    "--jobs", str(jobs), "--out", str(out)] + (["--force"] if force else []),
                   check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
    return time.perf_counter() - t0


def _frames(folder: Path) -> int:
    import av
    n = 0
    for p in sorted(folder.glob("*.mp4")):
        with av.open(str(p)) as c:
            n += c.streams.video[0].frames or sum(1 for _ in c.decode(video=0))
    return n


def bench_lecture(quality: str):
    cores = os.cpu_count() or 1
    with tempfile.TemporaryDirectory(prefix="bench-") as td:
        out = Path(td)
        one = _render(out, quality, 1, True)
        frames = _frames(out / "videos" / "zh" / quality)
        many = _render(out, quality, cores, True)
        cached = _render(out, quality, cores, False)
    print(f"\nlecture, 12 sections at {quality} ({frames} frames), {cores} core(s)")
    print(f"  {'run':<28}{'wall s':>9}{'frames/s':>10}{'vs 1 process':>14}")
    print(f"  {'1 process (baseline)':<28}{one:>9.1f}{frames / one:>10.1f}{1.0:>13.2f}x")
    print(f"  {f'{cores} processes':<28}{many:>9.1f}{frames / many:>10.1f}{one / many:>13.2f}x")
    print(f"  {'again, nothing changed':<28}{cached:>9.1f}{'':>10}{one / cached:>13.1f}x")


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quality", help="default: preview for the lecture, 1080p for the sections")
    ap.add_argument("--skip-lecture", action="store_true")
    ap.add_argument("--skip-writer", action="store_true")
    ap.add_argument("--skip-gifs", action="store_true")
    ap.add_argument("--skip-sections", action="store_true")
    ap.add_argument("--sections", action="store_true",
                    help="only profile the sections (part 4)")
    ap.add_argument("--only", help="the sections to profile, e.g. 7,10 (default: all)")
    ap.add_argument("--jobs", type=int, default=1,
                    help="sections profiled at once (default 1)")
    a = ap.parse_args()
    if a.sections:
        a.skip_writer = a.skip_gifs = a.skip_lecture = True
    if not a.skip_writer:
        subprocess.run([sys.executable, str(ROOT / "bench" / "bench_writer.py")], check=True,
                       cwd=ROOT)
    if not a.skip_gifs:
        print()
        subprocess.run([sys.executable, str(ROOT / "bench" / "bench_gifs.py")], check=True,
                       cwd=ROOT)
    if not a.skip_lecture:
        bench_lecture(a.quality or "preview")
    if not a.skip_sections:
        print(flush=True)
        cmd = [sys.executable, str(ROOT / "bench" / "bench_sections.py"),
               "--quality", a.quality or "1080p", "--jobs", str(a.jobs)]
        subprocess.run(cmd + (["--only", a.only] if a.only else []), check=True, cwd=ROOT)


if __name__ == "__main__":
    main()
