"""Every report writer on the sample transcript: the file parses in its own format's reader
and carries every finding, with the Chinese text intact."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from importlib import resources

import html5lib
import jsonschema
import pytest
from report_sample import gold_report, reviewed_report

from auditor.checks.registry import all_rules
from auditor.report import WRITERS, WriterOptions, get_writer
from auditor.report.csv_report import COLUMNS, safe_cell
from auditor.report.github import annotation
from auditor.report.json_report import load_schema
from auditor.report.sarif import artifact_uri


def render(report, name: str, **options) -> str:
    buf = io.StringIO(newline="")
    get_writer(name).write(report, buf, WriterOptions(**options))
    return buf.getvalue()


@pytest.fixture(scope="module")
def report():
    return gold_report()


@pytest.fixture(scope="module")
def reviewed():
    return reviewed_report()


def test_sample_fixture_has_every_severity_and_spans(report):
    severities = {f.severity for f in report.findings}
    assert severities == {"minor", "major", "critical"}
    assert len(report.findings) == 135
    with_spans = [f for f in report.findings if f.target_span]
    assert len(with_spans) > 100


# --------------------------------------------------------------------------- json


def test_json_validates_against_the_project_schema(report, reviewed):
    schema = load_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    for rep in (report, reviewed):
        data = json.loads(render(rep, "json"))
        jsonschema.validate(data, schema, cls=jsonschema.Draft202012Validator)
        assert data["schema"] == "auditor-report/1"
        assert sum(len(s["findings"]) for s in data["segments"]) == 135


def test_json_schema_rejects_a_broken_report(report):
    data = json.loads(render(report, "json"))
    data["segments"][6]["findings"][0]["severity"] = "blocker"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, load_schema(), cls=jsonschema.Draft202012Validator)


def test_json_from_a_session_carries_status_reason_and_post_edit(reviewed):
    data = json.loads(render(reviewed, "json"))
    assert data["reviewed"] is True
    flagged = [s for s in data["segments"] if s["findings"]]
    assert all("post_edit" in s for s in data["segments"])
    first = flagged[0]["findings"][0]
    assert first["status"] == "confirmed" and first["reason"] is None
    two = next(s for s in flagged if len(s["findings"]) > 1)
    assert two["findings"][1] == {
        **two["findings"][1],
        "status": "dismissed",
        "reason": "acceptable in an earnings call",
    }
    edited = [s for s in data["segments"] if s["post_edit"]]
    assert edited and all("hter" in s["scores"] for s in edited)
    assert data["summary"]["by_status"]["dismissed"] > 0
    # dismissed findings do not count in the summary or the MQM penalty
    assert data["summary"]["findings"] == 135 - data["summary"]["by_status"]["dismissed"]
    assert data["scores"]["hter"]["edited"] == len(edited)


def test_json_keeps_chinese_unescaped(report):
    text = render(report, "json")
    assert "1.594 億美元" in text and "\\u" not in text


# --------------------------------------------------------------------------- jsonl


def test_jsonl_has_one_parseable_line_per_finding(report):
    lines = render(report, "jsonl").splitlines()
    assert len(lines) == 135
    records = [json.loads(line) for line in lines]
    first = records[0]
    assert first["path"] == "samples/astera_q1_2025_bilingual.txt" and first["line"] == 23
    assert first["rule"] == "OMI900" and first["status"] == "open"
    assert len({r["fingerprint"] for r in records}) == len(records)


# --------------------------------------------------------------------------- csv


def test_csv_is_utf8_with_bom_and_round_trips_chinese(report):
    text = render(report, "csv")
    raw = text.encode("utf-8")
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert list(rows[0]) == list(COLUMNS)
    assert len(rows) == 135
    targets = {r.segment.id: r.segment.target for r in report.results}
    for row in rows:
        assert row["target"] == targets[row["segment"]]
    critical = next(r for r in rows if r["severity"] == "critical")
    assert critical["target_excerpt"] == "他們的年齡都在 25 歲左右"
    seg = next(r for r in report.results if r.segment.id == critical["segment"])
    assert critical["line"] == "265"
    assert critical["penalty"] == str(
        sum({"minor": 1, "major": 5, "critical": 25}[f.severity] for f in seg.findings)
    )


def test_csv_neutralises_formulas_but_not_numbers():
    assert safe_cell('=HYPERLINK("x")') == '\'=HYPERLINK("x")'
    assert safe_cell("@SUM(A1)") == "'@SUM(A1)"
    assert safe_cell("-5%") == "-5%"
    assert safe_cell("營收 -5%") == "營收 -5%"


# --------------------------------------------------------------------------- html


def _html_tree(text: str):
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    return parser.parse(text)


def test_html_is_valid_and_lists_every_finding(report):
    text = render(report, "html")
    tree = _html_tree(text)  # strict: raises on any parse error
    items = tree.findall(".//li[@class='finding']")
    assert len(items) == 135
    flagged = [r for r in report.results if r.findings]
    articles = tree.findall(".//article")
    assert [a.get("id") for a in articles] == [r.segment.id for r in flagged]
    messages = {"".join(li.find("span[@class='msg']").itertext()) for li in items}
    assert messages == {f.message for f in report.findings}


def test_html_highlights_every_span(report):
    tree = _html_tree(render(report, "html"))
    by_id = {a.get("id"): a for a in tree.findall(".//article")}
    for result in report.results:
        for index, finding in enumerate(result.findings):
            if not finding.target_span:
                continue
            article = by_id[result.segment.id]
            marks = [
                m
                for m in article.findall(".//div[@class='text tgt']//mark")
                if str(index) in m.get("data-f").split()
            ]
            start, end = finding.target_span
            assert "".join("".join(m.itertext()) for m in marks) == result.segment.target[start:end]


def test_html_needs_no_network(report):
    text = render(report, "html")
    tree = _html_tree(text)
    for el in tree.iter():
        for attr in ("src", "href"):
            value = el.get(attr)
            assert value is None or value.startswith("#"), (el.tag, value)
    assert "default-src 'none'" in text
    assert "http://" not in text.replace("http://www.w3.org", "") and "https://" not in text


def test_html_shows_review_status_and_post_edit(reviewed):
    tree = _html_tree(render(reviewed, "html"))
    statuses = {li.get("data-status") for li in tree.findall(".//li[@class='finding']")}
    assert statuses == {"open", "confirmed", "dismissed"}
    assert tree.findall(".//div[@class='text post']")
    assert tree.find(".//select[@id='sort']/option[@value='hter']") is not None


def test_html_escapes_markup_in_text(report):
    from dataclasses import replace

    from auditor.model import Finding

    result = report.results[0]
    seg = replace(result.segment, target="<script>alert(1)</script> 營收")
    hostile = replace(
        result,
        segment=seg,
        findings=(Finding("NUM900", "number", "major", "x", "<b>m</b>", None, (0, 8)),),
    )
    text = render(replace(report, results=(hostile,)), "html")
    assert (
        "<script>alert(1)" not in text
        and "&lt;script&gt;" in text
        and "&lt;b&gt;m&lt;/b&gt;" in text
    )
    _html_tree(text)


# --------------------------------------------------------------------------- markdown


def test_markdown_fits_a_pull_request_comment_and_leads_with_the_worst(report):
    text = render(report, "markdown")
    assert len(text) < 20_000
    assert text.startswith("## Translation audit: 135 finding(s) in 75 of 134 segment(s)")
    bullets = [line for line in text.splitlines() if line.startswith("- ")]
    assert len(bullets) == 25
    assert "**critical** `UNIT900` `samples/astera_q1_2025_bilingual.txt:265`" in bullets[0]
    assert "**他們的年齡都在 25 歲左右**" in text
    assert "…and 110 more" in text
    assert "| term | 96 | 27 | 0 |" in text


# --------------------------------------------------------------------------- sarif


def _sarif_schema():
    text = (
        resources.files("auditor.report")
        .joinpath("schema", "sarif-schema-2.1.0.json")
        .read_text("utf-8")
    )
    return json.loads(text)


def test_sarif_validates_against_the_shipped_2_1_0_schema(report, reviewed):
    schema = _sarif_schema()
    jsonschema.Draft7Validator.check_schema(schema)
    for rep in (report, reviewed):
        data = json.loads(render(rep, "sarif"))
        jsonschema.validate(data, schema, cls=jsonschema.Draft7Validator)


def test_sarif_schema_rejects_a_result_without_message(report):
    data = json.loads(render(report, "sarif"))
    del data["runs"][0]["results"][0]["message"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, _sarif_schema(), cls=jsonschema.Draft7Validator)


def test_sarif_points_at_file_and_line_with_rule_help(report):
    data = json.loads(render(report, "sarif"))
    run = data["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    registered = all_rules()
    for code, rule in registered.items():
        descriptor = next(r for r in rules if r["id"] == code)
        assert rule.what in descriptor["help"]["text"] and rule.why in descriptor["help"]["text"]
    results = run["results"]
    assert len(results) == 135
    for res in results:
        assert rules[res["ruleIndex"]]["id"] == res["ruleId"]
        region = res["locations"][0]["physicalLocation"]["region"]
        assert region["startLine"] >= 1
    critical = next(r for r in results if r["level"] == "error")
    loc = critical["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"]["uri"] == "samples/astera_q1_2025_bilingual.txt"
    assert loc["region"]["startLine"] == 265


def test_sarif_suppresses_dismissed_findings(reviewed):
    results = json.loads(render(reviewed, "sarif"))["runs"][0]["results"]
    suppressed = [r for r in results if r.get("suppressions")]
    assert suppressed
    assert all(
        r["suppressions"][0]["justification"] == "acceptable in an earnings call"
        for r in suppressed
    )
    assert all(r["properties"]["status"] == "dismissed" for r in suppressed)


def test_sarif_uris():
    assert artifact_uri("samples/a b.txt") == "samples/a%20b.txt"
    assert artifact_uri("/tmp/x/翻譯.txt") == "file:///tmp/x/%E7%BF%BB%E8%AD%AF.txt"
    assert artifact_uri("C:\\work\\a.txt") == "file:///C:/work/a.txt"


# --------------------------------------------------------------------------- junit


def test_junit_parses_and_has_a_test_case_per_segment(report):
    root = ET.fromstring(render(report, "junit").encode("utf-8"))
    cases = root.findall(".//testcase")
    assert len(cases) == len(report.results) == int(root.get("tests"))
    failed = [c for c in cases if c.find("failure") is not None]
    assert len(failed) == sum(1 for r in report.results if r.findings) == int(root.get("failures"))
    worst = next(c for c in failed if c.get("line") == "265")
    assert worst.find("failure").get("type") == "UNIT900"
    assert "他們的年齡都在 25 歲左右" in worst.find("failure").text


def test_junit_does_not_fail_a_segment_whose_findings_were_all_dismissed(reviewed):
    from dataclasses import replace

    from auditor.model import Decision

    result = next(r for r in reviewed.results if len(r.findings) == 1)
    dismissed = replace(result, decisions=(Decision("dismissed", "fine"),))
    root = ET.fromstring(render(replace(reviewed, results=(dismissed,)), "junit"))
    assert root.get("failures") == "0"


# --------------------------------------------------------------------------- github, text


def test_github_annotations_one_per_finding(report):
    lines = render(report, "github").splitlines()
    annotations = [line for line in lines if line.startswith("::")]
    assert len(annotations) == 135
    assert sum(a.startswith("::error ") for a in annotations) == 30  # 1 critical + 29 major
    assert annotations[0].startswith(
        "::warning file=samples/astera_q1_2025_bilingual.txt,line=23,endLine=23,title=OMI900 (minor%2C omission)::"
    )
    assert all("\n" not in a for a in annotations)


def test_github_escaping():
    line = annotation("error", "50% off\nnext", file="a,b:c.txt", line=3)
    assert line == "::error file=a%2Cb%3Ac.txt,line=3::50%25 off%0Anext"


def test_text_is_one_line_per_finding_grouped_by_file(report):
    text = render(report, "text")
    lines = text.splitlines()
    assert len(lines) == 136
    assert lines[0].startswith("samples/astera_q1_2025_bilingual.txt:23: OMI900 minor ")
    numbers = [int(line.split(":")[1]) for line in lines[:-1]]
    assert numbers == sorted(numbers)
    assert lines[-1].startswith(
        "135 finding(s) (1 critical, 29 major, 105 minor) in 75 of 134 segment(s); MQM score 96.7"
    )
    assert "\x1b[" not in text
    assert "\x1b[1;31mcritical\x1b[0m" in render(report, "text", color=True)


def test_every_registered_writer_has_a_distinct_file_name():
    names = [get_writer(n).FILENAME for n in WRITERS]
    assert len(names) == len(set(names))
    assert {get_writer(n).NAME for n in WRITERS} == set(WRITERS)
