"""A long section rendered in pieces (by animation number), in parallel, joined without re-encoding.

Manim numbers a scene's ``play``/``wait`` calls 0, 1, 2, ... and writes each one's frames into a
partial movie of its own (every one starts with a key frame); the scene's movie is those partial
movies' packets copied one after the other. ``config.from_animation_number`` / ``upto_animation_
number`` (inclusive) make manim skip the plays before ``from`` (``construct`` still runs them, so
every mobject is where it would be) and stop after ``upto``. A piece is therefore the same packets
as that stretch of the whole movie, and the pieces joined with ffmpeg's concat demuxer and
``-c copy`` are the whole movie's frames, in order, bit for bit (tests/test_split.py).

One thing manim does not keep: a skipped play advances ``renderer.time`` by its ``run_time``,
while a rendered one advances it by whole frames (``len(arange(0, run_time, 1/fps))`` of them, a
wait ``int(run_time * fps)``). The steps (scenes/steps.py) wait, at their end, until their
narration fits, by ``renderer.time``: with manim's clock a piece could wait differently, play a
different number of animations and record other times. ``frame_clock`` makes a skipped play
advance the clock exactly as the frames it would have written, so a piece's steps have the times
of the whole video.

render.py uses it when there are more processes than sections to render (``make section S=10``
on 2 cores, the lecture on 16): its scene worker gets ``--split K``, cuts the scene by the plays
its last render recorded in steps.json (``frame_clock``; a first render is whole), renders the
first piece itself and each other one in a ``_piece`` process
of its own, and joins them. A plan that no longer fits the scene (it changed since) makes it
render the scene whole. A later piece pays for rebuilding what it skips.

    >>> pieces(9, 2)
    [(0, 4), (5, 8)]
"""

from __future__ import annotations

import importlib
import json
import os
import shutil
import types
from contextlib import contextmanager
from pathlib import Path

from .encode import ENCODER  # a piece is encoded as a whole section is


# --- planning ------------------------------------------------------------------------------

def pieces(n_animations: int, k: int, weights: list[float] | None = None) -> list[tuple[int, int]]:
    """``k`` runs ``(from, upto)`` (both inclusive) of the animations ``0 .. n-1``: each once,
    in order, none empty (fewer than ``k`` when there are fewer animations). With ``weights``
    (one per animation, e.g. the seconds of frames each draws), runs of about equal weight;
    otherwise of about equal count."""
    if n_animations < 1:
        raise ValueError("a scene with no animations cannot be split")
    k = max(1, min(int(k), n_animations))
    w = [1.0] * n_animations if weights is None else [max(0.0, float(x)) for x in weights]
    if len(w) != n_animations:
        raise ValueError(f"{len(w)} weights for {n_animations} animations")
    total = sum(w) or 1.0
    cuts, acc = [], 0.0        # cut after the animation where the running weight passes i/k
    for i, x in enumerate(w):
        acc += x
        left = n_animations - 1 - i                  # animations after this one
        need = k - 1 - len(cuts)                     # cuts still to make
        if need and (acc >= total * (len(cuts) + 1) / k or left == need) and i < n_animations - 1:
            cuts.append(i)
    out, start = [], 0
    for c in cuts:
        out.append((start, c))
        start = c + 1
    out.append((start, n_animations - 1))
    return out


def play_weights(plays: list[dict]) -> list[float]:
    """Weights for ``pieces`` from a render's play records (``frame_clock``'s ``plays``): the
    seconds of frames drawn one by one; a still wait costs next to nothing (one frame)."""
    return [0.05 if p["still"] else p["end"] - p["start"] for p in plays]


# --- the clock -----------------------------------------------------------------------------

def _frames_dt(scene, renderer) -> list[float]:
    """What a rendered play adds to ``renderer.time``, as the additions the renderer makes."""
    import numpy as np
    from manim import config
    dt = 1 / renderer.camera.frame_rate
    if scene.is_current_animation_frozen_frame():
        return [int(scene.duration / dt) * dt]     # CairoRenderer.freeze_current_frame
    return [dt] * len(np.arange(0, scene.duration, 1 / config["frame_rate"]))  # one per frame


