"""The GitHub Action's step (``action.yml``): check the translations, write one SARIF file
and a Markdown job summary.

Reads the action's inputs from the environment, as a composite action passes them
(``INPUT_FILES``, ``INPUT_CONFIG``, ``INPUT_ARGS``, ``INPUT_SARIF``), and GitHub's own
variables (``GITHUB_WORKSPACE``, ``GITHUB_STEP_SUMMARY``, ``GITHUB_OUTPUT``). Each file
is checked by ``auditor check`` with the project's configuration; the per-file SARIF logs
are merged into one run (code scanning wants one run per tool and category). Exit code:
the worst of the checks (2 bad input, 1 findings at fail-on, 0 clean).

Standard library only: it runs before anything else is known to be installed.
"""

from __future__ import annotations

import glob
import json
import os
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path

#: Findings listed in the job summary (the SARIF file has them all).
SUMMARY_LIMIT = 30
SEVERITY_ORDER = {"critical": 0, "major": 1, "minor": 2}
SARIF_SCHEMA = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)


def expand(patterns: str, workspace: Path) -> list[str]:
    """Files named by the ``files`` input: paths or globs (``**`` recurses), one per line
    or separated by spaces, relative to the workspace; each file once, in order."""
    found: list[str] = []
    for pattern in shlex.split(patterns.replace("\n", " ")):
        matches = sorted(glob.glob(pattern, root_dir=workspace, recursive=True))
        for match in matches or []:
            if (workspace / match).is_file() and match not in found:
                found.append(match)
    return found


def run_check(path: str, workspace: Path, out_dir: Path, config: str, extra: list[str]) -> int:
    argv = [
        sys.executable,
        "-m",
        "auditor",
        "check",
        path,
        "--format",
        "json,sarif",
        "--output-dir",
        str(out_dir),
        "--quiet",
        *extra,
    ]
    if config:
        argv += ["--config", config]
    done = subprocess.run(argv, cwd=workspace, text=True, capture_output=True, check=False)
    sys.stdout.write(done.stdout)
    sys.stderr.write(done.stderr)
    return done.returncode


def merge_sarif(logs: list[dict]) -> dict:
    """One log, one run: every file's results and artifacts; rules by id, indexes redone."""
    if not logs:  # every input failed: still a valid log, with no results
        return {
            "$schema": SARIF_SCHEMA,
            "version": "2.1.0",
            "runs": [{"tool": {"driver": {"name": "auditor", "rules": []}}, "results": []}],
        }
    merged = json.loads(json.dumps(logs[0]))
    run = merged["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    index = {rule["id"]: i for i, rule in enumerate(rules)}
    results, artifacts, scores = [], [], []
    for log in logs:
        other = log["runs"][0]
        for rule in other["tool"]["driver"]["rules"]:
            if rule["id"] not in index:
                index[rule["id"]] = len(rules)
                rules.append(rule)
        for result in other.get("results", []):
            result["ruleIndex"] = index[result["ruleId"]]
            results.append(result)
        artifacts.extend(other.get("artifacts", []))
        uri = other.get("artifacts", [{}])[0].get("location", {}).get("uri")
        scores.append({"file": uri, "mqm": other.get("properties", {}).get("mqm")})
    run["results"] = results
    run["artifacts"] = artifacts
    run["properties"] = {"files": scores}
    return merged


def summary_markdown(reports: list[tuple[str, dict | None, int]], sarif_path: str) -> str:
    """The job summary: a row per file, then the most severe findings."""
    lines = [
        "## Translation audit",
        "",
        "| file | segments | findings | critical | major | minor | MQM score | result |",
        "|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    findings = []
    signature = None
    for path, report, code in reports:
        if report is None:
            lines.append(f"| `{path}` | | | | | | | input error (exit {code}) |")
            continue
        s = report["summary"]
        sev = s.get("by_severity", {})
        score = "n/a" if s.get("mqm_score") is None else f"{s['mqm_score']:.1f}"
        verdict = {0: "passed", 1: "failed"}.get(code, f"error (exit {code})")
        lines.append(
            f"| `{path}` | {s['segments']} | {s['findings']} | {sev.get('critical', 0)} | "
            f"{sev.get('major', 0)} | {sev.get('minor', 0)} | {score} | {verdict} |"
        )
        signature = signature or report.get("tool", {}).get("signature")
        for segment in report["segments"]:
            loc = segment.get("target_loc") or segment.get("source_loc") or {}
            for f in segment["findings"]:
                if f.get("status") == "dismissed":
                    continue
                findings.append(
                    (
                        SEVERITY_ORDER.get(f["severity"], 3),
                        loc.get("path", path),
                        (loc.get("lines") or [0])[0],
                        f,
                    )
                )
    findings.sort(key=lambda item: item[0])
    if findings:
        lines += [
            "",
            f"### Findings ({min(len(findings), SUMMARY_LIMIT)} of {len(findings)}, most severe first)",
            "",
            "| where | rule | severity | message |",
            "|---|---|---|---|",
        ]
        for _, path, line, f in findings[:SUMMARY_LIMIT]:
            message = f["message"].replace("|", "\\|").replace("\n", " ")
            lines.append(f"| `{path}:{line}` | {f['rule']} | {f['severity']} | {message} |")
    lines += ["", f"SARIF: `{sarif_path}`"]
    if signature:
        lines += ["", f"<sub>{signature}</sub>"]
    return "\n".join(lines) + "\n"


def append(path: str | None, text: str) -> None:
    if path:
        with open(path, "a", encoding="utf-8") as fh:
            fh.write(text)


def main() -> int:
    workspace = Path(os.environ.get("GITHUB_WORKSPACE") or os.getcwd())
    files_input = os.environ.get("INPUT_FILES", "").strip()
    config = os.environ.get("INPUT_CONFIG", "").strip()
    extra = shlex.split(os.environ.get("INPUT_ARGS", ""))
    sarif_path = os.environ.get("INPUT_SARIF", "").strip() or "auditor.sarif"
    files = expand(files_input, workspace)
    if not files:
        message = f"auditor: no file matches the files input {files_input!r} in {workspace}"
        print(f"::error::{message}")
        append(os.environ.get("GITHUB_STEP_SUMMARY"), f"## Translation audit\n\n{message}\n")
        return 2
    logs, reports, worst = [], [], 0
    with tempfile.TemporaryDirectory(prefix="auditor-action-") as tmp:
        for n, path in enumerate(files):
            out_dir = Path(tmp) / str(n)
            code = run_check(path, workspace, out_dir, config, extra)
            worst = 2 if 2 in (code, worst) else max(worst, code)
            report = None
            if (out_dir / "report.sarif").is_file():
                logs.append(json.loads((out_dir / "report.sarif").read_text(encoding="utf-8")))
                report = json.loads((out_dir / "report.json").read_text(encoding="utf-8"))
            reports.append((path, report, code))
    sarif_file = workspace / sarif_path
    sarif_file.parent.mkdir(parents=True, exist_ok=True)
    sarif_file.write_text(
        json.dumps(merge_sarif(logs), ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    append(os.environ.get("GITHUB_STEP_SUMMARY"), summary_markdown(reports, sarif_path))
    total = sum(r["summary"]["findings"] for _, r, _ in reports if r is not None)
    append(
        os.environ.get("GITHUB_OUTPUT"),
        f"sarif-file={sarif_file}\nfindings={total}\nexit-code={worst}\n",
    )
    return worst


if __name__ == "__main__":
    sys.exit(main())
