"""The ontology is the one source of truth for terms: kb/model/namespace.py must match it."""

from __future__ import annotations

import re

import pyoxigraph as ox
import pytest
import rdflib
from rdflib.namespace import OWL, RDF, RDFS

from kb.model import namespace
from kb.model.vocab import ACTOR_CLASSES, EVENT_CLASSES, PRECISIONS, ROLE_PROPERTIES, STATUS_INDIVIDUALS, SUBTYPE_CLASSES

from helpers import RCKB as CKB, ROOT  # the same terms as rdflib URIRefs, to look up in rdflib graphs

ONTOLOGY = ROOT / "ontology" / "conflict.ttl"
NS = str(namespace.CKB._NS)


@pytest.fixture(scope="module")
def ontology() -> rdflib.Graph:
    return rdflib.Graph().parse(ONTOLOGY)


def _defined(g: rdflib.Graph) -> set[str]:
    return {str(s)[len(NS):] for s in g.subjects(RDF.type, None) if str(s).startswith(NS)}


def test_namespace_names_exactly_the_ontology_terms(ontology):
    in_python = set(namespace.CKB.__annotations__)
    assert in_python == _defined(ontology)


def test_the_model_hands_out_text_and_ingest_writes_the_same_terms():
    """kb.model's IRIs are text (no rdflib on the query path or in ingest); ingest's graphs hold the same."""
    from kb.ingest.graph import Graph, nt

    for name in namespace.CKB.__annotations__:
        text = namespace.CKB[name]
        assert type(text) is namespace.IRI and str(text) == NS + name and nt(text) == f"<{NS}{name}>"
    for table in (ACTOR_CLASSES, ROLE_PROPERTIES, PRECISIONS, EVENT_CLASSES, STATUS_INDIVIDUALS, SUBTYPE_CLASSES):
        assert all(type(v) is namespace.IRI and v.startswith(NS) for v in table.values())
    israel = namespace.DATA["actor/israel"]
    g = Graph([(israel, namespace.CKB.represents, israel)])  # what ingest writes, read back by rdflib
    read = rdflib.Graph().parse(data=g.serialize(), format="nt")
    assert read.value(rdflib.URIRef(israel), CKB.represents) == rdflib.URIRef(israel)


def test_every_term_has_a_label_and_a_comment(ontology):
    for name in _defined(ontology):
        term = CKB[name]
        assert ontology.value(term, RDFS.label), f"{name} has no rdfs:label"
        assert ontology.value(term, RDFS.comment), f"{name} has no rdfs:comment"


def test_misspelt_terms_fail_loudly():
    with pytest.raises(AttributeError, match="not defined in the conflict-kb ontology"):
        namespace.CKB.Mediatoin  # noqa: B018
    with pytest.raises(AttributeError):
        namespace.CKB["Mediatoin"]


def test_code_uses_only_ontology_terms(ontology):
    defined = {namespace.CKB[n] for n in _defined(ontology)}
    for table in (EVENT_CLASSES, SUBTYPE_CLASSES, ROLE_PROPERTIES, STATUS_INDIVIDUALS, ACTOR_CLASSES, PRECISIONS):
        assert set(table.values()) <= defined


def test_no_hand_typed_ontology_iris_in_python():
    for path in (ROOT / "kb").glob("*.py"):
        if path.name == "namespace.py":
            continue
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"conflict-kb/ontology#\w", text), f"{path.name} types an ontology IRI by hand"


def test_event_classes_carry_cameo_codes_where_cameo_has_one(ontology):
    cameo = {str(s)[len(NS):]: str(o) for s, o in ontology.subject_objects(CKB.cameoCode)}
    assert cameo["Mediation"] == "045" and cameo["Agreement"] == "057" and cameo["Airstrike"] == "195"
    for cls in ontology.subjects(RDFS.subClassOf, CKB.MilitaryAction):
        assert cameo[str(cls)[len(NS):]].startswith("19")


def test_ontology_parses_to_the_same_triples_in_rdflib_and_pyoxigraph(ontology):
    store = ox.Store()
    store.load(ONTOLOGY.read_bytes(), format=ox.RdfFormat.TURTLE)
    assert len(store) == len(ontology) > 300


def test_ontology_is_owl(ontology):
    assert (None, RDF.type, OWL.Ontology) in ontology


def test_every_term_is_defined_by_the_ontology_and_the_ontology_says_which_version(ontology):
    home = rdflib.URIRef("https://w3id.org/conflict-kb/ontology")
    for name in _defined(ontology):
        assert (CKB[name], RDFS.isDefinedBy, home) in ontology, f"{name} has no rdfs:isDefinedBy"
    for predicate in (OWL.versionIRI, OWL.versionInfo, rdflib.DCTERMS.license, rdflib.DCTERMS.creator,
                      rdflib.DCTERMS.modified):
        assert ontology.value(home, predicate) is not None, predicate


def test_no_functional_axiom_that_holds_only_inside_one_graph(ontology):
    """Each article's claim holds its own bounds, precision and status, and an export's consensus one more on the
    event: an owl:FunctionalProperty would make a reasoner equate different days."""
    assert not list(ontology.subjects(RDF.type, OWL.FunctionalProperty))
    prov = rdflib.Namespace("http://www.w3.org/ns/prov#")
    # Entity to Entity: the source is a claim's (a prov:Entity), never an event's (a prov:Activity)
    assert (CKB.source, RDFS.subPropertyOf, prov.hadPrimarySource) in ontology
    assert (CKB.source, RDFS.domain, CKB.Claim) in ontology
    assert (CKB.Claim, RDFS.subClassOf, prov.Entity) in ontology


# CAMEO code -> PLOVER type, as PLOVER's codebook converts them (openeventdata/PLOVER, CAMEO2PLOVER-2021.txt,
# draft 0.8 of 17 September 2021); CAMEO's 01 codes (statements) have no PLOVER type.
CAMEO_TO_PLOVER = {"010": None, "0841": "RETREAT", "045": "CONSULT", "046": "CONSULT", "057": "SUPPORT", "0871": "RETREAT",
                   "100": "DEMAND", "190": "ASSAULT", "192": "COERCE", "194": "ASSAULT", "195": "ASSAULT"}


def test_cameo_and_plover_codes_are_linked_concepts(ontology):
    """Each class's CAMEO code is a SKOS concept of the CAMEO scheme (notation = the code), matched to its PLOVER type."""
    skos = rdflib.namespace.SKOS
    coded = list(ontology.subject_objects(CKB.cameoCode))
    assert len(coded) >= 12
    for cls, code in coded:
        concept = ontology.value(cls, CKB.cameo)
        assert concept is not None and str(ontology.value(concept, skos.notation)) == str(code), cls
        assert ontology.value(concept, skos.prefLabel) is not None
        plover = ontology.value(concept, skos.broadMatch)
        expected = CAMEO_TO_PLOVER[str(code)]
        assert (str(ontology.value(plover, skos.notation)) if plover is not None else None) == expected, code
    for concept in ontology.subjects(RDF.type, skos.Concept):
        scheme = ontology.value(concept, skos.inScheme)
        assert (scheme, RDF.type, skos.ConceptScheme) in ontology and ontology.value(concept, skos.prefLabel)
