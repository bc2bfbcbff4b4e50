"""Chinese quantities: half- and full-width digits, 萬/億/兆 magnitudes, Chinese numerals,
百分之X, 個百分點, 倍, currencies, periods (第一季, 上半年, 2025 財年), approximations
(約, 逾, 數十億, 幾百), ranges (至, 到, ~, 與…之間) and units (千兆, Gb/s, GB, 奈米, 瓦, 天, 股, 個).

Works on the width-normalised text; spans index the original (normalisation keeps offsets).
"""

from __future__ import annotations

import re
from decimal import Decimal

from auditor.lazy_pattern import lazy_compile
from auditor.numbers.chinese_fast import (
    MAG_CHARS,
    ONE_MAGNITUDE,
    ZH_NUM_CHARS,
    anchor_pattern,
    anchor_starts,
    scaled_by_one_magnitude,
)
from auditor.numbers.dispatch import alternation
from auditor.numbers.dispatch_fast import DIGITS as DIGITS_ASCII
from auditor.numbers.identifiers import NAME_MARKS, named_by_digits
from auditor.numbers.normalize import normalize_width
from auditor.numbers.quantity import Quantity, evolve, make_quantity, quantity_at
from auditor.numbers.zh_numerals import BIG_UNITS, DIGITS, SMALL_UNITS, parse_zh_number
from auditor.units import UNITS, ZH_COUNTERS, ZH_LATIN_UNITS, ZH_UNIT_FORMS

_ZH_DIGIT_CHARS = "零〇一二兩两三四五六七八九"
_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_L = r"(?<![A-Za-z0-9.])"  # Latin-token start in Chinese text (\b sees 的P as one word)
_R = r"(?![A-Za-z0-9])"

_ID_PREFIX = (
    r"PCIe|PCI Express|Gen|CXL|UALink|UAL|USB|DDR|LPDDR|GDDR|HBM|NVLink|NVSwitch|Wi-?Fi|Form|"
    r"Version|Rev|Series|Arm|ARMv"
)

_UNIT_FORMS = sorted({**ZH_UNIT_FORMS, **ZH_LATIN_UNITS}, key=len, reverse=True)
_UNIT_RE = lazy_compile(
    r"\s?(?:(?P<gig>-?gigs?)(?![A-Za-z])|(?P<u>"
    + "|".join(re.escape(u) for u in _UNIT_FORMS)
    + r")(?![A-Za-z])"
    r"|(?P<c>[" + ZH_COUNTERS + r"]|代))"
)
_UNIT_HEADS = frozenset(u[0] for u in _UNIT_FORMS) | frozenset(ZH_COUNTERS) | {"代", "-", "g"}


def _unit_at(norm: str, e: int) -> re.Match[str] | None:
    """_UNIT_RE at ``e``, tried only when the next character can start a unit."""
    if e < len(norm) and norm[e] == " ":
        e2 = e + 1
    else:
        e2 = e
    if e2 >= len(norm) or norm[e2] not in _UNIT_HEADS:
        return None
    return _UNIT_RE.match(norm, e)


_PER_SECOND_BEFORE = lazy_compile(r"每秒\s?$")
_PER_SECOND_AFTER = lazy_compile(r"^\s?(?:/秒|/s|每秒|/ ?s)")

_APPROX_BEFORE_WORDS = (
    "約|约|大約|大约|約為|约为|近|將近|将近|接近|逾|超過|超过|超逾|至少|最多|高達|高达|"
    "略高於|略高于|略低於|略低于|略超過|略超过|不到|未滿|不足|大概|差不多|~"
).split("|")
_APPROX_BEFORE = lazy_compile("(?:" + "|".join(map(re.escape, _APPROX_BEFORE_WORDS)) + r")\s?$")
_APPROX_BEFORE_LAST = frozenset(w[-1] for w in _APPROX_BEFORE_WORDS)
_APPROX_AFTER = lazy_compile(r"^\s?(?:左右|上下|多|餘|余|以上|以下|出頭|出头|\+)")
_APPROX_AFTER_FIRST = "左上多餘余以出+"


# "25 年" followed by these is a length of time, not the year '25.
_DURATION_AFTER_YEAR = lazy_compile(
    r"^(?:以後|以后|之後|之后|後|后|以內|以内|內|内|來|来|以來|以来|間|间|多|左右|前|的時間|的时间)"
)

