"""Term rules: the glossary's approved, forbidden and do-not-translate forms and
consistency across a document (names that became words are in :mod:`auditor.checks.entities`).

The glossary decides what is checked. A concept with *forbidden* renderings is a known
trap (``gearbox`` -> ``變速箱``): for it an approved rendering is required (TERM001) and a
forbidden one is an error (TERM002). A concept without forbidden renderings only
documents the preferred translation; it is never reported as missing, because
paraphrase is normal and reporting it would bury the real defects in false alarms.

Ordinary words with a domain sense (a design *win*, a *yield*) are *sense concepts*
(``glossary/senses.py``): their forbidden renderings count only where cue words near the
word establish the domain sense, never require an approved rendering, and are found even
as the head of a longer Chinese word. TERM002 findings explain themselves: the English
word, its sense here, what the translation says instead (and what that means), and the
renderings expected.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from itertools import accumulate
from typing import NamedTuple, cast

from auditor.checks.base import CheckContext, Checker, Rule
from auditor.checks.terms_fast import SubstringOwners
from auditor.model import Finding, Segment, Severity
from glossary.fold import fold_zh
from glossary.matcher import FoldedText, TargetHit, TermMatcher
from glossary.senses import SourceWords

TERM001 = Rule(
    code="TERM001",
    name="approved-rendering-missing",
    category="term",
    severity="major",
    mqm="Terminology/Wrong term",
    what="A glossary term known to be mistranslated is in the source, and none of its approved "
    "renderings (nor the English term itself) is in the translation.",
    why="Trap terms such as ramp, gearbox or guidance have a fixed meaning in this industry; "
    "when the approved rendering is missing the translation usually took the everyday sense "
    "or dropped the term. Only concepts with forbidden renderings are checked, so ordinary "
    "paraphrase does not raise alarms.",
    example="'the ramp of customized rack-scale systems' -> '系統設計的發展' (expected 量產爬坡/放量)",
)
TERM002 = Rule(
    code="TERM002",
    name="forbidden-rendering",
    category="term",
    severity="major",
    mqm="Terminology/Wrong term",
    what="A rendering the glossary forbids for a term in the source is in the translation "
    "(critical when the term is a do-not-translate name).",
    why="Forbidden renderings are the everyday senses machine translation picks: a car's "
    "gearbox, a road ramp, software programs, the zodiac sign for a product called Taurus.",
    example="'production ramps' -> '生產坡道'; 'Taurus' -> '金牛座'",
)
TERM003 = Rule(
    code="TERM003",
    name="do-not-translate-changed",
    category="term",
    severity="major",
    mqm="Terminology/Wrong term",
    what="A do-not-translate term (product name, standard) is in the source but not kept "
    "verbatim in the translation.",
    why="Product names and standards such as PCIe, CXL or UALink are searched for and "
    "trademarked in their English form; a translated or dropped name misleads the reader.",
    example="'UALink based scale-up' -> '基於超級加速器連結的縱向擴展' (UALink missing)",
)
TERM004 = Rule(
    code="TERM004",
    name="inconsistent-rendering",
    category="term",
    severity="minor",
    mqm="Terminology/Inconsistent use of terminology",
    what="A glossary term is rendered one way in most of the document and another way here.",
    why="Readers take a different word for a different thing; a term should keep one "
    "rendering throughout a document.",
    example="'fabric' rendered 交換架構 in six segments and 網狀架構 in one",
    document_level=True,
)
RULES = (TERM001, TERM002, TERM003, TERM004)


# ---------------------------------------------------------------------------
# Per-segment analysis shared by the TERM rules
# ---------------------------------------------------------------------------


class ConceptUse(NamedTuple):
    """One concept found in a segment's source and what the target does with it.

    (A named tuple: several are made for every segment, and a tuple is cheap to make.)
    """

    concept: int
    source_spans: tuple[tuple[int, int], ...]
    approved: tuple[TargetHit, ...]
    english: tuple[TargetHit, ...]
    forbidden: tuple[TargetHit, ...]


def _matcher(ctx: CheckContext) -> TermMatcher | None:
    """The term rules' part of the compiled termbase, or ``None`` without terms (kept for
    the last context: one context serves a whole run, and it is frozen)."""
    global _last_matcher
    last = _last_matcher
    if last is not None and last[0] is ctx:
        return last[1]
    compiled = ctx.compiled
    matcher = compiled.matcher if compiled is not None else None
    _last_matcher = (ctx, matcher)
    return matcher


#: The last context :func:`_matcher` was asked about and its answer (held by identity:
#: the context is kept alive here, so its id cannot be reused meanwhile).
_last_matcher: tuple[CheckContext, TermMatcher | None] | None = None


class Analysis(NamedTuple):
    """What the TERM rules share about one segment."""

    #: The compiled termbase's matcher, or ``None`` without a termbase.
    matcher: TermMatcher | None
    #: The concepts of the source a rule can report on or collect (:func:`_roles`), in
    #: source order, with their renderings.
    uses: list[ConceptUse]
    #: The target folded for matching, or ``None``.
    target: FoldedText | None
    #: The other concepts of the source: no rule reports on them here (none at all, or
    #: only on forbidden strings the target does not hold, or an ordinary word whose
    #: domain sense is not meant), but their approved renderings can contain a forbidden
    #: string of a concept in ``uses`` (擴展 inside 縱向擴展). Their renderings are
    #: looked up only when a forbidden hit needs them.
    others: tuple[int, ...] = ()


#: The last segment analysed, its context and the analysis: the engines collect TERM004's
#: facts right after checking a segment, so the second call for it costs nothing. Held by
#: identity (the objects are kept alive here, so an id cannot be reused meanwhile).
_last_analysis: tuple[Segment, CheckContext, Analysis] | None = None


def analyse(segment: Segment, ctx: CheckContext) -> Analysis:
    """The concepts in ``segment``'s source and their renderings in its target."""
    global _last_analysis
    last = _last_analysis
    if last is not None and last[0] is segment and last[1] is ctx:
        return last[2]
    result = _analyse(segment, ctx)
    _last_analysis = (segment, ctx, result)
    return result


