"""What the review screen shows, as plain data: filters, the visible rows, navigation.

No Textual here: the widgets only draw this state, so filtering and "next flagged" are
tested without a terminal and run in a worker thread for 100,000 segments.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import OrderedDict
from collections.abc import Iterator, Sequence
from dataclasses import asdict, astuple, dataclass, fields

from auditor import scoring
from auditor.model import SEVERITY_RANK
from auditor.session import SegmentView, Session

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
    #: Findings that carry a confidence (the omission rules) count only at or above it,
    #: as ``check --min-confidence`` counts them; findings without one always count.
    min_confidence: float | None = None

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
            parts.append(f'text "{self.search}"')
        if self.min_confidence is not None:
            parts.append(f"confidence≥{self.min_confidence:g}")
        return " ".join(parts)

    def matches(self, view: SegmentView) -> bool:
        if self.search:
            needle = self.search.casefold()
            texts = (view.segment.source, view.segment.target, view.post_edit)
            if not any(t and needle in t.casefold() for t in texts):
                return False
        status = self.status
        if status == "clean":
            return not view.findings and not (
                self.category or self.rule or self.severity or self.min_confidence is not None
            )
        if status == "edited" and view.post_edit is None:
            return False
        finding_status = status if status in ("open", "confirmed", "dismissed") else None
        needs_finding = bool(
            self.category
            or self.rule
            or self.severity
            or finding_status
            or status == "flagged"
            or self.min_confidence is not None
        )
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
            if (
                self.min_confidence is not None
                and finding.confidence is not None
                and finding.confidence < self.min_confidence
            ):
                continue
            return True
        return False


def visible_rows(views: Sequence[SegmentView], filters: Filters) -> list[int]:
    """Indices of the views the list shows, in document order (the reference the session's
    SQL filter, which the app uses, is tested against)."""
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
    #: MQM penalty points (severity weights of the findings not dismissed) and source words.
    penalty: int = 0
    words: int = 0

    @property
    def mqm(self) -> float | None:
        """The document's MQM quality score (``auditor.scoring``'s formula), or None."""
        if not self.words:
            return None
        return scoring.MAX_SCORE * (1 - self.penalty / self.words)

    def replaced(self, old: SegmentView, new: SegmentView) -> Progress:
        """The counts after one segment changed, without recounting 100,000 segments."""
        a, b = progress_of((old,)), progress_of((new,))
        return Progress(*(x - y + z for x, y, z in zip(astuple(self), astuple(a), astuple(b))))


def progress_of(views: Sequence[SegmentView]) -> Progress:
    flagged = reviewed = findings = open_ = edited = penalty = words = 0
    for v in views:
        penalty += scoring.segment_penalty(v.result())
        words += len((v.segment.source or "").split())
        if v.findings:
            flagged += 1
            findings += len(v.findings)
            n_open = v.open_count
            open_ += n_open
            if n_open == 0:
                reviewed += 1
        if v.post_edit is not None:
            edited += 1
    return Progress(len(views), flagged, reviewed, findings, open_, edited, penalty, words)


class RowIndex:
    """The visible rows and, among them, the rows with open findings (for ``n`` / ``p``).

    ``rows`` is ``range(n)`` when nothing is filtered out (no 100,000-entry list or map is
    built then); open rows are kept sorted so a jump is a binary search.
    """

    def __init__(self, rows: Sequence[int], open_segments: Sequence[int]):
        self.rows = rows
        self._identity = isinstance(rows, range) and rows.start == 0 and rows.step == 1
        if self._identity:
            self._position: dict[int, int] | None = None
            self._open = list(open_segments)
        else:
            self._position = {seg: pos for pos, seg in enumerate(rows)}
            where = self._position
            self._open = [where[seg] for seg in open_segments if seg in where]

    def __len__(self) -> int:
        return len(self.rows)

    def position_of(self, segment_index: int) -> int | None:
        if self._position is None:
            return segment_index if 0 <= segment_index < len(self.rows) else None
        return self._position.get(segment_index)

    def nearest_position(self, segment_index: int) -> int:
        """The row of a segment, or of the first shown segment after it (resume, refilter)."""
        pos = self.position_of(segment_index)
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
        pos = self.position_of(view.index)
        if pos is None:
            return
        i = bisect_left(self._open, pos)
        present = i < len(self._open) and self._open[i] == pos
        if view.open_count and not present:
            self._open.insert(i, pos)
        elif not view.open_count and present:
            del self._open[i]


class ViewStore(Sequence[SegmentView]):
    """The document's segment views, read from the session a page at a time on demand.

    The list draws only what is on screen, so only those pages are ever read: opening a
    100,000-segment session costs a few queries, not 100,000 objects. Call from the thread
    that owns the session.
    """

    PAGE = 64

    def __init__(self, session: Session, count: int, cache_size: int = 4096):
        self._session = session
        self._count = count
        self._cache: OrderedDict[int, SegmentView] = OrderedDict()
        self._cache_size = cache_size

    def __len__(self) -> int:
        return self._count

    def __getitem__(self, index):  # type: ignore[override]
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(self._count))]
        if index < 0:
            index += self._count
        if not 0 <= index < self._count:
            raise IndexError(index)
        view = self._cache.get(index)
        if view is None:
            lo = index - index % self.PAGE
            for v in self._session.views(lo, min(lo + self.PAGE, self._count)):
                self._put(v)
            view = self._cache[index]
        else:
            self._cache.move_to_end(index)
        return view

    def __iter__(self) -> Iterator[SegmentView]:
        for lo in range(0, self._count, 1024):
            yield from self._session.views(lo, min(lo + 1024, self._count))

    def replace(self, view: SegmentView) -> None:
        self._put(view)

    def _put(self, view: SegmentView) -> None:
        self._cache[view.index] = view
        self._cache.move_to_end(view.index)
        while len(self._cache) > self._cache_size:
            self._cache.popitem(last=False)


def progress_from_summary(summary: dict[str, int]) -> Progress:
    penalty = sum(
        weight * summary.get(f"counted_{sev}", 0) for sev, weight in scoring.WEIGHTS.items()
    )
    return Progress(
        summary["total"],
        summary["flagged"],
        summary["reviewed"],
        summary["findings"],
        summary["open"],
        summary["edited"],
        penalty,
        summary.get("words", 0),
    )
