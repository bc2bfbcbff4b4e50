"""Report writers that stream: each result is written as it comes, nothing is gathered.

``auditor check --format jsonl`` on a million pairs must not build a Report first. JSON
Lines is :mod:`auditor.report.jsonl` (one finding per line), fed one result at a time;
JSON is the report of :mod:`auditor.report.json_report` written incrementally, with its
``summary`` and ``scores`` after the segments (counted on the way): parsed, it equals
:func:`auditor.report.json_report.report_json` of the gathered report.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TextIO

from auditor.model import SEVERITY_RANK, InputInfo, Report, SegmentResult
from auditor.report.json_report import SCHEMA, segment_json
from auditor.scoring import MAX_SCORE, REFERENCE_WORDS, MqmScore, Scores, counted, segment_penalty

#: Output formats this module writes as a stream.
STREAMING_FORMATS: tuple[str, ...] = ("jsonl", "json")


@dataclass
class Tally:
    """Counts of findings on the way past, for the summary and the exit code."""

    segments: int = 0
    flagged: int = 0
    by_category: Counter[str] = field(default_factory=Counter)
    by_severity: Counter[str] = field(default_factory=Counter)
    worst: int = 0
    #: For the MQM score: English words, penalty points, findings that count.
    words: int = 0
    penalty: int = 0
    counted: int = 0

    def add(self, result: SegmentResult) -> None:
        self.segments += 1
        self.words += len((result.segment.source or "").split())
        self.penalty += segment_penalty(result)
        self.counted += len(counted(result))
        if result.findings:
            self.flagged += 1
        for finding in result.findings:
            self.by_category[finding.category] += 1
            self.by_severity[finding.severity] += 1
            self.worst = max(self.worst, SEVERITY_RANK[finding.severity])

    def merge(self, other: Tally) -> None:
        self.segments += other.segments
        self.flagged += other.flagged
        self.by_category.update(other.by_category)
        self.by_severity.update(other.by_severity)
        self.worst = max(self.worst, other.worst)
        self.words += other.words
        self.penalty += other.penalty
        self.counted += other.counted

    def mqm(self) -> MqmScore:
        """:func:`auditor.scoring.mqm_score`, from the running counts."""
        if self.words == 0:
            return MqmScore(0, self.counted, self.penalty, None, None)
        per_word = self.penalty / self.words
        return MqmScore(
            self.words, self.counted, self.penalty, per_word * REFERENCE_WORDS,
            MAX_SCORE * (1 - per_word),
        )

    def summary(self) -> dict[str, object]:
        score = self.mqm().score
        return {
            "segments": self.segments,
            "flagged": self.flagged,
            "findings": sum(self.by_category.values()),
            "by_category": dict(sorted(self.by_category.items())),
            "by_severity": dict(sorted(self.by_severity.items())),
            "mqm_score": None if score is None else round(score, 2),
        }


#: A plain audit has no references or post-edits: per segment, only the MQM penalty.
_NO_METRICS = Scores(mqm=MqmScore(0, 0, 0, None, None))


def _line(result: SegmentResult) -> str:
    return json.dumps(segment_json(result, _NO_METRICS), ensure_ascii=False)


def write_jsonl(results: Iterable[SegmentResult], stream: TextIO) -> Tally:
    """:mod:`auditor.report.jsonl`, one result at a time: a line per finding."""
    from auditor.report import jsonl

    tally = Tally()
    for result in results:
        tally.add(result)
        if result.findings:
            jsonl.write(Report(inputs=(), glossaries=(), results=(result,)), stream)
    return tally


def write_json(
    results: Iterable[SegmentResult],
    stream: TextIO,
    inputs: Sequence[InputInfo],
    glossaries: Sequence[str],
    tool_version: str,
) -> Tally:
    """The JSON report, one segment at a time, then the summary."""
    tally = Tally()
    head = {
        "schema": SCHEMA,
        "tool": {"name": "auditor", "version": tool_version},
        "inputs": [{"path": i.path, "format": i.format} for i in inputs],
        "glossaries": list(glossaries),
        "reviewed": False,
    }
    stream.write(json.dumps(head, ensure_ascii=False, indent=2)[:-2])
    stream.write(',\n  "segments": [')
    for n, result in enumerate(results):
        tally.add(result)
        stream.write("\n    " if n == 0 else ",\n    ")
        stream.write(_line(result))
    stream.write("\n  ],\n  \"summary\": ")
    stream.write(json.dumps(tally.summary(), ensure_ascii=False))
    scores = Scores(mqm=tally.mqm()).to_json()
    stream.write(',\n  "scores": ')
    stream.write(json.dumps(scores, ensure_ascii=False))
    stream.write("\n}\n")
    return tally
