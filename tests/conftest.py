"""Shared test helpers: render a target at test size, probe a video."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from lecture.sections import SECTIONS

ROOT = Path(__file__).resolve().parents[1]


def run_cli(*args, check=False, env=None, timeout=900) -> subprocess.CompletedProcess:
    """Run ``python render.py ARGS`` and return the completed process (text output)."""
    r = subprocess.run([sys.executable, str(ROOT / "render.py"), *map(str, args)],
                       capture_output=True, text=True, cwd=ROOT, env=env, timeout=timeout)
    if check and r.returncode != 0:
        raise AssertionError(f"render.py {' '.join(map(str, args))} failed ({r.returncode}):\n"
                             f"{r.stdout}\n{r.stderr}")
    return r


def write_samples(path: Path, fps: int, samples) -> Path:
    """An H.264 MP4 of ``samples``, (frame number, RGB array) pairs, each stored at its frame's
    time: a picture held from one sample to the next is stored once, as the scene worker stores
    a still (tools/encode.py, whose x264 options it uses)."""
    from fractions import Fraction

    import av

    from tools.encode import ENCODER
    samples = list(samples)
    h, w = samples[0][1].shape[:2]
    with av.open(str(path), "w") as c:
        st = c.add_stream("libx264", rate=fps, options=ENCODER)
        st.width, st.height, st.pix_fmt = w, h, "yuv420p"
        for k, img in samples:
            f = av.VideoFrame.from_ndarray(img, format="rgb24").reformat(format="yuv420p")
            f.pts, f.time_base = k, Fraction(1, fps)
            for pk in st.encode(f):
                c.mux(pk)
        for pk in st.encode():
            c.mux(pk)
    return path


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
            own = {s.name for s in SECTIONS}     # the lecture's own example: plain names
            for p in sorted((out / "videos" / lang / "test").glob("[0-9][0-9]_*.mp4")):
                if p.stem in own:
                    cache[(int(p.name[:2]), lang)] = p
        return cache[key]

    return render


class Running:
    """``python render.py ARGS`` started in the background, its stdout read line by line (in a
    thread, so a wait has a ceiling instead of blocking forever)."""

    def __init__(self, *args, env_extra: dict | None = None):
        import os
        import queue
        import threading
        env = dict(os.environ, **(env_extra or {}))
        self.proc = subprocess.Popen([sys.executable, str(ROOT / "render.py"), *map(str, args)],
                                     cwd=ROOT, env=env, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, text=True)
        self.pid = self.proc.pid
        self.lines: list[str] = []
        self._q: queue.Queue = queue.Queue()
        self._err: list[str] = []

        def pump(stream, sink):
            for line in stream:
                sink(line.rstrip("\n"))
            if stream is self.proc.stdout:
                self._q.put(None)

        self._threads = [
            threading.Thread(target=pump, args=(self.proc.stdout, self._q.put), daemon=True),
            threading.Thread(target=pump, args=(self.proc.stderr, self._err.append), daemon=True)]
        for t in self._threads:
            t.start()

    def wait_line(self, pattern: str, ceiling: float = 300):
        """The first stdout line (from now on) matching the regex ``pattern``, as a match."""
        import queue
        import re
        import time
        deadline = time.monotonic() + ceiling
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError(f"no line matching {pattern!r} within {ceiling} s:\n"
                                     + "\n".join(self.lines))
            try:
                line = self._q.get(timeout=left)
            except queue.Empty:
                continue
            if line is None:
                raise AssertionError(f"render.py ended before a line matching {pattern!r}:\n"
                                     + "\n".join(self.lines) + "\n" + "\n".join(self._err))
            self.lines.append(line)
            m = re.search(pattern, line)
            if m:
                return m

    def finish(self, ceiling: float = 300) -> tuple[int, str, str]:
        """Wait for the end: (exit code, all stdout, all stderr)."""
        self.proc.wait(timeout=ceiling)
        for t in self._threads:  # the pipes close when the process (and what inherited them) ends
            t.join(timeout=60)
        while not self._q.empty():
            item = self._q.get()
            if item is not None:
                self.lines.append(item)
        return self.proc.returncode, "\n".join(self.lines), "\n".join(self._err)


def wait_gone(pid: int, ceiling: float, what: str):
    """Wait for process ``pid`` to end: an event from the kernel (a pidfd turns readable when the
    process exits, a zombie included), no polling; fail after ``ceiling`` seconds."""
    import os
    import select
    try:
        fd = os.pidfd_open(pid)
    except ProcessLookupError:
        return                      # already gone (and reaped)
    try:
        ready, _, _ = select.select([fd], [], [], ceiling)
        if not ready:
            raise AssertionError(f"{what}: not within {ceiling} s")
    finally:
        os.close(fd)


class Hold:
    """The test's end of render.py's hold hook (CALCANIM_TEST_HOLD): a Unix socket that a worker
    connects to when it reaches a hold point, saying 'PID STAGE', and where it stays paused until
    ``release()``. ``wait()`` blocks on the connection (an event), with a ceiling."""

    def __init__(self, path: Path):
        import socket
        self.path = path
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.bind(str(path))
        self.sock.listen(8)
        self.held: list = []

    def wait(self, ceiling: float = 300) -> tuple[int, str]:
        """The next worker to pause here: (its pid, the stage)."""
        import socket
        self.sock.settimeout(ceiling)
        try:
            conn, _ = self.sock.accept()
            conn.settimeout(ceiling)
            line = conn.makefile("r").readline()
        except socket.timeout:
            raise AssertionError(f"no worker paused at {self.path} within {ceiling} s") from None
        self.held.append(conn)
        pid, stage = line.split()
        return int(pid), stage

    def release(self):
        """Let every paused worker go on."""
        for conn in self.held:
            conn.close()
        self.held.clear()

    def close(self):
        self.release()
        self.sock.close()


def pytest_collection_modifyitems(config, items):
    """A test that asks for rendered scenes (the scene_build fixture) renders: it is marked
    ``render`` even where its module forgot, so ``make test-fast`` (-m "not render") skips it."""
    for item in items:
        if "scene_build" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.render)
