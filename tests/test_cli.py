"""render.py's command line: bad input gets one clear line and a non-zero exit, never a
traceback and never a file; good input does what the README says."""

from __future__ import annotations

import os

import pytest

from conftest import run_cli

# (arguments, a phrase the one-line error must contain)
BAD = [
    # unknown targets, with a suggestion
    (["scenes", "derivativ"], "did you mean derivative"),
    (["scenes", "13"], "unknown scene target '13'"),
    (["gifs", "riemman"], "did you mean riemann"),
    (["scenes", "1", "--quality", "4k"], "unknown quality '4k'"),
    (["scenes", "1", "--lang", "fr"], "unknown language 'fr'"),
    (["gifs", "riemann", "--width", "10"], "--width must be between"),
    # malicious expressions
    (["scenes", "tangent_2d", "--function", "__import__('os').system('rm -rf /')"], "not allowed"),
    (["scenes", "tangent_2d", "--function", "x.__class__"], "not allowed"),
    (["scenes", "tangent_2d", "--function", "lambda: 1"], "not allowed"),
    (["scenes", "tangent_2d", "--function", "open('/etc/passwd')"], "not allowed"),
    (["scenes", "tangent_2d", "--function", "exec(x)"], "unknown name 'exec'"),
    (["scenes", "tangent_2d", "--function", "os"], "unknown name 'os'"),
    (["scenes", "tangent_2d", "--function", "[x for x in ()]"], "not allowed"),
    (["scenes", "tangent_2d", "--function", "9**9**9**9"], "exponents must be at most"),
    (["scenes", "tangent_2d", "--function", "x**100000"], "exponents must be at most"),
    (["scenes", "tangent_2d", "--function", "x" + "+x" * 150], "too long"),
    (["scenes", "tangent_2d", "--function", "(" * 60 + "x" + ")" * 60], "nested too deeply"),
    (["scenes", "tangent_2d", "--function", "x; import os"], "not allowed"),
    # malformed expressions
    (["scenes", "tangent_2d", "--function", ""], "empty"),
    (["scenes", "tangent_2d", "--function", "x +"], "found the end"),
    (["scenes", "tangent_2d", "--function", "(x"], "expected ')'"),
    (["scenes", "tangent_2d", "--function", "sin x"], "parentheses"),
    (["scenes", "tangent_2d", "--function", "1/0"], "division by zero"),
    (["scenes", "tangent_2d", "--function", "foo(x)"], "unknown name 'foo'"),
    (["scenes", "tangent_2d", "--function", "x**2 + y"], "x only"),
    # out of domain, not finite, not differentiable where drawn
    (["scenes", "derivative", "--function", "ln(x)", "--point", "-1", "--range", "0.1,3"],
     "outside the domain of ln(x)"),
    (["scenes", "derivative", "--function", "ln(x)", "--range", "-2,2"], "not defined"),
    (["scenes", "derivative", "--function", "arcsin(x)", "--point", "2", "--range", "-1,3"],
     "not defined"),
    (["scenes", "tangent_2d", "--function", "abs(x)", "--range", "-1,1"], "not differentiable"),
    (["scenes", "tangent_2d", "--function", "1/x", "--range", "-1,1"], "not defined"),
    (["scenes", "tangent_2d", "--function", "exp(x)", "--range", "0,100"], "too large"),
    # bad numbers
    (["scenes", "gradient_descent", "--function", "x**2", "--lr", "nan"], "finite"),
    (["scenes", "gradient_descent", "--function", "x**2", "--lr", "-0.1"], "--lr must be between"),
    (["scenes", "gradient_descent", "--function", "x**2", "--lr", "inf"], "finite"),
    (["scenes", "gradient_descent", "--function", "x**2", "--lr", "fast"], "is not a number"),
    (["scenes", "gradient_descent", "--function", "x**2", "--steps", "1.5"], "whole number"),
    (["scenes", "gradient_descent", "--function", "x**2", "--steps", "0"], "between 1 and"),
    (["scenes", "gradient_descent", "--function", "x**2", "--momentum", "1"], "[0, 1)"),
    (["scenes", "tangent_2d", "--function", "x**2", "--range", "3,1"], "a < b"),
    (["scenes", "tangent_2d", "--function", "x**2", "--range", "1"], "comma-separated"),
    (["scenes", "gradient_descent_3d", "--function", "x**2+y**2", "--point", "1"],
     "comma-separated"),
    (["scenes", "backprop", "--w1", "1,2"], "1 or 6"),
    (["scenes", "backprop", "--x", "40"], "--x needs 2"),
    (["backprop", "--lr", "0"], "--lr must be between"),
    # issue 9: runaway, poles, malformed numbers, control characters, overflow
    (["scenes", "tangent_2d", "--function", "((x+1)^99*(x+2)^99)^99"], "too complex to draw"),
    (["scenes", "tangent_2d", "--function", "sigmoid(sigmoid(sigmoid(sigmoid(sigmoid(sigmoid(x))"
      "))))"], "too complex to draw"),
    (["scenes", "tangent_2d", "--function", "1/x", "--range", "-1,1.001"],
     "1/x is not defined at x = 0, inside the range -1..1.001"),
    (["scenes", "tangent_2d", "--function", "tan(x)", "--range", "-2,2"],
     "tan(x) is not defined at x = -1.5708"),
    (["scenes", "gradient_descent_3d", "--function", "1/(x^2+y^2-1)"], "not defined at (x, y)"),
    (["scenes", "tangent_2d", "--function", "0x10*x"], "'0x10' is not a number"),
    (["scenes", "tangent_2d", "--function", "1 000*x"], "two numbers side by side"),
    (["scenes", "tangent_2d", "--function", "x\n+1"], "control character"),
    (["scenes", "tangent_2d", "--function", "arcsin(2)+x"], "arcsin(2) is not defined"),
    (["scenes", "derivative", "--function", "x^2", "--point", "0x10"], "not a number"),
    (["scenes", "derivative", "--function", "exp(x)", "--point", "1000"], "too large to draw"),
    (["scenes", "derivative", "--function", "x^2", "--point", "1e200"], "outside --range"),
    (["scenes", "tangent_2d", "--function", "x^2", "--range", "1..2"], "not a number"),
    (["scenes", "gradient_descent", "--function", "x**2", "--lr", "1e-310"], "too small"),
    (["backprop", "--w1", "1e200"], "too large"),
    # options a target does not take
    (["scenes", "activations", "--function", "x**2"], "does not take --function"),
    (["scenes", "--function", "x**2"], "name the target"),
    (["scenes", "derivative", "--lr", "0.1"], "does not take --lr"),
]


