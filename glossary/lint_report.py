"""Lint results in the formats CI systems read: text, JSON, GitHub annotations, SARIF 2.1.0."""

from __future__ import annotations

import json
from pathlib import Path

from glossary.lint import LintResult
from glossary.problems import CODES, Problem

LINT_FORMATS: tuple[str, ...] = ("text", "json", "github", "sarif")
JSON_SCHEMA = "auditor-glossary-lint/1"
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def _summary(result: LintResult) -> str:
    files = f"{len(result.files)} file{'s' if len(result.files) != 1 else ''}"
    if not result.problems:
        return f"{files}, {result.concepts} concepts: no problems"
    return f"{files}, {result.concepts} concepts: {result.errors} error(s), {result.warnings} warning(s)"


def render_text(result: LintResult) -> str:
    lines = [p.describe() for p in result.problems]
    lines.append(_summary(result))
    return "\n".join(lines) + "\n"


def _problem_json(problem: Problem) -> dict[str, object]:
    return {
        "code": problem.code,
        "severity": problem.severity,
        "title": CODES[problem.code].title,
        "path": problem.path,
        "line": problem.line or None,
        "column": problem.column or None,
        "message": problem.message,
    }


def render_json(result: LintResult) -> str:
    document = {
        "schema": JSON_SCHEMA,
        "files": list(result.files),
        "concepts": result.concepts,
        "summary": {"errors": result.errors, "warnings": result.warnings},
        "problems": [_problem_json(p) for p in result.problems],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render_github(result: LintResult) -> str:
    """GitHub Actions workflow commands: each problem becomes an annotation on its line."""
    out = []
    for p in result.problems:
        props = [f"file={_escape_property(p.path)}"]
        if p.line:
            props.append(f"line={p.line}")
        props.append(f"title={_escape_property(p.code + ' ' + CODES[p.code].title)}")
        out.append(f"::{p.severity} {','.join(props)}::{_escape_data(p.message)}")
    out.append(_summary(result))
    return "\n".join(out) + "\n"


def _uri(path: str) -> str:
    return Path(path).as_posix()


def render_sarif(result: LintResult, version: str = "0.1.0") -> str:
    rules = [
        {
            "id": code.code,
            "name": code.title,
            "shortDescription": {"text": code.title},
            "defaultConfiguration": {"level": code.severity},
        }
        for code in CODES.values()
    ]
    index = {code: i for i, code in enumerate(CODES)}
    results = []
    for p in result.problems:
        location: dict[str, object] = {"artifactLocation": {"uri": _uri(p.path)}}
        if p.line:
            location["region"] = {"startLine": p.line}
        results.append(
            {
                "ruleId": p.code,
                "ruleIndex": index[p.code],
                "level": p.severity,
                "message": {"text": p.message},
                "locations": [{"physicalLocation": location}],
            }
        )
    document = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {"name": "auditor-glossary-lint", "version": version, "rules": rules}
                },
                "artifacts": [{"location": {"uri": _uri(f)}} for f in result.files],
                "results": results,
            }
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def render(result: LintResult, fmt: str, version: str = "0.1.0") -> str:
    if fmt == "text":
        return render_text(result)
    if fmt == "json":
        return render_json(result)
    if fmt == "github":
        return render_github(result)
    if fmt == "sarif":
        return render_sarif(result, version)
    raise ValueError(f"unknown lint format {fmt!r}")