_ALTS = [
    rf"(?P<form>{_L}\d{{1,2}}-[A-Z]{_R}(?!-))",
    rf"(?P<idp>{_L}(?:{_ID_PREFIX})[ -]?(?P<idn>\d+(?:\.\d+)*)(?![\d%]|,\d{{3}}|\.\d|-[A-Za-z]))",
    # in Chinese text, a Latin name before a small number is a product or version (Aries 6)
    rf"(?P<idc>{_L}(?!(?:Q|FY|H|US|NT|USD){_R})[A-Z][A-Za-z]*[a-z][A-Za-z]*[ -]?\d{{1,2}}(?:\.\d)?(?![\d%A-Za-z]|[.,]\d))",
    rf"(?P<cell>{_L}[2-6]G{_R})",
    # a code of capitals, a hyphen and digits (COVID-19, MIL-STD-883)
    rf"(?P<code>{_L}[A-Z][A-Za-z]*(?:-[A-Z]+)*-\d+{_R}(?![.,]\d|%))",
    rf"(?P<alnum>{_L}(?=[A-Za-z0-9.]*[A-Za-z])(?=[A-Za-z0-9.]*\d)"
    rf"(?![1-4]Q\d{{0,2}}{_R}|Q[1-4]{_R}|[12]H\d{{0,2}}{_R}|H[12]{_R}|FY'?\d{{2,4}}{_R})"
    rf"[A-Za-z]+\d[A-Za-z0-9.]*[A-Za-z0-9]?{_R})",
    # periods
    r"(?P<q>第\s?(?P<qn>[1-4一二三四])\s?(?:個|个)?\s?(?:財季|财季|季度|季)|"
    r"(?<![第\d一二三四五六七八九十每這这本上下該该前後后同])(?P<qn2>[一二三四1-4])\s?季度|首季|"
    rf"{_L}Q(?P<qn3>[1-4]){_R}|{_L}(?P<qn4>[1-4])Q(?:'?\d{{2}})?{_R})",
    r"(?P<half>上半年|上半場|上半场|上半|前半年|下半年|下半場|下半场|下半|後半年|后半年|"
    rf"{_L}(?P<hn>[12])H(?:'?\d{{2}})?{_R}|{_L}H(?P<hn2>[12]){_R})",
    r"(?P<fy>(?P<fyn>\d{4}|\d{2})\s?(?:財年|财年|財政年度|财政年度|會計年度|会计年度|財務年度|财务年度)|"
    rf"(?:財年|财年|{_L}FY)\s?'?(?P<fyn2>\d{{4}}|\d{{2}}){_R})",
    r"(?P<mon>(?<![個个\d.])(?P<mn>1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])\s?月(?:份)?(?P<monq>\s?季度|\s?季)?)",
    r"(?P<year>(?<![\d.,])(?P<yn>\d{4}|\d{2}|[〇零一二三四五六七八九]{4})\s?年(?P<ysuf>度|代)?)",
    # percent written 百分之X
    r"(?P<pct>百分之(?P<pctn>\d+(?:\.\d+)?|[零〇一二兩两三四五六七八九十百點点]+))",
    # approximate magnitudes
    r"(?P<fuzzy>(?:數|数|幾|几|上)(?P<fzm>[十百千]?[萬万億亿]|[十百千])|(?:數|数)以(?P<fzi>[十百千]?[萬万億亿]|[百千])(?:計|计)|"
    r"(?P<fz2>十幾|十几|幾十|几十)(?P<fz2m>萬|万|億|亿)?|成千上萬|成千上万)",
    # amounts
    rf"(?P<amt>(?P<neg>(?:負|负)\s?|(?<![\w-])-(?=[$\d]))?(?P<cur>US\$|NT\$|HK\$|S\$|\$)?(?P<num>{_NUM})(?![\d])"
    rf"(?:\s?(?P<more>[多餘余])?(?P<mag>[{MAG_CHARS}]+))?)",
    rf"(?P<zhn>[{ZH_NUM_CHARS}](?:[{ZH_NUM_CHARS}]|[點点](?=[{_ZH_DIGIT_CHARS}]))*)",
]
TOKEN = lazy_compile("|".join(_ALTS))
#: TOKEN, trying at a position only the alternatives that can start with its character;
#: the digits share one pattern (their extra alternatives cost no measurable time here,
#: and each pattern saved is a compile saved; the Latin letters already share theirs, and
#: a class of them would only cost the reading of what each of 52 letters can start)
_TOKENS = alternation(_ALTS, shared=(DIGITS_ASCII,))
_YEAR = lazy_compile(r"(?:19[5-9]\d|20\d\d)")
_RANGE_JOIN = lazy_compile(r"^\s?(?:至|到|~|-|－|—|–|和|與|与|及)\s?$")
_BETWEEN_AFTER = lazy_compile(r"^\s?(?:之間|之间|間|间)")

# common words whose characters are numerals but mean no number
_NOT_NUMBER = lazy_compile(
    r"(?:一些|一直|一致|一起|一樣|一样|一般|一定|一切|一旦|一系列|一體|一体|一同|一下|一點|一点|"
    r"一方面|一邊|一边|一再|一向|一律|一流|一如|萬一|万一|千萬|千万|十分|百分百|統一|统一|唯一|之一|"
    r"一些|一路|一度|一時|一时|一番|一貫|一贯|一舉|一举|零件|零售|零組件|零组件|零部件|零星|零散|零和|一成不變|一成不变)"
)


