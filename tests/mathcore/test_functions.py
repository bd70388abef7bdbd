"""mathcore.functions against independent oracles: the math module, sympy, finite differences.

Every expected value is computed here from a formula written in the test, never read from the code.
"""

from __future__ import annotations

import math
import warnings

import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from mathcore import functions
from mathcore.functions import Interval
from oracles import assert_close, central_diff, numeric_jacobian

X = sp.Symbol("x", real=True)
HALF_PI = math.pi / 2


def _is_int(n):
    return float(n).is_integer()


# --- the derivative table ---------------------------------------------------
# (id, name, params, f by the math module, sympy expression, domain of f, domain of f')

def _power_case(n):
    sym_n = sp.Rational(n).limit_denominator(1000) if not _is_int(n) else sp.Integer(int(n))
    if _is_int(n):
        dom = (lambda x: True) if n >= 0 else (lambda x: x != 0)
        ddom = dom
    else:
        dom = (lambda x: x >= 0) if n > 0 else (lambda x: x > 0)
        ddom = (lambda x: x >= 0) if n >= 1 else (lambda x: x > 0)
    return (f"power(n={n:g})", "power", {"n": n}, lambda x: math.pow(x, n), X ** sym_n, dom, ddom)


def _log_a(a):
    # a second route to log_a x, not the code's log(x) / log(a) where a library has one
    if a == 10:
        return math.log10
    if a == 2:
        return math.log2
    if a == 0.5:
        return lambda x: -math.log2(x)
    return lambda x: math.log(x) / math.log(a)


ALL = lambda x: True
POS = lambda x: x > 0

TABLE_CASES = [
    *[_power_case(n) for n in (3, 2, 1, 0, -1, -2, -3, 0.5, 1.5, -0.5, 1 / 3, 2.5)],
    ("exp", "exp", {}, math.exp, sp.exp(X), ALL, ALL),
    *[(f"exp_base(a={a:g})", "exp_base", {"a": a}, (lambda a: lambda x: math.pow(a, x))(a),
       sp.nsimplify(a) ** X, ALL, ALL) for a in (0.5, 2.0, 10.0, math.e, 3.7)],
    ("ln", "ln", {}, math.log, sp.log(X), POS, POS),
    *[(f"log_base(a={a:g})", "log_base", {"a": a}, _log_a(a), sp.log(X, sp.nsimplify(a)), POS, POS)
      for a in (0.5, 2.0, 10.0, 3.7)],
    ("sin", "sin", {}, math.sin, sp.sin(X), ALL, ALL),
    ("cos", "cos", {}, math.cos, sp.cos(X), ALL, ALL),
    ("tan", "tan", {}, math.tan, sp.tan(X), lambda x: -HALF_PI < x < HALF_PI,
     lambda x: -HALF_PI < x < HALF_PI),
    ("arcsin", "arcsin", {}, math.asin, sp.asin(X), lambda x: -1 <= x <= 1, lambda x: -1 < x < 1),
    ("arccos", "arccos", {}, math.acos, sp.acos(X), lambda x: -1 <= x <= 1, lambda x: -1 < x < 1),
    ("arctan", "arctan", {}, math.atan, sp.atan(X), ALL, ALL),
]
TABLE_IDS = [c[0] for c in TABLE_CASES]

# a window like the lecture's plots, with the edges of every domain in it
PROBES = np.unique(np.concatenate([
    np.linspace(-5, 5, 201), np.linspace(-1, 1, 41), [-1.0, 1.0, 0.0, -HALF_PI, HALF_PI, 1e-3, -1e-3, 0.999, -0.999]]))


def test_table_lists_every_function_of_the_lecture():
    assert set(functions.TABLE) == {"power", "exp", "exp_base", "ln", "log_base", "sin", "cos",
                                    "tan", "arcsin", "arccos", "arctan"}
    assert set(functions.ACTIVATIONS) == {"sigmoid", "tanh", "relu", "leaky_relu", "prelu", "elu"}
    for name in functions.TABLE + functions.ACTIVATIONS:
        assert name in functions.names()


@pytest.mark.parametrize("case", TABLE_CASES, ids=TABLE_IDS)
def test_domain_matches_the_real_domain(case):
    _, name, params, _, _, dom, ddom = case
    fn = functions.get(name, **params)
    probes = list(PROBES) + [-10.0, 10.0, 1e6]
    for x in probes:
        assert fn.domain.contains(x) == dom(x), f"{fn}: domain at {x}"
        assert fn.df_domain.contains(x) == ddom(x), f"{fn}: derivative domain at {x}"
    for bad in (math.inf, -math.inf, math.nan):
        assert not fn.domain.contains(bad)


