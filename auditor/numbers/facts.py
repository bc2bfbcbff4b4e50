"""What the matcher finds wrong with a translation's numbers, as typed facts.

The analysis layer says *what* differs (a quantity missing, a value changed by a factor, a
dimension or a currency changed) and shows both quantities; it names no rule. The rules in
:mod:`auditor.checks.numbers` map each kind of fact to a code, a severity and a message, so a
new number rule is one place to edit.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from auditor.numbers.quantity import Quantity


class Defect(Enum):
    """The kinds of discrepancy between a source quantity and its translation."""

    #: a source quantity with no counterpart in the translation
    MISSING = "missing"
    #: an English number word (or "one" as a determiner) that the translation does not show
    WORD_MISSING = "word-missing"
    #: a quantity of the translation with no counterpart in the source
    EXTRA = "extra"
    #: paired by kind and place, but the value differs (``factor`` says by how much)
    VALUE_CHANGED = "value-changed"
    #: a quarter, half, month or year changed
    PERIOD_CHANGED = "period-changed"
    #: a year ('25) read as a length of time (25 年以後)
    YEAR_AS_DURATION = "year-as-duration"
    #: a fiscal year rendered as the calendar year
    FISCAL_AS_CALENDAR = "fiscal-as-calendar"
    #: a data rate became a data size or the other way round
    RATE_SIZE_SWAPPED = "rate-size-swapped"
    #: bits became bytes or the other way round
    BITS_BYTES_SWAPPED = "bits-bytes-swapped"
    #: the unit was dropped or replaced by another dimension
    DIMENSION_CHANGED = "dimension-changed"
    #: the unit was replaced by another of its dimension with the number kept (12 weeks → 12 個月)
    UNIT_CHANGED = "unit-changed"
    #: a quantity became an age (40 days → 40 歲)
    BECAME_AGE = "became-age"
    #: the currency changed (USD → EUR)
    CURRENCY_CHANGED = "currency-changed"
    #: a bare 元 stands for a named currency: right or wrong depending on the locale
    CURRENCY_UNSTATED = "currency-unstated"
    #: the SI prefix of a unit changed (Tb/s → Gb/s)
    PREFIX_CHANGED = "prefix-changed"


@dataclass(frozen=True)
class Discrepancy:
    """One defect: its kind, the source and target quantities it concerns (either may be
    absent), and how the source should read in the translation."""

    kind: Defect
    source: Quantity | None
    target: Quantity | None
    #: the source quantity rendered as the translation should write it ("" when unknown)
    expected: str = ""
    #: target value over source value, for :attr:`Defect.VALUE_CHANGED` (0 when unknown)
    factor: float = 0.0
