"""The termbase: data model, formats, matcher, linter, and the shipped semiconductor glossary.

:func:`load_termbase` is what an audit calls: the shipped termbase (package data) at the
bottom, each project glossary layered on top in order, a later layer winning concept by
concept (see ``docs/glossary-format.md``).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

from glossary.cache import cached, content_digest
from glossary.errors import GlossaryError
from glossary.model import Concept, Termbase
from glossary.senses import parse_everyday, with_everyday

if TYPE_CHECKING:
    from glossary.formats import GlossaryFile

# The glossary file formats (TSV, CSV, TBX) are imported where a file is parsed: a run
# reads the shipped termbase from the user cache (:mod:`glossary.cache`) and needs none.

__all__ = [
    "Concept",
    "Termbase",
    "GlossaryError",
    "load_termbase",
    "default_termbase",
    "default_termbase_file",
    "DEFAULT_TERMBASE",
]

#: The shipped termbase as reports name it: its path in the repository.
DEFAULT_TERMBASE = "glossary/data/semiconductor.tsv"
_DEFAULT_RESOURCE = "data/semiconductor.tsv"
#: Everyday renderings of the shipped sense concepts, derived from CC-CEDICT (CC BY-SA 4.0;
#: see glossary/data/CC-CEDICT.md), kept apart from the termbase for its licence.
_EVERYDAY_RESOURCE = "data/cedict_senses.tsv"


def default_termbase_file() -> GlossaryFile | None:
    """The shipped termbase as read (package data), or ``None`` if the file is absent."""
    from glossary.formats import parse_glossary

    resource = resources.files("glossary").joinpath(_DEFAULT_RESOURCE)
    if not resource.is_file():
        return None
    return parse_glossary(resource.read_bytes(), DEFAULT_TERMBASE, "tsv")


@lru_cache(maxsize=1)
def default_termbase() -> Termbase:
    """The shipped semiconductor termbase, or an empty one if the data file is absent.

    Read once per process: the review app and the benchmarks load it many times.
    Parsed once per content of its files and cached (:mod:`glossary.cache`).
    """
    package = resources.files("glossary")
    shipped, everyday = package.joinpath(_DEFAULT_RESOURCE), package.joinpath(_EVERYDAY_RESOURCE)
    shipped_bytes = shipped.read_bytes() if shipped.is_file() else None
    everyday_bytes = everyday.read_bytes() if everyday.is_file() else None
    digest = content_digest(
        (
            repr((shipped_bytes is None, everyday_bytes is None)),
            shipped_bytes or b"",
            everyday_bytes or b"",
        )
    )
    return cached("termbase", digest, lambda: _parse_default(shipped_bytes, everyday_bytes))


def _parse_default(shipped: bytes | None, everyday: bytes | None) -> Termbase:
    from glossary.formats import parse_glossary, termbase_of

    if shipped is None:
        return Termbase()
    termbase = termbase_of(parse_glossary(shipped, DEFAULT_TERMBASE, "tsv"))
    if everyday is None:
        return termbase
    text = everyday.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")  # as read_text
    return with_everyday(termbase, parse_everyday(text))


def load_termbase(paths: Sequence[str] = (), include_default: bool = True) -> Termbase:
    """The shipped termbase (unless left out) with each of ``paths`` layered on top, in order.

    Raises :class:`GlossaryError` for a file that cannot be read or has a fatal problem.
    """
    termbase = default_termbase() if include_default else Termbase()
    if not paths:
        return termbase
    from glossary.formats import load_glossary

    for path in paths:
        termbase = termbase.layered(load_glossary(path))
    return termbase