@pytest.mark.parametrize("case", TABLE_CASES, ids=TABLE_IDS)
def test_f_matches_the_math_module(case):
    _, name, params, ref, _, dom, _ = case
    fn = functions.get(name, **params)
    xs = np.array([x for x in PROBES if dom(x)])
    assert len(xs) >= 40
    expected = np.array([ref(float(x)) for x in xs])
    assert_close(fn.f(xs), expected, rtol=1e-13, atol=1e-15, what=f"{fn} on an array")
    # scalars in, Python floats out; __call__ is f
    for x in xs[:: max(1, len(xs) // 7)]:
        y = fn(float(x))
        assert isinstance(y, float)
        assert y == pytest.approx(ref(float(x)), rel=1e-13, abs=1e-15)


@pytest.mark.parametrize("case", TABLE_CASES, ids=TABLE_IDS)
def test_df_matches_the_sympy_derivative(case):
    _, name, params, _, expr, _, ddom = case
    fn = functions.get(name, **params)
    dexpr = sp.diff(expr, X)
    dnum = sp.lambdify(X, dexpr, "math")
    xs = np.array([x for x in PROBES if ddom(x) and fn.df_domain.contains(x)])
    assert len(xs) >= 40, "too few points inside the derivative's domain"
    expected = np.array([float(dnum(float(x))) for x in xs])
    assert_close(fn.df(xs), expected, rtol=1e-12, atol=1e-14, what=f"{fn}' vs d/dx {expr}")


@pytest.mark.parametrize("case", TABLE_CASES, ids=TABLE_IDS)
def test_df_matches_central_differences(case):
    _, name, params, _, _, _, ddom = case
    fn = functions.get(name, **params)
    # keep the stencil inside the open part of the domain
    xs = np.array([x for x in PROBES if ddom(x) and ddom(x - 1e-4) and ddom(x + 1e-4)
                   and (not _is_int(params.get("n", 1)) or params.get("n", 1) >= 0 or abs(x) > 1e-2)
                   and abs(abs(x) - HALF_PI) > 1e-2])
    fd = central_diff(fn.f, xs, h=1e-7)
    assert_close(fn.df(xs), fd, rtol=2e-6, atol=2e-7, what=f"{fn}' vs central differences")


# --- activations ------------------------------------------------------------

def _sig(x):
    return 1.0 / (1.0 + math.exp(-x))


ACT_CASES = [
    ("sigmoid", {}, _sig, lambda x: math.exp(-x) / (1 + math.exp(-x)) ** 2),
    ("tanh", {}, math.tanh, lambda x: 1 / math.cosh(x) ** 2),
    ("relu", {}, lambda x: x if x > 0 else 0.0, lambda x: 1.0 if x > 0 else 0.0),
    ("leaky_relu", {}, lambda x: x if x > 0 else 0.01 * x, lambda x: 1.0 if x > 0 else 0.01),
    ("leaky_relu", {"slope": 0.2}, lambda x: x if x > 0 else 0.2 * x,
     lambda x: 1.0 if x > 0 else 0.2),
    ("prelu", {"alpha": 0.1}, lambda x: x if x > 0 else 0.1 * x, lambda x: 1.0 if x > 0 else 0.1),
    ("prelu", {"alpha": 0.25}, lambda x: x if x > 0 else 0.25 * x,
     lambda x: 1.0 if x > 0 else 0.25),
    ("elu", {}, lambda x: x if x > 0 else math.exp(x) - 1, lambda x: 1.0 if x > 0 else math.exp(x)),
    ("elu", {"alpha": 0.5}, lambda x: x if x > 0 else 0.5 * (math.exp(x) - 1),
     lambda x: 1.0 if x > 0 else 0.5 * math.exp(x)),
]
ACT_IDS = [f"{n}{p or ''}" for n, p, _, _ in ACT_CASES]
ACT_XS = np.concatenate([np.linspace(-8, 8, 161), [-1e-9, 1e-9, 0.0, 30.0, -30.0]])


@pytest.mark.parametrize("case", ACT_CASES, ids=ACT_IDS)
def test_activation_matches_its_closed_form(case):
    name, params, f, df = case
    fn = functions.get(name, **params)
    assert_close(fn.f(ACT_XS), [f(float(x)) for x in ACT_XS], rtol=1e-14, atol=1e-16,
                 what=f"{fn}")
    # atol: 1 - tanh² cancels where tanh' is tiny; absolute accuracy is what a plot needs
    assert_close(fn.df(ACT_XS), [df(float(x)) for x in ACT_XS], rtol=1e-13, atol=1e-15,
                 what=f"{fn}'")


@pytest.mark.parametrize("case", ACT_CASES, ids=ACT_IDS)
def test_activation_df_matches_central_differences_away_from_the_kink(case):
    name, params, _, _ = case
    fn = functions.get(name, **params)
    xs = ACT_XS[np.abs(ACT_XS) > 1e-2]
    assert_close(fn.df(xs), central_diff(fn.f, xs, h=1e-7), rtol=1e-6, atol=1e-8,
                 what=f"{fn}' vs central differences")


def test_the_lectures_derivative_identities():
    xs = np.linspace(-6, 6, 121)
    s, t = functions.get("sigmoid"), functions.get("tanh")
    assert_close(s.df(xs), s.f(xs) * (1 - s.f(xs)), rtol=1e-14, atol=1e-17, what="σ' = σ(1-σ)")
    assert_close(t.df(xs), 1 - t.f(xs) ** 2, rtol=1e-14, atol=1e-16, what="tanh' = 1 - tanh²")
    for alpha in (1.0, 0.3, 2.0):
        e = functions.get("elu", alpha=alpha)
        neg = xs[xs <= 0]
        assert_close(e.df(neg), e.f(neg) + alpha, rtol=1e-14, atol=1e-15,
                     what=f"ELU' = ELU + α for x <= 0, α = {alpha}")


@pytest.mark.parametrize("name, params, slope_at_0", [
    ("relu", {}, 0.0),
    ("leaky_relu", {}, 0.01),
    ("leaky_relu", {"slope": 0.2}, 0.2),
    ("prelu", {"alpha": 0.1}, 0.1),
    ("prelu", {"alpha": 0.3}, 0.3),
    ("elu", {}, 1.0),
    ("elu", {"alpha": 0.5}, 0.5),
    ("elu", {"alpha": 2.0}, 2.0),
])
def test_kinks_follow_the_lecture(name, params, slope_at_0):
    fn = functions.get(name, **params)
    assert fn.df(0.0) == slope_at_0
    assert fn.df(np.array([0.0, -0.0]))[0] == slope_at_0
    assert fn.df(np.array([0.0, -0.0]))[1] == slope_at_0
    assert fn.f(0.0) == 0.0
    # the convention is the left-hand derivative: a backward difference agrees with it
    h = 1e-7
    assert (fn.f(0.0) - fn.f(-h)) / h == pytest.approx(slope_at_0, rel=1e-6, abs=1e-12)


def test_prelu_default_alpha_is_its_slope_at_zero():
    fn = functions.get("prelu")
    assert fn.df(0.0) == fn.params["alpha"] == fn.df(-3.0)
    assert fn.f(-2.0) == pytest.approx(-2.0 * fn.params["alpha"], rel=1e-15)


@pytest.mark.parametrize("name", ["sigmoid", "tanh"])
def test_saturating_activations_at_800_warn_nothing_and_give_no_nan(name):
    fn = functions.get(name)
    xs = np.array([-800.0, -745.0, -40.0, 40.0, 745.0, 800.0])
    lo = 0.0 if name == "sigmoid" else -1.0
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with np.errstate(all="raise"):
            y, dy = fn.f(xs), fn.df(xs)
            scalars = [fn.f(800.0), fn.f(-800.0), fn.df(800.0), fn.df(-800.0)]
    assert np.all(np.isfinite(y)) and np.all(np.isfinite(dy))
    assert all(math.isfinite(v) for v in scalars)
    assert y[0] == lo and y[-1] == 1.0
    assert scalars[:2] == [1.0, lo]
    assert np.all(dy >= 0) and dy[0] == 0.0 and dy[-1] == 0.0
    assert np.all(np.diff(y) >= 0)


# --- softmax ----------------------------------------------------------------

def _softmax_oracle(x):
    x = np.asarray(x, float)
    m = max(x)
    e = np.array([math.exp(v - m) for v in x])
    return e / math.fsum(e)


vectors = st.lists(st.floats(-50, 50, allow_nan=False), min_size=1, max_size=12)


@settings(max_examples=60, deadline=None)
@given(vectors)
def test_softmax_is_a_probability_vector(x):
    s = functions.softmax(np.array(x))
    assert s.shape == (len(x),)
    assert np.all(s >= 0) and np.all(s <= 1)
    assert math.fsum(s) == pytest.approx(1.0, abs=1e-12)
    assert_close(s, _softmax_oracle(x), rtol=1e-12, atol=1e-300, what="softmax vs exp/sum")


@settings(max_examples=60, deadline=None)
@given(vectors, st.floats(-1000, 1000, allow_nan=False))
def test_softmax_does_not_see_a_shift(x, c):
    x = np.array(x)
    s = functions.softmax(x)
    assert_close(functions.softmax(x + c), s, rtol=1e-9, atol=1e-300, what=f"shift by {c}")
    assert_close(functions.softmax(x + 1000.0), s, rtol=1e-9, atol=1e-300, what="x + 1000")


def test_softmax_of_large_inputs_does_not_overflow():
    x = np.array([1000.0, 1001.0, 1002.0])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        s = functions.softmax(x)
    e = np.exp([-2.0, -1.0, 0.0])
    assert_close(s, e / e.sum(), rtol=1e-14, what="softmax(1000, 1001, 1002)")


def test_softmax_along_an_axis():
    rng = np.random.default_rng(0)
    x = rng.normal(size=(4, 5))
    for axis in (0, 1, -1):
        s = functions.softmax(x, axis=axis)
        assert_close(s.sum(axis=axis), np.ones(x.shape[1 - (axis % 2)]), rtol=1e-14)
        e = np.exp(x - x.max(axis=axis, keepdims=True))
        assert_close(s, e / e.sum(axis=axis, keepdims=True), rtol=1e-13)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.floats(-6, 6, allow_nan=False), min_size=1, max_size=7))
