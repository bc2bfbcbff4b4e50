"""Glossary readers and writers: TSV, CSV, TBX-Basic, and layering of several glossaries."""

from __future__ import annotations

import codecs
import io
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import glossary
from glossary import DEFAULT_TERMBASE, GlossaryError, default_termbase_file, load_termbase
from glossary.formats import dedupe, load_glossary, parse_glossary, read_glossary, write_glossary
from glossary.model import Concept, Termbase

HEADER = "en\tvariants\tzh_tw\tzh_cn\tforbidden\tdnt\tcase_sensitive\tcategory\tnote\n"


def _bare(concepts):
    """Concepts without where they were read from (that differs between formats)."""
    return tuple(replace(c, source="", line=0) for c in concepts)


def _write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def _roundtrip(concepts, fmt: str):
    out = io.StringIO()
    write_glossary(concepts, out, fmt)
    return parse_glossary(out.getvalue().encode("utf-8"), f"x.{fmt}", fmt)


SAMPLE = (
    Concept(
        "retimer",
        ("retimers", "re-timer"),
        ("重定時器",),
        ("重定时器",),
        ("計時器", "定時器"),
        category="device",
        note='signal conditioning <chip> & "quotes", 100%',
    ),
    Concept("PCIe", ("PCI Express",), dnt=True, case_sensitive=True, category="standard"),
    Concept(
        "gearbox",
        (),
        ("變速器", "齒輪箱轉換器"),
        ("变速器",),
        ("變速箱",),
        category="device",
        note="a PCIe gearbox converts lane rates; never a car's gearbox",
    ),
    Concept(
        "color", forbidden=("顏色", "色彩"), note="an analyst asking for more color wants detail"
    ),
)


def test_tsv_reads_columns_in_any_order_with_alternatives_comments_and_line_numbers(tmp_path):
    path = _write(
        tmp_path,
        "g.tsv",
        (
            "# project glossary\n"
            "\n"
            "note\tdnt\ten\tzh_tw\tforbidden\tzh_cn\tcase_sensitive\tcategory\n"
            "a car's gearbox is wrong\t\tgearbox\t變速器|齒輪箱轉換器\t變速箱\t变速器\t\tdevice\n"
            "# a comment between rows\n"
            "\tyes\tTaurus\t\t金牛座\t\tyes\tproduct\n"
        ),
    )
    file = read_glossary(path)
    assert file.problems == ()
    gearbox, taurus = file.concepts
    assert gearbox.zh_tw == ("變速器", "齒輪箱轉換器") and gearbox.forbidden == ("變速箱",)
    assert gearbox.zh_cn == ("变速器",) and gearbox.note == "a car's gearbox is wrong"
    assert (gearbox.line, taurus.line) == (4, 6)
    assert taurus.dnt and taurus.case_sensitive and taurus.source == path


def test_extra_english_forms_in_the_en_cell_become_variants(tmp_path):
    path = _write(tmp_path, "g.tsv", HEADER + "switch|switches\tswitch chip\t交換器\t\t\t\t\t\t\n")
    (concept,) = read_glossary(path).concepts
    assert concept.en == "switch" and concept.variants == ("switches", "switch chip")


@pytest.mark.parametrize(
    "encoding,bom", [("utf-8", codecs.BOM_UTF8), ("utf-16-le", codecs.BOM_UTF16_LE)]
)
def test_spreadsheet_encodings_and_crlf_load(tmp_path, encoding, bom):
    text = HEADER.replace("\n", "\r\n") + "wafer\t\t晶圓\t晶圆\t\t\t\tmanufacturing\t\r\n"
    path = tmp_path / "g.tsv"
    path.write_bytes(bom + text.encode(encoding))
    (concept,) = read_glossary(str(path)).concepts
    assert (concept.en, concept.zh_tw, concept.zh_cn, concept.line) == (
        "wafer",
        ("晶圓",),
        ("晶圆",),
        2,
    )


@pytest.mark.parametrize("fmt", ["tsv", "csv", "tbx"])
def test_write_then_read_gives_back_the_same_concepts(fmt):
    file = _roundtrip(SAMPLE, fmt)
    assert file.problems == ()
    assert _bare(file.concepts) == SAMPLE


