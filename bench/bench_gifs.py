"""Benchmark the lecture's own slide GIFs: write_gif against FuncAnimation + PillowWriter.

Run from the repo root:  python bench/bench_gifs.py [--width 640] [--lang zh] [--only a,b]

For every animation in `make gifs` both writers render the same frames (a fresh
build of the same source, same size and fps); ours writes the GIF only, like
PillowWriter. Reports wall time and GIF size with the ratios, and how far each
GIF's decoded frames are from the exact rendered frames (mean absolute error per
colour channel, 0-255): smaller must not mean worse. One run each: a measurement,
not a test.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import math
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import matplotlib  # noqa: E402

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from matplotlib.animation import FuncAnimation, PillowWriter  # noqa: E402
from PIL import Image  # noqa: E402

from animations.writer import render_frames, write_gif  # noqa: E402
from lecture.sections import GIFS  # noqa: E402


def _decoded(path: Path, fps: float, n: int) -> list[np.ndarray]:
    """The GIF's picture at each of the ``n`` frame times (an encoder may merge
    identical frames into one longer frame; the last one may carry a hold)."""
    out = []
    with Image.open(path) as im:
        for i in range(im.n_frames):
            im.seek(i)
            rgb = np.asarray(im.convert("RGB"))
            repeat = max(1, round(im.info.get("duration", 1000 / fps) * fps / 1000))
            out.extend([rgb] * repeat)
    return out[:n]


def gif_error(path: Path, exact: list[np.ndarray], fps: float) -> float:
    """Mean absolute error per colour channel (0-255) of a GIF's frames from ``exact``."""
    got = _decoded(path, fps, len(exact))
    if len(got) != len(exact):
        return float("nan")
    return float(np.mean([np.abs(g.astype(np.int16) - e).mean()
                          for g, e in zip(got, exact)]))


def bench_one(module: str, lang: str, width: int, out: Path) -> dict:
    m = importlib.import_module(f"animations.{module}")

    src = m.build(lang, width)
    ours = out / f"{module}-ours.gif"
    t0 = time.perf_counter()
    write_gif(src, ours, fps=src.fps, hold_last_s=src.hold_last_s, mp4=False)
    t_ours = time.perf_counter() - t0
    plt.close("all")

    src = m.build(lang, width)
    pil = out / f"{module}-pillow.gif"
    t0 = time.perf_counter()
    anim = FuncAnimation(src.fig, src.update, frames=src.n_frames,
                         init_func=src.init, blit=False)
    anim.save(pil, writer=PillowWriter(fps=src.fps))
    t_pil = time.perf_counter() - t0
    plt.close("all")

    src = m.build(lang, width)
    exact = list(render_frames(src))
    plt.close("all")
    return dict(name=module, frames=len(exact), t_ours=t_ours, t_pil=t_pil,
                s_ours=ours.stat().st_size, s_pil=pil.stat().st_size,
                e_ours=gif_error(ours, exact, src.fps), e_pil=gif_error(pil, exact, src.fps))


def _geomean(xs) -> float:
    return math.exp(sum(math.log(x) for x in xs) / len(xs))


@contextlib.contextmanager
def output_folder(out: Path | None, prefix: str):
    """``out`` (made if needed, kept and named at the end) or a temporary folder removed at
    the end."""
    if out is None:
        with tempfile.TemporaryDirectory(prefix=prefix) as td:
            yield Path(td)
        return
    out.mkdir(parents=True, exist_ok=True)
    yield out
    print(f"\noutputs kept in {out}")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--width", type=int, default=640)
    ap.add_argument("--lang", default="zh", choices=("zh", "en"))
    ap.add_argument("--only", default="", help="comma-separated module names")
    ap.add_argument("--out", type=Path, default=None, help="keep the GIFs in this folder")
    args = ap.parse_args(argv)
    names = [g.module for g in GIFS]
    if args.only:
        wanted = [n.strip() for n in args.only.split(",") if n.strip()]
        unknown = sorted(set(wanted) - set(names))
        if unknown:
            ap.error(f"unknown animation(s): {', '.join(unknown)}; known: {', '.join(names)}")
        names = [n for n in names if n in wanted]

    with output_folder(args.out, "bench_gifs_") as out:
        _bench(args, names, out)


def _bench(args, names, out: Path):
    print(f"lecture GIFs, {args.lang}, {args.width} px wide: write_gif (GIF only) vs "
          "FuncAnimation.save(PillowWriter), one run each")
    hdr = (f"  {'animation':<21}{'frames':>7}{'ours s':>8}{'Pillow s':>9}{'faster':>8}"
           f"{'ours kB':>9}{'Pillow kB':>10}{'smaller':>9}{'error ours/Pillow':>19}")
    print(hdr)
    print("  " + "-" * (len(hdr) - 2))
    rows = []
    for name in names:
        r = bench_one(name, args.lang, args.width, out)
        rows.append(r)
        print(f"  {r['name']:<21}{r['frames']:>7}{r['t_ours']:>8.1f}{r['t_pil']:>9.1f}"
              f"{r['t_pil'] / r['t_ours']:>7.1f}x{r['s_ours'] / 1024:>9.1f}"
              f"{r['s_pil'] / 1024:>10.1f}{r['s_pil'] / r['s_ours']:>8.1f}x"
              f"{r['e_ours']:>11.2f} / {r['e_pil']:.2f}", flush=True)
    if rows:
        t_o, t_p = sum(r["t_ours"] for r in rows), sum(r["t_pil"] for r in rows)
        s_o, s_p = sum(r["s_ours"] for r in rows), sum(r["s_pil"] for r in rows)
        print("  " + "-" * (len(hdr) - 2))
        print(f"  {'all':<21}{sum(r['frames'] for r in rows):>7}{t_o:>8.1f}{t_p:>9.1f}"
              f"{t_p / t_o:>7.1f}x{s_o / 1024:>9.1f}{s_p / 1024:>10.1f}{s_p / s_o:>8.1f}x")
        print(f"  geometric mean of the ratios: {_geomean([r['t_pil'] / r['t_ours'] for r in rows]):.1f}x "
              f"faster, {_geomean([r['s_pil'] / r['s_ours'] for r in rows]):.1f}x smaller")


if __name__ == "__main__":
    main()
