"""One event, many sources: same-as, look-alike proposals, disagreements kept, confidence."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from kb import FactFileError, KBError, KnowledgeBase

from helpers import ALL_EXAMPLES, EXAMPLES

PARIS = "washington-examiner-2026-01-06/paris-talks"
PARIS_SOURCES = {"Washington Examiner", "Al Jazeera", "Asharq Al-Awsat", "Shafaq News", "Ynetnews"}


def test_examples_hold_at_least_five_articles(kb_examples):
    assert len(kb_examples.sources()) >= 5


def test_the_paris_talks_are_one_event_with_every_source(kb_examples):
    paris = [e for e in kb_examples.timeline(place="Paris", since="2026-01") ]
    assert [e.id for e in paris] == [PARIS]
    ev = kb_examples.show(PARIS)
    assert {d.publisher for d in ev.dates} == PARIS_SOURCES
    by_source = {d.publisher: (d.date_text, d.date) for d in ev.dates}
    assert by_source == {
        "Washington Examiner": ("Tuesday", "2026-01-06"),
        "Al Jazeera": ("Tuesday", "2026-01-06"),
        "Asharq Al-Awsat": ("until Tuesday", "..2026-01-06"),
        "Shafaq News": ("Monday .. Tuesday", "2026-01-05..2026-01-06"),
        "Ynetnews": ("until Monday", "..2026-01-05"),
    }
    # the disagreement is kept and shown: most sources say Tuesday, the spread is Monday-Tuesday
    assert (ev.date, ev.disputed, ev.start, ev.end) == ("2026-01-06", True, dt.date(2026, 1, 5), dt.date(2026, 1, 6))
    # every source's participants are kept
    assert {"Tom Barrack", "Steve Witkoff", "Jared Kushner", "Roman Gofman", "Yechiel Leiter", "Gil Reich"} <= set(
        ev.roles["participants"])


def test_kb_show_lists_each_sources_date(run, ingested):
    out = run("show", "paris-talks").output
    assert "date: 2026-01-06  (sources disagree)" in out
    for line in ("- Washington Examiner (2026-01-06): 2026-01-06 (as written: Tuesday)",
                 "- Shafaq News (2026-01-06): 2026-01-05..2026-01-06 (as written: Monday .. Tuesday), claimed",
                 "- Ynetnews (2026-01-06): ..2026-01-05 (as written: until Monday)"):
        assert line in out
    data = json.loads(run("show", PARIS, "--format", "json").output)
    assert {d["publisher"] for d in data["dates"]} == PARIS_SOURCES


def test_show_finds_by_words_and_refuses_ambiguity(kb_examples):
    assert kb_examples.show("communication cell").id == "washington-examiner-2026-01-06/communication-cell"
    with pytest.raises(KBError, match="matches .* events"):
        kb_examples.show("paris")
    with pytest.raises(KBError, match="no event matches 'zebra'"):
        kb_examples.show("zebra")


def test_sparql_example_gives_each_sources_date(kb_examples):
    query = (ALL_EXAMPLES / "queries" / "sources-and-dates-of-an-event.rq").read_text(encoding="utf-8")
    rows = kb_examples.query(query).rows
    assert {r["publisher"].value for r in rows} == PARIS_SOURCES
    assert {r["dateText"].value for r in rows} == {"Tuesday", "until Tuesday", "Monday .. Tuesday", "until Monday"}


def test_sources_lists_articles_with_event_counts(run, ingested):
    rows = json.loads(run("sources", "--format", "json").output)
    counts = {r["id"]: r["events"] for r in rows}
    assert counts["washington-examiner-2026-01-06"] == 12 and counts["ynetnews-2026-01-06"] == 5
    assert len(rows) == len(list(EXAMPLES.glob("*.yaml")))


def test_statements_are_linked_to_what_they_are_about(kb_examples):
    says = kb_examples.show("washington-examiner-2026-01-06/syria-argues")
    assert says.about == ["washington-examiner-2026-01-06/israeli-attacks"]
    assert (says.roles["speaker"], says.content) == (["Syria"], "the Israeli attacks violate Syria's sovereignty")


# -- same-as and look-alikes ---------------------------------------------------

def _talks(tmp_path, name, article_id, date, place="Geneva", extra=""):
    path = tmp_path / f"{name}.yaml"
    path.write_text(f"article: {{id: {article_id}, title: {name}, publisher: {name}, published: 2025-03-20}}\n"
                    f"events:\n  - {{id: talks, type: talks, date: {date}, place: {place}, parties: [Israel, Syria],"
                    f" quote: q{extra}}}\n", encoding="utf-8")
    return path


def test_a_look_alike_is_proposed_not_merged(tmp_path):
    kb = KnowledgeBase.memory()
    kb.ingest([_talks(tmp_path, "a", "a", "2025-03-10")])
    report = kb.ingest([_talks(tmp_path, "b", "b", "2025-03-10")])
    [proposal] = report.proposals
    assert (proposal.existing, proposal.merged) == ("a/talks", False)
    assert str(proposal) == (f"{tmp_path / 'b.yaml'}: event 1 (talks): looks like a/talks (talks: Israel, Syria): "
                             "same kind (meeting), overlapping dates, same parties, same place; ingest with --merge, "
                             "or add same-as: a/talks")
    assert len(kb.timeline()) == 2


def test_merge_accepts_the_proposal(tmp_path):
    kb = KnowledgeBase.memory()
    kb.ingest([_talks(tmp_path, "a", "a", "2025-03-10")])
    report = kb.ingest([_talks(tmp_path, "b", "b", "March 9 .. March 10")], merge=True)
    assert [p.merged for p in report.proposals] == [True]
    [event] = kb.timeline()
    assert event.id == "a/talks" and {s.publisher for s in event.sources} == {"a", "b"}


def test_merge_can_be_decided_one_by_one(tmp_path):
    kb = KnowledgeBase.memory()
    kb.ingest([_talks(tmp_path, "a", "a", "2025-03-10")])
    asked = []
    kb.ingest([_talks(tmp_path, "b", "b", "2025-03-10")], merge=lambda p: asked.append(p.existing) or False)
    assert asked == ["a/talks"] and len(kb.timeline()) == 2


def test_two_rounds_a_month_apart_stay_two_events(tmp_path):
    kb = KnowledgeBase.memory()
    kb.ingest([_talks(tmp_path, "a", "a", "2025-02-10")])
    report = kb.ingest([_talks(tmp_path, "b", "b", "2025-03-10")], merge=True)
    assert report.proposals == [] and len(kb.timeline()) == 2


@pytest.mark.parametrize("date,place", [
    ("2025-03", "Geneva"),  # a whole month: too vague to prove anything
    ("2025-03-10", "Doha"),  # another city
])
def test_vague_or_elsewhere_is_not_proposed(tmp_path, date, place):
    kb = KnowledgeBase.memory()
    kb.ingest([_talks(tmp_path, "a", "a", "2025-03-10")])
    assert kb.ingest([_talks(tmp_path, "b", "b", date, place)], merge=True).proposals == []


def test_look_alikes_within_one_batch(tmp_path):
    kb = KnowledgeBase.memory()
    report = kb.ingest([_talks(tmp_path, "a", "a", "2025-03-10"), _talks(tmp_path, "b", "b", "2025-03-10")])
    assert [p.existing for p in report.proposals] == ["a/talks"]


def test_same_as_to_an_event_not_yet_stored_is_kept_and_reported(tmp_path):
    """Issue 16 item 3: an event's IRI comes from its own article, so files may come in any order."""
    a = _talks(tmp_path, "a", "a", "2025-03-10")
    b = _talks(tmp_path, "b", "b", "2025-03-10", extra=", same-as: a/talks")
    first = KnowledgeBase.memory()
    report = first.ingest([b])
    assert report.warnings == [f"{b}: event 1 (talks): same-as: no event 'a/talks' in the store yet: kept under "
                               "that event, which its own article joins when it is ingested (check the id if that "
                               "article is in the store already)"]
    assert [e.id for e in first.timeline()] == ["a/talks"]
    first.ingest([a])
    other = KnowledgeBase.memory()
    other.ingest([a, b])
    assert sorted(first.export("nq").splitlines()) == sorted(other.export("nq").splitlines())
    assert len(first.show("a/talks").dates) == 2  # one date claim per source


