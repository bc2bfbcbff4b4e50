"""Readers: each format gives the right pairs, with the lines they came from."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from auditor.formats import ReaderOptions, read_document, read_parallel
from auditor.model import InputError

DATA = Path(__file__).parents[2] / "data" / "formats"


def texts(doc):
    return [(s.text if s else None, t.text if t else None) for s, t in doc.pairs]


def lines(doc):
    return [
        ((s.loc.first, s.loc.last) if s else None, (t.loc.first, t.loc.last) if t else None)
        for s, t in doc.pairs
    ]


def write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> str:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return str(path)


# --- TSV / CSV ------------------------------------------------------------------------


def test_tsv_picks_en_zh_columns_by_name_in_any_order(tmp_path):
    path = write(
        tmp_path,
        "a.tsv",
        "id\tzh\tnote\ten\n"
        "1\t營收為 1.594 億美元。\tok\tRevenue was $159.4 million.\n"
        "\n"
        "2\t\t\tOperator\n",
    )
    doc = read_document(path)
    assert doc.kind == "pairs" and doc.format == "tsv"
    assert texts(doc) == [
        ("Revenue was $159.4 million.", "營收為 1.594 億美元。"),
        ("Operator", None),
    ]
    assert lines(doc) == [((2, 2), (2, 2)), ((4, 4), None)]
    assert all(s.loc.path == path for s, _ in doc.pairs)


def test_tsv_named_columns_override_defaults(tmp_path):
    path = write(tmp_path, "a.tsv", "en\tzh\tzh_cn\nGross margin\t毛利率\t毛利率(简)\n")
    doc = read_document(path, options=ReaderOptions(target_col="ZH_CN"))
    assert texts(doc) == [("Gross margin", "毛利率(简)")]


def test_tsv_without_language_names_takes_first_two_columns(tmp_path):
    path = write(tmp_path, "a.tsv", "text\ttranslated\tcomment\nRevenue grew.\t營收成長。\tfine\n")
    assert texts(read_document(path)) == [("Revenue grew.", "營收成長。")]


def test_tsv_first_row_with_chinese_is_data_not_header(tmp_path):
    path = write(tmp_path, "a.tsv", "Revenue grew 13%.\t營收成長 13%。\nThank you.\t謝謝。\n")
    doc = read_document(path)
    assert texts(doc) == [("Revenue grew 13%.", "營收成長 13%。"), ("Thank you.", "謝謝。")]
    assert lines(doc)[0] == ((1, 1), (1, 1))


def test_tsv_unescapes_backslash_sequences_and_spreadsheet_quotes(tmp_path):
    path = write(
        tmp_path,
        "a.tsv",
        'en\tzh\nLine one\\nline two\\tcol \\\\ end\t第一行\\n第二行\n"He said ""yes"""\t他說「是」\n',
    )
    assert texts(read_document(path)) == [
        ("Line one\nline two\tcol \\ end", "第一行\n第二行"),
        ('He said "yes"', "他說「是」"),
    ]


def test_tsv_unknown_column_names_the_header(tmp_path):
    path = write(tmp_path, "a.tsv", "en\tzh\nA\t甲\n")
    with pytest.raises(InputError) as err:
        read_document(path, options=ReaderOptions(source_col="english"))
    assert (
        err.value.line == 1
        and "'english'" in err.value.message
        and "'en', 'zh'" in err.value.message
    )


def test_csv_quoted_field_spanning_lines_keeps_its_line_range(tmp_path):
    path = write(
        tmp_path,
        "a.csv",
        'en,zh\n"Revenue, up 13%,\nwas $159.4 million.","營收成長 13%,\n達 1.594 億美元。"\nThank you.,謝謝。\n',
    )
    doc = read_document(path)
    assert doc.format == "csv"
    assert texts(doc) == [
        ("Revenue, up 13%,\nwas $159.4 million.", "營收成長 13%,\n達 1.594 億美元。"),
        ("Thank you.", "謝謝。"),
    ]
    assert lines(doc) == [((2, 4), (2, 4)), ((5, 5), (5, 5))]


