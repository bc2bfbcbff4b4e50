"""What a project's configuration does to each segment's findings, after the built-in rules.

In order: the project's checklist adds its findings (``CUS`` rules), severity overrides
change severities, and accepted findings (the suppression file) are dropped or kept marked
as suppressed. It runs on each batch of results where the results are finished (in the
worker processes when they are), so it is data that pickles: compiled patterns and keys.

Which suppressions matched is returned with each batch and gathered in the calling
process (:class:`HitLog`), to name the entries that no longer match anything.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path
from typing import TypeVar

from auditor.checks.custom import Checklist, load_checklists, needs_termbase
from auditor.checks.registry import register_project_rules
from auditor.config import Flags, Settings, resolve, severity_for
from auditor.model import Decision, Finding, InputError, SegmentResult
from auditor.options import Selection
from auditor.suppressions import Key, Suppression, key_of, load_suppressions

T = TypeVar("T")

SUPPRESSED_REASON = "accepted for the project"


class HitLog:
    """The suppression keys that matched, gathered in the calling process. It does not
    travel to worker processes (they return their hits with each batch instead)."""

    def __init__(self) -> None:
        self.keys: set[Key] = set()

    def __reduce__(self):
        return (HitLog, ())


@dataclass(frozen=True)
class ProjectPolicy:
    """A project's checklist, severity overrides and accepted findings, ready to apply."""

    checklist: Checklist = field(default_factory=Checklist)
    selection: Selection = field(default_factory=Selection)
    severity: tuple[tuple[str, str], ...] = ()
    suppressions: tuple[Suppression, ...] = ()
    #: Keep suppressed findings, marked (``dismissed``, "accepted for the project"),
    #: instead of dropping them.
    keep_suppressed: bool = False
    #: The resolved settings, for the report's ``tool`` block.
    settings: Mapping[str, object] = field(default_factory=dict)
    hits: HitLog = field(default_factory=HitLog, compare=False)

    @property
    def active(self) -> bool:
        """Whether it changes any finding (otherwise results pass untouched)."""
        return bool(self._checklist_codes or self.severity or self.suppressions)

    @property
    def _checklist_codes(self) -> frozenset[str]:
        return frozenset(r.code for r in self.checklist.rules if self.selection.enabled(r.code))

    def apply(self, results: Sequence[SegmentResult]) -> tuple[list[SegmentResult], set[Key]]:
        """The results as the project sees them, and the suppression keys that matched."""
        codes = self._checklist_codes
        accepted = {s.key: s for s in self.suppressions}
        hits: set[Key] = set()
        out = []
        for result in results:
            findings = list(result.findings)
            if codes:
                findings.extend(self.checklist.findings(result.segment, codes))
            if self.severity:
                findings = [self._with_severity(f) for f in findings]
            kept: list[Finding] = []
            decisions: list[Decision] = []
            for finding in findings:
                entry = accepted.get(key_of(result.segment, finding)) if accepted else None
                if entry is not None:
                    hits.add(entry.key)
                    if not self.keep_suppressed:
                        continue
                decisions.append(_decision(entry))
                kept.append(finding)
            if self.keep_suppressed and kept:  # every finding carries its status
                out.append(replace(result, findings=tuple(kept), decisions=tuple(decisions)))
            elif tuple(kept) != result.findings:
                out.append(replace(result, findings=tuple(kept)))
            else:
                out.append(result)
        return out, hits

    def _with_severity(self, finding: Finding) -> Finding:
        severity = severity_for(finding.rule, self.severity)
        if severity is None or severity == finding.severity:
            return finding
        return replace(finding, severity=severity)  # type: ignore[arg-type]


def _decision(entry: Suppression | None) -> Decision:
    """Open, or dismissed as accepted for the project (with the entry's reason)."""
    if entry is None:
        return Decision("open")
    reason = f"{SUPPRESSED_REASON}: {entry.reason}" if entry.reason else SUPPRESSED_REASON
    return Decision("dismissed", reason)


def load_checklist(settings: Settings, use_default_glossary: bool = True) -> Checklist:
    """The project's checklist, its rules registered beside the built-in ones (so that
    selection, ``auditor rules`` and SARIF know them)."""
    if not settings.checklists:
        register_project_rules(())
        return Checklist()
    termbase = None
    if needs_termbase(settings.checklists):
        from glossary import GlossaryError, load_termbase

        try:
            termbase = load_termbase(settings.glossaries, include_default=use_default_glossary)
        except GlossaryError as exc:
            raise InputError(exc.message, exc.path, exc.line) from None
    checklist = load_checklists(settings.checklists, termbase, settings.locale or "zh-TW")
    register_project_rules(checklist.rules)
    return checklist


