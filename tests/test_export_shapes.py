"""Every export format, flattened to one graph, conforms to ontology/shapes.ttl (issue 16).

What one source says of an event is its claim (``ckb:Claim``), so merging the
named graphs puts each source's label, dates and place on a node of its own;
the event keeps its types, roles and, from the export's consensus graph, one
label and one window. Checked with pySHACL, the reference, over the whole
flattened export (articles, registry, consensus) with the ontology for
subclasses, and once more without it: the data types every event
``ckb:Event`` itself.
"""

from __future__ import annotations

import pyshacl
import pytest
import rdflib

from kb.ingest.validation import _ontology, _shapes
from helpers import RCKB as CKB  # rdflib terms, for rdflib graphs

PARSERS = {"ttl": "turtle", "nt": "nt", "trig": "trig", "nq": "nquads", "jsonld": "json-ld"}


def _flat(data: bytes, fmt: str) -> rdflib.Graph:
    flat = rdflib.Graph()
    for s, p, o, _ in rdflib.Dataset().parse(data=data, format=PARSERS[fmt]).quads((None, None, None, None)):
        flat.add((s, p, o))
    return flat


def _violations(g: rdflib.Graph, ontology: rdflib.Graph | None, focus: set | None = None) -> list[str]:
    """pySHACL's messages, of the focus nodes in ``focus`` (all when None)."""
    conforms, results, _ = pyshacl.validate(g, shacl_graph=_shapes(), ont_graph=ontology, inference="none")
    return [
        str(results.value(r, rdflib.SH.resultMessage))
        for r in results.subjects(rdflib.RDF.type, rdflib.SH.ValidationResult)
        if focus is None or results.value(r, rdflib.SH.focusNode) in focus
    ]


@pytest.fixture(scope="module")
def exports(kb_examples) -> dict[str, rdflib.Graph]:
    return {fmt: _flat(kb_examples.export(fmt), fmt) for fmt in PARSERS}


@pytest.mark.parametrize("fmt", sorted(PARSERS))
def test_every_export_flattened_conforms_to_the_shapes(exports, fmt):
    g = exports[fmt]
    assert len(set(g.subjects(rdflib.RDF.type, CKB.Claim))) > 50  # one per source and event
    assert _violations(g, _ontology()) == []


def test_without_the_ontology_the_checks_that_need_an_event_pass(exports):
    """Events are typed ckb:Event in the data, so `sh:class ckb:Event` holds in a store without inference (it
    failed 40 times on the plain Turtle export before). Actors carry only their own class (ckb:State, ...) and a
    ceasefire only ckb:Ceasefire, so the checks that need the subclasses need the ontology: --with-ontology."""
    needs_an_event = {"result-of must name an event", "a statement is about events", "a claim is about exactly one event"}
    assert needs_an_event.isdisjoint(_violations(exports["ttl"], None))
    assert "a claim is about exactly one event" in _violations(_without_event_types(exports["ttl"]), None)  # can fail


def _without_event_types(g: rdflib.Graph) -> rdflib.Graph:
    out = rdflib.Graph()
    out += g
    out.remove((None, rdflib.RDF.type, CKB.Event))
    return out


def test_each_event_has_one_label_and_window_in_the_export(exports):
    """The consensus graph: what a reader of the flattened file wants without aggregating claims."""
    g = exports["nt"]
    events = set(g.subjects(rdflib.RDF.type, CKB.Event))
    assert events and all(len(list(g.objects(e, rdflib.RDFS.label))) == 1 for e in events)
    dated = [e for e in events if (e, CKB.earliestBegin, None) in g or (e, CKB.latestEnd, None) in g]
    assert len(dated) == len(events)


def test_the_check_can_fail(exports):
    """Two sources' dates on one node — what the exports did before claims — is reported."""
    g = rdflib.Graph()
    g += exports["nt"]
    claim = next(iter(g.subjects(rdflib.RDF.type, CKB.Claim)))
    g.add((claim, CKB.dateText, rdflib.Literal("another source's date")))
    assert "an event has exactly one date as written" in _violations(g, _ontology())


def _python_rows(kb) -> list[dict]:
    import pyoxigraph as ox

    from kb.read.consensus import GraphConsensus

    rows = []
    for name in kb.store.named_graphs():
        seen = GraphConsensus(kb.store.embedded, ox.NamedNode(name))
        for q in kb.store.quads(None, None, None, ox.NamedNode(name)):
            seen.see(q)
        rows += seen.rows()
    return sorted(rows, key=lambda r: r["event"])


def _query_rows(kb) -> list[dict]:
    from kb.read.query import DATE_MAX, DATE_MIN, run_named

    return sorted(run_named(kb.store, "consensus", first=DATE_MIN, last=DATE_MAX), key=lambda r: r["event"])


def test_the_consensus_read_from_the_quads_is_consensus_rq(kb_examples, tmp_path):
    """The export's consensus graph comes from consensus.rq on a server and from the quads in this process."""
    from kb import KnowledgeBase

    from helpers import EXAMPLES

    assert _python_rows(kb_examples) == _query_rows(kb_examples) and len(_query_rows(kb_examples)) == 42
    # with the article that named the busiest event gone, another source's claim speaks for it
    kb = KnowledgeBase.open(tmp_path / "store")
    kb.ingest([EXAMPLES])
    kb.remove("washington-examiner-2026-01-06")
    rows = _query_rows(kb)
    assert _python_rows(kb) == rows
    talks = next(r for r in rows if r["event"].endswith("washington-examiner-2026-01-06/paris-talks"))
    assert talks["label"] and talks["places"] == 1
    kb.close()
