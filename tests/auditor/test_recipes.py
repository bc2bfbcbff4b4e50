"""The recipes of docs/architecture.md, followed step by step: a rule family, a report
format and an engine, each added by the files the recipe names and nothing else, and then
used by the command line unchanged. (The input-format recipe is followed by the PO
reader's tests: tests/test_formats_po.py.)"""

from __future__ import annotations

import json
import sys
import types
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TypeVar

import pytest

from auditor import pipeline, source
from auditor.checks import registry
from auditor.checks.base import CheckContext, Checker, Rule
from auditor.cli import main
from auditor.engine import batch
from auditor.model import Finding, Segment, SegmentResult
from auditor.report import WRITERS
from auditor.report.base import ReportWriter
from auditor.report.tally import Tally

S = TypeVar("S")
A = TypeVar("A")
B = TypeVar("B")

CORPUS = [
    {"en": "Revenue grew 12% to $4.2 billion.", "zh": "營收成長 12%，達 42 億美元。"},
    {"en": "Gross margin was 61.5%.", "zh": "毛利率為 65.1%。"},  # a figure changed
    {"en": "We shipped 3 million units.", "zh": "我們出貨了 30 萬台。"},  # a magnitude lost
    {"en": "The revenue outlook is unchanged.", "zh": "收入展望不變。"},
    {"en": "Revenue in the data center rose.", "zh": "資料中心營收上升。"},
]


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    path = tmp_path / "pairs.jsonl"
    path.write_text(
        "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in CORPUS), encoding="utf-8"
    )
    return path


def _install_module(monkeypatch: pytest.MonkeyPatch, name: str, **attributes: object) -> None:
    """A module of our own, as if it were a file in the package."""
    module = types.ModuleType(name)
    for key, value in attributes.items():
        setattr(module, key, value)
    monkeypatch.setitem(sys.modules, name, module)


# --- a rule family: a module with CHECKER, and its name in CHECKER_MODULES -----------------

QUESTION = Rule(
    code="TST950",
    name="question-lost",
    category="omission",
    severity="major",
    mqm="Accuracy/Omission",
    what="An English question is translated without a question mark.",
    why="A question turned into a statement changes what the speaker asked.",
    example="'Is demand holding?' -> 需求維持 (no ？)",
)
MIXED = Rule(
    code="TST951",
    name="revenue-mixed",
    category="term",
    severity="minor",
    mqm="Terminology/Inconsistent",
    what="Revenue is rendered two ways in one document.",
    why="One concept, one rendering.",
    document_level=True,
)


def _question(segment: Segment, ctx: CheckContext) -> Iterator[Finding]:
    if segment.source and segment.target and segment.source.rstrip().endswith("?"):
        if not segment.target.rstrip().endswith(("？", "?")):
            yield QUESTION.finding("the question mark is lost")


def _revenue(segment: Segment, ctx: CheckContext) -> str | None:
    if segment.source and "revenue" in segment.source.lower() and segment.target:
        return next((w for w in ("營收", "收入") if w in segment.target), None)
    return None


def _mixed(facts: Iterable[tuple[int, object]], ctx: CheckContext) -> Iterator[tuple[int, Finding]]:
    found = list(facts)
    words = [w for _, w in found]
    if len(set(words)) > 1:
        majority = max(sorted(set(words)), key=words.count)
        for index, word in found:
            if word != majority:
                yield index, MIXED.finding(f"revenue as {word}, elsewhere {majority}", found=word)


def test_a_rule_family_is_a_module_and_a_registry_line(monkeypatch, corpus, capsys):
    checker = Checker(
        "recipe", (QUESTION, MIXED), segment=_question, collect=_revenue, combine=_mixed
    )
    _install_module(monkeypatch, "auditor.checks.recipe_family", CHECKER=checker)
    monkeypatch.setattr(
        registry, "CHECKER_MODULES", (*registry.CHECKER_MODULES, "auditor.checks.recipe_family")
    )
    for cached in (registry.all_checkers, registry.all_rules, batch.active_checkers):
        cached.cache_clear()
    try:
        assert main(["rules", "TST950"]) == 0
        assert "question mark" in capsys.readouterr().out
        rows = [dict(row) for row in CORPUS] + [{"en": "Is demand holding?", "zh": "需求維持。"}]
        corpus.write_text(
            "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8"
        )
        for jobs in ("1", "2"):
            main(
                ["check", str(corpus), "--format", "jsonl", "--select", "TST", "-q", "--jobs", jobs]
            )
            found = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
            assert [(f["segment"], f["rule"]) for f in found] == [
                ("s0004", "TST951"),
                ("s0006", "TST950"),
            ]
    finally:
        for cached in (registry.all_checkers, registry.all_rules, batch.active_checkers):
            cached.cache_clear()


