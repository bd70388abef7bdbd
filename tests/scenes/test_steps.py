"""The step model on a tiny scene: keys by the narration table's rule, steps back to back, and a
step that is too short for its narration waits until it can be read in both languages."""

from __future__ import annotations

import pytest
from manim import Dot, FadeIn, Scene, tempconfig

from lecture import subtitles
from scenes import steps

LONG_ZH = "这一步的旁白很长，需要好几秒钟才能读完，所以动画必须等一等再继续。"
TABLE = {
    "intro": (LONG_ZH, "This step says a lot, so the picture waits until it has been read."),
    "move:0": ("在循环里。", "In the loop."),
    "move:1": ("循环之后。", "After the loop."),
    "pick:left": ("左边。", "Left."),
    "pick:right": ("右边。", "Right."),
}


@pytest.fixture()
def scene_cls(monkeypatch):
    monkeypatch.setattr(steps, "narration_table", lambda section: TABLE if section == 99 else {})
    steps.call_sites.cache_clear()

    class Tiny(steps.Stepped, Scene):
        SECTION = 99

        def construct(self):
            self.intro()
            for _ in range(3):
                self.move()
            self.move()
            self.pick("right")
            self.pick("left")
            self.not_a_step()

        def intro(self):
            self.play(FadeIn(Dot()), run_time=0.5)
            self.move()                       # nested: part of intro, not a step of its own

        def move(self):
            self.wait(2.0)

        def pick(self, side):
            self.wait(1.0)

        def not_a_step(self):
            self.wait(0.3)
    return Tiny


def test_steps_are_keyed_timed_and_wait_for_their_narration(scene_cls):
    with tempconfig({"dry_run": True, "pixel_width": 64, "pixel_height": 36, "frame_rate": 5,
                     "verbosity": "ERROR"}):
        s = scene_cls()
        s.render()
    keys = [st["key"] for st in s.step_log]
    assert keys == ["intro", "move:0", "move:0", "move:0", "move:1", "pick:right", "pick:left"]
    for a, b in zip(s.step_log, s.step_log[1:]):
        assert a["end"] == pytest.approx(b["start"])
    intro = s.step_log[0]
    need = max(subtitles.reading_time(TABLE["intro"][0], "zh"),
               subtitles.reading_time(TABLE["intro"][1], "en"))
    assert need > 2.5                                     # longer than intro's own 2.5 s
    # long enough to read, and no more than a frame (the renderer's unit) longer
    assert need + steps.TAIL - 1e-6 <= intro["end"] - intro["start"] <= need + steps.TAIL + 0.2
    assert intro["narration"] == {"zh": TABLE["intro"][0], "en": TABLE["intro"][1]}
    # a step long enough for its text keeps its own length
    assert s.step_log[1]["end"] - s.step_log[1]["start"] == pytest.approx(2.0)
    assert s.renderer.time == pytest.approx(s.step_log[-1]["end"] + 0.3, abs=0.21)   # not a step
    for st in s.step_log:                                    # every step's cues fit inside it
        for lang in ("zh", "en"):
            subtitles.cues(st["narration"][lang], st["start"], st["end"], lang)
