"""Pair the quantities of an English source with those of its Chinese translation.

Pairs are made by *value* (after magnitude: ``$159.4 million`` ↔ ``1.594 億美元``), then
checked for unit, currency, data kind, scale and period. What cannot be paired is missing
or extra. Rounding a translator may legitimately do (``159.4`` → ``1.59 億``) and
approximations (``a couple of hundred`` ↔ ``幾百``) pair by interval overlap.

The result is a list of :class:`~auditor.numbers.facts.Discrepancy` (what kind of defect, both
quantities); the rules in :mod:`auditor.checks.numbers` give them codes and messages. The
library keeps no state: it is a pure function of two texts.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, replace

from auditor.lazy_pattern import lazy_compile
from auditor.numbers.chinese import extract_chinese
from auditor.numbers.english import extract_english
from auditor.numbers.facts import Defect, Discrepancy
from auditor.numbers.normalize import normalize_width
from auditor.numbers.quantity import Quantity
from auditor.numbers.render import render_zh
from auditor.units import EN_UNIT_FORMS, UNITS


@dataclass(slots=True)
class _Atom:
    """One comparable value: a quantity, or one end of a range."""

    q: Quantity
    lo: float
    hi: float
    exact: bool  # a single written value (not an interval)
    #: half the last written digit, in value units; ``None`` until first asked for (most
    #: atoms are never compared closely enough to need it)
    known_ulp: float | None = None
    used: bool = False

    @property
    def ulp(self) -> float:
        if self.known_ulp is None:
            self.known_ulp = _ulp(self.q)
        return self.known_ulp


# A Chinese text can hold a reportable number only with a digit, a magnitude, a percent or a
# numeral directly before a unit (三倍, 兩年); a bare 一個 alone never makes a finding.
# (one leading character class, so the search skips ahead at C speed; 百分之 holds 百)
_ZH_NUMERIC = lazy_compile(
    r"[0-9０-９十百千萬万億亿兆%％零〇一二兩两三四五六七八九上下]"
    r"(?:(?<=[0-9０-９十百千萬万億亿兆%％])|(?<=[零〇一二兩两三四五六七八九])[倍年天週周月歲岁季]|(?<=[上下])半)"
)
#: Words near a bare number that make a Chinese 歲 right ("children under 12" → 12 歲以下)
_AGE_CONTEXT = lazy_compile(
    r"(?i)\b(?:age|aged|ages|years? old|year-old|born|child|children|kids?|minors?|infants?|babies|"
    r"teen(?:ager)?s|adults?|seniors|elderly|retirees|students|boys|girls)\b"
)
#: How a translation renders English "one": 一 before any word but the idioms that hold 一
#: without meaning one (一直, 一些), 單一/唯一/某, and 單 before a counter (單季, 單筆).
_ONE_WORDS = lazy_compile(
    r"單一|单一|唯一|某[個个一家位種种]?|(?<![訂订帳账名清菜買买保簡简表])[單单](?=[季月日年週周次顆颗片家個个項项台臺筆笔])|"
    r"一(?!些|直|致|起|樣|样|般|定|切|旦|系列|同|下|點|点|方面|邊|边|再|向|律|如|路|度|時|时|番|貫|贯|舉|举)"
)


def compare(source: str, target: str) -> list[Discrepancy]:
    """Every number and unit defect of ``target`` as a translation of ``source``."""
    # the English extractor is its own prefilter: no anchor, no work
    src = extract_english(source)
    if not src and not _ZH_NUMERIC.search(target):
        return []
    # lone Chinese numerals (一個) matter only to English number words and bare numbers
    need_weak = False
    for q in src:
        if q.weak or q.dimension == "number":
            need_weak = True
            break
    return compare_quantities(source, target, src, extract_chinese(target, weak=need_weak))


# --- where to look ---------------------------------------------------------------------------

#: In a text with more target atoms than twice this, a source quantity is compared only with
#: this many target atoms either side of where it should be (a sentence never has that many;
#: a whole transcript pasted as one line would otherwise cost quadratic time).
WINDOW = 64
#: Characters either side of a quantity searched for age words, '一' renderings, identifiers.
_TEXT_WINDOW = 1500


class _Near:
    """The target atoms a source quantity may pair with: all of them in a sentence; in a very
    long text, those near its expected place. The expected place is its relative position,
    corrected by the drift of the confident pairs nearest to it (translations keep the order
    of figures, but English and Chinese lengths drift apart over many sentences)."""

    def __init__(self, t_atoms: list[_Atom], source: str, target: str) -> None:
        self.atoms = t_atoms
        self.small = len(t_atoms) <= 2 * WINDOW
        self.ratio = len(target) / max(1, len(source))
        self.starts = [] if self.small else [a.q.start for a in t_atoms]
        self.anchors: list[int] = []  # source starts of confident pairs, sorted
        self.drifts: list[float] = []  # target start minus expected start, same order

    def expected(self, q: Quantity) -> float:
        i = bisect_left(self.anchors, q.start)
        nearest = sorted(self.drifts[max(0, i - 4) : i + 5])
        drift = nearest[len(nearest) // 2] if nearest else 0.0
        return q.start * self.ratio + drift

    def around(self, q: Quantity) -> list[_Atom]:
        if self.small:
            return self.atoms
        at = self.expected(q)
        i = bisect_left(self.starts, at)
        # nearest first: in a long text the first equal value in the window may be far away
        return sorted(
            self.atoms[max(0, i - WINDOW) : i + WINDOW], key=lambda a: abs(a.q.start - at)
        )

    def paired(self, e: Quantity, z: Quantity) -> None:
        """Record a confident pair: later quantities are looked for relative to it."""
        if self.small:
            return
        i = bisect_left(self.anchors, e.start)
        self.anchors.insert(i, e.start)
        self.drifts.insert(i, z.start - e.start * self.ratio)


def _text_near(text: str, rel: float) -> str:
    """``text`` itself when short; else the stretch around relative position ``rel``."""
    if len(text) <= 2 * _TEXT_WINDOW:
        return text
    mid = int(rel * len(text))
    return text[max(0, mid - _TEXT_WINDOW) : mid + _TEXT_WINDOW]


class _Hits:
    """Positions of one pattern's matches in a text, found once, tested near a point."""

    def __init__(self, pattern: re.Pattern[str], text: str) -> None:
        self.pattern, self.text = pattern, text
        self._starts: list[int] | None = None  # found on the first question (most never ask)

    @property
    def starts(self) -> list[int]:
        if self._starts is None:
            self._starts = [m.start() for m in self.pattern.finditer(self.text)]
        return self._starts

    def near(self, pos: int) -> bool:
        if len(self.text) <= 2 * _TEXT_WINDOW:
            return self.pattern.search(self.text) is not None
        i = bisect_left(self.starts, pos - _TEXT_WINDOW)
        return i < len(self.starts) and self.starts[i] <= pos + _TEXT_WINDOW


