"""Report writers: one module per output format, each a :class:`~auditor.report.base.ReportWriter`
(begin / add a segment's result / end), listed in one registry.

A streamed run feeds results to :func:`write_results` as they are checked; a gathered
report goes through the same writer, fed from its list (``get_writer(name).write``).
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Sequence
from typing import TextIO

from auditor.model import Report, SegmentResult
from auditor.report.base import ReportWriter, WriterOptions
from auditor.report.tally import Tally

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


def output_formats() -> list[str]:
    return sorted(WRITERS)


def canonical_format(name: str) -> str:
    """``md`` -> ``markdown``; unknown names are returned unchanged."""
    return ALIASES.get(name, name)


def get_writer(name: str) -> type[ReportWriter]:
    name = canonical_format(name)
    if name not in WRITERS:
        raise KeyError(name)
    writer: type[ReportWriter] = importlib.import_module(WRITERS[name]).Writer
    return writer


def streams(name: str) -> bool:
    """Whether the format is written as results come, holding none of them."""
    return not get_writer(name).GATHERS


def write_results(
    results: Iterable[SegmentResult],
    outputs: Sequence[tuple[str, TextIO]],
    head: Report,
    options: WriterOptions | None = None,
) -> Tally:
    """Write each result to every ``(format, stream)`` as it comes, in one pass; ``head``
    is what the report says about the run (its results are not read). Returns the tally
    (the summary, the exit code)."""
    writers = [get_writer(fmt)(stream, head, options) for fmt, stream in outputs]
    tally = Tally()
    for result in results:
        tally.add(result)
        for writer in writers:
            writer.add(result)
    for writer in writers:
        writer.end(tally)
    return tally
