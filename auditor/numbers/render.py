"""How a quantity should read in a zh-TW translation: ``1.594 億美元``, ``200 Gb/s``, ``第一季``.

Used for the ``expected`` field of findings, so a reviewer sees the fix, not only the fault.
"""

from __future__ import annotations

from auditor.numbers.quantity import Quantity
from auditor.units import UNITS

_ZH_ORD = {1: "一", 2: "二", 3: "三", 4: "四"}


def _num(v: float) -> str:
    """A plain number: no trailing zeros, thousands grouped (6,560)."""
    if v == int(v):
        return f"{int(v):,}"
    return f"{v:,.6f}".rstrip("0").rstrip(".")


def zh_amount(v: float) -> str:
    """A value with 萬/億 as a Chinese financial text writes it: 1.594 億, 6,560 萬."""
    a = abs(v)
    if a >= 1e12 and round(a / 1e12, 4) * 1e12 == round(a, -8):
        return f"{_num(round(v / 1e12, 4))} 兆"
    if a >= 1e8:
        return f"{_num(round(v / 1e8, 6))} 億"
    if a >= 1e4 and a == int(a):
        return f"{_num(round(v / 1e4, 4))} 萬"
    return _num(v)


def render_value(q: Quantity, v: float) -> str:
    u = UNITS.get(q.unit) if q.unit else None
    if q.dimension == "period":
        p = q.period
        if p == "quarter":
            return f"第{_ZH_ORD.get(int(v), int(v))}季"
        if p == "half":
            return "上半年" if int(v) == 1 else "下半年"
        if p == "month":
            return f"{int(v)} 月"
        if p == "month_quarter":
            return f"{int(v)} 月季度"
        if p == "fiscal_year":
            return f"{int(v)} 財年"
        return f"{int(v)} 年"
    if q.dimension == "identifier":
        return q.token or _num(v)
    if u is None:
        return zh_amount(v)
    if u.dimension == "money":
        return f"{zh_amount(v)}{u.zh}" if v >= 1e4 else f"{_num(v)} {u.zh}"
    if u.dimension in ("count",) and u.key == "share":
        return f"{zh_amount(v)}股"
    if u.dimension == "count":
        return zh_amount(v)
    if u.key in ("%",):
        return f"{_num(v)}%"
    if u.dimension in ("percent_point", "basis_point", "multiplier"):
        return f"{_num(v)} {u.zh.strip()}"
    if u.dimension == "data":
        return f"{_num(v)}{u.key}"
    return f"{_num(v)}{u.zh}" if u.zh.startswith(" ") else f"{_num(v)} {u.zh}"


def render_zh(q: Quantity) -> str:
    """The quantity ``q`` (usually English) as the Chinese translation should write it."""
    if q.is_range and q.lo is not None and q.hi is not None:
        return f"{render_value(q, q.lo)}至{render_value(q, q.hi)}"
    v = q.value if q.value is not None else q.lo
    if v is None:
        return q.text
    text = render_value(q, v)
    return f"約 {text}" if q.approx and not q.is_range else text
