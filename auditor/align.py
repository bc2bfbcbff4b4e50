"""Pair English lines with their Chinese translations: a banded, monotonic dynamic program.

Why a DP and not "line N goes with line N": real bilingual files drop, merge and split
lines, and one slip would shift every later pair. The aligner searches the cheapest
monotonic path of *beads* (1-1, 1-0, 0-1, 1-2, 2-1) whose cost combines

* a Gale–Church length model (Chinese characters against English characters),
* anchors that survive machine translation: digit numbers, Latin tokens left alone
  (PCIe, CXL, names, part numbers) and glossary term pairs, weighted by rarity,
* how lines end: a sentence translates to a sentence, a heading to a heading, and a
  Chinese line ending in a comma is half of a split; speaker labels and headings may
  stay untranslated but are never merged into a sentence's translation,
* for interleaved files, the file order: a Chinese line right after its English line.

Lines repeated verbatim (speaker names) pair with themselves as ``copy``.

The search keeps, for every anti-diagonal ``i + j = d`` of the (English, Chinese) grid,
only a window of states around the best one, so time and memory grow linearly with the
document; the window follows the best path, so drift from many deleted lines is fine.
"""

from __future__ import annotations

import math
import re
import sys
from array import array
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from auditor.model import AlignType, Document, Loc, Segment, TextLine
from glossary.compiled import compile_termbase

if TYPE_CHECKING:
    from glossary.anchors import TermAnchors
    from glossary.model import Termbase

# --- length model -------------------------------------------------------------------
#: Chinese non-space characters per English non-space character, and the variance of
#: ``zh - C * en`` per English character. Fitted by ``scripts/align_fit_length.py`` on the
#: 134 hand-checked pairs of tests/data/astera_q1_2025_gold.jsonl (Google Translate into
#: Traditional Chinese): C = sum(zh) / sum(en) = 0.378, S2 = 0.862.
LENGTH_RATIO = 0.378
LENGTH_VARIANCE = 0.862
#: Variance added for every pair, in Chinese characters squared: short lines (a name, a
#: greeting) vary by a few characters whatever their length, which the per-character
#: variance alone underrates (``Atif Malik, Citi.`` -> ``花旗銀行的阿蒂夫馬利克 (Atif Malik)。``).
LENGTH_VARIANCE_FLOOR = 16.0

# --- bead priors (negative log probabilities) ----------------------------------------
#: Translated documents are mostly 1-1; lines get dropped, merged and split now and then.
_PRIOR = {
    "1-1": -math.log(0.89),
    "1-0": -math.log(0.02),
    "0-1": -math.log(0.02),
    "2-1": -math.log(0.03),
    "1-2": -math.log(0.03),
}
#: Bonus for an interleaved bead whose lines are consecutive in the file (English first).
ORDER_BONUS = 7.0
#: Bonus for a line pair whose texts are identical (an untranslated name or heading).
IDENTICAL_BONUS = 12.0
#: A heading or speaker label (``Harlan Sur - Analyst``) is often left untranslated and is
#: never merged into a sentence's translation: leaving it alone costs this (instead of the
#: 1-0 prior), and a 2-1 bead that swallows it pays HEADING_MERGE_PENALTY.
HEADING_ALONE_COST = -math.log(0.15)
HEADING_MERGE_PENALTY = 4.0
#: Largest bonus one shared anchor can give (a rare one); common anchors give less.
ANCHOR_MAX = 3.0
#: Cost of each anchor in the Chinese that the English does not have (a number or Latin
#: token machine translation could not have invented) and of each English number lost.
ZH_EXTRA_ANCHOR = 1.5
EN_LOST_NUMBER = 0.5

#: A merge or split whose length cost exceeds this (about 4.8 standard deviations) is
#: scored on length alone: the search meets millions of such candidates.
HOPELESS_LENGTH = 12.0

