"""Parsing untrusted XML (TMX, XLIFF) safely, with the line of every element and error.

The parser is defusedxml's expat SAX driver: any entity declaration (the billion-laughs
bomb, an external entity pointing at ``/etc/passwd``) and any external reference is
refused before anything is expanded or fetched. Parameter-entity parsing is switched off,
so the usual ``<!DOCTYPE tmx SYSTEM "tmx14.dtd">`` is accepted but never loaded.

:class:`TextCollector` is the shared SAX handler: it tracks the element path and gathers
the text of chosen elements, leaving out the content of inline codes (``<ph>``, ``<bpt>``
...) that hold native markup rather than translatable text.
"""

from __future__ import annotations

import codecs
import io
import re
from xml.parsers import expat
from xml.sax import InputSource, SAXParseException
from xml.sax.handler import ContentHandler
from xml.sax.xmlreader import AttributesImpl, Locator

from defusedxml.common import DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden
from defusedxml.expatreader import DefusedExpatParser

from auditor.formats.base import decode, read_bytes
from auditor.model import InputError

_DECLARED_ENCODING = re.compile(rb"^\s*<\?xml[^>]*?encoding\s*=\s*[\"']([A-Za-z0-9._-]+)[\"']")
_BROKEN_WHITESPACE = re.compile(r"[ \t]*[\r\n]\s*")
_UNICODE_ENCODINGS = frozenset({"utf-8", "utf8", "utf-16", "utf16", "utf_8", "utf_16"})


class _SafeParser(DefusedExpatParser):
    """Entities and external references refused (defusedxml); external DTDs never read."""

    def reset(self) -> None:
        super().reset()
        self._parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)


def local_name(qname: str) -> str:
    """``xlf:trans-unit`` -> ``trans-unit`` (we parse without namespace processing)."""
    return qname.rpartition(":")[2]


class TextCollector(ContentHandler):
    """Collects the text content of chosen elements with their first and last line.

    Subclasses call :meth:`capture` from :meth:`start` to collect the element just
    opened, and receive its text in :meth:`captured`. ``SKIP`` names inline elements whose
    content is native code, not text.
    """

    SKIP: frozenset[str] = frozenset()
    #: Whether whitespace with a line break (pretty-printing) becomes one space unless
    #: ``xml:space="preserve"`` is in effect, as XLIFF allows; TMX keeps ``<seg>`` as is.
    COLLAPSE = False

    def __init__(self, path: str):
        super().__init__()
        self.path = path
        self.stack: list[str] = []
        #: ``xml:space`` in effect at each open element (it is inherited).
        self.spaces: list[str] = []
        self.locator: Locator | None = None
        self._buf: list[str] | None = None
        self._depth = 0
        self._first = 0
        self._skip = 0

    # -- hooks for subclasses ------------------------------------------------------------
    def start(self, name: str, parent: str | None, attrs: AttributesImpl) -> None:
        """An element outside any captured text opened."""

    def end(self, name: str) -> None:
        """An element outside any captured text closed."""

    def inline(self, name: str, attrs: AttributesImpl) -> str:
        """Text an empty inline element stands for inside captured text (default none)."""
        return ""

    def captured(self, name: str, text: str, first: int, last: int) -> None:
        """The text of a captured element, and the lines of its start and end tags."""

    # -- helpers -------------------------------------------------------------------------
    @property
    def line(self) -> int:
        return self.locator.getLineNumber() if self.locator is not None else 0

    def capture(self) -> None:
        self._buf = []
        self._depth = len(self.stack)
        self._first = self.line

    def error(self, message: str) -> InputError:
        return InputError(message, self.path, self.line)

    # -- SAX -----------------------------------------------------------------------------
    def setDocumentLocator(self, locator: Locator) -> None:
        self.locator = locator

    def startElement(self, qname: str, attrs: AttributesImpl) -> None:
        name = local_name(qname)
        parent = self.stack[-1] if self.stack else None
        self.stack.append(name)
        self.spaces.append(attrs.get("xml:space") or (self.spaces[-1] if self.spaces else "default"))
        if self._buf is None:
            self.start(name, parent, attrs)
        elif self._skip or name in self.SKIP:
            self._skip += 1
        else:
            self._buf.append(self.inline(name, attrs))

    def endElement(self, qname: str) -> None:
        name = self.stack.pop()
        preserve = self.spaces.pop() == "preserve"
        if self._buf is None:
            self.end(name)
        elif len(self.stack) < self._depth:
            text, self._buf = "".join(self._buf), None
            if not preserve and self.COLLAPSE:
                text = _BROKEN_WHITESPACE.sub(" ", text)
            self.captured(name, text, self._first, self.line)
        elif self._skip:
            self._skip -= 1

    def characters(self, content: str) -> None:
        if self._buf is not None and not self._skip:
            self._buf.append(content)

    def skippedEntity(self, name: str) -> None:
        raise self.error(f"malformed XML: undefined entity &{name};")


def _decode_xml(data: bytes, path: str) -> str:
    """UTF-8/UTF-16 via :func:`decode` (BOM, line of a bad byte); a declared legacy
    encoding (``ISO-8859-1``, ``Big5``...) is honoured."""
    match = _DECLARED_ENCODING.match(data[:200])
    boms = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
    if match and not data.startswith(boms):
        encoding = match.group(1).decode("ascii").lower()
        if encoding not in _UNICODE_ENCODINGS:
            try:
                return data.decode(encoding)
            except LookupError:
                raise InputError(f"unknown XML encoding {encoding!r}", path, 1) from None
            except UnicodeDecodeError as exc:
                line = data.count(b"\n", 0, exc.start) + 1
                raise InputError(f"bytes not valid in the declared encoding {encoding}", path, line) from None
    return decode(data, path)


def parse_xml(path: str, handler: TextCollector) -> None:
    """Parse the file at ``path`` into ``handler``; every problem is an InputError with a line."""
    text = _decode_xml(read_bytes(path), path)
    if not text.strip():
        raise InputError("no XML content (empty file?)", path)
    source = InputSource(path)
    source.setByteStream(io.BytesIO(text.encode("utf-8")))
    source.setEncoding("utf-8")  # overrides the declaration: we decoded it already
    parser = _SafeParser()
    parser.setContentHandler(handler)
    try:
        parser.parse(source)
    except SAXParseException as exc:
        raise InputError(f"malformed XML: {exc.getMessage()}", path, exc.getLineNumber()) from None
    except EntitiesForbidden as exc:
        raise handler.error(
            f"XML entity declaration <!ENTITY {exc.name}> refused: entities are never expanded "
            "(a defence against entity-expansion bombs and external-entity attacks)"
        ) from None
    except ExternalReferenceForbidden as exc:
        raise handler.error(f"external XML reference to {exc.sysid!r} refused") from None
    except DTDForbidden as exc:  # not enabled, but map it rather than leak a traceback
        raise handler.error(f"XML document type declaration {exc.name!r} refused") from None
