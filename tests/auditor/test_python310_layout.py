"""``requires-python >=3.10`` holds: with the regex internals laid out as Python 3.10 has
them (no ``re._constants``, no ``re._parser``), every module imports and a check gives the
same report (the number readers fall back from their first-character dispatch to the
plain alternation)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

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