def test_csv_unterminated_quote_names_the_row(tmp_path):
    path = write(tmp_path, "a.csv", 'en,zh\nA,甲\n"Revenue grew,營收\n')
    with pytest.raises(InputError) as err:
        read_document(path)
    assert err.value.line == 3 and "CSV" in err.value.message


# --- JSONL ----------------------------------------------------------------------------


def test_jsonl_accepts_source_target_and_en_zh_keys_and_nulls(tmp_path):
    path = write(
        tmp_path,
        "a.jsonl",
        '{"source": "Revenue grew.", "target": "營收成長。", "score": 0.9}\n'
        "\n"
        '{"en": "Operator", "zh": null}\n'
        '{"en": "", "zh": "使用警語:僅供參考"}\n',
    )
    doc = read_document(path)
    assert texts(doc) == [
        ("Revenue grew.", "營收成長。"),
        ("Operator", None),
        (None, "使用警語:僅供參考"),
    ]
    assert lines(doc) == [((1, 1), (1, 1)), ((3, 3), None), (None, (4, 4))]


def test_jsonl_rejects_non_string_values_with_the_line(tmp_path):
    path = write(tmp_path, "a.jsonl", '{"en": "A", "zh": "甲"}\n{"en": 159.4, "zh": "乙"}\n')
    with pytest.raises(InputError) as err:
        read_document(path)
    assert err.value.line == 2 and "'en'" in err.value.message


def test_jsonl_array_gets_a_hint(tmp_path):
    path = write(tmp_path, "a.jsonl", '[{"en": "A", "zh": "甲"}]\n')
    with pytest.raises(InputError) as err:
        read_document(path)
    assert "JSON object" in err.value.message


# --- TMX ------------------------------------------------------------------------------


def test_tmx_sides_by_language_any_case_and_inline_codes_dropped():
    doc = read_document(str(DATA / "inline_tags.tmx"))
    assert doc.format == "tmx"
    assert texts(doc) == [
        ("Revenue was $159.4 million, up 13%.", "營收為 1.594 億美元,成長 13%。"),
        ("PCIe 6 retimers & Taurus modules", "PCIe 6 重定時器與 Taurus 模組"),
        ("Operator", None),
    ]
    # The line of each <seg> element; the German-only unit is not a pair.
    assert lines(doc) == [((10, 10), (14, 14)), ((19, 19), (20, 20)), ((23, 23), None)]


def test_tmx_without_english_or_chinese_lists_the_languages(tmp_path):
    path = write(
        tmp_path,
        "a.tmx",
        '<tmx version="1.4"><header/><body><tu><tuv xml:lang="fr"><seg>Bonjour</seg></tuv>'
        '<tuv xml:lang="de"><seg>Hallo</seg></tuv></tu></body></tmx>',
    )
    with pytest.raises(InputError) as err:
        read_document(path)
    assert "de, fr" in err.value.message


def test_tmx_in_a_declared_legacy_encoding(tmp_path):
    text = (
        '<?xml version="1.0" encoding="Big5"?>\n<tmx version="1.4"><header/><body><tu>'
        '<tuv xml:lang="en"><seg>Thank you.</seg></tuv><tuv xml:lang="zh-TW"><seg>謝謝。</seg></tuv>'
        "</tu></body></tmx>\n"
    )
    path = write(tmp_path, "a.tmx", text, encoding="big5")
    assert texts(read_document(path)) == [("Thank you.", "謝謝。")]


# --- XLIFF ----------------------------------------------------------------------------


