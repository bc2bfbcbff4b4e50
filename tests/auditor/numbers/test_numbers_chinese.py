"""Chinese quantity extraction: every form of the scope, on real translated sentences."""

import pytest

from auditor.numbers import extract_chinese, normalize_width
from auditor.numbers.quantity import Quantity


def find(sentence: str, surface: str) -> Quantity:
    qs = extract_chinese(sentence)
    for q in qs:
        if q.text == surface:
            return q
    raise AssertionError(f"{surface!r} not read in {sentence!r}: {[q.text for q in qs]}")


CASES = [
    ("季度營收為 1.594 億美元,較上一季成長 13%", "1.594 億美元", 159_400_000, "money", "USD"),
    (
        "第一季的非公認會計準則營運費用為 6,560 萬美元,高於上一季。",
        "6,560 萬美元",
        65_600_000,
        "money",
        "USD",
    ),
    ("一般和行政費用為 1090 萬美元。", "1090 萬美元", 10_900_000, "money", "USD"),
    ("完全稀釋股數為 1.78 億股", "1.78 億股", 178_000_000, "count", "share"),
    ("營收達 3千萬美元", "3千萬美元", 30_000_000, "money", "USD"),
    ("營收達三千萬美元", "三千萬美元", 30_000_000, "money", "USD"),
    ("費用為 5百萬美元", "5百萬美元", 5_000_000, "money", "USD"),
    ("成長 5－10%", "5－10%", (5, 10), "percent", "%"),
    ("傳輸 10 Gb 資料", "10 Gb", 10, "data_size", "Gb"),
    ("營收 1,594万美元", "1,594万美元", 15_940_000, "money", "USD"),
    ("營收 1.594 亿美元", "1.594 亿美元", 159_400_000, "money", "USD"),
    ("市值達 2 兆美元", "2 兆美元", 2e12, "money", "USD"),
    ("每股收益為 0.33 美元", "0.33 美元", 0.33, "money", "USD"),
    ("約 100 美金", "100 美金", 100, "money", "USD"),
    ("售價 新台幣 300 元", "300 元", 300, "money", "TWD"),
    ("投資 50 億人民幣", "50 億人民幣", 5e9, "money", "CNY"),
    ("售價 300 元", "300 元", 300, "money", "YUAN"),
    ("營收成長 百分之十三", "百分之十三", 13, "percent", "%"),
    ("毛利率為 74.9%", "74.9%", 74.9, "percent", "%"),
    ("毛利率提高 3 個百分點", "3 個百分點", 3, "percent_point", "pp"),
    ("利差擴大 25 個基點", "25 個基點", 25, "basis_point", "bp"),
    ("比以前高出 10 倍", "10 倍", 10, "multiplier", "x"),
    (
        "可能會達到季度銷售額的十五到二十個百分點",
        "十五到二十個百分點",
        (15, 20),
        "percent_point",
        "pp",
    ),
    ("較上一季成長約 7% 至 10%", "7% 至 10%", (7, 10), "percent", "%"),
    (
        "營收將增至 1.7 億美元至 1.75 億美元之間",
        "1.7 億美元至 1.75 億美元",
        (1.7e8, 1.75e8),
        "money",
        "USD",
    ),
    ("營收為 1.7 至 1.75 億美元", "1.7 至 1.75 億美元", (1.7e8, 1.75e8), "money", "USD"),
    ("每股收益約為 0.32 美元到 0.33 美元", "0.32 美元到 0.33 美元", (0.32, 0.33), "money", "USD"),
    ("成長 5~10%", "5~10%", (5, 10), "percent", "%"),
    ("介於 33 與 35 億美元之間", "33 與 35 億美元", (33e8, 35e8), "money", "USD"),
    ("帶來數十億美元的額外市場機會", "數十億美元", (2e9, 9.99e9), "money", "USD"),
    ("我想你甚至說過每個加速器要花幾百美元", "幾百美元", (200, 999), "money", "USD"),
    ("機會增加到每台加速器數百美元", "數百美元", (200, 999), "money", "USD"),
    # data units
    ("實現每通道 200 千兆的連接", "200 千兆", 200, "data", "G"),
    ("每通道 200 GB", "200 GB", 200, "data_size", "GB"),
    ("速率 100 Gb/s", "100 Gb/s", 100, "data_rate", "Gb/s"),
    ("速率 100 Gbps", "100 Gbps", 100, "data_rate", "Gb/s"),
    ("PCIe 6 速率 64 GT/s", "64 GT/s", 64, "transfer_rate", "GT/s"),
    ("800-gig 乙太網路", "800-gig", 800, "data_rate", "Gb/s"),
    ("100G 光模組", "100G", 100, "data", "G"),
    ("頻寬 3.2 Tb/s", "3.2 Tb/s", 3.2, "data_rate", "Tb/s"),
    ("容量 2 TB", "2 TB", 2, "data_size", "TB"),
    ("快取 512 MB", "512 MB", 512, "data_size", "MB"),
    ("每秒 100 千兆位元", "100 千兆位元", 100, "data_rate", "Gb/s"),
    ("傳輸 100 千兆位元", "100 千兆位元", 100, "data_size", "Gb"),
    ("記憶體 80 千兆字節", "80 千兆字節", 80, "data_size", "GB"),
    ("10 吉比特", "10 吉比特", 10, "data_size", "Gb"),
    ("5 兆位元", "5 兆位元", 5, "data_size", "Mb"),
    ("8 兆字節的快取", "8 兆字節", 8, "data_size", "MB"),
    ("每秒 3.2 太比特", "3.2 太比特", 3.2, "data_rate", "Tb/s"),
    ("容量 4 TB", "4 TB", 4, "data_size", "TB"),
    # physical
    ("採用 3 奈米製程", "3 奈米", 3, "length", "nm"),
    ("採用 5 納米製程", "5 納米", 5, "length", "nm"),
    ("7nm 製程", "7nm", 7, "length", "nm"),
    ("銅纜可達 7 公尺", "7 公尺", 7, "length", "m"),
    ("長 3 米的電纜", "3 米", 3, "length", "m"),
    ("功耗 11 瓦", "11 瓦", 11, "power", "W"),
    ("時脈 2.5 GHz", "2.5 GHz", 2.5, "frequency", "GHz"),
    # counts and durations
    ("您的 DSO 在 40 天內就到了", "40 天", 40, "duration", "day"),
    ("支援多達 1,024 個加速器", "1,024 個", 1024, "count", "counter"),
    ("售出 50 套", "50 套", 50, "count", "counter"),
    ("他們的年齡都在 25 歲左右", "25 歲", 25, "age", "age"),
    ("未來 18 個月", "18 個月", 18, "duration", "month"),
]


