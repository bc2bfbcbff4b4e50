"""The unit model: what a unit measures, at what scale, and how each language writes it.

Number checks compare quantities, not digit strings, so every unit the extractors meet
maps to one :class:`Unit`: a *dimension* (money, data rate, length, ...), an SI *prefix*
(``G`` in ``Gb/s``), for data whether it counts *bits* or *bytes*, and the surface forms
that English and Chinese use. Two quantities are comparable only within a dimension;
within it, ``value × prefix`` is the base value (bits per second, metres, US dollars).
"""

from __future__ import annotations

from dataclasses import dataclass

#: Dimensions. ``number`` is a bare number (no unit); ``count`` a number with a counter
#: or a counted noun (``1,024 accelerators`` / ``1,024 個``), which are interchangeable.
DIMENSIONS: tuple[str, ...] = (
    "number",
    "count",
    "money",
    "percent",
    "percent_point",
    "basis_point",
    "multiplier",
    "data_rate",
    "data_size",
    "data",  # data with no rate/size marker: ``100G``, ``200 千兆``
    "transfer_rate",
    "length",
    "area",
    "power",
    "frequency",
    "time",  # short physical times: ns, ms
    "duration",  # days, months, years as a length of time
    "age",
    "period",  # Q1, first half, September, fiscal year 2025, 2025
    "identifier",
)

PREFIXES: dict[str, float] = {
    "": 1.0,
    "p": 1e-12,
    "n": 1e-9,
    "u": 1e-6,
    "m": 1e-3,
    "c": 1e-2,
    "k": 1e3,
    "M": 1e6,
    "G": 1e9,
    "T": 1e12,
    "P": 1e15,
}

#: Dimensions whose change is a specification change (critical severity).
SPEC_DIMENSIONS = frozenset(
    {
        "data_rate",
        "data_size",
        "data",
        "transfer_rate",
        "length",
        "area",
        "power",
        "frequency",
        "time",
    }
)


@dataclass(frozen=True)
class Unit:
    """One unit: its dimension, SI prefix, bits/bytes, currency and how to write it."""

    key: str
    dimension: str
    prefix: str = ""
    bits: bool | None = None  # data only: True bits, False bytes, None unknown
    currency: str | None = None
    #: for durations: the length in days (so ``1 year`` and ``12 個月`` compare)
    days: float | None = None
    #: how a Chinese (zh-TW) translation should write it after the number
    zh: str = ""
    #: True for units that Chinese writes before the number (US$, NT$)
    zh_before: bool = False
    #: the unit in base units when it is not an SI prefix of one (an inch is 0.0254 m);
    #: such units are named sizes, compared with metric ones at a few percent
    #: (a 12-inch wafer is a 300 mm wafer)
    nominal: float | None = None

    @property
    def factor(self) -> float:
        return self.nominal if self.nominal is not None else PREFIXES[self.prefix]


def _u(key: str, dimension: str, **kw: object) -> Unit:
    return Unit(key, dimension, **kw)  # type: ignore[arg-type]