def extract_chinese(text: str, weak: bool = True) -> list[Quantity]:
    """Every quantity, period and identifier in a Chinese text, in text order.

    ``weak=False`` leaves out lone numerals without a unit (一個, 三種): they only ever
    confirm an English number word, so a caller with none skips their cost."""
    norm = normalize_width(text)
    out: list[Quantity] = []
    last = 0
    # TOKEN is tried only where a token can start (much cheaper than at every character)
    by_char = _TOKENS.by_char
    for pos in anchor_starts(norm, _ANCHORS_WITH_WEAK if weak else _ANCHORS):
        if pos < last:
            continue
        if (
            pos > last
            and norm[pos - 1] == "["
            and (lm := _INDEX_LIST.match(norm, pos - 1)) is not None
        ):
            last = lm.end()  # [1,1]: an index or a coordinate, copied as it is
            out.append(
                _q(
                    text,
                    pos - 1,
                    last,
                    float(lm.group(1)),
                    dimension="identifier",
                    token=lm.group(),
                )
            )
            continue
        if norm[pos] == "$" and pos > last:
            pm = _DOLLAR_PREFIX.search(norm, max(last, pos - 3), pos)
            if pm is not None:
                pos = pm.start()  # NT$30 億, HK$5: the currency's letters start the amount
        if (
            pos > last
            and norm[pos - 1] == "-"
            and "0" <= norm[pos] <= "9"
            and (pos < 2 or not (norm[pos - 2].isalnum() or norm[pos - 2] in "-_"))
        ):
            pos -= 1  # a minus sign (-2.5%) starts the amount
        # (the scan dropped 上 not in 上半年, 數 not in 數十億 ..., and, unless weak, a lone
        # 一 with no unit after it: see may_start_token, the plain form of that test)
        c = norm[pos]
        promoted = by_char.get(c)
        m = promoted.match(norm, pos) if promoted is not None else _TOKENS.match_slow(norm, pos)
        if m is None or m.end() == pos:
            continue
        last = m.end()
        q = _read(m, norm, text)
        if q is not None:
            out.append(q)
            if q.end > last:
                last = q.end  # a reader may read past the token (三分之二)
    if "位數" in norm or "位数" in norm:
        counts = _digit_counts(norm, text)  # they replace what the tokens read inside them (兩位)
        kept = [q for q in out if not any(c.start < q.end and q.start < c.end for c in counts)]
        out = sorted(kept + counts, key=lambda q: q.start)
    return _join_ranges(out, norm, text)


_DIGIT_COUNT = lazy_compile(
    r"(?P<mod>中高|中低|低|中|高)?(?P<n>[個个單单雙双兩两二三四])\s?位(?:數|数)"
)
#: where in its span of digits a modifier puts a number: 中個位數 is about 3 to 7
_DIGIT_COUNT_PART = {
    "低": (0.0, 0.35),
    "中低": (0.15, 0.5),
    "中": (0.3, 0.75),
    "中高": (0.5, 1.0),
    "高": (0.65, 1.0),
    "": (0.0, 1.0),
}


def _digit_counts(norm: str, text: str) -> list[Quantity]:
    """個位數, 兩位數, 中個位數, 高雙位數: a number by how many digits it has (like English
    "mid-single digits", "double digits")."""
    out = []
    for m in _DIGIT_COUNT.finditer(norm):
        n = {
            "個": 1,
            "个": 1,
            "單": 1,
            "单": 1,
            "雙": 2,
            "双": 2,
            "兩": 2,
            "两": 2,
            "二": 2,
            "三": 3,
            "四": 4,
        }[m.group("n")]
        first, last = 10.0 ** (n - 1), 10.0**n - 1
        a, b = _DIGIT_COUNT_PART[m.group("mod") or ""]
        lo, hi = round(first + a * (last - first)), round(first + b * (last - first))
        out.append(
            _approx(
                _q(
                    text, m.start(), m.end(), (lo + hi) / 2, lo=float(lo), hi=float(hi), approx=True
                ),
                norm,
            )
        )
    return out


# Where a token can start: a digit (the first of a run: no token match ends inside a run
# of digits, as each alternative that ends on a digit refuses a digit after it, so the
# run's other digits would only be skipped), a character that may begin a Chinese amount
# or period (refined by _NEXT below), or a Latin word with a digit after it within the
# word or after one space and a hyphen (PCIe 6, FY24, Gen-5). The fast version, a
# character scan with a look back from the digits, is next door (chinese_fast).
_DOLLAR_PREFIX = lazy_compile(r"(?<![A-Za-z])(?:NT|US|HK|S)$")
_INDEX_LIST = lazy_compile(r"\[(\d+)(?:\s?[,，、]\s?\d+)+\]")
TOKEN_STARTS = lazy_compile(
    r"(?<![0-9])[0-9]|[$第首上下前後后財财數数幾几成負负" + ZH_NUM_CHARS + r"]"
    r"|[A-Za-z][A-Za-z.-]*(?= ?-?[0-9])"
)


def token_starts(norm: str) -> list[int]:
    """Sorted offsets where a token may start (the plain computation of
    :func:`auditor.numbers.chinese_fast.anchor_starts`)."""
    return [m.start() for m in TOKEN_STARTS.finditer(norm)]


