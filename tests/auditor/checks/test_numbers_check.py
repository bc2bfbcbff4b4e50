"""The NUM/UNIT/LOC rules on real sentence pairs, and the dev-gold figures they must reach."""

import json
from pathlib import Path

import pytest

from auditor.checks.base import CheckContext
from auditor.checks.locale import CHECKER as LOCALE
from auditor.checks.numbers import CHECKER
from auditor.model import Loc, Segment
from auditor.numbers import compare, extract_chinese, extract_english

DATA = Path(__file__).parents[2] / "data"
GOLD = [
    json.loads(line)
    for line in (DATA / "astera_q1_2025_gold.jsonl").read_text(encoding="utf-8").splitlines()
]


def seg(en: str, zh: str, i: int = 0) -> Segment:
    return Segment(f"s{i}", en, zh, Loc("t", 1, 1), Loc("t", 2, 2))


def rules(en: str, zh: str, locale: str = "zh-TW") -> list[str]:
    return [f.rule for f in CHECKER.segment(seg(en, zh), CheckContext(target_locale=locale))]


CORRECT = [
    (
        "Quarterly revenues of $159.4 million was up 13% from the prior quarter.",
        "季度營收為 1.594 億美元,較上一季成長 13%。",
    ),
    ("Interest income is expected to be approximately $10 million.", "預計利息收入約1000萬美元。"),
    ("revenue came in at just over $52 million", "營收略高於 5,200 萬美元"),
    (
        "I think you even said a couple of hundred dollars per accelerator.",
        "我想你甚至說過每個加速器要花幾百美元。",
    ),
    (
        "to enable 200 gig per lane connections by supporting up to 1,024 accelerators.",
        "透過支援多達 1,024 個加速器實現每通道 200 千兆的連接。",
    ),
    (
        "Q2 revenue to increase to within a range of $170 million and $175 million, up roughly 7% to 10%",
        "第二季營收將增至 1.7 億美元至 1.75 億美元之間,較上一季成長約 7% 至 10%",
    ),
    (
        "we expect X-Series to cross over P revenue by the end of '26 or would that be more of a '27 event?",
        "您是否預計 X 系列的收入有可能在 26 年底超過 P 級,還是說這更像是 27 年的事情?",
    ),
    ("a port at 100 Gb/s", "速率為 100G 的連接埠"),
    ("a port at 100 Gb/s", "速率為 100 Gb/s 的連接埠"),
    ("Revenue was $159.4 million.", "營收為 1.59 億美元。"),  # legitimate rounding
    ("the compute required is 10x higher than previously.", "所需的計算量比以前高出 10 倍。"),
    ("It's one of the most important things.", "這是最重要的事情之一。"),
    ("I have one more question.", "我還有一個問題。"),
    ("our most recent annual report on Form 10-K", "我們最近的 10-K 表年度報告"),
    ("PCIe Gen 5, the other side talks Gen 6.", "PCIe Gen 5,另一側使用第 6 代。"),
    ("Sales were $9.4 million in the December quarter.", "12 月季度的銷售額為 940 萬美元。"),
    ("fiscal '23 revenue", "23 財年營收"),
]


@pytest.mark.parametrize(("en", "zh"), CORRECT)
def test_correct_translations_pass(en, zh) -> None:
    assert compare(en, zh) == []