_UNITS: tuple[Unit, ...] = (
    # money
    _u("USD", "money", currency="USD", zh="美元"),
    _u("USc", "money", currency="USD", zh="美分"),
    _u("CNY", "money", currency="CNY", zh="人民幣"),
    _u("TWD", "money", currency="TWD", zh="新台幣"),
    _u("EUR", "money", currency="EUR", zh="歐元"),
    _u("JPY", "money", currency="JPY", zh="日圓"),
    _u("GBP", "money", currency="GBP", zh="英鎊"),
    _u("HKD", "money", currency="HKD", zh="港元"),
    _u("SGD", "money", currency="SGD", zh="新元"),
    _u("KRW", "money", currency="KRW", zh="韓元"),
    # bare 元: a currency, but which one the reader cannot tell
    _u("YUAN", "money", currency="?", zh="元"),
    # ratios
    _u("%", "percent", zh="%"),
    _u("pp", "percent_point", zh="個百分點"),
    _u("bp", "basis_point", zh="個基點"),
    _u("x", "multiplier", zh="倍"),
    # data rates (bits per second unless said otherwise)
    *(
        _u(f"{p}b/s", "data_rate", prefix=p, bits=True, zh=f" {p}b/s")
        for p in ("", "k", "M", "G", "T", "P")
    ),
    *(
        _u(f"{p}B/s", "data_rate", prefix=p, bits=False, zh=f" {p}B/s")
        for p in ("k", "M", "G", "T", "P")
    ),
    *(_u(f"{p}T/s", "transfer_rate", prefix=p, zh=f" {p}T/s") for p in ("M", "G")),
    # data sizes
    *(
        _u(f"{p}b", "data_size", prefix=p, bits=True, zh=f" {p}b")
        for p in ("k", "M", "G", "T", "P")
    ),
    *(
        _u(f"{p}B", "data_size", prefix=p, bits=False, zh=f" {p}B")
        for p in ("", "k", "M", "G", "T", "P")
    ),
    # data with the kind unsaid: 100G, 200 千兆
    *(_u(f"{p}", "data", prefix=p, zh=f"{p}") for p in ("M", "G", "T")),
    # "bps": basis points or bits per second, depending on the writer
    _u("bps", "basis_point", zh=" bps"),
    # physical
    *(_u(f"{p}Hz", "frequency", prefix=p, zh=f" {p}Hz") for p in ("", "k", "M", "G")),
    *(
        _u(f"{p}m", "length", prefix=p, zh=z)
        for p, z in (
            ("n", " 奈米"),
            ("u", " 微米"),
            ("m", " 毫米"),
            ("c", " 公分"),
            ("", " 公尺"),
            ("k", " 公里"),
        )
    ),
    _u("in", "length", nominal=0.0254, zh=" 吋"),
    # areas: a die in mm², a fab in square metres (no SI prefix on a squared unit)
    _u("mm2", "area", nominal=1e-6, zh=" 平方毫米"),
    _u("cm2", "area", nominal=1e-4, zh=" 平方公分"),
    _u("m2", "area", nominal=1.0, zh=" 平方公尺"),
    _u("km2", "area", nominal=1e6, zh=" 平方公里"),
    _u("ft2", "area", nominal=0.09290304, zh=" 平方英尺"),
    *(_u(f"{p}W", "power", prefix=p, zh=f" {p}W") for p in ("m", "", "k", "M", "G")),
    *(
        _u(f"{p}s", "time", prefix=p, zh=z)
        for p, z in (("p", " 皮秒"), ("n", " 奈秒"), ("u", " 微秒"), ("m", " 毫秒"), ("", " 秒"))
    ),
    # durations
    _u("hour", "duration", days=1 / 24, zh=" 小時"),
    _u("day", "duration", days=1, zh=" 天"),
    _u("week", "duration", days=7, zh=" 週"),
    _u("month", "duration", days=30.4, zh=" 個月"),
    _u("quarter", "duration", days=91.3, zh=" 個季度"),
    _u("year", "duration", days=365.25, zh=" 年"),
    _u("age", "age", zh=" 歲"),
    # counted things
    _u("share", "count", zh="股"),
    _u("counter", "count", zh="個"),
)

UNITS: dict[str, Unit] = {u.key: u for u in _UNITS}


# --- surface forms -------------------------------------------------------------------------
# English: lower-cased form (or exact form where case matters) -> unit key. Longest first in
# the extractor's regex so "gigabits per second" wins over "gigabits".

_EN_PREFIX_WORDS = {"kilo": "k", "mega": "M", "giga": "G", "tera": "T", "peta": "P"}

