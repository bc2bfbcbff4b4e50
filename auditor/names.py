"""Personal names in a document, harvested from its speaker lines.

Transcripts introduce every speaker on a line of its own (``Leslie Green - Investor
Relations``), repeated untranslated. Those names are what the entity rules protect: a
speaker called Mark addressed as ``Mark?`` must not become the common word ``標記?``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from auditor.model import Segment

_NAME = re.compile(r"^([A-Z][a-zA-Z'.\-]+(?: [A-Z][a-zA-Z'.\-]+){0,3})(?:\s+[-–—,:]\s+|$)")
_NOT_NAMES = frozenset({"Operator", "Question", "Answer", "Unknown", "Speaker", "Analyst"})


def names_in_speaker_line(line: str) -> list[str]:
    """``Jitendra Mohan - Chief Executive Officer`` -> ``["Jitendra Mohan", "Jitendra", "Mohan"]``."""
    match = _NAME.match(line.strip())
    if not match:
        return []
    full = match.group(1)
    words = [w for w in full.split() if w not in _NOT_NAMES and not w.endswith(".")]
    if not words:
        return []
    return [" ".join(words), *words] if len(words) > 1 else words


#: Longer lines are prose, not a speaker's introduction.
SPEAKER_LINE_MAX = 120


def harvest_names(segments: Iterable[Segment]) -> frozenset[str]:
    """Names from segments the aligner marked as lines repeated untranslated (``copy``)."""
    names: set[str] = set()
    for segment in segments:
        if segment.align_type == "copy" and segment.source and len(segment.source) <= SPEAKER_LINE_MAX:
            names.update(names_in_speaker_line(segment.source))
    return frozenset(names)
