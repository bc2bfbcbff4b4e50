"""Two parallel plain-text files: English lines in one, Chinese lines in the other.

Chosen by ``--source/--target`` (:attr:`ReaderOptions.target_path` names the Chinese
file), never by detection. Line counts may differ (lines dropped, merged or split by the
translation); the aligner pairs them. Blank lines are skipped but keep their numbers in
the provenance.
"""

from __future__ import annotations

from collections.abc import Iterator

from auditor.formats.base import ReaderOptions, iter_lines, whole_file
from auditor.formats.declaration import InputFormat
from auditor.model import InputError, Lang, Loc, TextLine


def _lines_of(path: str, lang: Lang) -> Iterator[TextLine]:
    whole_file(path)
    found = False
    for number, raw in iter_lines(path):
        content = raw.strip()
        if content:
            found = True
            yield TextLine(content, Loc(path, number, number), lang)
    if not found:
        raise InputError("no text lines found (empty file?)", path)


def lines(path: str, options: ReaderOptions) -> Iterator[TextLine]:
    """The English file's lines, then the Chinese file's."""
    if options.target_path is None:
        raise InputError("two-file input needs the Chinese file (--target)", path)
    yield from _lines_of(path, "en")
    yield from _lines_of(options.target_path, "zh")


FORMAT = InputFormat("parallel", kind="parallel", lines=lines, choosable=False)
