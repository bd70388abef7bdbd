"""Lessons: one module per lecture section, the section's example as a value built from options.

A lesson holds every choice its section makes (function, point, range, sweep, learning rates,
defaults) and computes every array that either renderer draws -- the Manim scene and the
matplotlib GIF of a section both draw from the same lesson, so the same options give both the
same numbers. numpy and mathcore only: no manim, no matplotlib, no files, no environment.

Every module ``lessons.<name>`` (``name`` is the section's slug, as in ``lecture.sections``) has

- ``OPTIONS``: the option names it takes (a frozenset; may be empty);
- ``complete(values) -> dict``: the defaults that the given (already parsed) options imply, filled
  in; ``{}`` stays ``{}`` (the lecture's own example);
- ``from_options(values=None) -> Lesson``: the lesson; ``from_options()`` is the lecture's example.

A lesson object has ``parameters() -> dict``: every choice that made it, JSON-ready (written
beside a lecturer's own outputs), and ``custom`` (True when options were given).

>>> import lessons
>>> lessons.load("tangent_2d").custom
False
"""

from __future__ import annotations

from importlib import import_module
from types import ModuleType


def module(name: str) -> ModuleType:
    """``lessons.<name>``, the section's lesson module."""
    return import_module(f"{__name__}.{name}")


def load(name: str, options: dict | None = None):
    """The lesson of section ``name`` built from ``options`` (none: the lecture's own example)."""
    return module(name).from_options(dict(options or {}))


def complete(name: str, values: dict) -> dict:
    """``values`` with the defaults the lesson's options imply filled in (a new dict)."""
    return module(name).complete(dict(values))
