"""English quantities: digits, magnitude words, money, percent, multipliers, number words,
ranges, periods (Q1, first half, fiscal '23), data rates and sizes, physical units, and
identifiers that are not quantities (PCIe 6, 10-K, PAM4) but must be copied verbatim.

One pass of precompiled regular expressions over the width-normalised text; spans index the
original text (normalisation keeps offsets).
"""

from __future__ import annotations

import re
from decimal import Decimal

import ahocorasick  # type: ignore[import-not-found]  # pyahocorasick ships no stubs

from auditor.lazy_pattern import lazy_compile
from auditor.numbers.dispatch import alternation
from auditor.numbers.dispatch_fast import DIGITS
from auditor.numbers.english_fast import scaled_by_power_of_ten
from auditor.numbers.identifiers import NAME_MARKS, named_by_digits
from auditor.numbers.normalize import normalize_width
from auditor.numbers.quantity import Quantity, evolve, make_quantity, quantity_at
from auditor.units import EN_UNIT_FORMS, UNITS

# --- vocabularies ------------------------------------------------------------------------

ONES = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
MAGNITUDE_WORDS = {
    "hundred": 1e2,
    "thousand": 1e3,
    "million": 1e6,
    "billion": 1e9,
    "trillion": 1e12,
}
MAGNITUDE_ABBR = {
    "k": 1e3,
    "K": 1e3,
    "M": 1e6,
    "MM": 1e6,
    "mn": 1e6,
    "m": 1e6,
    "B": 1e9,
    "bn": 1e9,
    "b": 1e9,
    "T": 1e12,
    "tn": 1e12,
}
MONTHS = {
    m: i
    for i, m in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ],
        start=1,
    )
}
ORDINALS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "1st": 1,
    "2nd": 2,
    "3rd": 3,
    "4th": 4,
}
#: Ordinal words from "fifth" on (first to fourth are too common as plain words: "first,
#: ...", "a second"); read as weak numbers, like 第五 in Chinese.
ORDINAL_WORDS = {
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "sixteenth": 16,
    "seventeenth": 17,
    "eighteenth": 18,
    "nineteenth": 19,
    "twentieth": 20,
    "thirtieth": 30,
    "fortieth": 40,
    "fiftieth": 50,
    "hundredth": 100,
}
#: Fractions of a magnitude word: "half a million", "a quarter of a billion".
FRACTIONS = {"half": 0.5, "quarter": 0.25, "third": 1 / 3, "three quarters": 0.75}

_ONES_RE = "|".join(sorted(ONES, key=len, reverse=True))
#: "threefold", "tenfold": a multiple written as one word
FOLDS = {w: n for w, n in ONES.items() if n >= 2} | {"hundred": 100, "thousand": 1000, "twenty": 20}
_FOLD_RE = "|".join(sorted(FOLDS, key=len, reverse=True))
_TENS_RE = "|".join(TENS)
_WORDNUM = (
    rf"(?:(?:{_TENS_RE})(?:[- ](?:{'|'.join(k for k in ONES if 0 < ONES[k] < 10)}))?|{_ONES_RE})"
)

# Words that make the number that follows approximate.
# Words that make the number that follows approximate (checked with str.endswith: fast).
_APPROX_BEFORE = (
    "approximately",
    "approx.",
    "about",
    "around",
    "roughly",
    "nearly",
    "almost",
    "close to",
    "just over",
    "just under",
    "a little over",
    "slightly over",
    "slightly above",
    "slightly below",
    "more than",
    "less than",
    "over",
    "under",
    "upwards of",
    "up to",
    "at least",
    "at most",
    "some",
    "circa",
    "~",
)
_APPROX_AFTER = lazy_compile(
    r"^(?:\s*-?(?:plus(?!\s+or\s+minus)|or so|or more|or less|-ish|ish)\b|\+)", re.I
)

# Words after "gig" that make it a size (memory, storage), not a rate.
_SIZE_CONTEXT = lazy_compile(
    r"^\s*(?:of\s+)?(?:memory|storage|ram|dram|hbm|sram|capacity|cache|flash|disk)", re.I
)
# Words after "1.6T", "100G" that make the letter a data prefix, not "trillion".
_DATA_CONTEXT = lazy_compile(
    r"^[\s-]*(?:ethernet|port|ports|optic|optics|optical|links?|lanes?|serdes|speeds?|connectivity|"
    r"switch|switches|switching|modules?|transceivers?|nics?|networking|pam4|interfaces?|per lane)",
    re.I,
)
_COMPARATIVE = lazy_compile(
    r"^\s*(?:higher|more|larger|greater|faster|bigger|lower|smaller|less|as|the|that|over|what|"
    r"better|longer|slower|cheaper)\b",
    re.I,
)

# Identifier prefixes whose number is a version or a name, not an amount.
_ID_PREFIX = (
    r"PCIe|PCI Express|Gen|Generation|CXL|UALink|UAL|USB|DDR|LPDDR|GDDR|HBM|NVLink|NVSwitch|Wi-?Fi|"
    r"Form|Rule|Item|Version|version|Rev|Revision|Series|Phase|Tier|Level|Class|Type|Part|Note|"
    r"Chapter|Figure|Table|Release|Section|Exhibit|Ethernet|InfiniBand|Arm|ARMv|Android|iOS|"
    r"Windows|Python"
)
# A capitalised name followed by a small number is a product or version (Aries 6, Tomahawk 5,
# Blackwell 2), unless the word is a function word that starts a sentence ("In 5 years").
_STOP_CAPS = (
    r"In|On|At|By|For|Of|To|And|Or|The|A|An|About|Over|Under|Around|Approximately|Nearly|Only|"
    r"Top|With|From|Than|Into|Per|Each|Every|All|Some|Our|We|It|Its|This|That|These|Those|Q|"
    r"Fiscal|FY|Calendar|Step|Also|But|So|Yes|No|Just|Roughly|Mid|Late|Early|Since|After|Before|"
    r"During|Until|Through|Between|Up|Down|Almost|More|Less|Below|Above|Within|Day|Days|Week|"
    r"Weeks|Year|Years|Month|Months|Quarter|Quarters|Slide|Page|Number|Only|Another|Over|Plus|"
    r"Minus|Negative|Like|Maybe|Even|Then|Now|Here|There|Where|When|If|As|Is|Are|Was|Were|"
    r"January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|"
    r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|US|USD|RMB|EUR|NT"
)

