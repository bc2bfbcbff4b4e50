"""Writers for aligned pairs: the auditor doubles as a builder of clean bilingual corpora.

One interface, :func:`write_pairs`, for every format; each output reads back through the
matching reader to the same pairs (tests check the round trip). ``None`` on a side is an
unaligned line: an empty field (TSV, CSV), ``null`` (JSONL), a missing ``<tuv>`` (TMX), a
missing ``<target>`` or an empty ``<source>`` (XLIFF).

``extras`` (one mapping per pair, optional) carries what a format can hold beyond the
text: ``id`` (TMX ``tuid``, XLIFF unit id), ``note`` (``<note>``), ``state`` (XLIFF target
state), and for JSONL every key (the aligner's type and score). TSV and CSV stay two
plain columns, ``en`` and ``zh``, so spreadsheets and MT training scripts read them as-is.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from itertools import zip_longest
from typing import TextIO
from xml.sax.saxutils import escape, quoteattr

from auditor import __version__
from auditor.model import Segment

Pair = tuple[str | None, str | None]
Extras = Mapping[str, object]

#: Characters XML 1.0 cannot hold at all, even escaped.
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_SIGNIFICANT_SPACE = re.compile(r"[\t\r\n]|  ")
_TSV_SPECIAL = re.compile(r"[\\\t\n\r]")
_TSV_ESCAPES = {"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"}


def _tsv_field(text: str | None) -> str:
    field = _TSV_SPECIAL.sub(lambda m: _TSV_ESCAPES[m.group()], text or "")
    if len(field) >= 2 and field[0] == field[-1] == '"':
        # Readers (ours, spreadsheets) would take it for a quoted field: quote it for real.
        field = '"' + field.replace('"', '""') + '"'
    return field


def _xml_text(text: str | None) -> str:
    """Escaped XML text (a CR as ``&#13;``, which parsers would otherwise turn into LF);
    characters XML 1.0 forbids are dropped (TMX and XLIFF 1.2 have no way to carry them)."""
    return escape(_XML_INVALID.sub("", text or ""), {"\r": "&#13;"})


def _xliff2_text(text: str | None) -> str:
    """XLIFF 2 carries characters XML forbids as ``<cp hex="..."/>``."""
    escaped = escape(text or "", {"\r": "&#13;"})
    return _XML_INVALID.sub(lambda m: f'<cp hex="{ord(m.group()):04X}"/>', escaped)


def _write_tsv(rows: Iterable[tuple[Pair, Extras]], stream: TextIO, langs: tuple[str, str]) -> int:
    stream.write("en\tzh\n")
    count = 0
    for (source, target), _ in rows:
        stream.write(f"{_tsv_field(source)}\t{_tsv_field(target)}\n")
        count += 1
    return count


def _write_csv(rows: Iterable[tuple[Pair, Extras]], stream: TextIO, langs: tuple[str, str]) -> int:
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(["en", "zh"])
    count = 0
    for (source, target), _ in rows:
        writer.writerow([source or "", target or ""])
        count += 1
    return count


def _write_jsonl(
    rows: Iterable[tuple[Pair, Extras]], stream: TextIO, langs: tuple[str, str]
) -> int:
    count = 0
    for (source, target), extras in rows:
        record = {"source": source, "target": target, **extras}
        line = json.dumps(record, ensure_ascii=False)
        # Keep one record per line for tools that also split on Unicode line separators.
        stream.write(line.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029") + "\n")
        count += 1
    return count


def _write_tmx(rows: Iterable[tuple[Pair, Extras]], stream: TextIO, langs: tuple[str, str]) -> int:
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
            stream.write(f"      <note>{_xml_text(str(extras['note']))}</note>\n")
        for key, value in extras.items():
            if key not in ("id", "note") and isinstance(value, (str, int, float)):
                stream.write(
                    f"      <prop type={quoteattr('x-' + key)}>{_xml_text(str(value))}</prop>\n"
                )
        for lang, text in ((source_lang, source), (target_lang, target)):
            if text is not None:
                stream.write(
                    f"      <tuv xml:lang={quoteattr(lang)}><seg>{_xml_text(text)}</seg></tuv>\n"
                )
        stream.write("    </tu>\n")
        count += 1
    stream.write("  </body>\n</tmx>\n")
    return count


def _unit_id(extras: Extras, count: int) -> str:
    return quoteattr(str(extras.get("id", count)))


def _space(source: str | None, target: str | None) -> str:
    """``xml:space="preserve"`` where whitespace matters: XLIFF readers may otherwise fold
    line breaks and runs of spaces."""
    if any(_SIGNIFICANT_SPACE.search(text or "") for text in (source, target)):
        return ' xml:space="preserve"'
    return ""


def _write_xliff(
    rows: Iterable[tuple[Pair, Extras]],
    stream: TextIO,
    langs: tuple[str, str],
    original: str = "auditor",
) -> int:
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
        stream.write(f"        <source>{_xml_text(source)}</source>\n")
        if target is not None:
            state = f" state={quoteattr(str(extras['state']))}" if extras.get("state") else ""
            stream.write(f"        <target{state}>{_xml_text(target)}</target>\n")
        if extras.get("note"):
            stream.write(f"        <note>{_xml_text(str(extras['note']))}</note>\n")
        stream.write("      </trans-unit>\n")
    stream.write("    </body>\n  </file>\n</xliff>\n")
    return count


def _write_xliff2(
    rows: Iterable[tuple[Pair, Extras]],
    stream: TextIO,
    langs: tuple[str, str],
    original: str = "auditor",
) -> int:
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


_WRITERS: dict[str, Callable[..., int]] = {
    "tsv": _write_tsv,
    "csv": _write_csv,
    "jsonl": _write_jsonl,
    "tmx": _write_tmx,
    "xliff": _write_xliff,
    "xliff2": _write_xliff2,
}

#: Output formats of :func:`write_pairs` (``xliff`` is XLIFF 1.2).
PAIR_FORMATS: tuple[str, ...] = tuple(_WRITERS)
#: The file extension each format is usually saved with.
PAIR_EXTENSIONS: dict[str, str] = {
    "tsv": ".tsv",
    "csv": ".csv",
    "jsonl": ".jsonl",
    "tmx": ".tmx",
    "xliff": ".xlf",
    "xliff2": ".xlf",
}


def write_pairs(
    pairs: Iterable[Pair],
    stream: TextIO,
    fmt: str,
    *,
    extras: Iterable[Extras] | None = None,
    source_lang: str = "en",
    target_lang: str = "zh-TW",
    original: str = "auditor",
) -> int:
    """Write (English, Chinese) pairs to ``stream`` in ``fmt``; returns how many.

    ``original`` names the source document in XLIFF's ``<file>``.
    """
    if fmt not in _WRITERS:
        raise ValueError(f"unknown pair format {fmt!r}; choose from {', '.join(PAIR_FORMATS)}")
    rows: Iterable[tuple[Pair, Extras]]
    if extras is None:
        rows = ((pair, {}) for pair in pairs)
    else:
        rows = _zip_strict(pairs, extras)
    langs = (source_lang, target_lang)
    if fmt in ("xliff", "xliff2"):
        return _WRITERS[fmt](rows, stream, langs, original=original)
    return _WRITERS[fmt](rows, stream, langs)


def _zip_strict(pairs: Iterable[Pair], extras: Iterable[Extras]) -> Iterable[tuple[Pair, Extras]]:
    for pair, extra in zip_longest(pairs, extras):
        if pair is None or extra is None:
            raise ValueError("pairs and extras differ in length")
        yield pair, extra


def segment_extras(segment: Segment) -> dict[str, object]:
    """What the aligner knows about a pair beyond its text: id, type, score, lines."""
    return {
        "id": segment.id,
        "align_type": segment.align_type,
        "score": round(segment.align_score, 4),
        "source_lines": [segment.source_loc.first, segment.source_loc.last]
        if segment.source_loc
        else None,
        "target_lines": [segment.target_loc.first, segment.target_loc.last]
        if segment.target_loc
        else None,
    }


def write_segments(
    segments: Sequence[Segment],
    stream: TextIO,
    fmt: str,
    *,
    target_lang: str = "zh-TW",
    original: str = "auditor",
) -> int:
    """Aligned segments as pairs, with their alignment type and score where the format
    can hold them (JSONL keys, TMX ``<prop>``)."""
    return write_pairs(
        ((s.source, s.target) for s in segments),
        stream,
        fmt,
        extras=(segment_extras(s) for s in segments),
        target_lang=target_lang,
        original=original,
    )
