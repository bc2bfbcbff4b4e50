"""Chinese numerals: 一千二百三十四, 兩萬, 1.594億, 3千萬, 1,594万, 二〇二五, 三點五.

Written here rather than taken from a library: cn2an, for one, fails on ``1,594万``,
``1.594 亿`` and 兆. Digits (already half-width) may mix with numeral characters and with
the magnitudes 十百千萬億兆; ``兆`` is 10^12 (the Taiwan and financial reading).
"""

from __future__ import annotations

import re

DIGITS: dict[str, int] = {
    "零": 0,
    "〇": 0,
    "○": 0,
    "洞": 0,
    "一": 1,
    "壹": 1,
    "幺": 1,
    "二": 2,
    "貳": 2,
    "贰": 2,
    "兩": 2,
    "两": 2,
    "三": 3,
    "參": 3,
    "叁": 3,
    "四": 4,
    "肆": 4,
    "五": 5,
    "伍": 5,
    "六": 6,
    "陸": 6,
    "陆": 6,
    "七": 7,
    "柒": 7,
    "八": 8,
    "捌": 8,
    "九": 9,
    "玖": 9,
}
SMALL_UNITS: dict[str, int] = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
BIG_UNITS: dict[str, float] = {"萬": 1e4, "万": 1e4, "億": 1e8, "亿": 1e8, "兆": 1e12}
MAGNITUDES: dict[str, float] = {**SMALL_UNITS, **BIG_UNITS}

NUMERAL_CHARS = "".join(DIGITS) + "".join(SMALL_UNITS) + "".join(BIG_UNITS) + "點点"
_ARABIC = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?")


def parse_zh_number(text: str) -> float | None:
    """The value of a Chinese (or mixed digit/Chinese) numeral, or ``None`` if it is not one.

    >>> parse_zh_number("1.594億"), parse_zh_number("三千萬"), parse_zh_number("二〇二五")
    (159400000.0, 30000000.0, 2025.0)
    """
    s = text.replace(" ", "")
    if not s:
        return None
    # a run of bare digit characters: positional (二〇二五 = 2025, 一二 = 12)
    if len(s) > 1 and all(c in DIGITS for c in s):
        return float("".join(str(DIGITS[c]) for c in s))
    total = 0.0  # everything at or above the last big unit
    section = 0.0  # below 萬
    num: float | None = None
    i = 0
    n = len(s)
    while i < n:
        c = s[i]
        if c.isdigit():
            m = _ARABIC.match(s, i)
            if m is None:
                return None
            num = float(m.group().replace(",", ""))
            i = m.end()
            continue
        if c in DIGITS:
            num = float(DIGITS[c])
        elif c in "點点":
            # decimal point: the rest are digits read one by one
            frac = s[i + 1 :]
            if not frac or not all(ch in DIGITS or ch.isdigit() for ch in frac):
                # a magnitude may follow the decimals (三點五億)
                j = i + 1
                while j < n and (s[j] in DIGITS or s[j].isdigit()):
                    j += 1
                if j == i + 1:
                    return None
                frac, rest = s[i + 1 : j], s[j:]
                if not all(ch in BIG_UNITS or ch in SMALL_UNITS for ch in rest):
                    return None
            else:
                rest = ""
            digits = "".join(str(DIGITS[ch]) if ch in DIGITS else ch for ch in frac)
            num = (num or 0.0) + float("0." + digits)
            for ch in rest:
                section, total, num = _apply_unit(ch, section, total, num)
            return total + section + (num or 0.0)
        elif c in SMALL_UNITS or c in BIG_UNITS:
            section, total, num = _apply_unit(c, section, total, num)
        else:
            return None
        i += 1
    return total + section + (num or 0.0)


def _apply_unit(
    c: str, section: float, total: float, num: float | None
) -> tuple[float, float, None]:
    if c in SMALL_UNITS:
        return section + (num if num is not None else 1.0) * SMALL_UNITS[c], total, None
    big = BIG_UNITS[c]
    part = section + (num or 0.0)
    if part == 0 and total == 0:
        part = 1.0  # 萬 alone
    if total and total < big:
        # 兩萬億: the big unit scales everything before it
        return 0.0, (total + part) * big, None
    if total == 0:
        return 0.0, part * big, None
    return 0.0, total + part * big, None
