"""Fast, deterministic GIF (+ MP4) writer for matplotlib animations.

Replaces ``FuncAnimation.save(writer=PillowWriter)``:

* frames are rendered with blitting (static content is drawn once and
  restored from a saved background for every frame) and handed to the
  encoder as raw ``rgb24`` bytes - no PNG round trip;
* all frames go through ONE ffmpeg process (the binary shipped with
  ``imageio-ffmpeg``) which builds a single palette for the whole animation,
  writes the GIF with changed-rectangle frame diffs, and writes an H.264 MP4
  from the same frames;
* the last frame is held for ``hold_last_s`` seconds (a single long GIF delay,
  a cloned tail in the MP4), so the loop pauses on the finished picture;
* outputs are byte-for-byte reproducible (bitexact flags, no metadata, fixed
  encoder thread count) and atomic: they are written to temporary names in
  the destination folder and ``os.replace``-d into place only once ffmpeg has
  succeeded. On any error, or Ctrl-C, ffmpeg is killed and temporaries are
  removed: an output file is either complete or absent.

A *frame source* is any object with::

    fig: matplotlib.figure.Figure
    n_frames: int
    def init(self) -> list[Artist]          # the artists that move
    def update(self, i: int) -> list[Artist]  # set data for frame i
    full_redraw: bool = False               # optional: never blit (e.g. 3D
                                            # axes whose view rotates)
"""

from __future__ import annotations

import math
import os
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator, Protocol, Sequence, runtime_checkable

import numpy as np
from matplotlib.artist import Artist
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import to_rgb
from matplotlib.figure import Figure

__all__ = [
    "FrameSource",
    "WriteResult",
    "render_frames",
    "write_gif",
    "ffmpeg_exe",
]

#: Default GIF dithering. Plots are mostly flat colours; with one global
#: 256-colour palette, ``none`` keeps them crisp and gives the smallest files
#: (error-diffusion dithers add noise that defeats LZW and frame diffs;
#: ``bayer`` adds a visible cross-hatch on anti-aliased edges). Measured in
#: bench/bench_writer.py.
DEFAULT_DITHER = "none"
DEFAULT_MAX_COLORS = 256
#: x264 thread count is fixed so the MP4 is identical on machines with a
#: different number of cores (x264 output depends on its thread count).
X264_THREADS = 2


@runtime_checkable
class FrameSource(Protocol):
    fig: Figure
    n_frames: int

    def init(self) -> Sequence[Artist]: ...

    def update(self, i: int) -> Sequence[Artist]: ...


@dataclass(frozen=True)
class WriteResult:
    gif: Path
    mp4: Path | None
    n_frames: int  # rendered frames (the hold adds no GIF frames)
    width: int  # GIF size in pixels (the MP4 is padded to even dimensions)
    height: int
    seconds: float  # playback duration of one loop, hold included
    gif_bytes: int
    fps: float = 20.0
    hold_last_s: float = 0.0
    mp4_bytes: int | None = None
    elapsed_s: float = 0.0  # wall-clock time write_gif took


# --------------------------------------------------------------------------
# rendering
# --------------------------------------------------------------------------


def _agg_canvas(fig: Figure) -> FigureCanvasAgg:
    canvas = fig.canvas
    if not isinstance(canvas, FigureCanvasAgg):
        canvas = FigureCanvasAgg(fig)  # attaches itself as fig.canvas
    return canvas


def _as_list(artists) -> list[Artist]:
    if artists is None:
        return []
    if isinstance(artists, Artist):
        return [artists]
    return [a for a in artists if a is not None]


