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

import functools
import math
import re

import numpy as np
import sympy as sp

from .functions import REALS, Function
from .surfaces import Surface

__all__ = ["parse", "parse_function", "parse_surface", "ParseError", "ALLOWED_FUNCTIONS",
           "MAX_LENGTH", "MAX_EXPONENT", "MAX_DEGREE", "MAX_FUNCTION_POWER", "MAX_NESTING",
           "to_sympy", "domain_problem", "surface_domain_problem", "complexity"]

MAX_LENGTH = 200
MAX_EXPONENT = 100     # |literal exponent| above this is refused
MAX_DEPTH = 40         # parentheses and operators nested deeper than this are refused
MAX_LITERAL = 1e12
# the complexity budget, measured on the parsed tree before anything expands or simplifies it
MAX_DEGREE = 100         # total polynomial degree, estimated from the tree: deg(a^n) = n deg(a)
MAX_FUNCTION_POWER = 24  # total power of function factors, e.g. tan(x)^24 or sin(x)^12 cos(x)^12
MAX_NESTING = 4          # functions inside functions: sin(sin(sin(sin(x)))) is the deepest
MAX_NODES = 400          # parts of the expression tree
MAX_DERIVATIVE_NODES = 1500   # parts of a derivative before it is typeset
SIMPLIFY_NODES = 60      # a derivative is simplified for display only when smaller than this

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
NUMBER_TEXT = "a number is written like 1, 1.5, .5, 1e-3 or 2.5E+4"


class ParseError(ValueError):
    """The text is not an expression we accept; the message says what is allowed."""


# A number is a plain decimal or scientific literal, digits 0-9 only (never \d: that takes
# other scripts' digits too). Anything glued to a number that starts like one ("0x10",
# "1_000", "1.5.5", "1e", "1e5.5") is read as one word and must be a number, or a number
# followed by a name ("3x", "2sin(x)", "1e-3x").
_NUMBER = r"(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?"
_NUMBER_RE = re.compile(_NUMBER)
_NUMBER_WORD = re.compile(r"[0-9.]+(?:[eE][+-]?[0-9.]*)?[A-Za-z0-9_.]*")
_NUMBER_NAME = re.compile(rf"({_NUMBER})([A-Za-z]+)")
_NAME = re.compile(r"[A-Za-z]+")
_OPS = ("**", "-", "+", "*", "/", "^", "(", ")", ",")


def _char_name(ch: str) -> str:
    import unicodedata
    return unicodedata.name(ch, f"U+{ord(ch):04X}")


def _refuse_char(ch: str, pos: int):
    import unicodedata
    if ch in "\n\r" or unicodedata.category(ch)[0] == "C" or unicodedata.category(ch) in ("Zl", "Zp"):
        raise ParseError(f"a control character ({ch!r}) at position {pos + 1} is not allowed: "
                         "type the expression on one line")
    if ch.isdigit() or ch.isnumeric() or unicodedata.category(ch) == "Nd":
        raise ParseError(f"{ch!r} ({_char_name(ch)}) is not a number: use the digits 0-9; "
                         f"{NUMBER_TEXT}")
    what = {"_": "an underscore", ".": "attribute access", "'": "a string", '"': "a string",
            "[": "a bracket", "=": "an assignment or comparison", ";": "a statement",
            ":": "a lambda or slice"}.get(ch)
    if what is None:
        what = f"the character {ch!r}" + (f" ({_char_name(ch)})" if ord(ch) > 126 else "")
    raise ParseError(f"{what} is not allowed; allowed: {ALLOWED_TEXT}")


