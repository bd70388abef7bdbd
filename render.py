#!/usr/bin/env python3
"""calculus-anim's one entry point: list the targets, render them, assemble the lecture.

Run ``python render.py --help`` or ``python render.py COMMAND --help``.
"""

from __future__ import annotations

import argparse
import difflib
import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
import traceback
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))

from lecture import strings  # noqa: E402  (pure data: no manim, no matplotlib)
from lecture.sections import GIFS, SECTIONS  # noqa: E402

# name: (width, height, fps)
QUALITIES = {
    "test": (256, 144, 5),
    "preview": (854, 480, 15),
    "720p": (1280, 720, 30),
    "1080p": (1920, 1080, 30),
    "1440p": (2560, 1440, 30),
    "2160p": (3840, 2160, 30),
}
# Manim's -ql/-qm/-qh/-qp/-qk, onto the project's qualities (same sizes; 30 fps at most)
QUALITY_ALIASES = {"l": "preview", "m": "720p", "h": "1080p", "p": "1440p", "k": "2160p"}
DEFAULT_QUALITY = "1080p"
DEFAULT_GIF_WIDTH = 640


class UserError(Exception):
    """A problem the user can fix: reported as one line, exit code 2."""


# --- targets -------------------------------------------------------------------------------

@dataclass(frozen=True)
class Target:
    kind: str            # "scene" or "gif"
    name: str            # 01_derivative / activations
    section: int
    module: str
    attr: str            # the Scene class for scenes
    options: frozenset = frozenset()

    def title(self, lang):
        return strings.text(f"sec{self.section:02d}", lang)


SCENE_TARGETS = tuple(Target("scene", s.name, s.number, f"scenes.{s.module}", s.scene, s.options)
                      for s in SECTIONS)
GIF_TARGETS = tuple(Target("gif", g.slug, g.section, f"animations.{g.module}", "build", g.options)
                    for g in GIFS)
CUSTOM_OPTIONS = ("function", "point", "range", "lr", "steps", "momentum", "w1", "w2", "x", "y")


def _aliases(t: Target) -> set[str]:
    a = {t.name.lower()}
    if t.kind == "scene":
        a |= {str(t.section), f"{t.section:02d}", t.attr.lower(), t.name.split("_", 1)[1]}
    return a


def resolve(names: list[str], pool: tuple[Target, ...], kind: str) -> list[Target]:
    if not names or names == ["all"]:
        return list(pool)
    out = []
    for n in names:
        hits = [t for t in pool if n.lower() in _aliases(t)]
        if not hits:
            every = sorted({a for t in pool for a in _aliases(t) if not a.isdigit()})
            close = difflib.get_close_matches(n.lower(), every, n=3, cutoff=0.5)
            hint = f"; did you mean {', '.join(close)}?" if close else ""
            raise UserError(f"unknown {kind} target {n!r}{hint} (see: python render.py list)")
        out += [h for h in hits if h not in out]
    return out


# --- up-to-date checks ---------------------------------------------------------------------

def _inputs(t: Target) -> list[Path]:
    pkg = ROOT / t.module.split(".")[0]
    own = ROOT / (t.module.replace(".", "/") + ".py")
    shared = [p for p in pkg.glob("*.py")
              if not (p.stem[:1] == "s" and p.stem[1:3].isdigit()) and p.stem != own.stem]
    files = [own, *shared, *sorted((ROOT / "mathcore").rglob("*.py")),
             *sorted((ROOT / "lecture").rglob("*.py")), ROOT / "render.py"]
    return sorted(set(files))


def fingerprint(t: Target, options: dict) -> str:
    h = hashlib.sha256(json.dumps(options, sort_keys=True).encode())
    for p in _inputs(t):
        h.update(str(p.relative_to(ROOT)).encode())
        h.update(p.read_bytes() if p.exists() else b"<missing>")
    return h.hexdigest()


def _rel(out: Path, build: Path) -> str:
    """``out``'s path inside ``build`` (a hash of the absolute path for an output elsewhere)."""
    try:
        return str(out.resolve().relative_to(build.resolve()))
    except ValueError:
        return hashlib.sha1(str(out.resolve()).encode()).hexdigest()


def _stamp_path(out: Path, build: Path) -> Path:
    return build / "cache" / "stamps" / (_rel(out, build) + ".json")


def _file_state(p: Path) -> list[int] | None:
    try:
        st = p.stat()
    except OSError:
        return None
    return [st.st_size, st.st_mtime_ns]


def up_to_date(out: Path, build: Path, fp: str) -> bool:
    """True when the stamp's fingerprint is ``fp`` and EVERY output the stamp records (the GIF and
    its MP4, a still PNG/SVG...) is there with the size and modification time it had when written."""
    st = _stamp_path(out, build)
    try:
        stamp = json.loads(st.read_text())
    except (OSError, ValueError):
        return False
    outputs = stamp.get("outputs") if isinstance(stamp, dict) else None
    if stamp.get("fingerprint") != fp or not isinstance(outputs, dict) \
            or _rel(out, build) not in outputs:
        return False
    for rel, state in outputs.items():
        path = Path(rel) if os.path.isabs(rel) else build / rel
        if _file_state(path) != state:
            return False
    return True


def write_stamp(out: Path, build: Path, fp: str, outputs: list[Path], extra: dict):
    """Record the fingerprint and the size and mtime of each of ``outputs`` (``out`` among them)."""
    st = _stamp_path(out, build)
    st.parent.mkdir(parents=True, exist_ok=True)
    states = {}
    for p in dict.fromkeys([out, *outputs]):
        state = _file_state(p)
        if state is None:
            raise FileNotFoundError(f"{p} was not written")
        states[_rel(p, build)] = state
    tmp = tmp_name(st)
    try:
        tmp.write_text(json.dumps({"fingerprint": fp, "outputs": states, **extra}, indent=1))
        os.replace(tmp, st)
    finally:
        if tmp.exists():
            tmp.unlink()


# --- processes: temporary names, sweeping, locks, workers that die with their parent --------
#
# Every temporary file or folder anywhere under the output folder is named ``.NAME.tmp-PID``
# (the writer's ``.riemann.gif.tmp-PID``, a scene's ``.01_derivative.mp4.tmp-PID``, the lecture's
# ``.lecture.mp4.tmp-PID/``, a stamp's ``.x.json.tmp-PID``), PID being the process that writes it.
# Whatever a process that no longer runs left behind is removed at the next start (sweep_stale).

TMP_RE = re.compile(r"^\..+\.tmp-(\d+)$")
TEST_HOLD_ENV = "CALCANIM_TEST_HOLD"  # tests only: a worker pauses mid-write (see _test_hold)
_RUN = {"build": None, "pids": set()}  # this run's output folder and worker PIDs, for the message


def tmp_name(final: Path, pid: int | None = None) -> Path:
    return final.with_name(f".{final.name}.tmp-{pid or os.getpid()}")


def pid_alive(pid: int) -> bool:
    if pid <= 0:
        return True  # not a process we could have started: leave it alone
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # PermissionError: someone else's process
        return True
    try:  # a zombie (dead, not yet reaped) is dead
        with open(f"/proc/{pid}/stat", "rb") as f:
            return f.read().rsplit(b")", 1)[1].split()[0] != b"Z"
    except (OSError, IndexError):
        return True


def partial_files(build: Path, pids: set | None = None) -> list[Path]:
    """Temporary files and folders under ``build`` (of the processes ``pids``, or of any)."""
    found = []
    if not build.is_dir():
        return found
    for top, dirs, files in os.walk(build):
        if Path(top) == build / "cache":
            dirs[:] = [d for d in dirs if d != "manim"]  # manim's own media: not ours to judge
        for name in [*files, *dirs]:
            m = TMP_RE.match(name)
            if m and (pids is None or int(m.group(1)) in pids):
                found.append(Path(top) / name)
        dirs[:] = [d for d in dirs if not TMP_RE.match(d)]
    return sorted(found)


