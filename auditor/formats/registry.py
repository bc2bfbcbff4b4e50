"""The one list of bilingual formats: a module of :mod:`auditor.formats` per line.

Each module declares its format in a ``FORMAT`` value (:class:`InputFormat`). The order
is the order content sniffing tries them in (JSON Lines before TSV: a JSON object may
hold tabs) and the order of ``auditor align --format``'s choices.
"""

from __future__ import annotations

import importlib
from functools import cache

from auditor.formats.declaration import InputFormat
from auditor.model import InputError

MODULES: tuple[str, ...] = (
    "interleaved",
    "parallel",
    "jsonl",
    "tsv",
    "csvfile",
    "tmx",
    "xliff",
    "po",
)


@cache
def formats() -> tuple[InputFormat, ...]:
    """Every format, in registry order."""
    return tuple(importlib.import_module(f"auditor.formats.{m}").FORMAT for m in MODULES)


def input_formats() -> list[str]:
    """The names ``--input-format`` offers."""
    return sorted(f.name for f in formats() if f.choosable)


def format_named(name: str, path: str | None = None) -> InputFormat:
    for fmt in formats():
        if fmt.name == name:
            return fmt
    raise InputError(
        f"unknown input format {name!r}; choose one of: {', '.join(input_formats())}", path
    )
