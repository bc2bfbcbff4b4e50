"""Align the sentences inside one pair, with the line aligner's own evidence.

A dropped sentence in a six-sentence paragraph changes the pair's length too little to
notice; inside the pair it is a sentence with no partner. The sentences of each side
(:mod:`auditor.sentences`) are handed to :func:`auditor.align.align_lines` as if they were
lines: the same fitted length model, number anchors, Latin tokens and glossary terms, the
same monotonic search, the same confidences. Nothing here scores anything itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from auditor.align import align_lines
from auditor.model import AlignType, Loc, Span, TextLine
from auditor.sentences import chinese_sentences, english_sentences

if TYPE_CHECKING:
    from glossary.model import Termbase

_NOWHERE = Loc("", 0, 0)


@dataclass(frozen=True)
class SentenceBead:
    """English sentences ``en[i0:i1]`` translated by Chinese sentences ``zh[j0:j1]``."""

    i0: int
    i1: int
    j0: int
    j1: int
    kind: AlignType
    #: The aligner's confidence: in the pairing, or (for a lone sentence) that it has none.
    confidence: float


@dataclass(frozen=True)
class PairAlignment:
    """The sentences of both sides of one pair (spans into its texts) and their beads."""

    source: str
    target: str
    en: tuple[Span, ...]
    zh: tuple[Span, ...]
    beads: tuple[SentenceBead, ...]

    def en_span(self, bead: SentenceBead) -> Span | None:
        return _cover(self.en, bead.i0, bead.i1)

    def zh_span(self, bead: SentenceBead) -> Span | None:
        return _cover(self.zh, bead.j0, bead.j1)


def _cover(spans: tuple[Span, ...], a: int, b: int) -> Span | None:
    return (spans[a][0], spans[b - 1][1]) if b > a else None


def _lines(text: str, spans: list[Span], lang: str) -> list[TextLine]:
    return [TextLine(text[a:b].strip(), _NOWHERE, lang) for a, b in spans]  # type: ignore[arg-type]


def align_pair(source: str, target: str, termbase: Termbase | None = None) -> PairAlignment:
    """Split both sides into sentences (blank pieces dropped) and align them."""
    en = [s for s in english_sentences(source) if source[s[0] : s[1]].strip()]
    zh = [s for s in chinese_sentences(target) if target[s[0] : s[1]].strip()]
    raw = align_lines(_lines(source, en, "en"), _lines(target, zh, "zh"), termbase=termbase)
    beads = []
    i = j = 0
    for src, tgt, kind, confidence in raw:
        beads.append(SentenceBead(i, i + len(src), j, j + len(tgt), kind, confidence))
        i += len(src)
        j += len(tgt)
    return PairAlignment(source, target, tuple(en), tuple(zh), tuple(beads))
