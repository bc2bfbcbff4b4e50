"""Omissions inside a pair: the sentence, clause or figures the translation dropped, and
the stray fragment a garbled clause leaves behind.

``OMI001`` (in :mod:`auditor.checks.alignment`) looks at a pair as a whole; one sentence
dropped from a six-sentence paragraph changes its length too little to notice. These
rules align the sentences inside the pair (:mod:`auditor.sentence_align`, the line
aligner's own evidence) and look at each English sentence and each Chinese sentence:

* ``OMI002``: an English sentence with no Chinese partner, one whose Chinese is far
  shorter than the length model expects (a lost clause), or one whose figures are all
  missing from the translation;
* ``OMI003``: a short Chinese sentence that renders nothing in the English around it and
  repeats words of its neighbours: the leftover of a garbled clause.

Each finding carries a confidence (0-1): the aligner's, or how unlikely the shortfall is
by chance, so that a CI gate can fail on the sure ones only (``--min-confidence``).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from auditor.align import (
    LENGTH_RATIO,
    LENGTH_VARIANCE,
    LENGTH_VARIANCE_FLOOR,
    length_sigmas,
    number_key,
    term_keys,
)
from auditor.checks.alignment import SHORT_FRACTION, SHORT_SIGMAS
from auditor.checks.base import CheckContext, Checker, Rule
from auditor.model import Finding, Segment, Severity, Span
from auditor.numbers import extract_chinese
from auditor.sentence_align import PairAlignment, SentenceBead, align_pair
from auditor.sentences import chinese_sentences, english_clauses, english_sentences

OMI002 = Rule(
    code="OMI002",
    name="sentence-or-clause-dropped",
    category="omission",
    severity="major",
    mqm="Accuracy/Omission",
    what=(
        "An English sentence or a long clause inside the pair has no Chinese counterpart: "
        "the sentence aligns with nothing, its Chinese is far shorter than the length model "
        "expects, or all of its figures are missing from the translation."
    ),
    why=(
        "Machine translation of long paragraphs drops sentences and trailing clauses "
        "silently, and the fluent remainder hides it. Critical when the lost part carries "
        "a figure, minor when it is a short phrase (a greeting, a polite request)."
    ),
    example=(
        "`Revenue was $412.6 million. Automotive revenue was $58 million, down 6%.` / "
        "`本季營收為 4.126 億美元。` (the second sentence, with two figures, is gone)."
    ),
)
OMI003 = Rule(
    code="OMI003",
    name="stray-fragment",
    category="omission",
    severity="minor",
    mqm="Accuracy/Omission",
    what=(
        "The Chinese contains a short sentence that renders nothing in the English around "
        "it and repeats words of its neighbours: a noun left over from a garbled clause."
    ),
    why=(
        "When machine translation garbles a clause it often renders part of it in the "
        "sentence before and leaves the rest dangling as a sentence of its own; what the "
        "clause meant is usually lost."
    ),
    example=(
        "`We report these measures in addition to, not instead of, results under IFRS.` / "
        "`我們在依國際財務報導準則編製的結果之外另行報告這些指標,而非取代。財務報導準則。`"
    ),
)

#: Evidence that a sentence's translation lost a clause, in standard deviations of the
#: length model: how much shorter the Chinese is than expected, plus a penalty for each
#: clause mark (comma, semicolon, colon, dash) the English has more than the Chinese, and
#: for each glossary term of the English whose rendering the Chinese lacks (at most
#: three). A sentence below SENTENCE_SHORT_SCORE that is also shorter than
#: CLAUSE_SHORT_SIGMAS is reported. Fitted on made omissions of seeds 0-5 of
#: tests/support/omissions_synthetic.py; on the sample transcript's correct pairs the lowest
#: sentence scores -1.87.
CLAUSE_DEFICIT_WEIGHT = 0.5
LOST_TERM_WEIGHT = 0.3
MAX_LOST_TERMS = 3
SENTENCE_SHORT_SCORE = -2.0
CLAUSE_SHORT_SIGMAS = -1.0
#: A clause whose figures are all missing needs less length evidence.
FIGURE_SHORT_SIGMAS = -1.0
_FIGURE_SHORT_SQ = FIGURE_SHORT_SIGMAS * FIGURE_SHORT_SIGMAS
#: A lone English sentence this short (in words) and without a figure is not reported:
#: ``Yes.`` or ``Sure.`` is often folded into the next sentence's translation.
MIN_LONE_WORDS = 1
#: A merge is real when some clause boundary of the Chinese splits it into parts within
#: this many standard deviations of the length each English sentence predicts.
MERGE_FIT_SIGMAS = 1.5
#: English words from which a lost part is a sentence-sized loss (major, not minor).
MAJOR_WORDS = 8
#: A stray fragment: 2 to this many Chinese characters, a sentence of its own.
STRAY_MAX_CHARS = 8
#: In a 1-2 pairing, the other Chinese sentence alone must be at least this long (in
#: standard deviations of the length model) for the short one to be stray.
STRAY_REST_SIGMAS = -1.5
#: A stray fragment repeats at least this share of itself from its neighbours.
STRAY_MIN_SHARE = 0.5
#: Confidence in a fragment that wholly repeats its neighbour's words.
STRAY_REPEAT_CONFIDENCE = 0.95
#: The chance we read a lost figure wrongly (written some way we cannot read): the
#: confidence that k figures are all lost is 1 - this ** k.
FIGURE_MISREAD = 0.1

_DIGIT = re.compile(r"\d")
#: A digit number as the aligner's anchors read it (not the 1 of ``Q1``).
_NUMBER = re.compile(r"(?<![A-Za-z0-9])\d+(?:[.,]\d+)*")
_FULLWIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_HAS_FULLWIDTH = re.compile("[\uff01-\uff5e]")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’\-.%$]*")
_ZH_CLAUSE = re.compile(r"[,，、；;:：]\s*")
_EN_CLAUSE_MARK = re.compile(r"[,;:](?!\d)|\s[—–]\s|--")
_ZH_CLAUSE_MARK = re.compile(r"[,，、；;:：—]")
_STRAY_TRIM = "。！？；!?;.,，、 \t\"'「」『』“”"


def _chars(text: str) -> int:
    return len(text) - text.count(" ")


def _words(text: str) -> int:
    return len(_WORD.findall(text))


def _normal_cdf(x: float) -> float:
    return 0.5 * math.erfc(-x / math.sqrt(2.0))


def _numbers(text: str, lang: str) -> frozenset[str]:
    """The aligner's number anchors of ``text`` (``n:`` keys, see
    :func:`auditor.align.line_anchors`), without its Latin-token work."""
    if _HAS_FULLWIDTH.search(text):
        text = text.translate(_FULLWIDTH)
    keys = _NUMBER_KEYS
    out = set()
    for number in _NUMBER.findall(text):
        key = keys.get(number)
        if key is None:
            key = "n:" + number_key(number)
            if len(keys) < _NUMBER_CACHE:
                keys[number] = key
        out.add(key)
    return frozenset(out)


#: Key of each number string seen: texts repeat their figures (years, quarters, 10%).
_NUMBER_KEYS: dict[str, str] = {}
_NUMBER_CACHE = 100_000


def _target_numbers(target: str) -> frozenset[str]:
    """Digit keys of every number in the Chinese, Chinese numerals included
    (``二十`` -> ``n:2``), in the aligner's magnitude-free form."""
    keys = set(_numbers(target, "zh"))
    for quantity in extract_chinese(target):
        for value in (quantity.value, quantity.lo, quantity.hi):
            if value is not None and math.isfinite(value):
                keys.add("n:" + number_key(f"{abs(value):.6f}"))
    return frozenset(keys)


