"""The HTML report in a real browser: headless Chromium runs its script, then we read the DOM.

Skipped when Chromium is not installed (``.ci/run`` installs Debian's ``chromium``).
"""

from __future__ import annotations

import shutil
import subprocess

import html5lib
import pytest
from report_sample import gold_report, reviewed_report

from auditor.report import WriterOptions, get_writer

CHROMIUM = (
    shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
)
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed")

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def dump_dom(path, tmp_path, fragment: str = ""):
    """The DOM after the page's script ran, parsed (visible = not ``hidden``)."""
    profile = tmp_path / f"profile{abs(hash(fragment))}"
    out = subprocess.run(
        [CHROMIUM, *FLAGS, f"--user-data-dir={profile}", "--dump-dom", path.as_uri() + fragment],
        capture_output=True,
        text=True,
        timeout=90,
        check=True,
    )
    return html5lib.parse(out.stdout, namespaceHTMLElements=False)


def visible_findings(tree):
    out = []
    for article in tree.findall(".//article"):
        if article.get("hidden") is not None:
            continue
        for li in article.findall(".//li"):
            if "finding" in (li.get("class") or "").split() and li.get("hidden") is None:
                out.append(li)
    return out


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    path = tmp_path_factory.mktemp("html") / "report.html"
    with open(path, "w", encoding="utf-8") as fh:
        get_writer("html").write(gold_report(), fh, WriterOptions())
    return path


def test_every_finding_is_visible_when_unfiltered(page, tmp_path):
    tree = dump_dom(page, tmp_path)
    assert len(visible_findings(tree)) == 135
    shown = tree.find(".//p[@id='shown']")
    assert "".join(shown.itertext()) == "Showing 135 of 135 findings in 75 of 75 flagged segments"


def test_filters_from_the_url_show_only_matching_findings(page, tmp_path):
    tree = dump_dom(page, tmp_path, "#severity=critical,major&category=number,unit")
    visible = visible_findings(tree)
    expected = [
        f.rule
        for f in gold_report().findings
        if f.severity in ("critical", "major") and f.category in ("number", "unit")
    ]
    assert (
        sorted(li.get("data-rule") for li in visible) == sorted(expected) == ["NUM900", "UNIT900"]
    )
    assert tree.find(".//p[@id='shown']").get("data-findings") == "2"
    # the highlight of a filtered-out finding is switched off, the shown one stays on
    on = [m for m in tree.findall(".//mark") if "off" not in m.get("class").split()]
    assert on and all(m.get("class").split()[1] in ("critical", "major") for m in on)


def test_status_filter_on_a_reviewed_report(tmp_path):
    path = tmp_path / "reviewed.html"
    report = reviewed_report()
    with open(path, "w", encoding="utf-8") as fh:
        get_writer("html").write(report, fh, WriterOptions())
    tree = dump_dom(path, tmp_path, "#status=dismissed")
    visible = visible_findings(tree)
    dismissed = sum(
        1 for r in report.results for d in (r.decisions or ()) if d.status == "dismissed"
    )
    assert len(visible) == dismissed > 0
    assert all(li.get("data-status") == "dismissed" for li in visible)
