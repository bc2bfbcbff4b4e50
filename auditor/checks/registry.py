"""The one registry of rule families, and rule selection by code or prefix.

Adding a rule family means writing a module with a ``CHECKER`` and listing it here.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from auditor.checks.base import Checker, Rule

#: Modules that each define ``CHECKER``; order fixes the order of findings in a segment.
CHECKER_MODULES: tuple[str, ...] = (
    "auditor.checks.alignment",
    "auditor.checks.numbers",
    "auditor.checks.terms",
    "auditor.checks.locale",
    "auditor.checks.hidden_text",
)


@cache
def all_checkers() -> tuple[Checker, ...]:
    checkers = []
    for name in CHECKER_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:  # a family not built yet is simply absent
            if exc.name == name:
                continue
            raise
        checkers.append(module.CHECKER)
    return tuple(checkers)


@cache
def all_rules() -> dict[str, Rule]:
    rules: dict[str, Rule] = {}
    for checker in all_checkers():
        for rule in checker.rules:
            if rule.code in rules:
                raise RuntimeError(f"rule code {rule.code} registered twice")
            rules[rule.code] = rule
    return dict(sorted(rules.items()))


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


def unknown_codes(prefixes: Iterable[str]) -> list[str]:
    """Prefixes that match no registered rule (the CLI rejects them with exit 2)."""
    codes = all_rules()
    return [p for p in prefixes if not any(c.startswith(p) for c in codes)]
