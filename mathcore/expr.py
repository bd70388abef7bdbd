"""A lecturer's own function, typed as text, made into a mathcore Function or Surface.

>>> from mathcore import expr
>>> f = expr.parse("x^3 - 2*x")
>>> f.f(1.5), f.df(1.5)
(0.375, 4.75)
>>> f.derivative_formula
'3 x^2 - 2'

The text is tokenised and parsed here against a whitelist (numbers, x and y, + - * / ^ **,
parentheses, and the functions of the lecture's tables); the parser builds sympy objects
directly. Nothing the user types is ever handed to an evaluator: no eval, no sympify.
"""

from __future__ import annotations

import math
import re

import numpy as np
import sympy as sp

from .functions import REALS, Function
from .surfaces import Surface

__all__ = ["parse", "parse_function", "parse_surface", "ParseError", "ALLOWED_FUNCTIONS",
           "MAX_LENGTH", "MAX_EXPONENT"]

MAX_LENGTH = 200
MAX_EXPONENT = 100     # |literal exponent| above this is refused
MAX_DEPTH = 40         # parentheses and operators nested deeper than this are refused
MAX_LITERAL = 1e12

X, Y = sp.symbols("x y", real=True)

_SIGMOID = sp.Function("sigmoid")
ALLOWED_FUNCTIONS = {
    "sin": sp.sin, "cos": sp.cos, "tan": sp.tan,
    "arcsin": sp.asin, "arccos": sp.acos, "arctan": sp.atan,
    "asin": sp.asin, "acos": sp.acos, "atan": sp.atan,
    "sinh": sp.sinh, "cosh": sp.cosh, "tanh": sp.tanh,
    "exp": sp.exp, "ln": sp.log, "log": sp.log, "sqrt": sp.sqrt, "abs": sp.Abs,
    "sigmoid": lambda u: 1 / (1 + sp.exp(-u)),
}
CONSTANTS = {"pi": sp.pi, "e": sp.E}
ALLOWED_TEXT = ("numbers, x (and y for a surface), + - * / ^ or **, parentheses, the constants "
                "pi and e, and the functions " + ", ".join(sorted(ALLOWED_FUNCTIONS)))


class ParseError(ValueError):
    """The text is not an expression we accept; the message says what is allowed."""


_TOKEN = re.compile(r"\s*(?:(?P<num>(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)|(?P<name>[A-Za-z]+)"
                    r"|(?P<op>\*\*|[-+*/^(),]))")


def _tokens(text: str) -> list[tuple[str, str]]:
    out, pos = [], 0
    text = text.rstrip()
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if not m or m.end() == pos:
            ch = text[pos:].lstrip()[:1]
            what = {"_": "an underscore", ".": "attribute access", "'": "a string", '"': "a string",
                    "[": "a bracket", "=": "an assignment or comparison", ";": "a statement",
                    ":": "a lambda or slice"}.get(ch, f"the character {ch!r}")
            raise ParseError(f"{what} is not allowed; allowed: {ALLOWED_TEXT}")
        kind = m.lastgroup
        out.append((kind, m.group(kind)))
        pos = m.end()
    return out


