"""Fast, deterministic GIF (+ MP4) writer for matplotlib animations.

Replaces ``FuncAnimation.save(writer=PillowWriter)``:

* frames are rendered with blitting (static content is drawn once and
  restored from a saved background for every frame; static artists that
  sit above a moving one are repainted where it reaches them, so frames
  equal full redraws pixel for pixel) and the canvas buffer is piped to the
  encoder as raw RGBA (ffmpeg drops the opaque alpha byte: cheaper than
  slicing it off in numpy) - no PNG round trip;
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

Where a GIF's bytes go (measured on bench/bench_writer.py's animation): each
frame after the first is the changed rectangle, unchanged pixels transparent;
about half of it describes where the changes are and half the changed pixels,
mostly anti-aliased edges in ~150 distinct shades, which LZW cannot repeat.
Tried and not worth it: letting unchanged pixels be either transparent or
their own colour, whichever LZW prefers (-1 %); lossy LZW (gifsicle
--lossy=120: -18 %); keeping pixels that changed by less than 48/255 (-16 %);
a clean background frame with "restore to previous" disposal (larger);
local palettes (larger); 32 colours (-15 %, 10x the error).

A *frame source* is any object with::

    fig: matplotlib.figure.Figure
    n_frames: int
    def init(self) -> list[Artist]          # the artists that move
    def update(self, i: int) -> list[Artist]  # set data for frame i
    full_redraw: bool = False               # optional: never blit (static
                                            # content changes); a 3D view that
                                            # turns can instead return its
                                            # whole Axes as a moving artist
"""

from __future__ import annotations

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
from matplotlib.axes import Axes
from matplotlib.colors import to_rgb, to_rgba
from matplotlib.figure import Figure, SubFigure

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


def _figure_is_opaque(fig: Figure) -> bool:
    patch = fig.patch
    return bool(patch.get_visible()) and to_rgba(patch.get_facecolor())[3] >= 1.0


