"""NUM and UNIT rules: every quantity survives translation with its value, magnitude and unit.

Quantities are compared by value, not digit strings (``$159.4 million`` ↔ ``1.594 億美元`` is
right; ``200 gig per lane`` ↔ ``200 GB`` is not). The matching lives in
:mod:`auditor.numbers.match` and returns typed facts (:class:`Discrepancy`); this module owns
the rules: which code, severity and message each kind of fact gets. A new number rule is an
entry in :data:`RULE_OF` and a line in :func:`_message`.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from auditor.checks.base import CheckContext, Checker, Rule
from auditor.model import Finding, Segment, Severity
from auditor.numbers.facts import Defect, Discrepancy
from auditor.numbers.match import compare
from auditor.numbers.quantity import Quantity
from auditor.units import SPEC_DIMENSIONS, UNITS, describe

_ACC = "Accuracy/Mistranslation"

NUM001 = Rule(
    "NUM001",
    "number-missing",
    "number",
    "major",
    "Accuracy/Omission",
    "A number, period or identifier in the source has no counterpart in the translation.",
    "A dropped figure changes what the text says; a reader of the translation cannot see it.",
    "Revenue was $412 million, up 9% sequentially → 本季營收季增 9% (the $412 million is gone)",
)
NUM002 = Rule(
    "NUM002",
    "number-extra",
    "number",
    "major",
    "Accuracy/Addition",
    "A number in the translation matches nothing in the source.",
    "An added or garbled figure is a fact the author never stated.",
    "up 13% → 成長 13%，達 15%",
)
NUM003 = Rule(
    "NUM003",
    "number-value-changed",
    "number",
    "major",
    _ACC,
    "A number's value or magnitude differs between source and translation (萬 vs 億).",
    "A factor of ten on a revenue figure is the costliest error an MT system makes.",
    "$159.4 million → 1.594 萬美元 (expected 1.594 億美元)",
)
NUM004 = Rule(
    "NUM004",
    "period-changed",
    "number",
    "major",
    _ACC,
    "A quarter, half, month or year differs, or a year was read as a length of time.",
    "'25 is the year 2025, not '25 years'; fiscal '23 is not calendar 2023.",
    "beyond '25 → 25 年以後 (expected 2025 年以後)",
)
UNIT001 = Rule(
    "UNIT001",
    "data-rate-vs-size",
    "unit",
    "critical",
    _ACC,
    "A data rate became a data size, or bits and bytes were swapped.",
    "200 Gb/s per lane and 200 GB are different specifications by a factor of eight and a dimension.",
    "200 gig per lane → 每通道 200 GB (expected 200 Gb/s)",
)
UNIT002 = Rule(
    "UNIT002",
    "unit-dropped",
    "unit",
    "major",
    _ACC,
    "A unit was dropped or replaced by a counter or a wrong word.",
    "400-gig → 400 個 turns a port speed into a count; mid-20s days → 25 歲 into an age.",
    "50-gig → 50 套 (expected 50 Gb/s or 50G)",
)
UNIT003 = Rule(
    "UNIT003",
    "currency-changed",
    "unit",
    "critical",
    _ACC,
    "The currency differs between source and translation (or a bare 元 stands for another "
    "currency than the locale's own).",
    "In a zh-TW text a bare 元 reads as New Taiwan dollars: the amount changes by a factor of 30.",
    "$0.33 → 0.33 元 (expected 0.33 美元)",
)
UNIT004 = Rule(
    "UNIT004",
    "scale-prefix-changed",
    "unit",
    "critical",
    _ACC,
    "The SI prefix of a unit differs (G vs M vs T).",
    "100 Gb/s and 100 Mb/s are a thousand times apart.",
    "3.2 Tb/s → 3.2 Gb/s",
)
RULES: tuple[Rule, ...] = (NUM001, NUM002, NUM003, NUM004, UNIT001, UNIT002, UNIT003, UNIT004)

#: The rule that reports each kind of fact.
RULE_OF: dict[Defect, Rule] = {
    Defect.MISSING: NUM001,
    Defect.WORD_MISSING: NUM001,
    Defect.EXTRA: NUM002,
    Defect.VALUE_CHANGED: NUM003,
    Defect.PERIOD_CHANGED: NUM004,
    Defect.YEAR_AS_DURATION: NUM004,
    Defect.FISCAL_AS_CALENDAR: NUM004,
    Defect.RATE_SIZE_SWAPPED: UNIT001,
    Defect.BITS_BYTES_SWAPPED: UNIT001,
    Defect.DIMENSION_CHANGED: UNIT002,
    Defect.UNIT_CHANGED: UNIT002,
    Defect.BECAME_AGE: UNIT002,
    Defect.CURRENCY_CHANGED: UNIT003,
    Defect.CURRENCY_UNSTATED: UNIT003,
    Defect.PREFIX_CHANGED: UNIT004,
}

#: What a bare 元 means to a reader of each locale.
LOCAL_CURRENCY = {"zh-CN": "CNY", "zh-TW": "TWD", "zh-HK": "HKD", "zh-SG": "SGD"}


def check_segment(segment: Segment, ctx: CheckContext) -> Iterable[Finding]:
    if not segment.source or not segment.target or segment.align_type == "copy":
        return ()
    return findings_for(compare(segment.source, segment.target), ctx)


def findings_for(facts: Iterable[Discrepancy], ctx: CheckContext) -> list[Finding]:
    """The findings of the number rules for the matcher's facts (one finding per fact)."""
    local = LOCAL_CURRENCY.get(ctx.target_locale, "TWD")
    findings = []
    for fact in facts:
        if (
            fact.kind is Defect.CURRENCY_UNSTATED
            and fact.source is not None
            and fact.source.currency == local
        ):
            continue  # 26 trillion yuan → 26 萬億元 in a zh-CN text: 元 is the yuan
        src, tgt = fact.source, fact.target
        findings.append(
            RULE_OF[fact.kind].finding(
                _message(fact, local),
                source_span=src.span if src else None,
                target_span=tgt.span if tgt else None,
                expected=fact.expected or None,
                found=tgt.text if tgt else None,
                severity=_severity(fact),
            )
        )
    return findings


