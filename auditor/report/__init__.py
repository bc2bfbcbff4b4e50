"""Report writers: one module per output format behind one interface.

Each writer module defines ``NAME``, ``FILENAME`` (used with ``--output-dir``) and
``write(report: Report, stream: TextIO, options: WriterOptions) -> None``.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Protocol, TextIO

from auditor.model import Report

#: format name -> module path
WRITERS: dict[str, str] = {
    "text": "auditor.report.text",
    "json": "auditor.report.json_report",
}


@dataclass(frozen=True)
class WriterOptions:
    color: bool = False
    #: Only findings at or above this severity are listed where a writer summarises.
    min_severity: str = "minor"


class Writer(Protocol):
    NAME: str
    FILENAME: str

    def write(self, report: Report, stream: TextIO, options: WriterOptions) -> None: ...


def output_formats() -> list[str]:
    return sorted(WRITERS)


def get_writer(name: str) -> Writer:
    if name not in WRITERS:
        raise KeyError(name)
    return importlib.import_module(WRITERS[name])  # type: ignore[return-value]
