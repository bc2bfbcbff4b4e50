"""The JSON report: the stable contract ``auditor-report/1`` (docs/report-format.md).

``auditor/report/schema/auditor-report-1.schema.json`` is its JSON Schema; the tests
validate every report against it. Fields may be added within version 1 only where the
schema allows them; a change to an existing field is version 2.
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any, TextIO

from auditor.model import Report, SegmentResult
from auditor.report.common import counts, decision_for
from auditor.scoring import Scores, scores_of

NAME = "json"
FILENAME = "report.json"
SCHEMA = "auditor-report/1"
SCHEMA_FILE = "auditor-report-1.schema.json"


def load_schema() -> dict[str, Any]:
    text = resources.files("auditor.report").joinpath("schema", SCHEMA_FILE).read_text("utf-8")
    return json.loads(text)


def summary(report: Report, scores: Scores | None = None) -> dict[str, object]:
    scores = scores or scores_of(report)
    by_category, by_severity = counts(report)
    out: dict[str, object] = {
        "segments": len(report.results),
        "flagged": sum(1 for r in report.results if r.findings),
        "findings": sum(by_category.values()),
        "by_category": dict(sorted(by_category.items())),
        "by_severity": dict(sorted(by_severity.items())),
        "mqm_score": None if scores.mqm.score is None else round(scores.mqm.score, 2),
    }
    if report.reviewed:
        statuses = {"open": 0, "confirmed": 0, "dismissed": 0}
        for result in report.results:
            for index in range(len(result.findings)):
                decision = decision_for(result, index)
                statuses[decision.status if decision else "open"] += 1
        out["by_status"] = statuses
        out["post_edited"] = sum(1 for r in report.results if r.post_edit is not None)
    baseline = report.extra.get("baseline")
    if isinstance(baseline, dict):
        out["baseline_known"] = int(baseline.get("known", 0))
    return out


def finding_json(result: SegmentResult, index: int, reviewed: bool) -> dict[str, object]:
    out = result.findings[index].to_json()
    if reviewed:
        decision = decision_for(result, index)
        out["status"] = decision.status if decision else "open"
        out["reason"] = decision.reason if decision else None
    return out


def segment_json(
    result: SegmentResult, scores: Scores, reviewed: bool = False
) -> dict[str, object]:
    seg = result.segment
    out: dict[str, object] = {
        "id": seg.id,
        "source": seg.source,
        "target": seg.target,
        "source_loc": seg.source_loc.to_json() if seg.source_loc else None,
        "target_loc": seg.target_loc.to_json() if seg.target_loc else None,
        "align": {"type": seg.align_type, "score": round(seg.align_score, 4)},
        "findings": [finding_json(result, i, reviewed) for i in range(len(result.findings))],
        "scores": scores.segment_json(result),
    }
    if reviewed:
        out["post_edit"] = result.post_edit
    return out


def tool_json(version: str, extra: object = None) -> dict[str, object]:
    """The ``tool`` block: name and version, and what ``auditor check`` adds (the resolved
    configuration, each glossary's digest and the run's signature)."""
    tool: dict[str, object] = {"name": "auditor", "version": version}
    if isinstance(extra, dict):
        tool.update(extra)
    return tool


def report_json(report: Report) -> dict[str, object]:
    scores = scores_of(report)
    return {
        "schema": SCHEMA,
        "tool": tool_json(report.tool_version, report.extra.get("tool")),
        "inputs": [{"path": i.path, "format": i.format} for i in report.inputs],
        "glossaries": list(report.glossaries),
        "reviewed": report.reviewed,
        "summary": summary(report, scores),
        "scores": scores.to_json(),
        "segments": [segment_json(r, scores, report.reviewed) for r in report.results],
    }


def write(report: Report, stream: TextIO, options: object = None) -> None:
    json.dump(report_json(report), stream, ensure_ascii=False, indent=2)
    stream.write("\n")