class _Roles(NamedTuple):
    """What each concept of a matcher termbase can take part in, by concept number."""

    #: A rule can report on it or collect it: it has forbidden renderings, is
    #: do-not-translate, or requires an approved rendering.
    reported: tuple[bool, ...]
    requires_approved: tuple[bool, ...]
    #: Reported, but only ever for a forbidden rendering (no TERM001/TERM003, nothing to
    #: collect): worth looking up only when one of its forbidden strings is in the target.
    only_forbidden: tuple[bool, ...]
    #: ``(concept, string, Latin)`` for the approved and English strings of the concepts
    #: that may be left out of the analysis up front (no rule reports on them, or they
    #: report only forbidden renderings): the strings whose hits :class:`_Shields` looks
    #: up late.
    shield_strings: tuple[tuple[int, str, bool], ...]
    #: :attr:`shield_strings` indexed for :func:`_containers`.
    shield_index: SubstringOwners
    #: Memo of :func:`_containers`: a compact target text -> those concepts.
    containers: dict[str, frozenset[int]]
    #: Memo of :func:`_generic_head`: ``(concept, forbidden hit's text)`` -> its answer.
    generic_heads: dict[tuple[int, str], str | None]
    #: Folded forbidden rendering -> what it means (the glossaries' ``glosses``, from
    #: CC-CEDICT for the shipped termbase), over every concept: a rendering lent by a
    #: word to a term keeps its meaning.
    meanings: dict[str, str]
    #: Memo of :func:`_meaning`: a forbidden hit's text -> its short meaning.
    short_meanings: dict[str, str]


_ROLES: dict[int, tuple[TermMatcher, _Roles]] = {}


