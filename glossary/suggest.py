"""``auditor glossary suggest``: mine candidate termbase entries from an aligned file.

English side: n-grams (1-4 words, within a clause) that neither start nor end with a
stopword, counted once per segment, ranked by frequency and by what makes a word look like
a term (an acronym such as PCIe, a capitalised word mid-sentence, a word already used in
the termbase, several words). Chinese side: the aligned targets are segmented with jieba
(termbase renderings loaded as user words, so a known term stays one token), and each
English candidate gets the run of 1-3 tokens that co-occurs with it best by the Dice
coefficient 2·c(e,z) / (c(e) + c(z)). A candidate found verbatim in its targets is proposed
as do-not-translate. The result is for a person to review, never loaded as is.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from glossary.model import Termbase
from glossary.segmenter import import_jieba

if TYPE_CHECKING:
    from jieba import Tokenizer  # type: ignore[import-untyped]  # jieba ships no stubs

jieba = import_jieba()

_TOKEN = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:'[A-Za-z]+)?(?:[-&/][A-Za-z0-9]+)*")
_WORD_OR_OTHER = re.compile(_TOKEN.pattern + r"|[A-Za-z0-9]+|[^\sA-Za-z0-9]+")
_BREAK = "\x00"
_CLAUSE = re.compile(r"[,;:!?()\"“”‘’\[\]]|\.(?=\s|$)|\s[-–—]+\s")
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_ZH_TOKEN = re.compile(r"^(?:[\u3400-\u9fff\uf900-\ufaff]+|[A-Za-z][A-Za-z0-9\-]*)$")

STOPWORDS: frozenset[str] = frozenset(
    """
a about above across after again against all almost also although always am among an and
another any anything are around as ask asked at be because been before being below between
both but by can could did do does doing done during each either else even ever every few
first for from further get gets getting give given go going gone good got great had has have
having he her here hers him his how however i if in into is it its itself just kind know let
like likely lot lots made make makes making many may maybe me might more most much must my
need needs new next no nor not now of off often on once one only or other others our ours
ourselves over own per perhaps please put quite rather really right said same say says see
seen she should since so some something still such sure take taking than thank thanks that
the their theirs them themselves then there these they thing things think this those though
through thus to today too two under until upon us use used very via want was way we well
were what whatever when where whether which while who whom whose why will with within without
would yeah yes yet you your yours year years quarter quarters time times also okay ok mean
look looking call question questions obviously certainly clearly actually basically talk
talked talking lead leading continue continued continues expect expected believe see seeing
""".split()
)
#: Words that may sit inside or at the end of a term (scale up, front end) but are no term alone.
WEAK_ALONE: frozenset[str] = frozenset("up out down back end front half side top high low".split())

ZH_STOPWORDS: frozenset[str] = frozenset(
    """
