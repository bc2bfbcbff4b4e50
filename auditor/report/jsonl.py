"""JSON Lines: one finding per line, self-contained, for data pipelines (jq, pandas, BigQuery).

Each line carries the finding, its segment's texts and locations, the review status and a
stable fingerprint (the one baselines use), so lines can be joined across runs.
"""

from __future__ import annotations

import json
from typing import TextIO

from auditor.baseline import fingerprint
from auditor.model import Report
from auditor.report.common import items

NAME = "jsonl"
FILENAME = "report.jsonl"


def write(report: Report, stream: TextIO, options: object = None) -> None:
    for it in items(report):
        seg = it.result.segment
        loc = it.loc
        record: dict[str, object] = {
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
        stream.write(json.dumps(record, ensure_ascii=False))
        stream.write("\n")