_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+"
_UNIT_WORDS = sorted(EN_UNIT_FORMS, key=len, reverse=True)
_UNIT_WORD_RE = "|".join(re.escape(w) for w in _UNIT_WORDS)

# Data symbols, case-sensitive: Gb/s, Gbps, GB, Tb/s, GT/s, G ...
_DATA_SYM = (
    r"(?P<dp>[kKMGTP])(?P<dk>b/s|bps|bit/s|bits/s|B/s|Bps|T/s|bits|bit|b|B)(?![A-Za-z])"
    r"|(?P<dg>G|T|M)(?![A-Za-z0-9])"
)

_ALTS = (
    # identifiers first: they are not amounts
    r"(?P<form>\b\d{1,2}-[A-Z]\b(?!-))",
    rf"(?P<idp>\b(?:{_ID_PREFIX})[ -]?(?P<idn>\d+(?:\.\d+)*)(?![\d%A-Za-z]|,\d{3}|\.\d|-[A-Za-z]\b|\s?(?:percent|million|billion|x\b)))",
    rf"(?P<idc>\b(?!(?:{_STOP_CAPS})\b)[A-Z][A-Za-z]*[a-z][A-Za-z]*[ -](?P<idcn>\d{{1,2}}(?:\.\d)?)"
    r"(?![\d%A-Za-z]|[.,]\d|\s?(?:percent|million|billion|thousand|trillion|x\b|to\s\d|-)))",
    r"(?P<cell>\b[2-6]G\b)",
    # a code of capitals, a hyphen and digits (COVID-19, MIL-STD-883)
    r"(?P<code>\b[A-Z][A-Za-z]*(?:-[A-Z]+)*-\d+\b(?![.,]\d|%|-[A-Za-z]))",
    r"(?P<alnum>\b(?=[A-Za-z0-9.]*[A-Za-z])(?=[A-Za-z0-9.]*\d)"
    r"(?![1-4]Q\d{0,2}\b|Q[1-4]\b|[12]H\d{0,2}\b|H[12]\b|FY'?\d{2,4}\b)"
    r"[A-Za-z]+\d[A-Za-z0-9.]*[A-Za-z0-9]?\b)",
    r"(?P<idiom>\b24/7\b|\b24x7\b|\b50[-/]50\b|\b(?i:one-on-one|one-stop|one-off)\b)",
    r"(?P<alnum2>\b\d+[A-Za-z]+\d[A-Za-z0-9-]*\b(?<![1-4]Q\d\d)(?<![12]H\d\d))",
    # multiplier words: "revenue doubled" may be 成長一倍 or 兩倍
    r"(?P<mult>\b(?i:(?P<mw>double|doubled|doubles|doubling|twice|triple|tripled|triples|tripling|quadruple|quadrupled|quadruples|quadrupling))\b(?![- ](?i:digit)))",
    rf"(?P<fold>\b(?i:(?P<fw>{_FOLD_RE})-?fold)\b)",
    r"(?P<dec>\b(?i:(?P<dcn>a|one|two|three|several|a couple of)\s+)?(?i:decades?)\b)",
    # periods
    r"(?P<q>\bQ(?P<qn>[1-4])\b|\b(?P<qn2>[1-4])Q(?P<qy>'?\d{2})?\b)",
    r"(?P<qw>\b(?P<qo>(?i:first|second|third|fourth|1st|2nd|3rd|4th))[- ](?i:fiscal[- ]|calendar[- ])?(?i:quarter)\b)",
    r"(?P<hw>\b(?P<ho>(?i:first|second|back|front|1st|2nd))[- ](?i:half)\b|\b(?P<hn>[12])H(?P<hy>'?\d{2})?\b|\bH(?P<hn2>[12])\b)",
    r"(?P<fy>\b(?:(?i:fiscal)(?:[- ](?i:year))?|FY)[ -]?(?P<fyq>')?(?P<fyn>\d{4}|\d{2})\b)",
    r"(?P<mon>\b(?P<mname>January|February|March|April|June|July|August|September|October|"
    r"November|December|May(?=\s+\d))\b(?P<monq>\s+quarter\b)?"
    r"|\b(?P<mshort>Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?(?=\s\d))",
    r"(?P<y2>(?:(?<![\w'])|(?<=\bQ[1-4])|(?<=\bH[12]))'(?P<y2n>\d{2})(?P<y2s>s)?\b(?!\s*(?:%|percent)))",
    r"(?P<decade>\b(?:(?P<dm>(?i:mid|low|high|early|late|upper|lower))[- ]?)?(?P<dn>[1-9]0)s\b|"
    r"\b(?P<tm>(?i:mid|low|high|upper|lower))[- ](?i:teens)\b|"
    r"\b(?P<sm>(?i:mid|low|high|upper|lower))[- ](?i:single)[- ](?i:digits?)\b|\b(?P<ddm>(?i:low |high |mid ))?(?P<ddw>(?i:double|triple))[- ](?i:digits?)\b)",
    # amounts with digits
    rf"(?P<amt>(?P<neg>\b(?i:negative|minus)\s+|(?<![\w-])-(?=[$\d]))?(?P<cur>US\$|NT\$|HK\$|S\$|\$|€|£|¥|\bUSD\s?|\bRMB\s?|\bEUR\s?)?(?P<num>{_NUM})(?![\d])"
    r"(?:\s?(?P<mag>(?i:thousand|million|billion|trillion))\b|\s?(?P<mabbr2>MM|mn|bn|tn)(?![A-Za-z0-9/])|(?P<mabbr>MM|mn|bn|tn|[kKMBTmb])(?![A-Za-z0-9/]))?)",
    # fractions of a magnitude, and "N and a half"
    r"(?P<part>\b(?i:(?:a\s+|one\s+)?(?P<pw>half|quarter|third|three\s+quarters)(?:\s+of)?\s+an?\s+"
    r"(?P<pm>hundred|thousand|million|billion|trillion))\b)",
    rf"(?P<andhalf>\b(?=[A-Za-z-]+\s+and\s+a\s+half\b)(?i:(?P<hint>{_WORDNUM})\s+and\s+a\s+half)"
    r"(?:\s+(?P<hm>(?i:hundred|thousand|million|billion|trillion)))?\b)",
    r"(?P<fracw>\b(?i:(?P<fn>one|two|three|four|a)[- ](?P<fd>halves|half|thirds?|quarters?|fourths?|fifths?|tenths?))"
    r"\b(?=\s+of\b))",
    rf"(?P<ordw>\b(?i:{'|'.join(ORDINAL_WORDS)})\b)",
    # fuzzy amounts in words
    r"(?P<fuzzy>\b(?i:(?P<fz1>tens|hundreds|thousands|millions|billions|dozens)\s+of"
    r"(?:\s+(?P<fz1b>thousands|millions|billions))?(?:\s+of)?"
    r"|(?P<fz2>multi-?(?:million|billion|trillion))"
    # a plural magnitude alone: "millions or even billions of times"
    r"|(?P<fz4>thousands|millions|billions|trillions)(?=\s+(?:or|and|to|more|upon)\b|\s*[,;.)])"
    r"|(?P<fz3>several|a few|a couple of|a couple|couple of)\s+(?P<fz3m>hundred|thousand|million|billion))\b)",
    # exact amounts in words
    rf"(?P<word>\b(?i:(?P<art>a |an )?(?P<wn>{_WORDNUM}|half a dozen|a dozen|dozen|hundred|thousand|million|billion|trillion))"
    r"(?:\s+(?P<wmag>(?i:hundred|thousand|million|billion|trillion)))?\b)",
    r"(?P<acouple>\b(?i:a|the next|next) couple of\b)",
)
TOKEN = lazy_compile("|".join(_ALTS))
#: TOKEN, trying at a position only the alternatives that can start with its character
#: (a word is tried against five alternatives, not twenty)
#: (the digits share one pattern; sharing one between the letters costs more in failed
#: tries than it saves in compiling)
_TOKENS = alternation(list(_ALTS), shared=(DIGITS,))

