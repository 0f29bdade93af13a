"""Event identity: re-ingesting changes nothing, and only like events of different articles are proposed."""

from __future__ import annotations

import pytest

from kb import KnowledgeBase

from helpers import EXAMPLES, ROOT

EXAMPLE_FILES = sorted(EXAMPLES.glob("*.yaml"))


@pytest.fixture(scope="module")
def all_examples(tmp_path_factory):
    path = tmp_path_factory.mktemp("identity") / "store"
    with KnowledgeBase.open(path) as kb:
        kb.ingest([EXAMPLES])
    return path


@pytest.mark.parametrize("example", EXAMPLE_FILES, ids=lambda p: p.stem[:24])
def test_reingesting_an_unchanged_file_is_a_no_op(all_examples, tmp_path, example):
    import shutil

    store = shutil.copytree(all_examples, tmp_path / "store")
    with KnowledgeBase.open(store) as kb:
        before = sorted(kb.export("nq").decode().splitlines())
        report = kb.ingest([example], merge=True)  # even told to merge, there is nothing to merge
        assert report.proposals == []
        assert sorted(kb.export("nq").decode().splitlines()) == before


def _statement(tmp_path, name, article, speaker, quote):
    path = tmp_path / f"{name}.yaml"
    path.write_text(f"""article: {{id: {article}, title: T, publisher: {article}, published: 2025-05-10}}
actors:
  - {{name: Marco Rubio, type: person, represents: United States}}
  - {{name: Massad Boulos, type: person, represents: United States}}
events:
  - {{id: said, type: statement, date: 2025-05-09, speaker: {speaker}, quote: "{quote}"}}
""", encoding="utf-8")
    return path


def test_two_officials_of_one_state_make_two_statements(tmp_path):
    kb = KnowledgeBase.memory()
    kb.ingest([_statement(tmp_path, "a", "wire-a", "Marco Rubio", "One thing.")])
    report = kb.ingest([_statement(tmp_path, "b", "wire-b", "Massad Boulos", "Another thing.")])
    assert report.proposals == []
    # the same speaker on the same day, reported by another article, is proposed
    again = kb.ingest([_statement(tmp_path, "c", "wire-c", "Marco Rubio", "One thing, reported again.")])
    assert [p.existing for p in again.proposals] == ["wire-a/said"]


def test_two_alike_events_of_one_article_keep_their_identities(tmp_path):
    fixture = ROOT / "tests" / "fixtures" / "identity" / "two-alike-in-one-article.yaml"
    kb = KnowledgeBase.open(tmp_path / "store")
    assert kb.ingest([fixture]).proposals == []
    before = sorted(kb.export("nq").decode().splitlines())
    report = kb.ingest([fixture], merge=True)
    assert report.proposals == []
    assert sorted(kb.export("nq").decode().splitlines()) == before
    assert kb.show("fixture-two-alike/dgmo-call").type == "talks"
    assert kb.show("fixture-two-alike/us-mediation").type == "mediation"
    kb.close()


def test_removing_the_first_reporting_article_keeps_the_event_in_ask_answers():
    """The Paris talks of 2026-01-06 have five sources; removing the article that reported them first (whose id
    their IRI carries) must leave them in every answer the other four still support."""
    kb = KnowledgeBase.memory()
    kb.ingest([EXAMPLES])
    question = "who mediated Israel–Syria talks after Dec 2024"
    paris = "https://w3id.org/conflict-kb/id/event/washington-examiner-2026-01-06/paris-talks"
    assert paris in {row["event"] for row in kb.ask(question).rows}
    kb.remove("washington-examiner-2026-01-06")
    rows = [row for row in kb.ask(question).rows if row["event"] == paris]
    assert rows and rows[0]["articles"] == 4 and rows[0]["what"]
    assert paris in {e.iri for m in kb.mediators("Israel", "Syria", after="2024-12") for e in m.events}
    for form in ("where did Israel and Syria meet", "what happened between Israel and Syria since 2026"):
        assert paris in {row["event"] for row in kb.ask(form).rows}, form
