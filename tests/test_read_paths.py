"""Reads the embedded store answers from its indexes give what the named queries give (issue 17)."""

from __future__ import annotations

import itertools

from rdflib import URIRef

from kb import KnowledgeBase
from kb.model.iris import actor_iri
from kb.read.facts import mediator_rows
from kb.read.query import run_named

from helpers import EXAMPLES


def test_mediator_rows_are_those_of_mediators_rq(kb_examples):
    store = kb_examples.store
    events = sorted({r["event"] for r in kb_examples.query(
        "SELECT DISTINCT ?event WHERE { ?c ckb:claimOf ?event }").records})
    names = ["Israel", "Syria", "United States", "Azerbaijan", "Tom Barrack", "Turkey"]
    pairs = [(str(actor_iri(kb_examples.resolve_actor(x))), str(actor_iri(kb_examples.resolve_actor(y))))
             for x, y in itertools.permutations(names, 2)]
    found = 0
    for event in events:
        for a, b in pairs:
            ours = mediator_rows(store.embedded, event, a, b)
            theirs = run_named(store, "mediators", a=URIRef(a), b=URIRef(b), event=URIRef(event))
            key = lambda r: (r["mediator"], str(r["mediatorLabel"]), r["event"])  # noqa: E731
            assert sorted(map(key, ours)) == sorted(map(key, theirs)), (event, a, b)
            found += bool(ours)
    assert found >= 10  # the pairs and events of the examples do have mediators


def test_a_person_mediator_and_a_person_party_roll_up(tmp_path):
    path = tmp_path / "f.yaml"
    path.write_text(
        "article: {title: T, publisher: P, published: 2025-09-18}\n"
        "actors:\n  - {name: Ann Envoy, type: person, represents: Qatar}\n"
        "  - {name: Bo Minister, type: person, represents: Sudan}\n"
        "events:\n  - {id: e1, type: mediation, date: 2025-09-10, mediator: Ann Envoy,\n"
        "     parties: [Bo Minister, Chad], quote: q}\n", encoding="utf-8")
    kb = KnowledgeBase.memory()
    kb.ingest([path])
    [answer] = kb.mediators("Sudan", "Chad", since="2025-09", until="2025-09")
    assert (answer.mediator, answer.via) == ("Qatar", ["Ann Envoy"])
    assert kb.mediators("Sudan", "Qatar", since="2025-09", until="2025-09") == []  # a side never mediates
    assert EXAMPLES.is_dir()


def test_a_line_only_with_an_unbound_variable_is_left_out():
    import pyoxigraph as ox

    from kb.read.binding import bind

    text = "SELECT ?e WHERE {\n  ?e ?p ?key .\n  ?e <x:a> ?b .  # only with ?b\n  FILTER(?c)  # only with ?c\n}"
    assert bind(text, {"key": ox.NamedNode("x:k")}) == "SELECT ?e WHERE {\n  ?e ?p <x:k> .\n}"
    bound = bind(text, {"key": ox.NamedNode("x:k"), "b": ox.NamedNode("x:b"), "c": None})
    assert bound == "SELECT ?e WHERE {\n  ?e ?p <x:k> .\n  ?e <x:a> <x:b> .  # only with ?b\n}"


def test_the_index_probe_answers_alike_with_and_without_each_restriction(kb_examples):
    """timeline-index.rq's optional lines change nothing but the work: every example timeline is the scan's."""
    for actors, kwargs in ((["Israel"], {}), (["Israel", "Syria"], {"types": ["talks"]}),
                           (["Syria"], {"place": "France"}), (["Israel", "Syria"], {})):
        indexed = kb_examples.timeline(actors=actors, since="2025-07", until="2026-01", **kwargs)
        assert indexed, (actors, kwargs)
        scanned = kb_examples.timeline(actors=actors, since="2023-01", until="2026-12", **kwargs)  # > 36 months: scan
        window = {e.id for e in scanned if e.start and e.end and "2025-07-01" <= str(e.start) and str(e.end) <= "2026-01-31"}
        assert window <= {e.id for e in indexed}