def _roles(matcher: TermMatcher) -> _Roles:
    """The concepts' roles, worked out once per compiled termbase (held by identity)."""
    cached = _ROLES.get(id(matcher))
    if cached is not None and cached[0] is matcher:
        return cached[1]
    requires = tuple(_requires_approved(c) for c in matcher.concepts)
    reported = tuple(
        bool(forms.forbidden) or concept.dnt or required
        for concept, forms, required in zip(matcher.concepts, matcher.forms, requires, strict=True)
    )
    only_forbidden = tuple(
        reported[number] and not requires[number] and not concept.dnt
        for number, concept in enumerate(matcher.concepts)
    )
    shield_strings = tuple(
        (number, string, string.isascii())
        for number, forms in enumerate(matcher.forms)
        if not reported[number] or only_forbidden[number]
        for string in (*forms.approved, *forms.english)
    )
    meanings: dict[str, str] = {}
    for concept in matcher.concepts:
        for rendering, meaning in concept.glosses:
            meanings.setdefault(_norm(fold_zh(rendering)), meaning)
    roles = _Roles(
        reported,
        requires,
        only_forbidden,
        shield_strings,
        _shield_index(shield_strings),
        {},
        {},
        meanings,
        {},
    )
    if len(_ROLES) >= 8:
        _ROLES.pop(next(iter(_ROLES)))
    _ROLES[id(matcher)] = (matcher, roles)
    return roles


def _generic_head(matcher: TermMatcher, roles: _Roles, concept: int, text: str) -> str | None:
    """The folded forbidden ``text`` when it ends one of ``concept``'s approved
    renderings (Chinese compounds are head-final: 擴展 is the generic head of 縱向擴展),
    else ``None``. Memoised per concept and glossary string."""
    key = (concept, text)
    memo = roles.generic_heads
    if key in memo:
        return memo[key]
    generic = fold_zh("".join(text.split()))
    head = generic if any(a.endswith(generic) for a in matcher.forms[concept].approved) else None
    if len(memo) < 100_000:
        memo[key] = head
    return head


def _containers(roles: _Roles, text: str) -> frozenset[int]:
    """The concepts no rule reports on that could have a hit whose span holds a span of
    the target whose compact text is ``text``: a hit's compact text is one of the
    concept's strings, or a Latin one with a plural ending, and must contain ``text``.
    (Per glossary string, not per sentence: the memo stays as small as the glossary.)

    Found with one ``str.find`` scan of the strings joined (:func:`_containers_plain` is
    the plain form, and the tests hold the two equal)."""
    found = roles.containers.get(text)
    if found is None:
        found = roles.shield_index.containing(text)
        if len(roles.containers) < 100_000:
            roles.containers[text] = found
    return found


def _containers_plain(roles: _Roles, text: str) -> frozenset[int]:
    """:func:`_containers` with each glossary string tested in turn."""
    return frozenset(
        concept
        for concept, string, latin in roles.shield_strings
        if text in string or (latin and (text in string + "s" or text in string + "es"))
    )


def _shield_index(shield_strings: Iterable[tuple[int, str, bool]]) -> SubstringOwners:
    """The strings :func:`_containers` searches: each string, a Latin one with its plural
    endings instead (``s`` or ``es``; both contain the bare string)."""
    return SubstringOwners(
        (concept, string + ending)
        for concept, string, latin in shield_strings
        for ending in (("s", "es") if latin else ("",))
    )


