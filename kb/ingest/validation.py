"""SHACL validation (pySHACL) against ``ontology/shapes.ttl``, in the user's terms.

Fact files are checked for shape on reading; these shapes check the RDF that
comes out — of every ingested article, of RDF files from elsewhere, and of a
whole store. pySHACL reports focus nodes and property paths; a person fixing
a fact file wants the file, the event and the field, so each result is
translated back: ``FILE: event N (id): field: message``.

Each article graph is validated on its own, with the ontology (for
subclasses) and the registry's description of the actors it names: two
articles may well give one event two labels, but one article may not.
"""

from __future__ import annotations

import weakref
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kb.errors import FactFileError, KBError
from kb.ingest.graph import RDF_TYPE, Graph
from kb.model.iris import EVENT_PREFIX, ONTOLOGY_GRAPH, actor_iri_for_key, claimed_event, is_derived
from kb.model.namespace import CKB, DATA, IRI, PREFIXES, Namespace
from kb.model.vocab import ROLE_PROPERTIES

if TYPE_CHECKING:
    from kb.ingest.resolve import ResolvedFile

__all__ = [
    "Violation",
    "violations",
    "check_graph",
    "validate_rdf_file",
    "validate_graphs",
    "validate_store",
    "shapes_text",
]

SH = Namespace("http://www.w3.org/ns/shacl#")
SHAPES = Namespace("https://w3id.org/conflict-kb/shapes#")
RDFS_LABEL = IRI(PREFIXES["rdfs"] + "label")

FIELDS: dict[str, str] = {  # property -> the fact-file field a person fixes
    **{prop: role for role, prop in ROLE_PROPERTIES.items()},
    CKB.involves: "roles",
    RDFS_LABEL: "label",
    CKB.dateText: "date",
    CKB.earliestBegin: "date",
    CKB.latestBegin: "date",
    CKB.earliestEnd: "date",
    CKB.latestEnd: "date",
    CKB.precision: "date",
    CKB.source: "article",
    CKB.evidence: "quote",
    CKB.quote: "quote",
    CKB.article: "article",
    CKB.location: "place",
    CKB.status: "status",
    CKB.confidence: "confidence",
    CKB.resultOf: "result-of",
    CKB.about: "about",
    CKB.headline: "title",
    CKB.publisher: "publisher",
    CKB.published: "published",
    CKB.url: "url",
    CKB.represents: "represents",
    CKB.isoCode: "iso",
    CKB.forActor: "represents",
    CKB.startDate: "from",
    CKB.endDate: "until",
    CKB.latitude: "latitude",
    CKB.longitude: "longitude",
    CKB.country: "country",
    CKB.claimedBy: "claimed-by",
    CKB.claimOf: "claim",
}
INVERSE_FIELD = "claim"  # the one inverse path the shapes use: the claims of an event
SHAPE_FIELDS: dict[str, str] = {
    SHAPES["ClaimedByShape"]: "claimed-by",
    SHAPES["DatedShape"]: "date",
    SHAPES["StatusShape"]: "status",
    SHAPES["AgreementShape"]: "parties",
    SHAPES["RepresentsShape"]: "represents",
}


@lru_cache(maxsize=1)
def shapes_text() -> str:
    return resources.files("kb.ontology").joinpath("shapes.ttl").read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def _shapes() -> Any:
    """The shapes as an rdflib graph, for pySHACL."""
    from rdflib import Graph as RdflibGraph

    return RdflibGraph().parse(data=shapes_text(), format="turtle")


@lru_cache(maxsize=1)
def _ontology() -> Any:
    """The ontology as an rdflib graph, for pySHACL."""
    from rdflib import Graph as RdflibGraph

    from kb.store.embedded import ontology_text

    return RdflibGraph().parse(data=ontology_text(), format="turtle")


@dataclass(frozen=True)
class Violation:
    focus: str
    field: str | None
    message: str

    def located(self, file: str | None, where: dict[str, tuple[int, str]] | None = None) -> str:
        """``FILE: event N (id): field: message``, with what is known of the location."""
        section, index, ident = _where(self.focus, where or {})
        return str(
            FactFileError(self.message, file=file, index=index, event_id=ident, field=self.field, section=section)
        )


