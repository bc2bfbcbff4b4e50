"""Alignment and omission rules: what the aligner's pairing says about the translation.

A line left without a partner, a doubtful merge or split, a sentence copied through
untranslated, and a translation cut short or garbled are all visible from the pair
itself, before any number or term is compared.
"""

from __future__ import annotations

from collections.abc import Iterator

from auditor.align import LENGTH_RATIO, length_sigmas
from auditor.checks.base import CheckContext, Checker, Rule
from auditor.lazy_pattern import lazy_compile
from auditor.model import Finding, Segment

ALN001 = Rule(
    code="ALN001",
    name="source-without-translation",
    category="alignment",
    severity="major",
    mqm="Accuracy/Omission",
    what="An English line has no Chinese translation anywhere near it.",
    why=(
        "A dropped line is the largest omission there is, and it shifts every later line "
        "in a two-file translation. Short heading-like lines (a name, a title) are reported "
        "as minor: they are often left out on purpose."
    ),
    example="`Revenue grew 13% in Q1.` followed directly by the next English line.",
)
ALN002 = Rule(
    code="ALN002",
    name="translation-without-source",
    category="alignment",
    severity="minor",
    mqm="Accuracy/Addition",
    what="A Chinese line has no English line it translates.",
    why=(
        "Usually a summary or a disclaimer the publisher added (harmless), but it can also "
        "be text pasted into the wrong file; a reviewer should see it once."
    ),
    example="`使用警語:中文譯文來源為 Google 翻譯,僅供參考` with no English line before it.",
)
ALN003 = Rule(
    code="ALN003",
    name="doubtful-merge-or-split",
    category="alignment",
    severity="minor",
    mqm="Accuracy/Mistranslation",
    what=(
        "Two English lines were paired with one Chinese line (or the reverse) with low confidence."
    ),
    why=(
        "Merges and splits are where aligners go wrong; when lengths and anchors barely "
        "support one, the pairing (and any finding on it) deserves a look."
    ),
    example="`Thank you.` + `Next question.` paired with one long Chinese paragraph.",
)
ALN004 = Rule(
    code="ALN004",
    name="untranslated-sentence",
    category="alignment",
    severity="major",
    mqm="Accuracy/Untranslated",
    what="The Chinese side is the English sentence copied through untranslated.",
    why=(
        "Machine translation sometimes gives up and echoes its input. Names and headings "
        "repeated on purpose (speaker lines) are not reported; running sentences are."
    ),
    example="`We expect revenue to grow.` / `We expect revenue to grow.`",
)
OMI001 = Rule(
    code="OMI001",
    name="truncated-or-garbled",
    category="omission",
    severity="major",
    mqm="Accuracy/Omission",
    what=(
        "The translation is cut short or garbled: far shorter than its source, stopping "
        "mid-sentence, looping on a fragment, or containing replacement characters (U+FFFD)."
    ),
    why=(
        "Machine translation truncates long sentences and loses text to encoding damage; "
        "whatever followed the cut is missing from the translation even though every "
        "remaining word looks fine."
    ),
    example="`... for advanced observability, fleet management and rapid deployment.` / "
    "`...所有這些組件都與我們的無縫 COSMOS 驅動程式設計無縫` (no full stop; ends mid-clause).",
)

#: How many standard deviations shorter than the length model expects a translation
#: may be before it is reported (p < 0.0005). On the seed transcript's 134 pairs the
#: lowest is -1.7. The translation must also have lost over 40% of the expected length,
#: so that on very long lines a merely terse translation is not reported.
SHORT_SIGMAS = -3.5
SHORT_FRACTION = 0.6
#: Sources shorter than this (non-space characters) are too short for the length test.
MIN_SOURCE_CHARS = 40
#: A translation that merely lacks its final full stop is not reported as cut off
#: unless the source is a real sentence (a short ``Thank you.`` may come back as ``謝謝``)
#: and the translation is shorter than expected or re-starts a phrase at its end.
TRUNCATION_MIN_WORDS = 8
#: Below this alignment confidence a merge or split is reported.
LOW_CONFIDENCE = 0.5

_EN_SENTENCE_END = lazy_compile(r"[.!?][\"')\]]*$")
#: Characters that may end a complete Chinese sentence (or a quoted or bracketed one).
_ZH_COMPLETE_END = frozenset("。！？!?.…」』）)】〕\"'”’;；:：")
_HAN = lazy_compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LOWER_WORD = lazy_compile(r"\b[a-z]{2,}\b")
_WORD = lazy_compile(r"[A-Za-z][A-Za-z'’\-]*")


def is_heading_like(text: str) -> bool:
    """A name, title or heading: short, and not a running sentence."""
    words = _WORD.findall(text)
    if len(words) > 8:
        return False
    lower = _LOWER_WORD.findall(text)
    return not (_EN_SENTENCE_END.search(text.strip()) and len(lower) >= 2)


def is_running_sentence(text: str) -> bool:
    """English prose: several function words, not a list of capitalised names."""
    lower = _LOWER_WORD.findall(text)
    return len(lower) >= 3 and not is_heading_like(text)


def _full(text: str) -> tuple[int, int]:
    return (0, len(text))


