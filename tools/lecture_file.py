"""A lecturer's own lecture in one TOML file: a title, the language, the quality, and her
sections in her order, each with its own example.

    title = "导数与梯度下降"            # or a table: title = { zh = "...", en = "..." }
    lang = "zh"                          # zh, en or all
    quality = "preview"                  # test, preview, 720p, 1080p, ... or l, m, h, p, k

    [[section]]
    use = "tangent_2d"                   # a section: its name, number or NN_name
    title = "切线"                        # the chapter's title (default: the section's)
    name = "cubic-tangent"               # the outputs' name (default: from the options)
    function = "x**3 - 2*x"
    range = [-2, 2]

Read with the standard library's ``tomllib``; every value is checked by the same rules as the
command line (``tools.options``). A problem is one ``ValueError`` line naming the key and the
section entry, which render.py prints as ``error: ...`` with exit code 2.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from lecture import strings
from lecture.sections import GIFS, SECTIONS, SURFACE_TARGETS, Section

OPTION_KEYS = ("function", "point", "range", "lr", "steps", "momentum", "w1", "w2", "x", "y")
ENTRY_KEYS = ("use", "title", "name") + OPTION_KEYS
TOP_KEYS = ("title", "lang", "quality", "section")
MAX_BYTES = 256 * 1024
MAX_SECTIONS = 100
MAX_TITLE = 80
NAME_RE = re.compile(r"[a-z0-9][a-z0-9_-]{0,59}")


@dataclass(frozen=True)
class Entry:
    """One ``[[section]]`` of the file: the section it uses and its own choices."""

    index: int                     # 1-based, in the file's order
    section: Section
    options: dict                  # the options as written (checked), only those given
    titles: dict = field(default_factory=dict)   # lang -> the chapter's title
    name: str | None = None
    values: dict = field(default_factory=dict)   # target -> its checked values (check_options)

    def where(self) -> str:
        return f"[[section]] {self.index} (use = {self.section.slug!r})"

    def title(self, lang: str) -> str:
        return self.titles.get(lang) or self.section.title(lang)


@dataclass(frozen=True)
class LectureFile:
    path: Path
    entries: tuple
    titles: dict = field(default_factory=dict)
    lang: str | None = None
    quality: str | None = None

    @property
    def slug(self) -> str:
        """The file's name as a folder name: my lecture.toml -> my-lecture."""
        s = re.sub(r"[^a-z0-9_-]+", "-", self.path.stem.lower()).strip("-")
        return s or "lecture"

    def title(self, lang: str) -> str:
        return self.titles.get(lang) or strings.text("lecture.title", lang)


def _show(v) -> str:
    s = repr(v)
    return s if len(s) <= 50 else s[:47] + "..."


def _one_line(text, what: str) -> str:
    if not isinstance(text, str):
        raise ValueError(f"{what} must be text, got {_show(text)}")
    s = text.strip()
    if not s:
        raise ValueError(f"{what} is empty")
    if any(ord(c) < 32 or ord(c) == 127 for c in s):
        raise ValueError(f"{what} must be one line of text")
    if len(s) > MAX_TITLE:
        raise ValueError(f"{what} is too long ({len(s)} characters; at most {MAX_TITLE})")
    return s


def _titles(value, what: str) -> dict:
    """A title as text (every language) or as a table {zh = ..., en = ...}."""
    if isinstance(value, dict):
        extra = sorted(set(value) - set(strings.LANGS))
        if extra:
            raise ValueError(f"{what} has an unknown language {extra[0]!r}; allowed: "
                             f"{', '.join(strings.LANGS)}")
        return {k: _one_line(v, f"{what}.{k}") for k, v in value.items()}
    t = _one_line(value, what)
    return {lang: t for lang in strings.LANGS}


