"""Tests for animations.writer (GIF + MP4 writer for matplotlib animations)."""

from __future__ import annotations

import os
import subprocess

import numpy as np
import pytest
from matplotlib.figure import Figure
from PIL import Image

from animations import writer
from animations.writer import WriteResult, render_frames, write_gif

FPS = 20
HOLD = 1.0
N = 12


class SineDot:
    """A sine wave with a dot moving along it (160x120 px at dpi 50)."""

    def __init__(self, n_frames=N, figsize=(3.2, 2.4), dpi=50, fail_at=None,
                 exc=ValueError):
        self.n_frames = n_frames
        self.fail_at = fail_at
        self.exc = exc
        self.fig = Figure(figsize=figsize, dpi=dpi)
        self.ax = self.fig.add_subplot()
        x = np.linspace(0, 2 * np.pi, 200)
        self.ax.plot(x, np.sin(x), color="tab:blue", lw=2)
        self.ax.set_xlim(0, 2 * np.pi)
        self.ax.set_ylim(-1.3, 1.3)

    def init(self):
        (self.dot,) = self.ax.plot([], [], "o", color="tab:red", ms=8)
        return [self.dot]

    def update(self, i):
        if self.fail_at is not None and i == self.fail_at:
            raise self.exc(f"boom at frame {i}")
        t = 2 * np.pi * i / max(1, self.n_frames - 1)
        self.dot.set_data([t], [np.sin(t)])
        return [self.dot]


class Overlap(SineDot):
    """Moving artists that pass *under* static ones: a legend (zorder 5) over
    the dot (zorder 2.2), the spines over a tangent line, plus a text readout
    with a box. Plain "draw moving artists on top" blitting gets these wrong.
    """

    def __init__(self, n_frames=16, **kw):
        super().__init__(n_frames=n_frames, **kw)
        self.ax.plot([], [], color="tab:blue", label="sin x")
        self.legend = self.ax.legend(loc="upper center", framealpha=0.8)
        self.ax.set_title("title")
        self.ax.grid(True)

    def init(self):
        (self.tangent,) = self.ax.plot([], [], color="tab:green", lw=3, zorder=2)
        (self.dot,) = self.ax.plot([], [], "o", color="tab:red", ms=10,
                                   zorder=2.2)
        self.text = self.ax.text(0.02, 0.05, "", transform=self.ax.transAxes,
                                 bbox=dict(fc="w", ec="k"))
        return [self.tangent, self.dot, self.text]

    def update(self, i):
        # the dot travels along the top, straight through the legend box
        t = 2 * np.pi * i / (self.n_frames - 1)
        self.dot.set_data([t], [1.15])
        self.tangent.set_data([t - 2, t + 2], [-1.4, 1.4])  # crosses spines
        self.text.set_text(f"t = {t:.2f}")
        return [self.tangent, self.dot, self.text]


class Rescaling(SineDot):
    """Changes the axes limits every frame: static content is not static."""

    full_redraw = True

    def update(self, i):
        self.ax.set_ylim(-1.3 - 0.1 * i, 1.3 + 0.1 * i)
        return super().update(i)


def gif_frames(path):
    with Image.open(path) as im:
        info = dict(im.info)
        out, durations = [], []
        for k in range(im.n_frames):
            im.seek(k)
            durations.append(im.info["duration"])
            out.append(np.asarray(im.convert("RGB")))
    return out, durations, info


def mp4_frames(path):
    av = pytest.importorskip("av")
    with av.open(str(path)) as c:
        stream = c.streams.video[0]
        pix_fmt = stream.codec_context.pix_fmt
        codec = stream.codec_context.name
        frames = [f.to_ndarray(format="rgb24") for f in c.decode(video=0)]
    return frames, pix_fmt, codec


def leftovers(folder):
    return sorted(p.name for p in folder.iterdir())


# --------------------------------------------------------------------------