_NEXT_WORD = lazy_compile(r"\s?-?([A-Za-z]+|[^\sA-Za-z0-9])")
#: the lower-cased first word (or sign) of every unit form: a cheap gate before _UNIT_AFTER
_UNIT_STARTS = frozenset(
    m.group(1).lower()
    for m in (
        _NEXT_WORD.match(f)
        for f in list(EN_UNIT_FORMS)
        + [f"{p}{k}" for p in "kKMGTP" for k in ("b", "bps", "bit", "bits", "B", "Bps", "T")]
        + ["G", "T", "M", "gig", "gigs", "gigabit", "terabit", "meg"]
    )
    if m
)


def _unit_after(norm: str, e: int) -> re.Match[str] | None:
    """_UNIT_AFTER at ``e``, tried only when the next word can start a unit."""
    w = _NEXT_WORD.match(norm, e)
    if w is None or w.group(1).lower() not in _UNIT_STARTS:
        return None
    return _UNIT_AFTER.match(norm, e)


_UNIT_AFTER = lazy_compile(
    rf"\s?-?(?:(?P<sym>{_DATA_SYM})|(?P<gig>gigs?|gigabit|terabit|meg)(?![a-z])"
    rf"|(?P<w>(?i:{_UNIT_WORD_RE}))(?![A-Za-z]))"
)
_VERSION_AFTER = lazy_compile(
    r"\s?(?:spec|specs|specification|version|release|standard|revision)\b", re.I
)
_YEAR = lazy_compile(r"(?:19[5-9]\d|20\d\d)")
_PER_SECOND = lazy_compile(r"^\s*(?:per\s+second|/s|a\s+second|per\s+sec)\b", re.I)
_TIMES = lazy_compile(r"\s?(?:times|X(?![A-Za-z]))", re.I)
_RANGE_JOIN = lazy_compile(r"^\s*(?:to|-|through|or|and)\s*$", re.I)
_BETWEEN = lazy_compile(r"between\s*$", re.I)

# "one" as a pronoun or in idioms is no quantity.
_ONE_BEFORE_SKIP = lazy_compile(
    r"(?:\b(?:the|this|that|each|every|any|no|another|other|which|a|an|last|first|next|same|"
    r"big|biggest|large|largest|main|only|new|right|wrong|good|key|little|small|latest|"
    r"particular|certain|single|such|at|than|quick|final|easy|tough|hard|important|interesting|"
    r"great|nice|better|different|short|long|simple|follow-up|early|later|older|newer)\s+)$",
    re.I,
)
#: "one point" after a percentage in the same stretch of text is one percentage point.
_ONE_POINT = lazy_compile(r"\s+point\b", re.I)
_PERCENT_BEFORE = lazy_compile(r"%|\bpercent\b|\bmargins?\b", re.I)
_ONE_AFTER_SKIP = lazy_compile(
    r"^(?:\s*(?:of|that|which|who|another|is|was|has|had|'s|more|thing|way|day|point|hand|"
    r"time|-on-one|on one|or two|or the other|and only)\b|[,.;:!?)\-]|\s*$)",
    re.I,
)


# Where a token can start: a digit, a currency sign, an apostrophe year, or a number-ish word.
# TOKEN is tried only at the start of the word holding an anchor and the two words before it
# (PCI Express 6, a couple of, negative 5): trying its many alternatives at every character
# costs ten times more.
_LEXICON = sorted(
    (
        set(ONES)
        | set(TENS)
        | set(MONTHS)
        | {
            "dozen",
            "dozens",
            "couple",
            "several",
            "hundred",
            "thousand",
            "million",
            "billion",
            "tens",
            "hundreds",
            "thousands",
            "millions",
            "billions",
            "first",
            "second",
            "third",
            "fourth",
            "back",
            "front",
            "fiscal",
            "teens",
            "single",
            "double",
            "doubled",
            "doubles",
            "doubling",
            "twice",
            "triple",
            "tripled",
            "triples",
            "tripling",
            "quadruple",
            "quadrupled",
            "quadruples",
            "quadrupling",
            "decade",
            "decades",
            "trillion",
            "trillions",
            "half a",
            "half an",
            "quarter of a",
            "quarter of an",
            "quarters of a",
            "third of a",
            "third of an",
            "thirds",
            "quarters",
            "halves",
            "fifths",
            "tenths",
            "quarter of",
        }
        | set(ORDINAL_WORDS)
        | {f"{w}fold" for w in FOLDS}
    )
    - {"may"},
    key=len,
    reverse=True,
)
# one match per run of digits (1,024.5 is one run), with a leading currency sign or
# apostrophe: a lone sign or apostrophe ("it's") is no match. A single-class start scans
# fastest.
_DIGIT_ANCHOR = lazy_compile(r"[$€£¥'0-9](?:(?<=[0-9])[0-9.,]*|[0-9.,]+)")
_DIGIT_ANCHOR_ASCII = lazy_compile(r"[$'0-9](?:(?<=[0-9])[0-9.,]*|[0-9.,]+)")
_LEX = frozenset(_LEXICON)
# every occurrence of a lexicon word (and of "multi", a prefix: multibillion) in one C pass
_LEX_AC = ahocorasick.Automaton()
for _w in sorted(_LEX | {"multi"}):
    _LEX_AC.add_word(_w, (_w, len(_w)))
