#!/usr/bin/env python3
"""The reference for the per-section benchmark: a plain Manim scene, written the way the manim
documentation teaches it: a tangent driven by a ValueTracker, three updaters (the point, the
tangent, the readout) and a DecimalNumber readout re-set every frame (``mob_class=Text``: there is
no LaTeX here). Nothing of the project's own is used, so its frames per second say what manim
itself does on this machine.

    python bench/reference_scene.py --seconds 30 --quality 1080p --out-file ref.mp4 --media-dir M
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402
from manim import (BLUE, LEFT, UL, YELLOW, Axes, DecimalNumber, Dot, Line, Scene, Text,  # noqa: E402
                   ValueTracker, linear, tempconfig)


def f(x):
    return x ** 3 / 3 - x


def df(x):
    return x ** 2 - 1


class ReferenceTangent(Scene):
    seconds = 30.0   # the length of the video (two sweeps of half of it each)

    def construct(self):
        ax = Axes(x_range=[-3, 3, 1], y_range=[-3, 3, 1], x_length=10, y_length=6)
        curve = ax.plot(f, x_range=[-2.6, 2.6], color=BLUE)
        x = ValueTracker(-2.5)

        def at():
            return ax.c2p(x.get_value(), f(x.get_value()))

        def tangent_ends():
            p = at()
            d = ax.c2p(x.get_value() + 1, f(x.get_value()) + df(x.get_value())) - p
            d = d / np.linalg.norm(d)
            return p - 1.5 * d, p + 1.5 * d

        dot = Dot(at(), color=YELLOW)
        dot.add_updater(lambda m: m.move_to(at()))
        tangent = Line(*tangent_ends(), color=YELLOW)
        tangent.add_updater(lambda m: m.put_start_and_end_on(*tangent_ends()))
        name = Text("slope =", font_size=36).to_corner(UL)
        readout = DecimalNumber(df(x.get_value()), num_decimal_places=3, include_sign=True,
                                mob_class=Text, font_size=36).next_to(name)
        readout.add_updater(lambda m: m.set_value(df(x.get_value())))
        readout.edge_to_fix = LEFT
        self.add(ax, curve, tangent, dot, name, readout)
        half = self.seconds / 2
        self.play(x.animate.set_value(2.5), run_time=half, rate_func=linear)
        self.play(x.animate.set_value(-2.5), run_time=half, rate_func=linear)


def render(seconds: float, quality: str, out_file: Path, media_dir: Path) -> Path:
    from render import QUALITIES
    w, h, fps = QUALITIES[quality]
    media_dir.mkdir(parents=True, exist_ok=True)
    with tempconfig({"pixel_width": w, "pixel_height": h, "frame_rate": fps,
                     "media_dir": str(media_dir), "output_file": "ReferenceTangent",
                     "disable_caching": True, "progress_bar": "none", "verbosity": "WARNING",
                     "write_to_movie": True, "format": "mp4"}):
        scene = ReferenceTangent()
        scene.seconds = float(seconds)
        scene.render()
        movie = Path(scene.renderer.file_writer.movie_file_path)
    out_file.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(movie, out_file)
    return out_file


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--seconds", type=float, default=30.0)
    ap.add_argument("--quality", default="1080p")
    ap.add_argument("--out-file", required=True)
    ap.add_argument("--media-dir", required=True)
    a = ap.parse_args()
    print(f"wrote {render(a.seconds, a.quality, Path(a.out_file), Path(a.media_dir))}")


if __name__ == "__main__":
    main()
