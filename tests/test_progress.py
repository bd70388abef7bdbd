"""Tests for tools.progress: plain lines (what CI logs and tests read), the rich display, the ETA
arithmetic, thread safety and the last run's times. A fake clock: no sleeps, no wall time."""

from __future__ import annotations

import io
import json
import re
import threading

import pytest
from rich.console import Console

from tools.progress import (Progress, bar_line, clock_text, estimates, eta_seconds,
                            filled_estimates, output_name, work_done)

A = "07_tangent_2d.mp4 (zh, preview)"
B = "riemann.gif (zh, width 640)"
C = "riemann.gif (en, width 640)"
JOBS = [(A, 4.0), (B, None), (C, 2.0)]
LINE = re.compile(r"^\[([#-]{24})\] (\d+)/(\d+) (.*)$")


class Clock:
    def __init__(self):
        self.t = 100.0

    def __call__(self):
        return self.t


def plain_run(events, jobs=JOBS, title="rendering with 2 process(es)"):
    out = io.StringIO()
    with Progress(jobs, title, stream=out, workers=2, clock=Clock()) as p:
        for name, *args in events:
            getattr(p, name)(*args)
    return out.getvalue().splitlines()


def test_plain_lines_keep_render_py_shape():
    lines = plain_run([
        ("started", A, 4242), ("started", B, 4243),
        ("finished", B, 2.04, False, "no such function (log: build/cache/logs/b.log)"),
        ("finished", A, 4.14, True),
        ("skipped", C, "up to date (rendered by another process)"),
    ])
    assert lines == [
        "[------------------------] 0/3 rendering with 2 process(es)",
        "started 07_tangent_2d.mp4 (zh, preview) (worker pid 4242)",
        "started riemann.gif (zh, width 640) (worker pid 4243)",
        "[########----------------] 1/3 riemann.gif FAILED: no such function "
        "(log: build/cache/logs/b.log)",
        "[################--------] 2/3 07_tangent_2d.mp4 (4.1 s)",
        "[########################] 3/3 riemann.gif: up to date (rendered by another process)",
    ]
    text = "\n".join(lines)
    assert "\x1b" not in text
    # what tests/test_every_target.py and tests/test_process.py look for
    assert " riemann.gif FAILED" in lines[3]
    m = re.search(r"started (\S+) .*\(worker pid (\d+)\)", lines[1])
    assert m.groups() == ("07_tangent_2d.mp4", "4242")


def test_plain_counts_in_the_order_jobs_finish():
    lines = plain_run([("started", A), ("started", B), ("started", C),
                       ("finished", C, 1.0, True), ("finished", A, 3.0, True),
                       ("finished", B, 2.0, True, "(slow)")])
    assert lines[1:4] == [f"started {x}" for x in (A, B, C)]
    parsed = [LINE.match(ln).groups() for ln in lines[4:]]
    assert [(g[1], g[2]) for g in parsed] == [("1", "3"), ("2", "3"), ("3", "3")]
    assert [g[3] for g in parsed] == ["riemann.gif (1.0 s)", "07_tangent_2d.mp4 (3.0 s)",
                                      "riemann.gif (2.0 s) (slow)"]
    assert [g[0].count("#") for g in parsed] == [8, 16, 24]


def test_plain_line_per_event_and_flushed():
    class Spy(io.StringIO):
        flushes = 0

        def flush(self):
            Spy.flushes += 1

    out = Spy()
    with Progress(JOBS, "t", stream=out) as p:
        p.started(A)
        p.finished(A, 1.0, True)
    assert out.getvalue().count("\n") == 3 and Spy.flushes == 3


def test_no_jobs_no_output():
    assert plain_run([], jobs=[]) == []


def test_unknown_label_is_counted_and_duplicates_refused():
    lines = plain_run([("finished", "extra.gif (zh, width 640)", 1.0, True)], jobs=[(A, 1.0)])
    assert lines[-1] == bar_line(1, 2, "extra.gif (1.0 s)")
    with pytest.raises(ValueError):
        Progress([(A, 1.0), (A, 2.0)], "t", stream=io.StringIO())


def test_plain_unless_a_terminal(monkeypatch):
    class Tty(io.StringIO):
        def isatty(self):
            return True

    monkeypatch.delenv("TERM", raising=False)
    assert Progress(JOBS, "t", stream=io.StringIO()).plain
    assert not Progress(JOBS, "t", stream=Tty()).plain
    assert Progress(JOBS, "t", stream=Tty(), plain=True).plain
    monkeypatch.setenv("TERM", "dumb")
    assert Progress(JOBS, "t", stream=Tty()).plain
    assert not Progress(JOBS, "t", stream=Console(file=io.StringIO(), force_terminal=True)).plain


