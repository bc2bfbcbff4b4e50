"""The core library's contract: no UI imports, usage errors give exit code 2 and one line."""

import subprocess
import sys


def test_importing_the_core_does_not_import_textual():
    code = "import sys, auditor.pipeline, auditor.cli, glossary; print('textual' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "auditor", *args], capture_output=True, text=True)


def test_missing_file_is_a_usage_error_naming_the_file(tmp_path):
    missing = tmp_path / "nope.txt"
    result = _run("check", str(missing))
    assert result.returncode == 2
    assert str(missing) in result.stderr
    assert "Traceback" not in result.stderr


def test_unknown_rule_code_is_rejected():
    result = _run("check", "samples/astera_q1_2025_bilingual.txt", "--select", "XYZ9")
    assert result.returncode == 2
    assert "XYZ9" in result.stderr


def test_source_without_target_is_a_usage_error(tmp_path):
    en = tmp_path / "en.txt"
    en.write_text("Revenue was $1 million.\n", encoding="utf-8")
    result = _run("check", "--source", str(en))
    assert result.returncode == 2
    assert "--target" in result.stderr


def test_rules_lists_every_family_and_explains_one():
    listing = _run("rules")
    assert listing.returncode == 0
    for prefix in ("ALN001", "NUM003", "UNIT001", "TERM002", "ENT001", "LOC001", "OMI001"):
        assert prefix in listing.stdout
    explained = _run("rules", "UNIT001")
    assert explained.returncode == 0
    assert "What it does" in explained.stdout and "Example" in explained.stdout
    assert _run("rules", "NOPE1").returncode == 2


def test_fail_on_defaults_to_major(tmp_path):
    """A file whose only finding is minor exits 0 by default and 1 with --fail-on minor."""
    sample = tmp_path / "minor.txt"
    # a Chinese-only line (ALN002, minor) after a correct pair
    sample.write_text(
        "Revenue grew 13% from the prior quarter.\n營收較上一季成長 13%。\n這是一條沒有英文原文的說明。\n",
        encoding="utf-8",
    )
    default = _run("check", str(sample), "--no-default-glossary", "-q")
    strict = _run("check", str(sample), "--no-default-glossary", "-q", "--fail-on", "minor")
    assert "ALN002" in default.stdout
    assert default.returncode == 0
    assert strict.returncode == 1