def compare_quantities(
    source: str, target: str, src: list[Quantity], tgt: list[Quantity]
) -> list[Discrepancy]:
    issues: list[Discrepancy] = []
    zh_norm = ""
    t_atoms: list[_Atom] = []
    for q in tgt:
        if q.is_range or q.lo is None or q.hi is None:
            t_atoms.extend(_atoms(q))
        else:  # _atoms of a single value, inline (the commonest case)
            t_atoms.append(_Atom(q, q.lo, q.hi, q.lo == q.hi and not q.approx))
    near = _Near(t_atoms, source, target)

    # the source's quantities by kind, in one pass (each list keeps the text order)
    identifiers: list[Quantity] = []
    periods: list[Quantity] = []
    amounts: list[_Atom] = []
    weak: list[Quantity] = []
    for q in src:
        d = q.dimension
        if d == "identifier":
            identifiers.append(q)
        elif d == "period":
            periods.append(q)
        elif not q.weak:
            if q.is_range or q.lo is None or q.hi is None:
                amounts.extend(_atoms(q))
            else:
                amounts.append(_Atom(q, q.lo, q.hi, q.lo == q.hi and not q.approx))
        if q.weak:
            weak.append(q)

    # identifiers: copied verbatim (or their number kept, as in Gen 5 → 第 5 代)
    for q in identifiers:
        hit = next((a for a in near.around(q) if not a.used and a.q.value == q.value), None)
        if hit is not None:
            hit.used = True
            near.paired(q, hit.q)
        else:
            token = (q.token or q.text).replace(" ", "").lower()
            zh_norm = zh_norm or normalize_width(target).replace(" ", "").lower()
            if token in _text_near(zh_norm, q.start / max(1, len(source))):
                continue
            issues.append(Discrepancy(Defect.MISSING, q, None, q.token or q.text))

    # periods: quarter, half, month, year, fiscal year
    issues.extend(_match_periods(periods, near, target))

    # amounts
    issues.extend(_match_amounts(amounts, near, source, src, target))
    issues.extend(_match_weak(weak, near, source, target))

    # what the translation has that the source does not
    relative: dict[bool, _Hits] = {}
    for a in t_atoms:
        if a.used or a.q.weak or a.q.dimension == "identifier":
            continue
        if a.q.dimension == "period":
            if a.q.period not in _DATED_PERIODS:
                continue  # a quarter or half may be said where the source says "this quarter"
            yearly = a.q.period in ("year", "fiscal_year")
            if yearly not in relative:
                relative[yearly] = _Hits(_RELATIVE_YEAR_EN if yearly else _RELATIVE_DAY_EN, source)
            if relative[yearly].near(int(a.q.start / max(1, len(target)) * len(source))):
                continue  # "this year" → 2025 年: the translator made the date explicit
        if a.q.dimension == "duration" and a.q.value == 1:
            continue  # "a year ago" → 一年前: the English article is the number
        if a.q.value == 1 and a.q.unit and _said_with_article(a.q.unit, source):
            continue  # "a penny above" → 高出 1 美分
        issues.append(Discrepancy(Defect.EXTRA, None, a.q))
    return _dedupe(issues)