def _tokens(text: str) -> list[tuple[str, str, int]]:
    """(kind, text, position) for each token; kind is num, name or op."""
    out, pos, n = [], 0, len(text)
    for i, ch in enumerate(text):   # the whole text first: no control character anywhere
        if not (" " <= ch <= "~"):
            _refuse_char(ch, i)
    while pos < n:
        ch = text[pos]
        if ch == " ":
            pos += 1
            continue
        if ch.isdigit() or (ch == "." and pos + 1 < n and text[pos + 1].isdigit()):
            word = _NUMBER_WORD.match(text, pos).group()
            if _NUMBER_RE.fullmatch(word):
                out.append(("num", word, pos))
                pos += len(word)
                continue
            m = _NUMBER_NAME.fullmatch(word)
            if m and m.group(2) in ("e", "E"):
                raise ParseError(f"{word!r} is not a number ({NUMBER_TEXT}); for a multiple of "
                                 f"the constant e write {m.group(1)}*e")
            if m and m.group(2) in ("j", "J", "i", "I"):
                raise ParseError(f"{word!r} is not a number: complex numbers are not allowed")
            if m:   # an implicit product such as 3x or 2sin(x): the number, then the name
                out.append(("num", m.group(1), pos))
                pos += len(m.group(1))
                continue
            hint = ""
            if re.match(r"0[xXbBoO]", word):
                hint = " (hexadecimal, binary and octal numbers are not allowed)"
            elif "_" in word:
                hint = " (no underscores inside numbers)"
            raise ParseError(f"{word!r} is not a number{hint}: {NUMBER_TEXT}")
        if ch.isalpha():
            name = _NAME.match(text, pos).group()
            nxt = text[pos + len(name): pos + len(name) + 1]
            if nxt.isdigit():
                raise ParseError(f"{name + nxt!r}: a digit right after a name is ambiguous; "
                                 f"write {name}*{nxt} or {name}^{nxt}")
            out.append(("name", name, pos))
            pos += len(name)
            continue
        op = "**" if text.startswith("**", pos) else ch
        if op in _OPS:
            out.append(("op", op, pos))
            pos += len(op)
            continue
        if ch == "." and (text[pos + 1: pos + 2].isalpha() or text[pos + 1: pos + 2] == "_"):
            _refuse_char(".", pos)
        if ch == ".":
            word = _NUMBER_WORD.match(text, pos).group()
            raise ParseError(f"{word!r} is not a number: {NUMBER_TEXT}")
        _refuse_char(ch, pos)
    return out


def _float_of(e) -> float | None:
    """A constant sympy expression as a float, or None when it is not a finite real number."""
    try:
        v = complex(sp.N(e, 20))
    except (TypeError, ValueError, OverflowError, ZeroDivisionError):
        return None
    if abs(v.imag) > 1e-12 * max(1.0, abs(v.real)) or not math.isfinite(v.real):
        return None
    return v.real


_FLOAT_FUNCS = {
    "sin": math.sin, "cos": math.cos, "tan": math.tan, "arcsin": math.asin, "arccos": math.acos,
    "arctan": math.atan, "asin": math.asin, "acos": math.acos, "atan": math.atan,
    "sinh": math.sinh, "cosh": math.cosh, "tanh": math.tanh, "exp": math.exp, "ln": math.log,
    "log": math.log, "sqrt": math.sqrt, "abs": abs,
    "sigmoid": lambda u: 1 / (1 + math.exp(-u)) if u > -700 else 0.0,
}


def _check_constant_call(name: str, arg):
    """f(constant) must be a finite real number: evaluated in floats from the argument's value
    (never by sympy's evalf on a tower such as exp(exp(exp(9))), which does not finish)."""
    a = _float_of(arg)
    shown = f"{name}({_show(arg)})"
    if a is None:
        raise ParseError(f"{shown} is not a real number of sensible size")
    try:
        v = _FLOAT_FUNCS[name](a)
    except OverflowError:
        raise ParseError(f"{shown} is too large to draw (it overflows)") from None
    except (ValueError, ZeroDivisionError):
        raise ParseError(f"{shown} is not defined (not a real number)") from None
    if not math.isfinite(v) or abs(v) > 1e300:
        raise ParseError(f"{shown} is too large to draw (it overflows)")


