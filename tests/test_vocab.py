"""The vocabulary table (kb/model/vocab.py) says what the ontology and the shapes say, and every step reads it."""

from __future__ import annotations

import pytest
import rdflib
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS

from helpers import RCKB as CKB  # rdflib terms, for rdflib graphs
from kb.model.vocab import (ACTOR_CLASSES, AGREEMENT_STATUSES, CONFIDENCES, EVENT_TYPES, OCCURRENCE_STATUSES,
                            PRECISIONS, ROLES, STATUSES)

from helpers import ROOT

SH = rdflib.Namespace("http://www.w3.org/ns/shacl#")
U = rdflib.URIRef  # the table's IRIs are text (kb.model); rdflib graphs are looked up with rdflib terms


@pytest.fixture(scope="module")
def ontology() -> rdflib.Graph:
    return rdflib.Graph().parse(ROOT / "ontology" / "conflict.ttl")


@pytest.fixture(scope="module")
def shapes() -> rdflib.Graph:
    return rdflib.Graph().parse(ROOT / "ontology" / "shapes.ttl")


def _ancestors(ontology: rdflib.Graph, cls) -> set:
    return set(ontology.transitive_objects(U(cls), RDFS.subClassOf))


def _needs(shapes: rdflib.Graph, node, classes: set, prop) -> int | None:
    """How many ``prop`` one constraint asks of an event of ``classes`` (0: none; None: it cannot be met)."""
    if shapes.value(node, SH["class"]) is not None and shapes.value(node, SH.path) is None:
        return 0 if shapes.value(node, SH["class"]) in classes else None
    if shapes.value(node, SH.path) == prop and shapes.value(node, SH.minCount) is not None:
        return int(shapes.value(node, SH.minCount))
    return 0


def _minimum(shapes: rdflib.Graph, classes: set, prop) -> int:
    """The fewest ``prop`` the shapes targeting ``classes`` let an event have (a sh:or by its easiest branch)."""
    found = 0
    for shape in {s for c in classes for s in shapes.subjects(SH.targetClass, c)}:
        for node in shapes.objects(shape, SH.property):
            found = max(found, _needs(shapes, node, classes, prop) or 0)
        for alternatives in shapes.objects(shape, SH["or"]):
            branches = [_needs(shapes, n, classes, prop) for n in Collection(shapes, alternatives)]
            found = max(found, min(b for b in branches if b is not None))
    return found


def _listed(shapes: rdflib.Graph, prop) -> list:
    """The sh:in list of the claim shape's property ``prop``, in order."""
    for node in shapes.objects(rdflib.URIRef("https://w3id.org/conflict-kb/shapes#ClaimShape"), SH.property):
        if shapes.value(node, SH.path) == prop and shapes.value(node, SH["in"]) is not None:
            return list(Collection(shapes, shapes.value(node, SH["in"])))
    raise AssertionError(f"no sh:in for {prop}")


def test_every_event_class_of_the_ontology_is_a_row_and_every_row_a_class(ontology):
    in_table = {U(t.cls) for t in EVENT_TYPES.values()} | {U(c) for t in EVENT_TYPES.values() for c in t.subtypes.values()}
    in_ontology = {c for c in ontology.subjects(RDFS.subClassOf, None) if CKB.Event in _ancestors(ontology, c)
                   and c != CKB.Event}
    assert in_table == in_ontology


def test_subtypes_are_subclasses_of_their_type(ontology):
    for t in EVENT_TYPES.values():
        for cls in t.subtypes.values():
            assert U(t.cls) in _ancestors(ontology, cls), (t.key, cls)


def test_required_roles_are_what_the_shapes_require(ontology, shapes):
    for t in EVENT_TYPES.values():
        classes = _ancestors(ontology, t.cls)
        for role, fewest in t.required.items():
            assert _minimum(shapes, classes, U(ROLES[role])) == fewest, (t.key, role)
        for role, prop in ROLES.items():  # and no shape requires a role the table does not
            if role not in t.required:
                assert _minimum(shapes, classes, U(prop)) == 0, (t.key, role)


def test_roles_are_sub_properties_of_involves(ontology):
    for role, prop in ROLES.items():
        assert (U(prop), RDFS.subPropertyOf, CKB.involves) in ontology, role


def test_statuses_confidences_and_precisions_are_the_shapes_lists_in_order(shapes):
    assert _listed(shapes, CKB.status) == list(map(U, STATUSES.values()))
    assert _listed(shapes, CKB.confidence) == list(map(U, CONFIDENCES.values()))
    assert _listed(shapes, CKB.precision) == list(map(U, PRECISIONS.values()))
    assert set(STATUSES) == set(AGREEMENT_STATUSES) | set(OCCURRENCE_STATUSES)


def test_agreement_statuses_belong_to_the_types_the_status_shape_allows(ontology, shapes):
    shape = rdflib.URIRef("https://w3id.org/conflict-kb/shapes#StatusShape")
    allowed = {shapes.value(n, SH["class"]) for alt in shapes.objects(shape, SH["or"])
               for n in Collection(shapes, alt)} - {None}
    for t in EVENT_TYPES.values():
        assert t.agreement_status == bool(_ancestors(ontology, t.cls) & allowed), t.key


def test_actor_classes_are_actors(ontology):
    for key, cls in ACTOR_CLASSES.items():
        assert CKB.Actor in _ancestors(ontology, cls), key


def test_types_of_one_kind_compare_the_same_roles():
    by_kind: dict[str, set] = {}
    for t in EVENT_TYPES.values():
        by_kind.setdefault(t.kind, set()).add(t.key_roles)
        assert set(t.key_roles) <= set(ROLES), t.key
    assert all(len(roles) == 1 for roles in by_kind.values()), by_kind


def test_every_type_has_its_own_colour():
    colours = [t.colour for t in EVENT_TYPES.values()]
    assert len(set(colours)) == len(colours)


def test_the_cli_offers_the_table(run):
    result = run("timeline", "--help")
    assert "[" + "|".join(CONFIDENCES) + "]" in "".join(result.output.split())
    result = run("timeline", "--confidence", "certain")
    assert result.exit_code == 2 and "'certain' is not one of" in result.output
