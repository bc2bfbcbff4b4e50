"""OMI002 and OMI003: omissions found inside a pair by aligning its sentences.

Each rule is tested on sentences written for these tests (earnings-call and datasheet
prose, translated the way machine translation does), on the sample transcript (no false
alarm on its error-free pairs, its stray fragment found), and on made omissions
(tests/omissions_synthetic.py) against the recall the issue asks for.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from auditor.align import align_document
from auditor.checks.alignment import CHECKER as ALIGNMENT
from auditor.checks.base import CheckContext
from auditor.checks.omissions import CHECKER, OMI002, OMI003
from auditor.checks.registry import all_rules
from auditor.formats import read_document
from auditor.model import Segment
from auditor.options import AuditOptions
from auditor.pipeline import load_termbase

HERE = Path(__file__).parents[2]
from omissions_synthetic import damage  # noqa: E402  (tests/support, on the path by conftest)

SAMPLE = HERE / "data" / "astera_q1_2025_bilingual.txt"
GOLD = HERE / "data" / "astera_q1_2025_gold.jsonl"


@pytest.fixture(scope="module")
def ctx():
    return CheckContext(termbase=load_termbase(AuditOptions()))


def check(en, zh, ctx=None):
    ctx = ctx if ctx is not None else CheckContext()
    return list(CHECKER.segment(Segment("s0001", en, zh, None, None), ctx))


def test_rules_are_registered_and_documented():
    rules = all_rules()
    for rule in (OMI002, OMI003):
        assert rules[rule.code] is rule
        assert rule.category == "omission" and rule.mqm == "Accuracy/Omission"
        assert rule.name and rule.what and rule.why and rule.example


def test_dropped_sentence_with_figures_is_critical_with_spans_and_confidence():
    en = (
        "Revenue for the quarter was $412.6 million, up 18% sequentially. "
        "Automotive revenue was $58 million, down 6% from the prior quarter. "
        "We expect the data center business to keep growing."
    )
    zh = "本季營收為 4.126 億美元,季增 18%。我們預計資料中心業務將持續成長。"
    [finding] = check(en, zh)
    assert finding.rule == "OMI002" and finding.severity == "critical"
    assert en[slice(*finding.source_span)] == (
        "Automotive revenue was $58 million, down 6% from the prior quarter."
    )
    assert finding.confidence is not None and finding.confidence >= 0.8
    assert "belongs after '…美元,季增 18%。'" in finding.message  # where it is missing


def test_dropped_sentence_without_figures_is_major():
    en = (
        "The device operates from a single supply. An integrated regulator generates the core "
        "voltage, eliminating the need for an external part. The I/O pins are tolerant of "
        "higher voltages."
    )
    zh = "該元件使用單一電源供電。I/O 接腳可承受較高的電壓。"
    [finding] = check(en, zh)
    assert finding.rule == "OMI002" and finding.severity == "major"
    assert en[slice(*finding.source_span)].startswith("An integrated regulator")
    assert finding.target_span is None  # nothing in the Chinese renders it


def test_trailing_clause_with_figures_is_critical_and_points_at_the_clause():
    en = (
        "We generated $96 million of free cash flow and ended the quarter with $1.2 billion "
        "in cash and short-term investments. Our board approved a new buyback."
    )
    zh = "我們產生了 9,600 萬美元的自由現金流。我們的董事會批准了新的股票回購。"
    [finding] = check(en, zh)
    assert finding.rule == "OMI002" and finding.severity == "critical"
    assert "$1.2 billion" in en[slice(*finding.source_span)]
    assert "12" in finding.message  # the lost figure, by its digits
    assert zh[slice(*finding.target_span)] == "我們產生了 9,600 萬美元的自由現金流。"


def test_several_missing_figures_of_one_sentence_make_one_omission():
    en = "Storage temperature range is -65°C to +150°C, and humidity must stay below 85%."
    zh = "儲存溫度範圍需符合規範,濕度亦須控制。"
    found = [f for f in check(en, zh) if f.rule == "OMI002"]
    assert len(found) == 1 and found[0].severity == "critical"
    assert en[slice(*found[0].source_span)] == en


def test_long_clause_lost_from_a_sentence(ctx):
    en = (
        "Next, the scale-out connectivity application. Over the past few years, we have "
        "established a robust business within scale-out topologies through our portfolio of "
        "retimers and gearboxes across PCIe and Ethernet protocols, which gives us a strong "
        "position as customers move to faster links. We are excited about this opportunity."
    )
    zh = (
        "接下來是橫向擴展連接應用。在過去幾年中,我們透過跨 PCIe 和乙太網路協定的重定時器,"
        "在橫向擴展拓撲中建立了強大的業務。我們對這個機會感到興奮。"
    )
    [finding] = check(en, zh, ctx)
    assert finding.rule == "OMI002" and finding.severity == "major"
    assert en[slice(*finding.source_span)].startswith("Over the past few years")
    assert finding.confidence is not None and 0.5 < finding.confidence <= 1.0


def test_polite_request_at_the_end_of_a_question_is_minor():
    en = (
        "Priya, can you talk about the linear-drive optics opportunity and how you see the "
        "attach rate evolving next year? A quick follow-up for Tom, please."
    )
    zh = "Priya,您能談談線性驅動光學的機會,以及您認為明年的搭載率將如何演變嗎?"
    [finding] = check(en, zh)
    assert finding.rule == "OMI002" and finding.severity == "minor"
    assert en[slice(*finding.source_span)] == "A quick follow-up for Tom, please."


def test_stray_fragment_is_omi003_with_both_spans():
    en = "These measures supplement, and do not replace, results prepared under U.S. GAAP."
    zh = "這些指標是依照美國公認會計準則編製的結果的補充,而非替代。公認會計準則。"
    [finding] = check(en, zh)
    assert finding.rule == "OMI003" and finding.severity == "minor"
    assert zh[slice(*finding.target_span)] == finding.found == "公認會計準則"
    assert en[slice(*finding.source_span)] == en
    assert finding.confidence is not None and finding.confidence >= 0.9
    # without the final full stop, too
    [finding] = check(en, zh.rstrip("。"))
    assert finding.found == "公認會計準則"


def test_stray_fragment_between_two_sentences():
    en = (
        "Thermal resistance from junction to case is 0.35 °C/W. "
        "A heat sink is recommended for ambient temperatures above 70°C."
    )
    zh = "接面至外殼的熱阻為 0.35 °C/W。散熱器。建議在環境溫度高於 70°C 時使用散熱器。"
    [finding] = check(en, zh)
    assert finding.rule == "OMI003" and finding.found == "散熱器"


@pytest.mark.parametrize(
    ("en", "zh"),
    [
        # a short sentence translated as such is no stray
        (
            "We will stay disciplined on acquisitions. Pricing. We look for tuck-ins.",
            "我們將在收購方面保持紀律。定價。我們尋找小規模併購。",
        ),
        ("Thank you. Thank you.", "謝謝你。謝謝。"),
        # two sentences merged with a comma
        (
            "Yes. So we ship into China with our retimers predominantly right now.",
            "是的,我們目前主要將重定時器運往中國。",
        ),
        # a sentence split in two
        (
            (
                "Revenue was $412.6 million, up 18% sequentially and 41% year-over-year, "
                "driven by strong demand for our optical DSPs."
            ),
            "本季營收為 4.126 億美元,季增 18%,年增 41%。這得益於對我們光學 DSP 的強勁需求。",
        ),
        # figures written in Chinese numerals
        (
            "Sales could reach mid-teens to 20% of revenue. That is our view.",
            "銷售額可能達到營收的十五到二十個百分點。這是我們的看法。",
        ),
    ],
)
def test_whole_translations_are_left_alone(en, zh, ctx):
    assert check(en, zh, ctx) == []


def test_sample_transcript_error_free_pairs_are_silent_and_stray_found(ctx):
    gold = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines()]
    error_free = {row["en"] for row in gold if not row["errors"]}
    segments = align_document(read_document(str(SAMPLE), "interleaved"), ctx.termbase)
    flagged = {}
    for segment in segments:
        found = list(CHECKER.segment(segment, ctx))
        if found:
            flagged[segment.source] = found
    assert not error_free & set(flagged)
    [stray] = [f for found in flagged.values() for f in found if f.rule == "OMI003"]
    assert stray.found == "公認會計準則"


def test_made_omissions_recall_and_false_alarms(ctx):
    """The issue's bar, over twelve seeds (0-5 tuned on, 6-11 held out): whole sentences
    found at 0.90 or better, clauses of 8 or more English words at 0.70, and no error-free
    pair flagged."""
    found = {"sentence": [0, 0], "clause>=8": [0, 0]}
    alarms = clean = 0
    for seed in range(12):
        for pair in damage(seed):
            segment = Segment("s0001", pair.en, pair.zh, None, None)
            # a pair counts as found by any omission rule (OMI001 reports a pair that is
            # short as a whole), the way the dev gold is scored
            hit = bool(check(pair.en, pair.zh, ctx)) or any(
                f.category == "omission" for f in ALIGNMENT.segment(segment, ctx)
            )
            cls = pair.length_class
            if cls is None:
                clean += pair.error_free
                alarms += hit and pair.error_free
            elif cls in found:
                found[cls][0] += hit
                found[cls][1] += 1
    assert found["sentence"][0] / found["sentence"][1] >= 0.90
    assert found["clause>=8"][0] / found["clause>=8"][1] >= 0.70
    assert alarms == 0 and clean > 300


def test_a_lost_sentence_explains_its_terms_missing_renderings(tmp_path):
    """One defect, one finding: the term inside the dropped sentence gets no TERM001 of its
    own; the same term missing from a sentence that is there still does."""
    from auditor.pipeline import audit

    path = tmp_path / "call.txt"
    path.write_text(
        "Revenue grew 12% in the quarter, led by data center customers. We also doubled our advanced "
        "packaging capacity at the Penang site, which shortens lead times for every customer. Gross "
        "margin was stable at 61%.\n"
        "本季營收成長 12%,主要由資料中心客戶帶動。毛利率穩定在 61%。\n"
        "We also doubled our advanced packaging capacity at the Penang site.\n"
        "我們也將檳城廠的封裝產能提高了一倍。\n",
        encoding="utf-8",
    )
    lost, kept = audit(str(path), AuditOptions()).results
    assert [f.rule for f in lost.findings] == ["OMI002"]
    assert "TERM001" in [f.rule for f in kept.findings]


def test_the_stray_fragment_rule_finds_its_own_documented_example():
    """OMI003's example (a written pair, not the sample's) is what the rule reports."""
    en, zh = (part.strip(" `") for part in OMI003.example.split(" / "))
    found = [f for f in check(en, zh) if f.rule == "OMI003"]
    assert [f.found for f in found] == ["財務報導準則"]