def _remove(p: Path):
    try:
        if p.is_dir() and not p.is_symlink():
            shutil.rmtree(p, ignore_errors=True)
        else:
            p.unlink()
    except FileNotFoundError:
        pass


def sweep_stale(build: Path) -> list[Path]:
    """Remove the temporary files of processes that are gone (killed mid-write); returns them."""
    gone = [p for p in partial_files(build)
            if not pid_alive(int(TMP_RE.match(p.name).group(1)))]
    for p in gone:
        _remove(p)
    return gone


class Stopped(Exception):
    """The run is being interrupted: a job waiting for a lock gives up."""


class OutputLock:
    """An OS file lock (flock) per output, in build/cache/locks/: two renders of one output never
    run at once. The holder writes its PID and what it renders into the lock file; a worker
    inherits the lock, so it stays held until the worker too is gone."""

    def __init__(self, build: Path, out: Path):
        self.path = build / "cache" / "locks" / (_rel(out, build) + ".lock")
        self.fd: int | None = None

    def holder(self) -> str:
        try:
            return self.path.read_text().strip()
        except OSError:
            return ""

    def acquire(self, what: str, stop: threading.Event | None = None, poll: float = 0.2):
        import fcntl
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        said = False
        try:
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    pass
                if not said:
                    pid, _, thing = self.holder().partition(" ")
                    who = f"PID {pid}" if pid.isdigit() else "another process"
                    print(f"waiting for {who}, which is rendering {thing or what}", flush=True)
                    said = True
                if stop is not None and stop.is_set():
                    raise Stopped()
                time.sleep(poll)  # not a timing assumption: the loop waits for the lock
            os.ftruncate(fd, 0)
            os.pwrite(fd, f"{os.getpid()} {what}\n".encode(), 0)
        except BaseException:
            os.close(fd)
            raise
        self.fd = fd
        return self

    def release(self):
        if self.fd is not None:
            os.close(self.fd)  # closing the last descriptor releases the flock
            self.fd = None


_WATCH_PIPE: tuple[int, int] | None = None


def watch_fd() -> int:
    """The read end of a pipe whose write end only this process holds: a worker that reads EOF
    from it knows its parent is gone (also after kill -9), on every POSIX system."""
    global _WATCH_PIPE
    if _WATCH_PIPE is None:
        _WATCH_PIPE = os.pipe()  # both ends non-inheritable: only pass_fds hands the read end on
    return _WATCH_PIPE[0]


def _die_with_parent(parent_pid: int | None, fd: int | None):
    """In a worker: SIGTERM (and SIGHUP) end it like Ctrl-C, so its temporary files are removed;
    it gets SIGTERM when its parent dies (Linux: PR_SET_PDEATHSIG; everywhere: EOF on the pipe
    ``fd`` from watch_fd)."""
    fired = []

    def on_term(signum, frame):
        if not fired:  # once: a second signal must not cut the clean-up short
            fired.append(signum)
            raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, on_term)
    signal.signal(signal.SIGHUP, on_term)
    if sys.platform.startswith("linux"):
        try:
            import ctypes
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(1, int(signal.SIGTERM), 0, 0, 0)  # PR_SET_PDEATHSIG = 1
        except (OSError, AttributeError):
            pass
    if fd is not None:
        def watch():
            try:
                while os.read(fd, 1):
                    pass
            except OSError:
                pass
            os.kill(os.getpid(), signal.SIGTERM)

        threading.Thread(target=watch, daemon=True, name="parent-watch").start()
    if parent_pid and os.getppid() != parent_pid:  # the parent died before we could watch it
        raise KeyboardInterrupt


def _test_hold(stage: str):
    """Tests only: with CALCANIM_TEST_HOLD=SOCKET (a Unix socket the test listens on), say
    'PID STAGE' there and pause until the test closes the connection, so a test can interrupt a
    worker that is known to be mid-write. Both sides wait for events, neither polls."""
    path = os.environ.get(TEST_HOLD_ENV)
    if not path:
        return
    import socket
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
        s.connect(path)
        s.sendall(f"{os.getpid()} {stage}\n".encode())
        s.recv(1)          # returns when the test lets go (closes); a signal ends it sooner


# --- preflight -----------------------------------------------------------------------------

def check_font():
    """The CJK font must be installed, or Chinese would be drawn as boxes."""
    from lecture.palette import CJK_FONT
    try:
        out = subprocess.run(["fc-list", ":", "family"], capture_output=True, text=True,
                             timeout=30).stdout
    except (OSError, subprocess.SubprocessError):
        raise UserError("fontconfig (fc-list) is missing: run 'make setup' "
                        "(installs fontconfig and fonts-noto-cjk)") from None
    if CJK_FONT not in out:
        raise UserError(f"the font '{CJK_FONT}' is not installed: run 'make setup' "
                        "(Debian/Ubuntu package fonts-noto-cjk, Homebrew font-noto-sans-cjk)")


def check_out_dir(build: Path, folders=()):
    """The output folder and every folder a run writes into (``folders``, inside it) are folders
    that can be written, or one error before any work: not when --out names a file, not when
    its ``cache`` (or any folder below) is a file, not when one is read-only."""
    def fail(why):
        raise UserError(f"cannot write to the output folder {build}: {why}")

    build = Path(build)
    need = sorted({build, *(Path(f) for f in folders)}, key=lambda f: len(f.parts))
    for f in need:
        for d in [*reversed(f.parents), f]:
            if d.exists() and not d.is_dir():
                fail(f"{d} is a file, not a folder" if d != build else "it is a file, not a folder")
    for f in need:
        try:
            f.mkdir(parents=True, exist_ok=True)
            probe = tmp_name(f / ".write-test")
            probe.write_bytes(b"")
            probe.unlink()
        except OSError as e:
            fail(f"{f}: {e.strerror or e}" if f != build else (e.strerror or str(e)))


# --- jobs ----------------------------------------------------------------------------------

@dataclass
class Job:
    target: Target
    out: Path
    cmd: list[str]
    options: dict
    log: Path
    params: dict | None = None   # the lecturer's own choices (checked), --options JSON
    what: str = ""               # "riemann.gif (zh, width 640)": for progress lines and locks

    @property
    def manifest(self) -> Path:
        """Where the worker lists every file it wrote (the stamp covers each)."""
        return self.log.with_suffix(".outputs.json")


def job_folders(jobs: list[Job], build: Path) -> list[Path]:
    """Every folder the jobs write into: for the preflight check."""
    out = {build / "cache", build / "cache" / "stamps", build / "cache" / "locks"}
    for j in jobs:
        out |= {j.out.parent, j.log.parent, _stamp_path(j.out, build).parent,
                OutputLock(build, j.out).path.parent}
        if "--media-dir" in j.cmd:
            out.add(Path(j.cmd[j.cmd.index("--media-dir") + 1]).parent)
    return sorted(out)


# CPU seconds of each section at 1080p30, measured by ``make bench ARGS="--sections
# --save-costs"``: the order of a first run, before this machine has times of its own
COSTS = ROOT / "tools" / "costs.json"


def shipped_costs() -> dict:
    try:
        costs = json.loads(COSTS.read_text(encoding="utf-8"))
        return {k: float(v) for k, v in costs.get("scene", {}).items()}
    except (OSError, ValueError, TypeError, AttributeError):
        return {}


