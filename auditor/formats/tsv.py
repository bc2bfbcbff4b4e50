"""TSV with a header row (:mod:`auditor.formats.delimited`): one translation pair per line.

TSV follows the IANA ``text/tab-separated-values`` shape: one row per line, no quoting,
with backslash escapes ``\\t``, ``\\n``, ``\\r`` and ``\\\\`` for tabs, line breaks and
backslashes inside a field (what ``auditor align --format tsv`` writes). A field wrapped
whole in double quotes with doubled inner quotes (as spreadsheets save it) is unquoted.
Records are one per line, so a file splits into partitions at any line feed; each
partition is told the columns the file's header chose.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TextIO

from auditor.formats.base import Pair, ReaderOptions, iter_lines
from auditor.formats.declaration import InputFormat, NumberedLines, PairWriter, Partitioning, Rows
from auditor.formats.delimited import Columns, Row, choose_columns, pairs_of_rows
from auditor.lazy_pattern import lazy_compile
from auditor.model import InputError

_ESCAPE = lazy_compile(r"\\([\\tnr])")
_UNESCAPE = {"\\": "\\", "t": "\t", "n": "\n", "r": "\r"}
_SPECIAL = lazy_compile(r"[\\\t\n\r]")
_ESCAPES = {"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"}


def _unescape(field: str) -> str:
    if (
        len(field) >= 2
        and field[0] == field[-1] == '"'
        and '"' not in field[1:-1].replace('""', "")
    ):
        field = field[1:-1].replace('""', '"')
    if "\\" in field:
        field = _ESCAPE.sub(lambda m: _UNESCAPE[m.group(1)], field)
    return field


def rows(lines: NumberedLines) -> Iterator[Row]:
    """The non-blank lines as rows of unescaped fields."""
    for number, line in lines:
        if line.strip():
            yield [_unescape(f) for f in line.split("\t")], number, number


def pairs_of_lines(
    lines: NumberedLines, path: str, options: ReaderOptions, columns: Columns | None = None
) -> Iterator[Pair]:
    return pairs_of_rows(rows(lines), path, options, "tab", columns)


def pairs(path: str, options: ReaderOptions) -> Iterator[Pair]:
    return pairs_of_lines(iter_lines(path), path, options)


def header(lines: NumberedLines, path: str, options: ReaderOptions) -> Columns:
    """The shape of the file's first row, which later partitions need."""
    for fields, number, _ in rows(lines):
        src, tgt, _ = choose_columns(fields, options, path, number)
        return len(fields), src, tgt
    raise InputError("no rows found (empty file?)", path)


def _field(text: str | None) -> str:
    field = _SPECIAL.sub(lambda m: _ESCAPES[m.group()], text or "")
    if len(field) >= 2 and field[0] == field[-1] == '"':
        # Readers (ours, spreadsheets) would take it for a quoted field: quote it for real.
        field = '"' + field.replace('"', '""') + '"'
    return field


def write(rows: Rows, stream: TextIO, langs: tuple[str, str], original: str) -> int:
    """Two plain columns, ``en`` and ``zh``, so spreadsheets and MT training scripts read
    them as they are."""
    stream.write("en\tzh\n")
    count = 0
    for (source, target), _ in rows:
        stream.write(f"{_field(source)}\t{_field(target)}\n")
        count += 1
    return count


def sniff(head: list[str]) -> bool:
    """Tabs on the first line and on most lines."""
    if "\t" not in head[0]:
        return False
    return sum("\t" in line for line in head) >= 0.6 * len(head)


FORMAT = InputFormat(
    "tsv",
    extensions=(".tsv", ".tab"),
    sniff=sniff,
    pairs=pairs,
    partitions=Partitioning(pairs_of_lines, header=header),
    writers=(PairWriter("tsv", ".tsv", write),),
)
