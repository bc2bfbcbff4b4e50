"""A report built from the hand-annotated sample (tests/data/*_gold.jsonl), for the writer tests.

Real text, real defects, every category and severity, spans found by the annotators'
substrings: a fixture that does not move when the rules change. The tests that need the
rules themselves run the real pipeline instead.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from auditor.model import Decision, Finding, InputInfo, Loc, Report, Segment, SegmentResult

DATA = Path(__file__).parents[1] / "data"
SAMPLE = DATA / "astera_q1_2025_bilingual.txt"
GOLD = DATA / "astera_q1_2025_gold.jsonl"
PATH = "samples/astera_q1_2025_bilingual.txt"

#: gold error type -> (rule code, category, MQM type)
_TYPES = {
    "number": ("NUM900", "number", "Accuracy/Mistranslation"),
    "unit": ("UNIT900", "unit", "Accuracy/Mistranslation"),
    "term": ("TERM900", "term", "Terminology/Wrong term"),
    "entity": ("ENT900", "entity", "Accuracy/Mistranslation"),
    "omission": ("OMI900", "omission", "Accuracy/Omission"),
    "mistranslation": ("TERM901", "term", "Accuracy/Mistranslation"),
}


def _span(text: str, part: str) -> tuple[int, int] | None:
    if not part:
        return None
    at = text.find(part)
    return (at, at + len(part)) if at >= 0 else None


def gold_report() -> Report:
    results = []
    for number, line in enumerate(GOLD.read_text(encoding="utf-8").splitlines(), start=1):
        row = json.loads(line)
        seg = Segment(
            id=f"s{number:04d}",
            source=row["en"],
            target=row["zh"],
            source_loc=Loc(PATH, row["en_line"], row["en_line"]),
            target_loc=Loc(PATH, row["zh_line"], row["zh_line"]),
        )
        findings = []
        for err in row["errors"]:
            rule, category, mqm = _TYPES[err["type"]]
            findings.append(
                Finding(
                    rule=rule,
                    category=category,  # type: ignore[arg-type]
                    severity=err["severity"],
                    mqm=mqm,
                    message=err["note"],
                    source_span=_span(row["en"], err["en"]),
                    target_span=_span(row["zh"], err["zh"]),
                    expected=err["en"] or None,
                    found=err["zh"] or None,
                )
            )
        results.append(SegmentResult(seg, tuple(findings)))
    return Report(inputs=(InputInfo(PATH, "interleaved"),), glossaries=(), results=tuple(results))


def reviewed_report() -> Report:
    """The gold report as if reviewed: first finding of each flagged segment confirmed, the
    second dismissed with a reason, the rest open; one segment in three post-edited."""
    report = gold_report()
    results = []
    for n, r in enumerate(report.results):
        decisions = []
        for i, _f in enumerate(r.findings):
            if i == 0:
                decisions.append(Decision("confirmed", None))
            elif i == 1:
                decisions.append(Decision("dismissed", "acceptable in an earnings call"))
            else:
                decisions.append(Decision("open", None))
        post = None
        if r.findings and n % 3 == 0 and r.segment.target:
            post = r.segment.target.replace("指導", "指引").replace("成長", "增長")
        results.append(replace(r, decisions=tuple(decisions), post_edit=post))
    return replace(report, results=tuple(results), reviewed=True)