def frame_clock(scene) -> list[dict]:
    """Make ``scene``'s renderer count a skipped play's time as its frames (see the module's
    docstring), draw nothing for a skipped play (manim would still draw one frame of it and its
    still background, at full size, and throw them away) and record every play: ``{"start",
    "end", "still", "steps"}`` (``steps``: how many steps the scene had logged when the play
    began). Returns that list, filled as it renders."""
    renderer = scene.renderer
    play, update_frame = type(renderer).play, type(renderer).update_frame
    plays: list[dict] = []

    def counted(self, scene_, *args, **kwargs):
        t0 = self.time
        rec = {"start": t0, "steps": len(getattr(scene_, "step_log", []))}
        play(self, scene_, *args, **kwargs)    # raises EndSceneEarlyException after ``upto``
        if self.skip_animations:
            if getattr(scene_, "stop_condition", None) is not None:
                raise RuntimeError("a wait with a stop condition cannot be skipped frame-exactly")
            t = t0
            for d in _frames_dt(scene_, self):
                t += d
            self.time = t
        rec.update(end=self.time, still=bool(scene_.is_current_animation_frozen_frame()))
        plays.append(rec)

    def drawn(self, scene_, *args, **kwargs):
        if self.skip_animations:   # a skipped play's frames are never written
            return None
        return update_frame(self, scene_, *args, **kwargs)

    renderer.play = types.MethodType(counted, renderer)
    renderer.update_frame = types.MethodType(drawn, renderer)
    return plays


# --- rendering -----------------------------------------------------------------------------

def _piece_class(cls):
    """``cls`` whose end-of-scene layout check runs only when the scene ran to its end (a piece
    that stops early shows a moment in the middle; the whole scene's end is checked by the last
    piece)."""
    from manim.utils.exceptions import EndSceneEarlyException

    def construct(self):
        try:
            cls.construct(self)
        except EndSceneEarlyException:
            self._ended_early = True
            raise

    def tear_down(self):
        if getattr(self, "_ended_early", False):
            return
        cls.tear_down(self)

    return type(cls.__name__, (cls,), {"construct": construct, "tear_down": tear_down,
                                       "__module__": cls.__module__,
                                       "__qualname__": cls.__qualname__})


def rounded(play: dict) -> dict:
    """A play record with its times to the microsecond (as steps.json keeps them)."""
    return {k: round(v, 6) if isinstance(v, float) else v for k, v in play.items()}


def _tmp(final: Path) -> Path:
    return final.with_name(f".{final.name}.tmp-{os.getpid()}")


def _write_json(path: Path, data: dict):
    tmp = _tmp(path)
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    os.replace(tmp, path)


def render_piece(module: str, attr: str, lang: str, options: dict | None, size: tuple,
                 media_dir: Path, from_n: int, upto_n: int | None, out: Path) -> dict:
    """Render animations ``from_n .. upto_n`` (inclusive; ``None``: to the end) of
    ``module.attr`` at ``size`` = (width, height, fps) into ``out`` (MP4, faststart, complete
    or absent) and ``out.with_suffix(".steps.json")``: the steps logged in this piece (a step
    belongs to the piece in which it ends), times in the whole video's clock, ``start``/``end``
    (the piece's place in the whole video), ``animations`` (plays the scene made up to where it
    stopped; the whole scene's count for the last piece). Returns that record.
    ``media_dir`` is manim's folder for this piece alone (emptied first)."""
    from manim import tempconfig

    from tools.assemble import run_ffmpeg
    from tools.encode import fast_frames
    fast_frames()                      # as render.py's worker: the same encoder, the same bytes
    w, h, fps = size
    cls = getattr(importlib.import_module(module), attr)
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    media = Path(media_dir)
    shutil.rmtree(media, ignore_errors=True)
    media.mkdir(parents=True, exist_ok=True)
    tmp = _tmp(out)
    last = upto_n is None
    try:
        with tempconfig({"pixel_width": w, "pixel_height": h, "frame_rate": fps,
                         "media_dir": str(media), "output_file": attr,
                         "disable_caching": True, "progress_bar": "none",
                         "video_encoder_options": ENCODER,
                         "from_animation_number": int(from_n),
                         "upto_animation_number": -1 if last else int(upto_n),
                         "verbosity": "WARNING", "write_to_movie": True, "format": "mp4"}):
            scene = _piece_class(cls)(lang=lang, options=dict(options or {}))
            plays = frame_clock(scene)
            scene.render()
            movie = Path(scene.renderer.file_writer.movie_file_path)
            end = scene.renderer.time
            n = scene.renderer.num_plays
        if len(plays) <= from_n:
            raise ValueError(f"{attr} plays {len(plays)} animations; a piece from {from_n} is empty")
        first = 0 if from_n == 0 else plays[from_n]["steps"]  # steps ended before: earlier pieces
        record = {"section": getattr(cls, "SECTION", 0), "from": int(from_n),
                  "upto": n - 1, "animations": n, "to_end": not getattr(scene, "_ended_early", False),
                  "start": round(plays[from_n]["start"], 4), "end": round(end, 4),
                  "plays": [rounded(p) for p in plays[from_n:]],
                  "steps": list(getattr(scene, "step_log", []))[first:]}
        run_ffmpeg(["-i", movie, "-c", "copy", "-map", "0", "-movflags", "+faststart",
                    "-f", "mp4", tmp], tmp)
        os.chmod(tmp, 0o644)
        _write_json(out.with_suffix(".steps.json"), record)
        os.replace(tmp, out)
    finally:
        shutil.rmtree(media, ignore_errors=True)
        if tmp.exists():
            tmp.unlink()
    return record


