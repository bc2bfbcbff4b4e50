"""The committed samples (scripts/make_samples.py) each read back to the gold pairs, and
`auditor check` finds the same pairs in every format."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from auditor.cli import main
from auditor.formats import read_document

ROOT = Path(__file__).parents[3]
SAMPLES = ROOT / "samples"
GOLD = ROOT / "tests" / "data" / "astera_q1_2025_gold.jsonl"
PAIR_SAMPLES = {
    "astera_q1_2025.tsv": "tsv",
    "astera_q1_2025.csv": "csv",
    "astera_q1_2025.jsonl": "jsonl",
    "astera_q1_2025.tmx": "tmx",
    "astera_q1_2025.xlf": "xliff",
    "astera_q1_2025.v2.xlf": "xliff",
}


def gold_pairs() -> list[tuple[str, str]]:
    rows = [
        json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()
    ]
    return [(row["en"], row["zh"]) for row in rows]


def test_samples_are_up_to_date(tmp_path):
    """The committed files are exactly what the script writes today."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "make_samples", ROOT / "scripts" / "make_samples.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.main(tmp_path)
    written_files = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert any(p.parent.name == "excerpt" for p in written_files)
    for written in written_files:
        name = written.relative_to(tmp_path)
        assert written.read_bytes() == (SAMPLES / name).read_bytes(), str(name)


@pytest.mark.parametrize("name", sorted(PAIR_SAMPLES))
def test_each_sample_reads_back_to_the_gold_pairs(name):
    doc = read_document(str(SAMPLES / name))
    assert doc.format == PAIR_SAMPLES[name]
    assert [(s.text, t.text) for s, t in doc.pairs] == gold_pairs()


@pytest.mark.parametrize("name", sorted(PAIR_SAMPLES))
def test_check_finds_every_pair_in_each_format(capsys, name):
    code = main(["check", str(SAMPLES / name), "--format", "json", "--select", "ALN"])
    out, err = capsys.readouterr()
    assert code in (0, 1), err
    segments = json.loads(out)["segments"]
    assert [(s["source"], s["target"]) for s in segments] == gold_pairs()
    assert all(s["align"]["type"] == "1-1" for s in segments)


def test_check_reads_the_two_file_sample(capsys):
    en, zh = SAMPLES / "astera_q1_2025.en.txt", SAMPLES / "astera_q1_2025.zh.txt"
    code = main(
        ["check", "--source", str(en), "--target", str(zh), "--format", "json", "--select", "ALN"]
    )
    out, err = capsys.readouterr()
    assert code in (0, 1), err
    report = json.loads(out)
    assert report["inputs"] == [
        {"path": str(en), "format": "parallel"},
        {"path": str(zh), "format": "parallel"},
    ]
    segments = report["segments"]
    pairs = gold_pairs()
    # Every line of both files is in the report once, with its own file and line number.
    en_lines = sorted(
        n
        for s in segments
        if s["source_loc"]
        for n in range(s["source_loc"]["lines"][0], s["source_loc"]["lines"][1] + 1)
    )
    zh_lines = sorted(
        n
        for s in segments
        if s["target_loc"]
        for n in range(s["target_loc"]["lines"][0], s["target_loc"]["lines"][1] + 1)
    )
    assert en_lines == zh_lines == list(range(1, len(pairs) + 1))
    assert {s["source_loc"]["path"] for s in segments if s["source_loc"]} == {str(en)}
    assert {s["target_loc"]["path"] for s in segments if s["target_loc"]} == {str(zh)}
    # Nearly all pairs come back one to one (the aligner's own tests measure it exactly).
    one_to_one = {(s["source"], s["target"]) for s in segments if s["align"]["type"] == "1-1"}
    assert len(one_to_one & set(pairs)) >= 0.97 * len(pairs)
