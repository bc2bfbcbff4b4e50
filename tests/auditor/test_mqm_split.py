"""The real MQM development data is split by Chinese sentence, so that no sentence a reader
fix was built on is measured again (tests/data/mqm/README.md)."""

import hashlib
import json
from pathlib import Path

DATA = Path(__file__).parents[1] / "data" / "mqm"


def _pairs(name: str) -> list[dict]:
    return [
        json.loads(line)
        for line in (DATA / name).read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]


def test_build_and_held_out_share_no_chinese_sentence_and_follow_the_hash() -> None:
    build, held = _pairs("build.jsonl"), _pairs("heldout.jsonl")
    assert len(build) + len(held) == 506
    assert not {p["target"] for p in build} & {p["target"] for p in held}
    bucket = lambda p: int(hashlib.sha256(p["target"].strip().encode()).hexdigest(), 16) % 100  # noqa: E731
    assert all(bucket(p) < 60 for p in build) and all(bucket(p) >= 60 for p in held)
    for split in (build, held):
        assert {p["label"] for p in split} == {"number_error", "clean_numbers", "clean_nonum"}