def _said_with_article(unit: str, source: str) -> bool:
    """Does the source say one of ``unit`` with an article (a penny, an hour, one watt)?"""
    forms = _FORMS_OF.get(unit)
    if not forms:
        return False
    return re.search(rf"(?i)\b(?:a|an|one)\s+(?:{forms})\b", source) is not None


#: English forms of each unit, as one alternation (for :func:`_said_with_article`)
_FORMS_OF = {
    k: "|".join(
        re.escape(f)
        for f in sorted((f for f, u in EN_UNIT_FORMS.items() if u == k), key=len, reverse=True)
    )
    for k in set(EN_UNIT_FORMS.values())
}


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
    return [_Atom(q, lo, hi, lo == hi and not q.approx)]


def _dedupe(issues: list[Discrepancy]) -> list[Discrepancy]:
    """One fact per defect: a quantity (a range has two atoms) is reported once, by the
    first fact that names it."""
    seen: set[tuple[str, int, int]] = set()
    out = []
    for i in issues:
        keys = [
            (side, q.start, q.end)
            for side, q in (("s", i.source), ("t", i.target))
            if q is not None
        ]
        if any(k in seen for k in keys):
            continue
        seen.update(keys)
        out.append(i)
    return out


# --- values --------------------------------------------------------------------------------

_FIRST_NUM = lazy_compile(r"\d[\d,]*(?:\.(\d+))?")


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
        # months vs days: allow a calendar's slack; inches vs millimetres: a named size's
        ue, uz = UNITS[e.q.unit], UNITS[z.q.unit]
        if e.q.unit != z.q.unit and (
            (ue.days is not None and uz.days is not None)
            or (ue.dimension == uz.dimension and (ue.nominal or uz.nominal))
        ):
            return abs(elo - zlo) <= 0.05 * max(abs(elo), abs(zlo))
    if e.exact and z.exact and elo - zlo == 0.0:
        return True  # equal written values: within any tolerance (and their digits need no reading)
    # a translator may round (159.4 million → 1.59 億) but not add digits (65.6 → 6,561 萬)
    ulp_e, ulp_z = e.ulp * fe, z.ulp * fz
    tol = (ulp_z if ulp_z > ulp_e * 1.0001 else 0.0) + 1e-9 * max(abs(elo), abs(zlo), 1.0)
    if e.exact and z.exact:
        return abs(elo - zlo) <= tol
    return elo - tol <= zhi and zlo <= ehi + tol


