"""Readers (and the aligned-pair writers) for every bilingual format the auditor accepts.

:func:`read_document` picks a reader by ``--input-format``, else by extension, else by
content, and returns a :class:`~auditor.model.Document`.
"""

from __future__ import annotations

import importlib
from pathlib import Path

from auditor.formats.base import ReaderOptions
from auditor.formats.parallel import read_parallel
from auditor.model import Document, InputError

__all__ = ["read_document", "read_parallel", "input_formats", "guess_format", "ReaderOptions"]

#: format name -> module that defines ``read(path) -> Document``.
READERS: dict[str, str] = {
    "interleaved": "auditor.formats.interleaved",
}

#: file extension -> format name.
EXTENSIONS: dict[str, str] = {
    ".txt": "interleaved",
}


def input_formats() -> list[str]:
    return sorted(READERS)


def guess_format(path: str) -> str:
    suffix = Path(path).suffix.lower()
    if suffix in EXTENSIONS:
        return EXTENSIONS[suffix]
    return "interleaved"


def read_document(
    path: str, input_format: str | None = None, options: ReaderOptions | None = None
) -> Document:
    fmt = input_format or guess_format(path)
    if fmt not in READERS:
        raise InputError(
            f"unknown input format {fmt!r}; choose one of: {', '.join(input_formats())}", path
        )
    module = importlib.import_module(READERS[fmt])
    return module.read(path, options or ReaderOptions())
