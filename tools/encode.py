"""Faster encoding of a scene's frames (used by render.py's scene worker and tools/split.py).

Measured at 1080p on this project's sections (bench/bench_sections.py, README): encoding was
about two thirds of a section's CPU time, drawing and the scene's own work the rest. Two costs
went away:

* **A still picture is stored once.** Manim writes a wait as the same frame ``n`` times
  (``VideoSegmentEncoder.write_frame(pixels, repeat=n)``) and x264 analyses every copy again:
  about 9 ms of CPU per 1080p copy, and half of the lecture's 18,000 frames are such copies.
  ``fast_frames`` stores the picture at its first time stamp and again at its last one: the
  file's time stamps say how long it stays (the MP4 holds per-frame durations; every player
  and ffmpeg honour them), so a wait of 4 s costs two frames of work instead of 120. The video
  shows the same picture at every instant and lasts exactly as long (tests/test_encode.py
  decodes both at every 1/30 s and compares, losslessly encoded).
* **RGBA to YUV by OpenCV.** PyAV's swscale conversion took 6.5 ms of CPU per 1080p picture
  (8 with its threads fighting the other render process); OpenCV's ``cvtColor`` takes 1.5 ms
  including the copy into the frame. Both use BT.601's limited range, as manim's files always
  did: luma agrees to one level at 0.05 % of pixels; chroma is the average of each 2x2 block
  (swscale samples it differently), blue-difference one level higher on most pixels.

``ENCODER`` are the x264 options; ``encoder_options(threads)`` adds the thread count: one
thread when render.py runs sections side by side (the cores are busy anyway, and x264's frame
threads cost about a fifth more CPU), x264's own choice when one section renders alone.
"""

from __future__ import annotations

from fractions import Fraction

# x264 for the section videos (manim's ``video_encoder_options``): "veryfast" instead of manim's
# default "medium" (encoding was half of a 1080p render); crf 20 keeps text and thin lines sharp.
# No B-frames: manim joins a scene's plays by letting libav recompute decode times, which goes
# wrong once a still stretch spans many frames between two samples (a section lost 3 of its
# 49 s); without B-frames a sample's decode time is its display time. It also saves 15 % of
# x264's CPU, for files about a fifth larger. Every piece of a split section is encoded alike
# (tools/split.py).
ENCODER = {"preset": "veryfast", "crf": "20", "x264-params": "bframes=0"}


def encoder_options(threads: int = 0) -> dict:
    """``ENCODER`` with x264's thread count (0: x264 chooses, one per core and more)."""
    return {**ENCODER, "threads": str(int(threads))} if threads else dict(ENCODER)


def _converted(self, pixels):
    """The RGBA picture as the encoder's YUV 4:2:0 frame (OpenCV: BT.601, 2x2 chroma average)."""
    import av
    import cv2
    if self._stream.pix_fmt != "yuv420p":      # another format asked of manim: PyAV converts
        return av.VideoFrame.from_ndarray(pixels, format="rgba").reformat(
            format=self._stream.pix_fmt)
    return av.VideoFrame.from_ndarray(cv2.cvtColor(pixels, cv2.COLOR_RGBA2YUV_I420),
                                      format="yuv420p")


def _write_frame(self, pixels, *, repeat: int = 1) -> None:
    self._validate_frame(pixels, repeat)
    time_base = Fraction(self.spec.frame_rate.denominator, self.spec.frame_rate.numerator)
    first = self._next_pts
    # a still stretch: its first and its last frame; the time stamps say it stays in between
    stamps = (first,) if repeat == 1 else (first, first + repeat - 1)
    try:
        frame = _converted(self, pixels)
        for pts in stamps:
            frame.pts = pts
            frame.time_base = time_base
            for packet in self._stream.encode(frame):
                self._container.mux(packet)
        self._next_pts = first + repeat
    except BaseException as error:
        raise self._operation_error("encode", error) from error


def fast_frames() -> None:
    """Patch manim's segment encoder (idempotent)."""
    import cv2
    cv2.setNumThreads(1)          # one core per render process: render.py runs them side by side
    from manim.scene.video_segment_encoder import VideoSegmentEncoder
    VideoSegmentEncoder.write_frame = _write_frame