class _Parser:
    def __init__(self, text: str):
        self.toks = _tokens(text)
        self.i = 0
        self.depth = 0

    def peek(self):
        return self.toks[self.i] if self.i < len(self.toks) else ("end", "")

    def take(self, value=None):
        tok = self.peek()
        if value is not None and tok[1] != value:
            found = "the end" if tok[0] == "end" else repr(tok[1])
            raise ParseError(f"expected {value!r} but found {found}")
        self.i += 1
        return tok

    def enter(self):
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise ParseError(f"the expression is nested too deeply (more than {MAX_DEPTH} levels)")

    def parse(self):
        if not self.toks:
            raise ParseError(f"the expression is empty; allowed: {ALLOWED_TEXT}")
        e = self.expr()
        if self.peek()[0] != "end":
            raise ParseError(f"unexpected {self.peek()[1]!r} at token {self.i + 1}")
        return e

    def expr(self):
        self.enter()
        e = self.term()
        while self.peek()[1] in ("+", "-"):
            op = self.take()[1]
            t = self.term()
            e = e + t if op == "+" else e - t
        self.depth -= 1
        return e

    def term(self):
        e = self.unary()
        while True:
            kind, val = self.peek()
            if val in ("*", "/"):
                self.take()
                t = self.unary()
                if val == "/" and t == 0:
                    raise ParseError("division by zero")
                e = e * t if val == "*" else e / t
            elif kind in ("name", "num") or val == "(":
                e = e * self.power()  # implicit product: 3x, 2(x + 1), x sin(x)
            else:
                return e

    def unary(self):
        if self.peek()[1] in ("+", "-"):
            self.enter()
            op = self.take()[1]
            u = self.unary()
            self.depth -= 1
            return -u if op == "-" else u
        return self.power()

    def power(self):
        base = self.atom()
        if self.peek()[1] in ("^", "**"):
            self.take()
            self.enter()
            exp = self.unary()  # right-associative: 2^3^2 = 2^(3^2)
            self.depth -= 1
            if exp.is_number:
                v = float(exp)
                if not math.isfinite(v) or abs(v) > MAX_EXPONENT:
                    raise ParseError(f"exponents must be at most {MAX_EXPONENT} in size, got {exp}")
                if base.is_number:
                    try:
                        value = float(base) ** v
                    except (OverflowError, ZeroDivisionError):
                        raise ParseError(f"{base}^{exp} is not a finite number") from None
                    if isinstance(value, complex) or not math.isfinite(value) or abs(value) > MAX_LITERAL:
                        raise ParseError(f"{base}^{exp} is not a finite real number of sensible size")
            return base ** exp
        return base

    def atom(self):
        kind, val = self.take()
        if kind == "num":
            v = float(val)
            if not math.isfinite(v) or v > MAX_LITERAL:
                raise ParseError(f"the number {val} is too large (at most {MAX_LITERAL:g})")
            return sp.Integer(int(v)) if v.is_integer() and "e" not in val.lower() or \
                (v.is_integer() and abs(v) < 1e15) else sp.Rational(val)
        if kind == "name":
            if val in ("x", "y"):
                return X if val == "x" else Y
            if val in CONSTANTS:
                return CONSTANTS[val]
            if val in ALLOWED_FUNCTIONS:
                if self.peek()[1] != "(":
                    raise ParseError(f"{val} must be called with parentheses: {val}(x)")
                self.take("(")
                arg = self.expr()
                self.take(")")
                return ALLOWED_FUNCTIONS[val](arg)
            raise ParseError(f"unknown name {val!r}; allowed: {ALLOWED_TEXT}")
        if val == "(":
            e = self.expr()
            self.take(")")
            return e
        found = "the end" if kind == "end" else repr(val)
        raise ParseError(f"expected a number, x, a function or '(' but found {found}")


def to_sympy(text: str):
    """The sympy expression for ``text``, built by the whitelist parser (never by eval)."""
    if not isinstance(text, str):
        raise ParseError(f"the expression must be text, got {type(text).__name__}")
    if len(text) > MAX_LENGTH:
        raise ParseError(f"the expression is too long ({len(text)} characters; at most {MAX_LENGTH})")
    e = _Parser(text).parse()
    if e.has(sp.zoo, sp.oo, -sp.oo, sp.nan) or e.has(sp.I):
        raise ParseError("the expression is not a finite real number everywhere it is written")
    return e


# --- Typst printing ---------------------------------------------------------------------------

_TYPST_FUNCS = {sp.sin: "sin", sp.cos: "cos", sp.tan: "tan", sp.asin: "arcsin",
                sp.acos: "arccos", sp.atan: "arctan", sp.sinh: "sinh", sp.cosh: "cosh",
                sp.tanh: "tanh", sp.log: "ln"}


def _num_typst(n) -> str:
    if n.is_Integer:
        return str(int(n))
    if n.is_Rational:
        return f"{int(n.p)}/{int(n.q)}"
    if n == sp.pi:
        return "pi"
    if n == sp.E:
        return "e"
    return f"{float(n):.6g}"


def _is_atomic(s: str) -> bool:
    return re.fullmatch(r"[A-Za-z0-9.]+|[a-z]+\(.*\)|\(.*\)", s) is not None and " " not in s.strip("()")


