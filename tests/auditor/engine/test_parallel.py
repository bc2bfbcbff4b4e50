"""Engines: batches checked in process, in worker processes or on Dask give one output.

The input is the hand-checked transcript pairs (tests/data), repeated so that there are
several batches and partitions; besides the registered rules, a small document-level
rule (which rendering of "revenue" a document uses) checks that facts collected per
batch combine as if the document had been checked whole.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from auditor import source
from auditor.checks.base import CheckContext, Checker, Rule
from auditor.cli import main
from auditor.engine import batch as batch_module
from auditor.engine import check_stream
from auditor.engine.local import ProcessPool
from auditor.formats import ReaderOptions
from auditor.options import AuditOptions, Selection
from auditor.pipeline import audit, context_for, load_termbase, open_audit
from auditor.spool import Spool

DATA = Path(__file__).parents[2] / "data"
RENDERINGS = ("營收", "收入", "營業額")

RULE = Rule(
    code="TST901",
    name="revenue-inconsistent",
    category="term",
    severity="minor",
    mqm="Terminology/Inconsistent",
    what="revenue rendered unlike the rest of the document",
    why="test rule",
    document_level=True,
)


def _rendering(segment) -> str | None:
    if segment.source and segment.target and "revenue" in segment.source.lower():
        for word in RENDERINGS:
            if word in segment.target:
                return word
    return None


def _judge(found: list[tuple[int, str]]):
    counts = Counter(word for _, word in found)
    if len(counts) < 2:
        return
    majority = max(sorted(counts), key=counts.__getitem__)
    for index, word in found:
        if word != majority:
            yield index, RULE.finding(f"revenue as {word}, elsewhere {majority}", found=word)


def _combine(facts, ctx):
    return _judge(list(facts))


def _document(segments, ctx):
    found = [(k, w) for k, s in enumerate(segments) if (w := _rendering(s)) is not None]
    return _judge(found)


MAP_REDUCE = Checker(
    "test-consistency", (RULE,), collect=lambda s, ctx: _rendering(s), combine=_combine
)


@pytest.fixture
def extra_checkers(monkeypatch):
    registered = batch_module.all_checkers()

    def install(*checkers: Checker) -> None:
        monkeypatch.setattr(batch_module, "all_checkers", lambda: registered + checkers)
        batch_module.active_checkers.cache_clear()

    yield install
    batch_module.active_checkers.cache_clear()


def _corpus(path: Path, copies: int) -> Path:
    rows = [
        json.loads(line) for line in (DATA / "astera_q1_2025_gold.jsonl").open(encoding="utf-8")
    ]
    with path.open("w", encoding="utf-8") as fh:
        for _ in range(copies):
            for row in rows:
                fh.write(json.dumps({"en": row["en"], "zh": row["zh"]}, ensure_ascii=False) + "\n")
            fh.write(json.dumps({"en": "Mike Tate", "zh": "Mike Tate"}) + "\n")
            fh.write(json.dumps({"en": "Thank you.", "zh": None}) + "\n")
    return path


def _check(path: Path, out: Path, *flags: str) -> int:
    return main(["check", str(path), "--format", "jsonl", "-o", str(out), "-q", *flags])


def test_one_code_path_gives_one_output_in_process_in_workers_and_on_dask(
    tmp_path, extra_checkers, monkeypatch
):
    """The same command, on each engine: ``--jobs 1`` (this process), ``--jobs 2`` (a
    pool reading partitions itself) and ``--engine dask`` (a cluster; its part files
    concatenated) write the same JSON Lines, document-level findings included."""
    pytest.importorskip("distributed")
    from dask.distributed import Client, LocalCluster

    from auditor import pipeline
    from auditor.engine.dask_engine import DaskEngine
    from auditor.formats import partitions

    extra_checkers(MAP_REDUCE)
    # Alignment scores come from windows of pairs: small windows, so that the partitions
    # own several windows and cut through others.
    monkeypatch.setattr(source, "PAIR_WINDOW", 50)
    monkeypatch.setattr(batch_module, "BATCH_SIZE", 64)
    # --jobs 2 reads the file in the workers: partitions of about 40 pairs; Dask's of 30.
    monkeypatch.setattr(source, "PARTITION_BYTES", 24 * 1024)
    monkeypatch.setattr(partitions, "PARTITION_BYTES", 16 * 1024)
    corpus = _corpus(tmp_path / "corpus.jsonl", copies=3)  # 408 segments: 7 batches
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    assert _check(corpus, one, "--jobs", "1") == _check(corpus, two, "--jobs", "2") == 1
    expected = one.read_bytes()
    assert expected == two.read_bytes()
    lines = [json.loads(line) for line in expected.decode("utf-8").splitlines()]
    report = audit(str(corpus))
    assert len(lines) == len(report.findings)
    assert [(d["segment"], d["rule"]) for d in lines] == [
        (r.segment.id, f.rule) for r in report.results for f in r.findings
    ]
    flagged = [d for d in lines if d["rule"] == "TST901"]
    assert flagged, "the document-level rule found nothing: the corpus mixes 營收 and 收入"

    parts = tmp_path / "parts"
    with (
        LocalCluster(
            n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None
        ) as cluster,
        Client(cluster) as client,
    ):
        monkeypatch.setattr(pipeline, "make_engine", lambda options: DaskEngine(client=client))
        argv = ["check", str(corpus), "--engine", "dask", "--format", "jsonl", "-q"]
        assert main([*argv, "--output-dir", str(parts)]) == 1
    written = sorted(parts.glob("part-*.jsonl"))
    assert len(written) > 2
    assert b"".join(p.read_bytes() for p in written) == expected


def test_facts_combine_across_batches_like_the_whole_document(extra_checkers):
    """Map/reduce over batches of 7 gives what the rule finds over the document held whole."""
    corpus_rows = [
        json.loads(line) for line in (DATA / "astera_q1_2025_gold.jsonl").open(encoding="utf-8")
    ]
    from auditor.model import Segment

    segments = [
        Segment(f"s{k:04d}", r["en"], r["zh"], None, None) for k, r in enumerate(corpus_rows, 1)
    ]
    ctx = CheckContext()
    only = Selection(("TST",))
    extra_checkers(MAP_REDUCE)
    mapped = list(check_stream(segments, ctx, only, batch_size=7))
    whole = list(_document(segments, ctx))
    assert list(MAP_REDUCE.check_document(segments, ctx)) == whole
    assert [r.segment for r in mapped] == segments
    flagged = [k for k, r in enumerate(mapped) if r.findings]
    assert flagged == [k for k, _ in whole] and flagged


def test_worker_processes_keep_input_order(extra_checkers):
    """Two workers, many small batches: results come back in input order."""
    from auditor.model import Segment

    segments = [
        Segment(f"s{k:05d}", f"Revenue was {k}", f"營收為 {k}", None, None) for k in range(600)
    ]
    pool = ProcessPool(2)
    results = list(check_stream(segments, CheckContext(), Selection(), engine=pool, batch_size=25))
    assert [r.segment.id for r in results] == [s.id for s in segments]


def test_streamed_json_equals_the_report(tmp_path, extra_checkers):
    from auditor.report.json_report import report_json

    extra_checkers(MAP_REDUCE)
    corpus = _corpus(tmp_path / "c.jsonl", copies=2)
    out = tmp_path / "r.json"
    main(["check", str(corpus), "--format", "json", "-o", str(out), "-q", "--jobs", "2"])
    streamed = json.loads(out.read_text(encoding="utf-8"))
    report = report_json(audit(str(corpus)))
    assert streamed == json.loads(json.dumps(report, ensure_ascii=False))
    assert streamed["summary"]["by_category"].get("term", 0) >= 1


def test_input_read_in_workers_gives_the_in_order_reports(tmp_path, monkeypatch):
    """--jobs 2 on a JSONL or TSV file: the workers count, read and check partitions
    (several per scoring window, and windows across partitions); the JSON report (with
    the pairs' scores) and CSV equal --jobs 1's, which reads the file in order."""
    monkeypatch.setattr(source, "PAIR_WINDOW", 50)
    monkeypatch.setattr(source, "PARTITION_BYTES", 24 * 1024)
    corpus = _corpus(tmp_path / "c.jsonl", copies=3)
    tsv = tmp_path / "c.tsv"
    with tsv.open("w", encoding="utf-8") as fh:
        fh.write("en\tzh\n")
        for line in corpus.open(encoding="utf-8"):
            row = json.loads(line)
            fh.write(f"{row['en']}\t{row['zh'] or ''}\n")
    read_in_workers = []
    monkeypatch.setattr(
        source, "plan_partition_jobs", _spy(source.plan_partition_jobs, read_in_workers)
    )
    for path in (corpus, tsv):
        outputs = {}
        for jobs in ("1", "2"):
            out = tmp_path / f"{path.suffix[1:]}-{jobs}"
            main(
                [
                    "check",
                    str(path),
                    "--format",
                    "json,csv",
                    "--output-dir",
                    str(out),
                    "-q",
                    "--jobs",
                    jobs,
                ]
            )
            outputs[jobs] = [(out / name).read_bytes() for name in ("report.json", "report.csv")]
        assert outputs["1"] == outputs["2"]
        segments = json.loads(outputs["2"][0])["segments"]
        assert len({s["align"]["score"] for s in segments}) > 10  # scored, not all 1.0
    assert len(read_in_workers) == 2
    stream = open_audit(str(corpus), AuditOptions(jobs=2))
    assert stream.source.worker_plan is not None and len(stream.source.worker_plan[0]) > 3
    assert stream.total == 3 * 136 and "Mike Tate" in {n.name for n in stream.context.names}


def test_bad_input_read_in_workers_is_reported_like_in_order(tmp_path, capsys):
    """A line that is not JSON deep in the file: --jobs 2 names the same file and line
    as --jobs 1 (the in-order reader reports it)."""
    corpus = _corpus(tmp_path / "c.jsonl", copies=2)
    lines = corpus.read_text(encoding="utf-8").splitlines(keepends=True)
    lines.insert(200, "{not json\n")
    corpus.write_text("".join(lines), encoding="utf-8")
    errors = []
    for jobs in ("1", "2"):
        assert _check(corpus, tmp_path / "out.jsonl", "--jobs", jobs) == 2
        errors.append(capsys.readouterr().err)
    assert errors[0] == errors[1] and f"{corpus}:201:" in errors[0]


def test_streamed_csv_and_sarif_equal_the_gathered_reports_in_one_pass(tmp_path, monkeypatch):
    """CSV, SARIF, JSON and JSONL written together in one streamed pass (with worker
    processes) hold what each writer makes of the gathered report."""
    import io

    from auditor.commands import scale
    from auditor.report import get_writer

    corpus = _corpus(tmp_path / "c.jsonl", copies=2)
    out = tmp_path / "streamed"
    gathered = []
    monkeypatch.setattr(scale, "write_results", _spy(scale.write_results, gathered))
    code = main(
        [
            "check",
            str(corpus),
            "--format",
            "csv,sarif,json,jsonl",
            "--output-dir",
            str(out),
            "-q",
            "--jobs",
            "2",
        ]
    )
    assert gathered == ["streamed"]  # the report was never gathered
    report = audit(str(corpus))
    assert code == (1 if any(f.severity != "minor" for f in report.findings) else 0)

    def whole(fmt: str) -> str:
        buf = io.StringIO(newline="")
        get_writer(fmt).write(report, buf)
        return buf.getvalue()

    csv_text = (out / "report.csv").read_bytes().decode("utf-8")
    assert csv_text == whole("csv") and csv_text.startswith("\ufefffile,line,segment")
    sarif = json.loads((out / "report.sarif").read_text(encoding="utf-8"))
    assert sarif == json.loads(whole("sarif"))
    assert len(sarif["runs"][0]["results"]) == len(report.findings) > 100
    assert json.loads((out / "report.json").read_text(encoding="utf-8")) == json.loads(
        whole("json")
    )
    assert (out / "report.jsonl").read_text(encoding="utf-8") == whole("jsonl")


def _spy(function, calls: list[str]):
    def spied(*args, **kwargs):
        calls.append("streamed")
        return function(*args, **kwargs)

    return spied


def test_streamed_check_fails_on_major_by_default_like_a_gathered_one(tmp_path):
    """Only minor findings (a wrong-script character): exit 0 unless --fail-on minor."""
    corpus = tmp_path / "minor.jsonl"
    corpus.write_text(
        json.dumps({"en": "The network is fast.", "zh": "网络很快。"}, ensure_ascii=False) + "\n",
        encoding="utf-8",
    )
    out = tmp_path / "r.jsonl"
    assert _check(corpus, out) == 0
    rules = {json.loads(line)["rule"] for line in out.read_text(encoding="utf-8").splitlines()}
    assert rules and all(rule.startswith("LOC") for rule in rules)
    assert _check(corpus, out, "--fail-on", "minor") == 1


def test_open_audit_streams_with_the_ids_of_the_whole_document(tmp_path):
    from auditor.source import segment_id

    assert segment_id(7, 10_880) == "s00007" and segment_id(7, 999) == "s0007"
    corpus = _corpus(tmp_path / "c.jsonl", copies=20)
    stream = open_audit(str(corpus))
    assert stream.total == 20 * 136
    segments = iter(stream.source)
    first = next(segments)
    assert first.id == "s0001" and first.source_loc.first == 1
    assert "Mike Tate" in {n.name for n in stream.context.names}
    last = None
    for last in segments:  # noqa: B007  (the loop runs the stream to its last segment)
        pass
    assert last.id == "s2720" and last.source_loc.first == 20 * 136


def test_streamed_segments_are_the_aligners_segments(tmp_path):
    """Below one scoring window, the stream gives exactly what the aligner gives the
    whole document (ids, places, types, scores), for JSONL and TSV."""
    from auditor.align import align_document
    from auditor.pipeline import load_document
    from auditor.source import SegmentSource

    corpus = _corpus(tmp_path / "c.jsonl", copies=1)
    rows = [json.loads(line) for line in corpus.open(encoding="utf-8")]
    tsv = tmp_path / "c.tsv"
    with tsv.open("w", encoding="utf-8") as fh:
        fh.write("en\tzh\n")
        for row in rows:
            fh.write(f"{row['en']}\t{row['zh'] or ''}\n")
    options = AuditOptions()
    termbase = load_termbase(options)
    for path in (corpus, tsv):
        whole = align_document(load_document(str(path), options), termbase)
        assert list(SegmentSource(str(path), options, termbase)) == whole


def test_pairs_counted_once_are_checked_without_reading_the_file_again(tmp_path, monkeypatch):
    """The counting pass keeps the reader pairs of a file that fits its memory bound, and
    the checking pass takes them from there: the file is parsed once, and the segments
    are those of a file read twice (as one past the bound is)."""
    from auditor.source import SegmentSource

    corpus = _corpus(tmp_path / "c.jsonl", copies=2)
    options = AuditOptions()
    termbase = load_termbase(options)
    reads: list[str] = []
    real_iter_pairs = source.iter_pairs

    def counting_iter_pairs(*args, **kwargs):
        reads.append(args[0])
        return real_iter_pairs(*args, **kwargs)

    monkeypatch.setattr(source, "iter_pairs", counting_iter_pairs)
    held = list(SegmentSource(str(corpus), options, termbase))
    assert len(reads) == 1  # counted and checked from one parse

    reads.clear()
    monkeypatch.setattr(source, "PAIRS_HELD_LIMIT", 10_000)  # a few pairs' worth
    assert source.scan_and_hold(real_iter_pairs(str(corpus), "jsonl", ReaderOptions())).held is None
    reread = list(SegmentSource(str(corpus), options, termbase))
    assert len(reads) == 2  # past the bound: read again for checking
    assert reread == held and len(held) == 2 * 136


def test_lean_scan_counts_and_names_like_the_aligned_segments(tmp_path):
    """The first pass counts segments and harvests speaker names without building
    segments; it must agree with the aligner's segments, blank rows and names repeated
    with other spacing included."""
    from auditor.align import align_document
    from auditor.names import harvest_names
    from auditor.pipeline import load_document
    from auditor.source import SegmentSource

    corpus = _corpus(tmp_path / "c.jsonl", copies=1)
    with corpus.open("a", encoding="utf-8") as fh:
        for en, zh in [
            ("  Jitendra Mohan - CEO ", "Jitendra  Mohan - CEO"),
            ("", "  "),
            ("Sanjay Gajendra", "Sanjay Gajendra 先生"),
            (" ", "謝謝。"),
        ]:
            fh.write(json.dumps({"en": en, "zh": zh}, ensure_ascii=False) + "\n")
    options = AuditOptions()
    termbase = load_termbase(options)
    whole = align_document(load_document(str(corpus), options), termbase)
    source = SegmentSource(str(corpus), options, termbase)
    assert source.count == len(whole) == 136 + 3
    assert source.names == harvest_names(whole)
    speakers = {n.name for n in source.names if n.kind == "person"}
    assert {"Mike Tate", "Jitendra Mohan", "Mohan"} <= speakers
    assert "Sanjay Gajendra" not in speakers  # translated around: not a copy


def test_spool_reads_back_in_order_twice_and_interleaved():
    with Spool[list[int]](memory_limit=64) as spool:  # spills to disk at once
        for k in range(50):
            spool.append([k, k * k])
        a, b = iter(spool), iter(spool)
        assert next(a) == [0, 0] and next(b) == [0, 0] and next(a) == [1, 1]
        assert [x[0] for x in spool] == list(range(50))


def test_digit_style_rules_in_map_reduce_form_match_the_whole_document_form():
    """LOC003/LOC004 (locale family) collected per segment and combined give what the
    whole-document check gives, on the transcript and with mixed styles injected."""
    from auditor.checks import locale_digits as numbers
    from auditor.model import Segment

    rows = [
        json.loads(line) for line in (DATA / "astera_q1_2025_gold.jsonl").open(encoding="utf-8")
    ]
    base = [Segment(f"s{k:04d}", r["en"], r["zh"], None, None) for k, r in enumerate(rows, 1)]
    mixed = base + [
        Segment("x1", "Revenue was $1,090 million", "營收為 1090 百萬美元", None, None),
        Segment("x2", "12,500 units", "１２,５００ 台", None, None),
        Segment("x3", "In 2025, 3,400 wafers", "2025 年，3,400 片晶圓與 ３ 片", None, None),
    ]
    ctx = CheckContext()

    def by_index(pairs):
        out: dict[int, list] = {}
        for index, finding in pairs:
            out.setdefault(index, []).append(finding)
        return out

    for segments in (base, mixed, mixed[-3:], [s.with_target(None) for s in base[:5]]):
        facts = [
            (i, f)
            for i, s in enumerate(segments)
            if (f := numbers.collect_digit_styles(s, ctx)) is not None
        ]
        whole = by_index(numbers.check_document(segments, ctx))
        assert by_index(numbers.combine_digit_styles(facts, ctx)) == whole
    rules = {f.rule for fs in by_index(numbers.check_document(mixed, ctx)).values() for f in fs}
    assert rules == {"LOC003", "LOC004"}


def test_terms_analysis_is_reused_for_the_same_segment_only():
    """check_batch collects TERM004's facts right after checking a segment; the terms
    checker reuses that segment's analysis, and never another segment's."""
    from auditor.checks import terms
    from auditor.model import Segment

    ctx = context_for(frozenset(), AuditOptions(), load_termbase(AuditOptions()))
    a = Segment("s1", "Our retimer revenue grew.", "我們的重定時器營收成長。", None, None)
    b = Segment("s1", "Our retimer revenue grew.", "我們的重定時器營收成長。", None, None)
    first = terms.analyse(a, ctx)
    assert terms.analyse(a, ctx) is first
    again = terms.analyse(b, ctx)  # equal but another object: analysed afresh
    assert again is not first and again == first


def test_pair_scores_are_computed_only_for_outputs_that_show_them(tmp_path, monkeypatch):
    """JSON Lines, CSV and SARIF never show a pair's confidence: the streamed check skips
    the scoring (a quarter of the work) and finds the same; the JSON report has them."""
    from auditor import source

    corpus = _corpus(tmp_path / "c.jsonl", copies=1)
    scored = tmp_path / "scored"  # with a JSON report beside it, the pairs are scored
    main(
        [
            "check",
            str(corpus),
            "--format",
            "json,jsonl",
            "--output-dir",
            str(scored),
            "-q",
            "--jobs",
            "1",
            "--fail-on",
            "never",
        ]
    )
    scored_out, json_out = scored / "report.jsonl", scored / "report.json"
    unscored_out = tmp_path / "unscored.jsonl"

    def no_scoring(*args, **kwargs):
        raise AssertionError("pairs scored for an output that does not show scores")

    # (the pair scorer, not the aligner's _Scorer: the omission rules align the sentences
    # inside each pair with it, whatever the output)
    monkeypatch.setattr(source, "scored_pairs", no_scoring)
    assert _check(corpus, unscored_out, "--jobs", "1", "--fail-on", "never") == 0
    assert unscored_out.read_text(encoding="utf-8") == scored_out.read_text(encoding="utf-8")
    scores = [
        s["align"]["score"] for s in json.loads(json_out.read_text(encoding="utf-8"))["segments"]
    ]
    assert min(scores) < 0.99 and len(set(scores)) > 10


def test_final_pass_rendered_in_workers_equals_the_in_process_pass(extra_checkers):
    """With a document-level rule the results wait for its combine; the pass after it
    (merge its findings, render JSONL, count) runs in worker processes, batch by batch,
    and gives exactly what rendering the merged results here gives."""
    import io
    import os

    from auditor.engine import InProcess, batched, check_work
    from auditor.report import write_results
    from auditor.report.jsonl import EMPTY_HEAD
    from auditor.report.jsonl import render as render_jsonl
    from auditor.report.tally import Tally

    extra_checkers(MAP_REDUCE)
    rows = [
        json.loads(line) for line in (DATA / "astera_q1_2025_gold.jsonl").open(encoding="utf-8")
    ]
    from auditor.model import Segment

    segments = [Segment(f"s{k:04d}", r["en"], r["zh"], None, None) for k, r in enumerate(rows * 2)]
    ctx, selection = CheckContext(), Selection()
    here = io.StringIO()
    expected = write_results(
        check_stream(segments, ctx, selection, batch_size=25), [("jsonl", here)], EMPTY_HEAD
    )

    def run(engine, finish, finish_here=False):
        work = batched(segments, 25)
        return check_work(engine, work, ctx, selection, finish, finish_here=finish_here)

    assert set(run(ProcessPool(2), _pid_of, finish_here=True)) == {os.getpid()}
    assert set(run(InProcess(), _pid_of)) == {os.getpid()}
    assert os.getpid() not in set(run(ProcessPool(2), _pid_of))
    chunks = list(run(ProcessPool(2), render_jsonl))
    assert len(chunks) == -(-len(segments) // 25)
    assert "".join(text for text, _ in chunks) == here.getvalue()
    tally = Tally()
    for _, counts in chunks:
        tally.merge(counts)
    assert tally == expected and "TST901" in here.getvalue()


def _pid_of(results) -> int:
    """Which process ran a final pass (module-level, so it pickles to a worker)."""
    import os

    return os.getpid()