class _Parser:
    def __init__(self, text: str):
        self.toks = _tokens(text)
        self.i = 0
        self.depth = 0

    def peek(self):
        return self.toks[self.i] if self.i < len(self.toks) else ("end", "", -1)

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
            kind, val, _ = self.peek()
            if kind == "op" and val in ("*", "/"):
                self.take()
                t = self.unary()
                if val == "/" and t == 0:
                    raise ParseError("division by zero")
                e = e * t if val == "*" else e / t
            elif kind == "num":
                prev = self.toks[self.i - 1]
                if prev[0] == "num":
                    raise ParseError(f"two numbers side by side ({prev[1]} {val}): join them "
                                     f"with an operator, e.g. {prev[1]}*{val}")
                raise ParseError(f"the number {val} follows {prev[1]!r} without an operator: "
                                 f"write the number first (2x) or use * or ^")
            elif kind == "name" or val == "(":
                e = e * self.power()  # implicit product: 3x, 2(x + 1), x sin(x)
            else:
                return e

    def unary(self):
        if self.peek()[1] in ("+", "-") and self.peek()[0] == "op":
            self.enter()
            op = self.take()[1]
            u = self.unary()
            self.depth -= 1
            return -u if op == "-" else u
        return self.power()

    def power(self):
        base = self.atom()
        if self.peek()[1] in ("^", "**") and self.peek()[0] == "op":
            self.take()
            self.enter()
            exp = self.unary()  # right-associative: 2^3^2 = 2^(3^2)
            self.depth -= 1
            if exp.is_number:
                v = _float_of(exp)
                if v is None or abs(v) > MAX_EXPONENT:
                    raise ParseError(f"exponents must be at most {MAX_EXPONENT} in size, got {exp}")
                if base.is_number:
                    b = _float_of(base)
                    try:
                        value = None if b is None else b ** v
                    except (OverflowError, ZeroDivisionError):
                        value = None
                    if value is None or isinstance(value, complex) or not math.isfinite(value) \
                            or abs(value) > MAX_LITERAL:
                        raise ParseError(f"({_show(base)})^({_show(exp)}) is not a finite real "
                                         "number of sensible size")
            return base ** exp
        return base

    def atom(self):
        kind, val, _ = self.take()
        if kind == "num":
            v = float(val)
            if not math.isfinite(v) or v > MAX_LITERAL:
                raise ParseError(f"the number {val} is too large (at most {MAX_LITERAL:g})")
            if v != 0 and v < 1e-300 or v == 0 and re.search(r"[1-9]", val.split("e")[0]
                                                              .split("E")[0]):
                raise ParseError(f"the number {val} is too small (below 1e-300 it would be 0)")
            return sp.Rational(val)
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
                if not arg.free_symbols:   # a constant: a finite real number, checked in floats
                    _check_constant_call(val, arg)
                return ALLOWED_FUNCTIONS[val](arg)
            raise ParseError(f"unknown name {val!r}; allowed: {ALLOWED_TEXT}")
        if val == "(":
            e = self.expr()
            self.take(")")
            return e
        found = "the end" if kind == "end" else repr(val)
        raise ParseError(f"expected a number, x, a function or '(' but found {found}")


# --- the complexity budget ------------------------------------------------------------------

def _count_nodes(e, cap: int) -> int:
    """Parts of the tree as printed (shared parts counted each time), stopping past ``cap``."""
    n = 0
    for _ in sp.preorder_traversal(e):
        n += 1
        if n > cap:
            break
    return n


def complexity(e) -> tuple[float, float, int]:
    """(polynomial degree, power of function factors, nesting depth of functions) of a sympy
    expression, estimated from its tree without expanding anything: deg(a^n) = |n| deg(a),
    deg(a b) = deg a + deg b, deg(a + b) = max; a function application f(u) counts as a factor
    of power 1 and one level of nesting. The largest values met anywhere in the tree."""
    memo: dict = {}
    worst = [0.0, 0.0, 0]

    def walk(e):
        key = e
        if key in memo:
            return memo[key]
        if e.is_Symbol:
            r = (1.0, 0.0, 0)
        elif not e.free_symbols:
            r = (0.0, 0.0, 0)
        elif e.is_Add:
            parts = [walk(a) for a in e.args]
            r = (max(p[0] for p in parts), max(p[1] for p in parts), max(p[2] for p in parts))
        elif e.is_Mul:
            parts = [walk(a) for a in e.args]
            r = (sum(p[0] for p in parts), sum(p[1] for p in parts), max(p[2] for p in parts))
        elif e.is_Pow and not e.exp.free_symbols:
            b = walk(e.base)
            n = abs(_float_of(e.exp) or 0.0)
            r = (n * b[0], n * b[1], b[2])
        else:   # a function, or a power with x in the exponent: a new factor, one level deeper
            parts = [walk(a) for a in e.args]
            r = (0.0, 1.0, 1 + max(p[2] for p in parts))
        for k in range(3):
            worst[k] = max(worst[k], r[k])
        memo[key] = r
        return r

    walk(e)
    return worst[0], worst[1], int(worst[2])


