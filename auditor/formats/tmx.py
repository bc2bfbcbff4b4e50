"""TMX 1.4 translation memories: each ``<tu>`` is a pair, its sides chosen by language.

The English side is the first ``<tuv>`` whose ``xml:lang`` (or TMX 1.1 ``lang``) has
primary subtag ``en``, the Chinese side the first with ``zh``, in any case (``EN-US``,
``zh-Hant-TW``). Inline codes (``<bpt>``, ``<ept>``, ``<ph>``, ``<it>``, ``<ut>``) hold
native markup and are left out of the text; ``<hi>`` text is kept. Each side's lines are
those of its ``<seg>`` element. The file is parsed a chunk at a time (streaming) but a
``<tu>`` may span lines, so it is not split into partitions.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from typing import TextIO
from xml.sax.xmlreader import AttributesImpl

from auditor import __version__
from auditor.formats.base import Pair, ReaderOptions, Side
from auditor.formats.declaration import InputFormat, PairWriter, Rows
from auditor.formats.language import locale_in_head
from auditor.formats.xmlsafe import PairCollector, iter_collected_pairs
from auditor.lazy_pattern import lazy_compile
from auditor.model import InputError

#: The language of each ``<tuv>``: the Chinese one says which Chinese it is.
_TUV_LANG = lazy_compile(r"""\b(?:xml:lang|lang)\s*=\s*["']([^"']+)["']""")
#: Characters XML 1.0 cannot hold at all, even escaped.
XML_INVALID = lazy_compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def primary_subtag(tag: str) -> str:
    return tag.replace("_", "-").split("-", 1)[0].strip().lower()


def is_english(tag: str) -> bool:
    return primary_subtag(tag) in ("en", "eng")


def is_chinese(tag: str) -> bool:
    return primary_subtag(tag) in ("zh", "zho", "chi")


class _TmxHandler(PairCollector):
    SKIP = frozenset({"bpt", "ept", "ph", "it", "ut"})

    def __init__(self, path: str):
        super().__init__(path)
        self.languages: set[str] = set()
        self.units = 0
        self._lang = ""
        self._tuvs: list[tuple[str, Side]] = []

    def start(self, name: str, parent: str | None, attrs: AttributesImpl) -> None:
        if parent is None and name != "tmx":
            raise self.error(f"not a TMX file: the root element is <{name}>, not <tmx>")
        if name == "tu":
            self._tuvs = []
        elif name == "tuv":
            self._lang = attrs.get("xml:lang") or attrs.get("lang") or ""
            self.languages.add(self._lang or "(none)")
        elif name == "seg" and parent == "tuv":
            self.capture()

    def captured(self, name: str, text: str, first: int, last: int) -> None:
        self._tuvs.append((self._lang, (text, first, last)))

    def end(self, name: str) -> None:
        if name != "tu":
            return
        self.units += 1
        source = next((side for lang, side in self._tuvs if is_english(lang)), None)
        target = next((side for lang, side in self._tuvs if is_chinese(lang)), None)
        if source is not None or target is not None:
            self.pairs.append((source, target))


def iter_pairs(path: str, options: ReaderOptions | None = None) -> Iterator[Pair]:
    """The ``(English, Chinese)`` sides of each ``<tu>``, as the file is parsed."""
    handler = _TmxHandler(path)
    yield from iter_collected_pairs(path, handler)
    if handler.units and not handler.taken:
        found = ", ".join(sorted(handler.languages))
        raise InputError(
            f"no <tuv> in English (xml:lang en*) or Chinese (zh*); languages found: {found}", path
        )


def escape(text: str, entities: dict[str, str]) -> str:
    """:func:`xml.sax.saxutils.escape`, imported when a file is written (the module
    imports ``urllib``, which no reader needs)."""
    from xml.sax.saxutils import escape as sax_escape

    return sax_escape(text, entities)


def quoteattr(text: str) -> str:
    """:func:`xml.sax.saxutils.quoteattr`, imported when a file is written."""
    from xml.sax.saxutils import quoteattr as sax_quoteattr

    return sax_quoteattr(text)


def xml_text(text: str | None) -> str:
    """Escaped XML text (a CR as ``&#13;``, which parsers would otherwise turn into LF);
    characters XML 1.0 forbids are dropped (TMX and XLIFF 1.2 have no way to carry them)."""
    return escape(XML_INVALID.sub("", text or ""), {"\r": "&#13;"})


def write(rows: Rows, stream: TextIO, langs: tuple[str, str], original: str) -> int:
    """A TMX 1.4 memory: ``id`` becomes the ``tuid``, ``note`` a ``<note>``, every other
    plain extra a ``<prop type="x-...">``; an unaligned side has no ``<tuv>``."""
    source_lang, target_lang = langs
    stream.write('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n')
    stream.write(
        f'  <header creationtool="auditor" creationtoolversion={quoteattr(__version__)} '
        f'segtype="sentence" o-tmf="auditor" adminlang="en" srclang={quoteattr(source_lang)} '
        'datatype="plaintext"/>\n  <body>\n'
    )
    count = 0
    for (source, target), extras in rows:
        tuid = f" tuid={quoteattr(str(extras['id']))}" if "id" in extras else ""
        stream.write(f"    <tu{tuid}>\n")
        if extras.get("note"):
            stream.write(f"      <note>{xml_text(str(extras['note']))}</note>\n")
        for key, value in extras.items():
            if key not in ("id", "note") and isinstance(value, (str, int, float)):
                stream.write(
                    f"      <prop type={quoteattr('x-' + key)}>{xml_text(str(value))}</prop>\n"
                )
        for lang, text in ((source_lang, source), (target_lang, target)):
            if text is not None:
                stream.write(
                    f"      <tuv xml:lang={quoteattr(lang)}><seg>{xml_text(text)}</seg></tuv>\n"
                )
        stream.write("    </tu>\n")
        count += 1
    stream.write("  </body>\n</tmx>\n")
    return count


FORMAT = InputFormat(
    "tmx",
    extensions=(".tmx",),
    xml_root="tmx",
    pairs=iter_pairs,
    declared_locale=partial(locale_in_head, pattern=_TUV_LANG),
    writers=(PairWriter("tmx", ".tmx", write),),
)