def terminal_run(events, jobs=JOBS, clock=None):
    console = Console(file=io.StringIO(), force_terminal=True, width=120,
                      color_system="truecolor")
    clock = clock or Clock()
    with Progress(jobs, "rendering with 2 process(es)", stream=console, workers=2,
                  clock=clock) as p:
        assert not p.plain
        for name, *args in events:
            if name == "tick":
                clock.t += args[0]
            else:
                getattr(p, name)(*args)
    return console.file.getvalue(), p


def test_terminal_mode_renders_labels_and_results():
    text, p = terminal_run([("started", A, 4242), ("tick", 1.0), ("started", B, 4243),
                            ("tick", 2.0), ("finished", A, 3.0, True),
                            ("finished", B, 2.0, False, "boom [bad] (log: x.log)"),
                            ("skipped", C, "up to date")])
    assert "\x1b[" in text  # a terminal: colours and cursor moves
    for s in (A, B, C, "pid 4242", "1/3", "3/3", "FAILED: boom [bad] (log: x.log)",
              "up to date", "rendering with 2 process(es)", "done in 3.0 s"):
        assert s in text, s
    # finished jobs are printed above the live area in the order they finish
    seen = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", text)
    first = seen.index(f"1/3 ✓ {A} 3.0 s (estimate 4.0 s)")
    assert first < seen.index(f"2/3 ✗ {B} 2.0 s FAILED")
    assert f"3/3 = {C}: up to date" in seen
    assert p.count == 3


def test_terminal_mode_shows_the_estimate_and_eta():
    clock = Clock()
    text, _ = terminal_run([("started", A), ("tick", 1.0)], jobs=[(A, 40.0), (B, 20.0)],
                           clock=clock)
    # two workers: (39 + 20) / 2 = 29.5, but the running job alone needs 39 more
    assert "~40 s" in text and "ETA 39 s" in text


def test_terminal_mode_stops_on_an_exception():
    console = Console(file=io.StringIO(), force_terminal=True, width=100)
    with pytest.raises(KeyboardInterrupt):
        with Progress(JOBS, "t", stream=console, clock=Clock()) as p:
            p.started(A)
            raise KeyboardInterrupt
    assert console.file.getvalue().endswith("\x1b[?25h")  # the cursor is shown again
    assert p._live is None


# --- the arithmetic ---------------------------------------------------------------------------


def test_filled_estimates_use_the_mean_of_the_known():
    assert filled_estimates([4.0, None, 2.0]) == [4.0, 3.0, 2.0]
    assert filled_estimates([None, None]) is None
    assert filled_estimates([]) is None


def test_eta_all_known_one_worker():
    # nothing started: the sum of the estimates
    assert eta_seconds([3.0, 5.0], [None, None], [False, False]) == 8.0
    # first finished, second running for 2 s of its 5
    assert eta_seconds([3.0, 5.0], [3.0, 2.0], [True, False]) == 3.0
    # a job running longer than its estimate needs 0 more, not a negative time
    assert eta_seconds([3.0, 5.0], [9.0, None], [False, False]) == 5.0
    assert eta_seconds([3.0], [3.0], [True]) == 0.0


def test_eta_unknown_jobs_count_as_the_mean():
    # mean of 10 and 20 is 15: 10 + 20 + 15 = 45
    assert eta_seconds([10.0, 20.0, None], [None] * 3, [False] * 3) == 45.0
    assert eta_seconds([None, None], [None, None], [False, False]) is None


def test_eta_workers_share_the_work_but_not_below_the_longest_running():
    est, el, done = [10.0, 20.0, None], [4.0, None, None], [False] * 3
    assert eta_seconds(est, el, done, workers=2) == pytest.approx((6 + 20 + 15) / 2)
    # one long job left running: the other worker cannot help
    assert eta_seconds([100.0, 1.0], [10.0, 1.0], [False, True], workers=4) == 90.0


def test_work_done_fraction():
    assert work_done([3.0, 1.0], [None, None], [False, False]) == 0.0
    assert work_done([3.0, 1.0], [1.5, None], [False, False]) == pytest.approx(1.5 / 4)
    assert work_done([3.0, 1.0], [9.0, 1.0], [False, True]) == pytest.approx(1.0)
    assert work_done([None, None, None], [1.0, None, None], [True, False, False]) == 1 / 3
    assert work_done([], [], []) == 1.0