def job_estimates(jobs: list[Job], build: Path) -> dict:
    """Each job's expected seconds from the last run's times (build/cache/stamps): its own
    output's, else the same target's at another quality or language, scaled by the frame rate
    (a frame's cost barely depends on its size); a section that never ran here: the shipped
    costs (tools/costs.json, 1080p30), scaled alike; else None."""
    from tools.progress import estimates
    known = estimates(build)
    shipped = shipped_costs()
    out = {}
    for j in jobs:
        rel = _rel(j.out, build)
        if rel in known:
            out[j.out] = known[rel]
            continue
        fps = (j.options.get("size") or [0, 0, 0])[2]
        same = []
        for key, secs in known.items():
            parts = key.split("/")
            if parts[0] == "videos" and parts[-1] == j.out.name and fps and parts[2] in QUALITIES:
                same.append(secs * fps / QUALITIES[parts[2]][2])
            elif parts[0] == "gifs" and parts[-1] == j.out.name:
                same.append(secs)
        if not same and j.target.kind == "scene" and j.target.name in shipped and fps:
            same.append(shipped[j.target.name] * fps / 30)
        out[j.out] = max(same) if same else None
    return out


def _group_members(pgid: int) -> list[int] | None:
    """The live (not zombie) processes of process group ``pgid``; None where /proc is not."""
    try:
        names = os.listdir("/proc")
    except OSError:
        return None
    found = []
    for d in names:
        if not d.isdigit():
            continue
        try:
            with open(f"/proc/{d}/stat", "rb") as f:
                fields = f.read().rsplit(b")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if len(fields) > 2 and int(fields[2]) == pgid and fields[0] not in (b"Z", b"X"):
            found.append(int(d))
    return found


def _end_group(pgid: int, ceiling: float = 5.0) -> None:
    """Kill what is left of a dead worker's process group (the ffmpeg it started reads its
    pipe to the end and would write its file after we removed it) and wait, up to
    ``ceiling`` seconds, until none of it runs any more."""
    try:
        os.killpg(pgid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        return
    end = time.monotonic() + ceiling
    while time.monotonic() < end:
        members = _group_members(pgid)
        if not members:            # None: no /proc to look in; SIGKILL was sent, go on
            return
        time.sleep(0.005)


def _stop_workers(procs: list, grace: float = 30.0):
    """SIGTERM each worker's process group (a worker removes its temporary files on it, and its
    ffmpeg goes with it); SIGKILL what is still there after ``grace`` seconds."""
    for p in procs:
        if p.poll() is None:
            try:
                os.killpg(p.pid, signal.SIGTERM)
            except OSError:
                pass
    deadline = time.monotonic() + grace
    for p in procs:
        try:
            p.wait(timeout=max(0.0, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            try:
                os.killpg(p.pid, signal.SIGKILL)
            except OSError:
                pass
            p.wait()


def run_jobs(jobs: list[Job], build: Path, force: bool, n_jobs: int) -> dict:
    """Run the jobs that are not up to date, ``n_jobs`` processes at a time, each under its
    output's lock (a render of the same output by another process is waited for)."""
    todo, fresh = [], []
    fps = {}
    jobs = list({j.out: j for j in reversed(jobs)}.values())[::-1]  # an output once (first wins)
    for j in jobs:
        fps[j.out] = fingerprint(j.target, j.options)
        if not force and up_to_date(j.out, build, fps[j.out]):
            fresh.append(j)
        else:
            todo.append(j)
    done, failed, times = [], [], {}
    total = len(todo)
    if fresh:
        print(f"up to date: {', '.join(j.out.name for j in fresh)}", flush=True)
    from tools.progress import Progress
    est = job_estimates(todo, build)
    # the longest first (by the last run's times), so no long job starts last and runs alone
    todo.sort(key=lambda j: -(est.get(j.out) or 0.0))
    progress = Progress([(j.what, est.get(j.out)) for j in todo],
                        "rendering with %d process(es)" % min(n_jobs, max(total, 1)),
                        workers=max(1, min(n_jobs, total)))
    procs: dict = {}
    stop = threading.Event()
    plock = threading.Lock()
    # sections side by side keep every core busy: each encoder on one thread (x264's own
    # threads cost a fifth more CPU then); one section alone lets x264 use the cores
    threads = ["--threads", "1"] if min(n_jobs, total) > 1 else []
    # more processes than sections: a long section in pieces at once, joined (tools/split.py);
    # a short one (under SPLIT_FROM_S by the estimates) would lose more to each piece's start
    pieces = ["--split", str(n_jobs // total)] if total and n_jobs // total > 1 else []

    def scene_flags(j: Job) -> list[str]:
        if j.cmd[2] != "_scene":
            return []
        return threads + (pieces if (est.get(j.out) or 0) >= SPLIT_FROM_S else [])

    def one(j: Job):
        j, rc = render_one(j)
        if rc == "fresh":
            progress.skipped(j.what, "up to date (rendered by another process)")
        elif rc == 0:
            progress.finished(j.what, times[j.out], True)
        elif rc != "cancelled":
            why = "an output is missing" if rc == "missing output" else _last_error(j.log)
            progress.finished(j.what, times.get(j.out, 0.0), False, why)
        return j, rc

    def render_one(j: Job):
        if stop.is_set():
            return j, "cancelled"
        lock = OutputLock(build, j.out)
        try:
            lock.acquire(j.what, stop)
        except Stopped:
            return j, "cancelled"
        try:
            if not force and up_to_date(j.out, build, fps[j.out]):
                return j, "fresh"  # the process we waited for has just rendered it
            t0 = time.time()
            j.log.parent.mkdir(parents=True, exist_ok=True)
            if j.manifest.exists():
                j.manifest.unlink()
            with open(j.log, "w") as logf:
                rfd = watch_fd()
                cmd = j.cmd + ["--manifest", str(j.manifest), "--parent-pid", str(os.getpid()),
                               "--watch-fd", str(rfd)] + scene_flags(j)
                with plock:
                    if stop.is_set():
                        return j, "cancelled"
                    # its own session: the terminal's Ctrl-C reaches this process only, which
                    # stops the workers itself; the lock and the watch pipe are inherited
                    p = subprocess.Popen(cmd, stdout=logf, stderr=subprocess.STDOUT, cwd=ROOT,
                                         start_new_session=True,
                                         pass_fds=(rfd, lock.fd))
                    procs[j.out] = p
                    _RUN["pids"].add(p.pid)
                progress.started(j.what, p.pid)
                rc = p.wait()
            times[j.out] = time.time() - t0
            if rc != 0:  # a worker that crashed or was killed could not clean up: do it here
                _end_group(p.pid)   # first what it started (its ffmpeg may still be writing)
                for left in partial_files(build, {p.pid}):
                    _remove(left)
            if rc == 0:
                try:
                    listed = json.loads(j.manifest.read_text())
                    outputs = [Path(x) for x in listed]
                except (OSError, ValueError, TypeError):
                    outputs = []
                try:
                    write_stamp(j.out, build, fps[j.out], outputs,
                                {"seconds": round(times[j.out], 2)})
                except OSError:
                    return j, "missing output"
            return j, rc
        finally:
            lock.release()

    pool = ThreadPoolExecutor(max_workers=max(1, n_jobs))
    with progress:
        try:
            for j, rc in pool.map(one, todo):
                (fresh if rc == "fresh" else done if rc == 0 else failed).append(j)
        except KeyboardInterrupt:
            signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C must not cut it short
            stop.set()
            with plock:
                running = list(procs.values())
            _stop_workers(running)
            pool.shutdown(wait=True, cancel_futures=True)
            raise
    pool.shutdown()
    return {"done": done, "fresh": fresh, "failed": failed, "times": times}


def _last_error(log: Path) -> str:
    try:
        lines = [ln.strip() for ln in log.read_text(errors="replace").splitlines() if ln.strip()]
    except OSError:
        return "no log"
    for ln in reversed(lines):
        if ln.startswith("error:"):
            return ln[len("error:"):].strip() + f" (log: {log})"
    return (lines[-1][:200] if lines else "no output") + f" (log: {log})"


# --- commands ------------------------------------------------------------------------------

def _build_dir(args) -> Path:
    if not str(args.out).strip():
        raise UserError("--out must name a folder")
    return Path(args.out).resolve()


def _prepare(build: Path, jobs: list[Job], extra_folders=()):
    """Before any work: every folder writable, the font there, the leftovers of killed runs gone."""
    _RUN["build"] = build
    check_out_dir(build, [*job_folders(jobs, build), *extra_folders])
    check_font()
    sweep_stale(build)


def _langs(value: str | None) -> list[str]:
    if value is None:
        return [strings.DEFAULT_LANG]
    if value == "all":
        return list(strings.LANGS)
    return [strings.check_lang(value)]


def _jobs_count(v) -> int:
    if v is not None and int(v) < 0:
        raise UserError(f"--jobs must be 0 (one process per core) or more, got {v}")
    return int(v) if v else max(1, os.cpu_count() or 1)


def custom_params(args, targets) -> dict:
    """target name -> its checked options ({} for the lecture's own example)."""
    from lecture.sections import SURFACE_TARGETS
    from tools import options
    raw = {k: getattr(args, k, None) for k in CUSTOM_OPTIONS}
    if not any(v is not None for v in raw.values()):
        return {t.name: {} for t in targets}
    if not args.targets:
        raise UserError("name the target(s) the options are for, e.g. "
                        "python render.py scenes tangent_2d --function \"x**3 - 2*x\"")
    out = {}
    for t in targets:
        out[t.name] = options.resolve(raw, t.options, t.name, t.name in SURFACE_TARGETS,
                                      lesson=SECTIONS[t.section - 1].slug)
        _warn_descent(out[t.name], t, t.name)
    return out


def _warn_descent(values: dict, t: Target, where: str):
    """The one-line warning when her learning rate makes the descent leave the range."""
    from lecture.sections import SURFACE_TARGETS
    from tools import options
    warn = options.descent_warning(values, t.name in SURFACE_TARGETS)
    if warn:
        print(f"{where}: {warn}", file=sys.stderr, flush=True)


def _slug(params: dict) -> str:
    """A short readable part of a file name for a lecturer's options: the function as typed
    (x**3 - 2*x -> x^3-2x), else the first options given, then a short hash (unique)."""
    if "function" in params:
        text = str(params["function"]).replace("**", "^").replace("*", "").replace(" ", "")
    else:
        text = "_".join(f"{k}-{v}" for k, v in list(params.items())[:2])
    text = re.sub(r"[^A-Za-z0-9.^+-]+", "_", text).strip("_.")[:32].strip("_.")
    h = hashlib.sha1(json.dumps(params, sort_keys=True, default=str).encode()).hexdigest()[:6]
    return f"{text}-{h}" if text else h


def _stem(t: Target, params: dict, name: str | None = None) -> str:
    """The lecture's own example keeps the plain name; a lecturer's own example gets her name
    for it (a lecture file's ``name``) or a readable slug of her options."""
    if not params:
        return t.name
    return name or f"{t.name}-{_slug(params)}"


@dataclass(frozen=True)
class Item:
    """One output to make: a target, its checked options, its file name, its chapter title."""
    target: Target
    params: dict
    stem: str
    titles: dict = field(default_factory=dict)   # lang -> title (a lecture file's)

    def title(self, lang: str) -> str:
        return self.titles.get(lang) or self.target.title(lang)


def plan(args, kind: str) -> list[Item]:
    """What the command line (targets and own options) or the lecture file asks for."""
    if getattr(args, "quality", None) is not None:
        quality_name(args.quality)      # a mistake on the command line first, before the file
    pool = SCENE_TARGETS if kind == "scene" else GIF_TARGETS
    lf = _lecture_file(args)
    if lf is None:
        targets = resolve(getattr(args, "targets", []) or [], pool, kind)
        custom = custom_params(args, targets) if kind in ("scene", "gif") else {}
        return [Item(t, custom.get(t.name) or {}, _stem(t, custom.get(t.name) or {}))
                for t in targets]
    return file_items(lf, kind)


def file_items(lf, kind: str) -> list[Item]:
    """A lecture file's sections as outputs, in its order: one video per entry; the GIFs of an
    entry's section that can show its example (all of them for the lecture's own example)."""
    items = []
    for e in lf.entries:   # e.values: each target's values, checked when the file was read
        cands = [t for t in (SCENE_TARGETS if kind == "scene" else GIF_TARGETS)
                 if t.name in e.values]
        for t in cands:
            values = e.values[t.name]
            if values and kind == "scene":
                _warn_descent(values, t, e.where())
            name = e.name if e.name and len(cands) == 1 else (
                f"{e.name}-{t.name}" if e.name else None)
            items.append(Item(t, values, _stem(t, values, name), e.titles))
    return items


def _lecture_file(args):
    """The lecture file of ``--config``, read and checked (None without one); its language and
    quality apply unless the command line names them."""
    path = getattr(args, "config", None)
    if path is None:
        return None
    if getattr(args, "lecture_file", None) is not None:
        return args.lecture_file
    from tools import lecture_file
    given = [f"--{k}" for k in CUSTOM_OPTIONS if getattr(args, k, None) is not None]
    if getattr(args, "targets", None) or given:
        raise UserError("--config names the sections and their options: give targets and "
                        f"{'/'.join(given) or 'options'} in the file, not on the command line")
    lf = lecture_file.read(path)
    if getattr(args, "lang", None) is None and lf.lang:
        args.lang = lf.lang
    if getattr(args, "quality", None) is None and lf.quality:
        try:
            args.quality = quality_name(lf.quality)
        except UserError as e:
            raise UserError(f"{path}: quality: {e}") from None
    args.lecture_file = lf
    return lf


def quality_name(value) -> str:
    """A quality by its name or by Manim's letter (l, m, h, p, k)."""
    q = QUALITY_ALIASES.get(str(value).lower(), str(value).lower()) if value else DEFAULT_QUALITY
    if q not in QUALITIES:
        raise UserError(f"unknown quality {value!r}; allowed: {', '.join(QUALITIES)}, or "
                        + ", ".join(f"{k} ({v})" for k, v in QUALITY_ALIASES.items()))
    return q


def gif_name(stem: str, width: int) -> str:
    """A GIF at another width than the default has the width in its name (never replaces it)."""
    return f"{stem}.gif" if width == DEFAULT_GIF_WIDTH else f"{stem}-{width}px.gif"


def scene_jobs(items: list[Item], build: Path, quality: str, lang: str, debug: bool) -> list[Job]:
    w, h, fps = QUALITIES[quality]
    jobs = []
    for it in items:
        t, params = it.target, it.params
        out = build / "videos" / lang / quality / f"{it.stem}.mp4"
        opts = {"quality": quality, "lang": lang, "size": [w, h, fps], "params": params}
        cmd = [sys.executable, str(ROOT / "render.py"), "_scene", t.module, t.attr,
               "--out-file", str(out), "--quality", quality, "--lang", lang,
               "--options", json.dumps(params, sort_keys=True),
               "--media-dir", str(build / "cache" / "manim" / f"{lang}-{quality}-{out.stem}")]
        jobs.append(Job(t, out, cmd + (["--debug"] if debug else []), opts,
                        build / "cache" / "logs" / f"{lang}-{quality}-{out.stem}.log", params,
                        f"{out.name} ({lang}, {quality})"))
    return jobs


def gif_jobs(items: list[Item], build: Path, lang: str, width: int, debug: bool) -> list[Job]:
    jobs = []
    for it in items:
        t, params = it.target, it.params
        out = build / "gifs" / lang / gif_name(it.stem, width)
        cmd = [sys.executable, str(ROOT / "render.py"), "_gif", t.module, "--out-file", str(out),
               "--lang", lang, "--width", str(width), "--options", json.dumps(params, sort_keys=True)]
        jobs.append(Job(t, out, cmd + (["--debug"] if debug else []),
                        {"lang": lang, "width": width, "params": params},
                        build / "cache" / "logs" / f"gif-{lang}-{width}-{out.stem}.log", params,
                        f"{out.name} ({lang}, width {width})"))
    return jobs


def _summary(res: dict, t0: float, where: list[Path]):
    n_done, n_fresh, n_fail = len(res["done"]), len(res["fresh"]), len(res["failed"])
    print(f"rendered {n_done}, up to date {n_fresh}, failed {n_fail} "
          f"in {time.time() - t0:.1f} s; output in {', '.join(sorted({str(p) for p in where}))}",
          flush=True)
    if n_fail:
        raise UserError(f"{n_fail} target(s) failed: "
                        + ", ".join(j.out.name for j in res["failed"]))


def cmd_list(args):
    lang = strings.check_lang(args.lang)
    print(f"{'target':<24} {'kind':<6} {'sec':>3}  {'title':<32} options")
    for t in SCENE_TARGETS + GIF_TARGETS:
        opts = " ".join(f"--{o}" for o in CUSTOM_OPTIONS if o in t.options)
        title = t.title(lang)
        pad = 32 - sum(2 if ord(c) > 0x2E80 else 1 for c in title)  # CJK is double width
        print(f"{t.name:<24} {t.kind:<6} {t.section:>3}  {title}{' ' * max(pad, 1)}{opts}")


def cmd_backprop(args):
    from tools import backprop_table
    from tools import options
    lang = strings.check_lang(args.lang)
    values = options.parse_raw({k: getattr(args, k) for k in ("w1", "w2", "x", "y", "lr")},
                               surface=False)
    print(backprop_table.table(values, lang))


def _render_each(by_lang: dict, build: Path, args):
    """Render each language's jobs in turn (a summary line after each); yields (lang, jobs)."""
    t0, where = time.time(), []
    for lang, jobs in by_lang.items():
        res = run_jobs(jobs, build, args.force, _jobs_count(args.jobs))
        where += [j.out.parent for j in jobs]
        _summary(res, t0, where)
        yield lang, jobs


def _lecture_dir(build: Path, lang: str, quality: str, lf) -> Path:
    """build/lecture/LANG/QUALITY/ (the lecture's own), or a folder of the lecture file's name
    under it (her lecture never replaces the lecture's own)."""
    base = build / "lecture" / lang / quality
    return base / lf.slug if lf is not None else base


def cmd_scenes(args, assemble: bool = False):
    items = plan(args, "scene")
    args.quality = quality_name(args.quality)
    lf = getattr(args, "lecture_file", None)
    build = _build_dir(args)
    langs = _langs(args.lang)
    by_lang = {lang: scene_jobs(items, build, args.quality, lang, args.debug) for lang in langs}
    lectures = {lang: _lecture_dir(build, lang, args.quality, lf) / "lecture.mp4"
                for lang in langs}
    _prepare(build, [j for js in by_lang.values() for j in js],
             [p.parent for p in lectures.values()] if assemble else [])
    from tools import publish
    for lang, jobs in _render_each(by_lang, build, args):
        publish.section_subtitles(build, lang, [j.out for j in jobs])
        if assemble:
            titles = [f"{i}. {it.title(lang)}" for i, it in enumerate(items, 1)]
            title = lf.title(lang) if lf else strings.text("lecture.title", lang)
            _assemble(build, lectures[lang], [j.out for j in jobs], titles, title,
                      getattr(args, "burn_subtitles", False))
            _OPENED.append(lectures[lang])
        else:
            _OPENED.extend(j.out for j in jobs)
    publish.write_index(build, args.quality)


def _assemble(build: Path, out: Path, videos: list[Path], titles: list[str], title: str,
              burn: bool):
    """The lecture ``out`` of ``videos`` with a chapter per section (``titles``), both
    languages' subtitles as soft tracks and files beside it, and with ``burn`` a copy with the
    subtitles drawn in."""
    from lecture.palette import color
    from tools import assemble as asm
    from tools import publish
    lang = next(p.name for p in out.parents if p.name in strings.LANGS)
    # what it is made of: each section's video and steps (the subtitles' source) as they are
    # now, the titles; the same as last time and every file it wrote intact: nothing to do
    made_of = [(str(p), _file_state(p), _file_state(p.with_suffix(".steps.json")))
               for p in videos]
    fp = hashlib.sha256(json.dumps([made_of, titles, title, burn, lang]).encode()).hexdigest()
    lock = OutputLock(build, out).acquire(f"{out.relative_to(build)}")
    try:
        if up_to_date(out, build, fp):
            print(f"lecture: {out} (up to date)", flush=True)
            return
        asm.concat_with_chapters(videos, titles, out, title)
        written = [out, *publish.lecture_tracks(out, lang, videos, asm.chapters(out))]
        if burn:
            print(f"burning {lang} subtitles into a copy of the lecture ...", flush=True)
            copy = publish.burned(out, lang, color('background'))
            written.append(copy)
            print(f"with subtitles drawn in: {copy}", flush=True)
        write_stamp(out, build, fp, written, {})
    finally:
        lock.release()
    print(f"lecture: {out}", flush=True)


def _check_width(width: int):
    if not 160 <= width <= 3840:
        raise UserError(f"--width must be between 160 and 3840 pixels, got {width}")


def cmd_slides(args):
    """Per language: every section (and GIF) rendered as needed, then the decks."""
    _check_width(args.width)
    scene_items, gif_items = plan(args, "scene"), plan(args, "gif")
    args.quality = quality_name(args.quality)
    lf = getattr(args, "lecture_file", None)
    from tools import deck, publish, slides
    build = _build_dir(args)
    langs = _langs(args.lang)
    scenes = {lang: scene_jobs(scene_items, build, args.quality, lang, args.debug)
              for lang in langs}
    gifs = {lang: gif_jobs(gif_items, build, lang, args.width, args.debug) for lang in langs}
    decks = {lang: build / "slides" / lang / (lf.slug if lf else "") for lang in langs}
    _prepare(build, [j for js in (*scenes.values(), *gifs.values()) for j in js],
             list(decks.values()))
    if not (deck.REVEAL / "package.json").exists():
        raise UserError("reveal.js is not installed: run 'make setup'")
    t0 = time.time()
    for lang in langs:
        res = run_jobs(scenes[lang] + gifs[lang], build, args.force, _jobs_count(args.jobs))
        _summary(res, t0, [decks[lang]])
        publish.section_subtitles(build, lang, [j.out for j in scenes[lang]])
        out = decks[lang]
        lock = OutputLock(build, out / "lecture.html").acquire(f"the {lang} deck")
        try:
            entries = [(i if lf else it.target.section, it.title(lang), j.out, it.target.section)
                       for i, (it, j) in enumerate(zip(scene_items, scenes[lang]), 1)]
            gif_list = [(it.title(lang) if lf else strings.text(f"gif.{it.target.name}", lang),
                         j.out) for it, j in zip(gif_items, gifs[lang])]
            paths = slides.build(entries, build / "gifs" / lang, out, lang,
                                 title=lf.title(lang) if lf else None,
                                 jobs=_jobs_count(args.jobs), gifs=gif_list)
        finally:
            lock.release()
        for p in paths.values():
            print(f"deck: {p}", flush=True)
        if "html" in paths:
            _OPENED.append(paths["html"])
    publish.write_index(build, args.quality)


def cmd_gifs(args):
    _check_width(args.width)
    items = plan(args, "gif")
    build = _build_dir(args)
    by_lang = {lang: gif_jobs(items, build, lang, args.width, args.debug)
               for lang in _langs(args.lang)}
    _prepare(build, [j for js in by_lang.values() for j in js])
    for lang, jobs in _render_each(by_lang, build, args):
        _OPENED.extend(j.out for j in jobs)
    from tools import publish
    publish.write_index(build, DEFAULT_QUALITY)


# --- workers (one per process) -------------------------------------------------------------

def _write_manifest(args, outputs):
    """List every file this worker wrote, for the parent's stamp."""
    if not args.manifest:
        return
    m = Path(args.manifest)
    tmp = tmp_name(m)
    tmp.write_text(json.dumps([str(Path(o).resolve()) for o in outputs if o]))
    os.replace(tmp, m)


def _worker_params(args) -> dict:
    """The lecturer's options for this worker, as checked by the parent (JSON on the command
    line: options travel as arguments)."""
    return json.loads(args.options or "{}")


def _write_parameters(out: Path, args, kind: str, lesson) -> Path | None:
    """Beside a lecturer's own output: ``NAME.json``, the exact parameters that made it."""
    params = _worker_params(args)
    if not params:
        return None
    module = args.module.rsplit(".", 1)[-1]           # scenes.s07_tangent_2d, animations.riemann
    made = {"target": module[1:] if kind == "scene" else module, "kind": kind,
            "lang": args.lang, "options": params,
            "lesson": lesson.parameters() if hasattr(lesson, "parameters") else None}
    made.update({"quality": args.quality} if kind == "scene" else {"width": args.width})
    path = out.with_suffix(".json")
    tmp = tmp_name(path)
    tmp.write_text(json.dumps(made, ensure_ascii=False, indent=1, default=float),
                   encoding="utf-8")
    os.replace(tmp, path)
    return path


def worker_scene(args):
    import importlib

    from tools.assemble import run_ffmpeg
    from tools.encode import encoder_options, fast_frames
    from tools.split import frame_clock, rounded
    fast_frames()
    w, h, fps = QUALITIES[args.quality]
    from manim import tempconfig
    mod = importlib.import_module(args.module)
    cls = getattr(mod, args.attr)
    out = Path(args.out_file)
    out.parent.mkdir(parents=True, exist_ok=True)
    media = Path(args.media_dir)
    plan = _split_plan(args, out) if args.split > 1 else None
    shutil.rmtree(media, ignore_errors=True)  # partial movies of a killed run (we hold the lock)
    media.mkdir(parents=True, exist_ok=True)
    if plan and _render_split(args, plan, out, media):
        made = _write_parameters(out, args, "scene", _lesson_of(cls, args))
        _write_manifest(args, [out, out.with_suffix(".steps.json"), made])
        print(f"wrote {out} ({len(plan)} pieces in parallel, joined)")
        return
    tmp = tmp_name(out)
    try:
        with tempconfig({"pixel_width": w, "pixel_height": h, "frame_rate": fps,
                         "media_dir": str(media), "output_file": args.attr,
                         "disable_caching": True, "progress_bar": "none",
                         "video_encoder_options": encoder_options(args.threads),
                         "verbosity": "WARNING", "write_to_movie": True, "format": "mp4"}):
            scene = cls(lang=args.lang, options=_worker_params(args))
            plays = frame_clock(scene)      # every play's times: how to split it next time
            scene.render()
            movie = Path(scene.renderer.file_writer.movie_file_path)
        # the index in front (faststart): a player starts before the whole file has arrived
        run_ffmpeg(["-i", str(movie), "-c", "copy", "-map", "0", "-movflags", "+faststart",
                    "-f", "mp4", str(tmp)])
        os.chmod(tmp, 0o644)
        _test_hold("scene-copied")
        steps = out.with_suffix(".steps.json")   # the steps' keys, times and narration
        steps_tmp = tmp_name(steps)
        steps_tmp.write_text(json.dumps({"section": getattr(cls, "SECTION", 0),
                                         "duration": round(scene.renderer.time, 4),
                                         "steps": getattr(scene, "step_log", []),
                                         "plays": [rounded(p) for p in plays]},
                                        ensure_ascii=False, indent=1), encoding="utf-8")
        os.replace(steps_tmp, steps)
        made = _write_parameters(out, args, "scene", scene.lesson)
        os.replace(tmp, out)
    except BaseException:  # failed or interrupted: manim's partial movies are of no use
        shutil.rmtree(media, ignore_errors=True)
        raise
    finally:
        for t in (tmp, tmp_name(out.with_suffix(".steps.json"))):
            if os.path.exists(t):
                os.unlink(t)
    _write_manifest(args, [out, out.with_suffix(".steps.json"), made])
    print(f"wrote {out}")


def _lesson_of(cls, args):
    import lessons
    slug = getattr(cls, "LESSON", None)
    return lessons.load(slug, _worker_params(args)) if slug else None


def _split_plan(args, out: Path) -> list | None:
    """Where to cut the scene into ``args.split`` pieces of about equal work: by the plays its
    last render at this quality recorded (its steps.json). None without them (counting them
    first cost more than splitting saved: section 10 at 1080p, 31 s against 29 s whole) or
    when the scene has too few plays."""
    from tools import split
    try:
        plays = json.loads(out.with_suffix(".steps.json").read_text(encoding="utf-8"))["plays"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if not isinstance(plays, list) or len(plays) < 2 * args.split:
        return None
    try:
        return split.pieces(len(plays), args.split, split.play_weights(plays))
    except (ValueError, KeyError, TypeError):
        return None


def _render_split(args, plan: list, out: Path, media: Path) -> bool:
    """Render the pieces of ``plan`` at once (this process the first, a ``_piece`` process
    each of the others, in this process group) and join them into ``out`` without
    re-encoding (tools/split.py). False when the plan no longer fits the scene (it changed
    since the plays were counted): the caller renders it whole."""
    from tools import split
    parts = [media / "pieces" / f"piece{i}.mp4" for i in range(len(plan))]
    last = len(plan) - 1
    procs = []
    try:
        for i, (a, b) in enumerate(plan[1:], 1):
            procs.append(subprocess.Popen(
                [sys.executable, str(ROOT / "render.py"), "_piece", args.module, args.attr,
                 "--from", str(a), "--upto", "end" if i == last else str(b),
                 "--out-file", str(parts[i]), "--quality", args.quality, "--lang", args.lang,
                 "--options", args.options, "--media-dir", str(media / f"piece{i}")],
                cwd=ROOT))
        try:
            split.render_piece(args.module, args.attr, args.lang, _worker_params(args),
                               QUALITIES[args.quality], media / "piece0", plan[0][0],
                               None if last == 0 else plan[0][1], parts[0])
        except ValueError:
            return False
        codes = [p.wait() for p in procs]
        if any(c == PIECE_DOES_NOT_FIT for c in codes):
            return False
        if any(codes):
            raise RuntimeError(f"a piece of {out.name} failed (exit {max(codes)})")
        try:
            split.join(parts, out)
        except ValueError:
            return False
        return True
    finally:
        for p in procs:
            if p.poll() is None:
                p.terminate()
                p.wait()
        shutil.rmtree(media / "pieces", ignore_errors=True)


SPLIT_FROM_S = 15          # seconds (estimated) from which a section is worth splitting
PIECE_DOES_NOT_FIT = 3     # a _piece worker's exit code: the plan does not fit the scene


def worker_piece(args):
    from tools import split
    try:
        split.render_piece(args.module, args.attr, args.lang, _worker_params(args),
                           QUALITIES[args.quality], Path(args.media_dir), args.from_n,
                           None if args.upto == "end" else int(args.upto), Path(args.out_file))
    except ValueError as e:
        print(f"piece does not fit: {e}", file=sys.stderr)
        raise SystemExit(PIECE_DOES_NOT_FIT)


def worker_gif(args):
    import importlib
    from animations import writer
    mod = importlib.import_module(args.module)
    src = mod.build(args.lang, width=args.width, options=_worker_params(args))
    out = Path(args.out_file)
    out.parent.mkdir(parents=True, exist_ok=True)

    def progress(done, total):
        if done == 1:
            _test_hold("gif-frame-1")  # tests only: the temporary GIF and MP4 exist now

    res = writer.write_gif(src, out, fps=getattr(src, "fps", 20),
                           hold_last_s=getattr(src, "hold_last_s", 1.0),
                           progress=progress if os.environ.get(TEST_HOLD_ENV) else None)
    outputs = [res.gif, res.mp4, _write_parameters(out, args, "gif", getattr(src, "lesson", None))]
    if hasattr(mod, "extra_outputs"):
        outputs += list(mod.extra_outputs(args.lang, out.parent, width=args.width) or [])
    _write_manifest(args, outputs)
    print(f"wrote {out} ({res.gif_bytes} bytes, {res.n_frames} frames)")


def _stop_own_group(args):
    """A worker started by render.py leads its own process group: whatever it started (ffmpeg)
    ends with it."""
    try:
        if args.parent_pid and os.getpgid(0) == os.getpid():
            signal.signal(signal.SIGTERM, signal.SIG_IGN)
            os.killpg(0, signal.SIGTERM)
    except OSError:
        pass


# --- the command line ----------------------------------------------------------------------

EPILOG = """examples:
  python render.py list
  python render.py scenes                       # every section, preview quality, Chinese
  python render.py scenes 1 derivative --quality preview --lang en
  python render.py scenes tangent_2d -qh -p     # 1080p, then open it
  python render.py lecture --quality 1080p      # every section, then build/lecture/.../lecture.mp4
  python render.py lecture --config examples/lecture.toml   # your own lecture from one file
  python render.py gifs --lang all --width 960
  python render.py slides --lang all            # the decks, build/slides/LANG/
"""


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage mistake is one line on stderr and exit code 2."""

    def error(self, message):
        print(f"error: {message} (see: {self.prog} --help)", file=sys.stderr)
        raise SystemExit(2)


# options whose values may start with '-' (a negative point or range)
_VALUE_OPTIONS = {"--function", "--point", "--range", "--lr", "--steps", "--momentum", "--w1",
                  "--w2", "--x", "--y"}


def _glue_values(argv: list[str]) -> list[str]:
    out, i = [], 0
    while i < len(argv):
        if argv[i] in _VALUE_OPTIONS and i + 1 < len(argv):
            out.append(f"{argv[i]}={argv[i + 1]}")
            i += 2
        else:
            out.append(argv[i])
            i += 1
    return out


def _worker_options(sp):
    sp.add_argument("--manifest", help="write the list of files written here (JSON)")
    sp.add_argument("--parent-pid", type=int, help="end when this parent is gone")
    sp.add_argument("--watch-fd", type=int, help="end on EOF from this pipe (the parent's)")


QUALITY_HELP = (f"one of {', '.join(QUALITIES)} (default {DEFAULT_QUALITY}), or Manim's letters "
                + ", ".join(f"{k} = {v}" for k, v in QUALITY_ALIASES.items())
                + " (-ql, -qm, -qh, -qp, -qk): "
                + "; ".join(f"{k} = {w}x{h} at {f} fps" for k, (w, h, f) in QUALITIES.items()))


def version() -> str:
    """The project's version (pyproject.toml), also when it is not installed."""
    try:
        import tomllib
        return tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
    except (OSError, ValueError, KeyError):
        from importlib.metadata import PackageNotFoundError, version as v
        try:
            return v("calculus-anim")
        except PackageNotFoundError:
            return "unknown"


def parser() -> argparse.ArgumentParser:
    p = _Parser(
        prog="render.py", description="Render the calculus lecture: Manim videos, slide GIFs, "
        "the assembled lecture.", epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--debug", action="store_true", help="show full tracebacks on errors")
    p.add_argument("--version", action="version", version=f"calculus-anim {version()}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    def common(sp, lang_all=False):
        sp.add_argument("--lang", default=None,
                        help="lecture language: zh (default) or en" + (", or all" if lang_all else ""))
        sp.add_argument("--config", metavar="FILE.toml",
                        help="your own lecture: its sections, order, examples, title, language "
                             "and quality from a lecture file (see examples/lecture.toml)")
        sp.add_argument("-p", "--open", action="store_true",
                        help="open the result with the system's viewer when done")
        sp.add_argument("--out", default=str(ROOT / "build"),
                        help="output folder (default: build/ in the project)")
        sp.add_argument("--jobs", "-j", type=int, default=0,
                        help="processes in parallel (default: one per CPU core)")
        sp.add_argument("--force", action="store_true", help="render even when up to date")
        sp.add_argument("--debug", action="store_true", help="show full tracebacks on errors")

    def own(sp):
        g = sp.add_argument_group(
            "your own example (for the targets that take it; 'render.py list' shows which "
            "options each target takes)")
        g.add_argument("--function", metavar="TEXT",
                       help='a function of x, e.g. "x**3 - 2*x" or "sin(x)*exp(-x/3)"; of x and y '
                            'for 12_gradient_descent_3d, e.g. "x**2 + 3*y**2"')
        g.add_argument("--point", metavar="X", help="tangent point or descent start (x, or x,y)")
        g.add_argument("--range", metavar="A,B", help="x range drawn or integrated (default -3,3)")
        g.add_argument("--lr", metavar="ETA", help="learning rate (default 0.1)")
        g.add_argument("--steps", metavar="N", help="gradient-descent steps (default 30)")
        g.add_argument("--momentum", metavar="MU", help="momentum in [0, 1) (default 0)")
        g.add_argument("--w1", metavar="W", help="backprop: layer-1 weights (1 or 6 numbers)")
        g.add_argument("--w2", metavar="W", help="backprop: layer-2 weights (1 or 3 numbers)")
        g.add_argument("--x", metavar="X1,X2", help="backprop: the two inputs")
        g.add_argument("--y", metavar="Y", help="backprop: the target output")

    sp = sub.add_parser("list", help="list every target with its section, kind and title")
    sp.add_argument("--lang", default=strings.DEFAULT_LANG, help="zh (default) or en")
    sp.set_defaults(func=cmd_list)

    for name, helptext in (("scenes", "render section videos (all when no target is named)"),
                           ("lecture", "render every section, then assemble the whole lecture")):
        sp = sub.add_parser(name, help=helptext, epilog=EPILOG,
                            formatter_class=argparse.RawDescriptionHelpFormatter)
        if name == "scenes":
            sp.add_argument("targets", nargs="*",
                            help="section numbers (1, 01), names (derivative, 01_derivative) "
                                 "or scene classes; default: all")
        sp.add_argument("--quality", "-q", default=None, help=QUALITY_HELP)
        common(sp, lang_all=True)
        if name == "scenes":
            own(sp)
        else:
            sp.add_argument("--burn-subtitles", action="store_true",
                            help="also write lecture.subtitled-LANG.mp4 with the subtitles drawn "
                                 "into the picture (for players that show no subtitle tracks)")
        sp.set_defaults(func=cmd_scenes if name == "scenes" else
                        (lambda a: (setattr(a, "targets", []), cmd_scenes(a, assemble=True))))

    sp = sub.add_parser("gifs", help="render slide GIFs (and an MP4 beside each)", epilog=EPILOG,
                        formatter_class=argparse.RawDescriptionHelpFormatter)
    sp.add_argument("targets", nargs="*", help="GIF names from 'list'; default: all")
    sp.add_argument("--width", type=int, default=DEFAULT_GIF_WIDTH,
                    help=f"GIF width in pixels (default {DEFAULT_GIF_WIDTH})")
    common(sp, lang_all=True)
    own(sp)
    sp.set_defaults(func=cmd_gifs)

    sp = sub.add_parser("slides", help="the decks: build/slides/LANG/lecture.html (offline "
                        "reveal.js), lecture.pptx and gifs.pptx", epilog=EPILOG,
                        formatter_class=argparse.RawDescriptionHelpFormatter)
    sp.add_argument("--quality", "-q", default=None,
                    help=f"video quality of the step clips (default {DEFAULT_QUALITY}; as for "
                         "scenes)")
    sp.add_argument("--width", type=int, default=DEFAULT_GIF_WIDTH,
                    help=f"GIF width in gifs.pptx (default {DEFAULT_GIF_WIDTH})")
    common(sp, lang_all=True)
    sp.set_defaults(func=cmd_slides)

    sp = sub.add_parser("backprop", help="print the lecture's backpropagation example as a table",
                        epilog="examples:\n  python render.py backprop\n"
                        "  python render.py backprop --lang en --w1 0.3 --x 1,2 --y 3 --lr 0.01",
                        formatter_class=argparse.RawDescriptionHelpFormatter)
    sp.add_argument("--lang", default=strings.DEFAULT_LANG, help="zh (default) or en")
    sp.add_argument("--w1", help="layer-1 weights: one number for all, or 6 (w11,w12,w13,w21,w22,w23)")
    sp.add_argument("--w2", help="layer-2 weights: one number for all, or 3 (w11,w21,w31)")
    sp.add_argument("--x", help="the inputs x1,x2 (default 40,80)")
    sp.add_argument("--y", help="the target output (default 60)")
    sp.add_argument("--lr", help="the learning rate (default 1e-5)")
    sp.add_argument("--debug", action="store_true", help="show full tracebacks on errors")
    sp.set_defaults(func=cmd_backprop)

    sp = sub.add_parser("_scene")  # internal: one scene in this process
    sp.add_argument("module"), sp.add_argument("attr")
    for a in ("--out-file", "--quality", "--lang", "--media-dir"):
        sp.add_argument(a, required=True)
    sp.add_argument("--options", default="{}", help="the checked options, JSON")
    sp.add_argument("--threads", type=int, default=0, help="x264 threads (0: x264 chooses)")
    sp.add_argument("--split", type=int, default=1,
                    help="render in this many pieces at once, joined (tools/split.py)")
    sp.add_argument("--debug", action="store_true")
    _worker_options(sp)
    sp.set_defaults(func=worker_scene)
    sp = sub.add_parser("_piece")  # internal: animations FROM..UPTO of one scene (tools/split)
    sp.add_argument("module"), sp.add_argument("attr")
    for a in ("--out-file", "--quality", "--lang", "--media-dir", "--upto"):
        sp.add_argument(a, required=True)
    sp.add_argument("--from", dest="from_n", type=int, required=True)
    sp.add_argument("--options", default="{}", help="the checked options, JSON")
    sp.add_argument("--debug", action="store_true")
    _worker_options(sp)
    sp.set_defaults(func=worker_piece)
    sp = sub.add_parser("_gif")  # internal: one GIF in this process
    sp.add_argument("module")
    sp.add_argument("--out-file", required=True)
    sp.add_argument("--lang", required=True)
    sp.add_argument("--width", type=int, required=True)
    sp.add_argument("--options", default="{}", help="the checked options, JSON")
    sp.add_argument("--debug", action="store_true")
    _worker_options(sp)
    sp.set_defaults(func=worker_gif)
    return p


_OPENED: list = []   # what this run made that --open shows (set by the commands)
NEEDED = ("numpy", "scipy", "sympy", "manim", "matplotlib", "imageio", "av", "cv2")


def missing_packages() -> list[str]:
    """The packages this Python lacks (looked up, not imported: it costs milliseconds)."""
    import importlib.util
    return [m for m in NEEDED if importlib.util.find_spec(m) is None]


def _opener() -> list[str] | None:
    if sys.platform == "darwin":
        return ["open"]
    if os.name == "nt":
        return ["cmd", "/c", "start", ""]
    found = shutil.which("xdg-open")
    return [found] if found else None


def open_result(paths: list) -> str:
    """Open what the run made with the system's viewer: one file, the lecture or the deck when
    there is one, else the folder of the first file. Returns what it says about it."""
    paths = [Path(p) for p in dict.fromkeys(paths) if p]
    if not paths:
        return "nothing to open"
    main = [p for p in paths if p.name in ("lecture.mp4", "lecture.html")]
    what = main[0] if main else paths[0] if len(paths) == 1 else paths[0].parent
    cmd = _opener()
    if cmd is None:
        return f"no viewer to open it with (install xdg-utils); it is at {what}"
    try:
        p = subprocess.Popen([*cmd, str(what)], stdin=subprocess.DEVNULL,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                             start_new_session=True)
        try:
            p.wait(timeout=10)   # xdg-open hands it to the viewer and returns
        except subprocess.TimeoutExpired:
            pass                 # a viewer that stays in front: leave it open
    except OSError as e:
        return f"could not open {what}: {e.strerror or e}"
    return f"opened {what}"


def _interrupted_message() -> str:
    """After an interrupt: remove what this run's processes left (they are all stopped now), then
    look, so the message says what is true."""
    build = _RUN["build"]
    if build is None:
        return "error: interrupted before anything was written"
    ours = _RUN["pids"] | {os.getpid()}
    for p in partial_files(build, ours):
        _remove(p)
    left = partial_files(build, ours)
    if left:
        return ("error: interrupted; these partial files could not be removed: "
                + ", ".join(str(p) for p in left))
    return f"error: interrupted; no partial file was left in {build}"


def _as_interrupt(signum, frame):
    raise KeyboardInterrupt


def main(argv=None) -> int:
    argv = _glue_values(list(sys.argv[1:] if argv is None else argv))
    args = parser().parse_args(argv)
    if not getattr(args, "func", None):
        parser().print_help()
        return 0
    worker = args.func in (worker_scene, worker_piece, worker_gif)
    if args.func is not cmd_list:
        lacking = missing_packages()
        if lacking:
            print(f"error: this Python ({sys.executable}) lacks {', '.join(lacking)}: run "
                  "'make setup', then use .venv/bin/python render.py (or make render)",
                  file=sys.stderr)
            return 2
    try:
        if worker:
            _die_with_parent(args.parent_pid, args.watch_fd)
        else:  # terminated or hung up: stop the workers and clean up as for Ctrl-C
            signal.signal(signal.SIGTERM, _as_interrupt)
            signal.signal(signal.SIGHUP, _as_interrupt)
            if getattr(args, "jobs", None) is not None:
                _jobs_count(args.jobs)              # checked before any folder is made
        args.func(args)
        if getattr(args, "open", False):
            print(open_result(_OPENED), flush=True)
        return 0
    except KeyboardInterrupt:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        if worker:
            _stop_own_group(args)
            print("error: interrupted", file=sys.stderr, flush=True)
        else:
            print(_interrupted_message(), file=sys.stderr, flush=True)
        return 130
    except BrokenPipeError:  # output piped into head, say: nothing more to say
        sys.stderr.close()
        return 0
    except (UserError, ValueError) as e:
        if args.debug:
            traceback.print_exc()
        print(f"error: {e}", file=sys.stderr)
        return 2
    except Exception as e:  # noqa: BLE001 - one line for the user, the traceback with --debug
        if args.debug:
            traceback.print_exc()
        msg = str(e).strip().splitlines()[-1] if str(e).strip() else type(e).__name__
        print(f"error: {type(e).__name__}: {msg} (run with --debug for the traceback)",
              file=sys.stderr)
        return 1
    finally:
        if worker:
            _stop_own_group(args)


if __name__ == "__main__":
    sys.exit(main())
