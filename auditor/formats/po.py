"""Gettext PO catalogues: each entry's ``msgid`` (English) and ``msgstr`` (Chinese) is a pair.

Translators and software projects keep their translations this way. An entry is a few
keyword lines, each followed by a quoted string that may go on over several lines of
quoted strings (C escapes: ``\\n``, ``\\t``, ``\\"``, ``\\\\``, octal and hex)::

    #. the datasheet's table 3
    #, fuzzy
    msgctxt "power"
    msgid ""
    "Typical power is 2.5 W "
    "per lane."
    msgstr "每通道典型功耗為 2.5 W。"

``msgctxt`` only tells entries with the same ``msgid`` apart, and is not audited. A
plural entry is audited as its singular: ``msgid`` against ``msgstr[0]``. The header
entry (empty ``msgid``) and obsolete entries (``#~`` lines) are skipped; ``#, fuzzy``
entries are kept, since a fuzzy translation is exactly what needs checking. An empty
``msgstr`` is an untranslated line. Entries are separated by blank lines, which never
occur inside one, so a file splits into partitions after any blank line. The header's
``Language: zh_CN`` says which Chinese the catalogue is in.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import partial
from typing import Any, BinaryIO

from auditor.formats.base import Pair, ReaderOptions, Side, iter_lines
from auditor.formats.declaration import InputFormat, NumberedLines, Partitioning
from auditor.formats.language import locale_in_head
from auditor.lazy_pattern import lazy_compile
from auditor.model import InputError

_KEYWORD = lazy_compile(r"(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\s*(.*)")
_STRING = lazy_compile(r'"((?:[^"\\]|\\.)*)"\s*')
_ESCAPE = lazy_compile(r"\\(?:([0-7]{1,3})|x([0-9A-Fa-f]+)|(.))")
_SIMPLE_ESCAPES = {
    "n": "\n",
    "t": "\t",
    "r": "\r",
    '"': '"',
    "\\": "\\",
    "a": "\a",
    "b": "\b",
    "f": "\f",
    "v": "\v",
    "'": "'",
    "?": "?",
}
#: The header entry's ``"Language: zh_TW\n"`` line.
_LANGUAGE = lazy_compile(r'^"Language:\s*([^\\"\s]+)', re.M)
_EXPECTED = "expected a comment, msgctxt, msgid, msgstr or a quoted string"


def _string(text: str, path: str, number: int) -> str:
    """The value of one quoted string, escapes resolved."""
    match = _STRING.fullmatch(text)
    if match is None:
        raise InputError(
            f"a PO string is one double-quoted string per line; found {text[:60]!r}", path, number
        )

    def unescape(escape: re.Match[str]) -> str:
        octal, hexa, char = escape.groups()
        if octal is not None:
            return chr(int(octal, 8))
        if hexa is not None:
            return chr(int(hexa, 16))
        if char in _SIMPLE_ESCAPES:
            return _SIMPLE_ESCAPES[char]
        raise InputError(f"unknown escape \\{char} in a PO string", path, number)

    return _ESCAPE.sub(unescape, match.group(1))


class _Entry:
    """The keyword strings of the entry being read: keyword -> (pieces, first, last line)."""

    def __init__(self) -> None:
        self.fields: dict[str, tuple[list[str], int, int]] = {}
        self.last: str | None = None

    def add(self, keyword: str, value: str, number: int) -> None:
        self.fields[keyword] = ([value], number, number)
        self.last = keyword

    def extend(self, value: str, number: int) -> None:
        assert self.last is not None
        pieces, first, _ = self.fields[self.last]
        pieces.append(value)
        self.fields[self.last] = (pieces, first, number)

    def side(self, keyword: str) -> Side | None:
        if keyword not in self.fields:
            return None
        pieces, first, last = self.fields[keyword]
        return "".join(pieces), first, last

    @property
    def translated(self) -> bool:
        """Whether a ``msgstr`` has begun (a new ``msgid`` then starts the next entry)."""
        return any(k.startswith("msgstr") for k in self.fields)

    def pair(self, path: str) -> Pair | None:
        """The entry's pair; ``None`` for the header entry and for comments alone."""
        if not self.fields:
            return None
        source = self.side("msgid")
        first_line = min(first for _, first, _ in self.fields.values())
        if source is None:
            raise InputError("a PO entry without msgid", path, first_line)
        target = self.side("msgstr[0]" if "msgid_plural" in self.fields else "msgstr")
        if target is None:
            wanted = "msgstr[0]" if "msgid_plural" in self.fields else "msgstr"
            raise InputError(f"msgid without {wanted}", path, source[1])
        if source[0] == "" and "msgctxt" not in self.fields:
            return None  # the header entry: the catalogue's metadata
        return source, target


def pairs_of_lines(
    lines: NumberedLines, path: str, options: ReaderOptions, header: Any = None
) -> Iterator[Pair]:
    """One pair per entry, yielded when the entry ends (at a blank line, a comment or a
    keyword that starts the next entry, or the end of the lines)."""
    entry = _Entry()
    for number, line in lines:
        text = line.strip()
        if text.startswith('"'):
            if entry.last is None:
                raise InputError(
                    f"a quoted string must follow a keyword (msgid, msgstr...); {_EXPECTED}",
                    path,
                    number,
                )
            entry.extend(_string(text, path, number), number)
            continue
        if not text or text.startswith("#"):
            if not text or entry.translated:
                if (pair := entry.pair(path)) is not None:
                    yield pair
                entry = _Entry()
            entry.last = None
            continue
        match = _KEYWORD.fullmatch(text)
        if match is None:
            raise InputError(f"{_EXPECTED}; found {text[:60]!r}", path, number)
        keyword, rest = match.groups()
        if keyword in ("msgctxt", "msgid") and entry.translated:
            if (pair := entry.pair(path)) is not None:
                yield pair
            entry = _Entry()
        if keyword in entry.fields:
            raise InputError(
                f"{keyword} twice in one PO entry (is a msgstr missing?)", path, number
            )
        entry.add(keyword, _string(rest, path, number), number)
    if (pair := entry.pair(path)) is not None:
        yield pair


def pairs(path: str, options: ReaderOptions) -> Iterator[Pair]:
    return pairs_of_lines(iter_lines(path), path, options)


def after_blank_line(stream: BinaryIO) -> None:
    """Move a file from a line start to just past the next blank line: an entry starts
    there (a blank line never falls inside an entry)."""
    while (line := stream.readline()) and line.strip():
        pass


def sniff(head: list[str]) -> bool:
    """The first line that is not a comment starts an entry."""
    for line in head:
        text = line.strip()
        if not text.startswith("#"):
            return re.match(r'(?:msgctxt|msgid)\s+"', text) is not None
    return False


FORMAT = InputFormat(
    "po",
    extensions=(".po",),
    sniff=sniff,
    pairs=pairs,
    partitions=Partitioning(pairs_of_lines, record_start=after_blank_line),
    declared_locale=partial(locale_in_head, pattern=_LANGUAGE),
)