def test_tbx_export_then_import_gives_the_same_termbase(tmp_path):
    termbase = Termbase(SAMPLE, ("project.tsv",))
    path = tmp_path / "exported.tbx"
    with open(path, "w", encoding="utf-8") as fh:
        write_glossary(termbase.concepts, fh, "tbx")
    back = load_glossary(str(path))
    assert _bare(back.concepts) == termbase.concepts
    assert back.sources == (str(path),)
    # and the TBX carries the standard's own markers other tools read
    xml = path.read_text(encoding="utf-8")
    assert 'type="TBX-Basic"' in xml and "deprecatedTerm-admn-sts" in xml
    assert '<termNote type="translationNote">no</termNote>' in xml


_term = (
    st.text(
        alphabet=st.characters(
            whitelist_categories=("Lu", "Ll", "Nd", "Lo"), whitelist_characters="-&<>'\" "
        ),
        min_size=1,
        max_size=12,
    )
    .map(lambda s: " ".join(s.split()))
    .filter(bool)
)
_terms = st.lists(_term, max_size=3, unique=True).map(tuple)


@st.composite
def _concepts(draw):
    en = draw(_term)
    variants = tuple(v for v in draw(_terms) if v != en)
    return Concept(
        en,
        variants,
        draw(_terms),
        draw(_terms),
        draw(_terms),
        draw(st.booleans()),
        draw(st.booleans()),
        draw(st.sampled_from(["", "device", "finance"])),
        draw(st.sampled_from(["", "a note, with 'quotes' & <tags>"])),
    )


@settings(max_examples=60, deadline=None)
@given(st.lists(_concepts(), max_size=6), st.sampled_from(["tsv", "csv", "tbx"]))
def test_any_termbase_survives_a_round_trip(concepts, fmt):
    concepts = dedupe(concepts)
    assert _bare(_roundtrip(concepts, fmt).concepts) == concepts


def test_tbx_v3_and_weblate_style_files_import(tmp_path):
    path = _write(
        tmp_path,
        "v3.tbx",
        """<?xml version="1.0" encoding="UTF-8"?>
<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">
  <tbxHeader><fileDesc><sourceDesc><p>test</p></sourceDesc></fileDesc></tbxHeader>
  <text><body>
    <conceptEntry id="1">
      <descrip type="subjectField">finance</descrip>
      <langSec xml:lang="en"><termSec><term>design win</term></termSec></langSec>
      <langSec xml:lang="zh-Hant">
        <termSec><term>設計導入</term><termNote type="administrativeStatus">preferred</termNote></termSec>
        <termSec><term>設計勝利</term><termNote type="administrativeStatus">forbidden</termNote></termSec>
      </langSec>
      <langSec xml:lang="zh-Hans"><termSec><term>设计导入</term></termSec></langSec>
    </conceptEntry>
  </body></text>
</tbx>
""",
    )
    (concept,) = read_glossary(path).concepts
    assert concept == Concept(
        "design win",
        (),
        ("設計導入",),
        ("设计导入",),
        ("設計勝利",),
        category="finance",
        source=path,
        line=5,
    )


def test_tbx_language_tags_are_read_by_their_subtags(tmp_path):
    def lang_set(lang, term):
        return f'<langSet xml:lang="{lang}"><tig><term>{term}</term></tig></langSet>'

    entry = "".join(
        [
            lang_set("EN-US", "server"),
            lang_set("zh_TW", "伺服器"),
            lang_set("zh-Hant-HK", "伺服器2"),
            lang_set("zh-Hans-CN", "服务器"),
            lang_set("zh-SG", "服务器2"),
            lang_set("fr", "serveur"),
        ]
    )
    path = _write(
        tmp_path,
        "tags.tbx",
        f"<martif><text><body><termEntry>{entry}</termEntry></body></text></martif>",
    )
    (concept,) = read_glossary(path).concepts
    assert (concept.en, concept.zh_tw, concept.zh_cn) == (
        "server",
        ("伺服器", "伺服器2"),
        ("服务器", "服务器2"),
    )


def test_malformed_tbx_names_file_and_line(tmp_path):
    path = _write(
        tmp_path, "bad.tbx", "<martif>\n<text><body>\n<termEntry>\n</body></text></martif>\n"
    )
    with pytest.raises(GlossaryError) as info:
        read_glossary(path)
    assert info.value.path == path and info.value.line == 4
    assert "malformed TBX" in info.value.message