@dataclass(frozen=True)
class _Loss:
    """One English sentence (or clause) the translation lost, before it becomes a finding."""

    source_span: Span
    target_span: Span | None
    how: str
    words: int
    figures: bool
    confidence: float


def _severity(loss: _Loss) -> Severity:
    if loss.figures:
        return "critical"
    return "major" if loss.words >= MAJOR_WORDS else "minor"


def _finding(source: str, loss: _Loss) -> Finding:
    a, b = loss.source_span
    lost = source[a:b].strip()
    shown = lost if len(lost) <= 80 else lost[:77] + "..."
    return OMI002.finding(
        f"{loss.how}: {shown!r} is missing from the translation",
        source_span=(a, a + len(source[a:b].rstrip())),
        target_span=loss.target_span,
        expected=lost,
        severity=_severity(loss),
        confidence=round(loss.confidence, 3),
    )


class _Pair:
    """The facts about one pair the rules share, worked out once and only when needed."""

    def __init__(self, source: str, target: str, ctx: CheckContext):
        self.source = source
        self.target = target
        self.ctx = ctx
        # a blank piece can only be a text that is all blank (a piece carries the
        # whitespace after it)
        self.en = english_sentences(source) if not source.isspace() else []
        self.zh = chinese_sentences(target) if not target.isspace() else []
        self._target_numbers: frozenset[str] | None = None
        self._digit_numbers: frozenset[str] | None = None
        self._any_lost: bool | None = None

    def text(self, span: Span) -> str:
        return self.source[span[0] : span[1]]

    def target_numbers(self) -> frozenset[str]:
        if self._target_numbers is None:
            self._target_numbers = _target_numbers(self.target)
        return self._target_numbers

    def any_figure_lost(self) -> bool:
        """Whether some figure of the English is missing from the translation in digits
        (most pairs have none, and then no sentence or clause needs a look)."""
        if self._any_lost is None:
            self._any_lost = _DIGIT.search(self.source) is not None and bool(
                self.lost_digits(_numbers(self.source, "en"))
            )
        return self._any_lost

    def lost_digits(self, numbers: frozenset[str]) -> frozenset[str]:
        """``numbers`` not written in digits anywhere in the translation (cheap; some
        may still be there as Chinese numerals)."""
        if not numbers:
            return numbers
        if self._digit_numbers is None:
            self._digit_numbers = _numbers(self.target, "zh")
        return numbers - self._digit_numbers

    def lost_figures(self, span: Span) -> frozenset[str]:
        """Figures of English ``span`` found nowhere in the translation."""
        if not self.any_figure_lost():
            return frozenset()
        missing = self.lost_digits(_numbers(self.text(span), "en"))
        return missing - self.target_numbers() if missing else missing