def test_xliff12_inline_tags_alt_trans_and_missing_targets():
    doc = read_document(str(DATA / "inline_tags_12.xlf"))
    assert doc.format == "xliff"
    assert texts(doc) == [
        ("Revenue was $159.4 million, up 13%.", "營收為 1.594 億美元,成長 13%。"),
        ("PCIe 6 and CXL", "PCIe 6 和 CXL"),
        ("We expect revenue to grow.", None),  # pretty-printed line break folded
        ("Thank you.", None),  # empty <target/>
    ]
    assert lines(doc) == [
        ((7, 7), (8, 8)),
        ((16, 16), (17, 17)),
        ((20, 21), None),
        ((24, 24), None),
    ]


def test_xliff20_segments_inline_codes_and_code_points():
    doc = read_document(str(DATA / "inline_tags_20.xlf"))
    assert texts(doc) == [
        ("Revenue was $159.4 million.", "营收为 1.594 亿美元。"),
        ("Gross margin was 74.9% on a GAAP basis.", "按 GAAP 计算,毛利率为 74.9%。"),
        ("Bell\x07 UALink 1.0", "铃\x07 UALink 1.0"),
        ("Not yet translated.", None),
    ]
    assert lines(doc)[:2] == [((10, 10), (11, 11)), ((18, 18), (19, 19))]


def test_xliff_from_chinese_is_refused(tmp_path):
    path = write(
        tmp_path,
        "a.xlf",
        '<xliff version="1.2"><file source-language="zh-TW" target-language="en" original="x" '
        'datatype="plaintext"><body><trans-unit id="1"><source>謝謝</source><target>Thanks</target>'
        "</trans-unit></body></file></xliff>",
    )
    with pytest.raises(InputError) as err:
        read_document(path)
    assert "zh-TW" in err.value.message and err.value.line == 1


def test_xliff_with_prefixed_namespace(tmp_path):
    path = write(
        tmp_path,
        "a.xlf",
        '<x:xliff xmlns:x="urn:oasis:names:tc:xliff:document:1.2" version="1.2"><x:file original="a" '
        'source-language="en" target-language="zh" datatype="plaintext"><x:body><x:trans-unit id="1">'
        "<x:source>Thanks</x:source><x:target>謝謝</x:target></x:trans-unit></x:body></x:file></x:xliff>",
    )
    assert texts(read_document(path)) == [("Thanks", "謝謝")]


# --- encodings and line ends, across formats ------------------------------------------

SAMPLES = {
    "a.txt": "Revenue grew 13%.\n營收成長 13%。\nThank you.\n謝謝。\n",
    "a.tsv": "en\tzh\nRevenue grew 13%.\t營收成長 13%。\nThank you.\t謝謝。\n",
    "a.csv": "en,zh\nRevenue grew 13%.,營收成長 13%。\nThank you.,謝謝。\n",
    "a.jsonl": '{"en": "Revenue grew 13%.", "zh": "營收成長 13%。"}\n{"en": "Thank you.", "zh": "謝謝。"}\n',
    "a.tmx": '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header/><body>\n'
    '<tu><tuv xml:lang="en"><seg>Revenue grew 13%.</seg></tuv>\n<tuv xml:lang="zh"><seg>營收成長 13%。</seg></tuv></tu>\n'
    '<tu><tuv xml:lang="en"><seg>Thank you.</seg></tuv>\n<tuv xml:lang="zh"><seg>謝謝。</seg></tuv></tu>\n'
    "</body></tmx>\n",
}
ENCODINGS = {
    "utf-8": b"",
    "utf-8-sig": b"",
    "utf-16-le": codecs.BOM_UTF16_LE,
    "utf-16-be": codecs.BOM_UTF16_BE,
}


