"""Options travel as arguments: no package that draws or computes reads the environment, and
none branches on anything but constants at import time (DESIGN.md: options -> lesson -> scene or
animation -> render.py). Read from the source with ast: a static property of the tree."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("scenes", "animations", "lecture", "mathcore", "lessons")
FILES = sorted(p for pkg in PACKAGES for p in (ROOT / pkg).rglob("*.py"))


def _reads_environment(tree: ast.AST) -> list[int]:
    lines = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr in ("environ", "getenv", "environb"):
            lines.append(node.lineno)
        if isinstance(node, ast.ImportFrom) and node.module == "os" and any(
                a.name in ("environ", "getenv") for a in node.names):
            lines.append(node.lineno)
    return lines


def _module_level_branches(tree: ast.Module) -> list[int]:
    """if/try/match statements at module level whose test is not a plain constant check
    (``if TYPE_CHECKING`` and ``if __name__ == "__main__"`` are fine; so is ``try: import``)."""
    out = []
    for node in tree.body:
        if isinstance(node, ast.If):
            src = ast.unparse(node.test)
            if src in ("TYPE_CHECKING", "__name__ == '__main__'"):
                continue
            out.append(node.lineno)
        elif isinstance(node, ast.Match):
            out.append(node.lineno)
    return out


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_environment_reads_and_no_import_time_branches(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    assert not _reads_environment(tree), f"{path.name} reads the environment at lines " \
        f"{_reads_environment(tree)}: take it as an argument"
    assert not _module_level_branches(tree), f"{path.name} branches at import time at lines " \
        f"{_module_level_branches(tree)}"


def test_the_old_environment_channel_is_gone():
    assert not (ROOT / "lecture" / "params.py").exists()
    for p in FILES + [ROOT / "render.py"]:
        text = p.read_text(encoding="utf-8")
        assert "CALCANIM_PARAMS" not in text and "CALCANIM_LECTURE_LANG" not in text, p


def test_the_checker_finds_what_it_looks_for():
    """The two detectors are not vacuous."""
    t = ast.parse("import os\nA = os.environ.get('X')\nif A:\n    B = 1\n")
    assert _reads_environment(t) == [2]
    assert _module_level_branches(t) == [3]
    t = ast.parse("from os import getenv\nif __name__ == '__main__':\n    pass\n")
    assert _reads_environment(t) == [1] and _module_level_branches(t) == []