# --- a report format: a module with NAME, FILENAME and a Writer, and its line in WRITERS ---


class _RuleCountWriter(ReportWriter):
    """A one-line-per-rule count, written as results come (nothing held but counts)."""

    NAME = "counts"
    FILENAME = "report.counts.txt"

    def begin(self) -> None:
        self._counts: dict[str, int] = {}

    def add(self, result: SegmentResult) -> None:
        for finding in result.findings:
            self._counts[finding.rule] = self._counts.get(finding.rule, 0) + 1

    def end(self, tally: Tally) -> None:
        for rule, count in sorted(self._counts.items()):
            self.stream.write(f"{rule}\t{count}\n")
        self.stream.write(f"total\t{tally.findings}\n")


def test_a_report_format_is_a_module_and_a_registry_line(monkeypatch, corpus, tmp_path, capsys):
    _install_module(
        monkeypatch,
        "auditor.report.recipe_counts",
        NAME="counts",
        FILENAME="report.counts.txt",
        Writer=_RuleCountWriter,
    )
    monkeypatch.setitem(WRITERS, "counts", "auditor.report.recipe_counts")
    main(["check", str(corpus), "--format", "jsonl", "-q"])
    expected = {}
    for line in capsys.readouterr().out.splitlines():
        rule = json.loads(line)["rule"]
        expected[rule] = expected.get(rule, 0) + 1
    assert expected, "the corpus has findings to count"
    streamed = tmp_path / "streamed"
    main(["check", str(corpus), "--format", "counts,jsonl", "--output-dir", str(streamed), "-q"])
    gathered = tmp_path / "gathered"  # --pass-threshold needs the whole report: gathered
    main(
        [
            "check",
            str(corpus),
            "--format",
            "counts",
            "--output-dir",
            str(gathered),
            "-q",
            "--pass-threshold",
            "0",
        ]
    )
    for folder in (streamed, gathered):
        lines = (folder / "report.counts.txt").read_text(encoding="utf-8").splitlines()
        assert lines == [f"{r}\t{n}" for r, n in sorted(expected.items())] + [
            f"total\t{sum(expected.values())}"
        ]


# --- an engine: jobs, forks and map(fn, shared, items) in input order, picked in the pipeline


class _BackwardsEngine:
    """Works the items in reverse order (as a cluster might finish them) and hands the
    results back in input order, as every engine must."""

    jobs = 3
    forks = False

    def __init__(self) -> None:
        self.items = 0

    def map(self, fn: Callable[[S, A], B], shared: S, items: Iterable[A]) -> Iterator[B]:
        held = list(items)
        self.items += len(held)
        done = [fn(shared, item) for item in reversed(held)]
        yield from reversed(done)


def test_an_engine_is_a_class_and_a_branch_in_make_engine(monkeypatch, corpus, capsys):
    main(["check", str(corpus), "--format", "json", "-q"])
    expected = capsys.readouterr().out
    engines: list[_BackwardsEngine] = []

    def make_engine(options):
        engines.append(_BackwardsEngine())
        return engines[-1]

    monkeypatch.setattr(pipeline, "make_engine", make_engine)
    # Several work items: with jobs the file is read in partitions, else in batches.
    monkeypatch.setattr(source, "PARTITION_BYTES", 150)
    monkeypatch.setattr(batch, "BATCH_SIZE", 2)
    main(["check", str(corpus), "--format", "json", "-q"])
    assert capsys.readouterr().out == expected
    assert engines and engines[0].items >= 6  # counting, checking, finishing: items each
