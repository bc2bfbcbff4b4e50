"""The fast versions of :mod:`auditor.whitespace`: most texts are already regular.

Splitting a 400-character English sentence into words and joining them again costs some
6 µs; it changes nothing when the text's only whitespace is single spaces between other
characters. That holds when the text is printable (Python counts every whitespace
character but the ASCII space as unprintable: tabs, line breaks, no-break and ideographic
spaces), has no two spaces in a row and no space at either end: three scans in C. Then
the text is its own collapsed form and its words are its spaces plus one. Any other text
takes the plain computation. ``tests/auditor/test_whitespace.py`` holds them equal.
"""

from __future__ import annotations

from auditor.whitespace import collapse_whitespace, word_count


def _regular(text: str) -> bool:
    """Whether ``text``'s only whitespace is single spaces between other characters."""
    return (
        text.isprintable()
        and "  " not in text
        and not text.startswith(" ")
        and not text.endswith(" ")
    )


def collapse_whitespace_fast(text: str) -> str:
    """:func:`auditor.whitespace.collapse_whitespace`."""
    return text if _regular(text) else collapse_whitespace(text)


def word_count_fast(text: str) -> int:
    """:func:`auditor.whitespace.word_count`."""
    if not text:
        return 0
    return text.count(" ") + 1 if _regular(text) else word_count(text)
