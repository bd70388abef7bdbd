"""The narration table (lecture/narration) against the scenes it narrates.

The oracle for the steps is the scenes' own source: each ``construct()`` is parsed with ``ast``
(no manim import) and the step keys are derived from it by the rule the package documents, so
a step added, removed, renamed or moved in a scene fails here until the table follows.
"""

from __future__ import annotations

import ast
import doctest
import math
import re
import string
from pathlib import Path

import numpy as np
import pytest

import lecture.narration as narr
from lecture.sections import SECTIONS
from lecture.strings import LANGS
from mathcore import chain, functions, surfaces

ROOT = Path(__file__).resolve().parents[1]
SCENES = ROOT / "scenes"
NARRATION = ROOT / "lecture" / "narration"

ZH_CPS, EN_CPS = 9.0, 17.0           # reading rates (Netflix: Simplified Chinese, English)
MAX_STEP_READING = 14.0              # s: a step is 1-4 sentences, never a paragraph
ZH_CLAUSE, EN_CLAUSE = 32, 84        # a clause fits one two-line cue (16 and 42 a line)
EN_EXTRA = set("−×·²√∂ηαμσ∇Δ′’…")    # the only non-ASCII characters English may use
OPTION_FREE_NUMBERS = {"0", "1", "2"}  # all a section with options may say in digits


# --- the oracle: step keys from the scenes' source ------------------------------------------

def _tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"))


def _classes(tree: ast.Module) -> dict:
    return {n.name: n for n in tree.body if isinstance(n, ast.ClassDef)}


STYLE_CLASSES = _classes(_tree(SCENES / "style.py"))


def _project_methods(cls: ast.ClassDef, local: dict) -> set:
    """Methods the project defines for ``cls``: its own and its bases' in the module or in
    scenes/style.py (manim's Scene methods such as wait and play are not among them)."""
    names = {f.name for f in cls.body if isinstance(f, ast.FunctionDef)}
    for b in cls.bases:
        if isinstance(b, ast.Name):
            base = local.get(b.id) or STYLE_CLASSES.get(b.id)
            if base is not None:
                names |= _project_methods(base, local)
    return names


def _module_constant(tree: ast.Module, name: str):
    """The value of a module-level ``NAME = <expression of numbers and math.pi>``."""
    for node in tree.body:
        if not isinstance(node, ast.Assign):
            continue
        for target in node.targets:
            names = ([target] if isinstance(target, ast.Name) else
                     list(target.elts) if isinstance(target, ast.Tuple) else [])
            for k, t in enumerate(names):
                if isinstance(t, ast.Name) and t.id == name:
                    expr = node.value if isinstance(target, ast.Name) else node.value.elts[k]
                    return eval(compile(ast.Expression(expr), "<const>", "eval"),
                                {"__builtins__": {}, "math": math})
    raise LookupError(name)


def _fixed_items(it: ast.expr, tree: ast.Module, assigned: dict):
    """The names of the lecture's fixed list a loop runs over (``table()`` reading
    ``functions.TABLE``), or None when its length depends on the example."""
    if isinstance(it, ast.Name) and it.id in assigned:
        it = assigned[it.id]
    if not (isinstance(it, ast.Call) and isinstance(it.func, ast.Name)):
        return None
    fn = next((n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == it.func.id),
              None)
    if fn is None:
        return None
    for node in ast.walk(fn):       # [... for name in functions.TABLE]: every name, in order
        it = node.iter if isinstance(node, (ast.comprehension, ast.For)) else None
        if (isinstance(it, ast.Attribute) and isinstance(it.value, ast.Name)
                and it.value.id == "functions"
                and isinstance(getattr(functions, it.attr, None), tuple)):
            return list(getattr(functions, it.attr))
    return None


def _step_call(stmt, methods):
    if (isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call)
            and isinstance(stmt.value.func, ast.Attribute)
            and isinstance(stmt.value.func.value, ast.Name) and stmt.value.func.value.id == "self"
            and stmt.value.func.attr in methods):
        return stmt.value
    return None


