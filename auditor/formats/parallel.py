"""Two parallel plain-text files: English lines in one, Chinese lines in the other.

Line counts may differ (lines dropped, merged or split by the translation); the aligner
pairs them. Blank lines are skipped but keep their numbers in the provenance.
"""

from __future__ import annotations

from auditor.formats.base import read_text, split_lines
from auditor.model import Document, InputError, Lang, Loc, TextLine

FORMAT = "parallel"


def _lines(path: str, lang: Lang) -> list[TextLine]:
    out = []
    for number, raw in enumerate(split_lines(read_text(path)), start=1):
        content = raw.strip()
        if content:
            out.append(TextLine(content, Loc(path, number, number), lang))
    if not out:
        raise InputError("no text lines found (empty file?)", path)
    return out


def read_parallel(source_path: str, target_path: str) -> Document:
    lines = _lines(source_path, "en") + _lines(target_path, "zh")
    return Document(
        path=source_path,
        format=FORMAT,
        kind="parallel",
        lines=tuple(lines),
        target_path=target_path,
    )
