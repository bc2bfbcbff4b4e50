"""The corrected bilingual file of a reviewed report, and the review app's exports.

Each segment's English with its translation in force: the reviewer's post-edit where there
is one, else the machine translation. ``auditor export`` (:mod:`auditor.commands.export`)
writes it from a session; the review app's export (``x``) offers the report formats too.
"""

from __future__ import annotations

from pathlib import Path
from typing import TextIO

from auditor.formats.writers import PAIR_FORMATS, write_pairs
from auditor.model import Report, SegmentResult
from auditor.report import WriterOptions, get_writer, output_formats
from auditor.report.atomic import atomic_output

#: The corrected bilingual file's formats: those of the aligned-pair writers.
BILINGUAL_FORMATS: tuple[str, ...] = PAIR_FORMATS


def corrected_pairs(report: Report) -> list[tuple[str | None, str | None]]:
    """(English, translation in force) for every segment, in document order."""
    return [
        (r.segment.source, r.post_edit if r.post_edit is not None else r.segment.target)
        for r in report.results
    ]


def _extras(result: SegmentResult, fmt: str) -> dict[str, object]:
    """Unit id, a note with the review outcome, and the XLIFF state of the translation."""
    statuses = [d.status for d in (result.decisions or ())]
    edited = result.post_edit is not None
    notes = []
    if edited:
        notes.append("post-edited in review")
    for status in ("confirmed", "open"):
        rules = [f.rule for f, s in zip(result.findings, statuses) if s == status]
        if rules:
            notes.append(f"{status}: {', '.join(dict.fromkeys(rules))}")
    if fmt == "xliff2":
        state = "reviewed" if edited or (statuses and "open" not in statuses) else "translated"
    else:
        state = (
            "needs-review-translation"
            if "open" in statuses
            else ("signed-off" if edited else "translated")
        )
    return {"id": result.segment.id, "note": "; ".join(notes), "state": state}


def write_bilingual(report: Report, fmt: str, stream: TextIO, target_lang: str = "zh-TW") -> int:
    """Write the corrected bilingual file of ``report`` in ``fmt`` (``tmx``, ``xliff``, ...)."""
    extras = [_extras(r, fmt) for r in report.results]
    original = report.inputs[0].path if report.inputs else "auditor"
    return write_pairs(
        corrected_pairs(report),
        stream,
        fmt,
        extras=extras,
        target_lang=target_lang,
        original=original,
    )


#: In the review app's export menu a bilingual format is named with this prefix, since
#: some names (csv) are report formats too.
CORRECTED = "corrected-"


def export_formats() -> list[str]:
    """Everything the review app's export offers: report formats, then bilingual ones."""
    return [*output_formats(), *(CORRECTED + f for f in BILINGUAL_FORMATS)]


def write_export(report: Report, fmt: str, path: str | Path, target_lang: str = "zh-TW") -> None:
    """Write a report (``json``, ``html``, …) or a corrected bilingual file (``corrected-tmx``, …)."""
    with atomic_output(path, "the export") as fh:
        if fmt.startswith(CORRECTED):
            write_bilingual(report, fmt.removeprefix(CORRECTED), fh, target_lang)
        else:
            get_writer(fmt).write(report, fh, WriterOptions())
