"""Whitespace, as Python's ``str.split()`` sees it: a text's words and its spacing made
regular. Reports count English words (the MQM score is per word) and fingerprints
compare texts whatever their spacing; both run on every segment or finding, so their
fast versions are next door (:mod:`auditor.whitespace_fast`), tested equal to these.
"""

from __future__ import annotations


def collapse_whitespace(text: str) -> str:
    """``text`` with every run of whitespace made one space, and none at either end."""
    return " ".join(text.split())


def word_count(text: str) -> int:
    """How many words ``text`` has: runs of characters other than whitespace."""
    return len(text.split())
