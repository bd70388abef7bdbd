"""render.py as a process among processes: Ctrl-C, kill -9 and two renders of one output leave
nothing broken; the up-to-date decision covers every output; bad output folders are refused
before any work; the Makefile passes a folder with a space as one argument.

No test here depends on how fast the machine is: an interrupt is sent when the worker has said
(through CALCANIM_TEST_HOLD) that it is paused mid-write, with its temporary files on disk; every
wait is for a line or a state, with a generous ceiling on runaway work only."""

from __future__ import annotations

import os
import re
import shlex
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import render
from conftest import ROOT, Hold, Running, run_cli, wait_gone

GIF = ["gifs", "riemann", "--width", "160", "--lang", "en", "--jobs", "1"]
STARTED = r"started (\S+) .*\(worker pid (\d+)\)"


def temp_files(folder: Path) -> list[Path]:
    """Every temporary file or folder under ``folder`` (independently of render.partial_files:
    any name with '.tmp' in it, and mkstemp's old '.NAME.XXXX.tmp')."""
    return sorted(p for p in folder.rglob("*") if ".tmp" in p.name)


def gone(pid: int) -> bool:
    """The process has ended (a zombie counts as ended): /proc on Linux, os.kill elsewhere."""
    stat = Path(f"/proc/{pid}/stat")
    if stat.parent.parent.joinpath("self").exists():
        try:
            return stat.read_bytes().rsplit(b")", 1)[1].split()[0] == b"Z"
        except (OSError, IndexError):
            return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False


@pytest.fixture
def hold(tmp_path):
    """Where workers pause mid-write (render.py's hold hook), released at the end."""
    h = Hold(tmp_path / "hold")
    yield h
    h.close()


def valid_gif(path: Path) -> int:
    from PIL import Image
    with Image.open(path) as im:
        assert im.format == "GIF"
        n = getattr(im, "n_frames", 1)
        im.seek(n - 1)
        im.load()
    return n


def dead_pid() -> int:
    p = subprocess.Popen([sys.executable, "-c", "pass"])
    p.wait()
    assert gone(p.pid)
    return p.pid


# --- Ctrl-C ---------------------------------------------------------------------------------

@pytest.mark.render
@pytest.mark.parametrize("command", [
    GIF,
    ["scenes", "1", "--quality", "test", "--jobs", "1"],
    ["lecture", "--quality", "test", "--jobs", "1"],
], ids=["gifs", "scenes", "lecture"])
def test_ctrl_c_mid_write_leaves_nothing_and_says_so(tmp_path, hold, command):
    out = tmp_path / "out"
    r = Running(*command, "--out", out, env_extra={render.TEST_HOLD_ENV: str(hold.path)})
    name, worker = r.wait_line(STARTED).groups()
    pid, stage = hold.wait()
    assert pid == int(worker)
    # the worker has begun writing: its temporary file(s) are in the output folder
    writing = temp_files(out)
    assert writing and all(p.name.endswith(f".tmp-{pid}") for p in writing), writing
    assert any(p.name.startswith(f".{name}.") for p in writing), (name, writing)
    r.proc.send_signal(signal.SIGINT)
    rc, stdout, stderr = r.finish(ceiling=120)
    assert rc == 130, (stdout, stderr)
    lines = [ln for ln in stderr.splitlines() if ln.strip()]
    assert lines == [f"error: interrupted; no partial file was left in {out}"], stderr
    # the message is true: nothing temporary and no output in the folder
    assert temp_files(out) == []
    assert not [p for p in out.rglob("*") if p.suffix in (".gif", ".mp4", ".png", ".svg")]
    # (manim's partial movies of the interrupted scene included: they are of no use)
    assert not list((out / "cache" / "stamps").rglob("*.json"))
    wait_gone(pid, 60, "the worker ending")


