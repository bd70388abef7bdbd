"""Subtitle cues from a step's narration: split so they can be read, timed inside the step.

The reading rules are the Netflix timed-text style guides' for Simplified Chinese and English:
at most ``cps`` characters a second, ``line`` characters a line, two lines a cue, and each cue
on screen between 5/6 s and 7 s. A step whose narration needs more time than its animation
takes waits longer (``reading_time`` tells the scene how long); cues never speed up.

>>> [c.text for c in cues("Small steps go down. Big steps overshoot.", 0.0, 6.0, "en")]
['Small steps go down.\\nBig steps overshoot.']
>>> round(reading_time("一二三四五六七八九", "zh"), 2)   # 9 characters at 9 a second
1.0
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

MIN_CUE = 5 / 6      # s
MAX_CUE = 7.0        # s
GAP = 2 / 24         # s between cues of one step (two frames at 24 fps)
ROUND = 0.002        # s a cue may gain from writing its times in whole milliseconds


@dataclass(frozen=True)
class Rules:
    cps: float       # characters a second, at most
    line: int        # characters a line, at most
    lines: int = 2


RULES = {"zh": Rules(cps=9.0, line=16), "en": Rules(cps=17.0, line=42)}


@dataclass(frozen=True)
class Cue:
    start: float
    end: float
    text: str        # lines joined by "\n"

    @property
    def chars(self) -> int:
        return count_chars(self.text)


def count_chars(text: str) -> int:
    """Characters as the reading-speed rules count them: every character but line breaks."""
    return len(text.replace("\n", ""))


def _sentences(text: str, lang: str) -> list[list[str]]:
    """Sentences, each a list of its clauses: the places a line or a cue may end."""
    text = " ".join(text.split())
    if lang == "zh":
        sents = re.findall(r"[^。！？]+[。！？]?", text)
        clause = r"[^，、：；]+[，、：；]?"
    else:
        sents = re.findall(r".+?(?:[.!?](?=\s)|$)", text)
        clause = r".+?(?:[;:,](?=\s)|$)"
    out = []
    for s in sents:
        parts = [p.strip() for p in re.findall(clause, s.strip()) if p.strip()]
        if parts:
            out.append(parts)
    return out


def _latin(ch: str) -> bool:
    return ch.isascii() and not ch.isspace() or ch in "′²³±×−·"


def _wrap(text: str, lang: str, width: int) -> list[str]:
    """Lines of at most ``width`` characters: words kept whole in English (a word longer than a
    line is cut), Chinese cut at the width."""
    if lang == "zh":
        out, rest = [], text
        while len(rest) > width:
            cut = width
            # never inside a run of Latin letters, digits or symbols: "u(x)", "1/4", "ReLU"
            while cut > 0 and _latin(rest[cut - 1]) and _latin(rest[cut]):
                cut -= 1
            if cut == 0:
                cut = width
            out.append(rest[:cut].rstrip())
            rest = rest[cut:].lstrip()
        return out + ([rest] if rest else [])
    out, cur = [], ""
    for word in text.split():
        while len(word) > width:
            if cur:
                out.append(cur)
                cur = ""
            out.append(word[:width])
            word = word[width:]
        if cur and len(cur) + 1 + len(word) > width:
            out.append(cur)
            cur = word
        else:
            cur = f"{cur} {word}" if cur else word
    return out + ([cur] if cur else [])


def _wrap_balanced(text: str, lang: str, width: int) -> list[str]:
    """The fewest lines of at most ``width`` characters, as even in length as can be."""
    n = len(_wrap(text, lang, width))
    for w in range(-(-count_chars(text) // n), width + 1):
        lines = _wrap(text, lang, w)
        if len(lines) <= n:
            return lines
    return _wrap(text, lang, width)


def _lines(clauses: list[str], lang: str, width: int) -> list[tuple[str, bool]]:
    """A sentence's clauses packed into lines, each with whether a clause ends on it."""
    sep = "" if lang == "zh" else " "
    lines: list[tuple[str, bool]] = []
    cur = ""
    for c in clauses:
        joined = f"{cur}{sep}{c}" if cur else c
        if count_chars(joined) <= width:
            cur = joined
            continue
        if cur:
            lines.append((cur, True))
            cur = ""
        if count_chars(c) <= width:
            cur = c
        else:                                   # a clause longer than a line: wrap it evenly
            *full, last = _wrap_balanced(c, lang, width)
            lines.extend((f, False) for f in full)
            lines.append((last, True))
    return lines + ([(cur, True)] if cur else [])


