"""Which reader a file needs: its content first where the content is unambiguous, then
its extension, then interleaved text.

Content wins because people name files carelessly: a ``.txt`` exported from a spreadsheet
is TSV, an ``.xml`` is TMX or XLIFF depending on its root element, a ``.json`` is JSON
Lines. CSV is only recognised by content when its header names the languages, since
ordinary English prose is full of commas.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

from auditor.formats.base import cjk_count, read_head
from auditor.formats.delimited import SOURCE_NAMES, TARGET_NAMES
from auditor.model import InputError

#: file extension -> format name.
EXTENSIONS: dict[str, str] = {
    ".txt": "interleaved",
    ".tsv": "tsv",
    ".tab": "tsv",
    ".csv": "csv",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "jsonl",
    ".tmx": "tmx",
    ".xlf": "xliff",
    ".xliff": "xliff",
    ".xlf2": "xliff",
}
XML_EXTENSIONS = frozenset({".xml", ".tmx", ".xlf", ".xliff", ".xlf2"})
XML_ROOTS = {"tmx": "tmx", "xliff": "xliff"}

_XML_NOISE = re.compile(r"<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^\[>]*(?:\[.*?\])?\s*>", re.S)
_XML_ROOT = re.compile(r"<(?:[\w.\-]+:)?([\w.\-]+)")


def xml_root(head: str) -> str | None:
    """The local name of the root element, if the head of the file shows it."""
    match = _XML_ROOT.search(_XML_NOISE.sub("", head))
    return match.group(1).lower() if match else None


def _looks_tsv(lines: list[str]) -> bool:
    if "\t" not in lines[0]:
        return False
    return sum("\t" in line for line in lines) >= 0.6 * len(lines)


def _looks_csv(first_line: str) -> bool:
    """A header row of short column names including a language column."""
    try:
        header = next(csv.reader([first_line]))
    except csv.Error:
        return False
    names = [h.strip().lower() for h in header]
    if len(names) < 2 or any(len(n) > 40 or cjk_count(n) for n in names):
        return False
    known = SOURCE_NAMES | TARGET_NAMES
    return any(n in known or n.startswith(("en-", "zh-", "en_", "zh_")) for n in names)


def detect_format(path: str, head: str) -> str:
    """The format of ``path`` given the decoded start of its content."""
    suffix = Path(path).suffix.lower()
    stripped = head.lstrip()
    if stripped.startswith("<"):
        root = xml_root(stripped)
        if root in XML_ROOTS:
            return XML_ROOTS[root]
        if suffix in XML_EXTENSIONS:
            what = f"<{root}>" if root else "not found"
            raise InputError(
                f"XML file whose root element is {what}: expected <tmx> (TMX) or <xliff> "
                "(XLIFF); use --input-format to choose a reader",
                path,
            )
    lines = [line for line in stripped.splitlines()[:50] if line.strip()]
    if lines and lines[0].lstrip().startswith("{"):
        return "jsonl"
    if lines and _looks_tsv(lines):
        return "tsv"
    if lines and _looks_csv(lines[0]):
        return "csv"
    return EXTENSIONS.get(suffix, "interleaved")


def guess_format(path: str) -> str:
    return detect_format(path, read_head(path))
