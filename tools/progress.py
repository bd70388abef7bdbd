"""The progress of a render run: a line per running job and an overall bar on a terminal, one
plain line per event otherwise (CI logs, pipes).

    with Progress([("07_tangent_2d.mp4 (zh, preview)", 4.1), ("riemann.gif (zh, width 640)", None)],
                  "rendering with 2 process(es)", workers=2) as progress:
        progress.started("07_tangent_2d.mp4 (zh, preview)", pid=1234)   # from any thread
        progress.finished("07_tangent_2d.mp4 (zh, preview)", 4.3, ok=True)
        progress.skipped("riemann.gif (zh, width 640)", "up to date (rendered by another process)")

A label starts with the output's file name, then its details in parentheses. Plain lines keep the
shape render.py has always printed (tests and CI logs read them)::

    [------------------------] 0/2 rendering with 2 process(es)
    started 07_tangent_2d.mp4 (zh, preview) (worker pid 1234)
    [############------------] 1/2 07_tangent_2d.mp4 (4.3 s)
    [########################] 2/2 riemann.gif: up to date (rendered by another process)

and a failure is ``[...] 2/2 riemann.gif FAILED: why``. Estimates are the last run's seconds
(:func:`estimates`); a job without one counts as the mean of the known ones.
"""

from __future__ import annotations

import json
import os
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Sequence

BAR_WIDTH = 24


# --- arithmetic ----------------------------------------------------------------------------


def bar_line(done: int, total: int, msg: str) -> str:
    """``[######------------------] 3/12 msg``: render.py's plain progress line."""
    filled = int(BAR_WIDTH * done / max(total, 1))
    return f"[{'#' * filled}{'-' * (BAR_WIDTH - filled)}] {done}/{total} {msg}"


def output_name(label: str) -> str:
    """``"07_tangent_2d.mp4 (zh, preview)"`` -> ``"07_tangent_2d.mp4"``."""
    return label.partition(" (")[0]


def filled_estimates(estimates: Sequence[float | None]) -> list[float] | None:
    """Each job's estimate, the unknown ones as the mean of the known; None if none is known."""
    known = [float(e) for e in estimates if e is not None]
    if not known:
        return None
    mean = sum(known) / len(known)
    return [mean if e is None else float(e) for e in estimates]


def eta_seconds(estimates: Sequence[float | None], elapsed: Sequence[float | None],
                done: Sequence[bool], workers: int = 1) -> float | None:
    """Seconds left: a job not started needs its estimate, a running one (``elapsed`` not None)
    what is left of it (at least 0), a finished one nothing; ``workers`` processes share the
    work, and it takes at least as long as the longest running job still needs. None when no
    job has an estimate.

    >>> eta_seconds([10, 20, None], [4, None, None], [False, False, False], workers=2)
    20.5
    """
    est = filled_estimates(estimates)
    if est is None:
        return None
    left = [0.0 if d else e if t is None else max(e - t, 0.0)
            for e, t, d in zip(est, elapsed, done)]
    running = [x for x, t, d in zip(left, elapsed, done) if t is not None and not d]
    return max(sum(left) / max(1, workers), max(running, default=0.0))


def work_done(estimates: Sequence[float | None], elapsed: Sequence[float | None],
              done: Sequence[bool]) -> float:
    """The fraction of the run's work done, 0..1: finished jobs count their estimate, running
    ones their elapsed time up to it; without estimates, the fraction of jobs finished."""
    n = len(done)
    if n == 0:
        return 1.0
    est = filled_estimates(estimates)
    if est is None or sum(est) <= 0:
        return sum(done) / n
    got = sum(e if d else 0.0 if t is None else min(t, e)
              for e, t, d in zip(est, elapsed, done))
    return got / sum(est)


def clock_text(seconds: float) -> str:
    """``4.2 s``, ``17 s``, ``1:05``, ``1:02:03``."""
    seconds = max(seconds, 0.0)
    if seconds < 9.95:
        return f"{seconds:.1f} s"
    s = int(round(seconds))
    if s < 60:
        return f"{s} s"
    if s < 3600:
        return f"{s // 60}:{s % 60:02d}"
    return f"{s // 3600}:{s % 3600 // 60:02d}:{s % 60:02d}"


# --- the last run's times ------------------------------------------------------------------


