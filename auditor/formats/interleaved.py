"""Interleaved bilingual text: each English line followed by its Chinese line.

This is how people paste a machine translation under its source (the seed transcript):
speaker and heading lines repeated untranslated, Chinese-only lines (a summary, the MT
disclaimer) with no English, English lines whose translation is missing, blank lines.
The reader only tags each line with its language; pairing is the aligner's job (a window
of lines at a time when streamed, :mod:`auditor.source`). Any ``.txt`` file that no other
format claims by its content is read as interleaved text.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from auditor.formats.base import ReaderOptions, detect_lang, iter_lines
from auditor.formats.declaration import InputFormat
from auditor.model import InputError, Loc, TextLine


def lines(path: str, options: ReaderOptions | None = None) -> Iterator[TextLine]:
    """The text lines of the file, tagged with their language, read line by line.

    English is not required here: a Chinese-only file is a valid reference translation
    (``--reference``); an audit requires both (see :mod:`auditor.source`).
    """
    any_line = any_chinese = False
    for line in tag_lines(iter_lines(path), path):
        any_line = True
        any_chinese = any_chinese or line.lang == "zh"
        yield line
    require_both_languages(any_line, any_chinese, path)


def tag_lines(numbered: Iterable[tuple[int, str]], path: str) -> Iterator[TextLine]:
    """Each non-blank line with its number and language (lines of neither are left out)."""
    for number, raw in numbered:
        content = raw.strip()
        if not content:
            continue
        lang = detect_lang(content)
        if lang is not None:
            yield TextLine(content, Loc(path, number, number), lang)


def require_both_languages(
    any_line: bool, any_chinese: bool, path: str, any_english: bool = True
) -> None:
    """An interleaved file needs text, and lines of both languages among it: with one
    language only there is nothing to audit (a translation without its source, or a
    source without its translation)."""
    if not any_line:
        raise InputError("no text lines found (empty file?)", path)
    for present, missing in ((any_chinese, "Chinese"), (any_english, "English")):
        if not present:
            raise InputError(
                f"no {missing} lines found: an interleaved file has each English line followed by "
                "its Chinese translation (use --source/--target for two files)",
                path,
            )


FORMAT = InputFormat("interleaved", kind="interleaved", extensions=(".txt",), lines=lines)
