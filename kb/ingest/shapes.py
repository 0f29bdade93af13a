"""ontology/shapes.ttl checked in Python: the part of SHACL Core the shapes use, compiled once.

pySHACL re-reads the shapes and copies the ontology into every graph it
checks, then walks it node by node; on ``kb ingest examples/`` that was 70%
of the run, for 59 events. The shapes use a small part of SHACL Core — node
shapes targeting a class or the subjects of a property, property shapes on
a single property, and the constraints in :data:`SUPPORTED` — so this module
compiles exactly that part into Python objects once per process and applies
them to each article's graph.

A shape using anything else is refused when the shapes are compiled (no
constraint is skipped unnoticed): ingest then says to use ``--strict``,
which runs pySHACL, as ``kb validate`` always does. tests/test_shapes.py
runs both over every SHACL fixture and the examples and requires the same
violations.
"""

from __future__ import annotations

import datetime as dt
import re
import warnings
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from rdflib import RDF, RDFS, XSD, BNode, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.term import Node

from kb.errors import KBError

__all__ = ["Shape", "compiled", "check", "SUPPORTED"]

SH = Namespace("http://www.w3.org/ns/shacl#")

# What a shape may say. Anything else stops the compilation (see the module docstring).
SUPPORTED = frozenset(
    {
        SH.targetClass,
        SH.targetSubjectsOf,
        SH.property,
        SH.path,
        SH.inversePath,
        SH.minCount,
        SH.maxCount,
        SH.datatype,
        SH["class"],
        SH["in"],
        SH.lessThanOrEquals,
        SH.pattern,
        SH.minInclusive,
        SH.maxInclusive,
        SH.minLength,
        SH.hasValue,
        SH["or"],
        SH.message,
    }
)


@dataclass
class Shape:
    """One shape: a node shape (``path`` None: its value is the focus node itself) or a property shape."""

    node: Node  # the shape's IRI or blank node, reported as the source shape
    path: URIRef | None = None
    inverse: bool = False  # the path is [ sh:inversePath path ]: the values are the subjects pointing at the focus
    path_node: Node | None = None  # the path as the shapes graph writes it (reported, as pySHACL does)
    message: str | None = None
    min_count: int | None = None
    max_count: int | None = None
    datatype: URIRef | None = None
    classes: tuple[URIRef, ...] = ()
    allowed: frozenset | None = None  # sh:in
    less_or_equal: tuple[URIRef, ...] = ()
    pattern: re.Pattern | None = None
    min_inclusive: Any = None
    max_inclusive: Any = None
    min_length: int | None = None
    has_value: Node | None = None
    properties: list[Shape] = field(default_factory=list)
    any_of: list[Shape] = field(default_factory=list)  # sh:or
    target_classes: tuple[URIRef, ...] = ()
    target_subjects_of: tuple[URIRef, ...] = ()


@dataclass(frozen=True)
class Result:
    """One violation, as pySHACL reports it: the focus node, the path (if any), the shape, the message."""

    focus: Node
    path: Node | None  # a property, or the blank node of an inverse path
    shape: Node
    message: str


class ShapesError(KBError):
    """The shapes use SHACL this module does not implement."""


@lru_cache(maxsize=1)
def compiled() -> list[Shape]:
    """The node shapes of ontology/shapes.ttl, compiled."""
    from kb.ingest.validation import shapes_text

    return compile_shapes(Graph().parse(data=shapes_text(), format="turtle"))


def compile_shapes(g: Graph) -> list[Shape]:
    """Every node shape of ``g`` that has a target (the others are reached through sh:or or sh:property)."""
    targeted = {s for p in (SH.targetClass, SH.targetSubjectsOf) for s in g.subjects(p, None)}
    return [_compile(g, s) for s in sorted(targeted, key=str)]


def _compile(g: Graph, node: Node) -> Shape:
    shape = Shape(node)
    for p, o in g.predicate_objects(node):
        if p == RDF.type:
            continue
        if p not in SUPPORTED:
            raise ShapesError(
                f"shape {node} uses {p}, which kb/ingest/shapes.py does not check; "
                "ingest with --strict to check with pySHACL"
            )
        if p == SH.path:
            inverse = g.value(o, SH.inversePath) if isinstance(o, BNode) else None
            if isinstance(inverse, URIRef) and len(list(g.predicate_objects(o))) == 1:
                shape.path, shape.inverse, shape.path_node = inverse, True, o
            elif isinstance(o, URIRef):
                shape.path = o
            else:
                raise ShapesError(f"shape {node}: only a property or its inverse is checked here, not {o}")
        elif p == SH.message:
            shape.message = str(o)
        elif p == SH.minCount:
            shape.min_count = int(str(o))
        elif p == SH.maxCount:
            shape.max_count = int(str(o))
        elif p == SH.datatype:
            shape.datatype = URIRef(str(o))
        elif p == SH["class"]:
            shape.classes += (URIRef(str(o)),)
        elif p == SH["in"]:
            shape.allowed = frozenset(Collection(g, o))
        elif p == SH.lessThanOrEquals:
            shape.less_or_equal += (URIRef(str(o)),)
        elif p == SH.pattern:
            shape.pattern = re.compile(str(o))
        elif p == SH.minInclusive:
            shape.min_inclusive = o
        elif p == SH.maxInclusive:
            shape.max_inclusive = o
        elif p == SH.minLength:
            shape.min_length = int(str(o))
        elif p == SH.hasValue:
            shape.has_value = o
        elif p == SH.property:
            shape.properties.append(_compile(g, o))
        elif p == SH["or"]:
            shape.any_of = [_compile(g, member) for member in Collection(g, o)]
        elif p == SH.targetClass:
            shape.target_classes += (URIRef(str(o)),)
        elif p == SH.targetSubjectsOf:
            shape.target_subjects_of += (URIRef(str(o)),)
    return shape


