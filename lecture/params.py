"""A lecturer's own choices for a target (function, point, range, learning rate...), passed from
render.py to the process that draws, through one environment variable holding JSON.

Scenes and animations read them at import time, with the lecture's defaults as fallback:

    FUNCTION = params.function(functions.get("power", n=2))
    A = params.number("point", 1.0)
"""

from __future__ import annotations

import json
import os

ENV = "CALCANIM_PARAMS"

#: option -> what it means; render.py validates values before any drawing starts
OPTIONS = {
    "function": "the function, as text in x (or x and y for surfaces): \"x**3 - 2*x\"",
    "point": "the point: x for curves, x,y for surfaces (tangent point or descent start)",
    "range": "the x range drawn (or integrated): a,b",
    "lr": "the learning rate of gradient descent",
    "steps": "the number of gradient-descent steps",
    "momentum": "the momentum of gradient descent (PyTorch SGD convention), in [0, 1)",
    "w1": "layer-1 weights of the 2-3-1 network: one number for all, or 6 comma-separated",
    "w2": "layer-2 weights of the 2-3-1 network: one number for all, or 3 comma-separated",
    "x": "the network's two inputs: x1,x2",
    "y": "the network's target output",
}


def current() -> dict:
    try:
        return json.loads(os.environ.get(ENV, "") or "{}")
    except json.JSONDecodeError:
        return {}


def get(name: str, default=None):
    v = current().get(name)
    return default if v is None else v


def number(name: str, default: float) -> float:
    return float(get(name, default))


def pair(name: str, default: tuple) -> tuple:
    v = get(name)
    return tuple(float(t) for t in v) if v is not None else tuple(default)


def function(default):
    """The typed function of x (a mathcore Function) if one was given, else ``default``."""
    text = get("function")
    if text is None:
        return default
    from mathcore import expr
    return expr.parse_function(text)


def surface(default):
    """The typed surface f(x, y) (a mathcore Surface) if one was given, else ``default``."""
    text = get("function")
    if text is None:
        return default
    from mathcore import expr
    return expr.parse_surface(text)


def is_custom() -> bool:
    return bool(current())
