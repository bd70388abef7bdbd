"""Steps: the unit the deck, the narration and the subtitles share.

A section's ``construct()`` is a list of named steps (``self.show_curve()``, ``self.descend(...)``).
Every method that the section's narration table names (``lecture.narration.sNN.NARRATION``) is a
step: when it is called from ``construct`` (not from inside another step) the scene records the
step's key, its start and end time in the video and the narration said there. A step whose
narration cannot be read at the subtitle rates (``lecture.subtitles``) in the time its animations
take waits at its end until it can, in both languages, so the zh and en videos keep one timing.

A step called more than once is keyed ``name:item``: the item is the call's first argument when
it is a string (``show_rule("sum")``) or has a ``name`` (an activation, a table row), otherwise
the call's count from 0 (``shrink_dx:0``, ``shrink_dx:1``). The key used is the first of
``name:item``, ``name:count`` and ``name`` that the table holds.
"""

from __future__ import annotations

import functools
import importlib
from string import Formatter

from lecture import subtitles

LANGS = ("zh", "en")
TAIL = 0.25        # s of picture after the last cue of a step, before the next step begins


def narration_table(section: int) -> dict:
    """The section's narration ``{key: (zh, en)}``; empty when it has none."""
    try:
        return importlib.import_module(f"lecture.narration.s{section:02d}").NARRATION
    except ModuleNotFoundError:
        return {}


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


def _fill(text: str, fields: dict) -> str:
    names = {f for _, f, _, _ in Formatter().parse(text) if f}
    return text.format(**{n: fields.get(n, "0.000") for n in names}) if names else text


def _wrap(name, method):
    @functools.wraps(method)
    def step(self, *args, **kwargs):
        if getattr(self, "_in_step", False):
            return method(self, *args, **kwargs)
        counts = self.__dict__.setdefault("_step_counts", {})
        count = counts.get(name, 0)
        counts[name] = count + 1
        table = narration_table(self.SECTION)
        key = step_key(table, name, count, _item(args, kwargs)) or f"{name}:{count}"
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
        took = self.renderer.time - start
        if need and took < need + TAIL:
            self.wait(need + TAIL - took)
        self.steps.append({"key": key, "start": round(start, 4),
                           "end": round(self.renderer.time, 4), "narration": said})
        return result
    step.is_step = True
    return step


class Stepped:
    """Mix into a scene class with a ``SECTION`` number: its narrated methods become steps,
    recorded in ``self.steps`` (a list of ``{key, start, end, narration}``) as they run."""

    SECTION = 0

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        table = narration_table(cls.SECTION) if cls.SECTION else {}
        for name in {k.split(":")[0] for k in table}:
            method = getattr(cls, name, None)
            if callable(method) and not getattr(method, "is_step", False):
                setattr(cls, name, _wrap(name, method))

    @property
    def steps(self) -> list:
        return self.__dict__.setdefault("_steps", [])