def _unit_issue(e: Quantity, z: Quantity, ages: _Hits) -> Defect | None:
    """What is wrong when ``z`` renders the value of ``e`` with another unit, else None."""
    ed, zd = e.dimension, z.dimension
    eu = UNITS.get(e.unit) if e.unit else None
    zu = UNITS.get(z.unit) if z.unit else None
    if zd == "age" and ed != "age":
        if ed == "number" and ages.near(e.start):
            return None
        return Defect.BECAME_AGE
    if ed == "count" and e.unit == "share":
        return None if z.unit == "share" else Defect.DIMENSION_CHANGED
    if ed in ("number", "count"):
        return None
    if ed == zd and ed not in ("money", "data_rate", "data_size", "duration"):
        return None
    if ed == "money":
        if zd != "money" or zu is None or eu is None:
            return Defect.DIMENSION_CHANGED
        if eu.currency != zu.currency:
            return Defect.CURRENCY_UNSTATED if zu.currency == "?" else Defect.CURRENCY_CHANGED
        return None
    if ed == "percent":
        # % -> 個百分點 is accepted: Chinese uses 個百分點 loosely for a share (銷售額的
        # 二十個百分點 for "20% of sales"), and the annotated transcript counts that right.
        # The other way, points read as a percent, changes the figure (below).
        return None if zd in ("percent", "percent_point") else Defect.DIMENSION_CHANGED
    if ed in ("percent_point", "basis_point"):
        return None if zd == ed else Defect.DIMENSION_CHANGED
    if ed in ("data_rate", "data_size", "data", "transfer_rate"):
        if zd not in ("data_rate", "data_size", "data", "transfer_rate"):
            return Defect.DIMENSION_CHANGED
        if "data" in (ed, zd):
            return None
        if ed != zd:
            if eu and zu and eu.bits and zu.bits:
                # a figure in bits with no "per second" on one side is the trade's shorthand
                # for a rate (a 51.2-terabit switch, 51.2 Tb 交換器, 112G SerDes): only bytes
                # against bits, or a size in bytes, changes what is said
                return None
            return Defect.RATE_SIZE_SWAPPED
        if eu and zu and eu.bits is not None and zu.bits is not None and eu.bits != zu.bits:
            return Defect.BITS_BYTES_SWAPPED
        return None
    if ed == "age" and zd == "duration" and z.unit == "year":
        return None  # a 2,500-year-old monarchy ↔ 2500 年君主制: both a length in years
    if ed == "duration":
        return None if zd == "duration" else Defect.DIMENSION_CHANGED
    if ed != zd:
        return Defect.DIMENSION_CHANGED
    return None


def _expected(q: Quantity, siblings: Sequence[Quantity]) -> str:
    """How ``q`` should read; a bare number borrows the unit of a neighbour (40 days ... mid-20s)."""
    if q.unit is None:
        if len(siblings) > 2 * WINDOW:  # a very long text: neighbours are the nearby quantities
            i = bisect_left([s.start for s in siblings], q.start)
            siblings = siblings[max(0, i - WINDOW) : i + WINDOW]
        for other in siblings:
            if other.dimension == "duration" and other.unit:
                return render_zh(replace(q, dimension=other.dimension, unit=other.unit))
    return render_zh(q)


