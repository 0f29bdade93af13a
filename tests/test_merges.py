"""Merging is a reviewed, recorded, reversible decision; re-ingesting never undoes or makes one."""

from __future__ import annotations

from pathlib import Path

import pytest

from kb import KBError, KnowledgeBase

ARTICLE = """article: {{id: {id}, title: T, publisher: {pub}, published: 2025-05-11}}
events:
  - {{id: call, type: talks, date: 2025-05-10, parties: [India, Pakistan], quote: "{quote}"}}
  - {{id: truce, type: ceasefire, date: 2025-05-10, parties: [India, Pakistan], result-of: call, quote: "A truce followed."}}
"""


def _file(tmp_path: Path, article: str, publisher: str, quote: str) -> Path:
    path = tmp_path / f"{article}.yaml"
    path.write_text(ARTICLE.format(id=article, pub=publisher, quote=quote), encoding="utf-8")
    return path


@pytest.fixture
def two(tmp_path):
    kb = KnowledgeBase.open(tmp_path / "store")
    first = _file(tmp_path, "wire-a", "Wire A", "The two sides spoke by phone.")
    second = _file(tmp_path, "wire-b", "Wire B", "A phone call took place between the two.")
    kb.ingest([first])
    report = kb.ingest([second])
    assert {p.event_id for p in report.proposals} == {"call", "truce"}  # look-alikes, proposed only
    yield kb, second
    kb.close()


def _quads(kb) -> list[str]:
    return sorted(kb.export("nq").decode().splitlines())


def test_merge_is_recorded_kept_on_reingest_and_undone_exactly(two):
    kb, second = two
    before = _quads(kb)
    assert kb.merge("wire-b/call", "wire-a/call") == "merged wire-b/call into wire-a/call"
    call = kb.show("wire-a/call")
    assert sorted(s.publisher for s in call.sources) == ["Wire A", "Wire B"]
    assert kb.show("wire-b/truce").sources  # its result-of now names the merged event
    merged = _quads(kb)
    report = kb.ingest([second])  # the unchanged file: the merge holds, nothing is proposed for it
    assert [p.event_id for p in report.proposals] == ["truce"] and _quads(kb) == merged
    assert kb.unmerge("wire-b/call") == "wire-b/call is its own event again (it was merged into wire-a/call)"
    assert _quads(kb) == before
    assert len(kb.show("wire-a/call").sources) == 1 and kb.show("wire-b/call").sources


def test_an_accepted_look_alike_is_a_recorded_merge(two):
    kb, second = two
    report = kb.ingest([second], merge=lambda p: p.event_id == "call")
    assert [p.event_id for p in report.proposals if p.merged] == ["call"]
    assert kb.ingest([second]).proposals[0].event_id == "truce"  # call stays merged without --merge
    assert len(kb.show("wire-a/call").sources) == 2
    kb.unmerge("wire-b/call")
    assert len(kb.show("wire-a/call").sources) == 1


@pytest.mark.parametrize("event,into,message", [
    ("wire-b/call", "wire-b/truce", "two events of one article are two events"),
    ("wire-b/nothing", "wire-a/call", "is not an event its article reports"),
    ("wire-b/call", "wire-a/nothing", "no event wire-a/nothing"),
    ("nonsense", "wire-a/call", "is not an event id"),
])
def test_merges_that_cannot_be_made(two, event, into, message):
    kb, _ = two
    before = _quads(kb)
    with pytest.raises(KBError, match=message):
        kb.merge(event, into)
    assert _quads(kb) == before


def test_the_cli(run, tmp_path):
    a = _file(tmp_path, "wire-a", "Wire A", "The two sides spoke by phone.")
    b = _file(tmp_path, "wire-b", "Wire B", "A phone call took place between the two.")
    assert run("ingest", a, b, "--no-merge").exit_code == 0
    assert run("merge", "wire-b/call", "wire-a/call").output == "merged wire-b/call into wire-a/call\n"
    again = run("merge", "wire-b/call", "wire-a/call")
    assert again.exit_code == 1 and "merged into wire-a/call already" in again.output
    assert run("unmerge", "wire-b/call").exit_code == 0
    assert run("unmerge", "wire-b/call").exit_code == 1
