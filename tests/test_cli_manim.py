"""What Manim users bring with them: quality letters, -p/--open, --version, the console entry
point, a clear line when the Python lacks the packages; outputs that do not overwrite each
other (GIF widths in the name) and section MP4s with the index in front."""

from __future__ import annotations

import os
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, run_cli

import render


def test_quality_letters_map_onto_the_projects_qualities():
    assert render.quality_name("l") == "preview"
    assert render.quality_name("m") == "720p"
    assert render.quality_name("h") == "1080p"
    assert render.quality_name("k") == "2160p"
    assert render.quality_name("H") == "1080p"
    assert render.quality_name("1080p") == "1080p"
    assert render.QUALITIES[render.quality_name("k")][:2] == (3840, 2160)
    for bad in ("x", "4k", "", "ll"):
        if bad:
            with pytest.raises(render.UserError):
                render.quality_name(bad)


@pytest.mark.parametrize("argv", [["scenes", "1", "-qz"], ["scenes", "1", "-q", "zz"],
                                  ["lecture", "--quality", "ultra"], ["slides", "-qq"]])
def test_a_bad_quality_letter_is_one_line(tmp_path, argv):
    r = run_cli(*argv, "--out", tmp_path / "out", timeout=60)
    assert r.returncode == 2
    assert r.stderr.count("\n") == 1 and r.stderr.startswith("error: unknown quality")
    assert "h (1080p)" in r.stderr
    assert not (tmp_path / "out").exists()


def test_version_and_the_console_entry_point_are_render_py():
    r = run_cli("--version", check=True)
    version = r.stdout.strip()
    assert version.startswith("calculus-anim ") and version.split()[1][0].isdigit()
    import tomllib
    assert version.split()[1] == tomllib.loads((ROOT / "pyproject.toml").read_text())[
        "project"]["version"]
    exe = Path(sys.executable).with_name("calculus-anim")
    if not exe.exists():
        pytest.skip("the project is not installed into this Python (make setup installs it)")
    for args in (["--version"], ["list", "--lang", "en"]):
        a = subprocess.run([str(exe), *args], capture_output=True, text=True, cwd="/")
        b = run_cli(*args)
        assert (a.returncode, a.stdout) == (b.returncode, b.stdout)


def test_a_python_without_the_packages_is_told_what_to_do(tmp_path):
    # -S: no site-packages, so none of the project's packages; the message names what is missing
    r = subprocess.run([sys.executable, "-S", str(ROOT / "render.py"), "scenes", "1", "--out",
                        str(tmp_path / "out")], capture_output=True, text=True, timeout=60)
    assert r.returncode == 2
    assert r.stderr.count("\n") == 1 and "make setup" in r.stderr and ".venv/bin/python" in r.stderr
    assert "manim" in r.stderr and "Traceback" not in r.stderr
    assert not (tmp_path / "out").exists()


def _fake_viewer(tmp_path: Path) -> tuple[dict, Path]:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    seen = tmp_path / "opened.txt"
    viewer = bin_dir / "xdg-open"
    viewer.write_text(f'#!/bin/sh\nprintf "%s\\n" "$1" >> "{seen}"\n')
    viewer.chmod(0o755)
    return dict(os.environ, PATH=f"{bin_dir}:{os.environ['PATH']}"), seen


def test_open_without_a_viewer_says_where_the_file_is(monkeypatch, tmp_path):
    monkeypatch.setattr(render, "_opener", lambda: None)
    msg = render.open_result([tmp_path / "a.gif"])
    assert "no viewer" in msg and str(tmp_path / "a.gif") in msg


def test_open_picks_the_lecture_or_the_one_file_or_the_folder(monkeypatch, tmp_path):
    calls = []

    class P:
        def __init__(self, cmd, **kw):
            calls.append(cmd[-1])

        def wait(self, timeout=None):
            return 0

    monkeypatch.setattr(render, "_opener", lambda: ["viewer"])
    monkeypatch.setattr(render.subprocess, "Popen", P)
    render.open_result([tmp_path / "a.mp4"])
    render.open_result([tmp_path / "v" / "a.mp4", tmp_path / "v" / "b.mp4"])
    render.open_result([tmp_path / "a.mp4", tmp_path / "lecture.mp4"])
    assert calls == [str(tmp_path / "a.mp4"), str(tmp_path / "v"), str(tmp_path / "lecture.mp4")]


def _top_boxes(path: Path) -> list[str]:
    """The MP4's top-level boxes in file order."""
    out = []
    with open(path, "rb") as f:
        while True:
            head = f.read(8)
            if len(head) < 8:
                return out
            size, kind = struct.unpack(">I4s", head)
            if size == 1:
                size = struct.unpack(">Q", f.read(8))[0] - 8
            out.append(kind.decode("latin-1"))
            f.seek(size - 8, 1)


@pytest.mark.render
def test_gif_widths_do_not_overwrite_each_other_and_open_shows_the_result(tmp_path):
    env, seen = _fake_viewer(tmp_path)
    out = tmp_path / "out"
    run_cli("gifs", "riemann", "--lang", "en", "--width", "320", "-p", "--out", out, env=env,
            check=True)
    run_cli("gifs", "riemann", "--lang", "en", "--out", out, check=True)
    gifs = out / "gifs" / "en"
    assert (gifs / "riemann.gif").exists() and (gifs / "riemann-320px.gif").exists()
    from PIL import Image
    assert Image.open(gifs / "riemann-320px.gif").size[0] == 320
    assert Image.open(gifs / "riemann.gif").size[0] == render.DEFAULT_GIF_WIDTH
    assert seen.read_text().splitlines() == [str(gifs / "riemann-320px.gif")]


@pytest.mark.render
def test_section_videos_have_the_index_in_front(scene_build):
    boxes = _top_boxes(scene_build(9))
    assert "moov" in boxes and "mdat" in boxes
    assert boxes.index("moov") < boxes.index("mdat"), boxes
