"""Every ``--format``, in one registry: which answers each format writes, and the function that writes them.

A command hands its answer to :func:`render` with the answer's *kind*
(``events``, ``mediators``, ``sources``, ``stats``, ``actors``, ``actor``,
``event``, ``question`` for ``kb ask``, and ``select``/``ask``/``graph``
for SPARQL results); :func:`format_option` gives the command a ``--format`` whose
choices are the formats that write its kinds. A new output format is one
function with a :func:`writes` line above it (CONTRIBUTING.md).

This module imports nothing heavy until a writer runs, so ``kb --help``
stays fast.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import click

__all__ = ["Answer", "FORMATS", "writes", "render", "formats_for", "format_option"]


@dataclass
class Answer:
    """What a command has to show: the library's answer, and what kind of answer it is."""

    kind: str
    data: Any
    empty: str = ""  # what a table says when there is nothing to show
    title: str = ""  # a heading, where the format has one (the HTML page)
    options: dict[str, Any] = field(default_factory=dict)  # format-specific, e.g. lanes for html


Writer = Callable[[Answer], "str | bytes"]
FORMATS: dict[str, dict[str, Writer]] = {}  # format name -> answer kind -> writer


def writes(name: str, *kinds: str) -> Callable[[Writer], Writer]:
    """Register the decorated function as format ``name``'s writer for answers of ``kinds``."""

    def register(fn: Writer) -> Writer:
        for kind in kinds:
            FORMATS.setdefault(name, {})[kind] = fn
        return fn

    return register


def formats_for(*kinds: str) -> list[str]:
    """The formats that write any of ``kinds``, in registry order."""
    return [name for name, by_kind in FORMATS.items() if any(k in by_kind for k in kinds)]


def render(answer: Answer, fmt: str) -> str | bytes:
    """``answer`` written as ``fmt``; a :class:`~kb.errors.KBError` when that format does not write its kind."""
    writer = FORMATS.get(fmt, {}).get(answer.kind)
    if writer is None:
        from kb.errors import KBError

        raise KBError(
            f"--format {fmt} does not write {_KIND_NAMES.get(answer.kind, answer.kind)}; use one of "
            f"{', '.join(formats_for(answer.kind))}"
        )
    return writer(answer)


def format_option(*kinds: str, default: str | None = "table", help: str | None = None) -> Callable:
    """The ``--format`` option of a command whose answers are of ``kinds`` (sqlite-utils' ``output_options``)."""
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(formats_for(*kinds)),
        default=default,
        show_default=default is not None,
        help=help,
    )


_KIND_NAMES = {"graph": "a CONSTRUCT or DESCRIBE result", "select": "a SELECT result", "ask": "an ASK result"}


# -- rows: the listing answers as table rows --------------------------------------


def _rows(answer: Answer) -> tuple[list[dict[str, Any]], tuple[str, ...]]:
    from kb.render import text

    kind, data = answer.kind, answer.data
    if kind == "events":
        return text.timeline_rows(data), text.TIMELINE_COLUMNS
    if kind == "mediators":
        return text.mediator_rows(data), text.MEDIATOR_COLUMNS
    if kind == "sources":
        return data, ("published", "publisher", "events", "id", "title")
    if kind == "stats":
        return text.stats_rows(data), ("what", "count")
    if kind == "actors":
        return text.actor_rows(data), ("name", "type", "represents", "aliases")
    if kind == "places":
        return text.place_rows(data), text.PLACE_COLUMNS
    if kind == "question":
        return data.rows, tuple(data.columns)
    raise AssertionError(kind)


_LISTINGS = ("events", "mediators", "sources", "stats", "actors", "places", "question")
_SPARQL = ("select", "ask")  # SPARQL results, written by pyoxigraph in the SPARQL 1.1 results formats


@writes("table", *_LISTINGS, "event", "actor", *_SPARQL)
def _table(answer: Answer) -> str:
    from kb.render import text

    if answer.kind == "event":
        return text.event_text(answer.data)
    if answer.kind == "actor":
        return text.actor_text(answer.data)
    if answer.kind == "ask":
        return "yes" if answer.data.boolean else "no"
    if answer.kind == "select":
        return text.table(text.sparql_rows(answer.data), answer.data.variables)
    rows, columns = _rows(answer)
    return text.table(rows, columns) if rows or not answer.empty else answer.empty


@writes("json", *_LISTINGS, "event", "actor", *_SPARQL)
def _json(answer: Answer) -> str | bytes:
    from kb.render import text

    if answer.kind in _SPARQL:
        return answer.data.serialize("json")  # the SPARQL 1.1 results format
    return text.json_text(text.json_data(answer.kind, answer.data))


@writes("csv", *_LISTINGS, *_SPARQL)
def _csv(answer: Answer) -> str | bytes:
    from kb.render import text

    if answer.kind in _SPARQL:
        return answer.data.serialize("csv")
    return text.csv_text(*_rows(answer))


@writes("tsv", *_LISTINGS, *_SPARQL)
def _tsv(answer: Answer) -> str | bytes:
    from kb.render import text

    if answer.kind in _SPARQL:
        return answer.data.serialize("tsv")
    return text.csv_text(*_rows(answer), delimiter="\t")


@writes("xml", *_SPARQL)
def _xml(answer: Answer) -> bytes:
    return answer.data.serialize("xml")


@writes("md", *_LISTINGS, *_SPARQL)
def _markdown(answer: Answer) -> str:
    from kb.render import text

    if answer.kind == "ask":
        return "yes" if answer.data.boolean else "no"
    if answer.kind == "select":
        return text.markdown(text.sparql_rows(answer.data), answer.data.variables)
    return text.markdown(*_rows(answer))


@writes("html", "events")
def _html(answer: Answer) -> str:
    from kb.render.html import timeline_html

    return timeline_html(
        answer.data, title=answer.title or "conflict-kb timeline", lanes_by=answer.options.get("lanes", "actor")
    )


@writes("ics", "events")
def _ics(answer: Answer) -> str:
    from kb.render import text

    return text.ics(answer.data)


def _graph(fmt: str) -> Writer:
    def write(answer: Answer) -> bytes:
        return answer.data.serialize(fmt)

    return write


for _name in ("ttl", "nt", "jsonld"):
    writes(_name, "graph")(_graph(_name))