def test_gif_and_mp4(tmp_path):
    calls = []
    res = write_gif(SineDot(), tmp_path / "anim.gif", fps=FPS, hold_last_s=HOLD,
                    progress=lambda i, n: calls.append((i, n)))

    assert isinstance(res, WriteResult)
    assert res.gif == tmp_path / "anim.gif"
    assert res.mp4 == tmp_path / "anim.mp4"
    assert (res.n_frames, res.width, res.height) == (N, 160, 120)
    assert res.seconds == pytest.approx(N / FPS + HOLD)
    assert res.gif_bytes == res.gif.stat().st_size
    assert calls == [(i + 1, N) for i in range(N)]
    # nothing but the two outputs (no temporaries)
    assert leftovers(tmp_path) == ["anim.gif", "anim.mp4"]

    frames, durations, info = gif_frames(res.gif)
    # the hold is one long delay on the last frame, not duplicate frames
    assert len(frames) == N
    assert frames[0].shape == (120, 160, 3)
    assert info["loop"] == 0
    frame_ms = 1000 / FPS
    assert durations[:-1] == [frame_ms] * (N - 1)
    assert durations[-1] == 10 * round(100 * (1 / FPS + HOLD))
    # colours survive the 256-colour palette (flat plot colours)
    ref = list(render_frames(SineDot()))
    for got, want in zip(frames, ref):
        err = np.abs(got.astype(int) - want)
        assert err.mean() < 1.0 and err.max() < 40

    mframes, pix_fmt, codec = mp4_frames(res.mp4)
    assert codec == "h264" and pix_fmt == "yuv420p"
    assert len(mframes) == N + round(HOLD * FPS)
    assert mframes[0].shape == (120, 160, 3)
    # the tail repeats the last frame (up to H.264 refinement of a still)
    tail = np.abs(mframes[-1].astype(int) - mframes[N - 1])
    assert tail.mean() < 1.0
    assert np.abs(mframes[-1].astype(int) - ref[-1]).mean() < 3
    # lossy, chroma-subsampled, but the same picture
    assert np.abs(mframes[N // 2].astype(int) - ref[N // 2]).mean() < 3


def test_no_hold_no_mp4(tmp_path):
    res = write_gif(SineDot(), tmp_path / "a.gif", fps=10, hold_last_s=0,
                    mp4=False)
    assert res.mp4 is None
    assert leftovers(tmp_path) == ["a.gif"]
    frames, durations, info = gif_frames(res.gif)
    assert len(frames) == N
    assert durations == [100] * N
    assert info["loop"] == 0


def test_odd_size_mp4_is_padded_to_even(tmp_path):
    # 3.22 x 2.42 in at dpi 50 -> 161 x 121 px
    res = write_gif(SineDot(figsize=(3.22, 2.42)), tmp_path / "odd.gif")
    assert (res.width, res.height) == (161, 121)
    frames, _, _ = gif_frames(res.gif)
    assert frames[0].shape == (121, 161, 3)
    mframes, _, _ = mp4_frames(res.mp4)
    assert mframes[0].shape == (122, 162, 3)


def test_deterministic_bytes(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    ra = write_gif(Overlap(), a / "x.gif")
    rb = write_gif(Overlap(), b / "x.gif")
    assert ra.gif.read_bytes() == rb.gif.read_bytes()
    assert ra.mp4.read_bytes() == rb.mp4.read_bytes()


@pytest.mark.parametrize("cls", [SineDot, Overlap])
def test_blit_equals_full_redraw(cls):
    # tolerance: none. Blitting must reproduce a full canvas.draw() exactly,
    # including moving artists that pass under static ones (Overlap).
    blitted = list(render_frames(cls(), blit=True))
    full = list(render_frames(cls(), blit=False))
    assert len(blitted) == len(full) == cls().n_frames
    for k, (b, f) in enumerate(zip(blitted, full)):
        assert b.dtype == np.uint8 and b.shape == f.shape
        assert np.array_equal(b, f), f"frame {k} differs"


def test_overlap_scene_really_overlaps():
    """Guard for the test above: naive blitting (moving artists painted on
    top of everything) must give a different picture for Overlap."""
    src = Overlap()
    full = list(render_frames(Overlap(), blit=False))
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    canvas = FigureCanvasAgg(src.fig)
    moving = src.init()
    for a in moving:
        a.set_animated(True)
    canvas.draw()
    bg = canvas.copy_from_bbox(src.fig.bbox)
    differing = 0
    for i in range(src.n_frames):
        canvas.restore_region(bg)
        for a in src.update(i):
            src.fig.draw_artist(a)
        naive = np.asarray(canvas.buffer_rgba())[..., :3]
        differing += not np.array_equal(naive, full[i])
    assert differing >= 3


def test_full_redraw_attribute_is_honoured():
    blitted = list(render_frames(Rescaling(), blit=True))
    full = list(render_frames(Rescaling(), blit=False))
    for b, f in zip(blitted, full):
        assert np.array_equal(b, f)
    # and the limits really do change the static content
    assert not np.array_equal(full[0], full[-1])


class Spin3D:
    """A 3D helix with a moving point while the camera rotates."""

    n_frames = 6

    def __init__(self):
        self.fig = Figure(figsize=(3.2, 2.4), dpi=50)
        self.ax = self.fig.add_subplot(projection="3d")
        t = np.linspace(0, 4 * np.pi, 100)
        self.ax.plot(np.cos(t), np.sin(t), t / 10)

    def init(self):
        (self.dot,) = self.ax.plot([1], [0], [0], "o", color="tab:red")
        return [self.dot]

    def update(self, i):
        self.ax.view_init(elev=20, azim=30 + 15 * i)
        t = i / 2
        self.dot.set_data_3d([np.cos(t)], [np.sin(t)], [t / 10])
        return [self.dot]


def test_3d_axes_fall_back_to_full_redraw(tmp_path):
    blitted = list(render_frames(Spin3D(), blit=True))
    full = list(render_frames(Spin3D(), blit=False))
    for b, f in zip(blitted, full):
        assert np.array_equal(b, f)
    res = write_gif(Spin3D(), tmp_path / "spin.gif", mp4=False)
    assert res.n_frames == 6


def test_mp4_suffix_rejected(tmp_path):
    with pytest.raises(ValueError):
        write_gif(SineDot(), tmp_path / "x.mp4")
    assert leftovers(tmp_path) == []


def test_animated_flags_restored():
    src = SineDot()
    for _ in render_frames(src):
        pass
    assert src.dot.get_animated() is False


def test_undeclared_moving_artist(tmp_path):
    """update() returning an artist init() did not declare: still exact."""

    class Sneaky(SineDot):
        def init(self):
            (self.dot,) = self.ax.plot([], [], "o", color="tab:red", ms=8)
            (self.other,) = self.ax.plot([0], [0], "s", color="k")
            return [self.dot]

        def update(self, i):
            self.other.set_data([0.3 * i], [0])
            return super().update(i) + [self.other]

    blitted = list(render_frames(Sneaky(), blit=True))
    full = list(render_frames(Sneaky(), blit=False))
    for b, f in zip(blitted, full):
        assert np.array_equal(b, f)


def test_transparent_figure_is_composited_over_white(tmp_path):
    src = SineDot()
    src.fig.patch.set_alpha(0)
    frames = list(render_frames(src))
    assert frames[0][0, 0].tolist() == [255, 255, 255]
    src = SineDot()
    src.fig.patch.set_alpha(0)
    res = write_gif(src, tmp_path / "t.gif", mp4=False)
    gframes, _, _ = gif_frames(res.gif)
    assert gframes[0][0, 0].tolist() == [255, 255, 255]


@pytest.mark.parametrize("exc", [ValueError, KeyboardInterrupt])
def test_failing_source_leaves_nothing(tmp_path, monkeypatch, exc):
    procs = []
    real_popen = subprocess.Popen

    def spy(*a, **kw):
        p = real_popen(*a, **kw)
        procs.append(p)
        return p

    monkeypatch.setattr(writer.subprocess, "Popen", spy)
    with pytest.raises(exc, match="boom at frame 5"):
        write_gif(SineDot(fail_at=5, exc=exc), tmp_path / "bad.gif")
    assert leftovers(tmp_path) == []
    assert len(procs) == 1 and procs[0].poll() is not None  # ffmpeg is gone


def test_failing_source_keeps_previous_output(tmp_path):
    good = write_gif(SineDot(), tmp_path / "anim.gif")
    before = good.gif.read_bytes(), good.mp4.read_bytes()
    with pytest.raises(ValueError):
        write_gif(SineDot(fail_at=3), tmp_path / "anim.gif")
    assert leftovers(tmp_path) == ["anim.gif", "anim.mp4"]
    assert (good.gif.read_bytes(), good.mp4.read_bytes()) == before


def test_ffmpeg_failure_is_one_clear_line(tmp_path):
    with pytest.raises(RuntimeError) as ei:
        write_gif(SineDot(), tmp_path / "x.gif", dither="no_such_dither")
    msg = str(ei.value)
    assert msg.startswith("ffmpeg failed")
    assert "\n" not in msg and len(msg) > len("ffmpeg failed (exit code 1): ")
    assert leftovers(tmp_path) == []


def test_missing_folder(tmp_path):
    with pytest.raises(FileNotFoundError, match="cannot write animation into"):
        write_gif(SineDot(), tmp_path / "nope" / "x.gif")
    assert leftovers(tmp_path) == []


def test_parent_is_a_file(tmp_path):
    (tmp_path / "file").write_text("x")
    with pytest.raises(NotADirectoryError, match="cannot write animation into"):
        write_gif(SineDot(), tmp_path / "file" / "x.gif")
    assert leftovers(tmp_path) == ["file"]


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0,
                    reason="root ignores directory permissions")
def test_read_only_folder(tmp_path):
    ro = tmp_path / "ro"
    ro.mkdir()
    ro.chmod(0o555)
    try:
        with pytest.raises(PermissionError, match="cannot write animation into"):
            write_gif(SineDot(), ro / "x.gif")
        assert leftovers(ro) == []
    finally:
        ro.chmod(0o755)


def test_mp4_temp_unwritable_cleans_gif_temp(tmp_path):
    """If only the second reservation fails, the first temp is removed too.
    (Works as root: a directory sitting where the MP4 temp would go.)"""
    blocker = tmp_path / f".x.mp4.tmp-{os.getpid()}"
    blocker.mkdir()
    (blocker / "keep").write_text("x")  # non-empty dir cannot be replaced
    with pytest.raises(OSError):
        write_gif(SineDot(), tmp_path / "x.gif")
    assert leftovers(tmp_path) == [blocker.name]


def test_uses_bundled_ffmpeg():
    import imageio_ffmpeg

    assert writer.ffmpeg_exe() == imageio_ffmpeg.get_ffmpeg_exe()


class TwoPanels(SineDot):
    """Two axes, a moving dot in each: the right one passes under its own
    legend, the left one stays clear of the right axes. Only the legend may
    be repainted; the right axes' grid and patch are under its dot."""

    def __init__(self, n_frames=10, **kw):
        super().__init__(n_frames=n_frames, figsize=(4.8, 2.4), **kw)
        self.fig.clear()
        self.ax, self.ax2 = self.fig.subplots(1, 2)
        x = np.linspace(0, 2 * np.pi, 200)
        self.ax.plot(x, np.sin(x), color="tab:blue", lw=2)
        self.ax2.plot(x, np.cos(x), color="tab:blue", lw=2, label="cos")
        for ax in (self.ax, self.ax2):
            ax.set_xlim(0, 2 * np.pi)
            ax.set_ylim(-1.3, 1.3)
            ax.grid(True)
        self.ax2.legend(loc="upper center")

    def init(self):
        (self.dot,) = self.ax.plot([], [], "o", color="tab:red", ms=8, zorder=3)
        (self.dot2,) = self.ax2.plot([], [], "o", color="tab:green", ms=8, zorder=3)
        return [self.dot, self.dot2]

    def update(self, i):
        t = 2 * np.pi * i / (self.n_frames - 1)
        self.dot.set_data([t], [np.sin(t)])
        self.dot2.set_data([t], [1.1])
        return [self.dot, self.dot2]


def test_two_panels_blit_equals_full_redraw():
    blitted = list(render_frames(TwoPanels(), blit=True))
    full = list(render_frames(TwoPanels(), blit=False))
    for k, (b, f) in enumerate(zip(blitted, full)):
        assert np.array_equal(b, f), f"frame {k} differs"


def test_two_panels_repaints_only_what_covers_a_dot():
    """The right axes is drawn after the left dot, so all of its artists are
    'foreground' of that dot; they must not be repainted unless a dot that
    a full draw paints *before* them reaches them (here: the legend only)."""
    from matplotlib.legend import Legend

    from animations.writer import _agg_canvas, _Layers

    src = TwoPanels()
    moving = src.init()
    layers = _Layers(src.fig, _agg_canvas(src.fig), moving)
    repainted = set()
    for i in range(src.n_frames):
        src.update(i)
        layers.frame()
        repainted |= {type(layers.fg[j]).__name__ for j in layers.predicted}
    assert repainted == {Legend.__name__}


class _Every:
    """A few frames of a lecture animation (the same update calls each time)."""

    def __init__(self, src, k=4):
        self.src, self.fig = src, src.fig
        n = src.n_frames
        self.idx = sorted({0, n // 3, (2 * n) // 3, n - 1})[:k]
        self.n_frames = len(self.idx)
        self.full_redraw = getattr(src, "full_redraw", False)

    def init(self):
        return self.src.init()

    def update(self, i):
        return self.src.update(self.idx[i])


@pytest.mark.parametrize("module", [
    "secant_tangent", "tangent_line", "differential", "riemann",
    "backprop_training", "gradient_descent", "gradient_descent_3d", "optimizers",
    "activations", "tangent_plane",
])
def test_lecture_animations_blit_equals_full_redraw(module):
    import importlib

    import matplotlib.pyplot as plt

    m = importlib.import_module(f"animations.{module}")
    blitted = list(render_frames(_Every(m.build("zh", 320)), blit=True))
    full = list(render_frames(_Every(m.build("zh", 320)), blit=False))
    plt.close("all")
    for k, (b, f) in enumerate(zip(blitted, full)):
        assert np.array_equal(b, f), f"{module}: frame {k} differs"


class Still3D(Spin3D):
    """A point moving over a surface under a fixed camera, zorder-ordered."""

    def __init__(self):
        self.fig = Figure(figsize=(3.2, 2.4), dpi=50)
        self.ax = self.fig.add_subplot(projection="3d", computed_zorder=False)
        x, y = np.meshgrid(np.linspace(-1, 1, 12), np.linspace(-1, 1, 12))
        self.ax.plot_surface(x, y, x * x - y * y, color="tab:blue", zorder=1)
        self.ax.view_init(elev=25, azim=-60)

    def init(self):
        (self.dot,) = self.ax.plot([0], [0], [0], "o", color="tab:red", zorder=2)
        return [self.dot]

    def update(self, i):
        t = i / 2
        self.dot.set_data_3d([np.cos(t) * 0.8], [np.sin(t) * 0.8], [0.3])
        return [self.dot]


def _blitted_full_and_draws(cls, monkeypatch):
    """Frames with and without blitting, and how many full canvas draws the
    blitted run made."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    full = list(render_frames(cls(), blit=False))
    draws = []
    real = FigureCanvasAgg.draw
    monkeypatch.setattr(FigureCanvasAgg, "draw",
                        lambda self: (draws.append(1), real(self))[1])
    blitted = list(render_frames(cls(), blit=True))
    for k, (b, f) in enumerate(zip(blitted, full)):
        assert np.array_equal(b, f), f"frame {k} differs"
    return blitted, full, len(draws)


def test_3d_axes_with_zorder_order_are_blitted(monkeypatch):
    _, full, draws = _blitted_full_and_draws(Still3D, monkeypatch)
    assert not all(np.array_equal(full[0], f) for f in full[1:])
    # the background once (plus one per set of repainted artists), not per frame
    assert draws < Still3D.n_frames


class TurningAxes(Spin3D):
    """The camera turns; the whole 3D axes is the moving artist, a title and
    a figure text beside it (one overlapping the axes) stay blitted."""

    def __init__(self):
        super().__init__()
        self.fig.suptitle("turning")
        self.fig.text(0.5, 0.5, "over the axes", ha="center", color="tab:green")

    def init(self):
        super().init()
        return [self.ax]

    def update(self, i):
        super().update(i)
        return [self.ax]


def test_a_whole_axes_can_move(monkeypatch):
    _, full, draws = _blitted_full_and_draws(TurningAxes, monkeypatch)
    assert not np.array_equal(full[0], full[-1])
    assert draws < TurningAxes.n_frames


# -------------------------------------------------------------------------- the steps of write_gif


def _job(tmp_path, mp4=True):
    from animations.writer import _Encoding, _FfmpegJob

    enc = _Encoding(fps=FPS, hold_last_s=HOLD, dither="none", max_colors=256,
                    stats_mode="full", pad_rgb=(255, 255, 255), crf=20, preset="medium")
    return _FfmpegJob(enc, tmp_path / "a.gif", tmp_path / "a.mp4" if mp4 else None)


def test_job_reserves_hidden_temporaries_and_removes_them_unfinished(tmp_path):
    pid = os.getpid()
    with _job(tmp_path) as job:
        job.reserve()
        assert leftovers(tmp_path) == [f".a.gif.tmp-{pid}", f".a.mp4.tmp-{pid}"]
    assert leftovers(tmp_path) == []


def test_job_finish_renames_into_place(tmp_path):
    frame = np.full((8, 10, 4), 200, np.uint8)
    with _job(tmp_path) as job:
        job.reserve()
        job.start(10, 8)
        assert job.feed(frame) and job.feed(frame)
        job.finish()
    assert leftovers(tmp_path) == ["a.gif", "a.mp4"]
    frames, _, _ = gif_frames(tmp_path / "a.gif")
    assert len(frames) == 2 and frames[0].shape == (8, 10, 3)


def test_job_ffmpeg_killed_mid_stream(tmp_path):
    frame = np.zeros((8, 10, 4), np.uint8)
    with pytest.raises(RuntimeError, match=r"^ffmpeg failed \(exit code -?\d+\)"):
        with _job(tmp_path, mp4=False) as job:
            job.reserve()
            job.start(10, 8)
            job.proc.kill()
            job.proc.wait()
            while job.feed(frame):  # the pipe breaks once its buffer is full
                pass
            job.finish()
    assert job.proc.poll() is not None and job.errlog.closed
    assert leftovers(tmp_path) == []


class Growing(SineDot):
    """The figure grows at frame 4: a GIF has one size."""

    full_redraw = True

    def update(self, i):
        if i == 4:
            self.fig.set_size_inches(4, 3)
        return super().update(i)


def test_frame_size_change_is_refused_and_leaves_nothing(tmp_path):
    src = Growing()
    with pytest.raises(RuntimeError, match="frame size changed from 160x120 to 200x150"):
        write_gif(src, tmp_path / "g.gif")
    assert leftovers(tmp_path) == []
    assert src.dot.get_animated() is False
