"""ENT001: names of people, firms and products that machine translation turned into words."""

from __future__ import annotations

from auditor.checks import entities
from auditor.checks.base import CheckContext
from auditor.model import Segment


def _findings(ctx, en, zh):
    return list(entities.check_segment(Segment("s", en, zh, None, None), ctx))


def test_ent001_name_became_common_word():
    ctx = CheckContext(names=frozenset({"Mark", "Mike"}))
    findings = _findings(ctx, en="Thanks, Mark?", zh="謝謝,標記?")
    assert [(f.rule, f.found) for f in findings] == [("ENT001", "標記")]
    assert _findings(ctx, en="Thanks, Mark?", zh="謝謝,Mark?") == []


def test_ent001_firm_translated_as_people():
    ctx = CheckContext()
    roth = _findings(ctx, en="Suji Desilva, ROTH Capital Partners.",
                     zh="蘇吉‧德席爾瓦 (Suji Desilva),羅仕資本合夥人。")
    assert [f.found for f in roth] == ["合夥人"]
    raymond = _findings(ctx, en="Srini Pajjuri, Raymond James.", zh="Srini Pajjuri,雷蒙德‧詹姆斯。")
    assert [f.found for f in raymond] == ["雷蒙德‧詹姆斯"]
    # An established Chinese name of a firm, or the firm kept in English, is fine.
    assert _findings(ctx, en="Srini Pajjuri, Raymond James.", zh="Srini Pajjuri,Raymond James。") == []
    assert _findings(ctx, en="Joe Moore, Morgan Stanley.", zh="Joe Moore,摩根士丹利。") == []