#: Beam: states kept on each anti-diagonal either side of the best, and the largest cost
#: gap to the best that a state may have and survive.
BEAM_HALF_WIDTH = 8
BEAM_COST_GAP = 15.0

_BEADS: tuple[tuple[str, int, int], ...] = (
    ("1-1", 1, 1),
    ("1-0", 1, 0),
    ("0-1", 0, 1),
    ("2-1", 2, 1),
    ("1-2", 1, 2),
)

# --- anchors -------------------------------------------------------------------------
#: Full-width ASCII (０-９, Ａ-Ｚ, ．, ，, ％ ...) to ASCII: Chinese text mixes both widths.
_FULLWIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_HAS_FULLWIDTH = re.compile("[\uff01-\uff5e]")
#: One pass per line finds both kinds of anchor: group 1 a digit number (not the 1 of
#: ``Q1``), group 2 a Latin token. English keeps only tokens with a capital or a digit
#: (names, acronyms, part numbers): lower-case words get translated.
_EN_ANCHORS = re.compile(
    r"(?<![A-Za-z0-9])(?:(\d+(?:[.,]\d+)*)|([A-Z][A-Za-z0-9]+|[a-z]+[A-Z0-9][A-Za-z0-9]*))"
)
_ZH_ANCHORS = re.compile(r"(?<![A-Za-z0-9])(?:(\d+(?:[.,]\d+)*)|([A-Za-z][A-Za-z0-9]+))")


def number_key(token: str) -> str:
    """A magnitude-free key for a digit number: ``$159.4 million`` and ``1.594 億``
    both give ``1594``; ``1,024`` gives ``1024``; ``1.50`` and ``15`` give ``15``.

    Chinese moves the decimal point (萬/億 count in ten-thousands), so only the digit
    string survives translation; leading and trailing zeros are dropped for the same
    reason.
    """
    digits = token.replace(",", "").replace(".", "").strip("0")
    return digits or "0"


def line_anchors(text: str, lang: str) -> frozenset[str]:
    """Numbers (``n:`` keys) and Latin tokens (``l:``) a translation would keep.

    English keeps only Latin tokens with a capital or a digit (names, acronyms, part
    numbers): lower-case words are translated, so they can never be anchors.
    """
    if _HAS_FULLWIDTH.search(text):
        text = text.translate(_FULLWIDTH)
    cache = _ANCHOR_KEYS
    keys = set()
    for match in (_EN_ANCHORS if lang == "en" else _ZH_ANCHORS).findall(text):
        key = cache.get(match)
        if key is None:
            number, token = match
            key = sys.intern("n:" + number_key(number) if number else "l:" + token.casefold())
            if len(cache) < _ANCHOR_CACHE:
                cache[match] = key
        keys.add(key)
    return frozenset(keys)


#: Anchor key of each (number, token) match seen: texts repeat their figures and names.
_ANCHOR_KEYS: dict[tuple[str, str], str] = {}
_ANCHOR_CACHE = 200_000


_SENTENCE_END = re.compile(r"[.!?…。！？][\"'”’)\]]*\s*$")
_CLAUSE_END = re.compile(r"[,，、;；:：—–-]\s*$")

#: How a line ends: nothing (a heading), a clause mark (a fragment), a sentence mark.
_END_NONE, _END_CLAUSE, _END_SENTENCE = 0, 1, 2
#: Evidence from how the English and the Chinese end, [english end][chinese end]: a
#: sentence translates to a sentence, a heading to a heading; a Chinese line ending in a
#: comma is the first half of a split, not a whole translation.
_END_AGREEMENT = (
    (1.0, -0.5, -1.5),  # English heading
    (0.0, 0.5, 0.0),  # English clause
    (0.0, -2.0, 1.0),  # English sentence
)


def line_end(text: str) -> int:
    if _SENTENCE_END.search(text):
        return _END_SENTENCE
    if _CLAUSE_END.search(text):
        return _END_CLAUSE
    return _END_NONE


