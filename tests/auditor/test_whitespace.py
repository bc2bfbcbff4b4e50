"""The fast whitespace functions give exactly what ``str.split()`` gives."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.whitespace import collapse_whitespace, word_count
from auditor.whitespace_fast import collapse_whitespace_fast, word_count_fast

WRITTEN = [
    "",
    " ",
    "Revenue rose 12% to $3.4 billion.",
    "Revenue  rose",  # two spaces
    " Revenue rose ",  # spaces at the ends
    "Revenue\trose\nagain",  # a tab and a line break
    "營收成長12%，達34億美元。",  # no spaces at all: one word
    "營收\u3000成長",  # an ideographic space
    "64\u00a0GT/s",  # a no-break space
    "a\u200bb",  # a zero-width space: not whitespace, but not printable either
    "line\u2028break",
]


def test_written_texts():
    for text in WRITTEN:
        assert collapse_whitespace_fast(text) == collapse_whitespace(text), repr(text)
        assert word_count_fast(text) == word_count(text), repr(text)
    assert word_count_fast("Revenue rose 12% to $3.4 billion.") == 6
    assert collapse_whitespace_fast(" Revenue  rose\t") == "Revenue rose"


_chars = st.sampled_from(
    ["a", "營", " ", "  ", "\t", "\n", "\u3000", "\u00a0", "\u200b", "\x1f", "."]
)


@settings(max_examples=500, deadline=None)
@given(st.lists(_chars, max_size=12).map("".join) | st.text(max_size=20))
def test_any_text(text):
    assert collapse_whitespace_fast(text) == collapse_whitespace(text)
    assert word_count_fast(text) == word_count(text)


def test_every_unicode_character_between_two_words():
    """Whatever the character, alone between two words: the printable test lets no
    whitespace through (Python's whitespace is all unprintable but the ASCII space)."""
    for code in range(0x110000):
        if 0xD800 <= code <= 0xDFFF:
            continue  # surrogates: no text holds them
        text = f"a{chr(code)}b"
        assert word_count_fast(text) == word_count(text), hex(code)
        assert collapse_whitespace_fast(text) == collapse_whitespace(text), hex(code)
