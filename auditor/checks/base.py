"""What a rule is and what a check receives, shared by every rule family.

Modelled on ruff: every rule is a small unit with a code, a name, a category, a default
severity and a what / why / example doc. A *checker* owns the rules of one family and
produces their findings, either per segment or (for document-level rules such as term
consistency) over the whole document.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from auditor.model import Category, Finding, Segment, Severity, Span

if TYPE_CHECKING:  # the glossary package is optional for checks that do not use it
    from glossary.model import Termbase


@dataclass(frozen=True)
class Rule:
    """A rule's identity and documentation (shown by ``auditor rule CODE``)."""

    code: str
    name: str
    category: Category
    severity: Severity
    mqm: str
    what: str
    why: str
    example: str = ""
    document_level: bool = False

    def finding(
        self,
        message: str,
        *,
        source_span: Span | None = None,
        target_span: Span | None = None,
        expected: str | None = None,
        found: str | None = None,
        severity: Severity | None = None,
    ) -> Finding:
        """Build a finding of this rule; ``severity`` overrides the default when the
        rule knows the case is worse (a changed financial figure is critical)."""
        return Finding(
            rule=self.code,
            category=self.category,
            severity=severity or self.severity,
            mqm=self.mqm,
            message=message,
            source_span=source_span,
            target_span=target_span,
            expected=expected,
            found=found,
        )


@dataclass(frozen=True)
class CheckContext:
    """Everything a check may consult besides the segment itself.

    Picklable (for worker processes): it carries data, not compiled matchers; checkers
    cache what they compile from it.
    """

    termbase: Termbase | None = None
    #: English personal names found in the document (speaker lines), for ENT rules.
    names: frozenset[str] = frozenset()
    #: Target locale of the translation: ``zh-TW`` (Traditional) or ``zh-CN``.
    target_locale: str = "zh-TW"
    options: dict[str, object] = field(default_factory=dict)


SegmentCheck = Callable[[Segment, CheckContext], Iterable[Finding]]
#: A document check sees every segment and yields ``(segment index, finding)``.
DocumentCheck = Callable[[Sequence[Segment], CheckContext], Iterable[tuple[int, Finding]]]


@dataclass(frozen=True)
class Checker:
    """One rule family: its rules and the functions that find their defects."""

    name: str
    rules: tuple[Rule, ...]
    segment: SegmentCheck | None = None
    document: DocumentCheck | None = None
