"""The lecture's four code-along scripts in examples/: short, numpy + matplotlib only, and in
agreement with mathcore (the independent oracle: closed forms and optimizers written apart from
the scripts) to 1e-12, on the lecture's own example and on others."""

from __future__ import annotations

import ast
import importlib.util
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from numpy.testing import assert_allclose
from PIL import Image

from mathcore import backprop, functions, optimize, rules, surfaces

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
SCRIPTS = ("activations", "backprop", "gradient_descent", "gradient_descent_3d")
DEFAULT_OUT = {"activations": "activations.png", "backprop": "backprop.png",
               "gradient_descent": "gradient_descent.gif",
               "gradient_descent_3d": "gradient_descent_3d.png"}
TOL = dict(rtol=1e-12, atol=1e-12)
MAX_LINES = 60


def load(name: str):
    """Import examples/<name>.py by path, as a student's `python name.py` would see it."""
    spec = importlib.util.spec_from_file_location(f"code_along_{name}", EXAMPLES / f"{name}.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def scripts():
    return {n: load(n) for n in SCRIPTS}


# --- what a student copies ------------------------------------------------------------------

def foreign_imports(src: str) -> set:
    """Top-level packages imported by ``src`` other than numpy, matplotlib and the standard
    library (a relative import counts as foreign)."""
    tops = set()
    for node in ast.walk(ast.parse(src)):
        if isinstance(node, ast.Import):
            tops |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            tops.add("." * node.level + (node.module or "").split(".")[0])
    allowed = {"numpy", "matplotlib", *sys.stdlib_module_names}
    return tops - allowed


@pytest.mark.parametrize("name", SCRIPTS)
def test_short_and_imports_only_numpy_matplotlib_stdlib(name):
    src = (EXAMPLES / f"{name}.py").read_text(encoding="utf-8")
    assert len(src.splitlines()) <= MAX_LINES, f"{name}.py has {len(src.splitlines())} lines"
    assert not foreign_imports(src), f"{name}.py imports {foreign_imports(src)}"
    assert "import numpy as np" in src and "import matplotlib" in src
    tree = ast.parse(src)
    assert any(isinstance(n, ast.FunctionDef) and n.name == "main" for n in tree.body)
    guard = [n for n in tree.body if isinstance(n, ast.If) and "__main__" in ast.unparse(n.test)]
    assert guard, f"{name}.py runs main() without an `if __name__ == '__main__':` guard"
    assert 'matplotlib.use("Agg")' in src


def test_import_check_can_fail():
    assert foreign_imports("import numpy as np\nfrom mathcore import functions\n") == {"mathcore"}
    assert foreign_imports("import scipy.special\nimport os, json\n") == {"scipy"}
    assert foreign_imports("from . import helpers\n") == {"."}
    assert foreign_imports("import numpy\nfrom matplotlib import pyplot\nimport sys\n") == set()


# --- activations ----------------------------------------------------------------------------

ACT_NAMES = {"Sigmoid": "sigmoid", "Tanh": "tanh", "ReLU": "relu", "Leaky ReLU": "leaky_relu",
             "PReLU": "prelu", "ELU": "elu"}


def test_activations_agree_with_mathcore(scripts):
    m = scripts["activations"]
    xs = np.union1d(np.linspace(-20, 20, 4001), [0.0, 1e-300, -1e-300, 1e-9, -1e-9])
    assert len(m.ACTIVATIONS) == 6
    seen = []
    for label, (f, df) in m.ACTIVATIONS.items():
        name = ACT_NAMES[label.split(" (")[0]]
        seen.append(name)
        params = {"prelu": {"alpha": m.ALPHA_PRELU}, "elu": {"alpha": m.ALPHA_ELU}}.get(name, {})
        ref = functions.get(name, **params)
        assert_allclose(f(xs), ref.f(xs), **TOL, err_msg=label)
        assert_allclose(df(xs), ref.df(xs), **TOL, err_msg=f"{label}'")
    assert tuple(seen) == functions.ACTIVATIONS          # the lecture's order
    # the kinks follow the lecture: ReLU'(0) = 0, LeakyReLU'(0) = 0.01, PReLU'(0) = ELU'(0) = alpha
    assert [float(m.ACTIVATIONS[k][1](0.0)) for k in m.ACTIVATIONS] == \
        [0.25, 1.0, 0.0, 0.01, m.ALPHA_PRELU, m.ALPHA_ELU]


def test_activation_parameters_are_the_videos():
    from lessons import activations as lesson
    m = load("activations")
    assert (m.ALPHA_PRELU, m.ALPHA_ELU) == (lesson.PARAMS["prelu"]["alpha"],
                                             lesson.PARAMS["elu"]["alpha"])
    assert m.FLAT == lesson.SATURATION


def test_softmax_agrees_with_mathcore(scripts):
    m = scripts["activations"]
    rng = np.random.default_rng(0)
    vectors = [np.array([2.0, 1.0, 0.1]), np.array([1000.0, 999.0, -5.0])]
    for v in vectors + list(rng.normal(0, 5, (20, 7))):
        assert_allclose(m.softmax(v), functions.softmax(v), **TOL)


# --- backprop -------------------------------------------------------------------------------

def test_backprop_lecture_example_agrees_with_mathcore(scripts):
    m = scripts["backprop"]
    mlp, x, y, lr = backprop.seed_example()
    assert_allclose(m.W1, mlp.weights[0], **TOL)
    assert_allclose(m.W2, mlp.weights[1], **TOL)
    assert_allclose(m.X, x, **TOL)
    assert_allclose(m.Y, y, **TOL)
    assert m.LR == lr
    loss, dW1, dW2 = m.forward_backward(m.W1, m.W2, m.X, m.Y)
    trace = mlp.step(x, y, lr)
    assert_allclose(loss, trace.loss, **TOL)
    assert_allclose(dW1, trace.grads[0], **TOL)
    assert_allclose(dW2, trace.grads[1], **TOL)
    losses, W1, W2 = m.train(m.W1, m.W2, m.X, m.Y, m.LR, 1)
    assert_allclose(W1, trace.weights[0], **TOL)
    assert_allclose(W2, trace.weights[1], **TOL)
    assert_allclose(losses, [trace.loss, trace.loss_after], **TOL)
    # the lecture's hand-computed numbers, as a sanity check of the oracle itself
    assert (loss, dW1[0, 0], dW1[1, 0], dW2[0, 0]) == (7200.0, 4800.0, 9600.0, 7200.0)
    assert_allclose(losses[1], 3225.13717248, rtol=1e-12)
    # train() leaves the caller's weights alone
    assert_allclose(m.W1, np.full((2, 3), 0.5), **TOL)


def test_backprop_training_agrees_with_mathcore(scripts):
    m = scripts["backprop"]
    mlp, x, y, lr = backprop.seed_example()
    hist = mlp.train(x, y, lr, 20)
    losses, W1, W2 = m.train(m.W1, m.W2, m.X, m.Y, m.LR, 20)
    assert_allclose(losses, hist.losses, **TOL)
    assert_allclose(W1, hist.weights[-1][0], **TOL)
    assert_allclose(W2, hist.weights[-1][1], **TOL)


def test_backprop_other_weights_agree_with_mathcore(scripts):
    """Not only the symmetric lecture example: random weights make every gradient different."""
    m = scripts["backprop"]
    rng = np.random.default_rng(1)
    for _ in range(20):
        W1, W2 = rng.normal(size=(2, 3)), rng.normal(size=(3, 1))
        x, y = rng.normal(size=2) * 10, rng.normal(size=1) * 10
        mlp = backprop.MLP([W1, W2])
        loss, dW1, dW2 = m.forward_backward(W1, W2, x, y)
        ref = mlp.gradients(x, y)
        assert_allclose(loss, mlp.loss(x, y), **TOL)
        assert_allclose(dW1, ref[0], **TOL)
        assert_allclose(dW2, ref[1], **TOL)
        assert len(set(np.round(dW1.ravel(), 9))) > 1


# --- gradient descent on a curve ------------------------------------------------------------

def test_gradient_descent_agrees_with_mathcore(scripts):
    m = scripts["gradient_descent"]
    fn = rules.sum_(functions.get("power", n=2), functions.get("sin"))   # the scene's x^2 + sin x
    xs = np.linspace(-5, 5, 1001)
    assert_allclose(m.f(xs), fn.f(xs), **TOL)
    assert_allclose(m.df(xs), fn.df(xs), **TOL)
    for x0, lr, steps in [(m.X0, m.LR, m.STEPS), (0.0, 1.1, 12), (-3.0, 0.05, 40)]:
        path = m.descend(m.df, x0, lr, steps)
        ref = optimize.gradient_descent(fn.df, x0, lr, steps, f=fn.f)
        assert not ref.diverged and len(path) == steps + 1
        assert_allclose(path, ref.points[:, 0], **TOL)
    # the lecture's run ends near the minimum, where f' = 0
    assert abs(m.df(m.descend(m.df, m.X0, m.LR, m.STEPS)[-1])) < 0.05


def test_gradient_descent_example_is_the_videos():
    import lessons
    les = lessons.load("gradient_descent")
    m = load("gradient_descent")
    good = les.video.good
    assert (m.X0, m.LR, m.STEPS) == (good.x0, good.lr, good.steps)
    xs = np.linspace(-3, 3, 101)
    assert_allclose(m.f(xs), les.function.f(xs), **TOL)


# --- gradient descent on a surface ----------------------------------------------------------

def test_gradient_descent_3d_agrees_with_mathcore(scripts):
    m = scripts["gradient_descent_3d"]
    surf = surfaces.get("ellipse")
    X, Y = np.meshgrid(np.linspace(-3, 3, 41), np.linspace(-2, 2, 31))
    assert_allclose(m.f(X, Y), surf.f(X, Y), **TOL)
    for p in zip(X.ravel(), Y.ravel()):
        assert_allclose(m.grad(np.array(p)), surf.grad_xy(p), **TOL)
    runs = [(m.START, lr, m.STEPS) for lr in m.LRS] + [((2.5, -1.0), 0.2, 30)]
    for start, lr, steps in runs:
        path = m.descend(m.grad, start, lr, steps)
        ref = optimize.gradient_descent(surf.grad_xy, start, lr, steps, f=surf.f_xy)
        assert path.shape == (steps + 1, 2)
        assert_allclose(path, ref.points, **TOL)


def test_gradient_descent_3d_example_is_the_videos():
    import lessons
    v = lessons.load("gradient_descent_3d").video
    m = load("gradient_descent_3d")
    assert (tuple(m.START), tuple(m.LRS), m.STEPS) == (tuple(v.start), tuple(v.etas), v.steps)


# --- main() writes its picture --------------------------------------------------------------

@pytest.mark.parametrize("name", SCRIPTS)
def test_main_writes_the_picture(scripts, name, tmp_path):
    out = tmp_path / DEFAULT_OUT[name]
    scripts[name].main(str(out))
    assert out.stat().st_size > 10_000
    with Image.open(out) as im:
        assert im.format == ("GIF" if name == "gradient_descent" else "PNG")
        assert im.width >= 640 and im.height >= 400
        first = np.asarray(im.convert("RGB"))
        assert first.std() > 10                      # not a blank page
        if name == "gradient_descent":
            m = scripts[name]
            assert im.n_frames == m.STEPS + 1        # one frame per step (the held end merged)
            im.seek(im.n_frames - 1)
            assert np.abs(np.asarray(im.convert("RGB"), int) - first).sum() > 0


@pytest.mark.parametrize("name", SCRIPTS)
def test_command_line_default_path(name, tmp_path):
    r = subprocess.run([sys.executable, str(EXAMPLES / f"{name}.py")], cwd=tmp_path,
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    assert r.stderr == ""
    assert [p.name for p in tmp_path.iterdir()] == [DEFAULT_OUT[name]]
    assert (tmp_path / DEFAULT_OUT[name]).stat().st_size > 10_000


BAD_ARGS = [["a.png", "b.png"], ["--help"], ["{missing}/x.png"]]


@pytest.mark.parametrize("name", SCRIPTS)
@pytest.mark.parametrize("args", BAD_ARGS, ids=["two-paths", "option", "missing-folder"])
def test_command_line_bad_input(name, args, tmp_path):
    args = [a.format(missing=tmp_path / "no" / "such") for a in args]
    r = subprocess.run([sys.executable, str(EXAMPLES / f"{name}.py"), *args], cwd=tmp_path,
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 2
    assert r.stderr.startswith("error: ") and len(r.stderr.strip().splitlines()) == 1, r.stderr
    assert "Traceback" not in r.stderr
    assert list(tmp_path.iterdir()) == []            # nothing written


def test_gif_script_refuses_another_format(tmp_path):
    r = subprocess.run([sys.executable, str(EXAMPLES / "gradient_descent.py"), "out.png"],
                       cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert r.returncode == 2 and r.stderr.startswith("error: usage:")
    assert list(tmp_path.iterdir()) == []
