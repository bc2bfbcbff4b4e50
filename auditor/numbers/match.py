"""Pair the quantities of an English source with those of its Chinese translation.

Pairs are made by *value* (after magnitude: ``$159.4 million`` ↔ ``1.594 億美元``), then
checked for unit, currency, data kind, scale and period. What cannot be paired is missing
or extra. Rounding a translator may legitimately do (``159.4`` → ``1.59 億``) and
approximations (``a couple of hundred`` ↔ ``幾百``) pair by interval overlap.

The result is a list of :class:`Issue` (rule code, both quantities, a message); the checker
turns them into findings. The library keeps no state: it is a pure function of two texts.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from auditor.numbers.chinese import extract_chinese
from auditor.numbers.english import extract_english
from auditor.numbers.normalize import normalize_width
from auditor.numbers.quantity import Quantity
from auditor.numbers.render import render_zh
from auditor.units import SPEC_DIMENSIONS, UNITS, describe

Severity = str


@dataclass(frozen=True)
class Issue:
    """One number or unit defect: the rule, what the source said, what the target has."""

    rule: str
    severity: Severity
    message: str
    source: Quantity | None
    target: Quantity | None
    expected: str | None
    found: str | None


@dataclass
class _Atom:
    """One comparable value: a quantity, or one end of a range."""

    q: Quantity
    lo: float
    hi: float
    exact: bool  # a single written value (not an interval)
    ulp: float = 0.0  # half the last written digit, in value units
    used: bool = False


# A Chinese text can hold a reportable number only with a digit, a magnitude, a percent or a
# numeral directly before a unit (三倍, 兩年); a bare 一個 alone never makes a finding.
_ZH_NUMERIC = re.compile(r"[0-9０-９十百千萬万億亿兆%％]|[零〇一二兩两三四五六七八九][倍年天週周月歲岁季]|百分之|[上下]半")
_AGE_CONTEXT = re.compile(r"(?i)\b(?:age|aged|ages|years? old|year-old|born)\b")
_ONE_WORDS = re.compile(r"單一|单一|唯一|某[個个一家位種种]?|一[個个家台臺套顆片名位項项種种款件條条次組组批座層层張张支側侧方邊边是年天月季]")


def compare(source: str, target: str) -> list[Issue]:
    """Every number and unit defect of ``target`` as a translation of ``source``."""
    # the English extractor is its own prefilter: no anchor, no work
    src = extract_english(source)
    if not src and not _ZH_NUMERIC.search(target):
        return []
    # lone Chinese numerals (一個) matter only to English number words and bare numbers
    need_weak = any(q.weak or q.dimension == "number" for q in src)
    return compare_quantities(source, target, src, extract_chinese(target, weak=need_weak))


def compare_quantities(
    source: str, target: str, src: list[Quantity], tgt: list[Quantity]
) -> list[Issue]:
    issues: list[Issue] = []
    zh_norm = ""
    t_atoms = [a for q in tgt for a in _atoms(q)]

    # identifiers: copied verbatim (or their number kept, as in Gen 5 → 第 5 代)
    for q in src:
        if q.dimension != "identifier":
            continue
        token = (q.token or q.text).replace(" ", "").lower()
        hit = [a for a in t_atoms if not a.used and a.q.value == q.value]
        if hit:
            hit[0].used = True
        else:
            zh_norm = zh_norm or normalize_width(target).replace(" ", "").lower()
            if token in zh_norm:
                continue
            issues.append(Issue("NUM001", "major", f"identifier {q.text!r} is not in the translation",
                                q, None, q.token or q.text, None))

    # periods: quarter, half, month, year, fiscal year
    periods = [q for q in src if q.dimension == "period"]
    issues.extend(_match_periods(periods, t_atoms, target))

    # amounts
    amounts = [a for q in src if q.dimension not in ("identifier", "period") and not q.weak
               for a in _atoms(q)]
    weak = [q for q in src if q.weak]
    issues.extend(_match_amounts(amounts, t_atoms, source, src))
    issues.extend(_match_weak(weak, t_atoms, source, target))

    # what the translation has that the source does not
    for a in t_atoms:
        if a.used or a.q.weak or a.q.dimension in ("identifier", "period"):
            continue
        if a.q.dimension == "duration" and a.q.value == 1:
            continue  # "a year ago" → 一年前: the English article is the number
        issues.append(Issue("NUM002", "major", f"number {a.q.text!r} has no counterpart in the source",
                            None, a.q, None, a.q.text))
    return _dedupe(issues)


def _atoms(q: Quantity) -> list[_Atom]:
    if q.is_range and q.lo is not None and q.hi is not None:
        nums = _FIRST_NUM.findall(q.text)
        ulps = [_ulp_of(d, q.magnitude) for d in nums] or [0.0]
        return [_Atom(q, q.lo, q.lo, True, ulps[0]), _Atom(q, q.hi, q.hi, True, ulps[-1])]
    if q.value is None and q.lo is None:
        return []
    lo = q.lo if q.lo is not None else q.value
    hi = q.hi if q.hi is not None else q.value
    assert lo is not None and hi is not None
    return [_Atom(q, lo, hi, lo == hi and not q.approx, _ulp(q))]


def _dedupe(issues: list[Issue]) -> list[Issue]:
    seen: set[tuple[object, ...]] = set()
    out = []
    for i in issues:
        key = (i.rule, i.source.span if i.source else None, i.target.span if i.target else None)
        if key not in seen:
            seen.add(key)
            out.append(i)
    return out


# --- values --------------------------------------------------------------------------------

_FIRST_NUM = re.compile(r"\d[\d,]*(?:\.(\d+))?")


def _ulp_of(decimals: str, magnitude: float) -> float:
    return 0.5 * (10.0 ** -len(decimals)) * magnitude


def _ulp(q: Quantity) -> float:
    """Half the last written digit (rounding a translator may do), in the value's units."""
    m = _FIRST_NUM.search(q.text)
    if not m:
        return 0.5 * q.magnitude if q.magnitude > 1 else 0.0
    return _ulp_of(m.group(1) or "", q.magnitude)