WRONG = [
    ("$159.4 million", "1.594 萬美元", "NUM003"),  # 萬 vs 億
    ("Quarterly revenues of $159.4 million", "季度營收為 15.94 億美元", "NUM003"),  # factor of ten
    ("R&D expenses were $45.4 million.", "研發費用為 4,550 萬美元。", "NUM003"),  # changed digit
    (
        "R&D expenses were $45.4 million and margin was 33.7%.",
        "研發費用為 4,540 萬美元。",
        "NUM001",
    ),  # dropped
    ("R&D expenses were $45.4 million.", "研發費用為 4,540 萬美元,增加 5%。", "NUM002"),  # extra
    (
        "sets us up nicely for future revenue growth even beyond '25.",
        "為我們未來甚至 25 年以後的收入成長奠定了良好的基礎。",
        "NUM004",
    ),
    ("fiscal '23 revenue", "23 年營收", "NUM004"),  # fiscal read as calendar
    ("Looking ahead to Q2", "展望第三季", "NUM004"),
    ("to enable 200 gig per lane connections", "實現每通道 200 GB 的連接", "UNIT001"),
    ("a port at 100 Gb/s", "速率為 100 GB/s 的連接埠", "UNIT001"),  # bits → bytes
    ("leveraging 400-gig switching port speeds", "利用 400 個交換埠速度", "UNIT002"),
    ("we're shipping the 50-gig solution", "我們正在交付 50 套解決方案", "UNIT002"),
    (
        "I think throughout most of last year, they were around mid-20s.",
        "我認為去年大部分時間他們的年齡都在 25 歲左右。",
        "UNIT002",
    ),
    ("Gross margin was 74.9%.", "毛利率為 74.9。", "UNIT002"),
    ("EPS was $0.33.", "每股收益為 0.33 人民幣。", "UNIT003"),
    ("EPS was $0.33.", "每股收益為 0.33 元。", "UNIT003"),
    ("a switch with 3.2 Tb/s of bandwidth", "頻寬為 3.2 Gb/s 的交換器", "UNIT004"),
    ("locked into one large component provider.", "鎖定在大型組件供應商。", "NUM001"),
    ("our most recent annual report on Form 10-K", "我們最近的年度報告", "NUM001"),
]


@pytest.mark.parametrize(("en", "zh", "rule"), WRONG)
def test_defects_are_found(en, zh, rule) -> None:
    assert rule in rules(en, zh)


def test_finding_carries_spans_expected_and_found() -> None:
    en = "Quarterly revenues of $159.4 million was up 13%."
    zh = "季度營收為 1.594 萬美元,成長 13%。"
    [f] = list(CHECKER.segment(seg(en, zh), CheckContext()))
    assert f.rule == "NUM003" and f.severity == "critical"
    assert en[slice(*f.source_span)] == "$159.4 million"
    assert zh[slice(*f.target_span)] == "1.594 萬美元"
    assert f.expected == "1.594 億美元" and f.found == "1.594 萬美元"


def test_data_rate_expected_in_target_conventions() -> None:
    [f] = list(
        CHECKER.segment(
            seg("to enable 200 gig per lane connections", "實現每通道 200 GB 的連接"),
            CheckContext(),
        )
    )
    assert f.rule == "UNIT001" and f.severity == "critical"
    assert f.expected == "200 Gb/s" and f.found == "200 GB"


def test_document_digit_grouping_and_width() -> None:
    segs = [
        seg("a", "研發費用為 4,540 萬美元", 0),
        seg("b", "費用為 1090 萬美元", 1),
        seg("c", "費用為 1,040 萬美元", 2),
        seg("d", "成長１３％,達 20%", 3),
    ]
    found = list(LOCALE.check_document(segs, CheckContext()))
    loc3 = [(i, f) for i, f in found if f.rule == "LOC003"]
    loc4 = [(i, f) for i, f in found if f.rule == "LOC004"]
    assert [i for i, _ in loc3] == [1] and loc3[0][1].expected == "1,090"
    assert [i for i, _ in loc4] == [3]
    assert not [f for f in LOCALE.check_document(segs[:1] + segs[2:3], CheckContext())]