EN_UNIT_FORMS: dict[str, str] = {
    # percent and friends
    "%": "%",
    "percent": "%",
    "per cent": "%",
    "percentage points": "pp",
    "percentage point": "pp",
    "points": "pp",
    "basis points": "bp",
    "basis point": "bp",
    "bps": "bps",
    "bp": "bp",
    # multipliers
    "x": "x",
    "-fold": "x",
    "fold": "x",
    # money words after the number
    "dollars": "USD",
    "us dollars": "USD",
    "u.s. dollars": "USD",
    "dollar": "USD",
    "usd": "USD",
    "cents": "USc",
    "penny": "USc",
    "pennies": "USc",
    "cent": "USc",
    "euros": "EUR",
    "euro": "EUR",
    "yuan": "CNY",
    "rmb": "CNY",
    "renminbi": "CNY",
    "yen": "JPY",
    "hong kong dollars": "HKD",
    "singapore dollars": "SGD",
    # durations
    "hours": "hour",
    "hour": "hour",
    "days": "day",
    "day": "day",
    "weeks": "week",
    "week": "week",
    "months": "month",
    "month": "month",
    "quarters": "quarter",
    "years": "year",
    "year": "year",
    "years old": "age",
    "year-old": "age",
    "years-old": "age",
    # counts
    "shares": "share",
    "share": "share",
    # physical
    "nm": "nm",
    "nanometer": "nm",
    "nanometers": "nm",
    "nanometre": "nm",
    "nanometres": "nm",
    "um": "um",
    "µm": "um",
    "micron": "um",
    "microns": "um",
    "mm": "mm",
    "inch": "in",
    "inches": "in",
    "mm²": "mm2",
    "mm2": "mm2",
    "square millimeters": "mm2",
    "square millimeter": "mm2",
    "square millimetres": "mm2",
    "square millimetre": "mm2",
    "sq mm": "mm2",
    "cm²": "cm2",
    "square centimeters": "cm2",
    "square centimeter": "cm2",
    "square centimetres": "cm2",
    "square centimetre": "cm2",
    "m²": "m2",
    "square meters": "m2",
    "square meter": "m2",
    "square metres": "m2",
    "square metre": "m2",
    "km²": "km2",
    "square kilometers": "km2",
    "square kilometer": "km2",
    "square kilometres": "km2",
    "square kilometre": "km2",
    "square feet": "ft2",
    "square foot": "ft2",
    "sq ft": "ft2",
    "millimeter": "mm",
    "millimeters": "mm",
    "cm": "cm",
    "meter": "m",
    "meters": "m",
    "metre": "m",
    "metres": "m",
    "m": "m",
    "km": "km",
    "kilometers": "km",
    "watts": "W",
    "watt": "W",
    "w": "W",
    "kw": "kW",
    "kilowatts": "kW",
    "kilowatt": "kW",
    "megawatts": "MW",
    "megawatt": "MW",
    "mw": "mW",
    "milliwatts": "mW",
    "gw": "GW",
    "hz": "Hz",
    "khz": "kHz",
    "mhz": "MHz",
    "ghz": "GHz",
    "gigahertz": "GHz",
    "megahertz": "MHz",
    "ns": "ns",
    "nanoseconds": "ns",
    "nanosecond": "ns",
    "ps": "ps",
    "picoseconds": "ps",
    "ms": "ms",
    "milliseconds": "ms",
    "millisecond": "ms",
    "us": "us",
    "µs": "us",
    "microseconds": "us",
    "seconds": "s",
    "second": "s",
    # transfers
    "gt/s": "GT/s",
    "mt/s": "MT/s",
    "gigatransfers per second": "GT/s",
    "megatransfers per second": "MT/s",
}

