"""What conflict-kb needs of a store, and what a store tells about itself.

Two stores implement it: :class:`kb.store.embedded.EmbeddedStore` (pyoxigraph
in this process, on disk or in memory) and :class:`kb.store.remote.RemoteStore`
(a SPARQL 1.1 server). Callers read the capability flags below instead of
guessing from attributes — as rdflib's ``Store`` declares ``context_aware``
and ``transaction_aware``:

- ``remote``: the engine is another server. It may dereference IRIs in
  FROM/USING, so those are refused there; a user's query cannot be put in a
  child process with a memory bound.
- ``folder``: where the store keeps files beside its data (the writer lock,
  the bulk-ingest journal, ``actors.yaml``); None in memory and on a server.
- ``embedded``: the pyoxigraph store itself when it runs in this process, so
  hot paths may read its indexes directly (:mod:`kb.read.facts`); None on a
  server, where the same rows come from ``event.rq``.

Values are bound one way, before the store sees the query: written into the
text as RDF terms by :func:`kb.read.binding.bind`, so every store runs the
same query text.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

import pyoxigraph as ox

if TYPE_CHECKING:
    from kb.ingest.graph import Graph  # a graph is serialised, never built here
    from kb.model.actors import Actor

__all__ = ["Store", "Term", "graph_replacement", "ntriples"]

Term = ox.NamedNode | ox.Literal


@runtime_checkable
class Store(Protocol):
    """A quad store that conflict-kb writes whole graphs to and reads with SPARQL and quad patterns."""

    remote: bool
    folder: Path | None
    embedded: ox.Store | None
    read_only: bool
    memory_actors: list[Actor]  # a memory store's actors.yaml (it has no folder to keep the file in)

    # -- writing: whole named graphs, each call one transaction --------------

    def replace_graphs(self, graphs: Mapping[str, Graph | str]) -> None:
        """Replace each named graph (a graph with ``serialize(format="nt")`` or N-Triples text; "" empties it), all
        at once."""

    def update(self, sparql: str, *, prefixes: Mapping[str, str] | None = None) -> None:
        """Run a SPARQL Update as one transaction."""

    def remove_graph(self, name: str) -> None:
        """Remove one named graph (nothing if it is not there)."""

    def bulk_load_nquads(self, data: bytes, *, checked: bool = False) -> None:
        """Add N-Quads fast, without a transaction (the bulk path keeps its own journal). ``checked``: every IRI
        of ``data`` was checked by pyoxigraph already, so the loader need not check them again."""

    def ensure_graph(self, name: str, text: str) -> bool:
        """Load a bundled graph unless that exact text is there already; whether it loaded."""

    def marker(self, key: str) -> str | None:
        """A note kept with the store (which index version it holds)."""

    def set_marker(self, key: str, value: str) -> None:
        """Keep a note with the store."""

    # -- reading -------------------------------------------------------------

    def query(
        self, sparql: str, *, graphs: Iterable[str] | None = None, prefixes: Mapping[str, str] | None = None
    ) -> Any:
        """SPARQL over the union of the named graphs (or over ``graphs``)."""

    def quads(
        self, subject: Any = None, predicate: Any = None, object: Any = None, graph: Any = None
    ) -> Iterator[ox.Quad]:
        """The quads matching a pattern of pyoxigraph terms (None matches anything)."""

    def has_quad(self, subject: str, predicate: str) -> bool:
        """Whether some graph holds a triple with this subject and predicate (IRIs)."""

    def has_subject(self, predicate: str, obj: str) -> bool:
        """Whether some graph holds a triple with this predicate and object (IRIs)."""

    def named_graphs(self) -> list[str]:
        """The named graphs' IRIs, sorted."""

    def quad_count(self, graph: str | None = None) -> int:
        """Quads in ``graph``, or in the whole store."""

    def has_graph(self, graph: str) -> bool:
        """Whether the store holds this named graph."""

    def rdflib_dataset(self) -> Any:
        """The store as an rdflib ``Dataset`` with a union default graph."""

    # -- life ----------------------------------------------------------------

    def reopen(self) -> None:
        """See what a writer in another process has written since (read-only stores)."""

    def flush(self) -> None:
        """Make what was written durable."""

    def close(self) -> None:
        """Flush and let go of the data and its lock."""


def ntriples(triples: Iterable[ox.Triple]) -> str:
    """Triples as N-Triples text, written by pyoxigraph (which escapes every term)."""
    return ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode("utf-8")  # type: ignore[union-attr]


def nquads(graphs: Mapping[str, str]) -> str:
    """N-Triples texts (one line a triple, as serialisers write them) as one N-Quads text, each in its graph."""
    out = []
    for name, text in graphs.items():
        graph = f" {ox.NamedNode(str(name))} .\n"
        for line in text.split("\n"):  # not splitlines(): a literal may hold \x1c-\x1e, \x85 or \u2028 unescaped
            line = line.rstrip(" \r\t")
            if line and not line.startswith("#"):
                if not line.endswith("."):
                    raise ValueError(f"not an N-Triples line: {line[:80]}")
                out.append(line[:-1].rstrip() + graph)
    return "".join(out)


def graph_replacement(graphs: Mapping[str, Graph | str]) -> str:
    """One SPARQL Update that replaces each named graph: applied atomically by every engine.

    The data is N-Triples written by a serialiser (which escapes every
    literal), so no text from a fact file is spliced into SPARQL unescaped.
    """
    parts = []
    for name, graph in graphs.items():
        iri = ox.NamedNode(str(name))
        parts.append(f"DROP SILENT GRAPH {iri}")
        body = graph if isinstance(graph, str) else graph.serialize(format="nt")
        if body.strip():
            parts.append(f"INSERT DATA {{ GRAPH {iri} {{\n{body}\n}} }}")
    return " ;\n".join(parts)
