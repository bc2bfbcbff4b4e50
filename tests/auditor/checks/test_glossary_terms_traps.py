"""The shipped termbase alone on constructed pairs in the style of other companies' calls:
correct Taiwanese translations raise nothing, typical machine-translation traps are caught."""

from __future__ import annotations

from pathlib import Path

import pytest

from auditor.checks import terms
from auditor.checks.base import CheckContext
from auditor.model import Segment
from glossary import load_termbase

DATA = Path(__file__).resolve().parents[2] / "data" / "term_traps_constructed.tsv"
PAIRS = [
    tuple(line.split("\t"))
    for line in DATA.read_text("utf-8").splitlines()
    if line and not line.startswith("#")
]


@pytest.fixture(scope="module")
def ctx():
    return CheckContext(termbase=load_termbase())


@pytest.mark.parametrize("label,en,zh", PAIRS, ids=[p[1][:40] for p in PAIRS])
def test_constructed_pair(ctx, label, en, zh):
    findings = list(terms.check_segment(Segment("s", en, zh, None, None), ctx))
    if label == "ok":
        assert findings == []
    else:
        assert findings, "expected a term finding"
        for f in findings:
            if f.target_span:
                assert zh[slice(*f.target_span)] == f.found
