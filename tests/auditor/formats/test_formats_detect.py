"""Format detection: content where it is unambiguous, then extension, then interleaved."""

from __future__ import annotations

from pathlib import Path

import pytest

from auditor.formats import guess_format, read_document
from auditor.model import InputError

TMX = '<?xml version="1.0"?>\n<!-- exported -->\n<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n<tmx version="1.4"><header/><body><tu><tuv xml:lang="en"><seg>Hi</seg></tuv><tuv xml:lang="zh"><seg>你好</seg></tuv></tu></body></tmx>\n'
XLIFF = '<?xml version="1.0"?>\n<xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0" srcLang="en" trgLang="zh"><file id="f"><unit id="u"><segment><source>Hi</source><target>你好</target></segment></unit></file></xliff>\n'
TSV = "en\tzh\nRevenue grew, again.\t營收再次成長。\nThank you.\t謝謝。\n"
CSV = "source,target\nRevenue grew.,營收成長。\n"
JSONL = '{"en": "Hi", "zh": "你好"}\n'
INTERLEAVED = "Revenue grew, again, and again.\n營收一再成長。\n"


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("memory.xml", TMX, "tmx"),
        ("memory.xml", XLIFF, "xliff"),
        ("memory.tmx", XLIFF, "xliff"),  # content beats a wrong extension
        ("export.txt", TSV, "tsv"),  # a spreadsheet export saved as .txt
        ("export.txt", CSV, "csv"),  # a header that names the languages
        ("pairs.json", JSONL, "jsonl"),
        ("pairs.txt", JSONL, "jsonl"),
        ("call.txt", INTERLEAVED, "interleaved"),
        ("call", INTERLEAVED, "interleaved"),
        ("pairs.csv", CSV, "csv"),
        ("pairs.tsv", TSV, "tsv"),
    ],
)
def test_detects_format_from_content_and_extension(tmp_path, name, content, expected):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    assert guess_format(str(path)) == expected
    assert read_document(str(path)).format == expected


def test_english_prose_with_commas_is_not_mistaken_for_csv(tmp_path):
    path = tmp_path / "call.txt"
    path.write_text(
        "Thank you, Amy, and welcome, everyone.\n謝謝你,艾米,歡迎大家。\n", encoding="utf-8"
    )
    assert guess_format(str(path)) == "interleaved"


def test_detection_sees_through_a_utf16_bom(tmp_path):
    path = tmp_path / "memory.xml"
    path.write_bytes(TMX.replace('"1.0"?>', '"1.0" encoding="UTF-16"?>', 1).encode("utf-16"))
    assert guess_format(str(path)) == "tmx"
    assert read_document(str(path)).pairs[0][1].text == "你好"


def test_input_format_overrides_detection(tmp_path):
    path = tmp_path / "pairs.txt"
    path.write_text("a;b\tc\nRevenue\t營收\n", encoding="utf-8")
    doc = read_document(str(path), input_format="tsv")
    assert [(s.text, t.text) for s, t in doc.pairs] == [("Revenue", "營收")]


def test_xml_that_is_neither_tmx_nor_xliff_is_named():
    path = Path(__file__).parents[2] / "data" / "formats" / "not_tmx.xml"
    with pytest.raises(InputError) as err:
        guess_format(str(path))
    assert "<html>" in err.value.message


def test_missing_file_is_an_input_error(tmp_path):
    with pytest.raises(InputError) as err:
        read_document(str(tmp_path / "nope.tsv"))
    assert "no such file" in err.value.message


def test_every_declared_format_is_consistent_and_finds_its_own_samples():
    """The registry is the one list: no extension claimed twice, a partitioned format
    reads pairs, and each shipped sample is recognised as the format it is written in."""
    from auditor.formats.registry import formats

    claimed = [ext for fmt in formats() for ext in fmt.extensions]
    assert len(claimed) == len(set(claimed))
    for fmt in formats():
        assert (fmt.pairs is None) != (fmt.lines is None), fmt.name
        assert fmt.partitions is None or fmt.pairs is not None, fmt.name
        assert fmt.kind == "pairs" or fmt.pairs is None, fmt.name
    samples = Path(__file__).parents[3] / "samples"
    found = {p.name: guess_format(str(p)) for p in samples.glob("astera_q1_2025*")}
    assert found["astera_q1_2025.tsv"] == "tsv" and found["astera_q1_2025.csv"] == "csv"
    assert found["astera_q1_2025.jsonl"] == "jsonl" and found["astera_q1_2025.tmx"] == "tmx"
    assert found["astera_q1_2025.v2.xlf"] == "xliff"
    assert found["astera_q1_2025_bilingual.txt"] == "interleaved"