def is_heading_line(text: str) -> bool:
    """A speaker label, title or heading: a few words and no sentence-final punctuation."""
    return len(text.split()) <= 10 and not _SENTENCE_END.search(text)


def _nonspace(text: str) -> int:
    return len(text) - text.count(" ")


@dataclass(frozen=True)
class _Side:
    """Per-line features of one language, computed once before the search."""

    lines: tuple[TextLine, ...]
    lengths: tuple[int, ...]
    anchors: tuple[frozenset[str], ...]
    #: Position of each line in the interleaved file (its index in ``Document.lines``).
    positions: tuple[int, ...]


def _features(
    lines: Sequence[TextLine],
    positions: Sequence[int],
    lang: str,
    terms: TermAnchors | None,
) -> _Side:
    anchors = []
    for line in lines:
        keys = line_anchors(line.text, lang)
        if terms is not None:
            extra = terms.keys(line.text, lang)
            if extra:
                keys = keys | extra
        anchors.append(keys)
    return _Side(
        tuple(lines),
        tuple(_nonspace(line.text) for line in lines),
        tuple(anchors),
        tuple(positions),
    )


def _anchor_weights(en: _Side, zh: _Side) -> dict[str, float]:
    """Rarity weight of every anchor both sides mention: an anchor on every line (the
    company name) says nothing about which line is which."""
    df: Counter[str] = Counter()
    for keys in zh.anchors:
        df.update(keys)
    en_keys: set[str] = set()
    for keys in en.anchors:
        en_keys.update(keys)
    total = len(zh.lines) + 1
    return {
        key: min(ANCHOR_MAX, math.log(total / count)) for key, count in df.items() if key in en_keys
    }


def length_sigmas(en_chars: int, zh_chars: int) -> float:
    """How many standard deviations ``zh_chars`` is from what ``en_chars`` predicts
    (negative: shorter). Characters are counted without spaces."""
    variance = LENGTH_VARIANCE * en_chars + LENGTH_VARIANCE_FLOOR
    return (zh_chars - LENGTH_RATIO * en_chars) / math.sqrt(variance)


def length_cost(en_chars: int, zh_chars: int) -> float:
    """Gale–Church: minus the log probability of a length difference at least this big."""
    return _tail_cost(abs(length_sigmas(en_chars, zh_chars)))


def _tail_cost(abs_delta: float) -> float:
    """-log P(|Z| >= abs_delta) for a standard normal Z."""
    x = abs_delta / math.sqrt(2.0)
    if x > 20.0:  # erfc underflows: use its asymptote, -log erfc(x) ~ x^2 + log(x sqrt(pi))
        return x * x + math.log(x * math.sqrt(math.pi))
    return -math.log(math.erfc(x))


#: ``_tail_cost`` tabulated every 0.01 standard deviation: the search calls it millions
#: of times, and a table lookup is several times cheaper than erfc and log.
_TABLE_STEP = 100
_TABLE_MAX = 40.0
_TAIL_TABLE = [_tail_cost(k / _TABLE_STEP) for k in range(int(_TABLE_MAX * _TABLE_STEP) + 1)]