# Data units are case-sensitive (Gb is bits, GB bytes): generated, not listed.
for _word, _p in _EN_PREFIX_WORDS.items():
    EN_UNIT_FORMS[f"{_word}bits per second"] = f"{_p}b/s"
    EN_UNIT_FORMS[f"{_word}bit per second"] = f"{_p}b/s"
    EN_UNIT_FORMS[f"{_word}bytes per second"] = f"{_p}B/s"
    EN_UNIT_FORMS[f"{_word}bits"] = f"{_p}b"
    EN_UNIT_FORMS[f"{_word}bit"] = f"{_p}b"
    EN_UNIT_FORMS[f"{_word}bytes"] = f"{_p}B"
    EN_UNIT_FORMS[f"{_word}byte"] = f"{_p}B"

#: Case-sensitive data units (English and Chinese texts use the same Latin symbols).
DATA_SYMBOLS: dict[str, str] = {}
for _p in ("k", "K", "M", "G", "T"):
    _k = "k" if _p == "K" else _p
    DATA_SYMBOLS[f"{_p}b/s"] = f"{_k}b/s"
    DATA_SYMBOLS[f"{_p}bps"] = f"{_k}b/s"
    DATA_SYMBOLS[f"{_p}bit/s"] = f"{_k}b/s"
    DATA_SYMBOLS[f"{_p}bits/s"] = f"{_k}b/s"
    DATA_SYMBOLS[f"{_p}B/s"] = f"{_k}B/s"
    DATA_SYMBOLS[f"{_p}Bps"] = f"{_k}B/s"
    DATA_SYMBOLS[f"{_p}b"] = f"{_k}b"
    DATA_SYMBOLS[f"{_p}bit"] = f"{_k}b"
    DATA_SYMBOLS[f"{_p}bits"] = f"{_k}b"
    DATA_SYMBOLS[f"{_p}B"] = f"{_k}B"
DATA_SYMBOLS.update({"GT/s": "GT/s", "MT/s": "MT/s", "PB": "PB", "G": "G", "T": "T", "M": "M"})
for _p in ("K", "k"):
    DATA_SYMBOLS.pop(f"{_p}bit", None)

#: English words for "gig": a data rate by default (Ethernet lanes and ports), a size only
#: when memory or storage is named right after it.
EN_GIG = {"gig": "G", "gigs": "G", "gigabit": "G", "terabit": "T", "tera": "T", "meg": "M"}

