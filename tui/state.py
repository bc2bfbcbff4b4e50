"""What the review screen shows, as plain data: filters, the visible rows, navigation.

No Textual here: the widgets only draw this state, so filtering and "next flagged" are
tested without a terminal and run in a worker thread for 100,000 segments.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import asdict, astuple, dataclass, fields

from auditor.model import SEVERITY_RANK
from auditor.session import SegmentView

#: Review-status filter values: per finding (open/confirmed/dismissed) or per segment.
STATUS_CHOICES: tuple[str, ...] = ("flagged", "open", "confirmed", "dismissed", "edited", "clean")


@dataclass(frozen=True)
class Filters:
    """Which segments the list shows. Finding criteria must hold for one same finding."""

    category: str | None = None
    #: A rule code or prefix (``NUM`` or ``NUM003``).
    rule: str | None = None
    #: Minimum severity.
    severity: str | None = None
    status: str | None = None
    #: Case-insensitive text in the English, the Chinese or the post-edit.
    search: str = ""

    @property
    def active(self) -> bool:
        return any(getattr(self, f.name) for f in fields(self))

    def to_json(self) -> dict[str, object]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: object) -> Filters:
        if not isinstance(data, dict):
            return cls()
        names = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in names})

    def describe(self) -> str:
        parts = []
        if self.category:
            parts.append(self.category)
        if self.rule:
            parts.append(self.rule)
        if self.severity:
            parts.append(f"≥{self.severity}")
        if self.status:
            parts.append(self.status)
        if self.search:
            parts.append(f"/{self.search}")
        return " ".join(parts)

    def matches(self, view: SegmentView) -> bool:
        if self.search:
            needle = self.search.casefold()
            texts = (view.segment.source, view.segment.target, view.post_edit)
            if not any(t and needle in t.casefold() for t in texts):
                return False
        status = self.status
        if status == "clean":
            return not view.findings and not (self.category or self.rule or self.severity)
        if status == "edited" and view.post_edit is None:
            return False
        finding_status = status if status in ("open", "confirmed", "dismissed") else None
        needs_finding = bool(self.category or self.rule or self.severity or finding_status
                             or status == "flagged")
        if not needs_finding:
            return True
        floor = SEVERITY_RANK.get(self.severity or "", 0)
        for finding, decision in zip(view.findings, view.decisions, strict=True):
            if self.category and finding.category != self.category:
                continue
            if self.rule and not finding.rule.startswith(self.rule):
                continue
            if floor and SEVERITY_RANK[finding.severity] < floor:
                continue
            if finding_status and decision.status != finding_status:
                continue
            return True
        return False


def visible_rows(views: Sequence[SegmentView], filters: Filters) -> list[int]:
    """Indices of the views the list shows, in document order."""
    if not filters.active:
        return list(range(len(views)))
    matches = filters.matches
    return [i for i, v in enumerate(views) if matches(v)]


@dataclass(frozen=True)
class Progress:
    """The header's counts: segments, flagged segments, and flagged ones fully decided."""

    total: int
    flagged: int
    reviewed: int
    findings: int
    open: int
    edited: int

    def replaced(self, old: SegmentView, new: SegmentView) -> Progress:
        """The counts after one segment changed, without recounting 100,000 segments."""
        a, b = progress_of((old,)), progress_of((new,))
        return Progress(*(x - y + z for x, y, z in zip(astuple(self), astuple(a), astuple(b))))


def progress_of(views: Sequence[SegmentView]) -> Progress:
    flagged = reviewed = findings = open_ = edited = 0
    for v in views:
        if v.findings:
            flagged += 1
            findings += len(v.findings)
            n_open = v.open_count
            open_ += n_open
            if n_open == 0:
                reviewed += 1
        if v.post_edit is not None:
            edited += 1
    return Progress(len(views), flagged, reviewed, findings, open_, edited)


class RowIndex:
    """The visible rows and, among them, the rows with open findings (for ``n`` / ``p``).

    Kept sorted so a jump is a binary search, not a scan of 100,000 rows.
    """

    def __init__(self, views: Sequence[SegmentView], rows: list[int]):
        self.rows = rows
        self._position = {seg: pos for pos, seg in enumerate(rows)}
        self._open = [pos for pos, seg in enumerate(rows) if views[seg].open_count]

    def __len__(self) -> int:
        return len(self.rows)

    def position_of(self, segment_index: int) -> int | None:
        return self._position.get(segment_index)

    def nearest_position(self, segment_index: int) -> int:
        """The row of a segment, or of the first shown segment after it (resume, refilter)."""
        pos = self._position.get(segment_index)
        if pos is not None:
            return pos
        return min(bisect_left(self.rows, segment_index), max(len(self.rows) - 1, 0))

    def next_open(self, position: int) -> int | None:
        i = bisect_right(self._open, position)
        return self._open[i] if i < len(self._open) else None

    def previous_open(self, position: int) -> int | None:
        i = bisect_left(self._open, position)
        return self._open[i - 1] if i > 0 else None

    def update(self, view: SegmentView) -> None:
        """A decision or edit changed whether this segment has open findings."""
        pos = self._position.get(view.index)
        if pos is None:
            return
        i = bisect_left(self._open, pos)
        present = i < len(self._open) and self._open[i] == pos
        if view.open_count and not present:
            self._open.insert(i, pos)
        elif not view.open_count and present:
            del self._open[i]
