"""What the lecturer says in each step of each section, in zh and en: the narration table that
subtitles, the deck's speaker notes and any voice track read.

One module per section, ``sNN.py``, beside the string table (``lecture/strings``), defines
``NARRATION = {step: (zh, en)}`` in the order the steps run. Its docstring lists the
placeholders its texts hold (``str.format`` fields, filled by the caller with the numbers the
scene shows); a number that depends on the lecturer's options is never typed in here.

How steps are keyed. A step is a call ``self.NAME(...)`` in the scene's ``construct()`` to a
method the project defines (in the scene class or in ``scenes/style.py``'s ``LectureScene``);
manim's own ``self.wait``/``self.play``... are not steps. Its key is

- ``NAME`` when ``construct()`` calls ``NAME`` from one place only (``show_title``);
- ``NAME:ITEM`` for a call in a loop over one of the lecture's fixed lists, one entry per item,
  ``ITEM`` the item's name in mathcore (``show_function:power``, ``show_activation:relu``);
- ``NAME:ARG`` when ``NAME`` is called from several places, each with a string literal as first
  argument (``show_rule:sum``, ``show_rule:product``, ``show_rule:quotient``);
- ``NAME:K`` when ``NAME`` is called from several places otherwise, ``K`` the place's number
  counting from 0 in source order (``shrink_dx:0``, ``shrink_dx:1``; ``descend:0``,
  ``descend:1``). A call in a loop whose length depends on the options (section 7's stops at
  the zero-slope points) is one place: its text is said at every pass, and written to bear it.

``steps(section)`` lists a section's keys in the order they run with the lecture's own example;
steps in the two branches of an ``if`` (section 11: ``show_minimum`` or ``show_outcome:0``) are
both listed, in source order, and only the one that runs is said.

>>> narration(1, "show_limit", "en")[:38]
'The secant has become the tangent, and'
>>> narration("backprop", "show_loss", "en", loss="7200")[-10:]
'here 7200.'
"""

from __future__ import annotations

import importlib
import string

from ..sections import SECTIONS, Section
from ..strings import LANGS, check_lang

__all__ = ["narration", "steps", "fields", "template", "table", "section"]


def section(key) -> Section:
    """The section for a number (7, "7", "07"), a slug ("tangent_2d") or a name
    ("07_tangent_2d")."""
    if isinstance(key, Section):
        return key
    for s in SECTIONS:
        if key == s.number or (isinstance(key, str) and key.strip() in
                               (str(s.number), f"{s.number:02d}", s.slug, s.name)):
            return s
    names = ", ".join(s.slug for s in SECTIONS)
    raise ValueError(f"unknown section {key!r}; use 1-{len(SECTIONS)} or one of: {names}")


def _fields(text: str) -> frozenset:
    return frozenset(f for _, f, _, _ in string.Formatter().parse(text) if f is not None)


def module_table(number: int) -> dict:
    """Section ``number``'s ``NARRATION``: from ``lecture/narration/sNN.py``, else from its string
    module ``lecture/strings/sNN.py`` (a new section may keep both tables in one file); ``{}``
    when neither has one."""
    try:
        return importlib.import_module(f"{__name__}.s{number:02d}").NARRATION
    except ModuleNotFoundError:
        try:
            mod = importlib.import_module(f"lecture.strings.s{number:02d}")
        except ModuleNotFoundError:
            return {}
        return getattr(mod, "NARRATION", {})


def _load(s: Section) -> dict:
    out = {}
    for step, pair in module_table(s.number).items():
        if not (isinstance(pair, tuple) and len(pair) == len(LANGS)
                and all(isinstance(t, str) and t.strip() for t in pair)):
            raise RuntimeError(f"narration {s.name} {step!r} must be a (zh, en) pair of texts")
        if len({_fields(t) for t in pair}) != 1:
            raise RuntimeError(f"narration {s.name} {step!r}: zh and en hold different fields")
        out[step] = pair
    return out


TABLE = {s.number: _load(s) for s in SECTIONS}


def table(sec) -> dict:
    """``{step: (zh, en)}`` of a section, in step order (templates, fields not filled)."""
    return dict(TABLE[section(sec).number])


def steps(sec) -> list[str]:
    """The section's step keys, in the order they run."""
    return list(TABLE[section(sec).number])


def _pair(sec, step: str) -> tuple:
    s = section(sec)
    try:
        return TABLE[s.number][step]
    except KeyError:
        raise KeyError(f"no narration for step {step!r} of {s.name}; "
                       f"its steps: {', '.join(TABLE[s.number])}") from None


def template(sec, step: str, lang: str) -> str:
    """The narration of ``step`` in ``lang`` with its ``{fields}`` unfilled."""
    check_lang(lang)
    return _pair(sec, step)[LANGS.index(lang)]


def fields(sec, step: str) -> frozenset:
    """The placeholders the step's narration needs (the same in every language)."""
    return _fields(_pair(sec, step)[0])


def narration(sec, step: str, lang: str, **values) -> str:
    """What the lecturer says in ``step`` of section ``sec`` (a number or a name), in ``lang``,
    with the placeholders filled from ``values`` (extra values are ignored)."""
    text = template(sec, step, lang)
    missing = _fields(text) - values.keys()
    if missing:
        raise KeyError(f"narration {section(sec).name} {step!r} needs "
                       f"{', '.join(sorted(missing))}")
    return text.format(**values) if values else text
