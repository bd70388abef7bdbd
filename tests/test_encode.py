"""tools/encode.convert_once: a repeated frame converted once gives the file manim writes, byte
for byte (the same pictures, the same order, the same encoder settings)."""

from __future__ import annotations

from pathlib import Path

import pytest


def _render(tmp: Path, patched: bool) -> bytes:
    from manim import BLUE, Circle, Create, Scene, Square, tempconfig
    from manim.scene.video_segment_encoder import VideoSegmentEncoder

    from tools import encode

    original = VideoSegmentEncoder.write_frame

    class Waits(Scene):
        def construct(self):
            self.add(Square())
            self.wait(0.6)                         # a repeated (static) frame
            self.play(Create(Circle(color=BLUE)), run_time=0.4)
            self.wait(0.4)

    try:
        if patched:
            encode.convert_once()
        with tempconfig({"pixel_width": 160, "pixel_height": 90, "frame_rate": 15,
                         "media_dir": str(tmp), "disable_caching": True,
                         "progress_bar": "none", "verbosity": "ERROR",
                         "video_encoder_options": {"preset": "veryfast", "crf": "20"},
                         "output_file": "waits"}):
            scene = Waits()
            scene.render()
            return Path(scene.renderer.file_writer.movie_file_path).read_bytes()
    finally:
        VideoSegmentEncoder.write_frame = original


@pytest.mark.render
def test_converting_once_writes_the_same_file(tmp_path):
    plain = _render(tmp_path / "plain", patched=False)
    once = _render(tmp_path / "once", patched=True)
    assert len(plain) > 1000
    assert once == plain
