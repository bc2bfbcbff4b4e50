"""Fast forms of the term rules' lookups, each tested against its plain form in
:mod:`auditor.checks.terms`.

:class:`SubstringOwners` answers "which concepts have a glossary string containing this
text" (:func:`auditor.checks.terms._containers`) with ``str.find`` over all the strings
joined into one, in C, where the plain form tests every string in a Python loop: a
thousand times a millisecond for a termbase of a few thousand strings.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable

#: Joins the strings: a character no glossary string holds (checked when built).
_SEPARATOR = "\x00"


class SubstringOwners:
    """Strings, each with an owner, asked which owners have a string containing a text."""

    def __init__(self, strings: Iterable[tuple[int, str]]):
        owners: list[int] = []
        starts: list[int] = []
        parts: list[str] = []
        at = 0
        for owner, string in strings:
            owners.append(owner)
            starts.append(at)
            parts.append(string)
            at += len(string) + 1
        self._owners = owners
        self._starts = starts
        #: ``None`` when a string holds the separator: then each string is tested alone.
        self._blob: str | None = (
            None if any(_SEPARATOR in part for part in parts) else _SEPARATOR.join(parts)
        )
        self._parts = parts

    def containing(self, text: str) -> frozenset[int]:
        """The owners of the strings that contain ``text``."""
        blob = self._blob
        if blob is None or not text:
            return frozenset(o for o, s in zip(self._owners, self._parts, strict=True) if text in s)
        if _SEPARATOR in text:  # no string holds the separator, so none holds ``text``
            return frozenset()
        owners, starts = self._owners, self._starts
        found = set()
        at = blob.find(text)
        while at >= 0:
            # ``text`` holds no separator: an occurrence lies inside one string.
            string = bisect_right(starts, at) - 1
            found.add(owners[string])
            following = string + 1
            if following == len(starts):
                break
            at = blob.find(text, starts[following])  # the next string's occurrences
        return frozenset(found)