def test_softmax_jacobian_matches_finite_differences(x):
    x = np.array(x)
    J = functions.softmax_jacobian(x)
    assert J.shape == (len(x), len(x))
    assert_close(J, numeric_jacobian(functions.softmax, x, h=1e-6), rtol=1e-6, atol=1e-9,
                 what="softmax_jacobian vs central differences")
    assert_close(J.sum(axis=0), np.zeros(len(x)), rtol=0, atol=1e-15, what="columns sum to 0")
    assert_close(J, J.T, rtol=0, atol=1e-16, what="J is symmetric")


def test_softmax_bad_input():
    with pytest.raises(ValueError):
        functions.softmax(3.0)
    with pytest.raises(ValueError):
        functions.softmax([1.0, math.nan])
    with pytest.raises(ValueError):
        functions.softmax([1.0, math.inf])
    with pytest.raises(ValueError):
        functions.softmax_jacobian(np.zeros((2, 2)))


# --- Interval ----------------------------------------------------------------

@pytest.mark.parametrize("interval, inside, outside", [
    (Interval(), [-1e300, 0.0, 5.0], [math.inf, -math.inf, math.nan]),
    (Interval(0.0, 1.0), [1e-12, 0.5, 1 - 1e-12], [0.0, 1.0, -0.1, 1.1]),
    (Interval(0.0, 1.0, True, True), [0.0, 0.5, 1.0], [-1e-12, 1 + 1e-12]),
    (Interval(0.0, 1.0, True, False), [0.0, 0.999], [1.0]),
    (Interval(0.0, 1.0, False, True), [1.0, 1e-300], [0.0]),
    (Interval(holes=(0.0,)), [-1.0, 1e-300, 7.0], [0.0, -0.0]),
    (Interval(-2.0, 2.0, True, True, (-1.0, 1.0)), [-2.0, 0.0, 2.0], [-1.0, 1.0, 3.0]),
    (Interval(0.0, math.inf, lo_closed=True), [0.0, 1e300], [-1e-300, math.inf]),
])
def test_interval_contains(interval, inside, outside):
    for x in inside:
        assert interval.contains(x) is True, (interval, x)
    for x in outside:
        assert interval.contains(x) is False, (interval, x)
    got = interval.contains(np.array(inside + outside))
    assert got.dtype == bool
    assert got.tolist() == [True] * len(inside) + [False] * len(outside)