def join(parts: list[Path], out: Path) -> dict:
    """Join the pieces' MP4s, in order, into ``out`` with ffmpeg's concat demuxer and ``-c copy``
    (faststart; written under a temporary name, then renamed), and their steps into
    ``out.with_suffix(".steps.json")`` as render.py writes a whole section's: ``section``,
    ``duration``, ``steps``, plus ``animations``. The pieces must follow one another: each
    starts at the animation and the time where the one before ended."""
    from tools.assemble import run_ffmpeg
    parts = [Path(p) for p in parts]
    recs = [json.loads(p.with_suffix(".steps.json").read_text(encoding="utf-8")) for p in parts]
    for a, b in zip(recs, recs[1:]):
        if b["from"] != a["upto"] + 1 or abs(b["start"] - a["end"]) > 1e-3:
            raise ValueError(f"pieces do not follow one another: animations {a['from']}-"
                             f"{a['upto']} end at {a['end']} s, the next begins with {b['from']}"
                             f" at {b['start']} s")
    if recs[0]["from"] != 0 or not recs[-1]["to_end"]:
        raise ValueError("the pieces do not cover the scene from its first animation to its end")
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    lst, tmp = _tmp(out.with_suffix(".txt")), _tmp(out)
    try:
        lst.write_text("".join(f"file '{p.resolve().as_posix()}'\n" for p in parts),
                       encoding="utf-8")
        run_ffmpeg(["-f", "concat", "-safe", "0", "-i", lst, "-c", "copy", "-map", "0",
                    "-movflags", "+faststart", "-f", "mp4", tmp], tmp)
        os.chmod(tmp, 0o644)
        merged = {"section": recs[0]["section"], "duration": recs[-1]["end"],
                  "animations": recs[-1]["animations"],
                  "steps": [s for r in recs for s in r["steps"]],
                  "plays": [p for r in recs for p in r.get("plays", [])]}
        _write_json(out.with_suffix(".steps.json"), merged)
        os.replace(tmp, out)
    finally:
        for t in (lst, tmp):
            if t.exists():
                t.unlink()
    return merged


def count_plays(module: str, attr: str, lang: str, options: dict | None, fps: int) -> list[dict]:
    """The scene's plays (``frame_clock`` records: start, end, still) without drawing a frame:
    ``construct`` runs with every animation skipped on the frame-exact clock. Costs what a
    piece's skipped part costs (the scene's mobjects and text are still built); a previous
    render's ``plays`` (see render.py's steps.json) are free."""
    from manim import tempconfig
    cls = getattr(importlib.import_module(module), attr)
    with tempconfig({"frame_rate": fps, "pixel_width": 256, "pixel_height": 144,
                     "dry_run": True, "from_animation_number": 10**9,
                     "disable_caching": True, "progress_bar": "none",
                     "verbosity": "WARNING"}):
        scene = _piece_class(cls)(lang=lang, options=dict(options or {}))
        plays = frame_clock(scene)
        scene.render()
    return [rounded(p) for p in plays]
