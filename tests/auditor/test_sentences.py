"""The sentence splitter: real boundaries only, and spans that tile the text."""

from __future__ import annotations

from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.sentences import chinese_sentences, english_clauses, english_sentences


def pieces(text, spans):
    return [text[a:b] for a, b in spans]


def tiles(text, spans):
    """Consecutive, non-empty, covering every character."""
    if not text:
        return spans == []
    return (
        spans[0][0] == 0
        and spans[-1][1] == len(text)
        and all(a < b for a, b in spans)
        and all(prev[1] == nxt[0] for prev, nxt in pairwise(spans))
    )


def test_english_sentences_skip_abbreviations_initials_and_decimals():
    text = (
        "Mr. Lee met Dr. Ko at 9:00 a.m. Pacific Time. Revenue was $1.5 million, up 3% "
        'under U.S. GAAP. Is that right? Yes... "Great." It runs at -40°C. Storage is fine.'
    )
    assert pieces(text, english_sentences(text)) == [
        "Mr. Lee met Dr. Ko at 9:00 a.m. Pacific Time. ",
        "Revenue was $1.5 million, up 3% under U.S. GAAP. ",
        "Is that right? ",
        "Yes... ",
        '"Great." ',
        "It runs at -40°C. ",
        "Storage is fine.",
    ]


def test_chinese_sentences_end_at_full_and_half_width_marks_but_not_in_numbers():
    text = "午安.我叫艾米。營收為 1.5 億美元,成長 3%!好嗎?「是的。」對;不對；版本 v1.2.3 已發布"
    assert pieces(text, chinese_sentences(text)) == [
        "午安.",
        "我叫艾米。",
        "營收為 1.5 億美元,成長 3%!",
        "好嗎?",
        "「是的。」",
        "對;",
        "不對；",
        "版本 v1.2.3 已發布",
    ]


def test_english_clauses_split_at_marks_not_inside_numbers():
    text = "We shipped 1,200 units, up 3%; margin rose — a record: thanks."
    assert pieces(text, english_clauses(text, (0, len(text)))) == [
        "We shipped 1,200 units, ",
        "up 3%; ",
        "margin rose — ",
        "a record: ",
        "thanks.",
    ]


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_splitters_never_raise_and_tile_any_unicode(text):
    for split in (english_sentences, chinese_sentences):
        spans = split(text)
        assert tiles(text, spans)
    clauses = english_clauses(text, (0, len(text)))
    assert tiles(text, clauses)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "U.S.",
                "Dr.",
                "1.5",
                "。",
                ".",
                "?",
                "!",
                "…",
                "...",
                " ",
                "\u3000",
                "A",
                "a",
                "營收",
                "」",
                "”",
                ",",
                "，",
                ";",
                "；",
                "—",
                "\n",
                "5 W.",
                "°C.",
            ]
        )
    ).map("".join)
)
def test_splitters_tile_texts_made_of_boundary_material(text):
    assert tiles(text, english_sentences(text))
    assert tiles(text, chinese_sentences(text))
    for span in english_sentences(text):
        assert tiles(
            text[span[0] : span[1]],
            [(a - span[0], b - span[0]) for a, b in english_clauses(text, span)],
        )


# --- the fast abbreviation test, held to the readable one ------------------------------

from auditor.sentences import _is_abbreviation, _is_abbreviation_fast  # noqa: E402


def _stops(text):
    return [i for i, c in enumerate(text) if c == "."]


def test_fast_abbreviation_test_agrees_on_written_cases():
    cases = [
        "Mr. Lee and Dr. Ko met at 9 a.m. in the U.S. office.",
        "(Inc. results) “e.g. this” 'i.e. that' J. Smith",
        "It runs at -40°C. Then 1.5. Then Co.\n.",  # a newline right before a stop
        "A\n. and word\t. and x .",
        ". starts with a stop; averyveryverylongword. abbreviationsss. Corp.",
        "tail after sixteen characters: ....(((((((((((Mr.",
        "naïve. Café. résumé.",
    ]
    for text in cases:
        for stop in _stops(text):
            assert _is_abbreviation_fast(text, stop) == _is_abbreviation(text, stop), (text, stop)


@settings(max_examples=600, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "Mr",
                "u",
                "s",
                "a.m",
                "Inc",
                "co",
                "U.S",
                "x",
                "é",
                "°C",
                "1",
                " ",
                "\n",
                "\t",
                "\r",
                "\xa0",
                "(",
                '"',
                "“",
                "‘",
                "'",
                ".",
                "..",
                "e.g",
                "abcdefghijklm",
                "fig",
            ]
        ),
        max_size=14,
    )
)
def test_fast_abbreviation_test_agrees_everywhere(parts):
    text = "".join(parts) + "."
    for stop in _stops(text):
        assert _is_abbreviation_fast(text, stop) == _is_abbreviation(text, stop)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=0x2020), max_size=40))
def test_fast_abbreviation_test_agrees_on_any_text(text):
    text += "."
    for stop in _stops(text):
        assert _is_abbreviation_fast(text, stop) == _is_abbreviation(text, stop)


# --- the Chinese break pattern, held to its readable form ------------------------------

import re  # noqa: E402

from auditor.sentences import _ZH_BREAK, ZH_BREAK_PLAIN  # noqa: E402

_ZH_BREAK_READABLE = re.compile(ZH_BREAK_PLAIN)


def _breaks(pattern, text):
    return [m.span() for m in pattern.finditer(text)]


def test_chinese_break_pattern_matches_its_readable_form_on_written_text():
    text = "午安.我叫艾米。營收 1.5 億!!好嗎?「是的。」 對;不對；v1.2.3 已發布。。\n下一句.End."
    assert _breaks(_ZH_BREAK, text) == _breaks(_ZH_BREAK_READABLE, text)
    assert len(_breaks(_ZH_BREAK, text)) == 8


@settings(max_examples=500, deadline=None)
@given(
    st.text(alphabet=st.sampled_from(list("。！？；!?;.中文a1 」』”’）)]】〕\"'\n")), max_size=24)
)
def test_chinese_break_pattern_matches_its_readable_form_everywhere(text):
    assert _breaks(_ZH_BREAK, text) == _breaks(_ZH_BREAK_READABLE, text)
