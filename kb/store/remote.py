"""A SPARQL 1.1 server as the store: the same commands against Oxigraph server, Fuseki, GraphDB or Virtuoso.

:class:`RemoteStore` speaks the SPARQL 1.1 Protocol (Query and Update,
form-encoded POSTs) with nothing but the standard library, and offers the
methods of :class:`kb.store.base.Store`, so :class:`kb.KnowledgeBase` does
not know which one it holds. One difference the code has to bridge:

- conflict-kb's queries read the union of all named graphs as the default
  graph. The server must be set up that way (``oxigraph serve
  --union-default-graph``; Fuseki ``tdb2:unionDefaultGraph true``; Virtuoso
  and GraphDB do it unasked); :meth:`RemoteStore.check_union` says so when
  it is not.
"""

from __future__ import annotations

import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox

from kb.errors import QueryError, StoreError
from kb.model.iris import MARKERS_GRAPH
from kb.model.namespace import DATA
from kb.read.binding import bind
from kb.store.base import graph_replacement

if TYPE_CHECKING:
    from kb.ingest.graph import Graph

_RDF_VALUE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#value"

__all__ = ["RemoteStore", "http_url", "update_url_for"]

_RESULTS = "application/sparql-results+json"
_TRIPLES = "application/n-triples"
_BULK_CHUNK = 20_000  # quads per INSERT DATA request: a few MB of text


def http_url(url: str) -> bool:
    """Whether ``url`` is an http(s) URL with a host (never file:, ftp: or a bare word)."""
    try:
        parts = urllib.parse.urlsplit(url)
        parts.port  # noqa: B018 - raises on a bad port
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.hostname)


def update_url_for(query_url: str) -> str:
    """The usual update endpoint beside a query endpoint (Oxigraph and Fuseki: .../query -> .../update)."""
    return query_url[: -len("/query")] + "/update" if query_url.rstrip("/").endswith("/query") else query_url


def _prologue(prefixes: Mapping[str, str] | None) -> str:
    return "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in (prefixes or {}).items())