def _grab(canvas: FigureCanvasAgg) -> np.ndarray:
    """Current canvas pixels as a fresh HxWx3 uint8 array."""
    rgba = np.asarray(canvas.buffer_rgba())
    alpha = rgba[..., 3]
    if alpha.min() == 255:  # the usual case: opaque figure background
        return np.ascontiguousarray(rgba[..., :3])
    # transparent figure background: composite over white (GIF/MP4 frames
    # are opaque; straight alpha from Agg would otherwise show as garbage).
    a = alpha[..., None].astype(np.uint16)
    rgb = rgba[..., :3].astype(np.uint16)
    return ((rgb * a + 255 * (255 - a) + 127) // 255).astype(np.uint8)


def _zsorted(artists: list[Artist]) -> list[Artist]:
    # stable sort: equal zorder keeps the source's order (like FuncAnimation)
    return sorted(artists, key=lambda a: a.get_zorder())


def render_frames(
    source: FrameSource,
    *,
    blit: bool = True,
    progress: Callable[[int, int], None] | None = None,
) -> Iterator[np.ndarray]:
    """Yield the ``source.n_frames`` frames as HxWx3 uint8 arrays.

    With ``blit=True`` (and no ``source.full_redraw``) the figure is drawn
    once with the moving artists (those returned by ``init``) marked
    animated, the background is saved, and every frame restores it, calls
    ``update(i)`` and draws the moving artists on top in zorder. Every moving
    artist is redrawn each frame (restoring the background erases them), plus
    whatever ``update`` returns. An artist returned by ``update`` that
    ``init`` did not declare is made animated and the background rebuilt.

    Blitting assumes the static content does not change (axes limits, ticks,
    view angle...). Use ``blit=False`` or set ``source.full_redraw = True``
    for sources that change them: every frame is then a full ``draw()``.

    Yielded arrays are fresh copies, safe to keep. ``progress(done, total)``
    is called after each frame.
    """
    fig = source.fig
    canvas = _agg_canvas(fig)
    n = int(source.n_frames)
    blit = blit and not getattr(source, "full_redraw", False)

    moving = _as_list(source.init())
    saved_flags = {id(a): (a, a.get_animated()) for a in moving}
    try:
        if not blit:
            # animated artists are skipped by canvas.draw(): make sure the
            # moving ones are part of the full redraw.
            for a in moving:
                a.set_animated(False)
            for i in range(n):
                source.update(i)
                canvas.draw()
                yield _grab(canvas)
                if progress is not None:
                    progress(i + 1, n)
            return

        known = {id(a) for a in moving}
        for a in moving:
            a.set_animated(True)
        canvas.draw()
        background = canvas.copy_from_bbox(fig.bbox)
        for i in range(n):
            canvas.restore_region(background)
            changed = _as_list(source.update(i))
            new = [a for a in changed if id(a) not in known]
            if new:
                # undeclared moving artist: it is baked into the background.
                for a in new:
                    saved_flags.setdefault(id(a), (a, a.get_animated()))
                    a.set_animated(True)
                    known.add(id(a))
                    moving.append(a)
                canvas.draw()
                background = canvas.copy_from_bbox(fig.bbox)
            for a in _zsorted(moving):
                fig.draw_artist(a)
            yield _grab(canvas)
            if progress is not None:
                progress(i + 1, n)
    finally:
        for a, flag in saved_flags.values():
            a.set_animated(flag)


# --------------------------------------------------------------------------
# encoding
# --------------------------------------------------------------------------


def ffmpeg_exe() -> str:
    """The ffmpeg binary bundled with imageio-ffmpeg (never a system one)."""
    import imageio_ffmpeg

    return imageio_ffmpeg.get_ffmpeg_exe()


def _fmt(x: float) -> str:
    return repr(float(x)) if not float(x).is_integer() else str(int(x))


def _ffmpeg_cmd(
    width: int,
    height: int,
    fps: float,
    hold_last_s: float,
    gif_tmp: Path,
    mp4_tmp: Path | None,
    *,
    dither: str,
    max_colors: int,
    stats_mode: str,
    pad_rgb: tuple[int, int, int],
    crf: int,
    preset: str,
) -> list[str]:
    n_out = 3 if mp4_tmp is not None else 2
    split = f"[0:v]split={n_out}[gsrc][psrc]" + ("[msrc]" if mp4_tmp else "")
    graph = [
        split,
        f"[psrc]palettegen=stats_mode={stats_mode}:max_colors={max_colors}[pal]",
        f"[gsrc][pal]paletteuse=dither={dither}:diff_mode=rectangle[gif]",
    ]
    if mp4_tmp is not None:
        w2, h2 = width + (width & 1), height + (height & 1)
        mp4_chain = []
        if (w2, h2) != (width, height):
            color = "0x{:02X}{:02X}{:02X}".format(*pad_rgb)
            mp4_chain.append(f"pad={w2}:{h2}:0:0:color={color}")
        if hold_last_s > 0:
            mp4_chain.append(
                f"tpad=stop_mode=clone:stop_duration={_fmt(hold_last_s)}"
            )
        mp4_chain.append(
            "scale=out_color_matrix=bt709:out_range=tv"
            ":flags=accurate_rnd+full_chroma_int,format=yuv420p"
        )
        graph.append("[msrc]" + ",".join(mp4_chain) + "[mp4]")

    cmd = [
        ffmpeg_exe(),
        "-hide_banner", "-nostats", "-loglevel", "error", "-y",
        "-f", "rawvideo", "-pix_fmt", "rgb24",
        "-s", f"{width}x{height}", "-framerate", _fmt(fps),
        "-i", "pipe:0",
        "-filter_complex", ";".join(graph),
        # ---- GIF
        "-map", "[gif]", "-map_metadata", "-1",
        "-fflags", "+bitexact", "-flags:v", "+bitexact",
        "-c:v", "gif", "-loop", "0",
    ]
    if hold_last_s > 0:
        # the last frame shows for its own slot plus the hold, in 1/100 s
        cmd += ["-final_delay", str(max(2, round(100 * (1 / fps + hold_last_s))))]
    cmd += ["-f", "gif", str(gif_tmp)]
    if mp4_tmp is not None:
        cmd += [
            "-map", "[mp4]", "-map_metadata", "-1", "-map_chapters", "-1",
            "-fflags", "+bitexact", "-flags:v", "+bitexact",
            "-c:v", "libx264", "-preset", preset, "-crf", str(crf),
            "-pix_fmt", "yuv420p", "-threads", str(X264_THREADS),
            "-colorspace", "bt709", "-color_primaries", "bt709",
            "-color_trc", "bt709", "-color_range", "tv",
            "-movflags", "+faststart",
            "-f", "mp4", str(mp4_tmp),
        ]
    return cmd


def _last_line(text: str) -> str:
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    return lines[-1] if lines else ""


def _tmp_name(final: Path) -> Path:
    return final.with_name(f".{final.name}.tmp-{os.getpid()}")


def _unlink(p: Path | None) -> None:
    if p is None:
        return
    try:
        p.unlink()
    except FileNotFoundError:
        pass
    except OSError:
        pass


def _reserve(tmp: Path) -> None:
    """Create ``tmp`` now so an unwritable folder fails before rendering."""
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    except OSError as e:
        raise type(e)(
            e.errno,
            f"cannot write animation into {str(tmp.parent)!r}: {e.strerror}",
        ) from e
    os.close(fd)


def write_gif(
    source: FrameSource,
    path: str | os.PathLike,
    *,
    fps: float = 20,
    hold_last_s: float = 1.0,
    mp4: bool = True,
    blit: bool = True,
    progress: Callable[[int, int], None] | None = None,
    dither: str = DEFAULT_DITHER,
    max_colors: int = DEFAULT_MAX_COLORS,
    stats_mode: str = "full",
    crf: int = 20,
    preset: str = "medium",
) -> WriteResult:
    """Render ``source`` and write ``path`` (GIF) and, if ``mp4``, the MP4
    with the same stem beside it. Returns a :class:`WriteResult`.

    Raises ``RuntimeError`` (last line of ffmpeg's stderr) if ffmpeg fails and
    ``OSError`` if the folder cannot be written; in both cases - and on any
    exception from the source or a KeyboardInterrupt - nothing is left behind.
    The parent folder must exist.
    """
    t0 = time.perf_counter()
    if fps <= 0:
        raise ValueError(f"fps must be > 0, got {fps!r}")
    if hold_last_s < 0:
        raise ValueError(f"hold_last_s must be >= 0, got {hold_last_s!r}")
    if not 2 <= max_colors <= 256:
        raise ValueError(f"max_colors must be in 2..256, got {max_colors!r}")
    n = int(source.n_frames)
    if n < 1:
        raise ValueError("source.n_frames must be >= 1")

    gif_path = Path(path)
    mp4_path = gif_path.with_suffix(".mp4") if mp4 else None
    gif_tmp = _tmp_name(gif_path)
    mp4_tmp = _tmp_name(mp4_path) if mp4_path is not None else None

    proc: subprocess.Popen | None = None
    errlog = None
    ok = False
    try:
        _reserve(gif_tmp)
        if mp4_tmp is not None:
            _reserve(mp4_tmp)

        fig = source.fig
        face = fig.get_facecolor()
        pad_rgb = tuple(int(round(255 * c)) for c in to_rgb(face))

        frames = render_frames(source, blit=blit, progress=progress)
        width = height = 0
        try:
            for frame in frames:
                if proc is None:
                    height, width = frame.shape[:2]
                    cmd = _ffmpeg_cmd(
                        width, height, fps, hold_last_s, gif_tmp, mp4_tmp,
                        dither=dither, max_colors=max_colors,
                        stats_mode=stats_mode, pad_rgb=pad_rgb,
                        crf=crf, preset=preset,
                    )
                    errlog = tempfile.TemporaryFile()
                    proc = subprocess.Popen(
                        cmd,
                        stdin=subprocess.PIPE,
                        stdout=subprocess.DEVNULL,
                        stderr=errlog,
                    )
                elif frame.shape[:2] != (height, width):
                    raise RuntimeError(
                        f"frame size changed from {width}x{height} to "
                        f"{frame.shape[1]}x{frame.shape[0]}"
                    )
                try:
                    proc.stdin.write(frame.data)
                except (BrokenPipeError, OSError):
                    break  # ffmpeg died; its stderr says why (below)
        finally:
            frames.close()

        assert proc is not None
        try:
            proc.stdin.close()
        except (BrokenPipeError, OSError):
            pass
        rc = proc.wait()
        if rc != 0:
            errlog.seek(0)
            msg = _last_line(errlog.read().decode("utf-8", "replace"))
            raise RuntimeError(
                f"ffmpeg failed (exit code {rc}): {msg or 'no error output'}"
            )

        if mp4_tmp is not None:
            os.replace(mp4_tmp, mp4_path)
        os.replace(gif_tmp, gif_path)
        ok = True
    finally:
        if proc is not None and proc.poll() is None:
            proc.kill()
            proc.wait()
        if proc is not None and proc.stdin is not None and not proc.stdin.closed:
            try:
                proc.stdin.close()
            except OSError:
                pass
        if errlog is not None:
            errlog.close()
        if not ok:
            _unlink(gif_tmp)
            _unlink(mp4_tmp)

    return WriteResult(
        gif=gif_path,
        mp4=mp4_path,
        n_frames=n,
        width=width,
        height=height,
        seconds=n / fps + hold_last_s,
        gif_bytes=gif_path.stat().st_size,
        fps=float(fps),
        hold_last_s=float(hold_last_s),
        mp4_bytes=mp4_path.stat().st_size if mp4_path is not None else None,
        elapsed_s=time.perf_counter() - t0,
    )