#: characters that start a token only before one of these (上半年, 數十億, 成千上萬, 負 5)
_NEXT: dict[str, str] = {
    **{c: "半" for c in "下前後后"},
    "上": "半十百千萬万億亿",
    **{c: "十百千萬万億亿以" for c in "數数"},
    **{c: "十百千萬万億亿" for c in "幾几"},
    "成": "千",
    "負": "0123456789 ",
    "负": "0123456789 ",
    "財": "年",
    "财": "年",
    "首": "季",
}


_q = quantity_at


def _small(tok: str) -> int:
    if tok.isdigit():
        return int(tok)
    if len(tok) == 1 and tok in DIGITS:
        return DIGITS[tok]  # what parse_zh_number reads a single digit character as
    return int(parse_zh_number(tok) or 0)


def _read(m: re.Match[str], norm: str, text: str) -> Quantity | None:
    kind = m.lastgroup
    if kind == "amt":  # the commonest first
        return _amount(m, norm, text)
    if kind == "zhn":
        return _numeral(m, norm, text)
    s, e = m.span()
    g = m.group
    if kind in ("form", "idp", "idc", "cell", "alnum", "code"):
        digits = _DECIMAL.findall(g(kind))
        return _q(
            text, s, e, float(digits[0]) if digits else None, dimension="identifier", token=g(kind)
        )
    if kind == "q":
        qn, qn2, qn3, qn4 = g("qn", "qn2", "qn3", "qn4")
        n = qn or qn2 or qn3 or qn4 or "1"
        return _q(text, s, e, float(_small(n)), dimension="period", period="quarter")
    if kind == "half":
        t, hn, hn2 = g(kind, "hn", "hn2")
        n = int(hn or hn2) if (hn or hn2) else (1 if t[0] in "上前" else 2)
        return _q(text, s, e, float(n), dimension="period", period="half")
    if kind == "fy":
        n = int(g("fyn") or g("fyn2"))
        return _q(
            text, s, e, float(2000 + n if n < 100 else n), dimension="period", period="fiscal_year"
        )
    if kind == "mon":
        n = _small(g("mn"))
        if not 1 <= n <= 12:
            return None
        return _q(
            text,
            s,
            e,
            float(n),
            dimension="period",
            period="month_quarter" if g("monq") else "month",
        )
    if kind == "year":
        return _year(m, norm, text)
    if kind == "pct":
        v = parse_zh_number(g("pctn"))
        if v is None:
            return None
        return _approx(_q(text, s, e, v, dimension="percent", unit="%"), norm)
    if kind == "fuzzy":
        return _fuzzy(m, norm, text)
    return None


_DECIMAL = lazy_compile(r"\d+(?:\.\d+)?")


def _decade_of(n: int) -> int:
    """The decade a two-digit 80 年代 / '80s means: the 1980s; 20 年代 the 2020s."""
    return 2000 + n if n < 30 else 1900 + n


def _year(m: re.Match[str], norm: str, text: str) -> Quantity | None:
    s, e = m.span()
    raw, suffix = m.group("yn", "ysuf")
    n = int(raw) if raw.isdigit() else int(parse_zh_number(raw) or 0)
    if suffix == "代":  # 1980 年代, 80 年代: a decade
        if n % 10:
            return None
        return _q(
            text, s, e, float(n if n >= 100 else _decade_of(n)), dimension="period", period="decade"
        )
    if suffix == "度":
        if len(raw) == 4 and 1900 <= n <= 2099:
            # 2024 年度: the year of an annual report, calendar or fiscal as the company keeps it
            return _q(text, s, e, float(n), dimension="period", period="annual")
        e -= 1  # 年 followed by 度 in another word: read the year alone
    after = norm[e : e + 6]
    if len(raw) == 4 and 1900 <= n <= 2099:
        return _q(text, s, e, float(n), dimension="period", period="year")
    if (
        len(raw) == 2
        and not _DURATION_AFTER_YEAR.match(after)
        and not _APPROX_BEFORE.search(norm[max(0, s - 4) : s])
    ):
        return _q(text, s, e, 2000.0 + n, dimension="period", period="year2")
    return _q(
        text,
        s,
        e,
        float(n),
        dimension="duration",
        unit="year",
        approx=bool(_APPROX_AFTER.match(after)),
    )


def _fuzzy(m: re.Match[str], norm: str, text: str) -> Quantity:
    s, e = m.span()
    g = m.group
    if g("fzi"):  # 數以萬計: counted in tens of thousands
        base = parse_zh_number(g("fzi")) or 1.0
        lo, hi = base, 99 * base
    elif g("fzm"):
        base = parse_zh_number(g("fzm")) or 1.0
        lo, hi = 2 * base, 9.99 * base
        if g(0)[0] == "上":
            lo, hi = base, 9.99 * base
    elif g("fz2"):
        mult = parse_zh_number(g("fz2m")) if g("fz2m") else 1.0
        lo, hi = (11, 19) if g("fz2").startswith("十") else (20, 99)
        lo, hi = lo * (mult or 1), hi * (mult or 1)
    else:
        lo, hi = 1e3, 1e5
    return _with_unit(norm, text, s, e, (lo + hi) / 2, lo=lo, hi=hi, approx=True)


