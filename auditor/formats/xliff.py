"""XLIFF 1.2 and 2.x: each ``<trans-unit>`` (1.x) or ``<segment>`` (2.x) is a pair.

Only the ``<source>``/``<target>`` directly inside it count (not those of ``<alt-trans>``
suggestions or 2.x ``<ignorable>`` whitespace). Inline markup keeps its text content:
``<g>``, ``<mrk>``, ``<pc>`` text is kept, the native code inside 1.2 ``<bpt>``, ``<ept>``,
``<ph>``, ``<it>`` is left out, and a 2.x ``<cp hex="..."/>`` becomes its character. A
missing or empty ``<target>`` is an untranslated line. Each side's lines are those of
its element. Whitespace with a line break (pretty-printing) becomes one space unless
``xml:space="preserve"`` is in effect. The auditor checks English -> Chinese, so a file
whose source language is Chinese is refused rather than silently audited backwards.
"""

from __future__ import annotations

from collections.abc import Iterator
from xml.sax.xmlreader import AttributesImpl

from auditor.formats.base import ReaderOptions, Side, pairs_document, whole_file
from auditor.formats.tmx import is_chinese
from auditor.formats.xmlsafe import PairCollector, iter_collected_pairs
from auditor.model import Document, InputError

FORMAT = "xliff"


class _XliffHandler(PairCollector):
    COLLAPSE = True

    def __init__(self, path: str):
        super().__init__(path)
        self.version = ""
        self.container = "trans-unit"
        self._sides: dict[str, Side] = {}

    def _check_languages(self, source_lang: str | None, target_lang: str | None) -> None:
        if source_lang and is_chinese(source_lang):
            raise self.error(
                f"this XLIFF translates from {source_lang} to {target_lang or '?'}; "
                "the auditor checks English source against a Chinese translation"
            )

    def start(self, name: str, parent: str | None, attrs: AttributesImpl) -> None:
        if parent is None:
            if name != "xliff":
                raise self.error(f"not an XLIFF file: the root element is <{name}>, not <xliff>")
            self.version = attrs.get("version", "")
            namespace = attrs.get("xmlns", "")
            if self.version.startswith("2") or "xliff:document:2" in namespace:
                self.container = "segment"
                self.SKIP = frozenset()
                self._check_languages(attrs.get("srcLang"), attrs.get("trgLang"))
            else:
                self.SKIP = frozenset({"bpt", "ept", "ph", "it"})
        elif name == "file" and self.container == "trans-unit":
            self._check_languages(attrs.get("source-language"), attrs.get("target-language"))
        elif name == self.container:
            self._sides = {}
        elif name in ("source", "target") and parent == self.container:
            self.capture()

    def inline(self, name: str, attrs: AttributesImpl) -> str:
        if name == "cp":
            try:
                return chr(int(attrs.get("hex", ""), 16))
            except (ValueError, OverflowError):
                raise self.error(
                    f"<cp> with an invalid hex code point {attrs.get('hex')!r}"
                ) from None
        return ""

    def captured(self, name: str, text: str, first: int, last: int) -> None:
        self._sides.setdefault(name, (text, first, last))

    def end(self, name: str) -> None:
        if name == self.container:
            self.pairs.append((self._sides.get("source"), self._sides.get("target")))


def read(path: str, options: ReaderOptions | None = None) -> Document:
    whole_file(path)
    return pairs_document(path, FORMAT, list(iter_pairs(path)))


def iter_pairs(path: str) -> Iterator[tuple[Side | None, Side | None]]:
    """The ``(source, target)`` sides of each unit, as the file is parsed."""
    handler = _XliffHandler(path)
    yield from iter_collected_pairs(path, handler)
    if not handler.taken:
        raise InputError(f"no <{handler.container}> elements found in this XLIFF file", path)
