"""Issue 9, class 4: whatever the option checks accept, the targets can compute. For ~30 odd but
legitimate inputs, tools.options.resolve accepts them, and then every lesson that takes those
options (what the scene and the GIF of its section draw) computes in this process without an
exception and with finite numbers."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest

from lecture import sections
from tools import options

CURVE = ["lessons.derivative", "lessons.differential"]   # sections 1, 4: scene and GIF draw these
SWEEP = ["lessons.integral", "lessons.tangent_2d"]      # sections 6, 7: scene and GIF draw these
DESCENT = ["lessons.gradient_descent"]     # section 11: scene and GIF draw this
SURFACE = ["lessons.gradient_descent_3d"]  # section 12: scene, GIF and optimizers draw this
NETWORK = ["lessons.backprop"]        # section 10: scene and GIF draw this

ODD = [  # (kind, raw options as typed)
    ("curve", {"function": "1e-20*x"}),
    ("curve", {"function": "7"}),
    ("curve", {"function": "x^10", "range": "-1,1", "point": ".5"}),
    ("curve", {"function": "sin(x)/(x^2+1)", "range": "-10,10", "point": "2.5E+0"}),
    ("curve", {"function": "ln(x^2+1)", "range": "-3,3"}),
    ("curve", {"function": "sqrt(x)", "range": "0.01,4", "point": "1"}),
    ("curve", {"function": "tan(x)", "range": "-1.5,1.5", "point": "0"}),
    ("curve", {"function": "x^2 - 2x", "range": "-1000,-999", "point": "-999.5"}),
    ("curve", {"function": "exp(-x^2)", "range": "-500,500", "point": "1e-3"}),
    ("curve", {"function": "sigmoid(sigmoid(sigmoid(x)))"}),
    ("curve", {"function": "arcsin(x/2) + arccos(x/3)", "range": "-1.9,1.9"}),
    ("curve", {"function": "x^(1/3)", "range": "0.001,8", "point": "1"}),
    ("curve", {"function": "2^x * e^x", "range": "-2,2"}),
    ("curve", {"function": "1/x", "range": "0.5,2", "point": "1"}),
    ("curve", {"function": "x^100", "range": "-1,1", "point": "0.9"}),
    ("curve", {"function": "sin(sin(sin(sin(x))))"}),
    ("curve", {"function": "exp(x)", "range": "0,13"}),
    ("curve", {"function": "-x"}),
    ("curve", {"function": "x", "range": "0,0.001", "point": "0.0005"}),
    ("descent", {"function": "x^2", "lr": "1e-9", "steps": "1"}),
    ("descent", {"function": "x^4 - 3x^2 + x", "lr": "100", "steps": "2000", "momentum": "0.99"}),
    ("descent", {"function": "1e-20*x^2", "point": "1"}),
    ("descent", {"function": "3", "point": "0"}),
    ("descent", {"function": "abs(x-10)", "range": "-3,3"}),
    ("surface", {"function": "x^2 + 3y^2"}),
    ("surface", {"function": "1e-20*x*y", "point": "1,1"}),
    ("surface", {"function": "4", "point": "0,0"}),
    ("surface", {"function": "sin(x)*cos(y)", "lr": "100", "steps": "3"}),
    ("surface", {"function": "ln(x^2+y^2+1)", "range": "-1000,-999", "point": "-999.5,-999.5"}),
    ("network", {"w1": "1e6", "w2": "-1e6", "x": "1e6,1e6", "y": "-1e6", "lr": "1e-9"}),
    ("network", {"w1": "0", "w2": "0", "x": "0,0", "y": "0"}),
    ("network", {"w1": "1e-300", "lr": "100"}),
    ("network", {"w1": "0.1,0.2,0.3,0.4,0.5,0.6", "w2": "1,2,3", "x": "1,2", "y": "3",
                 "lr": "0.01", "steps": "2000"}),
]

LESSON = {"curve": "derivative", "descent": "gradient_descent", "surface": "gradient_descent_3d",
          "network": "backprop"}     # whose defaults the checks fill in
ACCEPTED = {"curve": sections.CURVE, "descent": sections.DESCENT, "surface": sections.DESCENT,
            "network": sections.NETWORK | {"steps"}}


def _modules(kind: str, raw: dict) -> list[str]:
    if kind == "curve":
        return CURVE + (SWEEP if "point" not in raw else [])
    return {"descent": DESCENT, "surface": SURFACE, "network": NETWORK}[kind]


def _finite_numbers(value, path=""):
    """Every number inside value (arrays, lists, dicts, dataclasses with arrays) is finite."""
    if isinstance(value, dict):
        for k, v in value.items():
            _finite_numbers(v, f"{path}.{k}")
        return
    if hasattr(value, "__dict__") and not isinstance(value, type) and not callable(value):
        for k, v in vars(value).items():
            _finite_numbers(v, f"{path}.{k}")
        return
    if isinstance(value, (str, bytes, type(None))) or callable(value):
        return
    try:
        a = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        if isinstance(value, (list, tuple)):
            for i, v in enumerate(value):
                _finite_numbers(v, f"{path}[{i}]")
        return
    assert np.all(np.isfinite(a)), f"{path} is not finite: {a}"


def _lesson_data(name: str, params: dict) -> dict:
    """What the scene and the GIF of a section on lessons draw: each view's numbers and sweep
    (the magnified inset, which may leave the function's domain, left out)."""
    import lessons
    les = lessons.load(name, params)
    out = {}
    for key in ("video", "slide"):
        view = getattr(les, key)
        sweep = view.sweep(60)
        out[key] = {k: v for k, v in {**vars(view), **vars(sweep)}.items()
                    if k not in ("zoom_v", "zoom_u", "function")}
    return out


def _sweep_data(name: str, params: dict) -> dict:
    """Sections 6 and 7: every number of the lesson's views (the function left out), and the
    tangents along the GIF's loop and at the zero-slope points."""
    import lessons
    les = lessons.load(name, params)
    views = [les.video, les.slide] if name == "integral" else [les]
    out = {i: {k: v for k, v in vars(view).items() if k != "function"}
           for i, view in enumerate(views)}
    if name == "tangent_2d":
        out["loop"] = les.slopes(les.loop(140))
        out["flat"] = [les.tangent(z).point + (les.flat_half(z),) for z in les.marked]
    return out


def _data_in_process(module: str, params: dict, monkeypatch) -> dict:
    if module in SWEEP:
        return _sweep_data(module.split(".", 1)[1], params)
    if module in ("lessons.backprop", *DESCENT, *SURFACE):
        import lessons
        return vars(lessons.load(module.split(".", 1)[1], params))
    return _lesson_data(module.split(".", 1)[1], params)


def test_at_least_thirty_odd_inputs():
    assert len(ODD) >= 30


@pytest.mark.parametrize("kind,raw", ODD, ids=[f"{k}:{json.dumps(r)[:60]}" for k, r in ODD])
def test_accepted_input_computes_finite_data(kind, raw, monkeypatch):
    surface = kind == "surface"
    values = options.resolve(raw, ACCEPTED[kind], kind, surface, lesson=LESSON[kind])
    assert values, raw
    for v in values.values():   # the checked values themselves are finite numbers
        if not isinstance(v, str):
            assert all(math.isfinite(t) for t in np.ravel(np.asarray(v, dtype=float)))
    params = json.loads(json.dumps(values))
    for module in _modules(kind, raw):
        d = dict(_data_in_process(module, params, monkeypatch))
        _finite_numbers(d, module)
