"""A project's configuration: each source (file, flag, per-path override, --isolated) and
which wins, on a small transcript written for these tests."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from auditor.cli import main
from auditor.config import Flags, PathOverride, find_config, resolve, severity_for

#: Three pairs: a magnitude error (NUM003, critical), a forbidden rendering (TERM002,
#: major: a gearbox chip is not a car's 變速箱), and a clean line.
TRANSCRIPT = """\
Revenue was $159.4 million in the first quarter.
第一季營收為 1.594 萬美元。
The gearbox converts lane rates between generations.
該變速箱可在不同世代之間轉換通道速率。
Shipments grew in every region.
各地區的出貨量均有成長。
"""


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    for sub in ("translations", "translations/legal"):
        (tmp_path / sub).mkdir(parents=True, exist_ok=True)
    (tmp_path / "translations" / "q1.txt").write_text(TRANSCRIPT, encoding="utf-8")
    (tmp_path / "translations" / "legal" / "terms.txt").write_text(TRANSCRIPT, encoding="utf-8")
    return tmp_path


def rules_found(capsys, argv: list[str]) -> tuple[int, list[str]]:
    code = main([*argv, "--format", "jsonl", "-q"])
    out = capsys.readouterr().out
    return code, [json.loads(line)["rule"] for line in out.splitlines()]


def test_without_configuration_every_rule_runs(project, capsys):
    code, rules = rules_found(capsys, ["check", str(project / "translations" / "q1.txt")])
    assert rules == ["NUM003", "TERM002"] and code == 1


def test_pyproject_table_is_found_walking_up_from_the_input(project, capsys):
    (project / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.auditor]\nignore = ["TERM"]\n'
    )
    _, rules = rules_found(capsys, ["check", str(project / "translations" / "q1.txt")])
    assert rules == ["NUM003"]


def test_pyproject_without_the_table_is_passed_over(project, capsys):
    (project / "translations" / "pyproject.toml").write_text('[project]\nname = "x"\n')
    (project / "auditor.toml").write_text('ignore = ["NUM"]\n')
    _, rules = rules_found(capsys, ["check", str(project / "translations" / "q1.txt")])
    assert rules == ["TERM002"]


def test_the_nearest_file_wins_and_auditor_toml_beats_pyproject(project):
    (project / "auditor.toml").write_text('ignore = ["NUM"]\n')
    (project / "translations" / "pyproject.toml").write_text('[tool.auditor]\nignore = ["TERM"]\n')
    found = find_config(project / "translations" / "q1.txt")
    assert found is not None and found.path.name == "pyproject.toml"
    (project / "translations" / "auditor.toml").write_text('ignore = ["LOC"]\n')
    assert find_config(project / "translations" / "q1.txt").path.name == "auditor.toml"


def test_flags_win_over_the_file(project, capsys):
    (project / "auditor.toml").write_text('ignore = ["TERM"]\nfail-on = "never"\n')
    q1 = str(project / "translations" / "q1.txt")
    code, rules = rules_found(capsys, ["check", q1])
    assert rules == ["NUM003"] and code == 0  # fail-on never, from the file
    code, rules = rules_found(capsys, ["check", q1, "--ignore", "NUM", "--fail-on", "major"])
    assert rules == ["TERM002"] and code == 1  # both flags replaced the file's values


def test_per_path_override_applies_to_matching_files_only(project, capsys):
    (project / "auditor.toml").write_text(
        '[[per-path]]\npath = "translations/legal/**"\nignore = ["TERM002"]\n'
        'severity = { NUM = "minor" }\n'
    )
    code, rules = rules_found(capsys, ["check", str(project / "translations" / "q1.txt")])
    assert rules == ["NUM003", "TERM002"] and code == 1
    out = project / "legal.jsonl"
    code = main(
        [
            "check",
            str(project / "translations" / "legal" / "terms.txt"),
            "--format",
            "jsonl",
            "-o",
            str(out),
            "-q",
        ]
    )
    findings = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [(f["rule"], f["severity"]) for f in findings] == [("NUM003", "minor")]
    assert code == 0  # a minor finding is below the default fail-on (major)


def test_isolated_ignores_the_configuration(project, capsys):
    (project / "auditor.toml").write_text('select = ["UNIT"]\n')
    q1 = str(project / "translations" / "q1.txt")
    assert rules_found(capsys, ["check", q1])[1] == []
    assert rules_found(capsys, ["check", q1, "--isolated"])[1] == ["NUM003", "TERM002"]


def test_config_flag_names_a_file_anywhere(project, tmp_path_factory, capsys):
    elsewhere = tmp_path_factory.mktemp("shared") / "team.toml"
    elsewhere.write_text('[tool.auditor]\nselect = ["TERM"]\n')
    (project / "auditor.toml").write_text('ignore = ["TERM"]\n')
    _, rules = rules_found(
        capsys, ["check", str(project / "translations" / "q1.txt"), "--config", str(elsewhere)]
    )
    assert rules == ["TERM002"]


def test_severity_override_changes_the_finding_and_the_exit_code(project, capsys):
    (project / "auditor.toml").write_text('[severity]\nNUM003 = "minor"\nTERM = "minor"\n')
    code, _ = rules_found(capsys, ["check", str(project / "translations" / "q1.txt")])
    assert code == 0


def test_locale_glossaries_and_pass_threshold_from_the_file(project, capsys):
    (project / "terms").mkdir()
    (project / "terms" / "project.tsv").write_text(
        "en\tzh_tw\tzh_cn\tforbidden\tdnt\tcase_sensitive\tcategory\tnote\n"
        "region\t地區\t地区\t區域\tno\tno\tgeneral\t\n",
        encoding="utf-8",
    )
    (project / "auditor.toml").write_text(
        'glossaries = ["terms/project.tsv"]\nlocale = "zh-CN"\npass-threshold = 99.5\n'
    )
    out = project / "r.json"
    code = main(
        [
            "check",
            str(project / "translations" / "q1.txt"),
            "--format",
            "json",
            "-o",
            str(out),
            "-q",
        ]
    )
    report = json.loads(out.read_text(encoding="utf-8"))
    config = report["tool"]["configuration"]
    assert config["locale"] == "zh-CN" and config["pass-threshold"] == 99.5
    assert any(p.endswith("terms/project.tsv") for p in report["glossaries"])
    assert code == 1  # the score is far below 99.5 (and fail-on defaults to never with a threshold)
    assert config["fail-on"] == "never"


def test_show_settings_says_where_each_value_came_from(project, capsys):
    (project / "auditor.toml").write_text('ignore = ["TERM"]\nlocale = "zh-CN"\n')
    code = main(
        ["check", str(project / "translations" / "q1.txt"), "--show-settings", "--select", "NUM"]
    )
    out = capsys.readouterr().out
    assert code == 0
    lines = {line.split("=")[0].strip(): line for line in out.splitlines()}
    assert lines["select"].endswith("# --select")
    assert lines["ignore"].endswith(f"# {project / 'auditor.toml'}")
    assert "zh-CN" in lines["locale"]
    assert lines["fail-on"].endswith("# default")


def test_a_broken_configuration_is_a_usage_error_with_its_line(project, capsys):
    (project / "auditor.toml").write_text('select = ["NUM"]\nfial-on = "major"\n')
    assert main(["check", str(project / "translations" / "q1.txt")]) == 2
    err = capsys.readouterr().err
    assert f"{project / 'auditor.toml'}:2: unknown setting 'fial-on'" in err
    (project / "auditor.toml").write_text('select = ["NUM"\n')
    assert main(["check", str(project / "translations" / "q1.txt")]) == 2
    assert "not valid TOML" in capsys.readouterr().err


def test_config_and_isolated_together_are_refused(project, capsys):
    (project / "auditor.toml").write_text("")
    assert (
        main(
            [
                "check",
                str(project / "translations" / "q1.txt"),
                "--isolated",
                "--config",
                str(project / "auditor.toml"),
            ]
        )
        == 2
    )


def test_report_signature_tells_a_partial_run_from_a_full_one(project, capsys):
    q1 = str(project / "translations" / "q1.txt")
    out = project / "r.json"
    main(["check", q1, "--format", "json", "-o", str(out), "-q", "--select", "NUM"])
    partial = json.loads(out.read_text(encoding="utf-8"))["tool"]
    main(["check", q1, "--format", "json", "-o", str(out), "-q"])
    full = json.loads(out.read_text(encoding="utf-8"))["tool"]
    assert "|select:NUM|" in partial["signature"] and "|select:all|" in full["signature"]
    assert full["glossary_digests"][0]["path"] == "glossary/data/semiconductor.tsv"
    assert len(full["glossary_digests"][0]["sha256"]) == 64


def test_glob_matching_rules():
    legal = PathOverride(("translations/legal/**",))
    assert legal.matches("translations/legal/terms.txt")
    assert legal.matches("translations/legal/2025/q1.txt")
    assert not legal.matches("translations/q1.txt")
    assert PathOverride(("*.xlf",)).matches("deep/down/file.xlf")
    assert not PathOverride(("docs/*.xlf",)).matches("deep/docs/file.xlf")


def test_longest_severity_prefix_wins_and_later_entries_win_ties():
    overrides = (("TERM", "minor"), ("TERM002", "critical"), ("TERM", "major"))
    assert severity_for("TERM002", overrides) == "critical"
    assert severity_for("TERM001", overrides) == "major"
    assert severity_for("NUM001", overrides) is None


def test_resolve_records_the_source_of_each_setting(project):
    (project / "auditor.toml").write_text('select = ["NUM", "TERM"]\n')
    settings = resolve([str(project / "translations" / "q1.txt")], Flags(locale="zh-CN"))
    assert settings.select == ("NUM", "TERM")
    assert settings.sources["select"] == str(project / "auditor.toml")
    assert settings.sources["locale"] == "--locale"
    assert settings.sources["jobs"] == "default"


def test_pyproject_nested_tables_and_jobs(project):
    (project / "pyproject.toml").write_text(
        '[tool.auditor]\njobs = 2\n\n[tool.auditor.severity]\nTERM = "minor"\n\n'
        '[[tool.auditor.per-path]]\npath = "translations/legal/**"\nignore = ["NUM"]\n',
        encoding="utf-8",
    )
    legal = str(project / "translations" / "legal" / "terms.txt")
    settings = resolve([legal])
    assert settings.jobs == 2 and settings.severity == (("TERM", "minor"),)
    assert settings.ignore == ("NUM",) and settings.matched_overrides == ("translations/legal/**",)
    assert resolve([legal], Flags(jobs=1)).jobs == 1
    assert resolve([str(project / "translations" / "q1.txt")]).ignore == ()


def test_an_unknown_code_in_the_file_names_the_setting_and_the_file(project, capsys):
    (project / "auditor.toml").write_text('[severity]\nNMU003 = "minor"\n', encoding="utf-8")
    assert main(["check", str(project / "translations" / "q1.txt")]) == 2
    err = capsys.readouterr().err
    assert "unknown rule code or prefix in severity: NMU003" in err and "auditor.toml" in err


def test_an_error_in_pyproject_points_into_the_auditor_table(project, capsys):
    (project / "pyproject.toml").write_text(
        '[tool.ruff]\nselect = ["E"]\n\n[tool.auditor]\nselect = "NUM"\nfail-on = "sometimes"\n',
        encoding="utf-8",
    )
    assert main(["check", str(project / "translations" / "q1.txt")]) == 2
    assert (
        f"{project / 'pyproject.toml'}:6: fail-on must be minor, major, critical, never"
        in capsys.readouterr().err
    )