def _analyse(segment: Segment, ctx: CheckContext) -> Analysis:
    matcher = _matcher(ctx)
    source, target_text = segment.source, segment.target
    if matcher is None or not source or not target_text:
        return _new(Analysis, (matcher, [], None, ()))
    if segment.align_type == "copy" or source.strip() == target_text.strip():
        return _new(Analysis, (matcher, [], None, ()))
    hits = matcher.match_source(source)
    if not hits:
        return _new(Analysis, (matcher, [], None, ()))
    roles = _roles(matcher)
    reported, only_forbidden = roles.reported, roles.only_forbidden
    spans_of: dict[int, list[tuple[int, int]]] = {}
    others: dict[int, None] = {}
    for concept, start, end, _ in hits:
        if not reported[concept]:
            others[concept] = None
            continue
        spans = spans_of.get(concept)
        if spans is None:
            spans_of[concept] = [(start, end)]
        else:
            spans.append((start, end))
    if not spans_of:  # nothing in the source any rule reports on: the target is not needed
        return _new(Analysis, (matcher, [], None, ()))
    target = FoldedText.of(target_text)
    compact, forms, cues = target.compact, matcher.forms, matcher.cues
    words: SourceWords | None = None
    by_concept: dict[int, list[tuple[int, int]]] = {}
    for concept, spans in spans_of.items():
        # A concept whose only finding can be a forbidden rendering, and none of whose
        # forbidden strings is in the target, reports nothing: at most it shields
        # (looked up late, like the concepts no rule reports on).
        if only_forbidden[concept] and not any(map(compact.__contains__, forms[concept].forbidden)):
            others[concept] = None
            continue
        gate = cues[concept]
        if gate is not None:
            # A sense concept (an ordinary word such as 'yield'): its domain sense is
            # meant only where one of its cue words is near it in the sentence.
            if words is None:
                words = SourceWords(source)
            spans = [span for span in spans if words.sense_meant(span[0], span[1], gate)]
            if not spans:
                others[concept] = None
                continue
        by_concept[concept] = spans
    if not by_concept:
        return _new(Analysis, (matcher, [], None, ()))
    # One pass over the target for every concept of the source. A concept's hits never
    # overlap (leftmost-longest), so 應用 inside a forbidden 應用程式 is already part of
    # the forbidden hit, not an approved rendering of 'application'.
    found = matcher.renderings_by_kind(target, by_concept)
    uses = [
        _new(ConceptUse, (concept, tuple(spans), *found.get(concept, _UNRENDERED)))
        for concept, spans in by_concept.items()
    ]
    return Analysis(matcher, uses, target, tuple(others))


#: No approved, English or forbidden hit.
_UNRENDERED = ((), (), ())
#: Named tuples made without their Python-level ``__new__`` (a C call).
_new = tuple.__new__


class _Shields:
    """The approved and English hits of every concept of a segment, indexed once.

    A forbidden hit inside one of them is part of a correct rendering (擴展 inside
    縱向擴展). Hits of one concept never overlap, so a hit containing a forbidden hit is
    always another concept's: containment alone decides. Sorted starts with a running
    maximum of ends answer "is [a, b) inside any shield" with one bisection, so a very
    long line with thousands of hits stays near-linear.

    The renderings of the source's concepts no rule reports on here (``Analysis.others``) are
    looked up late, and only those of the concepts that could hold the span in question
    (:func:`_containers`): the answers are those all the hits give, and most segments
    never look any up.
    """

    def __init__(self, analysis: Analysis, roles: _Roles):
        self._analysis = analysis
        self._roles = roles
        #: Concepts of ``analysis.others`` whose hits are not indexed yet.
        self._pending = set(analysis.others)
        self._owners: dict[tuple[int, int], set[int]] | None = None
        self._index(
            [(h.start, h.end, h.concept) for u in analysis.uses for h in (*u.approved, *u.english)]
        )

    def _index(self, hits: list[tuple[int, int, int]]) -> None:
        hits.sort()
        self.hits = hits
        self.starts = [start for start, _, _ in hits]
        self.reach = list(accumulate((end for _, end, _ in hits), max))
        self._owners = None

    def _load(self, start: int, end: int) -> bool:
        """Index the hits of the pending concepts that could hold ``[start, end)``;
        whether there were any such concepts."""
        matcher, target = self._analysis.matcher, self._analysis.target
        if matcher is None or target is None:  # no concept of the source: nothing pending
            return False
        needed = self._pending & _containers(self._roles, target.folded[start:end].replace(" ", ""))
        if not needed:
            return False
        self._pending -= needed
        found = matcher.renderings(target, needed)
        # Those concepts have no forbidden renderings: every hit is approved or English.
        self._index(
            self.hits + [(h.start, h.end, h.concept) for c in needed for h in found.get(c, ())]
        )
        return True

    def covers(self, hit) -> bool:
        at = bisect_right(self.starts, hit.start) - 1
        if at >= 0 and self.reach[at] >= hit.end:
            return True
        if self._pending and self._load(hit.start, hit.end):
            return self.covers(hit)
        return False

    def rendered(self, use: ConceptUse) -> int:
        """Spans where ``use`` is rendered approved that no other term of the source claims."""
        spans = {(h.start, h.end) for h in (*use.approved, *use.english)}
        if self._pending:
            for start, end in spans:
                self._load(start, end)
        owners = self._owners
        if owners is None:  # which concepts render each span (展望: guidance and outlook)
            owners = self._owners = {}
            for start, end, concept in self.hits:
                owners.setdefault((start, end), set()).add(concept)
        # A span inside a longer hit of another term is part of that term (訂單 inside
        # 訂單出貨比, book-to-bill), not a rendering of this one.
        return sum(
            1 for span in spans if owners[span] == {use.concept} and not self._inside_longer(span)
        )

    def _inside_longer(self, span: tuple[int, int]) -> bool:
        start, end = span
        return any(s <= start and end <= e and (s, e) != span for s, e, _ in self.hits)


