"""CSV with a header row (:mod:`auditor.formats.delimited`): one translation pair per record.

CSV is RFC 4180 (Python's ``csv``), so a quoted field may span several lines: a file is
read in order, never split into partitions. It is recognised by content only when its
header names the languages, since ordinary English prose is full of commas.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from typing import TextIO

from auditor.formats.base import Pair, ReaderOptions, cjk_count, iter_lines
from auditor.formats.declaration import InputFormat, PairWriter, Rows
from auditor.formats.delimited import SOURCE_NAMES, TARGET_NAMES, Row, pairs_of_rows
from auditor.model import InputError


def _records(reader, path: str) -> Iterator[Row]:
    """Non-blank CSV records with their first and last line (a quoted field may span lines)."""
    done = 0
    while True:
        try:
            fields = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise InputError(f"malformed CSV: {exc}", path, done + 1) from None
        first, done = done + 1, reader.line_num
        if any(f.strip() for f in fields):
            yield fields, first, done


def pairs(path: str, options: ReaderOptions) -> Iterator[Pair]:
    lines = (line for _, line in iter_lines(path, keepends=True))
    reader = csv.reader(lines, strict=True)
    if csv.field_size_limit() < 2**31 - 1:
        csv.field_size_limit(2**31 - 1)  # a transcript paragraph may be one huge field
    return pairs_of_rows(_records(reader, path), path, options, "comma")


def write(rows: Rows, stream: TextIO, langs: tuple[str, str], original: str) -> int:
    """Two plain columns, ``en`` and ``zh``."""
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(["en", "zh"])
    count = 0
    for (source, target), _ in rows:
        writer.writerow([source or "", target or ""])
        count += 1
    return count


def sniff(head: list[str]) -> bool:
    """A header row of short column names including a language column."""
    try:
        header = next(csv.reader([head[0]]))
    except csv.Error:
        return False
    names = [h.strip().lower() for h in header]
    if len(names) < 2 or any(len(n) > 40 or cjk_count(n) for n in names):
        return False
    known = SOURCE_NAMES | TARGET_NAMES
    return any(n in known or n.startswith(("en-", "zh-", "en_", "zh_")) for n in names)


FORMAT = InputFormat(
    "csv",
    extensions=(".csv",),
    sniff=sniff,
    pairs=pairs,
    writers=(PairWriter("csv", ".csv", write),),
)