def _shortfall(pair: _Pair, en_text: str, zh_text: str) -> float | None:
    """The evidence score of a pairing whose Chinese lost a clause (see
    SENTENCE_SHORT_SCORE), or None when the pairing looks whole."""
    sigmas = length_sigmas(_chars(en_text), _chars(zh_text))
    if sigmas >= CLAUSE_SHORT_SIGMAS:
        return None
    deficit = len(_EN_CLAUSE_MARK.findall(en_text)) - len(_ZH_CLAUSE_MARK.findall(zh_text))
    score = sigmas - CLAUSE_DEFICIT_WEIGHT * max(deficit, 0)
    if score - LOST_TERM_WEIGHT * MAX_LOST_TERMS >= SENTENCE_SHORT_SCORE:
        return None  # even every term lost would not tip it (spares the term look-ups)
    if score >= SENTENCE_SHORT_SCORE:
        termbase = pair.ctx.termbase
        en_terms = term_keys(en_text, "en", termbase)
        if en_terms:
            lost_terms = len(en_terms - term_keys(zh_text, "zh", termbase))
            score -= LOST_TERM_WEIGHT * min(lost_terms, MAX_LOST_TERMS)
    return score if score < SENTENCE_SHORT_SCORE else None


def _clause_with_lost_figures(pair: _Pair, span: Span) -> tuple[Span, frozenset[str]] | None:
    """The clause of English sentence ``span`` whose figures are all gone, if any."""
    if not pair.any_figure_lost():
        return None
    for clause in english_clauses(pair.source, span):
        numbers = _numbers(pair.text(clause), "en")
        if numbers and numbers <= pair.lost_figures(clause):
            return clause, numbers
    return None