def check_unpaired(segment: Segment) -> Iterator[Finding]:
    if segment.source and not segment.target:
        line = segment.source_loc.first if segment.source_loc else "?"
        heading = is_heading_like(segment.source)
        yield ALN001.finding(
            f"English line {line} has no Chinese translation"
            + (" (a heading or name)" if heading else ""),
            source_span=_full(segment.source),
            severity="minor" if heading else None,
        )
    elif segment.target and not segment.source:
        line = segment.target_loc.first if segment.target_loc else "?"
        yield ALN002.finding(
            f"Chinese line {line} has no English source", target_span=_full(segment.target)
        )


def check_merge_split(segment: Segment) -> Iterator[Finding]:
    if segment.align_type in ("1-2", "2-1") and segment.align_score < LOW_CONFIDENCE:
        side = "English" if segment.align_type == "2-1" else "Chinese"
        what = f"two {side} lines joined"
        yield ALN003.finding(
            f"doubtful {segment.align_type} alignment ({what}), confidence "
            f"{segment.align_score:.2f}: check the pairing"
        )


def check_untranslated(segment: Segment) -> Iterator[Finding]:
    source, target = segment.source, segment.target
    if not source or not target or _HAN.search(target):
        return
    same = " ".join(source.split()) == " ".join(target.split())
    if same and not is_running_sentence(source):
        return  # a name or heading repeated on purpose
    if same or len(_LOWER_WORD.findall(target)) >= 3:
        yield ALN004.finding(
            "the translation is the English text, untranslated",
            source_span=_full(source),
            target_span=_full(target),
            found=target if len(target) <= 80 else target[:77] + "...",
        )


def _without_trailing_punct(text: str) -> str:
    """``text`` without the spaces and punctuation at its end (``[\\s\\W_]+$``; a loop
    over the few last characters, where that regex would be tried at every position)."""
    end = len(text)
    while end and not text[end - 1].isalnum():
        end -= 1
    return text[:end]


def _loop_at_end(text: str) -> tuple[int, str] | None:
    """A Chinese fragment repeated three or more times back to back at the end (a decoder
    loop). Digits never count: ``10000`` is a number, not a loop."""
    core = _without_trailing_punct(text)
    n = len(core)
    for size in range(1, 11):
        if n < size:
            break
        fragment = core[n - size :]
        if not fragment.strip():
            break
        # cheapest test first: nearly every text's end is not repeated even once
        if 2 * size > n or core[n - 2 * size : n - size] != fragment or not _HAN.search(fragment):
            continue
        reps = 2
        while core.endswith(fragment, 0, n - reps * size):
            reps += 1
        if reps >= 3 and reps * size >= 4:
            return n - reps * size, fragment
    return None


def _repeated_tail(core: str) -> tuple[int, str] | None:
    """The longest Han fragment (2-6 characters) at the very end that already occurs in
    the text shortly before: a truncated translation often stops by re-starting a phrase."""
    for size in range(6, 1, -1):
        fragment = core[-size:]
        if len(_HAN.findall(fragment)) < size:
            continue
        earlier = core.rfind(fragment, max(0, len(core) - size - 40), len(core) - size)
        if earlier >= 0:
            return len(core) - size, fragment
    return None


def check_truncated(segment: Segment) -> Iterator[Finding]:
    source, target = segment.source, segment.target
    if not source or not target or segment.align_type == "copy":
        return
    if "\ufffd" in target:
        at = target.index("\ufffd")
        yield OMI001.finding(
            "the translation contains U+FFFD replacement characters (garbled text)",
            target_span=(at, at + 1),
            found="\ufffd",
        )
        return
    loop = _loop_at_end(target)
    if loop is not None:
        start, fragment = loop
        yield OMI001.finding(
            f"the translation ends by repeating {fragment!r} (a machine-translation loop)",
            target_span=(start, len(_without_trailing_punct(target))),
            found=fragment,
        )
        return
    stripped = target.rstrip()
    en_chars = len(source) - source.count(" ")
    zh_chars = len(target) - target.count(" ")
    if (  # cheapest tests first: most translations end with a full stop
        stripped
        and stripped[-1] not in _ZH_COMPLETE_END
        and _HAN.search(stripped[-1])
        and _EN_SENTENCE_END.search(source.rstrip())
        and len(_WORD.findall(source)) >= TRUNCATION_MIN_WORDS
        and (length_sigmas(en_chars, zh_chars) < 0 or _repeated_tail(stripped))
    ):
        tail = _repeated_tail(stripped)
        detail = f", re-starting {tail[1]!r}" if tail else ""
        start = tail[0] if tail else max(0, len(stripped) - 10)
        yield OMI001.finding(
            f"the translation stops mid-sentence{detail}: the end of the source is missing",
            target_span=(start, len(stripped)),
            found=stripped[start:],
        )
        return
    if en_chars >= MIN_SOURCE_CHARS and segment.align_type in ("1-1", "2-1", "1-2"):
        expected = round(LENGTH_RATIO * en_chars)
        sigmas = length_sigmas(en_chars, zh_chars)
        if sigmas < SHORT_SIGMAS and zh_chars < SHORT_FRACTION * expected:
            yield OMI001.finding(
                f"the translation is far shorter than its source ({zh_chars} characters "
                f"where about {expected} are expected): text is probably missing",
                target_span=_full(target),
            )
            return


def check_segment(segment: Segment, ctx: CheckContext) -> Iterator[Finding]:
    yield from check_unpaired(segment)
    yield from check_merge_split(segment)
    yield from check_untranslated(segment)
    yield from check_truncated(segment)


CHECKER = Checker(
    name="alignment",
    rules=(ALN001, ALN002, ALN003, ALN004, OMI001),
    segment=check_segment,
)
