"""Noisy two-file alignment input built from an interleaved transcript, gold links known.

Used by the aligner tests, ``scripts/eval_align.py`` and ``benchmarks/bench_align.py``.
Starting from the pairs of an interleaved file (an English line directly followed by its
Chinese line), it deletes Chinese lines, merges adjacent pairs into one Chinese line,
splits Chinese lines in two, and inserts unrelated Chinese lines, remembering which
English line each Chinese line came from. Seeded, so every run builds the same input.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from auditor.model import Document, Loc, Segment, TextLine

#: Chinese sentences about nothing in any earnings call, for "unrelated line" insertions.
UNRELATED_ZH: tuple[str, ...] = (
    "本週末天氣晴朗,適合全家一起到郊外踏青。",
    "圖書館將於下月起延長開放時間至晚上十點。",
    "請旅客留意月台間隙,並依序排隊上車。",
    "這道菜需要先用小火慢燉兩個小時才會入味。",
    "社區運動會報名截止日期為本月底,歡迎踴躍參加。",
    "颱風接近期間,請民眾減少外出並注意安全。",
)

#: Where a Chinese line may be split: after sentence or clause punctuation.
_SPLIT_AFTER = re.compile(r"[。！？；!?;,，]")


@dataclass(frozen=True)
class Unit:
    """One line or pair of the clean input: ``zh`` is None for an untranslated English
    line, ``en`` is None for a Chinese-only line; a copy pair has en == zh."""

    en: str | None
    zh: str | None


@dataclass(frozen=True)
class NoisyParallel:
    """A two-file input and its gold links ``(English index, Chinese index)``, 0-based."""

    en: tuple[str, ...]
    zh: tuple[str, ...]
    links: frozenset[tuple[int, int]]
    counts: dict[str, int]

    def document(
        self, en_path: str = "synthetic.en.txt", zh_path: str = "synthetic.zh.txt"
    ) -> Document:
        lines = [TextLine(t, Loc(en_path, k + 1, k + 1), "en") for k, t in enumerate(self.en)]
        lines += [TextLine(t, Loc(zh_path, k + 1, k + 1), "zh") for k, t in enumerate(self.zh)]
        return Document(en_path, "parallel", "parallel", tuple(lines), target_path=zh_path)


def units_from_document(document: Document) -> list[Unit]:
    """The clean pairs of an interleaved document, by its file order: an English line and
    the Chinese line right after it; a line repeated verbatim on the next line (a speaker
    name) is a copy pair; anything else stands alone."""
    lines = document.lines
    units: list[Unit] = []
    k = 0
    while k < len(lines):
        line = lines[k]
        nxt = lines[k + 1] if k + 1 < len(lines) else None
        if line.lang == "en" and nxt is not None and (nxt.lang == "zh" or nxt.text == line.text):
            units.append(Unit(line.text, nxt.text))
            k += 2
            continue
        units.append(Unit(line.text, None) if line.lang == "en" else Unit(None, line.text))
        k += 1
    return units


def _split_point(text: str) -> int | None:
    """The clause boundary nearest the middle with at least 4 characters either side."""
    points = [m.end() for m in _SPLIT_AFTER.finditer(text) if 4 <= m.end() <= len(text) - 4]
    if not points:
        return None
    return min(points, key=lambda p: abs(p - len(text) / 2))


def corrupt(
    units: Sequence[Unit],
    seed: int = 0,
    *,
    delete: float = 0.08,
    merge: float = 0.05,
    split: float = 0.04,
    insert: int = 2,
) -> NoisyParallel:
    """Apply the damage to the pairs of ``units`` (fractions of the pairs) and insert
    ``insert`` unrelated Chinese lines (half made-up text, half a line from far away
    in the same document, the harder case: it shares the document's names)."""
    rng = random.Random(seed)
    en: list[str] = []
    zh: list[str] = []
    links: set[tuple[int, int]] = set()
    counts = {"pairs": 0, "deleted": 0, "merged": 0, "split": 0, "inserted": 0}
    insert_at = set(rng.sample(range(len(units)), min(insert, len(units))))
    far_lines = [u.zh for u in units if u.zh is not None and u.en is not None]
    k = 0
    while k < len(units):
        if k in insert_at:
            if counts["inserted"] % 2 == 0 or not far_lines:
                zh.append(rng.choice(UNRELATED_ZH))
            else:  # a real line from the other half of the document
                half = len(far_lines) // 2
                pool = far_lines[half:] if k < len(units) // 2 else far_lines[:half]
                zh.append(rng.choice(pool or far_lines))
            counts["inserted"] += 1
        unit = units[k]
        nxt = units[k + 1] if k + 1 < len(units) else None
        is_pair = unit.en is not None and unit.zh is not None and unit.en != unit.zh
        roll = rng.random()
        if unit.en is not None:
            en.append(unit.en)
        if unit.zh is None:
            k += 1
            continue
        if unit.en is None:
            zh.append(unit.zh)
            k += 1
            continue
        counts["pairs"] += 1
        if is_pair and roll < delete:
            counts["deleted"] += 1
        elif (
            is_pair
            and roll < delete + merge
            and nxt is not None
            and nxt.en is not None
            and nxt.zh is not None
            and nxt.en != nxt.zh
        ):
            en.append(nxt.en)
            zh.append(unit.zh + nxt.zh)
            links.add((len(en) - 2, len(zh) - 1))
            links.add((len(en) - 1, len(zh) - 1))
            counts["merged"] += 1
            counts["pairs"] += 1
            k += 1
        elif is_pair and roll < delete + merge + split and _split_point(unit.zh) is not None:
            cut = _split_point(unit.zh)
            zh.extend((unit.zh[:cut], unit.zh[cut:]))
            links.add((len(en) - 1, len(zh) - 2))
            links.add((len(en) - 1, len(zh) - 1))
            counts["split"] += 1
        else:
            zh.append(unit.zh)
            links.add((len(en) - 1, len(zh) - 1))
        k += 1
    return NoisyParallel(tuple(en), tuple(zh), frozenset(links), counts)


def scaled_units(units: Sequence[Unit], n_pairs: int) -> list[Unit]:
    """Repeat the units of a document until there are ``n_pairs`` pairs (for benchmarks)."""
    out: list[Unit] = []
    pairs = 0
    while pairs < n_pairs:
        for unit in units:
            out.append(unit)
            if unit.en is not None and unit.zh is not None:
                pairs += 1
                if pairs >= n_pairs:
                    break
    return out


def predicted_links(segments: Iterable[Segment]) -> frozenset[tuple[int, int]]:
    """Links ``(English index, Chinese index)`` of segments aligned from
    :meth:`NoisyParallel.document` (each file's line number minus one)."""
    links = set()
    for s in segments:
        if s.source_loc is None or s.target_loc is None:
            continue
        for i in range(s.source_loc.first - 1, s.source_loc.last):
            for j in range(s.target_loc.first - 1, s.target_loc.last):
                links.add((i, j))
    return frozenset(links)


def link_scores(
    gold: frozenset[tuple[int, int]], found: frozenset[tuple[int, int]]
) -> tuple[float, float, float]:
    """Precision, recall and F1 of the found links against the gold ones."""
    hits = len(gold & found)
    precision = hits / len(found) if found else 0.0
    recall = hits / len(gold) if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1