def _factor(q: Quantity) -> float:
    u = UNITS.get(q.unit) if q.unit else None
    if u is None:
        return 1.0
    if u.days is not None:
        return u.days
    return u.factor


def _close(e: _Atom, z: _Atom, *, base: bool = True) -> bool:
    fe = _factor(e.q) if base else 1.0
    fz = _factor(z.q) if base else 1.0
    elo, ehi = e.lo * fe, e.hi * fe
    zlo, zhi = z.lo * fz, z.hi * fz
    if base and e.q.unit in UNITS and z.q.unit in UNITS:
        # months vs days: allow a calendar's slack
        if UNITS[e.q.unit].days is not None and UNITS[z.q.unit].days is not None and e.q.unit != z.q.unit:
            return abs(elo - zlo) <= 0.05 * max(abs(elo), abs(zlo))
    # a translator may round (159.4 million → 1.59 億) but not add digits (65.6 → 6,561 萬)
    ue, uz = e.ulp * fe, z.ulp * fz
    tol = (uz if uz > ue * 1.0001 else 0.0) + 1e-9 * max(abs(elo), abs(zlo), 1.0)
    if e.exact and z.exact:
        return abs(elo - zlo) <= tol
    return elo - tol <= zhi and zlo <= ehi + tol


def _unit_issue(e: Quantity, z: Quantity, source: str) -> tuple[str, str] | None:
    """(rule, message) when ``z`` renders the value of ``e`` with a wrong unit, else None."""
    ed, zd = e.dimension, z.dimension
    eu = UNITS.get(e.unit) if e.unit else None
    zu = UNITS.get(z.unit) if z.unit else None
    if zd == "age" and ed != "age":
        if ed == "number" and _AGE_CONTEXT.search(source):
            return None
        return "UNIT002", f"{e.text!r} became an age ({z.text!r}, years old)"
    if ed == "count" and e.unit == "share":
        if z.unit == "share":
            return None
        return "UNIT002", f"shares in {e.text!r} became {z.text!r}"
    if ed in ("number", "count"):
        return None
    if ed == zd and ed not in ("money", "data_rate", "data_size", "duration"):
        return None
    if ed == "money":
        if zd != "money" or zu is None or eu is None:
            return "UNIT002", f"currency of {e.text!r} dropped in {z.text!r}"
        if eu.currency != zu.currency:
            if zu.currency == "?":
                return "UNIT003", f"{e.text!r} is {eu.currency}; {z.text!r} has a bare 元 (reads as the local currency)"
            return "UNIT003", f"currency changed: {e.text!r} ({eu.currency}) became {z.text!r} ({zu.currency})"
        return None
    if ed == "percent":
        if zd in ("percent", "percent_point"):
            return None
        return "UNIT002", f"percent sign of {e.text!r} dropped in {z.text!r}"
    if ed == "percent_point":
        if zd == "percent_point":
            return None
        return "UNIT002", f"percentage points {e.text!r} became {z.text!r}"
    if ed == "basis_point":
        if zd == "basis_point":
            return None
        return "UNIT002", f"basis points {e.text!r} became {z.text!r}"
    if ed in ("data_rate", "data_size", "data", "transfer_rate"):
        if zd not in ("data_rate", "data_size", "data", "transfer_rate"):
            return "UNIT002", f"unit of {e.text!r} ({describe(eu) if eu else ed}) dropped or replaced in {z.text!r}"
        if "data" in (ed, zd):
            return None
        if ed != zd:
            return "UNIT001", f"{e.text!r} ({describe(eu)}) became {z.text!r} ({describe(zu)})" if eu and zu else ""
        if eu and zu and eu.bits is not None and zu.bits is not None and eu.bits != zu.bits:
            return "UNIT001", f"bits and bytes swapped: {e.text!r} ({describe(eu)}) became {z.text!r} ({describe(zu)})"
        return None
    if ed == "duration":
        if zd == "duration":
            return None
        if zd == "number" or zd == "count":
            return "UNIT002", f"unit of {e.text!r} dropped in {z.text!r}"
        return "UNIT002", f"{e.text!r} became {z.text!r}"
    if ed != zd:
        return "UNIT002", f"unit of {e.text!r} ({describe(eu) if eu else ed}) dropped or replaced in {z.text!r}"
    return None


