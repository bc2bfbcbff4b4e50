"""Interleaved bilingual text: each English line followed by its Chinese line.

This is how people paste a machine translation under its source (the seed transcript):
speaker and heading lines repeated untranslated, Chinese-only lines (a summary, the MT
disclaimer) with no English, English lines whose translation is missing, blank lines.
The reader only tags each line with its language; pairing is the aligner's job.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from auditor.formats.base import ReaderOptions, detect_lang, read_text, split_lines
from auditor.model import Document, InputError, Loc, TextLine

FORMAT = "interleaved"


def parse(text: str, path: str) -> Document:
    lines = list(tag_lines(enumerate(split_lines(text), start=1), path))
    # English is not required here: a Chinese-only file is a valid reference translation
    # (``--reference``); an audit requires both (see auditor.streaming).
    require_both_languages(bool(lines), any(line.lang == "zh" for line in lines), path)
    return Document(path=path, format=FORMAT, kind="interleaved", lines=tuple(lines))


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


def read(path: str, options: ReaderOptions | None = None) -> Document:
    return parse(read_text(path), path)


def sniff(text: str) -> bool:
    """Plausibly interleaved: both languages appear in alternating lines."""
    langs = [detect_lang(line) for line in split_lines(text)[:200] if line.strip()]
    return "zh" in langs and "en" in langs
