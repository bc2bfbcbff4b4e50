"""English quantity extraction: every form of the numbers-and-units scope, on real sentences."""

import pytest

from auditor.numbers import extract_english
from auditor.numbers.quantity import Quantity


def find(sentence: str, surface: str) -> Quantity:
    qs = extract_english(sentence)
    for q in qs:
        if q.text == surface:
            return q
    raise AssertionError(f"{surface!r} not read in {sentence!r}: {[q.text for q in qs]}")


# (sentence, surface, value or (lo, hi), dimension, unit or period)
CASES = [
    # digits, separators, decimals, magnitudes, money
    (
        "Quarterly revenues of $159.4 million was up 13% from the prior quarter.",
        "$159.4 million",
        159_400_000,
        "money",
        "USD",
    ),
    (
        "Non-GAAP fully diluted share count for Q1 was 178 million shares.",
        "178 million shares",
        178_000_000,
        "count",
        "share",
    ),
    ("by supporting up to 1,024 accelerators.", "1,024", 1024, "number", None),
    (
        "we ended the quarter with cash of $925 million.",
        "$925 million",
        925_000_000,
        "money",
        "USD",
    ),
    ("diluted earnings per share for the quarter was $0.33.", "$0.33", 0.33, "money", "USD"),
    (
        "we outlined them to be both about $2.5 billion each.",
        "$2.5 billion",
        2_500_000_000,
        "money",
        "USD",
    ),
    (
        "The company raised US$50 million in the offering.",
        "US$50 million",
        50_000_000,
        "money",
        "USD",
    ),
    ("Capex was 120 million USD for the year.", "120 million USD", 120_000_000, "money", "USD"),
    ("The deal adds $5M of annual revenue.", "$5M", 5_000_000, "money", "USD"),
    ("Backlog reached $1.2B at quarter end.", "$1.2B", 1_200_000_000, "money", "USD"),
    ("Bookings of $300k came from new logos.", "$300k", 300_000, "money", "USD"),
    ("The firm reported a $3 mn charge and a $2 bn buyback.", "$3 mn", 3_000_000, "money", "USD"),
    (
        "The firm reported a $3 mn charge and a $2 bn buyback.",
        "$2 bn",
        2_000_000_000,
        "money",
        "USD",
    ),
    ("A trillion-dollar market needs $1 trillion of capex.", "$1 trillion", 1e12, "money", "USD"),
    ("The module costs 40 dollars more.", "40 dollars", 40, "money", "USD"),
    ("Each unit saves 25 cents.", "25 cents", 25, "money", "USc"),
    ("Operating margin moved by negative 5% in the quarter.", "negative 5%", -5, "percent", "%"),
    ("Free cash flow was -$3 million.", "-$3 million", -3_000_000, "money", "USD"),
    ("two thousand customers", "two thousand", 2000, "number", None),
    # percent, points, basis points
    ("up 144% versus Q1 of last year.", "144%", 144, "percent", "%"),
    ("Gross margin was 74.9 percent.", "74.9 percent", 74.9, "percent", "%"),
    (
        "Margins improved 3 percentage points year over year.",
        "3 percentage points",
        3,
        "percent_point",
        "pp",
    ),
    ("a 50 basis point improvement", "50 basis point", 50, "basis_point", "bp"),
    # multipliers
    ("the compute required is 10x higher than previously.", "10x", 10, "multiplier", "x"),
    ("a 10X improvement in bandwidth", "10X", 10, "multiplier", "x"),
    ("inference needs five times more compute", "five times", 5, "multiplier", "x"),
    ("content grows 5 to 10x per platform", "5 to 10x", (5, 10), "multiplier", "x"),
    # number words, exact and approximate
    (
        "within three key AI and cloud infrastructure application categories",
        "three",
        3,
        "number",
        None,
    ),
    ("focused on four main protocols", "four", 4, "number", None),
    ("We shipped to twenty-five customers", "twenty-five", 25, "number", None),
    ("a dozen design wins", "a dozen", 12, "number", None),
    ("we now serve a hundred customers", "hundred", 100, "number", None),
    (
        "I think you even said a couple of hundred dollars per accelerator.",
        "a couple of hundred dollars",
        (200, 300),
        "money",
        "USD",
    ),
    ("to hundreds of dollars per accelerator", "hundreds of dollars", (200, 999), "money", "USD"),
    ("several hundred engineers", "several hundred", (200, 999), "number", None),
    ("tens of millions of units", "tens of millions of", (2e7, 9.9e8), "number", None),
    (
        "a multibillion-dollar additional market opportunity",
        "multibillion-dollar",
        (2e9, 999e9),
        "money",
        "USD",
    ),
    ("they were around mid-20s.", "mid-20s", (23, 27), "number", None),
    ("could reach mid-teens to 20% of sales", "mid-teens to 20%", (13, 20), "percent", "%"),
    # ranges
    ("up roughly 7% to 10% from the prior quarter.", "7% to 10%", (7, 10), "percent", "%"),
    (
        "within a range of between $33 million and $35 million",
        "$33 million and $35 million",
        (33e6, 35e6),
        "money",
        "USD",
    ),
    ("in a range of approximately $0.32 to $0.33.", "$0.32 to $0.33", (0.32, 0.33), "money", "USD"),
    ("we expect 10 to 20 new designs", "10 to 20", (10, 20), "number", None),
    ("revenue of $170 to $175 million", "$170 to $175 million", (170e6, 175e6), "money", "USD"),
    # data rates and sizes
    ("to enable 200 gig per lane connections", "200 gig", 200, "data_rate", "Gb/s"),
    ("including PCIe Gen 7, 800-gig Ethernet and CXL 3", "800-gig", 800, "data_rate", "Gb/s"),
    ("a port at 100 Gb/s", "100 Gb/s", 100, "data_rate", "Gb/s"),
    ("links at 112 Gbps", "112 Gbps", 112, "data_rate", "Gb/s"),
    ("PCIe 6 runs at 64 GT/s", "64 GT/s", 64, "transfer_rate", "GT/s"),
    (
        "a switch with 3.2 terabits per second of bandwidth",
        "3.2 terabits per second",
        3.2,
        "data_rate",
        "Tb/s",
    ),
    ("51.2 Tb/s switches", "51.2 Tb/s", 51.2, "data_rate", "Tb/s"),
    ("each GPU has 192 GB of HBM", "192 GB", 192, "data_size", "GB"),
    ("a 512 MB buffer", "512 MB", 512, "data_size", "MB"),
    ("up to 2 TB of memory", "2 TB", 2, "data_size", "TB"),
    ("the 100G and 400G optics", "100G", 100, "data", "G"),
    # physical quantities
    ("built on a 3 nanometer process", "3 nanometer", 3, "length", "nm"),
    ("moving to 5nm next year", "5nm", 5, "length", "nm"),
    ("clocked at 2.5 GHz", "2.5 GHz", 2.5, "frequency", "GHz"),
    ("a 156.25 MHz reference clock", "156.25 MHz", 156.25, "frequency", "MHz"),
    ("the retimer draws 11 W", "11 W", 11, "power", "W"),
    ("a 700 watts accelerator", "700 watts", 700, "power", "W"),
    ("copper reaches up to 7 meters", "7 meters", 7, "length", "m"),
    ("a 25 mm package", "25 mm", 25, "length", "mm"),
    # counts and durations
    ("your DSOs came in at 40 days.", "40 days", 40, "duration", "day"),
    ("over the next 18 months", "18 months", 18, "duration", "month"),
    ("I believe one year ago", "one year", 1, "duration", "year"),
]


