"""``tui.explain``: the glossary entry behind a term finding and the readings behind a
number finding, on sentences written for these tests."""

from __future__ import annotations

from auditor.model import Finding
from glossary.model import Concept, Termbase
from tui.explain import explain, find_concept, number_readings, rule_line

TERMBASE = Termbase(
    (
        Concept(
            "retimer",
            zh_tw=("重定時器",),
            zh_cn=("重定时器",),
            forbidden=("重新定時器",),
            note="a PCIe signal-conditioning chip",
            source="project.tsv",
            line=3,
        ),
        Concept(
            "gearbox",
            zh_tw=("速率轉換器",),
            forbidden=("變速箱",),
            dnt=True,
            source="project.tsv",
            line=4,
        ),
        Concept("switch", variants=("switches",), zh_tw=("交換器",), source="base.tsv", line=9),
    )
)


def _term(source: str, word: str, expected: str | None = None) -> Finding:
    start = source.index(word)
    return Finding(
        "TERM002",
        "term",
        "major",
        "Terminology/Wrong term",
        f"'{word}' rendered wrongly",
        source_span=(start, start + len(word)),
        expected=expected,
    )


def test_a_plural_or_possessive_in_the_source_finds_its_glossary_entry():
    source = "Both retimers ship this quarter, and the gearbox's yield improved."
    concept = find_concept(_term(source, "retimers"), source, TERMBASE, "zh-TW")
    assert concept is not None and concept.en == "retimer"
    assert concept.approved == ("重定時器",) and concept.forbidden == ("重新定時器",)
    assert concept.note == "a PCIe signal-conditioning chip" and concept.where == "project.tsv:3"
    assert find_concept(_term(source, "gearbox's"), source, TERMBASE, "zh-TW").en == "gearbox"
    assert find_concept(_term(source, "retimers"), source, TERMBASE, "zh-CN").approved == (
        "重定时器",
    )


def test_a_word_the_glossary_lacks_finds_no_entry_rather_than_a_wrong_one():
    source = "The timer expired before the retry."
    assert find_concept(_term(source, "timer"), source, TERMBASE, "zh-TW") is None


def test_without_a_source_span_the_expectation_names_the_entry():
    finding = Finding(
        "TERM001",
        "term",
        "major",
        "Terminology/Wrong term",
        "missing",
        expected="gearbox / 速率轉換器",
    )
    assert find_concept(finding, None, TERMBASE, "zh-TW").en == "gearbox"


def test_number_readings_give_each_side_its_value_and_unit():
    source = "Revenue rose to $159.4 million in '25."
    target = (
        "營收在 25 年內增至 1.594 億美元。"  # "within 25 years": the year read as a length of time
    )
    money = Finding(
        "NUM001",
        "number",
        "major",
        "Accuracy/Mistranslation",
        "amount",
        source_span=(source.index("$"), source.index(" in")),
        target_span=(target.index("1.594"), target.index("。")),
    )
    readings = number_readings(money, source, target)
    assert [(r.side, r.value) for r in readings] == [("EN", "159,400,000"), ("ZH", "159,400,000")]
    assert all("USD" in r.unit for r in readings)
    year = Finding(
        "NUM004",
        "number",
        "major",
        "Accuracy/Mistranslation",
        "year",
        source_span=(source.index("'25"), source.index("'25") + 3),
        target_span=(target.index("25 年"), target.index("25 年") + 4),
    )
    en, zh = number_readings(year, source, target)
    assert (en.value, en.unit) == ("2025", "period (year2)")  # a year, not 2,025
    assert zh.value == "25" and "year" in zh.unit and "duration" in zh.unit


def test_every_finding_gets_its_rule_line_and_an_unknown_rule_says_so():
    source = "Both retimers ship."
    e = explain(_term(source, "retimers"), source, "兩款重新定時器出貨。", TERMBASE)
    assert e.rule is not None and e.concept is not None and e.readings == ()
    assert rule_line(e.finding).startswith(f"{e.rule.name}: ")
    unknown = Finding("ZZZ999", "term", "minor", "Other", "from a newer auditor")
    assert "does not know" in rule_line(unknown)
