"""A team's own rules (CUS): the sample checklist on its sample file, checklist lint, TSV
checklists, selection, and ``auditor rules`` listing a project's rules."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from auditor.checks.custom import PatternSpec, compile_pattern, lint_checklists, load_checklists
from auditor.cli import main
from auditor.model import InputError, Segment

# One project per process: the rules a test registers are forgotten after it.
pytestmark = pytest.mark.usefixtures("forget_project_rules")

REPO = Path(__file__).resolve().parents[3]
SAMPLE_PROJECT = REPO / "samples" / "project"


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    dest = tmp_path / "project"
    shutil.copytree(SAMPLE_PROJECT, dest)
    return dest


def findings_of(capsys, argv: list[str]) -> list[dict]:
    main([*argv, "--format", "jsonl", "-q"])
    return [json.loads(line) for line in capsys.readouterr().out.splitlines()]


def test_sample_checklist_finds_its_planted_cases(project, capsys):
    found = findings_of(capsys, ["check", str(project / "translations" / "datasheet.txt")])
    planted = [(f["line"], f["rule"], f["found"] or f["expected"]) for f in found]
    assert planted == [
        (2, "CUS001", "64 Gbps"),  # the unit spelled the other way
        (2, "CUS003", "PCIe®"),  # the registered mark dropped
        (4, "CUS002", "5 奈米"),
        (4, "CUS004", "業界第一"),  # banned marketing claims
        (4, "CUS005", "Retimer"),  # glossary-aware condition (term:retimer)
        (6, "CUS004", "頂級"),
    ]
    # 最佳化 (optimise) is not the banned 最佳; 64 Gb/s and 3 nm are the house style
    assert not [f for f in found if f["line"] in (8, 10)]
    by_rule = {f["rule"]: f for f in found}
    assert by_rule["CUS003"]["severity"] == "major" and by_rule["CUS003"]["category"] == "entity"
    assert by_rule["CUS004"]["target_span"] is not None


def test_custom_rules_are_selected_like_built_in_ones(project, capsys):
    datasheet = str(project / "translations" / "datasheet.txt")
    assert {
        f["rule"] for f in findings_of(capsys, ["check", datasheet, "--ignore", "CUS004,CUS005"])
    } == {"CUS001", "CUS002", "CUS003"}
    assert {f["rule"] for f in findings_of(capsys, ["check", datasheet, "--select", "CUS00"])} == {
        "CUS001",
        "CUS002",
        "CUS003",
        "CUS004",
        "CUS005",
    }
    assert main(["check", datasheet, "--select", "CUS999"]) == 2
    assert "unknown rule code" in capsys.readouterr().err
    # --isolated: no project, so no project rules either
    assert main(["check", datasheet, "--isolated", "--select", "CUS"]) == 2


def test_rules_lists_and_explains_the_project_rules(project, capsys, monkeypatch):
    monkeypatch.chdir(project)
    assert main(["rules"]) == 0
    listing = capsys.readouterr().out
    assert "CUS003   entity     major    pcie-registered-mark" in listing
    assert "NUM001" in listing
    assert main(["rules", "CUS005"]) == 0
    explained = capsys.readouterr().out
    assert "term:retimer" in explained and "this team's documents" in explained
    assert main(["rules", "CUS005", "--isolated"]) == 2


BROKEN = """\
[[check]]
code = "CUS001"
severity = "major"
message = "fine"
target-must-not = "頂級"

[[check]]
code = "CUS001"
severity = "major"
message = "the same code again"
target-must-not = "最佳"

[[check]]
code = "CUS002"
severity = "serious"
message = "bad severity"
target-must = "x"

[[check]]
code = "CUS003"
severity = "minor"
message = "bad regex"
target-must-not = 're:(unclosed'

[[check]]
code = "CUS004"
severity = "minor"
message = "no such term"
source = "term:flux capacitor"
target-must = "x"

