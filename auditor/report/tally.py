"""The counts of a run, taken as results go past: the report's summary, its MQM score and
the exit code all come from here, whether the report is streamed or gathered."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from auditor.model import SEVERITY_RANK, SegmentResult
from auditor.scoring import WEIGHTS, MqmScore, counted, mqm_of
from auditor.whitespace_fast import word_count_fast


@dataclass
class Tally:
    """Counts of findings on the way past. A finding a reviewer dismissed is left out of
    every count but ``flagged`` and ``by_status``, as in the gathered report's summary."""

    segments: int = 0
    flagged: int = 0
    by_category: Counter[str] = field(default_factory=Counter)
    by_severity: Counter[str] = field(default_factory=Counter)
    by_status: Counter[str] = field(default_factory=Counter)
    post_edited: int = 0
    #: The worst severity rank ``--fail-on`` counts, per ``--min-confidence`` floor: the
    #: worst of findings without a confidence, and (severity rank, confidence) of those
    #: with one (few: the omission rules').
    worst_certain: int = 0
    inferred: Counter[tuple[int, float]] = field(default_factory=Counter)
    #: For the MQM score: English words, penalty points, findings that count.
    words: int = 0
    penalty: int = 0
    counted: int = 0

    def add(self, result: SegmentResult) -> None:
        self.segments += 1
        self.words += word_count_fast(result.segment.source or "")
        if result.post_edit is not None:
            self.post_edited += 1
        if not result.findings:  # most segments: nothing more to count
            return
        self.flagged += 1
        kept = counted(result)
        self.counted += len(kept)
        for index in kept:
            finding = result.findings[index]
            rank = SEVERITY_RANK[finding.severity]
            self.penalty += WEIGHTS[finding.severity]  # (:func:`segment_penalty`)
            self.by_category[finding.category] += 1
            self.by_severity[finding.severity] += 1
            if finding.confidence is None:
                self.worst_certain = max(self.worst_certain, rank)
            else:
                self.inferred[(rank, finding.confidence)] += 1
        decisions = result.decisions or ()
        for index in range(len(result.findings)):
            decision = decisions[index] if index < len(decisions) else None
            self.by_status[decision.status if decision is not None else "open"] += 1

    def add_all(self, results: Iterable[SegmentResult]) -> Tally:
        for result in results:
            self.add(result)
        return self

    @property
    def findings(self) -> int:
        return sum(self.by_category.values())

    def worst_counted(self, min_confidence: float | None) -> int:
        """The worst severity rank of the findings ``--fail-on`` counts (0: none)."""
        sure = (
            rank
            for rank, confidence in self.inferred
            if min_confidence is None or confidence >= min_confidence
        )
        return max(self.worst_certain, *sure, 0)

    def merge(self, other: Tally) -> None:
        self.segments += other.segments
        self.flagged += other.flagged
        self.by_category.update(other.by_category)
        self.by_severity.update(other.by_severity)
        self.by_status.update(other.by_status)
        self.post_edited += other.post_edited
        self.worst_certain = max(self.worst_certain, other.worst_certain)
        self.inferred.update(other.inferred)
        self.words += other.words
        self.penalty += other.penalty
        self.counted += other.counted

    def mqm(self, threshold: float | None = None) -> MqmScore:
        return mqm_of(self.words, self.counted, self.penalty, threshold)

    def summary(
        self, score: float | None, reviewed: bool = False, baseline_known: int | None = None
    ) -> dict[str, object]:
        """The report's ``summary`` block (``auditor-report/1``)."""
        out: dict[str, object] = {
            "segments": self.segments,
            "flagged": self.flagged,
            "findings": self.findings,
            "by_category": dict(sorted(self.by_category.items())),
            "by_severity": dict(sorted(self.by_severity.items())),
            "mqm_score": None if score is None else round(score, 2),
        }
        if reviewed:
            out["by_status"] = {
                s: self.by_status.get(s, 0) for s in ("open", "confirmed", "dismissed")
            }
            out["post_edited"] = self.post_edited
        if baseline_known is not None:
            out["baseline_known"] = baseline_known
        return out
