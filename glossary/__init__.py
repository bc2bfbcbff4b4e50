"""The termbase: data model, formats, matcher, linter, and the shipped semiconductor glossary.

:func:`load_termbase` is what an audit calls: the shipped termbase (package data) at the
bottom, each project glossary layered on top in order, a later layer winning concept by
concept (see ``docs/glossary-format.md``).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from importlib import resources

from glossary.errors import GlossaryError
from glossary.formats import GlossaryFile, load_glossary, parse_glossary, termbase_of
from glossary.model import Concept, Termbase

__all__ = ["Concept", "Termbase", "GlossaryError", "load_termbase", "default_termbase",
           "default_termbase_file", "DEFAULT_TERMBASE"]

#: The shipped termbase as reports name it: its path in the repository.
DEFAULT_TERMBASE = "glossary/data/semiconductor.tsv"
_DEFAULT_RESOURCE = "data/semiconductor.tsv"


def default_termbase_file() -> GlossaryFile | None:
    """The shipped termbase as read (package data), or ``None`` if the file is absent."""
    resource = resources.files("glossary").joinpath(_DEFAULT_RESOURCE)
    if not resource.is_file():
        return None
    return parse_glossary(resource.read_bytes(), DEFAULT_TERMBASE, "tsv")


@lru_cache(maxsize=1)
def default_termbase() -> Termbase:
    """The shipped semiconductor termbase, or an empty one if the data file is absent.

    Read once per process: the review app and the benchmarks load it many times.
    """
    shipped = default_termbase_file()
    return Termbase() if shipped is None else termbase_of(shipped)


def load_termbase(paths: Sequence[str] = (), include_default: bool = True) -> Termbase:
    """The shipped termbase (unless left out) with each of ``paths`` layered on top, in order.

    Raises :class:`GlossaryError` for a file that cannot be read or has a fatal problem.
    """
    termbase = default_termbase() if include_default else Termbase()
    for path in paths:
        termbase = termbase.layered(load_glossary(path))
    return termbase
