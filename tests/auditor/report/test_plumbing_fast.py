"""The plumbing's fast paths give what the readable ones give, byte for byte: the JSON
Lines renderer, the in-process hold of results for the document-level rules, and the
spool that holds objects up to a bound and pickles past it."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest

from auditor import spool as spool_module
from auditor.checks.base import CheckContext, Checker, Rule
from auditor.engine import InProcess, batched, check_stream, check_work
from auditor.engine import run as run_module
from auditor.model import Decision, Finding, Loc, Report, Segment, SegmentResult
from auditor.options import Selection
from auditor.report import jsonl, jsonl_fast
from auditor.scoring import mqm_score, segment_penalty
from auditor.spool import HeldSpool

DATA = Path(__file__).parents[2] / "data"


def _gold_segments(copies: int = 1) -> list[Segment]:
    rows = [
        json.loads(line) for line in (DATA / "astera_q1_2025_gold.jsonl").open(encoding="utf-8")
    ]
    return [
        Segment(
            f"s{k:04d}",
            r["en"],
            r["zh"],
            Loc("call.txt", 2 * k + 1, 2 * k + 1),
            Loc("call.txt", 2 * k + 2, 2 * k + 2),
        )
        for k, r in enumerate(rows * copies)
    ]


def test_fast_jsonl_lines_equal_the_readable_writers_on_the_transcript():
    """Every checked pair of the transcript, flagged or not, renders to the same bytes
    and the same tally."""
    results = list(check_stream(_gold_segments(), CheckContext(), Selection()))
    assert sum(len(r.findings) for r in results) > 20
    assert jsonl_fast.render(results) == jsonl.render(results)


def test_fast_jsonl_lines_equal_the_readable_writers_on_reviewed_and_odd_results():
    """Decisions (a status and a reason, fewer than the findings), a post-edit, no
    locations, an unaligned side, a confidence, quotes and control characters."""
    finding = Finding(
        rule="NUM001",
        category="number",
        severity="major",
        mqm="Accuracy/Mistranslation",
        message='"3.5" became 35 \t\u2028 (全角：３５)',
        source_span=(0, 3),
        target_span=(1, 3),
        expected="3.5",
        found="35",
    )
    sure = replace(finding, rule="OMI002", confidence=0.625, source_span=None)
    results = [
        SegmentResult(
            Segment("s1", "Revenue was $3.5 billion.", "營收為35億美元。", None, None),
            (finding, sure, finding),
            decisions=(Decision("dismissed", "a style choice, \\ kept"), Decision("confirmed")),
            post_edit="營收為3.5億美元。",
        ),
        SegmentResult(Segment("s2", None, "多出來的一行", None, Loc("b.txt", 9, 9)), (sure,)),
        SegmentResult(Segment("s3", "Thanks", None, Loc("a.txt", 4, 5), None), (finding,)),
        SegmentResult(Segment("s4", "Clean", "乾淨", None, None)),
        # a float as repr writes it; an id and a path that need escaping
        SegmentResult(
            Segment('s"5', "a\\b", "乙", Loc("dir\\x.tsv", 7, 8), Loc('q"t.tsv', 7, 8)),
            (replace(sure, confidence=0.1 + 0.2, target_span=(0, 1)),),
        ),
    ]
    text, tally = jsonl_fast.render(results)
    assert (text, tally) == jsonl.render(results)
    # The dismissed finding counts in no penalty; the tally agrees with the gathered score.
    assert tally.penalty == sum(segment_penalty(r) for r in results) == 5 + 5 + 5 + 5 + 5
    assert tally.mqm() == mqm_score(Report(inputs=(), glossaries=(), results=tuple(results)))
    lines = [json.loads(line) for line in text.split("\n")[:-1]]
    assert [(d["segment"], d["status"]) for d in lines] == [
        ("s1", "dismissed"),
        ("s1", "confirmed"),
        ("s1", "open"),
        ("s2", "open"),
        ("s3", "open"),
        ('s"5', "open"),
    ]
    assert lines[-1]["confidence"] == 0.1 + 0.2 and lines[-1]["target_loc"]["path"] == 'q"t.tsv'


def test_held_spool_keeps_objects_until_its_bound_then_pickles_the_rest_in_order():
    with HeldSpool[list[int]](lambda item: 10, limit=35, memory_limit=64) as held:
        for k in range(8):
            held.append([k])
        assert len(held) == 8
        assert [x[0] for x in held] == list(range(8))
        assert [x[0] for x in held] == list(range(8))  # read again, as a combine may
        kept = list(held)
        assert kept[2] is list(held)[2]  # held: the same object, not a copy
        assert kept[3] is not list(held)[3]  # past the bound: unpickled afresh


def test_held_spool_spills_everything_after_its_first_spill():
    """A small item after a big one that spilled must not jump the queue."""
    with HeldSpool[list[int]](len, limit=4) as held:
        held.append([1, 1])
        held.append([2, 2, 2])  # over the bound: spilled
        held.append([3])  # would fit, but goes after the spilled one
        assert list(held) == [[1, 1], [2, 2, 2], [3]]


RULE = Rule(
    code="TST902",
    name="revenue-inconsistent",
    category="term",
    severity="minor",
    mqm="Terminology/Inconsistent",
    what="revenue rendered unlike the rest of the document",
    why="test rule",
    document_level=True,
)


def _rendering(segment: Segment, ctx: CheckContext) -> str | None:
    if segment.source and segment.target and "revenue" in segment.source.lower():
        for word in ("營收", "收入", "營業額"):
            if word in segment.target:
                return word
    return None


def _minority(facts, ctx):
    found = list(facts)
    counts = Counter(word for _, word in found)
    if len(counts) > 1:
        majority = max(sorted(counts), key=counts.__getitem__)
        for index, word in found:
            if word != majority:
                yield index, RULE.finding(f"revenue as {word}, elsewhere {majority}", found=word)


@pytest.fixture
def with_document_rule(monkeypatch):
    """A document-level rule (collect, then combine) on top of the registered ones."""
    from auditor.engine import batch as batch_module

    checker = Checker("test-consistency", (RULE,), collect=_rendering, combine=_minority)
    registered = batch_module.all_checkers()
    monkeypatch.setattr(batch_module, "all_checkers", lambda: (*registered, checker))
    batch_module.active_checkers.cache_clear()
    yield
    batch_module.active_checkers.cache_clear()


def test_one_job_holds_results_for_the_document_rules_without_pickling(
    with_document_rule, monkeypatch
):
    """In one process nothing crosses to another: the results that wait for the
    document-level combine are kept as they are, and come out as the pool gives them."""
    from auditor.engine.local import ProcessPool

    segments = _gold_segments(copies=2)
    ctx, selection = CheckContext(), Selection()
    pooled = list(check_stream(segments, ctx, selection, engine=ProcessPool(2), batch_size=25))

    def refuse(*args, **kwargs):
        raise AssertionError("a result was pickled")

    monkeypatch.setattr(spool_module.pickle, "dump", refuse)
    monkeypatch.setattr(run_module.pickle, "dumps", refuse)
    here = list(check_stream(segments, ctx, selection, batch_size=25))
    assert here == pooled
    assert any(f.rule == "TST902" for r in here for f in r.findings)


def test_one_job_past_the_hold_bound_spills_and_gives_the_same_output(
    with_document_rule, monkeypatch
):
    """Past its bound the hold pickles the rest onto a spool (on disk when large):
    memory stays bounded, and the output does not change."""
    segments = _gold_segments(copies=2)
    ctx, selection = CheckContext(), Selection()

    def run() -> list[tuple[str, object]]:
        work = batched(segments, 25)
        return list(check_work(InProcess(), work, ctx, selection, jsonl_fast.render))

    whole = run()
    monkeypatch.setattr(spool_module, "HELD_LIMIT", 50_000)  # a couple of batches
    pickled = []
    monkeypatch.setattr(spool_module.Spool, "append", _counting(spool_module.Spool.append, pickled))
    spilled = run()
    assert spilled == whole
    assert len(pickled) > len(whole) // 2  # most batches went to the spool
    assert "TST902" in "".join(text for text, _ in whole)


def _counting(append, calls: list[object]):
    def counted(self, item):
        calls.append(item)
        return append(self, item)

    return counted


def test_interleaved_segments_wait_as_objects_and_past_the_bound_as_pickles(monkeypatch):
    """An interleaved transcript is aligned once onto a hold: whether its segments stay
    objects or spill, the checked segments (ids, texts, lines) are the same."""
    from auditor.options import AuditOptions
    from auditor.source import SegmentSource

    path = str(DATA / "astera_q1_2025_bilingual.txt")

    def segments() -> list[Segment]:
        source = SegmentSource(path, AuditOptions())
        assert source.kind == "interleaved"
        return list(source)

    held = segments()
    monkeypatch.setattr(spool_module, "HELD_LIMIT", 20_000)
    pickled: list[object] = []
    monkeypatch.setattr(spool_module.Spool, "append", _counting(spool_module.Spool.append, pickled))
    spilled = segments()
    assert spilled == held and len(held) > 100
    assert len(pickled) > len(held) // 2
