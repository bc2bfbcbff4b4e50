"""TMX 1.4 translation memories: each ``<tu>`` is a pair, its sides chosen by language.

The English side is the first ``<tuv>`` whose ``xml:lang`` (or TMX 1.1 ``lang``) has
primary subtag ``en``, the Chinese side the first with ``zh``, in any case (``EN-US``,
``zh-Hant-TW``). Inline codes (``<bpt>``, ``<ept>``, ``<ph>``, ``<it>``, ``<ut>``) hold
native markup and are left out of the text; ``<hi>`` text is kept. Each side's lines are
those of its ``<seg>`` element.
"""

from __future__ import annotations

from collections.abc import Iterator
from xml.sax.xmlreader import AttributesImpl

from auditor.formats.base import ReaderOptions, Side, pairs_document, whole_file
from auditor.formats.xmlsafe import PairCollector, iter_collected_pairs
from auditor.model import Document, InputError

FORMAT = "tmx"


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


def read(path: str, options: ReaderOptions | None = None) -> Document:
    whole_file(path)
    return pairs_document(path, FORMAT, list(iter_pairs(path)))


def iter_pairs(path: str) -> Iterator[tuple[Side | None, Side | None]]:
    """The ``(English, Chinese)`` sides of each ``<tu>``, as the file is parsed."""
    handler = _TmxHandler(path)
    yield from iter_collected_pairs(path, handler)
    if handler.units and not handler.taken:
        found = ", ".join(sorted(handler.languages))
        raise InputError(
            f"no <tuv> in English (xml:lang en*) or Chinese (zh*); languages found: {found}", path
        )