def test_interval_unpacks_to_its_ends():
    lo, hi = Interval(-1.0, 3.0)
    assert (lo, hi) == (-1.0, 3.0)


# --- bad input ----------------------------------------------------------------

def test_unknown_name_lists_the_allowed_names():
    with pytest.raises(ValueError, match="allowed") as e:
        functions.get("softplus")
    assert "softplus" in str(e.value)
    assert "sigmoid" in str(e.value) and "power" in str(e.value)


@pytest.mark.parametrize("name, params, allowed", [
    ("power", {"a": 2}, "n"),
    ("exp_base", {"n": 2}, "a"),
    ("elu", {"slope": 0.1}, "alpha"),
    ("leaky_relu", {"alpha": 0.1}, "slope"),
    ("sin", {"a": 1}, "none"),
    ("relu", {"alpha": 0.1}, "none"),
])
def test_unknown_parameter_names_what_is_allowed(name, params, allowed):
    with pytest.raises(ValueError, match="allowed") as e:
        functions.get(name, **params)
    assert allowed in str(e.value).split("allowed")[-1]
    assert next(iter(params)) in str(e.value)


@pytest.mark.parametrize("name", ["exp_base", "log_base"])
@pytest.mark.parametrize("a", [0.0, -2.0, 1.0, -1.0])
def test_base_must_be_positive_and_not_one(name, a):
    with pytest.raises(ValueError, match=r"base a") as e:
        functions.get(name, a=a)
    assert "0" in str(e.value) and "1" in str(e.value)