class _Scorer:
    """The evidence that some English lines and some Chinese lines belong together.

    Everything the inner loop needs is precomputed per line into flat lists.
    """

    def __init__(self, en: _Side, zh: _Side, interleaved: bool):
        self.en = en
        self.zh = zh
        self.interleaved = interleaved
        self.weights = _anchor_weights(en, zh)
        self.en_len = list(en.lengths)
        self.zh_len = list(zh.lengths)
        self.en_anchors = list(en.anchors)
        self.en_numbers = [frozenset(k for k in keys if k[0] == "n") for keys in en.anchors]
        self.zh_anchors = list(zh.anchors)
        self.en_pos = list(en.positions)
        self.zh_pos = list(zh.positions)
        # Text ids: identical lines (an untranslated name) share an id.
        ids: dict[str, int] = {}
        self.en_tid = [ids.setdefault(line.text, len(ids)) for line in en.lines]
        en_ids = set(self.en_tid)
        self.zh_tid = [ids.setdefault(line.text, len(ids)) for line in zh.lines]
        self.zh_twin = [tid in en_ids for tid in self.zh_tid]
        self.en_heading = [is_heading_line(line.text) for line in en.lines]
        self.en_end = [line_end(line.text) for line in en.lines]
        self.zh_end = [line_end(line.text) for line in zh.lines]

    def _length(self, en_chars: int, zh_chars: int) -> float:
        # length_cost, inlined with a table lookup: this is the innermost call.
        d = (zh_chars - LENGTH_RATIO * en_chars) / math.sqrt(
            LENGTH_VARIANCE * en_chars + LENGTH_VARIANCE_FLOOR
        )
        if d < 0:
            d = -d
        if d < _TABLE_MAX:
            return _TAIL_TABLE[int(d * _TABLE_STEP)]
        return _tail_cost(d)

    def _anchors(self, ea: frozenset[str], za: frozenset[str], en_numbers: frozenset[str]) -> float:
        shared = ea & za
        score = sum(map(self.weights.__getitem__, shared)) if shared else 0.0
        if len(za) > len(shared):
            score -= ZH_EXTRA_ANCHOR * (len(za) - len(shared))
        if en_numbers:
            score -= EN_LOST_NUMBER * len(en_numbers - za)
        return score

    def pair(self, i: int, j: int) -> float:
        """Evidence for a 1-1 bead: English line ``i`` with Chinese line ``j``."""
        if self.en_tid[i] == self.zh_tid[j]:
            return IDENTICAL_BONUS  # the same text: length says nothing more
        score = 3.0 - self._length(self.en_len[i], self.zh_len[j])
        score += _END_AGREEMENT[self.en_end[i]][self.zh_end[j]]
        ea, za = self.en_anchors[i], self.zh_anchors[j]
        if ea or za:
            score += self._anchors(ea, za, self.en_numbers[i])
        if self.interleaved and self.zh_pos[j] == self.en_pos[i] + 1:
            score += ORDER_BONUS
        return score

    def merge(self, i: int, j: int) -> float:
        """Evidence for a 2-1 bead: English lines ``i, i+1`` with Chinese line ``j``."""
        length = self._length(self.en_len[i] + self.en_len[i + 1], self.zh_len[j])
        if length > HOPELESS_LENGTH:
            return 3.0 - length  # no anchor can save it: skip the set work
        score = 3.0 - length
        if self.zh_twin[j] and self.zh_tid[j] in (self.en_tid[i], self.en_tid[i + 1]):
            score -= IDENTICAL_BONUS  # an identical line pairs with its twin alone
        if self.en_heading[i] or self.en_heading[i + 1]:
            score -= HEADING_MERGE_PENALTY
        score += _END_AGREEMENT[self.en_end[i + 1]][self.zh_end[j]]
        ea = self.en_anchors[i] | self.en_anchors[i + 1]
        za = self.zh_anchors[j]
        if ea or za:
            score += self._anchors(ea, za, self.en_numbers[i] | self.en_numbers[i + 1])
        if self.interleaved:
            en_pos = self.en_pos
            if en_pos[i + 1] == en_pos[i] + 1 and self.zh_pos[j] == en_pos[i + 1] + 1:
                score += ORDER_BONUS
        return score

    def split(self, i: int, j: int) -> float:
        """Evidence for a 1-2 bead: English line ``i`` with Chinese lines ``j, j+1``."""
        length = self._length(self.en_len[i], self.zh_len[j] + self.zh_len[j + 1])
        if length > HOPELESS_LENGTH:
            return 3.0 - length
        score = 3.0 - length
        tid = self.en_tid[i]
        if (self.zh_twin[j] and self.zh_tid[j] == tid) or (
            self.zh_twin[j + 1] and self.zh_tid[j + 1] == tid
        ):
            score -= IDENTICAL_BONUS
        score += _END_AGREEMENT[self.en_end[i]][self.zh_end[j + 1]]
        ea = self.en_anchors[i]
        za = self.zh_anchors[j] | self.zh_anchors[j + 1]
        if ea or za:
            score += self._anchors(ea, za, self.en_numbers[i])
        if self.interleaved:
            zh_pos = self.zh_pos
            if zh_pos[j] == self.en_pos[i] + 1 and zh_pos[j + 1] == zh_pos[j] + 1:
                score += ORDER_BONUS
        return score

    def evidence(self, i0: int, i1: int, j0: int, j1: int) -> float:
        """Log-odds-like evidence that English ``[i0, i1)`` translates to Chinese
        ``[j0, j1)`` (positive: they belong together): length, anchors, file order."""
        shape = (i1 - i0, j1 - j0)
        if shape == (1, 1):
            return self.pair(i0, j0)
        if shape == (2, 1):
            return self.merge(i0, j0)
        if shape == (1, 2):
            return self.split(i0, j0)
        raise ValueError(f"no evidence model for a {shape[0]}-{shape[1]} bead")

    def confidence(self, i0: int, i1: int, j0: int, j1: int) -> float:
        return _sigmoid(self.evidence(i0, i1, j0, j1))


