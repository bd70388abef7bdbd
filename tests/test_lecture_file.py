"""A lecturer's own lecture in one TOML file (tools/lecture_file.py, render.py --config): good
files are read in their order with their titles and options; every bad file is one ``error:``
line naming the key and the [[section]] entry, exit code 2, and nothing written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import ROOT, probe, run_cli
from tools import lecture_file

GOOD = '''
title = { zh = "我的讲座", en = "My lecture" }
lang = "en"
quality = "test"

[[section]]
use = "gradient_descent"

[[section]]
use = 7
title = "Cubic tangents"
name = "cubic"
function = "x**3 - 3*x"
range = [-2, 2]

[[section]]
use = "01_derivative"
function = "sin(x)"
point = "0.5"
range = "-1,3"
'''


def write(tmp_path: Path, text: str, name: str = "lecture.toml") -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def test_a_good_file_keeps_its_order_titles_and_options(tmp_path):
    lf = lecture_file.read(write(tmp_path, GOOD))
    assert [e.section.slug for e in lf.entries] == ["gradient_descent", "tangent_2d",
                                                    "derivative"]
    assert [e.index for e in lf.entries] == [1, 2, 3]
    assert lf.title("zh") == "我的讲座" and lf.title("en") == "My lecture"
    assert lf.lang == "en" and lf.quality == "test"
    e1, e2, e3 = lf.entries
    assert e1.options == {} and e1.name is None
    assert e1.title("en") == "Gradient descent on a curve" or e1.title("en")  # the section's own
    assert e2.title("zh") == e2.title("en") == "Cubic tangents"
    assert e2.options == {"function": "x**3 - 3*x", "range": [-2.0, 2.0]} and e2.name == "cubic"
    assert e3.options["point"] == "0.5" and e3.title("en") == e3.section.title("en")


def test_the_example_file_in_examples_is_good():
    lf = lecture_file.read(ROOT / "examples" / "lecture.toml")
    assert len(lf.entries) == 3
    assert sum(1 for e in lf.entries if e.options) == 2
    # a new order: not the lecture's
    numbers = [e.section.number for e in lf.entries]
    assert numbers != sorted(numbers)


def test_a_byte_order_mark_is_read_as_nothing(tmp_path):
    p = tmp_path / "bom.toml"
    p.write_bytes(b"\xef\xbb\xbf" + ENTRY.encode())
    assert lecture_file.read(p).entries[0].section.slug == "tangent_2d"


def test_a_section_may_appear_twice(tmp_path):
    text = ('[[section]]\nuse = "tangent_2d"\n[[section]]\nuse = "tangent_2d"\n'
            'function = "x**2"\nname = "parabola"\n')
    lf = lecture_file.read(write(tmp_path, text))
    assert [e.section.slug for e in lf.entries] == ["tangent_2d", "tangent_2d"]


ENTRY = '[[section]]\nuse = "tangent_2d"\n'
# (file text, phrases the one error line must contain)
BAD = [
    ("title = 'x'\n", ["no [[section]]"]),
    ("[section]\nuse = 'tangent_2d'\n", ["[[section]]", "not [section]"]),
    ("section = []\n", ["no [[section]]"]),
    ("section = 3\n", ["list of [[section]]"]),
    ("[[section]]\ntitle = 'a'\n", ["[[section]] 1", "no use"]),
    ("[[section]]\nuse = 'tangent2d'\n", ["[[section]] 1", "unknown section", "tangent_2d"]),
    ("[[section]]\nuse = 13\n", ["unknown section"]),
    ("[[section]]\nuse = 7.0\n", ["use must name a section"]),
    ("[[section]]\nuse = true\n", ["use must name a section"]),
    ("[[section]]\nuse = ['tangent_2d']\n", ["use must name a section"]),
    ("colour = 'red'\n" + ENTRY, ["unknown key 'colour' at the top"]),
    (ENTRY + "fucntion = 'x**2'\n", ["[[section]] 1", "unknown key 'fucntion'",
                                     "did you mean function"]),
    (ENTRY + "lr = 0.1\n", ["tangent_2d does not take lr"]),
    ('[[section]]\nuse = "rules"\nfunction = "x"\n', ["rules does not take function",
                                                      "no options"]),
    (ENTRY + "function = \"__import__('os')\"\n", ["[[section]] 1", "not allowed"]),
    (ENTRY + "function = 'x**2'\nrange = [3, 1]\n", ["[[section]] 1", "range must be a,b"]),
    (ENTRY + "function = 'x**2'\nrange = [1]\n", ["range"]),
    (ENTRY + "function = 'x**2'\nrange = [1, 'a']\n", ["range must be two numbers"]),
    (ENTRY + "function = 'x**2'\nrange = [[1], [2]]\n", ["range must be two numbers"]),
    (ENTRY + "function = 'x**2'\nrange = 5\n", ["range must be two numbers"]),
    (ENTRY + "function = 'abs(x)'\nrange = [-1, 1]\n", ["not differentiable"]),
    (ENTRY + "function = 2\n", ["function must be text"]),
    (ENTRY + "function = ''\n", ["empty"]),
    ('[[section]]\nuse = "gradient_descent"\nfunction = "x**2"\nlr = "nan"\n', ["finite"]),
    ('[[section]]\nuse = "gradient_descent"\nfunction = "x**2"\nlr = true\n',
     ["lr must be a number"]),
    ('[[section]]\nuse = "gradient_descent"\nfunction = "x**2"\nsteps = 1.5\n',
     ["steps must be a whole number"]),
    ('[[section]]\nuse = "gradient_descent"\nfunction = "x**2"\nsteps = 0\n', ["between 1 and"]),
    ('[[section]]\nuse = "gradient_descent"\nfunction = "x**2"\nmomentum = 1979-05-27\n',
     ["momentum must be a number"]),
    ('[[section]]\nuse = "backprop"\nw1 = [1, 2]\n', ["w1 needs 1 or 6"]),
    ('[[section]]\nuse = "backprop"\nx = { a = 1 }\n', ["x must be two numbers"]),
    (ENTRY + "title = ''\n", ["title is empty"]),
    (ENTRY + 'title = "a\\nb"\n', ["one line"]),
    (ENTRY + "title = '" + "长" * 81 + "'\n", ["too long"]),
    (ENTRY + "title = 3\n", ["title must be text"]),
    (ENTRY + "title = { fr = 'x' }\n", ["unknown language 'fr'"]),
    (ENTRY + "name = 'My Lecture'\n", ["name must be"]),
    (ENTRY + "name = '../up'\n", ["name must be"]),
    (ENTRY + "name = '07_tangent_2d'\n", ["lecture's own output"]),
    (ENTRY + "name = 'a'\n" + ENTRY + "name = 'a'\n", ["[[section]] 2", "already used"]),
    ("lang = 'fr'\n" + ENTRY, ["lang must be"]),
    ("lang = 1\n" + ENTRY, ["lang must be"]),
    ("quality = 1080\n" + ENTRY, ["quality must be text"]),
    ("[[section]]\nuse = 'x'\n" * 101, ["too many sections"]),
    ("title = [\n", ["not valid TOML"]),
    ("a = 1\na = 2\n", ["not valid TOML"]),
    ("x = " + "[" * 5000 + "]" * 5000 + "\n", ["lecture file"]),
]


@pytest.mark.parametrize("text,phrases", BAD, ids=[f"bad{i}" for i in range(len(BAD))])
def test_a_bad_file_is_one_line_naming_what_is_wrong(tmp_path, text, phrases):
    p = write(tmp_path, text)
    with pytest.raises(ValueError) as e:
        lecture_file.read(p)
    msg = str(e.value)
    assert "\n" not in msg and str(p) in msg
    for phrase in phrases:
        assert phrase in msg, msg


@pytest.mark.parametrize("path,phrase", [("", "must name a lecture file"),
                                         ("a\nb.toml", "on one line"),
                                         ("/dev/zero", "not a regular file"),
                                         ("/dev/null", "not a regular file")])
def test_a_path_that_is_no_file(path, phrase):
    with pytest.raises(ValueError, match=phrase):
        lecture_file.read(path)


@pytest.mark.parametrize("kind", ["missing", "folder", "binary", "latin1", "huge", "unreadable"])
def test_a_file_that_cannot_be_read(tmp_path, kind):
    p = tmp_path / "lecture.toml"
    if kind == "folder":
        p.mkdir()
    elif kind == "binary":
        p.write_bytes(b"\x00\xff\xfe" * 10)
    elif kind == "latin1":
        p.write_bytes('title = "caf\xe9"\n'.encode("latin-1"))
    elif kind == "huge":
        p.write_text("# " + "x" * (lecture_file.MAX_BYTES + 10) + "\n")
    elif kind == "unreadable":
        p.write_text(ENTRY)
        p.chmod(0)
        try:
            open(p).close()
            pytest.skip("running as a user that reads every file (root)")
        except PermissionError:
            pass
    with pytest.raises(ValueError) as e:
        lecture_file.read(p)
    assert "lecture file" in str(e.value) and "\n" not in str(e.value)


CLI_BAD = [
    (["scenes", "--config", "{f}"], "unknown key 'fucntion'"),
    (["lecture", "--config", "{f}"], "unknown key 'fucntion'"),
    (["gifs", "--config", "{f}"], "unknown key 'fucntion'"),
    (["slides", "--config", "{f}"], "unknown key 'fucntion'"),
    (["scenes", "7", "--config", "{good}"], "not on the command line"),
    (["scenes", "--config", "{good}", "--function", "x**2"], "not on the command line"),
    (["scenes", "--config", "{dir}"], "is a folder"),
    (["scenes", "--config", "{good}", "-q", "x"], "unknown quality 'x'"),
    (["scenes", "--config", "{badq}"], "quality: unknown quality 'ultra'"),
]


@pytest.mark.parametrize("args,phrase", CLI_BAD)
def test_the_command_line_says_it_in_one_line_and_writes_nothing(tmp_path, args, phrase):
    bad = write(tmp_path, ENTRY + "fucntion = 'x**2'\n", "bad.toml")
    good = write(tmp_path, GOOD, "good.toml")
    badq = write(tmp_path, 'quality = "ultra"\n' + ENTRY, "badq.toml")
    out = tmp_path / "out"
    argv = [a.format(f=bad, good=good, dir=tmp_path, badq=badq) for a in args] + ["--out", out]
    r = run_cli(*argv, timeout=60)
    assert r.returncode == 2, r.stderr
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), r.stderr
    assert phrase in lines[0]
    assert "Traceback" not in r.stderr
    assert not out.exists()


def test_the_file_lang_and_quality_apply_and_the_command_line_wins(tmp_path):
    import argparse

    import render
    good = write(tmp_path, GOOD)
    args = argparse.Namespace(config=str(good), lang=None, quality=None, targets=[])
    items = render.plan(args, "scene")
    assert args.lang == "en" and args.quality == "test"
    assert [it.stem for it in items][0] == "11_gradient_descent"
    assert items[1].stem == "cubic"
    assert items[2].stem.startswith("01_derivative-sin_x")   # a slug of her function
    assert items[1].title("zh") == "Cubic tangents"
    args = argparse.Namespace(config=str(good), lang="zh", quality="1080p", targets=[])
    render.plan(args, "scene")
    assert args.lang == "zh" and args.quality == "1080p"


def test_gifs_of_a_file_are_those_that_can_show_each_example(tmp_path):
    import argparse

    import render
    text = ('[[section]]\nuse = "gradient_descent_3d"\n'
            '[[section]]\nuse = "gradient_descent_3d"\nfunction = "x**2 + 2*y**2"\nname = "bowl"\n'
            '[[section]]\nuse = "rules"\n')
    args = argparse.Namespace(config=str(write(tmp_path, text)), lang=None, quality=None,
                              targets=[])
    items = render.plan(args, "gif")
    # the lecture's own example: both of section 12's GIFs; hers: only the one that takes it
    assert [(it.target.name, it.stem) for it in items] == [
        ("gradient_descent_3d", "gradient_descent_3d"), ("optimizers", "optimizers"),
        ("gradient_descent_3d", "bowl")]
    assert items[2].params["function"] == "x**2 + 2*y**2"


@pytest.mark.render
def test_a_lecture_file_renders_a_lecture_with_its_chapters(tmp_path):
    """Three sections in a new order, two of them her own examples: one lecture with three
    chapters named by the file, readable names and the parameters beside her outputs."""
    from tools import assemble
    out = tmp_path / "out"
    r = run_cli("lecture", "--config", ROOT / "examples" / "lecture.toml", "--quality", "test",
                "--lang", "en", "--out", out, check=True)
    assert "error" not in r.stderr.lower()
    lecture = out / "lecture" / "en" / "test" / "lecture" / "lecture.mp4"
    assert lecture.exists()
    lf = lecture_file.read(ROOT / "examples" / "lecture.toml")
    chapters = assemble.chapters(lecture)
    assert [c[2] for c in chapters] == [f"{i}. {e.title('en')}"
                                             for i, e in enumerate(lf.entries, 1)]
    videos = out / "videos" / "en" / "test"
    for e in lf.entries:
        stem = e.name or e.section.name
        v = videos / f"{stem}.mp4"
        assert v.exists(), sorted(p.name for p in videos.iterdir())
        made = v.with_suffix(".json")
        if e.options:
            doc = json.loads(made.read_text())
            assert doc["options"]["function"] == e.options["function"]
            assert doc["kind"] == "scene" and doc["lang"] == "en"
            assert doc["target"] == e.section.name and doc["quality"] == "test"
        else:
            assert not made.exists()
    total = sum(probe(videos / f"{e.name or e.section.name}.mp4")["duration"]
                for e in lf.entries)
    assert probe(lecture)["duration"] == pytest.approx(total, abs=0.5)


@pytest.mark.render
def test_a_lecture_file_makes_its_own_deck_and_gifs(tmp_path):
    """The deck of a file whose section comes twice: chapters in the file's order, each entry
    with its own step clips; its GIFs named by the entries."""
    text = ('title = "Twice"\n'
            '[[section]]\nuse = "tangent_2d"\nname = "cubic"\nfunction = "x**3 - 3*x"\n'
            'range = [-2, 2]\n'
            '[[section]]\nuse = "tangent_2d"\nname = "quartic"\nfunction = "x**4 - 2*x**2"\n'
            'range = [-1.5, 1.5]\n')
    f = write(tmp_path, text, "twice.toml")
    out = tmp_path / "out"
    run_cli("slides", "--config", f, "--quality", "test", "--lang", "en", "--width", "160",
            "--out", out, check=True)
    deck = out / "slides" / "en" / "twice"
    html = (deck / "lecture.html").read_text(encoding="utf-8")
    assert html.count('class="chapter"') == 2
    assert 'class="chapter" data-section="1"' in html and 'class="chapter" data-section="2"' in html
    steps = [json.loads((out / "videos" / "en" / "test" / f"{n}.steps.json").read_text())
             for n in ("cubic", "quartic")]
    clips = sorted(p.name for p in (deck / "clips").glob("*.mp4"))
    assert len(clips) == sum(len(s["steps"]) for s in steps)      # none shared, none lost
    assert (out / "gifs" / "en" / "cubic-160px.gif").exists()
    assert (out / "gifs" / "en" / "quartic-160px.gif").exists()
