"""Every export is consistent under OWL-RL with the ontology and the vocabularies it builds on (issue 16).

The closure (owlrl) runs over the export flattened to one graph, the
ontology, and the PROV-O, SEM and OWL-Time axioms that bear on its terms
(tests/fixtures/vocab/). Consistent means: no OWL-RL inconsistency, no two
distinct things made the same (owl:sameAs), no event made a prov:Entity
(PROV's Activity and Entity are disjoint), no proposal made an agreement.
"""

from __future__ import annotations

import owlrl
import pytest
import rdflib

from helpers import RCKB as CKB  # rdflib terms, for rdflib graphs

from helpers import ROOT

ERRORS = rdflib.Namespace("http://www.daml.org/2002/03/agents/agent-ont#")  # where owlrl records inconsistencies
PROV = rdflib.Namespace("http://www.w3.org/ns/prov#")
PARSERS = {"ttl": "turtle", "nt": "nt", "trig": "trig", "nq": "nquads", "jsonld": "json-ld"}


def _closure(data: bytes, fmt: str) -> rdflib.Graph:
    flat = rdflib.Graph()
    for s, p, o, _ in rdflib.Dataset().parse(data=data, format=PARSERS[fmt]).quads((None, None, None, None)):
        flat.add((s, p, o))
    flat.parse(ROOT / "ontology" / "conflict.ttl")
    flat.parse(ROOT / "tests" / "fixtures" / "vocab" / "external-axioms.ttl")
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(flat)
    return flat


@pytest.mark.parametrize("fmt", sorted(PARSERS))
def test_every_export_is_owl_rl_consistent(kb_examples, fmt):
    g = _closure(kb_examples.export(fmt), fmt)
    assert [str(g.value(m, ERRORS.error)) for m in g.subjects(rdflib.RDF.type, ERRORS.ErrorMessage)] == []
    assert [(s, o) for s, o in g.subject_objects(rdflib.OWL.sameAs) if s != o] == []
    events = set(g.subjects(rdflib.RDF.type, CKB.Event))
    assert len(events) > 30
    assert events.isdisjoint(g.subjects(rdflib.RDF.type, PROV.Entity))
    proposals = set(g.subjects(rdflib.RDF.type, CKB.Proposal))
    assert proposals and proposals.isdisjoint(g.subjects(rdflib.RDF.type, CKB.Agreement))


def test_the_check_finds_an_inconsistency_when_there_is_one(kb_examples):
    """The test above can fail: an event also typed as an article (a prov:Entity) is reported."""
    data = kb_examples.export("nt") + (
        b"<https://w3id.org/conflict-kb/id/event/signal-scv-2025-07-16/damascus-strike> "
        b"<http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/conflict-kb/ontology#Article> .\n"
    )
    g = _closure(data, "nt")
    assert list(g.subjects(rdflib.RDF.type, ERRORS.ErrorMessage))


def test_every_event_is_typed_ckb_event_in_the_data(kb_examples):
    """Without the ontology (a store with no inference), `?e a ckb:Event` finds every event."""
    data = rdflib.Dataset().parse(data=kb_examples.export("nq"), format="nquads")
    types: dict[rdflib.term.Node, set] = {}
    for s, _, o, _ in data.quads((None, rdflib.RDF.type, None, None)):
        types.setdefault(s, set()).add(o)
    claimed = {o for _, _, o, _ in data.quads((None, CKB.claimOf, None, None))}  # what every event has
    events = {s for s, classes in types.items() if CKB.Event in classes}
    assert claimed == events and len(events) > 30
    assert all(len(types[e] - {CKB.Event}) >= 1 for e in events)  # and its own class beside it