def _amount(m: re.Match[str], norm: str, text: str) -> Quantity | None:
    s, e = m.span()
    raw, mag, neg, cur, more = m.group("num", "mag", "neg", "cur", "more")
    mag = mag or ""
    num_end = m.end("num")
    if norm[num_end : num_end + 1] in NAME_MARKS and not cur and not neg:
        named = named_by_digits(norm, text, s, num_end)
        if named is not None:
            return named
    # 200 千兆, 100 兆位元, 3 兆赫: the characters are a unit's prefix, not a magnitude
    if mag:
        um = _unit_at(norm, num_end)
        if um and um.group("u") and um.group("u")[0] in "千兆吉太":
            mag = ""
    if mag and mag[0] == "十" and not raw.isdigit():
        mag = ""
    if mag:
        plain = raw.replace(",", "") if "," in raw else raw
        factor = ONE_MAGNITUDE.get(mag)
        if factor is not None and len(plain) <= 15:
            value, magnitude = scaled_by_one_magnitude(plain, factor)
        else:
            parsed = parse_zh_number(plain + mag)
            if parsed is None:
                mag, e = "", num_end
                parsed = float(plain)
            value, magnitude = scaled(plain, parsed)
    else:
        e = num_end
        value = float(raw.replace(",", ""))
        magnitude = 1.0
    if neg and norm[max(0, s - 1) : s] == "正":
        neg = None  # 正負 0.1 °C: plus or minus, a tolerance, not a negative number
    if neg:
        value = -value
    if more and mag:  # 500 餘萬: a little over five million
        return _q(
            text,
            s,
            e,
            value,
            lo=value,
            hi=_more_than(float(plain)) * magnitude,
            magnitude=magnitude,
            approx=True,
        )
    before = _before(norm, s)
    if not neg and before == "下" and _below_zero(norm, s):
        value = -value  # 零下 5 度: five below zero
    if before == "第":
        # 第 6 代, 第 3 名: an ordinal, weak evidence like 第六 (it names, it does not count)
        return _q(text, s, num_end, value, weak=True, ordinal=True)
    if not cur and magnitude == 1.0 and len(raw) == 4 and _YEAR.fullmatch(raw):
        um = _unit_at(norm, e)
        if not um or (um.group("u") or "") not in ZH_UNIT_FORMS:
            return _q(text, s, e, float(raw), dimension="period", period="year")
    if cur:
        unit = {"$": "USD", "US$": "USD", "NT$": "TWD", "HK$": "HKD", "S$": "SGD"}[cur]
        q = _q(
            text,
            s,
            e,
            value,
            dimension="money",
            unit=unit,
            magnitude=magnitude,
            approx=_approx_before(norm, s),
        )
        um = _unit_at(norm, e)
        if um and um.group("u") and ZH_UNIT_FORMS.get(um.group("u")) in ("USD", "YUAN", "TWD"):
            q = evolve(q, end=um.end(), text=text[s : um.end()])
        return _approx(q, norm)
    return _with_unit(norm, text, s, e, value, magnitude=magnitude, approx=_approx_before(norm, s))


def _before(norm: str, s: int) -> str:
    """The character before ``s``, over one space (第 6 代, 零下 5 度)."""
    if s > 0 and norm[s - 1] == " ":
        s -= 1
    return norm[s - 1] if s > 0 else ""


def _below_zero(norm: str, s: int) -> bool:
    """Is the number at ``s`` written after 零下 (below zero)?"""
    return norm[max(0, s - 3) : s].rstrip().endswith("零下")


_FRACTION_TOP = lazy_compile(r"[零〇一二兩两三四五六七八九十]+|\d+")


def _more_than(v: float) -> float:
    """The upper end of "v 多 / v 餘": 20 多 is under 30, 6 多 under 7, 500 餘 under 600."""
    return v * 1.5 if v < 10 else v + 10 ** (len(str(int(abs(v)))) - 1)


def scaled(plain: str, value: float) -> tuple[float, float]:
    """``(value, magnitude)`` of digits ``plain`` that :func:`parse_zh_number` read, with the
    magnitude characters after them, as ``value``: the magnitude is the parser's quotient,
    the value the digits times the rounded magnitude in exact decimal arithmetic (1.594 億
    must not become 159399999.99). The fast version for one magnitude character is
    :func:`auditor.numbers.chinese_fast.scaled_by_one_magnitude`."""
    magnitude = value / float(plain) if float(plain) else 1.0
    return float(Decimal(plain) * Decimal(magnitude).quantize(Decimal(1))), magnitude


def _approx_before(norm: str, s: int) -> bool:
    start = max(0, s - 4)
    end = s  # a cheap test first: does the text before end (less a space) end as one of the words can?
    if end > start and norm[end - 1].isspace():
        end -= 1
    if end <= start or norm[end - 1] not in _APPROX_BEFORE_LAST:
        return False
    return _APPROX_BEFORE.search(norm[start:s]) is not None


