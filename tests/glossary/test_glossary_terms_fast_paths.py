"""The term rules' shortcuts give exactly what the plain ways give.

- Only the source's concepts a rule can report on are looked up in the target; the others
  only shield forbidden hits (自動變速箱 holds 變速箱), and their renderings are looked up
  late, only for the concepts that could hold the span in question. The reference puts
  every concept of the source in the analysis up front, as the checker once did.
- The ``from``/``of`` line pattern runs as two literal-prefixed searches; the reference is
  the single alternation.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from auditor.checks import entities, terms
from auditor.checks.base import CheckContext
from auditor.model import Segment
from glossary import load_termbase
from glossary.compiled import compile_termbase
from glossary.matcher import FoldedText
from glossary.model import Concept, Termbase
from glossary.senses import SourceWords

DATA = Path(__file__).parents[1] / "data"


def _eager_analysis(segment: Segment, ctx: CheckContext) -> terms.Analysis:
    """Every concept of the source with its renderings, in source order (no late look-ups).

    A sense concept whose domain sense is not meant at a span (no cue word near it) takes
    part there only as a shield: that span is left out of its reported spans, and a concept
    left with none keeps its approved renderings but no forbidden ones."""
    compiled = compile_termbase(ctx.termbase).matcher
    words = SourceWords(segment.source)
    spans: dict[int, list[tuple[int, int]]] = {}
    shield_only: set[int] = set()
    for hit in compiled.match_source(segment.source):
        gate = compiled.cues[hit.concept]
        if gate is not None and not words.sense_meant(hit.start, hit.end, gate):
            shield_only.add(hit.concept)
            spans.setdefault(hit.concept, [])
            continue
        spans.setdefault(hit.concept, []).append((hit.start, hit.end))
    target = FoldedText.of(segment.target)
    found = compiled.renderings(target, spans)
    uses = [
        terms.ConceptUse(
            concept,
            tuple(s) or ((0, 0),),
            *(
                tuple(
                    h
                    for h in found.get(concept, ())
                    if h.kind == kind and (s or kind != "forbidden")
                )
                for kind in ("approved", "english", "forbidden")
            ),
        )
        for concept, s in spans.items()
    ]
    return terms.Analysis(compiled, uses, target, ())


def _both(segment: Segment, ctx: CheckContext) -> tuple[list, list]:
    lazy = terms._analyse(segment, ctx)
    fast = list(terms._term_findings(lazy, ctx)) if lazy.uses else []
    eager = _eager_analysis(segment, ctx)
    plain = list(terms._term_findings(eager, ctx)) if eager.uses else []
    return fast, plain


def _shield_termbase() -> Termbase:
    return Termbase(
        (
            Concept("gearbox", zh_tw=("齒輪箱",), forbidden=("變速箱",), category="hardware"),
            Concept("automatic transmission", zh_tw=("自動變速箱",)),
            Concept("die", zh_tw=("晶粒",), forbidden=("chips",), category="hardware"),
            Concept("AI chip", zh_tw=("人工智慧晶片",)),
        )
    )


def test_a_forbidden_string_inside_an_unreported_terms_rendering_is_not_reported():
    ctx = CheckContext(termbase=_shield_termbase())
    segment = Segment(
        "s", "The gearbox of the automatic transmission.", "這個自動變速箱很好。", None, None
    )
    analysis = terms._analyse(segment, ctx)
    compiled = analysis.matcher
    # The shield's concept is not analysed up front: it is looked up late.
    assert [compiled.concepts[c].en for c in analysis.others] == ["automatic transmission"]
    assert [compiled.concepts[u.concept].en for u in analysis.uses] == ["gearbox"]
    fast, plain = _both(segment, ctx)
    assert fast == plain
    assert [f.rule for f in fast] == ["TERM001"]  # 變速箱 is part of 自動變速箱: not TERM002


def test_a_latin_plural_of_an_unreported_term_shields_a_forbidden_word():
    # 'AI chip' kept in English as 'AI chips' holds 'chips', forbidden for 'die': the span
    # 'aichips' is the string 'aichip' with a plural ending.
    ctx = CheckContext(termbase=_shield_termbase())
    segment = Segment("s", "The die and the AI chip.", "這些 AI chips。", None, None)
    assert terms._analyse(segment, ctx).others
    fast, plain = _both(segment, ctx)
    assert fast == plain
    assert [f.rule for f in fast] == ["TERM001"]  # 'chips' is part of 'AI chips'
    alone = Segment("s", "The die and the AI chip.", "這些 chips 與人工智慧晶片。", None, None)
    fast, plain = _both(alone, ctx)
    assert fast == plain
    assert [(f.rule, f.found) for f in fast] == [("TERM002", "chips")]


def test_a_source_with_only_unreported_terms_leaves_the_target_alone():
    ctx = CheckContext(termbase=_shield_termbase())
    segment = Segment("s", "The automatic transmission.", "變速箱。", None, None)
    analysis = terms._analyse(segment, ctx)
    assert analysis.uses == [] and analysis.target is None
    assert list(terms.check_segment(segment, ctx)) == []


@pytest.mark.parametrize("glossary", [None, "samples/astera_glossary.tsv"])
def test_late_lookups_find_what_looking_up_everything_finds(gold_pairs, glossary):
    root = Path(__file__).resolve().parents[2]
    termbase = load_termbase([str(root / glossary)] if glossary else ())
    ctx = CheckContext(termbase=termbase)
    rng = random.Random(7)
    targets = [zh for _, zh in gold_pairs]
    # The real gold_pairs, then sources with other gold_pairs' targets (many more forbidden hits
    # and terms rendered by other terms).
    cases = list(gold_pairs) + [
        (en, rng.choice(targets) + rng.choice(targets)) for en, _ in gold_pairs
    ]
    reported = 0
    for en, zh in cases:
        if not en or not zh:
            continue
        fast, plain = _both(Segment("s", en, zh, None, None), ctx)
        assert fast == plain, en
        reported += len(fast)
    assert reported > 100


FROM_LINE = re.compile(
    r"(?:f(?<!\wf)rom|o(?<!\wo)f)\s+(?:the line of\s+)?(?P<person>[A-Z][a-z][\w'\-]*(?: [A-Z][\w'\-]+){1,2})"
    r"\s+(?:with|from|of|at)\s+(?P<firm>[A-Z][\w&'.\-]*(?: (?:&|and|[A-Z][\w&'.\-]*))*)"
)


def test_from_line_searches_match_the_single_alternation():
    rng = random.Random(3)
    words = [
        "from",
        "of",
        "Tom",
        "Jones",
        "the line of",
        "with",
        "at",
        "Morgan",
        "Stanley",
        "&",
        "and",
        "x",
        "Ab",
        "of\t",
        "prof",
        "offer",
        "Ann-Lee",
        "from\n",
        "Of",
    ]
    texts = [
        "Our next question comes from the line of Srini Pajjuri with Raymond James.",
        "proof of Tom Jones from Big Bank and from Al Bo at X Y",
        "Questions of Ann Lee Wu of Morgan Stanley from the line of Bob Smith at Jefferies",
    ] + [" ".join(rng.choice(words) for _ in range(rng.randint(1, 12))) for _ in range(5000)]
    matched = 0
    for text in texts:
        want, got = FROM_LINE.search(text), entities._from_line(text)
        assert (want and (want.span(), want.groupdict())) == (got and (got.span(), got.groupdict()))
        matched += want is not None
    assert matched > 50
