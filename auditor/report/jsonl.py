"""JSON Lines: one finding per line, self-contained, for data pipelines (jq, pandas, BigQuery).

Each line carries the finding, its segment's texts and locations, the review status and a
stable fingerprint (the one baselines use), so lines can be joined across runs.
"""

from __future__ import annotations

import io
import json

from auditor.baseline import fingerprint
from auditor.model import Report, SegmentResult
from auditor.report.base import ReportWriter
from auditor.report.common import Item, result_items
from auditor.report.tally import Tally

NAME = "jsonl"
FILENAME = "report.jsonl"


class Writer(ReportWriter):
    NAME = NAME
    FILENAME = FILENAME

    def add(self, result: SegmentResult) -> None:
        for it in result_items(result):
            self.stream.write(json.dumps(record(it), ensure_ascii=False))
            self.stream.write("\n")


def record(it: Item) -> dict[str, object]:
    """One finding's line."""
    seg = it.result.segment
    loc = it.loc
    return {
        "segment": seg.id,
        "path": loc.path if loc else None,
        "line": loc.first if loc else None,
        **it.finding.to_json(),
        "status": it.status,
        "reason": it.reason,
        "fingerprint": fingerprint(seg, it.finding),
        "source": seg.source,
        "target": seg.target,
        "source_loc": seg.source_loc.to_json() if seg.source_loc else None,
        "target_loc": seg.target_loc.to_json() if seg.target_loc else None,
        "post_edit": it.result.post_edit,
    }


def render(results: list[SegmentResult]) -> tuple[str, Tally]:
    """The JSON Lines of some consecutive results, and their tally: what a worker process
    renders so that only text comes back to the writing process."""
    buf = io.StringIO()
    writer = Writer(buf, EMPTY_HEAD)
    tally = Tally()
    for result in results:
        tally.add(result)
        writer.add(result)
    return buf.getvalue(), tally


#: JSON Lines say nothing about the run: rendering a batch needs no head.
EMPTY_HEAD = Report(inputs=(), glossaries=(), results=())