def _approx(q: Quantity, norm: str) -> Quantity:
    if q.approx:
        return q
    p = q.end
    c = norm[
        p : p + 1
    ]  # a cheap test first: can the character after (one optional space) start one?
    if c.isspace():
        c = norm[p + 1 : p + 2]
    if not c or c not in _APPROX_AFTER_FIRST:
        return q
    if _APPROX_AFTER.match(norm[q.end : q.end + 4]):
        after = norm[q.end : q.end + 4].strip()
        hi = q.hi
        if hi is not None and (
            after.startswith("多")
            or after.startswith("餘")
            or after.startswith("余")
            or after.startswith("以上")
            or after.startswith("+")
        ):
            hi = _more_than(hi)
        return evolve(q, approx=True, hi=hi)
    return q


_MORE = lazy_compile(r"\s?(?:多|餘|余)")
_YEARS_AFTER = lazy_compile(r"\s?(?:個|个)?年(?!度|代|級|级)")
_CURRENCY_AFTER_YUAN = lazy_compile(r"\s?(人民幣|人民币|新台幣|新臺幣|港幣|港币)")
_CURRENCY_BEFORE = lazy_compile(r"(新台幣|新臺幣|台幣|臺幣|人民幣|人民币|港幣|港币|美金|美元)\s?$")


def _with_unit(norm: str, text: str, s: int, e: int, value: float, **kw: object) -> Quantity:
    """The quantity ``[s, e)`` with the unit or counter that follows it."""
    # the next character after one optional space, read once for the cheap tests below
    c = norm[e : e + 1]
    if c.isspace():
        c = norm[e + 1 : e + 2]
    # the unit may follow "多" or "餘" (20 多天)
    am = _MORE.match(norm[e : e + 2]) if c and c in "多餘余" else None
    um = _unit_at(norm, e)
    if um is None and am:
        um = _unit_at(norm, e + am.end())
        kw["approx"] = True
        if um is not None:  # 20 多天, 60 多位: more than the number, less than the next ten
            kw["hi"] = _more_than(value)
    dimension, unit, end = "number", None, e
    ym = _YEARS_AFTER.match(norm[e : e + 3]) if c and c in "個个年" else None
    if ym is None and am and um is None:  # 30 多年: over thirty years
        ym = _YEARS_AFTER.match(norm, e + am.end(), e + am.end() + 3)
        if ym is not None:
            kw["hi"] = _more_than(value)
    if ym:
        um = None
        dimension, unit, end = "duration", "year", ym.end() if ym.pos > e else e + ym.end()
        if norm.startswith("半", end) and not norm.startswith(
            "半年", end
        ):  # 兩年半: two and a half years
            value, end = value + 0.5, end + 1
    if um is not None:
        kind = um.lastgroup  # gig, u or c: exactly one takes part
        if kind == "u":
            u = um.group("u")
            key = ZH_UNIT_FORMS.get(u) or ZH_LATIN_UNITS.get(u)
            if key == "day" and u == "日" and _is_date(norm, s, um.end()):
                # 3 月 31 日, 11 日電: the day of a date, not a number of days
                return _q(text, s, um.end(), value, dimension="period", period="day")
            if key is not None:
                key = _rate(key, norm, s, um.end())
                dimension, unit, end = UNITS[key].dimension, key, um.end()
        elif kind == "gig":
            dimension, unit, end = "data_rate", "Gb/s", um.end()
        elif kind == "c":
            dimension, unit, end = "count", "counter", um.end()
    if unit == "YUAN":
        before = _CURRENCY_BEFORE.search(norm[max(0, s - 4) : s])
        after = _CURRENCY_AFTER_YUAN.match(norm, end)
        if before:
            unit = ZH_UNIT_FORMS[before.group(1)]
        elif after:  # 30 億元人民幣
            unit, end = ZH_UNIT_FORMS[after.group(1)], after.end()
    q = _q(text, s, end, value, dimension=dimension, unit=unit, **kw)
    return _approx(q, norm)


_MONTH_BEFORE = lazy_compile(r"月\s?$")
_DATELINE_AFTER = lazy_compile(r"[電电訊讯]")


def _is_date(norm: str, s: int, e: int) -> bool:
    """Is the 日 ending at ``e`` the day of a date: after a month (5 月 20 日), or in a
    news dateline (11 日電)?"""
    return bool(_MONTH_BEFORE.search(norm, max(0, s - 2), s) or _DATELINE_AFTER.match(norm, e))


def _rate(key: str, norm: str, s: int, e: int) -> str:
    """每秒 200 Gb / 200 Gb/秒 make a size unit a rate."""
    u = UNITS[key]
    if u.dimension not in ("data_size", "data"):
        return key  # only a size becomes a rate: no need to look for 每秒
    if _PER_SECOND_BEFORE.search(norm[max(0, s - 4) : s]) or _PER_SECOND_AFTER.match(
        norm[e : e + 4]
    ):
        rk = f"{u.prefix}{'B' if u.bits is False else 'b'}/s"
        return rk if rk in UNITS else key
    return key


