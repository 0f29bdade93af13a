"""RDF in and out of a store whole: ``kb load`` and ``kb export``.

An export is what other triple stores load (Oxigraph, Jena, GraphDB,
Virtuoso); loading an export of one store into another gives the same
dataset. The derived graphs (index, markers) never leave a store and are
never loaded into one; the bundled ontology and registry are the store's
own, so a file cannot replace them.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import IO, Any

import pyoxigraph as ox
from rdflib import URIRef

from kb.errors import KBError
from kb.ingest.inputs import check_rdf_file
from kb.model.iris import ONTOLOGY_GRAPH, REGISTRY_GRAPH, is_derived
from kb.model.namespace import GRAPH, PREFIXES
from kb.store.base import Store, ntriples

__all__ = ["EXPORT_FORMATS", "JSONLD_CONTEXT", "load", "export"]

EXPORT_FORMATS = {
    "ttl": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "trig": ox.RdfFormat.TRIG,
    "nq": ox.RdfFormat.N_QUADS,
    "jsonld": ox.RdfFormat.JSON_LD,
}
# No actor: prefix: a mandate's IRI (actor/<person>/mandate/<state>) would be written actor:x\/mandate\/y,
# an escape Turtle allows and Virtuoso 7 keeps as a backslash in the IRI. Every prefix here has local names
# without "/" (tests/test_export.py checks the export has no escape).
EXPORT_PREFIXES = {k: PREFIXES[k] for k in ("ckb", "place", "rdfs", "xsd")}
# The JSON-LD export's @context: the prefixes its property names are compacted with (kept inline, so the
# file loads offline; docs/sparql.md prints it).
JSONLD_CONTEXT = {k: PREFIXES[k] for k in ("ckb", "rdfs", "xsd", "skos", "owl")}
_KEY = re.compile(r'"(https?://[^"\\]+)":')


def load(store: Store, paths: Sequence[str | Path], *, index: Callable[[Mapping], dict]) -> int:
    """Load RDF files into ``store`` in one transaction (see :meth:`kb.KnowledgeBase.load`); quads read."""
    by_graph: dict[URIRef, list] = {}
    for raw in paths:
        path = Path(raw)
        fmt = ox.RdfFormat.from_extension(path.suffix.lstrip(".").lower()) if path.suffix else None
        if fmt is None:
            raise KBError(f"{path}: not an RDF file extension (.nq, .trig, .ttl, .nt, .jsonld, .rdf)")
        check_rdf_file(path)
        try:
            quads = list(ox.parse(path=str(path), format=fmt))
        except FileNotFoundError:
            raise KBError(f"{path}: no such file") from None
        except (SyntaxError, ValueError, OSError) as exc:
            raise KBError(f"{path}: cannot parse: {exc}") from None
        for q in quads:
            name = (
                URIRef(q.graph_name.value) if isinstance(q.graph_name, ox.NamedNode) else GRAPH[f"import/{path.name}"]
            )
            by_graph.setdefault(name, []).append(q.triple)
    graphs = {
        name: ntriples(triples)
        for name, triples in by_graph.items()
        # derived and bundled graphs are conflict-kb's own: a file cannot replace them (an export carries
        # the registry; loading it keeps the store's, which this version of conflict-kb maintains)
        if not (is_derived(str(name)) or name in (ONTOLOGY_GRAPH, REGISTRY_GRAPH))
    }
    store.replace_graphs(index(graphs))
    store.flush()
    return sum(len(t) for t in by_graph.values())


def export(
    store: Store, format: str = "ttl", output: str | Path | IO[bytes] | None = None, *, with_ontology: bool = False
) -> bytes | None:
    """Write ``store`` as RDF (see :meth:`kb.KnowledgeBase.export`); bytes when ``output`` is None."""
    fmt = EXPORT_FORMATS.get(format)
    if fmt is None:
        raise KBError(f"unknown export format '{format}'; expected one of {', '.join(EXPORT_FORMATS)}")
    graphs = [
        ox.NamedNode(g)
        for g in store.named_graphs()
        if (with_ontology or g != str(ONTOLOGY_GRAPH)) and not is_derived(g)
    ]
    data: Iterator[Any]
    if fmt is ox.RdfFormat.JSON_LD:
        return _jsonld(store, graphs, output)
    if fmt.supports_datasets:
        data = (q for g in graphs for q in store.quads(None, None, None, g))
    else:
        # graph by graph, so memory does not grow with the store (a CONSTRUCT over all graphs
        # deduplicates in memory: 826 MB at 100k events, 3.2 GB at 1M, against 128 MB this way);
        # a triple two graphs state is written twice, which every RDF reader takes as one
        data = (q.triple for g in graphs for q in store.quads(None, None, None, g))
    prefixes = EXPORT_PREFIXES if fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG) else None
    return ox.serialize(data, str(output) if isinstance(output, (str, Path)) else output, format=fmt, prefixes=prefixes)


def _jsonld(store: Store, graphs: list[ox.NamedNode], output: str | Path | IO[bytes] | None) -> bytes | None:
    """JSON-LD 1.1 with the named graphs kept (one ``@graph`` object an article) and property names compacted
    under :data:`JSONLD_CONTEXT`; pyoxigraph writes the expanded form, the keys are shortened here."""
    quads = (q for g in graphs for q in store.quads(None, None, None, g))
    expanded = ox.serialize(quads, format=ox.RdfFormat.JSON_LD) or b"[]"

    def compact(m: re.Match) -> str:
        iri = m.group(1)
        for prefix, namespace in JSONLD_CONTEXT.items():
            if iri.startswith(namespace) and iri[len(namespace) :].replace("-", "").replace("_", "").isalnum():
                return f'"{prefix}:{iri[len(namespace) :]}":'
        return m.group(0)

    body = _KEY.sub(compact, expanded.decode("utf-8"))
    document = ('{"@context": ' + json.dumps(JSONLD_CONTEXT) + ', "@graph": ' + body + "}\n").encode("utf-8")
    if output is None:
        return document
    if isinstance(output, (str, Path)):
        Path(output).write_bytes(document)
    else:
        output.write(document)
    return None