def _short_pairing(pair: _Pair, en_span: Span, zh_span: Span) -> _Loss | None:
    """A pairing whose Chinese is too short: what the English lost (a clause with its
    figures if one lost them all, else the sentence), or None."""
    en_text = pair.text(en_span)
    zh_text = pair.target[zh_span[0] : zh_span[1]]
    en_chars, zh_chars = _chars(en_text), _chars(zh_text)
    sigmas = length_sigmas(en_chars, zh_chars)
    if sigmas >= FIGURE_SHORT_SIGMAS:
        return None
    clause = _clause_with_lost_figures(pair, en_span)
    if clause is not None:
        span, numbers = clause
        return _Loss(
            span,
            zh_span,
            f"a clause with {len(numbers)} figure(s) has no Chinese counterpart",
            _words(pair.text(span)),
            True,
            max(_normal_cdf(-sigmas), 1.0 - FIGURE_MISREAD ** len(numbers)),
        )
    score = _shortfall(pair, en_text, zh_text)
    lost = pair.lost_figures(en_span)
    if score is None and lost:  # a clause went with its figures, told apart by no comma
        return _Loss(
            en_span,
            zh_span,
            "the translation of a sentence is short and lacks its figure(s) "
            + ", ".join(sorted(k[2:] for k in lost)),
            _words(en_text),
            True,
            max(_normal_cdf(-sigmas), 1.0 - FIGURE_MISREAD ** len(lost)),
        )
    if score is None:
        return None
    expected = round(LENGTH_RATIO * en_chars)
    return _Loss(
        en_span,
        zh_span,
        f"the translation of a sentence is shorter than expected ({zh_chars} characters "
        f"where about {expected} are expected) and lacks some of its clauses or terms: "
        "a clause is probably lost",
        _words(en_text),
        bool(pair.lost_figures(en_span)),
        _normal_cdf(-score),
    )


def _lone_sentence(pair: _Pair, span: Span, confidence: float, gap: int) -> _Loss | None:
    """English sentence ``span`` has no Chinese partner; ``gap`` is where it belongs in
    the Chinese (an offset between two sentences), told in the message."""
    text = pair.text(span)
    lost = pair.lost_figures(span)
    words = _words(text)
    if words < MIN_LONE_WORDS and not lost:
        return None
    before = pair.target[:gap].rstrip()
    where = f" (it belongs after '…{before[-10:]}')" if before else " (it belongs first)"
    return _Loss(
        span,
        None,
        "an English sentence aligns with no Chinese sentence" + where,
        words,
        bool(lost),
        confidence,
    )


def _figures_lost(pair: _Pair, reported: list[_Loss]) -> Iterator[_Loss]:
    """English sentences with two or more figures, all of them missing from the
    translation: one omission of the sentence, beside the number rules' findings."""
    if not pair.any_figure_lost():
        return
    for span in pair.en:
        if any(
            loss.source_span[0] < span[1] and span[0] < loss.source_span[1] for loss in reported
        ):
            continue
        numbers = _numbers(pair.text(span), "en")
        if len(numbers) < 2 or pair.lost_digits(numbers) != numbers:
            continue  # (the cheap test first: Chinese numerals need the number reader)
        if numbers <= pair.lost_figures(span):
            yield _Loss(
                span,
                None,
                f"all {len(numbers)} figures of an English sentence are missing",
                _words(pair.text(span)),
                True,
                1.0 - FIGURE_MISREAD ** len(numbers),
            )


def _whole_pair_truncated(source: str, target: str) -> bool:
    """OMI001's territory: the whole translation is far too short (reported there)."""
    en_chars, zh_chars = _chars(source), _chars(target)
    return (
        length_sigmas(en_chars, zh_chars) < SHORT_SIGMAS
        and zh_chars < SHORT_FRACTION * LENGTH_RATIO * en_chars
    )


def _diagonal_losses(pair: _Pair) -> list[_Loss] | None:
    """With as many sentences on each side, sentence k renders sentence k as a rule: the
    losses of that reading, or None when it does not hold (a sentence pairing that is
    far too short suggests the sentences are not one-to-one: run the search)."""
    losses = []
    source, target = pair.source, pair.target
    for en_span, zh_span in zip(pair.en, pair.zh):
        en_chars = en_span[1] - en_span[0] - source.count(" ", *en_span)
        zh_chars = zh_span[1] - zh_span[0] - target.count(" ", *zh_span)
        # length_sigmas(en_chars, zh_chars) >= FIGURE_SHORT_SIGMAS, without the square
        # root: most sentences are nowhere near short
        shortfall = LENGTH_RATIO * en_chars - zh_chars
        if shortfall <= 0 or shortfall * shortfall <= _FIGURE_SHORT_SQ * (
            LENGTH_VARIANCE * en_chars + LENGTH_VARIANCE_FLOOR
        ):
            continue
        zh_text = pair.target[zh_span[0] : zh_span[1]]
        if len(pair.en) > 1 and _shortfall(pair, pair.text(en_span), zh_text) is not None:
            return None
        loss = _short_pairing(pair, en_span, zh_span)
        if loss is not None:
            losses.append(loss)
    return losses