def _numeral(m: re.Match[str], norm: str, text: str) -> Quantity | None:
    """A run of Chinese numeral characters: strong with a unit, weak with a counter or alone."""
    s, e = m.span()
    tok = m.group("zhn")
    nxt = norm[e : e + 1]
    if nxt == "分" and norm.startswith("分之", e):
        fm = _FRACTION_TOP.match(norm, e + 2)
        top = parse_zh_number(fm.group()) if fm else None
        bottom = parse_zh_number(tok)
        if top is not None and bottom:  # 三分之二: two thirds (weak, as "two-thirds" is)
            return _q(text, s, fm.end(), top / bottom, weak=True)  # type: ignore[union-attr]
    if tok == "零" and nxt == "下":
        return None  # 零下: "below zero", the sign of the number that follows
    if nxt == "成" and not _TENTHS_WORD.match(norm, e + 1):
        tenths = _tenths(tok)
        if tenths is not None:  # 七成, 兩成, 七八成: tenths, a percentage
            lo, hi = tenths
            q = _q(
                text,
                s,
                e + 1,
                (lo + hi) / 2,
                lo=lo,
                hi=hi,
                dimension="percent",
                unit="%",
                approx=lo < hi or _approx_before(norm, s),
            )
            return _approx(q, norm)
    if nxt in _DIMENSION_WORDS and len(tok) == 1 and tok in _SINGLE:
        # 三維空間 is 3-D space: a kind of space, not an amount
        return _q(
            text, s, e + 1, float(DIGITS[tok]), dimension="identifier", token=f"{DIGITS[tok]}D"
        )
    if len(tok) == 1 and tok in _SINGLE and (e >= len(norm) or norm[e] not in _UNIT_FIRST):
        # 一個, 三種, 兩代: a lone digit with a counter or nothing after it is weak evidence
        if _NOT_NUMBER.match(norm, s) or (s > 0 and norm[s - 1] in "之統统唯萬万"):
            return None
        v = float(DIGITS[tok])
        if s > 0 and norm[s - 1] == "第":  # 第五座: the fifth, not five of them
            return make_quantity(text[s:e], s, e, v, v, v, weak=True, ordinal=True)
        if e < len(norm) and norm[e] in ZH_COUNTERS:
            return make_quantity(
                text[s : e + 1], s, e + 1, v, v, v, dimension="count", unit="counter", weak=True
            )
        return make_quantity(text[s:e], s, e, v, v, v, weak=True)
    if _NOT_NUMBER.match(norm[s : s + 4]) or (s > 0 and norm[s - 1] in "之統统唯萬万第"):
        if not (s > 0 and norm[s - 1] == "第"):
            return None
    if nxt == "年" and norm.startswith("年代", e):  # 八十年代: the eighties
        years = parse_zh_number(tok)
        if years is None or years % 10 or not 10 <= years < 100:
            return None
        return _q(
            text, s, e + 2, float(_decade_of(int(years))), dimension="period", period="decade"
        )
    pair = _neighbours(tok)
    if pair is not None:  # 六七千, 兩三百, 三四十: six or seven thousand
        lo, hi = pair
        return _with_unit(norm, text, s, e, (lo + hi) / 2, lo=lo, hi=hi, approx=True, weak=True)
    if (
        len(tok) == 2
        and tok[0] in _CODE_DIGITS
        and tok[1] in _CODE_DIGITS
        and nxt not in _UNIT_FIRST
    ):
        # 九二共識: a year written digit by digit ('92)
        n = DIGITS[tok[0]] * 10 + DIGITS[tok[1]]
        return _q(
            text, s, e, float(1900 + n if n >= 30 else 2000 + n), dimension="period", period="year2"
        )
    value = parse_zh_number(tok)
    if value is None:
        return None
    if _before(norm, s) == "下" and _below_zero(norm, s):
        value = -value  # 零下十度
    q = _with_unit(
        norm, text, s, e, value, magnitude=_magnitude_of(tok), approx=_approx_before(norm, s)
    )
    if not tok.strip(MAG_CHARS) and q.unit is None and tok[0] != "十":
        # magnitude characters alone (千萬 = "by all means", 億萬): a number only before a
        # unit or a counter (百人, 萬億美元, 百萬年) or after 十 (十億, 十萬)
        return None
    strong = (q.unit is not None and q.unit != "counter") or (
        not _BIG_CHARS.isdisjoint(tok) and not _DIGIT_CHARS.isdisjoint(tok)
    )
    if s > 0 and norm[s - 1] == "第":
        q = evolve(q, weak=True, ordinal=True)  # 第二年 is "the following year", an ordinal
    elif not strong:
        q = evolve(q, weak=True)
    return q


_SINGLE = frozenset("一二兩两三四五六七八九")
#: 成 after a numeral starts these words (完成, 成長, 成為...), where it is no tenth
_TENTHS_WORD = lazy_compile(r"[長长為为功立本員员熟果績绩品交就型年人批不]")


def _tenths(tok: str) -> tuple[float, float] | None:
    """The percentage of 七成 (70, 70), 七八成 (70, 80): tenths written with 成."""
    if len(tok) == 1 and tok in DIGITS and DIGITS[tok] > 0:
        return float(DIGITS[tok] * 10), float(DIGITS[tok] * 10)
    pair = _neighbours(tok)
    if pair is not None and pair[1] < 10:
        return pair[0] * 10, pair[1] * 10
    return None