def expected_steps(sec) -> list[str]:
    """Step keys of a section in the order they run, derived from its construct()."""
    tree = _tree(SCENES / f"{sec.module}.py")
    local = _classes(tree)
    cls = local[sec.scene]
    methods = _project_methods(cls, local)
    construct = next(f for f in cls.body if isinstance(f, ast.FunctionDef)
                     and f.name == "construct")
    assigned = {t.id: n.value for n in ast.walk(construct) if isinstance(n, ast.Assign)
                for t in n.targets if isinstance(t, ast.Name)}

    # every call site, in source order, to count them and read their literal arguments
    sites: dict[str, list] = {}

    def collect(body):
        for stmt in body:
            call = _step_call(stmt, methods)
            if call is not None:
                sites.setdefault(call.func.attr, []).append(call)
            for field in ("body", "orelse"):
                if isinstance(getattr(stmt, field, None), list):
                    collect(getattr(stmt, field))

    collect(construct.body)

    def key(call, item=None) -> str:
        name, calls = call.func.attr, sites[call.func.attr]
        if item is not None:
            return f"{name}:{item}"
        if len(calls) == 1:
            return name
        literals = [c.args[0].value if c.args and isinstance(c.args[0], ast.Constant)
                    and isinstance(c.args[0].value, str) else None for c in calls]
        if all(literals):
            return f"{name}:{literals[calls.index(call)]}"
        return f"{name}:{calls.index(call)}"

    out: list[str] = []

    def walk(body, loop=None):
        # loop: (index variable, item variable, index, item name) inside a fixed-list loop
        for stmt in body:
            call = _step_call(stmt, methods)
            if call is not None:
                per_item = loop is not None and any(
                    isinstance(a, ast.Name) and a.id == loop[1] for a in call.args)
                out.append(key(call, loop[3] if per_item else None))
            elif isinstance(stmt, ast.If):
                t = stmt.test
                if (loop is not None and isinstance(t, ast.Compare) and isinstance(t.left, ast.Name)
                        and t.left.id == loop[0] and isinstance(t.ops[0], ast.Eq)
                        and isinstance(t.comparators[0], ast.Name)):
                    hit = loop[2] == _module_constant(tree, t.comparators[0].id)
                    walk(stmt.body if hit else stmt.orelse, loop)
                else:
                    walk(stmt.body, loop)
                    walk(stmt.orelse, loop)
            elif isinstance(stmt, ast.For):
                it, target = stmt.iter, stmt.target
                idx_var = None
                if (isinstance(it, ast.Call) and isinstance(it.func, ast.Name)
                        and it.func.id == "enumerate"):
                    it = it.args[0]
                    idx_var, target = target.elts[0].id, target.elts[1]
                items = _fixed_items(it, tree, assigned)
                if items is None:
                    walk(stmt.body, loop)
                else:
                    for i, item in enumerate(items):
                        walk(stmt.body, (idx_var, target.id, i, item))
            else:
                for field in ("body", "orelse"):
                    if isinstance(getattr(stmt, field, None), list):
                        walk(getattr(stmt, field), loop)

    walk(construct.body)
    return list(dict.fromkeys(out))      # a step run at every pass of a loop is one key


IDS = [s.name for s in SECTIONS]


@pytest.mark.parametrize("sec", SECTIONS, ids=IDS)
def test_steps_are_the_scenes_steps_in_order(sec):
    want = expected_steps(sec)
    got = narr.steps(sec.number)
    assert set(want) - set(got) == set(), f"steps without narration in {sec.name}"
    assert set(got) - set(want) == set(), f"narration for no step in {sec.name}"
    assert got == want


def test_oracle_knows_the_special_cases():
    """The rule's every branch, on the scenes that need it: a check of the oracle itself."""
    s02 = expected_steps(SECTIONS[1])
    table = list(functions.TABLE)
    brk = table[_module_constant(_tree(SCENES / "s02_common_derivatives.py"), "PAGE_BREAK")]
    assert s02[s02.index("turn_page") + 1] == f"show_function:{brk}"
    assert [k.split(":")[1] for k in s02 if k.startswith("show_function:")] == table
    assert "show_rule:product" in expected_steps(SECTIONS[4])
    assert {"shrink_dx:0", "shrink_dx:1"} <= set(expected_steps(SECTIONS[3]))
    s07 = expected_steps(SECTIONS[6])
    assert s07.index("travel_to:0") < s07.index("mark_zero_slope") < s07.index("travel_to:1")
    s11 = expected_steps(SECTIONS[10])
    assert s11[2:] == ["descend:0", "show_minimum", "show_outcome:0", "descend:1",
                       "show_outcome:1"]
    assert all(s[0] == "show_title" for s in map(expected_steps, SECTIONS))


# --- the texts -------------------------------------------------------------------------------

def _all():
    for sec in SECTIONS:
        for step in narr.steps(sec.number):
            yield sec, step


ALL = list(_all())
ALL_IDS = [f"{s.number:02d}-{k}" for s, k in ALL]
CJK = re.compile(r"[\u3400-\u9fff]")


@pytest.mark.parametrize("sec,step", ALL, ids=ALL_IDS)
def test_zh_is_chinese_en_is_english(sec, step):
    zh, en = (narr.template(sec.number, step, lang) for lang in LANGS)
    cjk = len(CJK.findall(zh))
    latin = len(re.findall(r"[A-Za-z0-9]", zh))
    assert cjk >= 5 and cjk > latin, (cjk, latin, zh)
    assert not CJK.search(en), en
    assert set(c for c in en if ord(c) > 127) <= EN_EXTRA, en
    assert len(re.findall(r"[A-Za-z]+", en)) >= 4, en
    assert "。" not in en and ".." not in en and "  " not in en and "  " not in zh


