"""A family finds only its own rules' defects, so a batch keeps a family's findings
unfiltered when the selection keeps all its rules, and filters them when it drops some."""

from __future__ import annotations

from pathlib import Path

from auditor.checks.registry import all_checkers
from auditor.engine.batch import active_checkers, check_batch
from auditor.model import Segment
from auditor.options import AuditOptions, Selection
from auditor.pipeline import context_for, load_termbase
from auditor.source import SegmentSource

DATA = Path(__file__).parents[2] / "data"

#: Sentences of our own with defects of several families (a number changed, a unit lost,
#: a term mistranslated, a name dropped, a sentence left out, Simplified characters in a
#: Traditional translation, an untranslated line).
WRITTEN = [
    ("Gross margin was 76.4%, up 120 basis points.", "毛利率為67.4%，上升120個基點。"),
    ("The retimer runs at 64 GT/s over 3 meters.", "該重定時器以64 GT/s運行。"),
    ("Wafer starts rose 30% to 2.5 million units.", "晶圓投片增加了30%，達到250萬片。"),
    ("Orion shipped the new controller to Harbor Point Partners. It sold out.", "新控制器已出貨。"),
    ("Our lithography roadmap is on track.", "我们的光刻路线图进展顺利。"),
    ("Thank you, operator.", "Thank you, operator."),
]


def _segments(ctx_options: AuditOptions, termbase) -> list[Segment]:
    sample = list(SegmentSource(str(DATA / "astera_q1_2025_gold.jsonl"), ctx_options, termbase))
    written = [
        Segment(f"w{k}", en, zh, None, None, "1-1", 1.0) for k, (en, zh) in enumerate(WRITTEN)
    ]
    return sample + written


def test_every_family_finds_only_its_own_rules_defects():
    options = AuditOptions()
    termbase = load_termbase(options)
    ctx = context_for(frozenset(), options, termbase)
    seen: set[str] = set()
    for checker in all_checkers():
        if checker.segment is None:
            continue
        own = {rule.code for rule in checker.rules}
        for segment in _segments(options, termbase):
            for finding in checker.segment(segment, ctx):
                assert finding.rule in own, (checker.name, finding.rule, segment.source)
                seen.add(finding.rule)
    families = {code[:3] for code in seen}
    assert {"NUM", "TER", "OMI", "LOC", "ENT"} <= families  # the corpus exercises the big families


def test_a_dropped_rule_is_filtered_out_and_the_rest_of_its_family_kept():
    options = AuditOptions()
    termbase = load_termbase(options)
    ctx = context_for(frozenset(), options, termbase)
    segments = _segments(options, termbase)
    everything = check_batch(segments, ctx, Selection())
    codes = [f.rule for found in everything.findings for f in found]
    dropped = max(set(codes), key=codes.count)  # the commonest rule
    family = next(a for a in active_checkers(Selection()) if dropped in a.codes)
    assert family.every_rule
    narrowed = Selection(ignore=(dropped,))
    assert not next(a for a in active_checkers(narrowed) if a.checker is family.checker).every_rule
    fewer = check_batch(segments, ctx, narrowed)
    expected = [[f for f in found if f.rule != dropped] for found in everything.findings]
    assert [list(found) for found in fewer.findings] == expected