_LEX_AC.make_automaton()
# Words that may start a token before the anchor word: "PCI Express 6", "negative 5%",
# "fiscal year 2025", "a couple of", "mid-teens", "USD 5".
_LEAD_WORDS = (
    frozenset(w.lower() for w in re.findall(r"[A-Za-z-]+", _ID_PREFIX))
    | frozenset(
        "negative minus fiscal fy year usd rmb eur calendar mid low high early late upper lower "
        "pci express us nt".split()
    )
    | frozenset(MONTHS)
    | frozenset("jan feb mar apr jun jul aug sep sept oct nov dec".split())
)
# Only before a number word: "a couple of", "the next couple of", "half a dozen", "a few hundred".
_WORD_LEADS = _LEAD_WORDS | frozenset("a an the next half of couple few several".split())


def _digit_anchors(norm: str) -> list[int]:
    # an ASCII text holds none of the other currency signs: the pattern without them scans faster
    pattern = _DIGIT_ANCHOR_ASCII if norm.isascii() else _DIGIT_ANCHOR
    return [m.start() for m in pattern.finditer(norm)]


def _word_anchors(low: str) -> list[int]:
    """Lexicon words by Aho-Corasick (cheaper than a regex over the text, or splitting it
    into words): whole words only, but "multi" may run on (multibillion)."""
    found = []
    n = len(low)
    for end, (w, k) in _LEX_AC.iter(low):
        i = end - k + 1
        if (i == 0 or not low[i - 1].isalpha()) and (
            w == "multi" or end + 1 >= n or not low[end + 1].isalpha()
        ):
            found.append(i)
    return found


def _candidates(norm: str) -> list[int]:
    """Offsets where TOKEN may match: each anchor's word, and the words before it that can
    lead a token (so "PCI Express 6" is tried from "PCI")."""
    low = norm.lower()
    digits = _digit_anchors(norm)
    words = _word_anchors(low)
    if not digits and not words:
        return []
    starts: set[int] = set()
    add = starts.add
    rfind = norm.rfind
    for found, leads in ((digits, _LEAD_WORDS), (words, _WORD_LEADS)):
        for p in found:
            ws = rfind(" ", 0, p) + 1
            add(ws)
            if p != ws:
                add(p)
            for _ in range(2):  # up to two words before it that can lead a token
                if ws < 2:
                    break
                prev = rfind(" ", 0, ws - 1) + 1
                word = low[prev : ws - 1].strip('-,.;:()"')
                if (
                    word not in leads
                    and not word.endswith("-")
                    and not norm[prev : prev + 1].isupper()
                ):
                    break
                add(prev)
                ws = prev
    return sorted(starts)


def extract_english(text: str) -> list[Quantity]:
    """Every quantity, period and identifier in an English text, in text order."""
    norm = normalize_width(text)
    out: list[Quantity] = []
    last = 0
    n = len(norm)
    by_char = _TOKENS.by_char
    for pos in _candidates(norm):
        if pos < last:
            continue
        # TOKEN at pos, after any opening bracket or quote ("(1,024" → 1,024)
        if norm[pos] == "[":
            lm = _INDEX_LIST.match(norm, pos)
            if lm is not None:  # [1,1], [0, 255]: an index or a coordinate, copied as it is
                last = lm.end()
                out.append(
                    _q(
                        text,
                        pos,
                        last,
                        float(lm.group(1)),
                        dimension="identifier",
                        token=lm.group(),
                    )
                )
                continue
        while pos < n and norm[pos] in _OPENERS:
            pos += 1
        if pos >= n:
            continue
        promoted = by_char.get(norm[pos])
        m = promoted.match(norm, pos) if promoted is not None else _TOKENS.match_slow(norm, pos)
        if m is None or m.end() <= m.start():
            continue
        last = m.end()
        q = _read(m, norm, text)
        if q is not None:
            out.append(q)
            if q.end > last:
                last = q.end  # a reader may read past the token (2/3, $5 million dollars)
            if m.lastgroup in ("q", "hw"):
                year = _compact_year(m, text)
                if year is not None:
                    out.append(year)
    return _join_ranges(out, norm, text)


def _compact_year(m: re.Match[str], text: str) -> Quantity | None:
    """The year of a compact period (4Q24, 1H'25): a period of its own, as in 2024 年第四季."""
    group = "qy" if m.lastgroup == "q" else "hy"
    digits = m.group(group)
    if not digits:
        return None
    s, e = m.span(group)
    return _q(text, s, e, 2000.0 + int(digits.lstrip("'")), dimension="period", period="year2")


_OPENERS = '([{"“‘<*'
#: a bracketed list of plain integers: an index, a matrix entry, a coordinate
_INDEX_LIST = lazy_compile(r"\[(\d+)(?:\s?,\s?\d+)+\]")


_q = quantity_at


# small patterns of the readers, compiled once (re.match(str, ...) looks them up per call)
_PLUS_OR = lazy_compile(r"\bplus\s+or\s+$", re.I)
_MONTH_ABBR = {m[:3].capitalize(): n for m, n in MONTHS.items()}
_ONCE_OR = lazy_compile(r"\bonce\s+or\s+$", re.I)
_NAME_AFTER = lazy_compile(r"\s?(?:[A-Z]|-?[a-z]+[A-Z])")
_DECIMAL = lazy_compile(r"\d+(?:\.\d+)?")
_FISCAL_BEFORE = lazy_compile(r"(?:fiscal|fy)\s*$")
_PARAMETERS = lazy_compile(r"\s*(?:parameters?|params)\b", re.I)
_RANGE_AFTER_YEAR = lazy_compile(r"\s?(?:-|to)\s")
#: "fiscal 2027", "fiscal year 2027", and the year after a fiscal period: "fiscal first-quarter
#: 2027", "fiscal Q3 2026", "fiscal second half of 2027" (the year is the fiscal one).
_FISCAL_YEAR_BEFORE = lazy_compile(
    r"(?:fiscal|fy)\s*(?:year\s*)?"
    r"(?:(?:(?:first|second|third|fourth|1st|2nd|3rd|4th)[- ](?:quarter|half)|q[1-4]|[12]h|h[12])\s*,?\s*(?:of\s+)?)?$"
)
_SECONDS = lazy_compile(r"\s?(?:seconds?)\b", re.I)
_OF_IN = lazy_compile(r"\s*(?:of|in)\s")
_DOLLARS_AFTER = lazy_compile(r"\s?-?(?:(?:US\s)?dollars?|\$)", re.I)
_WORD_SPLIT = lazy_compile(r"[- ]")