def _severity(q: Quantity) -> str:
    if q.dimension == "money" or q.dimension in SPEC_DIMENSIONS:
        return "critical"
    return "major"


def _expected(q: Quantity, siblings: Sequence[Quantity]) -> str:
    """How ``q`` should read; a bare number borrows the unit of a neighbour (40 days ... mid-20s)."""
    if q.unit is None:
        for other in siblings:
            if other.dimension == "duration" and other.unit:
                return render_zh(replace(q, dimension=other.dimension, unit=other.unit))
    return render_zh(q)


def _match_amounts(amounts: list[_Atom], t_atoms: list[_Atom], source: str,
                   siblings: Sequence[Quantity] = ()) -> list[Issue]:
    issues: list[Issue] = []
    cands = [a for a in t_atoms if a.q.dimension not in ("identifier",)]

    def pair(e: _Atom, z: _Atom) -> None:
        e.used = z.used = True
        problem = _unit_issue(e.q, z.q, source)
        if problem is None and e.q.unit and z.q.unit and e.q.unit != z.q.unit:
            ue, uz = UNITS[e.q.unit], UNITS[z.q.unit]
            if (ue.dimension == uz.dimension and ue.prefix != uz.prefix and e.lo == z.lo
                    and ue.dimension not in ("money", "duration")):
                problem = ("UNIT004", f"scale changed: {e.q.text!r} ({ue.prefix or 'no'} prefix) became {z.q.text!r} ({uz.prefix or 'no'} prefix)")
        if problem is not None:
            rule, msg = problem
            issues.append(Issue(rule, _severity(e.q), msg, e.q, z.q, _expected(e.q, siblings), z.q.text))

    # 1: same value, compatible unit (strong targets first, so a weak 一 does not steal 1)
    for e in amounts:
        for z in sorted((z for z in cands if not z.used), key=lambda z: z.q.weak):
            if z.q.dimension == "period" and e.q.dimension not in ("number",):
                continue
            if z.q.weak and e.q.dimension not in ("number", "count"):
                continue
            if _close(e, z) and _unit_issue(e.q, z.q, source) is None:
                e.used = z.used = True
                break
    # 2: same value, wrong unit or scale (prefix applied or not)
    for e in amounts:
        if e.used:
            continue
        for z in cands:
            if z.used or z.q.weak or z.q.dimension == "period":
                continue
            if _close(e, z) or _close(e, z, base=False):
                pair(e, z)
                break
    # 3: a value that changed: the unmatched strong target of the same kind, in order
    for e in amounts:
        if e.used:
            continue
        for z in cands:
            if z.used or z.q.weak or z.q.dimension in ("period",):
                continue
            if _kind(e.q) != _kind(z.q):
                continue
            e.used = z.used = True
            issues.append(_value_issue(e, z))
            break
    # 4: what is left is missing
    for e in amounts:
        if not e.used:
            e.used = True
            issues.append(Issue("NUM001", _severity(e.q),
                                f"{e.q.text!r} is missing from the translation",
                                e.q, None, render_zh(e.q), None))
    return issues


