"""Readers (and the aligned-pair writers) for every bilingual format the auditor accepts.

Each format is a module that declares itself in one :class:`InputFormat` value, listed
in :mod:`auditor.formats.registry` (``docs/formats.md``). :func:`read_document` picks a
format by ``--input-format``, else by content and extension (see
:mod:`auditor.formats.detect`), and gathers its stream into a
:class:`~auditor.model.Document`; :func:`iter_pairs` and :func:`iter_text_lines` are the
streams themselves.
"""

from __future__ import annotations

from collections.abc import Iterator

from auditor.formats.base import Pair, ReaderOptions, pairs_document, whole_file
from auditor.formats.declaration import InputFormat
from auditor.formats.detect import guess_format
from auditor.formats.registry import format_named, formats, input_formats
from auditor.model import Document, TextLine

__all__ = [
    "InputFormat",
    "ReaderOptions",
    "format_named",
    "formats",
    "guess_format",
    "input_formats",
    "iter_pairs",
    "iter_text_lines",
    "read_document",
    "read_parallel",
]


def iter_pairs(path: str, fmt: str, options: ReaderOptions) -> Iterator[Pair]:
    """The ``(source side, target side)`` pairs of a pairs format's file, lazily."""
    pairs = format_named(fmt, path).pairs
    if pairs is None:
        raise ValueError(f"{fmt} files hold lines, not pairs")
    return pairs(path, options)


def iter_text_lines(path: str, fmt: str, options: ReaderOptions) -> Iterator[TextLine]:
    """The language-tagged lines of an interleaved or two-file input, lazily."""
    lines = format_named(fmt, path).lines
    if lines is None:
        raise ValueError(f"{fmt} files hold pairs, not lines")
    return lines(path, options)


def read_document(
    path: str, input_format: str | None = None, options: ReaderOptions | None = None
) -> Document:
    """The whole input: its format's stream, gathered."""
    options = options or ReaderOptions()
    fmt = format_named(input_format or guess_format(path), path)
    whole_file(path)
    if fmt.pairs is not None:
        return pairs_document(path, fmt.name, fmt.pairs(path, options))
    return Document(
        path=path,
        format=fmt.name,
        kind=fmt.kind,
        lines=tuple(iter_text_lines(path, fmt.name, options)),
        target_path=options.target_path,
    )


def read_parallel(source_path: str, target_path: str) -> Document:
    """Two-file input: the English lines of ``source_path``, the Chinese of ``target_path``."""
    return read_document(source_path, "parallel", ReaderOptions(target_path=target_path))
