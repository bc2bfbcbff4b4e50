"""A project's configuration: ``[tool.auditor]`` in ``pyproject.toml``, or ``auditor.toml``.

Found like ruff finds its own: walking up from the input file, the first directory with an
``auditor.toml``, or a ``pyproject.toml`` that has a ``[tool.auditor]`` table, holds it
(``auditor.toml`` wins in the same directory). ``--config PATH`` names the file instead;
``--isolated`` ignores every file. Paths in the file (glossaries, checklists, the
suppression file) are relative to the file's directory, the *project root*.

Flags win over the file; the file wins over the defaults. :class:`Settings` keeps, for each
value, where it came from, so ``auditor check --show-settings`` can say so.
"""

from __future__ import annotations

import fnmatch
import re
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

from auditor.model import SEVERITIES, InputError


def toml_parser() -> ModuleType:
    """Python's TOML parser (``tomllib``; on Python 3.10 the same parser from PyPI,
    ``tomli``), imported when a file is read: a run without a configuration, checklist
    or suppression file does not load it."""
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # Python 3.10
        import tomli as tomllib
    return tomllib


CONFIG_FILE = "auditor.toml"
PYPROJECT = "pyproject.toml"
#: Where accepted findings are kept unless the configuration names another file.
DEFAULT_SUPPRESSIONS = "auditor-suppressions.toml"

FAIL_ON = ("minor", "major", "critical", "never")
LOCALES = ("zh-TW", "zh-CN")
#: Keys ``[tool.auditor]`` may hold (kebab-case, like ruff's).
KNOWN_KEYS = frozenset(
    {
        "select",
        "ignore",
        "fail-on",
        "locale",
        "glossaries",
        "pass-threshold",
        "jobs",
        "severity",
        "per-path",
        "checklists",
        "suppressions",
        "keep-suppressed",
    }
)
PER_PATH_KEYS = frozenset({"path", "ignore", "severity"})

DEFAULT = "default"


@dataclass(frozen=True)
class PathOverride:
    """``[[tool.auditor.per-path]]``: rules ignored and severities changed for matching files."""

    patterns: tuple[str, ...]
    ignore: tuple[str, ...] = ()
    severity: tuple[tuple[str, str], ...] = ()

    def matches(self, relative: str) -> bool:
        """Globs match the path relative to the project root (``**`` crosses directories);
        a pattern without ``/`` matches the file name too, as in ``.gitignore``."""
        name = relative.rsplit("/", 1)[-1]
        for pattern in self.patterns:
            if fnmatch.fnmatchcase(relative, pattern):
                return True
            if "/" not in pattern and fnmatch.fnmatchcase(name, pattern):
                return True
            if pattern.endswith("/**") and relative.startswith(pattern[:-2]):
                return True
        return False


@dataclass(frozen=True)
class ConfigFile:
    """A configuration as read: its path, the project root, and the ``[tool.auditor]`` table."""

    path: Path
    table: Mapping[str, Any]

    @property
    def root(self) -> Path:
        return self.path.parent


@dataclass(frozen=True)
class Settings:
    """The resolved settings of one run, and where each came from (``sources``)."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    fail_on: str | None = None
    #: ``None``: what an XLIFF or TMX input declares, else zh-TW (decided per input).
    locale: str | None = None
    glossaries: tuple[str, ...] = ()
    pass_threshold: float | None = None
    jobs: int | None = None
    #: ``(code or prefix, severity)``; the longest matching prefix wins.
    severity: tuple[tuple[str, str], ...] = ()
    checklists: tuple[str, ...] = ()
    #: The suppression file (absolute), or ``None`` for none (``--isolated``).
    suppressions: str | None = None
    keep_suppressed: bool = False
    #: The configuration file used, or ``None``.
    config: str | None = None
    #: The per-path overrides that matched this input (their patterns).
    matched_overrides: tuple[str, ...] = ()
    sources: Mapping[str, str] = field(default_factory=dict)

    def effective_fail_on(self) -> str:
        """What ``check`` fails on: major, or never when only a score threshold is set."""
        if self.fail_on is not None:
            return self.fail_on
        return "never" if self.pass_threshold is not None else "major"

    def to_json(self) -> dict[str, object]:
        """What a report's ``tool`` block records: everything that shapes its findings."""
        return {
            "config": display_path(self.config) if self.config else None,
            "select": list(self.select),
            "ignore": list(self.ignore),
            "locale": self.locale,
            "fail-on": self.effective_fail_on(),
            "pass-threshold": self.pass_threshold,
            "severity": dict(self.severity),
            "per-path": list(self.matched_overrides),
            "glossaries": [display_path(p) for p in self.glossaries],
            "checklists": [display_path(p) for p in self.checklists],
            "suppressions": display_path(self.suppressions)
            if self.suppressions and Path(self.suppressions).is_file()
            else None,
        }


