"""Readers (and the aligned-pair writers) for every bilingual format the auditor accepts.

:func:`read_document` picks a reader by ``--input-format``, else by content and extension
(see :mod:`auditor.formats.detect`), and returns a :class:`~auditor.model.Document`.
Two-file input (``--source/--target``) goes through :func:`read_parallel`.
"""

from __future__ import annotations

import importlib

from auditor.formats.base import ReaderOptions
from auditor.formats.detect import EXTENSIONS, guess_format
from auditor.formats.parallel import read_parallel
from auditor.model import Document, InputError

__all__ = [
    "EXTENSIONS",
    "READERS",
    "ReaderOptions",
    "guess_format",
    "input_formats",
    "read_document",
    "read_parallel",
]

#: format name -> ``module:function`` (or ``module``, meaning its ``read``) with the
#: signature ``read(path, options: ReaderOptions) -> Document``.
READERS: dict[str, str] = {
    "interleaved": "auditor.formats.interleaved",
    "tsv": "auditor.formats.delimited:read_tsv",
    "csv": "auditor.formats.delimited:read_csv",
    "jsonl": "auditor.formats.jsonl",
    "tmx": "auditor.formats.tmx",
    "xliff": "auditor.formats.xliff",
}


def input_formats() -> list[str]:
    return sorted(READERS)


def read_document(
    path: str, input_format: str | None = None, options: ReaderOptions | None = None
) -> Document:
    fmt = input_format or guess_format(path)
    if fmt not in READERS:
        raise InputError(
            f"unknown input format {fmt!r}; choose one of: {', '.join(input_formats())}", path
        )
    module_name, _, function = READERS[fmt].partition(":")
    reader = getattr(importlib.import_module(module_name), function or "read")
    return reader(path, options or ReaderOptions())
