"""LOC003 and LOC004: digits are written one way across a document.

Document-level locale rules: numbers of four or more digits grouped with commas in some places
and not in others (LOC003), full-width digits mixed with half-width ones (LOC004). They run
whole-document (:func:`check_document`) or as map/reduce (:func:`collect_digit_styles`, then
:func:`combine_digit_styles`), so a corpus is never held whole.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import cast

from auditor.checks.base import CheckContext, Rule
from auditor.model import Finding, Segment
from auditor.numbers.normalize import normalize_width

LOC003 = Rule(
    "LOC003",
    "digit-grouping-inconsistent",
    "locale",
    "minor",
    "Locale convention/Number format",
    "Numbers of four or more digits are grouped with commas in some places and not in others.",
    "A document should write 1,090 萬 and 4,540 萬 the same way.",
    "1090 萬美元 next to 4,540 萬美元",
    document_level=True,
)
LOC004 = Rule(
    "LOC004",
    "full-width-digits-mixed",
    "locale",
    "minor",
    "Locale convention/Number format",
    "Full-width digits (１２３) are mixed with half-width digits (123) in the document.",
    "Mixed widths look careless and break search and copy-paste of figures.",
    "營收為１.594 億美元",
    document_level=True,
)
RULES = (LOC003, LOC004)


# A number not preceded by a digit, dot or comma. Written to start with the digit (the
# look-behind then checks the character before it), so a scan skips ahead at C speed.
_GROUPED = re.compile(r"\d(?<![\d.,]\d)\d{0,2}(?:,\d{3})+(?![\d,])")
_UNGROUPED = re.compile(r"\d(?<![\d.,]\d)\d{3,}(?![\d,])")
_ANY_DIGIT = re.compile(r"\d")  # what the patterns above and below need (０-９ included)
_YEARLIKE = re.compile(r"(?:19|20)\d\d")
_YEAR_AFTER = re.compile(r"\s?(?:財年|年)")
_FULL = re.compile(r"[０-９]")
_HALF = re.compile(r"[0-9]")


def check_document(segments: Sequence[Segment], ctx: CheckContext) -> Iterable[tuple[int, Finding]]:
    """LOC003 and LOC004 read plainly, over a document held whole: formatting of digits
    must be consistent across it. The checker runs the map/reduce form below
    (:func:`collect_digit_styles`, :func:`combine_digit_styles`); a test holds the two equal."""
    grouped: list[tuple[int, tuple[int, int], str]] = []
    ungrouped: list[tuple[int, tuple[int, int], str]] = []
    full: list[tuple[int, tuple[int, int], str]] = []
    half: list[tuple[int, tuple[int, int], str]] = []
    for i, seg in enumerate(segments):
        if not seg.target:
            continue
        norm = normalize_width(seg.target)
        for m in _GROUPED.finditer(norm):
            grouped.append((i, m.span(), seg.target[m.start() : m.end()]))
        for m in _UNGROUPED.finditer(norm):
            digits = m.group()
            if len(digits) == 4 and _YEARLIKE.fullmatch(digits):
                continue  # years are never grouped
            after = norm[m.end() : m.end() + 2]
            if after.startswith("年") or _YEAR_AFTER.match(after):
                continue
            ungrouped.append((i, m.span(), seg.target[m.start() : m.end()]))
        for m in _FULL.finditer(seg.target):
            full.append((i, m.span(), m.group()))
        for m in _HALF.finditer(seg.target):
            half.append((i, m.span(), m.group()))
    rule3, rule4 = LOC003, LOC004
    if grouped and ungrouped:
        minority, style = (
            (ungrouped, "1,090") if len(ungrouped) <= len(grouped) else (grouped, "1090")
        )
        for i, span, text in minority:
            yield (
                i,
                rule3.finding(
                    f"digit grouping differs from the rest of the document ({len(grouped)} grouped, "
                    f"{len(ungrouped)} not): {text!r}",
                    target_span=span,
                    expected=_regroup(text, style),
                    found=text,
                ),
            )
    if full and half:
        minority = full if len(full) <= len(half) else half
        seen: set[int] = set()
        for i, span, _ in minority:
            if i in seen:
                continue
            seen.add(i)
            target = segments[i].target
            yield (
                i,
                rule4.finding(
                    "full-width and half-width digits are mixed in the document "
                    f"({len(full)} full-width, {len(half)} half-width)",
                    target_span=span,
                    found=target[span[0] : span[1]] if target else None,
                ),
            )


# The same two rules in map/reduce form, so a corpus is never held whole (auditor.engine):
# each segment's digit styles are collected where it is checked, then counted once.

Styled = tuple[tuple[int, int], str]
#: Digits of one width in a target: how many, and the first with its span.
Width = tuple[int, "tuple[tuple[int, int], str] | None"]
#: What :func:`collect_digit_styles` keeps of a target: ``(grouped, ungrouped, full, half)``.
DigitStyles = tuple[tuple[Styled, ...], tuple[Styled, ...], Width, Width]


def collect_digit_styles(segment: Segment, ctx: CheckContext) -> object:
    """``(grouped, ungrouped, full, half)`` of one target, as :func:`check_document` sees
    them; ``full``/``half`` are ``(count, first (span, digit) or None)``."""
    if not segment.target or _ANY_DIGIT.search(segment.target) is None:
        return None  # no digit, nothing to collect (most lines)
    target = segment.target
    norm = normalize_width(target)
    grouped = tuple((m.span(), target[m.start() : m.end()]) for m in _GROUPED.finditer(norm))
    ungrouped: list[Styled] = []
    for m in _UNGROUPED.finditer(norm):
        digits = m.group()
        if len(digits) == 4 and _YEARLIKE.fullmatch(digits):
            continue
        after = norm[m.end() : m.end() + 2]
        if after.startswith("年") or _YEAR_AFTER.match(after):
            continue
        ungrouped.append((m.span(), target[m.start() : m.end()]))
    widths: list[Width] = []
    for pattern in (_FULL, _HALF):
        found = pattern.findall(target)
        first = pattern.search(target) if found else None
        widths.append((len(found), (first.span(), first.group()) if first else None))
    if not (grouped or ungrouped or widths[0][0] or widths[1][0]):
        return None
    return grouped, tuple(ungrouped), widths[0], widths[1]


def combine_digit_styles(
    facts: Iterable[tuple[int, object]], ctx: CheckContext
) -> Iterable[tuple[int, Finding]]:
    """:func:`check_document` over collected facts: count the styles, then a second pass
    over the facts reports the minority (nothing but counts is held in memory)."""
    n_grouped = n_ungrouped = n_full = n_half = 0
    for _, fact in facts:
        grouped, ungrouped, full, half = cast(DigitStyles, fact)
        n_grouped += len(grouped)
        n_ungrouped += len(ungrouped)
        n_full += full[0]
        n_half += half[0]
    rule3, rule4 = LOC003, LOC004
    mixed_grouping = n_grouped and n_ungrouped
    mixed_width = n_full and n_half
    if not (mixed_grouping or mixed_width):
        return
    grouped_minority = n_ungrouped > n_grouped
    style = "1090" if grouped_minority else "1,090"
    full_minority = n_full <= n_half
    for i, fact in facts:
        grouped, ungrouped, full, half = cast(DigitStyles, fact)
        if mixed_grouping:
            for span, text in grouped if grouped_minority else ungrouped:
                yield (
                    i,
                    rule3.finding(
                        f"digit grouping differs from the rest of the document ({n_grouped} grouped, "
                        f"{n_ungrouped} not): {text!r}",
                        target_span=span,
                        expected=_regroup(text, style),
                        found=text,
                    ),
                )
        if mixed_width:
            first = full[1] if full_minority else half[1]
            if first is not None:
                span, digit = first
                yield (
                    i,
                    rule4.finding(
                        "full-width and half-width digits are mixed in the document "
                        f"({n_full} full-width, {n_half} half-width)",
                        target_span=span,
                        found=digit,
                    ),
                )


def _regroup(text: str, style: str) -> str:
    digits = normalize_width(text).replace(",", "")
    return f"{int(digits):,}" if style == "1,090" else digits