def _load_toml(path: Path) -> dict[str, Any]:
    tomllib = toml_parser()
    try:
        with open(path, "rb") as fh:
            return tomllib.load(fh)
    except FileNotFoundError:
        raise InputError("no such configuration file", str(path)) from None
    except OSError as exc:
        raise InputError(f"cannot read the configuration: {exc.strerror}", str(path)) from None
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"not valid TOML: {exc}", str(path), _toml_error_line(exc)) from None


def _toml_error_line(exc: Exception) -> int | None:
    """The line tomllib names in its message ("... (at line 3, column 7)")."""
    found = re.search(r"at line (\d+)", str(exc))
    return int(found.group(1)) if found else None


def read_config(path: str | Path) -> ConfigFile:
    """``--config PATH``: an ``auditor.toml`` (its top level), or a ``pyproject.toml``
    (its ``[tool.auditor]``; an error if it has none)."""
    p = Path(path).resolve()
    data = _load_toml(p)
    if p.name == PYPROJECT:
        table = data.get("tool", {}).get("auditor")
        if not isinstance(table, dict):
            raise InputError("no [tool.auditor] table in this pyproject.toml", str(path))
        return ConfigFile(p, table)
    # an auditor.toml may also be written as [tool.auditor] (copied from a pyproject.toml)
    if set(data) == {"tool"} and isinstance(data["tool"].get("auditor"), dict):
        return ConfigFile(p, data["tool"]["auditor"])
    return ConfigFile(p, data)


def find_config(start: str | Path) -> ConfigFile | None:
    """The configuration that governs ``start`` (a file or directory), walking up."""
    here = Path(start).resolve()
    if not here.is_dir():
        here = here.parent
    for directory in (here, *here.parents):
        candidate = directory / CONFIG_FILE
        if candidate.is_file():
            return read_config(candidate)
        pyproject = directory / PYPROJECT
        if pyproject.is_file():
            data = _load_toml(pyproject)
            table = data.get("tool", {}).get("auditor")
            if isinstance(table, dict):
                return ConfigFile(pyproject.resolve(), table)
    return None


# -- validating the table ------------------------------------------------------------------


def _bad(config: ConfigFile, key: str, expected: str, value: object) -> InputError:
    return InputError(
        f"{key} must be {expected}, not {value!r}", str(config.path), _key_line(config.path, key)
    )