def _sigmoid(x: float) -> float:
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    e = math.exp(x)
    return e / (1.0 + e)


#: Cost of a pairing bead = its prior minus the evidence; offset so a plausible pair is
#: cheaper than leaving both lines unpaired.
_MATCH_OFFSET = 3.0


def _search(scorer: _Scorer, n: int, m: int) -> list[tuple[int, int, int, int]]:
    """The cheapest monotonic bead path from (0, 0) to (n, m), as ``(i0, i1, j0, j1)``.

    States on anti-diagonal ``d = i + j`` are kept in a window ``[lo, lo + len)`` of ``i``
    around the best one. Only the last three diagonals' costs are kept; every diagonal
    keeps its back-pointers (one byte per state) for the trace-back, so memory is linear.
    """
    inf = math.inf
    c11 = _PRIOR["1-1"] + _MATCH_OFFSET
    c10 = _PRIOR["1-0"]
    alone = [HEADING_ALONE_COST if h else c10 for h in scorer.en_heading]
    c01 = _PRIOR["0-1"]
    c21 = _PRIOR["2-1"] + _MATCH_OFFSET
    c12 = _PRIOR["1-2"] + _MATCH_OFFSET
    pair, merge, split = scorer.pair, scorer.merge, scorer.split
    los = array("q", [0])
    backs: list[bytearray] = [bytearray(1)]
    # (lo, costs) of diagonals d-1, d-2, d-3; an empty row stands for "nothing kept".
    row1: list[float] = [0.0]
    lo1 = 0
    row2: list[float] = []
    lo2 = 0
    row3: list[float] = []
    lo3 = 0
    width, gap = BEAM_HALF_WIDTH, BEAM_COST_GAP
    for d in range(1, n + m + 1):
        lo_c = min(lo1, lo2 + 1 if row2 else lo1, lo3 + 1 if row3 else lo1)
        hi_c = max(lo1 + len(row1), lo2 + len(row2), lo3 + len(row3) + 1)
        lo_c = max(lo_c, d - m, 0)
        hi_c = min(hi_c, n, d)
        n1, n2, n3 = len(row1), len(row2), len(row3)
        row: list[float] = []
        row_back = bytearray()
        for i in range(lo_c, hi_c + 1):
            j = d - i
            best = inf
            code = 0
            k = i - 1 - lo1  # 1-0 from (i-1, j)
            if 0 <= k < n1:
                best = row1[k] + alone[i - 1]
                code = 1
            k += 1  # 0-1 from (i, j-1)
            if j and 0 <= k < n1:
                c = row1[k] + c01
                if c < best:
                    best, code = c, 2
            if i and j:
                k = i - 1 - lo2  # 1-1 from (i-1, j-1)
                if 0 <= k < n2:
                    c = row2[k] + c11 - pair(i - 1, j - 1)
                    if c < best:
                        best, code = c, 0
                k = i - 2 - lo3  # 2-1 from (i-2, j-1)
                if 0 <= k < n3:
                    c = row3[k] + c21 - merge(i - 2, j - 1)
                    if c < best:
                        best, code = c, 3
                k += 1  # 1-2 from (i-1, j-2)
                if j >= 2 and 0 <= k < n3:
                    c = row3[k] + c12 - split(i - 1, j - 2)
                    if c < best:
                        best, code = c, 4
            row.append(best)
            row_back.append(code)
        # Keep a window around the best state of this diagonal.
        keep_lo = keep_hi = 0
        if row:
            best_cost = min(row)
            k_best = row.index(best_cost)
            keep_lo = max(0, k_best - width)
            keep_hi = min(len(row), k_best + width + 1)
            limit = best_cost + gap
            while keep_lo < k_best and row[keep_lo] > limit:
                keep_lo += 1
            while keep_hi - 1 > k_best and row[keep_hi - 1] > limit:
                keep_hi -= 1
        row3, lo3 = row2, lo2
        row2, lo2 = row1, lo1
        row1, lo1 = row[keep_lo:keep_hi], lo_c + keep_lo
        los.append(lo1)
        backs.append(row_back[keep_lo:keep_hi])
    return _trace_back(los, backs, n, m)


