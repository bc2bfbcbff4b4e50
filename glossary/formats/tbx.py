"""TBX-Basic import and export: the termbase exchange format other tools read.

Export writes TBX-Basic as most CAT tools import it (TBX v2, ``<martif type="TBX-Basic">``);
import also reads TBX v3 (``<tbx>`` with ``conceptEntry/langSec/termSec``). XML is parsed
with defusedxml: a termbase comes from elsewhere, and entity expansion must not be a way in.

Mapping (docs/glossary-format.md has the table): one ``termEntry`` per concept; the English
``langSet`` holds the head term (preferred) and variants (admitted); ``zh-TW`` and ``zh-CN``
hold the approved renderings (preferred first); forbidden renderings are ``deprecated`` terms
in a ``zh`` langSet; ``subjectField`` is the category; ``note`` the note; do-not-translate is
``translationNote`` = ``no`` (as Weblate reads it) and case sensitivity an auditor
``caseSensitive`` term note, both on the English head term.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TextIO

import defusedxml.ElementTree as DET  # type: ignore[import-untyped]  # defusedxml ships no stubs
from defusedxml import DefusedXmlException  # type: ignore[import-untyped]  # (nor here)

from glossary.errors import GlossaryError
from glossary.model import Concept
from glossary.problems import Problem

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_PREFERRED = "preferredTerm-admn-sts"
_ADMITTED = "admittedTerm-admn-sts"
_DEPRECATED = "deprecatedTerm-admn-sts"
#: administrativeStatus values (TBX v2, v3, and what Weblate writes) that forbid a term.
_FORBIDDING = frozenset(
    {_DEPRECATED, "supersededTerm-admn-sts", "deprecated", "superseded", "forbidden", "obsolete"}
)
#: Subtags that make a Chinese langSet mainland (Simplified); any other ``zh`` goes to zh-TW.
_CN_SUBTAGS = frozenset({"cn", "hans", "sg"})


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


class _LineTreeBuilder(ET.TreeBuilder):
    """A tree builder that remembers the line each element starts on (for messages)."""

    def __init__(self) -> None:
        super().__init__()
        self.lines: dict[int, int] = {}
        self.parser: DET.DefusedXMLParser | None = None

    def start(self, tag, attrs):  # type: ignore[no-untyped-def]
        element = super().start(tag, attrs)
        if self.parser is not None:
            self.lines[id(element)] = self.parser.parser.CurrentLineNumber
        return element


def _parse_xml(data: bytes, path: str) -> tuple[ET.Element, dict[int, int]]:
    builder = _LineTreeBuilder()
    parser = DET.DefusedXMLParser(target=builder)
    builder.parser = parser
    try:
        parser.feed(data)
        root = parser.close()
    except ET.ParseError as exc:
        line = exc.position[0] if exc.position else None
        reason = str(exc).split(":")[0]
        raise GlossaryError(f"malformed TBX (XML: {reason})", path, line) from None
    except DefusedXmlException as exc:
        raise GlossaryError(
            f"refused TBX: {type(exc).__name__} (entities and external references are not allowed)",
            path,
        ) from None
    return root, builder.lines


@dataclass
class _Entry:
    line: int
    english: list[tuple[str, str]] = field(default_factory=list)  # (term, status)
    zh_tw: list[str] = field(default_factory=list)
    zh_cn: list[str] = field(default_factory=list)
    forbidden: list[str] = field(default_factory=list)
    dnt: bool = False
    case_sensitive: bool = False
    category: str = ""
    notes: list[str] = field(default_factory=list)
    #: Cue words of a sense concept (``<descrip type="context">``, ``|``-separated).
    context: list[str] = field(default_factory=list)


def _text(element: ET.Element) -> str:
    return " ".join("".join(element.itertext()).split())


def _term_notes(term_group: ET.Element) -> dict[str, str]:
    notes: dict[str, str] = {}
    for el in term_group.iter():
        if _local(el.tag) == "termNote" and el.get("type"):
            notes.setdefault(el.get("type", ""), _text(el))
    return notes


def _read_lang_set(
    lang_set: ET.Element, entry: _Entry, path: str, lines: dict[int, int], problems: list[Problem]
) -> None:
    lang = (lang_set.get(XML_LANG) or lang_set.get("lang") or "").strip().lower().replace("_", "-")
    subtags = lang.split("-")
    for group in lang_set:
        if _local(group.tag) not in ("tig", "ntig", "termSec"):
            continue
        term_el = next((el for el in group.iter() if _local(el.tag) == "term"), None)
        term = _text(term_el) if term_el is not None else ""
        if not term:
            problems.append(
                Problem(
                    "GL015",
                    path,
                    lines.get(id(group), entry.line),
                    f"<{_local(group.tag)}> without a <term>",
                )
            )
            continue
        notes = _term_notes(group)
        status = notes.get("administrativeStatus", "")
        if subtags[0] == "en":
            entry.english.append((term, status))
            entry.dnt = entry.dnt or notes.get("translationNote", "").lower() == "no"
            entry.case_sensitive = (
                entry.case_sensitive or notes.get("caseSensitive", "").lower() == "yes"
            )
        elif subtags[0] != "zh":
            continue  # other languages are not this tool's business
        elif status in _FORBIDDING:
            entry.forbidden.append(term)
        elif _CN_SUBTAGS & set(subtags[1:]):
            entry.zh_cn.append(term)
        else:
            entry.zh_tw.append(term)


def _read_entry(
    element: ET.Element, path: str, lines: dict[int, int], problems: list[Problem]
) -> Concept | None:
    entry = _Entry(lines.get(id(element), 0))
    for child in element:
        name = _local(child.tag)
        if name in ("descrip", "descripGrp"):
            descrip = (
                child
                if name == "descrip"
                else next((el for el in child if _local(el.tag) == "descrip"), None)
            )
            if descrip is not None and descrip.get("type") == "subjectField" and not entry.category:
                entry.category = _text(descrip)
            elif descrip is not None and descrip.get("type") == "context":
                entry.context.extend(c.strip() for c in _text(descrip).split("|") if c.strip())
        elif name == "note":
            entry.notes.append(_text(child))
        elif name in ("langSet", "langSec"):
            _read_lang_set(child, entry, path, lines, problems)
    if not entry.english:
        problems.append(
            Problem("GL004", path, entry.line, 'entry has no English term (xml:lang="en")', "en")
        )
        return None
    preferred = [t for t, s in entry.english if s in (_PREFERRED, "preferred")]
    head = preferred[0] if preferred else entry.english[0][0]
    variants = [t for t, s in entry.english if t != head and s not in _FORBIDDING]
    return Concept(
        en=head,
        variants=tuple(dict.fromkeys(variants)),
        zh_tw=tuple(dict.fromkeys(entry.zh_tw)),
        zh_cn=tuple(dict.fromkeys(entry.zh_cn)),
        forbidden=tuple(dict.fromkeys(entry.forbidden)),
        dnt=entry.dnt,
        case_sensitive=entry.case_sensitive,
        category=entry.category,
        note=" ".join(n for n in entry.notes if n),
        context=tuple(dict.fromkeys(entry.context)),
        source=path,
        line=entry.line,
    )


def parse(data: bytes, path: str) -> tuple[tuple[Concept, ...], tuple[Problem, ...]]:
    root, lines = _parse_xml(data, path)
    if _local(root.tag) not in ("martif", "tbx"):
        raise GlossaryError(
            f"not a TBX file: the root element is <{_local(root.tag)}>, not <martif> or <tbx>",
            path,
            lines.get(id(root)),
        )
    problems: list[Problem] = []
    concepts: list[Concept] = []
    for element in root.iter():
        if _local(element.tag) in ("termEntry", "conceptEntry"):
            concept = _read_entry(element, path, lines, problems)
            if concept is not None:
                concepts.append(concept)
    if not concepts and not problems:
        problems.append(
            Problem(
                "GL015", path, lines.get(id(root), 1), "no <termEntry> or <conceptEntry> elements"
            )
        )
    return tuple(concepts), tuple(problems)


# --- writing ---------------------------------------------------------------------------


def _tig(parent: ET.Element, term: str, status: str, notes: Sequence[tuple[str, str]] = ()) -> None:
    tig = ET.SubElement(parent, "tig")
    ET.SubElement(tig, "term").text = term
    ET.SubElement(tig, "termNote", type="administrativeStatus").text = status
    for kind, value in notes:
        ET.SubElement(tig, "termNote", type=kind).text = value


def _lang_set(
    entry: ET.Element, lang: str, terms: Sequence[str], status_of_first: str, status_of_rest: str
) -> None:
    if not terms:
        return
    lang_set = ET.SubElement(entry, "langSet", {XML_LANG: lang})
    for index, term in enumerate(terms):
        _tig(lang_set, term, status_of_first if index == 0 else status_of_rest)


def build(concepts: Sequence[Concept], description: str = "auditor glossary") -> ET.ElementTree:
    """The TBX-Basic document of ``concepts``, indented."""
    tree = ET.ElementTree(_martif(concepts, description))
    ET.indent(tree, space="  ")
    return tree


def _martif(concepts: Sequence[Concept], description: str) -> ET.Element:
    """The ``<martif>`` root element of the TBX-Basic document of ``concepts``."""
    root = ET.Element("martif", {"type": "TBX-Basic", XML_LANG: "en"})
    header = ET.SubElement(root, "martifHeader")
    source_desc = ET.SubElement(ET.SubElement(header, "fileDesc"), "sourceDesc")
    ET.SubElement(source_desc, "p").text = description
    ET.SubElement(
        ET.SubElement(header, "encodingDesc"), "p", type="XCSURI"
    ).text = "TBXBasicXCSV02.xcs"
    body = ET.SubElement(ET.SubElement(root, "text"), "body")
    for number, concept in enumerate(concepts, start=1):
        entry = ET.SubElement(body, "termEntry", id=f"c{number}")
        if concept.category:
            ET.SubElement(entry, "descrip", type="subjectField").text = concept.category
        if concept.context:
            ET.SubElement(entry, "descrip", type="context").text = "|".join(concept.context)
        if concept.note:
            ET.SubElement(entry, "note").text = concept.note
        en = ET.SubElement(entry, "langSet", {XML_LANG: "en"})
        flags = []
        if concept.dnt:
            flags.append(("translationNote", "no"))
        if concept.case_sensitive:
            flags.append(("caseSensitive", "yes"))
        _tig(en, concept.en, _PREFERRED, flags)
        for variant in concept.variants:
            _tig(en, variant, _ADMITTED)
        _lang_set(entry, "zh-TW", concept.zh_tw, _PREFERRED, _ADMITTED)
        _lang_set(entry, "zh-CN", concept.zh_cn, _PREFERRED, _ADMITTED)
        _lang_set(entry, "zh", concept.forbidden, _DEPRECATED, _DEPRECATED)
    return root


def write(
    concepts: Sequence[Concept], stream: TextIO, description: str = "auditor glossary"
) -> None:
    stream.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    stream.write('<!DOCTYPE martif SYSTEM "TBXBasiccoreStructV02.dtd">\n')
    root = _martif(concepts, description)
    ET.indent(root, space="  ")
    stream.write(ET.tostring(root, encoding="unicode"))
    stream.write("\n")
