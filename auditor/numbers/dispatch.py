"""A long alternation of token patterns, matched at a position.

The number readers (:mod:`auditor.numbers.english`, :mod:`auditor.numbers.chinese`) try
their token patterns, joined as ``A|B|C|...``, at each place a number may start.
:class:`Alternation` is the plain computation: the joined pattern's ``match``. Its fast
version, which tries only the alternatives that can start with the character at hand, is
next door (:mod:`auditor.numbers.dispatch_fast`) and is used where this interpreter allows
it (:func:`alternation`).
"""

from __future__ import annotations

import re

from auditor.lazy_pattern import lazy_compile
from auditor.numbers.dispatch_fast import AVAILABLE, FirstCharDispatch

__all__ = ["AVAILABLE", "Alternation", "FirstCharDispatch", "alternation"]


class Alternation:
    """``pattern.match(text, pos)`` for ``pattern = "|".join(alternatives)``.

    ``by_char`` (a pattern per character, read directly by hot loops) is empty here:
    every character takes :meth:`match_slow`, the full alternation.
    """

    def __init__(self, alternatives: list[str], flags: int = 0) -> None:
        self.alternatives = alternatives
        self.flags = flags
        self.full = lazy_compile("|".join(alternatives), flags)
        #: the pattern of a promoted character (read directly by hot loops)
        self.by_char: dict[str, re.Pattern[str]] = {}

    def match(self, text: str, pos: int) -> re.Match[str] | None:
        return self.full.match(text, pos)

    def match_slow(self, text: str, pos: int) -> re.Match[str] | None:
        """:meth:`match` for a character without a pattern of its own in ``by_char``."""
        return self.full.match(text, pos)


def alternation(
    alternatives: list[str], flags: int = 0, shared: tuple[str, ...] = ()
) -> Alternation | FirstCharDispatch:
    """The alternation's matcher: the first-character dispatch where CPython's regex
    parser can be read (:data:`AVAILABLE`), else the plain one. ``shared``: classes of
    characters that share one pattern in the dispatch (:class:`FirstCharDispatch`)."""
    if AVAILABLE:
        return FirstCharDispatch(alternatives, flags, shared)
    return Alternation(alternatives, flags)
