"""SARIF 2.1.0 for code-scanning views (GitHub, Azure DevOps, VS Code's SARIF viewer).

Every registered rule is described in ``tool.driver.rules`` with its help text (what, why,
example) so the viewer can explain a result; each result points at the file and lines of
the translation (``physicalLocation`` with ``region.startLine``/``endLine``) and carries a
``partialFingerprints`` entry (the suppression key of :mod:`auditor.suppressions`: rule,
normalised English segment, matched text) so the viewer tracks it across line moves. Severity maps to level: critical -> error, major -> warning, minor -> note.
A finding dismissed in a review session is emitted with an external suppression whose
justification is the reviewer's reason.

Columns (``startColumn``/``endColumn``, 1-based UTF-16 code units as SARIF's default
``columnKind`` asks) are given where the segment's text is found verbatim, once, on its
line of the input (:mod:`auditor.report.columns`): readers strip whitespace and a TSV,
JSON or XML line has other text before it, so a span's offset is not itself a column,
and a wrong column is worse than none.
The schema the tests validate against is shipped in ``schema/sarif-schema-2.1.0.json``.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import PurePosixPath, PureWindowsPath
from urllib.parse import quote

from auditor.checks.base import Rule
from auditor.checks.registry import known_rules
from auditor.model import SegmentResult
from auditor.report.base import ReportWriter
from auditor.report.columns import LineColumns
from auditor.report.common import Item, evidence, result_items
from auditor.report.tally import Tally
from auditor.suppressions import finding_fingerprint

NAME = "sarif"
FILENAME = "report.sarif"
SCHEMA_URI = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
LEVELS = {"critical": "error", "major": "warning", "minor": "note"}
#: Security-severity-like rank for viewers that sort by ``rank`` (0-100).
RANKS = {"critical": 90.0, "major": 60.0, "minor": 20.0}


def artifact_uri(path: str) -> str:
    """A URI reference for a file path: relative paths stay relative (posix separators),
    absolute ones become ``file://`` URIs; other characters are percent-encoded."""
    windows = PureWindowsPath(path)
    if windows.drive:  # C:\\work\\a.txt
        return "file:///" + quote(windows.as_posix(), safe="/:")
    pure = PurePosixPath(path.replace("\\", "/"))
    if pure.is_absolute():
        return "file://" + quote(pure.as_posix())
    return quote(pure.as_posix())


def rule_descriptor(rule: Rule) -> dict[str, object]:
    help_text = f"{rule.what}\n\nWhy: {rule.why}"
    help_md = f"{rule.what}\n\n**Why:** {rule.why}"
    if rule.example:
        help_text += f"\n\nExample: {rule.example}"
        help_md += f"\n\n**Example:** {rule.example}"
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.what},
        "fullDescription": {"text": f"{rule.what} {rule.why}"},
        "help": {"text": help_text, "markdown": help_md},
        "defaultConfiguration": {"level": LEVELS[rule.severity], "rank": RANKS[rule.severity]},
        "properties": {
            "category": rule.category,
            "severity": rule.severity,
            "mqm": rule.mqm,
            "tags": ["translation", rule.category],
        },
    }


def _unknown_rule(code: str, category: str, severity: str, mqm: str) -> dict[str, object]:
    return {
        "id": code,
        "shortDescription": {"text": f"{code} ({category})"},
        "defaultConfiguration": {"level": LEVELS[severity]},
        "properties": {
            "category": category,
            "severity": severity,
            "mqm": mqm,
            "tags": ["translation", category],
        },
    }


