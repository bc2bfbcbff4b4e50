"""The Chinese numeral parser on the forms translations really use (cn2an fails several)."""

import pytest

from auditor.numbers.zh_numerals import parse_zh_number


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1.594億", 159_400_000),
        ("1.594亿", 159_400_000),
        ("1,594万", 15_940_000),
        ("6,560萬", 65_600_000),
        ("1090萬", 10_900_000),
        ("3千萬", 30_000_000),
        ("1.78億", 178_000_000),
        ("一千二百三十四", 1234),
        ("十五", 15),
        ("二十", 20),
        ("兩萬", 20_000),
        ("两万", 20_000),
        ("一億二千萬", 120_000_000),
        ("兩萬億", 2_000_000_000_000),
        ("2兆", 2_000_000_000_000),
        ("一兆二千億", 1_200_000_000_000),
        ("一百零五", 105),
        ("二〇二五", 2025),
        ("三點五", 3.5),
        ("三點五億", 350_000_000),
        ("零", 0),
        ("壹佰", 100),
    ],
)
def test_parses(text: str, value: float) -> None:
    assert parse_zh_number(text) == pytest.approx(value)


@pytest.mark.parametrize("text", ["", "數", "美元", "點", "一x"])
def test_rejects_non_numbers(text: str) -> None:
    assert parse_zh_number(text) is None
