"""RDF in and out of a store whole: ``kb load`` and ``kb export``.

An export is what other triple stores load (Oxigraph, Jena, GraphDB,
Virtuoso); loading an export of one store into another gives the same
dataset. The derived graphs (index, markers) never leave a store and are
never loaded into one; the bundled ontology and registry are the store's
own, so a file cannot replace them. An export adds two graphs of its own,
which ``kb load`` leaves out: ``graph/consensus`` (each event's one label,
the window its sources allow and its place when they agree on one; see
docs/sparql.md) and ``graph/dataset`` (the file's VoID/DCAT description).
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import IO, Any

import pyoxigraph as ox

from kb.errors import KBError
from kb.model.iris import ONTOLOGY_GRAPH, REGISTRY_GRAPH, is_derived
from kb.model.namespace import GRAPH, PREFIXES
from kb.read.query import DATE_MAX, DATE_MIN
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
    by_graph: dict[str, list] = {}
    for raw in paths:
        path = Path(raw)
        fmt = ox.RdfFormat.from_extension(path.suffix.lstrip(".").lower()) if path.suffix else None
        if fmt is None:
            raise KBError(f"{path}: not an RDF file extension (.nq, .trig, .ttl, .nt, .jsonld, .rdf)")
        from kb.ingest.inputs import check_rdf_file  # reading users' files: not on the query path

        check_rdf_file(path)
        try:
            quads = list(ox.parse(path=str(path), format=fmt))
        except FileNotFoundError:
            raise KBError(f"{path}: no such file") from None
        except (SyntaxError, ValueError, OSError) as exc:
            raise KBError(f"{path}: cannot parse: {exc}") from None
        _refuse_flattened(path, quads)
        for q in quads:
            name = str(q.graph_name.value) if isinstance(q.graph_name, ox.NamedNode) else GRAPH[f"import/{path.name}"]
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


def _refuse_flattened(path: Path, quads: list[ox.Quad]) -> None:
    """Refuse events outside named graphs: a merged (.ttl, .nt) export has every source's claims on one node.

    Stored that way, one graph would hold several sources' dates, labels and confidences for an event — dates
    like "2026-01-06~2026-01-05..2026-01-05" and "articles 0" — so the file is refused, naming the way that works.
    """
    source = ox.NamedNode(str(PREFIXES["ckb"]) + "source")
    flat = next((q for q in quads if q.predicate == source and not isinstance(q.graph_name, ox.NamedNode)), None)
    if flat is not None:
        raise KBError(
            f"{path}: events outside named graphs ({flat.subject}, ...): a .ttl/.nt export merges every source's "
            "claims, which kb load cannot take apart; load the .trig, .nq or .jsonld export, which keeps one graph "
            "per article"
        )


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
    counted = _Counted(_with_consensus(store, graphs))
    quads = itertools.chain(counted, _description(counted, with_ontology))  # described once all is counted
    if fmt is ox.RdfFormat.JSON_LD:
        return _jsonld(quads, output)
    if fmt.supports_datasets:
        data = quads
    else:
        # graph by graph, so memory does not grow with the store (a CONSTRUCT over all graphs
        # deduplicates in memory: 826 MB at 100k events, 3.2 GB at 1M, against 128 MB this way);
        # a triple two graphs state is written twice, which every RDF reader takes as one
        data = (q.triple for q in quads)
    prefixes = EXPORT_PREFIXES if fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG) else None
    return ox.serialize(data, str(output) if isinstance(output, (str, Path)) else output, format=fmt, prefixes=prefixes)


def _with_consensus(store: Store, graphs: list[ox.NamedNode]) -> Iterator[ox.Quad]:
    """The graphs' quads, each graph followed by the consensus of the events it speaks for (``graph/consensus``).

    The claims in the article graphs say what each source says; a reader of the flattened export, or of
    the union default graph, also wants one label and one window per event without aggregating
    (docs/sparql.md). Derived: written by each export, never stored, never loaded. On a SPARQL server the
    rows come from consensus.rq, after the graphs; in this process from the quads as they pass
    (kb/read/consensus.py), so memory stays that of one graph.
    """
    from kb.read.consensus import GraphConsensus
    from kb.read.query import run_named

    for g in graphs:
        seen = GraphConsensus(store.embedded, g) if store.embedded is not None else None
        for q in store.quads(None, None, None, g):
            if seen is not None:
                seen.see(q)
            yield q
        if seen is not None:
            yield from _consensus_quads(seen.rows())
    if store.embedded is None:
        yield from _consensus_quads(run_named(store, "consensus", first=DATE_MIN, last=DATE_MAX))


def _consensus_quads(rows: Iterable[dict[str, Any]]) -> Iterator[ox.Quad]:
    from kb.model.iris import CONSENSUS_GRAPH

    graph, ckb, xsd_date = ox.NamedNode(str(CONSENSUS_GRAPH)), PREFIXES["ckb"], ox.NamedNode(PREFIXES["xsd"] + "date")
    label, begin, end, location = (
        ox.NamedNode(PREFIXES["rdfs"] + "label"),
        ox.NamedNode(ckb + "earliestBegin"),
        ox.NamedNode(ckb + "latestEnd"),
        ox.NamedNode(ckb + "location"),
    )
    for row in rows:
        event = ox.NamedNode(row["event"])
        if row["label"] is not None:
            yield ox.Quad(event, label, ox.Literal(row["label"]), graph)
        if row["lo"] != DATE_MIN:
            yield ox.Quad(event, begin, ox.Literal(row["lo"].isoformat(), datatype=xsd_date), graph)
        if row["hi"] != DATE_MAX:
            yield ox.Quad(event, end, ox.Literal(row["hi"].isoformat(), datatype=xsd_date), graph)
        if row["places"] == 1:
            yield ox.Quad(event, location, ox.NamedNode(row["place"]), graph)


class _Counted:
    """The quads of an export, counted as they pass."""

    def __init__(self, quads: Iterator[ox.Quad]) -> None:
        self.quads, self.count = quads, 0

    def __iter__(self) -> Iterator[ox.Quad]:
        for q in self.quads:
            self.count += 1
            yield q


def _description(counted: _Counted, with_ontology: bool) -> Iterator[ox.Quad]:
    """The export's description of itself (VoID and DCAT) in ``graph/dataset``, once the quads are counted.

    It says what the file is, under which licence, when it was written, how many triples it holds and which
    version of the ontology it conforms to; ``kb load`` leaves it out (it describes the file, not the facts).
    A generator: nothing here runs until the data before it has been written, so the count is complete.
    """
    from kb import __version__
    from kb.model.iris import DATASET_GRAPH
    from kb.model.namespace import DATA

    graph, node = ox.NamedNode(str(DATASET_GRAPH)), ox.NamedNode(str(DATA["dataset"]))
    void, dcat, dct = "http://rdfs.org/ns/void#", "http://www.w3.org/ns/dcat#", "http://purl.org/dc/terms/"
    rdf_type, xsd = PREFIXES["rdf"] + "type", PREFIXES["xsd"]
    about = (
        "Conflict events as news articles report them: one named graph per article, every fact with its quote, "
        "dates as uncertain as the source" + (", and the ontology" if with_ontology else "")
    )
    facts: list[tuple[str, ox.NamedNode | ox.Literal]] = [
        (rdf_type, ox.NamedNode(void + "Dataset")),
        (rdf_type, ox.NamedNode(dcat + "Dataset")),
        (dct + "title", ox.Literal("conflict-kb export", language="en")),
        (dct + "description", ox.Literal(about, language="en")),
        (dct + "license", ox.NamedNode("https://creativecommons.org/licenses/by/4.0/")),
        (dct + "issued", ox.Literal(dt.date.today().isoformat(), datatype=ox.NamedNode(xsd + "date"))),
        (dct + "creator", ox.Literal(f"kb export (conflict-kb {__version__})")),
        (dct + "conformsTo", ox.NamedNode("https://w3id.org/conflict-kb/ontology/0.1.0")),
        (void + "vocabulary", ox.NamedNode(PREFIXES["ckb"])),
        (void + "uriSpace", ox.Literal(str(DATA))),
        (void + "triples", ox.Literal(str(counted.count), datatype=ox.NamedNode(xsd + "integer"))),
    ]
    for predicate, value in facts:
        yield ox.Quad(node, ox.NamedNode(predicate), value, graph)


def _jsonld(quads: Iterator[ox.Quad], output: str | Path | IO[bytes] | None) -> bytes | None:
    """JSON-LD 1.1 with the named graphs kept (one ``@graph`` object an article) and property names compacted
    under :data:`JSONLD_CONTEXT`; pyoxigraph writes the expanded form, the keys are shortened here."""
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