@pytest.mark.parametrize(("sentence", "surface", "value", "dimension", "unit"), CASES)
def test_chinese_forms(sentence, surface, value, dimension, unit) -> None:
    q = find(sentence, surface)
    if isinstance(value, tuple):
        assert (q.lo, q.hi) == pytest.approx(value)
    else:
        assert q.value == pytest.approx(value)
    assert (q.dimension, q.unit) == (dimension, unit)


PERIODS = [
    ("歡迎參加 Astera Labs 2025 年第一季財報電話會議", "第一季", 1, "quarter"),
    ("第1季營收", "第1季", 1, "quarter"),
    ("展望第二季度", "第二季度", 2, "quarter"),
    ("第四財季", "第四財季", 4, "quarter"),
    ("一季度營收", "一季度", 1, "quarter"),
    ("Q3 營收", "Q3", 3, "quarter"),
    ("對於上半年", "上半年", 1, "half"),
    ("在 2024 年下半年開始", "下半年", 2, "half"),
    ("2025 財年第一季", "2025 財年", 2025, "fiscal_year"),
    ("23 財年", "23 財年", 2023, "fiscal_year"),
    ("Astera Labs 在 2025 年取得了強勁開局", "2025 年", 2025, "year"),
    ("X 系列的收入有可能在 26 年底超過 P 級", "26 年", 2026, "year2"),
    ("9 月和 12 月天蠍座的銷售額", "9 月", 9, "month"),
    ("您在三月稱之為過度增長", "三月", 3, "month"),
    ("較 12 月季度水準略有上升", "12 月季度", 12, "month_quarter"),
]


@pytest.mark.parametrize(("sentence", "surface", "value", "period"), PERIODS)
def test_chinese_periods(sentence, surface, value, period) -> None:
    q = find(sentence, surface)
    assert (q.dimension, q.value, q.period) == ("period", value, period)


def test_two_digit_year_followed_by_later_is_a_duration() -> None:
    q = find("為我們未來甚至 25 年以後的收入成長奠定了良好的基礎", "25 年")
    assert (q.dimension, q.unit, q.value) == ("duration", "year", 25)


@pytest.mark.parametrize(
    ("sentence", "surface"),
    [
        ("約 1000萬美元", "1000萬美元"),
        ("逾 5 億美元", "5 億美元"),
        ("略高於 5,200 萬美元", "5,200 萬美元"),
        ("超過 20%", "20%"),
        ("近 30 天", "30 天"),
        ("20 多天", "20 多天"),
        ("25 歲左右", "25 歲"),
    ],
)
def test_approximation_markers(sentence, surface) -> None:
    assert find(sentence, surface).approx


def test_identifiers_in_chinese() -> None:
    qs = extract_chinese("包括我們在最近的 10-K 表年度報告,支援 PCIe 6 的 GPU 和 UALink 1.0")
    assert {q.text for q in qs if q.dimension == "identifier"} == {"10-K", "PCIe 6", "UALink 1.0"}


def test_full_width_digits_keep_original_offsets() -> None:
    text = "季度營收為１．５９４億美元，較上一季成長１３％，支援１，０２４個加速器"
    assert len(normalize_width(text)) == len(text)
    qs = extract_chinese(text)
    money = find(text, "１．５９４億美元")
    assert money.value == pytest.approx(159_400_000)
    assert text[money.start : money.end] == "１．５９４億美元"
    pct = find(text, "１３％")
    assert (pct.value, pct.unit) == (13, "%")
    count = find(text, "１，０２４個")
    assert count.value == 1024
    assert all(text[q.start : q.end] == q.text for q in qs)


@pytest.mark.parametrize("word", ["一些", "一直", "萬一", "千萬不要", "統一", "零件"])
def test_numeral_words_are_not_numbers(word) -> None:
    assert [q for q in extract_chinese(f"我們{word}如此") if not q.weak] == []
