"""CI integrations: the GitHub Action's script with GitHub's environment faked, the GitLab
code-quality format, and the pre-commit hook."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from auditor.cli import main
from auditor.precommit import main as precommit_main

# One project per process: the rules a test registers are forgotten after it.
pytestmark = pytest.mark.usefixtures("forget_project_rules")

REPO = Path(__file__).resolve().parents[3]
SAMPLE_PROJECT = REPO / "samples" / "project"
ACTION_SCRIPT = REPO / "scripts" / "github_action.py"


CLEAN = "Shipments grew in every region.\n各地區的出貨量均有成長。\n"
LEGAL = "This agreement is governed by the laws of California.\n本協議受加州法律管轄,為業界第一的條款。\n"


@pytest.fixture()
def workspace(tmp_path: Path) -> Path:
    """A checked-out repository: the sample project, one clean file, one legal file."""
    dest = tmp_path / "repo"
    shutil.copytree(SAMPLE_PROJECT, dest)
    (dest / "translations" / "clean.txt").write_text(CLEAN, encoding="utf-8")
    (dest / "translations" / "legal").mkdir()
    (dest / "translations" / "legal" / "nda.txt").write_text(LEGAL, encoding="utf-8")
    return dest


def run_action(
    workspace: Path, tmp_path: Path, **inputs: str
) -> tuple[subprocess.CompletedProcess, dict[str, Path]]:
    files = {"summary": tmp_path / "step_summary.md", "output": tmp_path / "github_output"}
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "INPUT_"))}
    env.update(
        {
            "GITHUB_ACTIONS": "true",
            "GITHUB_WORKSPACE": str(workspace),
            "GITHUB_STEP_SUMMARY": str(files["summary"]),
            "GITHUB_OUTPUT": str(files["output"]),
            "GITHUB_REPOSITORY": "example/translations",
            "GITHUB_SHA": "0123456789abcdef0123456789abcdef01234567",
            "PYTHONPATH": str(REPO),
            **{f"INPUT_{k.upper()}": v for k, v in inputs.items()},
        }
    )
    done = subprocess.run(
        [sys.executable, str(ACTION_SCRIPT)],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    return done, files


def test_action_script_writes_sarif_and_a_job_summary(workspace, tmp_path):
    done, files = run_action(
        workspace, tmp_path, files="translations/**/*.txt", sarif="out/auditor.sarif"
    )
    assert done.returncode == 1, done.stderr  # the datasheet has major findings
    sarif_path = workspace / "out" / "auditor.sarif"
    log = json.loads(sarif_path.read_text(encoding="utf-8"))
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(
        (REPO / "auditor" / "report" / "schema" / "sarif-schema-2.1.0.json").read_text(
            encoding="utf-8"
        )
    )
    jsonschema.validate(log, schema)
    (run,) = log["runs"]
    rules = run["tool"]["driver"]["rules"]
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
    uris = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run["results"]
    }
    assert uris == {"translations/datasheet.txt"}  # the legal file's CUS004 is ignored per path
    assert len(run["artifacts"]) == 3
    assert {"CUS001", "CUS003", "CUS004"} <= {r["ruleId"] for r in run["results"]}

    summary = files["summary"].read_text(encoding="utf-8")
    assert summary.startswith("## Translation audit")
    assert "| `translations/datasheet.txt` | 5 | 6 | 0 | 3 | 3 |" in summary
    assert "| `translations/clean.txt` | 1 | 0 |" in summary and "passed" in summary
    assert "| `translations/datasheet.txt:2` | CUS003 | major |" in summary
    assert "auditor:0.1.0|" in summary  # the signature says what was checked with what

    outputs = dict(
        line.split("=", 1) for line in files["output"].read_text(encoding="utf-8").splitlines()
    )
    assert outputs == {"sarif-file": str(sarif_path), "findings": "6", "exit-code": "1"}


def test_action_script_passes_extra_flags(workspace, tmp_path):
    done, files = run_action(
        workspace, tmp_path, files="translations/datasheet.txt", args="--fail-on critical"
    )
    assert done.returncode == 0, done.stderr
    assert (workspace / "auditor.sarif").is_file()
    assert "exit-code=0" in files["output"].read_text(encoding="utf-8")


def test_action_script_fails_when_no_file_matches(workspace, tmp_path):
    done, files = run_action(workspace, tmp_path, files="translation/*.xlf")
    assert done.returncode == 2
    assert "::error::auditor: no file matches" in done.stdout
    assert "no file matches" in files["summary"].read_text(encoding="utf-8")


def test_action_yml_runs_the_script():
    yaml = pytest.importorskip("yaml")
    action = yaml.safe_load((REPO / "action.yml").read_text(encoding="utf-8"))
    assert action["runs"]["using"] == "composite"
    steps = action["runs"]["steps"]
    assert any("scripts/github_action.py" in step.get("run", "") for step in steps)
    assert any(
        step.get("uses", "").startswith("github/codeql-action/upload-sarif") for step in steps
    )
    assert set(action["inputs"]) >= {"files", "config", "args", "sarif"}


def gitlab_issues(capsys, path: Path) -> list[dict]:
    main(["check", str(path), "--format", "gitlab", "--isolated", "-q"])
    return json.loads(capsys.readouterr().out)


def test_gitlab_code_quality_report(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    pairs = (
        "Revenue was $159.4 million.\n營收為 1.594 萬美元。\n"
        "The gearbox converts lane rates.\n該變速箱轉換通道速率。\n"
    )
    call = tmp_path / "call.txt"
    call.write_text(pairs + pairs, encoding="utf-8")
    issues = gitlab_issues(capsys, call)
    assert [(i["check_name"], i["severity"], i["location"]["lines"]["begin"]) for i in issues] == [
        ("NUM003", "critical", 2),
        ("TERM002", "major", 4),
        ("NUM003", "critical", 6),
        ("TERM002", "major", 8),
    ]
    assert (
        issues[0]["location"]["path"] == "call.txt"
    )  # relative to the repository (the working directory)
    assert len({i["fingerprint"] for i in issues}) == 4  # repeats are told apart
    assert issues[1]["description"].startswith("TERM002 ")
    call.write_text("Good afternoon.\n午安。\n" + pairs + pairs, encoding="utf-8")
    moved = gitlab_issues(capsys, call)
    assert [i["fingerprint"] for i in moved] == [i["fingerprint"] for i in issues]
    assert moved[0]["location"]["lines"]["begin"] == 4


def test_precommit_hook_checks_every_file_and_fails_on_the_worst(workspace, capsys):
    datasheet = workspace / "translations" / "datasheet.txt"
    clean = workspace / "translations" / "clean.txt"
    assert precommit_main([str(clean)]) == 0
    assert precommit_main([str(clean), str(datasheet)]) == 1
    out = capsys.readouterr().out
    assert "CUS004" in out  # the project's checklist ran: its configuration was found
    assert precommit_main(["--fail-on", "critical", str(datasheet)]) == 0
    assert precommit_main([str(clean), str(workspace / "missing.txt"), str(datasheet)]) == 2


def test_precommit_hooks_file_lists_both_hooks():
    yaml = pytest.importorskip("yaml")
    hooks = {
        h["id"]: h
        for h in yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    }
    assert hooks["auditor-check"]["entry"] == "python -m auditor.precommit"
    assert "auditor-glossary-lint" in hooks
    import re

    pattern = re.compile(hooks["auditor-check"]["files"])
    assert pattern.search("translations/q1/call.txt") and pattern.search("l10n/zh/app.xlf")
    assert not pattern.search("glossary/terms.tsv")
