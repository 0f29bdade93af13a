"""Run SPARQL: the named queries in ``kb/read/queries/*.rq`` and the user's own.

Named queries are package data, loaded by exact name, and every value a
user gave (an actor, a date, a type) reaches them through
:func:`kb.read.binding.bind` — as an RDF term written by pyoxigraph, never
the user's text as SPARQL — so every engine runs the same query text. User
SPARQL (``kb query``) is run as written but read-only: the query parser
rejects updates.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import pyoxigraph as ox

from kb.errors import QueryError
from kb.model.namespace import PREFIXES
from kb.read.binding import bind
from kb.read.limits import DEFAULT_LIMITS, Limits, bounded
from kb.store.base import Store

__all__ = ["named_query", "with_includes", "run_named", "run_sparql", "run_update", "QueryResult", "python_value"]

_XSD = "http://www.w3.org/2001/XMLSchema#"
DATE_MIN = dt.date(1, 1, 1)
DATE_MAX = dt.date(9999, 12, 31)


_INCLUDE = re.compile(r"^([ \t]*)#include ([\w-]+)\n", re.M)


def with_includes(text: str, *packages: str) -> str:
    """``text`` with each ``#include NAME`` line replaced by ``NAME.rqi`` (from the first of ``packages`` that
    has it, then kb.read.queries) at that line's indentation.

    Queries that share a rule (what an event's window is, which label is shown) say it once, in a fragment;
    ``--show-sparql`` and a SPARQL server see the query whole.
    """
    folders = [resources.files(p) for p in (*packages, "kb.read.queries")]

    def fragment(m: re.Match) -> str:
        name = f"{m.group(2)}.rqi"
        folder = next(f for f in folders if f.joinpath(name).is_file())
        lines = folder.joinpath(name).read_text(encoding="utf-8").splitlines(keepends=True)
        return "".join(m.group(1) + line if line.strip() else line for line in lines[1:])  # not its own header

    return _INCLUDE.sub(fragment, text)


@cache
def named_query(name: str) -> str:
    """The text of ``kb/read/queries/<name>.rq``, its ``#include`` lines filled in."""
    try:
        text = resources.files("kb.read.queries").joinpath(f"{name}.rq").read_text(encoding="utf-8")
    except FileNotFoundError:
        raise QueryError(f"no named query '{name}'") from None
    return with_includes(text)


def python_value(node: Any) -> Any:
    """An RDF term from a result as plain Python: IRIs as str, typed literals converted."""
    if node is None:
        return None
    if isinstance(node, ox.NamedNode):
        return node.value
    if isinstance(node, ox.BlankNode):
        return f"_:{node.value}"
    if isinstance(node, ox.Literal):
        datatype = node.datatype.value
        if datatype == _XSD + "date":
            try:
                return dt.date.fromisoformat(node.value)
            except ValueError:
                return node.value
        if datatype == _XSD + "boolean":
            return node.value in ("true", "1")
        if datatype in (_XSD + "integer", _XSD + "long", _XSD + "int"):
            return int(node.value)
        return node.value
    return str(node)


def run_named(store: Store, name: str, **bindings: Any) -> list[dict[str, Any]]:
    """Run a named query with values bound; rows as dicts of Python values.

    Bindings whose value is ``None`` are left unbound, which the queries read
    as "no restriction".
    """
    solutions = store.query(bind(named_query(name), bindings))
    variables = [v.value for v in solutions.variables]
    return [{v: python_value(row[v]) for v in variables} for row in solutions]


@dataclass
class QueryResult:
    """The result of a user query: SELECT rows, an ASK answer, or CONSTRUCT triples.

    ``rows`` hold pyoxigraph terms, so renderers can tell IRIs from literals;
    :attr:`records` are the same rows as plain Python values (IRIs and text as
    ``str``, numbers, ``datetime.date``) — what ``kb ask`` answers hold. The
    result holds its rows, not the store: writing it out never runs the query
    again.

    >>> from kb import KnowledgeBase
    >>> result = KnowledgeBase.memory().query("SELECT ?n WHERE { VALUES ?n { 1 } }")
    >>> type(result.rows[0]["n"]).__name__, result.records
    ('Literal', [{'n': 1}])
    """

    kind: str  # "select" | "ask" | "graph"
    variables: list[str]
    rows: list[dict[str, Any]]
    boolean: bool | None = None
    triples: list[ox.Triple] | None = None

    @property
    def records(self) -> list[dict[str, Any]]:
        """The rows as plain Python values, as ``kb ask`` gives them."""
        return [{v: python_value(t) for v, t in row.items()} for row in self.rows]

    def serialize(self, format: str) -> bytes:
        """SPARQL results as JSON/CSV/TSV/XML, or triples as Turtle/N-Triples/JSON-LD.

        Written by pyoxigraph's own writers, from the rows this result holds.
        """
        if self.kind == "graph":
            rdf_format = _GRAPH_FORMATS.get(format)
            if rdf_format is None:
                raise QueryError(f"a CONSTRUCT result can be written as {', '.join(_GRAPH_FORMATS)}, not {format}")
            return ox.serialize(self.triples or [], format=rdf_format) or b""
        fmt = _RESULT_FORMATS.get(format)
        if fmt is None:
            raise QueryError(
                f"a {self.kind.upper()} result can be written as {', '.join(_RESULT_FORMATS)}, not {format}"
            )
        if self.kind == "ask":
            document: dict[str, Any] = {"head": {}, "boolean": bool(self.boolean)}
        else:
            from kb.read.query_process import json_term

            document = {
                "head": {"vars": self.variables},
                "results": {
                    "bindings": [{v: json_term(t) for v, t in row.items() if t is not None} for row in self.rows]
                },
            }
        solutions = ox.parse_query_results(json.dumps(document).encode("utf-8"), format=ox.QueryResultsFormat.JSON)
        return solutions.serialize(format=fmt) or b""


_GRAPH_FORMATS = {"ttl": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "jsonld": ox.RdfFormat.JSON_LD}
_RESULT_FORMATS = {
    "json": ox.QueryResultsFormat.JSON,
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
    "xml": ox.QueryResultsFormat.XML,
}


def run_sparql(
    store: Store, sparql: str, *, allow_network: bool = False, limits: Limits = DEFAULT_LIMITS, ours: bool = False
) -> QueryResult:
    """Run a user's SPARQL query (SELECT, ASK, CONSTRUCT, DESCRIBE) read-only, within ``limits``.

    Over the union of all graphs; ``GRAPH ?g`` reaches the named graphs.
    The prefixes of :data:`kb.model.namespace.PREFIXES` (ckb:, rdfs:, xsd:,
    actor:, ...) need no declaration. ``SERVICE`` is refused unless
    ``allow_network`` (see :mod:`kb.read.network_guard`). Time, memory and rows
    are bounded by ``limits``: on an on-disk store the query runs in a child
    process (:mod:`kb.read.query_process`), where the bounds are hard; on a
    memory store on a watched thread (:mod:`kb.read.limits`). ``ours`` marks
    conflict-kb's own query text (``kb ask`` assembles it from named
    queries with bound values): no user text to guard, and a known shape,
    so it runs on a watched thread in this process.
    """
    if not ours:
        from kb.read.network_guard import refuse_network  # user SPARQL only: its patterns cost ~7 ms to compile

        refuse_network(sparql, allow_network, remote=store.remote)
    if not ours and store.folder is not None and not store.remote and (limits.timeout or limits.max_memory_mb):
        from kb.read.query_process import run_in_process

        if not store.read_only:
            store.flush()  # the child reads the files: let it see what this process has written
        try:
            answer = run_in_process(store.folder, sparql, dict(PREFIXES), limits)
        except SyntaxError as exc:
            raise _syntax(sparql, exc) from None
        return QueryResult(
            answer["kind"],
            answer.get("variables", []),
            answer.get("rows", []),
            boolean=answer.get("boolean"),
            triples=answer.get("triples"),
        )
    return bounded(lambda: _evaluate(store, sparql, limits), limits)


def _syntax(sparql: str, exc: SyntaxError) -> QueryError:
    hint = ""
    if any(w in sparql.lower() for w in ("insert", "delete", "drop", "clear", "load", "create")):
        hint = " (kb query is read-only: SPARQL Update is not accepted)"
    return QueryError(f"invalid SPARQL query: {exc}{hint}")


def _evaluate(store: Store, sparql: str, limits: Limits) -> QueryResult:
    try:
        result = store.query(sparql, prefixes=PREFIXES)
        if isinstance(result, ox.QueryBoolean):
            return QueryResult("ask", [], [], boolean=bool(result))
        if isinstance(result, (ox.QueryTriples, list)):  # a remote engine's CONSTRUCT comes as a list
            triples = []
            for triple in result:
                triples.append(triple)
                limits.check_rows(len(triples))
            return QueryResult("graph", [], [], triples=triples)
        variables = [v.value for v in result.variables]
        rows = []
        for row in result:
            rows.append({v: row[v] for v in variables})
            limits.check_rows(len(rows))
        return QueryResult("select", variables, rows)
    except SyntaxError as exc:
        raise _syntax(sparql, exc) from None
    except (OSError, RuntimeError, ValueError) as exc:  # a SERVICE that answered badly, a store error
        raise QueryError(f"the query failed: {exc}") from None


def run_update(store: Store, sparql: str, *, allow_network: bool = False) -> None:
    """Run a SPARQL Update on the store, atomically; LOAD and SERVICE only with ``allow_network``."""
    from kb.read.network_guard import refuse_network

    refuse_network(sparql, allow_network, update=True, remote=store.remote)
    try:
        store.update(sparql, prefixes=PREFIXES)
    except SyntaxError as exc:
        raise QueryError(f"invalid SPARQL update: {exc}") from None
    except (OSError, RuntimeError, ValueError) as exc:
        raise QueryError(f"the update failed: {exc}") from None
