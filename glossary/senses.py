"""Senses of ordinary words: when an everyday rendering is wrong, and what it means.

Earnings calls and datasheets are full of ordinary words with a domain sense: a design
*win*, a product *family*, a *yield*. Machine translation picks the everyday sense
(勝利, 家庭, 收益). Three mechanisms, all worked out from the termbase itself:

- **Sense concepts** carry cue words (the ``context`` column): the domain sense of
  *yield* is meant where *wafer*, *die* or *defect* is in the same sentence, not in
  "bond yields". A sense concept's forbidden renderings count only where a cue is there
  (:func:`cue_words`); it never requires an approved rendering, because ordinary words
  are paraphrased freely.
- **Multi-word terms lend their sense to their words** (:func:`lend_senses`). A term
  that contains a word and renders it with one of the word's approved renderings
  (``wafer yield`` -> 晶圓良率 holds 良率, an approved rendering of *yield*) says which
  sense the word has in this domain. So the term's other words become cues of the lone
  word (*wafer* establishes the sense of a lone *yield*), and the word's forbidden
  renderings become the term's (晶圓收益 is as wrong as 收益). A term that renders the
  word otherwise (``dividend yield`` -> 殖利率) is another sense and lends nothing.
- **Everyday renderings from a dictionary**: ``glossary/data/cedict_senses.tsv``
  (derived from CC-CEDICT, CC BY-SA 4.0, by ``scripts/build_sense_inventory.py``) adds
  reviewed everyday renderings, with what each means, to the sense concepts of the
  shipped termbase (:func:`with_everyday`). The meanings explain findings.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace

from glossary.fold import fold_zh
from glossary.model import Concept, Termbase

#: Words that establish nothing: a term's function words are not cues.
_STOPWORDS = frozenset(
    {
        "a",
        "an",
        "and",
        "as",
        "at",
        "by",
        "for",
        "from",
        "in",
        "into",
        "of",
        "on",
        "or",
        "per",
        "the",
        "to",
        "via",
        "with",
        "vs",
    }
)
_WORD = re.compile(r"[a-z0-9]+")


def _words(text: str) -> list[str]:
    return _WORD.findall(text.casefold())


def _word_forms(word: str) -> tuple[str, ...]:
    """A cue word and its inflections (``wafer`` -> wafers; ``ship`` -> shipping,
    shipped): what a sentence can say."""
    forms = {word, word + "s", word + "es", word + "ed", word + "d", word + "ing"}
    if word.endswith("y") and len(word) > 2:
        forms.add(word[:-1] + "ies")
    if word.endswith("e"):
        forms.add(word[:-1] + "ing")
    if (
        len(word) > 2
        and word[-1] not in "aeiouwxy"
        and word[-2] in "aeiou"
        and word[-3] not in "aeiou"
    ):
        forms.update((word + word[-1] + "ed", word + word[-1] + "ing"))  # ship -> shipped
    return tuple(forms)


def _compact(text: str) -> str:
    return "".join(fold_zh(text).split())


def _single_word(concept: Concept) -> frozenset[str] | None:
    """The word forms of a one-word concept (head and one-word variants), or ``None``."""
    heads = [_words(form) for form in concept.english_forms]
    if len(heads[0]) != 1 or concept.dnt:
        return None
    forms: set[str] = set()
    for words in heads:
        if len(words) == 1:
            forms.update(_word_forms(words[0]))
    return frozenset(forms)


def lend_senses(concepts: Sequence[Concept]) -> tuple[list[tuple[str, ...]], list[frozenset[str]]]:
    """For each concept: the forbidden renderings lent to it by its words, and the cue
    words lent to it by the terms that contain it (see the module docstring).

    A term lends to a word, and the word to the term, when the term contains the word
    (any inflection) and one of the term's approved renderings contains one of the
    word's: both then mean the same sense.
    """
    lent: list[tuple[str, ...]] = [() for _ in concepts]
    cues: list[frozenset[str]] = [frozenset() for _ in concepts]
    approved = [
        tuple(
            a
            for a in dict.fromkeys(_compact(s) for s in (*c.zh_tw, *c.zh_cn))
            if a and not a.isascii()
        )
        for c in concepts
    ]
    by_word: dict[str, list[int]] = {}
    for number, concept in enumerate(concepts):
        forms = _single_word(concept)
        if forms is None or not approved[number]:
            continue
        for form in forms:
            by_word.setdefault(form, []).append(number)
    if not by_word:
        return lent, cues
    lent_sets: list[dict[str, None]] = [{} for _ in concepts]
    cue_sets: list[set[str]] = [set() for _ in concepts]
    for number, concept in enumerate(concepts):
        if concept.dnt or not approved[number]:
            continue
        for form in concept.english_forms:
            words = _words(form)
            if len(words) < 2:
                continue
            for word in words:
                for lender in by_word.get(word, ()):
                    if lender == number or not any(
                        a in term for a in approved[lender] for term in approved[number]
                    ):
                        continue
                    cue_sets[lender].update(w for w in words if w != word and w not in _STOPWORDS)
                    own = approved[number]
                    for string in concepts[lender].forbidden:
                        folded = _compact(string)
                        if folded and not any(folded in a or a in folded for a in own):
                            lent_sets[number][string] = None
    for number in range(len(concepts)):
        own_forbidden = set(concepts[number].forbidden)
        lent[number] = tuple(s for s in lent_sets[number] if s not in own_forbidden)
        cues[number] = frozenset(cue_sets[number])
    return lent, cues


def cue_words(
    concepts: Sequence[Concept], lent_cues: Sequence[frozenset[str]]
) -> list[frozenset[str] | None]:
    """Per concept, the word forms whose presence in the source sentence establishes its
    domain sense, or ``None`` for a concept that is checked everywhere (no ``context``)."""
    result: list[frozenset[str] | None] = []
    for concept, lent in zip(concepts, lent_cues, strict=True):
        if not concept.context or "*" in concept.context:  # no cue needed
            result.append(None)
            continue
        words = {w for cue in concept.context for w in _words(cue)} | set(lent)
        own = {  # the word itself is no cue (its one-word forms; not 'customer' of 'customer wins')
            f
            for form in concept.english_forms
            if len(_words(form)) == 1
            for f in _word_forms(_words(form)[0])
        }
        result.append(frozenset(f for w in words for f in _word_forms(w)) - own)
    return result


#: How many words either side of an ordinary word a cue may be: transcript sentences run
#: long, and a cue three clauses away says little (Board of Directors ... connectivity).
CUE_WINDOW = 10
#: Characters either side of a word that surely hold :data:`CUE_WINDOW` words of text
#: (longer words are rare; a window cut short only loses a far cue).
_CUE_CHARS = 16 * CUE_WINDOW
_LOWER_WORD = re.compile(r"[a-z0-9]+")
_ASCII_LOWER = {c: c + 32 for c in range(ord("A"), ord("Z") + 1)}
#: What may end the sentence before a word (so that its capital is the sentence's).
_SENTENCE_END = frozenset('.!?:;"\u201c(\u2014-')


class SourceWords:
    """A source sentence, asked whether its ordinary words have their domain sense.

    Only the words around a word in question are read (a sentence may be long, and most
    have no sense word at all): the source is lower-cased once (ASCII only, so offsets
    stay), on first need.
    """

    def __init__(self, source: str):
        self.source = source
        self._lowered: str | None = None

    def sense_meant(self, start: int, end: int, cues: frozenset[str]) -> bool:
        """Whether the ordinary word at ``[start, end)`` has its domain sense here: a cue
        word within :data:`CUE_WINDOW` words of it, and the word not capitalised inside
        the sentence (Board of Directors, Lumio Foundry: a name or a title)."""
        source = self.source
        if (
            source[start].isupper()
            and not source[start:end].isupper()
            and not self._starts_sentence(start)
        ):
            return False
        lowered = self._lowered
        if lowered is None:
            lowered = self._lowered = (
                source.lower() if source.isascii() else source.translate(_ASCII_LOWER)
            )
        lo = max(0, start - _CUE_CHARS)
        before = _LOWER_WORD.findall(lowered, lo, start)
        if lo and before and lowered[lo - 1 : lo].isalnum():
            before.pop(0)  # a word cut by the window
        hi = end + _CUE_CHARS
        after = _LOWER_WORD.findall(lowered, end, hi)
        if hi < len(lowered) and after and lowered[hi : hi + 1].isalnum():
            after.pop()
        return not (cues.isdisjoint(before[-CUE_WINDOW:]) and cues.isdisjoint(after[:CUE_WINDOW]))

    def _starts_sentence(self, start: int) -> bool:
        before = self.source[:start].rstrip(" \t\u00a0'\u2018\u201c\"")
        return not before or before[-1] in _SENTENCE_END


# ---------------------------------------------------------------------------
# Everyday renderings derived from CC-CEDICT
# ---------------------------------------------------------------------------

#: Columns of ``glossary/data/cedict_senses.tsv``.
EVERYDAY_COLUMNS = ("en", "forbidden", "traditional", "simplified", "pinyin", "gloss")


def parse_everyday(text: str) -> dict[str, tuple[tuple[str, str, bool], ...]]:
    """``glossary/data/cedict_senses.tsv`` as ``concept key -> ((rendering, meaning,
    forbid), ...)``: ``forbid`` for a reviewed candidate (origin ``review``), not for a
    row that only gives the meaning of one of the termbase's own renderings.

    Lines starting with ``#`` are comments (the licence and attribution); the first other
    line is the header.
    """
    result: dict[str, dict[str, tuple[str, bool]]] = {}
    header: list[str] | None = None
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if header is None:
            header = cells
            continue
        row = dict(zip(header, cells, strict=False))
        key, rendering = row.get("en", "").casefold(), row.get("forbidden", "")
        if key and rendering:
            forbid = row.get("origin", "review") != "termbase"
            result.setdefault(key, {}).setdefault(rendering, (row.get("gloss", ""), forbid))
    return {
        key: tuple(
            (rendering, meaning, forbid) for rendering, (meaning, forbid) in renderings.items()
        )
        for key, renderings in result.items()
    }


def with_everyday(
    termbase: Termbase, everyday: Mapping[str, Iterable[tuple[str, str, bool]]]
) -> Termbase:
    """``termbase`` with the everyday renderings added to the sense concepts they name
    (as forbidden renderings, with their meanings), except where one is approved or part
    of an approved rendering; rows that do not forbid only give meanings."""
    concepts = []
    for concept in termbase.concepts:
        extra = everyday.get(concept.key) if concept.context else None
        if not extra:
            concepts.append(concept)
            continue
        approved = [_compact(a) for a in (*concept.zh_tw, *concept.zh_cn)]
        have = {_compact(f) for f in concept.forbidden}
        added = [
            (rendering, meaning)
            for rendering, meaning, forbid in extra
            if forbid
            and _compact(rendering) not in have
            and not any(_compact(rendering) in a or a in _compact(rendering) for a in approved if a)
        ]
        forbidden = concept.forbidden + tuple(r for r, _ in added)
        glosses = dict(concept.glosses)
        for rendering, meaning, _ in extra:
            if rendering in forbidden and meaning:
                glosses.setdefault(rendering, meaning)
        concepts.append(replace(concept, forbidden=forbidden, glosses=tuple(glosses.items())))
    return Termbase(tuple(concepts), termbase.sources)