@pytest.mark.parametrize(("sentence", "surface", "value", "dimension", "unit"), CASES)
def test_english_forms(sentence, surface, value, dimension, unit) -> None:
    q = find(sentence, surface)
    if isinstance(value, tuple):
        assert (q.lo, q.hi) == pytest.approx(value)
    else:
        assert q.value == pytest.approx(value)
    assert q.dimension == dimension
    assert q.unit == unit
    assert sentence[q.start : q.end] == surface


PERIODS = [
    (
        "welcome to the Astera Labs first-quarter 2025 earnings conference call.",
        "first-quarter",
        1,
        "quarter",
    ),
    ("our Q1 results", "Q1", 1, "quarter"),
    ("guidance for Q4 came in", "Q4", 4, "quarter"),
    ("We expect second quarter non-GAAP operating expenses", "second quarter", 2, "quarter"),
    ("in the third fiscal quarter", "third fiscal quarter", 3, "quarter"),
    ("revenue for the fourth quarter", "fourth quarter", 4, "quarter"),
    ("began in the second half of 2024", "second half", 2, "half"),
    ("for first half", "first half", 1, "half"),
    ("our 1H25 revenue", "1H25", 1, "half"),
    ("we expect 2H to be stronger", "2H", 2, "half"),
    ("in the late Q2 time frame", "Q2", 2, "quarter"),
    ("fiscal '23 results", "fiscal '23", 2023, "fiscal_year"),
    ("our FY24 plan", "FY24", 2024, "fiscal_year"),
    ("first-quarter conference call for fiscal year 2025", "fiscal year 2025", 2025, "fiscal_year"),
    ("our guidance for Q2 of fiscal 2025", "fiscal 2025", 2025, "fiscal_year"),
    ("even beyond '25.", "'25", 2025, "year2"),
    ("by calendar '25", "'25", 2025, "year2"),
    ("by the end of '26 or would that be more of a '27 event?", "'27", 2027, "year2"),
    ("a strong start to 2025", "2025", 2025, "year"),
    ("volume deployment in mid- to late-2025.", "2025", 2025, "year"),
    ("up slightly from the December quarter levels", "December quarter", 12, "month_quarter"),
    ("Aries and Taurus would grow in the June quarter.", "June quarter", 6, "month_quarter"),
    ("Scorpio sales in September and December", "September", 9, "month"),
]


