"""The configuration on the command line: ``--config``, ``--isolated``, ``--show-settings``.

:mod:`auditor.config` finds and resolves the settings; this module turns flags into
:class:`~auditor.config.Flags`, puts the resolved values back where the commands read
them, loads the project's checklist and suppressions, and reports unused suppressions.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path

from auditor.checks.custom import Checklist
from auditor.checks.registry import unknown_codes
from auditor.config import Flags, Settings, input_directory, relative_to_root, resolve
from auditor.model import InputError
from auditor.options import AuditOptions, Selection
from auditor.project import load_checklist, policy_of
from auditor.suppressions import unused


def add_config_arguments(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group(
        "configuration ([tool.auditor] in pyproject.toml, or auditor.toml)"
    )
    group.add_argument(
        "--config",
        metavar="PATH",
        help="use this configuration file (default: the first auditor.toml or "
        "pyproject.toml with [tool.auditor] above the input)",
    )
    group.add_argument(
        "--isolated", action="store_true", help="ignore every configuration and suppression file"
    )
    group.add_argument(
        "--show-settings",
        action="store_true",
        help="print the resolved settings and where each came from, then exit",
    )
    group.add_argument(
        "--keep-suppressed",
        action="store_true",
        default=None,
        help="keep findings accepted for the project in the report, marked as "
        "suppressed (JSON status, SARIF suppressions), instead of dropping them",
    )


def add_project_arguments(parser: argparse.ArgumentParser) -> None:
    """``--config`` and ``--isolated`` alone (for commands that print no settings)."""
    parser.add_argument(
        "--config",
        metavar="PATH",
        help="use this configuration file (default: the one found above the input)",
    )
    parser.add_argument(
        "--isolated", action="store_true", help="ignore every configuration and suppression file"
    )


def project_options(args: argparse.Namespace) -> tuple[str, AuditOptions]:
    """The input and audit options of a command that audits with the project's settings
    (the review app): as ``auditor check`` resolves them."""
    from auditor.commands.common import options_from_args

    settings = resolve_args(args)
    apply_settings(args, settings)
    checklist = load_checklist(settings, use_default_glossary=not args.no_default_glossary)
    validate_codes(settings)
    path, options = options_from_args(args)
    return path, with_project(options, settings, checklist)


def inputs_of(args: argparse.Namespace) -> list[str]:
    return [p for p in (args.path, args.source, args.target) if p]


def flags_of(args: argparse.Namespace) -> Flags:
    return Flags(
        select=tuple(args.select),
        ignore=tuple(args.ignore),
        fail_on=getattr(args, "fail_on", None),
        locale=args.locale,
        glossaries=tuple(args.glossary),
        pass_threshold=getattr(args, "pass_threshold", None),
        jobs=getattr(args, "jobs", None),
        keep_suppressed=bool(getattr(args, "keep_suppressed", False)),
        config=args.config,
        isolated=args.isolated,
    )


def resolve_args(args: argparse.Namespace) -> Settings:
    """The settings of this run; the flags are left as given."""
    return resolve(inputs_of(args), flags_of(args))


def apply_settings(args: argparse.Namespace, settings: Settings) -> None:
    """Put the resolved values where the command reads its flags (flags won already)."""
    args.select = list(settings.select)
    args.ignore = list(settings.ignore)
    args.locale = settings.locale
    args.glossary = list(settings.glossaries)
    if hasattr(args, "fail_on"):
        args.fail_on = settings.fail_on
    if hasattr(args, "pass_threshold"):
        args.pass_threshold = settings.pass_threshold
    if hasattr(args, "jobs"):
        args.jobs = settings.jobs
    args.keep_suppressed = settings.keep_suppressed or None


def validate_codes(settings: Settings) -> None:
    """Every rule code or prefix the settings name must be a rule (the project's included):
    a typo in the file is an error that names the setting and where it came from."""
    named = [
        ("select", settings.select),
        ("ignore", settings.ignore),
        ("severity", tuple(code for code, _ in settings.severity)),
    ]
    for key, codes in named:
        bad = unknown_codes(codes)
        if bad:
            where = settings.sources.get(key, "")
            origin = f" (from {where})" if where and not where.startswith("--") else ""
            raise InputError(
                f"unknown rule code or prefix in {key}: {', '.join(bad)}{origin}; "
                "`auditor rules` lists them"
            )


def with_project(options: AuditOptions, settings: Settings, checklist: Checklist) -> AuditOptions:
    """The audit options carrying the project's policy (checklist, severities, suppressions)."""
    return replace(options, project=policy_of(settings, checklist, options.selection))


def report_unused(options: AuditOptions, settings: Settings, args: argparse.Namespace) -> int:
    """Name, on stderr, each suppression recorded for this input that matched nothing
    (like ruff's unused ``noqa``); returns how many."""
    policy = options.project
    if policy is None or not policy.suppressions or settings.suppressions is None:
        return 0
    root = Path(settings.config).parent if settings.config else input_directory(inputs_of(args)[0])
    inputs = [relative_to_root(p, root) for p in inputs_of(args)]
    selection: Selection = options.selection
    stale = unused(policy.suppressions, policy.hits.keys, inputs, selection.enabled)
    for entry in stale:
        print(
            f"{settings.suppressions}:{entry.line}: warning: unused suppression {entry.rule} "
            f"{entry.matched!r}: no finding matches it any more (remove the entry)",
            file=sys.stderr,
        )
    return len(stale)
