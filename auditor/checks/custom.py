"""CUS: a team's own rules, from a checklist file its configuration names (``checklists``).

Xbench checklists, XTM custom checks and Crowdin custom checks all come down to one shape,
and so does this: *where the English matches this, the Chinese must (or must not) match
that*. Each entry is a rule like the built-in ones (a ``CUS`` code, a severity, a message),
listed by ``auditor rules``, selected with ``--select``/``--ignore``, and checked by
``auditor checklist lint``.

A pattern is literal text, ``re:`` a regular expression, or ``term:`` a glossary term (on
the English side its English forms, on the Chinese side its approved renderings for the
target locale). A literal whose end is an ASCII letter or digit matches whole words only,
so a banned ``best`` does not fire inside ``bestow``; Chinese literals match anywhere.

The checklist is a project's data, not code: the registry's families are fixed modules, so
a checklist is loaded per run (:func:`load_checklists`), its rules registered beside the
built-in ones (:func:`auditor.checks.registry.register_project_rules`), and its checks run
on each segment's result after the built-in rules (:mod:`auditor.project`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from auditor.checks.base import Rule
from auditor.config import toml_parser
from auditor.model import CATEGORIES, SEVERITIES, Finding, InputError, Segment

if TYPE_CHECKING:
    from glossary.model import Termbase

PREFIX = "CUS"
CODE_PATTERN = re.compile(PREFIX + r"\d{3,}")
FIELDS = (
    "code",
    "severity",
    "message",
    "source",
    "target-must",
    "target-must-not",
    "category",
    "name",
    "why",
    "example",
    "ignore-case",
)
#: The MQM type a custom rule reports, by its category.
MQM_BY_CATEGORY = {
    "term": "Terminology/Organizational terminology",
    "number": "Accuracy/Mistranslation",
    "unit": "Accuracy/Mistranslation",
    "entity": "Accuracy/Mistranslation",
    "locale": "Locale convention/Other locale-specific content",
    "omission": "Accuracy/Omission",
    "alignment": "Accuracy/Mistranslation",
}
PatternKind = Literal["literal", "regex", "term"]


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a checklist, where it is."""

    path: str
    line: int | None
    message: str

    def describe(self) -> str:
        return (
            f"{self.path}:{self.line}: {self.message}"
            if self.line
            else f"{self.path}: {self.message}"
        )


@dataclass(frozen=True)
class PatternSpec:
    """A pattern as written: ``text``, ``re:...`` or ``term:...``."""

    kind: PatternKind
    text: str

    @staticmethod
    def parse(written: str) -> PatternSpec:
        for prefix, kind in (("re:", "regex"), ("term:", "term"), ("lit:", "literal")):
            if written.startswith(prefix):
                return PatternSpec(kind, written[len(prefix) :])  # type: ignore[arg-type]
        return PatternSpec("literal", written)

    def __str__(self) -> str:
        return {"literal": self.text, "regex": f"re:{self.text}", "term": f"term:{self.text}"}[
            self.kind
        ]


@dataclass(frozen=True)
class Entry:
    """One checklist entry as written (validated), with where it was defined."""

    code: str
    severity: str
    message: str
    target: PatternSpec
    must: bool
    source: PatternSpec | None = None
    category: str = "term"
    name: str = ""
    why: str = ""
    example: str = ""
    ignore_case: bool = False
    path: str = ""
    line: int = 0

    def rule(self) -> Rule:
        condition = f"where the English matches {self.source}, " if self.source else ""
        verb = "must contain" if self.must else "must not contain"
        return Rule(
            code=self.code,
            name=self.name or self.code.lower(),
            category=self.category,  # type: ignore[arg-type]
            severity=self.severity,  # type: ignore[arg-type]
            mqm=MQM_BY_CATEGORY[self.category],
            what=f"{self.message} ({condition}the translation {verb} {self.target}).",
            why=self.why or f"A rule of this project's checklist ({self.path}:{self.line}).",
            example=self.example,
        )


# -- reading -------------------------------------------------------------------------------


