"""Appending one reviewer-made entry to the project glossary (the human-edited TSV).

Appending a row, not rewriting the file, keeps the reviewer's file byte-for-byte as it was
above the new line (comments, order, formatting), which is what a pull-request diff wants.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from auditor.model import InputError

#: The glossary columns (docs: DESIGN.md, "Glossary format"), in the order a new file gets.
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


@dataclass(frozen=True)
class GlossaryEntry:
    en: str
    zh: str = ""
    forbidden: str = ""
    dnt: bool = False
    note: str = ""


def _cell(value: str) -> str:
    """One TSV cell: tabs and line ends would break the row, so they become spaces."""
    return " ".join(value.replace("\t", " ").split())


def append_entry(path: str | Path, entry: GlossaryEntry, locale: str = "zh-TW") -> None:
    """Append ``entry`` as a row, in the column order of the file's own header.

    A missing file is created with the standard header. A file whose header has no ``en``
    column is refused (it is not a glossary TSV) rather than appended to.
    """
    if not _cell(entry.en):
        raise InputError("a glossary entry needs the English term", str(path))
    p = Path(path)
    zh_column = "zh_cn" if locale == "zh-CN" else "zh_tw"
    values = {
        "en": entry.en,
        zh_column: entry.zh,
        "forbidden": entry.forbidden,
        "dnt": "yes" if entry.dnt else "",
        "note": entry.note,
    }
    if p.exists():
        raw = p.read_bytes()
        text = raw.decode("utf-8-sig")
        header_line = next(
            (ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")), ""
        )
        header = [
            h.strip().lower().replace("-", "_").replace(" ", "_") for h in header_line.split("\t")
        ]
        if "en" not in header:
            raise InputError(
                "not a glossary TSV (its header has no 'en' column); nothing was written", str(p)
            )
        prefix = "" if not raw or raw.endswith(b"\n") else "\n"
    else:
        p.parent.mkdir(parents=True, exist_ok=True)
        header = list(COLUMNS)
        prefix = "\t".join(COLUMNS) + "\n"
    row = "\t".join(_cell(values.get(column, "")) for column in header)
    with open(p, "a", encoding="utf-8", newline="") as fh:
        fh.write(prefix + row + "\n")
        fh.flush()
