"""The core library's contract: no UI imports, usage errors give exit code 2 and one line."""

import subprocess
import sys


def test_importing_the_core_does_not_import_textual():
    code = (
        "import sys, auditor.pipeline, auditor.cli, glossary; "
        "print('textual' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "auditor", *args], capture_output=True, text=True
    )


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
