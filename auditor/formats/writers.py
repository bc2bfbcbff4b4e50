"""Writing aligned pairs: the auditor doubles as a builder of clean bilingual corpora.

One interface, :func:`write_pairs`, for every format that declares a writer
(:class:`~auditor.formats.declaration.PairWriter`, listed by the registry); each output
reads back through the matching reader to the same pairs (tests check the round trip).
``None`` on a side is an unaligned line: an empty field (TSV, CSV), ``null`` (JSONL), a
missing ``<tuv>`` (TMX), a missing ``<target>`` or an empty ``<source>`` (XLIFF).

``extras`` (one mapping per pair, optional) carries what a format can hold beyond the
text: ``id`` (TMX ``tuid``, XLIFF unit id), ``note`` (``<note>``), ``state`` (XLIFF target
state), and for JSONL every key (the aligner's type and score). TSV and CSV stay two
plain columns, ``en`` and ``zh``, so spreadsheets and MT training scripts read them as-is.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import zip_longest
from typing import TextIO

from auditor.formats.declaration import Extras, PairWriter, TextPair
from auditor.formats.registry import formats
from auditor.model import Segment

Pair = TextPair

_WRITERS: dict[str, PairWriter] = {w.name: w for f in formats() for w in f.writers}

#: Output formats of :func:`write_pairs` (``xliff`` is XLIFF 1.2).
PAIR_FORMATS: tuple[str, ...] = tuple(_WRITERS)
#: The file extension each format is usually saved with.
PAIR_EXTENSIONS: dict[str, str] = {name: w.extension for name, w in _WRITERS.items()}


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
    return _WRITERS[fmt].write(rows, stream, (source_lang, target_lang), original)


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
