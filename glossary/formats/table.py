"""The human-edited glossary tables: TSV (what people edit and review) and CSV.

One concept per row under a header row naming the columns (any order). ``|`` separates
alternatives in ``variants``, ``zh_tw``, ``zh_cn`` and ``forbidden``. Blank lines and lines
whose first cell starts with ``#`` are comments. The reader keeps every row's line number
and reports what is wrong with a row as a :class:`~glossary.problems.Problem` rather than
stopping, so the linter can list every problem in one run.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TextIO

from glossary.model import Concept
from glossary.problems import Problem

#: The columns of docs/glossary-format.md, in the order the writers use.
COLUMNS: tuple[str, ...] = (
    "en",
    "zh_tw",
    "zh_cn",
    "forbidden",
    "dnt",
    "case_sensitive",
    "category",
    "note",
)
#: Columns a file may add: English variants, and the marker ``fill-cn`` leaves for review.
OPTIONAL_COLUMNS: tuple[str, ...] = ("variants", "proposed", "context")
MULTI_VALUE: frozenset[str] = frozenset(
    {"en", "variants", "zh_tw", "zh_cn", "forbidden", "context"}
)
FLAGS: frozenset[str] = frozenset({"dnt", "case_sensitive"})
SEPARATOR = "|"

_LINE_END = re.compile(r"\r\n|\r|\n")
#: Spaces nobody means to type in a term: no-break, ideographic, zero-width, BOM.
_ODD_SPACE = re.compile("[\u00a0\u2000-\u200b\u202f\u205f\u3000\ufeff]")


@dataclass(frozen=True)
class Row:
    """One data row: its 1-based line and its raw cells by column name (unstripped)."""

    line: int
    cells: tuple[tuple[str, str], ...]
    #: Cells beyond the header's columns (a tab inside a note shifts everything after it).
    extra: tuple[str, ...] = ()

    def get(self, column: str) -> str:
        for name, value in self.cells:
            if name == column:
                return value
        return ""


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    header_line: int
    rows: tuple[Row, ...]


def normalise_column(name: str) -> str:
    """``zh-TW``, ``ZH TW`` and ``zh_tw`` all name the ``zh_tw`` column."""
    return re.sub(r"[\s\-]+", "_", name.strip().lower())


def _records_tsv(text: str) -> Iterator[tuple[int, list[str]]]:
    lines = _LINE_END.split(text)
    if lines and lines[-1] == "":
        lines.pop()
    for number, line in enumerate(lines, start=1):
        yield number, line.split("\t")


def _records_csv(text: str) -> Iterator[tuple[int, list[str]]]:
    reader = csv.reader(io.StringIO(text, newline=""))
    first = 1
    for record in reader:
        yield first, record
        first = reader.line_num + 1


def _is_skipped(cells: Sequence[str]) -> bool:
    """Blank lines and ``#`` comments carry no concept."""
    return not any(c.strip() for c in cells) or cells[0].lstrip().startswith("#")


def read_table(text: str, delimiter: str) -> Table | None:
    """Split a TSV (``\\t``) or CSV (``,``) text into header and rows; ``None`` if no header."""
    records = _records_tsv(text) if delimiter == "\t" else _records_csv(text)
    header: tuple[str, ...] | None = None
    header_line = 0
    rows: list[Row] = []
    for number, cells in records:
        if _is_skipped(cells):
            continue
        if header is None:
            header = tuple(normalise_column(c) for c in cells)
            header_line = number
            continue
        named = tuple(zip(header, cells))
        rows.append(Row(number, named, tuple(cells[len(header) :])))
    if header is None:
        return None
    return Table(header, header_line, tuple(rows))


def _clean(part: str) -> str:
    return re.sub(r" {2,}", " ", _ODD_SPACE.sub(" ", part).strip())


def split_alternatives(cell: str) -> tuple[str, ...]:
    """``a | b|a`` -> ``(a, b)``: stripped, empties dropped, first occurrence kept."""
    return tuple(dict.fromkeys(p for p in map(_clean, cell.split(SEPARATOR)) if p))


