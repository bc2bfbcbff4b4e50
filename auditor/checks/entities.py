"""Entity rules: names of people, firms and products that machine translation turned into
common words or rendered as something else.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from auditor.checks.base import CheckContext, Checker, Rule
from auditor.model import Finding, Segment

ENT001 = Rule(
    code="ENT001",
    name="name-became-word",
    category="entity",
    severity="minor",
    mqm="Accuracy/Mistranslation",
    what="A person's or firm's name from the source was translated as a common word or "
    "transliterated like a person's name.",
    why="Speakers and analysts' firms are named in every transcript; machine translation "
    "turns Mark into 標記 (a mark) and ROTH Capital Partners into 合夥人 (a partner, a person).",
    example="'Mark?' -> '標記?'; 'Suji Desilva, ROTH Capital Partners.' -> '…羅仕資本合夥人。'",
)

#: Given names and surnames that are also English words, with the word senses machine
#: translation produces for them. Only names the document itself introduces (speaker
#: lines) are checked, so ``Mark`` the verb in ordinary prose is never at stake.
NAME_WORDS: dict[str, tuple[str, ...]] = {
    "Mark": ("標記", "標示", "記號", "馬克杯"),
    "Will": ("意志", "遺囑", "將會"),
    "Bill": ("帳單", "賬單", "法案", "鈔票"),
    "Grant": ("授予", "撥款", "補助", "贈款"),
    "Frank": ("坦率", "坦白", "直率"),
    "Hope": ("希望",),
    "Joy": ("喜悅", "快樂", "歡樂"),
    "Rich": ("富有", "豐富", "有錢"),
    "Chase": ("追逐", "追趕", "追求"),
    "Dawn": ("黎明", "拂曉"),
    "Faith": ("信仰", "信念"),
    "Drew": ("畫了", "繪製", "吸引"),
    "Ray": ("射線", "光線"),
    "Jack": ("千斤頂", "插孔"),
    "Guy": ("傢伙",),
    "Matt": ("霧面", "亞光"),
    "Max": ("最大值", "最大"),
    "Miles": ("英里", "哩"),
    "Dean": ("院長",),
    "Rob": ("搶劫",),
    "Sue": ("起訴",),
    "Pat": ("輕拍",),
    "Bob": ("擺動",),
    "Gene": ("基因",),
    "Price": ("價格",),
    "Brown": ("棕色", "褐色"),
    "White": ("白色",),
    "Green": ("綠色",),
    "Black": ("黑色",),
    "Young": ("年輕",),
    "Long": ("長期", "很長"),
    "Hunter": ("獵人",),
    "Fox": ("狐狸",),
    "Wolf": ("狼",),
    "Stone": ("石頭",),
    "Cash": ("現金",),
    "Summer": ("夏天", "夏季"),
    "April": ("四月",),
    "June": ("六月",),
    "Rose": ("玫瑰",),
    "Lily": ("百合",),
    "Iris": ("虹膜",),
    "Sandy": ("沙質", "沙灘"),
    "Wade": ("涉水",),
    "Glen": ("峽谷",),
    "Cliff": ("懸崖",),
    "Brook": ("小溪",),
    "Forest": ("森林",),
    "Victor": ("勝利者",),
    "Earnest": ("認真",),
    "Sterling": ("英鎊",),
}

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


@lru_cache(maxsize=8)
def _word_names(names: frozenset[str]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The document's names that are also words, with those words, in name order (once
    per document, not once per segment)."""
    return tuple((name, NAME_WORDS[name]) for name in sorted(names) if NAME_WORDS.get(name))


def _names_as_words(source: str, target: str, names: frozenset[str]) -> Iterator[Finding]:
    for name, words in _word_names(names):
        if name not in source:  # ``\bName\b`` below needs the name itself
            continue
        match = re.search(rf"\b{re.escape(name)}\b", source)
        if match is None or _has(target, name):
            continue
        if re.search(rf"\b{re.escape(name.lower())}\b", source):  # the word is also used
            continue
        for word in words:
            at = target.find(word)
            if at >= 0:
                yield ENT001.finding(
                    f"the name '{name}' became the common word '{word}'",
                    source_span=match.span(),
                    target_span=(at, at + len(word)),
                    expected=name,
                    found=word,
                )
                break


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
