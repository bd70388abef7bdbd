"""tools/encode: a still stretch stored once gives the same video at every instant, and OpenCV's
RGBA to YUV conversion agrees with FFmpeg's (swscale, what manim uses)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from tools.encode import ENCODER

FPS = 15


def _render(tmp: Path, fast: bool, options: dict) -> tuple[Path, float]:
    """A scene of waits and plays, written with every repeated frame (``fast=False``: the same
    conversion, one encoded frame per 1/FPS s) or with still stretches stored once."""
    from manim import BLUE, Circle, Create, FadeOut, Scene, Square, tempconfig
    from manim.scene.video_segment_encoder import VideoSegmentEncoder

    from tools import encode

    original = VideoSegmentEncoder.write_frame

    def every_frame(self, pixels, *, repeat=1):      # the reference: n frames for a wait of n
        for _ in range(repeat):
            encode._write_frame(self, pixels, repeat=1)

    class Waits(Scene):
        def construct(self):
            self.add(Square())
            self.wait(0.6)                           # a still stretch first
            self.play(Create(Circle(color=BLUE)), run_time=1.0)
            self.wait(1.0)
            self.play(FadeOut(self.mobjects[0]), run_time=1.0)
            self.wait(0.4)                           # and last

    try:
        encode.fast_frames()
        if not fast:
            VideoSegmentEncoder.write_frame = every_frame
        with tempconfig({"pixel_width": 160, "pixel_height": 90, "frame_rate": FPS,
                         "media_dir": str(tmp), "disable_caching": True,
                         "progress_bar": "none", "verbosity": "ERROR",
                         "video_encoder_options": options, "output_file": "waits"}):
            scene = Waits()
            scene.render()
            return Path(scene.renderer.file_writer.movie_file_path), scene.renderer.time
    finally:
        VideoSegmentEncoder.write_frame = original


def _plane(frame, i: int) -> np.ndarray:
    """Plane ``i`` of a YUV frame without its row padding."""
    p = frame.planes[i]
    return np.frombuffer(bytes(p), np.uint8).reshape(p.height, p.line_size)[:, :p.width]


def _timeline(path: Path):
    """(duration s, [(time s, YUV planes as bytes)]) of a video's frames."""
    import av
    with av.open(str(path)) as c:
        s = c.streams.video[0]
        frames = [(float(f.pts * f.time_base), b"".join(_plane(f, i).tobytes() for i in range(3)))
                  for f in c.decode(video=0)]
        return float(s.duration * s.time_base), frames


def _shown(frames, t: float) -> bytes:
    """The picture on screen at time ``t``: the last frame whose time has come."""
    return [pic for ts, pic in frames if ts <= t + 1e-9][-1]


@pytest.mark.render
@pytest.mark.parametrize("options", [
    {"preset": "veryfast", "crf": "0", "x264-params": "bframes=0"},  # lossless: exact pictures
    ENCODER,                                                         # the project's
])
def test_still_stretches_stored_once_show_the_same_video(tmp_path, options):
    every, seconds = _render(tmp_path / "every", False, options)
    once, seconds_once = _render(tmp_path / "once", True, options)
    assert seconds == seconds_once == pytest.approx(4.0)
    d_every, f_every = _timeline(every)
    d_once, f_once = _timeline(once)
    n = round(seconds * FPS)
    assert len(f_every) == n                       # the reference holds every frame
    assert len(f_once) == n - (9 - 2) - (15 - 2) - (6 - 2)   # a still stretch: two frames
    assert d_once == d_every == pytest.approx(n / FPS)   # the same length, to the frame
    if options["crf"] == "0":                      # the same picture at every instant
        for k in range(n):
            assert _shown(f_once, k / FPS) == _shown(f_every, k / FPS), f"frame {k}"


def test_opencv_conversion_agrees_with_ffmpeg():
    """Against swscale (an independent implementation of the same BT.601 limited-range
    conversion) on a picture of flat colours, thin lines and a gradient."""
    import av

    from tools.encode import _converted

    rng = np.random.default_rng(7)
    h, w = 90, 160
    rgba = np.zeros((h, w, 4), np.uint8)
    rgba[..., 3] = 255
    rgba[:, :, :3] = (30, 30, 46)                          # the background
    rgba[20:70, 10:80, :3] = (137, 180, 250)               # a flat block
    rgba[45, :, :3] = 255                                  # a one-pixel line
    rgba[:, 100:, 0] = np.linspace(0, 255, w - 100).astype(np.uint8)   # a gradient
    rgba[60:, 120:, :3] = rng.integers(0, 256, (h - 60, w - 120, 3))   # noise

    class Stream:
        pix_fmt = "yuv420p"

    class Encoder:
        _stream = Stream()

    ours = _converted(Encoder(), rgba)
    ref = av.VideoFrame.from_ndarray(rgba, format="rgba").reformat(format="yuv420p")
    assert ours.format.name == "yuv420p" and (ours.width, ours.height) == (w, h)

    y = np.abs(_plane(ours, 0).astype(int) - _plane(ref, 0).astype(int))
    assert y.max() <= 1                                    # luma: the same to a level
    flat = np.s_[12:21, 7:38]                              # chroma inside the flat block
    for i in (1, 2):
        c = np.abs(_plane(ours, i).astype(int) - _plane(ref, i).astype(int))
        assert c[flat].max() <= 1
        assert c.mean() < 4                                # edges: 2x2 average vs sampling


def test_converting_an_unusual_format_falls_back_to_ffmpeg():
    from tools.encode import _converted

    class Stream:
        pix_fmt = "yuv444p"

    class Encoder:
        _stream = Stream()

    rgba = np.full((4, 6, 4), 200, np.uint8)
    assert _converted(Encoder(), rgba).format.name == "yuv444p"



@pytest.mark.parametrize("section", range(1, 13))
def test_a_section_video_lasts_as_long_as_its_scene(scene_build, section):
    """Still stretches stored once and the plays joined: the video's length is the scene's own
    clock (steps.json's duration, what the subtitles and the deck's steps are timed by)."""
    import json

    from conftest import probe
    from render import QUALITIES
    fps = QUALITIES["test"][2]
    video = scene_build(section)
    clock = json.loads(video.with_suffix(".steps.json").read_text(encoding="utf-8"))["duration"]
    info = probe(video)
    assert info["duration"] == pytest.approx(clock, abs=1.5 / fps)
    assert info["frames"] < clock * fps                 # stills are stored once


def test_the_looking_tool_picks_frames_by_time_in_a_stored_still(tmp_path):
    """tools/frames on a video that holds a still as two samples: the pictures shown at evenly
    spaced times (named by frame number), not evenly spaced samples."""
    from conftest import write_samples

    from tools import frames
    video = write_samples(tmp_path / "v.mp4", FPS, [         # frames 2..29: one still
        (k, np.full((32, 64, 3), level, np.uint8)) for k, level in ((0, 0), (1, 80), (2, 160),
                                                                     (29, 160))])
    written = frames.extract(video, 3, tmp_path / "out")
    assert [p.name for p in written] == ["v_frame_0000.png", "v_frame_0014.png",
                                         "v_frame_0029.png"]
    from PIL import Image
    levels = [int(np.asarray(Image.open(p)).mean()) for p in written]
    assert abs(levels[0] - 0) < 20 and abs(levels[1] - 160) < 20 and abs(levels[2] - 160) < 20
