"""The JSON report: the stable contract ``auditor-report/1`` (see docs/report-format.md)."""

from __future__ import annotations

import json
from collections import Counter
from typing import TextIO

from auditor.model import Report, SegmentResult

NAME = "json"
FILENAME = "report.json"
SCHEMA = "auditor-report/1"


def summary(report: Report) -> dict[str, object]:
    by_category: Counter[str] = Counter()
    by_severity: Counter[str] = Counter()
    for finding in report.findings:
        by_category[finding.category] += 1
        by_severity[finding.severity] += 1
    out: dict[str, object] = {
        "segments": len(report.results),
        "flagged": sum(1 for r in report.results if r.findings),
        "findings": sum(by_category.values()),
        "by_category": dict(sorted(by_category.items())),
        "by_severity": dict(sorted(by_severity.items())),
    }
    out.update(report.extra.get("summary", {}))  # type: ignore[arg-type]
    return out


def segment_json(result: SegmentResult) -> dict[str, object]:
    seg = result.segment
    return {
        "id": seg.id,
        "source": seg.source,
        "target": seg.target,
        "source_loc": seg.source_loc.to_json() if seg.source_loc else None,
        "target_loc": seg.target_loc.to_json() if seg.target_loc else None,
        "align": {"type": seg.align_type, "score": round(seg.align_score, 4)},
        "findings": [f.to_json() for f in result.findings],
    }


def report_json(report: Report) -> dict[str, object]:
    return {
        "schema": SCHEMA,
        "tool": {"name": "auditor", "version": report.tool_version},
        "inputs": [{"path": i.path, "format": i.format} for i in report.inputs],
        "glossaries": list(report.glossaries),
        "summary": summary(report),
        "segments": [segment_json(r) for r in report.results],
    }


def write(report: Report, stream: TextIO, options: object = None) -> None:
    json.dump(report_json(report), stream, ensure_ascii=False, indent=2)
    stream.write("\n")
