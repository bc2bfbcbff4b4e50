"""Glossary readers and writers: TSV and CSV (people edit these) and TBX-Basic (exchange).

The format follows the file's extension (``.tsv``, ``.csv``, ``.tbx`` or ``.xml``) unless
a caller forces one. Reading gives a :class:`GlossaryFile`: its concepts and the problems the
reader noticed, so the linter can report them all; :func:`load_glossary` is the strict
version an audit uses, which refuses a file with a fatal problem.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from glossary.errors import GlossaryError
from glossary.formats import table, tbx
from glossary.formats.textio import decode, read_bytes
from glossary.model import Concept, Termbase
from glossary.problems import Problem

__all__ = [
    "GlossaryFile",
    "FORMATS",
    "format_of",
    "parse_glossary",
    "read_glossary",
    "load_glossary",
    "write_glossary",
    "dedupe",
]

FORMATS: tuple[str, ...] = ("tsv", "csv", "tbx")
EXTENSIONS: dict[str, str] = {
    ".tsv": "tsv",
    ".tab": "tsv",
    ".csv": "csv",
    ".tbx": "tbx",
    ".xml": "tbx",
}


@dataclass(frozen=True)
class GlossaryFile:
    """One glossary file as read: concepts in file order, and what is wrong with it."""

    path: str
    format: str
    concepts: tuple[Concept, ...]
    problems: tuple[Problem, ...]

    @property
    def fatal(self) -> Problem | None:
        return next((p for p in self.problems if p.fatal), None)


def format_of(path: str, forced: str | None = None) -> str:
    if forced:
        if forced not in FORMATS:
            raise GlossaryError(
                f"unknown glossary format {forced!r}; choose one of {', '.join(FORMATS)}"
            )
        return forced
    suffix = Path(path).suffix.lower()
    if suffix not in EXTENSIONS:
        raise GlossaryError(
            f"cannot tell the glossary format from the extension {suffix or '(none)'!r}; "
            f"use .tsv, .csv, .tbx or .xml",
            path,
        )
    return EXTENSIONS[suffix]


def parse_glossary(data: bytes, path: str, fmt: str) -> GlossaryFile:
    """Parse bytes already read (package data has no file path of its own)."""
    if fmt == "tbx":
        concepts, problems = tbx.parse(data, path)
    else:
        delimiter = "\t" if fmt == "tsv" else ","
        concepts, problems = table.parse(decode(data, path), path, delimiter)
    return GlossaryFile(path, fmt, concepts, problems)


def read_glossary(path: str, fmt: str | None = None) -> GlossaryFile:
    """Read any glossary file; raises :class:`GlossaryError` only when it cannot be read."""
    fmt = format_of(path, fmt)
    return parse_glossary(read_bytes(path), path, fmt)


def dedupe(concepts: Sequence[Concept]) -> tuple[Concept, ...]:
    """Within one file, a later row for the same term wins, as it would across layers."""
    last = {c.key: i for i, c in enumerate(concepts)}
    return tuple(c for i, c in enumerate(concepts) if last[c.key] == i)


def termbase_of(file: GlossaryFile, display_path: str | None = None) -> Termbase:
    """The file as one termbase layer; a fatal problem (a broken header or row) raises."""
    fatal = file.fatal
    if fatal is not None:
        raise GlossaryError(
            f"{fatal.message} ({fatal.code}; `auditor glossary lint` lists every problem)",
            fatal.path,
            fatal.line or None,
        )
    return Termbase(dedupe(file.concepts), (display_path or file.path,))


def load_glossary(path: str, fmt: str | None = None) -> Termbase:
    return termbase_of(read_glossary(path, fmt))


def write_glossary(
    concepts: Sequence[Concept], stream: TextIO, fmt: str, description: str = "auditor glossary"
) -> None:
    if fmt == "tbx":
        tbx.write(concepts, stream, description)
    elif fmt in ("tsv", "csv"):
        table.write(concepts, stream, "\t" if fmt == "tsv" else ",")
    else:
        raise GlossaryError(f"unknown glossary format {fmt!r}; choose one of {', '.join(FORMATS)}")
