"""Interleaved bilingual text: each English line followed by its Chinese line.

This is how people paste a machine translation under its source (the seed transcript):
speaker and heading lines repeated untranslated, Chinese-only lines (a summary, the MT
disclaimer) with no English, English lines whose translation is missing, blank lines.
The reader only tags each line with its language; pairing is the aligner's job.
"""

from __future__ import annotations

from auditor.formats.base import ReaderOptions, detect_lang, read_text, split_lines
from auditor.model import Document, InputError, Loc, TextLine

FORMAT = "interleaved"


def parse(text: str, path: str) -> Document:
    lines: list[TextLine] = []
    for number, raw in enumerate(split_lines(text), start=1):
        content = raw.strip()
        if not content:
            continue
        lang = detect_lang(content)
        if lang is None:
            continue
        lines.append(TextLine(content, Loc(path, number, number), lang))
    if not lines:
        raise InputError("no text lines found (empty file?)", path)
    if not any(line.lang == "zh" for line in lines):
        raise InputError(
            "no Chinese lines found: an interleaved file has each English line followed by "
            "its Chinese translation (use --source/--target for two files)",
            path,
        )
    return Document(path=path, format=FORMAT, kind="interleaved", lines=tuple(lines))


def read(path: str, options: ReaderOptions | None = None) -> Document:
    return parse(read_text(path), path)


def sniff(text: str) -> bool:
    """Plausibly interleaved: both languages appear in alternating lines."""
    langs = [detect_lang(line) for line in split_lines(text)[:200] if line.strip()]
    return "zh" in langs and "en" in langs
