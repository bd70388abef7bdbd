"""Extract frames of a video or GIF as PNG, to look at them: python -m tools.frames FILE [N]

Writes FILE-stem_frame_<i>.png beside FILE (or into --dir): N evenly spaced frames, the last
frame always included.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np


def read_frames(path: Path) -> list:
    import av
    with av.open(str(path)) as c:
        return [f.to_ndarray(format="rgb24") for f in c.decode(video=0)]


def extract(path: Path, n: int = 4, out_dir: Path | None = None) -> list[Path]:
    from PIL import Image
    frames = read_frames(path)
    idx = sorted(set(np.linspace(0, len(frames) - 1, n).round().astype(int).tolist()))
    out_dir = out_dir or path.parent
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for i in idx:
        p = out_dir / f"{path.stem}_frame_{i:04d}.png"
        Image.fromarray(frames[i]).save(p)
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