def test_extractor_reads_the_annotators_values() -> None:
    """The gold ``numbers`` field is an oracle: every reading with a unit must be ours too."""
    units = {
        "USD",
        "percent",
        "quarter",
        "half",
        "year",
        "fiscal_year",
        "Gbps",
        "shares",
        "days",
        "times",
        "version",
    }
    missed = []
    for g in GOLD:
        qs = extract_english(g["en"])
        for n in g["numbers"]:
            if n["en_value"] is None or n["en_unit"] not in units:
                continue
            v = n["en_value"]
            ok = any(
                v in (q.value, q.lo, q.hi)
                or (q.period == "month_quarter" and -(-q.value // 3) == v)
                or (q.approx and q.lo is not None and q.hi is not None and q.lo <= v <= q.hi)
                for q in qs
                if g["en"].find(n["en"]) < q.end and q.start < g["en"].find(n["en"]) + len(n["en"])
            )
            if not ok:
                missed.append((g["id"], n["en"]))
    assert missed == []
    zh_missed = [
        (g["id"], n["zh"])
        for g in GOLD
        for n in g["numbers"]
        if n["zh_value"] is not None
        and any(c.isdigit() for c in n["zh"])
        and not any(
            n["zh_value"] in (q.value, q.lo, q.hi)
            or (q.period == "year2" and q.value == 2000 + n["zh_value"])
            for q in extract_chinese(g["zh"])
        )
    ]
    assert zh_missed == []


def test_dev_gold_pair_level_figures() -> None:
    tp = fp = fn = clean = alarms = 0
    for g in GOLD:
        want = any(e["type"] in ("number", "unit") for e in g["errors"])
        got = any(
            f.category in ("number", "unit")
            for f in CHECKER.segment(seg(g["en"], g["zh"]), CheckContext())
        )
        tp += want and got
        fp += got and not want
        fn += want and not got
        if not g["errors"]:
            clean += 1
            alarms += got
    assert tp / (tp + fn) >= 0.95
    assert tp / max(1, tp + fp) >= 0.90
    assert (clean - alarms) / clean >= 0.97


def _jsonl(name: str) -> list[dict]:
    return [
        json.loads(line)
        for line in (DATA / "numbers" / name).read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]


@pytest.mark.parametrize("pair", _jsonl("correct_pairs.jsonl"), ids=lambda p: p["en"][:40])
def test_other_correct_translations_pass(pair) -> None:
    """Typical earnings-call figures rendered correctly: no number or unit finding."""
    assert compare(pair["en"], pair["zh"]) == []


@pytest.mark.parametrize("pair", _jsonl("defect_pairs.jsonl"), ids=lambda p: p["en"][:40])
def test_other_defects_found(pair) -> None:
    assert pair["rule"] in rules(pair["en"], pair["zh"])


def test_identifier_tokens_with_digits_inside() -> None:
    assert [q.dimension for q in extract_english("under Rule 10b5-1 plans")] == ["identifier"]
    assert compare("Revenue doubled year over year.", "營收年增一倍。") == []


def test_product_version_changed_is_reported() -> None:
    assert "NUM001" in rules(
        "We are shipping Tomahawk 5 switches.", "我們正在出貨 Tomahawk 6 交換器。"
    )
    assert compare("We are shipping Tomahawk 5 switches.", "我們正在出貨 Tomahawk 5 交換器。") == []


def test_single_one_found_where_chinese_word_order_moved_it():
    """ "one new customer" -> 一家新客戶 after a fronted 本季: still the same "one"."""
    en = "We added one new hyperscaler customer this quarter."
    assert rules(en, "本季我們新增了一家新的超大規模客戶。") == []
    assert rules(en, "本季我們增加了一個新客戶。") == []
    # 一直 ("all along") is not a rendering of "one": the "one" is really missing
    assert rules(en, "本季我們一直在增加新的超大規模客戶。") == ["NUM001"]


def test_words_made_of_numerals_are_no_numbers_anywhere_in_the_text():
    """一些 / 一直 / 一起 mean "some / all along / together", wherever they stand."""
    assert extract_chinese("我們一直與一些客戶一起合作。") == []
    assert [q.value for q in extract_chinese("我們一直與一個客戶合作。")] == [1.0]