def _entry_from(
    fields: Mapping[str, object], path: str, line: int, problems: list[Problem]
) -> Entry | None:
    def problem(message: str) -> None:
        problems.append(Problem(path, line, message))

    unknown = [k for k in fields if k not in FIELDS]
    if unknown:
        problem(f"unknown field {unknown[0]!r} (fields: {', '.join(FIELDS)})")
        return None
    text = {k: v for k, v in fields.items() if k != "ignore-case"}
    for key, value in text.items():
        if not isinstance(value, str):
            problem(f"{key} must be text, not {value!r}")
            return None
    code = str(fields.get("code") or "").strip().upper()
    severity = str(fields.get("severity") or "").strip()
    message = str(fields.get("message") or "").strip()
    category = str(fields.get("category") or "term").strip()
    must_text = str(fields.get("target-must") or "")
    must_not_text = str(fields.get("target-must-not") or "")
    ignore_case = fields.get("ignore-case", False)
    if isinstance(ignore_case, str):
        ignore_case = ignore_case.strip().lower() in ("yes", "true", "1")
    start = len(problems)
    if not CODE_PATTERN.fullmatch(code):
        problem(f"code must be CUS followed by digits (CUS001), not {code!r}")
    if severity not in SEVERITIES:
        problem(f"severity must be {', '.join(SEVERITIES)}, not {severity!r}")
    if not message:
        problem("message is empty: say what is wrong, for the reviewer")
    if category not in CATEGORIES:
        problem(f"category must be one of {', '.join(CATEGORIES)}, not {category!r}")
    if bool(must_text) == bool(must_not_text):
        problem("give exactly one of target-must and target-must-not")
    if len(problems) > start:
        return None
    source_text = str(fields.get("source") or "")
    return Entry(
        code=code,
        severity=severity,
        message=message,
        target=PatternSpec.parse(must_text or must_not_text),
        must=bool(must_text),
        source=PatternSpec.parse(source_text) if source_text else None,
        category=category,
        name=str(fields.get("name") or "").strip(),
        why=str(fields.get("why") or "").strip(),
        example=str(fields.get("example") or "").strip(),
        ignore_case=bool(ignore_case),
        path=path,
        line=line,
    )


def _toml_entries(text: str, path: str, problems: list[Problem]) -> list[Entry]:
    tomllib = toml_parser()
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        found = re.search(r"at line (\d+)", str(exc))
        problems.append(
            Problem(path, int(found.group(1)) if found else None, f"not valid TOML: {exc}")
        )
        return []
    checks = data.get("check")
    extra = sorted(set(data) - {"check"})
    if extra:
        problems.append(
            Problem(path, 1, f"unknown table {extra[0]!r}: entries are [[check]] tables")
        )
    if not isinstance(checks, list):
        problems.append(Problem(path, 1, "no [[check]] entries"))
        return []
    # tomllib keeps no positions: the n-th [[check]] header is the n-th entry's line
    headers = [
        n
        for n, line in enumerate(text.splitlines(), 1)
        if re.match(r"\s*\[\[\s*check\s*\]\]", line)
    ]
    entries = []
    for index, fields in enumerate(checks):
        line = headers[index] if index < len(headers) else 1
        entry = _entry_from(dict(fields), path, line, problems)
        if entry is not None:
            entries.append(entry)
    return entries


def _tsv_entries(text: str, path: str, problems: list[Problem]) -> list[Entry]:
    import csv  # (here: a run without a checklist does not load it)
    import io

    rows = list(csv.reader(io.StringIO(text), delimiter="\t", quoting=csv.QUOTE_NONE))
    if not rows or not any(cell.strip() for cell in rows[0]):
        problems.append(Problem(path, 1, f"no header row (columns: {', '.join(FIELDS)})"))
        return []
    header = [cell.strip().lower().replace("_", "-") for cell in rows[0]]
    entries = []
    for number, row in enumerate(rows[1:], 2):
        if not any(cell.strip() for cell in row) or row[0].lstrip().startswith("#"):
            continue
        if len(row) > len(header):
            problems.append(Problem(path, number, f"{len(row)} cells but {len(header)} columns"))
            continue
        fields = {key: cell for key, cell in zip(header, row) if cell != ""}
        entry = _entry_from(fields, path, number, problems)
        if entry is not None:
            entries.append(entry)
    return entries