@pytest.mark.parametrize("name, param", [
    ("power", "n"), ("exp_base", "a"), ("log_base", "a"), ("leaky_relu", "slope"),
    ("prelu", "alpha"), ("elu", "alpha"), ("affine", "a"), ("affine", "b"),
])
@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf, "two", None])
def test_non_finite_parameter_is_refused(name, param, value):
    with pytest.raises(ValueError, match="finite|number"):
        functions.get(name, **{param: value})


# --- the formulas shown on screen ------------------------------------------------

def _typst_to_sympy(src: str):
    from sympy.parsing.sympy_parser import (convert_xor, implicit_multiplication_application,
                                            parse_expr, standard_transformations)
    import re
    s = src.replace("sec^2 x", "1/cos(x)^2")
    s = re.sub(r"arc(sin|cos|tan)", r"a\1", s)
    s = re.sub(r"log_(\(?[-\d.]+\)?) x", r"log(x, \1)", s)
    T = standard_transformations + (implicit_multiplication_application, convert_xor)
    return parse_expr(s, transformations=T, local_dict={"x": X, "ln": sp.log, "e": sp.E})


FORMULA_CASES = [(n, p) for _, n, p, *_ in TABLE_CASES
                 if not (n == "power" and not _is_int(p["n"]) and p["n"] not in (0.5, 1.5, 2.5, -0.5))
                 and not (n == "exp_base" and p["a"] == math.e)]
FORMULA_CASES += [("affine", {"a": 3.0, "b": -2.0}), ("affine", {"a": -0.5, "b": 4.0})]


@pytest.mark.parametrize("name, params", FORMULA_CASES,
                         ids=[f"{n}{p or ''}" for n, p in FORMULA_CASES])
def test_instance_formulas_are_the_function_and_its_derivative(name, params):
    fn = functions.get(name, **params)
    shown_f = _typst_to_sympy(fn.instance_formula)
    shown_df = _typst_to_sympy(fn.instance_derivative_formula)
    xs = [x for x in np.linspace(-1.4, 3.0, 23) if fn.df_domain.contains(x) and abs(x) > 1e-9]
    f_num, df_num = sp.lambdify(X, shown_f, "math"), sp.lambdify(X, shown_df, "math")
    for x in xs:
        assert float(f_num(x)) == pytest.approx(fn.f(x), rel=1e-12, abs=1e-14), (fn.instance_formula, x)
        assert float(df_num(x)) == pytest.approx(fn.df(x), rel=1e-12, abs=1e-14), \
            (fn.instance_derivative_formula, x)
    # and the derivative shown is the derivative of the function shown
    gap = sp.lambdify(X, sp.diff(shown_f, X) - shown_df, "math")
    assert all(abs(float(gap(x))) < 1e-9 * (1 + abs(float(df_num(x)))) for x in xs)


def test_affine_is_a_line():
    fn = functions.get("affine", a=3, b=-2)
    xs = np.linspace(-2, 2, 9)
    assert_close(fn.f(xs), 3 * xs - 2, rtol=1e-15, atol=1e-15)
    d = fn.df(xs)
    assert d.shape == xs.shape and np.all(d == 3.0)
    assert fn.df(0.7) == 3.0


def test_interval_clip_keeps_to_the_domain():
    assert Interval(0.0, math.inf).clip(-5, 5, margin=0.01) == (0.01, 5)
    assert Interval(-1.0, 1.0, True, True).clip(-5, 5, margin=0.01) == (-1.0, 1.0)
    assert Interval(-1.0, 1.0).clip(-0.5, 5, margin=0.01) == (-0.5, 0.99)
    with pytest.raises(ValueError):
        Interval(0.0, 1.0).clip(2.0, 3.0)


@pytest.mark.parametrize("case", TABLE_CASES, ids=TABLE_IDS)
def test_df_is_finite_wherever_df_domain_says_it_exists(case):
    fn = functions.get(case[1], **case[2])
    xs = np.array([x for x in PROBES if fn.df_domain.contains(x)])
    with np.errstate(all="ignore"):
        d = fn.df(xs)
    assert np.all(np.isfinite(d)), xs[~np.isfinite(d)]
