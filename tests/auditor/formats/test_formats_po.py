"""Gettext PO input (auditor/formats/po.py): the worked example of docs/formats.md's
recipe, one module and one registry line. Reading, errors, streaming, partitions read by
worker processes and by Dask equal to the file read in order, and detection."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from auditor import source
from auditor.cli import main
from auditor.formats import guess_format, iter_pairs, read_document
from auditor.formats.base import ReaderOptions
from auditor.formats.partitions import plan_partitions
from auditor.formats.registry import MODULES, format_named
from auditor.model import InputError
from auditor.options import AuditOptions
from auditor.pipeline import open_audit

SAMPLE = Path(__file__).parents[2] / "data" / "formats" / "semiconductor_zh_TW.po"


def _pairs(path: Path) -> list[tuple[str | None, str | None]]:
    document = read_document(str(path))
    return [(s.text if s else None, t.text if t else None) for s, t in document.pairs]


def test_the_format_is_one_module_and_one_registry_line():
    fmt = format_named("po")
    assert "po" in MODULES and fmt.extensions == (".po",)
    assert fmt.pairs is not None and fmt.partitions is not None


def test_reads_entries_as_pairs_skipping_header_and_obsolete_keeping_fuzzy():
    document = read_document(str(SAMPLE))
    assert document.format == "po" and document.kind == "pairs"
    pairs = _pairs(SAMPLE)
    assert len(pairs) == 11  # the header entry and the obsolete #~ entry are not pairs
    assert pairs[0] == ("PCIe 6.0 Retimer Product Brief", "PCIe 6.0 重定時器產品簡介")
    # a string continued over several lines is one text, with the lines it spans
    source_line, target_line = document.pairs[2]
    assert source_line.text == (
        "Typical power is 11 W with all lanes active, and 3.5 W in the L1 low-power state."
    )
    assert (source_line.loc.first, source_line.loc.last) == (23, 25)
    assert (target_line.loc.first, target_line.loc.last) == (26, 28)
    # the fuzzy entry is audited; both msgctxt entries are kept; a plural is msgid/msgstr[0]
    assert ("Each port moves 112 Gb/s of data.", "每個連接埠傳輸 112 GB 的資料。") in pairs
    assert ("Latency", "延遲") in pairs and (
        "Latency is below 10 ns.",
        "延遲低於 10 奈秒。",
    ) in pairs
    assert (
        "Shipments grew to 1.2 million units in the first quarter.",
        "第一季出貨量成長至 120 萬台。",
    ) in pairs
    assert ('Use the "fast" training mode for links longer than 30 cm.') in dict(pairs)
    # an empty msgstr is an untranslated line
    assert pairs[-1] == ("Samples ship in the second quarter.", None)
    assert not any("Preliminary" in (s or "") for s, _ in pairs)


def test_escapes_in_strings(tmp_path):
    path = tmp_path / "escapes.po"
    path.write_text(
        'msgid "Tab\\there, a \\"quote\\", a back\\\\slash, \\101 and \\x42."\n'
        'msgstr "定位\\t此處，\\"引號\\"，反\\\\斜線，\\101 與 \\x42。"\n',
        encoding="utf-8",
    )
    assert _pairs(path) == [
        ('Tab\there, a "quote", a back\\slash, A and B.', '定位\t此處，"引號"，反\\斜線，A 與 B。')
    ]


@pytest.mark.parametrize(
    "text, line, message",
    [
        ('msgid "Die size is 25 mm2."\n\nmsgid "x"\nmsgstr "y"\n', 1, "msgid without msgstr"),
        ('msgid "Die size"\nmsgid "x"\nmsgstr "y"\n', 2, "msgid twice in one PO entry"),
        ('msgstr "晶粒尺寸"\n', 1, "a PO entry without msgid"),
        ('msgid "Die size"\nmsgstr "晶粒\\q尺寸"\n', 2, "unknown escape \\q"),
        ('msgid "Die size\nmsgstr "晶粒尺寸"\n', 1, "one double-quoted string per line"),
        ('# comment\n"orphan string"\n', 2, "a quoted string must follow a keyword"),
        ('msgid "Die size"\nmsgstr "晶粒尺寸"\nmsgfoo "x"\n', 3, "expected a comment, msgctxt"),
        (
            'msgid "One die"\nmsgid_plural "%d dies"\nmsgstr "一顆晶粒"\n',
            1,
            "msgid without msgstr[0]",
        ),
    ],
)
def test_errors_name_the_file_and_line(tmp_path, capsys, text, line, message):
    path = tmp_path / "bad.po"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as err:
        read_document(str(path))
    assert err.value.line == line and message in err.value.message
    assert main(["check", str(path), "-q"]) == 2
    assert f"{path}:{line}: " in capsys.readouterr().err


def _catalogue(path: Path, entries: int, bad_at: int | None = None) -> Path:
    """A large catalogue: a header, then entries with numbers (every seventh one wrong),
    comments, a fuzzy flag and multi-line strings here and there."""
    parts = [
        'msgid ""\nmsgstr ""\n"Language: zh_TW\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
    ]
    for k in range(1, entries + 1):
        wafers = 1000 + k
        shown = wafers * 10 if k % 7 == 0 else wafers
        comment = "#, fuzzy\n" if k % 5 == 0 else f"#: brief.md:{k}\n"
        if k == bad_at:
            parts.append(f'{comment}msgid "Broken entry {k}."\n')
            continue
        if k % 3 == 0:
            parts.append(
                f'{comment}msgid ""\n"Fab {k} starts {wafers} wafers "\n"per month."\n'
                f'msgstr ""\n"第 {k} 座晶圓廠每月投片 "\n"{shown} 片。"\n'
            )
        else:
            parts.append(
                f'{comment}msgid "Line {k} ships {wafers} retimers a week."\n'
                f'msgstr "第 {k} 條產線每週出貨 {shown} 顆重定時器。"\n'
            )
    path.write_text("\n".join(parts), encoding="utf-8")
    return path


def test_pairs_stream_before_the_file_is_read_whole(tmp_path):
    path = _catalogue(tmp_path / "late_error.po", 3000, bad_at=2990)
    pairs = iter_pairs(str(path), "po", ReaderOptions())
    first = next(pairs)
    assert first[0] == ("Line 1 ships 1001 retimers a week.", 7, 7)  # after the header
    with pytest.raises(InputError) as err:
        list(pairs)
    assert "msgid without msgstr" in err.value.message and err.value.line > 10_000


def test_partitions_start_at_entries(tmp_path):
    path = _catalogue(tmp_path / "big.po", 400)
    parts = plan_partitions(str(path), "po", 2048)
    data = path.read_bytes()
    assert len(parts) > 10 and parts[-1].end == len(data)
    for part in parts[1:]:
        assert data[: part.start].endswith(b"\n\n")  # just past a blank line


def test_worker_processes_read_partitions_like_the_file_read_in_order(tmp_path, monkeypatch):
    """--jobs 2 reads the catalogue in partitions (several per scoring window, windows
    across partitions): the JSON report (with the pairs' scores) and CSV equal --jobs 1's."""
    monkeypatch.setattr(source, "PAIR_WINDOW", 50)
    monkeypatch.setattr(source, "PARTITION_BYTES", 4096)
    path = _catalogue(tmp_path / "big.po", 400)
    stream = open_audit(str(path), AuditOptions(jobs=2))
    assert stream.source.worker_plan is not None and len(stream.source.worker_plan[0]) > 5
    assert stream.total == 400
    outputs = {}
    for jobs in ("1", "2"):
        out = tmp_path / f"out-{jobs}"
        code = main(
            ["check", str(path), "--format", "json,csv", "--output-dir", str(out), "-q"]
            + ["--jobs", jobs]
        )
        assert code == 1
        outputs[jobs] = [(out / name).read_bytes() for name in ("report.json", "report.csv")]
    assert outputs["1"] == outputs["2"]
    segments = json.loads(outputs["1"][0])["segments"]
    flagged = [s for s in segments if any(f["rule"] == "NUM003" for f in s["findings"])]
    assert len(flagged) == 400 // 7
    assert segments[2]["source_loc"]["lines"] == [15, 17]  # a multi-line msgid


def test_dask_reads_partitions_like_the_file_read_in_order(tmp_path, monkeypatch):
    pytest.importorskip("distributed")
    from dask.distributed import Client, LocalCluster

    from auditor import pipeline
    from auditor.engine.dask_engine import DaskEngine
    from auditor.formats import partitions

    monkeypatch.setattr(source, "PAIR_WINDOW", 50)
    monkeypatch.setattr(partitions, "PARTITION_BYTES", 4096)
    path = _catalogue(tmp_path / "big.po", 300)
    expected = tmp_path / "in_order.jsonl"
    assert main(["check", str(path), "--format", "jsonl", "-o", str(expected), "-q"]) == 1
    parts = tmp_path / "parts"
    with (
        LocalCluster(
            n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None
        ) as cluster,
        Client(cluster) as client,
    ):
        monkeypatch.setattr(pipeline, "make_engine", lambda options: DaskEngine(client=client))
        argv = ["check", str(path), "--engine", "dask", "--format", "jsonl", "-q"]
        assert main([*argv, "--output-dir", str(parts)]) == 1
    written = sorted(parts.glob("part-*.jsonl"))
    assert len(written) > 5
    assert b"".join(p.read_bytes() for p in written) == expected.read_bytes()


def test_recognised_by_extension_and_by_content(tmp_path):
    assert guess_format(str(SAMPLE)) == "po"
    renamed = tmp_path / "brief.txt"  # content wins over a careless name
    renamed.write_bytes(SAMPLE.read_bytes())
    assert guess_format(str(renamed)) == "po"
    # prose that mentions msgid is not a catalogue: the extension decides
    prose = tmp_path / "notes.po"
    prose.write_text(
        "The msgid field holds the English text.\nmsgid 欄位存放英文原文。\n", encoding="utf-8"
    )
    assert guess_format(str(prose)) == "po"
    plain = tmp_path / "notes.txt"
    plain.write_bytes(prose.read_bytes())
    assert guess_format(str(plain)) == "interleaved"


def test_the_header_language_says_which_chinese(tmp_path):
    from auditor.formats.language import declared_locale

    assert declared_locale(str(SAMPLE), "po") == "zh-TW"
    simplified = tmp_path / "brief.zh_CN.po"
    simplified.write_text(
        SAMPLE.read_text(encoding="utf-8").replace("Language: zh_TW", "Language: zh_CN"),
        encoding="utf-8",
    )
    assert declared_locale(str(simplified), "po") == "zh-CN"
    bare = tmp_path / "bare.po"
    bare.write_text('msgid "Language: zh_CN"\nmsgstr "語言：zh_CN"\n', encoding="utf-8")
    assert declared_locale(str(bare), "po") is None  # only the header's line counts
