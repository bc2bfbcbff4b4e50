"""What a rule is and what a check receives, shared by every rule family.

Modelled on ruff: every rule is a small unit with a code, a name, a category, a default
severity and a what / why / example doc. A *checker* owns the rules of one family and
produces their findings, either per segment or (for document-level rules such as term
consistency) over the whole document.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from auditor.model import Category, Finding, Segment, Severity, Span
from auditor.options import DEFAULT_MAX_PER_RULE

if TYPE_CHECKING:  # the glossary package is optional for checks that do not use it
    from auditor.names import DocName
    from glossary.compiled import CompiledTermbase
    from glossary.model import Termbase


@dataclass(frozen=True)
class Rule:
    """A rule's identity and documentation (shown by ``auditor rules CODE``)."""

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
        confidence: float | None = None,
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
            confidence=confidence,
        )


@dataclass(frozen=True)
class CheckContext:
    """Everything a check may consult besides the segment itself.

    Picklable (for worker processes): it carries data, not compiled matchers; what is
    compiled from its termbase is :attr:`compiled`, built once per termbase in each process.
    """

    termbase: Termbase | None = None
    #: Names the document introduces (:mod:`auditor.names`), for ENT rules; a plain
    #: string is taken as a person's name.
    names: frozenset[DocName | str] = frozenset()
    #: Target locale of the translation: ``zh-TW`` (Traditional) or ``zh-CN``.
    target_locale: str = "zh-TW"
    #: Findings of one rule listed per segment before the rest become one summary finding
    #: (0: all; ``--max-per-rule``, :mod:`auditor.engine.bounded`).
    max_per_rule: int = DEFAULT_MAX_PER_RULE

    @property
    def compiled(self) -> CompiledTermbase | None:
        """The termbase compiled for matching, shared with the aligner
        (:func:`glossary.compiled.compile_termbase`), or ``None`` without terms."""
        termbase = self.termbase
        if termbase is None or not len(termbase):
            return None
        from glossary.compiled import compile_termbase  # the glossary only where it is used

        return compile_termbase(termbase)


SegmentCheck = Callable[[Segment, CheckContext], Iterable[Finding]]
#: Map step of a document-level rule, run in the worker beside the segment checks: small
#: picklable facts about one segment (e.g. which rendering of each term it uses), or
#: ``None`` when it has none. Facts must depend on the segment and context only.
FactCollect = Callable[[Segment, CheckContext], object]
#: Reduce step, run once per document: ``(segment index, facts)`` of every segment that
#: had facts, in document order -> ``(segment index, finding)``. ``facts`` may be iterated
#: more than once (on large inputs it is read back from disk, not held in memory).
FactCombine = Callable[[Iterable[tuple[int, object]], CheckContext], Iterable[tuple[int, Finding]]]
#: After every family has checked a segment: the segment's findings without those that one
#: of this family's findings already explains (one defect, one finding).
Settle = Callable[[Sequence[Finding]], Sequence[Finding]]


@dataclass(frozen=True)
class Checker:
    """One rule family: its rules and the functions that find their defects."""

    name: str
    rules: tuple[Rule, ...]
    segment: SegmentCheck | None = None
    #: Document-level rules, the one way: ``collect`` per segment (in the workers, beside
    #: the segment checks), then ``combine`` once over every segment's facts (see
    #: :mod:`auditor.engine`), so no engine holds the document whole. Set both or neither.
    collect: FactCollect | None = None
    combine: FactCombine | None = None
    settle: Settle | None = None

    def check_document(
        self, segments: Sequence[Segment], ctx: CheckContext
    ) -> Iterator[tuple[int, Finding]]:
        """The family's document-level findings over segments held in memory: ``collect``
        on each, ``combine`` once, as the engines do across work items."""
        if self.collect is None or self.combine is None:
            return iter(())
        facts = [
            (index, fact)
            for index, segment in enumerate(segments)
            if (fact := self.collect(segment, ctx)) is not None
        ]
        return iter(self.combine(facts, ctx))