def estimates(build: Path) -> dict[str, float]:
    """The last run's seconds per output, from render.py's stamps
    ``build/cache/stamps/<key>.json`` (their ``"seconds"``), keyed by ``<key>``: the output's
    path inside ``build`` as render.py's ``_rel(out, build)`` gives it (for example
    ``videos/zh/preview/07_tangent_2d.mp4``). Unreadable stamps and stamps without a time are
    left out."""
    root = Path(build) / "cache" / "stamps"
    out: dict[str, float] = {}
    for st in sorted(root.rglob("*.json")):
        if st.name.startswith("."):
            continue  # a stamp being written
        try:
            seconds = json.loads(st.read_text()).get("seconds")
        except (OSError, ValueError, AttributeError):
            continue
        if isinstance(seconds, (int, float)) and not isinstance(seconds, bool) and seconds >= 0:
            out[st.relative_to(root).as_posix()[: -len(".json")]] = float(seconds)
    return out


# --- the display ---------------------------------------------------------------------------


@dataclass
class _Job:
    label: str
    estimate: float | None
    started_at: float | None = None
    finished: bool = False
    row: int | None = None  # its rich task while it runs (terminal mode)


class Progress:
    """Progress of ``jobs`` (``(label, estimated seconds or None)`` in start order), a context
    manager; ``started``/``finished``/``skipped`` may be called from any thread.

    ``plain=None``: plain lines unless ``stream`` (default ``sys.stdout``; a ``rich`` Console is
    accepted too) is a terminal. ``workers``: how many jobs run at once (for the ETA).
    ``clock``: seconds, monotonic (tests pass their own).
    """

    def __init__(self, jobs: list[tuple[str, float | None]], title: str, stream=None,
                 plain: bool | None = None, *, workers: int = 1,
                 clock: Callable[[], float] = time.monotonic):
        self.title = title
        self.workers = max(1, int(workers))
        self.clock = clock
        self._jobs = {label: _Job(label, est) for label, est in jobs}
        if len(self._jobs) != len(jobs):
            raise ValueError("job labels must be unique")
        self._count = 0
        self._lock = threading.Lock()  # the state; held briefly, never around output
        self._say = threading.Lock()   # the output: lines appear in the order of the count
        self._stream = sys.stdout if stream is None else stream
        self.plain = (not _is_terminal(self._stream)) if plain is None else bool(plain)
        self._live = None
        self.began = clock()

    # -- the events

    def started(self, label: str, pid: int | None = None) -> None:
        with self._say:
            with self._lock:
                job = self._job(label)
                job.started_at = self.clock()
            if self.plain:
                self._write(f"started {label}" + (f" (worker pid {pid})" if pid else ""))
            elif self._live is not None:
                job.row = self._live.start_row(job, pid)

    def finished(self, label: str, seconds: float, ok: bool, note: str = "") -> None:
        """``note``: why it failed (or a remark after the time when it did not)."""
        with self._say:
            k, row, est = self._finish(label)
            name = output_name(label)
            if self.plain:
                msg = (f"{name} ({seconds:.1f} s)" + (f" {note}" if note else "") if ok
                       else f"{name} FAILED: {note or 'failed'}")
                self._write(bar_line(k, len(self._jobs), msg))
            elif self._live is not None:
                self._live.finish_row(row, k, label, seconds, ok, note, est)

    def skipped(self, label: str, note: str) -> None:
        """A job not rendered here: up to date, or rendered by another process meanwhile."""
        with self._say:
            k, row, _ = self._finish(label)
            if self.plain:
                self._write(bar_line(k, len(self._jobs), f"{output_name(label)}: {note}"))
            elif self._live is not None:
                self._live.skip_row(row, k, label, note)

    # -- what the display asks

    def snapshot(self) -> tuple[list[float | None], list[float | None], list[bool]]:
        """(estimates, elapsed or None, finished) per job, now."""
        now = self.clock()
        with self._lock:
            jobs = list(self._jobs.values())
            return ([j.estimate for j in jobs],
                    [None if j.started_at is None else now - j.started_at for j in jobs],
                    [j.finished for j in jobs])

    def eta(self) -> float | None:
        return eta_seconds(*self.snapshot(), workers=self.workers)

    def fraction(self) -> float:
        return work_done(*self.snapshot())

    @property
    def count(self) -> int:
        """Jobs finished or skipped so far."""
        return self._count

    # -- context

    def __enter__(self) -> "Progress":
        self.began = self.clock()
        if not self._jobs:
            return self
        if self.plain:
            self._write(bar_line(0, len(self._jobs), self.title))
        else:
            self._live = _LiveDisplay(self, self._stream)
            self._live.start()
        return self

    def __exit__(self, *exc) -> None:
        if self._live is not None:
            self._live.stop()
            self._live = None

    # -- helpers

    def _job(self, label: str) -> _Job:
        job = self._jobs.get(label)
        if job is None:  # not announced: counted from now on, without an estimate
            job = self._jobs[label] = _Job(label, None)
        return job

    def _finish(self, label: str) -> tuple[int, int | None, float | None]:
        with self._lock:
            job = self._job(label)
            job.finished = True
            row, job.row = job.row, None
            self._count += 1
            return self._count, row, job.estimate

    def _write(self, line: str) -> None:
        out = getattr(self._stream, "file", self._stream)  # a rich Console writes to .file
        out.write(line + "\n")
        out.flush()