def _rgb(rgba: np.ndarray, opaque: bool) -> np.ndarray:
    """HxWx4 canvas pixels -> fresh HxWx3 uint8 array (over white if needed)."""
    if opaque or rgba[..., 3].min() == 255:
        return np.ascontiguousarray(rgba[..., :3])
    # transparent figure background: composite (straight alpha) over white,
    # GIF/MP4 frames are opaque.
    a = rgba[..., 3:4].astype(np.uint16)
    rgb = rgba[..., :3].astype(np.uint16)
    return ((rgb * a + 255 * (255 - a) + 127) // 255).astype(np.uint8)


def _opaque_rgba(rgba: np.ndarray) -> np.ndarray:
    out = np.empty_like(rgba)
    out[..., :3] = _rgb(rgba, False)
    out[..., 3] = 255
    return out


def _draw_order(fig: Figure, whole: frozenset = frozenset()) -> list[Artist]:
    """Leaf artists in the order a full ``fig.draw`` paints them.

    Mirrors Figure/SubFigure/Axes ``draw``: patch first, then children
    sorted (stably) by zorder, recursing into Axes and SubFigures, except
    the Axes whose ids are in ``whole`` (they move as one artist). Animated
    artists are *included* (a full draw skips them; we want their slot).
    """
    out: list[Artist] = []

    def visit(container, is_root):
        kids = container.get_children()
        patch = getattr(container, "patch", None)
        kids = [k for k in kids if k is not patch]
        if isinstance(container, Axes):
            frame = container.axison and container.get_frame_on()
            if not frame:
                spines = {id(s) for s in container.spines.values()}
                kids = [k for k in kids if id(k) not in spines]
            if not container.axison:
                axis_map = getattr(container, "_axis_map", None) or {}
                axes_ids = {id(a) for a in axis_map.values()}
                kids = [k for k in kids if id(k) not in axes_ids]
            if frame and patch is not None:
                out.append(patch)
        elif not is_root and patch is not None:  # SubFigure
            out.append(patch)
        for k in sorted(kids, key=lambda a: a.get_zorder()):
            if isinstance(k, (Axes, SubFigure)) and id(k) not in whole:
                if k.get_visible():
                    visit(k, False)
            else:
                out.append(k)

    visit(fig, True)
    return out


def _depth_sorted(artist: Artist) -> bool:
    """On 3D axes that sort by depth (``computed_zorder=True``, the default)
    every full draw re-orders the collections, so blitting cannot know where
    a moving artist goes in the order. With ``computed_zorder=False`` the
    zorder decides, as in 2D, and blitting stays exact while the view holds
    still."""
    if isinstance(artist, Axes):
        return False  # a whole Axes is redrawn as one, depth sort and all
    ax = getattr(artist, "axes", None)
    return (ax is not None and getattr(ax, "name", "") == "3d"
            and bool(getattr(ax, "computed_zorder", True)))


def _nonzero_box(mask: np.ndarray) -> tuple[int, int, int, int] | None:
    """(row0, row1, col0, col1) around the True pixels of ``mask``, or None."""
    rows = np.flatnonzero(mask.any(axis=1))
    if rows.size == 0:
        return None
    cols = np.flatnonzero(mask.any(axis=0))
    return int(rows[0]), int(rows[-1]) + 1, int(cols[0]), int(cols[-1]) + 1


def _meet(a, b) -> tuple[int, int, int, int] | None:
    """The intersection of two boxes (row0, row1, col0, col1), or None."""
    r0, r1 = max(a[0], b[0]), min(a[1], b[1])
    c0, c1 = max(a[2], b[2]), min(a[3], b[3])
    return (r0, r1, c0, c1) if r0 < r1 and c0 < c1 else None


def _crop(arr: np.ndarray, box, origin) -> np.ndarray:
    """The part ``box`` of ``arr``, an array covering the box ``origin``."""
    return arr[box[0] - origin[0]:box[1] - origin[0], box[2] - origin[2]:box[3] - origin[2]]


class _Layers:
    """Exact blitting: static artists painted *above* a moving one.

    Plain blitting draws the moving artists on top of everything, so a dot
    passing under a legend, a spine or a label would be drawn over it. Here
    every static artist that a full draw paints after the first moving
    artist is a *foreground* artist; we measure the pixels each one paints
    (its mask: drawn alone on a cleared canvas, alpha > 0). Each frame
    starts from ``full`` (every static artist) and paints the moving
    artists in full-draw order. When a moving artist changes a pixel of a
    foreground artist that a full draw paints after it, that artist is
    *redone*: its pixels are restored from a background drawn without it
    (cached per set of redone artists) and it is painted again in its
    place in the order, together with every foreground artist painted after
    it over the same pixels. The result equals a full ``canvas.draw()``
    pixel for pixel, and only what covers a moving artist is repainted: a
    dot in a second axes does not make that axes' grid foreground, although
    the first axes' dot comes earlier in the draw order.
    """

    #: backgrounds kept for different sets of redone artists
    MAX_UNDER = 8

    def __init__(self, fig: Figure, canvas: FigureCanvasAgg, moving: list[Artist]):
        self.fig = fig
        self.canvas = canvas
        order = _draw_order(fig, frozenset(id(a) for a in moving if isinstance(a, Axes)))
        pos = {id(a): k for k, a in enumerate(order)}
        mov_ids = {id(a) for a in moving}
        first = min((pos[i] for i in mov_ids if i in pos), default=len(order))
        fg = [a for a in order[first + 1:] if id(a) not in mov_ids]

        # moving artists in draw order; ones outside the tree go last
        in_tree = sorted((a for a in moving if id(a) in pos), key=lambda a: pos[id(a)])
        orphans = sorted((a for a in moving if id(a) not in pos),
                         key=lambda a: a.get_zorder())
        self.moving = in_tree + orphans
        for a in moving:
            a.set_animated(True)
        canvas.draw()
        self.full = np.asarray(canvas.buffer_rgba()).copy()
        found = self._measure(fg)
        self.fg = [a for a, _, _ in found]
        self.boxes = [b for _, b, _ in found]
        self.masks = [m for _, _, m in found]
        self.buf = np.asarray(canvas.buffer_rgba())
        np.copyto(self.buf, self.full)
        self._link(order, orphans)
        self.under: dict[frozenset, np.ndarray] = {}
        self.predicted: set[int] = set()

    def _link(self, order: list[Artist], orphans: list[Artist]) -> None:
        """Who paints over whom: ``rank`` (the merged paint order of moving
        and foreground artists), ``later`` and ``adj``."""
        self.rank = {id(a): k for k, a in enumerate(order)}
        for k, a in enumerate(orphans):
            self.rank[id(a)] = len(order) + k
        rank_fg = [self.rank[id(f)] for f in self.fg]
        # the foreground artists each moving artist must not paint over
        self.later = {
            id(a): [i for i, r in enumerate(rank_fg) if r > self.rank[id(a)]]
            for a in self.moving
        }
        # j must be redone with i if it paints over i's pixels
        n = len(self.fg)
        self.adj = [[j for j in range(n)
                     if rank_fg[j] > rank_fg[i] and self._overlap(i, j)]
                    for i in range(n)]

    def _measure(self, fg: list[Artist]) -> list[tuple[Artist, tuple, np.ndarray]]:
        """(artist, box, mask): the pixels each foreground artist paints
        (drawn alone on a cleared canvas, alpha > 0), within its box."""
        renderer = self.canvas.get_renderer()
        found = []
        for a in fg:
            renderer.clear()
            self.fig.draw_artist(a)
            painted = np.asarray(self.canvas.buffer_rgba())[..., 3] > 0
            box = _nonzero_box(painted)
            if box is not None:
                found.append((a, box, _crop(painted, box, (0, 0, 0, 0))))
        return found

    def _overlap(self, i, j):
        """Do foreground artists i and j paint a common pixel?"""
        a, b = self.boxes[i], self.boxes[j]
        m = _meet(a, b)
        return m is not None and bool(
            (_crop(self.masks[i], m, a) & _crop(self.masks[j], m, b)).any())

    def _closure(self, idx: set[int]) -> set[int]:
        todo, seen = list(idx), set(idx)
        while todo:
            for j in self.adj[todo.pop()]:
                if j not in seen:
                    seen.add(j)
                    todo.append(j)
        return seen

    def _background(self, redo: set[int]) -> np.ndarray:
        """Every static artist except the ``redo`` ones (a full draw)."""
        key = frozenset(redo)
        bg = self.under.get(key)
        if bg is None:
            arts = [self.fg[i] for i in redo]
            saved = [(a, a.get_animated()) for a in arts]
            try:
                for a in arts:
                    a.set_animated(True)
                self.canvas.draw()
                bg = np.asarray(self.canvas.buffer_rgba()).copy()
            finally:
                for a, flag in saved:
                    a.set_animated(flag)
            if len(self.under) >= self.MAX_UNDER:
                self.under.pop(next(iter(self.under)))
            self.under[key] = bg
            self.buf = np.asarray(self.canvas.buffer_rgba())
        return bg

    def _paint(self, redo: set[int]) -> set[int]:
        """Paint one frame with the artists ``redo`` repainted; return the
        foreground artists whose pixels a moving artist painted before them
        in a full draw changed."""
        under = self._background(redo) if redo else None
        buf = self.buf
        np.copyto(buf, self.full)
        for i in redo:
            # the artist's own pixels back to what lies under it
            r0, r1, c0, c1 = self.boxes[i]
            np.copyto(buf[r0:r1, c0:c1], under[r0:r1, c0:c1],
                      where=self.masks[i][..., None])
        arts = self.moving + [self.fg[i] for i in redo]
        if redo:
            arts.sort(key=lambda a: self.rank[id(a)])
        draw = self.fig.draw_artist
        touched: set[int] = set()
        for a in arts:
            watch = [i for i in self.later.get(id(a), ()) if i not in touched]
            if not watch:
                draw(a)
                continue
            boxes = [self.boxes[i] for i in watch]
            u = (min(b[0] for b in boxes), max(b[1] for b in boxes),
                 min(b[2] for b in boxes), max(b[3] for b in boxes))
            region = _crop(buf, u, (0, 0, 0, 0))
            before = region.copy()
            draw(a)
            # pixels this artist changed (RGBA compared as one 32-bit word)
            changed = (region.view(np.uint32) != before.view(np.uint32))[..., 0]
            c = _nonzero_box(changed)
            if c is None:
                continue
            c = (c[0] + u[0], c[1] + u[0], c[2] + u[2], c[3] + u[2])
            for i, box in zip(watch, boxes):
                m = _meet(box, c)
                if m is not None and (_crop(changed, m, u)
                                      & _crop(self.masks[i], m, box)).any():
                    touched.add(i)
        return touched

    def frame(self) -> np.ndarray:
        redo = self.predicted
        while True:
            touched = self._paint(redo)
            if touched <= redo:
                # Keep redoing them in the next frames: in a redo pass the
                # moving artist paints over the restored background, where it
                # may change nothing (white over white) though it would hide
                # the artist, so "touched" cannot tell when to stop, and
                # dropping them would paint every other frame twice. Redoing
                # an artist that needs no redo is exact, and cheap.
                self.predicted = redo
                return self.buf
            redo = self._closure(redo | touched)


def _full_draws(source: FrameSource, canvas: FigureCanvasAgg, moving: list[Artist],
                progress) -> Iterator[np.ndarray]:
    # canvas.draw() skips animated artists: make sure the moving ones are
    # part of the full redraw.
    for a in moving:
        a.set_animated(False)
    n = int(source.n_frames)
    for i in range(n):
        source.update(i)
        canvas.draw()
        yield np.asarray(canvas.buffer_rgba())
        if progress is not None:
            progress(i + 1, n)


def _blitted(source: FrameSource, canvas: FigureCanvasAgg, moving: list[Artist],
             progress, saved_flags: dict) -> Iterator[np.ndarray]:
    known = {id(a) for a in moving}
    layers = _Layers(source.fig, canvas, moving)
    n = int(source.n_frames)
    for i in range(n):
        new = [a for a in _as_list(source.update(i)) if id(a) not in known]
        if new:
            # an undeclared moving artist is baked into the backgrounds:
            # declare it and rebuild them.
            for a in new:
                saved_flags.setdefault(id(a), (a, a.get_animated()))
                known.add(id(a))
                moving.append(a)
            layers = _Layers(source.fig, canvas, moving)
        yield layers.frame()
        if progress is not None:
            progress(i + 1, n)


def _iter_rgba(
    source: FrameSource,
    blit: bool,
    progress: Callable[[int, int], None] | None,
) -> Iterator[np.ndarray]:
    """Yield the canvas buffer (HxWx4 view, valid until the next frame)."""
    canvas = _agg_canvas(source.fig)
    moving = _as_list(source.init())
    blit = (blit and not getattr(source, "full_redraw", False)
            and not any(_depth_sorted(a) for a in moving))
    saved_flags = {id(a): (a, a.get_animated()) for a in moving}
    try:
        if blit:
            yield from _blitted(source, canvas, moving, progress, saved_flags)
        else:
            yield from _full_draws(source, canvas, moving, progress)
    finally:
        for a, flag in saved_flags.values():
            a.set_animated(flag)


def render_frames(
    source: FrameSource,
    *,
    blit: bool = True,
    progress: Callable[[int, int], None] | None = None,
) -> Iterator[np.ndarray]:
    """Yield the ``source.n_frames`` frames as fresh HxWx3 uint8 arrays.

    Calls ``source.init()`` once, then ``source.update(i)`` for each frame.

    ``blit=True`` draws the static content once. The moving artists (those
    ``init`` returns) are marked animated, and every frame restores the
    saved background, calls ``update(i)`` and paints all moving artists
    (restoring the background erases them, so each is repainted every
    frame, not only those ``update`` returns). Static artists that a full
    draw paints over a moving one (legend, spines, a label with a higher
    zorder...) are repainted on top where the moving artist reaches them, so
    the result equals a full ``canvas.draw()`` pixel for pixel. An artist
    returned by ``update`` that ``init`` did not declare is made animated and
    the background rebuilt.

    Blitting assumes the static content does not change (axes limits, ticks,
    view angle...). Use ``blit=False`` or set ``source.full_redraw = True``
    for sources that change it: every frame is then a full ``canvas.draw()``.
    Moving artists on 3D axes get full redraws unless the axes were made
    with ``computed_zorder=False`` (then the zorder orders them, as in 2D).
    A whole Axes may be a moving artist (a 3D view that turns): it is then
    redrawn as one each frame and the rest of the figure is blitted.

    ``progress(done, total)`` is called after each frame.
    """
    opaque = _figure_is_opaque(source.fig)
    for rgba in _iter_rgba(source, blit, progress):
        yield _rgb(rgba, opaque)


# --------------------------------------------------------------------------
# encoding
# --------------------------------------------------------------------------


def ffmpeg_exe() -> str:
    """The ffmpeg binary bundled with imageio-ffmpeg (never a system one)."""
    import imageio_ffmpeg

    return imageio_ffmpeg.get_ffmpeg_exe()


def _fmt(x: float) -> str:
    return repr(float(x)) if not float(x).is_integer() else str(int(x))


@dataclass(frozen=True)
class _Encoding:
    """What ffmpeg is asked to write, apart from the frame size."""

    fps: float
    hold_last_s: float
    dither: str
    max_colors: int
    stats_mode: str
    pad_rgb: tuple[int, int, int]
    crf: int
    preset: str


def _filter_graph(enc: _Encoding, width: int, height: int, mp4: bool) -> str:
    """One palette for the whole animation -> [gif]; padded, held, BT.709 -> [mp4]."""
    split = f"[0:v]split={3 if mp4 else 2}[gsrc][psrc]" + ("[msrc]" if mp4 else "")
    graph = [
        split,
        f"[psrc]palettegen=stats_mode={enc.stats_mode}:max_colors={enc.max_colors}[pal]",
        f"[gsrc][pal]paletteuse=dither={enc.dither}:diff_mode=rectangle[gif]",
    ]
    if mp4:
        w2, h2 = width + (width & 1), height + (height & 1)
        chain = []
        if (w2, h2) != (width, height):
            color = "0x{:02X}{:02X}{:02X}".format(*enc.pad_rgb)
            chain.append(f"pad={w2}:{h2}:0:0:color={color}")
        if enc.hold_last_s > 0:
            chain.append(f"tpad=stop_mode=clone:stop_duration={_fmt(enc.hold_last_s)}")
        chain.append(
            "scale=out_color_matrix=bt709:out_range=tv"
            ":flags=accurate_rnd+full_chroma_int,format=yuv420p"
        )
        graph.append("[msrc]" + ",".join(chain) + "[mp4]")
    return ";".join(graph)


def _gif_args(enc: _Encoding, gif_tmp: Path) -> list[str]:
    args = [
        "-map", "[gif]", "-map_metadata", "-1",
        "-fflags", "+bitexact", "-flags:v", "+bitexact",
        "-c:v", "gif", "-loop", "0",
    ]
    if enc.hold_last_s > 0:
        # the last frame shows for its own slot plus the hold, in 1/100 s
        delay = max(2, round(100 * (1 / enc.fps + enc.hold_last_s)))
        args += ["-final_delay", str(delay)]
    return args + ["-f", "gif", str(gif_tmp)]


def _mp4_args(enc: _Encoding, mp4_tmp: Path) -> list[str]:
    return [
        "-map", "[mp4]", "-map_metadata", "-1", "-map_chapters", "-1",
        "-fflags", "+bitexact", "-flags:v", "+bitexact",
        "-c:v", "libx264", "-preset", enc.preset, "-crf", str(enc.crf),
        "-pix_fmt", "yuv420p", "-threads", str(X264_THREADS),
        "-colorspace", "bt709", "-color_primaries", "bt709",
        "-color_trc", "bt709", "-color_range", "tv",
        "-movflags", "+faststart",
        "-f", "mp4", str(mp4_tmp),
    ]


def _ffmpeg_cmd(enc: _Encoding, width: int, height: int, gif_tmp: Path,
                mp4_tmp: Path | None) -> list[str]:
    """Raw RGBA frames on stdin -> the GIF (and the MP4) in one ffmpeg run."""
    cmd = [
        ffmpeg_exe(),
        "-hide_banner", "-nostats", "-loglevel", "error", "-y",
        "-f", "rawvideo", "-pix_fmt", "rgba",
        "-s", f"{width}x{height}", "-framerate", _fmt(enc.fps),
        "-i", "pipe:0",
        "-filter_complex", _filter_graph(enc, width, height, mp4_tmp is not None),
    ]
    cmd += _gif_args(enc, gif_tmp)
    if mp4_tmp is not None:
        cmd += _mp4_args(enc, mp4_tmp)
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
    except OSError:  # already gone, or not ours to remove (a directory)
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


class _FfmpegJob:
    """One ffmpeg run writing the outputs under temporary names.

    Use as ``with _FfmpegJob(...) as job``: ``reserve()`` the temporaries,
    ``start(width, height)`` ffmpeg, ``feed(rgba)`` it frames, ``finish()``:
    wait, check and rename into place. Leaving the block in any way kills a
    running ffmpeg and, unless ``finish()`` completed, removes the
    temporaries: an output is complete or absent.
    """

    def __init__(self, enc: _Encoding, gif: Path, mp4: Path | None):
        self.enc = enc
        self.gif, self.mp4 = gif, mp4
        self.gif_tmp = _tmp_name(gif)
        self.mp4_tmp = _tmp_name(mp4) if mp4 is not None else None
        self.proc: subprocess.Popen | None = None
        self.errlog = None
        self.width = self.height = 0
        self.done = False

    def __enter__(self) -> "_FfmpegJob":
        return self

    def __exit__(self, *exc) -> None:
        self.cleanup()

    def reserve(self) -> None:
        _reserve(self.gif_tmp)
        if self.mp4_tmp is not None:
            _reserve(self.mp4_tmp)

    def start(self, width: int, height: int) -> None:
        self.width, self.height = width, height
        cmd = _ffmpeg_cmd(self.enc, width, height, self.gif_tmp, self.mp4_tmp)
        self.errlog = tempfile.TemporaryFile()
        self.proc = subprocess.Popen(
            cmd, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=self.errlog,
        )

    def feed(self, rgba: np.ndarray) -> bool:
        """Write one frame (the canvas buffer itself: ffmpeg drops the alpha
        byte); False if ffmpeg is gone (``finish`` says why)."""
        try:
            self.proc.stdin.write(memoryview(np.ascontiguousarray(rgba)).cast("B"))
        except (BrokenPipeError, OSError):
            return False
        return True

    def finish(self) -> None:
        assert self.proc is not None
        try:
            self.proc.stdin.close()
        except (BrokenPipeError, OSError):
            pass
        rc = self.proc.wait()
        if rc != 0:
            self.errlog.seek(0)
            msg = _last_line(self.errlog.read().decode("utf-8", "replace"))
            raise RuntimeError(f"ffmpeg failed (exit code {rc}): {msg or 'no error output'}")
        if self.mp4_tmp is not None:
            os.replace(self.mp4_tmp, self.mp4)
        os.replace(self.gif_tmp, self.gif)
        self.done = True

    def cleanup(self) -> None:
        proc = self.proc
        if proc is not None and proc.poll() is None:
            proc.kill()
            proc.wait()
        if proc is not None and proc.stdin is not None and not proc.stdin.closed:
            try:
                proc.stdin.close()
            except OSError:
                pass
        if self.errlog is not None:
            self.errlog.close()
        if not self.done:
            _unlink(self.gif_tmp)
            _unlink(self.mp4_tmp)


def _pump(frames: Iterator[np.ndarray], job: _FfmpegJob, opaque: bool) -> None:
    """Feed every frame to ``job``, starting ffmpeg at the first (its size
    is the animation's). Closes ``frames`` (restoring the artists' flags)."""
    try:
        for rgba in frames:
            if job.proc is None:
                job.start(rgba.shape[1], rgba.shape[0])
            elif rgba.shape[:2] != (job.height, job.width):
                raise RuntimeError(
                    f"frame size changed from {job.width}x{job.height} to "
                    f"{rgba.shape[1]}x{rgba.shape[0]}"
                )
            if not opaque:
                rgba = _opaque_rgba(rgba)
            if not job.feed(rgba):
                break  # ffmpeg died; finish() reports its stderr
    finally:
        frames.close()


def _checked_frame_count(source: FrameSource, fps: float, hold_last_s: float,
                         max_colors: int) -> int:
    if fps <= 0:
        raise ValueError(f"fps must be > 0, got {fps!r}")
    if hold_last_s < 0:
        raise ValueError(f"hold_last_s must be >= 0, got {hold_last_s!r}")
    if not 2 <= max_colors <= 256:
        raise ValueError(f"max_colors must be in 2..256, got {max_colors!r}")
    n = int(source.n_frames)
    if n < 1:
        raise ValueError("source.n_frames must be >= 1")
    return n


def _output_paths(path: str | os.PathLike, mp4: bool) -> tuple[Path, Path | None]:
    gif_path = Path(path)
    if mp4 and gif_path.suffix.lower() == ".mp4":
        raise ValueError(f"{gif_path}: the GIF path must not end in .mp4")
    return gif_path, (gif_path.with_suffix(".mp4") if mp4 else None)


def _result(job: _FfmpegJob, n: int, t0: float) -> WriteResult:
    fps, hold = job.enc.fps, job.enc.hold_last_s
    return WriteResult(
        gif=job.gif,
        mp4=job.mp4,
        n_frames=n,
        width=job.width,
        height=job.height,
        seconds=n / fps + hold,
        gif_bytes=job.gif.stat().st_size,
        fps=float(fps),
        hold_last_s=float(hold),
        mp4_bytes=job.mp4.stat().st_size if job.mp4 is not None else None,
        elapsed_s=time.perf_counter() - t0,
    )


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

    ``dither``/``max_colors``/``stats_mode`` go to ffmpeg's paletteuse and
    palettegen filters; ``crf``/``preset`` to libx264. ffmpeg builds the
    palette from all frames before it writes the first GIF frame, so it
    holds the whole animation in memory (about 4 x width x height bytes per
    frame: ~120 MB for 120 frames at 640x400).
    """
    t0 = time.perf_counter()
    n = _checked_frame_count(source, fps, hold_last_s, max_colors)
    gif_path, mp4_path = _output_paths(path, mp4)
    fig = source.fig
    enc = _Encoding(
        fps=fps, hold_last_s=hold_last_s, dither=dither, max_colors=max_colors,
        stats_mode=stats_mode, crf=crf, preset=preset,
        pad_rgb=tuple(int(round(255 * c)) for c in to_rgb(fig.get_facecolor())),
    )
    with _FfmpegJob(enc, gif_path, mp4_path) as job:
        job.reserve()
        _pump(_iter_rgba(source, blit, progress), job, _figure_is_opaque(fig))
        job.finish()
    return _result(job, n, t0)
