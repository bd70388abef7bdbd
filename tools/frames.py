"""Extract frames of a video or GIF as PNG, to look at them: python -m tools.frames FILE [N]

Writes FILE-stem_frame_<i>.png beside FILE (or into --dir): the pictures shown at N evenly
spaced times, the last frame always included (a section video stores a still as two samples,
so frames are picked by time, not by their place in the file; <i> is the frame number at the
video's rate).
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np


def read_frames(path: Path) -> list:
    return [a for _, a in read_timed(path)]


def read_timed(path: Path) -> list:
    """[(time s, RGB array)] of every stored frame (a GIF's frames at their own times)."""
    import av
    with av.open(str(path)) as c:
        return [(float(f.time or 0.0), f.to_ndarray(format="rgb24")) for f in c.decode(video=0)]


def extract(path: Path, n: int = 4, out_dir: Path | None = None) -> list[Path]:
    from PIL import Image
    frames = read_timed(path)
    times = [t for t, _ in frames]
    last = times[-1]
    rate = (len(frames) - 1) / last if last > 0 else 1.0
    if path.suffix.lower() == ".mp4":
        import av
        with av.open(str(path)) as c:
            s = c.streams.video[0]
            rate = float(s.codec_context.framerate or s.base_rate or rate)
    picks = {}
    for t in np.linspace(0, last, n):
        k = int(np.searchsorted(times, t + 1e-9, side="right")) - 1   # shown at time t
        picks[round(t * rate)] = max(k, 0)
    out_dir = out_dir or path.parent
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for i, k in sorted(picks.items()):
        p = out_dir / f"{path.stem}_frame_{i:04d}.png"
        Image.fromarray(frames[k][1]).save(p)
        written.append(p)
    return written


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("file", type=Path)
    ap.add_argument("n", type=int, nargs="?", default=4)
    ap.add_argument("--dir", type=Path, default=None)
    a = ap.parse_args()
    for p in extract(a.file, a.n, a.dir):
        print(p)