def read_checklist(path: str) -> tuple[list[Entry], list[Problem]]:
    """The entries of one checklist (TOML, or TSV with a header row) and its problems."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        return [], [Problem(path, None, "no such checklist file")]
    except (OSError, UnicodeDecodeError) as exc:
        return [], [Problem(path, None, f"cannot read the checklist: {exc}")]
    problems: list[Problem] = []
    if path.lower().endswith((".tsv", ".txt")):
        entries = _tsv_entries(text, path, problems)
    else:
        entries = _toml_entries(text, path, problems)
    return entries, problems


# -- compiling -----------------------------------------------------------------------------


def _word_literal(text: str, plural: bool = False) -> str:
    """A literal as a regex, whole-word at an ASCII letter or digit edge; with ``plural``,
    an English word may take its plural ending (``gearbox`` matches ``gearboxes``)."""
    body = re.escape(text)
    if text[:1].isascii() and text[:1].isalnum():
        body = r"(?<![A-Za-z0-9])" + body
    if text[-1:].isascii() and text[-1:].isalpha() and plural:
        body += "(?:es|s)?"
    if text[-1:].isascii() and text[-1:].isalnum():
        body += r"(?![A-Za-z0-9])"
    return body


@dataclass(frozen=True)
class TermForms:
    """What a ``term:`` pattern matches on one side, and whether case matters there."""

    forms: tuple[str, ...]
    case_sensitive: bool


def _term_forms(
    spec: PatternSpec, side: str, termbase: Termbase | None, locale: str
) -> TermForms | None:
    """The English forms (``source``) or approved renderings (``target``; with the English
    form for a do-not-translate term) of the glossary concept ``spec`` names."""
    if termbase is None:
        return None
    wanted = spec.text.strip().casefold()
    for concept in reversed(termbase.concepts):  # the top layer first
        if wanted in (form.casefold() for form in concept.english_forms):
            if side == "source":
                return TermForms(concept.english_forms, concept.case_sensitive)
            forms = concept.approved(locale)
            return TermForms((concept.en, *forms) if concept.dnt else forms, True)
    return None


def compile_pattern(
    spec: PatternSpec, side: str, ignore_case: bool, termbase: Termbase | None, locale: str
) -> re.Pattern[str]:
    """The pattern as a regex for the English (``source``) or Chinese (``target``) side;
    ``ValueError`` with a reason a user can act on when it cannot be built."""
    flags = re.IGNORECASE if ignore_case else 0
    if spec.kind == "regex":
        try:
            return re.compile(spec.text, flags)
        except re.error as exc:
            raise ValueError(f"bad regular expression {spec.text!r}: {exc}") from None
    if not spec.text:
        raise ValueError("empty pattern")
    if spec.kind == "literal":
        return re.compile(_word_literal(spec.text), flags)
    term = _term_forms(spec, side, termbase, locale)
    if term is None:
        raise ValueError(f"no glossary term {spec.text!r} (see `auditor glossary`)")
    if not term.forms:
        raise ValueError(
            f"the glossary term {spec.text!r} has no approved rendering for the {side}"
        )
    if not term.case_sensitive:  # English terms match in any case, as the TERM rules do
        flags |= re.IGNORECASE
    alternatives = sorted(term.forms, key=len, reverse=True)  # the longest form first
    return re.compile(
        "|".join(_word_literal(f, plural=side == "source") for f in alternatives), flags
    )


@dataclass(frozen=True)
class CompiledCheck:
    """An entry ready to run: its rule and its compiled patterns (they pickle)."""

    rule: Rule
    message: str
    target: re.Pattern[str]
    must: bool
    source: re.Pattern[str] | None = None
    #: What a ``target-must`` entry wanted, as the finding's ``expected``.
    expected: str = ""

    def findings(self, segment: Segment) -> Iterator[Finding]:
        if segment.target is None:
            return
        trigger = None
        if self.source is not None:
            if segment.source is None:
                return
            trigger = self.source.search(segment.source)
            if trigger is None:
                return
        source_span = trigger.span() if trigger else None
        if self.must:
            if self.target.search(segment.target) is None:
                yield self.rule.finding(
                    self.message, source_span=source_span, expected=self.expected
                )
            return
        for hit in self.target.finditer(segment.target):
            if hit.end() > hit.start():
                yield self.rule.finding(
                    self.message,
                    source_span=source_span,
                    target_span=hit.span(),
                    found=hit.group(0),
                )


@dataclass(frozen=True)
class Checklist:
    """Every compiled entry of a project's checklists, in file order."""

    checks: tuple[CompiledCheck, ...] = ()
    paths: tuple[str, ...] = ()

    @property
    def rules(self) -> tuple[Rule, ...]:
        return tuple(c.rule for c in self.checks)

    def findings(self, segment: Segment, enabled: Iterable[str] | None = None) -> list[Finding]:
        allowed = None if enabled is None else frozenset(enabled)
        found: list[Finding] = []
        for check in self.checks:
            if allowed is None or check.rule.code in allowed:
                found.extend(check.findings(segment))
        return found