@pytest.mark.render
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP], ids=["SIGTERM", "SIGHUP"])
def test_terminated_like_ctrl_c(tmp_path, hold, sig):
    """kill (SIGTERM) or a closed terminal (SIGHUP) stop render.py as Ctrl-C does, with two
    workers writing at once."""
    out = tmp_path / "out"
    r = Running("gifs", "riemann", "differential", "--width", "160", "--lang", "en", "--jobs",
                "2", "--out", out, env_extra={render.TEST_HOLD_ENV: str(hold.path)})
    workers = {int(r.wait_line(STARTED).group(2)) for _ in range(2)}
    assert {hold.wait()[0], hold.wait()[0]} == workers       # both paused mid-write
    assert {int(p.name.rsplit("-", 1)[1]) for p in temp_files(out)} == workers
    r.proc.send_signal(sig)
    rc, stdout, stderr = r.finish(ceiling=120)
    assert rc == 130, (stdout, stderr)
    assert stderr.strip().splitlines() == [f"error: interrupted; no partial file was left in {out}"]
    assert temp_files(out) == [] and not list(out.rglob("*.gif"))
    for pid in workers:
        wait_gone(pid, 60, "the workers ending")


# --- kill -9 of render.py -------------------------------------------------------------------

@pytest.mark.render
def test_kill_9_takes_the_worker_down_and_a_rerun_works(tmp_path, hold):
    out = tmp_path / "out"
    r = Running(*GIF, "--out", out, env_extra={render.TEST_HOLD_ENV: str(hold.path)})
    worker = int(r.wait_line(STARTED).group(2))
    assert hold.wait()[0] == worker
    kids = Path(f"/proc/{worker}/task/{worker}/children")
    ffmpeg = [int(c) for c in kids.read_text().split()] if kids.exists() else []
    r.proc.send_signal(signal.SIGKILL)
    r.finish(ceiling=60)
    wait_gone(worker, 60, "the worker ending after its parent was killed")
    for child in ffmpeg:  # what the worker started (ffmpeg) ends too
        wait_gone(child, 60, f"the worker's child {child} ending")
    # the worker cleaned up as it went
    assert temp_files(out) == []
    assert not (out / "gifs" / "en" / "riemann-160px.gif").exists()
    # and a rerun neither waits for it nor collides with it
    again = run_cli(*GIF, "--out", out, check=True, timeout=300)
    assert "waiting for" not in again.stdout
    assert "rendered 1" in again.stdout
    assert valid_gif(out / "gifs" / "en" / "riemann-160px.gif") > 1
    assert (out / "gifs" / "en" / "riemann-160px.mp4").stat().st_size > 0
    assert temp_files(out) == []


@pytest.mark.render
def test_a_worker_killed_outright_leaves_no_temp_file(tmp_path, hold):
    """kill -9 of the worker itself (it cannot clean up): render.py removes what it left,
    reports the target failed, and the next run renders it."""
    out = tmp_path / "out"
    r = Running(*GIF, "--out", out, env_extra={render.TEST_HOLD_ENV: str(hold.path)})
    worker = int(r.wait_line(STARTED).group(2))
    hold.wait()
    assert temp_files(out)
    os.kill(worker, signal.SIGKILL)
    rc, stdout, stderr = r.finish(ceiling=120)
    assert rc == 2 and "FAILED" in stdout, (stdout, stderr)
    assert stderr.strip().splitlines() == ["error: 1 target(s) failed: riemann-160px.gif"]
    assert temp_files(out) == []
    hold.release()
    assert "rendered 1" in run_cli(*GIF, "--out", out, check=True).stdout


# --- two renders of one output --------------------------------------------------------------

@pytest.mark.render
def test_two_processes_on_one_output_take_turns(tmp_path, hold):
    out = tmp_path / "out"
    first = Running(*GIF, "--out", out, env_extra={render.TEST_HOLD_ENV: str(hold.path)})
    first.wait_line(STARTED)
    hold.wait()  # the first render holds the lock, mid-write
    second = Running(*GIF, "--out", out)
    m = second.wait_line(r"waiting for PID (\d+), which is rendering (.*)$")
    assert int(m.group(1)) == first.pid
    assert m.group(2) == "riemann-160px.gif (en, width 160)"
    assert not any(re.search(STARTED, ln) for ln in second.lines)
    hold.release()  # let the first one finish
    rc1, out1, err1 = first.finish()
    rc2, out2, err2 = second.finish()
    assert (rc1, rc2) == (0, 0), (out1, err1, out2, err2)
    assert "rendered 1, up to date 0" in out1
    assert "rendered 0, up to date 1" in out2  # it saw the first one's file, up to date
    assert valid_gif(out / "gifs" / "en" / "riemann-160px.gif") > 1
    assert temp_files(out) == []