class Writer(ReportWriter):
    """Writes a SARIF log as findings come: the results first, then the rule descriptors
    (every registered rule, plus any unregistered code met on the way) and the run's MQM
    score, which are only known at the end. Key order in a JSON object carries no
    meaning, so the log is the same as one written whole."""

    NAME = NAME
    FILENAME = FILENAME

    def begin(self) -> None:
        tool = self.head.extra.get("tool")
        self._inputs = [i.path for i in self.head.inputs]
        self._version = self.head.tool_version
        self._tool_properties = dict(tool) if isinstance(tool, dict) and tool else None
        #: How many results so far had each fingerprint (the ``:n`` of the next one).
        self._seen: Counter[str] = Counter()
        registry = known_rules()
        self._descriptors = [rule_descriptor(rule) for rule in registry.values()]
        self._index = {rule_id: i for i, rule_id in enumerate(registry)}
        self._count = 0
        self._columns = LineColumns()
        self.stream.write(
            '{\n  "$schema": ' + json.dumps(SCHEMA_URI) + ',\n  "version": "2.1.0",\n'
            '  "runs": [\n    {\n      "results": ['
        )

    def add(self, result: SegmentResult) -> None:
        for it in result_items(result):
            self._add(it)

    def _add(self, it: Item) -> None:
        self.stream.write(",\n        " if self._count else "\n        ")
        self.stream.write(_indented(self._result(it), 8))
        self._count += 1

    def end(self, tally: Tally) -> None:
        mqm = self.mqm(tally)
        rest = {
            "tool": {
                "driver": {
                    "name": "auditor",
                    "version": self._version,
                    "semanticVersion": self._version,
                    "rules": self._descriptors,
                    **({"properties": self._tool_properties} if self._tool_properties else {}),
                }
            },
            "artifacts": [
                {"location": {"uri": artifact_uri(path)}, "roles": ["analysisTarget"]}
                for path in self._inputs
            ],
            "properties": {"mqm": mqm.to_json()},
        }
        self.stream.write("\n      ]" if self._count else "]")
        for key, value in rest.items():
            self.stream.write(f',\n      "{key}": ' + _indented(value, 6))
        self.stream.write("\n    }\n  ]\n}\n")

    def _result(self, it: Item) -> dict[str, object]:
        f = it.finding
        if f.rule not in self._index:
            self._index[f.rule] = len(self._descriptors)
            self._descriptors.append(_unknown_rule(f.rule, f.category, f.severity, f.mqm))
        seg = it.result.segment
        text = f.message
        if f.expected is not None or f.found is not None:
            text += f" ({evidence(f, sep='; ', colon=True)})"
        result: dict[str, object] = {
            "ruleId": f.rule,
            "ruleIndex": self._index[f.rule],
            "level": LEVELS[f.severity],
            "rank": RANKS[f.severity],
            "message": {"text": text},
            "partialFingerprints": {"auditorFinding/v2": self._fingerprint(seg, f)},
            "properties": {
                "segment": seg.id,
                "category": f.category,
                "severity": f.severity,
                "mqm": f.mqm,
                "status": it.status,
                "source": seg.source,
                "target": seg.target,
            },
        }
        loc = it.loc
        if loc is not None:
            on_target = loc == seg.target_loc
            snippet = seg.target if on_target else seg.source
            region: dict[str, object] = {"startLine": loc.first, "endLine": loc.last}
            if snippet and loc.first == loc.last:
                span = f.target_span if on_target else f.source_span
                columns = self._columns.columns(loc.path, loc.first, snippet, span)
                if columns is not None:
                    region["startColumn"], region["endColumn"] = columns
            if snippet:
                region["snippet"] = {"text": snippet}
            result["locations"] = [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": artifact_uri(loc.path)},
                        "region": region,
                    }
                }
            ]
        if it.status == "dismissed":
            suppression: dict[str, object] = {"kind": "external"}
            if it.reason:
                suppression["justification"] = it.reason
            result["suppressions"] = [suppression]
        if it.result.post_edit is not None:
            result["properties"]["post_edit"] = it.result.post_edit  # type: ignore[index]
        if f.confidence is not None:
            result["properties"]["confidence"] = f.confidence  # type: ignore[index]
        return result

    def _fingerprint(self, seg, finding) -> str:
        """The suppression key (rule + normalised English + matched text, no line), with
        ``:n`` numbering repeats in a run, as GitHub numbers its own line hashes."""
        key = finding_fingerprint(seg, finding)
        n = self._seen[key]
        self._seen[key] += 1
        return f"{key}:{n}"


def _indented(value: object, level: int) -> str:
    """``value`` as indented JSON, its later lines shifted right by ``level`` spaces."""
    return json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n" + " " * level)