def _whitespace_problems(column: str, cell: str, path: str, line: int) -> list[Problem]:
    found: list[str] = []
    if _ODD_SPACE.search(cell):
        found.append("an invisible or non-ASCII space")
    if cell != cell.strip():
        found.append("leading or trailing whitespace")
    if "  " in cell:
        found.append("a double space")
    if column in MULTI_VALUE and cell.strip():
        parts = cell.split(SEPARATOR)
        if any(p != p.strip() for p in parts[1:]) or (
            len(parts) > 1 and parts[0] != parts[0].rstrip()
        ):
            found.append(f"spaces around '{SEPARATOR}'")
        if any(not p.strip() for p in parts):
            found.append(f"an empty alternative (stray '{SEPARATOR}')")
    if not found:
        return []
    return [Problem("GL011", path, line, f"{column}: {', '.join(found)}", column)]


def _flag(row: Row, column: str, path: str, problems: list[Problem]) -> bool:
    value = row.get(column).strip().lower()
    if value in ("", "no"):
        return False
    if value == "yes":
        return True
    problems.append(
        Problem(
            "GL003",
            path,
            row.line,
            f"{column} is {row.get(column)!r}; write yes, no or leave it empty",
            column,
            fatal=True,
        )
    )
    return False


def _alternatives(row: Row, column: str, path: str, problems: list[Problem]) -> tuple[str, ...]:
    cell = row.get(column)
    values = split_alternatives(cell)
    listed = [p for p in map(_clean, cell.split(SEPARATOR)) if p]
    if len(listed) != len(values):
        repeated = sorted({p for p in listed if listed.count(p) > 1})
        problems.append(
            Problem(
                "GL013", path, row.line, f"{column}: {', '.join(repeated)} listed twice", column
            )
        )
    return values


def header_problems(table: Table, path: str) -> list[Problem]:
    problems: list[Problem] = []
    line = table.header_line
    duplicates = sorted({c for c in table.header if table.header.count(c) > 1 and c})
    if duplicates:
        problems.append(
            Problem(
                "GL001", path, line, f"column {', '.join(duplicates)} appears twice", fatal=True
            )
        )
    missing = [c for c in COLUMNS if c not in table.header]
    if missing:
        fatal = "en" in missing
        problems.append(
            Problem(
                "GL001",
                path,
                line,
                f"header lacks column {', '.join(missing)} (expected {', '.join(COLUMNS)})",
                fatal=fatal,
            )
        )
    for name in table.header:
        if not name:
            problems.append(
                Problem(
                    "GL011",
                    path,
                    line,
                    "a column without a name (a stray tab or comma in the header?)",
                )
            )
        elif name not in COLUMNS and name not in OPTIONAL_COLUMNS:
            problems.append(
                Problem("GL002", path, line, f"unknown column {name!r} is ignored", name)
            )
    return problems