def _trace_back(
    los: array, backs: list[bytearray], n: int, m: int
) -> list[tuple[int, int, int, int]]:
    beads = []
    i, j = n, m
    while i > 0 or j > 0:
        d = i + j
        k = i - los[d]
        if not 0 <= k < len(backs[d]):
            raise RuntimeError(f"alignment beam lost the path at ({i}, {j})")
        _, di, dj = _BEADS[backs[d][k]]
        beads.append((i - di, i, j - dj, j))
        i, j = i - di, j - dj
    beads.reverse()
    return beads


# --- building segments -----------------------------------------------------------------


def _span(lines: Sequence[TextLine]) -> Loc:
    first, last = lines[0].loc, lines[-1].loc
    if first is last:  # one line (every pair of a pairs file): its own place
        return first
    return Loc(first.path, first.first, last.last)


def _segment(
    en_lines: Sequence[TextLine],
    zh_lines: Sequence[TextLine],
    align_type: AlignType,
    score: float,
) -> Segment:
    source = " ".join(line.text for line in en_lines) if en_lines else None
    target = "".join(line.text for line in zh_lines) if zh_lines else None
    return Segment(
        id="",
        source=source,
        target=target,
        source_loc=_span(en_lines) if en_lines else None,
        target_loc=_span(zh_lines) if zh_lines else None,
        align_type=align_type,
        align_score=round(min(1.0, max(0.0, score)), 4),
    )


def _numbered(segments: Sequence[Segment]) -> list[Segment]:
    width = max(4, len(str(len(segments))))
    return [
        Segment(
            f"s{index:0{width}d}",
            s.source,
            s.target,
            s.source_loc,
            s.target_loc,
            s.align_type,
            s.align_score,
        )
        for index, s in enumerate(segments, start=1)
    ]


def same_text(a: str | None, b: str | None) -> bool:
    """Equal but for whitespace: a line repeated untranslated (a speaker's name), which
    the aligner pairs as a ``copy``."""
    if a is None or b is None:
        return False
    if a == b:
        return True
    # nearly every pair differs from its first visible character: no need to split both
    if a.lstrip()[:1] != b.lstrip()[:1]:
        return False
    return " ".join(a.split()) == " ".join(b.split())


def _rows(
    pairs: Iterable[tuple[TextLine | None, TextLine | None]],
) -> Iterator[tuple[list[TextLine], list[TextLine]]]:
    """The lines of each pair with text on some side."""
    for en, zh in pairs:
        en_lines = [en] if en is not None and en.text.strip() else []
        zh_lines = [zh] if zh is not None and zh.text.strip() else []
        if en_lines or zh_lines:
            yield en_lines, zh_lines


