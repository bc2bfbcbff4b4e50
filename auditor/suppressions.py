"""Findings a team accepted for its project, kept in a suppression file in its repository.

Keyed the way detect-secrets and Semgrep key theirs: the rule, a hash of the normalised
English segment, and the text the finding matched; never a line number. Inserting lines
above a finding, re-wrapping the file or re-aligning it keeps the key; editing the English
sentence, or the words the finding is about, makes it a new finding to look at again.

The file (``auditor-suppressions.toml`` at the project root unless the configuration names
another) is TOML, one ``[[accept]]`` table per accepted finding, so that it reads well in a
pull request. :func:`accept_for_project` appends an entry atomically (the review app's
"accept for this project"); ``auditor check`` drops the findings it matches, or keeps them
marked as suppressed, and names the entries that no longer match anything.

The baseline (:mod:`auditor.baseline`) stays the way to adopt the check on a whole corpus:
it is a snapshot of a run; suppressions are decisions, one finding at a time.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import unicodedata
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from auditor.config import toml_parser
from auditor.model import Finding, InputError, Segment

if TYPE_CHECKING:
    from datetime import datetime


HEADER = (
    "# Findings accepted for this project: `auditor check` does not report them.\n"
    '# Written by the review app ("accept for this project"); an entry may be removed by hand.\n'
    "# Each is keyed by rule + a hash of the normalised English segment + the matched text.\n"
)

#: ``(rule, segment hash, matched text)``: what identifies an accepted finding.
Key = tuple[str, str, str]


def normalise(text: str | None) -> str:
    """NFKC (full-width to half-width), whitespace runs to one space, trimmed."""
    if text is None:
        return ""
    return " ".join(unicodedata.normalize("NFKC", text).split())


def segment_hash(segment: Segment) -> str:
    """16 hex digits of the normalised, case-folded English (the Chinese, for a line that
    has no English): what the finding is about, wherever it sits."""
    text = segment.source if segment.source is not None else segment.target
    return hashlib.sha256(normalise(text).casefold().encode("utf-8")).hexdigest()[:16]


def _covered(text: str | None, span: tuple[int, int] | None) -> str:
    if text is None or span is None:
        return ""
    start, end = span
    return normalise(text[start:end]) if 0 <= start <= end <= len(text) else ""


def matched_text(segment: Segment, finding: Finding) -> str:
    """The text the finding is about: what it covers in the translation, else in the
    English, else what it found."""
    return (
        _covered(segment.target, finding.target_span)
        or _covered(segment.source, finding.source_span)
        or normalise(finding.found)
    )


def key_of(segment: Segment, finding: Finding) -> Key:
    return (finding.rule, segment_hash(segment), matched_text(segment, finding))


def fingerprint(key: Key) -> str:
    """The key as one 16-hex-digit string (SARIF ``partialFingerprints``)."""
    return hashlib.sha256("\x1f".join(key).encode("utf-8")).hexdigest()[:16]


def finding_fingerprint(segment: Segment, finding: Finding) -> str:
    return fingerprint(key_of(segment, finding))


@dataclass(frozen=True)
class Suppression:
    """One ``[[accept]]`` entry, with the line of its header (for the unused report)."""

    rule: str
    segment: str
    matched: str
    path: str | None = None
    reason: str | None = None
    line: int = 0

    @property
    def key(self) -> Key:
        return (self.rule, self.segment, self.matched)


@dataclass(frozen=True)
class SuppressionFile:
    path: str
    entries: tuple[Suppression, ...] = ()

    def by_key(self) -> dict[Key, Suppression]:
        return {e.key: e for e in self.entries}


def load_suppressions(path: str | Path) -> SuppressionFile:
    """The file's entries; a missing file has none; a broken one is an error with its line."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except FileNotFoundError:
        return SuppressionFile(str(path))
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read the suppression file: {exc}", str(path)) from None
    tomllib = toml_parser()
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        found = re.search(r"at line (\d+)", str(exc))
        raise InputError(
            f"not valid TOML: {exc}", str(path), int(found.group(1)) if found else None
        ) from None
    headers = [
        n
        for n, line in enumerate(text.splitlines(), 1)
        if re.match(r"\s*\[\[\s*accept\s*\]\]", line)
    ]
    entries = []
    for index, item in enumerate(data.get("accept", [])):
        line = headers[index] if index < len(headers) else 0
        if not isinstance(item, dict) or not all(
            isinstance(item.get(k), str) for k in ("rule", "segment")
        ):
            raise InputError("an [[accept]] entry needs rule and segment", str(path), line or None)
        entries.append(
            Suppression(
                rule=item["rule"],
                segment=item["segment"],
                matched=str(item.get("matched", "")),
                path=item.get("path"),
                reason=item.get("reason"),
                line=line,
            )
        )
    return SuppressionFile(str(path), tuple(entries))


