"""ENT001: names of people, firms and products that machine translation turned into words."""

from __future__ import annotations

from auditor.checks import entities
from auditor.checks.base import CheckContext
from auditor.model import Segment
from auditor.names import harvest_names, merge_names


def _findings(ctx, en, zh):
    return list(entities.check_segment(Segment("s", en, zh, None, None), ctx))


def test_ent001_name_became_common_word():
    ctx = CheckContext(names=frozenset({"Mark", "Mike"}))
    findings = _findings(ctx, en="Thanks, Mark?", zh="謝謝,標記?")
    assert [(f.rule, f.found) for f in findings] == [("ENT001", "標記")]
    assert _findings(ctx, en="Thanks, Mark?", zh="謝謝,Mark?") == []


def test_ent001_firm_translated_as_people():
    ctx = CheckContext()
    roth = _findings(
        ctx,
        en="Suji Desilva, ROTH Capital Partners.",
        zh="蘇吉‧德席爾瓦 (Suji Desilva),羅仕資本合夥人。",
    )
    assert [f.found for f in roth] == ["合夥人"]
    raymond = _findings(ctx, en="Srini Pajjuri, Raymond James.", zh="Srini Pajjuri,雷蒙德‧詹姆斯。")
    assert [f.found for f in raymond] == ["雷蒙德‧詹姆斯"]
    # An established Chinese name of a firm, or the firm kept in English, is fine.
    assert (
        _findings(ctx, en="Srini Pajjuri, Raymond James.", zh="Srini Pajjuri,Raymond James。") == []
    )
    assert _findings(ctx, en="Joe Moore, Morgan Stanley.", zh="Joe Moore,摩根士丹利。") == []


def test_ent001_s_documented_examples_are_what_it_finds():
    """The examples `auditor rules ENT001` shows (sentences written for them, not the
    sample's) are found as the doc says: a product read as a constellation, a firm's
    name read as a word and its Partners as people."""
    segments = [
        Segment(
            "s1", "Our Orion modules shipped in volume.", "我們的獵戶座模組大量出貨。", None, None
        ),
        Segment(
            "s2", "We expect Orion to ramp next year.", "我們預計 Orion 明年將放量。", None, None
        ),
        Segment("s3", "Dana Wu, Harbor Point Partners.", "吳黛娜,海港角合夥人。", None, None),
    ]
    ctx = CheckContext(names=harvest_names(segments))
    found = [(s.id, f.found, f.severity) for s in segments for f in entities.check_segment(s, ctx)]
    assert ("s1", "獵戶座", "critical") in found
    assert ("s3", "海港", "critical") in found and ("s3", "合夥人", "minor") in found
    assert not [f for f in found if f[0] == "s2"]
    assert "Orion" in entities.ENT001.example and "ROTH" not in entities.ENT001.example


# --- names harvested from the document ------------------------------------------------------

CALL = [
    ("Operator", "Operator", "copy"),
    ("Robert Hale - President and Chief Executive Officer", None, "copy"),
    ("Elizabeth Carter - Chief Financial Officer", None, "copy"),
    (
        "Our first question comes from Dana Whitfield with Loop Capital.",
        "第一個問題來自 Loop Capital 的 Dana Whitfield。",
        "1-1",
    ),
    (
        "Revenue from our Taurus modules doubled this quarter.",
        "我們的 Taurus 模組營收本季翻倍。",
        "1-1",
    ),
    (
        "We began shipping Kestrel retimers to a second hyperscaler.",
        "我們開始向第二家超大規模業者出貨 Kestrel 重定時器。",
        "1-1",
    ),
    ("Customers pair Kestrel with our switches.", "客戶將 Kestrel 與我們的交換器搭配使用。", "1-1"),
]


def _doc_ctx(lines=CALL):
    segments = [
        Segment(f"s{i}", en, zh or en, None, None, kind) for i, (en, zh, kind) in enumerate(lines)
    ]
    return CheckContext(names=harvest_names(segments))


def test_nickname_of_a_speaker_that_became_a_word():
    ctx = _doc_ctx()
    [finding] = _findings(
        ctx, en="Thanks, Bob. Let me add one thing.", zh="謝謝,擺動。讓我補充一點。"
    )
    assert (finding.rule, finding.found, finding.severity) == ("ENT001", "擺動", "major")
    assert (
        "short for Robert Hale" in finding.message and "Robert Hale - President" in finding.message
    )
    # Kept, or transliterated, the nickname is fine.
    assert _findings(ctx, en="Thanks, Bob.", zh="謝謝,Bob。") == []
    assert _findings(ctx, en="Thanks, Liz.", zh="謝謝,莉茲。") == []


def test_firm_named_after_a_common_word_that_became_the_word():
    ctx = _doc_ctx()
    [finding] = _findings(
        ctx,
        en="Next, we have a follow-up from Dana Whitfield with Loop Capital.",
        zh="接下來是循環資本的 Dana Whitfield 的追問。",
    )
    assert (finding.found, finding.severity, finding.expected) == (
        "循環",
        "critical",
        "Loop Capital",
    )
    assert "firm Loop Capital" in finding.message and "the common word 'loop'" in finding.message