def _sentences(text: str, lang: str) -> int:
    if lang == "zh":
        return len(re.findall(r"[。！？]", text)) + (text.rstrip()[-1] not in "。！？")
    return len(re.findall(r"[.!?](?=\s|$)", text))


@pytest.mark.parametrize("sec,step", ALL, ids=ALL_IDS)
def test_readable_length(sec, step):
    for lang, cps, clause in (("zh", ZH_CPS, ZH_CLAUSE), ("en", EN_CPS, EN_CLAUSE)):
        text = narr.template(sec.number, step, lang)
        assert 1 <= _sentences(text, lang) <= 4, text
        assert len(text) / cps <= MAX_STEP_READING, (len(text) / cps, text)
        stops = r"[。！？；，、：]" if lang == "zh" else r"[.!?;:,](?=\s|$)"
        longest = max(len(p.strip()) for p in re.split(stops, text))
        assert longest <= clause, (longest, text)
        assert text == text.strip() and text[-1] in "。！？.!?", text


def _docstring_placeholders(number: int) -> dict:
    """``{step: {fields}}`` as the module's docstring lists them ("Placeholders: none." or
    "Placeholders:" then one indented "step: {a}, {b}" line per step)."""
    path = NARRATION / f"s{number:02d}.py"
    if not path.exists():   # a new section's narration beside its strings: no docstring, none
        path = NARRATION.parent / "strings" / f"s{number:02d}.py"
        doc = ast.get_docstring(_tree(path)) or "Placeholders: none."
    else:
        doc = ast.get_docstring(_tree(path))
    m = re.search(r"^Placeholders:(.*)$", doc, re.M)
    assert m, f"s{number:02d}.py's docstring lists no placeholders"
    if m.group(1).strip() == "none.":
        return {}
    out = {}
    for line in doc[m.end():].splitlines()[1:]:
        if not line.startswith("    "):
            break
        step, _, rest = line.strip().partition(": ")
        out[step] = set(re.findall(r"\{(\w+)\}", rest))
    assert out, f"s{number:02d}.py: 'Placeholders:' with no list"
    return out


@pytest.mark.parametrize("sec", SECTIONS, ids=IDS)
def test_placeholders_are_the_documented_ones(sec):
    listed = _docstring_placeholders(sec.number)
    assert set(listed) <= set(narr.steps(sec.number)), "a listed step that does not exist"
    for step in narr.steps(sec.number):
        for lang in LANGS:
            text = narr.template(sec.number, step, lang)
            got = {f for _, f, _, _ in string.Formatter().parse(text) if f is not None}
            assert got == listed.get(step, set()), (step, lang, got)
        assert narr.fields(sec.number, step) == frozenset(listed.get(step, set()))


@pytest.mark.parametrize("sec", [s for s in SECTIONS if s.options], ids=lambda s: s.name)
def test_no_option_dependent_number_is_typed_in(sec):
    for step in narr.steps(sec.number):
        for lang in LANGS:
            text = re.sub(r"\b[23]D\b", "", narr.template(sec.number, step, lang))  # 3D
            nums = set(re.findall(r"\d+(?:\.\d+)?", text))
            assert nums <= OPTION_FREE_NUMBERS, (step, lang, nums)


# --- the lecture's facts it quotes, against mathcore ----------------------------------------

def _both(sec: int, step: str) -> tuple:
    return tuple(narr.template(sec, step, lang) for lang in LANGS)


def test_activation_facts_match_mathcore():
    xs = np.linspace(-20, 20, 40001)
    sig = functions.get("sigmoid")
    assert sig.df(0.0) == pytest.approx(0.25, abs=1e-15)
    assert np.max(sig.df(xs)) == pytest.approx(0.25, abs=1e-12)
    assert (float(sig.f(-np.inf)), float(sig.f(np.inf))) == (0.0, 1.0)
    assert all("(0, 1)" in t and "1/4" in t for t in _both(3, "show_activation:sigmoid"))
    tanh = functions.get("tanh")
    assert (float(tanh.f(-np.inf)), float(tanh.f(np.inf))) == (-1.0, 1.0)
    assert all(re.search(r"\([−-]1, 1\)", t) for t in _both(3, "show_activation:tanh"))
    relu = functions.get("relu")
    assert (relu.df(2.0), relu.df(0.0), relu.df(-2.0)) == (1.0, 0.0, 0.0)
    assert "1" in _both(3, "show_activation:relu")[0]
    assert functions.get("leaky_relu").df(-1.0) == pytest.approx(0.01)
    assert all("0.01" in t for t in _both(3, "show_activation:leaky_relu"))
    for alpha in (0.5, 1.0, 2.0):
        assert float(functions.get("elu", alpha=alpha).f(-np.inf)) == pytest.approx(-alpha)
    zh, en = _both(3, "show_activation:elu")
    assert "−α" in zh and "minus alpha" in en
    assert len(functions.ACTIVATIONS) == 6
    zh, en = _both(3, "clear_grid")
    assert "六" in zh and "six" in en


