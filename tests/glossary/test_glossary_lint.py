"""``auditor glossary lint``: every class of problem, found at its file and line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from glossary import DEFAULT_TERMBASE, default_termbase_file
from glossary.formats import read_glossary
from glossary.lint import lint_files, lint_paths
from glossary.lint_report import render
from glossary.problems import CODES
from glossary.script import simplified_chars, traditional_chars

DATA = Path(__file__).parents[1] / "data"
BAD = str(DATA / "glossary" / "bad.tsv")
LAYER = str(DATA / "glossary" / "layer.tsv")
BAD_TBX = str(DATA / "glossary" / "bad.tbx")

#: (code, line) of every problem planted in the fixtures; each row says what it plants.
EXPECTED_BAD = {
    ("GL001", 2),
    ("GL002", 2),
    ("GL006", 4),
    ("GL008", 5),
    ("GL009", 6),
    ("GL010", 7),
    ("GL011", 8),
    ("GL003", 9),
    ("GL004", 10),
    ("GL004", 11),
    ("GL012", 12),
    ("GL013", 13),
    ("GL005", 14),
    ("GL006", 16),
}


def _found(problems, path):
    return {(p.code, p.line) for p in problems if p.path == path}


def test_the_bad_fixture_yields_each_planted_problem_and_nothing_else():
    result = lint_paths([BAD])
    assert _found(result.problems, BAD) == EXPECTED_BAD
    assert result.errors > 0


def test_layers_are_checked_against_each_other():
    result = lint_paths([BAD, LAYER, BAD_TBX])
    assert _found(result.problems, LAYER) == {
        ("GL007", 3),
        ("GL007", 6),
        ("GL014", 7),
        ("GL007", 8),
    }
    assert _found(result.problems, BAD_TBX) == {("GL015", 7), ("GL004", 9), ("GL009", 12)}
    # the rows of layer.tsv that share a rendering (軟體) or agree on dnt (PCIe) are clean
    assert not any(p.path == LAYER and p.line in (4, 5) for p in result.problems)


def test_every_code_is_exercised_by_the_fixtures():
    result = lint_paths([BAD, LAYER, BAD_TBX])
    assert {p.code for p in result.problems} == set(CODES)


def test_a_layer_alone_has_no_conflicts():
    assert _found(lint_paths([LAYER]).problems, LAYER) == {("GL014", 7)}


def test_messages_name_the_offending_text():
    messages = {(p.code, p.line): p.message for p in lint_paths([BAD]).problems}
    assert "记 忆 体" in messages["GL009", 6] and "記 憶 體" in messages["GL009", 6]
    assert "軟" in messages["GL010", 7]
    assert "line 3" in messages["GL006", 4]
    assert "case_sensitive" in messages["GL001", 2]


def test_the_shipped_termbase_lints_clean():
    shipped = default_termbase_file()
    if shipped is None:  # not landed yet: then there is nothing to load either
        assert not Path(__file__).parents[2].joinpath(DEFAULT_TERMBASE).exists()
        return
    problems = lint_files([shipped])
    assert [p.describe() for p in problems if p.severity == "error"] == []
    assert len(shipped.concepts) >= 400


def test_sample_project_glossaries_lint_clean_over_the_shipped_termbase():
    samples = sorted(Path(__file__).parents[2].joinpath("samples").glob("*glossary*.tsv"))
    for sample in samples:
        result = lint_paths([str(sample)], include_default=True)
        assert [p.describe() for p in result.problems if p.severity == "error"] == []


@pytest.mark.parametrize(
    "text", ["台灣的晶圓代工", "公里", "群組", "峰值", "佔比與占比", "著作", "裡面", "干擾", "皇后"]
)
def test_taiwan_text_and_variant_pairs_are_not_flagged(text):
    assert simplified_chars(text) == []


@pytest.mark.parametrize(
    "text,chars", [("这里", "这里"), ("记忆体", "记忆体"), ("为了后来", "为后来"), ("内存", "内")]
)
def test_simplified_characters_are_found_with_offsets(text, chars):
    wrong = simplified_chars(text)
    assert "".join(w.char for w in wrong) == chars
    assert all(text[w.offset] == w.char for w in wrong)


def test_zh_cn_checks_mirror_it():
    assert [w.char for w in traditional_chars("台湾的晶圆代工")] == []
    assert [(w.char, w.suggestion) for w in traditional_chars("臺灣")] == [
        ("臺", "台"),
        ("灣", "湾"),
    ]
    assert traditional_chars("著名的干扰") == []


def test_the_google_traditional_translation_has_no_simplified_characters():
    """Real zh-TW machine output: a check that flags it would drown a reviewer."""
    from auditor.formats.base import detect_lang

    lines = (DATA / "astera_q1_2025_bilingual.txt").read_text(encoding="utf-8").splitlines()
    chinese = [line for line in lines if detect_lang(line) == "zh"]
    assert len(chinese) > 100
    assert [line for line in chinese if simplified_chars(line)] == []


def test_json_output_is_a_versioned_document():
    doc = json.loads(render(lint_paths([BAD]), "json"))
    assert doc["schema"] == "auditor-glossary-lint/1"
    assert doc["summary"]["errors"] == sum(p["severity"] == "error" for p in doc["problems"])
    first = doc["problems"][0]
    assert set(first) == {"code", "severity", "title", "path", "line", "column", "message"}


def test_github_output_is_one_annotation_per_problem():
    result = lint_paths([BAD])
    lines = render(result, "github").splitlines()
    annotations = [line for line in lines if line.startswith("::")]
    assert len(annotations) == len(result.problems)
    assert any(a.startswith(f"::error file={BAD},line=6,title=GL009 ") for a in annotations)
    assert all("\n" not in a for a in annotations)


def test_sarif_output_is_valid_sarif_with_rules_results_and_regions():
    import jsonschema

    result = lint_paths([BAD, BAD_TBX])
    sarif = json.loads(render(result, "sarif"))
    schema_path = (
        Path(__file__).parents[2] / "auditor" / "report" / "schema" / "sarif-schema-2.1.0.json"
    )
    jsonschema.Draft7Validator(json.loads(schema_path.read_text(encoding="utf-8"))).validate(sarif)
    assert sarif["version"] == "2.1.0"
    run = sarif["runs"][0]
    rules = [r["id"] for r in run["tool"]["driver"]["rules"]]
    assert rules == list(CODES)
    assert len(run["results"]) == len(result.problems)
    for res in run["results"]:
        assert rules[res["ruleIndex"]] == res["ruleId"]
        assert res["level"] in ("error", "warning")
        region = res["locations"][0]["physicalLocation"].get("region")
        assert region is None or region["startLine"] >= 1


def test_text_output_ends_with_a_summary():
    text = render(lint_paths([BAD]), "text")
    assert text.splitlines()[-1].endswith("warning(s)")
    assert f"{BAD}:6: GL009 error:" in text


def test_a_clean_file_has_no_problems(tmp_path):
    path = tmp_path / "clean.tsv"
    path.write_text(
        "en\tzh_tw\tzh_cn\tforbidden\tdnt\tcase_sensitive\tcategory\tnote\n"
        "wafer\t晶圓\t晶圆\t\t\t\tmanufacturing\t\n"
        "Taurus\t\t\t金牛座\tyes\tyes\tproduct\tAstera Labs smart cable modules\n",
        encoding="utf-8",
    )
    result = lint_paths([str(path)])
    assert result.problems == () and result.concepts == 2
    assert render(result, "text").strip().endswith("no problems")
    assert read_glossary(str(path)).problems == ()
