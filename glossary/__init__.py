"""The termbase: data model, formats, matcher, linter, and the shipped semiconductor glossary.

(Being built: ``load_termbase`` returns ``None`` until the termbase lands.)
"""

from __future__ import annotations

from collections.abc import Sequence


def load_termbase(paths: Sequence[str] = (), include_default: bool = True):
    return None