def _toml_string(value: str) -> str:
    """A TOML basic string (JSON's escapes are TOML's, except DEL, which TOML forbids raw)."""
    return json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007f")


def entry_text(
    segment: Segment, finding: Finding, path: str | None, reason: str | None, when: datetime
) -> str:
    from datetime import timezone  # (here: only a run that accepts a finding needs it)

    rule, seg_hash, matched = key_of(segment, finding)
    lines = [
        "[[accept]]",
        f"rule = {_toml_string(rule)}",
        f"segment = {_toml_string(seg_hash)}",
        f"matched = {_toml_string(matched)}",
    ]
    if path:
        lines.append(f"path = {_toml_string(path)}")
    if reason:
        lines.append(f"reason = {_toml_string(reason)}")
    lines.append(f"accepted = {when.astimezone(timezone.utc).strftime('%Y-%m-%dT%H:%M:%SZ')}")
    # for people reading the diff: what was accepted
    lines.append(f"message = {_toml_string(finding.message)}")
    if segment.source is not None:
        lines.append(f"source = {_toml_string(normalise(segment.source)[:200])}")
    return "\n".join(lines) + "\n"


@contextmanager
def _locked(directory: Path) -> Iterator[None]:
    """Serialise writers of one project's suppression file (two reviewers accepting at
    once must not lose an entry); where ``flock`` is missing, writes are still atomic."""
    try:
        import fcntl
    except ImportError:  # Windows
        yield
        return
    fd = os.open(directory, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)


def write_atomically(path: Path, text: str) -> None:
    """Replace ``path`` with ``text`` in one step (the one atomic writer every output uses):
    a crash leaves the old file or the new one, never half of either."""
    from auditor.report.atomic import atomic_output

    with atomic_output(path, "the suppression file") as fh:
        fh.write(text)


def add_suppression(
    file: str | Path,
    segment: Segment,
    finding: Finding,
    *,
    path: str | None = None,
    reason: str | None = None,
    when: datetime | None = None,
) -> bool:
    """Append an entry accepting ``finding`` of ``segment`` to ``file`` (created if need
    be), atomically. ``path`` is the input as the project names it (for the unused
    report). Returns False when the file already accepts it (nothing is written)."""
    target = Path(file)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with _locked(target.parent):
            existing = load_suppressions(target)
            if key_of(segment, finding) in existing.by_key():
                return False
            try:
                old = target.read_text(encoding="utf-8")
            except FileNotFoundError:
                old = HEADER
            if old and not old.endswith("\n"):
                old += "\n"
            entry = entry_text(segment, finding, path, reason, when or _now())
            write_atomically(target, old + "\n" + entry)
    except OSError as exc:
        raise InputError(
            f"cannot write the suppression file: {exc.strerror}", str(target)
        ) from None
    return True


def accept_for_project(
    input_path: str,
    segment: Segment,
    finding: Finding,
    reason: str | None = None,
    *,
    config: str | None = None,
) -> Path:
    """The review app's "accept for this project": record ``finding`` of ``segment`` (read
    from ``input_path``) in the project's suppression file, found the way ``auditor check``
    finds it (the configuration above ``input_path``, or ``config``). Returns the file."""
    from auditor.config import Flags, input_directory, relative_to_root, resolve

    settings = resolve([input_path], Flags(config=config))
    assert settings.suppressions is not None  # only --isolated has none
    file = Path(settings.suppressions)
    root = Path(settings.config).parent if settings.config else input_directory(input_path)
    add_suppression(file, segment, finding, path=relative_to_root(input_path, root), reason=reason)
    return file


def unused(
    entries: Iterable[Suppression], used: set[Key], inputs: Iterable[str], enabled
) -> list[Suppression]:
    """Entries that match no finding of a run over ``inputs`` (project-relative paths).
    Only an entry recorded for one of them, of a rule that ran, can be judged: the file
    serves the whole project, and one run checks one input."""
    paths = set(inputs)
    return [e for e in entries if e.key not in used and e.path in paths and enabled(e.rule)]


def _now() -> datetime:
    """The time of an acceptance (``datetime`` is imported only when one is written)."""
    from datetime import datetime, timezone

    return datetime.now(timezone.utc)
