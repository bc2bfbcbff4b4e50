"""Rule selection by code or prefix, like ruff's --select/--ignore."""

from auditor.options import Selection


def test_everything_runs_by_default():
    assert Selection().enabled("NUM001")
    assert Selection().enabled("TERM004")


def test_select_prefix_limits_to_family():
    sel = Selection(select=("NUM",))
    assert sel.enabled("NUM003")
    assert not sel.enabled("UNIT001")


def test_longest_prefix_wins_between_select_and_ignore():
    assert not Selection(select=("NUM",), ignore=("NUM004",)).enabled("NUM004")
    assert Selection(select=("NUM",), ignore=("NUM004",)).enabled("NUM003")
    assert Selection(select=("NUM004",), ignore=("NUM",)).enabled("NUM004")
    assert not Selection(select=("NUM004",), ignore=("NUM",)).enabled("NUM001")


def test_ignore_alone_removes_only_its_rules():
    sel = Selection(ignore=("LOC002",))
    assert not sel.enabled("LOC002")
    assert sel.enabled("LOC001")
