"""Byte-range partitions of a JSONL or TSV file, each read on its own (by a Dask worker).

A partition starts just after a line feed and ends just after one, so no line is split;
it learns the number of its first line and the index of its first segment from a first
pass that counts them (segment ids are zero-padded to the width of the total, and every
segment carries its line numbers, so both need what came before).
"""

from __future__ import annotations

import codecs
import io
import os
from collections.abc import Iterator
from dataclasses import dataclass

from auditor.formats import ReaderOptions
from auditor.model import InputError, Segment
from auditor.streaming import (
    Columns,
    decoded_lines,
    jsonl_pairs_of,
    numbered,
    rows_pairs,
    segments_from_pairs,
    tsv_rows,
)

#: Formats whose records never span lines, so any line boundary is a record boundary.
PARTITIONED_FORMATS: frozenset[str] = frozenset({"jsonl", "tsv"})

#: Default partition size: a few seconds of work for one worker.
PARTITION_BYTES = 16 * 1024 * 1024


@dataclass(frozen=True)
class Partition:
    """Bytes ``[start, end)`` of ``path``: whole lines only."""

    path: str
    fmt: str
    number: int
    start: int
    end: int


def plan_partitions(path: str, fmt: str, size: int = PARTITION_BYTES) -> list[Partition]:
    """Cut a file into partitions of about ``size`` bytes at line feeds."""
    if fmt not in PARTITIONED_FORMATS:
        raise InputError(
            f"the Dask engine reads JSONL or TSV (records one per line), not {fmt}; "
            "convert the input first (e.g. `auditor align ... --format jsonl`)",
            path,
        )
    try:
        total = os.path.getsize(path)
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", path) from exc
    with open(path, "rb") as fh:
        head = fh.read(2)
        if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            raise InputError("the Dask engine reads UTF-8 only; save the file as UTF-8", path)
        bounds = [0]
        while bounds[-1] < total:
            fh.seek(min(total, bounds[-1] + size))
            fh.readline()  # to the end of the line the cut fell in
            bounds.append(min(total, max(fh.tell(), bounds[-1] + 1)))
    return [
        Partition(path, fmt, k, a, b) for k, (a, b) in enumerate(zip(bounds, bounds[1:]))
    ]


def _lines(part: Partition, first_line: int) -> Iterator[tuple[int, str]]:
    with open(part.path, "rb") as fh:
        fh.seek(part.start)
        data = fh.read(part.end - part.start)
    encoding = "utf-8-sig" if part.start == 0 else "utf-8"
    return decoded_lines(io.BytesIO(data), part.path, encoding, first_line)


def header_columns(path: str, fmt: str, options: ReaderOptions) -> Columns | None:
    """For TSV: the shape of the file's first row, which later partitions need."""
    if fmt != "tsv":
        return None
    from auditor.formats.delimited import choose_columns

    first = Partition(path, fmt, 0, 0, os.path.getsize(path))
    for fields, number, _ in tsv_rows(_lines(first, 1)):
        src, tgt, _ = choose_columns(fields, options, path, number)
        return len(fields), src, tgt
    raise InputError("no rows found (empty file?)", path)


def partition_segments(
    part: Partition, options: ReaderOptions, columns: Columns | None, first_line: int
) -> Iterator[Segment]:
    """Unnumbered segments of one partition."""
    lines = _lines(part, first_line)
    if part.fmt == "jsonl":
        pairs = jsonl_pairs_of(lines, part.path, options)
    elif part.number == 0:
        pairs = rows_pairs(tsv_rows(lines), part.path, options, "tab")
    else:
        pairs = rows_pairs(tsv_rows(lines), part.path, options, "tab", columns)
    return segments_from_pairs(pairs, part.path, part.fmt)


def count_lines(part: Partition) -> int:
    """Lines in a partition, counted as the readers count them (LF, CRLF or CR)."""
    count = 0
    for count, _ in _lines(part, 1):
        pass
    return count


def numbered_segments(
    part: Partition,
    options: ReaderOptions,
    columns: Columns | None,
    first_line: int,
    start: int,
    total: int,
) -> Iterator[Segment]:
    return numbered(partition_segments(part, options, columns, first_line), start, total)
