"""Why a finding was raised, as plain data: the rule's what / why / example, the glossary
entry behind a term finding, and the two readings behind a number finding.

No Textual here, so it is tested on its own; the detail pane shows :func:`rule_line` under
each finding and the explain dialog shows a whole :class:`Explanation`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from auditor.checks.base import Rule
from auditor.checks.registry import all_rules
from auditor.model import Finding

if TYPE_CHECKING:
    from glossary.model import Concept, Termbase

#: Finding categories whose expected/found are readings of numbers (values, units, periods).
NUMBER_CATEGORIES = frozenset({"number", "unit"})


@dataclass(frozen=True)
class GlossaryConcept:
    """The glossary entry a term finding rests on, as the reviewer needs to see it."""

    en: str
    approved: tuple[str, ...]
    forbidden: tuple[str, ...]
    dnt: bool
    note: str
    #: ``path:line`` of the row in its glossary file ("" when the entry is built in memory).
    where: str


@dataclass(frozen=True)
class Reading:
    """How one side's number was read: its text, its value and its unit or kind."""

    side: str
    text: str
    value: str
    unit: str


@dataclass(frozen=True)
class Explanation:
    finding: Finding
    rule: Rule | None
    concept: GlossaryConcept | None = None
    readings: tuple[Reading, ...] = ()


def rule_of(finding: Finding) -> Rule | None:
    return all_rules().get(finding.rule)


def rule_line(finding: Finding) -> str:
    """One line under a finding: the rule's name and what it checks."""
    rule = rule_of(finding)
    if rule is None:
        return f"{finding.rule}: a rule this version of auditor does not know"
    return f"{rule.name}: {rule.what}"


def explain(
    finding: Finding,
    source: str | None,
    target: str | None,
    termbase: Termbase | None = None,
    locale: str = "zh-TW",
) -> Explanation:
    """Everything the explain dialog shows for ``finding`` in a segment with these texts."""
    concept = None
    if finding.category in ("term", "entity") and termbase is not None:
        concept = find_concept(finding, source, termbase, locale)
    readings: tuple[Reading, ...] = ()
    if finding.category in NUMBER_CATEGORIES:
        readings = number_readings(finding, source, target)
    return Explanation(finding, rule_of(finding), concept, readings)


# ------------------------------------------------------------------ glossary


def _cut(text: str | None, span: tuple[int, int] | None) -> str:
    if not text or not span:
        return ""
    return text[span[0] : span[1]]


def _singular(word: str) -> tuple[str, ...]:
    """``word`` and the forms an English plural or possessive drops to (general rules)."""
    forms = [word]
    for suffix, replacement in (("'s", ""), ("ies", "y"), ("es", ""), ("s", "")):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            forms.append(word[: -len(suffix)] + replacement)
    return tuple(forms)


def find_concept(
    finding: Finding, source: str | None, termbase: Termbase, locale: str
) -> GlossaryConcept | None:
    """The concept whose English form is the finding's source span (plural or possessive
    allowed) and, when several qualify, whose approved renderings are the finding's
    expectation. Falls back to the expectation alone when the finding has no source span."""
    term = " ".join(_cut(source, finding.source_span).split()).casefold()
    wanted = set(_singular(term)) if term else set()
    candidates: list[tuple[int, Concept]] = []
    for concept in termbase.concepts:
        forms = {form.casefold() for form in concept.english_forms}
        by_term = bool(wanted & forms)
        by_expectation = (
            finding.expected is not None and _renders(concept, locale) == finding.expected
        )
        if by_term or (by_expectation and not term):
            candidates.append((by_term + by_expectation, concept))
    if not candidates:
        return None
    concept = max(candidates, key=lambda pair: pair[0])[1]
    return GlossaryConcept(
        en=concept.en,
        approved=concept.approved(locale),
        forbidden=concept.forbidden,
        dnt=concept.dnt,
        note=concept.note,
        where=f"{concept.source}:{concept.line}"
        if concept.source and concept.line
        else concept.source,
    )


def _renders(concept: Concept, locale: str) -> str:
    forms = concept.approved(locale)
    return " / ".join((concept.en, *forms) if concept.dnt else forms)


# ------------------------------------------------------------------ numbers


def number_readings(
    finding: Finding, source: str | None, target: str | None
) -> tuple[Reading, ...]:
    """The quantities the number reader saw inside the finding's spans, English then Chinese."""
    from auditor.numbers import extract_chinese, extract_english

    out: list[Reading] = []
    for side, text, span, extract in (
        ("EN", source, finding.source_span, extract_english),
        ("ZH", target, finding.target_span, extract_chinese),
    ):
        if not text or not span:
            continue
        for q in extract(text):
            if q.start < span[1] and span[0] < q.end:
                out.append(Reading(side, q.text, _value(q), _unit(q)))
    return tuple(out)


def _number(x: float, grouped: bool = True) -> str:
    if x == int(x) and abs(x) < 1e15:
        return f"{int(x):,}" if grouped else str(int(x))
    return f"{x:,.6g}" if abs(x) >= 1e6 else f"{x:g}"


def _value(q) -> str:
    if q.value is None and q.lo is None:
        return q.token or q.text
    approx = "≈" if q.approx else ""
    grouped = q.dimension != "period"  # a year is 2025, not 2,025
    if q.is_range and q.lo is not None and q.hi is not None and q.lo != q.hi:
        return f"{approx}{_number(q.lo, grouped)}–{_number(q.hi, grouped)}"
    value = q.value if q.value is not None else q.lo
    return f"{approx}{_number(value, grouped)}"


def _unit(q) -> str:
    if q.dimension == "period":
        return f"period ({q.period})" if q.period else "period"
    if q.unit:
        return f"{q.unit} ({q.dimension})" if q.dimension not in ("number", q.unit) else q.unit
    return q.dimension
