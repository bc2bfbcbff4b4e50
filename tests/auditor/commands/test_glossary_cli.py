"""``auditor glossary ...`` from the command line: exit codes, outputs, and bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from auditor.cli import main
from glossary.formats import read_glossary

ROOT = Path(__file__).parents[3]
DATA = ROOT / "tests" / "data"
BAD = str(DATA / "glossary" / "bad.tsv")
SAMPLE = str(DATA / "astera_q1_2025_bilingual.txt")
HEADER = "en\tzh_tw\tzh_cn\tforbidden\tdnt\tcase_sensitive\tcategory\tnote\n"


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "auditor", *args], capture_output=True, text=True, cwd=ROOT
    )


def _clean(tmp_path: Path) -> str:
    path = tmp_path / "project_glossary.tsv"
    path.write_text(
        HEADER + "# products: names stay in English\n"
        "Taurus\t\t\t金牛座\tyes\tyes\tproduct\t\n"
        "memory\t記憶體\t\t\t\t\tdevice\t\n"
        "wafer\t晶圓\t晶圆\t\t\t\tmanufacturing\t\n",
        encoding="utf-8",
    )
    return str(path)


def test_lint_exits_1_on_errors_and_names_file_and_line():
    result = _run("glossary", "lint", BAD)
    assert result.returncode == 1
    assert f"{BAD}:6: GL009 error:" in result.stdout
    assert result.stderr == ""


def test_lint_exits_0_on_a_clean_file_and_on_warnings_only(tmp_path, capsys):
    assert main(["glossary", "lint", _clean(tmp_path)]) == 0
    warn = tmp_path / "glossary_warn.tsv"
    warn.write_text(HEADER + "wafer \t晶圓\t\t\t\t\t\t\n", encoding="utf-8")
    assert main(["glossary", "lint", str(warn)]) == 0
    assert "GL011 warning" in capsys.readouterr().out


def test_lint_exits_0_on_the_shipped_termbase_when_it_exists():
    shipped = ROOT / "glossary" / "data" / "semiconductor.tsv"
    result = _run("glossary", "lint", str(shipped))
    assert result.returncode == (0 if shipped.exists() else 2)


@pytest.mark.parametrize("fmt", ["json", "github", "sarif"])
def test_lint_formats_write_to_a_file(tmp_path, fmt):
    out = tmp_path / f"lint.{fmt}"
    assert main(["glossary", "lint", BAD, "--format", fmt, "-o", str(out)]) == 1
    text = out.read_text(encoding="utf-8")
    if fmt == "github":
        assert text.startswith("::")
    else:
        assert json.loads(text)


@pytest.mark.parametrize(
    "make,needle",
    [
        (lambda p: None, "no such file"),
        (
            lambda p: p.write_bytes((HEADER + "wafer\t晶圓\t\t\t\t\t\t\n").encode("big5")),
            "invalid UTF-8",
        ),
    ],
)
def test_unreadable_glossaries_are_one_line_errors_with_exit_2(tmp_path, make, needle, capsys):
    path = tmp_path / "glossary.tsv"
    make(path)
    for command in (
        ["glossary", "lint", str(path)],
        ["glossary", "convert", str(path), str(tmp_path / "o.tbx")],
        ["glossary", "fill-cn", str(path)],
        ["check", SAMPLE, "--glossary", str(path)],
    ):
        assert main(command) == 2, command
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and needle in err and str(path) in err


def test_malformed_tbx_is_exit_2_with_its_line(tmp_path):
    path = tmp_path / "terms.tbx"
    path.write_text(
        '<?xml version="1.0"?>\n<martif>\n<text>\n<body>\n</martif>\n', encoding="utf-8"
    )
    result = _run("glossary", "lint", str(path))
    assert result.returncode == 2
    assert f"{path}:5: malformed TBX" in result.stderr and "Traceback" not in result.stderr


def test_an_audit_with_a_broken_project_glossary_stops_with_exit_2(tmp_path):
    path = tmp_path / "glossary.tsv"
    path.write_text("zh_tw\tnote\n晶圓\t\n", encoding="utf-8")  # no en column
    result = _run("check", SAMPLE, "--glossary", str(path), "--no-default-glossary")
    assert result.returncode == 2 and "lacks column en" in result.stderr


def test_convert_chain_tsv_tbx_csv_tsv_keeps_every_concept(tmp_path):
    source = _clean(tmp_path)
    tbx, csv_path, back = tmp_path / "g.tbx", tmp_path / "g.csv", tmp_path / "back.tsv"
    assert main(["glossary", "convert", source, str(tbx)]) == 0
    assert main(["glossary", "convert", str(tbx), str(csv_path)]) == 0
    assert main(["glossary", "convert", str(csv_path), str(back)]) == 0

    def strip(f):
        return [
            (c.en, c.zh_tw, c.zh_cn, c.forbidden, c.dnt, c.case_sensitive, c.category)
            for c in read_glossary(f).concepts
        ]

    assert strip(source) == strip(str(back))
    assert "<martif" in tbx.read_text(encoding="utf-8")


def test_convert_to_forces_the_output_format(tmp_path):
    out = tmp_path / "terms.txt"
    assert main(["glossary", "convert", _clean(tmp_path), str(out), "--to", "tbx"]) == 0
    assert read_glossary(str(out), "tbx").concepts[0].en == "Taurus"
    result = _run("glossary", "convert", _clean(tmp_path), str(tmp_path / "terms.txt"))
    assert result.returncode == 2 and "extension" in result.stderr


def test_fill_cn_proposes_mainland_renderings_and_marks_them(tmp_path):
    source = _clean(tmp_path)
    out = tmp_path / "filled.tsv"
    assert main(["glossary", "fill-cn", source, "-o", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert "# products: names stay in English" in text  # the person's comments stay
    filled = {c.en: c for c in read_glossary(str(out)).concepts}
    assert filled["memory"].zh_cn == ("内存",)  # vocabulary, not just script: 記憶體 -> 内存
    assert filled["wafer"].zh_cn == ("晶圆",)  # already there: untouched
    assert filled["Taurus"].zh_cn == ()  # do-not-translate: nothing to propose
    lint = _run("glossary", "lint", str(out))
    assert lint.returncode == 0  # a proposal to review is a warning, not an error
    assert ":4: GL014" in lint.stdout and lint.stdout.count("GL014") == 1  # only the memory row


def test_suggest_mines_terms_and_their_renderings_from_the_sample(tmp_path):
    out = tmp_path / "candidates.tsv"
    assert (
        main(
            ["glossary", "suggest", SAMPLE, "--no-default-glossary", "--top", "40", "-o", str(out)]
        )
        == 0
    )
    header = out.read_text(encoding="utf-8").splitlines()[0].split("\t")
    assert header[0] == "en" and header[-1] == "count"
    rows = {c.en.lower(): c for c in read_glossary(str(out)).concepts}
    assert rows["retimers"].zh_tw == ("重定時器",)
    assert rows["ethernet"].zh_tw == ("乙太網路",)
    assert rows["pcie"].dnt and rows["pcie"].zh_tw == ()
    assert "the" not in rows and "we" not in rows


def test_suggest_leaves_out_terms_the_glossary_already_has(tmp_path):
    known = tmp_path / "known.tsv"
    known.write_text(HEADER + "retimer\t重定時器\t\t\t\t\tdevice\t\n", encoding="utf-8")
    out = tmp_path / "candidates.tsv"
    assert (
        main(
            [
                "glossary",
                "suggest",
                SAMPLE,
                "--no-default-glossary",
                "--glossary",
                str(known),
                "-o",
                str(out),
            ]
        )
        == 0
    )
    assert "retimers" not in {c.en.lower() for c in read_glossary(str(out)).concepts}


def test_pre_commit_hook_runs_the_linter():
    hooks = (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    assert "id: auditor-glossary-lint" in hooks and "entry: auditor glossary lint" in hooks
