"""Faster encoding of a scene's frames (used by render.py's scene worker).

Manim's ``VideoSegmentEncoder.write_frame(pixels, repeat=n)`` converts the same RGBA frame to
the encoder's pixel format ``n`` times over (a wait of 4 s at 30 fps: 120 conversions of one
1080p picture). ``convert_once`` patches it to convert once and send the converted frame ``n``
times, each with its own time stamp: the encoder receives the same pictures in the same order,
so the file is byte for byte the one manim writes (tests/test_encode.py).
"""

from __future__ import annotations

from fractions import Fraction

# x264 for the section videos (manim's ``video_encoder_options``): "veryfast" instead of manim's
# default "medium" (encoding was half of a 1080p render); crf 20 keeps text and thin lines sharp.
# Every piece of a split section is encoded alike (tools/split.py).
ENCODER = {"preset": "veryfast", "crf": "20"}


def _write_frame(self, pixels, *, repeat: int = 1) -> None:
    import av
    self._validate_frame(pixels, repeat)
    time_base = Fraction(self.spec.frame_rate.denominator, self.spec.frame_rate.numerator)
    try:
        frame = av.VideoFrame.from_ndarray(pixels, format="rgba")
        if repeat > 1:   # converted once; the encoder keeps its own reference to each frame
            frame = frame.reformat(format=self._stream.pix_fmt)
        for _ in range(repeat):
            frame.pts = self._next_pts
            frame.time_base = time_base
            self._next_pts += 1
            for packet in self._stream.encode(frame):
                self._container.mux(packet)
    except BaseException as error:
        raise self._operation_error("encode", error) from error


def convert_once() -> None:
    """Patch manim's segment encoder (idempotent)."""
    from manim.scene.video_segment_encoder import VideoSegmentEncoder
    VideoSegmentEncoder.write_frame = _write_frame