@pytest.mark.parametrize(("sentence", "surface", "value", "period"), PERIODS)
def test_english_periods(sentence, surface, value, period) -> None:
    q = find(sentence, surface)
    assert q.dimension == "period"
    assert (q.value, q.period) == (value, period)


IDENTIFIERS = [
    ("our market-leading PCIe 6 connectivity portfolio", "PCIe 6"),
    ("including PCIe Gen 7, 800-gig Ethernet", "Gen 7"),
    ("800-gig Ethernet and CXL 3 to drive", "CXL 3"),
    ("the UALink 1.0 specification was released", "UALink 1.0"),
    ("our most recent annual report on Form 10-K", "10-K"),
    ("our upcoming filing on Form 10-Q.", "10-Q"),
    ("5G base stations", "5G"),
    ("PAM4 signalling", "PAM4"),
    ("The new Aries 6 PCIe Smart Gearbox", "Aries 6"),
    ("an x16 link", "x16"),
    ("It's been released, the 1.0 spec.", "1.0"),
]


@pytest.mark.parametrize(("sentence", "surface"), IDENTIFIERS)
def test_identifiers_are_not_amounts(sentence, surface) -> None:
    q = find(sentence, surface)
    assert q.dimension == "identifier"


@pytest.mark.parametrize(
    "sentence",
    [
        "It's one of the most important things.",
        "I have one more question.",
        "Two things. One, it takes care of the signal quality.",
        "the largest one being the internal AI accelerator-based platform",
        "One is on technical performance, and the other one is ecosystem diversity.",
        "over one that is more proprietary",
    ],
)
def test_idiomatic_one_is_no_quantity(sentence) -> None:
    assert [q for q in extract_english(sentence) if q.value == 1] == []


def test_determiner_one_is_weak_count() -> None:
    q = find("locked into one large component provider.", "one")
    assert q.weak and q.value == 1


def test_gig_before_memory_is_a_size() -> None:
    q = find("with 80 gig of memory", "80 gig")
    assert q.unit == "GB" and q.dimension == "data_size"


def test_approximation_words_mark_values() -> None:
    assert find(
        "Interest income is expected to be approximately $10 million.", "$10 million"
    ).approx
    assert find("revenue of just over $52 million", "$52 million").approx
    assert not find("revenue of $52 million", "$52 million").approx


@pytest.mark.parametrize(
    "text", ["", "∞", "\x00\x01", "$", "$.", "1e309", "9" * 400, "'", "Q9", "-", "x" * 1000]
)
def test_never_raises_on_odd_input(text) -> None:
    extract_english(text)


@pytest.mark.parametrize(
    ("sentence", "surface"),
    [("shipping Tomahawk 5 switches", "Tomahawk 5"), ("the Jericho 3.5 platform", "Jericho 3.5")],
)
def test_unknown_product_names_with_numbers_are_identifiers(sentence, surface) -> None:
    assert find(sentence, surface).dimension == "identifier"


def test_sentence_initial_words_do_not_make_identifiers() -> None:
    q = find("In 5 years, we will double.", "5 years")
    assert (q.dimension, q.unit) == ("duration", "year")