def _key_line(path: Path, key: str) -> int | None:
    """The first line that sets ``key`` (for errors a user can jump to); in a
    ``pyproject.toml``, from the ``[tool.auditor`` tables on (ruff has a ``select`` too)."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    first = 0
    if path.name == PYPROJECT:
        first = next(
            (n for n, line in enumerate(lines) if re.match(r"\s*\[+\s*tool\.auditor\b", line)), 0
        )
    leaf = key.split(".")[-1]
    for number, line in enumerate(lines[first:], first + 1):
        stripped = line.strip()
        if stripped.startswith((leaf + " ", leaf + "=", f'"{leaf}"')) or stripped.strip(
            "[] "
        ).endswith(leaf):
            return number
    return None


def _codes(config: ConfigFile, key: str, value: object) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _bad(config, key, "a list of rule codes or prefixes", value)
    return tuple(v.strip().upper() for v in value if v.strip())


def _paths(config: ConfigFile, key: str, value: object) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _bad(config, key, "a list of paths", value)
    return tuple(
        str((config.root / v).resolve()) if not Path(v).is_absolute() else v for v in value
    )


def _severity_table(config: ConfigFile, key: str, value: object) -> tuple[tuple[str, str], ...]:
    if not isinstance(value, dict):
        raise _bad(config, key, 'a table of rule code = "minor" | "major" | "critical"', value)
    out = []
    for code, severity in value.items():
        if severity not in SEVERITIES:
            raise _bad(config, f"{key}.{code}", "minor, major or critical", severity)
        out.append((str(code).strip().upper(), str(severity)))
    return tuple(out)


def _per_path(config: ConfigFile, value: object) -> tuple[PathOverride, ...]:
    if isinstance(value, dict):  # ruff's shape: "glob" = ["CODE", ...]
        value = [{"path": k, "ignore": v} for k, v in value.items()]
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise _bad(
            config, "per-path", 'an array of tables ([[tool.auditor.per-path]] path = "...")', value
        )
    out = []
    for entry in value:
        unknown = set(entry) - PER_PATH_KEYS
        if unknown:
            raise _bad(
                config, "per-path", f"made of {', '.join(sorted(PER_PATH_KEYS))}", min(unknown)
            )
        patterns = entry.get("path")
        if isinstance(patterns, str):
            patterns = [patterns]
        if not patterns or not all(isinstance(p, str) for p in patterns):
            raise _bad(config, "per-path.path", "a glob or a list of globs", entry.get("path"))
        out.append(
            PathOverride(
                tuple(p.replace("\\", "/").removeprefix("./") for p in patterns),
                _codes(config, "per-path.ignore", entry.get("ignore", [])),
                _severity_table(config, "per-path.severity", entry.get("severity", {})),
            )
        )
    return tuple(out)


@dataclass(frozen=True)
class FileSettings:
    """What a configuration file says, validated (absent keys are ``None``)."""

    values: Mapping[str, object]
    per_path: tuple[PathOverride, ...] = ()


def parse_table(config: ConfigFile) -> FileSettings:
    """Validate ``[tool.auditor]``; an unknown key or a wrong type is an error with its line."""
    table = config.table
    values: dict[str, object] = {}
    for key, value in table.items():
        if key not in KNOWN_KEYS:
            raise InputError(
                f"unknown setting {key!r} (known: {', '.join(sorted(KNOWN_KEYS))})",
                str(config.path),
                _key_line(config.path, key),
            )
        if key in ("select", "ignore"):
            values[key] = _codes(config, key, value)
        elif key == "fail-on":
            if value not in FAIL_ON:
                raise _bad(config, key, ", ".join(FAIL_ON), value)
            values[key] = value
        elif key == "locale":
            if value not in LOCALES:
                raise _bad(config, key, " or ".join(LOCALES), value)
            values[key] = value
        elif key in ("glossaries", "checklists"):
            values[key] = _paths(config, key, value)
        elif key == "pass-threshold":
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise _bad(config, key, "a number (an MQM score, 100 = no penalty)", value)
            values[key] = float(value)
        elif key == "jobs":
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise _bad(config, key, "a whole number of processes, at least 1", value)
            values[key] = value
        elif key == "severity":
            values[key] = _severity_table(config, key, value)
        elif key == "suppressions":
            if not isinstance(value, str):
                raise _bad(config, key, "a path", value)
            values[key] = _paths(config, key, value)[0]
        elif key == "keep-suppressed":
            if not isinstance(value, bool):
                raise _bad(config, key, "true or false", value)
            values[key] = value
    per_path = _per_path(config, table["per-path"]) if "per-path" in table else ()
    return FileSettings(values, per_path)


# -- resolving -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Flags:
    """What the command line said (``None`` or empty: not given)."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    fail_on: str | None = None
    locale: str | None = None
    glossaries: tuple[str, ...] = ()
    pass_threshold: float | None = None
    jobs: int | None = None
    keep_suppressed: bool = False
    config: str | None = None
    isolated: bool = False


def display_path(path: str) -> str:
    """A path as a report shows it: relative to the working directory when inside it (so
    that a report does not carry one machine's layout), else absolute."""
    try:
        return Path(path).resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path


def input_directory(path: str) -> Path:
    """The directory of an input (itself, for a directory): the project root when no
    configuration file names one."""
    p = Path(path).resolve()
    return p if p.is_dir() else p.parent


def relative_to_root(path: str, root: Path) -> str:
    """``path`` relative to the project root, with ``/``; outside it, the absolute path."""
    p = Path(path).resolve()
    try:
        return p.relative_to(root).as_posix()
    except ValueError:
        return p.as_posix()


