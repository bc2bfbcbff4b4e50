"""CSV: one row per finding, for a vendor coordinator's spreadsheet.

Written as UTF-8 with a byte-order mark and CRLF line ends: without the BOM, Excel opens a
UTF-8 CSV in the machine's legacy code page and Chinese text turns into mojibake. Cells that
a spreadsheet would run as a formula (starting with ``=``, ``+``, ``@``, or ``-`` not
followed by a digit) get a leading apostrophe (OWASP's advice against CSV injection).
"""

from __future__ import annotations

import csv
import re

from auditor.model import SegmentResult
from auditor.report.base import ReportWriter
from auditor.report.common import Item, result_items

NAME = "csv"
FILENAME = "report.csv"

COLUMNS = (
    "file",
    "line",
    "segment",
    "rule",
    "category",
    "severity",
    "mqm",
    "status",
    "reason",
    "message",
    "expected",
    "found",
    "source_excerpt",
    "target_excerpt",
    "source",
    "target",
    "post_edit",
    "source_line",
    "target_line",
    "penalty",
    "bleu",
    "chrf",
    "ter",
    "hter",
)

_FORMULA = re.compile(r"^(?:[=+@\t\r]|-(?![\d.\s]))")


def safe_cell(value: object) -> str:
    if value is None:
        return ""
    text = str(value)
    return "'" + text if _FORMULA.match(text) else text


class Writer(ReportWriter):
    """The header at once, then a row per finding as it is given."""

    NAME = NAME
    FILENAME = FILENAME

    def begin(self) -> None:
        self.stream.write("\ufeff")
        self._writer = csv.writer(self.stream, lineterminator="\r\n")
        self._writer.writerow(COLUMNS)
        self._scores = self.scores()

    def add(self, result: SegmentResult) -> None:
        for it in result_items(result):
            self._row(it)

    def _row(self, it: Item) -> None:
        seg = it.result.segment
        loc = it.loc
        seg_scores = self._scores.segment_json(it.result)
        row = {
            "file": loc.path if loc else "",
            "line": loc.first if loc else "",
            "segment": seg.id,
            "rule": it.finding.rule,
            "category": it.finding.category,
            "severity": it.finding.severity,
            "mqm": it.finding.mqm,
            "status": it.status,
            "reason": it.reason,
            "message": it.finding.message,
            "expected": it.finding.expected,
            "found": it.finding.found,
            "source_excerpt": it.source_excerpt(),
            "target_excerpt": it.target_excerpt(),
            "source": seg.source,
            "target": seg.target,
            "post_edit": it.result.post_edit,
            "source_line": seg.source_loc.first if seg.source_loc else "",
            "target_line": seg.target_loc.first if seg.target_loc else "",
            **{k: seg_scores.get(k, "") for k in ("penalty", "bleu", "chrf", "ter", "hter")},
        }
        self._writer.writerow([safe_cell(row[c]) for c in COLUMNS])