def _check_budget(e, text: str):
    if _count_nodes(e, MAX_NODES) > MAX_NODES:
        raise ParseError(f"too complex to draw: more than {MAX_NODES} parts")
    deg, fpow, nest = complexity(e)
    if deg > MAX_DEGREE:
        raise ParseError(f"too complex to draw: its degree is about {deg:.0f} (at most "
                         f"{MAX_DEGREE})")
    if fpow > MAX_FUNCTION_POWER:
        raise ParseError(f"too complex to draw: its function factors multiply to power "
                         f"{fpow:.0f} (at most {MAX_FUNCTION_POWER}, e.g. tan(x)^"
                         f"{MAX_FUNCTION_POWER})")
    if nest > MAX_NESTING:
        raise ParseError(f"too complex to draw: functions nested {nest} deep (at most "
                         f"{MAX_NESTING}, e.g. sin(sin(sin(sin(x)))))")


def _check_derivative(d):
    if _count_nodes(d, MAX_DERIVATIVE_NODES) > MAX_DERIVATIVE_NODES:
        raise ParseError(f"too complex to draw: its derivative has more than "
                         f"{MAX_DERIVATIVE_NODES} parts")


@functools.lru_cache(maxsize=64)
def _to_sympy(text: str):
    e = _Parser(text).parse()
    if e.has(sp.zoo, sp.oo, -sp.oo, sp.nan) or e.has(sp.I):
        raise ParseError("the expression is not a finite real number everywhere it is written")
    _check_budget(e, text)
    for kind, g, where in _conditions(e):   # constants outside their domain: arcsin(2), ln(-1)
        if not g.free_symbols and _violated_const(kind, g):
            raise ParseError(f"{where} is not defined (not a real number)")
    if not e.free_symbols and _float_of(e) is None:
        raise ParseError("the expression is not a finite real number")
    return e


def to_sympy(text: str):
    """The sympy expression for ``text``, built by the whitelist parser (never by eval) and
    measured against the complexity budget. One parse per text per process (cached)."""
    if not isinstance(text, str):
        raise ParseError(f"the expression must be text, got {type(text).__name__}")
    if len(text) > MAX_LENGTH:
        raise ParseError(f"the expression is too long ({len(text)} characters; at most {MAX_LENGTH})")
    return _to_sympy(text.strip(" "))


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
        # the tree's degree, never sp.degree (which expands: minutes on (x+1)^99 (x+2)^99)
        ordered = sorted(terms, key=lambda t: -_degree_in_x(t) if t.is_polynomial(X) else 0)
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


def _degree_in_x(t) -> float:
    if not t.has(X):
        return 0.0
    if t == X:
        return 1.0
    if t.is_Mul:
        return sum(_degree_in_x(a) for a in t.args)
    if t.is_Add:
        return max(_degree_in_x(a) for a in t.args)
    if t.is_Pow and t.exp.is_Number:
        return float(t.exp) * _degree_in_x(t.base)
    return 0.0


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


def _display(d):
    """The derivative as shown: simplified only when small (simplify on a large expression can
    take minutes)."""
    if sp.count_ops(d) > 40 and _count_nodes(d, SIMPLIFY_NODES) < SIMPLIFY_NODES:
        return sp.simplify(d)
    return d


@functools.lru_cache(maxsize=64)
def _parse_function(text: str) -> Function:
    e = to_sympy(text)
    if e.has(Y):
        raise ParseError("this needs a function of x only; y is for surfaces")
    d = sp.diff(e, X)
    _check_derivative(d)
    return Function(text, _lambdify(X, e), _lambdify(X, d), typst(e), typst(_display(d)),
                    REALS, {}, text)


def parse_function(text: str) -> Function:
    """A Function of x from text like ``"x**3 - 2*x"`` or ``"sin(x)*exp(-x/3)"``."""
    to_sympy(text)   # the checks on the raw text (type, length) before the cache sees it
    return _parse_function(text.strip(" "))


@functools.lru_cache(maxsize=64)
def _parse_surface(text: str) -> Surface:
    e = to_sympy(text)
    fx, fy = sp.diff(e, X), sp.diff(e, Y)
    _check_derivative(fx)
    _check_derivative(fy)
    f = _lambdify((X, Y), e)
    gx, gy = _lambdify((X, Y), fx), _lambdify((X, Y), fy)

    def grad(x, y):
        return np.stack(np.broadcast_arrays(np.asarray(gx(x, y), float), np.asarray(gy(x, y), float)))

    return Surface(text, f, grad, typst(e))


