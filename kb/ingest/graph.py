"""An article's triples in memory, in plain Python: what ingest maps, checks and writes as N-Triples.

Ingest built each article as an rdflib graph, and importing rdflib (~0.1 s) and
building its terms were a third of ``kb ingest examples/``. An article is small
and written once, so this module holds it as a set of ``(s, p, o)`` tuples with
the two indexes the shapes need: IRIs are :class:`kb.model.namespace.IRI`
(text), literals :class:`Lit`, blank nodes (only in the shapes graph)
:class:`BNode`. pySHACL — ``kb ingest --strict`` and ``kb validate`` — gets the
same triples as an rdflib graph (:meth:`Graph.to_rdflib`), and an rdflib graph
a caller hands in is read back with :meth:`Graph.of`. A blank node is text like
an IRI, so the two must not share a label: only the shapes graph has blank
nodes, and its labels are pyoxigraph's.
"""

from __future__ import annotations

import datetime as dt
import decimal
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox

from kb.model.namespace import IRI

__all__ = ["BNode", "Graph", "Lit", "RDF_TYPE", "XSD", "term", "nt"]

_XSD = "http://www.w3.org/2001/XMLSchema#"


class XSD:
    """The XML Schema datatypes ingest writes and the shapes check."""

    string = IRI(_XSD + "string")
    date = IRI(_XSD + "date")
    decimal = IRI(_XSD + "decimal")
    integer = IRI(_XSD + "integer")
    anyURI = IRI(_XSD + "anyURI")  # noqa: N815 - the datatype's own name