def resolve(inputs: Sequence[str], flags: Flags = Flags()) -> Settings:
    """The settings for a run on ``inputs`` (the first one is where discovery starts)."""
    if flags.isolated and flags.config:
        raise InputError("--config and --isolated contradict each other: give one")
    config: ConfigFile | None = None
    if flags.config:
        config = read_config(flags.config)
    elif not flags.isolated:  # from the input, else (--show-settings alone) from here
        config = find_config(inputs[0] if inputs else Path.cwd())
    file = parse_table(config) if config is not None else FileSettings({})
    where = display_path(str(config.path)) if config is not None else DEFAULT
    sources: dict[str, str] = {
        "config": "--config"
        if flags.config
        else "--isolated"
        if flags.isolated
        else f"found above the {'input' if inputs else 'working directory'}"
        if config is not None
        else f"none found above the {'input' if inputs else 'working directory'}",
    }

    def pick(key: str, flag_value: object, flag_name: str, default: object) -> Any:
        if not (flag_value is None or flag_value is False or flag_value == ()):  # 0 is a value
            sources[key] = flag_name
            return flag_value
        if key in file.values:
            sources[key] = where
            return file.values[key]
        sources[key] = DEFAULT
        return default

    select = pick("select", flags.select, "--select", ())
    ignore = pick("ignore", flags.ignore, "--ignore", ())
    severity = tuple(pick("severity", None, "", ()))
    matched: list[str] = []
    if config is not None:
        for override in file.per_path:
            if any(override.matches(relative_to_root(i, config.root)) for i in inputs):
                label = f"{where} [per-path {', '.join(override.patterns)}]"
                matched.append(", ".join(override.patterns))
                if override.ignore:
                    ignore = (*ignore, *override.ignore)
                    sources["ignore"] = _plus(sources["ignore"], label)
                if override.severity:
                    severity = (*severity, *override.severity)
                    sources["severity"] = _plus(sources["severity"], label)
    if flags.isolated:
        suppressions, sources["suppressions"] = None, "--isolated"
    elif "suppressions" in file.values:
        suppressions, sources["suppressions"] = str(file.values["suppressions"]), where
    else:
        root = (
            config.root
            if config is not None
            else input_directory(inputs[0])
            if inputs
            else Path.cwd()
        )
        suppressions = str(root / DEFAULT_SUPPRESSIONS)
        sources["suppressions"] = DEFAULT
    return Settings(
        select=tuple(select),
        ignore=tuple(ignore),
        fail_on=pick("fail-on", flags.fail_on, "--fail-on", None),
        locale=pick("locale", flags.locale, "--locale", None),
        glossaries=tuple(pick("glossaries", flags.glossaries, "--glossary", ())),
        pass_threshold=pick("pass-threshold", flags.pass_threshold, "--pass-threshold", None),
        jobs=pick("jobs", flags.jobs, "--jobs", None),
        severity=severity,
        checklists=tuple(pick("checklists", None, "", ())),
        suppressions=suppressions,
        keep_suppressed=bool(
            pick("keep-suppressed", flags.keep_suppressed, "--keep-suppressed", False)
        ),
        config=str(config.path) if config is not None else None,
        matched_overrides=tuple(matched),
        sources=sources,
    )


def _plus(source: str, label: str) -> str:
    return label if source == DEFAULT else f"{source} + {label}"


def severity_for(code: str, overrides: Sequence[tuple[str, str]]) -> str | None:
    """The overriding severity of a rule: the longest matching code prefix wins (a later
    entry wins a tie, so a per-path override beats the file-wide one)."""
    best: tuple[int, str] | None = None
    for prefix, severity in overrides:
        if code.startswith(prefix) and (best is None or len(prefix) >= best[0]):
            best = (len(prefix), severity)
    return best[1] if best else None


def describe(settings: Settings) -> str:
    """``--show-settings``: each resolved setting, its value and where it came from."""
    rows = [
        (
            "config",
            display_path(settings.config) if settings.config else "(none)",
            settings.sources.get("config", DEFAULT),
        ),
        (
            "select",
            ", ".join(settings.select) or "(all rules)",
            settings.sources.get("select", DEFAULT),
        ),
        ("ignore", ", ".join(settings.ignore) or "(none)", settings.sources.get("ignore", DEFAULT)),
        ("fail-on", settings.effective_fail_on(), settings.sources.get("fail-on", DEFAULT)),
        (
            "pass-threshold",
            "(none)" if settings.pass_threshold is None else f"{settings.pass_threshold:g}",
            settings.sources.get("pass-threshold", DEFAULT),
        ),
        (
            "locale",
            settings.locale or "(what an XLIFF or TMX input declares, else zh-TW)",
            settings.sources.get("locale", DEFAULT),
        ),
        (
            "glossaries",
            ", ".join(map(display_path, settings.glossaries)) or "(shipped termbase only)",
            settings.sources.get("glossaries", DEFAULT),
        ),
        (
            "jobs",
            "(number of cores)" if settings.jobs is None else str(settings.jobs),
            settings.sources.get("jobs", DEFAULT),
        ),
        (
            "severity",
            ", ".join(f"{c}={s}" for c, s in settings.severity) or "(rule defaults)",
            settings.sources.get("severity", DEFAULT),
        ),
        (
            "checklists",
            ", ".join(map(display_path, settings.checklists)) or "(none)",
            settings.sources.get("checklists", DEFAULT),
        ),
        (
            "suppressions",
            "(none)"
            if not settings.suppressions
            else display_path(settings.suppressions)
            + ("" if Path(settings.suppressions).is_file() else " (no such file yet)"),
            settings.sources.get("suppressions", DEFAULT),
        ),
        (
            "keep-suppressed",
            str(settings.keep_suppressed).lower(),
            settings.sources.get("keep-suppressed", DEFAULT),
        ),
    ]
    width = max(len(name) for name, _, _ in rows)
    values = max(len(value) for _, value, _ in rows)
    return (
        "\n".join(
            f"{name:<{width}} = {value:<{values}}  # {source}" for name, value, source in rows
        )
        + "\n"
    )