def _read(m: re.Match[str], norm: str, text: str) -> Quantity | None:
    kind = m.lastgroup
    if kind == "amt":  # the commonest first
        return _amount(m, norm, text)
    s, e = m.span()
    g = m.group
    if kind == "form":
        return _q(text, s, e, float(g(kind).split("-")[0]), dimension="identifier", token=g(kind))
    if kind == "idp":
        return _q(
            text,
            s,
            e,
            float(g("idn").split(".")[0] if g("idn").count(".") > 1 else g("idn")),
            dimension="identifier",
            token=g(kind),
        )
    if kind == "mult" and _ONCE_OR.search(norm, max(0, s - 8), s):
        return None  # "once or twice": a few times, not a multiple
    if kind == "fold":  # "grew threefold" ↔ 成長了三倍 (×3, or +300% as Chinese may also read it)
        n = float(FOLDS[g("fw").lower()])
        return _q(
            text, s, e, n, lo=n - 1, hi=n, dimension="multiplier", unit="x", approx=True, weak=True
        )
    if kind == "mult":
        top = {"dou": 2.0, "twi": 2.0, "tri": 3.0, "qua": 4.0}[g("mw")[:3].lower()]
        return _q(
            text,
            s,
            e,
            top,
            lo=1.0,
            hi=top,
            dimension="multiplier",
            unit="x",
            approx=True,
            weak=True,
        )
    if kind == "dec":
        count = (g("dcn") or "").lower()
        if not count and g(kind).lower().endswith("s"):  # "decades": two or more
            return _q(
                text,
                s,
                e,
                30.0,
                lo=20.0,
                hi=90.0,
                dimension="duration",
                unit="year",
                approx=True,
                weak=True,
            )
        n = {"a": 1, "one": 1, "two": 2, "three": 3, "several": 3, "a couple of": 2}.get(
            count or "a", 1
        )
        return _q(
            text,
            s,
            e,
            10.0 * n,
            lo=10.0 * n,
            hi=10.0 * n + (20 if count == "several" else 0),
            dimension="duration",
            unit="year",
            approx=True,
            weak=True,
        )
    if kind == "idc":
        after = norm[e : e + 24]
        if _unit_after(after, 0) and not _NAME_AFTER.match(after):
            return None  # "Retimers 5 days" is a duration after a name, not a version
        return _q(text, s, e, float(g("idcn")), dimension="identifier", token=g(kind))
    if kind in ("cell", "alnum", "alnum2", "code"):
        digits = _DECIMAL.findall(g(kind))
        return _q(
            text, s, e, float(digits[0]) if digits else None, dimension="identifier", token=g(kind)
        )
    if kind == "q":
        return _q(text, s, e, float(g("qn") or g("qn2")), dimension="period", period="quarter")
    if kind == "qw":
        return _q(
            text, s, e, float(ORDINALS[g("qo").lower()]), dimension="period", period="quarter"
        )
    if kind == "hw":
        o = (g("ho") or "").lower()
        n = 2 if o in ("second", "2nd", "back") else 1 if o else int(g("hn") or g("hn2"))
        return _q(text, s, e, float(n), dimension="period", period="half")
    if kind == "fy":
        n = int(g("fyn"))
        return _q(
            text, s, e, float(2000 + n if n < 100 else n), dimension="period", period="fiscal_year"
        )
    if kind == "mon":
        n = MONTHS[g("mname").lower()] if g("mname") else _MONTH_ABBR[g("mshort")[:3]]
        return _q(
            text,
            s,
            e,
            float(n),
            dimension="period",
            period="month_quarter" if g("monq") else "month",
        )
    if kind == "y2":
        n = int(g("y2n"))
        if g("y2s"):  # the '80s: a decade
            return _q(text, s, e, float(_decade_of(n)), dimension="period", period="decade")
        before = norm[max(0, s - 12) : s].lower()
        if _FISCAL_BEFORE.search(before):
            return None
        return _q(text, s, e, 2000.0 + n, dimension="period", period="year2")
    if kind == "fracw":  # two-thirds of, a quarter of: weak, like 三分之二
        top = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4}[g("fn").lower()]
        bottom = _FRACTION_WORDS[
            g("fd").lower().rstrip("s") if g("fd").lower() != "halves" else "half"
        ]
        return _q(text, s, e, top / bottom, weak=True)
    if kind == "ordw":
        return _ordinal(text, norm, s, e, ORDINAL_WORDS[g(kind).lower()])
    if kind == "part":
        share = FRACTIONS[" ".join(g("pw").lower().split())]
        magnitude = MAGNITUDE_WORDS[g("pm").lower()]
        return _with_unit(
            norm, text, s, e, share * magnitude, magnitude=magnitude, approx=_approx_before(norm, s)
        )
    if kind == "andhalf":
        whole = sum(TENS.get(p, ONES.get(p, 0)) for p in _WORD_SPLIT.split(g("hint").lower()))
        magnitude = MAGNITUDE_WORDS[g("hm").lower()] if g("hm") else 1.0
        return _with_unit(
            norm,
            text,
            s,
            e,
            (whole + 0.5) * magnitude,
            magnitude=magnitude,
            approx=_approx_before(norm, s),
        )
    if kind == "decade":
        return _decade(m, norm, text)
    if kind == "fuzzy":
        return _fuzzy(m, norm, text)
    if kind == "word":
        return _word(m, norm, text)
    if kind == "acouple":
        return _with_unit(norm, text, s, e, 2.0, lo=2.0, hi=3.0, approx=True, weak=True)
    return None


def _decade_of(n: int) -> int:
    """The decade a two-digit '80s means: the 1980s; '20s the 2020s."""
    return 2000 + n if n < 30 else 1900 + n


def _ordinal(text: str, norm: str, s: int, e: int, n: int) -> Quantity | None:
    """An ordinal (fifth, 21st): weak evidence of its number, like 第五 (it names, it does
    not count). "A fifth of" is a fraction, left alone."""
    if re.search(r"\b(?:a|one)\s+$", norm[max(0, s - 5) : s], re.I):
        return None
    return _q(text, s, e, float(n), weak=True, ordinal=True)


