"""What a user chose for an audit, as data: rule selection, input shape, engine size.

This module sits on the lowest floor of the package (beside :mod:`auditor.model`), so the
command line, the review app, the session store and the pipeline all read one definition,
and :func:`AuditOptions.to_json` / :func:`AuditOptions.from_json` are the one JSON form a
session keeps.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # a type only: the policy is built and applied above this floor
    from auditor.project import ProjectPolicy

#: How many findings of one rule a segment lists before summarising the rest.
DEFAULT_MAX_PER_RULE = 20

#: Called with (done, total) as segments are checked, for progress bars.
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class Selection:
    """Which rules run: ``--select`` and ``--ignore`` by code or prefix (like ruff).

    The longest matching prefix wins, so ``--select NUM --ignore NUM004`` runs every NUM
    rule but NUM004, and ``--ignore NUM --select NUM004`` runs only NUM004 of them.
    """

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()

    def enabled(self, code: str) -> bool:
        selects = self.select or ("",)
        best_select = max((len(p) for p in selects if code.startswith(p)), default=None)
        if best_select is None:
            return False
        best_ignore = max((len(p) for p in self.ignore if code.startswith(p)), default=-1)
        return best_select > best_ignore


@dataclass(frozen=True)
class AuditOptions:
    """What the user chose on the command line (or in the review app)."""

    input_format: str | None = None
    #: For two-file input: the Chinese file (the positional path is the English one).
    target_path: str | None = None
    glossaries: tuple[str, ...] = ()
    use_default_glossary: bool = True
    selection: Selection = field(default_factory=Selection)
    target_locale: str = "zh-TW"
    #: TSV/CSV columns of the English and Chinese text (``None``: en/zh, else the first two).
    columns: tuple[str | None, str | None] = (None, None)
    #: Worker processes for the checks (1: check in this process).
    jobs: int = 1
    #: Where the checks run: ``local`` (this process, or ``jobs`` processes) or ``dask``.
    engine: str = "local"
    #: The Dask scheduler's address (``None``: a local cluster), and how long to wait for it.
    scheduler: str | None = None
    scheduler_timeout: float = 10.0
    #: Findings of one rule listed per segment before the rest are summarised (0: all).
    max_per_rule: int = DEFAULT_MAX_PER_RULE
    #: Score the confidence of pairs that come paired (TSV, JSONL, TMX...). Outputs that
    #: never show it (JSON Lines, CSV, SARIF) skip the work; their segments say 1.0.
    align_scores: bool = True
    #: A project's checklist, severity overrides and accepted findings, applied to each
    #: result after the built-in rules (:class:`auditor.project.ProjectPolicy`).
    project: ProjectPolicy | None = None

    def to_json(self) -> dict[str, object]:
        """What a session keeps: the choices that shape which findings there are (not the
        engine's size, nor the project, which is read again from its files)."""
        return {
            "input_format": self.input_format,
            "target_path": self.target_path,
            "glossaries": list(self.glossaries),
            "use_default_glossary": self.use_default_glossary,
            "select": list(self.selection.select),
            "ignore": list(self.selection.ignore),
            "target_locale": self.target_locale,
            "columns": list(self.columns),
        }

    @classmethod
    def from_json(cls, data: Mapping[str, object]) -> AuditOptions:
        """The options of :meth:`to_json`; a key that is missing takes its default."""
        columns = _strings_or_none(data.get("columns")) or [None, None]
        return cls(
            input_format=_str_or_none(data.get("input_format")),
            target_path=_str_or_none(data.get("target_path")),
            glossaries=tuple(s for s in _strings_or_none(data.get("glossaries")) if s),
            use_default_glossary=bool(data.get("use_default_glossary", True)),
            selection=Selection(
                tuple(s for s in _strings_or_none(data.get("select")) if s),
                tuple(s for s in _strings_or_none(data.get("ignore")) if s),
            ),
            target_locale=str(data.get("target_locale") or "zh-TW"),
            columns=(columns[0], columns[1]) if len(columns) >= 2 else (None, None),
        )


def _str_or_none(value: object) -> str | None:
    return value if isinstance(value, str) else None


def _strings_or_none(value: object) -> list[str | None]:
    if not isinstance(value, (list, tuple)):
        return []
    return [item if isinstance(item, str) else None for item in value]
