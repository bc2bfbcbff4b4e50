"""Parsing untrusted XML (TMX, XLIFF) safely, with the line of every element and error.

The parser is defusedxml's expat SAX driver: any entity declaration (the billion-laughs
bomb, an external entity pointing at ``/etc/passwd``) and any external reference is
refused before anything is expanded or fetched. Parameter-entity parsing is switched off,
so the usual ``<!DOCTYPE tmx SYSTEM "tmx14.dtd">`` is accepted but never loaded.

:class:`TextCollector` is the shared SAX handler: it tracks the element path and gathers
the text of chosen elements, leaving out the content of inline codes (``<ph>``, ``<bpt>``
...) that hold native markup rather than translatable text. The parser itself (defusedxml,
and the expat driver, which imports ``urllib``) is imported when a file is parsed, so
that declaring the XML formats costs a command nothing.
"""

from __future__ import annotations

import codecs
from collections.abc import Iterator
from functools import cache
from xml.sax import InputSource, SAXParseException
from xml.sax.handler import ContentHandler
from xml.sax.xmlreader import AttributesImpl, Locator

from auditor.formats.base import Side, open_input, refuse_binary
from auditor.lazy_pattern import lazy_compile
from auditor.model import InputError

_DECLARED_ENCODING = lazy_compile(rb"^\s*<\?xml[^>]*?encoding\s*=\s*[\"']([A-Za-z0-9._-]+)[\"']")
_BROKEN_WHITESPACE = lazy_compile(r"[ \t]*[\r\n]\s*")
_UNICODE_ENCODINGS = frozenset({"utf-8", "utf8", "utf-16", "utf16", "utf_8", "utf_16"})


@cache
def _safe_parser() -> type:
    """The SAX parser class: entities and external references refused (defusedxml);
    external DTDs never read."""
    from xml.parsers import expat
    from xml.sax.expatreader import ExpatLocator

    from defusedxml.expatreader import DefusedExpatParser  # type: ignore[import-untyped]

    class SafeParser(DefusedExpatParser):  # type: ignore[misc]
        def reset(self) -> None:
            super().reset()
            self._parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)

        def begin(self, source: InputSource) -> None:
            """What ``parse`` does before its first ``feed``, so that a caller can feed
            the chunks itself (and take the handler's results between them)."""
            self._source = source
            self.reset()
            self._cont_handler.setDocumentLocator(ExpatLocator(self))

    return SafeParser


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
        return (self.locator.getLineNumber() or 0) if self.locator is not None else 0

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
        self.spaces.append(
            attrs.get("xml:space") or (self.spaces[-1] if self.spaces else "default")
        )
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


class PairCollector(TextCollector):
    """A TextCollector that gathers ``(source side, target side)`` pairs in ``pairs``,
    taken away by :func:`iter_collected_pairs` as parsing goes."""

    def __init__(self, path: str):
        super().__init__(path)
        self.pairs: list[tuple[Side | None, Side | None]] = []
        #: Pairs taken so far.
        self.taken = 0


def iter_collected_pairs(
    path: str, handler: PairCollector
) -> Iterator[tuple[Side | None, Side | None]]:
    """The pairs ``handler`` collects from the file at ``path``, a parsed chunk at a time."""
    for _ in feed_xml(path, handler):
        handler.taken += len(handler.pairs)
        yield from handler.pairs
        handler.pairs.clear()


#: Bytes read and parsed at a time by :func:`feed_xml`.
CHUNK_BYTES = 1 << 16


def feed_xml(path: str, handler: TextCollector) -> Iterator[None]:
    """Parse the file at ``path`` into ``handler`` a chunk at a time, yielding after each
    chunk so the caller can take what the handler collected: memory stays bounded by a
    chunk and the caller's window, whatever the size of the file. Decoding follows
    :func:`auditor.formats.base.decode` plus a declared legacy encoding, and every problem is an
    InputError with a line."""
    from defusedxml.common import (  # type: ignore[import-untyped]
        DTDForbidden,
        EntitiesForbidden,
        ExternalReferenceForbidden,
    )

    with open_input(path) as raw:
        head = raw.read(CHUNK_BYTES)
        if not head:
            raise InputError("the file is empty", path)
        encoding = _encoding_of(head, path)
        decoder = codecs.getincrementaldecoder(encoding)(errors="strict")
        parser = _safe_parser()()
        parser.setContentHandler(handler)
        source = InputSource(path)
        source.setEncoding("utf-8")  # overrides the declaration: we decode it ourselves
        lines_before, bytes_before, content = 0, 0, False
        try:
            parser.begin(source)
            chunk = head
            while True:
                final = not chunk
                try:
                    text = decoder.decode(chunk, final=final)
                except UnicodeDecodeError as exc:
                    at = max(0, exc.start)
                    line = lines_before + chunk.count(b"\n", 0, at) + 1
                    raise InputError(
                        _bad_bytes(encoding, chunk, at, bytes_before), path, line
                    ) from None
                lines_before += chunk.count(b"\n")
                bytes_before += len(chunk)
                if not content and text.strip():
                    content = True
                if final:
                    if not content:
                        raise InputError("no XML content (empty file?)", path)
                    parser.close()
                    yield
                    return
                parser.feed(text.encode("utf-8"))
                yield
                chunk = raw.read(CHUNK_BYTES)
        except SAXParseException as exc:
            raise InputError(
                f"malformed XML: {exc.getMessage()}", path, exc.getLineNumber()
            ) from None
        except EntitiesForbidden as exc:
            raise handler.error(
                f"XML entity declaration <!ENTITY {exc.name}> refused: entities are never expanded "
                "(a defence against entity-expansion bombs and external-entity attacks)"
            ) from None
        except ExternalReferenceForbidden as exc:
            raise handler.error(f"external XML reference to {exc.sysid!r} refused") from None
        except DTDForbidden as exc:  # not enabled, but map it rather than leak a traceback
            raise handler.error(f"XML document type declaration {exc.name!r} refused") from None


def _encoding_of(head: bytes, path: str) -> str:
    """The codec of a file from its first bytes: a BOM, else a declared legacy encoding,
    else UTF-8."""
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    refuse_binary(head, path)
    match = _DECLARED_ENCODING.match(head[:200])
    if match:
        encoding = match.group(1).decode("ascii").lower()
        if encoding not in _UNICODE_ENCODINGS:
            try:
                codecs.lookup(encoding)
            except LookupError:
                raise InputError(f"unknown XML encoding {encoding!r}", path, 1) from None
            return encoding
    return "utf-8"


def _bad_bytes(encoding: str, chunk: bytes, at: int, before: int) -> str:
    if encoding == "utf-16":
        return "invalid UTF-16 text"
    if encoding.startswith("utf-8"):
        byte = (
            f"byte 0x{chunk[at]:02x} at offset {before + at}"
            if at < len(chunk)
            else "a cut character at the end"
        )
        return f"invalid UTF-8 ({byte}); save the file as UTF-8 or UTF-16 with a BOM"
    return f"bytes not valid in the declared encoding {encoding}"