def _is_terminal(stream) -> bool:
    if hasattr(stream, "is_terminal"):  # a rich Console
        return bool(stream.is_terminal)
    if os.environ.get("TERM") == "dumb":  # no cursor movement there
        return False
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty and isatty())
    except (OSError, ValueError):  # a closed stream
        return False


# --- terminal mode: rich ---------------------------------------------------------------------


class _LiveDisplay:
    """Running jobs (spinner, label, elapsed / estimate) above an overall bar with the count and
    an ETA from the estimates; finished jobs are printed above, in the order they finish."""

    def __init__(self, owner: Progress, stream):
        from rich.console import Console, Group
        from rich.live import Live
        from rich.progress import Progress as Rows

        self.owner = owner
        self.console = stream if hasattr(stream, "is_terminal") else \
            Console(file=stream, force_terminal=True)
        row_columns, total_columns = _columns(owner)
        self.rows = Rows(*row_columns, console=self.console, get_time=owner.clock)
        self.total = Rows(*total_columns, console=self.console, get_time=owner.clock)
        self.total_id = self.total.add_task(owner.title, total=len(owner._jobs))
        self.live = Live(Group(self.rows, self.total), console=self.console,
                         refresh_per_second=4, transient=False)

    def start(self) -> None:
        self.live.start(refresh=True)

    def stop(self) -> None:
        self.live.stop()

    def start_row(self, job: _Job, pid: int | None) -> int:
        row = self.rows.add_task(job.label, estimate=job.estimate, pid=pid)
        self.live.refresh()
        return row

    def _count(self, row: int | None, k: int) -> None:
        if row is not None:
            self.rows.remove_task(row)
        self.total.update(self.total_id, completed=k, total=len(self.owner._jobs))

    def finish_row(self, row, k, label, seconds, ok, note, est) -> None:
        from rich.text import Text

        self._count(row, k)
        line = Text.assemble((f"{k}/{len(self.owner._jobs)} ", "dim"),
                             ("✓ ", "green") if ok else ("✗ ", "bold red"), label,
                             f" {clock_text(seconds)}")
        if est is not None:
            line.append(f" (estimate {clock_text(est)})", "dim")
        if not ok:
            line.append(f" FAILED: {note or 'failed'}", "bold red")
        elif note:
            line.append(f" {note}")
        self.console.print(line, soft_wrap=True)
        self.live.refresh()

    def skip_row(self, row, k, label, note) -> None:
        from rich.text import Text

        self._count(row, k)
        self.console.print(Text.assemble((f"{k}/{len(self.owner._jobs)} = ", "dim"), label,
                                         (f": {note}", "dim")), soft_wrap=True)
        self.live.refresh()


def _columns(owner: Progress) -> tuple:
    """The rich columns of the job rows and of the overall line (rich is imported only for a
    terminal: plain runs and render.py's workers do without it)."""
    from rich.progress import ProgressColumn, SpinnerColumn, TextColumn
    from rich.progress_bar import ProgressBar
    from rich.text import Text

    class JobTime(ProgressColumn):
        """``12 s / ~40 s  pid 1234``."""

        def render(self, task):
            est, pid = task.fields.get("estimate"), task.fields.get("pid")
            text = Text(clock_text(task.elapsed or 0.0))
            if est is not None:
                text.append(f" / ~{clock_text(est)}", "dim")
            if pid:
                text.append(f"  pid {pid}", "dim")
            return text

    class WorkBar(ProgressColumn):
        """The share of the estimated work done (moves while jobs run, not only as they end)."""

        def render(self, task):
            return ProgressBar(total=1000, completed=round(1000 * owner.fraction()), width=30)

    class Eta(ProgressColumn):
        def render(self, task):
            if owner.count >= len(owner._jobs):
                return Text(f"done in {clock_text(owner.clock() - owner.began)}", "green")
            eta = owner.eta()
            return Text("ETA " + ("?" if eta is None else clock_text(eta)), "cyan")

    label = TextColumn("{task.description}", markup=False)
    rows = (SpinnerColumn(), label, JobTime())
    total = (TextColumn("{task.description}", markup=False), WorkBar(),
             TextColumn("{task.completed:.0f}/{task.total:.0f}"), Eta())
    return rows, total