def _aligned_losses(pair: _Pair, alignment: PairAlignment) -> list[_Loss]:
    losses = []
    for bead in alignment.beads:
        en_span = alignment.en_span(bead)
        zh_span = alignment.zh_span(bead)
        if en_span is None:
            continue
        if zh_span is None:
            for k in range(bead.i0, bead.i1):
                gap = alignment.zh[bead.j0 - 1][1] if bead.j0 else 0
                loss = _lone_sentence(pair, alignment.en[k], bead.confidence, gap)
                if loss is not None:
                    losses.append(loss)
            continue
        loss = _short_pairing(pair, en_span, zh_span)
        if loss is None and bead.i1 - bead.i0 == 2:
            loss = _merge_hides_loss(pair, alignment, bead)
        if loss is not None:
            losses.append(loss)
    return losses


def _merge_hides_loss(pair: _Pair, alignment: PairAlignment, bead: SentenceBead) -> _Loss | None:
    """Two English sentences paired with one Chinese sentence: a real merge joins their
    renderings with a comma, so some clause boundary splits the Chinese into a part that
    fits each. When none does and the Chinese fits one English sentence alone, the other
    was dropped."""
    first, second = alignment.en[bead.i0], alignment.en[bead.i0 + 1]
    za, zb = alignment.zh[bead.j0]
    zh_text = pair.target[za:zb]
    en_a, en_b = _chars(pair.text(first)), _chars(pair.text(second))
    cuts = [m.end() for m in _ZH_CLAUSE.finditer(zh_text) if m.end() < len(zh_text.rstrip())]
    for cut in cuts:
        head, tail = _chars(zh_text[:cut]), _chars(zh_text[cut:])
        if max(abs(length_sigmas(en_a, head)), abs(length_sigmas(en_b, tail))) < MERGE_FIT_SIGMAS:
            return None
    zh_chars = _chars(zh_text)
    fit_a, fit_b = length_sigmas(en_a, zh_chars), length_sigmas(en_b, zh_chars)
    kept, lost = (first, second) if abs(fit_a) <= abs(fit_b) else (second, first)
    fit = min(abs(fit_a), abs(fit_b))
    if fit >= MERGE_FIT_SIGMAS:
        return None
    words = _words(pair.text(lost))
    del kept
    return _Loss(
        lost,
        None,
        "an English sentence has no Chinese counterpart (the Chinese renders only the "
        "sentence next to it)",
        words,
        bool(pair.lost_figures(lost)),
        _normal_cdf(MERGE_FIT_SIGMAS - fit) * bead.confidence,
    )


def _is_stray(pair: _Pair, alignment: PairAlignment, bead: SentenceBead, k: int) -> bool:
    """Chinese sentence ``k`` of ``bead``: short, Chinese only, not needed for the length
    of its English (the other sentence renders it), and repeating words of its
    neighbours."""
    a, b = alignment.zh[k]
    if not _looks_stray(pair.target, a, b):
        return False
    sentence = pair.target[a:b]
    en_span = alignment.en_span(bead)
    zh_span = alignment.zh_span(bead)
    if en_span is not None and zh_span is not None:
        # in a split: the other Chinese sentence alone must still be long enough
        en_chars = _chars(pair.text(en_span))
        without = _chars(pair.target[zh_span[0] : zh_span[1]]) - _chars(sentence)
        if length_sigmas(en_chars, without) < STRAY_REST_SIGMAS:
            return False
    return True


def _looks_stray(target: str, a: int, b: int) -> bool:
    """Chinese sentence ``target[a:b]`` could be a stray fragment, whatever the English:
    2 to STRAY_MAX_CHARS Chinese characters, not a question, and half of it repeated from
    its neighbours."""
    sentence = target[a:b]
    body = sentence.strip(_STRAY_TRIM)
    if not 2 <= len(body) <= STRAY_MAX_CHARS or len(_HAN.findall(body)) != len(body):
        return False
    if sentence.rstrip().endswith(("？", "?")):
        return False
    return _repeated_share(target, a, b, body) >= STRAY_MIN_SHARE


def _needs_search(pair: _Pair) -> bool:
    """Whether the sentences must be aligned by the search (when the counts differ).

    Fewer Chinese sentences: something was merged or dropped. More: machine translation
    often splits a long sentence, which hides nothing unless a Chinese sentence looks like
    a stray fragment or the whole translation is short for its source."""
    if len(pair.zh) < len(pair.en):
        return True
    if any(_looks_stray(pair.target, a, b) for a, b in pair.zh):
        return True
    en_chars, zh_chars = _chars(pair.source), _chars(pair.target)
    return length_sigmas(en_chars, zh_chars) < CLAUSE_SHORT_SIGMAS


