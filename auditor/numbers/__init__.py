"""Quantity extraction (English and Chinese) and source/target comparison.

``extract_english`` and ``extract_chinese`` read every number with its magnitude, unit,
approximation, range and period; ``compare`` pairs them and returns the defects as typed
facts (:class:`Discrepancy`), which the rules in :mod:`auditor.checks.numbers` report.
"""

from auditor.numbers.chinese import extract_chinese
from auditor.numbers.english import extract_english
from auditor.numbers.facts import Defect, Discrepancy
from auditor.numbers.match import compare
from auditor.numbers.normalize import normalize_width
from auditor.numbers.quantity import Quantity
from auditor.numbers.render import render_zh
from auditor.numbers.zh_numerals import parse_zh_number

__all__ = [
    "Defect",
    "Discrepancy",
    "Quantity",
    "compare",
    "extract_chinese",
    "extract_english",
    "normalize_width",
    "parse_zh_number",
    "render_zh",
]