def policy_of(settings: Settings, checklist: Checklist, selection: Selection) -> ProjectPolicy:
    """The policy of resolved settings: their checklist, severities and suppressions."""
    suppressions = load_suppressions(settings.suppressions).entries if settings.suppressions else ()
    record = settings.to_json()
    record["suppressions_loaded"] = len(suppressions)
    return ProjectPolicy(
        checklist=checklist,
        selection=selection,
        severity=settings.severity,
        suppressions=suppressions,
        keep_suppressed=settings.keep_suppressed,
        settings=record,
    )


def policy_for_input(
    input_path: str, selection: Selection | None = None, *, config: str | None = None
) -> ProjectPolicy:
    """The project policy that governs ``input_path``, as ``auditor check`` would apply it:
    for the review app, to re-check a post-edited segment as the project sees it
    (``policy.apply([recheck_segment(...)])``)."""
    settings = resolve([input_path], Flags(config=config))
    if selection is None:
        selection = Selection(settings.select, settings.ignore)
    return policy_of(settings, load_checklist(settings), selection)


def finish_with_policy(
    policy: ProjectPolicy, finish: Callable[[list[SegmentResult]], T], results: list[SegmentResult]
) -> tuple[T, set[Key]]:
    """``finish`` of the results as the project sees them, and the keys that matched
    (module level, so that it pickles to worker processes)."""
    applied, hits = policy.apply(results)
    return finish(applied), hits


def gather_hits(policy: ProjectPolicy, finished: Iterable[tuple[T, set[Key]]]) -> Iterator[T]:
    for value, hits in finished:
        policy.hits.keys.update(hits)
        yield value


# -- what the report's tool block records --------------------------------------------------


def file_digest(path: str) -> str | None:
    """sha256 of a glossary or checklist as read (the shipped termbase from the package)."""
    from glossary import DEFAULT_TERMBASE

    try:
        if path == DEFAULT_TERMBASE:
            data = (resources.files("glossary") / "data" / "semiconductor.tsv").read_bytes()
        else:
            data = Path(path).read_bytes()
    except OSError:
        return None
    return hashlib.sha256(data).hexdigest()


def signature(
    settings: Mapping[str, object], digests: Sequence[tuple[str, str | None]], version: str
) -> str:
    """One line that says what a score was computed with, like sacrebleu's signature:
    a score from ``select:NUM`` cannot pass for one from every rule."""

    def listed(key: str, empty: str) -> str:
        value = settings.get(key)
        return ",".join(value) if isinstance(value, list) and value else empty

    severity = settings.get("severity") or {}
    parts = [
        f"auditor:{version}",
        f"select:{listed('select', 'all')}",
        f"ignore:{listed('ignore', 'none')}",
        f"locale:{settings.get('locale', 'zh-TW')}",
        "severity:"
        + (
            ",".join(f"{k}={v}" for k, v in severity.items())
            if isinstance(severity, dict) and severity
            else "default"
        ),
        "glossaries:" + (",".join(_named(p, d) for p, d in digests) or "none"),
        "checklists:"
        + (",".join(_named(str(p)) for p in _listed(settings.get("checklists"))) or "none"),
        f"suppressions:{settings.get('suppressions_loaded', 0)}",
    ]
    return "|".join(parts)


def _listed(value: object) -> list[object]:
    return list(value) if isinstance(value, (list, tuple)) else []


def _named(path: str, digest: str | None = None) -> str:
    """``name#digest`` (12 hex digits): which file, and which version of it."""
    digest = digest if digest is not None else file_digest(path)
    return f"{Path(path).name}#{(digest or 'unreadable')[:12]}"


def tool_block(
    settings: Mapping[str, object] | None, glossaries: Sequence[str], version: str
) -> dict[str, object]:
    """The fields ``auditor check`` adds to the report's ``tool`` block."""
    digests = [(path, file_digest(path)) for path in glossaries]
    block: dict[str, object] = {}
    if settings is not None:
        block["configuration"] = {k: v for k, v in settings.items() if k != "suppressions_loaded"}
    block["glossary_digests"] = [{"path": p, "sha256": d} for p, d in digests]
    block["signature"] = signature(settings or {}, digests, version)
    return block