#: Categories whose words translators paraphrase freely: a missing approved rendering
#: means nothing there (TERM001 and TERM004 skip them); forbidden ones still count.
PARAPHRASED_CATEGORIES = frozenset({"finance", "business"})


def _requires_approved(concept) -> bool:
    """A known trap term with a fixed technical rendering (see the module docstring).
    Sense concepts (ordinary words with cue words) never are: ordinary words are
    paraphrased freely, only their everyday renderings are wrong."""
    return (
        bool(concept.forbidden)
        and not concept.dnt
        and not concept.context
        and (concept.category.casefold() not in PARAPHRASED_CATEGORIES)
    )


def _bad_forbidden(
    use: ConceptUse,
    uses: Sequence[ConceptUse],
    matcher: TermMatcher,
    folded: str,
    shields: _Shields,
    forbidden_by: dict[str, set[int]],
) -> list[TargetHit]:
    """Forbidden hits of ``use`` that really render this term wrongly.

    - A forbidden string inside a longer approved rendering of a term in the source is
      fine (擴展 inside 縱向擴展).
    - When the term is already rendered as approved as often as it occurs in the source,
      its forbidden strings belong to another term (not for sense concepts, whose
      approved renderings are everyday words).
    - A forbidden string must start and end on jieba token boundaries, or be the head of
      a longer word (具體指導 holds 指導; checked last: jieba is the slow part).
    - A forbidden string that ends one of the concept's own approved renderings is the
      generic word (擴展 for scale-up, whose approved form is 縱向擴展): it is reported
      only when another term of the same source also lists it as forbidden, because then
      the translation no longer tells the two apart (scale-up and scale-out both 擴展).

    ``forbidden_by`` (forbidden string -> concepts of the source forbidding it) is filled
    on first need and shared by the segment's terms.
    """
    kept = [h for h in use.forbidden if not shields.covers(h)]
    if not kept:
        return []
    # Approved spans another term of the source also claims (展望 for both guidance and
    # outlook) do not show that this term was rendered. A sense concept's approved
    # renderings are everyday words too (取得, 贏得 for 'win'): one elsewhere in the
    # sentence does not excuse the everyday sense here, so its forbidden hits all count.
    if not matcher.concepts[use.concept].context and shields.rendered(use) >= len(use.source_spans):
        return []
    roles = _roles(matcher)
    result = []
    for hit in kept:
        generic = _generic_head(matcher, roles, use.concept, hit.text)
        if generic is not None:
            if not forbidden_by:
                for u in uses:
                    for string in matcher.forms[u.concept].forbidden:
                        forbidden_by.setdefault(string, set()).add(u.concept)
            if not forbidden_by.get(generic, set()) - {use.concept}:
                continue
        if matcher.forbidden_on_boundaries(folded, hit.start, hit.end):
            result.append(hit)
    return result


def _lent_to_another(
    matcher: TermMatcher, use: ConceptUse, uses: Sequence[ConceptUse], hit: TargetHit
) -> bool:
    """Whether ``hit`` is a rendering lent to ``use``'s term by one of its words
    (glossary/senses.py) while another term of the source has the same hit as its own:
    '…design wins and our first win' -> 勝利 renders the lone *win*, not *design win*."""
    lent = matcher.lent_folded[use.concept]
    if not lent:
        return False
    text = _norm(fold_zh(hit.text))
    if text not in lent:
        return False
    return any(
        other is not use
        and text not in matcher.lent_folded[other.concept]
        and any(h.start == hit.start and h.end == hit.end for h in other.forbidden)
        for other in uses
    )


