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

import decimal
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from kb.errors import KBError
from kb.ingest.graph import ILL_TYPED, RDF_TYPE, XSD, BNode, Graph, Lit
from kb.model.namespace import IRI, PREFIXES, Namespace

__all__ = ["Shape", "compiled", "check", "SUPPORTED"]

SH = Namespace("http://www.w3.org/ns/shacl#")
_RDF = Namespace(PREFIXES["rdf"])
_SUBCLASS = IRI(PREFIXES["rdfs"] + "subClassOf")
Node = Any  # an IRI, a Lit or a BNode (kb.ingest.graph)

# What a shape may say. Anything else stops the compilation (see the module docstring).
SUPPORTED = frozenset(
    {
        SH["targetClass"],
        SH["targetSubjectsOf"],
        SH["property"],
        SH["path"],
        SH["inversePath"],
        SH["minCount"],
        SH["maxCount"],
        SH["datatype"],
        SH["class"],
        SH["in"],
        SH["lessThanOrEquals"],
        SH["pattern"],
        SH["minInclusive"],
        SH["maxInclusive"],
        SH["minLength"],
        SH["hasValue"],
        SH["or"],
        SH["message"],
    }
)


@dataclass
class Shape:
    """One shape: a node shape (``path`` None: its value is the focus node itself) or a property shape."""

    node: Node  # the shape's IRI or blank node, reported as the source shape
    path: IRI | None = None
    inverse: bool = False  # the path is [ sh:inversePath path ]: the values are the subjects pointing at the focus
    path_node: Node | None = None  # the path as the shapes graph writes it (reported, as pySHACL does)
    message: str | None = None
    min_count: int | None = None
    max_count: int | None = None
    datatype: IRI | None = None
    classes: tuple[IRI, ...] = ()
    allowed: frozenset | None = None  # sh:in
    less_or_equal: tuple[IRI, ...] = ()
    pattern: re.Pattern | None = None
    min_inclusive: Any = None
    max_inclusive: Any = None
    min_length: int | None = None
    has_value: Node | None = None
    properties: list[Shape] = field(default_factory=list)
    any_of: list[Shape] = field(default_factory=list)  # sh:or
    target_classes: tuple[IRI, ...] = ()
    target_subjects_of: tuple[IRI, ...] = ()


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
    import pyoxigraph as ox

    from kb.ingest.validation import shapes_text

    return compile_shapes(Graph.parse(shapes_text(), format=ox.RdfFormat.TURTLE))


def _list(g: Graph, node: Node) -> list[Node]:
    """The members of an RDF list (``( a b c )``)."""
    out = []
    while node is not None and node != _RDF["nil"]:
        out.append(g.value(node, _RDF["first"]))
        node = g.value(node, _RDF["rest"])
    return out


def compile_shapes(g: Any) -> list[Shape]:
    """Every node shape of ``g`` that has a target (the others are reached through sh:or or sh:property)."""
    g = Graph.of(g)
    targeted = {s for p in (SH["targetClass"], SH["targetSubjectsOf"]) for s in g.subjects(p, None)}
    return [_compile(g, s) for s in sorted(targeted, key=str)]


def _compile(g: Graph, node: Node) -> Shape:
    shape = Shape(node)
    for p, o in g.predicate_objects(node):
        if p == RDF_TYPE:
            continue
        if p not in SUPPORTED:
            raise ShapesError(
                f"shape {node} uses {p}, which kb/ingest/shapes.py does not check; "
                "ingest with --strict to check with pySHACL"
            )
        if p == SH["path"]:
            inverse = g.value(o, SH["inversePath"]) if isinstance(o, BNode) else None
            if _is_iri(inverse) and len(list(g.predicate_objects(o))) == 1:
                shape.path, shape.inverse, shape.path_node = inverse, True, o
            elif _is_iri(o):
                shape.path = o
            else:
                raise ShapesError(f"shape {node}: only a property or its inverse is checked here, not {o}")
        elif p == SH["message"]:
            shape.message = str(o)
        elif p == SH["minCount"]:
            shape.min_count = int(o.lexical)
        elif p == SH["maxCount"]:
            shape.max_count = int(o.lexical)
        elif p == SH["datatype"]:
            shape.datatype = IRI(o)
        elif p == SH["class"]:
            shape.classes += (IRI(o),)
        elif p == SH["in"]:
            shape.allowed = frozenset(_list(g, o))
        elif p == SH["lessThanOrEquals"]:
            shape.less_or_equal += (IRI(o),)
        elif p == SH["pattern"]:
            shape.pattern = re.compile(o.lexical)
        elif p == SH["minInclusive"]:
            shape.min_inclusive = o
        elif p == SH["maxInclusive"]:
            shape.max_inclusive = o
        elif p == SH["minLength"]:
            shape.min_length = int(o.lexical)
        elif p == SH["hasValue"]:
            shape.has_value = o
        elif p == SH["property"]:
            shape.properties.append(_compile(g, o))
        elif p == SH["or"]:
            shape.any_of = [_compile(g, member) for member in _list(g, o)]
        elif p == SH["targetClass"]:
            shape.target_classes += (IRI(o),)
        elif p == SH["targetSubjectsOf"]:
            shape.target_subjects_of += (IRI(o),)
    return shape


