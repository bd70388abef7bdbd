"""mathcore.expr: typed text becomes a Function or Surface; everything outside the whitelist is
refused before anything evaluates it."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mathcore import expr

CASES = [  # text, f, f' written independently here
    ("x**3 - 2*x", lambda x: x ** 3 - 2 * x, lambda x: 3 * x ** 2 - 2),
    ("x^3 - 2x", lambda x: x ** 3 - 2 * x, lambda x: 3 * x ** 2 - 2),
    ("sin(x)*exp(-x/3)", lambda x: math.sin(x) * math.exp(-x / 3),
     lambda x: math.exp(-x / 3) * (math.cos(x) - math.sin(x) / 3)),
    ("(3x+2)^2", lambda x: (3 * x + 2) ** 2, lambda x: 6 * (3 * x + 2)),
    ("ln(x) + log(x)", lambda x: 2 * math.log(x), lambda x: 2 / x),
    ("sqrt(x)", math.sqrt, lambda x: 0.5 / math.sqrt(x)),
    ("arctan(x) + arcsin(x/2)", lambda x: math.atan(x) + math.asin(x / 2),
     lambda x: 1 / (1 + x * x) + 0.5 / math.sqrt(1 - x * x / 4)),
    ("sigmoid(x)", lambda x: 1 / (1 + math.exp(-x)),
     lambda x: math.exp(-x) / (1 + math.exp(-x)) ** 2),
    ("tanh(2x) - cosh(x)/2", lambda x: math.tanh(2 * x) - math.cosh(x) / 2,
     lambda x: 2 * (1 - math.tanh(2 * x) ** 2) - math.sinh(x) / 2),
    ("2^x * e^x", lambda x: 2 ** x * math.e ** x, lambda x: (2 * math.e) ** x * math.log(2 * math.e)),
    ("-x^2", lambda x: -x * x, lambda x: -2 * x),
    ("2^3^2", lambda x: 512.0, lambda x: 0.0),   # right-associative like the lecture's notation
    ("pi*x", lambda x: math.pi * x, lambda x: math.pi),
    ("7", lambda x: 7.0, lambda x: 0.0),
]


@pytest.mark.parametrize("text,f,df", CASES, ids=[c[0] for c in CASES])
def test_value_and_derivative_match_hand_written(text, f, df):
    fn = expr.parse_function(text)
    for x in (0.3, 0.9, 1.7):
        assert fn.f(x) == pytest.approx(f(x), rel=1e-12, abs=1e-12)
        assert fn.df(x) == pytest.approx(df(x), rel=1e-10, abs=1e-10)
    xs = np.array([0.3, 0.9, 1.7])
    np.testing.assert_allclose(fn.f(xs), [f(x) for x in xs], rtol=1e-12, atol=1e-12)


def test_surface_and_gradient():
    s = expr.parse("x**2 + 3*y**2")
    assert s.f(1.0, 2.0) == 13.0
    np.testing.assert_allclose(s.grad(1.0, 2.0), [2.0, 12.0])
    np.testing.assert_allclose(s.grad_xy(np.array([-1.0, 0.5])), [-2.0, 3.0])


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(-5, 5), min_size=1, max_size=5), st.floats(-2, 2))
def test_polynomials_against_numpy(coeffs, x):
    text = " + ".join(f"({c})*x^{k}" for k, c in enumerate(coeffs))
    fn = expr.parse_function(text)
    p = np.polynomial.Polynomial(coeffs)
    assert fn.f(x) == pytest.approx(p(x), rel=1e-12, abs=1e-9)
    assert fn.df(x) == pytest.approx(p.deriv()(x), rel=1e-12, abs=1e-9)


@pytest.mark.parametrize("text", [
    "__import__('os')", "x.real", "lambda x: x", "'x'", "x[0]", "x if x else 1", "x == 1",
    "x; 1", "foo(x)", "eval(x)", "os", "x_1", "9**9**9", "x**101", "1/0", "ln(0)", "",
    "x +", "(x", "sin x", "x" * 201, "(" * 50 + "x" + ")" * 50, "1e400", "2**1000", "x @ x",
    "x % 2", "abs", "exp(1000)**1000",
])
def test_refused(text):
    with pytest.raises(expr.ParseError):
        expr.parse(text)


def test_message_says_what_is_allowed():
    with pytest.raises(ValueError, match="allowed: numbers, x"):
        expr.parse("open('f')")


def test_kinks_found_inside_the_range():
    assert expr.kinks("abs(x - 1)", -2, 3) == pytest.approx([1.0], abs=3e-3)
    assert expr.kinks("abs(x - 1)", 2, 3) == []
    assert expr.kinks("x**2", -1, 1) == []


def test_typst_formula_is_the_math():
    f = expr.parse_function("x^3 - 2x")
    assert f.formula == "x^3 - 2 x"
    assert f.derivative_formula == "3 x^2 - 2"