def split(text: str, lang: str) -> list[str]:
    """The narration cut into cue texts of at most two lines each, in order. A cue does not run
    from the middle of one sentence into the next, and keeps a wrapped clause together."""
    rules = RULES[lang]
    out: list[str] = []
    for clauses in _sentences(text, lang):
        lines = _lines(clauses, lang, rules.line)
        i = 0
        while i < len(lines):
            take = min(rules.lines, len(lines) - i)
            # don't end a cue inside a clause when the clause could start the next cue whole
            if take == 2 and lines[i][1] and not lines[i + 1][1]:
                take = 1
            out.append("\n".join(text for text, _ in lines[i:i + take]))
            i += take
    # two short sentences (one line each) may share a cue
    merged: list[str] = []
    for c in out:
        if merged and "\n" not in merged[-1] and "\n" not in c:
            merged[-1] = merged[-1] + "\n" + c
        else:
            merged.append(c)
    return merged


def _need(chunk: str, rules: Rules) -> float:
    return max(count_chars(chunk) / rules.cps, MIN_CUE) + ROUND


def reading_time(text: str, lang: str) -> float:
    """Seconds the narration needs on screen at the language's reading speed (0 for none)."""
    if not text.strip():
        return 0.0
    rules = RULES[lang]
    chunks = split(text, lang)
    # a chunk needing more than MAX_CUE cannot exist: a cue holds at most 2 lines
    return sum(_need(c, rules) for c in chunks) + GAP * (len(chunks) - 1)


def cues(text: str, start: float, end: float, lang: str) -> list[Cue]:
    """The narration's cues spread over the step ``start..end``; each is shown at least as long as
    reading it takes, at most 7 s. Raises ValueError if the step is too short to read it."""
    if not text.strip():
        return []
    rules = RULES[lang]
    chunks = split(text, lang)
    needs = [_need(c, rules) for c in chunks]
    span = end - start
    total = sum(needs) + GAP * (len(chunks) - 1)
    if span + 1e-6 < total:
        raise ValueError(f"step of {span:.2f} s is too short for {total:.2f} s of narration")
    scale = (span - GAP * (len(chunks) - 1)) / sum(needs)
    out, t = [], start
    for chunk, need in zip(chunks, needs):
        share = need * scale
        # whole milliseconds, rounded outwards so a cue is never shorter than its reading time
        lo, hi = math.floor(t * 1000) / 1000, math.ceil((t + min(share, MAX_CUE)) * 1000) / 1000
        out.append(Cue(lo, min(hi, lo + MAX_CUE, math.floor(end * 1000) / 1000), chunk))
        t += share + GAP
    return out


# ---- files -------------------------------------------------------------------------------------

def _stamp(t: float, sep: str) -> str:
    ms = int(round(t * 1000))
    h, ms = divmod(ms, 3_600_000)
    m, ms = divmod(ms, 60_000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def to_srt(cue_list: list[Cue]) -> str:
    return "".join(f"{i}\n{_stamp(c.start, ',')} --> {_stamp(c.end, ',')}\n{c.text}\n\n"
                   for i, c in enumerate(cue_list, 1))


def to_vtt(cue_list: list[Cue], lang: str | None = None) -> str:
    head = "WEBVTT" + (f"\nLanguage: {lang}" if lang else "") + "\n\n"
    return head + "".join(f"{_stamp(c.start, '.')} --> {_stamp(c.end, '.')}\n{c.text}\n\n"
                          for c in cue_list)


def shifted(cue_list: list[Cue], offset: float) -> list[Cue]:
    return [Cue(round(c.start + offset, 3), round(c.end + offset, 3), c.text) for c in cue_list]
