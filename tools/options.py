"""The lecturer's own options, parsed and checked before any drawing starts.

Every problem is a ``ValueError`` with one line saying what is wrong and what is allowed;
render.py turns it into ``error: ...`` and exit code 2.
"""

from __future__ import annotations

import math

import numpy as np

DEFAULTS = {"range": (-3.0, 3.0), "lr": 0.1, "steps": 30, "momentum": 0.0}
SURFACE_DEFAULTS = {"range": (-3.0, 3.0), "point": (2.5, 2.0), "lr": 0.1, "steps": 40,
                    "momentum": 0.0}
MAX_STEPS = 2000
SAMPLES = 801


def _float(text, what: str) -> float:
    try:
        v = float(str(text).strip())
    except ValueError:
        raise ValueError(f"{what} must be a number, got {text!r}") from None
    if not math.isfinite(v):
        raise ValueError(f"{what} must be a finite number, got {text!r}")
    return v


def _floats(text, what: str, counts: tuple[int, ...]) -> list[float]:
    parts = [p for p in str(text).replace(";", ",").split(",")]
    if len(parts) not in counts:
        want = " or ".join(str(c) for c in counts)
        raise ValueError(f"{what} needs {want} comma-separated number(s), got {text!r}")
    return [_float(p, what) for p in parts]


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
        out["function"] = raw["function"].strip()
    if raw.get("range") is not None:
        a, b = _floats(raw["range"], "--range", (2,))
        if not a < b:
            raise ValueError(f"--range must be a,b with a < b, got {raw['range']!r}")
        if b - a > 1000:
            raise ValueError(f"--range is too wide ({b - a:g}; at most 1000)")
        out["range"] = (a, b)
    if raw.get("point") is not None:
        out["point"] = tuple(_floats(raw["point"], "--point", (2,))) if surface else \
            _float(raw["point"], "--point")
    if raw.get("lr") is not None:
        lr = _float(raw["lr"], "--lr")
        if not 0 < lr <= 1000:
            raise ValueError(f"--lr must be > 0 and at most 1000, got {raw['lr']!r}")
        out["lr"] = lr
    if raw.get("steps") is not None:
        try:
            n = int(str(raw["steps"]))
        except ValueError:
            raise ValueError(f"--steps must be a whole number, got {raw['steps']!r}") from None
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
    return out


def _check_curve(values: dict, needs_point: bool):
    from mathcore import expr
    f = expr.parse_function(values["function"])
    a, b = values["range"]
    xs = np.linspace(a, b, SAMPLES)
    with np.errstate(all="ignore"):
        ys, ds = np.asarray(f.f(xs), dtype=float), np.asarray(f.df(xs), dtype=float)
    bad = ~np.isfinite(ys)
    if bad.any():
        x0 = xs[np.argmax(bad)]
        raise ValueError(f"{values['function']} is not defined (not finite) at x = {x0:.4g}, "
                         f"inside --range {a:g},{b:g}: choose a range where it is")
    bad = ~np.isfinite(ds)
    if bad.any():
        x0 = xs[np.argmax(bad)]
        raise ValueError(f"{values['function']} is not differentiable at x = {x0:.4g}, "
                         f"inside --range {a:g},{b:g}: choose a range where it is")
    kinks = expr.kinks(values["function"], a, b)
    if kinks:
        raise ValueError(f"{values['function']} is not differentiable at x = {kinks[0]:.4g}, "
                         f"inside --range {a:g},{b:g}: choose a range where it is")
    if np.ptp(ys) > 1e6:
        raise ValueError(f"{values['function']} spans {np.ptp(ys):.3g} on [{a:g}, {b:g}]: too "
                         "large to draw; choose a smaller --range")
    if needs_point:
        p = values["point"]
        with np.errstate(all="ignore"):
            fp, dp = float(f.f(p)), float(f.df(p))
        if not math.isfinite(fp):
            raise ValueError(f"--point {p:g} is outside the domain of {values['function']} "
                             f"(its value there is not a real number)")
        if not math.isfinite(dp):
            raise ValueError(f"{values['function']} is not differentiable at --point {p:g}")
        if not a <= p <= b:
            raise ValueError(f"--point {p:g} lies outside --range {a:g},{b:g}")


def _check_surface(values: dict):
    from mathcore import expr
    s = expr.parse_surface(values["function"])
    a, b = values["range"]
    g = np.linspace(a, b, 121)
    X, Y = np.meshgrid(g, g)
    with np.errstate(all="ignore"):
        Z = np.asarray(s.f(X, Y), dtype=float)
        G = np.asarray(s.grad(X, Y), dtype=float)
    if not np.all(np.isfinite(Z)) or not np.all(np.isfinite(G)):
        raise ValueError(f"{values['function']} is not finite or not differentiable everywhere "
                         f"on [{a:g}, {b:g}]^2: choose another --range")
    px, py = values["point"]
    if not (a <= px <= b and a <= py <= b):
        raise ValueError(f"--point {px:g},{py:g} lies outside --range {a:g},{b:g} (both axes)")


def resolve(raw: dict, accepted: frozenset, target_name: str, surface: bool) -> dict:
    """Check which options the target takes, parse them and fill the defaults they imply."""
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
        defaults = SURFACE_DEFAULTS if surface else DEFAULTS
        for k in ("range", "lr", "steps", "momentum") if "lr" in accepted else ("range",):
            values.setdefault(k, defaults[k])
        if "point" in accepted:
            if surface:
                values.setdefault("point", defaults["point"])
            else:
                a, b = values["range"]
                values.setdefault("point", min(max(1.0, a), b) if "lr" not in accepted
                                  else a + 0.85 * (b - a))
        if surface:
            _check_surface(values)
        else:
            _check_curve(values, "point" in accepted)
    return values


def descent_warning(values: dict, surface: bool) -> str | None:
    """A one-line warning when the chosen learning rate makes gradient descent diverge."""
    if "function" not in values or "lr" not in values:
        return None
    from mathcore import expr, optimize
    # the same rule the drawings use: leaving the drawn range counts as diverging
    a, b = values["range"]
    if surface:
        s = expr.parse_surface(values["function"])
        grad, f, x0 = s.grad_xy, s.f_xy, np.array(values["point"])
    else:
        fn = expr.parse_function(values["function"])
        grad, f, x0 = fn.df, fn.f, values["point"]
    t = optimize.gradient_descent_in_box(grad, x0, values["lr"], values["steps"], a, b,
                                         momentum=values["momentum"], f=f)
    if t.diverged:
        return (f"warning: gradient descent diverges with lr {values['lr']:g}: it leaves the "
                f"range {a:g},{b:g}; the render shows it and stops there")
    return None
