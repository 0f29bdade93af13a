"""The shapes compiled in Python (kb/ingest/shapes.py) report what pySHACL reports (issue 17 item 1).

Ingest checks every article with the compiled shapes; `kb validate` and
`kb ingest --strict` with pySHACL. Both must reject the same inputs with the
same messages: every SHACL fixture, each example article, and mutations of
the examples that break one constraint each.
"""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from rdflib import RDF, XSD, BNode, Graph, Literal, URIRef

from kb import FactFileError, KnowledgeBase
from kb.ingest import shapes
from kb.ingest.validation import _ontology, context_graph, violations
from kb.model.actors import Registry
from helpers import RCKB as CKB  # rdflib terms, for rdflib graphs

from helpers import EXAMPLES, FIXTURES

REGISTRY = Registry.bundled()
FIXTURE_FILES = sorted((FIXTURES / "shacl").glob("*.ttl"))


def _graphs(path) -> list[Graph]:
    by_graph: dict[str, Graph] = {}
    for q in ox.parse(path=str(path), format=ox.RdfFormat.from_extension(path.suffix.lstrip("."))):
        g = by_graph.setdefault(str(q.graph_name), Graph())
        g.parse(data=f"{q.triple} .", format="nt")
    return list(by_graph.values())


def _both(g: Graph) -> tuple[list, list]:
    data = context_graph(g, REGISTRY)
    return violations(data, strict=True), violations(data, strict=False)


@pytest.mark.parametrize("path", FIXTURE_FILES, ids=[p.stem for p in FIXTURE_FILES])
def test_same_violations_as_pyshacl_on_every_fixture(path):
    for g in _graphs(path):
        reference, compiled = _both(g)
        assert compiled == reference
        assert bool(reference) == (path.name != "valid.ttl")


@pytest.fixture(scope="module")
def article_graphs(kb_examples) -> list[Graph]:
    data = kb_examples.export("nq")
    by_graph: dict[str, Graph] = {}
    for q in ox.parse(data, format=ox.RdfFormat.N_QUADS):
        if "/graph/article/" in str(q.graph_name):
            by_graph.setdefault(str(q.graph_name), Graph()).parse(data=f"{q.triple} .", format="nt")
    return list(by_graph.values())


def test_every_example_article_conforms_under_both(article_graphs):
    assert len(article_graphs) == 13
    for g in article_graphs:
        assert _both(g) == ([], [])


def _claim(g: Graph) -> URIRef:
    return next(s for s in g.subjects(RDF.type, CKB.Claim) if (s, CKB.dateText, None) in g)


MUTATIONS = {  # one broken constraint each, on an example article's first claim (c) or the event it is of (e)
    "two labels": lambda g, e, c: g.add((c, URIRef("http://www.w3.org/2000/01/rdf-schema#label"), Literal("other"))),
    "no date text": lambda g, e, c: g.remove((c, CKB.dateText, None)),
    "bad precision": lambda g, e, c: g.set((c, CKB.precision, CKB.Reported)),
    "begin after end": lambda g, e, c: (g.set((c, CKB.earliestBegin, Literal("2030-01-01", datatype=XSD.date))),
                                        g.set((c, CKB.latestEnd, Literal("2020-01-01", datatype=XSD.date)))),
    "date as text": lambda g, e, c: g.set((c, CKB.earliestBegin, Literal("2025"))),
    "no bounds": lambda g, e, c: [g.remove((c, p, None)) for p in (CKB.earliestBegin, CKB.latestBegin,
                                                                     CKB.earliestEnd, CKB.latestEnd)],
    "status on a strike": lambda g, e, c: (g.set((e, RDF.type, CKB.Airstrike)), g.add((e, RDF.type, CKB.Event)),
                                           g.set((c, CKB.status, CKB.Signed))),
    "unknown actor": lambda g, e, c: g.add((e, CKB.involves, URIRef("https://example.org/nobody"))),
    "actor is a literal": lambda g, e, c: g.add((e, CKB.involves, Literal("Israel"))),
    "place is a blank node": lambda g, e, c: (g.remove((c, CKB.location, None)), g.add((c, CKB.location, BNode()))),
    "claimed by, reported": lambda g, e, c: (
        g.add((c, CKB.claimedBy, URIRef("https://w3id.org/conflict-kb/id/actor/israel"))),
        g.set((c, CKB.confidence, CKB.Reported))),
    "bad url": lambda g, e, c: [g.set((a, CKB.url, Literal("ftp://x", datatype=XSD.anyURI)))
                                for a in g.subjects(RDF.type, CKB.Article)],
    "empty quote": lambda g, e, c: [g.set((q, CKB.quote, Literal(""))) for q in g.subjects(RDF.type, CKB.Evidence)],
    "claim of no event": lambda g, e, c: g.remove((c, CKB.claimOf, None)),
    "event without its claim": lambda g, e, c: g.remove((None, CKB.claimOf, e)),
    "two consensus labels": lambda g, e, c: [g.add((e, URIRef("http://www.w3.org/2000/01/rdf-schema#label"),
                                                    Literal(x))) for x in ("a", "b")],
}