def _pair_type(src: list[TextLine], tgt: list[TextLine]) -> AlignType:
    if src and tgt:
        return "copy" if same_text(src[0].text, tgt[0].text) else "1-1"
    return "1-0" if src else "0-1"


def unscored_pairs(pairs: Iterable[tuple[TextLine | None, TextLine | None]]) -> Iterator[Segment]:
    """:func:`scored_pairs` without the confidence scores (every ``align_score`` is 1.0):
    for outputs that never show them (JSON Lines, CSV, SARIF), where scoring would be
    a quarter of the work of a check."""
    for src, tgt in _rows(pairs):
        yield _segment(src, tgt, _pair_type(src, tgt), 1.0)


def scored_pairs(document: Document, termbase: Termbase | None = None) -> list[Segment]:
    """Formats that already pair lines (TSV, TMX, XLIFF...): keep their pairing, but score
    each pair with the same evidence as the search, so a misaligned row of a translation
    memory shows up with a low confidence."""
    rows = list(_rows(document.pairs))
    both = [(src[0], tgt[0]) for src, tgt in rows if src and tgt]
    terms = _term_anchors(termbase)
    scorer = _Scorer(
        _features([en for en, _ in both], range(len(both)), "en", terms),
        _features([zh for _, zh in both], range(len(both)), "zh", terms),
        interleaved=False,
    )
    segments = []
    k = 0
    for src, tgt in rows:
        kind = _pair_type(src, tgt)
        score = 1.0
        if src and tgt:
            if kind != "copy":
                score = _sigmoid(scorer.pair(k, k))
            k += 1
        segments.append(_segment(src, tgt, kind, score))
    return segments


def _term_anchors(termbase: Termbase | None) -> TermAnchors | None:
    """The termbase's anchors (:attr:`glossary.compiled.CompiledTermbase.anchors`), built
    once per termbase and shared with the term rules' matcher; ``None`` without terms."""
    if termbase is None or not len(termbase):
        return None
    return compile_termbase(termbase).anchors


def term_keys(text: str, lang: str, termbase: Termbase | None) -> frozenset[str]:
    """The glossary concepts ``text`` mentions (``t:`` keys, the aligner's term anchors):
    the same keys on both sides when a term and its rendering are both there."""
    terms = _term_anchors(termbase)
    return terms.keys(text, lang) if terms is not None else frozenset()


def _copy_lines(lines: Sequence[TextLine]) -> tuple[list[tuple[int, int]], set[int]]:
    """Interleaved files repeat names and headings untranslated on the next line:
    the pairs of file positions that are such repeats, and every position they use."""
    pairs: list[tuple[int, int]] = []
    used: set[int] = set()
    k = 0
    while k + 1 < len(lines):
        a, b = lines[k], lines[k + 1]
        if a.lang == "en" and same_text(a.text, b.text):
            pairs.append((k, k + 1))
            used.update((k, k + 1))
            k += 2
        else:
            k += 1
    return pairs, used


def _null_confidence(
    scorer: _Scorer,
    bead: tuple[int, int, int, int],
    en_held: Sequence[float],
    zh_held: Sequence[float],
) -> float:
    """How sure we are that a line has no counterpart.

    The line could instead pair with a line of the other language next to it in the
    path; that line may already be held by a pairing with evidence ``*_held`` (0 when
    free). Taking it over needs more evidence than it already has: 1 minus the best
    such chance.
    """
    i0, i1, j0, j1 = bead
    n, m = len(en_held), len(zh_held)
    chances = []
    if i1 > i0:  # English-only: the Chinese lines just before and after.
        for j in (j0 - 1, j0):
            if 0 <= j < m:
                chances.append(_sigmoid(scorer.pair(i0, j) - zh_held[j]))
    else:
        for i in (i0 - 1, i0):
            if 0 <= i < n:
                chances.append(_sigmoid(scorer.pair(i, j0) - en_held[i]))
    return 1.0 - max(chances, default=0.0)


