"""Values into SPARQL, one way for every engine: each bound value written into the text as an RDF term.

Why text and not pyoxigraph's ``substitutions``: a server has no
substitutions, and pyoxigraph does not push substituted values into its
plan, so a constant in the text is as fast or faster there too (measured on
10k events: mediators.rq 98 -> 33 ms, timeline-actor.rq 418 -> 261 ms,
timeline-index.rq and article-keys.rq unchanged). The embedded store and a
remote server thus run the same query text, and ``kb ask --show-sparql``
prints exactly what ran. Values are terms serialised by pyoxigraph (which
escapes them), so a user's text never becomes SPARQL syntax.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from collections.abc import Mapping
from typing import Any

import pyoxigraph as ox

from kb.model.namespace import IRI

__all__ = ["bind", "term"]

_XSD = "http://www.w3.org/2001/XMLSchema#"

# Strings, IRIs and comments, roughly: for rewriting our own named queries (:func:`bind`), never for a
# security decision about a user's text (kb.read.network_guard lexes by the grammar for that).
OPAQUE = r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>"{}|^`\\\s]*>|#[^\n]*'
_TOKENS = re.compile(
    rf"(?P<opaque>{OPAQUE})|(?P<var>[?$][A-Za-z_][A-Za-z0-9_]*)|(?P<word>[A-Za-z]+)|(?P<other>[(){{}}])"
)


_ONLY_WITH = re.compile(r"#\s*only with \?([A-Za-z_][A-Za-z0-9_]*)\s*$")


def bind(sparql: str, values: Mapping[str, Any]) -> str:
    """``sparql`` with each variable in ``values`` replaced by its value as an RDF term (None: left unbound).

    In the SELECT clause the variable stays an output: ``?v`` becomes
    ``(term AS ?v)``; after ORDER BY and GROUP BY it becomes ``(term)``.
    Variables inside strings, IRIs and comments are left alone. A line of a
    named query that ends ``# only with ?v`` is left out when ``?v`` is not
    bound: an optional restriction costs nothing when it is not asked for
    (pyoxigraph evaluates ``FILTER EXISTS { ?class rdfs:subClassOf* ?type }``
    even with ``?type`` free: 25 ms against 4 ms a probe of the index).
    """
    if "only with" in sparql:
        sparql = "\n".join(
            line
            for line in sparql.split("\n")
            if not ((m := _ONLY_WITH.search(line)) and values.get(m.group(1)) is None)
        )
    values = {k: term(v) for k, v in values.items() if v is not None}
    if not values:
        return sparql
    out, pos, clause, depth = [], 0, None, 0
    for m in _TOKENS.finditer(sparql):
        kind, text = m.lastgroup, m.group()
        if kind == "word":
            upper = text.upper()
            if upper == "SELECT":
                clause, depth = "select", 0
            elif upper in ("ORDER", "GROUP"):
                clause = "order"
            elif upper == "WHERE" or upper in ("LIMIT", "OFFSET", "HAVING", "VALUES"):
                clause = None
            continue
        if kind == "other":
            if text in "({":
                if text == "{" and clause == "select":
                    clause = None
                depth += text == "("
            elif text == ")":
                depth -= 1
            continue
        if kind != "var" or text[1:] not in values:
            continue
        value = str(values[text[1:]])
        if clause == "select" and depth == 0:
            value = f"({value} AS ?{text[1:]})"
        elif clause == "order":
            value = f"({value})"
        out.append(sparql[pos : m.start()])
        out.append(value)
        pos = m.end()
    out.append(sparql[pos:])
    return "".join(out)


def term(value: Any) -> ox.NamedNode | ox.Literal:
    """A Python value as the RDF term a query is bound with."""
    if isinstance(value, (ox.NamedNode, ox.Literal)):
        return value
    if isinstance(value, IRI) or _rdflib_iri(value):
        return ox.NamedNode(str(value))
    if isinstance(value, dt.date):
        return ox.Literal(value.isoformat(), datatype=ox.NamedNode(_XSD + "date"))
    if isinstance(value, bool):
        return ox.Literal("true" if value else "false", datatype=ox.NamedNode(_XSD + "boolean"))
    if isinstance(value, int):
        return ox.Literal(str(value), datatype=ox.NamedNode(_XSD + "integer"))
    if isinstance(value, str):
        return ox.Literal(value)
    raise TypeError(f"cannot bind {type(value).__name__} in a query")


def _rdflib_iri(value: Any) -> bool:
    """An rdflib ``URIRef`` from a library caller (rdflib is not imported to ask: a caller holding one has)."""
    rdflib_term = sys.modules.get("rdflib.term")
    return rdflib_term is not None and isinstance(value, rdflib_term.URIRef)
