"""Byte-range partitions of a JSONL or TSV file, each read on its own (by a Dask worker).

A partition starts just after a line feed and ends just after one, so no line is split.
A first pass counts each partition's lines and segments: segment ids are zero-padded to
the width of the total, every segment carries its line numbers, and the aligner scores
pairs in windows of :data:`~auditor.streaming.PAIR_WINDOW` segments, so a partition
needs to know what comes before it. The checking pass then gives each partition the
whole windows that *start* in it: it skips the tail of a window begun before it and
reads on past its end to finish its last window, so the output does not depend on where
the bytes were cut.
"""

from __future__ import annotations

import codecs
import io
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import islice

from auditor import streaming
from auditor.formats import ReaderOptions
from auditor.formats.base import input_file
from auditor.formats.delimited import Columns
from auditor.model import InputError, Segment
from auditor.names import DocName
from auditor.streaming import (
    Pair,
    decoded_lines,
    jsonl_pairs_of,
    line_pairs,
    numbered,
    rows_pairs,
    scan_pairs,
    segments_from_line_pairs,
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


@dataclass(frozen=True)
class PartitionCount:
    lines: int
    segments: int
    names: frozenset[DocName]


@dataclass(frozen=True)
class PartitionJob:
    """What a worker checks: the segments ``[owned_start, owned_start + take)`` of the
    document, read from the start of ``part`` after skipping ``skip`` segments."""

    part: Partition
    options: ReaderOptions
    columns: Columns | None
    first_line: int
    skip: int
    owned_start: int
    take: int
    total: int


def plan_partitions(path: str, fmt: str, size: int = PARTITION_BYTES) -> list[Partition]:
    """Cut a file into partitions of about ``size`` bytes at line feeds."""
    if fmt not in PARTITIONED_FORMATS:
        raise InputError(
            f"the Dask engine reads JSONL or TSV (records one per line), not {fmt}; "
            "convert the input first (e.g. `auditor align ... --format jsonl`)",
            path,
        )
    try:
        total = input_file(path).stat().st_size
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", path) from exc
    with open(input_file(path), "rb") as fh:
        head = fh.read(2)
        if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            raise InputError("the Dask engine reads UTF-8 only; save the file as UTF-8", path)
        bounds = [0]
        while bounds[-1] < total:
            fh.seek(min(total, bounds[-1] + size))
            fh.readline()  # to the end of the line the cut fell in
            bounds.append(min(total, max(fh.tell(), bounds[-1] + 1)))
    return [Partition(path, fmt, k, a, b) for k, (a, b) in enumerate(zip(bounds, bounds[1:]))]


def _encoding(part: Partition) -> str:
    return "utf-8-sig" if part.start == 0 else "utf-8"


def _own_lines(part: Partition, first_line: int) -> Iterator[tuple[int, str]]:
    """The lines of the partition's own byte range."""
    with open(input_file(part.path), "rb") as fh:
        fh.seek(part.start)
        data = fh.read(part.end - part.start)
    return decoded_lines(io.BytesIO(data), part.path, _encoding(part), first_line)


def _lines_onwards(part: Partition, first_line: int) -> Iterator[tuple[int, str]]:
    """The lines from the partition's start to the end of the file, lazily."""
    with open(input_file(part.path), "rb") as fh:
        fh.seek(part.start)
        yield from decoded_lines(fh, part.path, _encoding(part), first_line)


def _pairs(
    part: Partition,
    lines: Iterator[tuple[int, str]],
    options: ReaderOptions,
    columns: Columns | None,
) -> Iterator[Pair]:
    if part.fmt == "jsonl":
        return jsonl_pairs_of(lines, part.path, options)
    return rows_pairs(
        tsv_rows(lines), part.path, options, "tab", None if part.number == 0 else columns
    )


def header_columns(path: str, fmt: str, options: ReaderOptions) -> Columns | None:
    """For TSV: the shape of the file's first row, which later partitions need."""
    if fmt != "tsv":
        return None
    from auditor.formats.delimited import choose_columns

    whole = Partition(path, fmt, 0, 0, input_file(path).stat().st_size)
    for fields, number, _ in tsv_rows(_lines_onwards(whole, 1)):
        src, tgt, _ = choose_columns(fields, options, path, number)
        return len(fields), src, tgt
    raise InputError("no rows found (empty file?)", path)


def count_partition(
    part: Partition, options: ReaderOptions, columns: Columns | None
) -> PartitionCount:
    """Lines (counted as the readers count them) and segments of the partition's bytes,
    and the speaker names among them."""
    lines = 0

    def counted_lines():
        nonlocal lines
        for number, line in _own_lines(part, 1):
            lines = number
            yield number, line

    segments, names = scan_pairs(_pairs(part, counted_lines(), options, columns))
    return PartitionCount(lines, segments, names)


def plan_jobs(
    parts: list[Partition],
    counts: list[PartitionCount],
    options: ReaderOptions,
    columns: Columns | None,
) -> list[PartitionJob]:
    """Give each partition the scoring windows that start in it."""
    total = sum(c.segments for c in counts)

    def window_start(index: int) -> int:
        window = streaming.PAIR_WINDOW
        return min(total, -(-index // window) * window)

    jobs = []
    first_line, start = 1, 0
    for part, count in zip(parts, counts, strict=True):
        owned = window_start(start)
        owned_end = window_start(start + count.segments)
        jobs.append(
            PartitionJob(
                part, options, columns, first_line, owned - start, owned, owned_end - owned, total
            )
        )
        first_line += count.lines
        start += count.segments
    return jobs


def owned_segments(job: PartitionJob, termbase: object, scored: bool = False) -> Iterator[Segment]:
    """The partition's segments, numbered as the whole-file stream makes them (unscored
    unless ``scored``: only a JSON report shows a pair's confidence)."""
    if job.take == 0:
        return iter(())
    part = job.part
    pairs = line_pairs(
        _pairs(part, _lines_onwards(part, job.first_line), job.options, job.columns), part.path
    )
    mine = islice(pairs, job.skip, job.skip + job.take)
    segments = segments_from_line_pairs(
        mine, part.path, part.fmt, termbase, job.owned_start, scored=scored
    )
    return numbered(segments, job.owned_start, job.total)
