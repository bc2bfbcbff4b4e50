"""Small edges of the command line: rule families, one-language input, broken glossaries,
the documented --fail-on default, SARIF columns, progress without a terminal, and the one
helper that writes every output file."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from auditor.cli import build_parser, main
from auditor.model import InputError
from auditor.report.atomic import atomic_output

ROOT = Path(__file__).resolve().parents[3]
EXCERPT = ROOT / "samples" / "excerpt"
HEADER = "en\tzh_tw\tzh_cn\tforbidden\tdnt\tcase_sensitive\tcategory\tnote\n"


def test_rules_with_a_prefix_lists_that_family(capsys):
    assert main(["rules", "num"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in lines] == ["NUM001", "NUM002", "NUM003", "NUM004"]
    assert main(["rules", "LOC005"]) == 0 and "hidden-characters" in capsys.readouterr().out
    assert main(["rules", "XYZ"]) == 2
    assert "no rule or prefix XYZ" in capsys.readouterr().err


@pytest.mark.parametrize(
    "text,missing",
    [
        ("這是第一季的財報。\n營收成長了百分之十三。\n", "English"),
        ("This is the first-quarter report.\nRevenue grew 13%.\n", "Chinese"),
    ],
)
def test_one_language_interleaved_input_exits_2(tmp_path, capsys, text, missing):
    path = tmp_path / "one.txt"
    path.write_text(text, encoding="utf-8")
    assert main(["check", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and f"no {missing} lines found" in err


def test_check_refuses_a_glossary_that_lint_calls_broken_with_its_messages(tmp_path, capsys):
    path = tmp_path / "project.tsv"
    path.write_text(
        HEADER + "retimer\t重定时器\t\t\t\t\t\t\n", encoding="utf-8"
    )  # Simplified in zh_tw
    assert main(["glossary", "lint", str(path)]) == 1
    lint_lines = [line for line in capsys.readouterr().out.splitlines() if " error: " in line]
    assert lint_lines and "GL009" in lint_lines[0]
    assert main(["check", str(EXCERPT / "excerpt.tsv"), "--glossary", str(path)]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err[:-1] == lint_lines
    assert err[-1].startswith("auditor: error: 1 error(s) in the glossary")
    # warnings alone do not stop an audit
    path.write_text(HEADER + "retimer \t重定時器\t\t\t\t\t\t\n", encoding="utf-8")
    assert main(["check", str(EXCERPT / "excerpt.tsv"), "--glossary", str(path), "-q"]) in (0, 1)


def test_the_documented_fail_on_default_is_the_one_in_help():
    help_text = " ".join(
        build_parser()._subparsers._group_actions[0].choices["check"].format_help().split()
    )
    assert "(default: major, or never when --pass-threshold is given)" in help_text
    doc = (ROOT / "docs" / "report-format.md").read_text(encoding="utf-8")
    [row] = [line for line in doc.splitlines() if line.startswith("| `--fail-on")]
    assert "(default `major`; `never` when only `--pass-threshold` is given)" in row


def test_the_readme_explains_the_first_command_s_exit_status():
    readme = " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())
    assert 'the first command under "Set up" ends with exit status `1`' in readme


def test_sarif_columns_point_at_the_span_in_utf16_units(tmp_path, capsys):
    path = tmp_path / "pairs.tsv"
    # U+20BB7 (𠮷) is two UTF-16 code units: the column after it counts two
    path.write_text("en\tzh\nWe use Ethernet.\t  𠮷我們使用以太網。\n", encoding="utf-8")
    assert main(["check", str(path), "--select", "LOC002", "--format", "sarif"]) in (0, 1)
    [result] = json.loads(capsys.readouterr().out)["runs"][0]["results"]
    region = result["locations"][0]["physicalLocation"]["region"]
    line = path.read_text(encoding="utf-8").splitlines()[1]
    start = line.index("以太網")
    before = line[:start]
    units = len(before.encode("utf-16-le")) // 2
    assert (region["startColumn"], region["endColumn"]) == (units + 1, units + 4)
    assert region["startLine"] == region["endLine"] == 2


def test_sarif_leaves_columns_out_when_the_text_is_escaped_on_its_line(tmp_path, capsys):
    path = tmp_path / "pairs.jsonl"
    path.write_text(
        json.dumps({"en": 'He said "Ethernet".', "zh": '他說「以太網」\t"好"'}, ensure_ascii=False)
        + "\n",
        encoding="utf-8",
    )
    assert main(["check", str(path), "--select", "LOC002", "--format", "sarif"]) in (0, 1)
    [result] = json.loads(capsys.readouterr().out)["runs"][0]["results"]
    region = result["locations"][0]["physicalLocation"]["region"]
    assert "startColumn" not in region and region["startLine"] == 1


def test_progress_without_a_terminal_is_a_line_every_few_seconds(monkeypatch, capsys):
    from auditor.commands.common import closing_summary, stderr_progress

    clock = iter([100.0, 100.5, 106.0, 107.0, 112.0])
    monkeypatch.setattr("auditor.commands.common.time.monotonic", lambda: next(clock))
    progress = stderr_progress(True, every=5.0)  # starts the clock at 100
    progress(1000, 9000)  # 100.5: too soon
    progress(2000, 9000)  # 106: a line
    progress(3000, 9000)  # 107: too soon after it
    progress(9000, 9000)  # done: the closing summary says the rest
    assert capsys.readouterr().err == "auditor: checked 2,000 of 9,000 segments\n"
    closing_summary(False, ["out/report.json"], 9000, 12)
    assert (
        capsys.readouterr().err
        == "wrote out/report.json\nauditor: 9,000 segments checked, 12 findings\n"
    )
    closing_summary(True, ["out/report.json"], 9000, 12)
    assert capsys.readouterr().err == ""


def test_atomic_output_replaces_only_when_complete(tmp_path):
    target = tmp_path / "report.json"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o640)
    with pytest.raises(RuntimeError), atomic_output(target) as fh:
        fh.write("half a rep")
        raise RuntimeError("the writer failed")
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]
    with atomic_output(target) as fh:
        fh.write("new report")
    assert target.read_text(encoding="utf-8") == "new report"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640  # the file keeps its permissions
    with pytest.raises(InputError, match="it is a directory"), atomic_output(tmp_path):
        pass


def test_atomic_output_writes_through_a_symlink(tmp_path):
    real = tmp_path / "real.json"
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    with atomic_output(link) as fh:
        fh.write("new")
    assert link.is_symlink() and real.read_text(encoding="utf-8") == "new"


@pytest.mark.parametrize(
    "argv",
    [
        ["glossary", "fill-cn", "{glossary}", "-o", "{out}"],
        ["glossary", "convert", "{glossary}", "{out}", "--to", "tsv"],
        ["align", str(EXCERPT / "excerpt.tsv"), "-o", "{out}"],
    ],
)
def test_other_outputs_keep_the_old_file_when_the_write_fails(tmp_path, capsys, monkeypatch, argv):
    glossary = tmp_path / "g.tsv"
    glossary.write_text(HEADER + "retimer\t重定時器\t\t\t\t\t\t\n", encoding="utf-8")
    out = tmp_path / "out.tsv"
    out.write_text("old", encoding="utf-8")

    def fail(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", fail)
    argv = [a.format(glossary=glossary, out=out) for a in argv]
    assert main(argv) == 2
    assert "No space left on device" in capsys.readouterr().err
    assert out.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["g.tsv", "out.tsv"]


def test_max_per_rule_must_be_a_count(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["check", "x.tsv", "--max-per-rule", "-1"])
    assert exit_info.value.code == 2 and "must be 0 or more" in capsys.readouterr().err