@pytest.mark.parametrize("name", sorted(SAMPLES))
@pytest.mark.parametrize("encoding", sorted(ENCODINGS))
@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_every_format_reads_every_encoding_and_line_end(tmp_path, name, encoding, newline):
    text = SAMPLES[name].replace("\n", newline)
    path = tmp_path / name
    path.write_bytes(ENCODINGS[encoding] + text.encode(encoding))
    doc = read_document(str(path))
    if doc.kind == "interleaved":
        got = [(line.text, line.loc.first) for line in doc.lines]
        assert got == [
            ("Revenue grew 13%.", 1),
            ("營收成長 13%。", 2),
            ("Thank you.", 3),
            ("謝謝。", 4),
        ]
    else:
        assert texts(doc) == [("Revenue grew 13%.", "營收成長 13%。"), ("Thank you.", "謝謝。")]
        first_lines = [s.loc.first for s, _ in doc.pairs]
        assert first_lines == (
            [3, 5] if name == "a.tmx" else [2, 3] if name != "a.jsonl" else [1, 2]
        )


def test_parallel_files_with_different_line_counts_keep_their_own_paths(tmp_path):
    en = write(tmp_path, "en.txt", "Revenue grew 13%.\r\n\r\nThank you.\r\nOperator\r\n")
    zh = write(tmp_path, "zh.txt", "營收成長 13%。\n謝謝。\n", encoding="utf-8-sig")
    doc = read_parallel(en, zh)
    assert [(line.text, line.loc.path, line.loc.first) for line in doc.source_lines] == [
        ("Revenue grew 13%.", en, 1),
        ("Thank you.", en, 3),
        ("Operator", en, 4),
    ]
    assert [(line.text, line.loc.path, line.loc.first) for line in doc.target_lines] == [
        ("營收成長 13%。", zh, 1),
        ("謝謝。", zh, 2),
    ]


@pytest.mark.parametrize(
    "module_name, sample",
    [
        ("tmx", "astera_q1_2025.tmx"),
        ("xliff", "astera_q1_2025.xlf"),
        ("xliff", "astera_q1_2025.v2.xlf"),
    ],
)
def test_xml_pairs_stream_chunk_by_chunk_like_the_whole_read(monkeypatch, module_name, sample):
    """Parsed in 512-byte chunks (so characters and tags are cut across chunks), the
    streamed pairs are the whole document's, and the first come before the file ends."""
    import importlib

    from auditor.formats import xmlsafe

    module = importlib.import_module(f"auditor.formats.{module_name}")
    path = str(Path(__file__).parents[3] / "samples" / sample)
    whole = read_document(path, module_name)
    monkeypatch.setattr(xmlsafe, "CHUNK_BYTES", 512)
    chunks = []
    original = xmlsafe.feed_xml

    def counting(p, handler):
        for step in original(p, handler):
            chunks.append(len(chunks))
            yield step

    monkeypatch.setattr(xmlsafe, "feed_xml", counting)
    streamed = module.iter_pairs(path)
    first = next(streamed)
    assert len(chunks) < 10  # the first pair came after a few chunks, not the whole file
    rest = [first, *streamed]
    assert len(chunks) > 100
    sides = [(s[0] if s else None, t[0] if t else None) for s, t in rest]
    assert [(e.text if e else None, z.text if z else None) for e, z in whole.pairs] == [
        (s.strip() if s and s.strip() else None, t.strip() if t and t.strip() else None)
        for s, t in sides
        if (s and s.strip()) or (t and t.strip())
    ]


def test_streamed_tmx_names_the_line_of_an_error_after_good_pairs(tmp_path):
    from auditor.formats import tmx

    units = "".join(
        f'<tu><tuv xml:lang="en"><seg>Line {k}</seg></tuv><tuv xml:lang="zh"><seg>第 {k} 行</seg></tuv></tu>\n'
        for k in range(3000)
    )
    path = tmp_path / "cut.tmx"
    path.write_text(
        f'<tmx version="1.4"><header/><body>\n{units}<tu><tuv xml:lang="en"><seg>x</tuv></tu>\n',
        encoding="utf-8",
    )
    pairs = tmx.iter_pairs(str(path))
    assert next(pairs)[0][0] == "Line 0"
    with pytest.raises(InputError) as err:
        list(pairs)
    assert err.value.line == 3002 and "mismatched tag" in err.value.message
