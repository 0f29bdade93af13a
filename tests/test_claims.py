"""Per-source claims (issue 16): what each article says of an event is a ckb:Claim in the article's graph.

And a store written before claims existed is upgraded in place on its first
writable open, answering as a store ingested anew would; read-only, it is
refused with what to do (not answered with nothing).
"""

from __future__ import annotations

import json

import pyoxigraph as ox
import pytest
from rdflib import URIRef

from kb import KnowledgeBase, StoreError
from kb.model.iris import ARTICLE_GRAPHS, EVENT_PREFIX
from kb.model.namespace import CKB
from kb.store.base import ntriples
from kb.store.upgrade import CLAIM_PROPERTIES, LAYOUT

from helpers import EXAMPLES

CLAIM_OF = ox.NamedNode(str(CKB.claimOf))
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")


def test_each_article_says_its_own_things_on_its_own_claim(kb_examples):
    store = kb_examples.store
    articles = [g for g in store.named_graphs() if g.startswith(ARTICLE_GRAPHS)]
    events_reported = 0
    for name in articles:
        graph = ox.NamedNode(name)
        claims = [q for q in store.quads(None, CLAIM_OF, None, graph)]
        events = [q.object for q in claims]
        assert len(events) == len(set(events)), name  # one claim an event, per article
        events_reported += len(events)
        for q in claims:
            said = {p.predicate.value for p in store.quads(q.subject, None, None, graph)}
            assert {str(CKB.dateText), str(CKB.source), str(CKB.evidence)} <= said
            # and the event itself says none of it, in any graph
            assert not {p.predicate.value for p in store.quads(q.object, None, None, None)} & CLAIM_PROPERTIES
    assert events_reported == 62  # every event of every example file, merged ones included


def _old_layout(store) -> None:
    """Rewrite every article graph as conflict-kb wrote it before claims: the claims' facts on the event."""
    for name in [g for g in store.named_graphs() if g.startswith(ARTICLE_GRAPHS)]:
        graph = ox.NamedNode(name)
        quads = list(store.quads(None, None, None, graph))
        event_of = {q.subject: q.object for q in quads if q.predicate == CLAIM_OF}
        triples = [
            ox.Triple(event_of.get(q.subject, q.subject), q.predicate, q.object)
            for q in quads
            if q.predicate != CLAIM_OF and not (q.subject in event_of and q.predicate == RDF_TYPE)
        ]
        store.replace_graphs({URIRef(name): ntriples(triples)})
    store.flush()
    store.set_marker("layout", "")


def test_a_store_from_before_claims_is_upgraded_on_its_first_writable_open(tmp_path):
    path = tmp_path / "store"
    with KnowledgeBase.open(path) as kb:
        kb.ingest([EXAMPLES])
        expected = kb.export("nq")
        answer = json.dumps([m.__dict__ for m in kb.mediators("Israel", "Syria")], default=str)
        _old_layout(kb.store)
        assert kb.store.has_subject(str(CKB.claimOf), EVENT_PREFIX + "washington-examiner-2026-01-06/paris-talks") is False
    with pytest.raises(StoreError, match="earlier conflict-kb.*kb recover"):
        KnowledgeBase.open(path, read_only=True)
    with KnowledgeBase.open(path) as kb:  # writable: upgraded here, once
        assert kb.store.marker("layout") == LAYOUT
    with KnowledgeBase.open(path, read_only=True) as kb:
        assert sorted(kb.export("nq").splitlines()) == sorted(expected.splitlines())
        assert json.dumps([m.__dict__ for m in kb.mediators("Israel", "Syria")], default=str) == answer


def test_an_upgraded_store_is_not_rewritten_again(tmp_path, monkeypatch):
    path = tmp_path / "store"
    with KnowledgeBase.open(path) as kb:
        kb.ingest([EXAMPLES])
    import kb.store.upgrade as upgrade

    monkeypatch.setattr(upgrade, "_upgraded", lambda *a: pytest.fail("rewrote a current store"))
    with KnowledgeBase.open(path) as kb:
        assert kb.stats()["events"] == 42


def test_a_statement_about_another_articles_event_is_checked_in_its_own_graph(tmp_path):
    """The referenced event is context for the statement's graph, not a node of it: its own claims live in its
    article's graph (this refused every cross-article `about` before, the event having no claim there)."""
    a = tmp_path / "a.yaml"
    a.write_text("article: {id: a, title: T, publisher: P, published: 2025-03-12}\n"
                 "events:\n  - {id: talks, type: talks, date: 2025-03-10, parties: [Israel, Syria], quote: They met.}\n",
                 encoding="utf-8")
    c = tmp_path / "c.yaml"
    c.write_text("article: {id: c, title: T3, publisher: P3, published: 2025-03-13}\n"
                 "events:\n  - {id: said, type: statement, date: 2025-03-11, speaker: Syria, about: [a/talks],\n"
                 "     content: fine talks, quote: Syria said the talks were fine.}\n", encoding="utf-8")
    kb = KnowledgeBase.memory()
    assert kb.ingest([a, c]).warnings == []
    assert kb.show("c/said").about == ["a/talks"]
    assert kb.validate(store=True) == []


def test_a_person_representing_an_organisation_declared_in_the_same_file(tmp_path):
    """The look-alike check rolled persons up through the store's registry, which does not know the file's own
    declarations yet: ingest failed with an unlocated 'unknown actor' (found writing examples/world/26)."""
    path = tmp_path / "f.yaml"
    path.write_text(
        "article: {id: f, title: T, publisher: P, published: 2020-01-19}\n"
        "actors:\n  - {name: Some Accord Government, type: organisation}\n"
        "  - {name: Some Premier, type: person, represents: Some Accord Government}\n"
        "events:\n  - {id: t, type: talks, date: Sunday, parties: [Germany, Some Premier], quote: They met.}\n",
        encoding="utf-8")
    kb = KnowledgeBase.memory()
    assert kb.ingest([path]).events == 1
    assert [e.id for e in kb.timeline(actors=["Some Accord Government"])] == ["f/t"]
