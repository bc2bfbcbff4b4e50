"""The JSON report: the stable contract ``auditor-report/1`` (docs/report-format.md).

``auditor/report/schema/auditor-report-1.schema.json`` is its JSON Schema; the tests
validate every report against it. Fields may be added within version 1 only where the
schema allows them; a change to an existing field is version 2.
"""

from __future__ import annotations

import io
import json
from importlib import resources
from pathlib import Path
from typing import Any

from auditor.model import (
    Decision,
    Finding,
    InputError,
    InputInfo,
    Loc,
    Report,
    Segment,
    SegmentResult,
)
from auditor.report.base import ReportWriter
from auditor.report.common import decision_for
from auditor.report.tally import Tally
from auditor.scoring import Scores, scores_of

NAME = "json"
FILENAME = "report.json"
SCHEMA = "auditor-report/1"
SCHEMA_FILE = "auditor-report-1.schema.json"


def load_schema() -> dict[str, Any]:
    text = (resources.files("auditor.report") / "schema" / SCHEMA_FILE).read_text("utf-8")
    return json.loads(text)


def summary(report: Report, scores: Scores | None = None) -> dict[str, object]:
    """The ``summary`` block of a gathered report (a streamed one ends with the same,
    from its running tally)."""
    scores = scores or scores_of(report)
    baseline = report.extra.get("baseline")
    known = int(baseline.get("known", 0)) if isinstance(baseline, dict) else None
    return Tally().add_all(report.results).summary(scores.mqm.score, report.reviewed, known)


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
    """The whole report as a dict (what :class:`Writer` writes, parsed)."""
    buf = io.StringIO()
    Writer.write(report, buf)
    return json.loads(buf.getvalue())


class Writer(ReportWriter):
    """``auditor-report/1``. Gathered (``whole``), the summary and scores come before the
    segments, each segment indented like the rest; streamed, each segment is one line and
    the summary and scores, known only then, come last. Both parse to the same report."""

    NAME = NAME
    FILENAME = FILENAME

    def begin(self) -> None:
        report = self.head
        head: dict[str, object] = {
            "schema": SCHEMA,
            "tool": tool_json(report.tool_version, report.extra.get("tool")),
            "inputs": [{"path": i.path, "format": i.format} for i in report.inputs],
            "glossaries": list(report.glossaries),
            "reviewed": report.reviewed,
        }
        if self.whole:
            scores = self.scores()
            head["summary"] = summary(report, scores)
            head["scores"] = scores.to_json()
        self.stream.write(json.dumps(head, ensure_ascii=False, indent=2)[:-2])
        self.stream.write(',\n  "segments": [')
        self._segment_scores = self.scores()
        self._count = 0

    def add(self, result: SegmentResult) -> None:
        self.stream.write(",\n    " if self._count else "\n    ")
        segment = segment_json(result, self._segment_scores, self.head.reviewed)
        if self.whole:
            text = json.dumps(segment, ensure_ascii=False, indent=2).replace("\n", "\n    ")
        else:
            text = json.dumps(segment, ensure_ascii=False)
        self.stream.write(text)
        self._count += 1

    def end(self, tally: Tally) -> None:
        if self.whole:
            self.stream.write("\n  ]\n}\n" if self._count else "]\n}\n")
            return
        baseline = self.head.extra.get("baseline")
        known = int(baseline.get("known", 0)) if isinstance(baseline, dict) else None
        mqm = tally.mqm()
        self.stream.write('\n  ],\n  "summary": ')
        self.stream.write(
            json.dumps(tally.summary(mqm.score, self.head.reviewed, known), ensure_ascii=False)
        )
        self.stream.write(',\n  "scores": ')
        self.stream.write(json.dumps(Scores(mqm=mqm).to_json(), ensure_ascii=False))
        self.stream.write("\n}\n")


# --- reading: the session store opens a report through these


def _loc(data: object) -> Loc | None:
    if not isinstance(data, dict):
        return None
    first, last = data["lines"]
    return Loc(str(data["path"]), int(first), int(last))


def _span(data: object) -> tuple[int, int] | None:
    if not data:
        return None
    if not isinstance(data, (list, tuple)) or len(data) != 2:
        raise ValueError(f"a span is two offsets, not {data!r}")
    start, end = data
    return (int(start), int(end))


def report_from_json(data: Any, path: str = "<report>") -> Report:
    """Rebuild a :class:`Report` from the ``auditor-report/1`` JSON contract.

    Decisions and post-edits in a report written from a session come back too, so a
    reviewed report can be opened again for more review.
    """
    schema = data.get("schema") if isinstance(data, dict) else None
    if not isinstance(schema, str) or not schema.startswith("auditor-report/"):
        raise InputError('not an auditor JSON report (no "schema": "auditor-report/1")', path)
    try:
        results = []
        reviewed = False
        for seg in data["segments"]:
            align = seg.get("align") or {}
            segment = Segment(
                id=str(seg["id"]),
                source=seg.get("source"),
                target=seg.get("target"),
                source_loc=_loc(seg.get("source_loc")),
                target_loc=_loc(seg.get("target_loc")),
                align_type=align.get("type", "1-1"),
                align_score=float(align.get("score", 1.0)),
            )
            findings, decisions = [], []
            for f in seg.get("findings", ()):
                findings.append(
                    Finding(
                        rule=f["rule"],
                        category=f["category"],
                        severity=f["severity"],
                        mqm=f.get("mqm", ""),
                        message=f["message"],
                        source_span=_span(f.get("source_span")),
                        target_span=_span(f.get("target_span")),
                        expected=f.get("expected"),
                        found=f.get("found"),
                        confidence=f.get("confidence"),
                    )
                )
                if "status" in f:
                    reviewed = True
                decisions.append(Decision(f.get("status", "open"), f.get("reason")))
            post_edit = seg.get("post_edit")
            results.append(
                SegmentResult(
                    segment,
                    tuple(findings),
                    tuple(decisions) if reviewed else None,
                    post_edit,
                )
            )
        inputs = tuple(InputInfo(str(i["path"]), str(i["format"])) for i in data.get("inputs", ()))
        tool = data.get("tool") or {}
        return Report(
            inputs=inputs,
            glossaries=tuple(data.get("glossaries") or ()),
            results=tuple(results),
            tool_version=str(tool.get("version", "0.1.0")),
            reviewed=reviewed,
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise InputError(
            f"malformed auditor JSON report ({type(exc).__name__}: {exc})", path
        ) from None


def read_report_json(path: str | Path) -> Report:
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError("no such file", str(path)) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read: {exc}", str(path)) from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"invalid JSON: {exc.msg}", str(path), exc.lineno) from None
    return report_from_json(data, str(path))