@pytest.mark.parametrize("name", sorted(MUTATIONS))
def test_same_violations_as_pyshacl_on_broken_examples(article_graphs, name):
    for g in article_graphs:
        broken = Graph()
        broken += g
        claim = _claim(broken)
        MUTATIONS[name](broken, broken.value(claim, CKB.claimOf), claim)
        reference, compiled = _both(broken)
        assert reference, f"{name}: pySHACL found nothing; the mutation breaks no shape"
        assert compiled == reference


def test_an_ill_typed_date_is_reported(article_graphs):
    """pySHACL raises TypeError comparing some ill-typed dates (so it is left out above); the compiled check reports it."""
    g = Graph()
    g += article_graphs[0]
    claim = _claim(g)
    g.set((claim, CKB.earliestBegin, Literal("2025-02-30", datatype=XSD.date)))
    found = violations(context_graph(g, REGISTRY), strict=False)
    assert ("date", "the earliest begin is one xsd:date, not after the latest begin") in {
        (v.field, v.message) for v in found if v.focus == str(claim)}


def test_ingest_and_ingest_strict_refuse_a_file_alike(tmp_path):
    """A file the fact-file reader lets through but a shape refuses (an event whose bounds cross)."""
    path = tmp_path / "crossed.yaml"
    path.write_text("article: {title: T, publisher: P, published: 2025-09-18}\n"
                    "events:\n  - {id: e1, type: talks, start: 2025-09-10, end: 2025-09-01,\n"
                    "     parties: [Israel, Syria], quote: q}\n", encoding="utf-8")
    messages = []
    for strict in (False, True):
        with pytest.raises(FactFileError) as caught:
            KnowledgeBase.memory().ingest([path], strict=strict)
        messages.append(str(caught.value))
    assert messages[0] == messages[1]


def test_a_shape_the_compiler_does_not_know_is_refused_not_skipped():
    g = Graph().parse(data="""
        @prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <https://example.org/> .
        ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:property [ sh:path ex:p ; sh:uniqueLang true ] .
    """, format="turtle")
    with pytest.raises(shapes.ShapesError, match="uniqueLang.*--strict"):
        shapes.compile_shapes(g)


def test_the_project_shapes_compile():
    compiled = shapes.compiled()
    assert len(compiled) == 23 and all(s.message or s.properties for s in compiled)
    assert _ontology()  # the subclasses the checks use


def test_kb_validate_reports_an_ill_typed_date_without_a_traceback(tmp_path, kb_exe):
    """pySHACL itself raises TypeError on this file; kb validate falls back to the compiled shapes."""
    path = tmp_path / "ill.ttl"
    path.write_text(
        "@prefix ckb: <https://w3id.org/conflict-kb/ontology#> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
        "<https://w3id.org/conflict-kb/id/claim/a/a/e1> a ckb:Claim ; ckb:earliestBegin \"2025-02-30\"^^xsd:date ;\n"
        "  ckb:latestBegin \"2025-01-01\"^^xsd:date ; ckb:earliestEnd \"2025-01-01\"^^xsd:date .\n", encoding="utf-8")
    done = kb_exe("validate", path)
    assert done.returncode == 1 and "Traceback" not in done.stderr + done.stdout
    assert f"{path}: event a/e1: date: the earliest begin is one xsd:date, not after the latest begin" in done.stdout
    assert done.stderr.endswith("violations\n") and "Failed to convert" not in done.stderr
