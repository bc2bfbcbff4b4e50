"""What every writer needs to say about a finding: where it is, how bad, what the reviewer decided.

Kept in one place so that the HTML, CSV, SARIF and the rest agree on the line a finding
points at, on severity order and on review status.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from auditor.model import (
    CATEGORIES,
    SEVERITIES,
    SEVERITY_RANK,
    Decision,
    Finding,
    Loc,
    Report,
    SegmentResult,
)


@dataclass(frozen=True)
class Item:
    """One finding with its segment, its position in the segment and the review decision."""

    result: SegmentResult
    index: int
    finding: Finding
    decision: Decision | None

    @property
    def status(self) -> str:
        """``open`` / ``confirmed`` / ``dismissed``; a plain audit's findings are ``open``."""
        return self.decision.status if self.decision is not None else "open"

    @property
    def reason(self) -> str | None:
        return self.decision.reason if self.decision is not None else None

    @property
    def loc(self) -> Loc | None:
        return finding_loc(self.result)

    @property
    def key(self) -> str:
        """Unique within a report: segment id and position, e.g. ``s0007.2``."""
        return f"{self.result.segment.id}.{self.index}"

    def source_excerpt(self) -> str | None:
        return span_text(self.result.segment.source, self.finding.source_span)

    def target_excerpt(self) -> str | None:
        return span_text(self.result.segment.target, self.finding.target_span)


def finding_loc(result: SegmentResult) -> Loc | None:
    """The line a finding points at: the translation's line (that is where the fix goes),
    or the English line when the segment has no translation."""
    seg = result.segment
    return seg.target_loc or seg.source_loc


def span_text(text: str | None, span: tuple[int, int] | None) -> str | None:
    if text is None or span is None:
        return None
    start, end = span
    if not (0 <= start <= end <= len(text)):
        return None
    return text[start:end]


def decision_for(result: SegmentResult, index: int) -> Decision | None:
    if result.decisions is None or index >= len(result.decisions):
        return None
    return result.decisions[index]


def items(report: Report) -> Iterator[Item]:
    """Every finding of the report in document order."""
    for result in report.results:
        yield from result_items(result)


def result_items(result: SegmentResult) -> Iterator[Item]:
    """The findings of one segment (what a streaming writer gets at a time)."""
    for index, finding in enumerate(result.findings):
        yield Item(result, index, finding, decision_for(result, index))


def by_severity(found: list[Item]) -> list[Item]:
    """Most severe first; document order within a severity (stable sort)."""
    return sorted(found, key=lambda it: -SEVERITY_RANK[it.finding.severity])


def category_severity_table(report: Report) -> dict[str, dict[str, int]]:
    """``{category: {severity: n}}`` over every category and severity (zeros included)."""
    table: dict[str, dict[str, int]] = {c: {s: 0 for s in SEVERITIES} for c in CATEGORIES}
    for it in items(report):
        if it.status == "dismissed":
            continue
        table.setdefault(it.finding.category, {s: 0 for s in SEVERITIES})
        table[it.finding.category][it.finding.severity] += 1
    return table


def display_path(loc: Loc | None, fallback: str) -> str:
    return loc.path if loc is not None else fallback


def line_label(loc: Loc | None) -> str:
    if loc is None:
        return ""
    return str(loc.first) if loc.first == loc.last else f"{loc.first}-{loc.last}"


def evidence(f: Finding, *, quote: bool = False, sep: str = ", ", colon: bool = False) -> str:
    """``expected X, found Y`` for a finding, leaving out the half it does not have (a missing
    number has nothing found; an extra one nothing expected): never the word ``None``."""
    parts = []
    for label, value in (("expected", f.expected), ("found", f.found)):
        if value is not None:
            shown = repr(value) if quote else value
            parts.append(f"{label}{':' if colon else ''} {shown}")
    return sep.join(parts)
