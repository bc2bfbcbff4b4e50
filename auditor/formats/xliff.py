"""XLIFF 1.2 and 2.x: each ``<trans-unit>`` (1.x) or ``<segment>`` (2.x) is a pair.

Only the ``<source>``/``<target>`` directly inside it count (not those of ``<alt-trans>``
suggestions or 2.x ``<ignorable>`` whitespace). Inline markup keeps its text content:
``<g>``, ``<mrk>``, ``<pc>`` text is kept, the native code inside 1.2 ``<bpt>``, ``<ept>``,
``<ph>``, ``<it>`` is left out, and a 2.x ``<cp hex="..."/>`` becomes its character. A
missing or empty ``<target>`` is an untranslated line. Each side's lines are those of
its element. Whitespace with a line break (pretty-printing) becomes one space unless
``xml:space="preserve"`` is in effect. The auditor checks English -> Chinese, so a file
whose source language is Chinese is refused rather than silently audited backwards.
Written as XLIFF 1.2 (``--format xliff``) or 2.0 (``--format xliff2``).
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from typing import TextIO
from xml.sax.xmlreader import AttributesImpl

from auditor import __version__
from auditor.formats.base import Pair, ReaderOptions, Side
from auditor.formats.declaration import Extras, InputFormat, PairWriter, Rows
from auditor.formats.language import locale_in_head
from auditor.formats.tmx import XML_INVALID, escape, is_chinese, quoteattr, xml_text
from auditor.formats.xmlsafe import PairCollector, iter_collected_pairs
from auditor.lazy_pattern import lazy_compile
from auditor.model import InputError

_SIGNIFICANT_SPACE = lazy_compile(r"[\t\r\n]|  ")
#: The target language: on ``<file>`` in XLIFF 1.2, on ``<xliff>`` in XLIFF 2.
_TARGET_LANG = lazy_compile(r"""\b(?:target-language|trgLang)\s*=\s*["']([^"']+)["']""")


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


def iter_pairs(path: str, options: ReaderOptions | None = None) -> Iterator[Pair]:
    """The ``(source, target)`` sides of each unit, as the file is parsed."""
    handler = _XliffHandler(path)
    yield from iter_collected_pairs(path, handler)
    if not handler.taken:
        raise InputError(f"no <{handler.container}> elements found in this XLIFF file", path)


def _xliff2_text(text: str | None) -> str:
    """XLIFF 2 carries characters XML forbids as ``<cp hex="..."/>``."""
    escaped = escape(text or "", {"\r": "&#13;"})
    return XML_INVALID.sub(lambda m: f'<cp hex="{ord(m.group()):04X}"/>', escaped)


def _unit_id(extras: Extras, count: int) -> str:
    return quoteattr(str(extras.get("id", count)))


def _space(source: str | None, target: str | None) -> str:
    """``xml:space="preserve"`` where whitespace matters: XLIFF readers may otherwise fold
    line breaks and runs of spaces."""
    if any(_SIGNIFICANT_SPACE.search(text or "") for text in (source, target)):
        return ' xml:space="preserve"'
    return ""


def write(rows: Rows, stream: TextIO, langs: tuple[str, str], original: str) -> int:
    """XLIFF 1.2: ``id`` names the unit, ``state`` goes on the target, ``note`` a
    ``<note>``; an unaligned Chinese side has no ``<target>``."""
    source_lang, target_lang = langs
    stream.write(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">\n'
        f"  <file original={quoteattr(original)} source-language={quoteattr(source_lang)} "
        f'target-language={quoteattr(target_lang)} datatype="plaintext">\n'
        '    <header><tool tool-id="auditor" tool-name="auditor" '
        f"tool-version={quoteattr(__version__)}/></header>\n    <body>\n"
    )
    count = 0
    for (source, target), extras in rows:
        count += 1
        stream.write(f"      <trans-unit id={_unit_id(extras, count)}{_space(source, target)}>\n")
        stream.write(f"        <source>{xml_text(source)}</source>\n")
        if target is not None:
            state = f" state={quoteattr(str(extras['state']))}" if extras.get("state") else ""
            stream.write(f"        <target{state}>{xml_text(target)}</target>\n")
        if extras.get("note"):
            stream.write(f"        <note>{xml_text(str(extras['note']))}</note>\n")
        stream.write("      </trans-unit>\n")
    stream.write("    </body>\n  </file>\n</xliff>\n")
    return count


def write2(rows: Rows, stream: TextIO, langs: tuple[str, str], original: str) -> int:
    """XLIFF 2.0: a ``<unit>`` with one ``<segment>`` per pair."""
    source_lang, target_lang = langs
    stream.write(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" '
        f"srcLang={quoteattr(source_lang)} trgLang={quoteattr(target_lang)}>\n"
        f'  <file id="f1" original={quoteattr(original)}>\n'
    )
    count = 0
    for (source, target), extras in rows:
        count += 1
        stream.write(f"    <unit id={_unit_id(extras, count)}{_space(source, target)}>\n")
        if extras.get("note"):
            stream.write(f"      <notes><note>{_xliff2_text(str(extras['note']))}</note></notes>\n")
        state = f" state={quoteattr(str(extras['state']))}" if extras.get("state") else ""
        stream.write(f"      <segment{state}>\n        <source>{_xliff2_text(source)}</source>\n")
        if target is not None:
            stream.write(f"        <target>{_xliff2_text(target)}</target>\n")
        stream.write("      </segment>\n    </unit>\n")
    stream.write("  </file>\n</xliff>\n")
    return count


FORMAT = InputFormat(
    "xliff",
    extensions=(".xlf", ".xliff", ".xlf2"),
    xml_root="xliff",
    pairs=iter_pairs,
    declared_locale=partial(locale_in_head, pattern=_TARGET_LANG),
    writers=(PairWriter("xliff", ".xlf", write), PairWriter("xliff2", ".xlf", write2)),
)
