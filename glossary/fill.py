"""``auditor glossary fill-cn``: propose zh-CN renderings from zh-TW ones, for review.

OpenCC ``tw2sp`` converts script *and* Taiwan vocabulary to mainland usage (記憶體 ->
内存, 軟體 -> 软件), which is the right first guess for a mainland rendering but still a
guess: each filled cell is marked in a ``proposed`` column, and ``auditor glossary lint``
warns (GL014) until a person has reviewed the row and cleared the mark.

A TSV input keeps its comments, blank lines and row order (only the filled rows change),
so the proposal reads as a small diff in a pull request.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, replace
from functools import lru_cache

import opencc

from glossary.errors import GlossaryError
from glossary.formats import GlossaryFile, table
from glossary.formats.textio import decode, read_bytes
from glossary.model import Concept

PROPOSED = "proposed"
_LINE_END = re.compile(r"\r\n|\r|\n")


@lru_cache(maxsize=1)
def _tw2sp() -> opencc.OpenCC:
    return opencc.OpenCC("tw2sp")


def propose_cn(concept: Concept) -> tuple[str, ...]:
    """Mainland renderings for a concept that has zh-TW ones and no zh-CN ones.

    Empty when there is nothing to propose: a do-not-translate term, an existing zh-CN
    cell, or a zh-TW rendering that is already valid mainland text (the zh-TW column is
    the fallback then).
    """
    if concept.dnt or concept.zh_cn or not concept.zh_tw:
        return ()
    proposed = tuple(dict.fromkeys(_tw2sp().convert(v) for v in concept.zh_tw))
    if set(proposed) <= set(concept.zh_tw):
        return ()
    return proposed


@dataclass(frozen=True)
class FillResult:
    text: str
    filled: int
    concepts: int


def _refuse_fatal(file: GlossaryFile) -> None:
    fatal = file.fatal
    if fatal is not None:
        raise GlossaryError(
            f"cannot fill a glossary with a broken row or header: {fatal.message}",
            fatal.path,
            fatal.line or None,
        )


def fill_concepts(file: GlossaryFile) -> FillResult:
    """Any format in, TSV out (with a ``proposed`` column)."""
    _refuse_fatal(file)
    concepts: list[Concept] = []
    marks: list[str] = []
    for concept in file.concepts:
        proposal = propose_cn(concept)
        concepts.append(replace(concept, zh_cn=proposal) if proposal else concept)
        marks.append("zh_cn" if proposal else "")
    out = io.StringIO()
    table.write(concepts, out, "\t", {PROPOSED: marks})
    return FillResult(out.getvalue(), sum(bool(m) for m in marks), len(concepts))


def fill_tsv(path: str, file: GlossaryFile) -> FillResult:
    """Fill a TSV in place of its own lines, keeping everything a person wrote."""
    _refuse_fatal(file)
    text = decode(read_bytes(path), path)
    parsed = table.read_table(text, "\t")
    if parsed is None:
        raise GlossaryError("no header row (empty file?)", path)
    by_line = {c.line: c for c in file.concepts}
    header = list(parsed.header)
    for column in ("zh_cn", PROPOSED):
        if column not in header:
            header.append(column)
    cn, mark = header.index("zh_cn"), header.index(PROPOSED)
    lines = _LINE_END.split(text)
    if lines and lines[-1] == "":
        lines.pop()
    filled = 0
    for number, line in enumerate(lines, start=1):
        if number == parsed.header_line:
            cells = line.split("\t")
            lines[number - 1] = "\t".join(cells + header[len(cells) :])
            continue
        concept = by_line.get(number)
        if concept is None:
            continue
        proposal = propose_cn(concept)
        if not proposal:
            continue
        cells = line.split("\t")
        cells += [""] * (len(header) - len(cells))
        cells[cn] = table.SEPARATOR.join(proposal)
        cells[mark] = "zh_cn"
        lines[number - 1] = "\t".join(cells)
        filled += 1
    return FillResult("\n".join(lines) + "\n", filled, len(file.concepts))


def fill_cn(path: str, file: GlossaryFile) -> FillResult:
    return fill_tsv(path, file) if file.format == "tsv" else fill_concepts(file)


__all__ = ["propose_cn", "fill_cn", "FillResult", "PROPOSED"]