def parse_surface(text: str) -> Surface:
    """A Surface f(x, y) with its gradient from text like ``"x**2 + 3*y**2"``."""
    to_sympy(text)
    return _parse_surface(text.strip(" "))


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


# --- domains: where a typed function is defined, found from the expression ------------------

_NAMES = {"asin": "arcsin", "acos": "arccos", "atan": "arctan", "log": "ln", "Abs": "abs"}


def _show(e) -> str:
    """A short readable form of a sub-expression for messages: ln(x), 1/x, x^(1/3)."""
    s = sp.sstr(e).replace("**", "^")
    for a, b in _NAMES.items():
        s = re.sub(rf"\b{a}\(", f"{b}(", s)
    return s if len(s) <= 60 else s[:57] + "..."


def _conditions(e) -> list[tuple[str, object, object]]:
    """What must hold for ``e`` to be a real number, inner sub-expressions first:
    (kind, g, where) with kind 'nonzero' (g != 0), 'positive' (g > 0), 'nonneg' (g >= 0);
    ``where`` is the sub-expression that needs it."""
    out: list = []
    seen_nodes: set = set()
    seen: set = set()

    def add(kind, g, where):
        if (kind, g) not in seen:
            seen.add((kind, g))
            out.append((kind, g, where))

    def walk(node):
        if node in seen_nodes or not node.args:
            return
        seen_nodes.add(node)
        for a in node.args:
            walk(a)
        if node.is_Pow:
            b, n = node.args
            if not n.free_symbols:
                v = _float_of(n)
                if v is None:
                    return
                if v < 0:
                    add("nonzero", b, node)
                if v != int(v):
                    add("positive" if v < 0 else "nonneg", b, node)
            elif b.free_symbols or (_float_of(b) or -1.0) <= 0:
                add("positive", b, node)   # x^x, (-2)^x: a real power needs a positive base
        elif isinstance(node, sp.log):
            add("positive", node.args[0], node)
        elif isinstance(node, (sp.asin, sp.acos)):
            u = node.args[0]
            add("nonneg", 1 - u, node)
            add("nonneg", 1 + u, node)
        elif isinstance(node, sp.tan):
            add("nonzero", sp.cos(node.args[0]), node)

    walk(e)
    return out


def _violated_const(kind: str, g) -> bool:
    v = _float_of(g)
    if v is None:
        return True
    return {"nonzero": v == 0, "positive": v <= 0, "nonneg": v < -1e-14}[kind]


def _numeric(vars_, g):
    fn = _lambdify(vars_, g)

    def call(*args):
        with np.errstate(all="ignore"):
            v = np.asarray(fn(*args))
        if np.iscomplexobj(v):
            v = np.where(np.abs(v.imag) > 0, np.nan, v.real)
        v = np.broadcast_to(np.asarray(v, dtype=float), np.broadcast(*map(np.asarray, args)).shape)
        return v

    return call


def _roots_1d(g, a: float, b: float, n: int = 4001):
    """The zeros of g on [a, b]: exact isolation for a polynomial with rational coefficients,
    otherwise a dense grid: sign changes (refined by brentq) and near-touching minima of |g|
    (refined by a bounded minimisation). Also returns the grid and g on it."""
    from scipy.optimize import brentq, minimize_scalar
    gf = _numeric(X, g)
    xs = np.linspace(a, b, n)
    v = gf(xs)
    if g.is_polynomial(X) and _degree_in_x(g) <= 40:
        try:
            p = sp.Poly(g, X)
            if all(c.is_Rational for c in p.all_coeffs()):
                ivs = p.intervals(inf=sp.Rational(a), sup=sp.Rational(b), eps=sp.Rational(1, 10**12))
                return sorted({float((lo + hi) / 2) for (lo, hi), _ in ivs}), xs, v
        except (sp.PolynomialError, ValueError, TypeError):
            pass

    def g1(t):
        return float(gf(np.array([t]))[0])

    fin = np.isfinite(v)
    roots = [float(t) for t in xs[fin & (v == 0)]]
    s = np.sign(v)
    for i in np.flatnonzero(fin[:-1] & fin[1:] & (s[:-1] * s[1:] < 0))[:2000]:
        try:
            roots.append(brentq(g1, xs[i], xs[i + 1], xtol=1e-14))
        except (ValueError, RuntimeError):
            pass
    if fin.any():
        av = np.where(fin, np.abs(v), np.inf)
        scale = max(float(np.max(av[fin])), 1e-300)
        pad = np.concatenate([[np.inf], av, [np.inf]])
        loc = np.flatnonzero((pad[1:-1] <= pad[:-2]) & (pad[1:-1] <= pad[2:]) &
                             (av <= 1e-3 * scale))
        for i in loc[np.argsort(av[loc])][:200]:
            lo, hi = xs[max(i - 1, 0)], xs[min(i + 1, n - 1)]
            r = minimize_scalar(lambda t: abs(g1(t)), bounds=(lo, hi), method="bounded",
                                options={"xatol": 1e-14 * max(1.0, abs(lo))})
            if math.isfinite(r.fun) and r.fun <= 1e-9 * scale:
                roots.append(float(r.x))
    roots.sort()
    merged: list = []
    for r in roots:
        if not merged or r - merged[-1] > 1e-9 * max(1.0, b - a):
            merged.append(r)
    return merged, xs, v


