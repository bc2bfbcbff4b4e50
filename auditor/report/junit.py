"""JUnit XML for CI dashboards: one test case per segment, failed when it has findings.

Test suites are the input files; a segment's test case is named after its id and line so a
failure in Jenkins or GitLab reads like "s0031 (line 31)". Findings a reviewer dismissed do
not fail a test case. XML 1.0 cannot carry most control characters, so they are dropped.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import defaultdict
from typing import TextIO

from auditor.model import Report, SegmentResult
from auditor.report.base import GatheringWriter, WriterOptions
from auditor.report.common import Item, by_severity, decision_for, evidence, finding_loc, line_label

NAME = "junit"
FILENAME = "report.xml"

_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _clean(text: str | None) -> str:
    return _INVALID_XML.sub("", text or "")


def _failing(result: SegmentResult) -> list[Item]:
    out = []
    for index, finding in enumerate(result.findings):
        item = Item(result, index, finding, decision_for(result, index))
        if item.status != "dismissed":
            out.append(item)
    return by_severity(out)


def _testcase(result: SegmentResult, suite: str) -> tuple[ET.Element, bool]:
    seg = result.segment
    loc = finding_loc(result)
    name = f"{seg.id} (line {line_label(loc)})" if loc else seg.id
    case = ET.Element("testcase", {"classname": suite, "name": name, "time": "0"})
    if loc is not None:
        case.set("file", loc.path)
        case.set("line", str(loc.first))
    failing = _failing(result)
    if failing:
        worst = failing[0].finding
        message = f"{len(failing)} finding(s), worst {worst.severity}: {worst.rule} {worst.message}"
        failure = ET.SubElement(case, "failure", {"message": _clean(message), "type": worst.rule})
        lines = [
            f"{it.finding.rule} [{it.finding.severity}, {it.finding.category}] {it.finding.message}"
            + (
                f" ({evidence(it.finding, quote=True)})"
                if it.finding.expected is not None or it.finding.found is not None
                else ""
            )
            for it in failing
        ]
        lines += ["", f"EN: {seg.source or ''}", f"ZH: {seg.target or ''}"]
        if result.post_edit is not None:
            lines.append(f"POST-EDIT: {result.post_edit}")
        failure.text = _clean("\n".join(lines))
    return case, bool(failing)


def write_whole(report: Report, stream: TextIO, options: WriterOptions) -> None:
    suites: dict[str, list[SegmentResult]] = defaultdict(list)
    default = report.inputs[0].path if report.inputs else "auditor"
    for result in report.results:
        loc = finding_loc(result)
        suites[loc.path if loc else default].append(result)
    root = ET.Element("testsuites", {"name": "auditor"})
    total = failures = 0
    for suite_name, results in suites.items():
        suite = ET.SubElement(
            root, "testsuite", {"name": suite_name, "errors": "0", "skipped": "0", "time": "0"}
        )
        suite_failures = 0
        for result in results:
            case, failed = _testcase(result, suite_name)
            suite.append(case)
            suite_failures += failed
        suite.set("tests", str(len(results)))
        suite.set("failures", str(suite_failures))
        total += len(results)
        failures += suite_failures
    root.set("tests", str(total))
    root.set("failures", str(failures))
    root.set("errors", "0")
    ET.indent(root)
    stream.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    stream.write(ET.tostring(root, encoding="unicode"))
    stream.write("\n")


class Writer(GatheringWriter):
    NAME = NAME
    FILENAME = FILENAME

    def render(self, report: Report) -> None:
        write_whole(report, self.stream, self.options)
