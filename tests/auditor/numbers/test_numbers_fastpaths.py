"""The extractors' and the matcher's fast paths must read exactly what the general paths read.

Each test here pins one shortcut against the slow computation it replaces (written out
in the test), so a shortcut that drifts from it fails here rather than as a subtly
different figure in a report.
"""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.numbers import chinese, chinese_fast, english_fast
from auditor.numbers.chinese import extract_chinese
from auditor.numbers.english import extract_english
from auditor.numbers.match import _Atom, _close, compare
from auditor.numbers.quantity import quantity_at
from auditor.numbers.zh_numerals import DIGITS, parse_zh_number

_digits = st.text(alphabet="0123456789", min_size=1, max_size=8)
_plain = st.builds(
    lambda a, b: f"{a}.{b}" if b else a, _digits, st.one_of(st.just(""), _digits)
).filter(lambda p: len(p) <= 15)


def _general_zh(plain: str, mag: str) -> tuple[float, float]:
    """What the reader computes for digits + magnitude without the shortcut."""
    value = parse_zh_number(plain + mag)
    assert value is not None
    return chinese.scaled(plain, value)


@settings(max_examples=400, deadline=None)
@given(_plain, st.sampled_from(sorted(chinese_fast.ONE_MAGNITUDE)))
def test_one_magnitude_shortcut_equals_the_general_parser_bit_for_bit(plain: str, mag: str) -> None:
    got = chinese_fast.scaled_by_one_magnitude(plain, chinese_fast.ONE_MAGNITUDE[mag])
    assert repr(got) == repr(_general_zh(plain, mag))


@settings(max_examples=200, deadline=None)
@given(_plain, st.sampled_from(["萬", "億", "千", "兆"]))
def test_chinese_amounts_with_one_magnitude_read_as_the_general_parser(
    plain: str, mag: str
) -> None:
    qs = extract_chinese(f"營收為 {plain} {mag}美元。")
    value, magnitude = _general_zh(plain, mag)
    assert [(q.value, q.magnitude, q.unit) for q in qs] == [(value, magnitude, "USD")]


def test_compound_magnitudes_still_take_the_general_parser() -> None:
    (q,) = extract_chinese("營收 3千萬美元")
    assert (q.value, q.magnitude) == (30_000_000.0, 10_000_000.0)
    (q,) = extract_chinese("1.2 萬億美元")
    assert q.value == 1.2e12


@settings(max_examples=300, deadline=None)
@given(_plain, st.sampled_from([("thousand", 3), ("million", 6), ("billion", 9), ("trillion", 12)]))
def test_english_magnitudes_scale_as_exact_decimal_arithmetic(
    plain: str, mag: tuple[str, int]
) -> None:
    word, k = mag
    qs = extract_english(f"revenue of ${plain} {word} in the quarter")
    assert [q.value for q in qs] == [float(Decimal(plain) * Decimal(10**k))]


@settings(max_examples=400, deadline=None)
@given(_plain, st.integers(min_value=1, max_value=12))
def test_the_shifted_digit_string_is_the_exact_decimal_product(plain: str, k: int) -> None:
    got = english_fast.scaled_by_power_of_ten(plain, 10.0**k)
    assert got is not None and repr(got) == repr(float(Decimal(plain) * Decimal(10**k)))


def test_the_shift_leaves_other_magnitudes_and_long_digit_strings_to_decimal() -> None:
    assert english_fast.scaled_by_power_of_ten("1.5", 2.5) is None
    assert english_fast.scaled_by_power_of_ten("1234567890.123456", 1e6) is None


def test_single_digit_characters_read_as_the_parser_reads_them() -> None:
    for ch in DIGITS:
        assert chinese._small(ch) == int(parse_zh_number(ch) or 0)
    assert chinese._small("12") == 12 and chinese._small("十一") == 11
    (q,) = extract_chinese("第三季")
    assert (q.value, q.period) == (3.0, "quarter")


def _atom(value: float, text: str = "5") -> _Atom:
    return _Atom(quantity_at(text, 0, len(text), value), value, value, True)


def _en(text: str) -> _Atom:
    (q,) = extract_english(text)
    return _Atom(q, q.lo, q.hi, q.lo == q.hi and not q.approx)


def _zh(text: str) -> _Atom:
    (q,) = extract_chinese(text)
    return _Atom(q, q.lo, q.hi, q.lo == q.hi and not q.approx)


def test_equal_exact_values_are_close_and_others_keep_their_tolerance() -> None:
    assert _close(_en("$45.4 million"), _zh("4,540 萬美元"))
    # rounding a translator may do: 159.4 million ↔ 1.59 億 ...
    assert _close(_en("$159.4 million"), _zh("1.59 億美元"))
    # ... but not added digits, and not a different figure
    assert not _close(_en("$65.6 million"), _zh("6,561 萬美元"))
    assert not _close(_atom(5.0), _atom(6.0))
    # an overflowing figure is equal to nothing, not even to itself
    inf = float("inf")
    assert not _close(_atom(inf, "9" * 400), _atom(inf, "9" * 400))


def test_a_digit_pairs_with_the_strong_target_before_a_weak_numeral() -> None:
    # the weak 一項 comes first in the text; the source's 1 must take 1 個, or 1 個 is "extra"
    assert compare("We added 1 new design win.", "我們新增了一項設計案，1 個。") == []


def test_numerals_with_and_without_magnitude_characters() -> None:
    assert extract_chinese("千萬不要錯過") == []  # magnitudes alone are no number
    (q,) = extract_chinese("營收一萬")
    assert (q.value, q.weak) == (10_000.0, False)  # a big unit with a digit is strong
    (q,) = extract_chinese("兩個客戶")
    assert (q.value, q.unit, q.weak) == (2.0, "counter", True)


def test_approximation_words_around_chinese_amounts() -> None:
    (q,) = extract_chinese("20 多天")
    assert (q.value, q.unit, q.approx) == (20.0, "day", True)
    (q,) = extract_chinese("100 萬以上")
    assert (q.approx, q.hi) == (True, 2_000_000.0)
    (q,) = extract_chinese("約 1.5 億美元")
    assert (q.value, q.unit, q.approx) == (150_000_000.0, "USD", True)
    (q,) = extract_chinese("營收 1.5 億美元")
    assert q.approx is False
    (q,) = extract_chinese("每秒 200 Gb")
    assert q.unit == "Gb/s"