def _fmt(v: float, width: float = 1.0) -> str:
    if abs(v) < 1e-9 * max(width, 1.0):
        v = 0.0
    return f"{v:.6g}"


def _violation_1d(kind: str, g, a: float, b: float):
    """None, or (lo, hi): the first place in [a, b] where the condition fails (lo == hi for a
    point)."""
    roots, xs, v = _roots_1d(g, a, b)
    if kind == "nonzero":
        return (roots[0], roots[0]) if roots else None
    fin = np.isfinite(v)
    scale = max(float(np.max(np.abs(v[fin]))) if fin.any() else 1.0, 1e-300)
    gf = _numeric(X, g)
    pts = sorted({a, b, *roots})
    tol = 1e-12 * scale
    for lo, hi in zip(pts[:-1], pts[1:]):
        mid = float(gf(np.array([(lo + hi) / 2]))[0])
        if kind == "positive" and lo in roots:
            return (lo, lo)
        if math.isfinite(mid) and mid < -tol:
            return (lo, hi)
    if kind == "positive" and pts[-1] in roots:
        return (pts[-1], pts[-1])
    bad = fin & (v < -tol)
    if bad.any():   # a sign the roots missed: the grid point itself
        x0 = float(xs[np.argmax(bad)])
        return (x0, x0)
    for p in (a, b):
        pv = float(gf(np.array([p]))[0])
        if math.isfinite(pv) and (pv < -tol or kind == "positive" and pv <= 0):
            return (p, p)
    return None


def _limit_note(fe, x0: float, width: float) -> str:
    """' (0/0: it tends to L there ...)' when the two sides agree on a finite limit."""
    vals = []
    for h in (1e-5, 1e-6):
        d = h * max(width, 1.0)
        vals += [float(fe(np.array([x0 - d]))[0]), float(fe(np.array([x0 + d]))[0])]
    if all(math.isfinite(t) for t in vals) and max(vals) - min(vals) <= 1e-3 * max(1.0, abs(vals[-1])):
        return (f" (it tends to {vals[-1]:.4g} there from both sides, but has no value at that "
                "point)")
    return ""


def domain_problem(text: str, a: float, b: float) -> str | None:
    """Why the function of x typed as ``text`` cannot be drawn on [a, b] -- a pole, a point or
    stretch outside its domain, a point where it has no derivative -- found from the expression
    (each denominator's zeros, ln/sqrt/x^p/arcsin/arccos domains, tan's poles) and refined
    numerically; None when there is no such point. A removable point (sin(x)/x at 0) is
    refused too: the function has no value there; the message says what it tends to."""
    e = to_sympy(text)
    d = sp.diff(e, X)
    width = b - a
    where = f"inside the range {_fmt(a)}..{_fmt(b)}"
    fe = _numeric(X, e)
    for expr_, what in ((e, "defined"), (d, "differentiable")):
        for kind, g, node in _conditions(expr_):
            if not g.has(X):
                continue
            bad = _violation_1d(kind, g, a, b)
            if bad is None:
                continue
            lo, hi = bad
            if lo == hi:
                note = _limit_note(fe, lo, width) if kind == "nonzero" and what == "defined" \
                    else ""
                at = f"at x = {_fmt(lo, width)}"
            else:
                note, at = "", f"for x between {_fmt(lo, width)} and {_fmt(hi, width)}"
            why = "" if what == "defined" else f" (its derivative needs {_show(node)})"
            return f"{text} is not {what} {at}, {where}{note}{why}"
    return None