def _where(focus: str, where: dict[str, tuple[int, str]]) -> tuple[str, int | None, str | None]:
    data = str(DATA)
    if focus in where:
        index, ident = where[focus]
        return "event", index, ident
    if focus.startswith(EVENT_PREFIX):
        return "event", None, focus[len(EVENT_PREFIX) :]
    if (event_iri := claimed_event(focus)) is not None:  # a claim speaks for its event
        return _where(event_iri, where)
    if focus.startswith(data + "evidence/"):  # evidence/<article>/<event>[/n] speaks for its event
        event_iri = EVENT_PREFIX + "/".join(focus[len(data + "evidence/") :].split("/")[:2])
        return _where(event_iri, where)
    for kind in ("article", "actor", "place"):
        if focus.startswith(data + kind + "/"):
            return kind, None, focus[len(data + kind + "/") :]
    return "node", None, focus


def violations(data: Any, *, strict: bool = True, within: set | None = None) -> list[Violation]:
    """Every SHACL violation in ``data`` (with the ontology mixed in for subclasses).

    ``strict`` runs pySHACL, the reference; otherwise the shapes compiled in
    Python (:mod:`kb.ingest.shapes`) run, which report the same violations
    (tests/test_shapes.py) some forty times faster, and can leave out the
    nodes not ``within`` (pySHACL reports every node; :func:`_own` keeps an
    article's).
    """
    data = Graph.of(data)
    if not strict:
        return _compiled(data, within)
    import pyshacl
    from rdflib import URIRef

    try:
        conforms, results, _ = pyshacl.validate(
            data.to_rdflib(),
            shacl_graph=_shapes(),
            ont_graph=_ontology(),
            inference="none",
            allow_warnings=True,
            meta_shacl=False,
            advanced=False,
        )
    except TypeError:
        # pySHACL 0.30's sh:lessThanOrEquals raises comparing a date with an ill-typed one
        # ("2025-02-30"^^xsd:date); the compiled shapes report that as a datatype violation
        return _compiled(data)
    if conforms:
        return []
    sh = {name: URIRef(SH[name]) for name in ("focusNode", "resultPath", "sourceShape", "resultMessage")}
    return _translated(
        tuple(results.value(result, sh[name]) for name in ("focusNode", "resultPath", "sourceShape", "resultMessage"))
        for result in results.subjects(URIRef(RDF_TYPE), URIRef(SH["ValidationResult"]))
    )


def _compiled(data: Graph, within: set | None = None) -> list[Violation]:
    from kb.ingest import shapes

    return _translated((r.focus, r.path, r.shape, r.message) for r in shapes.check(data, within=within))


def _translated(results: Iterable[tuple[Any, Any, Any, Any]]) -> list[Violation]:
    """(focus, path, source shape, message) results as violations in fact-file terms, each once, in order."""
    out = set()
    for focus, path, shape, message in results:
        # pySHACL's results are rdflib terms, the compiled shapes' are kb.ingest.graph's: both compare as text
        blank = path is not None and type(path).__name__ in ("BNode", "BlankNode")
        field = FIELDS.get(str(path)) if path is not None and not blank else INVERSE_FIELD if blank else None
        field = field or SHAPE_FIELDS.get(str(shape))
        out.add(Violation(str(focus), field, str(message or "does not conform to the shapes")))
    return sorted(out, key=lambda v: (v.focus, v.field or "", v.message))


def context_graph(g: Any, registry) -> Graph:
    """``g`` with the registry's description of the actors it names and the types of events it points to
    (``g`` may be an rdflib graph, read into :mod:`kb.ingest.graph`'s)."""
    g = Graph.of(g)
    prefix = str(actor_iri_for_key(""))

    def known(node: Any) -> Any:  # the registry's actor an IRI names (its key is the IRI's tail), or None
        text = str(node)
        key = text[len(prefix) :] if text.startswith(prefix) else None
        return registry.get(key) if key is not None and key in registry else None

    data = Graph(g)
    described: set[Any] = set()
    while True:  # actors named, and the actors those represent, until nothing new is named
        named = {
            *data.objects(None, CKB.involves),
            *data.objects(None, CKB.represents),
            *data.objects(None, CKB.country),
            *data.objects(None, CKB.forActor),
            *data.objects(None, CKB.claimedBy),
        } - described
        named = {n for n in named if known(n) is not None and (n, RDF_TYPE, None) not in g}
        if not named:
            break
        for node in named:
            for triple in _description(known(node), registry):
                data.add(triple)
        described |= named
    events = {*g.objects(None, CKB.resultOf), *g.objects(None, CKB.about)}
    for node in events:
        if (node, RDF_TYPE, None) not in g:
            data.add((node, RDF_TYPE, CKB.Event))
    return data