def _decade(m: re.Match[str], norm: str, text: str) -> Quantity:
    s, e = m.span()
    g = m.group
    if g("dn"):
        base = int(g("dn"))
        mod = (g("dm") or "").lower()
        lo, hi = {
            "mid": (3, 7),
            "low": (0, 3),
            "early": (0, 3),
            "lower": (0, 3),
            "high": (7, 9),
            "late": (7, 9),
            "upper": (7, 9),
        }.get(mod, (0, 9))
        lo, hi = base + lo, base + hi
    elif g("tm"):
        lo, hi = {"mid": (13, 17), "low": (11, 14), "lower": (11, 14)}.get(
            g("tm").lower(), (16, 19)
        )
    elif g("sm"):
        lo, hi = {"mid": (3, 7), "low": (1, 3), "lower": (1, 3)}.get(g("sm").lower(), (6, 9))
    else:
        lo, hi = {"low ": (10, 14), "mid ": (13, 17), "high ": (16, 19)}.get(
            (g("ddm") or "").lower(), (10, 99)
        )
        if g("ddw").lower() == "triple":  # triple-digit growth: 100% to 999%
            lo, hi = 100, 999
    return _with_unit(norm, text, s, e, (lo + hi) / 2, lo=float(lo), hi=float(hi), approx=True)


def _approx_before(norm: str, s: int) -> bool:
    before = norm[max(0, s - 24) : s].rstrip().lower()
    if not before.endswith(_APPROX_BEFORE):
        return False
    # a whole word: "about", not "throughout"
    for w in _APPROX_BEFORE:
        if before.endswith(w):
            k = len(before) - len(w)
            return k == 0 or not before[k - 1].isalpha() or not w[0].isalpha()
    return False


_DECIMAL_MAGNITUDES = {m: Decimal(m) for m in (*MAGNITUDE_WORDS.values(), *MAGNITUDE_ABBR.values())}


def _may_start(norm: str, pos: int, firsts: str) -> bool:
    """False only when a pattern of the form ``\\s?(?:word|...)`` (case-insensitive, words
    starting with ``firsts``) surely cannot match at ``pos``: a cheap test before the regex."""
    c = norm[pos : pos + 1]
    if c.isspace():
        c = norm[pos + 1 : pos + 2]
    return bool(c) and (not c.isascii() or c in firsts)


_FRACTION_WORDS = {"half": 2, "third": 3, "quarter": 4, "fourth": 4, "fifth": 5, "tenth": 10}
_FRACTION_BOTTOM = lazy_compile(r"(\d{1,2})(?![\d/.])")
_ORDINAL_SUFFIXES = frozenset({"st", "nd", "rd", "th"})
_CURRENCY_SIGNS = {
    "$": "USD",
    "US$": "USD",
    "USD": "USD",
    "NT$": "TWD",
    "HK$": "HKD",
    "S$": "SGD",
    "€": "EUR",
    "EUR": "EUR",
    "£": "GBP",
    "¥": "JPY",
    "RMB": "CNY",
}


def _amount(m: re.Match[str], norm: str, text: str) -> Quantity | None:
    s = m.start()
    raw, cur_raw, neg, mag, mabbr2, mabbr = m.group("num", "cur", "neg", "mag", "mabbr2", "mabbr")
    num_end = m.end("num")
    if norm[num_end : num_end + 1] in NAME_MARKS and not cur_raw and not neg:
        named = named_by_digits(norm, text, s, num_end)
        if named is not None:
            return named
    if _may_start(norm, num_end, "sSvVrR") and _VERSION_AFTER.match(norm, num_end):
        return _q(text, s, num_end, float(raw.replace(",", "")), dimension="identifier", token=raw)
    cur = cur_raw.strip().upper() if cur_raw else ""
    magnitude = 1.0
    e = num_end
    if mag:
        magnitude = MAGNITUDE_WORDS[mag.lower()]
        e = m.end("mag")
    elif mabbr2:
        magnitude = MAGNITUDE_ABBR[mabbr2]
        e = m.end("mabbr2")
    elif mabbr:
        ab = mabbr
        after = norm[m.end() : m.end() + 24]
        if ab in ("M", "T") and not cur and _DATA_CONTEXT.match(after):
            pass  # 1.6T Ethernet: a data prefix, read by the unit reader
        elif ab == "B" and not cur and _PARAMETERS.match(after):
            magnitude = 1e9
            e = m.end("mabbr")
        elif ab in ("m", "b") and not cur:
            pass  # 5 m is metres, 5 b bits: leave it to the unit reader
        else:
            magnitude = MAGNITUDE_ABBR[ab]
            e = m.end("mabbr")
    if not cur and magnitude == 1.0 and e == num_end:
        suffix = norm[e : e + 3]
        if suffix[:1] == "/":
            fm = _FRACTION_BOTTOM.match(norm, e + 1)
            if fm is not None and raw.isdigit() and 0 < int(raw) < int(fm.group(1)) <= 12:
                # 2/3 of revenue: a fraction (24/7 and 50/50 are idioms, read before)
                return _q(
                    text, s, fm.end(), int(raw) / int(fm.group(1)), approx=_approx_before(norm, s)
                )
        if suffix[:2].lower() in _ORDINAL_SUFFIXES and not suffix[2:3].isalpha() and raw.isdigit():
            return _ordinal(text, norm, s, e + 2, int(raw))  # the 5th, the 21st century
        if (
            suffix[:1] == "s"
            and not suffix[1:2].isalpha()
            and len(raw) == 4
            and raw.endswith("0")
            and _YEAR.fullmatch(raw)
        ):
            return _q(text, s, e + 1, float(raw), dimension="period", period="decade")  # the 1980s
    # 4-digit years: a bare 19xx/20xx that is not money or a grouped number
    if not cur and magnitude == 1.0 and len(raw) == 4 and _YEAR.fullmatch(raw):
        after = norm[e : e + 12]
        if not _unit_after(after, 0) or _RANGE_AFTER_YEAR.match(after):
            before = norm[max(0, s - 32) : s].lower()
            period = "fiscal_year" if _FISCAL_YEAR_BEFORE.search(before) else "year"
            return _q(text, s, e, float(raw), dimension="period", period=period)
    # exact decimal arithmetic only when scaling (65.6 million must not become 65599999.99)
    plain = raw.replace(",", "")
    if magnitude == 1.0:
        value = float(plain)
    elif (shifted := scaled_by_power_of_ten(plain, magnitude)) is not None:
        value = shifted  # the fast version of the line below (english_fast)
    else:
        value = float(Decimal(plain) * (_DECIMAL_MAGNITUDES.get(magnitude) or Decimal(magnitude)))
    if neg and _PLUS_OR.search(norm, max(0, s - 9), s):
        neg = None  # "plus or minus 50 basis points": a tolerance, not a negative number
    if neg:
        value = -value
    approx = _approx_before(norm, s)
    currency = _CURRENCY_SIGNS.get(cur)
    if currency:
        q = _q(
            text, s, e, value, dimension="money", unit=currency, approx=approx, magnitude=magnitude
        )
        # "$5 million dollars", "cents"
        unit_after = _unit_after(norm, e)
        if (
            unit_after
            and unit_after.group("w")
            and EN_UNIT_FORMS.get(unit_after.group("w").lower()) == "USD"
        ):
            q = evolve(q, end=unit_after.end(), text=text[s : unit_after.end()])
        return _approx_after(q, norm)
    return _with_unit(norm, text, s, e, value, approx=approx, magnitude=magnitude)


