"""The one unit of work of every engine: check a batch of consecutive segments.

A batch is checked the same way in the calling process, in a local worker process or on
a Dask worker, so every engine gives the same findings in the same order. Document-level
rules are split in two: their ``collect`` runs here, per segment, beside the segment
checks; their ``combine`` runs once over the facts of every batch (:func:`combine_facts`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Protocol

from auditor.checks.base import CheckContext, Checker
from auditor.checks.registry import all_checkers
from auditor.engine.bounded import bounded
from auditor.model import Finding, Segment, SegmentResult
from auditor.options import Selection

#: ``(segment index in the document, facts)`` as collected by one checker.
Facts = list[tuple[int, object]]

#: Segments per batch: big enough that pickling and scheduling cost little per segment,
#: small enough that a few batches in flight take little memory.
BATCH_SIZE = 1000


class Work(Protocol):
    """What an engine checks at a time: consecutive segments of the document, from
    ``start`` on, held (a batch) or read by the worker itself (a partition of the input)."""

    @property
    def start(self) -> int: ...

    def segments(self, ctx: CheckContext, limit: int | None = None) -> list[Segment]:
        """The item's segments, or only its first ``limit`` (read no further)."""
        ...


@dataclass(frozen=True)
class SegmentBatch:
    """Segments read in this process, sent to a worker to be checked."""

    start: int
    held: tuple[Segment, ...]

    def segments(self, ctx: CheckContext, limit: int | None = None) -> list[Segment]:
        return list(self.held[:limit])


def batched(segments: Iterable[Segment], size: int | None = None) -> Iterator[SegmentBatch]:
    """Consecutive batches of ``size`` segments (default :data:`BATCH_SIZE`)."""
    size = size or BATCH_SIZE
    batch: list[Segment] = []
    start = 0
    for segment in segments:
        batch.append(segment)
        if len(batch) == size:
            yield SegmentBatch(start, tuple(batch))
            start += size
            batch = []
    if batch:
        yield SegmentBatch(start, tuple(batch))


@dataclass(frozen=True)
class ActiveChecker:
    """A checker and the codes of its rules that the selection keeps."""

    checker: Checker
    codes: frozenset[str]

    @property
    def document_level(self) -> bool:
        return self.checker.combine is not None

    @property
    def every_rule(self) -> bool:
        """Whether the selection keeps every rule of the family: then its findings need no
        filtering (a family finds only its own rules' defects)."""
        return self.codes == {r.code for r in self.checker.rules}


@cache
def active_checkers(selection: Selection) -> tuple[ActiveChecker, ...]:
    """The selected checkers in registry order (which fixes the order of findings)."""
    active = []
    for checker in all_checkers():
        codes = frozenset(r.code for r in checker.rules if selection.enabled(r.code))
        if codes:
            active.append(ActiveChecker(checker, codes))
    return tuple(active)


def has_document_rules(selection: Selection) -> bool:
    return any(a.document_level for a in active_checkers(selection))


@dataclass(frozen=True)
class BatchResult:
    """Segment-level findings of a batch, and the facts its document-level rules need.

    ``findings[k]`` belongs to segment ``start + k``; ``facts`` maps a checker's name to
    what its ``collect`` returned (legacy ``document`` checkers collect the segment).
    """

    start: int
    findings: tuple[tuple[Finding, ...], ...]
    facts: dict[str, Facts]

    def results(self, segments: Sequence[Segment]) -> list[SegmentResult]:
        return [SegmentResult(s, f) for s, f in zip(segments, self.findings, strict=True)]


def check_batch(
    segments: Sequence[Segment],
    ctx: CheckContext,
    selection: Selection,
    start: int = 0,
) -> BatchResult:
    """Run every selected segment rule on ``segments`` (document indices ``start``...)
    and collect the facts of every selected document-level rule."""
    active = active_checkers(selection)
    limit = max_per_rule(ctx)
    collectors = [a.checker for a in active if a.checker.collect is not None]
    settlers = [a for a in active if a.checker.settle is not None]
    checks = [
        (a.checker.segment, None if a.every_rule else a.codes)
        for a in active
        if a.checker.segment is not None
    ]
    facts: dict[str, Facts] = {c.name: [] for c in collectors}
    per_segment = []
    # Collect right after checking each segment: a checker that analyses a segment for
    # both (the terms checker) can keep that analysis for the one segment at hand.
    for offset, segment in enumerate(segments):
        found: list[Finding] = []
        for check, codes in checks:
            if codes is None:
                found.extend(check(segment, ctx))
            else:
                found.extend(f for f in check(segment, ctx) if f.rule in codes)
        for a in settlers:
            found = list(a.checker.settle(found))  # type: ignore[misc]
        per_segment.append(bounded(found, limit))
        for c in collectors:
            fact = c.collect(segment, ctx)  # type: ignore[misc]
            if fact is not None:
                facts[c.name].append((start + offset, fact))
    return BatchResult(start, tuple(per_segment), facts)


class FactSource:
    """What ``combine`` receives for one checker: re-iterable facts in document order."""

    def __init__(self, name: str, batches: Iterable[dict[str, Facts]]):
        self._name = name
        self._batches = batches

    def __iter__(self):
        for facts in self._batches:
            yield from facts.get(self._name, ())


def combine_facts(
    selection: Selection,
    ctx: CheckContext,
    batch_facts: Iterable[dict[str, Facts]],
) -> dict[int, list[Finding]]:
    """Run each document-level rule's reduce step once: findings by segment index.

    ``batch_facts`` (the ``facts`` of every batch, in order) must be re-iterable: each
    checker reads it afresh, and a combine function may read it twice.
    """
    extra: dict[int, list[Finding]] = {}
    for a in active_checkers(selection):
        c = a.checker
        if c.combine is None:
            continue
        found = c.combine(FactSource(c.name, batch_facts), ctx)
        for index, finding in found:
            if finding.rule in a.codes:
                extra.setdefault(index, []).append(finding)
    limit = max_per_rule(ctx)
    return {index: list(bounded(findings, limit)) for index, findings in extra.items()}


def max_per_rule(ctx: CheckContext) -> int:
    """``--max-per-rule``: findings of one rule listed per segment (0: all)."""
    return ctx.max_per_rule


def merge(result: SegmentResult, extra: Sequence[Finding] | None) -> SegmentResult:
    """A segment's findings with its document-level findings appended."""
    if not extra:
        return result
    return SegmentResult(result.segment, result.findings + tuple(extra))
