"""Entity rules: names of people, firms and products that machine translation turned into
common words or rendered as something else.

The names are the document's own (:mod:`auditor.names`): speakers and their nicknames,
analysts' firms, people named in running text, products capitalised as names. A name from
the source must be in the translation verbatim or by sound (a transliteration); when it is
gone and the translation holds the everyday Chinese word for it (:mod:`auditor.name_words`),
the translation took the name for a word.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from auditor.checks.base import CheckContext, Checker, Rule
from auditor.model import Finding, Segment, Severity
from auditor.name_words import WordSenses, senses_of
from auditor.names import FIRM, NICKNAME, PERSON, PRODUCT, DocName

ENT001 = Rule(
    code="ENT001",
    name="name-became-word",
    category="entity",
    severity="minor",
    mqm="Accuracy/Mistranslation",
    what="A name the document introduces (a speaker, a nickname, an analyst's firm, a "
    "product) is gone from the translation, which holds the everyday word for it instead; "
    "or a firm's name was translated as people or transliterated like a person's name.",
    why="Machine translation turns Mark into 標記 (a mark), a product called Orion into the "
    "constellation 獵戶座, Harbor Point Partners into 海港 (a harbour) and its Partners into "
    "合夥人 (a partner, a person). A name that became a word is critical for products and "
    "firms, whose names are searched for and trademarked, and major for people; a firm read "
    "as people or transliterated like a person is minor (the firm is still recognisable).",
    example="'Thanks, Mark?' -> '謝謝,標記?'; 'Our Orion modules shipped' -> '我們的獵戶座模組出貨'; "
    "'Dana Wu, Harbor Point Partners.' -> '吳黛娜,海港角合夥人。'",
)

#: Firm-name words that, translated, read as a person or group of people.
FIRM_PERSON_WORDS: dict[str, tuple[str, ...]] = {
    "Partners": ("合夥人", "合伙人", "夥伴們", "伙伴们"),
    "Associates": ("同事", "同仁", "夥伴"),
    "Advisors": ("顧問們",),
    "Brothers": (),  # 兄弟 is the established rendering of brokerage names (雷曼兄弟)
}

#: ``Srini Pajjuri, Raymond James.``: the operator introducing an analyst and the firm.
_INTRO = re.compile(
    r"^(?P<person>[A-Z][\w'.\-]+(?: [A-Z][\w'.\-]+){0,3}),\s+(?:with\s+|from\s+|of\s+)?"
    r"(?P<firm>[A-Z][\w&'.\-]*(?: (?:&|and|of|[A-Z][\w&'.\-]*))*?)\.?$"
)
#: ``... comes from the line of Srini Pajjuri with Raymond James.``: ``\b(?:from|of)``
#: then the person and the firm, as two patterns that each start with a literal word
#: (``from(?<!\wfrom)`` is ``\bfrom``), so that a search skips in C to the next
#: ``from`` or ``of`` instead of trying every ``f`` and ``o``; :func:`_from_line` takes the
#: leftmost of their matches, which is the match of the alternation of the two.
_FROM_LINE_REST = (
    r"\s+(?:the line of\s+)?(?P<person>[A-Z][a-z][\w'\-]*(?: [A-Z][\w'\-]+){1,2})"
    r"\s+(?:with|from|of|at)\s+(?P<firm>[A-Z][\w&'.\-]*(?: (?:&|and|[A-Z][\w&'.\-]*))*)"
)
_FROM_LINES = (
    re.compile(r"from(?<!\wfrom)" + _FROM_LINE_REST),
    re.compile(r"of(?<!\wof)" + _FROM_LINE_REST),
)


def _from_line(source: str) -> re.Match[str] | None:
    """The leftmost ``from``/``of`` line introducing a person and a firm."""
    first = None
    for pattern in _FROM_LINES:
        match = pattern.search(source)
        if match is not None and (first is None or match.start() < first.start()):
            first = match
    return first


#: Interpuncts Chinese uses between the parts of a transliterated personal name.
_NAME_DOT = re.compile("[\u00b7\u2027\u2022\u30fb\u0387]")
_SPLIT = re.compile("[,,、;;::]")


def _has(text: str, needle: str) -> bool:
    return needle.casefold().replace(" ", "") in text.casefold().replace(" ", "")


def entity_findings(segment: Segment, ctx: CheckContext) -> Iterator[Finding]:
    source, target = segment.source, segment.target
    if not source or not target or segment.align_type == "copy" or source.strip() == target.strip():
        return
    yield from _names_as_words(source, target, ctx.names)
    yield from _firms_as_people(source, target)


# --- names that became words --------------------------------------------------------------

#: Words of a firm's name that say what kind of firm it is; they are translated
#: (ROTH Capital -> 羅仕資本), so only the other words must survive.
GENERIC_FIRM_WORDS = frozenset(
    {
        "The",
        "A",
        "An",
        "And",
        "Of",
        "&",
        "Capital",
        "Partners",
        "Securities",
        "Research",
        "Group",
        "Bank",
        "Banking",
        "Company",
        "Co",
        "Markets",
        "Market",
        "Financial",
        "Finance",
        "Insights",
        "Equity",
        "Equities",
        "Advisors",
        "Advisory",
        "Associates",
        "Brothers",
        "Holdings",
        "Investments",
        "Investment",
        "Management",
        "Asset",
        "Global",
        "International",
        "Inc",
        "Corp",
        "Corporation",
        "LLC",
        "LLP",
        "Ltd",
        "Limited",
        "Trust",
        "Analytics",
        "Consulting",
        "Strategies",
        "Ventures",
        "Fund",
        "Funds",
        "Wealth",
        "Networks",
        "Network",
        "Semiconductor",
        "Semiconductors",
        "Systems",
        "Technologies",
        "Technology",
        "Labs",
        "Electronics",
        "Devices",
        "Instruments",
        "Communications",
        "Software",
        "Solutions",
        "Industries",
    }
)

#: Established Chinese names of banks and brokers (a translated name that is the firm's
#: own Chinese name is right, even when it contains an everyday word: 瑞士信貸, 晨星).
ESTABLISHED_FIRM_NAMES: dict[str, tuple[str, ...]] = {
    "goldman sachs": ("高盛",),
    "morgan stanley": ("摩根士丹利", "摩根史坦利", "大摩"),
    "jpmorgan": ("摩根大通", "小摩"),
    "j.p. morgan": ("摩根大通", "小摩"),
    "bank of america": ("美國銀行", "美国银行", "美銀", "美银", "美林"),
    "bofa": ("美銀", "美银", "美林"),
    "merrill lynch": ("美林",),
    "citi": ("花旗",),
    "wells fargo": ("富國", "富国"),
    "ubs": ("瑞銀", "瑞银"),
    "credit suisse": ("瑞士信貸", "瑞士信贷", "瑞信"),
    "deutsche bank": ("德意志銀行", "德意志银行", "德銀", "德银"),
    "barclays": ("巴克萊", "巴克莱"),
    "hsbc": ("匯豐", "汇丰"),
    "mizuho": ("瑞穗",),
    "nomura": ("野村",),
    "daiwa": ("大和",),
    "jefferies": ("傑富瑞", "杰富瑞"),
    "macquarie": ("麥格理", "麦格理"),
    "bernstein": ("伯恩斯坦",),
    "oppenheimer": ("奧本海默", "奥本海默"),
    "raymond james": ("瑞傑", "瑞杰"),
    "morningstar": ("晨星",),
    "citic": ("中信",),
    "cicc": ("中金",),
}

_SEVERITY: dict[str, Severity] = {
    FIRM: "critical",
    PRODUCT: "critical",
    PERSON: "major",
    NICKNAME: "major",
}
#: When one word belongs to several names, the finding speaks of the first kind here.
_KIND_ORDER = (FIRM, PRODUCT, PERSON, NICKNAME)


@dataclass(frozen=True)
class Protected:
    """One word of a document name that must survive, with its everyday senses."""

    word: str
    name: DocName
    senses: WordSenses
    #: Chinese names of the firm that are right (its established name).
    established: tuple[str, ...] = ()

    @property
    def survivors(self) -> tuple[str, ...]:
        """Chinese that shows the name survived: a transliteration, the firm's own name."""
        return self.senses.transliterations + self.established

    @property
    def as_name(self) -> re.Pattern[str]:
        """The word capitalised, as a whole word."""
        return _patterns(self.word)[0]

    @property
    def as_word(self) -> re.Pattern[str]:
        """The word in lower case: used as a common word."""
        return _patterns(self.word)[1]