def test_product_named_after_a_star_sign_and_after_a_bird():
    ctx = _doc_ctx()
    [taurus] = _findings(ctx, en="Taurus shipments grew again.", zh="金牛座出貨量再度成長。")
    assert (taurus.found, taurus.severity) == ("金牛座", "critical")
    assert "the star sign or constellation 'taurus'" in taurus.message
    # A common word is a product name once the document capitalises it mid-sentence twice.
    [kestrel] = _findings(ctx, en="Kestrel is now in production.", zh="茶隼現已量產。")
    assert kestrel.found == "茶隼" and "product name 'Kestrel'" in kestrel.message
    # Said once, a capitalised word may be a heading's or an emphasis: not a name yet.
    once = _doc_ctx(CALL[:6])
    assert _findings(once, en="Kestrel is now in production.", zh="茶隼現已量產。") == []


def test_a_name_used_as_a_word_is_not_reported():
    ctx = _doc_ctx(
        [("Mark Delaney - Goldman Sachs", None, "copy"), ("Patricia Long - CFO", None, "copy")]
    )
    # 'mark' the verb in the same sentence: 標記 may well be its translation.
    assert (
        _findings(ctx, en="Mark, we will mark the milestone.", zh="標記,我們將標記這個里程碑。")
        == []
    )
    # A surname at the start of a hyphenated word, and an auxiliary opening a question.
    assert _findings(ctx, en="Long-term, margins hold.", zh="長期而言,利潤率維持不變。") == []
    assert _findings(ctx, en="Thanks, Mark.", zh="謝謝,標記。")[0].found == "標記"


def test_conventional_capitals_and_headlines_are_not_names():
    lines = [
        (
            "Halyard Announces Record Revenue and New Board Members",
            "Halyard 宣布創紀錄營收與新任董事會成員",
            "1-1",
        ),
        (
            "The Board approved the plan, and the Company will report in June.",
            "董事會批准了該計畫,本公司將於六月公布。",
            "1-1",
        ),
        (
            "In June, the Company added two members to the Board.",
            "六月,本公司為董事會增加了兩名成員。",
            "1-1",
        ),
    ]
    ctx = _doc_ctx(lines)
    assert ctx.names == frozenset()


def test_established_chinese_name_of_a_firm_is_fine():
    ctx = _doc_ctx(
        [
            (
                "Our next question is from Ana Ruiz with Credit Suisse.",
                "下一個問題來自瑞士信貸的 Ana Ruiz。",
                "1-1",
            )
        ]
    )
    assert [n.name for n in ctx.names if n.kind == "firm"] == ["Credit Suisse"]
    assert _findings(ctx, en="Ana Ruiz, Credit Suisse.", zh="Ana Ruiz,瑞士信貸。") == []


def test_names_of_parts_merge_to_the_names_of_the_whole():
    """The engine harvests each partition of a file alone and merges: the same names."""
    lines = CALL + [
        (f"Kestrel unit {i} passed Kestrel qualification at site {i}.", "…", "1-1")
        for i in range(5)
    ]
    segments = [
        Segment(f"s{i}", en, zh or en, None, None, kind) for i, (en, zh, kind) in enumerate(lines)
    ]
    whole = harvest_names(segments)
    for cut in (1, 4, 7, 9):
        assert merge_names([harvest_names(segments[:cut]), harvest_names(segments[cut:])]) == whole
    kestrel = sorted(n.where for n in whole if n.name == "Kestrel")
    assert len(kestrel) == 2  # two lines are kept per name, the same ones however it is cut


def test_what_a_capitalised_word_names_depends_on_its_neighbours():
    from auditor.names import names_in_line

    def kinds(line):
        return {(n.name, n.kind) for n in names_in_line(line, copied=False)}

    # A given name after a determiner or before a model's letters names a product.
    assert kinds("We shipped our Leo CXL controllers and the Victor retimers.") == {
        ("Leo", "product"),
        ("Victor", "product"),
    }
    # After an acronym it is a standard's or a market's name; at a sentence start, nothing.
    assert (
        kinds("Demand for AI Infrastructure grew. Summit attendance over PCI Express links rose.")
        == set()
    )
    # Addressed by name, it is a person.
    assert kinds("That is right, Frank, and margins held.") == {("Frank", "person")}


def test_word_first_patterns_match_the_plain_look_behind_patterns():
    import random
    import re

    from auditor.checks.entities import _patterns

    rng = random.Random(5)
    pieces = ["Taurus", "taurus", "-", "x", "'s", "’", "2", "_", " ", ".", "(", "é", "Tau"]
    as_name, as_word = _patterns("Taurus")
    plain_name = re.compile(r"(?<![\w'’\-])Taurus(?![\w'’])")
    plain_word = re.compile(r"\btaurus\b")
    for _ in range(5000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 9)))
        assert [m.span() for m in as_name.finditer(text)] == [
            m.span() for m in plain_name.finditer(text)
        ], text
        assert [m.span() for m in as_word.finditer(text)] == [
            m.span() for m in plain_word.finditer(text)
        ], text


def test_a_company_named_by_its_corporate_last_word_even_first_in_a_headline():
    """``X Semiconductor``, ``X Networks``: the capitalised run is a firm wherever it stands;
    its word turned into the common word is reported, an established Chinese name is not."""
    lines = [
        (
            "News: Pelican Semiconductor to open a test site in Penang",
            "新聞:鵜鶘半導體將在檳城開設測試廠",
            "1-1",
        ),
        (
            "Competitors include Texas Instruments and Juniper Networks.",
            "競爭對手包括德州儀器和瞻博網路。",
            "1-1",
        ),
    ]
    ctx = _doc_ctx(lines)
    [finding] = _findings(ctx, en=lines[0][0], zh=lines[0][1])
    assert (finding.found, finding.severity) == ("鵜鶘", "critical")
    assert "firm Pelican Semiconductor" in finding.message
    assert _findings(ctx, en=lines[1][0], zh=lines[1][1]) == []