@pytest.mark.render
def test_two_forced_renders_on_one_output_both_end_with_a_valid_file(tmp_path):
    out = tmp_path / "out"
    a = Running(*GIF, "--out", out, "--force")
    b = Running(*GIF, "--out", out, "--force")
    (rca, outa, erra), (rcb, outb, errb) = a.finish(), b.finish()
    assert (rca, rcb) == (0, 0), (outa, erra, outb, errb)
    assert "rendered 1" in outa and "rendered 1" in outb
    assert ("waiting for" in outa) != ("waiting for" in outb)  # exactly one waited
    assert valid_gif(out / "gifs" / "en" / "riemann-160px.gif") > 1
    assert temp_files(out) == []


def test_lock_names_its_holder_and_gives_up_when_stopped(tmp_path, capsys):
    import threading
    build, out = tmp_path, tmp_path / "gifs" / "en" / "x.gif"
    first = render.OutputLock(build, out).acquire("x.gif (en, width 160)")
    try:
        stop = threading.Event()
        stop.set()
        with pytest.raises(render.Stopped):
            render.OutputLock(build, out).acquire("x.gif", stop, poll=0.01)
        assert capsys.readouterr().out.strip() == \
            f"waiting for PID {os.getpid()}, which is rendering x.gif (en, width 160)"
    finally:
        first.release()
    again = render.OutputLock(build, out).acquire("x.gif", None)  # free once released
    again.release()


# --- temporary files of dead processes ------------------------------------------------------

def test_sweep_removes_only_what_dead_processes_left(tmp_path):
    dead, live = dead_pid(), os.getpid()
    gifs = tmp_path / "gifs" / "en"
    gifs.mkdir(parents=True)
    doomed = [gifs / f".riemann-160px.gif.tmp-{dead}", gifs / f".riemann-160px.mp4.tmp-{dead}",
              tmp_path / "cache" / "stamps" / f".x.json.tmp-{dead}"]
    kept = [gifs / f".riemann-160px.gif.tmp-{live}", gifs / "riemann-160px.gif", gifs / ".hidden",
            gifs / f"notes.tmp-{dead}"]  # not a dot-name: not ours
    lecture = tmp_path / "lecture" / "zh" / "test" / f".lecture.mp4.tmp-{dead}"
    lecture.mkdir(parents=True)
    (lecture / "lecture.mp4").write_bytes(b"partial")
    (tmp_path / "cache" / "stamps").mkdir(parents=True)
    for p in doomed + kept:
        p.write_bytes(b"x")
    removed = render.sweep_stale(tmp_path)
    assert sorted(removed) == sorted(doomed + [lecture])
    assert not any(p.exists() for p in doomed) and not lecture.exists()
    assert all(p.exists() for p in kept)


@pytest.mark.render
def test_next_start_sweeps_dead_temp_files(gif_pair):
    out = gif_pair
    dead = dead_pid()
    junk = [out / "gifs" / "en" / f".riemann-160px.gif.tmp-{dead}",
            out / "gifs" / "en" / f".activations-160px.png.tmp-{dead}"]
    for p in junk:
        p.write_bytes(b"partial")
    mine = out / "gifs" / "en" / f".riemann-160px.mp4.tmp-{os.getpid()}"  # a live writer's
    mine.write_bytes(b"partial")
    try:
        run_cli("gifs", "riemann", "activations", "--width", "160", "--lang", "en",
                "--out", out, check=True)
        assert not any(p.exists() for p in junk)
        assert mine.exists()
    finally:
        mine.unlink()


# --- the up-to-date decision covers every output --------------------------------------------

@pytest.fixture(scope="module")
def gif_pair(tmp_path_factory):
    out = tmp_path_factory.mktemp("gif-pair")
    run_cli("gifs", "riemann", "activations", "--width", "160", "--lang", "en", "--out", out,
            check=True)
    return out


def rerun(out: Path) -> str:
    return run_cli("gifs", "riemann", "activations", "--width", "160", "--lang", "en",
                   "--out", out, check=True).stdout


