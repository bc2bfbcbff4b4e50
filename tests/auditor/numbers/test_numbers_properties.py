"""Property tests: English and Chinese renderings of one value read as the same value, and
the extractors never raise, whatever Unicode they are given."""

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.numbers import compare, extract_chinese, extract_english

_ZH_DIGITS = "零一二三四五六七八九"
_FW = str.maketrans("0123456789.,%", "０１２３４５６７８９．，％")


def zh_numeral(n: int) -> str:
    """A Chinese numeral for 0 < n < 10^12 (the way a writer spells it out)."""

    def below_wan(x: int) -> str:
        out, zero = "", False
        for unit, size in (("千", 1000), ("百", 100), ("十", 10), ("", 1)):
            d, x = divmod(x, size)
            if d:
                if zero and out:
                    out += "零"
                out += _ZH_DIGITS[d] + unit
                zero = False
            else:
                zero = True
        return out

    parts = []
    for unit, size in (("億", 10**8), ("萬", 10**4), ("", 1)):
        d, n = divmod(n, size)
        if d:
            parts.append(below_wan(d) + unit)
    return "".join(parts)


values = st.integers(min_value=1, max_value=999_999)
decimals = st.integers(min_value=0, max_value=3)


@settings(max_examples=200, deadline=None)
@given(
    mantissa=values,
    dec=decimals,
    mag=st.sampled_from([("million", 10**6), ("billion", 10**9), ("thousand", 10**3)]),
)
def test_english_and_wan_yi_renderings_agree(mantissa: int, dec: int, mag: tuple[str, int]) -> None:
    number = Decimal(mantissa) / (10**dec)
    value = number * mag[1]
    en = f"Revenue was ${number:,} {mag[0]}."
    [q] = [q for q in extract_english(en) if q.dimension == "money"]
    assert Decimal(str(q.value)) == value
    # the Chinese renderings: 億 or 萬 with digits, grouped or not, and full-width
    if value >= 10**8:
        zh_num = f"{(value / 10**8).normalize():f} 億"
    elif value >= 10**4:
        zh_num = f"{(value / 10**4).normalize():,f} 萬"
    else:
        zh_num = f"{value.normalize():f}"
    for zh in (f"營收為 {zh_num}美元。", f"營收為{zh_num.translate(_FW).replace(' ', '')}美元。"):
        money = [z for z in extract_chinese(zh) if z.dimension == "money"]
        assert len(money) == 1 and Decimal(str(money[0].value)) == value, zh
        assert compare(en, zh) == [], zh


@settings(max_examples=200, deadline=None)
@given(n=st.integers(min_value=1, max_value=10**12 - 1))
def test_chinese_numerals_read_as_their_value(n: int) -> None:
    text = f"共有{zh_numeral(n)}個"
    qs = [q for q in extract_chinese(text) if q.value is not None]
    assert qs and qs[0].value == n, (text, [q.text for q in qs])


@settings(max_examples=100, deadline=None)
@given(pct=st.integers(min_value=1, max_value=99))
def test_percent_renderings_agree(pct: int) -> None:
    en = f"Revenue grew {pct}% in the quarter."
    for zh in (
        f"營收成長{pct}%。",
        f"營收成長百分之{zh_numeral(pct)}。",
        f"營收成長{str(pct).translate(_FW)}％。",
    ):
        assert compare(en, zh) == [], zh


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_extractors_never_raise(text: str) -> None:
    for q in extract_english(text) + extract_chinese(text):
        assert 0 <= q.start <= q.end <= len(text)
        assert text[q.start : q.end] == q.text
    compare(text, text)


@settings(max_examples=200, deadline=None)
@given(
    st.text(
        alphabet="0123456789,.%$萬億兆千百十一二兩三點年月季第約至到~- GbBMTx個美元", max_size=40
    )
)
def test_extractors_never_raise_on_number_soup(text: str) -> None:
    extract_english(text)
    extract_chinese(text)
    compare(text, text)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.text(max_size=60), min_size=1, max_size=5))
def test_document_rules_never_raise(targets: list[str]) -> None:
    from auditor.checks.base import CheckContext
    from auditor.checks.locale import CHECKER
    from auditor.model import Loc, Segment

    segs = [Segment(f"s{i}", "x", t, Loc("t", 1, 1), Loc("t", 2, 2)) for i, t in enumerate(targets)]
    for i, f in CHECKER.check_document(segs, CheckContext()):
        assert 0 <= i < len(segs)
        if f.target_span:
            assert 0 <= f.target_span[0] < f.target_span[1] <= len(targets[i])


def test_fast_constructor_builds_the_same_frozen_quantity() -> None:
    import dataclasses

    import pytest

    from auditor.numbers.quantity import Quantity, evolve, make_quantity

    slow = Quantity("$5", 0, 2, 5.0, 5.0, 5.0, dimension="money", unit="USD")
    fast = make_quantity("$5", 0, 2, 5.0, 5.0, 5.0, dimension="money", unit="USD")
    assert fast == slow and hash(fast) == hash(slow)
    assert evolve(fast, approx=True) == dataclasses.replace(slow, approx=True)
    with pytest.raises(dataclasses.FrozenInstanceError):
        fast.value = 6.0  # type: ignore[misc]