def _kind(q: Quantity) -> str:
    d = q.dimension
    if d in ("data_rate", "data_size", "data", "transfer_rate"):
        return "data"
    if d in ("percent", "percent_point"):
        return "percent"
    if d in ("number", "count"):
        return "number"
    return d


def _value_issue(e: _Atom, z: _Atom) -> Issue:
    ratio = (z.lo * _factor(z.q)) / (e.lo * _factor(e.q)) if e.lo else 0.0
    what = "value"
    if ratio > 0:
        k = math.log10(ratio)
        if abs(k - round(k)) < 1e-6 and round(k) != 0:
            what = f"magnitude (off by a factor of {10 ** abs(round(k)):,})"
    msg = f"{what} changed: {e.q.text!r} became {z.q.text!r}"
    return Issue("NUM003", _severity(e.q), msg, e.q, z.q, render_zh(e.q), z.q.text)


# --- periods -------------------------------------------------------------------------------


def _period_values(q: Quantity) -> set[tuple[str, float]]:
    """The (kind, value) readings under which a target period matches ``q``."""
    v = q.value or 0.0
    p = q.period or ""
    if p in ("year", "year2"):
        return {("year", v), ("year2", v)}
    if p == "month_quarter":
        return {("month_quarter", v), ("month", v), ("quarter", float(math.ceil(v / 3)))}
    if p == "month":
        return {("month", v), ("month_quarter", v)}
    return {(p, v)}