@pytest.mark.render
@pytest.mark.parametrize("victim,how", [
    ("riemann-160px.mp4", "delete"), ("riemann-160px.gif", "delete"), ("activations-160px.svg", "delete"),
    ("activations-160px.png", "delete"), ("activations-160px.png", "change"), ("riemann-160px.mp4", "change"),
])
def test_a_missing_or_changed_output_is_rebuilt(gif_pair, victim, how):
    out = gif_pair
    folder = out / "gifs" / "en"
    owner = victim.split(".")[0] + ".gif"
    other = ({"riemann-160px.gif", "activations-160px.gif"} - {owner}).pop()
    assert up_to_date_names(rerun(out)) == {owner, other}
    path = folder / victim
    good = path.read_bytes()
    if how == "delete":
        path.unlink()
    else:
        path.write_bytes(good[: len(good) // 2])  # truncated, as by a crash or a bad copy
    stdout = rerun(out)
    assert re.search(rf"\] \d/\d {re.escape(owner)} \(", stdout), stdout  # rebuilt
    assert path.exists() and path.stat().st_size == len(good)
    assert owner in up_to_date_names(rerun(out))


def up_to_date_names(stdout: str) -> set:
    m = re.search(r"^up to date: (.*)$", stdout, re.M)
    return set(m.group(1).split(", ")) if m else set()


def test_stamp_records_every_output(tmp_path):
    """Unit level, no render: up_to_date against files written by hand."""
    out = tmp_path / "gifs" / "en" / "a.gif"
    out.parent.mkdir(parents=True)
    extra = [out.with_suffix(".mp4"), out.with_name("a.png")]
    for p in [out, *extra]:
        p.write_bytes(b"data")
    render.write_stamp(out, tmp_path, "fp", extra, {})
    assert render.up_to_date(out, tmp_path, "fp")
    assert not render.up_to_date(out, tmp_path, "other fingerprint")
    extra[1].write_bytes(b"other")  # changed size
    assert not render.up_to_date(out, tmp_path, "fp")
    render.write_stamp(out, tmp_path, "fp", extra, {})
    st = extra[0].stat()
    os.utime(extra[0], ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))  # same size, touched
    assert not render.up_to_date(out, tmp_path, "fp")
    render.write_stamp(out, tmp_path, "fp", extra, {})
    extra[0].unlink()
    assert not render.up_to_date(out, tmp_path, "fp")
    # a stamp from before every output was recorded counts as stale
    stamp = render._stamp_path(out, tmp_path)
    stamp.write_text('{"fingerprint": "fp"}')
    extra[0].write_bytes(b"data")
    assert not render.up_to_date(out, tmp_path, "fp")
    with pytest.raises(FileNotFoundError):
        render.write_stamp(out, tmp_path, "fp", [tmp_path / "never-written.svg"], {})


# --- bad output folders: one line, exit 2, before any work ----------------------------------

def _layout(root: Path, files: list[str]) -> Path:
    for f in files:
        p = root / f
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text("not a folder")
    return root


def _snapshot(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*")) if root.exists() else []


@pytest.mark.parametrize("command", [GIF, ["scenes", "1", "--quality", "test"],
                                     ["lecture", "--quality", "test"]],
                         ids=["gifs", "scenes", "lecture"])
@pytest.mark.parametrize("files,out_rel,phrase", [
    (["out/cache"], "out", "cache is a file, not a folder"),
    (["out/cache/locks"], "out", "locks is a file, not a folder"),
    (["out/cache/stamps"], "out", "stamps is a file, not a folder"),
    (["out/cache/logs"], "out", "logs is a file, not a folder"),
    (["out"], "out", "it is a file, not a folder"),
    (["afile"], "afile/out", "afile is a file, not a folder"),
], ids=["cache", "locks", "stamps", "logs", "out-is-file", "under-a-file"])
def test_output_folder_with_a_file_in_the_way(tmp_path, command, files, out_rel, phrase):
    _layout(tmp_path, files)
    before = _snapshot(tmp_path)
    t0 = time.monotonic()
    r = run_cli(*command, "--out", tmp_path / out_rel, timeout=60)
    assert r.returncode == 2, (r.stdout, r.stderr)
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: cannot write to the output folder")
    assert phrase in lines[0], lines[0]
    assert "Traceback" not in r.stderr and r.stdout == ""
    assert _snapshot(tmp_path) == before  # nothing was created: refused before any work
    assert time.monotonic() - t0 < 30  # a ceiling: no render was started


@pytest.mark.parametrize("sub", ["gifs/en", "cache/stamps/gifs/en", "cache/locks"])
def test_output_subfolder_a_file_deep_down(tmp_path, sub):
    _layout(tmp_path, [f"out/{sub}"])
    r = run_cli(*GIF, "--out", tmp_path / "out", timeout=60)
    assert r.returncode == 2 and r.stderr.count("\n") == 1, r.stderr
    assert f"{Path(sub).name} is a file, not a folder" in r.stderr


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_read_only_cache_folder(tmp_path):
    cache = tmp_path / "out" / "cache"
    cache.mkdir(parents=True)
    cache.chmod(0o500)
    try:
        r = run_cli(*GIF, "--out", tmp_path / "out", timeout=60)
        assert r.returncode == 2 and r.stderr.startswith("error: cannot write to the output")
        assert r.stderr.count("\n") == 1
    finally:
        cache.chmod(0o700)


@pytest.mark.parametrize("command", [GIF, ["scenes", "1"], ["lecture"]])
def test_empty_out_is_refused(tmp_path, command):
    r = subprocess.run([sys.executable, str(ROOT / "render.py"), *command, "--out", ""],
                       cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert (r.returncode, r.stderr) == (2, "error: --out must name a folder\n")
    assert list(tmp_path.iterdir()) == []  # nothing written into the current folder


# --- help and Makefile ----------------------------------------------------------------------

def test_help_names_only_options_that_exist():
    listed = run_cli("list", "--help", check=True).stdout
    for cmd in ("scenes", "gifs", "lecture", "backprop", "list"):
        text = run_cli(cmd, "--help", check=True).stdout
        for opt in re.findall(r"list (--[\w-]+)", text):
            assert opt in listed, f"{cmd} --help names 'list {opt}', which does not exist"
        assert "list --options" not in text


def _make_dry(*args) -> list[list[str]]:
    r = subprocess.run(["make", "-n", *args], cwd=ROOT, capture_output=True, text=True,
                       timeout=60)
    assert r.returncode == 0, r.stderr
    return [shlex.split(ln) for ln in r.stdout.splitlines() if "render.py" in ln]


@pytest.mark.parametrize("target", ["render", "scenes", "section", "gifs"])
@pytest.mark.parametrize("folder", ["my dir", "it's here", "a  b"])
def test_makefile_passes_a_folder_with_spaces_as_one_argument(target, folder):
    cmds = _make_dry(target, f"OUT={folder}", "S=1", "QUALITY=test", "WIDTH=320")
    assert len(cmds) == 1, cmds
    argv = cmds[0]
    assert argv[argv.index("--out") + 1] == folder
    if target != "gifs":
        assert argv[argv.index("--quality") + 1] == "test"
    else:
        assert argv[argv.index("--width") + 1] == "320"


def test_make_test_fast_deselects_the_render_tests():
    cmds = subprocess.run(["make", "-n", "test-fast"], cwd=ROOT, capture_output=True,
                          text=True, timeout=60).stdout.splitlines()
    pytest_line = [shlex.split(c) for c in cmds if "pytest" in c]
    assert len(pytest_line) == 1
    argv = pytest_line[0]
    assert argv[argv.index("not render") - 1] == "-m"


@pytest.mark.render
def test_make_gifs_into_a_folder_with_a_space(tmp_path):
    out = tmp_path / "my dir"
    # -o setup: the installation step is not what is tested here (and is not re-run)
    r = subprocess.run(["make", "-o", "setup", "gifs", f"OUT={out}", "WIDTH=160",
                        "LECTURE_LANG=en", "JOBS=1", "ARGS=riemann"], cwd=ROOT,
                       capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, (r.stdout, r.stderr)
    assert valid_gif(out / "gifs" / "en" / "riemann-160px.gif") > 1
    assert not (tmp_path / "my").exists()


def test_a_dead_workers_group_is_ended_before_its_files_are_removed():
    """What a killed worker started (its ffmpeg, here two sleeps) is killed and gone when
    render._end_group returns: nothing of it can write a file after the clean-up."""
    p = subprocess.Popen(["sh", "-c", "sleep 60 & sleep 60 & wait"], start_new_session=True)
    members = render._group_members(p.pid)
    assert members is not None and p.pid in members
    render._end_group(p.pid)
    assert render._group_members(p.pid) == []
    assert p.wait(timeout=10) == -signal.SIGKILL
    render._end_group(p.pid)                      # a group that is gone: nothing to do
