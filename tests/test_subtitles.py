"""Subtitle cues: readable (Netflix rates), inside their step, in order, nothing lost; the files
read back by independent parsers (srt, webvtt-py)."""

from __future__ import annotations

import io
import re

import pytest
import srt
import webvtt
from hypothesis import given, settings
from hypothesis import strategies as st

from lecture import subtitles as sub

ZH_WORDS = ["导数", "函数", "斜率", "切线", "割线", "梯度", "下降", "学习率", "神经网络", "反向传播",
            "链式法则", "的", "在", "趋近于", "零", "变化", "快慢", "极限"]
EN_WORDS = ["the", "derivative", "slope", "of", "a", "tangent", "line", "gradient", "descent",
            "learning", "rate", "overshoots", "minimum", "backpropagation", "x", "h", "shrinks"]


def _sentence(words, lang):
    sep = "" if lang == "zh" else " "
    clause = st.lists(st.sampled_from(words), min_size=1, max_size=9).map(sep.join)
    marks = ("，", "、", "：") if lang == "zh" else (",", ";", ":")
    ends = ("。", "！", "？") if lang == "zh" else (".", "!", "?")
    return st.tuples(st.lists(st.tuples(clause, st.sampled_from(marks)), max_size=3),
                     clause, st.sampled_from(ends)).map(
        lambda t: (sep.join(c + m for c, m in t[0]) + sep if t[0] else "") + t[1] + t[2])


def narration(lang):
    words = ZH_WORDS if lang == "zh" else EN_WORDS
    sep = "" if lang == "zh" else " "
    return st.lists(_sentence(words, lang), min_size=1, max_size=5).map(sep.join)


def _letters(text):
    return re.sub(r"\s", "", text)


def check_cues(cues, text, start, end, lang):
    rules = sub.RULES[lang]
    assert cues, "narration gave no cues"
    assert _letters("".join(c.text for c in cues)) == _letters(text)   # nothing lost or added
    for c in cues:
        lines = c.text.split("\n")
        assert 1 <= len(lines) <= 2, c
        assert all(0 < len(line) <= rules.line for line in lines), c
        d = c.end - c.start
        assert 5 / 6 - 1e-3 <= d <= 7 + 1e-3, c
        assert c.chars / d <= rules.cps * 1.001, c
        assert start - 1e-3 <= c.start and c.end <= end + 1e-3, c
    for a, b in zip(cues, cues[1:]):
        assert a.end <= b.start, (a, b)


@pytest.mark.parametrize("lang", ["zh", "en"])
@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_cues_are_readable_inside_their_step(lang, data):
    text = data.draw(narration(lang))
    start = data.draw(st.floats(0, 500))
    extra = data.draw(st.floats(0, 20))
    end = start + sub.reading_time(text, lang) + extra
    check_cues(sub.cues(text, start, end, lang), text, start, end, lang)


@pytest.mark.parametrize("lang", ["zh", "en"])
@given(text=st.data())
@settings(max_examples=50, deadline=None)
def test_a_step_shorter_than_its_reading_time_is_refused(lang, text):
    t = text.draw(narration(lang))
    need = sub.reading_time(t, lang)
    with pytest.raises(ValueError):
        sub.cues(t, 0.0, need * 0.9 - 0.01, lang)


def test_reading_time_follows_the_rates():
    # an independent count: 18 Chinese characters need 2 s; 34 English characters 2 s
    # (+ at most 2 ms per cue for writing times in whole milliseconds)
    assert sub.reading_time("一二三四五六七八九十一二三四五六七。", "zh") == pytest.approx(2.0, abs=0.003)
    assert sub.reading_time("a" * 16 + " " + "b" * 16 + ".", "en") == pytest.approx(2.0, abs=0.003)
    assert sub.reading_time("短。", "zh") == pytest.approx(5 / 6, abs=0.003)      # the shortest cue
    assert sub.reading_time("", "en") == 0


def test_chinese_lines_never_break_inside_latin_text():
    for c in sub.split("先取一对具体的函数 u(x) 和 v(x)，再看 sigmoid(x) 的导数 1/4。", "zh"):
        for line in c.split("\n"):
            assert not line.startswith(("(x)", "x)", "oid", "/4")), c


def test_a_cue_never_runs_from_one_sentence_into_the_middle_of_the_next():
    text = "Short one. " + "This second sentence is far too long to share a cue with the first one."
    first = sub.split(text, "en")[0]
    assert first == "Short one."


def test_srt_and_vtt_read_back_with_independent_parsers():
    text = "导数是割线斜率的极限。学习率太大时，梯度下降会越过最低点，甚至发散。"
    cues = sub.cues(text, 1.25, 1.25 + sub.reading_time(text, "zh") + 2, "zh")
    parsed = list(srt.parse(sub.to_srt(cues)))
    assert [p.content for p in parsed] == [c.text for c in cues]
    assert [p.start.total_seconds() for p in parsed] == pytest.approx([c.start for c in cues])
    vtt = webvtt.from_buffer(io.StringIO(sub.to_vtt(cues, "zh")))
    assert [v.text for v in vtt] == [c.text for c in cues]
    def secs(stamp):            # webvtt-py's *_in_seconds are whole seconds
        h, m, s = stamp.split(":")
        return int(h) * 3600 + int(m) * 60 + float(s)
    assert [secs(v.end) for v in vtt] == pytest.approx([c.end for c in cues], abs=1e-3)
    moved = sub.shifted(cues, 3600.5)
    assert list(srt.parse(sub.to_srt(moved)))[0].start.total_seconds() == pytest.approx(
        cues[0].start + 3600.5)
