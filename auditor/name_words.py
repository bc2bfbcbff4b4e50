"""What an English word that serves as a name means as a common word, in Chinese.

Machine translation turns a speaker called Mark into 標記 (a mark), a product called Taurus
into the zodiac sign 金牛座 and a firm called Loop Capital into 循環資本 (a loop). The entity
rules need, for a word the document uses as a name, the Chinese words for its everyday
sense, and the transliterations that show the name survived. Two sources:

- ``auditor/data/name_words.tsv``, read backwards out of CC-CEDICT by
  ``scripts/build_name_words.py`` (CC BY-SA 4.0; see the file's header);
- :data:`GIVEN_NAME_WORDS` and :data:`EVERYDAY_SUPPLEMENT` below, reviewed by hand: given
  names and surnames that are English words, and everyday renderings CC-CEDICT lacks
  under the English word (擺動 for *bob*, 信標 for *beacon*).
"""

from __future__ import annotations

from array import array
from dataclasses import dataclass
from functools import cache
from itertools import accumulate
from pathlib import Path

from glossary.cache import cached, content_digest

DATA = Path(__file__).resolve().parent / "data" / "name_words.tsv"

#: Given names and surnames that are also English words, with the word senses machine
#: translation produces for them (single characters included where they are the sense).
GIVEN_NAME_WORDS: dict[str, tuple[str, ...]] = {
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


#: Everyday renderings machine translation uses that CC-CEDICT does not list under the
#: English word (its 信標 is glossed "a signal", its 峰會 "summit meeting"); reviewed by hand.
EVERYDAY_SUPPLEMENT: dict[str, tuple[str, ...]] = {
    "beacon": ("信標", "信标", "燈塔", "灯塔"),
    "summit": ("峰會", "峰会"),
}


@dataclass(frozen=True)
class WordSenses:
    """The Chinese for an English word's everyday sense, and for the word as a name."""

    #: Everyday renderings, longest first (so 金牛座 is reported rather than 金牛).
    renderings: tuple[str, ...]
    #: Renderings by sound (格蘭特 for Grant): the name survived.
    transliterations: tuple[str, ...]
    #: A star sign, constellation, planet or mythological figure (a proper noun that is
    #: also the everyday word a product name turns into).
    celestial: bool = False


def _longest_first(words: set[str]) -> tuple[str, ...]:
    return tuple(sorted(words, key=lambda w: (-len(w), w)))


@cache
def _table() -> dict[str, WordSenses]:
    """The CC-CEDICT-derived table merged with :data:`GIVEN_NAME_WORDS` (read once)."""
    rows: dict[str, tuple[set[str], set[str], bool]] = {}
    with DATA.open(encoding="utf-8") as fh:
        for line in fh:
            if line.startswith(("#", "en\t")):
                continue
            word, kind, renderings, transliterations = line.rstrip("\n").split("\t")
            rows[word] = (
                set(filter(None, renderings.split("|"))),
                set(filter(None, transliterations.split("|"))),
                kind == "celestial",
            )
    for word, senses in [*GIVEN_NAME_WORDS.items(), *EVERYDAY_SUPPLEMENT.items()]:
        rows.setdefault(word.lower(), (set(), set(), False))[0].update(senses)
    return {
        word: WordSenses(_longest_first(r - t), _longest_first(t), celestial)
        for word, (r, t, celestial) in rows.items()
    }


def senses_of(word: str) -> WordSenses | None:
    """The senses of ``word`` (any case), or ``None`` when it is no dictionary word."""
    return _lookup(word.lower())


def is_word(word: str) -> bool:
    """Whether ``word`` has an everyday Chinese rendering (it is a common English word)."""
    found = _lookup(word.lower())
    return found is not None and bool(found.renderings)


# A run looks up a handful of words, and building all 22,000 entries of :func:`_table`
# costs 0.2 s, most of a one-pair check: the lookups read the file into raw lines (a
# dictionary of strings) and build an entry the first time its word is asked for, as
# :func:`_table` would (a test holds them equal).


@cache
def _lookup(key: str) -> WordSenses | None:
    line = _raw_lines().get(key)
    extra = _supplements().get(key)
    if line is None and extra is None:
        return None
    renderings: set[str] = set()
    transliterations: set[str] = set()
    celestial = False
    if line is not None:
        kind, said, sounded = line.split("\t")
        renderings = set(filter(None, said.split("|")))
        transliterations = set(filter(None, sounded.split("|")))
        celestial = kind == "celestial"
    renderings.update(extra or ())
    return WordSenses(
        _longest_first(renderings - transliterations), _longest_first(transliterations), celestial
    )


@cache
def _raw_lines() -> SortedLines:
    """``word -> "kind\trenderings\ttransliterations"`` as the file has them (kept in the
    user cache, :mod:`glossary.cache`, by the file's content and this module's code)."""
    data = DATA.read_bytes()
    digest = content_digest((data, Path(__file__).read_bytes()))
    return cached("name-words", digest, lambda: SortedLines.of(_split_lines(data.decode("utf-8"))))


def _split_lines(text: str) -> dict[str, str]:
    lines: dict[str, str] = {}
    for line in text.split("\n"):
        if line.startswith(("#", "en\t")) or not line:
            continue
        word, rest = line.split("\t", 1)
        lines[word] = rest
    return lines


class SortedLines:
    """A ``word -> rest of its line`` table kept as one text of ``word\trest`` lines in
    word order, looked up by bisection: read back from the user cache in 2 ms, where a
    dictionary of its 22,000 words takes 12 ms (a run looks up a handful of them)."""

    def __init__(self, text: str, starts: array):
        self._text = text
        #: Where each line starts in ``_text``; the text ends with a newline.
        self._starts = starts

    @classmethod
    def of(cls, lines: dict[str, str]) -> SortedLines:
        ordered = [f"{word}\t{lines[word]}\n" for word in sorted(lines)]
        starts = array("L", accumulate((len(line) for line in ordered[:-1]), initial=0))
        return cls("".join(ordered), starts if ordered else array("L"))

    def get(self, word: str) -> str | None:
        """The rest of ``word``'s line, or ``None``. Lines are in order, so whether a line
        begins with something below ``word + "\t"`` flips once along them."""
        key = word + "\t"
        text, starts = self._text, self._starts
        low, high = 0, len(starts)
        while low < high:
            middle = (low + high) // 2
            start = starts[middle]
            if text[start : start + len(key)] < key:
                low = middle + 1
            else:
                high = middle
        if low == len(starts) or not text.startswith(key, starts[low]):
            return None
        start = starts[low] + len(key)
        return text[start : text.index("\n", start)]


@cache
def _supplements() -> dict[str, set[str]]:
    """:data:`GIVEN_NAME_WORDS` and :data:`EVERYDAY_SUPPLEMENT` by lower-case word."""
    merged: dict[str, set[str]] = {}
    for word, senses in [*GIVEN_NAME_WORDS.items(), *EVERYDAY_SUPPLEMENT.items()]:
        merged.setdefault(word.lower(), set()).update(senses)
    return merged