def _with_unit(norm: str, text: str, s: int, e: int, value: float, **kw: object) -> Quantity:
    """The quantity ``[s, e)`` with any unit that follows it in the text."""
    dimension, unit, end = "number", None, e
    um = _unit_after(norm, e)
    if um:
        dimension, unit = _unit_of(um, norm)
        if (
            unit == "pp"
            and abs(value) > 100
            and um.group("w")
            and um.group("w").lower() == "points"
        ):
            dimension, unit = "number", None  # 3,285 points: an index level, not percentage points
        if unit is not None:
            end = um.end()
    if unit is None:
        tm = _TIMES.match(norm, e) if _may_start(norm, e, "tTxX") else None
        if tm and (
            tm.group().strip().upper() == "X" or _COMPARATIVE.match(norm[tm.end() : tm.end() + 12])
        ):
            dimension, unit, end = "multiplier", "x", tm.end()
    if unit is None:
        dimension = "number"
    q = _q(text, s, end, value, dimension=dimension, unit=unit, **kw)
    return _approx_after(q, norm)


def _unit_of(um: re.Match[str], norm: str) -> tuple[str, str | None]:
    after = norm[um.end() : um.end() + 32]
    if um.group("sym"):
        p = um.group("dp") or um.group("dg")
        p = "k" if p == "K" else p
        k = um.group("dk")
        if k is None:
            key = p  # 100G: data, kind unsaid
            if _PER_SECOND.match(after):
                key = f"{p}b/s"
        elif k == "T/s":
            key = f"{p}T/s"
        elif k in ("b/s", "bps", "bit/s", "bits/s"):
            key = f"{p}b/s"
        elif k in ("B/s", "Bps"):
            key = f"{p}B/s"
        elif k in ("bits", "bit", "b"):
            key = f"{p}b/s" if _PER_SECOND.match(after) else f"{p}b"
        else:
            key = f"{p}B/s" if _PER_SECOND.match(after) else f"{p}B"
        if key not in UNITS:
            return "number", None
        return UNITS[key].dimension, key
    if um.group("gig"):
        p = {"gig": "G", "gigs": "G", "gigabit": "G", "terabit": "T", "meg": "M"}[
            um.group("gig").lower()
        ]
        if um.group("gig").lower() in ("gig", "gigs", "meg") and _SIZE_CONTEXT.match(after):
            return "data_size", f"{p}B"
        return "data_rate", f"{p}b/s"
    w = um.group("w").lower()
    key = EN_UNIT_FORMS[w]
    if key == "x" and w in ("x",) and um.group("w") not in ("x", "X"):
        return "number", None
    if key == "us" and um.group("w") not in ("us", "µs"):
        return "number", None  # "31.51 billion US dollars": the country, not microseconds
    if key == "s" and not _SECONDS.match(um.group()):
        return "number", None
    if key == "bps" and _PER_SECOND.match(after):
        key = "bps"
    if key == "pp" and w == "points" and not _OF_IN.match(after):
        key = "pp"
    if key == "m" and um.group("w") != "m" and w not in ("meter", "meters", "metre", "metres"):
        return "number", None
    if key == "m" and um.group("w") == "m" and um.group().startswith(" "):
        return "number", None  # "5 m" ambiguous in prose; "5m" / "5 W" as symbols only when tight
    return UNITS[key].dimension, key


def _approx_after(q: Quantity, norm: str) -> Quantity:
    tail = norm[q.end : q.end + 20]
    first = tail.lstrip()[:1]
    if not first or (first.isascii() and first not in "pPoOiI-+"):
        return q  # what _APPROX_AFTER needs first (plus, or so, -ish, ish, +) is not there
    am = _APPROX_AFTER.match(tail)
    if am:
        return evolve(q, approx=True, hi=None if q.hi is None else q.hi * 1.5)
    return q


def _fuzzy(m: re.Match[str], norm: str, text: str) -> Quantity:
    """``hundreds of``, ``tens of millions``, ``multibillion``, ``a couple of hundred``."""
    s, e = m.span()
    g = m.group
    scale = {
        "tens": 10,
        "dozens": 12,
        "hundreds": 100,
        "thousands": 1e3,
        "millions": 1e6,
        "billions": 1e9,
        "trillions": 1e12,
        "hundred": 100,
        "thousand": 1e3,
        "million": 1e6,
        "billion": 1e9,
        "trillion": 1e12,
    }
    if g("fz1"):
        base = scale[g("fz1").lower()]
        if g("fz1b"):
            base *= scale[g("fz1b").lower()]
        lo, hi = 2 * base, 99 * base if g("fz1").lower() == "tens" else 9.99 * base
    elif g("fz2"):
        base = scale[g("fz2").lower().replace("multi", "").strip("-")]
        lo, hi = 2 * base, 999 * base
    elif g("fz4"):
        base = scale[g("fz4").lower()]
        lo, hi = 2 * base, 999 * base
    else:
        base = scale[g("fz3m").lower()]
        word = g("fz3").lower()
        lo, hi = (2 * base, 3 * base) if "couple" in word else (2 * base, 9.99 * base)
    # the unit may follow: "hundreds of dollars", "multibillion-dollar"
    after = norm[e : e + 16]
    um = _DOLLARS_AFTER.match(after)
    kw: dict[str, object] = {}
    if um:
        e += um.end()
        kw = {"dimension": "money", "unit": "USD"}
    elif m.start() > 0 and norm[m.start() - 1] == "$":
        s -= 1
        kw = {"dimension": "money", "unit": "USD"}
    else:
        q = _with_unit(norm, text, s, e, (lo + hi) / 2, lo=lo, hi=hi, approx=True)
        return q
    return _q(text, s, e, (lo + hi) / 2, lo=lo, hi=hi, approx=True, **kw)