# Each registry actor's description, kept while its registry is unchanged (then the same key is the same actor):
# the same actors recur in article after article, and describing one cost ~0.2 ms (17k times for 10k events).
_DESCRIBED: weakref.WeakKeyDictionary[Any, tuple[int, dict[str, tuple]]] = weakref.WeakKeyDictionary()


def _description(actor, registry) -> tuple:
    from kb.ingest.mapping import describe_actor, new_graph

    changes, cache = _DESCRIBED.get(registry, (-1, {}))
    if changes != registry.changes:
        cache = {}
        _DESCRIBED[registry] = (registry.changes, cache)
    found = cache.get(actor.key)
    if found is None:
        g = new_graph()
        describe_actor(g, actor, registry)
        found = cache[actor.key] = tuple(g)
    return found


def check_graph(g: Graph, rf: ResolvedFile, *, strict: bool = False) -> None:
    """Validate one article's graph; the first violation raises, located in the fact file.

    Ingest checks with the compiled shapes; ``strict`` (``kb ingest --strict``) with pySHACL.
    """
    found = _own_violations(g, rf.registry, strict=strict)
    if found:
        where = {str(ev.node): (ev.facts.index, ev.facts.id) for ev in rf.events}
        v = found[0]
        section, index, ident = _where(v.focus, where)
        raise FactFileError(v.message, file=rf.facts.path, index=index, event_id=ident, field=v.field, section=section)


def validate_rdf_file(path: Path, registry) -> list[str]:
    """Violations in an RDF file (any format pyoxigraph reads), each graph on its own."""
    import pyoxigraph as ox

    from kb.ingest.inputs import check_rdf_file

    fmt = ox.RdfFormat.from_extension(path.suffix.lstrip(".")) if path.suffix else None
    if fmt is None:
        raise KBError(f"{path}: not an RDF file extension pyoxigraph knows (.ttl, .nt, .nq, .trig, .jsonld, .rdf)")
    check_rdf_file(path)
    try:
        quads = list(ox.parse(path=str(path), format=fmt))
    except (SyntaxError, ValueError, OSError) as exc:
        raise KBError(f"{path}: cannot parse: {exc}") from None
    by_graph: dict[str, list] = {}
    for q in quads:
        by_graph.setdefault(str(q.graph_name), []).append(q.triple)
    return validate_graphs({name: Graph.from_ox(triples) for name, triples in by_graph.items()}, registry, str(path))


def validate_graphs(graphs: dict[str, Any], registry, file: str | None) -> list[str]:
    """Violations of each graph, validated on its own, located as well as the IRIs allow."""
    return [v.located(file) for g in graphs.values() for v in _own_violations(Graph.of(g), registry)]


def _own_violations(g: Graph, registry, *, strict: bool = True) -> list[Violation]:
    """The violations of ``g``'s own nodes (its subjects), checked with its context: what the context added (the
    registry's actors, another article's event a statement is about) is there to be pointed at, and is checked
    in its own graph."""
    own = {str(s) for s in g.subjects()}
    return [v for v in violations(context_graph(g, registry), strict=strict, within=own) if v.focus in own]


def validate_store(store, registry) -> list[str]:
    """Every graph in ``store`` checked on its own (but the ontology and the derived graphs), one message each."""
    import pyoxigraph as ox

    graphs = {}
    for name in store.named_graphs():
        if name == str(ONTOLOGY_GRAPH) or is_derived(name):
            continue
        graphs[name] = Graph.from_ox(store.quads(None, None, None, ox.NamedNode(name)))
    return validate_graphs(graphs, registry, str(store))