def _match_periods(periods: list[Quantity], t_atoms: list[_Atom], target: str) -> list[Issue]:
    """One to one first; a leftover source period is wrong only if a leftover target period
    of its kind is there to replace it (a translation may mention a quarter once for twice)."""
    issues: list[Issue] = []
    t_periods = [a for a in t_atoms if a.q.dimension == "period"]
    available = {(a.q.period, a.q.value) for a in t_periods}
    left: list[Quantity] = []
    for q in periods:
        want = _period_values(q)
        free = [a for a in t_periods if not a.used and (a.q.period, a.q.value) in want]
        if free:
            free[0].used = True
        else:
            left.append(q)
    for q in left:
        want = _period_values(q)
        v = q.value or 0.0
        # '25 read as "25 years"
        dur = [a for a in t_atoms if not a.used and a.q.dimension == "duration"
               and a.q.unit == "year" and q.period in ("year", "year2") and a.q.value == v - 2000]
        if dur:
            dur[0].used = True
            issues.append(Issue("NUM004", "major",
                                f"the year {q.text!r} was read as a length of time: {dur[0].q.text!r}",
                                q, dur[0].q, render_zh(q), dur[0].q.text))
            continue
        # fiscal year rendered as a calendar year
        if q.period == "fiscal_year":
            cal = [a for a in t_periods if a.q.period in ("year", "year2") and a.q.value == v]
            if cal and not any(a.q.period == "fiscal_year" and a.q.value == v for a in t_periods):
                cal[0].used = True
                issues.append(Issue("NUM004", "major",
                                    f"fiscal year {q.text!r} became the calendar year {cal[0].q.text!r}",
                                    q, cal[0].q, render_zh(q), cal[0].q.text))
                continue
        # same kind of period, another value
        kinds = {k for k, _ in want}
        other = [a for a in t_periods if not a.used and a.q.period in kinds]
        if other:
            other[0].used = True
            issues.append(Issue("NUM004", "major",
                                f"period changed: {q.text!r} became {other[0].q.text!r}",
                                q, other[0].q, render_zh(q), other[0].q.text))
            continue
        if want & available:
            continue  # mentioned once for several mentions in the source
        # a year silently dropped: reported, unless the translation says 今年/去年 instead
        if q.period in ("year", "fiscal_year") and not re.search(r"今年|本年|該年|当年|當年|明年|去年|同年|年度", target):
            issues.append(Issue("NUM001", "major", f"{q.text!r} is missing from the translation",
                                q, None, render_zh(q), None))
    return issues


# --- number words --------------------------------------------------------------------------


def _match_weak(weak: list[Quantity], t_atoms: list[_Atom], source: str, target: str) -> list[Issue]:
    """Number words: the value must show somewhere in the translation, in any form."""
    issues: list[Issue] = []
    zh = normalize_width(target)
    for q in weak:
        v = q.value if q.value is not None else q.lo
        if q.approx and q.lo is not None and q.hi is not None:
            # doubled ↔ 一倍/兩倍, a decade ↔ 十年: take the counterpart so it is not "extra"
            for a in t_atoms:
                if not a.used and a.q.dimension == q.dimension and q.lo <= a.lo <= q.hi:
                    a.used = True
                    break
            continue
        if v is None:
            continue
        if v == 1:
            if _one_rendered(q, source, zh):
                continue
            issues.append(Issue("NUM001", "minor",
                                f"{q.text!r} (a single one) is not rendered: expected 一/單一/某 before the noun",
                                q, None, "一個 / 單一", None))
            continue
        hit = next((a for a in t_atoms if a.lo <= v <= a.hi and not a.used), None) or next(
            (a for a in t_atoms if a.lo <= v <= a.hi), None)
        if hit is not None:
            hit.used = True  # "a million units" ↔ 100 萬台: the counterpart is not extra
            continue
        if v == 2 and re.search(r"[雙双倆俩兩两二]|both", zh):
            continue
        issues.append(Issue("NUM001", "minor", f"the number {q.text!r} is missing from the translation",
                            q, None, render_zh(q), None))
    return issues


def _one_rendered(q: Quantity, source: str, zh: str) -> bool:
    """Is English determiner "one" rendered near the same relative place in the Chinese?"""
    if not zh:
        return False
    pos = q.start / max(1, len(source))
    for m in _ONE_WORDS.finditer(zh):
        if abs(m.start() / len(zh) - pos) <= 0.3:
            return True
    if re.search(r"\d", zh) and re.search(r"(?<![\d.])1(?![\d.])", zh):
        return True
    return False