def _sense(concept) -> str:
    """`` (here: <the glossary's note>)``, the sense the term has in this domain, or ``""``."""
    note = concept.note.strip().rstrip(".")
    return f" (here: {note})" if note else ""


def _meaning(roles: _Roles, found: str) -> str:
    """What a forbidden rendering found in a target means (short), memoised by its text."""
    memo = roles.short_meanings
    meaning = memo.get(found)
    if meaning is None:
        meaning = _short_meaning(roles.meanings.get(_norm(fold_zh(found)), ""))
        if len(memo) < 100_000:
            memo[found] = meaning
    return meaning


def _short_meaning(gloss: str) -> str:
    """The first few senses of a dictionary gloss, without its classifier notes
    (``CL:個``) and usage remarks: '(as a transitive verb) to defeat' -> 'to defeat'."""
    senses = []
    for part in gloss.split(";"):
        part = re.sub(r"\([^)]*\)", "", part).strip()
        if part and not part.startswith("CL:") and part not in senses:
            senses.append(part)
    return "; ".join(senses[:3])


def _forbidden_message(
    matcher, roles: _Roles, concept, term: str, found: str, expected: str
) -> str:
    """Explain a forbidden rendering: the English term, the sense it has here, what the
    translation says instead (and what that means), and the renderings expected."""
    if concept.dnt:
        return (
            f"do-not-translate name '{term}' translated as '{found}'{_sense(concept)}; "
            f"keep {expected}"
        )
    meaning = _meaning(roles, found)
    says = f"'{found}' ({meaning})" if meaning else f"'{found}'"
    return (
        f"'{term}'{_sense(concept)} rendered as {says}, an everyday sense that is wrong "
        f"here; use {expected}"
    )


def _label(matcher, concept: int) -> str:
    return matcher.concepts[concept].en


def _expected(matcher, concept: int, locale: str) -> str:
    c = matcher.concepts[concept]
    renderings = c.approved(locale) if not c.dnt else (c.en,)
    return " / ".join(renderings[:3]) if renderings else c.en


def check_segment(segment: Segment, ctx: CheckContext) -> Iterator[Finding]:
    analysis = analyse(segment, ctx)
    if analysis.uses:
        yield from _term_findings(analysis, ctx)


def _term_findings(analysis: Analysis, ctx: CheckContext) -> Iterator[Finding]:
    matcher, uses, target, _ = analysis
    if matcher is None or target is None:  # no concept of the source in the analysis
        return
    folded = target.folded
    roles = _roles(matcher)
    requires_approved = roles.requires_approved
    reported: set[tuple[int, int]] = set()
    shields = _Shields(analysis, roles) if any(use.forbidden for use in uses) else None
    forbidden_by: dict[str, set[int]] = {}
    for use in uses:
        if not use.forbidden and (use.approved or use.english):
            continue  # rendered, and nothing forbidden: no finding possible
        concept = matcher.concepts[use.concept]
        term = _label(matcher, use.concept)
        bad = (
            _bad_forbidden(use, uses, matcher, folded, shields, forbidden_by)
            if use.forbidden and shields is not None
            else []
        )
        if bad:
            expected = _expected(matcher, use.concept, ctx.target_locale)
        for hit in bad:
            if (hit.start, hit.end) in reported or _lent_to_another(matcher, use, uses, hit):
                continue
            reported.add((hit.start, hit.end))
            severity: Severity | None = "critical" if concept.dnt else None
            yield TERM002.finding(
                _forbidden_message(matcher, roles, concept, term, hit.text, expected),
                source_span=use.source_spans[0],
                target_span=(hit.start, hit.end),
                expected=expected,
                found=hit.text,
                severity=severity,
            )
        if bad or use.approved or use.english:
            continue
        if shields is not None and any(not shields.covers(h) for h in use.forbidden):
            continue  # rendered by its generic word (擴展 for scale-up): not missing
        if concept.dnt:
            yield TERM003.finding(
                f"do-not-translate term '{term}' is not kept verbatim in the translation",
                source_span=use.source_spans[0],
                expected=concept.en,
            )
        elif requires_approved[use.concept]:
            expected = _expected(matcher, use.concept, ctx.target_locale)
            yield TERM001.finding(
                f"'{term}'{_sense(concept)} has none of its approved renderings in the "
                f"translation ({expected})",
                source_span=use.source_spans[0],
                expected=expected,
            )