def _repeated_share(target: str, a: int, b: int, body: str) -> float:
    """The share of ``body`` covered by its longest piece that also occurs in the 60
    characters around it: a garbled clause leaves pieces of what its neighbour says."""
    around = target[max(0, a - 60) : a] + "\n" + target[b : b + 60]
    for size in range(len(body), 1, -1):
        if any(body[i : i + size] in around for i in range(len(body) - size + 1)):
            return size / len(body)
    return 0.0


def _strays(pair: _Pair, alignment: PairAlignment) -> Iterator[Finding]:
    for bead in alignment.beads:
        if bead.j1 - bead.j0 == 0 or (bead.i1 > bead.i0 and bead.j1 - bead.j0 < 2):
            continue
        for k in range(bead.j0, bead.j1):
            if not _is_stray(pair, alignment, bead, k):
                continue
            a, b = alignment.zh[k]
            body = pair.target[a:b].strip(_STRAY_TRIM)
            start = pair.target.index(body, a)
            near = alignment.en_span(bead) or _nearest_english(alignment, bead)
            # how much it repeats; a Chinese-only sentence is also as sure as the aligner
            # is that it has no English partner
            confidence = _repeated_share(pair.target, a, b, body) * STRAY_REPEAT_CONFIDENCE
            if bead.i1 == bead.i0:
                confidence = max(confidence, bead.confidence)
            yield OMI003.finding(
                f"a stray fragment {body!r} stands as a sentence of its own and renders "
                "nothing in the English around it (a garbled clause)",
                source_span=_rstrip_span(pair.source, near) if near else None,
                target_span=(start, start + len(body)),
                found=body,
                confidence=round(confidence, 3),
            )


def _nearest_english(alignment: PairAlignment, bead: SentenceBead) -> Span | None:
    """The English sentence just before a Chinese-only bead (or just after it)."""
    if not alignment.en:
        return None
    return alignment.en[max(0, bead.i0 - 1)]


def _rstrip_span(text: str, span: Span) -> Span:
    a, b = span
    return (a, a + len(text[a:b].rstrip()))


def check_segment(segment: Segment, ctx: CheckContext) -> Iterator[Finding]:
    source, target = segment.source, segment.target
    if not source or not target or segment.align_type == "copy":
        return
    pair = _Pair(source, target, ctx)
    if not pair.en or not pair.zh:
        return
    length_ok = not _whole_pair_truncated(source, target)
    losses: list[_Loss] | None = None
    alignment: PairAlignment | None = None
    if not length_ok:
        losses = []  # OMI001 reports the whole pair: only lost figures are left to say
    elif len(pair.en) == len(pair.zh):
        losses = _diagonal_losses(pair)
    elif not _needs_search(pair):
        losses = []
    if losses is None:
        alignment = align_pair(source, target, ctx.termbase)
        losses = _aligned_losses(pair, alignment)
    losses.extend(_figures_lost(pair, losses))
    losses.sort(key=lambda loss: loss.source_span)
    for loss in losses:
        yield _finding(source, loss)
    if alignment is not None:
        yield from _strays(pair, alignment)


#: Findings a lost sentence explains: its terms' missing approved or kept renderings.
#: Its missing figures stay (NUM001): the issue of a figure is worth its own line.
EXPLAINED_BY_LOSS = frozenset({"TERM001", "TERM003"})


def settle(findings: Sequence[Finding]) -> Sequence[Finding]:
    """The findings without a missing term that lies inside an English sentence or clause
    OMI002 reports as lost: the reviewer sees one defect, the omission, not one finding
    per term the lost words held."""
    lost = [f.source_span for f in findings if f.rule == OMI002.code and f.source_span]
    if not lost:
        return findings
    return [
        f
        for f in findings
        if not (
            f.rule in EXPLAINED_BY_LOSS
            and f.source_span
            and any(a <= f.source_span[0] and f.source_span[1] <= b for a, b in lost)
        )
    ]


CHECKER = Checker(name="omissions", rules=(OMI002, OMI003), segment=check_segment, settle=settle)
