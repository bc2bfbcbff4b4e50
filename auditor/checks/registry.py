"""The one registry of rule families, and rule selection by code or prefix.

Adding a rule family means writing a module with a ``CHECKER`` and listing it here.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable
from functools import cache

from auditor.checks.base import Checker, Rule

#: Modules that each define ``CHECKER``; order fixes the order of findings in a segment.
CHECKER_MODULES: tuple[str, ...] = (
    "auditor.checks.alignment",
    "auditor.checks.numbers",
    "auditor.checks.terms",
    "auditor.checks.entities",
    "auditor.checks.locale",
    "auditor.checks.omissions",
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


def unknown_codes(prefixes: Iterable[str]) -> list[str]:
    """Prefixes that match no registered rule (the CLI rejects them with exit 2)."""
    codes = known_rules()
    return [p for p in prefixes if not any(c.startswith(p) for c in codes)]


#: A project's own rules (its checklist, ``auditor.checks.custom``): per-project data, not
#: a fixed module, so they are registered when the configuration is read, not listed above.
_PROJECT_RULES: dict[str, Rule] = {}


def register_project_rules(rules: Iterable[Rule]) -> None:
    """Make a project's checklist rules known (``auditor rules``, selection, SARIF);
    replaces any registered before (one project per process)."""
    builtin = all_rules()
    project: dict[str, Rule] = {}
    for rule in rules:
        if rule.code in builtin or rule.code in project:
            raise RuntimeError(f"rule code {rule.code} registered twice")
        project[rule.code] = rule
    _PROJECT_RULES.clear()
    _PROJECT_RULES.update(project)


def known_rules() -> dict[str, Rule]:
    """The built-in rules and the project's own, by code."""
    if not _PROJECT_RULES:
        return all_rules()
    return dict(sorted({**all_rules(), **_PROJECT_RULES}.items()))