RDF_TYPE = IRI("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
LANG_STRING = IRI("http://www.w3.org/1999/02/22-rdf-syntax-ns#langString")


class BNode(str):
    """A blank node, by its label (the shapes graph has them; the mapping makes none)."""


ILL_TYPED = object()  # the value of a lexical form its datatype does not allow
_DATE = re.compile(r"-?\d{4,}-\d{2}-\d{2}(Z|[+-]\d{2}:\d{2})?")
_DECIMAL = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")
_INTEGER = re.compile(r"[+-]?\d+")


@dataclass(frozen=True, slots=True)
class Lit:
    """A literal: its lexical form, datatype and language tag (a tagged literal's datatype is rdf:langString)."""

    lexical: str
    datatype: str = XSD.string
    language: str | None = None

    def __str__(self) -> str:
        return self.lexical

    @property
    def value(self) -> Any:
        """The Python value of a date, decimal or integer — the datatypes the shapes compare — and the text of
        any other; ``ILL_TYPED`` for a lexical form its datatype does not allow ("2025-02-30"^^xsd:date), as
        rdflib reads them (rdflib would give other datatypes, xsd:boolean say, values too)."""
        if self.datatype == XSD.date:
            if _DATE.fullmatch(self.lexical):
                try:
                    return dt.date.fromisoformat(self.lexical[:10])
                except ValueError:
                    pass
            return ILL_TYPED
        if self.datatype == XSD.decimal:
            return decimal.Decimal(self.lexical) if _DECIMAL.fullmatch(self.lexical) else ILL_TYPED
        if self.datatype == XSD.integer:
            return int(self.lexical) if _INTEGER.fullmatch(self.lexical) else ILL_TYPED
        return self.lexical

    @property
    def ill_typed(self) -> bool:
        return self.value is ILL_TYPED


def term(t: Any) -> Any:
    """A pyoxigraph term as this module's (IRI, Lit or BNode)."""
    if isinstance(t, ox.NamedNode):
        return IRI(t.value)
    if isinstance(t, ox.Literal):
        return Lit(t.value, t.datatype.value, t.language)
    if isinstance(t, ox.BlankNode):
        return BNode(t.value)
    raise TypeError(f"unexpected term {t!r}")


_ESCAPES = {
    ord("\\"): "\\\\",
    ord('"'): '\\"',
    ord("\n"): "\\n",
    ord("\r"): "\\r",
    **{c: f"\\u{c:04X}" for c in (*range(0x20), 0x7F) if c not in (0x0A, 0x0D)},
}


def nt(t: Any) -> str:
    """A term in N-Triples syntax (IRIs are checked where they are loaded: pyoxigraph refuses a bad one)."""
    if type(t) is Lit:
        text = '"' + t.lexical.translate(_ESCAPES) + '"'
        if t.language:
            return f"{text}@{t.language}"
        return text if t.datatype == XSD.string else f"{text}^^<{t.datatype}>"
    if isinstance(t, BNode):
        return f"_:{t}"
    return f"<{t}>"


class Graph:
    """A set of triples with the lookups the mapping, the context and the shapes need, in insertion order."""

    def __init__(self, triples: Iterable[tuple[Any, Any, Any]] = ()) -> None:
        self._triples: dict[tuple[Any, Any, Any], None] = {}
        self._sp: dict[Any, dict[Any, list[Any]]] = {}
        self._po: dict[Any, dict[Any, list[Any]]] = {}
        for t in triples:
            self.add(t)

    @classmethod
    def from_ox(cls, triples: Iterable[Any]) -> Graph:
        """pyoxigraph triples (or quads: their graph is left out) as this module's graph."""
        return cls((term(t.subject), term(t.predicate), term(t.object)) for t in triples)

    @classmethod
    def parse(cls, text: str, format: ox.RdfFormat = ox.RdfFormat.N_TRIPLES) -> Graph:  # noqa: A002
        return cls.from_ox(ox.parse(text, format=format))

    @classmethod
    def of(cls, graph: Any) -> Graph:
        """This module's graph for ``graph``: itself, or an rdflib graph's triples (tests, other callers), blank
        nodes keeping their labels."""
        if isinstance(graph, Graph):
            return graph

        def convert(t: Any) -> Any:
            kind = type(t).__name__
            if kind == "Literal":
                dtype = str(t.datatype) if t.datatype is not None else (LANG_STRING if t.language else XSD.string)
                return Lit(str(t), dtype, t.language)
            return BNode(t) if kind == "BNode" else IRI(t)

        return cls((convert(s), convert(p), convert(o)) for s, p, o in graph)

    def add(self, triple: tuple[Any, Any, Any]) -> None:
        if triple in self._triples:
            return
        self._triples[triple] = None
        s, p, o = triple
        self._sp.setdefault(s, {}).setdefault(p, []).append(o)
        self._po.setdefault(p, {}).setdefault(o, []).append(s)

    def __iadd__(self, other: Iterable[tuple[Any, Any, Any]]) -> Graph:
        for t in other:
            self.add(t)
        return self

    def __iter__(self) -> Iterator[tuple[Any, Any, Any]]:
        return iter(self._triples)

    def __len__(self) -> int:
        return len(self._triples)

    def __contains__(self, triple: tuple[Any, Any, Any]) -> bool:
        s, p, o = triple
        if s is not None and p is not None and o is not None:
            return triple in self._triples
        return next(self.triples(triple), None) is not None

    def triples(self, pattern: tuple[Any, Any, Any]) -> Iterator[tuple[Any, Any, Any]]:
        s, p, o = pattern
        if s is not None:
            for pred, objects in self._sp.get(s, {}).items():
                if p is None or pred == p:
                    yield from ((s, pred, x) for x in objects if o is None or x == o)
        elif p is not None:
            for obj, subjects in self._po.get(p, {}).items():
                if o is None or obj == o:
                    yield from ((x, p, obj) for x in subjects)
        else:
            yield from (t for t in self._triples if o is None or t[2] == o)

    def objects(self, s: Any = None, p: Any = None) -> Iterator[Any]:
        if s is not None and p is not None:
            return iter(list(self._sp.get(s, {}).get(p, ())))
        return (t[2] for t in self.triples((s, p, None)))

    def subjects(self, p: Any = None, o: Any = None) -> Iterator[Any]:
        if p is None and o is None:
            return iter(list(self._sp))
        if p is not None and o is not None:
            return iter(list(self._po.get(p, {}).get(o, ())))
        return (t[0] for t in self.triples((None, p, o)))

    def subject_objects(self, p: Any) -> Iterator[tuple[Any, Any]]:
        return ((s, o) for s, _, o in self.triples((None, p, None)))

    def predicate_objects(self, s: Any) -> Iterator[tuple[Any, Any]]:
        return ((p, o) for _, p, o in self.triples((s, None, None)))

    def value(self, s: Any, p: Any) -> Any:
        return next(self.objects(s, p), None)

    def serialize(self, format: str = "nt") -> str:  # noqa: A002 - rdflib's name, which callers use
        """N-Triples, a line a triple (the only format ingest writes)."""
        if format not in ("nt", "ntriples"):
            raise ValueError(f"kb.ingest.graph writes N-Triples only, not {format}")
        return "".join(f"{nt(s)} {nt(p)} {nt(o)} .\n" for s, p, o in self._triples)

    def to_rdflib(self) -> Any:
        """The same triples in an rdflib graph (for pySHACL), blank nodes keeping their labels (so what pySHACL
        reports of one is the node of this graph)."""
        from rdflib import BNode as RdflibBNode
        from rdflib import Graph as RdflibGraph
        from rdflib import Literal, URIRef

        def convert(t: Any) -> Any:
            if type(t) is Lit:
                if t.language:
                    return Literal(t.lexical, lang=t.language)
                return Literal(t.lexical, datatype=URIRef(t.datatype))
            return RdflibBNode(t) if isinstance(t, BNode) else URIRef(t)

        # rdflib logs a traceback for each ill-typed literal ("2025-02-30"^^xsd:date) it builds; the shapes
        # report those as violations, so the log would only bury the message
        import logging  # only here: pySHACL's path imports rdflib, which imports it anyway (~8 ms at start)

        log = logging.getLogger("rdflib.term")
        level = log.level
        log.setLevel(logging.CRITICAL)
        try:
            out = RdflibGraph()
            for s, p, o in self._triples:
                out.add((convert(s), convert(p), convert(o)))
            return out
        finally:
            log.setLevel(level)
