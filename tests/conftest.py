"""What every test shares: the helper modules in tests/support on the import path, and
the fixtures more than one test module uses."""

from __future__ import annotations

import sys
from pathlib import Path

TESTS = Path(__file__).resolve().parent
sys.path.insert(0, str(TESTS / "support"))

import json  # noqa: E402

import pytest  # noqa: E402

DATA = TESTS / "data"


@pytest.fixture(scope="session")
def shipped_termbase():
    """The shipped semiconductor termbase, loaded once for the run."""
    from glossary import load_termbase

    return load_termbase()


@pytest.fixture(scope="session")
def shipped_matcher(shipped_termbase):
    """The term rules' compiled matcher of the shipped termbase."""
    from glossary.compiled import compile_termbase

    return compile_termbase(shipped_termbase).matcher


@pytest.fixture(scope="session")
def gold_pairs() -> list[tuple[str, str]]:
    """The hand-checked transcript's (English, Chinese) pairs."""
    rows = (DATA / "astera_q1_2025_gold.jsonl").read_text("utf-8").splitlines()
    return [(r["en"], r["zh"]) for r in map(json.loads, rows)]


@pytest.fixture
def forget_project_rules():
    """One project per process: a test that registers a project's rules (a checklist, the
    pre-commit hook on a project) leaves none behind."""
    from auditor.checks.registry import register_project_rules

    yield
    register_project_rules(())