# ---------------------------------------------------------------------------
# TERM004: one rendering per term across the document (map / reduce)
# ---------------------------------------------------------------------------


#: TERM004's facts of one segment: ``(concept key, term, rendering, target span)`` each.
RenderingFacts = tuple[tuple[str, str, str, tuple[int, int]], ...]


def collect_renderings(segment: Segment, ctx: CheckContext) -> object:
    """``((concept key, term, rendering, target span), ...)`` for the technical terms of
    the segment rendered with a Chinese approved rendering (English kept is always fine)."""
    matcher, uses, _, _ = analyse(segment, ctx)
    if not uses or matcher is None:
        return None
    requires_approved = _roles(matcher).requires_approved
    facts = []
    for use in uses:
        if not use.approved or not requires_approved[use.concept]:
            continue
        chinese = [h for h in use.approved if not h.text.isascii()]
        if not chinese:
            continue
        concept = matcher.concepts[use.concept]
        longest = max(chinese, key=lambda h: (h.end - h.start, -h.start))
        facts.append((concept.key, concept.en, _norm(longest.text), (longest.start, longest.end)))
    return tuple(facts) or None


def _bigrams(text: str) -> set[str]:
    return {text[i : i + 2] for i in range(len(text) - 1)} or {text}


def _families(renderings: Counter[str]) -> list[tuple[set[str], int]]:
    """Group renderings that share a two-character piece (交換器 / 交換機, 橫向擴展 /
    橫向擴充): spelling or locale variants of one word, not different words."""
    families: list[tuple[set[str], int]] = []
    for rendering, count in renderings.most_common():
        for members, _ in families:
            if any(_bigrams(rendering) & _bigrams(m) for m in members):
                members.add(rendering)
                break
        else:
            families.append(({rendering}, count))
    return [(m, sum(renderings[r] for r in m)) for m, _ in families]


def combine_renderings(
    facts: Iterable[tuple[int, object]], ctx: CheckContext
) -> Iterator[tuple[int, Finding]]:
    """A lone deviation: the term has one dominant word (3+ segments) and a different word
    (sharing no two characters with it) in a single segment."""
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for _, segment_facts in facts:
        for key, _en, rendering, _span in cast(RenderingFacts, segment_facts):
            counts[key][rendering] += 1
    verdicts: dict[str, tuple[set[str], str, int]] = {}
    for key, counter in counts.items():
        families = sorted(_families(counter), key=lambda f: -f[1])
        if len(families) < 2 or families[0][1] < 3:
            continue
        top_members, top_count = families[0]
        lone = set()
        for members, count in families[1:]:
            if count == 1:
                lone |= members
        if lone:
            top = max(top_members, key=counter.__getitem__)
            verdicts[key] = (lone, top, top_count)
    if not verdicts:
        return
    for index, segment_facts in facts:
        for key, en, rendering, span in cast(RenderingFacts, segment_facts):
            verdict = verdicts.get(key)
            if verdict is None or rendering not in verdict[0]:
                continue
            _, top, top_count = verdict
            yield (
                index,
                TERM004.finding(
                    f"'{en}' rendered '{rendering}' here but '{top}' in {top_count} other segments",
                    target_span=span,
                    expected=top,
                    found=rendering,
                ),
            )


def _norm(text: str) -> str:
    return "".join(text.split())


CHECKER = Checker(
    name="terms",
    rules=RULES,
    segment=check_segment,
    collect=collect_renderings,
    combine=combine_renderings,
)
