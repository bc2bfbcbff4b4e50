"""Bad input through the command line: one clear line naming file and line, exit 2 (or,
for input that is merely unusual, a correct result)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from auditor.cli import main

DATA = Path(__file__).parents[2] / "data" / "formats"


def check(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["check", *args])
    out, err = capsys.readouterr()
    return code, out, err


def assert_one_line_error(code: int, err: str, *needles: str) -> None:
    assert code == 2
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("auditor: error: ")
    assert "Traceback" not in err
    for needle in needles:
        assert needle in lines[0], (needle, lines[0])


def test_empty_file(capsys, tmp_path):
    path = tmp_path / "empty.tsv"
    path.write_bytes(b"")
    assert_one_line_error(*check(capsys, str(path))[::2], f"{path}: ", "empty")


def test_whitespace_only_file(capsys, tmp_path):
    path = tmp_path / "blank.txt"
    path.write_text("\n  \n\t\n", encoding="utf-8")
    assert_one_line_error(*check(capsys, str(path))[::2], str(path), "no text lines")


def test_binary_file(capsys, tmp_path):
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    assert_one_line_error(*check(capsys, str(path))[::2], str(path), "binary")


def test_utf16_without_bom_says_so(capsys, tmp_path):
    path = tmp_path / "call.txt"
    path.write_bytes("Revenue grew.\n營收成長。\n".encode("utf-16-le"))
    assert_one_line_error(*check(capsys, str(path))[::2], str(path), "byte-order mark")


def test_invalid_utf8_in_xml_names_the_line(capsys, tmp_path):
    path = tmp_path / "a.tmx"
    path.write_bytes(
        b'<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header/><body>\n'
        b'<tu><tuv xml:lang="en"><seg>Hi</seg></tuv>\n<tuv xml:lang="zh"><seg>\xe4\xbd</seg></tuv></tu>\n'
        b"</body></tmx>\n"
    )
    assert_one_line_error(*check(capsys, str(path))[::2], f"{path}:4: ", "invalid UTF-8")


def test_invalid_utf8_names_the_line(capsys, tmp_path):
    path = tmp_path / "call.txt"
    path.write_bytes("Revenue grew.\n營收成長。\nThank you.\n".encode() + b"\xe8\xac\x9d\xff\n")
    assert_one_line_error(*check(capsys, str(path))[::2], f"{path}:4: ", "invalid UTF-8")


@pytest.mark.parametrize(
    ("name", "line", "what"),
    [
        ("malformed.tmx", 7, "mismatched tag"),
        ("malformed.xlf", 6, "not well-formed"),
    ],
)
def test_malformed_xml_names_the_line(capsys, name, line, what):
    path = DATA / name
    assert_one_line_error(*check(capsys, str(path))[::2], f"{path}:{line}: ", "malformed XML", what)


def test_external_entity_is_refused_not_resolved(capsys):
    path = DATA / "external_entity.tmx"
    code, out, err = check(capsys, str(path))
    assert_one_line_error(code, err, f"{path}:3: ", "refused")
    assert "root:" not in out + err  # nothing of /etc/passwd leaked


def test_entity_expansion_bomb_is_refused_not_expanded(capsys):
    path = DATA / "entity_bomb.xlf"
    assert_one_line_error(
        *check(capsys, str(path))[::2], f"{path}:3: ", "refused", "never expanded"
    )


def test_xml_of_another_kind_is_named(capsys):
    path = DATA / "not_tmx.xml"
    assert_one_line_error(*check(capsys, str(path))[::2], "<html>", "TMX", "XLIFF")


def test_ragged_tsv_row_names_the_line(capsys):
    path = DATA / "ragged.tsv"
    assert_one_line_error(*check(capsys, str(path))[::2], f"{path}:3: ", "ragged row", "3", "2")


def test_jsonl_line_that_is_not_json_names_the_line(capsys):
    path = DATA / "not_json.jsonl"
    assert_one_line_error(*check(capsys, str(path))[::2], f"{path}:2: ", "not valid JSON")


def test_missing_columns_say_what_is_expected(capsys):
    path = DATA / "one_column.tsv"
    assert_one_line_error(
        *check(capsys, str(path))[::2], f"{path}:1: ", "two columns", "'english_text'"
    )


def test_missing_jsonl_keys_say_what_is_expected(capsys):
    path = DATA / "missing_keys.jsonl"
    assert_one_line_error(
        *check(capsys, str(path))[::2],
        f"{path}:1: ",
        "'source' and 'target'",
        "'en' and 'zh'",
        "'text'",
    )


def test_unknown_column_option_names_the_header(capsys, tmp_path):
    path = tmp_path / "pairs.tsv"
    path.write_text("en\tzh\nThank you.\t謝謝。\n", encoding="utf-8")
    code, _, err = check(capsys, str(path), "--target-col", "zh-TW")
    assert_one_line_error(code, err, f"{path}:1: ", "'zh-TW'", "'en', 'zh'")


def test_five_megabyte_single_line_gives_a_correct_result(capsys, tmp_path):
    """One JSONL line of 5 MB (a whole transcript pasted as one pair): read and checked."""
    en = "Revenue grew 13% to $159.4 million in the first quarter of 2025. " * 42_000
    zh = "2025 年第一季營收成長 13%,達 1.594 億美元。" * 42_000
    path = tmp_path / "huge.jsonl"
    path.write_text(json.dumps({"source": en, "target": zh}, ensure_ascii=False), encoding="utf-8")
    assert path.stat().st_size > 5_000_000
    code, out, err = check(
        capsys, str(path), "--format", "json", "--ignore", "NUM,UNIT,LOC003,LOC004"
    )
    assert code in (0, 1), err
    report = json.loads(out)
    [segment] = report["segments"]
    assert segment["source"] == en.strip() and segment["target"] == zh
    assert segment["source_loc"]["lines"] == [1, 1] and segment["target_loc"]["lines"] == [1, 1]


def test_input_format_override_and_columns_from_the_command_line(capsys, tmp_path):
    path = tmp_path / "export.dat"
    path.write_text("id,english,chinese\n1,Thank you.,謝謝。\n", encoding="utf-8")
    code, out, err = check(
        capsys,
        str(path),
        "--input-format",
        "csv",
        "--source-col",
        "english",
        "--target-col",
        "chinese",
        "--format",
        "json",
    )
    assert code in (0, 1), err
    report = json.loads(out)
    assert report["inputs"] == [{"path": str(path), "format": "csv"}]
    assert [(s["source"], s["target"]) for s in report["segments"]] == [("Thank you.", "謝謝。")]


# --- auditor align --------------------------------------------------------------------

SEED = Path(__file__).parents[2] / "data" / "astera_q1_2025_bilingual.txt"


def align(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["align", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_align_jsonl_has_type_score_and_lines(capsys):
    code, out, err = align(capsys, str(SEED), "--format", "jsonl")
    assert code == 0, err
    records = [json.loads(line) for line in out.splitlines()]
    pair = next(
        r for r in records if (r["source"] or "").startswith("Good afternoon. My name is Amy")
    )
    assert pair["target"].startswith("午安.我叫艾米")
    assert pair["align_type"] == "1-1" and 0.0 <= pair["score"] <= 1.0
    assert pair["source_lines"] == [8, 8] and pair["target_lines"] == [9, 9]
    assert any(r["source"] is None for r in records)  # the Chinese-only summary lines


def test_align_output_file_reads_back_to_the_same_pairs(capsys, tmp_path):
    out_path = tmp_path / "corpus.tmx"  # format from the extension
    code, out, err = align(
        capsys, str(SEED), "--output", str(out_path), "--drop-unaligned", "--locale", "zh-CN"
    )
    assert code == 0 and out == "", err
    assert '<tuv xml:lang="zh-CN">' in out_path.read_text(encoding="utf-8")
    code, out, err = align(capsys, str(out_path), "--format", "jsonl")
    assert code == 0, err
    records = [json.loads(line) for line in out.splitlines()]
    assert records and all(r["source"] and r["target"] for r in records)
    code, out, _ = align(capsys, str(SEED), "--format", "jsonl", "--drop-unaligned")
    assert [(r["source"], r["target"]) for r in records] == [
        (r["source"], r["target"]) for r in map(json.loads, out.splitlines())
    ]


def test_align_two_files_to_xliff(capsys, tmp_path):
    en = tmp_path / "en.txt"
    zh = tmp_path / "zh.txt"
    en.write_text("Revenue grew 13% to $159.4 million.\nThank you.\n", encoding="utf-8")
    zh.write_text("營收成長 13%,達 1.594 億美元。\n謝謝。\n", encoding="utf-8")
    code, out, err = align(capsys, "--source", str(en), "--target", str(zh), "--format", "xliff")
    assert code == 0, err
    assert out.count("<trans-unit") == 2 and "<target>謝謝。</target>" in out


def test_align_bad_input_and_bad_options_exit_2(capsys, tmp_path):
    assert_one_line_error(*align(capsys, str(DATA / "ragged.tsv"))[::2], "ragged row")
    assert_one_line_error(*align(capsys, str(SEED), "--min-score", "2")[::2], "--min-score")
    assert_one_line_error(*align(capsys, str(SEED), "--output", str(tmp_path))[::2], "directory")


def test_align_failure_leaves_no_partial_output(capsys, tmp_path):
    out_path = tmp_path / "out.tsv"
    bad = tmp_path / "bad.jsonl"
    shutil.copy(DATA / "not_json.jsonl", bad)
    code, _, _ = align(capsys, str(bad), "--output", str(out_path))
    assert code == 2 and not out_path.exists() and list(tmp_path.iterdir()) == [bad]
