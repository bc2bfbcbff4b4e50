"""Report writers that stream: each result is written as it comes, nothing is gathered.

``auditor check --format jsonl`` on a million pairs must not build a Report first. JSON
Lines (:mod:`auditor.report.jsonl`, a line per finding) and CSV (a row per finding) are
written a result at a time; JSON (:mod:`auditor.report.json_report`) has its ``summary``
and ``scores`` after the segments, and SARIF its rule table and score after the results,
both counted on the way. Parsed, each equals what its writer makes of the gathered
report. Several formats are written in the same single pass.
"""

from __future__ import annotations

import io
import json
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TextIO

from auditor.model import SEVERITY_RANK, InputInfo, Report, SegmentResult
from auditor.report.common import result_items
from auditor.report.json_report import SCHEMA, segment_json, tool_json
from auditor.scoring import MAX_SCORE, REFERENCE_WORDS, MqmScore, Scores, counted, segment_penalty


@dataclass
class Tally:
    """Counts of findings on the way past, for the summary and the exit code."""

    segments: int = 0
    flagged: int = 0
    by_category: Counter[str] = field(default_factory=Counter)
    by_severity: Counter[str] = field(default_factory=Counter)
    worst: int = 0
    #: For ``--min-confidence``: the worst severity rank of findings without a confidence,
    #: and (severity rank, confidence) of those with one (few: the omission rules').
    worst_certain: int = 0
    inferred: Counter[tuple[int, float]] = field(default_factory=Counter)
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
            if finding.confidence is None:
                self.worst_certain = max(self.worst_certain, SEVERITY_RANK[finding.severity])
            else:
                self.inferred[(SEVERITY_RANK[finding.severity], finding.confidence)] += 1

    def worst_counted(self, min_confidence: float | None) -> int:
        """The worst severity rank of the findings ``--fail-on`` counts."""
        if min_confidence is None:
            return self.worst
        sure = (rank for rank, confidence in self.inferred if confidence >= min_confidence)
        return max(self.worst_certain, *sure, 0)

    def merge(self, other: Tally) -> None:
        self.segments += other.segments
        self.flagged += other.flagged
        self.by_category.update(other.by_category)
        self.by_severity.update(other.by_severity)
        self.worst = max(self.worst, other.worst)
        self.worst_certain = max(self.worst_certain, other.worst_certain)
        self.inferred.update(other.inferred)
        self.words += other.words
        self.penalty += other.penalty
        self.counted += other.counted

    def mqm(self) -> MqmScore:
        """:func:`auditor.scoring.mqm_score`, from the running counts."""
        if self.words == 0:
            return MqmScore(0, self.counted, self.penalty, None, None)
        per_word = self.penalty / self.words
        return MqmScore(
            self.words,
            self.counted,
            self.penalty,
            per_word * REFERENCE_WORDS,
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


@dataclass(frozen=True)
class RunInfo:
    """What a report says about the run besides its results."""

    inputs: Sequence[InputInfo] = ()
    glossaries: Sequence[str] = ()
    tool_version: str = ""
    #: The ``tool`` block's added fields (:func:`auditor.project.tool_block`).
    tool: Mapping[str, object] | None = None


class _Sink:
    """One output being written as results come: ``add`` each, then ``close``."""

    def add(self, result: SegmentResult) -> None:
        raise NotImplementedError

    def close(self, tally: Tally) -> None:
        pass


class _JsonlSink(_Sink):
    """:mod:`auditor.report.jsonl`: a line per finding."""

    def __init__(self, stream: TextIO, info: RunInfo):
        from auditor.report import jsonl

        self._write, self._stream = jsonl.write, stream

    def add(self, result: SegmentResult) -> None:
        if result.findings:
            self._write(Report(inputs=(), glossaries=(), results=(result,)), self._stream)


class _JsonSink(_Sink):
    """:mod:`auditor.report.json_report`, the segments first, the summary and scores
    (counted on the way) last."""

    def __init__(self, stream: TextIO, info: RunInfo):
        head = {
            "schema": SCHEMA,
            "tool": tool_json(info.tool_version, dict(info.tool) if info.tool else None),
            "inputs": [{"path": i.path, "format": i.format} for i in info.inputs],
            "glossaries": list(info.glossaries),
            "reviewed": False,
        }
        stream.write(json.dumps(head, ensure_ascii=False, indent=2)[:-2])
        stream.write(',\n  "segments": [')
        self._stream, self._count = stream, 0

    def add(self, result: SegmentResult) -> None:
        self._stream.write("\n    " if self._count == 0 else ",\n    ")
        self._stream.write(json.dumps(segment_json(result, _NO_METRICS), ensure_ascii=False))
        self._count += 1

    def close(self, tally: Tally) -> None:
        stream = self._stream
        stream.write('\n  ],\n  "summary": ')
        stream.write(json.dumps(tally.summary(), ensure_ascii=False))
        stream.write(',\n  "scores": ')
        stream.write(json.dumps(Scores(mqm=tally.mqm()).to_json(), ensure_ascii=False))
        stream.write("\n}\n")


class _CsvSink(_Sink):
    """:mod:`auditor.report.csv_report`: a row per finding."""

    def __init__(self, stream: TextIO, info: RunInfo):
        from auditor.report.csv_report import CsvWriter

        self._writer = CsvWriter(stream, _NO_METRICS)

    def add(self, result: SegmentResult) -> None:
        for it in result_items(result):
            self._writer.add(it)


class _SarifSink(_Sink):
    """:mod:`auditor.report.sarif`: the results, then the rules and the run's score."""

    def __init__(self, stream: TextIO, info: RunInfo):
        from auditor.report.sarif import SarifWriter

        self._writer = SarifWriter(
            stream, [i.path for i in info.inputs], info.tool_version, info.tool
        )

    def add(self, result: SegmentResult) -> None:
        for it in result_items(result):
            self._writer.add(it)

    def close(self, tally: Tally) -> None:
        self._writer.close(tally.mqm())


_SINKS: dict[str, type[_Sink]] = {
    "jsonl": _JsonlSink,
    "json": _JsonSink,
    "csv": _CsvSink,
    "sarif": _SarifSink,
}
#: Output formats this module writes as a stream.
STREAMING_FORMATS: tuple[str, ...] = tuple(_SINKS)


def write_streamed(
    results: Iterable[SegmentResult],
    outputs: Sequence[tuple[str, TextIO]],
    info: RunInfo = RunInfo(),
) -> Tally:
    """Write each result to every ``(format, stream)`` as it comes; one pass, nothing
    gathered. Returns the counts (summary, exit code)."""
    sinks = [_SINKS[fmt](stream, info) for fmt, stream in outputs]
    tally = Tally()
    for result in results:
        tally.add(result)
        for sink in sinks:
            sink.add(result)
    for sink in sinks:
        sink.close(tally)
    return tally


def render_jsonl(results: list[SegmentResult]) -> tuple[str, Tally]:
    """The JSON Lines of some consecutive results, and their counts: what a worker
    process renders for :func:`auditor.engine.stream.check_stream_finished`."""
    buf = io.StringIO()
    tally = write_streamed(results, [("jsonl", buf)])
    return buf.getvalue(), tally


def write_jsonl(results: Iterable[SegmentResult], stream: TextIO) -> Tally:
    """:mod:`auditor.report.jsonl`, one result at a time: a line per finding."""
    return write_streamed(results, [("jsonl", stream)])