def _match_amounts(
    amounts: list[_Atom],
    near: _Near,
    source: str,
    siblings: Sequence[Quantity] = (),
    target: str = "",
) -> list[Discrepancy]:
    issues: list[Discrepancy] = []
    if not amounts:
        return issues
    ages = _Hits(_AGE_CONTEXT, source)

    def pair(e: _Atom, z: _Atom) -> None:
        e.used = z.used = True
        problem = _unit_issue(e.q, z.q, ages)
        if problem is None and e.q.unit and z.q.unit and e.q.unit != z.q.unit:
            ue, uz = UNITS[e.q.unit], UNITS[z.q.unit]
            if (
                ue.dimension == uz.dimension
                and ue.prefix != uz.prefix
                and e.lo == z.lo
                and ue.dimension not in ("money", "duration")
            ):
                problem = Defect.PREFIX_CHANGED
            elif ue.days is not None and uz.days is not None and not _close(e, z):
                problem = Defect.UNIT_CHANGED  # 12 weeks → 12 個月: the number kept, the unit not
        if problem is not None:
            issues.append(Discrepancy(problem, e.q, z.q, _expected(e.q, siblings)))

    # 1: same value, compatible unit (strong targets first, so a weak 一 does not steal 1)
    # In a sentence every amount looks at all the target atoms: order them once (a stable
    # sort on ``weak``, as the per-amount sort below does).
    strong_first = sorted(near.atoms, key=_is_weak) if near.small else None
    for e in amounts:
        if strong_first is not None:
            ordered = strong_first
        else:
            ordered = sorted(near.around(e.q), key=_is_weak)
        for z in ordered:
            if z.used or z.q.dimension == "identifier":
                continue
            if z.q.period == "year2" and _years_as_short_year(e, z):
                e.used = z.used = True  # 30-year-old ↔ 成立 30 年: 30 年 is a length here
                near.paired(e.q, z.q)
                break
            if z.q.dimension == "period" and e.q.dimension not in ("number",):
                continue
            if z.q.weak and e.q.dimension not in ("number", "count"):
                continue
            if z.q.dimension == "period" and e.lo != z.lo:
                continue  # a year or a day is no rounded number: 1990.3 is not 1990
            if (
                _close(e, z) or (e.lo == -z.lo and _sign_in_words(e, z, source, target))
            ) and _unit_issue(e.q, z.q, ages) is None:
                e.used = z.used = True
                near.paired(e.q, z.q)
                if z.q.is_range and not e.exact:
                    _take_whole_range(e, z, near.atoms)
                break
    # 2: same value, wrong unit or scale (prefix applied or not)
    for e in amounts:
        if e.used:
            continue
        for z in near.around(e.q):
            if z.used or z.q.weak or z.q.dimension in ("period", "identifier"):
                continue
            if _close(e, z) or _close(e, z, base=False):
                pair(e, z)
                near.paired(e.q, z.q)
                break
    # 3: a value that changed: the unmatched strong target of the same kind, in order
    for e in amounts:
        if e.used:
            continue
        for z in near.around(e.q):
            if z.used or z.q.weak or z.q.dimension in ("period", "identifier"):
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
            issues.append(Discrepancy(Defect.MISSING, e.q, None, render_zh(e.q)))
    return issues


_DECREASE_EN = lazy_compile(
    r"(?i)\b(?:down|fell|fall(?:s|ing)?|decline[sd]?|declining|decrease[sd]?|decreasing|drop(?:ped|s)?|"
    r"lower|lost|loss(?:es)?|shr[au]nk|contract(?:ed|ion)|slid|dipped|reduc(?:ed|tion)|cut)\b"
    r"(?![^.;]*\bto\b)[^.;]{0,24}$"
)  # "fell 5%", "down by 5%"; "fell to 5%" is a level
_DECREASE_ZH = lazy_compile(
    r"(?:減少|减少|下降|下滑|降低|衰退|縮減|缩减|負增長|负增长|年減|年减|季減|季减|減|减|跌|降|虧損|亏损)"
    r"(?![^。；;，,]*[至到])[^。；;，,]{0,6}$"
)


def _sign_in_words(e: _Atom, z: _Atom, source: str, target: str) -> bool:
    """-5% ↔ 減少 5%, 負 5% ↔ "fell 5%": one side writes the sign, the other says it with a
    word of decrease just before the number."""
    if not (e.exact and z.exact) or e.lo == 0 or e.lo != -z.lo:
        return False
    if e.lo < 0:  # the English is negative: the Chinese must say the decrease
        return (
            _DECREASE_ZH.search(normalize_width(target[max(0, z.q.start - 8) : z.q.start]))
            is not None
        )
    return _DECREASE_EN.search(source[max(0, e.q.start - 32) : e.q.start]) is not None


def _years_as_short_year(e: _Atom, z: _Atom) -> bool:
    """Is the two-digit year ``z`` (30 年, read as 2030) the source's length of ``e`` years?
    Chinese writes both the year '30 and thirty years as 30 年; the source tells which."""
    if e.q.dimension not in ("duration", "age") or e.q.unit not in ("year", "age"):
        return False
    n = (z.q.value or 0) - 2000
    return e.lo <= n <= e.hi


