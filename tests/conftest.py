"""Shared test helpers: render a target at test size, probe a video."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def run_cli(*args, check=False, env=None, timeout=900) -> subprocess.CompletedProcess:
    """Run ``python render.py ARGS`` and return the completed process (text output)."""
    r = subprocess.run([sys.executable, str(ROOT / "render.py"), *map(str, args)],
                       capture_output=True, text=True, cwd=ROOT, env=env, timeout=timeout)
    if check and r.returncode != 0:
        raise AssertionError(f"render.py {' '.join(map(str, args))} failed ({r.returncode}):\n"
                             f"{r.stdout}\n{r.stderr}")
    return r


def probe(path: Path) -> dict:
    """width, height, fps, duration (s) and decoded frame count of a video."""
    import av
    with av.open(str(path)) as c:
        s = c.streams.video[0]
        n = sum(1 for _ in c.decode(video=0))
        dur = float(s.duration * s.time_base) if s.duration else float(c.duration) / 1e6
        return {"width": s.codec_context.width, "height": s.codec_context.height,
                "fps": float(s.average_rate), "duration": dur, "frames": n}


@pytest.fixture(scope="session")
def scene_build(tmp_path_factory):
    """Render scenes at the 'test' quality once per session, into one folder; returns a function
    ``render(section_number, lang="zh") -> Path`` of the MP4."""
    out = tmp_path_factory.mktemp("scene-build")
    cache: dict = {}

    def render(section: int, lang: str = "zh") -> Path:
        key = (section, lang)
        if key not in cache:
            # zh: every section at once on the first call, in parallel (one process per core)
            which = [] if lang == "zh" else [section]
            run_cli("scenes", *which, "--quality", "test", "--lang", lang, "--out", out,
                    check=True)
            for p in sorted((out / "videos" / lang / "test").glob("[0-9][0-9]_*.mp4")):
                if "-custom-" not in p.name:
                    cache[(int(p.name[:2]), lang)] = p
        return cache[key]

    return render
