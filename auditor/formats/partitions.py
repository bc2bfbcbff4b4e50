"""Byte-range partitions of a file whose format can be split, each read on its own.

A partition starts at a record boundary and ends just after a line feed, so no line and
no record is split: the format's :class:`~auditor.formats.declaration.Partitioning` says
where records start (any line, for formats with one record per line) and reads the pairs
of a run of records. The worker processes and the Dask engine count and check the
partitions (:mod:`auditor.source`).
"""

from __future__ import annotations

import codecs
import io
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from auditor.formats.base import Pair, ReaderOptions, decoded_lines, input_file
from auditor.formats.declaration import Partitioning
from auditor.formats.registry import format_named, formats
from auditor.model import InputError

#: Default partition size: a few seconds of work for one worker.
PARTITION_BYTES = 16 * 1024 * 1024


@dataclass(frozen=True)
class Partition:
    """Bytes ``[start, end)`` of ``path``: whole records only."""

    path: str
    fmt: str
    number: int
    start: int
    end: int


def partitioning(fmt: str) -> Partitioning | None:
    """How files of ``fmt`` split, or ``None`` when they are read in order only."""
    return format_named(fmt).partitions


def plan_partitions(path: str, fmt: str, size: int = PARTITION_BYTES) -> list[Partition]:
    """Cut a file into partitions of about ``size`` bytes at record boundaries."""
    split = partitioning(fmt)
    if split is None:
        names = [f.name.upper() for f in formats() if f.partitions is not None]
        listed = " or ".join([", ".join(names[:-1]), names[-1]] if len(names) > 1 else names)
        raise InputError(
            f"the Dask engine reads {listed} (files that split into records), not {fmt}; "
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
            if split.record_start is not None:
                split.record_start(fh)
            bounds.append(min(total, max(fh.tell(), bounds[-1] + 1)))
    return [Partition(path, fmt, k, a, b) for k, (a, b) in enumerate(zip(bounds, bounds[1:]))]


def _encoding(part: Partition) -> str:
    return "utf-8-sig" if part.start == 0 else "utf-8"


def own_lines(part: Partition, first_line: int) -> Iterator[tuple[int, str]]:
    """The lines of the partition's own byte range."""
    with open(input_file(part.path), "rb") as fh:
        fh.seek(part.start)
        data = fh.read(part.end - part.start)
    return decoded_lines(io.BytesIO(data), part.path, _encoding(part), first_line)


def lines_onwards(part: Partition, first_line: int) -> Iterator[tuple[int, str]]:
    """The lines from the partition's start to the end of the file, lazily."""
    with open(input_file(part.path), "rb") as fh:
        fh.seek(part.start)
        yield from decoded_lines(fh, part.path, _encoding(part), first_line)


def partition_pairs(
    part: Partition, lines: Iterator[tuple[int, str]], options: ReaderOptions, header: Any
) -> Iterator[Pair]:
    """The pairs of ``lines`` read from the partition's start (the first partition
    reads the file's header itself; the others are given it)."""
    split = partitioning(part.fmt)
    assert split is not None, f"{part.fmt} files are not partitioned"
    return split.pairs(lines, part.path, options, None if part.number == 0 else header)


def file_header(path: str, fmt: str, options: ReaderOptions) -> Any:
    """What every partition needs to know of the file's start (TSV: its columns)."""
    split = partitioning(fmt)
    if split is None or split.header is None:
        return None
    whole = Partition(path, fmt, 0, 0, input_file(path).stat().st_size)
    return split.header(lines_onwards(whole, 1), path, options)
