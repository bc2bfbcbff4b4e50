"""fill-cn and suggest as library functions, on small inputs whose answer is known."""

from __future__ import annotations

from glossary.fill import fill_cn, propose_cn
from glossary.formats import parse_glossary, read_glossary, write_glossary
from glossary.model import Concept, Termbase
from glossary.suggest import suggest_terms


def test_propose_cn_converts_vocabulary_and_skips_what_needs_nothing():
    assert propose_cn(Concept("software", zh_tw=("軟體",))) == ("软件",)
    assert propose_cn(Concept("Ethernet", zh_tw=("乙太網路",))) == ("以太网",)
    assert (
        propose_cn(Concept("yield", zh_tw=("良率",))) == ()
    )  # same in both: zh_tw is the fallback
    assert propose_cn(Concept("wafer", zh_tw=("晶圓",), zh_cn=("晶圆",))) == ()
    assert propose_cn(Concept("CXL", zh_tw=("CXL",), dnt=True)) == ()


def test_fill_cn_from_tbx_writes_a_tsv_with_the_proposed_column(tmp_path):
    path = tmp_path / "terms.tbx"
    with open(path, "w", encoding="utf-8") as fh:
        write_glossary(
            [Concept("server", zh_tw=("伺服器",)), Concept("yield", zh_tw=("良率",))], fh, "tbx"
        )
    result = fill_cn(str(path), read_glossary(str(path)))
    assert (result.filled, result.concepts) == (1, 2)
    back = parse_glossary(result.text.encode(), "filled.tsv", "tsv")
    assert [c.zh_cn for c in back.concepts] == [("服务器",), ()]
    assert [p.code for p in back.problems] == ["GL014"] and back.problems[0].line == 2


PAIRS = [
    ("We shipped the retimer to a new customer.", "我們向新客戶出貨了重定時器。"),
    ("Retimer demand grew again this quarter.", "重定時器需求本季再次成長。"),
    ("Our retimer attach rate rose at 3 sites.", "我們的重定時器搭載率在 3 個站點上升。"),
    ("The PCIe switch is ready for sampling.", "PCIe 交換器已可送樣。"),
    ("Customers like our PCIe switch roadmap.", "客戶喜歡我們的 PCIe 交換器路線圖。"),
    ("A PCIe switch connects many GPUs.", "一顆 PCIe 交換器連接許多 GPU。"),
    ("PCIe lanes went to rack 5 customers.", "PCIe 通道送到機架 5 的客戶。"),
    ("Each retimer sits next to a PCIe switch.", "每個重定時器都位於 PCIe 交換器旁邊。"),
]


def test_suggest_pairs_each_term_with_its_best_counterpart():
    found = {c.en.lower(): c for c in suggest_terms(PAIRS, min_count=2)}
    assert found["retimer"].zh == "重定時器" and found["retimer"].count == 4
    assert found["retimer"].dice == 1.0 and not found["retimer"].dnt
    assert found["pcie"].dnt and found["pcie"].together == 5
    # "PCIe switch" accounts for every segment with "switch": the part gives way to the whole
    assert found["pcie switch"].zh == "PCIe 交換器" and "switch" not in found
    assert not {"we", "the", "our", "rack customer"} & set(found)  # no n-gram spans a number


def test_suggest_drops_known_terms_and_rare_ones():
    known = Termbase((Concept("retimer", zh_tw=("重定時器",)),))
    found = {c.en.lower() for c in suggest_terms(PAIRS, known, min_count=2)}
    assert "retimer" not in found  # already in the glossary
    assert "pcie switch" in found and "sampling" not in found and "lane" not in found  # seen once
