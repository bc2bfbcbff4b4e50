"""The shared data types of the auditor: the ground floor everything imports.

This module imports nothing of ours. Every stage of the pipeline (readers, aligner,
checks, report writers, the review session) speaks in these frozen dataclasses, so a
stage can be tested, pickled to a worker process, or replaced without touching others.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Severity = Literal["minor", "major", "critical"]
Category = Literal["alignment", "number", "unit", "term", "entity", "locale", "omission"]
Lang = Literal["en", "zh"]

SEVERITIES: tuple[Severity, ...] = ("minor", "major", "critical")
CATEGORIES: tuple[Category, ...] = (
    "alignment",
    "number",
    "unit",
    "term",
    "entity",
    "locale",
    "omission",
)
SEVERITY_RANK: dict[str, int] = {"minor": 1, "major": 2, "critical": 3}

#: A half-open character range ``[start, end)`` into a segment's source or target text.
Span = tuple[int, int]


class InputError(Exception):
    """Bad input a user can fix: carries the file and line so the CLI can say where.

    The CLI turns this into one line on stderr and exit code 2, never a traceback.
    """

    def __init__(self, message: str, path: str | None = None, line: int | None = None):
        self.message = message
        self.path = path
        self.line = line
        super().__init__(self.describe())

    def describe(self) -> str:
        where = ""
        if self.path is not None:
            where = f"{self.path}:{self.line}: " if self.line is not None else f"{self.path}: "
        return f"{where}{self.message}"


@dataclass(frozen=True)
class Loc:
    """Where a piece of text came from: a file and a 1-based inclusive line range."""

    path: str
    first: int
    last: int

    def to_json(self) -> dict[str, object]:
        return {"path": self.path, "lines": [self.first, self.last]}

    def merge(self, other: Loc) -> Loc:
        return Loc(self.path, min(self.first, other.first), max(self.last, other.last))


@dataclass(frozen=True)
class TextLine:
    """One line (or one XML element's text) as read from a file, with its provenance."""

    text: str
    loc: Loc
    lang: Lang


@dataclass(frozen=True)
class Document:
    """What a reader produces; the aligner turns it into segments.

    ``kind`` tells the aligner how much work is left:
    - ``interleaved``: ``lines`` holds English and Chinese lines in file order (order is a
      strong prior);
    - ``parallel``: ``lines`` holds the English lines then the Chinese lines (two files);
    - ``pairs``: the format already pairs them (TSV, JSONL, TMX, XLIFF); ``pairs`` holds them.
    """

    path: str
    format: str
    kind: Literal["interleaved", "parallel", "pairs"]
    lines: tuple[TextLine, ...] = ()
    pairs: tuple[tuple[TextLine | None, TextLine | None], ...] = ()
    #: For two-file (parallel) input: the Chinese file; ``path`` is the English one.
    target_path: str | None = None

    @property
    def source_lines(self) -> tuple[TextLine, ...]:
        return tuple(line for line in self.lines if line.lang == "en")

    @property
    def target_lines(self) -> tuple[TextLine, ...]:
        return tuple(line for line in self.lines if line.lang == "zh")


AlignType = Literal["1-1", "1-0", "0-1", "1-2", "2-1", "copy"]


@dataclass(frozen=True)
class Segment:
    """An aligned unit: English source and its Chinese target, each with where it came from.

    ``source`` or ``target`` is ``None`` for an unaligned line. ``align_type`` ``copy`` marks
    a line repeated untranslated on purpose (speaker names, headings), which is not an error.
    Merged lines are joined with a space (English) or nothing (Chinese); spans index the
    joined text.
    """

    id: str
    source: str | None
    target: str | None
    source_loc: Loc | None
    target_loc: Loc | None
    align_type: AlignType = "1-1"
    align_score: float = 1.0

    def with_target(self, target: str | None) -> Segment:
        """The same segment with a post-edited target (the review UI re-checks this)."""
        return Segment(
            self.id,
            self.source,
            target,
            self.source_loc,
            self.target_loc,
            self.align_type,
            self.align_score,
        )


@dataclass(frozen=True)
class Finding:
    """One defect a rule found in one segment."""

    rule: str
    category: Category
    severity: Severity
    mqm: str
    message: str
    source_span: Span | None = None
    target_span: Span | None = None
    expected: str | None = None
    found: str | None = None
    #: How sure the rule is (0-1), for rules that infer the defect (the omission rules
    #: align sentences inside the pair); None for rules that read it off the text.
    confidence: float | None = None

    def to_json(self) -> dict[str, object]:
        data: dict[str, object] = {
            "rule": self.rule,
            "category": self.category,
            "severity": self.severity,
            "mqm": self.mqm,
            "message": self.message,
            "source_span": list(self.source_span) if self.source_span else None,
            "target_span": list(self.target_span) if self.target_span else None,
            "expected": self.expected,
            "found": self.found,
        }
        if self.confidence is not None:  # absent, not null: older reports stay identical
            data["confidence"] = self.confidence
        return data


ReviewStatus = Literal["open", "confirmed", "dismissed"]


@dataclass(frozen=True)
class Decision:
    """A reviewer's verdict on one finding (from the review session store)."""

    status: ReviewStatus = "open"
    reason: str | None = None


@dataclass(frozen=True)
class SegmentResult:
    """A segment with the findings of every selected rule, in a stable order.

    A result loaded from a review session also carries one decision per finding (same
    order) and the reviewer's post-edited target, if any.
    """

    segment: Segment
    findings: tuple[Finding, ...] = ()
    decisions: tuple[Decision, ...] | None = None
    post_edit: str | None = None


@dataclass(frozen=True)
class InputInfo:
    path: str
    format: str


@dataclass(frozen=True)
class Report:
    """The result of one audit: what went in, and every segment with its findings."""

    inputs: tuple[InputInfo, ...]
    glossaries: tuple[str, ...]
    results: tuple[SegmentResult, ...]
    tool_version: str = "0.1.0"
    #: True when the report comes from a review session (findings carry a status).
    reviewed: bool = False
    extra: dict[str, object] = field(default_factory=dict, compare=False)

    @property
    def findings(self) -> tuple[Finding, ...]:
        return tuple(f for r in self.results for f in r.findings)

    def source_word_count(self) -> int:
        return sum(len((r.segment.source or "").split()) for r in self.results)