@lru_cache(maxsize=256)
def _patterns(word: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    r"""``(?<![\w'’-])Word(?![\w'’])`` and ``\bword\b``, written with the word first and the
    look-behind after it, so that a search skips in C to the word."""
    name, lower = re.escape(word), re.escape(word.lower())
    return (
        re.compile(rf"{name}(?<![\w'’\-]{name})(?![\w'’])"),
        re.compile(rf"{lower}(?<!\w{lower})(?!\w)"),
    )


def _as_doc_name(name: DocName | str) -> DocName:
    return name if isinstance(name, DocName) else DocName(name, PERSON, "")


def _established(firm: str) -> tuple[str, ...]:
    key = firm.casefold()
    return tuple(n for k, names in ESTABLISHED_FIRM_NAMES.items() if k in key for n in names)


def _words_at_stake(name: DocName) -> list[str]:
    if name.kind == FIRM:
        return [w for w in name.name.split() if w not in GENERIC_FIRM_WORDS and w[:1].isupper()]
    if name.kind == PERSON:
        return name.name.split()
    return [name.name]


@lru_cache(maxsize=8)
def protected_words(names: frozenset) -> tuple[tuple[Protected, ...], ...]:
    """The words of the document's names that have an everyday sense, once per document:
    for each word, the names it belongs to, firms and products first, fullest first.

    A name seen only as a lone capitalised word counts when two lines show it.
    """
    groups: dict[tuple[str, str, str], list[DocName]] = {}
    for name in map(_as_doc_name, names):
        groups.setdefault((name.name, name.kind, name.of), []).append(name)
    by_word: dict[str, list[Protected]] = {}
    for group in groups.values():
        group.sort()
        if all(n.lone for n in group) and len({n.where for n in group}) < 2:
            senses = senses_of(group[0].name)
            if senses is None or not senses.celestial:
                continue
        name = next((n for n in group if not n.lone), group[0])
        for word in _words_at_stake(name):
            senses = senses_of(word)
            if senses is None or not senses.renderings:
                continue
            candidate = Protected(
                word, name, senses, _established(name.name) if name.kind == FIRM else ()
            )
            by_word.setdefault(word, []).append(candidate)
    return tuple(tuple(sorted(by_word[w], key=_rank)) for w in sorted(by_word))


def _rank(p: Protected) -> tuple[int, int, DocName]:
    """Firms and products first; then the fullest name (Mark Delaney, not Mark)."""
    return _KIND_ORDER.index(p.name.kind), -len(p.name.name), p.name


def _occurrence(source: str, p: Protected) -> re.Match[str] | None:
    """Where ``p.word`` is used as a name in ``source``: capitalised, a whole word; a
    person's name not in a hyphenated word (Long-term), and at the start of a sentence only
    when it addresses or names someone (``Mark, ...``, ``Mark Delaney``), not ``Will you``."""
    person = p.name.kind in (PERSON, NICKNAME)
    for match in p.as_name.finditer(source):
        if not person:
            return match
        after = source[match.end() : match.end() + 2]
        if after.startswith("-"):
            continue
        before = source[: match.start()].rstrip()
        if before and before[-1] not in '.!?:;"“(—–':
            return match
        if not after.strip() or after[0] in ",.?!;:" or (after[0] == " " and after[1:].isupper()):
            return match
    return None


def _names_as_words(source: str, target: str, names: frozenset) -> Iterator[Finding]:
    if not names:
        return
    folded_target = None
    for candidates in protected_words(names):
        if candidates[0].word not in source:
            continue
        # Of the names the word belongs to, the one the sentence spells out (Grant Hunter,
        # not William Grant), else the first.
        p = next((c for c in candidates if c.name.name in source), candidates[0])
        match = _occurrence(source, p)
        if match is None or p.as_word.search(source):
            continue  # not a name here, or the word is also used as a word
        if folded_target is None:
            folded_target = target.casefold()
        if p.word.casefold() in folded_target or any(t in target for t in p.survivors):
            continue
        for rendering in p.senses.renderings:
            at = target.find(rendering)
            if at >= 0:
                yield ENT001.finding(
                    _message(p, rendering),
                    source_span=match.span(),
                    target_span=(at, at + len(rendering)),
                    expected=p.name.name if p.name.kind == FIRM else p.word,
                    found=rendering,
                    severity=_SEVERITY[p.name.kind],
                )
                break


def _message(p: Protected, rendering: str) -> str:
    name = p.name
    where = f" in '{name.where}'" if name.where else ""
    if name.kind == NICKNAME:
        what = f"'{p.word}', short for {name.of} (named{where})"
    elif name.kind == FIRM:
        what = f"'{p.word}' of the firm {name.name} (introduced{where})"
    elif name.kind == PRODUCT:
        what = f"the product name '{p.word}' (capitalised as a name{where})"
    elif name.name != p.word:
        what = f"'{p.word}' of the person's name {name.name} (introduced{where})"
    else:
        what = f"the person's name '{p.word}'" + (f" (introduced{where})" if where else "")
    sense = "the star sign or constellation" if p.senses.celestial else "the common word"
    keep = f"keep {name.name}" if name.kind == FIRM else f"keep {p.word}"
    return (
        f"{what} is not in the translation, which says '{rendering}' instead, {sense} "
        f"'{p.word.lower()}': {keep} or transliterate it"
    )


# --- firms translated as people -------------------------------------------------------------


def _firms_as_people(source: str, target: str) -> Iterator[Finding]:
    stripped = source.strip()
    match = _INTRO.match(stripped) if len(stripped) <= 100 else None
    if match is None:
        match = _from_line(source)
    if match is None:
        return
    firm = match.group("firm").rstrip(".")
    if not firm or _has(target, firm) or len(firm) < 3:
        return
    offset = source.find(firm)
    source_span = (offset, offset + len(firm)) if offset >= 0 else None
    for word, renderings in FIRM_PERSON_WORDS.items():
        if re.search(rf"\b{word}\b", firm):
            for rendering in renderings:
                at = target.find(rendering)
                if at >= 0:
                    yield ENT001.finding(
                        f"firm name '{firm}' translated with '{rendering}', which reads as a person",
                        source_span=source_span,
                        target_span=(at, at + len(rendering)),
                        expected=firm,
                        found=rendering,
                    )
                    return
    # The part of the target after the person's name is the firm; a name-dot there means
    # the firm was transliterated as if it were a person (Raymond James -> 雷蒙德‧詹姆斯).
    parts = _SPLIT.split(target)
    tail = parts[-1] if parts[-1].strip(" 。.") else (parts[-2] if len(parts) > 1 else "")
    dot = _NAME_DOT.search(tail)
    if len(parts) > 1 and dot:
        start = target.rfind(tail)
        yield ENT001.finding(
            f"firm name '{firm}' transliterated as a person's name",
            source_span=source_span,
            target_span=(start, start + len(tail.rstrip(" 。."))),
            expected=firm,
            found=tail.strip(" 。."),
        )


def check_segment(segment: Segment, ctx: CheckContext) -> Iterator[Finding]:
    yield from entity_findings(segment, ctx)


RULES = (ENT001,)
CHECKER = Checker(name="entities", rules=RULES, segment=check_segment)