@lru_cache(maxsize=1)
def _ontology_facts() -> tuple[tuple[tuple[IRI, IRI], ...], tuple[tuple[IRI, IRI], ...]]:
    """The bundled ontology's (subclass, superclass) and (term, type) pairs, read once (pyoxigraph parses it in
    2 ms; rdflib's Turtle parser took 30 ms of every ingest process)."""
    import pyoxigraph as ox

    from kb.store.embedded import ontology_text

    sub, typ = [], []
    for q in ox.parse(ontology_text(), format=ox.RdfFormat.TURTLE):
        if isinstance(q.subject, ox.NamedNode) and isinstance(q.object, ox.NamedNode):
            pair = (IRI(q.subject.value), IRI(q.object.value))
            if q.predicate.value == _SUBCLASS:
                sub.append(pair)
            elif q.predicate.value == RDF_TYPE:
                typ.append(pair)
    return tuple(sub), tuple(typ)


class _Classes:
    """rdf:type through rdfs:subClassOf*, over the data and the ontology, as pySHACL sees them mixed."""

    def __init__(self, data: Graph, ontology: Graph | None) -> None:
        self.data = data
        if ontology is None:
            subclasses, types = _ontology_facts()
        else:
            subclasses = tuple(ontology.subject_objects(_SUBCLASS))
            types = tuple(ontology.subject_objects(RDF_TYPE))
        self.parents: dict[Node, set[Node]] = {}
        for sub, sup in (*subclasses, *data.subject_objects(_SUBCLASS)):
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
        for t in (*self.data.objects(node, RDF_TYPE), *self.ontology_types.get(node, ())):
            out |= self.supers(t)
        return out

    def instances(self, cls: Node) -> set[Node]:
        if self._typed is None:  # each shape asks for its target class: the data's types are read once
            self._typed = {}
            for s, t in self.data.subject_objects(RDF_TYPE):
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
    every article (a node's result depends on the data, never on which other nodes are checked).
    ``data`` and ``ontology`` may be rdflib graphs too (read into :mod:`kb.ingest.graph`'s)."""
    data = Graph.of(data)
    ontology = Graph.of(ontology) if ontology is not None else None
    if within is not None:
        within = {str(node) for node in within}
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
        if any(isinstance(v, Lit) or cls not in classes.of(v) for v in values):
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
        # (the lexical form of a literal, the text of an IRI: str() of either)
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


def _is_iri(node: Node) -> bool:
    return isinstance(node, str) and not isinstance(node, BNode)


def _has_datatype(value: Node, datatype: IRI) -> bool:
    if not isinstance(value, Lit) or value.ill_typed:
        return False
    if datatype == XSD.string:
        return value.datatype == XSD.string and value.language is None
    return value.datatype == datatype


def _is_text(node: Node) -> bool:
    """What rdflib compares as text: an IRI, or a literal whose value is a string (not a date, a number, or
    an ill-typed form of one)."""
    return _is_iri(node) or (isinstance(node, Lit) and isinstance(node.value, str))


def _less_or_equal(a: Node, b: Node) -> bool:
    """sh:lessThanOrEquals as pySHACL evaluates it with rdflib's ``<=``: text with text, dates with dates.

    Where an ill-typed literal (``"2025-02-30"^^xsd:date``) is one side, rdflib's ``<=`` compares the lexical
    forms and raises where they are not in order (measured: "2025-02-30" <= "2025-03-01" holds, the other way
    raises); its sh:datatype constraint reports the literal itself, in both checkers.
    """
    if isinstance(a, BNode) or isinstance(b, BNode) or _is_text(a) != _is_text(b):
        return False
    if _is_text(a):
        return str(a) <= str(b)
    if not (isinstance(a, Lit) and isinstance(b, Lit)):
        return False
    x, y = a.value, b.value
    if x is ILL_TYPED or y is ILL_TYPED:
        return a.lexical <= b.lexical
    numbers = (int, decimal.Decimal)
    if type(x) is type(y) or (isinstance(x, numbers) and isinstance(y, numbers)):
        return bool(x <= y)
    return a.datatype <= b.datatype  # rdflib orders values it cannot compare by their datatypes (measured)


def _compare(a: Node, b: Node, holds) -> bool:
    """Whether two literals compare as ``holds`` says; terms that do not compare break the constraint."""
    if not (isinstance(a, Lit) and isinstance(b, Lit)) or a.ill_typed or b.ill_typed:
        return False
    try:
        return bool(holds(a.value, b.value))
    except TypeError:
        return False