def _take_whole_range(e: _Atom, z: _Atom, atoms: list[_Atom]) -> None:
    """A vague amount rendered as an explicit range (the high teens → 15% 至 19%): the
    range's other end is taken too when it lies near the amount's interval."""
    slack = (e.hi - e.lo) / 2
    for a in atoms:
        if a.q is z.q and not a.used and e.lo - slack <= a.lo and a.hi <= e.hi + slack:
            a.used = True


def _is_weak(z: _Atom) -> bool:
    return z.q.weak


def _kind(q: Quantity) -> str:
    d = q.dimension
    if d in ("data_rate", "data_size", "data", "transfer_rate"):
        return "data"
    if d in ("percent", "percent_point"):
        return "percent"
    if d in ("number", "count"):
        return "number"
    return d


def _value_issue(e: _Atom, z: _Atom) -> Discrepancy:
    ratio = (z.lo * _factor(z.q)) / (e.lo * _factor(e.q)) if e.lo else 0.0
    return Discrepancy(Defect.VALUE_CHANGED, e.q, z.q, render_zh(e.q), ratio)


# --- periods -------------------------------------------------------------------------------


def _period_values(q: Quantity) -> set[tuple[str, float]]:
    """The (kind, value) readings under which a target period matches ``q``."""
    v = q.value or 0.0
    p = q.period or ""
    if p in ("year", "year2"):
        return {("year", v), ("year2", v), ("annual", v)}  # 2024 年度 is the year 2024
    if p in ("fiscal_year", "annual"):
        return {("fiscal_year", v), ("annual", v)}
    if p == "month_quarter":
        return {("month_quarter", v), ("month", v), ("quarter", float(math.ceil(v / 3)))}
    if p == "month":
        return {("month", v), ("month_quarter", v)}
    return {(p, v)}


#: Target periods that are reported when the source has no counterpart: a date or a year
#: added to a translation (or an English rendering that dropped a dateline) changes what
#: the text says.
_DATED_PERIODS = frozenset({"year", "fiscal_year", "month", "day"})
_THIS = r"(?:this|last|next|that|same|previous|prior|coming|current|past|the)"
#: Source words that a translator may render as an explicit year ("this year" → 2025 年)...
_RELATIVE_YEAR_EN = lazy_compile(
    rf"(?i)\b(?:(?:{_THIS}|full|fiscal|calendar)[- ]years?|year[- ]ago|year[- ]over[- ]year)\b"
)
#: ... or as an explicit month or day ("on Tuesday" → 2 月 11 日)
_RELATIVE_DAY_EN = lazy_compile(
    rf"(?i)\b(?:{_THIS}[- ](?:month|week)s?|month[- ]over[- ]month|today|yesterday|tomorrow|tonight|"
    r"(?:mon|tues|wednes|thurs|fri|satur|sun)day)\b"
)
_RELATIVE_YEAR = lazy_compile(r"今年|本年|該年|当年|當年|明年|去年|同年|年度")


def _match_periods(periods: list[Quantity], near: _Near, target: str) -> list[Discrepancy]:
    """One to one first; a leftover source period is wrong only if a leftover target period
    of its kind is there to replace it (a translation may mention a quarter once for twice)."""
    issues: list[Discrepancy] = []
    t_all = near.atoms
    if not periods:
        return issues
    left: list[Quantity] = []
    for q in periods:
        want = _period_values(q)
        free = next(
            (
                a
                for a in near.around(q)
                if a.q.dimension == "period" and not a.used and (a.q.period, a.q.value) in want
            ),
            None,
        )
        if free is not None:
            free.used = True
            near.paired(q, free.q)
        else:
            left.append(q)
    if not left:
        return issues  # every period paired one to one (the common case)
    available = {(a.q.period, a.q.value) for a in t_all if a.q.dimension == "period"}
    relative_years = _Hits(_RELATIVE_YEAR, target)
    for q in left:
        want = _period_values(q)
        v = q.value or 0.0
        t_atoms = near.around(q)
        t_periods = [a for a in t_atoms if a.q.dimension == "period"]
        # '25 read as "25 years"
        dur = [
            a
            for a in t_atoms
            if not a.used
            and a.q.dimension == "duration"
            and a.q.unit == "year"
            and q.period in ("year", "year2")
            and a.q.value == v - 2000
        ]
        if dur:
            dur[0].used = True
            issues.append(Discrepancy(Defect.YEAR_AS_DURATION, q, dur[0].q, render_zh(q)))
            continue
        # fiscal year rendered as a calendar year
        if q.period == "fiscal_year":
            cal = [a for a in t_periods if a.q.period in ("year", "year2") and a.q.value == v]
            if cal and not any(a.q.period == "fiscal_year" and a.q.value == v for a in t_periods):
                cal[0].used = True
                issues.append(Discrepancy(Defect.FISCAL_AS_CALENDAR, q, cal[0].q, render_zh(q)))
                continue
        # same kind of period, another value
        kinds = {k for k, _ in want}
        other = [a for a in t_periods if not a.used and a.q.period in kinds]
        if other:
            other[0].used = True
            issues.append(Discrepancy(Defect.PERIOD_CHANGED, q, other[0].q, render_zh(q)))
            continue
        if want & available:
            continue  # mentioned once for several mentions in the source
        # a year silently dropped: reported, unless the translation says 今年/去年 instead
        if q.period in ("year", "fiscal_year") and not relative_years.near(int(near.expected(q))):
            issues.append(Discrepancy(Defect.MISSING, q, None, render_zh(q)))
    return issues


