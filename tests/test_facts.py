"""kb/read/facts.py reads exactly the rows event.rq gives, so the embedded fast path and a SPARQL server agree."""

from __future__ import annotations

import sys

import pyoxigraph as ox

from kb import KnowledgeBase
from kb.read.facts import event_rows
from kb.read.query import run_named
from rdflib import URIRef

from helpers import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
from synthetic import write_fact_files  # noqa: E402


def _all_events(kb: KnowledgeBase) -> list[str]:
    rows = kb.query("SELECT DISTINCT ?e WHERE { GRAPH ?g { ?c ckb:claimOf ?e } } ORDER BY ?e").rows
    return [r["e"].value for r in rows]


def _same_rows(kb: KnowledgeBase) -> int:
    events = _all_events(kb)
    for iri in events:
        rows = event_rows(kb.store.embedded, iri)
        assert rows == run_named(kb.store, "event", event=URIRef(iri)), iri
        assert {"claim", "role", "source"} <= {r["kind"] for r in rows}, iri  # an event read, not an empty match
    return len(events)


def test_examples_same_rows(kb_examples):
    assert _same_rows(kb_examples) > 40  # every event of the examples, merged ones with five sources included


def test_synthetic_same_rows(tmp_path):
    kb = KnowledgeBase.memory()
    kb.ingest(write_fact_files(tmp_path, 600, per_file=100, seed=11))
    assert _same_rows(kb) == 600


def test_an_unknown_event_has_no_rows(kb_examples):
    assert event_rows(kb_examples.store.embedded, "https://w3id.org/conflict-kb/id/event/nope/nothing") == []


def test_a_graph_that_does_not_report_the_event_says_nothing_of_it(tmp_path):
    """Loaded RDF may name an event's roles in a graph with no claim of it: neither path reads them."""
    kb = KnowledgeBase.memory()
    kb.ingest(write_fact_files(tmp_path, 3, per_file=3, seed=5))
    iri = _all_events(kb)[0]
    before = event_rows(kb.store.embedded, iri)
    actor = next(r["node"] for r in before if r["kind"] == "role")  # labelled, so a role row would show
    kb.store.embedded.add(
        ox.Quad(
            ox.NamedNode(iri),
            ox.NamedNode("https://w3id.org/conflict-kb/ontology#mediator"),
            ox.NamedNode(str(actor)),
            ox.NamedNode("https://example.org/graph/unreported"),
        )
    )
    assert event_rows(kb.store.embedded, iri) == before == run_named(kb.store, "event", event=URIRef(iri))


def test_a_limited_timeline_is_the_first_of_the_whole(kb_all_examples, tmp_path):
    """timeline(limit=N) reads candidates in date order and stops early; it must equal the whole answer's first N."""
    cases = [dict(), dict(actors=["Israel"]), dict(actors=["Israel", "Syria"], since="2025"),
             dict(types=["ceasefire"]), dict(actors=["Israel"], include_uncertain=True)]
    for kwargs in cases:
        whole = [e.iri for e in kb_all_examples.timeline(**kwargs)]
        for n in (1, 3, 10, 500):
            assert [e.iri for e in kb_all_examples.timeline(limit=n, **kwargs)] == whole[:n], (kwargs, n)
    kb = KnowledgeBase.memory()
    kb.ingest(write_fact_files(tmp_path, 400, per_file=100, seed=3))
    whole = [e.iri for e in kb.timeline(actors=["Israel"], since="2020")]
    assert len(whole) > 20
    assert [e.iri for e in kb.timeline(actors=["Israel"], since="2020", limit=20)] == whole[:20]
