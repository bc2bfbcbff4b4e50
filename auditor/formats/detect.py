"""Which reader a file needs: its content first where the content is unambiguous, then
its extension, then interleaved text.

Content wins because people name files carelessly: a ``.txt`` exported from a spreadsheet
is TSV, an ``.xml`` is TMX or XLIFF depending on its root element, a ``.json`` is JSON
Lines. Each format says what its content looks like (``sniff``, ``xml_root``) and which
extensions it goes by (:mod:`auditor.formats.registry`).
"""

from __future__ import annotations

import re
from pathlib import Path

from auditor.formats.base import read_head
from auditor.formats.registry import formats
from auditor.lazy_pattern import lazy_compile
from auditor.model import InputError

_XML_NOISE = lazy_compile(r"<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^\[>]*(?:\[.*?\])?\s*>", re.S)
_XML_ROOT = lazy_compile(r"<(?:[\w.\-]+:)?([\w.\-]+)")


def xml_root(head: str) -> str | None:
    """The local name of the root element, if the head of the file shows it."""
    match = _XML_ROOT.search(_XML_NOISE.sub("", head))
    return match.group(1).lower() if match else None


def extensions() -> dict[str, str]:
    """file extension -> format name."""
    return {ext: fmt.name for fmt in formats() for ext in fmt.extensions}


def _detect_xml(path: str, suffix: str, head: str) -> str | None:
    root = xml_root(head)
    xml_formats = [fmt for fmt in formats() if fmt.xml_root]
    for fmt in xml_formats:
        if fmt.xml_root == root:
            return fmt.name
    if suffix == ".xml" or any(suffix in fmt.extensions for fmt in xml_formats):
        what = f"<{root}>" if root else "not found"
        expected = " or ".join(f"<{fmt.xml_root}> ({fmt.name.upper()})" for fmt in xml_formats)
        raise InputError(
            f"XML file whose root element is {what}: expected {expected}; "
            "use --input-format to choose a reader",
            path,
        )
    return None


def detect_format(path: str, head: str) -> str:
    """The format of ``path`` given the decoded start of its content."""
    suffix = Path(path).suffix.lower()
    stripped = head.lstrip()
    if stripped.startswith("<") and (found := _detect_xml(path, suffix, stripped)):
        return found
    lines = [line for line in stripped.splitlines()[:50] if line.strip()]
    if lines:
        for fmt in formats():
            if fmt.sniff is not None and fmt.sniff(lines):
                return fmt.name
    return extensions().get(suffix, "interleaved")


def guess_format(path: str) -> str:
    return detect_format(path, read_head(path))