_DIMENSION_WORDS = frozenset("維维")
#: digits of a number written digit by digit (九二 for '92), 〇 included, 兩 not
_CODE_DIGITS = frozenset("〇零一二三四五六七八九")
_NEIGHBOURS = lazy_compile(r"([一二兩两三四五六七八])([二兩两三四五六七八九])([十百千萬万億亿]*)")


def _neighbours(tok: str) -> tuple[float, float] | None:
    """``(lo, hi)`` of two neighbouring digits before a magnitude: 六七千 → (6000, 7000)."""
    if len(tok) < 2 or tok[0] not in _SINGLE or tok[1] not in _SINGLE:
        return None  # the cheap test first: most numerals are no pair of digits
    m = _NEIGHBOURS.fullmatch(tok)
    if m is None:
        return None
    a, b = DIGITS[m.group(1)], DIGITS[m.group(2)]
    if b != a + 1:
        return None
    mag = parse_zh_number(m.group(3)) if m.group(3) else 1.0
    if mag is None:
        return None
    return float(a * mag), float(b * mag)


_BIG_CHARS = frozenset(BIG_UNITS)
_DIGIT_CHARS = frozenset(DIGITS)
#: characters that can start a unit, a magnitude or an approximation after a numeral
_UNIT_FIRST = frozenset(
    "".join(u[0] for u in _UNIT_FORMS) + "年多餘余-gG 個个十百千萬万億亿兆點点維维成" + ZH_NUM_CHARS
)


def may_start_token(norm: str, pos: int, weak: bool) -> bool:
    """Whether the anchor character at ``norm[pos]`` can start a token, by what follows it:
    a character of :data:`_NEXT` only before its followers (上半年, 數十億), and, unless
    ``weak``, a lone numeral only before a unit (一個, not 一些). The reader's scan drops
    the others in C (:data:`_ANCHORS`); this is the plain form of that test."""
    c = norm[pos]
    nxt = norm[pos + 1 : pos + 2]
    need = _NEXT.get(c)
    if need is not None:
        return bool(nxt) and nxt in need
    if not weak and c in _SINGLE:
        return bool(nxt) and nxt in _UNIT_FIRST
    return True


#: The anchor scans of :func:`extract_chinese`: with lone numerals (``weak``), and without.
_ANCHORS_WITH_WEAK = anchor_pattern(_NEXT)
_ANCHORS = anchor_pattern({**_NEXT, **{c: _UNIT_FIRST for c in _SINGLE}})


def _magnitude_of(tok: str) -> float:
    mag = 1.0
    for c in reversed(tok):
        if c in BIG_UNITS or c in SMALL_UNITS:
            mag *= BIG_UNITS.get(c) or SMALL_UNITS.get(c, 1)
        else:
            break
    return mag


def _vague(q: Quantity) -> bool:
    """A vague amount spanning more than a factor of two (上百萬, 幾千) ends no range: 50 萬至上百萬 is two amounts, each
    compared on its own."""
    return not q.is_range and q.lo is not None and q.hi is not None and q.lo > 0 and q.hi > 2 * q.lo


def _join_ranges(qs: list[Quantity], norm: str, text: str) -> list[Quantity]:
    """``1.7 億美元至 1.75 億美元``, ``7% 至 10%``, ``十五到二十個百分點``, ``1.7 至 1.75 億美元``."""
    if len(qs) < 2:
        return qs
    out: list[Quantity] = []
    i = 0
    while i < len(qs):
        a = qs[i]
        if i + 1 < len(qs):
            b = qs[i + 1]
            gap = norm[a.end : b.start]
            ok = (
                _RANGE_JOIN.match(gap)
                and a.dimension not in ("identifier", "period")
                and b.dimension not in ("identifier", "period")
                and (
                    gap.strip() not in ("和", "與", "与", "及")
                    or _BETWEEN_AFTER.match(norm[b.end : b.end + 3])
                )
                and (a.unit == b.unit or a.unit is None)
                and not (a.weak and not b.weak and a.unit is None and b.unit is None)
                and not _vague(a)
                and not _vague(b)
            )
            if ok:
                if a.unit is None and b.unit is not None:
                    a = evolve(a, dimension=b.dimension, unit=b.unit, weak=False)
                if (
                    a.magnitude == 1.0
                    and b.magnitude > 1.0
                    and a.value is not None
                    and b.value is not None
                    and a.value * b.magnitude <= b.value * 1.0001
                ):
                    v = float(Decimal(str(a.value)) * Decimal(b.magnitude))
                    a = evolve(a, value=v, lo=v, hi=v, magnitude=b.magnitude)
                if a.lo is not None and b.hi is not None and a.lo <= b.hi:
                    out.append(
                        make_quantity(
                            text[a.start : b.end],
                            a.start,
                            b.end,
                            None,
                            a.lo,
                            b.hi,
                            dimension=b.dimension,
                            unit=b.unit,
                            approx=a.approx or b.approx,
                            magnitude=b.magnitude,
                            weak=a.weak and b.weak,
                            is_range=True,
                        )
                    )
                    i += 2
                    continue
        out.append(a)
        i += 1
    return out
