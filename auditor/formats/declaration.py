"""What a bilingual format declares about itself: one :class:`InputFormat` value per module.

Everything that reads or writes pairs asks the registry (:mod:`auditor.formats.registry`)
for these values instead of keeping its own table: format detection (extensions, content
sniffing), :func:`auditor.formats.read_document`, the streamed segment source, the
partition planner of the worker processes and Dask, and ``auditor align``'s writers. A
new format is a new module with a ``FORMAT`` and one line in the registry
(``docs/formats.md``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, BinaryIO, Literal, TextIO

from auditor.formats.base import Pair, ReaderOptions
from auditor.model import TextLine

#: ``(line number, line)`` of a text file, as :func:`auditor.formats.base.iter_lines` reads it.
NumberedLines = Iterable[tuple[int, str]]
#: An aligned pair to write: English and Chinese text, ``None`` on an unaligned side.
TextPair = tuple[str | None, str | None]
#: What a format can hold beyond a pair's text (ids, notes, the aligner's score...).
Extras = Mapping[str, object]
#: What a pair writer writes: each pair with its extras.
Rows = Iterable[tuple[TextPair, Extras]]


@dataclass(frozen=True)
class Partitioning:
    """How a file of the format splits into byte ranges that are read on their own.

    A partition starts at a line start and ends just after a line feed; ``record_start``
    moves a binary file from a line start to the start of the next record (``None``:
    every line starts a record). ``pairs`` reads the pairs of a run of whole
    records given as numbered lines; ``header`` is what every partition needs to know of
    the file's start (TSV: its columns), read once and given to ``pairs`` for every
    partition but the first (which reads the header itself).
    """

    pairs: Callable[[NumberedLines, str, ReaderOptions, Any], Iterator[Pair]]
    record_start: Callable[[BinaryIO], None] | None = None
    header: Callable[[NumberedLines, str, ReaderOptions], Any] | None = None


@dataclass(frozen=True)
class PairWriter:
    """``auditor align --format NAME``: aligned pairs written in this format.

    ``write(rows, stream, (source language, target language), original)`` writes each
    ``(pair, extras)`` row and returns how many; ``original`` names the source document
    where the format has a place for it (XLIFF's ``<file original>``).
    """

    name: str
    extension: str
    write: Callable[[Rows, TextIO, tuple[str, str], str], int]


@dataclass(frozen=True)
class InputFormat:
    """One bilingual format: how to recognise it, read it (streaming), split it, write it.

    A ``pairs`` format carries its pairs (``pairs(path, options)`` yields them as the
    file is read); interleaved text and two parallel files carry lines that the aligner
    pairs (``lines(path, options)``). Reading a whole document is the stream gathered.
    """

    name: str
    kind: Literal["pairs", "interleaved", "parallel"] = "pairs"
    #: File extensions (lower case, with the dot) that name this format.
    extensions: tuple[str, ...] = ()
    #: Whether the first non-blank lines of a file (at most 50) are unmistakably this
    #: format, whatever its extension.
    sniff: Callable[[list[str]], bool] | None = None
    #: The root element of an XML format (content detection).
    xml_root: str | None = None
    pairs: Callable[[str, ReaderOptions], Iterator[Pair]] | None = None
    lines: Callable[[str, ReaderOptions], Iterator[TextLine]] | None = None
    #: ``None``: a file of this format is read in order only (records may span lines).
    partitions: Partitioning | None = None
    writers: tuple[PairWriter, ...] = ()
    #: The Chinese locale (``zh-CN``/``zh-TW``) a file of this format declares, if any:
    #: ``declared_locale(path)`` (:mod:`auditor.formats.language`).
    declared_locale: Callable[[str], str | None] | None = None
    #: Whether ``--input-format`` offers it (two-file input is chosen by ``--target``).
    choosable: bool = True