def row_to_concept(row: Row, path: str, problems: list[Problem]) -> Concept | None:
    """The row's concept (``None`` for a row without an English term), adding its problems."""
    for column, cell in row.cells:
        problems.extend(_whitespace_problems(column, cell, path, row.line))
    if any(cell.strip() for cell in row.extra):
        problems.append(
            Problem(
                "GL005",
                path,
                row.line,
                f"{len(row.extra)} cell(s) beyond the header's columns "
                "(a tab or comma inside a cell?)",
                fatal=True,
            )
        )
    elif row.extra:
        problems.append(Problem("GL011", path, row.line, "trailing empty cells beyond the header"))
    dnt = _flag(row, "dnt", path, problems)
    case_sensitive = _flag(row, "case_sensitive", path, problems)
    # ``en`` may list extra English forms after its head term, like the variants column.
    en = _alternatives(row, "en", path, problems)
    if not en:
        problems.append(
            Problem(
                "GL004",
                path,
                row.line,
                "en is empty: every row needs its English term",
                "en",
                fatal=True,
            )
        )
        return None
    variants = tuple(
        dict.fromkeys(
            v for v in (*en[1:], *_alternatives(row, "variants", path, problems)) if v != en[0]
        )
    )
    concept = Concept(
        en=en[0],
        variants=variants,
        zh_tw=_alternatives(row, "zh_tw", path, problems),
        zh_cn=_alternatives(row, "zh_cn", path, problems),
        forbidden=_alternatives(row, "forbidden", path, problems),
        dnt=dnt,
        case_sensitive=case_sensitive,
        category=row.get("category").strip(),
        note=" ".join(row.get("note").split()),
        context=_alternatives(row, "context", path, problems),
        source=path,
        line=row.line,
    )
    if not (concept.zh_tw or concept.zh_cn or concept.forbidden or concept.dnt):
        problems.append(
            Problem(
                "GL004",
                path,
                row.line,
                f"{concept.en!r} has no zh_tw, zh_cn or forbidden rendering "
                "and is not dnt=yes: it checks nothing",
                "zh_tw",
            )
        )
    if row.get("proposed").strip():
        problems.append(
            Problem(
                "GL014",
                path,
                row.line,
                f"{row.get('proposed').strip()} proposed by a machine; review "
                "it, then clear the proposed cell",
                "proposed",
            )
        )
    return concept


def parse(text: str, path: str, delimiter: str) -> tuple[tuple[Concept, ...], tuple[Problem, ...]]:
    table = read_table(text, delimiter)
    if table is None:
        return (), (Problem("GL001", path, 1, "no header row (empty file?)", fatal=True),)
    problems = header_problems(table, path)
    if any(p.fatal for p in problems):
        return (), tuple(problems)
    concepts: list[Concept] = []
    for row in table.rows:
        concept = row_to_concept(row, path, problems)
        if concept is not None:
            concepts.append(concept)
    return tuple(concepts), tuple(problems)


# --- writing ---------------------------------------------------------------------------


def _flag_cell(value: bool) -> str:
    return "yes" if value else ""


def columns_for(concepts: Iterable[Concept], extra: Sequence[str] = ()) -> tuple[str, ...]:
    """The canonical columns, with ``variants`` after ``en`` and ``context`` at the end only
    when some concept has any."""
    concepts = list(concepts)
    has_variants = any(c.variants for c in concepts)
    head = ("en", "variants") if has_variants else ("en",)
    tail = ("context",) if any(c.context for c in concepts) else ()
    return head + COLUMNS[1:] + tail + tuple(extra)


def concept_cells(concept: Concept) -> dict[str, str]:
    return {
        "en": concept.en,
        "variants": SEPARATOR.join(concept.variants),
        "zh_tw": SEPARATOR.join(concept.zh_tw),
        "zh_cn": SEPARATOR.join(concept.zh_cn),
        "forbidden": SEPARATOR.join(concept.forbidden),
        "dnt": _flag_cell(concept.dnt),
        "case_sensitive": _flag_cell(concept.case_sensitive),
        "category": concept.category,
        "note": concept.note,
        "context": SEPARATOR.join(concept.context),
    }


def _tsv_cell(value: str) -> str:
    return " ".join(value.split()) if any(ch in value for ch in "\t\r\n") else value


def write(
    concepts: Sequence[Concept],
    stream: TextIO,
    delimiter: str,
    extra: dict[str, Sequence[str]] | None = None,
) -> None:
    """Write ``concepts`` as TSV or CSV; ``extra`` adds columns (name -> one cell per concept)."""
    extra = extra or {}
    columns = columns_for(concepts, tuple(extra))
    rows: list[list[str]] = [list(columns)]
    for index, concept in enumerate(concepts):
        cells = concept_cells(concept)
        for name, values in extra.items():
            cells[name] = values[index]
        rows.append([cells[c] for c in columns])
    if delimiter == "\t":
        for row in rows:
            stream.write("\t".join(_tsv_cell(c) for c in row) + "\n")
    else:
        csv.writer(stream, lineterminator="\n").writerows(rows)