# Chinese: form -> unit key, for forms written after the number.
ZH_UNIT_FORMS: dict[str, str] = {
    "美元": "USD",
    "美金": "USD",
    "美分": "USc",
    "人民幣": "CNY",
    "人民币": "CNY",
    "新台幣": "TWD",
    "新臺幣": "TWD",
    "台幣": "TWD",
    "臺幣": "TWD",
    "歐元": "EUR",
    "欧元": "EUR",
    "日圓": "JPY",
    "日元": "JPY",
    "日幣": "JPY",
    "港元": "HKD",
    "港幣": "HKD",
    "港币": "HKD",
    "新元": "SGD",
    "新加坡元": "SGD",
    "新幣": "SGD",
    "新币": "SGD",
    "英鎊": "GBP",
    "英镑": "GBP",
    "韓元": "KRW",
    "元": "YUAN",
    "%": "%",
    "個百分點": "pp",
    "个百分点": "pp",
    "百分點": "pp",
    "百分点": "pp",
    "個基點": "bp",
    "个基点": "bp",
    "基點": "bp",
    "基点": "bp",
    "bps": "bps",
    "倍": "x",
    "x": "x",
    "X": "x",
    # data, Chinese words
    "千兆位元/秒": "Gb/s",
    "千兆比特/秒": "Gb/s",
    "千兆位/秒": "Gb/s",
    "吉比特/秒": "Gb/s",
    "太比特/秒": "Tb/s",
    "兆位元/秒": "Mb/s",
    "兆比特/秒": "Mb/s",
    "千兆位元組": "GB",
    "千兆字節": "GB",
    "千兆字节": "GB",
    "千兆位元": "Gb",
    "千兆比特": "Gb",
    "千兆位": "Gb",
    "吉比特": "Gb",
    "吉位元": "Gb",
    "吉字節": "GB",
    "吉字节": "GB",
    "吉位元組": "GB",
    "兆位元組": "MB",
    "兆字節": "MB",
    "兆字节": "MB",
    "兆位元": "Mb",
    "兆比特": "Mb",
    "太比特": "Tb",
    "太位元": "Tb",
    "太字節": "TB",
    "太字节": "TB",
    "太位元組": "TB",
    "千兆": "G",
    "吉": "G",
    # physical
    "奈米": "nm",
    "納米": "nm",
    "纳米": "nm",
    "微米": "um",
    "毫米": "mm",
    "吋": "in",
    "英吋": "in",
    "英寸": "in",
    "公釐": "mm",
    "釐米": "cm",
    "厘米": "cm",
    "公分": "cm",
    "公尺": "m",
    "米": "m",
    "公里": "km",
    "瓦特": "W",
    "瓦": "W",
    "千瓦": "kW",
    "毫瓦": "mW",
    "兆瓦": "MW",
    "平方毫米": "mm2",
    "平方公分": "cm2",
    "平方厘米": "cm2",
    "平方公尺": "m2",
    "平方米": "m2",
    "平方公里": "km2",
    "平方千米": "km2",
    "平方英尺": "ft2",
    "平方呎": "ft2",
    "赫茲": "Hz",
    "赫兹": "Hz",
    "千兆赫": "GHz",
    "吉赫": "GHz",
    "兆赫": "MHz",
    "千赫": "kHz",
    "皮秒": "ps",
    "奈秒": "ns",
    "納秒": "ns",
    "纳秒": "ns",
    "微秒": "us",
    "毫秒": "ms",
    "秒": "s",
    # durations
    "小時": "hour",
    "小时": "hour",
    "天": "day",
    "日": "day",
    "週": "week",
    "周": "week",
    "星期": "week",
    "個月": "month",
    "个月": "month",
    "個季度": "quarter",
    "个季度": "quarter",
    "歲": "age",
    "岁": "age",
    # counts
    "股": "share",
}

#: Chinese counters (measure words): a number with one of these is a count of things.
ZH_COUNTERS = (
    "個个家台臺套顆颗片名位人項项種种款件條条次組组批座層层張张支款枚輛辆艘架門门間间所筆笔"
)

#: Latin symbols that may follow a number in Chinese text (case-sensitive data units first).
ZH_LATIN_UNITS: dict[str, str] = {
    **DATA_SYMBOLS,
    "GHz": "GHz",
    "MHz": "MHz",
    "kHz": "kHz",
    "Hz": "Hz",
    "nm": "nm",
    "mm": "mm",
    "inch": "in",
    "inches": "in",
    "W": "W",
    "kW": "kW",
    "MW": "MW",
    "GW": "GW",
    "mW": "mW",
    "mm²": "mm2",
    "mm2": "mm2",
    "m²": "m2",
    "ns": "ns",
    "ms": "ms",
    "ps": "ps",
}


def describe(u: Unit) -> str:
    """A short human name for messages: ``gigabits per second``, ``gigabytes``."""
    if u.dimension in ("data_rate", "data_size", "data"):
        word = {"": "", "k": "kilo", "M": "mega", "G": "giga", "T": "tera", "P": "peta"}[u.prefix]
        if u.dimension == "data":
            return f"{word or 'unit'} (bits or bytes unsaid)"
        noun = "bits" if u.bits else "bytes"
        return f"{word}{noun}" + (" per second" if u.dimension == "data_rate" else "")
    names = {
        "money": f"money ({u.currency})",
        "percent": "percent",
        "percent_point": "percentage points",
        "basis_point": "basis points",
        "multiplier": "a multiple",
        "count": "a count",
        "age": "an age in years",
        "duration": f"{u.key}s",
    }
    return names.get(u.dimension, u.key)
