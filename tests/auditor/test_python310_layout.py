"""``requires-python >=3.10`` holds: with the regex internals laid out as Python 3.10 has
them (no ``re._constants``, no ``re._parser``), every module imports and a check gives the
same report (the number readers fall back from their first-character dispatch to the
plain alternation)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "tests" / "data" / "astera_q1_2025_bilingual.txt"

HIDE_311_LAYOUT = r"""
import builtins
_import = builtins.__import__
def python310_import(name, globals=None, locals=None, fromlist=(), level=0):
    # Python 3.10 has no re._constants / re._parser (they are sre_constants, sre_parse);
    # the re module itself keeps working, only our imports of them fail as they would there
    if name == "re" and fromlist and {"_constants", "_parser"} & set(fromlist):
        if (globals or {}).get("__name__", "").startswith(("auditor", "glossary", "tui")):
            raise ImportError("cannot import name '_constants' from 're' (as on Python 3.10)")
    return _import(name, globals, locals, fromlist, level)
builtins.__import__ = python310_import
import importlib
_import_module = importlib.import_module
def python310_import_module(name, package=None):
    if name in ("re._constants", "re._parser"):
        raise ModuleNotFoundError(f"No module named {name!r} (as on Python 3.10)")
    return _import_module(name, package)
importlib.import_module = python310_import_module
"""

RUN = r"""
import importlib, pkgutil, sys
import auditor, glossary, tui
for package in (auditor, glossary, tui):
    for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
        if not info.name.endswith("__main__"):
            importlib.import_module(info.name)
from auditor.numbers import dispatch
assert not dispatch.AVAILABLE
from auditor.cli import main
sys.exit(main(["check", sys.argv[1], "--format", "jsonl", "-q"]))
"""


def _run(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code, str(SAMPLE)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=600,
    )


def test_every_module_imports_and_a_check_is_unchanged_without_the_311_regex_internals():
    hidden = _run(HIDE_311_LAYOUT + RUN)
    assert hidden.returncode == 1, hidden.stderr[-2000:]  # the sample has findings
    normal = subprocess.run(
        [sys.executable, "-m", "auditor", "check", str(SAMPLE), "--format", "jsonl", "-q"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=600,
    )
    assert hidden.stdout == normal.stdout and hidden.stdout.count("\n") > 50


#: Run with every version switch of ours on its Python 3.10 branch: record each pattern
#: compiled while every module imports and a check of the sample runs, and name those that
#: use syntax Python 3.10's regex parser does not know (possessive repeats ``*+``, atomic
#: groups ``(?>...)``, both new in 3.11). The parse is 3.11's own parser, read in this test
#: only, to find those two node types.
PATTERNS_AS_ON_310 = r"""
import json, sys, tomllib
import re._compiler as compiler, re._constants as constants, re._parser as parser
sys.modules.setdefault("tomli", tomllib)  # Python 3.10 reads TOML with tomli, this parser
sys.version_info = (3, 10, 13, "final", 0)
seen = set()
compile_code = compiler.compile
def recording(pattern, flags=0):
    if isinstance(pattern, str):
        seen.add((pattern, int(flags)))
    return compile_code(pattern, flags)
compiler.compile = recording
import importlib, pkgutil
import auditor, glossary
for package in (auditor, glossary):
    for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
        if not info.name.endswith("__main__"):
            importlib.import_module(info.name)
from auditor.cli import main
try:
    main(["check", sys.argv[1], "--format", "jsonl", "-q"])
except SystemExit:
    pass
NEW_IN_311 = {constants.POSSESSIVE_REPEAT, constants.ATOMIC_GROUP}
def nodes(items):
    for op, av in items:
        yield op
        for part in av if isinstance(av, (list, tuple)) else (av,):
            for sub in part if isinstance(part, (list, tuple)) else (part,):
                if isinstance(sub, parser.SubPattern):
                    yield from nodes(sub)
bad = [p for p, f in sorted(seen) if NEW_IN_311 & set(nodes(parser.parse(p, f)))]
from auditor.names import CAPITAL_RUN_POSSESSIVE  # what 3.11 compiles: must be caught
detects = bool(NEW_IN_311 & set(nodes(parser.parse(CAPITAL_RUN_POSSESSIVE, 0))))
print(json.dumps({"patterns": len(seen), "bad": bad, "detects": detects}), file=sys.stderr)
"""


@pytest.mark.skipif(sys.version_info < (3, 11), reason="on 3.10 every pattern compiles natively")
def test_no_pattern_compiled_on_python_310_uses_syntax_new_in_311():
    """``requires-python >=3.10``: a pattern written with a 3.11-only construct must have
    a plain form that its module compiles on 3.10 (names.py's capital run does)."""
    run = _run(PATTERNS_AS_ON_310)
    report = json.loads(run.stderr.strip().splitlines()[-1])
    assert report["patterns"] > 150  # the import and the check ran
    assert report["bad"] == []
    assert report["detects"]  # the check finds the construct where it is used