def test_progress_eta_follows_the_events():
    clock = Clock()
    p = Progress([(A, 10.0), (B, None), (C, 20.0)], "t", stream=io.StringIO(), workers=1,
                 clock=clock)
    assert p.eta() == 45.0 and p.fraction() == 0.0
    p.started(A)
    clock.t += 4.0
    assert p.eta() == 41.0 and p.fraction() == pytest.approx(4 / 45)
    p.finished(A, 4.0, True)
    assert p.eta() == 35.0
    p.skipped(B, "up to date")
    assert p.eta() == 20.0


def test_clock_text():
    assert [clock_text(s) for s in (0, 7.44, 9.96, 17.4, 59.6, 65, 3723, -1)] == \
        ["0.0 s", "7.4 s", "10 s", "17 s", "1:00", "1:05", "1:02:03", "0.0 s"]


def test_output_name():
    assert output_name(A) == "07_tangent_2d.mp4"
    assert output_name("lecture.mp4") == "lecture.mp4"


# --- threads ----------------------------------------------------------------------------------


@pytest.mark.parametrize("plain", [True, False])
def test_many_threads_finishing(plain):
    n, threads = (120 if plain else 40), 8
    jobs = [(f"x{i:03d}.gif (zh, width 640)", float(i % 7) or None) for i in range(n)]
    stream = io.StringIO() if plain else Console(file=io.StringIO(), force_terminal=True,
                                                 width=100)
    start = threading.Barrier(threads)
    with Progress(jobs, "t", stream=stream, plain=plain, workers=threads,
                  clock=Clock()) as p:
        def work(k):
            start.wait()
            for i in range(k, n, threads):
                p.started(jobs[i][0], 1000 + i)
                p.eta(), p.fraction()
                if i % 5 == 0:
                    p.finished(jobs[i][0], 1.0, False, "boom")
                else:
                    p.finished(jobs[i][0], 1.0, True)

        ts = [threading.Thread(target=work, args=(k,)) for k in range(threads)]
        for t in ts:
            t.start()
        for t in ts:
            t.join()
    assert p.count == n and p.eta() == 0.0
    if not plain:
        assert f"{n}/{n}" in stream.file.getvalue()
        return
    lines = stream.getvalue().splitlines()
    assert len(lines) == 1 + 2 * n
    finish = [LINE.match(ln) for ln in lines[1:] if not ln.startswith("started ")]
    assert all(finish) and len(finish) == n
    # the count goes up one line at a time, whatever thread printed it
    assert [int(m.group(2)) for m in finish] == list(range(1, n + 1))
    names = sorted(m.group(4).split()[0] for m in finish)
    assert names == sorted(f"x{i:03d}.gif" for i in range(n))
    assert sum("FAILED: boom" in m.group(4) for m in finish) == n // 5


# --- the last run's times ---------------------------------------------------------------------


def test_estimates_read_the_stamps(tmp_path):
    stamps = tmp_path / "cache" / "stamps"
    (stamps / "videos" / "zh" / "preview").mkdir(parents=True)
    (stamps / "gifs" / "en").mkdir(parents=True)

    def stamp(rel, body):
        (stamps / rel).write_text(body if isinstance(body, str) else json.dumps(body))

    stamp("videos/zh/preview/07_tangent_2d.mp4.json",
          {"fingerprint": "f", "outputs": {}, "seconds": 41.25})
    stamp("gifs/en/riemann.gif.json", {"fingerprint": "f", "outputs": {}, "seconds": 3})
    stamp("gifs/en/old.gif.json", {"fingerprint": "f", "outputs": {}})       # no time
    stamp("gifs/en/bad.gif.json", "{not json")
    stamp("gifs/en/list.gif.json", [1, 2])
    stamp("gifs/en/neg.gif.json", {"seconds": -1})
    stamp("gifs/en/.x.gif.json", {"seconds": 9})                              # being written
    stamp("gifs/en/.y.gif.json.tmp-123", {"seconds": 9})
    assert estimates(tmp_path) == {"videos/zh/preview/07_tangent_2d.mp4": 41.25,
                                   "gifs/en/riemann.gif": 3.0}
    assert estimates(tmp_path / "nowhere") == {}
