"""The SPARQL 1.1 Protocol endpoint of ``kb serve``: ``/sparql``, read-only, bounded.

What standard clients send (https://www.w3.org/TR/sparql11-protocol/): a
query by GET (``?query=``), by POST as a form (``query=``) or as the body
(``application/sparql-query``). Results follow the ``Accept`` header:
SPARQL JSON (the default), XML, CSV or TSV for SELECT and ASK; Turtle (the
default), N-Triples or JSON-LD for CONSTRUCT and DESCRIBE. The query runs
as ``kb query`` runs one — over the union of the article graphs, SERVICE
and LOAD refused, with the server's time and row limits — so a client that
knows nothing of conflict-kb gets what ``kb query`` gives. Updates are
refused with 403: the server opens the store read-only.
"""

from __future__ import annotations

from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response

from kb.errors import KBError

__all__ = ["endpoint", "negotiate"]

MAX_BODY = 1 << 20  # a query of more than 1 MB is refused, as kb query refuses a larger .rq file

_RESULTS = {
    "application/sparql-results+json": "json",
    "application/json": "json",
    "application/sparql-results+xml": "xml",
    "application/xml": "xml",
    "text/xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
}
_GRAPHS = {
    "text/turtle": "ttl",
    "application/x-turtle": "ttl",
    "application/n-triples": "nt",
    "text/plain": "nt",
    "application/ld+json": "jsonld",
}
_TYPE_OF = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv; charset=utf-8",
    "tsv": "text/tab-separated-values; charset=utf-8",
    "ttl": "text/turtle; charset=utf-8",
    "nt": "application/n-triples",
    "jsonld": "application/ld+json",
}


def negotiate(accept: str, kind: str) -> str | None:
    """The format to answer ``kind`` ("select", "ask" or "graph") in, from an Accept header; None when the
    header accepts nothing this endpoint writes (an absent header or */* takes the default)."""
    table = _GRAPHS if kind == "graph" else _RESULTS
    default = "ttl" if kind == "graph" else "json"
    offers: list[tuple[float, int, str]] = []
    for n, part in enumerate(accept.split(",")):
        media, _, params = part.strip().partition(";")
        q = 1.0
        for param in params.split(";"):
            key, _, value = param.strip().partition("=")
            if key == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        offers.append((q, -n, media.strip().lower()))
    if not accept.strip():
        return default
    for q, _, media in sorted(offers, reverse=True):
        if q <= 0:
            continue
        if media in ("text/html", "application/xhtml+xml"):
            return "html"  # a browser: the results as a page
        if media in table:
            return table[media]
        if media in ("*/*", "application/*", "text/*"):
            return default
    return None


async def endpoint(request: Request) -> Response:
    """Answer one SPARQL Protocol request."""
    app = request.app.state
    if request.method == "GET":
        params: Any = request.query_params
        query = params.get("query")
        if "update" in params:
            return _refuse_update()
        if query is None and "text/html" in request.headers.get("accept", ""):
            from kb.serve.pages import sparql_form

            return await sparql_form(request)
    else:
        if int(request.headers.get("content-length") or 0) > MAX_BODY:
            return PlainTextResponse(f"the request is larger than {MAX_BODY:,} bytes\n", status_code=413)
        ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if ctype == "application/sparql-update":
            return _refuse_update()
        if ctype == "application/sparql-query":
            query = (await request.body()).decode("utf-8", "replace")
            params = request.query_params
        elif ctype in ("application/x-www-form-urlencoded", "multipart/form-data"):
            params = await request.form()
            if "update" in params:
                return _refuse_update()
            query = params.get("query")
        else:
            return PlainTextResponse(
                "send the query as ?query=, as a form field 'query', or as an application/sparql-query body",
                status_code=415,
            )
    if not query or not isinstance(query, str):
        return PlainTextResponse("no query: give one as ?query= (SPARQL 1.1 Protocol)", status_code=400)
    if params.get("default-graph-uri") or params.get("named-graph-uri"):
        return PlainTextResponse(
            "default-graph-uri and named-graph-uri are not supported: the default graph is the union of the "
            "article graphs; name a graph with GRAPH in the query",
            status_code=400,
        )
    try:
        result = await run_in_threadpool(app.kb.query, query, limits=app.limits)
    except KBError as exc:
        status = 503 if "limit" in str(exc) else 400
        return PlainTextResponse(f"{exc}\n", status_code=status)
    fmt = negotiate(request.headers.get("accept", ""), result.kind)
    if fmt == "html":
        from kb.serve.pages import sparql_results

        return await sparql_results(request, query, result)
    if fmt is None:
        offered = ", ".join(_GRAPHS if result.kind == "graph" else _RESULTS)
        return PlainTextResponse(f"cannot answer in the formats accepted; this endpoint writes {offered}\n", 406)
    return Response(result.serialize(fmt), media_type=_TYPE_OF[fmt], headers={"Vary": "Accept"})


def _refuse_update() -> Response:
    return PlainTextResponse("SPARQL Update is refused: kb serve opens the store read-only\n", status_code=403)