def _word(m: re.Match[str], norm: str, text: str) -> Quantity | None:
    s, e = m.span()
    g = m.group
    word = g("wn").lower()
    if word in ("dozen", "a dozen"):
        n = 12.0
    elif word == "half a dozen":
        n = 6.0
    elif word in MAGNITUDE_WORDS:
        n = MAGNITUDE_WORDS[word]  # "a hundred", "a million": as strong as "1 million"
    else:
        parts = _WORD_SPLIT.split(word)
        n = float(sum(TENS.get(p, ONES.get(p, 0)) for p in parts))
    if g("art") and word not in ("dozen", "a dozen"):
        s = m.start("wn")
    if word == "one" and not g("wmag"):
        point = _ONE_POINT.match(norm, e)
        if point and _PERCENT_BEFORE.search(norm, max(0, s - 60), s):
            # "49% plus or minus one point", "up one point": a percentage point
            return _q(text, s, point.end(), 1.0, dimension="percent_point", unit="pp")
    if word == "one":
        if _ONE_BEFORE_SKIP.search(norm[max(0, s - 16) : s]) or _ONE_AFTER_SKIP.match(
            norm[e : e + 14]
        ):
            if not g("wmag"):
                return None
    if word == "second" or word == "zero":
        return None
    if g("wmag"):
        magnitude = MAGNITUDE_WORDS[g("wmag").lower()]
        value = n * magnitude
    else:  # "a million" is as strong as "1 million"; a bare "three" is weak (below)
        magnitude = n if word in MAGNITUDE_WORDS else 1.0
        value = n
    # money written with words: "five million dollars"
    approx = _approx_before(norm, s)
    q = _with_unit(norm, text, s, e, value, approx=approx, magnitude=magnitude)
    if s > 0 and norm[s - 1] == "$":
        q = evolve(q, start=s - 1, text=text[s - 1 : q.end], dimension="money", unit="USD")
    # a bare number word is weak evidence: Chinese often renders it with words or an idiom
    if q.dimension == "number" and magnitude == 1.0:
        q = evolve(q, weak=True)
    return q


def _join_ranges(qs: list[Quantity], norm: str, text: str) -> list[Quantity]:
    """``7% to 10%``, ``$170 to $175 million``, ``between 5 and 10``, ``5 to 10x`` → one range."""
    if len(qs) < 2:
        return qs
    out: list[Quantity] = []
    i = 0
    while i < len(qs):
        a = qs[i]
        if i + 1 < len(qs):
            b = qs[i + 1]
            gap = norm[a.end : b.start]
            joinable = (
                _RANGE_JOIN.match(gap)
                and a.dimension not in ("identifier", "period")
                and b.dimension not in ("identifier", "period")
                and not a.weak
                and not b.weak
                and not _vague(a)
                and not _vague(b)
                and (
                    gap.strip().lower() not in ("and", "or")
                    or _BETWEEN.search(norm[max(0, a.start - 10) : a.start])
                )
            )
            if joinable and (a.unit == b.unit or a.unit is None or b.unit is None):
                a2, b2 = _share(a, b)
                if a2.lo is not None and b2.hi is not None and a2.lo <= b2.hi:
                    out.append(
                        make_quantity(
                            text[a.start : b.end],
                            a.start,
                            b.end,
                            None,
                            a2.lo,
                            b2.hi,
                            dimension=b2.dimension,
                            unit=b2.unit,
                            approx=a.approx or b.approx,
                            magnitude=b2.magnitude,
                            is_range=True,
                        )
                    )
                    i += 2
                    continue
            if len(gap) <= 5 and _COORDINATED.match(gap) and _bare_before(a, b):
                # "$33 and $35 million", "7 and 5-nanometer": the unit and magnitude written
                # once, on the last number, belong to both
                a = _coordinate(a, b)
        out.append(a)
        i += 1
    return out


def _vague(q: Quantity) -> bool:
    """A vague amount spanning more than a factor of two (millions of, a few hundred) ends no range: "half a million to millions
    of parts" is two amounts, each compared on its own."""
    return q.lo is not None and q.hi is not None and q.lo > 0 and q.hi > 2 * q.lo


_COORDINATED = lazy_compile(r"^\s*(?:and|or|,)\s*$", re.I)


def _bare_before(a: Quantity, b: Quantity) -> bool:
    """Is ``a`` a bare number that takes the unit or magnitude written on ``b`` (a number
    written as the same kind, with no unit or magnitude of its own)?"""
    if a.weak or b.weak or a.is_range or a.value is None or a.magnitude != 1.0:
        return False
    if a.dimension not in ("number", "money") or b.dimension in ("identifier", "period"):
        return False
    if a.unit is not None and a.unit != b.unit:
        return False
    return b.magnitude > 1.0 or (a.unit is None and b.unit is not None)


def _coordinate(a: Quantity, b: Quantity) -> Quantity:
    """``a`` with the unit and magnitude of ``b`` (see :func:`_bare_before`)."""
    if a.unit is None and b.unit is not None:
        a = evolve(a, dimension=b.dimension, unit=b.unit)
    if b.magnitude > 1.0 and a.value is not None:
        v = float(Decimal(repr(a.value)) * Decimal(b.magnitude))
        a = evolve(a, value=v, lo=v, hi=v, magnitude=b.magnitude)
    return a


def _share(a: Quantity, b: Quantity) -> tuple[Quantity, Quantity]:
    """Give the first end of a range the unit and magnitude written only on the second."""
    if a.unit is None and b.unit is not None:
        a = evolve(a, dimension=b.dimension, unit=b.unit)
    if (
        a.magnitude == 1.0
        and b.magnitude > 1.0
        and a.value is not None
        and a.value * b.magnitude <= (b.value or 0) * 1.0001
    ):
        v = a.value * b.magnitude
        a = evolve(a, value=v, lo=v, hi=v, magnitude=b.magnitude)
    return a, b
