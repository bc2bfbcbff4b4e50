"""Folding Chinese text for matching: one script, one width, one case, offsets kept.

Traditional and Simplified, full- and half-width forms, upper and lower case ASCII and the
many spaces are folded character by character, each to exactly one character, so an
offset into the folded text is an offset into the original. The matcher
(:mod:`glossary.matcher`) and the sense concepts (:mod:`glossary.senses`) compare folded
strings, so a zh-CN entry matches zh-TW text and back.
"""

from __future__ import annotations

from functools import lru_cache

from glossary.cache import cached, content_digest, opencc_version
from glossary.fold_fast import ArrayFold

_CJK_RANGES = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF))


@lru_cache(maxsize=1)
def fold_table() -> dict[int, int]:
    """Traditional -> Simplified per character, full-width -> ASCII, any space -> " ".

    One OpenCC call over every CJK code point (newline-separated, so no phrase rule can
    join neighbours); characters it would turn into more than one are left alone. Every
    mapping is one character to one character, so folded offsets are original offsets.
    Kept in the user cache per OpenCC version (:mod:`glossary.cache`).
    """
    return cached("fold-table", content_digest((opencc_version(),)), _build_fold_table)


def _build_fold_table() -> dict[int, int]:
    import opencc

    chars = [chr(cp) for lo, hi in _CJK_RANGES for cp in range(lo, hi + 1)]
    converted = opencc.OpenCC("t2s.json").convert("\n".join(chars)).split("\n")
    table: dict[int, int] = {}
    if len(converted) == len(chars):
        for src, dst in zip(chars, converted, strict=True):
            if len(dst) == 1 and dst != src:
                table[ord(src)] = ord(dst)
    for cp in range(0xFF01, 0xFF5F):  # full-width ASCII (letters straight to lower case)
        half = chr(cp - 0xFEE0)
        table[cp] = ord(half.lower())
    for ch in ("\u3000", "\t", "\n", "\r", "\u00a0", "\u2002", "\u2003", "\u2009", "\u202f"):
        table[ord(ch)] = ord(" ")
    for upper in range(ord("A"), ord("Z") + 1):
        table[upper] = upper + 32
    return table


@lru_cache(maxsize=1)
def _array_fold() -> ArrayFold | None:
    """The fold table as an array (:mod:`glossary.fold_fast`), or ``None`` without numpy."""
    return ArrayFold.of(fold_table())


#: Below this length ``str.translate`` is cheaper than the array's fixed costs.
ARRAY_FOLD_MIN = 24
#: Long texts folded with ``str.translate`` before the array takes over. Importing numpy and
#: building the array cost about 0.13 s of CPU, which the array (some 10 µs less for a
#: 130-character text) earns back only over ten thousand texts or more: a transcript of a
#: few hundred pairs never would, and a corpus's first texts cost it little.
ARRAY_FOLD_AFTER = 2_000
#: Long texts folded so far in this process (approximate under threads: only a count).
_long_texts_folded = 0


def fold_zh(text: str) -> str:
    """Fold for matching: one script (Simplified), ASCII width, lower-case ASCII.

    Length-preserving: ``fold_zh(text)[i]`` is the folded ``text[i]``. The plain
    computation is ``text.translate(fold_table())``; once a process has folded
    :data:`ARRAY_FOLD_AFTER` long texts, a long text takes the array
    (:class:`glossary.fold_fast.ArrayFold`), which gives the same string faster.
    """
    global _long_texts_folded
    if len(text) >= ARRAY_FOLD_MIN:
        if _long_texts_folded < ARRAY_FOLD_AFTER:
            _long_texts_folded += 1
        elif (array := _array_fold()) is not None:
            folded = array.fold(text)
            if folded is not None:
                return folded
    return text.translate(fold_table())
