"""The lecturer's own options, parsed and checked before any drawing starts.

Every problem is a ``ValueError`` with one line saying what is wrong and what is allowed;
render.py turns it into ``error: ...`` and exit code 2.
"""

from __future__ import annotations

import math
import re

import numpy as np

MAX_STEPS = 2000
SAMPLES = 801


# a number is a plain decimal or scientific literal, digits 0-9 only: never Python's float(),
# which also takes "1_000", "nan", "infinity", " ١ " and full-width digits
_NUMBER = re.compile(r"[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
NUMBER_TEXT = "a number is written like 1, -1.5, .5, 1e-3 or 2.5E+4"
LR_RANGE = (1e-9, 100.0)      # learning rates outside this are refused (denormals, absurd sizes)
MAX_NETWORK = 1e6             # |weight|, |input|, |target| of the 2-3-1 network
MAX_COORD = 1e6               # |range end|
MIN_WIDTH = 1e-3              # narrowest --range


def _show(text) -> str:
    """The user's text for a message: one line, never longer than 60 characters."""
    s = repr(text) if isinstance(text, str) else repr(str(text))
    return s if len(s) <= 60 else s[:57] + "...'"


def _float(text, what: str) -> float:
    if isinstance(text, bool):
        raise ValueError(f"{what} must be a number, got {_show(text)}")
    if isinstance(text, (int, float)):   # from a lecture file (TOML) already as a number
        v = float(text)
    else:
        s = str(text).strip(" ")
        if not _NUMBER.fullmatch(s):
            low = s.lower().lstrip("+-")
            if low in ("nan", "inf", "infinity"):
                raise ValueError(f"{what} must be a finite number, got {_show(text)}")
            raise ValueError(f"{what}: {_show(text)} is not a number ({NUMBER_TEXT})")
        v = float(s)
    if not math.isfinite(v):
        raise ValueError(f"{what} must be a finite number, got {_show(text)}")
    if v != 0 and abs(v) < 1e-300:
        raise ValueError(f"{what} {_show(text)} is too small to compute with (below 1e-300)")
    return v


def _floats(text, what: str, counts: tuple[int, ...]) -> list[float]:
    if isinstance(text, (list, tuple)):
        parts = list(text)
    else:
        parts = [p for p in str(text).replace(";", ",").split(",")]
    values = [_float(p, what) for p in parts]
    if len(values) not in counts:
        want = " or ".join(str(c) for c in counts)
        raise ValueError(f"{what} needs {want} comma-separated number(s), got {_show(text)}")
    return values


def _network(values: dict):
    """The 2-3-1 network's numbers are sane and its first training step (the one the lecture
    computes by hand, drawn in the scene) stays finite."""
    for k in ("w1", "w2", "x", "y"):
        v = values.get(k)
        if v is None:
            continue
        big = [t for t in (v if isinstance(v, list) else [v]) if abs(t) > MAX_NETWORK]
        if big:
            raise ValueError(f"--{k} {big[0]:g} is too large: the network's numbers must be at "
                             f"most {MAX_NETWORK:g} in size")
    from mathcore import backprop
    mlp, x, y, lr = backprop.seed_example(**{k: values.get(k) for k in ("w1", "w2", "x", "y",
                                                                         "lr")})
    with np.errstate(all="ignore"):
        hist = mlp.train(x, y, lr, 1)
    if hist.diverged or not np.all(np.isfinite(hist.losses)) or len(hist.losses) < 2:
        raise ValueError("the network's first training step overflows with these numbers: "
                         "choose smaller weights, inputs, target or --lr")


def parse_raw(raw: dict, surface: bool) -> dict:
    """Strings from the command line -> typed values (not yet checked against the function)."""
    out: dict = {}
    if raw.get("function") is not None:
        from mathcore import expr
        f = expr.parse(raw["function"])
        from mathcore.surfaces import Surface
        if surface and not isinstance(f, Surface):
            f = expr.parse_surface(raw["function"])
        if not surface and isinstance(f, Surface):
            raise ValueError("this target draws a curve: the function must use x only (y is for "
                             "the 3D gradient-descent targets)")
        out["function"] = raw["function"].strip(" ")
    if raw.get("range") is not None:
        a, b = _floats(raw["range"], "--range", (2,))
        if not a < b:
            raise ValueError(f"--range must be a,b with a < b, got {_show(raw['range'])}")
        if max(abs(a), abs(b)) > MAX_COORD:
            raise ValueError(f"--range must lie within -{MAX_COORD:g}..{MAX_COORD:g}, got "
                             f"{_show(raw['range'])}")
        if b - a > 1000:
            raise ValueError(f"--range is too wide ({b - a:g}; at most 1000)")
        if b - a < MIN_WIDTH:
            raise ValueError(f"--range is too narrow ({b - a:g}; at least {MIN_WIDTH:g})")
        out["range"] = (a, b)
    if raw.get("point") is not None:
        out["point"] = tuple(_floats(raw["point"], "--point", (2,))) if surface else \
            _float(raw["point"], "--point")
    if raw.get("lr") is not None:
        lr = _float(raw["lr"], "--lr")
        lo, hi = LR_RANGE
        if not lo <= lr <= hi:
            raise ValueError(f"--lr must be between {lo:g} and {hi:g}, got {_show(raw['lr'])}")
        out["lr"] = lr
    if raw.get("steps") is not None:
        s = raw["steps"]
        if isinstance(s, bool) or not (isinstance(s, int) or re.fullmatch(r"[0-9]+",
                                                                          str(s).strip(" "))):
            raise ValueError(f"--steps must be a whole number, got {_show(s)}")
        n = int(str(s).strip(" "))
        if not 1 <= n <= MAX_STEPS:
            raise ValueError(f"--steps must be between 1 and {MAX_STEPS}, got {n}")
        out["steps"] = n
    if raw.get("momentum") is not None:
        m = _float(raw["momentum"], "--momentum")
        if not 0 <= m < 1:
            raise ValueError(f"--momentum must be in [0, 1), got {raw['momentum']!r}")
        out["momentum"] = m
    if raw.get("w1") is not None:
        w = _floats(raw["w1"], "--w1", (1, 6))
        out["w1"] = w * 6 if len(w) == 1 else w
    if raw.get("w2") is not None:
        w = _floats(raw["w2"], "--w2", (1, 3))
        out["w2"] = w * 3 if len(w) == 1 else w
    if raw.get("x") is not None:
        out["x"] = _floats(raw["x"], "--x", (2,))
    if raw.get("y") is not None:
        out["y"] = _float(raw["y"], "--y")
    if any(k in out for k in ("w1", "w2", "x", "y")):
        _network(out)
    return out


def _check_curve(values: dict, needs_point: bool):
    """The function can be drawn on the range: no pole, domain edge or missing derivative found
    from the expression (mathcore.expr.domain_problem), then, as a second line of defence,
    finite values and slopes on a grid of SAMPLES points, no kink, a drawable spread; and the
    point (when the target takes one) where the function has a value and a slope."""
    from mathcore import expr
    text = values["function"]
    f = expr.parse_function(text)
    a, b = values["range"]
    problem = expr.domain_problem(text, a, b)
    if problem:
        raise ValueError(f"{problem}: choose a range where it is")
    xs = np.linspace(a, b, SAMPLES)
    with np.errstate(all="ignore"):
        ys, ds = _values(f.f, xs), _values(f.df, xs)
    for arr, what in ((ys, "defined"), (ds, "differentiable")):
        bad = ~np.isfinite(arr)
        if bad.any():
            i = int(np.argmax(bad))
            if np.isinf(arr[i]):
                raise ValueError(f"{text} is too large to draw at x = {xs[i]:.4g} (it "
                                 f"overflows), inside --range {a:g},{b:g}: choose a smaller range")
            raise ValueError(f"{text} is not {what} (not finite) at x = {xs[i]:.4g}, "
                             f"inside --range {a:g},{b:g}: choose a range where it is")
    kinks = expr.kinks(text, a, b)
    if kinks:
        raise ValueError(f"{text} is not differentiable at x = {kinks[0]:.4g}, "
                         f"inside --range {a:g},{b:g}: choose a range where it is")
    if np.ptp(ys) > 1e6:
        raise ValueError(f"{text} spans {np.ptp(ys):.3g} on [{a:g}, {b:g}]: too "
                         "large to draw; choose a smaller --range")
    if needs_point:
        p = values["point"]
        problem = expr.point_problem(text, p)
        if problem:
            raise ValueError(problem)
        with np.errstate(all="ignore"):
            fp, dp = _values(f.f, np.array([p]))[0], _values(f.df, np.array([p]))[0]
        outside = not a <= p <= b
        if not math.isfinite(fp) or not math.isfinite(dp):
            if np.isinf(fp) or np.isinf(dp):
                raise ValueError(f"--point {p:g} is too large to draw: {text} overflows there"
                                 + (f" (and it lies outside --range {a:g},{b:g})" if outside
                                    else ""))
            raise ValueError(f"--point {p:g} is outside the domain of {text} "
                             "(its value there is not a real number)")
        if outside:
            raise ValueError(f"--point {p:g} lies outside --range {a:g},{b:g}")


def _values(fn, xs) -> np.ndarray:
    """fn on the grid as finite-or-not floats, the grid's shape (a constant broadcast; a complex
    or failing value counts as not finite)."""
    try:
        with np.errstate(all="ignore"):
            v = np.asarray(fn(xs))
    except (ArithmeticError, ValueError, TypeError):
        return np.full(np.shape(xs), np.nan)
    if np.iscomplexobj(v):
        v = np.where(v.imag != 0, np.nan, v.real)
    return np.broadcast_to(np.asarray(v, dtype=float), np.shape(xs)).copy()


def _check_surface(values: dict):
    from mathcore import expr
    text = values["function"]
    s = expr.parse_surface(text)
    a, b = values["range"]
    problem = expr.surface_domain_problem(text, a, b)
    if problem:
        raise ValueError(f"{problem}: choose another --range")
    g = np.linspace(a, b, 121)
    X, Y = np.meshgrid(g, g)
    with np.errstate(all="ignore"):
        Z = np.asarray(s.f(X, Y), dtype=float)
        G = np.asarray(s.grad(X, Y), dtype=float)
    if not np.all(np.isfinite(Z)) or not np.all(np.isfinite(G)):
        big = np.isinf(Z).any() or np.isinf(G).any()
        raise ValueError(f"{text} is " + ("too large to draw (it overflows)" if big else
                                          "not finite or not differentiable") +
                         f" somewhere on [{a:g}, {b:g}]^2: choose another --range")
    if np.ptp(Z) > 1e6:
        raise ValueError(f"{text} spans {np.ptp(Z):.3g} on [{a:g}, {b:g}]^2: too large to draw; "
                         "choose a smaller --range")
    px, py = values["point"]
    if not (a <= px <= b and a <= py <= b):
        raise ValueError(f"--point {px:g},{py:g} lies outside --range {a:g},{b:g} (both axes)")


def _lessons():
    import lessons
    return lessons


def _section_slug(target_name: str) -> str:
    """The lesson (section slug) of a target: a section's name or slug, or a GIF's."""
    from lecture.sections import GIFS, SECTIONS
    for sec in SECTIONS:
        if target_name in (sec.name, sec.slug):
            return sec.slug
    for g in GIFS:
        if target_name == g.slug:
            return SECTIONS[g.section - 1].slug
    raise ValueError(f"unknown target {target_name!r}")


def resolve(raw: dict, accepted: frozenset, target_name: str, surface: bool,
            lesson: str | None = None) -> dict:
    """Check which options the target takes, parse them and fill the defaults they imply (the
    defaults of ``lessons.<lesson>``; by default the section that ``target_name`` belongs to)."""
    lesson = lesson or _section_slug(target_name)
    given = {k: v for k, v in raw.items() if v is not None}
    extra = sorted(set(given) - set(accepted))
    if extra:
        takes = ", ".join(f"--{o}" for o in sorted(accepted)) or "no options of this kind"
        raise ValueError(f"{target_name} does not take --{', --'.join(extra)}; it takes {takes}")
    if not given:
        return {}
    values = parse_raw(given, surface)
    if "function" in accepted and any(k in values for k in ("function", "range", "point")):
        if "function" not in values:
            raise ValueError("--range and --point go with --function (the lecture's own example "
                             "has its own)")
        values = _lessons().complete(lesson, values)   # the lesson's own defaults
        if surface:
            _check_surface(values)
        else:
            _check_curve(values, "point" in accepted)
    if "w1" in accepted and any(k in values for k in ("w1", "w2", "x", "y", "lr")):
        _network(values)
        if lesson:
            values = {k: v for k, v in _lessons().complete(lesson, values).items()
                      if k in accepted}    # the lesson's defaults, for the options this target takes
    return values


def descent_warning(values: dict, surface: bool) -> str | None:
    """A one-line warning when the chosen learning rate makes gradient descent diverge: the
    lesson's own verdict (leaving the drawn range counts as diverging, as on screen)."""
    if "function" not in values or "lr" not in values:
        return None
    lesson = _lessons().load("gradient_descent_3d" if surface else "gradient_descent", values)
    if lesson.diverged:
        a, b = values["range"]
        return (f"warning: gradient descent diverges with lr {values['lr']:g}: it leaves the "
                f"range {a:g},{b:g}; the render shows it and stops there")
    return None


def out_folder(text) -> str:
    """The --out value checked: it must name a folder (not empty, one line)."""
    s = "" if text is None else str(text)
    if not s.strip():
        raise ValueError("--out must name a folder (it is empty)")
    if any(ord(c) < 32 or ord(c) == 127 for c in s):
        raise ValueError(f"--out must name a folder on one line, got {_show(s)}")
    return s