def point_problem(text: str, p: float) -> str | None:
    """Why the function of x typed as ``text`` has no value or no derivative at x = p."""
    e = to_sympy(text)
    for expr_, what in ((e, "outside the domain of"), (sp.diff(e, X), "a point where")):
        for kind, g, node in _conditions(expr_):
            if not g.has(X):
                continue
            v = float(_numeric(X, g)(np.array([p]))[0])
            if not math.isfinite(v) or {"nonzero": v == 0, "positive": v <= 0,
                                        "nonneg": v < 0}[kind]:
                if what.startswith("outside"):
                    return f"--point {p:g} is outside the domain of {text} ({_show(node)} is " \
                           "not defined there)"
                return f"{text} is not differentiable at --point {p:g}"
    return None


def surface_domain_problem(text: str, a: float, b: float, n: int = 301) -> str | None:
    """The same for a surface f(x, y) over the square [a, b]^2: a point where it (or its
    gradient) is not defined, found from the expression's conditions on a grid (sign changes
    refined by bisection, near-touching minima by a bounded minimisation)."""
    from scipy.optimize import brentq, minimize
    e = to_sympy(text)
    g_all = [(e, "defined")] + [(sp.diff(e, v), "differentiable") for v in (X, Y)]
    t = np.linspace(a, b, n)
    XX, YY = np.meshgrid(t, t)
    where = f"inside the square {_fmt(a)}..{_fmt(b)} (both axes)"
    for expr_, what in g_all:
        for kind, g, node in _conditions(expr_):
            if not g.free_symbols:
                continue
            gf = _numeric((X, Y), g)
            v = gf(XX, YY)
            fin = np.isfinite(v)
            scale = max(float(np.max(np.abs(v[fin]))) if fin.any() else 1.0, 1e-300)
            tol = 1e-12 * scale
            point = None
            if kind in ("positive", "nonneg"):
                bad = fin & ((v < -tol) | ((v <= 0) if kind == "positive" else False))
                if bad.any():
                    i = np.argmin(np.where(fin, v, np.inf))
                    point = (XX.flat[i], YY.flat[i])
            else:
                zero = fin & (v == 0)
                if zero.any():
                    i = np.argmax(zero)
                    point = (XX.flat[i], YY.flat[i])
                else:
                    s = np.sign(v)
                    for A, B in ((s[:, :-1] * s[:, 1:], (0, 1)), (s[:-1, :] * s[1:, :], (1, 0))):
                        hit = np.argwhere(np.isfinite(A) & (A < 0))
                        if len(hit):
                            r, c = hit[0]
                            p0 = np.array([XX[r, c], YY[r, c]])
                            p1 = np.array([XX[r + B[0], c + B[1]], YY[r + B[0], c + B[1]]])

                            def along(s_, p0=p0, p1=p1):
                                q = p0 + s_ * (p1 - p0)
                                return float(gf(np.array([q[0]]), np.array([q[1]]))[0])
                            try:
                                s0 = brentq(along, 0.0, 1.0, xtol=1e-14)
                            except (ValueError, RuntimeError):
                                s0 = 0.5
                            q = p0 + s0 * (p1 - p0)
                            point = (q[0], q[1])
                            break
            if point is None and kind in ("nonzero", "positive") and fin.any():
                av = np.where(fin, np.abs(v), np.inf)
                i = int(np.argmin(av))
                if av.flat[i] <= 1e-3 * scale:
                    def absg(q):
                        return abs(float(gf(np.array([q[0]]), np.array([q[1]]))[0]))
                    r = minimize(absg, [XX.flat[i], YY.flat[i]], method="Nelder-Mead",
                                 bounds=[(a, b), (a, b)],
                                 options={"xatol": 1e-13, "fatol": 1e-30, "maxiter": 4000})
                    if math.isfinite(r.fun) and r.fun <= 1e-9 * scale:
                        point = (float(r.x[0]), float(r.x[1]))
            if point is not None:
                why = "" if what == "defined" else f" (its gradient needs {_show(node)})"
                return (f"{text} is not {what} at (x, y) = ({_fmt(point[0], b - a)}, "
                        f"{_fmt(point[1], b - a)}), {where}{why}")
    return None
