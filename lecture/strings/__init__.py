"""One table of on-screen strings in zh and en, assembled from a module per part.

Each module ``sNN.py`` (and ``common.py``) defines ``STRINGS = {key: (zh, en)}``; keys are
unique across the table. ``text(key, lang)`` looks one up; ``str.format`` fields in a string
are filled by the caller with numbers from mathcore, never typed in here.
"""

from __future__ import annotations

import importlib
import pkgutil

LANGS = ("zh", "en")
DEFAULT_LANG = "zh"


def _load() -> dict:
    table: dict = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        mod = importlib.import_module(f"{__name__}.{info.name}")
        for key, pair in mod.STRINGS.items():
            if key in table:
                raise RuntimeError(f"string key {key!r} defined twice (again in {info.name})")
            if not (isinstance(pair, tuple) and len(pair) == 2):
                raise RuntimeError(f"string {key!r} in {info.name} must be a (zh, en) pair")
            table[key] = pair
    return table


TABLE = _load()


def check_lang(lang: str) -> str:
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}; allowed: {', '.join(LANGS)}")
    return lang


def text(key: str, lang: str, **fields) -> str:
    """The string ``key`` in ``lang``, with ``fields`` formatted in."""
    check_lang(lang)
    try:
        s = TABLE[key][LANGS.index(lang)]
    except KeyError:
        raise KeyError(f"no string {key!r} in the table") from None
    return s.format(**fields) if fields else s
