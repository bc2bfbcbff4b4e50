"""One compiled termbase per termbase, shared by the aligner and the term rules, each part
built on first use (glossary/compiled.py)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from auditor.align import align_document, term_keys
from auditor.checks import terms
from auditor.checks.base import CheckContext
from auditor.model import Document, Loc, Segment, TextLine
from glossary.compiled import CompiledTermbase, compile_termbase
from glossary.model import Concept, Termbase

ROOT = Path(__file__).resolve().parents[2]


def _termbase() -> Termbase:
    return Termbase(
        (
            Concept("gearbox", zh_tw=("齒輪箱",), forbidden=("變速箱",)),
            Concept("retimer", zh_tw=("重定時器",), zh_cn=("重定时器",)),
        )
    )


def test_one_compiled_termbase_per_termbase_object():
    termbase = _termbase()
    compiled = compile_termbase(termbase)
    assert isinstance(compiled, CompiledTermbase)
    assert compile_termbase(termbase) is compiled
    assert CheckContext(termbase=termbase).compiled is compiled
    # An equal termbase is another object: compiled on its own (the identity is the key).
    assert compile_termbase(_termbase()) is not compiled
    assert CheckContext().compiled is None
    assert CheckContext(termbase=Termbase()).compiled is None


def test_the_aligner_and_the_term_rules_read_the_same_compiled_termbase():
    termbase = _termbase()
    compiled = compile_termbase(termbase)
    assert term_keys("Our retimers and the gearbox.", "en", termbase) == {"t:0", "t:1"}
    assert term_keys("我們的重定时器與變速箱", "zh", termbase) == {"t:0", "t:1"}
    anchors = compiled.anchors
    segment = Segment("s1", "The gearbox ships.", "變速箱出貨。", None, None)
    findings = list(terms.check_segment(segment, CheckContext(termbase=termbase)))
    assert [(f.rule, f.found) for f in findings] == [("TERM002", "變速箱")]
    # Neither part was built twice: the aligner's anchors and the rules' matcher are the
    # compiled termbase's own.
    assert compiled.anchors is anchors
    assert terms.analyse(segment, CheckContext(termbase=termbase)).matcher is compiled.matcher


def test_aligning_builds_the_anchors_only():
    """An ``auditor align`` never pays for the term rules' tables."""
    termbase = _termbase()
    lines = (
        TextLine("Our retimers ship.", Loc("t.txt", 1, 1), "en"),
        TextLine("我們的重定時器出貨。", Loc("t.txt", 2, 2), "zh"),
    )
    document = Document("t.txt", "interleaved", "interleaved", lines=lines)
    segments = align_document(document, termbase)
    assert [(s.source, s.target) for s in segments] == [(lines[0].text, lines[1].text)]
    built = compile_termbase(termbase).__dict__
    assert "anchors" in built and "matcher" not in built


def test_a_context_sent_to_a_worker_carries_the_termbase_not_the_compiled_form():
    """The context is pickled for worker processes: each compiles (or reads from the user
    cache) on its own, so nothing compiled travels."""
    code = (
        "import pickle, sys\n"
        "from auditor.checks.base import CheckContext\n"
        "from glossary.model import Concept, Termbase\n"
        "ctx = CheckContext(termbase=Termbase((Concept('gearbox', forbidden=('變速箱',)),)))\n"
        "assert ctx.compiled.matcher is not None\n"
        "data = pickle.dumps(ctx)\n"
        "assert b'TermMatcher' not in data and b'TermAnchors' not in data, data\n"
        "back = pickle.loads(data)\n"
        "assert back.compiled is not ctx.compiled and back.compiled.termbase == ctx.termbase\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
