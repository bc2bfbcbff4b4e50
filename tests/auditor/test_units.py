"""The unit model: dimensions, prefixes, bits vs bytes, and both languages' surface forms."""

import pytest

from auditor.units import DATA_SYMBOLS, EN_UNIT_FORMS, UNITS, ZH_UNIT_FORMS, describe


@pytest.mark.parametrize(
    ("key", "dimension", "prefix", "bits"),
    [
        ("Gb/s", "data_rate", "G", True),
        ("GB/s", "data_rate", "G", False),
        ("GB", "data_size", "G", False),
        ("Gb", "data_size", "G", True),
        ("Tb/s", "data_rate", "T", True),
        ("G", "data", "G", None),
        ("GT/s", "transfer_rate", "G", None),
        ("nm", "length", "n", None),
        ("GHz", "frequency", "G", None),
        ("W", "power", "", None),
    ],
)
def test_unit_dimension_prefix_bits(key, dimension, prefix, bits) -> None:
    u = UNITS[key]
    assert (u.dimension, u.prefix, u.bits) == (dimension, prefix, bits)


def test_prefix_factors_compare_across_scales() -> None:
    assert 3.2 * UNITS["Tb/s"].factor == pytest.approx(3200 * UNITS["Gb/s"].factor)
    assert UNITS["nm"].factor == pytest.approx(1e-9)


@pytest.mark.parametrize(
    ("form", "key"),
    [
        ("gigabits per second", "Gb/s"),
        ("terabits per second", "Tb/s"),
        ("gigabytes", "GB"),
        ("percentage points", "pp"),
        ("basis points", "bp"),
        ("nanometers", "nm"),
        ("watts", "W"),
        ("days", "day"),
        ("shares", "share"),
        ("dollars", "USD"),
    ],
)
def test_english_forms(form, key) -> None:
    assert EN_UNIT_FORMS[form] == key


@pytest.mark.parametrize(
    ("form", "key"),
    [
        ("千兆位元", "Gb"),
        ("千兆字節", "GB"),
        ("兆位元", "Mb"),
        ("兆字節", "MB"),
        ("太比特", "Tb"),
        ("千兆", "G"),
        ("奈米", "nm"),
        ("納米", "nm"),
        ("公尺", "m"),
        ("瓦", "W"),
        ("天", "day"),
        ("股", "share"),
        ("美元", "USD"),
        ("新台幣", "TWD"),
        ("人民幣", "CNY"),
        ("個百分點", "pp"),
        ("個基點", "bp"),
        ("倍", "x"),
        ("歲", "age"),
    ],
)
def test_chinese_forms(form, key) -> None:
    assert ZH_UNIT_FORMS[form] == key


def test_bits_and_bytes_symbols_are_case_sensitive() -> None:
    assert DATA_SYMBOLS["Gb"] == "Gb" and DATA_SYMBOLS["GB"] == "GB"
    assert DATA_SYMBOLS["Gbps"] == "Gb/s" and DATA_SYMBOLS["GB/s"] == "GB/s"


def test_describe_names_the_kind() -> None:
    assert describe(UNITS["Gb/s"]) == "gigabits per second"
    assert describe(UNITS["GB"]) == "gigabytes"


def test_every_english_form_names_a_known_unit() -> None:
    """ "petabits per second" once named a unit the model did not have (KeyError on read)."""
    from auditor.units import EN_UNIT_FORMS, UNITS, ZH_LATIN_UNITS, ZH_UNIT_FORMS

    for forms in (EN_UNIT_FORMS, ZH_UNIT_FORMS, ZH_LATIN_UNITS):
        assert {k for k in forms.values() if k not in UNITS} == set()


def test_petabit_rate_is_read() -> None:
    from auditor.numbers import extract_english

    (q,) = extract_english("The fabric moves 1.2 petabits per second across the cluster.")
    assert (q.value, q.unit, q.dimension) == (1.2, "Pb/s", "data_rate")
