"""Numbered segments straight from a pairs file's reader pairs: the fast version of
:func:`auditor.source.numbered` over the unscored segments of :func:`auditor.source._pair_segments`.

The readable path builds each pair up in steps, each a small frozen object: a
:class:`~auditor.model.TextLine` per side (:func:`auditor.formats.base.line_pairs`), the
lists of lines of a row, a segment without an id (:func:`auditor.align.unscored_pairs`),
then the same segment again with its id (:func:`auditor.source.numbered`). Without
scores (JSON Lines, CSV and SARIF reports never show them) a pair's segment follows from
the pair alone, so here it is built once, with its id: 4 µs a pair against 10 on the
benchmark corpus. ``tests/auditor/test_source_fast.py`` holds the two equal.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from auditor.align import same_text
from auditor.formats.base import Pair
from auditor.model import AlignType, Loc, Segment


def numbered_unscored(
    reader_pairs: Iterable[Pair], path: str, start: int, total: int
) -> Iterator[Segment]:
    """The segments of ``reader_pairs`` with the aligner's ids (the first is the
    ``start``-th, 0-based, of ``total``), every ``align_score`` 1.0; a pair with no text
    on either side makes none. Stripped texts, as the readers' lines are."""
    width = max(4, len(str(total)))
    index = start
    for source, target in reader_pairs:
        en = source[0].strip() if source is not None else ""
        zh = target[0].strip() if target is not None else ""
        if not en and not zh:
            continue
        index += 1
        kind: AlignType
        if en and zh:
            kind = "copy" if same_text(en, zh) else "1-1"
        else:
            kind = "1-0" if en else "0-1"
        yield Segment(
            f"s{index:0{width}d}",
            en or None,
            zh or None,
            Loc(path, source[1], source[2]) if en and source is not None else None,
            Loc(path, target[1], target[2]) if zh and target is not None else None,
            kind,
            1.0,
        )
