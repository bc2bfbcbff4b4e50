"""Split a pair's English into sentences and clauses, and its Chinese into sentences.

Why our own splitter: the omission rules align the sentences inside one pair, so every
boundary must be a real one (a ``U.S.`` or a ``1.5`` that splits a sentence makes a
phantom sentence that "has no translation"), and every piece must keep its offsets into
the original text, so a finding can point at it. The pieces *tile* the text: they are
consecutive, non-empty, and together cover every character, whitespace included (the
whitespace after a sentence belongs to it).

English sentences end at ``. ! ? …`` (and any closing quotes or brackets) followed by
whitespace and something that can start a sentence, unless the full stop ends an
abbreviation (``Mr.``, ``Inc.``, ``U.S.``, ``a.m.``). Chinese sentences end at
``。！？；`` and their half-width forms ``! ? ;``, and at a half-width ``.`` only between
Chinese characters (``午安.我叫``), never inside a number (``1.5``).
"""

from __future__ import annotations

from auditor.lazy_pattern import lazy_compile
from auditor.model import Span

#: Words whose full stop does not end a sentence (lower-cased, without the stop).
_ABBREVIATIONS = frozenset(
    {
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "sr",
        "jr",
        "st",
        "inc",
        "corp",
        "co",
        "ltd",
        "llc",
        "plc",
        "vs",
        "etc",
        "approx",
        "no",
        "nos",
        "fig",
        "figs",
        "eq",
        "vol",
        "dept",
        "est",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "e.g",
        "i.e",
        "cf",
        "al",
        "u.s",
        "u.k",
        "a.m",
        "p.m",
    }
)
#: A stop, any closing quotes or brackets, whitespace, and something that can start a
#: sentence. (The lookahead right after the first stop lets most full stops, those in
#: numbers and abbreviations without a space, fail at once.)
_EN_BREAK = lazy_compile(
    r"""[.!?…](?=[.!?…"'”’)\]]*\s)[.!?…]*["'”’)\]]*\s+(?=["'“‘(\[]?[A-Z0-9\u3400-\u9fff$])"""
)
_CLAUSE_BREAK = lazy_compile(r"(?:[,;:](?!\d)|\s[—–]|--)\s+")
_HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
#: A run of stops (or a half-width full stop between Chinese characters), any closing
#: quotes or brackets, and whitespace: the readable form. (The half-width full stop's
#: lookbehind is tried only after a ``.`` matched.)
ZH_BREAK_PLAIN = rf"(?:[。！？；!?;]+|\.(?<=[{_HAN}]\.)(?=[{_HAN}]))[」』”’）)\]】〕\"']*\s*"
#: The same matches, written to start with one character class, which lets the regex
#: engine skip to the next stop in C (an alternation at the front makes it try every
#: position); the look-behind after it tells which kind of stop it consumed.
_ZH_BREAK = lazy_compile(
    rf"[。！？；!?;.](?:(?<=[。！？；!?;])[。！？；!?;]*|(?<=[{_HAN}]\.)(?=[{_HAN}]))"
    rf"[」』”’）)\]】〕\"']*\s*"
)


def _is_abbreviation(text: str, stop: int) -> bool:
    """Whether the full stop at ``text[stop]`` ends an abbreviation: the word before it
    (after whitespace or an opening bracket or quote) is an initial (``J.``, the ``m`` of
    ``a.m.``) or a known abbreviation. A letter glued to a symbol or digit (``°C.``) is a
    unit, not an abbreviation."""
    low = max(0, stop - 16)  # an abbreviation is short: look no further back
    start = max(
        text.rfind(" ", low, stop), text.rfind("\n", low, stop), text.rfind("\t", low, stop)
    )
    if start < 0 and low > 0:
        return False
    word = text[start + 1 : stop].lstrip("(\"'“‘")
    if not word or len(word) > 12 or not word.isascii():
        return False
    core = word.strip(".")
    if not core.replace(".", "").isalpha() or not word[0].isalpha():
        return False
    return len(core) == 1 or core.lower() in _ABBREVIATIONS


#: The word before a full stop, as :func:`_is_abbreviation` takes it: after the last space,
#: newline or tab (or the text's start), past opening brackets and quotes, ASCII letters
#: and dots only, starting with a letter, at most 12 characters. (``\Z``, not ``$``: a
#: ``$`` would match before a newline just before the stop.)
_WORD_BEFORE_STOP = lazy_compile(r"(?:^|[ \n\t])[(\"'“‘]*([A-Za-z][A-Za-z.]{0,11})\Z")


def _is_abbreviation_fast(text: str, stop: int) -> bool:
    """:func:`_is_abbreviation` in one regex search of the 16 characters before the stop
    (the readable version scans them in several Python steps; a test holds them equal)."""
    m = _WORD_BEFORE_STOP.search(text, max(0, stop - 16), stop)
    if m is None:
        return False
    core = m.group(1).rstrip(".")
    return len(core) == 1 or core.lower() in _ABBREVIATIONS


def _tile(ends: list[int], length: int) -> list[Span]:
    """Consecutive spans ending at each of ``ends`` (sorted) and at ``length``."""
    spans: list[Span] = []
    start = 0
    for end in [*ends, length]:
        if start < end <= length:
            spans.append((start, end))
            start = end
    return spans


def english_sentences(text: str) -> list[Span]:
    """The sentences of an English text, as spans that tile it."""
    ends = []
    for match in _EN_BREAK.finditer(text):
        stop = match.start()
        single_stop = text[stop] == "." and text[stop + 1 : stop + 2] != "."
        if single_stop and _is_abbreviation_fast(text, stop):
            continue
        ends.append(match.end())
    return _tile(ends, len(text))


def chinese_sentences(text: str) -> list[Span]:
    """The sentences of a Chinese text (``；`` ends one too), as spans that tile it."""
    return _tile([m.end() for m in _ZH_BREAK.finditer(text)], len(text))


def english_clauses(text: str, span: Span) -> list[Span]:
    """The clauses of the sentence ``text[span[0]:span[1]]``, split at commas, semicolons,
    colons and dashes (not inside a number like ``1,200``), as spans that tile it."""
    start, end = span
    ends = [m.end() for m in _CLAUSE_BREAK.finditer(text, start, end)]
    return [(start + a, start + b) for a, b in _tile([e - start for e in ends], end - start)]
