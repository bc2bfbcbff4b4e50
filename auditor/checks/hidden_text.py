"""Hidden text: invisible code points a translation has and its source does not.

Bidirectional controls (U+202A–U+202E, U+2066–U+2069, the marks U+200E, U+200F, U+061C)
change the order in which text is *displayed*, not the order it is stored in: a reviewer
reads one sentence while a parser, a search or a downstream system sees another (the
"Trojan Source" attack, CVE-2021-42574, which code-review tools now flag). Zero-width and
other invisible characters (U+200B, U+2060, U+FEFF, soft hyphens, tag characters...)
break term matching, search and copy-paste, and can hide a watermark. A translation has
no business adding any of them; one the source has too is carried over, not added.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from auditor.checks.base import CheckContext, Checker, Rule
from auditor.model import Finding, Segment

LOC005 = Rule(
    code="LOC005",
    name="hidden-characters",
    category="locale",
    severity="major",
    mqm="Locale convention/Character encoding",
    what="Invisible code points in the translation that the source does not have: "
    "bidirectional controls (critical), zero-width characters, soft hyphens, tag "
    "characters and other format characters.",
    why="A bidirectional override makes the text display in another order than it is "
    "stored (Trojan Source), so what a reviewer approves is not what ships; zero-width "
    "characters silently break search, term matching and copy-paste.",
    example="'營收為 1.5 億美元' with U+202E (RIGHT-TO-LEFT OVERRIDE) before the figure: the "
    "figure and everything after it display reversed",
)
RULES = (LOC005,)

#: Controls that reorder the display of the text around them.
BIDI_CONTROLS = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)
#: Invisible characters outside Unicode's format category (Cf): fillers and the
#: combining grapheme joiner, which render as nothing.
INVISIBLE_OTHER = frozenset("\u034f\u115f\u1160\u17b4\u17b5\u180e\u3164\uffa0")

# Candidates for a quick search: every Cf character of the Basic Multilingual Plane and
# the tag block, plus the others above. Each hit is then confirmed by its category.
_CANDIDATES = re.compile(
    "[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b-\u200f\u202a-\u202e"
    "\u2060-\u2064\u2066-\u206f\u3164\ufeff\uffa0\ufff9-\ufffb\U000e0001-\U000e007f]+"
)


def is_hidden(ch: str) -> bool:
    """A character that renders as nothing (or only moves other text around)."""
    return ch in INVISIBLE_OTHER or unicodedata.category(ch) == "Cf"


def hidden_runs(target: str, source: str) -> Iterator[tuple[int, int, str]]:
    """``(start, end, characters)`` of each run of hidden characters in ``target``
    whose characters ``source`` does not contain."""
    for match in _CANDIDATES.finditer(target):
        start = None
        for i in range(match.start(), match.end() + 1):
            ch = target[i] if i < match.end() else ""
            added = bool(ch) and is_hidden(ch) and ch not in source
            if added and start is None:
                start = i
            elif not added and start is not None:
                yield start, i, target[start:i]
                start = None


def _describe(chars: str) -> str:
    names = dict.fromkeys(f"{unicodedata.name(ch, 'UNNAMED')} (U+{ord(ch):04X})" for ch in chars)
    return ", ".join(names)


def check_segment(segment: Segment, ctx: CheckContext) -> Iterator[Finding]:
    target = segment.target
    if not target or _CANDIDATES.search(target) is None:
        return
    source = segment.source or ""
    for start, end, chars in hidden_runs(target, source):
        bidi = any(ch in BIDI_CONTROLS for ch in chars)
        effect = (
            "it changes the order the text is displayed in, so what a reviewer reads is not "
            "what is stored"
            if bidi
            else "it is invisible and breaks search, matching and copy-paste"
        )
        count = f"{end - start} hidden characters" if end - start > 1 else "hidden character"
        yield LOC005.finding(
            f"{count} {_describe(chars)} in the translation but not in the source: {effect}",
            target_span=(start, end),
            expected="",
            found=" ".join(f"U+{ord(ch):04X}" for ch in chars),
            severity="critical" if bidi else None,
        )


CHECKER = Checker(name="hidden_text", rules=RULES, segment=check_segment)