def test_softmax_facts_match_mathcore():
    x = np.array([2.0, 1.0, 0.1])
    p = functions.softmax(x)
    assert np.all((p > 0) & (p < 1)) and p.sum() == pytest.approx(1.0)
    np.testing.assert_allclose(functions.softmax(x + 3.7), p, rtol=1e-12)


def test_derivative_table_facts_match_mathcore():
    xs = np.linspace(-1.4, 1.4, 29)
    exp, cos, tan = functions.get("exp"), functions.get("cos"), functions.get("tan")
    np.testing.assert_allclose(exp.df(xs), exp.f(xs), rtol=1e-14)
    np.testing.assert_allclose(cos.df(xs), -np.sin(xs), atol=1e-14)
    assert np.all(tan.df(xs) > 0)
    asin, acos = functions.get("arcsin"), functions.get("arccos")
    inner = np.linspace(-0.99, 0.99, 21)
    np.testing.assert_allclose(acos.df(inner), -asin.df(inner), rtol=1e-14)
    assert asin.df(1 - 1e-12) > 1e5


def test_chain_rule_steps_match_mathcore():
    ex = chain.lecture_example()
    zh, en = _both(9, "show_steps")
    for x in (-2.0, -0.5, 0.0, 1.0, 3.0):
        s = ex.steps(x)
        assert s["g'(x)"] == pytest.approx(3.0)                      # g'(x) = 3
        assert s["f'(u)"] == pytest.approx(2 * (3 * x + 2))           # f'(u) = 2u at u = g(x)
        assert s["h'(x)"] == pytest.approx(2 * (3 * x + 2) * 3)       # h'(x) = 2(3x + 2) * 3
        assert ex.f(x) == pytest.approx((3 * x + 2) ** 2)
    zh_said = ("g'(x) 等于 3", "f'(u) 等于 2u", "f'(g(x)) 等于 2(3x + 2)",
               "h'(x) 等于 2(3x + 2) 乘以 3")
    en_said = ("g'(x) = 3", "f'(u) = 2u", "f'(g(x)) = 2(3x + 2)", "h'(x) = 2(3x + 2) times 3")
    assert all(s in zh for s in zh_said), zh
    assert all(s in en for s in en_said), en
    assert "(3x + 2)" in _both(9, "show_example")[0]


def test_tangent_plane_is_level_where_the_scene_says_so():
    """The narration says the plane ends level: at the lesson's last point, both slopes of the
    lesson's surface are 0 (mathcore's tangent plane, not the lesson's own verdict)."""
    import lessons
    les = lessons.load("tangent_plane")
    p = surfaces.tangent_plane(surfaces.get(les.surface_name), les.radius * math.cos(les.s_end),
                               les.radius * math.sin(les.s_end))
    assert abs(p.fx) < 1e-9 and abs(p.fy) < 1e-9


# --- the API ---------------------------------------------------------------------------------

def test_sections_by_number_or_name():
    for sec in SECTIONS:
        for key in (sec, sec.number, str(sec.number), f"{sec.number:02d}", sec.slug, sec.name):
            assert narr.steps(key) == narr.steps(sec.number)
    last = len(SECTIONS)
    for bad in (0, last + 1, str(last + 1), "derivatives", "", None):
        with pytest.raises(ValueError, match="unknown section"):
            narr.steps(bad)


def test_narration_fills_placeholders_and_refuses_what_is_missing():
    assert narr.narration(10, "show_loss", "en", loss="7200").endswith("here 7200.")
    zh = narr.narration("backprop", "show_second_forward_pass", "zh", loss="7200",
                        loss_after="3225.14", unused="x")
    assert "7200" in zh and "3225.14" in zh and "{" not in zh
    with pytest.raises(KeyError, match="loss_after"):
        narr.narration(10, "show_second_forward_pass", "en", loss="7200")
    with pytest.raises(KeyError, match="no narration for step"):
        narr.narration(1, "show_nothing", "zh")
    with pytest.raises(ValueError, match="unknown language"):
        narr.narration(1, "show_title", "fr")
    assert narr.narration(1, "show_title", "zh") == narr.table(1)["show_title"][0]


def test_table_is_a_copy():
    narr.table(1)["show_title"] = ("x", "y")
    assert narr.table(1)["show_title"] != ("x", "y")


def test_doctests():
    assert doctest.testmod(narr, raise_on_error=False).failed == 0