def test_tbx_entity_expansion_is_refused(tmp_path):
    path = _write(
        tmp_path,
        "bomb.tbx",
        '<?xml version="1.0"?>\n<!DOCTYPE martif [<!ENTITY a "aaaaaaaaaa">'
        '<!ENTITY b "&a;&a;&a;&a;&a;">]>\n<martif><text><body>&b;</body></text></martif>\n',
    )
    with pytest.raises(GlossaryError, match="entities"):
        read_glossary(path)


def test_xml_that_is_not_tbx_is_refused(tmp_path):
    path = _write(tmp_path, "other.xml", "<tmx version='1.4'><body/></tmx>")
    with pytest.raises(GlossaryError, match="not a TBX file"):
        read_glossary(path)


def test_unknown_extension_missing_file_and_bad_bytes_are_glossary_errors(tmp_path):
    with pytest.raises(GlossaryError, match="extension"):
        read_glossary(_write(tmp_path, "g.docx", "x"))
    with pytest.raises(GlossaryError, match="no such file"):
        read_glossary(str(tmp_path / "missing.tsv"))
    bad = tmp_path / "big5.tsv"  # a Taiwanese spreadsheet saved in Big5
    bad.write_bytes((HEADER + "wafer\t\t晶圓\t\t\t\t\t\t\n").encode("big5"))
    with pytest.raises(GlossaryError) as info:
        read_glossary(str(bad))
    assert info.value.line == 2 and "UTF-8" in info.value.message


def test_a_fatal_row_problem_stops_loading_with_its_line(tmp_path):
    path = _write(tmp_path, "g.tsv", HEADER + "wafer\t\t晶圓\t\t\tsometimes\t\t\t\n")
    with pytest.raises(GlossaryError) as info:
        load_glossary(path)
    assert info.value.line == 2 and "dnt" in info.value.message


def test_later_layer_wins_concept_by_concept(tmp_path):
    shipped = _write(
        tmp_path,
        "base.tsv",
        HEADER + "ramp\t\t量產爬坡\t\t坡道\t\t\t\t\nwafer\t\t晶圓\t\t\t\t\t\t\n",
    )
    project = _write(
        tmp_path,
        "project.tsv",
        HEADER + "Ramp\t\t產能爬坡\t\t坡道\t\t\t\t\nTaurus\t\t\t\t金牛座\tyes\tyes\t\t\n",
    )
    override = _write(tmp_path, "override.tsv", HEADER + "ramp\t\t放量\t\t\t\t\t\t\n")
    termbase = load_termbase([shipped, project, override], include_default=False)
    by_key = {c.key: c for c in termbase.concepts}
    assert by_key["ramp"].zh_tw == ("放量",) and by_key["ramp"].source == override
    assert (
        by_key["wafer"].source == shipped and by_key["Taurus"].dnt
    )  # case-sensitive: keyed as written
    assert len(termbase) == 3
    assert termbase.sources == (shipped, project, override)
    reversed_order = load_termbase([override, project], include_default=False)
    assert {c.key: c for c in reversed_order.concepts}["ramp"].zh_tw == ("產能爬坡",)


def test_a_repeated_row_in_one_file_is_overridden_by_the_later_one(tmp_path):
    path = _write(tmp_path, "g.tsv", HEADER + "die\t\t晶粒\t\t\t\t\t\t\nDie\t\t裸晶\t\t\t\t\t\t\n")
    (concept,) = load_glossary(path).concepts
    assert concept.zh_tw == ("裸晶",)


def test_the_shipped_termbase_is_the_bottom_layer_named_by_its_repository_path(tmp_path):
    shipped = default_termbase_file()
    project = _write(
        tmp_path, "project.tsv", HEADER + "Taurus\t\t\t\t金牛座\tyes\tyes\tproduct\t\n"
    )
    layered = load_termbase([project])
    alone = load_termbase([project], include_default=False)
    assert alone.sources == (project,) and len(alone) == 1
    if shipped is None:  # the data file has not landed: the default layer is empty
        assert layered == Termbase(alone.concepts, (project,))
    else:
        assert layered.sources == (DEFAULT_TERMBASE, project)
        assert Path(glossary.__file__).parent.joinpath("data", "semiconductor.tsv").is_file()
        assert len(layered) == len(glossary.default_termbase()) + 1
        assert all(c.source == DEFAULT_TERMBASE for c in glossary.default_termbase().concepts)