class RemoteStore:
    """A store reached over HTTP (:class:`~kb.store.base.Store`). ``update_url=None`` makes it read-only."""

    remote: bool = True
    folder: Path | None = None
    embedded: ox.Store | None = None

    def __init__(self, query_url: str, update_url: str | None = None, *, timeout: float = 300) -> None:
        for url in (query_url, update_url):
            if url is not None and not http_url(url):
                raise StoreError(f"'{url}' is not an http(s) URL such as http://127.0.0.1:7878/query")
        self.query_url = query_url
        self.update_url = update_url
        self.timeout = timeout
        self.read_only = update_url is None
        self.memory_actors: list = []  # unused: on a server the registry graph is the record

    def __str__(self) -> str:
        return self.query_url

    # -- HTTP ----------------------------------------------------------------

    def _post(self, url: str, fields: list[tuple[str, str]], accept: str | None = None) -> tuple[bytes, str]:
        data = urllib.parse.urlencode(fields).encode("utf-8")
        headers = {"Content-Type": "application/x-www-form-urlencoded"}
        if accept:
            headers["Accept"] = accept
        request = urllib.request.Request(url, data=data, headers=headers, method="POST")
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                return response.read(), response.headers.get("Content-Type", "")
        except urllib.error.HTTPError as exc:
            body = exc.read().decode("utf-8", "replace").strip().splitlines()
            detail = body[0][:300] if body else exc.reason
            error = QueryError if 400 <= exc.code < 500 else StoreError
            raise error(f"the SPARQL server at {url} refused the request (HTTP {exc.code}): {detail}") from None
        except (urllib.error.URLError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise StoreError(f"cannot reach the SPARQL server at {url}: {reason}") from None

    # -- reading -------------------------------------------------------------

    def query(self, sparql: str, *, graphs: Iterable[str] | None = None, prefixes: Mapping[str, str] | None = None):
        """Run SPARQL on the server; results come back as pyoxigraph objects, as from the embedded store."""
        fields = [("query", _prologue(prefixes) + sparql)]
        fields += [("default-graph-uri", str(g)) for g in graphs or ()]
        body, ctype = self._post(self.query_url, fields, accept=f"{_RESULTS}, {_TRIPLES};q=0.9")
        ctype = ctype.split(";")[0].strip()
        try:
            if ctype in (_RESULTS, "application/json"):
                results = ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)
                if isinstance(results, ox.QueryBoolean):
                    return results
                for _ in results:  # the parser is lazy: read it all now, so a bad answer is an error here
                    pass
                return ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)
            return [q.triple for q in ox.parse(body, format=ox.RdfFormat.N_TRIPLES)]
        except (SyntaxError, ValueError) as exc:
            raise StoreError(
                f"the SPARQL server at {self.query_url} sent an unreadable answer ({ctype}): {exc}"
            ) from None

    def quads(self, subject=None, predicate=None, object=None, graph=None) -> Iterator[ox.Quad]:
        values = {k: v for k, v in (("s", subject), ("p", predicate), ("o", object), ("g", graph)) if v is not None}
        rows = self.query(bind("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }", values))
        return (ox.Quad(r["s"], r["p"], r["o"], r["g"]) for r in rows)

    def has_quad(self, subject: str, predicate: str) -> bool:
        return bool(self.query(bind("ASK { ?s ?p ?o }", {"s": ox.NamedNode(subject), "p": ox.NamedNode(predicate)})))

    def has_subject(self, predicate: str, obj: str) -> bool:
        return bool(self.query(bind("ASK { ?s ?p ?o }", {"p": ox.NamedNode(predicate), "o": ox.NamedNode(obj)})))

    def named_graphs(self) -> list[str]:
        return sorted(r["g"].value for r in self.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"))

    def quad_count(self, graph: str | None = None) -> int:
        """Quads in ``graph``, or in every graph but the markers (which the embedded store keeps in a file)."""
        if graph is not None:
            rows = list(
                self.query(
                    bind("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }", {"g": ox.NamedNode(str(graph))})
                )
            )
        else:
            rows = list(
                self.query(
                    bind(
                        "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } FILTER(?g != ?m) }",
                        {"m": ox.NamedNode(str(MARKERS_GRAPH))},
                    )
                )
            )
        return int(rows[0]["n"].value)

    def has_graph(self, graph: str) -> bool:
        return bool(self.query(bind("ASK { GRAPH ?g { ?s ?p ?o } }", {"g": ox.NamedNode(str(graph))})))

    def check_union(self, probe: str) -> None:
        """Refuse a server whose default graph does not show the named graphs (``probe`` is a subject in one)."""
        if not self.query(bind("ASK { ?s ?p ?o }", {"s": ox.NamedNode(str(probe))})):
            raise StoreError(
                f"the SPARQL server at {self.query_url} does not show its named graphs as the "
                "default graph, which conflict-kb's queries read; start Oxigraph with "
                "--union-default-graph (Fuseki: tdb2:unionDefaultGraph true)"
            )

    def rdflib_dataset(self):
        from rdflib import Dataset
        from rdflib.plugins.stores.sparqlstore import SPARQLUpdateStore

        store: Any = SPARQLUpdateStore(self.query_url, self.update_url) if self.update_url else None
        if store is None:
            from rdflib.plugins.stores.sparqlstore import SPARQLStore

            store = SPARQLStore(self.query_url)
        return Dataset(store=store, default_union=True)

    # -- writing -------------------------------------------------------------

    def _update(self, update: str) -> None:
        if self.update_url is None:
            raise StoreError(f"the SPARQL server at {self.query_url} was opened read-only (no update endpoint)")
        self._post(self.update_url, [("update", update)])

    def update(self, sparql: str, *, prefixes: Mapping[str, str] | None = None) -> None:
        self._update(_prologue(prefixes) + sparql)

    def replace_graphs(self, graphs: Mapping[str, Graph | str]) -> None:
        """Replace each named graph in one SPARQL Update request (one transaction on the server)."""
        update = graph_replacement(graphs)
        if update:
            self._update(update)

    def remove_graph(self, name: str) -> None:
        self._update(f"DROP SILENT GRAPH {ox.NamedNode(str(name))}")

    def bulk_load_nquads(self, data: bytes, *, checked: bool = False) -> None:
        """INSERT DATA in requests of a few MB: servers cap request bodies (``checked`` changes nothing here)."""
        quads = list(ox.parse(data, format=ox.RdfFormat.N_QUADS))
        for start in range(0, len(quads), _BULK_CHUNK):
            by_graph: dict[str, list[str]] = {}
            for q in quads[start : start + _BULK_CHUNK]:
                by_graph.setdefault(str(q.graph_name), []).append(f"{q.subject} {q.predicate} {q.object} .")
            self._update(
                "INSERT DATA {\n"
                + "\n".join(f"GRAPH {g} {{\n" + "\n".join(lines) + "\n}" for g, lines in by_graph.items())
                + "\n}"
            )

    def ensure_graph(self, name: str, text: str) -> bool:
        """Load a bundled graph the server does not have yet (no bookkeeping file: there is no folder)."""
        if self.has_graph(name):
            return False
        self.replace_graphs({name: text})
        return True

    def marker(self, key: str) -> str | None:
        """Notes live in a small graph on the server: there is no folder beside the data."""
        rows = list(
            self.query(
                bind(
                    "SELECT ?v WHERE { GRAPH ?g { ?k ?p ?v } }",
                    {
                        "g": ox.NamedNode(str(MARKERS_GRAPH)),
                        "k": ox.NamedNode(str(DATA[f"marker/{key}"])),
                        "p": ox.NamedNode(_RDF_VALUE),
                    },
                )
            )
        )
        return rows[0]["v"].value if rows else None

    def set_marker(self, key: str, value: str) -> None:
        k, g = ox.NamedNode(str(DATA[f"marker/{key}"])), ox.NamedNode(str(MARKERS_GRAPH))
        p = ox.NamedNode(_RDF_VALUE)
        self._update(
            f"DELETE WHERE {{ GRAPH {g} {{ {k} {p} ?v }} }} ;\n"
            f"INSERT DATA {{ GRAPH {g} {{ {k} {p} {ox.Literal(value)} }} }}"
        )

    def reopen(self) -> None:
        pass

    def flush(self) -> None:
        pass

    def close(self) -> None:
        pass
