"""``auditor glossary lint``: the checks a termbase needs before it gates a CI pipeline.

The readers already report what is wrong inside one row (header, yes/no values, whitespace,
empty cells). This module adds what needs a whole file or several layered files: duplicate
concepts, English forms claimed twice, approved renderings that are also forbidden, the
wrong script in a zh-TW or zh-CN cell, do-not-translate entries with a translation, and
layers that disagree on how a term is rendered. The codes are listed in ``glossary.problems``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import opencc

from glossary import default_termbase_file
from glossary.formats import GlossaryFile, read_glossary
from glossary.model import Concept
from glossary.problems import Problem
from glossary.script import simplified_chars, traditional_chars


@dataclass(frozen=True)
class LintResult:
    files: tuple[str, ...]
    concepts: int
    problems: tuple[Problem, ...]

    @property
    def errors(self) -> int:
        return sum(p.severity == "error" for p in self.problems)

    @property
    def warnings(self) -> int:
        return sum(p.severity == "warning" for p in self.problems)


@lru_cache(maxsize=1)
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def _norm(text: str) -> str:
    """One script, one case: how the matcher will compare renderings."""
    return _t2s().convert(text).casefold()


def _where(concept: Concept) -> str:
    return f"{concept.source}:{concept.line}"


def _duplicates(file: GlossaryFile) -> Iterable[Problem]:
    heads: dict[str, Concept] = {}
    forms: dict[tuple[bool, str], Concept] = {}
    for concept in file.concepts:
        first = heads.get(concept.key)
        if first is not None:
            yield Problem(
                "GL006",
                file.path,
                concept.line,
                f"{concept.en!r} is already defined at line {first.line}",
                "en",
            )
            continue
        heads[concept.key] = concept
        for key, form in _form_keys(concept).items():
            owner = forms.get(key)
            if owner is not None and owner is not concept:
                yield Problem(
                    "GL006",
                    file.path,
                    concept.line,
                    f"English form {form!r} also belongs to {owner.en!r} (line {owner.line}); "
                    "the matcher could not tell them apart",
                    "en",
                )
            forms.setdefault(key, concept)


def _concept_problems(concept: Concept, path: str) -> Iterable[Problem]:
    line = concept.line
    forbidden = {_norm(f): f for f in concept.forbidden}
    for column, values in (("zh_tw", concept.zh_tw), ("zh_cn", concept.zh_cn)):
        for value in values:
            if _norm(value) in forbidden:
                yield Problem(
                    "GL008",
                    path,
                    line,
                    f"{column} {value!r} is approved and also forbidden "
                    f"(as {forbidden[_norm(value)]!r})",
                    column,
                )
    for value in concept.zh_tw:
        wrong = simplified_chars(value)
        if wrong:
            chars = " ".join(w.char for w in wrong)
            fixes = " ".join(w.suggestion for w in wrong)
            yield Problem(
                "GL009",
                path,
                line,
                f"zh_tw {value!r} has Simplified {chars} (Traditional: {fixes})",
                "zh_tw",
            )
    for value in concept.zh_cn:
        wrong = traditional_chars(value)
        if wrong:
            chars = " ".join(w.char for w in wrong)
            fixes = " ".join(w.suggestion for w in wrong)
            yield Problem(
                "GL010",
                path,
                line,
                f"zh_cn {value!r} has Traditional {chars} (Simplified: {fixes})",
                "zh_cn",
            )
    if concept.dnt:
        english = {f if concept.case_sensitive else f.casefold() for f in concept.english_forms}
        for column, values in (("zh_tw", concept.zh_tw), ("zh_cn", concept.zh_cn)):
            for value in values:
                if (value if concept.case_sensitive else value.casefold()) not in english:
                    yield Problem(
                        "GL012",
                        path,
                        line,
                        f"dnt=yes but {column} is {value!r}: a do-not-translate "
                        f"term stays {concept.en!r} (or leave {column} empty)",
                        column,
                    )


def _rendering(concept: Concept) -> frozenset[str]:
    return frozenset(_norm(v) for v in (*concept.zh_tw, *concept.zh_cn))


def _fold_plural(form: str) -> str:
    """``retimers`` -> ``retimer``, ``capacities`` -> ``capacity``: the matcher finds plurals
    of every term, so two entries that differ only by a plural collide."""
    if form.endswith("ies") and len(form) > 4:
        return form[:-3] + "y"
    if form.endswith("s") and not form.endswith(("ss", "us", "is")) and len(form) > 3:
        return form[:-1]
    return form


def _form_keys(concept: Concept) -> dict[tuple[bool, str], str]:
    """Each English form by how the matcher tells forms apart: exactly if case-sensitive,
    else folded (case and a final plural)."""
    cs = concept.case_sensitive
    keys: dict[tuple[bool, str], str] = {}
    for form in concept.english_forms:
        keys.setdefault((cs, form if cs else _fold_plural(form.casefold())), form)
    return keys


def _disagreement(concept: Concept, earlier: Concept) -> str | None:
    if earlier.dnt != concept.dnt:
        how = "do-not-translate" if concept.dnt else "translated"
        return f"{concept.en!r} is {how} here but not in {_where(earlier)}"
    mine, theirs = _rendering(concept), _rendering(earlier)
    if mine and theirs and not mine & theirs:
        return (
            f"{concept.en!r} is rendered {'|'.join(concept.zh_tw or concept.zh_cn)!r} here "
            f"but {'|'.join(earlier.zh_tw or earlier.zh_cn)!r} in {_where(earlier)}; "
            "share at least one rendering or remove one entry"
        )
    return None


def _layer_conflicts(files: Sequence[GlossaryFile]) -> Iterable[Problem]:
    """A term defined in two layers must not be rendered in two unrelated ways; and an
    English form a lower layer already uses must come with the same head term, or the
    upper concept does not replace the lower one and both stay active."""
    seen: dict[str, Concept] = {}
    owners: dict[tuple[bool, str], Concept] = {}
    for file in files:
        in_file: dict[str, Concept] = {}
        for concept in file.concepts:
            in_file.setdefault(concept.key, concept)
        for key, concept in in_file.items():
            earlier = seen.get(key)
            if earlier is not None:
                message = _disagreement(concept, earlier)
                if message:
                    yield Problem(
                        "GL007",
                        file.path,
                        concept.line,
                        message,
                        "dnt"
                        if "translated" in message or "do-not-translate" in message
                        else "zh_tw",
                    )
                continue
            for form_key, form in _form_keys(concept).items():
                owner = owners.get(form_key)
                if owner is not None and owner.key != key and owner.source != concept.source:
                    yield Problem(
                        "GL007",
                        file.path,
                        concept.line,
                        f"English form {form!r} already belongs to {owner.en!r} in "
                        f"{_where(owner)}; with a different head term this entry does not "
                        f"replace that one and both stay active (use {owner.en!r} as en)",
                        "en",
                    )
                    break
        for key, concept in in_file.items():
            for form_key in _form_keys(concept):
                owners[form_key] = concept
            seen[key] = concept


def lint_files(files: Sequence[GlossaryFile]) -> tuple[Problem, ...]:
    """Every problem of ``files`` (layered in the given order), sorted by file and line."""
    problems: list[Problem] = []
    order = {f.path: i for i, f in enumerate(files)}
    for file in files:
        problems.extend(file.problems)
        problems.extend(_duplicates(file))
        for concept in file.concepts:
            problems.extend(_concept_problems(concept, file.path))
    problems.extend(_layer_conflicts(files))
    unique = list(dict.fromkeys(problems))
    unique.sort(key=lambda p: (order.get(p.path, len(order)), p.line, p.code))
    return tuple(unique)


def lint_paths(paths: Sequence[str], include_default: bool = False) -> LintResult:
    """Read and lint ``paths``; with ``include_default`` the shipped termbase is the bottom
    layer (so a project glossary is checked against it). Unreadable files raise."""
    files: list[GlossaryFile] = []
    if include_default:
        shipped = default_termbase_file()
        if shipped is not None:
            files.append(shipped)
    files.extend(read_glossary(path) for path in paths)
    problems = lint_files(files)
    names = tuple(f.path for f in files)
    return LintResult(names, sum(len(f.concepts) for f in files), problems)


__all__ = ["LintResult", "lint_files", "lint_paths"]