# --- number words --------------------------------------------------------------------------


_TWO_WORDS = lazy_compile(r"[雙双倆俩兩两二]|both")


def _match_weak(weak: list[Quantity], near: _Near, source: str, target: str) -> list[Discrepancy]:
    """Number words: the value must show somewhere in the translation, in any form."""
    issues: list[Discrepancy] = []
    if not weak:
        return issues
    zh = normalize_width(target)
    ones = _OneWords(zh)
    twos = _Hits(_TWO_WORDS, zh)
    for q in weak:
        t_atoms = near.around(q)
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
            if ones.rendered(q, source, near):
                continue
            issues.append(Discrepancy(Defect.WORD_MISSING, q, None, "一個 / 單一"))
            continue
        hit = next(
            (a for a in t_atoms if a.lo <= v <= a.hi and not a.used and _may_render(q, a.q)), None
        ) or next((a for a in t_atoms if a.lo <= v <= a.hi and _may_render(q, a.q)), None)
        if hit is not None:
            hit.used = True  # "a million units" ↔ 100 萬台: the counterpart is not extra
            continue
        if v == 2 and twos.near(int(near.expected(q))):
            continue
        issues.append(Discrepancy(Defect.WORD_MISSING, q, None, render_zh(q)))
    return issues


def _may_render(e: Quantity, z: Quantity) -> bool:
    """Can ``z`` render the number word ``e``? An ordinal (the 100th delegation) is not a
    count of things (百人, a delegation of a hundred)."""
    return not e.ordinal or z.ordinal or z.dimension != "count"


#: How far from its expected place a 一 may be in a long text (a third of a long sentence).
_ONE_REACH = 60
#: ... and at least this far in a short one (a clause).
_ONE_MIN_REACH = 12
_DIGIT_ONE = lazy_compile(r"(?<![\d.])1(?![\d.])")


class _OneWords:
    """Where the Chinese says 一/單一/某 (or the digit 1), found once for all "one"s."""

    def __init__(self, zh: str) -> None:
        self.zh = zh
        self.starts = [m.start() for m in _ONE_WORDS.finditer(zh)]
        self.digit_ones = _Hits(_DIGIT_ONE, zh)

    def rendered(self, q: Quantity, source: str, near: _Near) -> bool:
        """Is English determiner "one" rendered near the same relative place in the Chinese?"""
        n = len(self.zh)
        if not n:
            return False
        if n <= 2 * _TEXT_WINDOW:  # a 一 within 0.3 of the text's length of the same relative place
            # (and at least a clause's length: Chinese moves "this quarter" and the like
            # to the front, so in a short sentence the 一 shifts by more than 0.3 of it)
            at, radius = q.start / max(1, len(source)) * n, max(0.3 * n, _ONE_MIN_REACH)
        else:  # in a long text: within a sentence's reach of where the pairs say it should be
            at, radius = near.expected(q), _ONE_REACH
        i = bisect_left(self.starts, at - radius)
        if i < len(self.starts) and self.starts[i] <= at + radius:
            return True
        return self.digit_ones.near(int(at))
