"""Benchmark animations.writer.write_gif against FuncAnimation + PillowWriter.

Run from the repo root:  python bench/bench_writer.py [--repeat N] [--out DIR]

Both writers render the same animation (a curve, a moving point, its tangent
segment and a text readout; 640x400 px, 120 frames at 20 fps). Reports wall
time, CPU time (this process + ffmpeg; the steadier number on a busy
machine) and file size (median of --repeat runs) with the ratios, then the
GIF size for a few dither / palette settings. A measurement, not a test.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import matplotlib  # noqa: E402

matplotlib.use("Agg")

import numpy as np  # noqa: E402
from matplotlib.animation import FuncAnimation, PillowWriter  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from animations.writer import render_frames, write_gif  # noqa: E402
from bench.bench_gifs import gif_error, output_folder  # noqa: E402

FPS = 20
N_FRAMES = 120


def f(x):
    return np.sin(x) + 0.3 * np.sin(3 * x)


def df(x):
    return np.cos(x) + 0.9 * np.cos(3 * x)


class TangentSource:
    """A point sliding along a curve with its tangent and a slope readout."""

    n_frames = N_FRAMES

    def __init__(self, n_frames: int = N_FRAMES):
        self.n_frames = n_frames
        self.fig = Figure(figsize=(6.4, 4.0), dpi=100)
        ax = self.ax = self.fig.add_subplot()
        x = np.linspace(0, 2 * np.pi, 600)
        ax.plot(x, f(x), color="#1f77b4", lw=2.2, label="f(x)")
        ax.axhline(0, color="0.6", lw=0.8)
        ax.set_xlim(0, 2 * np.pi)
        ax.set_ylim(-1.8, 1.8)
        ax.set_xlabel("x")
        ax.set_ylabel("y")
        ax.set_title("The derivative is the slope of the tangent")
        ax.grid(True, color="0.9")
        ax.legend(loc="upper right")
        self.fig.tight_layout()
        self.xs = np.linspace(0.2, 2 * np.pi - 0.2, n_frames)

    def init(self):
        ax = self.ax
        (self.tangent,) = ax.plot([], [], color="#d62728", lw=2.0)
        (self.point,) = ax.plot([], [], "o", color="#d62728", ms=9,
                                mec="white", mew=1.5, zorder=5)
        self.text = ax.text(0.03, 0.95, "", transform=ax.transAxes,
                            va="top", fontsize=12, family="monospace",
                            bbox=dict(fc="white", ec="0.7", boxstyle="round"))
        return [self.tangent, self.point, self.text]

    def update(self, i):
        x0 = self.xs[i]
        y0, m = f(x0), df(x0)
        h = 0.9 / np.sqrt(1 + m * m)  # constant segment length
        self.tangent.set_data([x0 - h, x0 + h], [y0 - m * h, y0 + m * h])
        self.point.set_data([x0], [y0])
        self.text.set_text(f"x  = {x0:5.2f}\nf'(x) = {m:+5.2f}")
        return [self.tangent, self.point, self.text]


def _cpu() -> float:
    """CPU seconds used by this process and its finished children (ffmpeg)."""
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def _timed(fn) -> tuple[float, float]:
    t0, c0 = time.perf_counter(), _cpu()
    fn()
    return time.perf_counter() - t0, _cpu() - c0


def run_pillow(path: Path) -> tuple[float, float]:
    def go():
        src = TangentSource()
        anim = FuncAnimation(src.fig, src.update, frames=src.n_frames,
                             init_func=src.init, blit=False)
        anim.save(path, writer=PillowWriter(fps=FPS))
    return _timed(go)


def run_ours(path: Path, **kw) -> tuple[float, float]:
    return _timed(lambda: write_gif(TangentSource(), path, fps=FPS, **kw))


def median_time(fn, repeat) -> tuple[float, float]:
    runs = [fn() for _ in range(repeat)]
    return (statistics.median(r[0] for r in runs),
            statistics.median(r[1] for r in runs))


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--out", type=Path, default=None,
                    help="keep the outputs in this folder")
    args = ap.parse_args(argv)

    with output_folder(args.out, "bench_writer_") as out:
        _bench(args, out)


def _bench(args, out: Path):
    pil_gif = out / "pillow.gif"
    our_gif = out / "ours.gif"
    gif_only = out / "ours_gif_only.gif"

    load0 = os.getloadavg()[0] if hasattr(os, "getloadavg") else 0.0
    t_pil = median_time(lambda: run_pillow(pil_gif), args.repeat)
    t_ours = median_time(lambda: run_ours(our_gif), args.repeat)
    t_ours_gif = median_time(lambda: run_ours(gif_only, mp4=False),
                             args.repeat)
    t_ours_noblit = median_time(
        lambda: run_ours(out / "ours_noblit.gif", mp4=False, blit=False),
        args.repeat)

    s_pil = pil_gif.stat().st_size
    s_ours = our_gif.stat().st_size
    s_mp4 = our_gif.with_suffix(".mp4").stat().st_size

    print(f"{N_FRAMES} frames, 640x400 px, {FPS} fps, "
          f"median of {args.repeat} runs; ours holds the last frame 1 s")
    if hasattr(os, "getloadavg"):
        print(f"load average at start/end: {load0:.1f} / {os.getloadavg()[0]:.1f} "
              f"on {os.cpu_count()} CPUs")
    print()
    hdr = (f"{'writer':<34}{'wall s':>8}{'speed-up':>10}{'CPU s':>8}"
           f"{'speed-up':>10}{'GIF kB':>9}{'smaller':>9}")
    print(hdr)
    print("-" * len(hdr))

    def row(name, t, size):
        (wall, cpu), (wall0, cpu0) = t, t_pil
        print(f"{name:<34}{wall:8.2f}{wall0 / wall:9.1f}x{cpu:8.2f}"
              f"{cpu0 / cpu:9.1f}x{size / 1024:9.1f}{s_pil / size:8.1f}x")

    row("FuncAnimation.save(PillowWriter)", t_pil, s_pil)
    row("write_gif (GIF + MP4)", t_ours, s_ours)
    row("write_gif (GIF only)", t_ours_gif, gif_only.stat().st_size)
    row("write_gif (GIF only, blit=False)", t_ours_noblit,
        (out / "ours_noblit.gif").stat().st_size)
    print(f"(MP4 beside the GIF: {s_mp4 / 1024:.1f} kB)")

    print()
    print("GIF size and fidelity by palette settings (write_gif, mp4=False, one run each):")
    variants = [
        ("dither=none, 256 colours", dict(dither="none")),
        ("dither=bayer:bayer_scale=5", dict(dither="bayer:bayer_scale=5")),
        ("dither=bayer:bayer_scale=3", dict(dither="bayer:bayer_scale=3")),
        ("dither=sierra2_4a (ffmpeg default)", dict(dither="sierra2_4a")),
        ("dither=none, 128 colours", dict(dither="none", max_colors=128)),
        ("dither=none, 64 colours", dict(dither="none", max_colors=64)),
        ("dither=none, 32 colours", dict(dither="none", max_colors=32)),
        ("dither=none, stats_mode=diff", dict(dither="none",
                                              stats_mode="diff")),
    ]
    exact = list(render_frames(TangentSource()))
    print(f"  {'(PillowWriter)':<36}{s_pil / 1024:8.1f} kB  {s_pil / s_pil:4.1f}x"
          f"{'':>31}error {gif_error(pil_gif, exact, FPS):.3f}")
    for name, kw in variants:
        p = out / ("v_" + "".join(c if c.isalnum() else "_" for c in name)
                   + ".gif")
        wall, cpu = run_ours(p, mp4=False, **kw)
        size = p.stat().st_size
        print(f"  {name:<36}{size / 1024:8.1f} kB  {s_pil / size:4.1f}x"
              f"  {wall:5.2f} s wall  {cpu:5.2f} s CPU  error {gif_error(p, exact, FPS):.3f}")
    print("  (error: mean absolute difference per colour channel, 0-255, of the GIF's\n"
          "   frames from the exact rendered frames)")



if __name__ == "__main__":
    main()