def _section(use, what: str) -> Section:
    if isinstance(use, bool) or not isinstance(use, (str, int)):
        raise ValueError(f"{what}: use must name a section (e.g. \"tangent_2d\" or 7), got "
                         f"{_show(use)}")
    key = str(use).strip().lower()
    for s in SECTIONS:
        if key in (s.slug, s.name, str(s.number), f"{s.number:02d}", s.scene.lower()):
            return s
    import difflib
    close = difflib.get_close_matches(key, [s.slug for s in SECTIONS], n=2, cutoff=0.5)
    hint = f"; did you mean {' or '.join(close)}?" if close else ""
    raise ValueError(f"{what}: unknown section {_show(use)}{hint} (sections: "
                     f"{', '.join(s.slug for s in SECTIONS)})")


def accepted(section: Section) -> frozenset:
    """The options a section takes in a lecture file: its scene's and its GIFs'."""
    out = set(section.options)
    for g in GIFS:
        if g.section == section.number:
            out |= g.options
    return frozenset(out)


_TYPES = {  # option -> (what it must be, the TOML types allowed)
    "function": ("text", (str,)),
    "point": ("a number, or two for the 3D section", (int, float, str, list)),
    "range": ("two numbers, e.g. [-2, 2]", (str, list)),
    "lr": ("a number", (int, float, str)),
    "steps": ("a whole number", (int, str)),
    "momentum": ("a number", (int, float, str)),
    "w1": ("a number or 6 numbers", (int, float, str, list)),
    "w2": ("a number or 3 numbers", (int, float, str, list)),
    "x": ("two numbers", (str, list)),
    "y": ("a number", (int, float, str)),
}


def _plain_option(key: str, value):
    """The TOML value as the command line would give it (checked for its type first)."""
    want, types = _TYPES[key]
    if isinstance(value, bool) or not isinstance(value, types):
        raise ValueError(f"{key} must be {want}, got {_show(value)}")
    if isinstance(value, list):
        if not value or len(value) > 6 or not all(
                isinstance(v, (int, float)) and not isinstance(v, bool) for v in value):
            raise ValueError(f"{key} must be {want}, got {_show(value)}")
        return [float(v) for v in value]
    return value


def _options_message(e: ValueError) -> str:
    """An options error written for the command line, said in the file's words."""
    msg = str(e)
    for k in OPTION_KEYS:
        msg = msg.replace(f"--{k}", k)
    return msg


def check_options(section: Section, raw: dict) -> dict:
    """The entry's options checked for the section's scene and each of its GIFs that can show
    her example (a GIF that does not take them all is left out), by the command line's rules:
    ``{target name: its checked values}`` ({} for the lecture's own example)."""
    from tools import options
    targets = [(section.name, section.options)] + [(g.slug, g.options) for g in GIFS
                                                   if g.section == section.number]
    out = {}
    for name, takes in targets:
        if not set(raw) <= set(takes) and name != section.name:
            continue  # this GIF cannot show her example: it is left out for this entry
        mine = {k: v for k, v in raw.items() if k in takes}
        out[name] = options.resolve(mine, takes, name, name in SURFACE_TARGETS,
                                    lesson=section.slug) if mine else {}
    return out


def read(path) -> LectureFile:
    """The lecture file at ``path``, checked; any problem is one ValueError line."""
    label = str(path)
    if not label.strip() or any(ord(c) < 32 for c in label):
        raise ValueError("--config must name a lecture file (a .toml file) on one line")
    p = Path(path)
    try:
        if p.is_dir():
            raise ValueError(f"lecture file {label} is a folder, not a file")
        if p.exists() and not p.is_file():   # a device or a pipe: /dev/zero would never end
            raise ValueError(f"lecture file {label} is not a regular file")
        size = p.stat().st_size
        if size > MAX_BYTES:
            raise ValueError(f"lecture file {label} is too large ({size} bytes; at most "
                             f"{MAX_BYTES})")
        data = p.read_bytes()
    except FileNotFoundError:
        raise ValueError(f"lecture file {label} does not exist") from None
    except PermissionError:
        raise ValueError(f"lecture file {label} cannot be read (permission denied)") from None
    except OSError as e:
        raise ValueError(f"lecture file {label} cannot be read ({e.strerror or e})") from None
    if data.startswith(b"\xef\xbb\xbf"):   # a byte-order mark (Windows editors): not TOML's
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise ValueError(f"lecture file {label} is not UTF-8 text") from None
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise ValueError(f"lecture file {label} is not valid TOML: {e}") from None
    except RecursionError:
        raise ValueError(f"lecture file {label} is nested too deeply") from None
    try:
        return _parse(p, doc)
    except ValueError as e:
        raise ValueError(f"{label}: {e}") from None