def test_cli_reports_and_merges(run, tmp_path):
    run("ingest", _talks(tmp_path, "a", "a", "2025-03-10"))
    reported = run("ingest", _talks(tmp_path, "b", "b", "2025-03-10"))
    assert "look-alike: " in reported.output and "ingest with --merge" in reported.output
    merged = run("ingest", "--merge", _talks(tmp_path, "b", "b", "2025-03-10"))
    assert "merged: " in merged.output and "merged with a/talks" in merged.output
    assert len(json.loads(run("timeline", "--format", "json").output)) == 1


# -- confidence -----------------------------------------------------------------

def test_confidence_filter(kb_examples):
    confirmed = kb_examples.timeline(confidence="confirmed", include_uncertain=True)
    assert [e.id for e in confirmed] == ["signal-scv-2025-07-16/damascus-strike"]
    rumoured = {e.id for e in kb_examples.timeline(confidence="rumoured", include_uncertain=True)}
    assert rumoured == {e.id for e in kb_examples.timeline(include_uncertain=True)}
    reported = {e.id for e in kb_examples.timeline(confidence="reported", include_uncertain=True)}
    assert "syrian-observer-2025-07-16/security-agreement" not in reported  # only "rumoured"
    with pytest.raises(KBError, match="unknown confidence 'sure'"):
        kb_examples.timeline(confidence="sure")
