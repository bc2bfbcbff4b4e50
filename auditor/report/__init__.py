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
    "jsonl": "auditor.report.jsonl",
    "csv": "auditor.report.csv_report",
    "html": "auditor.report.html",
    "markdown": "auditor.report.markdown",
    "sarif": "auditor.report.sarif",
    "junit": "auditor.report.junit",
    "github": "auditor.report.github",
    "gitlab": "auditor.report.gitlab",
}

#: Other names accepted by ``--format``.
ALIASES: dict[str, str] = {"md": "markdown", "xml": "junit"}

#: What ``--output-dir`` writes when no ``--format`` is given: every file format.
FILE_FORMATS: tuple[str, ...] = ("json", "jsonl", "csv", "html", "markdown", "sarif", "junit")


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


def canonical_format(name: str) -> str:
    """``md`` -> ``markdown``; unknown names are returned unchanged."""
    return ALIASES.get(name, name)


def get_writer(name: str) -> Writer:
    name = canonical_format(name)
    if name not in WRITERS:
        raise KeyError(name)
    return importlib.import_module(WRITERS[name])  # type: ignore[return-value]