def _severity(fact: Discrepancy) -> Severity:
    q = fact.source or fact.target
    assert q is not None
    if fact.kind is Defect.WORD_MISSING:
        return "minor"  # a number word: Chinese often says it with an idiom instead
    if fact.kind in (
        Defect.EXTRA,
        Defect.PERIOD_CHANGED,
        Defect.YEAR_AS_DURATION,
        Defect.FISCAL_AS_CALENDAR,
    ) or q.dimension in ("period", "identifier"):
        return "major"
    if q.dimension == "money" or q.dimension in SPEC_DIMENSIONS:
        return "critical"
    return "major"


# --- messages: both texts and both readings ------------------------------------------------


def _num(v: float) -> str:
    if v == int(v) and abs(v) < 1e18:
        return f"{int(v):,}"
    return f"{v:,.6f}".rstrip("0").rstrip(".")


_PERIOD_NAMES = {
    "quarter": "Q{}",
    "half": "H{}",
    "month": "month {}",
    "month_quarter": "the month-{} quarter",
    "fiscal_year": "fiscal {}",
    "year": "{}",
    "year2": "{}",
}


def reading(q: Quantity) -> str:
    """How the checker read a quantity: ``33,000,000 USD``, ``2-3 Gb/s``, ``Q3``, ``fiscal 2025``."""
    if q.dimension == "period":
        v = q.value if q.value is not None else q.lo
        return _PERIOD_NAMES.get(q.period or "", "{}").format(int(v) if v is not None else q.text)
    if q.dimension == "identifier":
        return f"the identifier {q.token or q.text}"
    lo = q.lo if q.lo is not None else q.value
    hi = q.hi if q.hi is not None else q.value
    if lo is None or hi is None:
        return q.text
    number = _num(lo) if lo == hi else f"{_num(lo)} to {_num(hi)}"
    if q.approx and not q.is_range:
        number = f"about {number}"
    return f"{number}{_unit_words(q)}"


def _unit_words(q: Quantity) -> str:
    u = UNITS.get(q.unit) if q.unit else None
    if q.dimension == "age":
        return " years old"
    if u is None:
        return ""
    if u.key == "%":
        return "%"
    if u.currency == "?":
        return " 元 (currency unsaid)"
    if u.dimension == "money":
        return f" {u.currency}"
    if u.dimension == "duration":
        return f" {u.key}s"
    if u.dimension in ("count",):
        return " shares" if u.key == "share" else ""
    if u.dimension in ("percent_point", "basis_point", "multiplier"):
        return {
            "percent_point": " percentage points",
            "basis_point": " basis points",
            "multiplier": "x",
        }[u.dimension]
    if u.dimension in ("data_rate", "data_size", "data"):
        return f" {u.key} ({describe(u)})"
    return f" {u.key}"


def _message(fact: Discrepancy, local: str) -> str:
    k, e, z = fact.kind, fact.source, fact.target
    if k is Defect.EXTRA:
        assert z is not None
        return f"{z.text!r} (read as {reading(z)}) has no counterpart in the source"
    assert e is not None
    if k is Defect.MISSING:
        return f"{e.text!r} (read as {reading(e)}) has no counterpart in the translation"
    if k is Defect.WORD_MISSING:
        if e.value == 1:
            return f"{e.text!r} (a single one) is not rendered: expected 一/單一/某 before the noun"
        return f"the number {e.text!r} (read as {reading(e)}) is not in the translation"
    assert z is not None
    both = f"{e.text!r} → {z.text!r}, read as {reading(e)}"
    if k is Defect.VALUE_CHANGED:
        how = _factor_words(fact.factor)
        return f"value changed: {both} ≠ {reading(z)}{how}"
    if k is Defect.YEAR_AS_DURATION:
        return f"the year {both} became a length of time ({reading(z)})"
    if k is Defect.FISCAL_AS_CALENDAR:
        return f"fiscal year became a calendar year: {both} ≠ the calendar year {reading(z)}"
    if k is Defect.PERIOD_CHANGED:
        return f"period changed: {both} ≠ {reading(z)}"
    if k is Defect.CURRENCY_UNSTATED:
        return (
            f"{both}, but a bare 元 reads as {local} in this locale: write the currency "
            f"({fact.expected or e.currency})"
        )
    if k is Defect.BECAME_AGE:
        return f"{both} became an age ({reading(z)})"
    what = {
        Defect.RATE_SIZE_SWAPPED: "a data rate and a data size swapped",
        Defect.BITS_BYTES_SWAPPED: "bits and bytes swapped",
        Defect.DIMENSION_CHANGED: "unit dropped or replaced",
        Defect.UNIT_CHANGED: "unit replaced",
        Defect.CURRENCY_CHANGED: "currency changed",
        Defect.PREFIX_CHANGED: "scale prefix changed",
    }[k]
    return f"{what}: {both} ≠ {reading(z)}"


def _factor_words(factor: float) -> str:
    """`` (off by a factor of 10,000)`` when the change is a clean power of ten."""
    if factor <= 0:
        return ""
    k = math.log10(factor)
    if abs(k - round(k)) < 1e-6 and round(k) != 0:
        return f" (off by a factor of {10 ** abs(round(k)):,})"
    return ""


CHECKER = Checker(name="numbers", rules=RULES, segment=check_segment)