[[check]]
code = "CUS005"
severity = "minor"
message = "both"
target-must = "a"
target-must-not = "b"
colour = "red"
"""


def test_checklist_lint_fails_on_a_broken_checklist_with_file_and_line(tmp_path, capsys):
    broken = tmp_path / "broken.toml"
    broken.write_text(BROKEN, encoding="utf-8")
    assert main(["checklist", "lint", str(broken), "--isolated"]) == 2
    err = capsys.readouterr().err
    assert f"{broken}:7: code CUS001 is already used at {broken}:1" in err
    assert f"{broken}:13: severity must be minor, major, critical, not 'serious'" in err
    assert f"{broken}:19: CUS003: bad regular expression" in err
    assert f"{broken}:25: CUS004: no glossary term 'flux capacitor'" in err
    assert f"{broken}:32: unknown field 'colour'" in err
    assert "5 problem(s)" in err


def test_checklist_lint_passes_the_sample(capsys):
    assert main(["checklist", "lint", str(SAMPLE_PROJECT / "checklists" / "house-style.toml")]) == 0
    assert "5 check(s)" in capsys.readouterr().out


def test_checklist_lint_reports_toml_syntax_errors_with_their_line(tmp_path, capsys):
    bad = tmp_path / "bad.toml"
    bad.write_text('[[check]]\ncode = "CUS001"\nmessage = "unterminated\n', encoding="utf-8")
    assert main(["checklist", "lint", str(bad), "--isolated"]) == 2
    assert f"{bad}:3: not valid TOML" in capsys.readouterr().err


def test_tsv_checklist_and_its_line_numbers(tmp_path, capsys):
    tsv = tmp_path / "checks.tsv"
    tsv.write_text(
        "code\tseverity\tmessage\tsource\ttarget-must\ttarget-must-not\n"
        "CUS010\tmajor\tkeep CoWoS in English\tCoWoS\tCoWoS\t\n"
        "# a comment row\n"
        "CUS011\tminor\tno 晶圓廠 for foundry\tre:\\bfoundr(y|ies)\\b\t\t晶圓廠\n"
        "CUS012\tminor\tbroken\t\t\t\n",
        encoding="utf-8",
    )
    problems = lint_checklists([str(tsv)], None)
    assert [(p.line, p.message) for p in problems] == [
        (5, "give exactly one of target-must and target-must-not")
    ]
    tsv.write_text(
        "\n".join(tsv.read_text(encoding="utf-8").splitlines()[:4]) + "\n", encoding="utf-8"
    )
    checklist = load_checklists([str(tsv)], None)
    segment = Segment(
        "s1", "TSMC's CoWoS packaging at the foundry", "台積電的 CoWos 封裝在晶圓廠", None, None
    )
    assert [(f.rule, f.found or f.expected) for f in checklist.findings(segment)] == [
        ("CUS010", "CoWoS"),
        ("CUS011", "晶圓廠"),
    ]


def test_a_broken_checklist_named_by_the_configuration_stops_the_check(project, capsys):
    (project / "checklists" / "house-style.toml").write_text(
        '[[check]]\ncode = "X1"\n', encoding="utf-8"
    )
    assert main(["check", str(project / "translations" / "datasheet.txt")]) == 2
    err = capsys.readouterr().err
    assert "house-style.toml:1: code must be CUS followed by digits" in err


def test_literals_match_whole_english_words_and_chinese_anywhere():
    best = compile_pattern(PatternSpec.parse("best"), "source", True, None, "zh-TW")
    assert best.search("the best part") and not best.search("bestow the award")
    claim = compile_pattern(PatternSpec.parse("第一"), "target", False, None, "zh-TW")
    assert claim.search("業界第一的產品")


def test_term_patterns_use_the_glossary_renderings_of_the_locale():
    from glossary import load_termbase

    termbase = load_termbase()
    zh_tw = compile_pattern(PatternSpec.parse("term:gearbox"), "target", False, termbase, "zh-TW")
    zh_cn = compile_pattern(PatternSpec.parse("term:gearbox"), "target", False, termbase, "zh-CN")
    assert zh_tw.search("速率轉換器") and not zh_tw.search("速率转换器")
    assert zh_cn.search("速率转换器")
    english = compile_pattern(PatternSpec.parse("term:retimer"), "source", False, termbase, "zh-TW")
    assert english.search("two Re-timers") or english.search("the re-timer")
    with pytest.raises(ValueError, match="no glossary term"):
        compile_pattern(PatternSpec.parse("term:warp drive"), "target", False, termbase, "zh-TW")


def test_load_raises_the_first_problem_as_an_input_error(tmp_path):
    bad = tmp_path / "c.toml"
    bad.write_text(
        '[[check]]\ncode = "CUS001"\nseverity = "minor"\nmessage = "m"\n', encoding="utf-8"
    )
    with pytest.raises(InputError) as err:
        load_checklists([str(bad)], None)
    assert err.value.line == 1 and "target-must" in err.value.message


def test_term_on_both_sides_expects_an_approved_rendering(tmp_path):
    from glossary import load_termbase

    checklist_file = tmp_path / "c.toml"
    checklist_file.write_text(
        '[[check]]\ncode = "CUS020"\nseverity = "major"\nmessage = "gearbox: use the approved term"\n'
        'source = "term:gearbox"\ntarget-must = "term:gearbox"\n',
        encoding="utf-8",
    )
    checklist = load_checklists([str(checklist_file)], load_termbase())
    wrong = Segment("s1", "Two GEARBOXES ship per tray.", "每盤出貨兩個變速箱。", None, None)
    right = Segment("s2", "The gearbox ships now.", "該速率轉換器現已出貨。", None, None)
    (finding,) = checklist.findings(wrong)
    assert finding.expected == "Gearbox | 速率轉換器 | 速率轉換晶片" and finding.source_span == (
        4,
        13,
    )
    assert checklist.findings(right) == []