的 了 和 與 及 在 是 我們 你們 他們 我 你 他 她 它 這 那 這些 那些 這個 那個 一個 也 都 將 會 把 被
对 對 為 为 以 於 于 從 从 而 並 或 等 上 中 下 其 其中 有 沒有 没有 就 還 还 很 非常 更 最 讓 让 給 给
向 到 由 之 所 以及 因此 所以 但 但是 然後 然后 如果 因為 因为 可以 能夠 能够 能 要 已經 已经 正在
我們的 我们 这 这些 这个 个 個 着 著 地 得 又 再 啊 嗎 吗 呢 吧 是否 一些 一 兩 两 第 年 季 次 時 时
""".split()
)


@dataclass(frozen=True)
class Candidate:
    """A proposed entry: an English term and the Chinese it co-occurs with best."""

    en: str
    #: Segments whose source contains the English term.
    count: int
    score: float
    zh: str = ""
    #: Segments whose target contains ``zh`` among those with the English term.
    together: int = 0
    dice: float = 0.0
    dnt: bool = False
    alternatives: tuple[tuple[str, int], ...] = ()


def _clauses(text: str) -> list[list[str]]:
    """Word tokens per clause. A possessive loses its 's; a contraction (we're), a number
    or a symbol becomes a break (``_BREAK``) that no n-gram crosses (rack 5 customers)."""
    out = []
    for clause in _CLAUSE.split(text.replace("’", "'")):
        tokens = []
        for match in _WORD_OR_OTHER.finditer(clause):
            token = match.group()
            if not _TOKEN.fullmatch(token):
                token = _BREAK
            elif token.lower().endswith("'s"):
                token = token[:-2]
            elif "'" in token:
                token = _BREAK
            tokens.append(token)
        if any(t != _BREAK for t in tokens):
            out.append(tokens)
    return out


def _is_acronym(token: str) -> bool:
    return sum(ch.isupper() for ch in token) >= 2 or (
        any(ch.isdigit() for ch in token) and any(ch.isalpha() for ch in token)
    )


def _ngrams(tokens: Sequence[str], max_n: int) -> Iterable[tuple[int, int]]:
    for start in range(len(tokens)):
        first = tokens[start].lower()
        if first in STOPWORDS or first == _BREAK:
            continue
        for end in range(start + 1, min(start + max_n, len(tokens)) + 1):
            last = tokens[end - 1].lower()
            if last == _BREAK:
                break
            if last in STOPWORDS:
                continue
            if end - start == 1 and (
                first in WEAK_ALONE or (len(first) < 3 and not _is_acronym(tokens[start]))
            ):
                continue
            inner = tokens[start + 1 : end - 1]
            if sum(t.lower() in STOPWORDS for t in inner) > 1:
                continue
            yield start, end


def _singular(form: str) -> str:
    if form.endswith("ies") and len(form) > 4:
        return form[:-3] + "y"
    if form.endswith(("ses", "xes", "ches", "shes")):
        return form[:-2]
    if form.endswith("s") and not form.endswith("ss") and len(form) > 3:
        return form[:-1]
    return form


def _known_forms(termbase: Termbase | None) -> tuple[set[str], set[str]]:
    forms: set[str] = set()
    words: set[str] = set()
    for concept in termbase.concepts if termbase else ():
        for form in concept.english_forms:
            low = form.casefold()
            forms.add(low)
            forms.add(_singular(low))
            words.update(w for w in re.findall(r"[a-z0-9]+", low) if w not in STOPWORDS)
    return forms, words


@dataclass
class _English:
    surfaces: Counter
    segments: set
    acronym: bool = False
    capitalised: bool = False


def _english_candidates(sources: Sequence[str], max_n: int) -> dict[str, _English]:
    found: dict[str, _English] = {}
    for index, source in enumerate(sources):
        for tokens in _clauses(source):
            for start, end in _ngrams(tokens, max_n):
                words = tokens[start:end]
                surface = " ".join(words)
                key = " ".join([*surface.casefold().split()[:-1], _singular(words[-1].casefold())])
                entry = found.get(key)
                if entry is None:
                    entry = found[key] = _English(Counter(), set())
                entry.surfaces[surface] += 1
                entry.segments.add(index)
                entry.acronym = entry.acronym or any(_is_acronym(w) for w in words)
                if any(w[0].isupper() for w in words[(1 if start == 0 else 0) :]):
                    entry.capitalised = True
    return found


def _drop_subsumed(ranked: dict[str, _English]) -> dict[str, _English]:
    """``Aries`` goes when ``Aries 6`` accounts for nearly all of its segments."""
    keep = dict(ranked)
    for key, entry in ranked.items():
        words = key.split()
        for n in range(1, len(words)):
            for start in range(len(words) - n + 1):
                sub = " ".join(words[start : start + n])
                shorter = keep.get(sub)
                if shorter is not None and len(entry.segments) >= 0.9 * len(shorter.segments):
                    del keep[sub]
    return keep


def _tokenizer(termbase: Termbase | None) -> Tokenizer:
    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    for concept in termbase.concepts if termbase else ():
        for rendering in (*concept.zh_tw, *concept.zh_cn):
            if _HAN.search(rendering) and " " not in rendering:
                tokenizer.add_word(rendering, freq=100000)
    return tokenizer


def _words(tokenizer: Tokenizer, text: str) -> list[tuple[str, bool]]:
    """jieba tokens without the spaces, each with whether a space preceded it (AI 機架)."""
    words: list[tuple[str, bool]] = []
    space = False
    for token in tokenizer.lcut(text):
        if token.isspace():
            space = True
            continue
        words.append((token, space))
        space = False
    return words


def _units(words: Sequence[tuple[str, bool]]) -> set[str]:
    """Runs of 1-3 jieba tokens that could be a rendering: two or more Han characters in
    them, no stopword at either end, as they are written (with their inner spaces)."""
    units: set[str] = set()
    for start in range(len(words)):
        if words[start][0] in ZH_STOPWORDS or not _ZH_TOKEN.match(words[start][0]):
            continue
        unit = ""
        for end in range(start, min(start + 3, len(words))):
            token, space = words[end]
            if not _ZH_TOKEN.match(token):
                break
            unit += (" " if space and end > start else "") + token
            if token in ZH_STOPWORDS:
                continue
            if len(_HAN.findall(unit)) >= 2 and len(unit) <= 12:
                units.add(unit)
    return units


def suggest_terms(
    pairs: Sequence[tuple[str, str]],
    termbase: Termbase | None = None,
    *,
    min_count: int = 2,
    top: int = 100,
    max_n: int = 4,
    include_known: bool = False,
) -> list[Candidate]:
    """Candidate entries from aligned ``(english, chinese)`` pairs, best first."""
    sources = [s for s, _ in pairs]
    targets = [t for _, t in pairs]
    known, domain = _known_forms(termbase)
    found = _english_candidates(sources, max_n)
    scored: dict[str, tuple[float, _English]] = {}
    for key, entry in found.items():
        count = len(entry.segments)
        if count < min_count:
            continue
        if not include_known and (key in known or _singular(key) in known):
            continue
        words = key.split()
        weight = 1.0 + 1.0 * entry.acronym + 0.5 * entry.capitalised + 0.3 * (len(words) - 1)
        weight += 0.5 * any(w in domain for w in words)
        scored[key] = (count * weight, entry)
    ranked = {k: e for k, (_, e) in sorted(scored.items(), key=lambda kv: -kv[1][0])}
    ranked = _drop_subsumed(ranked)
    chosen = list(ranked.items())[:top]

    tokenizer = _tokenizer(termbase)
    units_of: dict[int, set[str]] = {}
    for index, target in enumerate(targets):
        if target and _HAN.search(target):
            units_of[index] = _units(_words(tokenizer, target))
    frequency: Counter = Counter(u for units in units_of.values() for u in units)

    candidates: list[Candidate] = []
    for key, entry in chosen:
        surface = entry.surfaces.most_common(1)[0][0]
        count = len(entry.segments)
        score = scored[key][0]
        forms = "|".join(re.escape(f) for f in sorted(entry.surfaces, key=len, reverse=True))
        pattern = re.compile(rf"(?<![A-Za-z0-9])(?:{forms})(?![A-Za-z0-9])", re.IGNORECASE)
        verbatim = sum(1 for i in entry.segments if pattern.search(targets[i] or ""))
        together: Counter = Counter(u for i in entry.segments for u in units_of.get(i, ()))
        options = sorted(
            (
                (2 * both / (count + frequency[unit]), both, len(unit), unit)
                for unit, both in together.items()
                if both >= min_count
            ),
            reverse=True,
        )
        best_both = options[0][1] if options else 0
        if verbatim >= min_count and verbatim >= best_both:
            candidates.append(
                Candidate(
                    surface, count, score, surface, verbatim, round(verbatim / count, 3), dnt=True
                )
            )
            continue
        if not options:
            candidates.append(Candidate(surface, count, score))
            continue
        dice, both, _, unit = options[0]
        # A fragment (太網路) gives way to the whole word (乙太網路) found almost as often.
        for d, b, _, u in options:
            if unit in u and len(u) > len(unit) and b >= 0.8 * both and d >= 0.8 * dice:
                dice, both, unit = d, b, u
        others = tuple(
            (u, b) for d, b, _, u in options if u not in unit and unit not in u and d >= 0.5 * dice
        )[:3]
        candidates.append(
            Candidate(surface, count, score, unit, both, round(dice, 3), alternatives=others)
        )
    return candidates
