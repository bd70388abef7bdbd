"""The render pipeline end to end at test size: outputs, the cache, the assembled lecture,
an interrupt, and a lecturer's own function."""

from __future__ import annotations

import json

import signal
import time

import pytest

import render
from conftest import Running, probe, run_cli, wait_gone
from lecture.sections import SECTIONS

pytestmark = pytest.mark.render


def test_section_one_renders_at_test_size(scene_build):
    info = probe(scene_build(1))
    assert (info["width"], info["height"]) == (256, 144)
    assert 10 <= info["duration"] <= 60
    assert info["frames"] >= 5 * 10


def test_second_run_is_up_to_date(scene_build):
    path = scene_build(1)
    out = path.parents[3]
    before = path.stat().st_mtime_ns
    t0 = time.time()
    r = run_cli("scenes", "1", "--quality", "test", "--out", out, check=True)
    assert "up to date" in r.stdout and "rendered 0" in r.stdout
    assert path.stat().st_mtime_ns == before
    assert time.time() - t0 < 30  # generous: the point is that nothing was rendered


def test_lecture_holds_every_section_in_order(scene_build):
    for s in SECTIONS:
        scene_build(s.number)
    out = scene_build(1).parents[3]
    r = run_cli("lecture", "--quality", "test", "--out", out, check=True)
    lecture = out / "lecture" / "zh" / "test" / "lecture.mp4"
    assert lecture.exists(), r.stdout
    from tools.assemble import chapters, duration
    ch = chapters(lecture)
    assert [c[2] for c in ch] == [f"{s.number}. {s.title('zh')}" for s in SECTIONS]
    parts = [duration(scene_build(s.number)) for s in SECTIONS]
    for (start, end, _), d in zip(ch, parts):
        assert end - start == pytest.approx(d, abs=0.05)
    assert all(a[1] == pytest.approx(b[0], abs=1e-3) for a, b in zip(ch, ch[1:]))
    assert duration(lecture) == pytest.approx(sum(parts), abs=0.5)
    # again with nothing changed: the lecture is not assembled again
    before = lecture.stat().st_mtime_ns
    r = run_cli("lecture", "--quality", "test", "--out", out, check=True)
    assert f"lecture: {lecture} (up to date)" in r.stdout
    assert lecture.stat().st_mtime_ns == before
    # a file it wrote gone: made again
    (lecture.with_name("lecture.en.vtt")).unlink()
    r = run_cli("lecture", "--quality", "test", "--out", out, check=True)
    assert "(up to date)" not in r.stdout and lecture.with_name("lecture.en.vtt").exists()


def test_interrupt_leaves_no_partial_file(tmp_path):
    """Ctrl-C as soon as render.py says the worker started (no sleep, no hold hook: wherever
    the worker is then, importing manim or writing frames). Whatever the machine's speed, the
    end is exit 130 with nothing in the folder, or (had the render already finished) exit 0
    with a complete video; never a partial or temporary file, never a traceback."""
    r = Running("scenes", "1", "--quality", "test", "--out", tmp_path, "--jobs", "1")
    worker = int(r.wait_line(r"started 01_derivative\.mp4 \(zh, test\) \(worker pid (\d+)\)")
                 .group(1))
    r.proc.send_signal(signal.SIGINT)
    rc, out, err = r.finish(ceiling=120)
    assert "Traceback" not in err
    video = tmp_path / "videos" / "zh" / "test" / "01_derivative.mp4"
    if rc == 130:
        assert err.strip().splitlines() == [
            f"error: interrupted; no partial file was left in {tmp_path}"]
        assert not any(tmp_path.rglob("*.mp4")), list(tmp_path.rglob("*.mp4"))
    else:  # the render won the race: then it is complete
        assert rc == 0, (out, err)
        assert probe(video)["frames"] > 0
    assert not [p for p in tmp_path.rglob("*") if ".tmp" in p.name]
    wait_gone(worker, 60, "the worker ending")


def test_typed_function_reaches_the_secant_scene():
    """Section 1 with f = sin(x)*exp(-x/3) at a = 1.5: the slopes shown are that function's."""
    import math
    from scenes.s01_derivative import SecantBecomesTangent
    v = SecantBecomesTangent(options={"function": "sin(x)*exp(-x/3)", "point": 1.5,
                                      "range": [0.0, 6.0]}).lesson.video
    f = lambda x: math.sin(x) * math.exp(-x / 3)  # noqa: E731
    a = 1.5
    assert v.a == a
    sw = v.sweep(60)
    for h, s in zip(sw.h, sw.slopes):
        assert s == pytest.approx((f(a + h) - f(a)) / h, rel=1e-9, abs=1e-12)
    exact = math.exp(-a / 3) * (math.cos(a) - math.sin(a) / 3)
    assert v.derivative == pytest.approx(exact, rel=1e-12)


def test_typed_function_renders(tmp_path):
    r = run_cli("scenes", "1", "--function", "x**3 - 2*x", "--point", "1.5", "--range", "-2,2",
                "--quality", "test", "--out", tmp_path, "--jobs", "1", check=True)
    # a readable name: the function as typed, then a short hash
    files = list((tmp_path / "videos" / "zh" / "test").glob("01_derivative-x^3-2x-*.mp4"))
    assert len(files) == 1, r.stdout
    assert probe(files[0])["width"] == 256
    made = json.loads(files[0].with_suffix(".json").read_text())
    assert made["options"]["function"] == "x**3 - 2*x" and made["options"]["point"] == 1.5
    assert made["lesson"]["point"] == 1.5 and made["lesson"]["range"] == [-2.0, 2.0]
