"""``auditor rules`` lists every rule; ``auditor rules CODE`` explains one (like ruff);
``auditor rules NUM`` lists the rules of a prefix.

``auditor rule`` is accepted as an alias."""

from __future__ import annotations

import argparse
from pathlib import Path

from auditor.checks.registry import known_rules
from auditor.model import InputError


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("rules", aliases=["rule"], help="list every rule, or explain one")
    p.add_argument("code", nargs="?", help="rule code, e.g. NUM003, or a prefix such as NUM")
    p.add_argument("--all", action="store_true", help="list every rule (the default without CODE)")
    p.add_argument(
        "--config",
        metavar="PATH",
        help="the project whose checklist rules (CUS) to list too (default: the "
        "configuration above the current directory)",
    )
    p.add_argument(
        "--isolated", action="store_true", help="built-in rules only: ignore every configuration"
    )
    p.set_defaults(func=run)


def _load_project_rules(args: argparse.Namespace) -> None:
    """Register the project's checklist rules (a checklist is per-project data)."""
    from auditor.config import Flags, resolve
    from auditor.project import load_checklist

    settings = resolve([str(Path.cwd())], Flags(config=args.config, isolated=args.isolated))
    load_checklist(settings)


def run(args: argparse.Namespace) -> int:
    _load_project_rules(args)
    rules = known_rules()
    if args.all or not args.code:
        for rule in rules.values():
            print(f"{rule.code:8} {rule.category:10} {rule.severity:8} {rule.name}")
        return 0
    code = args.code.upper()
    if code not in rules:
        family = [rule for rule in rules.values() if rule.code.startswith(code)]
        if not family:
            raise InputError(f"no rule or prefix {code}; `auditor rules` lists them")
        for rule in family:
            print(f"{rule.code:8} {rule.category:10} {rule.severity:8} {rule.name}")
        return 0
    rule = rules[code]
    print(f"{rule.code} ({rule.name})\n")
    print(f"Category: {rule.category}   Default severity: {rule.severity}   MQM: {rule.mqm}\n")
    print(f"What it does\n  {rule.what}\n\nWhy is this bad?\n  {rule.why}")
    if rule.example:
        print(f"\nExample\n  {rule.example}")
    return 0
