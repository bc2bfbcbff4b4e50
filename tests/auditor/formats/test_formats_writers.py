"""Pair writers: what is written reads back through the matching reader unchanged."""

from __future__ import annotations

import io
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from auditor.formats import read_document
from auditor.formats.writers import PAIR_EXTENSIONS, PAIR_FORMATS, write_pairs, write_segments
from auditor.model import Loc, Segment

TRICKY = [
    ("Revenue was $159.4 million, up 13% (R&D <5%>).", "營收為 1.594 億美元,成長 13%(研發 <5%>)。"),
    (
        "Tab\there, new line\nthen a backslash \\ and \\n literally",
        "製表\t符號,換行\n以及反斜線 \\ 與 \\n",
    ),
    ("Quotes \"double\" and 'single', ]]> and --> too", '引號「雙」與 "半形",]]> 與 -->'),
    ("Windows line\r\nend and an old Mac\rone", "視窗換行\r\n與舊式\r換行"),
    ("Operator", None),
    ('"quoted whole"', '""'),
    (None, "使用警語:中文譯文來源為 Google 翻譯,僅供參考"),
    ("200 gig per lane  (two spaces)", "每通道 200 GB  (兩個空格)"),
]


def round_trip(tmp_path, pairs, fmt, **kwargs):
    path = tmp_path / f"pairs{'2' if fmt == 'xliff2' else ''}{PAIR_EXTENSIONS[fmt]}"
    with path.open("w", encoding="utf-8", newline="") as fh:
        count = write_pairs(pairs, fh, fmt, **kwargs)
    assert count == len(pairs)
    doc = read_document(str(path))
    return [(s.text if s else None, t.text if t else None) for s, t in doc.pairs]


@pytest.mark.parametrize("fmt", PAIR_FORMATS)
def test_round_trip_keeps_special_characters_and_unaligned_sides(tmp_path, fmt):
    assert round_trip(tmp_path, TRICKY, fmt) == TRICKY


def test_tsv_escapes_tabs_and_newlines_so_each_pair_is_one_line():
    out = io.StringIO()
    write_pairs(TRICKY, out, "tsv")
    rows = out.getvalue().split("\n")
    assert rows[0] == "en\tzh"
    assert len(rows) == len(TRICKY) + 2  # header, one line per pair, final newline
    assert all(row.count("\t") == 1 for row in rows[:-1])
    assert rows[2].startswith("Tab\\there, new line\\nthen a backslash \\\\ and \\\\n literally\t")


def test_xml_writers_escape_markup_and_drop_nothing_but_invalid_characters(tmp_path):
    pairs = [("Bell\x07 and AT&T <tags>", "鈴\x07 與 AT&T <標籤>")]
    assert round_trip(tmp_path, pairs, "tmx") == [("Bell and AT&T <tags>", "鈴 與 AT&T <標籤>")]
    assert round_trip(tmp_path, pairs, "xliff") == [("Bell and AT&T <tags>", "鈴 與 AT&T <標籤>")]
    # XLIFF 2 can carry a character XML forbids, as <cp hex="0007"/>.
    assert round_trip(tmp_path, pairs, "xliff2") == pairs


def test_xliff12_output_has_the_required_structure():
    out = io.StringIO()
    write_pairs(
        [("Thanks", "謝謝")],
        out,
        "xliff",
        extras=[{"id": "s1", "state": "final", "note": "ok"}],
        target_lang="zh-CN",
        original="call.txt",
    )
    text = out.getvalue()
    assert '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">' in text
    assert (
        'original="call.txt" source-language="en" target-language="zh-CN" datatype="plaintext"'
        in text
    )
    assert '<trans-unit id="s1">' in text and '<target state="final">謝謝</target>' in text
    assert "<note>ok</note>" in text


def test_tmx_header_and_properties():
    out = io.StringIO()
    write_pairs(
        [("Thanks", "謝謝")], out, "tmx", extras=[{"id": "s7", "align_type": "1-1", "score": 0.98}]
    )
    text = out.getvalue()
    for attribute in (
        "creationtool=",
        "creationtoolversion=",
        'segtype="sentence"',
        "o-tmf=",
        'adminlang="en"',
        'srclang="en"',
        'datatype="plaintext"',
    ):
        assert attribute in text
    assert '<tu tuid="s7">' in text and '<prop type="x-align_type">1-1</prop>' in text
    assert '<tuv xml:lang="zh-TW"><seg>謝謝</seg></tuv>' in text


def test_jsonl_segments_carry_alignment_type_score_and_lines():
    segments = [
        Segment(
            "s0001",
            "Revenue grew.",
            "營收成長。",
            Loc("a.txt", 3, 3),
            Loc("a.txt", 4, 4),
            "1-1",
            0.98765,
        ),
        Segment("s0002", "Operator", None, Loc("a.txt", 5, 5), None, "1-0", 0.9),
    ]
    out = io.StringIO()
    assert write_segments(segments, out, "jsonl") == 2
    records = [json.loads(line) for line in out.getvalue().splitlines()]
    assert records[0] == {
        "source": "Revenue grew.",
        "target": "營收成長。",
        "id": "s0001",
        "align_type": "1-1",
        "score": 0.9877,
        "source_lines": [3, 3],
        "target_lines": [4, 4],
    }
    assert records[1]["target"] is None and records[1]["target_lines"] is None


def test_jsonl_escapes_unicode_line_separators():
    out = io.StringIO()
    write_pairs([("a\u2028b", "甲\u2029乙")], out, "jsonl")
    assert out.getvalue().count("\n") == 1 and "\u2028" not in out.getvalue()
    assert json.loads(out.getvalue())["source"] == "a\u2028b"


def test_unknown_format_and_mismatched_extras_are_errors():
    with pytest.raises(ValueError):
        write_pairs([("a", "甲")], io.StringIO(), "docx")
    with pytest.raises(ValueError):
        write_pairs([("a", "甲"), ("b", "乙")], io.StringIO(), "tsv", extras=[{}])


# Text a pair side can hold: no XML-forbidden characters, no outer whitespace (readers
# strip it, like every line they read), not blank.
side_text = (
    st.text(
        alphabet=st.characters(
            blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufffe\uffff"
        )
        | st.sampled_from("\t\n\\&<>\"'萬億兆"),
        min_size=1,
        max_size=40,
    )
    .map(str.strip)
    .filter(bool)
)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    pairs=st.lists(st.tuples(side_text, st.one_of(st.none(), side_text)), min_size=1, max_size=5)
)
@pytest.mark.parametrize("fmt", PAIR_FORMATS)
def test_round_trip_property(tmp_path, fmt, pairs):
    assert round_trip(tmp_path, pairs, fmt) == pairs
