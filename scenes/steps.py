"""Steps: the unit the deck, the narration and the subtitles share.

A section's ``construct()`` is a list of named steps (``self.show_curve()``, ``self.descend(...)``).
Every method that the section's narration table names (``lecture.narration.sNN.NARRATION``) is a
step: when it is called from ``construct`` (not from inside another step) the scene records the
step's key, its start and end time in the video and the narration said there. A step whose
narration cannot be read at the subtitle rates (``lecture.subtitles``) in the time its animations
take waits at its end until it can, in both languages, so the zh and en videos keep one timing.

Keys follow the narration table's rule (``lecture/narration``): ``name`` for a step called from
one place; ``name:item`` when the call's first argument is a string (``show_rule("sum")``) or an
item with a ``name`` (an activation, a table row); otherwise ``name:K``, K the call site's place
among that step's call sites in ``construct`` (``shrink_dx:0``, ``shrink_dx:1``), so a call in a
loop says the same text at every pass. The key used is the first of ``name:item``, ``name:K``
and ``name`` that the table holds.
"""

from __future__ import annotations

import ast
import functools
import inspect
import math
import sys
import textwrap
from string import Formatter

from manim import config

from lecture import subtitles

LANGS = ("zh", "en")
TAIL = 0.25        # s of picture after the last cue of a step, before the next step begins


def narration_table(section: int) -> dict:
    """The section's narration ``{key: (zh, en)}``; empty when it has none."""
    from lecture.narration import module_table
    return module_table(section)


def _item(args, kwargs):
    first = args[0] if args else next(iter(kwargs.values()), None)
    if isinstance(first, str):
        return first
    name = getattr(first, "name", None)
    return name if isinstance(name, str) else None


def step_key(table: dict, name: str, count: int, item: str | None) -> str | None:
    for key in (f"{name}:{item}" if item else None, f"{name}:{count}", name):
        if key and key in table:
            return key
    return None


@functools.lru_cache(maxsize=None)
def call_sites(cls: type, name: str) -> tuple[int, ...]:
    """Line numbers (in the file) of the calls ``self.NAME(...)`` in ``cls``'s ``construct``."""
    owner = next((c for c in cls.__mro__ if "construct" in c.__dict__), None)
    if owner is None:
        return ()
    fn = owner.__dict__["construct"]
    lines, first = inspect.getsourcelines(fn)
    tree = ast.parse(textwrap.dedent("".join(lines)))
    found = {node.lineno + first - 1 for node in ast.walk(tree)
             if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
             and node.func.attr == name and isinstance(node.func.value, ast.Name)
             and node.func.value.id == "self"}
    return tuple(sorted(found))


def _site(cls: type, name: str, frame) -> int | None:
    if frame is None or frame.f_code.co_name != "construct":
        return None
    sites = call_sites(cls, name)
    return sites.index(frame.f_lineno) if frame.f_lineno in sites else None


def _fill(text: str, fields: dict) -> str:
    names = {f for _, f, _, _ in Formatter().parse(text) if f}
    return text.format(**{n: fields.get(n, "0.000") for n in names}) if names else text


def _wrap(name, method):
    @functools.wraps(method)
    def step(self, *args, **kwargs):
        if getattr(self, "_in_step", False):
            return method(self, *args, **kwargs)
        site = _site(type(self), name, sys._getframe(1))
        counts = self.__dict__.setdefault("_step_counts", {})
        count = counts.get(name, 0)
        counts[name] = count + 1
        table = narration_table(self.SECTION)
        k = site if site is not None else count
        key = step_key(table, name, k, _item(args, kwargs)) or f"{name}:{k}"
        start = self.renderer.time
        self._in_step = True
        try:
            result = method(self, *args, **kwargs)
        finally:
            self._in_step = False
        fields = getattr(self, "narration_fields", {}) or {}
        said = {lang: _fill(table[key][i], fields) if key in table else ""
                for i, lang in enumerate(LANGS)}
        need = max(subtitles.reading_time(t, lang) for lang, t in said.items())
        if need:
            # the renderer counts whole frames: wait until the step is long enough
            frame = 1 / config.frame_rate
            for _ in range(4):
                short = need + TAIL - (self.renderer.time - start)
                if short <= 1e-9:
                    break
                self.wait(math.ceil(short / frame - 1e-6) * frame)
        self.step_log.append({"key": key, "start": round(start, 4),
                           "end": round(self.renderer.time, 4), "narration": said})
        return result
    step.is_step = True
    return step


class Stepped:
    """Mix into a scene class with a ``SECTION`` number: its narrated methods become steps,
    recorded in ``self.step_log`` (a list of ``{key, start, end, narration}``) as they run."""

    SECTION = 0

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        table = narration_table(cls.SECTION) if cls.SECTION else {}
        for name in {k.split(":")[0] for k in table}:
            method = getattr(cls, name, None)
            if callable(method) and not getattr(method, "is_step", False):
                setattr(cls, name, _wrap(name, method))

    @property
    def step_log(self) -> list:
        return self.__dict__.setdefault("_steps", [])