def _display(spec: PatternSpec, termbase: Termbase | None, locale: str) -> str:
    if spec.kind == "term":
        term = _term_forms(spec, "target", termbase, locale)
        return " | ".join(term.forms) if term else spec.text
    return spec.text


def compile_entries(
    entries: Sequence[Entry], termbase: Termbase | None, locale: str, problems: list[Problem]
) -> list[CompiledCheck]:
    compiled = []
    seen: dict[str, Entry] = {}
    for entry in entries:
        if entry.code in seen:
            first = seen[entry.code]
            problems.append(
                Problem(
                    entry.path,
                    entry.line,
                    f"code {entry.code} is already used at {first.path}:{first.line}",
                )
            )
            continue
        seen[entry.code] = entry
        try:
            source = (
                compile_pattern(entry.source, "source", entry.ignore_case, termbase, locale)
                if entry.source
                else None
            )
            target = compile_pattern(entry.target, "target", entry.ignore_case, termbase, locale)
        except ValueError as exc:
            problems.append(Problem(entry.path, entry.line, f"{entry.code}: {exc}"))
            continue
        expected = _display(entry.target, termbase, locale) if entry.must else ""
        compiled.append(
            CompiledCheck(entry.rule(), entry.message, target, entry.must, source, expected)
        )
    return compiled


def _read_all(paths: Sequence[str]) -> tuple[list[Entry], list[Problem]]:
    entries: list[Entry] = []
    problems: list[Problem] = []
    for path in paths:
        found, trouble = read_checklist(path)
        entries.extend(found)
        problems.extend(trouble)
    return entries, problems


def lint_checklists(
    paths: Sequence[str], termbase: Termbase | None, locale: str = "zh-TW"
) -> list[Problem]:
    """Every problem of these checklists (read, validated and compiled together)."""
    entries, problems = _read_all(paths)
    compile_entries(entries, termbase, locale, problems)
    return problems


def load_checklists(
    paths: Sequence[str], termbase: Termbase | None, locale: str = "zh-TW"
) -> Checklist:
    """The project's checklist, or an ``InputError`` naming the first problem (file:line)."""
    entries, problems = _read_all(paths)
    compiled = compile_entries(entries, termbase, locale, problems)
    if problems:
        first = problems[0]
        more = (
            f" (and {len(problems) - 1} more: run `auditor checklist lint`)"
            if len(problems) > 1
            else ""
        )
        raise InputError(first.message + more, first.path, first.line)
    return Checklist(tuple(compiled), tuple(paths))


def needs_termbase(paths: Sequence[str]) -> bool:
    """Whether any entry uses a ``term:`` pattern (only then is the glossary loaded)."""
    for path in paths:
        for entry in read_checklist(path)[0]:
            if entry.target.kind == "term" or (
                entry.source is not None and entry.source.kind == "term"
            ):
                return True
    return False