def typst(e) -> str:
    """Typst math source for a sympy expression (x^2, sqrt(x), (a)/(b), sin(x), e^x...)."""
    if e.is_Number or e in (sp.pi, sp.E):
        return _num_typst(e)
    if e.is_Symbol:
        return e.name
    if e.is_Add:
        terms = sp.Add.make_args(e)
        ordered = sorted(terms, key=lambda t: -sp.degree(t, X) if t.is_polynomial(X) else 0)
        out = ""
        for i, t in enumerate(ordered):
            neg = t.could_extract_minus_sign()
            body = typst(-t if neg else t)
            out += (("-" if neg else "") if i == 0 else (" - " if neg else " + ")) + body
        return out
    if e.is_Mul:
        num, den = [], []
        for f in sp.Mul.make_args(e):
            if f.is_Pow and f.exp.is_Number and f.exp < 0:
                den.append(f.base ** -f.exp)
            elif f.is_Rational and f.q != 1:
                if f.p != 1:
                    num.append(sp.Integer(f.p))
                den.append(sp.Integer(f.q))
            else:
                num.append(f)
        if den:
            n = sp.Mul(*num, evaluate=False) if num else sp.Integer(1)
            d = sp.Mul(*den, evaluate=False)
            if n.could_extract_minus_sign():
                return f"-({typst(-n)})/({typst(d)})"
            return f"({typst(n)})/({typst(d)})"
        coeff, rest = e.as_coeff_Mul()
        if coeff == -1:
            return "-" + _wrap(rest)
        factors = sp.Mul.make_args(e)
        parts = [_wrap(f) for f in factors]
        return " ".join(parts)
    if e.is_Pow:
        b, x = e.args
        if x == sp.Rational(1, 2):
            return f"sqrt({typst(b)})"
        if x == -1:
            return f"1/({typst(b)})"
        if x.is_Number and x < 0:
            return f"1/({typst(b ** -x)})"
        bs = typst(b)
        if not (b.is_Symbol or (b.is_Integer and b >= 0)):
            bs = f"({bs})"
        xs = typst(x)
        return f"{bs}^({xs})" if not (x.is_Integer and x >= 0 or x.is_Symbol) else f"{bs}^{xs}"
    if isinstance(e, sp.exp):
        return f"e^({typst(e.args[0])})" if not e.args[0].is_Symbol else f"e^{typst(e.args[0])}"
    if isinstance(e, sp.Abs):
        return f"abs({typst(e.args[0])})"
    if e.func in _TYPST_FUNCS:
        return f"{_TYPST_FUNCS[e.func]}({typst(e.args[0])})"
    if isinstance(e, sp.Heaviside):
        return f"H({typst(e.args[0])})"
    if isinstance(e, sp.sign):
        return f"\"sgn\"({typst(e.args[0])})"
    return str(e)


def _wrap(f) -> str:
    s = typst(f)
    return f"({s})" if f.is_Add else s


# --- Function and Surface ------------------------------------------------------------------------

def _lambdify(vars_, e):
    # the code lambdify generates comes from sympy's printer over the parsed tree, not from the text
    fn = sp.lambdify(vars_, e, modules="numpy")
    const = not e.free_symbols

    def call(*args):
        with np.errstate(all="ignore"):
            y = fn(*args)
        if const:
            y = np.full(np.broadcast(*[np.asarray(a) for a in args]).shape, float(e))
        y = np.asarray(y)
        if not np.iscomplexobj(y):
            y = y.astype(float)
        return y.item() if y.ndim == 0 else y

    return call


def parse_function(text: str) -> Function:
    """A Function of x from text like ``"x**3 - 2*x"`` or ``"sin(x)*exp(-x/3)"``."""
    e = to_sympy(text)
    if e.has(Y):
        raise ParseError("this needs a function of x only; y is for surfaces")
    d = sp.diff(e, X)
    return Function(text.strip(), _lambdify(X, e), _lambdify(X, d), typst(e), typst(sp.simplify(d)
                    if sp.count_ops(d) > 40 else d), REALS, {}, text.strip())


def parse_surface(text: str) -> Surface:
    """A Surface f(x, y) with its gradient from text like ``"x**2 + 3*y**2"``."""
    e = to_sympy(text)
    fx, fy = sp.diff(e, X), sp.diff(e, Y)
    f = _lambdify((X, Y), e)
    gx, gy = _lambdify((X, Y), fx), _lambdify((X, Y), fy)

    def grad(x, y):
        return np.stack(np.broadcast_arrays(np.asarray(gx(x, y), float), np.asarray(gy(x, y), float)))

    return Surface(text.strip(), f, grad, typst(e))


def parse(text: str):
    """A Function for text in x alone, a Surface for text in x and y."""
    e = to_sympy(text)
    return parse_surface(text) if e.has(Y) else parse_function(text)


def kinks(text: str, a: float, b: float, n: int = 2001) -> list[float]:
    """Where in [a, b] a function of x has a kink (an abs whose argument changes sign), so no
    derivative: the points (to grid accuracy) where each abs(u) has u cross zero."""
    e = to_sympy(text)
    xs = np.linspace(a, b, n)
    out = []
    for node in e.atoms(sp.Abs):
        u = _lambdify(X, node.args[0])
        with np.errstate(all="ignore"):
            v = np.broadcast_to(np.asarray(u(xs), dtype=float), xs.shape)
        s = np.sign(v)
        zero = np.flatnonzero(s == 0)
        cross = np.flatnonzero(s[:-1] * s[1:] < 0)
        out += [float(xs[i]) for i in zero] + [float((xs[i] + xs[i + 1]) / 2) for i in cross]
    return sorted(out)