def align_lines(
    en_lines: Sequence[TextLine],
    zh_lines: Sequence[TextLine],
    *,
    en_positions: Sequence[int] | None = None,
    zh_positions: Sequence[int] | None = None,
    termbase: Termbase | None = None,
) -> list[tuple[list[TextLine], list[TextLine], AlignType, float]]:
    """Align two line sequences; with file positions (interleaved input) order counts.

    Returns beads in path order as (English lines, Chinese lines, type, confidence).
    """
    interleaved = en_positions is not None and zh_positions is not None
    terms = _term_anchors(termbase)
    en = _features(en_lines, en_positions or range(len(en_lines)), "en", terms)
    zh = _features(zh_lines, zh_positions or range(len(zh_lines)), "zh", terms)
    scorer = _Scorer(en, zh, interleaved)
    n, m = len(en_lines), len(zh_lines)
    beads = _search(scorer, n, m)
    # Evidence of the pairing that holds each line (0 for a line left alone).
    en_held = [0.0] * n
    zh_held = [0.0] * m
    evidences = []
    for i0, i1, j0, j1 in beads:
        ev = scorer.evidence(i0, i1, j0, j1) if i1 > i0 and j1 > j0 else 0.0
        evidences.append(ev)
        en_held[i0:i1] = [max(ev, 0.0)] * (i1 - i0)
        zh_held[j0:j1] = [max(ev, 0.0)] * (j1 - j0)
    out: list[tuple[list[TextLine], list[TextLine], AlignType, float]] = []
    for bead, ev in zip(beads, evidences):
        i0, i1, j0, j1 = bead
        src, tgt = list(en_lines[i0:i1]), list(zh_lines[j0:j1])
        if src and tgt:
            kind: AlignType = f"{i1 - i0}-{j1 - j0}"  # type: ignore[assignment]
            if kind == "1-1" and same_text(src[0].text, tgt[0].text):
                kind = "copy"
            score = _sigmoid(ev)
        else:
            kind = "1-0" if src else "0-1"
            score = _null_confidence(scorer, bead, en_held, zh_held)
        out.append((src, tgt, kind, score))
    return out


def align_document(document: Document, termbase: Termbase | None = None) -> list[Segment]:
    """Segments of a document in document order, with ids ``s0001``, ``s0002``…"""
    if document.kind == "pairs":
        return _numbered(scored_pairs(document, termbase))
    if document.kind == "parallel":
        en_lines = document.source_lines
        zh_lines = document.target_lines
        beads = align_lines(en_lines, zh_lines, termbase=termbase)
        return _numbered([_segment(s, t, k, c) for s, t, k, c in beads])
    return _numbered(align_interleaved(document, termbase))


def align_interleaved(document: Document, termbase: Termbase | None) -> list[Segment]:
    lines = document.lines
    copies, used = _copy_lines(lines)
    ordered: list[tuple[int, Segment]] = [
        (a, _segment([lines[a]], [lines[b]], "copy", 1.0)) for a, b in copies
    ]
    en_pos = [k for k, line in enumerate(lines) if line.lang == "en" and k not in used]
    zh_pos = [k for k, line in enumerate(lines) if line.lang == "zh" and k not in used]
    beads = align_lines(
        [lines[k] for k in en_pos],
        [lines[k] for k in zh_pos],
        en_positions=en_pos,
        zh_positions=zh_pos,
        termbase=termbase,
    )
    line_index = {id(line): k for k, line in enumerate(lines)}
    for src, tgt, kind, score in beads:
        first = min(line_index[id(line)] for line in (*src, *tgt))
        ordered.append((first, _segment(src, tgt, kind, score)))
    ordered.sort(key=lambda item: item[0])
    return [segment for _, segment in ordered]