@lru_cache(maxsize=1)
def _ontology_facts() -> tuple[tuple[tuple[URIRef, URIRef], ...], tuple[tuple[URIRef, URIRef], ...]]:
    """The bundled ontology's (subclass, superclass) and (term, type) pairs, read once (pyoxigraph parses it in
    2 ms; rdflib's Turtle parser took 30 ms of every ingest process)."""
    import pyoxigraph as ox

    from kb.store.embedded import ontology_text

    sub, typ = [], []
    for q in ox.parse(ontology_text(), format=ox.RdfFormat.TURTLE):
        if isinstance(q.subject, ox.NamedNode) and isinstance(q.object, ox.NamedNode):
            pair = (URIRef(q.subject.value), URIRef(q.object.value))
            if q.predicate.value == str(RDFS.subClassOf):
                sub.append(pair)
            elif q.predicate.value == str(RDF.type):
                typ.append(pair)
    return tuple(sub), tuple(typ)


class _Classes:
    """rdf:type through rdfs:subClassOf*, over the data and the ontology, as pySHACL sees them mixed."""

    def __init__(self, data: Graph, ontology: Graph | None) -> None:
        self.data = data
        if ontology is None:
            subclasses, types = _ontology_facts()
        else:
            subclasses = tuple(ontology.subject_objects(RDFS.subClassOf))  # type: ignore[arg-type]
            types = tuple(ontology.subject_objects(RDF.type))  # type: ignore[arg-type]
        self.parents: dict[Node, set[Node]] = {}
        for sub, sup in (*subclasses, *data.subject_objects(RDFS.subClassOf)):
            self.parents.setdefault(sub, set()).add(sup)
        self.ontology_types: dict[Node, set[Node]] = {}
        for s, o in types:
            self.ontology_types.setdefault(s, set()).add(o)
        self._supers: dict[Node, frozenset[Node]] = {}
        self._typed: dict[Node, set[Node]] | None = None

    def supers(self, cls: Node) -> frozenset[Node]:
        found = self._supers.get(cls)
        if found is None:
            seen, todo = {cls}, [cls]
            while todo:
                for parent in self.parents.get(todo.pop(), ()):
                    if parent not in seen:
                        seen.add(parent)
                        todo.append(parent)
            found = self._supers[cls] = frozenset(seen)
        return found

    def of(self, node: Node) -> set[Node]:
        out: set[Node] = set()
        for t in (*self.data.objects(node, RDF.type), *self.ontology_types.get(node, ())):
            out |= self.supers(t)
        return out

    def instances(self, cls: Node) -> set[Node]:
        if self._typed is None:  # each shape asks for its target class: the data's types are read once
            self._typed = {}
            for s, t in self.data.subject_objects(RDF.type):
                self._typed.setdefault(t, set()).add(s)
        return {s for t, subjects in self._typed.items() if cls in self.supers(t) for s in subjects}


def check(
    data: Graph,
    ontology: Graph | None = None,
    shapes: Iterable[Shape] | None = None,
    *,
    within: set[Node] | None = None,
) -> list[Result]:
    """Every violation of the shapes in ``data``, the ontology (the bundled one if None) giving the subclasses.

    ``within``: only these nodes are focus nodes. An article's graph is checked with the registry's description
    of the actors it names beside it; those descriptions are there to be pointed at, not checked again for
    every article (a node's result depends on the data, never on which other nodes are checked)."""
    classes = _Classes(data, ontology)
    results: list[Result] = []
    for shape in compiled() if shapes is None else shapes:
        focus_nodes: set[Node] = set()
        for cls in shape.target_classes:
            focus_nodes |= classes.instances(cls)
        for prop in shape.target_subjects_of:
            focus_nodes.update(data.subjects(prop, None))
        if within is not None:
            focus_nodes &= within
        for focus in focus_nodes:
            results += _node(shape, focus, data, classes)
    return results


