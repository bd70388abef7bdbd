"""Join the section videos, in order, into one MP4 with a chapter per section."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import threading
from pathlib import Path


def ffmpeg_exe() -> str:
    import imageio_ffmpeg
    return imageio_ffmpeg.get_ffmpeg_exe()


def run_ffmpeg(args: list[str], tmp: Path | None = None):
    """ffmpeg ``args`` (quiet, overwriting); on failure ``tmp`` is removed and the error's last
    line raised."""
    r = subprocess.run([ffmpeg_exe(), "-v", "error", "-y", *map(str, args)],
                       capture_output=True, text=True)
    if r.returncode != 0:
        if tmp is not None and tmp.exists():
            tmp.unlink()
        tail = (r.stderr.strip().splitlines() or ["?"])[-1]
        raise RuntimeError(f"ffmpeg failed: {tail}")


def last_frame(video: Path, png: Path) -> Path:
    """``video``'s last frame as a PNG, written under a temporary name, then renamed."""
    tmp = png.with_name(f".{png.name}.tmp-{os.getpid()}")
    # from 1 s before the end, each frame overwrites the last: what stays is the final one
    run_ffmpeg(["-sseof", "-1", "-i", video, "-update", "1", "-c:v", "png", "-f", "image2", tmp],
               tmp)
    os.replace(tmp, png)
    return png


def frame_rate(video: Path) -> str:
    """``video``'s frame rate as ffmpeg writes a rate ("30/1"): the encoder's, which H.264
    stores (guessed from the time stamps otherwise)."""
    import av
    with av.open(str(video)) as c:
        s = c.streams.video[0]
        rate = s.codec_context.framerate or s.base_rate
    return f"{rate.numerator}/{rate.denominator}"


def constant_rate(video: Path) -> list[str]:
    """ffmpeg output options that re-encode ``video`` at its frame rate with every frame: a
    section video stores a still stretch as two samples (tools/encode.py), and a cut of it
    must hold the still for as long as the section does."""
    return ["-fps_mode", "cfr", "-r", frame_rate(video)]


def write_text(path: Path, text: str) -> Path:
    """``text`` into ``path`` under a temporary name, then renamed: complete or absent."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)
    return path


def duration(path: Path) -> float:
    """A video's duration in seconds, from its container."""
    import av
    with av.open(str(path)) as c:
        s = c.streams.video[0]
        if s.duration is not None and s.time_base is not None:
            return float(s.duration * s.time_base)
        return float(c.duration) / 1_000_000


def _dies_with_parent():
    """preexec_fn (Linux, single-threaded parent only): ffmpeg gets SIGKILL if we are killed, so
    a killed render leaves no ffmpeg writing on."""
    import ctypes
    ctypes.CDLL(None).prctl(1, int(signal.SIGKILL), 0, 0, 0)  # PR_SET_PDEATHSIG = 1


def _escape(s: str) -> str:
    for ch in ("\\", "=", ";", "#", "\n"):
        s = s.replace(ch, "\\" + ch)
    return s


def concat_with_chapters(videos: list[Path], titles: list[str], out: Path, title: str = ""):
    """Write ``out`` (atomically) from ``videos`` with one chapter per video named by ``titles``."""
    missing = [str(v) for v in videos if not Path(v).exists()]
    if missing:
        raise FileNotFoundError(f"missing section video(s): {', '.join(missing)}")
    out.parent.mkdir(parents=True, exist_ok=True)
    # the temporary folder is named .NAME.tmp-PID like every temporary file under build/, so a
    # killed run's leftovers are swept at the next start (render.sweep_stale)
    td = out.with_name(f".{out.name}.tmp-{os.getpid()}")
    shutil.rmtree(td, ignore_errors=True)
    td.mkdir()
    try:
        lst = td / "list.txt"
        lst.write_text("".join(f"file '{Path(v).resolve().as_posix()}'\n" for v in videos))
        meta = [";FFMETADATA1", f"title={_escape(title)}"]
        t = 0.0
        for v, name in zip(videos, titles):
            d = duration(Path(v))
            meta += ["[CHAPTER]", "TIMEBASE=1/1000", f"START={round(t * 1000)}",
                     f"END={round((t + d) * 1000)}", f"title={_escape(name)}"]
            t += d
        (td / "meta.txt").write_text("\n".join(meta) + "\n")
        tmp = td / "lecture.mp4"
        cmd = [ffmpeg_exe(), "-y", "-loglevel", "error", "-f", "concat", "-safe", "0",
               "-i", str(lst), "-i", str(td / "meta.txt"), "-map", "0", "-map_metadata", "1",
               "-map_chapters", "1", "-c", "copy", "-movflags", "+faststart", str(tmp)]
        pre = (_dies_with_parent if sys.platform.startswith("linux")
               and threading.active_count() == 1 else None)
        r = subprocess.run(cmd, capture_output=True, text=True, preexec_fn=pre)
        if r.returncode != 0 or not tmp.exists():
            last = (r.stderr.strip().splitlines() or ["ffmpeg failed"])[-1]
            raise RuntimeError(f"assembling the lecture failed: {last}")
        os.replace(tmp, out)
    finally:
        shutil.rmtree(td, ignore_errors=True)
    return out


def chapters(path: Path) -> list[tuple[float, float, str]]:
    """(start, end, title) of each chapter in an MP4."""
    import av
    with av.open(str(path)) as c:
        return [(float(ch["start"] * ch["time_base"]), float(ch["end"] * ch["time_base"]),
                 ch["metadata"].get("title", "")) for ch in c.chapters()]