def _parse(p: Path, doc: dict) -> LectureFile:
    extra = [k for k in doc if k not in TOP_KEYS]
    if extra:
        raise ValueError(f"unknown key {extra[0]!r} at the top; allowed: {', '.join(TOP_KEYS)}")
    titles = _titles(doc["title"], "title") if "title" in doc else {}
    lang = doc.get("lang")
    if lang is not None:
        if not isinstance(lang, str) or (lang != "all" and lang not in strings.LANGS):
            raise ValueError(f"lang must be {', '.join(strings.LANGS)} or all, got {_show(lang)}")
    quality = doc.get("quality")
    if quality is not None and not isinstance(quality, str):
        raise ValueError(f"quality must be text, got {_show(quality)}")
    sections = doc.get("section")
    if sections is None:
        raise ValueError("no [[section]] entries: list the lecture's sections as "
                         "[[section]] tables, each with use = \"<section>\"")
    if isinstance(sections, dict):
        raise ValueError("write [[section]] (a list of sections), not [section]")
    if not isinstance(sections, list) or not all(isinstance(s, dict) for s in sections):
        raise ValueError("section must be a list of [[section]] tables")
    if not sections:
        raise ValueError("no [[section]] entries")
    if len(sections) > MAX_SECTIONS:
        raise ValueError(f"too many sections ({len(sections)}; at most {MAX_SECTIONS})")
    entries, names = [], {}
    for i, raw in enumerate(sections, 1):
        where = f"[[section]] {i}"
        if "use" not in raw:
            raise ValueError(f"{where} has no use = \"...\" (the section it shows)")
        sec = _section(raw["use"], where)
        where = f"[[section]] {i} (use = {sec.slug!r})"
        try:
            entries.append(_entry(i, sec, raw, names))
        except ValueError as e:
            raise ValueError(f"{where}: {e}") from None
    return LectureFile(p, tuple(entries), titles, lang, quality)


def _entry(i: int, sec: Section, raw: dict, names: dict) -> Entry:
    takes = accepted(sec)
    for k in raw:
        if k not in ENTRY_KEYS:
            import difflib
            close = difflib.get_close_matches(str(k), ENTRY_KEYS, n=1, cutoff=0.6)
            hint = f" (did you mean {close[0]}?)" if close else ""
            raise ValueError(f"unknown key {str(k)!r}{hint}")
        if k in OPTION_KEYS and k not in takes:
            allowed = ", ".join(o for o in OPTION_KEYS if o in takes) or "no options"
            raise ValueError(f"{sec.slug} does not take {k}; it takes {allowed}")
    opts = {k: _plain_option(k, raw[k]) for k in OPTION_KEYS if k in raw}
    try:
        values = check_options(sec, opts)
    except ValueError as e:
        raise ValueError(_options_message(e)) from None
    titles = _titles(raw["title"], "title") if "title" in raw else {}
    name = None
    if "name" in raw:
        name = raw["name"]
        if not isinstance(name, str) or not NAME_RE.fullmatch(name):
            raise ValueError(f"name must be 1-60 of a-z, 0-9, '-' and '_' (a file name), got "
                             f"{_show(name)}")
        if any(name == s.name or name == g.slug for s in SECTIONS for g in GIFS):
            raise ValueError(f"name {name!r} is the name of the lecture's own output: choose "
                             "another")
        if name in names:
            raise ValueError(f"name {name!r} is already used by [[section]] {names[name]}")
        names[name] = i
    return Entry(i, sec, opts, titles, name, values)
