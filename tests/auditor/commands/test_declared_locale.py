"""The locale a file declares, and one note instead of a LOC001 per segment when the
translation's script is not the locale's."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from auditor.cli import main
from auditor.formats.language import declared_locale, locale_of_tag

SAMPLES = Path(__file__).resolve().parents[3] / "samples"


@pytest.mark.parametrize(
    "tag,locale",
    [
        ("zh-CN", "zh-CN"),
        ("zh_SG", "zh-CN"),
        ("zh-Hans", "zh-CN"),
        ("zh-Hans-HK", "zh-CN"),
        ("zh-TW", "zh-TW"),
        ("zh-HK", "zh-TW"),
        ("zh-MO", "zh-TW"),
        ("zh-Hant", "zh-TW"),
        ("zh-Hant-CN", "zh-TW"),
        ("zh", None),
        ("en-US", None),
        ("ja-JP", None),
    ],
)
def test_language_tags(tag, locale):
    assert locale_of_tag(tag) == locale


def _findings(capsys, *args: str) -> tuple[int, list[dict], str]:
    code = main(["check", *args, "--format", "jsonl"])
    out, err = capsys.readouterr()
    return code, [json.loads(line) for line in out.splitlines()], err


def test_the_zh_cn_xliff_sample_without_locale_has_no_loc001(capsys):
    path = SAMPLES / "astera_q1_2025.zh-CN.xlf"
    assert declared_locale(str(path), "xliff") == "zh-CN"
    code, findings, err = _findings(capsys, str(path))
    assert code == 1  # its defects are still found
    assert [f for f in findings if f["rule"] == "LOC001"] == []
    assert sum(f["rule"] == "TERM002" for f in findings) > 50  # e.g. gearbox -> 变速箱
    assert "note" not in err
    # asked for zh-TW, the same file gets the wrong-script findings (and the note)
    _, as_tw, err = _findings(capsys, str(path), "--locale", "zh-TW")
    assert sum(f["rule"] == "LOC001" for f in as_tw) > 1000
    assert err.count("use --locale zh-CN") == 1


def _tmx(lang: str, zh: str) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header srclang="en" adminlang="en" '
        'segtype="sentence" datatype="plaintext" o-tmf="x" creationtool="t" creationtoolversion="1"/><body>\n'
        f'<tu><tuv xml:lang="en"><seg>Our revenue grew 13% this quarter.</seg></tuv>'
        f'<tuv xml:lang="{lang}"><seg>{zh}</seg></tuv></tu>\n</body></tmx>\n'
    )


def test_a_tmx_declaring_zh_cn_is_audited_as_simplified(tmp_path, capsys):
    path = tmp_path / "memory.tmx"
    path.write_text(_tmx("zh-CN", "我们的营收增长了 13%。"), encoding="utf-8")
    assert declared_locale(str(path), "tmx") == "zh-CN"
    _, findings, _ = _findings(capsys, str(path), "--select", "LOC001")
    assert findings == []
    # the same Simplified text declared zh-TW: the locale stands, the script is noted once
    path.write_text(_tmx("zh-TW", "我们的营收增长了 13%。"), encoding="utf-8")
    _, findings, err = _findings(capsys, str(path), "--select", "LOC001")
    assert [f["rule"] for f in findings] == []
    assert (
        "1 of 1 translations sampled are in Simplified script, but the locale is zh-TW (as the file declares)"
        in err
    )
    assert "use --locale zh-CN" in err and "LOC001 is left out of this run" in err


def test_an_undeclared_simplified_file_gets_one_note_not_a_finding_per_segment(tmp_path, capsys):
    path = tmp_path / "pairs.tsv"
    rows = [
        "en\tzh",
        "Revenue grew 13%.\t营收增长了 13%。",
        "Our chips ship this year.\t我们的芯片今年出货。",
        "Thank you.\t谢谢。",
    ]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    _, findings, err = _findings(capsys, str(path))
    assert [f for f in findings if f["rule"] == "LOC001"] == []
    assert err.count("note:") == 1 and "3 of 3 translations" in err and "(the default)" in err
    # a Traditional file stays silent and keeps its LOC001 on a stray Simplified word
    path.write_text(
        "en\tzh\nRevenue grew 13%.\t營收成长了 13%。\nThank you.\t謝謝。\nSee you.\t再見。\n",
        encoding="utf-8",
    )
    _, findings, err = _findings(capsys, str(path))
    assert [f["found"] for f in findings if f["rule"] == "LOC001"] == ["长"]
    assert "note" not in err


def test_xliff_2_declares_its_target_language_on_the_root():
    assert declared_locale(str(SAMPLES / "astera_q1_2025.v2.xlf"), "xliff") == "zh-TW"
    assert declared_locale(str(SAMPLES / "astera_q1_2025.tsv"), "tsv") is None