@pytest.mark.parametrize("args,phrase", BAD, ids=[" ".join(a)[:60] for a, _ in BAD])
def test_bad_input_one_line_no_traceback_no_file(tmp_path, args, phrase):
    out = tmp_path / "out"
    r = run_cli(*args, "--out", str(out)) if args[0] != "backprop" else run_cli(*args)
    assert r.returncode == 2, (r.returncode, r.stdout, r.stderr)
    lines = [ln for ln in r.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1, r.stderr
    assert lines[0].startswith("error: ")
    assert phrase in lines[0], lines[0]
    assert "Traceback" not in r.stderr + r.stdout
    assert not out.exists() or not any(p.is_file() for p in out.rglob("*"))


def test_at_least_thirty_bad_inputs():
    assert len(BAD) >= 30


def test_unwritable_output_folder(tmp_path):
    ro = tmp_path / "ro"
    ro.mkdir()
    ro.chmod(0o500)
    try:
        if os.access(ro, os.W_OK):  # root ignores permissions: use a path under a file instead
            target = tmp_path / "afile"
            target.write_text("")
            out = target / "build"
        else:
            out = ro / "build"
        r = run_cli("scenes", "1", "--quality", "test", "--out", out)
        assert r.returncode == 2
        assert r.stderr.startswith("error: cannot write to the output folder")
        assert "Traceback" not in r.stderr
    finally:
        ro.chmod(0o700)


def test_debug_shows_traceback():
    r = run_cli("--debug", "scenes", "tangent_2d", "--function", "foo(x)")
    r2 = run_cli("scenes", "tangent_2d", "--function", "foo(x)", "--debug")
    assert r2.returncode == 2
    assert "Traceback" in r2.stderr and "unknown name 'foo'" in r2.stderr
    assert r.returncode == 2


def test_help_explains_every_command():
    r = run_cli("--help")
    assert r.returncode == 0
    for cmd in ("list", "scenes", "lecture", "gifs", "backprop"):
        assert cmd in r.stdout
        h = run_cli(cmd, "--help")
        assert h.returncode == 0 and "usage:" in h.stdout
    assert "--function" in run_cli("scenes", "--help").stdout
    assert "examples:" in run_cli("gifs", "--help").stdout


def test_list_names_every_section_and_gif():
    from lecture.sections import GIFS, SECTIONS
    for lang in ("zh", "en"):
        r = run_cli("list", "--lang", lang, check=True)
        for s in SECTIONS:
            assert s.name in r.stdout and s.title(lang) in r.stdout
        for g in GIFS:
            assert g.slug in r.stdout


def test_backprop_table_prints_the_lecture_numbers():
    """Every number of the worked example, computed here by hand from the lecture's data."""
    r = run_cli("backprop", "--lang", "en", check=True)
    x1, x2, y, lr = 40.0, 80.0, 60.0, 1e-5
    z = 0.5 * x1 + 0.5 * x2
    yh = 3 * 1.0 * z
    dl = yh - y
    w2 = 1 - lr * dl * z
    w1a, w1b = 0.5 - lr * dl * 1.0 * x1, 0.5 - lr * dl * 1.0 * x2
    z2 = w1a * x1 + w1b * x2
    yh2 = 3 * w2 * z2
    for v in (z, yh, 0.5 * (y - yh) ** 2, dl, dl * z, dl * x1, dl * x2, w2, w1a, w1b, z2, yh2):
        assert f"{v:.10g}" in r.stdout, v
    assert f"{0.5 * (y - yh2) ** 2:.10g}" in r.stdout
    zh = run_cli("backprop", check=True).stdout
    assert "前向传播" in zh and "7200" in zh


def test_backprop_table_other_numbers():
    r = run_cli("backprop", "--lang", "en", "--w1", "0.1,0.2,0.3,0.4,0.5,0.6", "--w2", "1,2,3",
                "--x", "1,2", "--y", "3", "--lr", "0.01", check=True)
    import numpy as np
    W1 = np.array([[0.1, 0.2, 0.3], [0.4, 0.5, 0.6]])
    W2 = np.array([1.0, 2.0, 3.0])
    x = np.array([1.0, 2.0])
    z = x @ W1
    yh = z @ W2
    assert f"y' = {yh:.10g}".replace("y' = ", "") in r.stdout
    assert f"{0.5 * (3 - yh) ** 2:.10g}" in r.stdout


@pytest.mark.parametrize("command", ["scenes", "gifs", "lecture", "slides"])
def test_negative_jobs_is_refused_before_any_folder_is_made(command, tmp_path):
    out = tmp_path / "out"
    r = run_cli(command, "--jobs", "-2", "--out", out)
    assert r.returncode == 2
    assert r.stderr.strip().splitlines() == ["error: --jobs must be 0 (one process per core) or more, got -2"]
    assert not out.exists()