def _node(shape: Shape, focus: Node, data: Graph, classes: _Classes) -> list[Result]:
    """A node shape on one focus node: its own constraints on the node, then its property shapes."""
    out = [
        Result(focus, None, shape.node, shape.message or "") for _ in _failures(shape, focus, [focus], data, classes)
    ]
    for prop in shape.properties:
        values = _values(prop, focus, data)
        out += [
            Result(focus, prop.path_node if prop.inverse else prop.path, prop.node, prop.message or "")
            for _ in _failures(prop, focus, values, data, classes)
        ]
    return out


def _values(shape: Shape, focus: Node, data: Graph) -> list[Node]:
    """The value nodes of a shape's path at ``focus`` (the focus itself for a node shape)."""
    if shape.path is None:
        return [focus]
    if shape.inverse:
        return list(data.subjects(shape.path, focus))
    return list(data.objects(focus, shape.path))


def _conforms(shape: Shape, focus: Node, data: Graph, classes: _Classes) -> bool:
    if any(True for _ in _failures(shape, focus, _values(shape, focus, data), data, classes)):
        return False
    return all(
        not any(True for _ in _failures(p, focus, _values(p, focus, data), data, classes)) for p in shape.properties
    )


def _failures(shape: Shape, focus: Node, values: list[Node], data: Graph, classes: _Classes):
    """One item per constraint of ``shape`` that ``values`` (of ``focus``) break."""
    if shape.min_count is not None and len(values) < shape.min_count:
        yield "minCount"
    if shape.max_count is not None and len(values) > shape.max_count:
        yield "maxCount"
    if shape.any_of and not any(_conforms(member, focus, data, classes) for member in shape.any_of):
        yield "or"
    if shape.has_value is not None and shape.has_value not in values:
        yield "hasValue"
    for cls in shape.classes:
        if any(isinstance(v, Literal) or cls not in classes.of(v) for v in values):
            yield "class"
    if shape.datatype is not None and not all(_has_datatype(v, shape.datatype) for v in values):
        yield "datatype"
    if shape.allowed is not None and not all(v in shape.allowed for v in values):
        yield "in"
    for other in shape.less_or_equal:
        bounds = list(data.objects(focus, other))
        if not all(_less_or_equal(v, w) for v in values for w in bounds):
            yield "lessThanOrEquals"
    if shape.pattern is not None and not all(not isinstance(v, BNode) and shape.pattern.search(str(v)) for v in values):
        yield "pattern"
    if shape.min_length is not None and not all(
        not isinstance(v, BNode) and len(str(v)) >= shape.min_length for v in values
    ):
        yield "minLength"
    if shape.min_inclusive is not None and not all(
        _compare(v, shape.min_inclusive, lambda a, b: a >= b) for v in values
    ):
        yield "minInclusive"
    if shape.max_inclusive is not None and not all(
        _compare(v, shape.max_inclusive, lambda a, b: a <= b) for v in values
    ):
        yield "maxInclusive"


def _has_datatype(value: Node, datatype: URIRef) -> bool:
    if not isinstance(value, Literal) or getattr(value, "ill_typed", False):
        return False
    if datatype == XSD.string:
        return value.datatype in (None, XSD.string) and value.language is None
    return value.datatype == datatype


def _less_or_equal(a: Node, b: Node) -> bool:
    """sh:lessThanOrEquals as pySHACL evaluates it: strings with strings, else rdflib's ``<=``.

    rdflib's ``<=`` holds for an ill-typed literal (``"2025-02-30"^^xsd:date``);
    its sh:datatype constraint reports it instead, in both checkers.
    """
    a_text = isinstance(a, URIRef) or (isinstance(a, Literal) and isinstance(a.value, str))
    b_text = isinstance(b, URIRef) or (isinstance(b, Literal) and isinstance(b.value, str))
    if a_text != b_text or isinstance(a, BNode) or isinstance(b, BNode):
        return False
    if a_text:
        return str(a.value if isinstance(a, Literal) else a) <= str(b.value if isinstance(b, Literal) else b)
    if isinstance(a, Literal) and isinstance(b, Literal) and type(a.value) is type(b.value) is dt.date:
        if a.datatype == b.datatype:  # two well-typed dates: compared as rdflib compares them
            return a.value <= b.value
    with warnings.catch_warnings():  # ~80 µs: only for what the line above does not decide
        warnings.simplefilter("ignore", DeprecationWarning)  # rdflib's own use of NotImplemented as true
        try:
            return bool(a <= b)  # type: ignore[operator]
        except TypeError:  # a date and an ill-typed one: they cannot be compared, a violation
            return False


def _compare(a: Node, b: Node, holds) -> bool:
    """Whether two literals compare as ``holds`` says; terms that do not compare break the constraint."""
    if not (isinstance(a, Literal) and isinstance(b, Literal)) or getattr(a, "ill_typed", False):
        return False
    x, y = a.toPython(), b.toPython()
    try:
        return bool(holds(x, y))
    except TypeError:
        return False
