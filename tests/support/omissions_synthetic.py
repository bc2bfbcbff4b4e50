"""Omissions made on purpose: correct pairs with a sentence, clause or list item deleted
from the Chinese, and a record of what was deleted.

Used by the omission tests and ``scripts/eval_omissions.py``. Starting from the pairs of
the hand-checked sample transcript that have no omission (tests/data/astera_q1_2025_gold.jsonl),
each seed damages about half of them, one deletion per pair:

* ``sentence``: a pair whose sides have as many sentences as each other loses Chinese
  sentence k; the English sentence k is what was lost (machine translation keeps
  sentence order, and equal counts make the k-th pairing safe);
* ``clause``: a Chinese sentence loses one of its comma-separated clauses;
* ``item``: an enumeration ``A、B和C`` loses one of its items.

A Chinese clause has no reliable English twin (Chinese reorders clauses), so the size of
a lost clause or item is told in *English-word equivalents*: its Chinese characters
divided by the length model's ratio and by the English characters per word of the
material. Seeded, so every run builds the same damage.
"""

from __future__ import annotations

import json
import random
import re
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

from auditor.align import LENGTH_RATIO
from auditor.sentences import chinese_sentences, english_sentences

GOLD = Path(__file__).parents[1] / "data" / "astera_q1_2025_gold.jsonl"
_CLAUSE_END = re.compile(r"[,，]")
_ENUM = re.compile(r"[^,，。、；:：]{1,12}(?:、[^,，。、；:：]{1,12})+")
_WORD = re.compile(r"\S+")


@dataclass(frozen=True)
class GoldPair:
    id: str
    en: str
    zh: str
    #: no gold error of any kind: a finding here is a false alarm by the judged measure
    error_free: bool


@dataclass(frozen=True)
class Damaged:
    """One pair after (or without) a deletion."""

    id: str
    en: str
    zh: str
    #: ``sentence``, ``clause``, ``item``, or ``None`` for an untouched pair
    kind: str | None = None
    removed_zh: str = ""
    #: the English sentence lost (``sentence``), else ``""``
    removed_en: str = ""
    #: English words lost: counted for a sentence, English-word equivalents otherwise
    words: float = 0.0
    error_free: bool = False

    @property
    def length_class(self) -> str | None:
        """``sentence``, ``clause>=8`` (8 or more English words), ``shorter``."""
        if self.kind is None:
            return None
        if self.kind == "sentence":
            return "sentence"
        return "clause>=8" if self.words >= 8 else "shorter"


def gold_pairs() -> list[GoldPair]:
    """The transcript's pairs that have no omission in the gold annotation."""
    pairs = []
    with GOLD.open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            types = {error["type"] for error in row["errors"]}
            if "omission" not in types:
                pairs.append(GoldPair(row["id"], row["en"], row["zh"], not types))
    return pairs


def chars_per_word(pairs: list[GoldPair]) -> float:
    """English non-space characters per word over the material."""
    chars = sum(len(p.en) - p.en.count(" ") for p in pairs)
    return chars / sum(len(_WORD.findall(p.en)) for p in pairs)


def _spans_text(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    return [s for s in spans if text[s[0] : s[1]].strip()]


def _delete_sentence(pair: GoldPair, rng: random.Random) -> Damaged | None:
    en = _spans_text(pair.en, english_sentences(pair.en))
    zh = _spans_text(pair.zh, chinese_sentences(pair.zh))
    if len(en) < 2 or len(en) != len(zh):
        return None
    k = rng.randrange(len(zh))
    a, b = zh[k]
    lost = pair.en[en[k][0] : en[k][1]].strip()
    return Damaged(
        pair.id,
        pair.en,
        pair.zh[:a] + pair.zh[b:],
        "sentence",
        pair.zh[a:b],
        lost,
        float(len(_WORD.findall(lost))),
        pair.error_free,
    )


def _delete_clause(pair: GoldPair, rng: random.Random, per_word: float) -> Damaged | None:
    zh = _spans_text(pair.zh, chinese_sentences(pair.zh))
    options = []
    for a, b in zh:
        cuts = [m.end() for m in _CLAUSE_END.finditer(pair.zh, a, b)]
        bounds = [a, *cuts, b]
        clauses = list(pairwise(bounds))
        if len(clauses) >= 2:
            options.append(clauses)
    if not options:
        return None
    clauses = rng.choice(options)
    c = rng.randrange(len(clauses))
    a, b = clauses[c]
    if c == len(clauses) - 1:  # the last clause: keep the sentence's own stop
        prev_a = clauses[c - 1][1] - 1  # the comma before it
        body_end = b
        while body_end > a and pair.zh[body_end - 1] in "。！？!?；; ":
            body_end -= 1
        a, b = prev_a, body_end
    removed = pair.zh[a:b]
    words = (len(removed) - removed.count(" ")) / LENGTH_RATIO / per_word
    return Damaged(
        pair.id,
        pair.en,
        pair.zh[:a] + pair.zh[b:],
        "clause",
        removed,
        "",
        words,
        pair.error_free,
    )


def _delete_item(pair: GoldPair, rng: random.Random, per_word: float) -> Damaged | None:
    lists = list(_ENUM.finditer(pair.zh))
    if not lists:
        return None
    match = rng.choice(lists)
    items = match.group().split("、")
    k = rng.randrange(len(items))
    start = match.start() + sum(len(item) + 1 for item in items[:k])
    if k == len(items) - 1:  # the last item: drop the 、 before it
        a, b = start - 1, start + len(items[k])
    else:
        a, b = start, start + len(items[k]) + 1
    removed = pair.zh[a:b]
    words = (len(removed) - removed.count(" ") - removed.count("、")) / LENGTH_RATIO / per_word
    return Damaged(
        pair.id,
        pair.en,
        pair.zh[:a] + pair.zh[b:],
        "item",
        removed,
        "",
        words,
        pair.error_free,
    )


def damage(seed: int, share: float = 0.5) -> list[Damaged]:
    """Every material pair, about ``share`` of them with one deletion."""
    rng = random.Random(seed)
    pairs = gold_pairs()
    per_word = chars_per_word(pairs)
    out = []
    for pair in pairs:
        damaged = None
        if rng.random() < share:
            ops = ["sentence", "clause", "clause", "item"]
            rng.shuffle(ops)
            for op in ops:
                if op == "sentence":
                    damaged = _delete_sentence(pair, rng)
                elif op == "clause":
                    damaged = _delete_clause(pair, rng, per_word)
                else:
                    damaged = _delete_item(pair, rng, per_word)
                if damaged is not None:
                    break
        out.append(damaged or Damaged(pair.id, pair.en, pair.zh, error_free=pair.error_free))
    return out
