"""Shared test helpers: render a target at test size, probe a video."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
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


def data_under(module: str, params: dict, as_arrays: bool = True) -> dict:
    """A module's ``data()`` computed in a fresh process with the lecturer's options set the way
    render.py sets them (CALCANIM_PARAMS): its numeric and boolean entries, as numpy arrays (or as
    the decoded JSON with ``as_arrays=False``)."""
    import json
    import os
    code = ("import json, importlib, numpy as np; m = importlib.import_module(%r); d = m.data(); "
            "print(json.dumps({k: np.asarray(v).tolist() for k, v in d.items() "
            "if np.asarray(v).dtype.kind in 'fib'}))" % module)
    env = dict(os.environ, CALCANIM_PARAMS=json.dumps(params))
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                       env=env, check=True)
    d = json.loads(r.stdout.strip().splitlines()[-1])
    return {k: np.asarray(v) for k, v in d.items()} if as_arrays else d
