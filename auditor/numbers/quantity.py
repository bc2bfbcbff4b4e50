"""The :class:`Quantity`: one number as the text means it, with its unit and where it is."""

from __future__ import annotations

from dataclasses import dataclass

from auditor.units import UNITS, Unit


@dataclass(frozen=True)
class Quantity:
    """A number found in a text, read for its meaning.

    ``value`` is the number with any magnitude word applied (``$159.4 million`` →
    159_400_000; ``1.594 億美元`` → 159_400_000) but *without* the unit's SI prefix, so
    ``200 Gb/s`` has value 200 and unit ``Gb/s``; :attr:`base` applies the prefix. A range
    or an approximation has bounds ``lo``/``hi``; a plain number has ``lo == hi == value``.
    ``start``/``end`` index the ORIGINAL text (before any width normalisation).
    """

    text: str
    start: int
    end: int
    value: float | None
    lo: float | None
    hi: float | None
    dimension: str = "number"
    unit: str | None = None
    approx: bool = False
    #: the magnitude word's factor (萬 = 1e4, million = 1e6): 1 when none
    magnitude: float = 1.0
    #: period kind for ``dimension == "period"``: quarter, half, month, month_quarter,
    #: year, fiscal_year, year2 (a two-digit year such as '25)
    period: str | None = None
    #: a number word (``three``) or Chinese numeral without unit: weak evidence, never
    #: reported as extra, and matched loosely
    weak: bool = False
    #: identifiers (``PCIe 6``) carry their token here and must be copied verbatim
    token: str | None = None
    is_range: bool = False
    #: an ordinal (fifth, 21st, 第五): it names a place in a series, it does not count
    ordinal: bool = False

    @property
    def span(self) -> tuple[int, int]:
        return (self.start, self.end)

    @property
    def unit_info(self) -> Unit | None:
        return UNITS.get(self.unit) if self.unit else None

    @property
    def scale(self) -> str:
        """The SI prefix of the unit (``G`` for Gb/s), empty when none."""
        u = self.unit_info
        return u.prefix if u else ""

    @property
    def bits(self) -> bool | None:
        u = self.unit_info
        return u.bits if u else None

    @property
    def currency(self) -> str | None:
        u = self.unit_info
        return u.currency if u else None

    @property
    def base(self) -> float | None:
        """The value in base units (bits per second, metres), prefix applied."""
        if self.value is None:
            return None
        u = self.unit_info
        return self.value * (u.factor if u else 1.0)

    def bounds(self) -> tuple[float, float] | None:
        if self.lo is None or self.hi is None:
            return None
        return (self.lo, self.hi)


_DEFAULTS: dict[str, object] = {
    "dimension": "number",
    "unit": None,
    "approx": False,
    "magnitude": 1.0,
    "period": None,
    "weak": False,
    "token": None,
    "is_range": False,
    "ordinal": False,
}
_new = object.__new__


def make_quantity(
    text: str,
    start: int,
    end: int,
    value: float | None,
    lo: float | None,
    hi: float | None,
    **fields: object,
) -> Quantity:
    """``Quantity(...)`` for the extractors' hot path: a frozen dataclass's ``__init__`` sets
    each field through ``object.__setattr__``; filling ``__dict__`` at once is five times
    cheaper. The result is the same frozen, comparable, hashable object."""
    q = _new(Quantity)
    d = q.__dict__
    d.update(_DEFAULTS)
    d.update(fields)
    d["text"], d["start"], d["end"], d["value"], d["lo"], d["hi"] = text, start, end, value, lo, hi
    return q


def quantity_at(text: str, s: int, e: int, value: float | None, **fields: object) -> Quantity:
    """The quantity written at ``text[s:e]``: :func:`make_quantity` with ``lo`` and ``hi``
    defaulting to ``value`` (the extractors' commonest call, in one step)."""
    q = _new(Quantity)
    d = q.__dict__
    d.update(_DEFAULTS)
    d["lo"] = d["hi"] = value
    d.update(fields)
    d["text"], d["start"], d["end"], d["value"] = text[s:e], s, e, value
    return q


def evolve(q: Quantity, **changes: object) -> Quantity:
    """``dataclasses.replace`` without its per-field overhead (hot path of the extractors)."""
    new = _new(Quantity)
    new.__dict__.update(q.__dict__)
    new.__dict__.update(changes)
    return new
