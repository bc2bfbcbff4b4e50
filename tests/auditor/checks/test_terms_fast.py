"""The term rules' fast lookups (auditor/checks/terms_fast.py) give what their plain
forms in auditor/checks/terms.py give."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.checks import terms
from auditor.checks.terms_fast import SubstringOwners
from glossary.fold import fold_zh


def test_containers_of_real_forbidden_hits_equal_the_plain_scan(shipped_matcher, gold_pairs):
    """Every compact piece of the shipped termbase's forbidden strings and of real
    targets: the concepts whose (plural) strings hold it."""
    roles = terms._roles(shipped_matcher)
    texts = {f for forms in shipped_matcher.forms for f in forms.forbidden}
    for _, zh in gold_pairs[:40]:
        compact = "".join(fold_zh(zh).split())
        texts.update(compact[i : i + n] for i in range(0, len(compact), 5) for n in (1, 2, 4))
    texts.update(["", "s", "es", "ASICs", "chip", "擴展", "\x00"])
    nonempty = 0
    for text in texts:
        expected = terms._containers_plain(roles, text)
        assert roles.shield_index.containing(text) == expected
        nonempty += bool(expected)
    assert nonempty > 100


_PIECES = st.text(alphabet="ab擴展s\x00", max_size=4)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 5), _PIECES), max_size=8), _PIECES)
def test_substring_owners_equal_testing_each_string(strings, text):
    expected = frozenset(owner for owner, string in strings if text in string)
    assert SubstringOwners(strings).containing(text) == expected
