"""The pages of ``kb serve``: search, answers as a timeline and a table, events, actors, places, downloads.

Every page has a stable URL built from what it shows (``/ask?q=...``,
``/events?actor=Israel&since=2025``, ``/id/event/<article>/<event>``), and
the project's IRIs resolve to them: ``https://w3id.org/conflict-kb/id/...``
is ``/id/...`` here. Pages are HTML from Jinja2 templates (autoescaped)
with one stylesheet and no script: links, forms and keyboard focus do all
the work, so the pages work in any browser and with JavaScript off. Each
handler is a few lines over the library (:class:`kb.KnowledgeBase`); the
library's errors become a page that says what went wrong.
"""

from __future__ import annotations

import datetime as dt
import urllib.parse
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from kb.errors import KBError
from kb.model.iris import place_iri
from kb.model.namespace import DATA, IRI
from kb.model.vocab import CONFIDENCES, TYPE_KEYS
from kb.read.query import run_named

__all__ = ["ROUTES", "sparql_form"]

_ENV = Environment(loader=PackageLoader("kb.serve", "templates"), autoescape=select_autoescape(["html"]))
_ID = str(DATA)  # https://w3id.org/conflict-kb/id/
FOUNDING_QUERY = """PREFIX ckb: <https://w3id.org/conflict-kb/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX actor: <https://w3id.org/conflict-kb/id/actor/>
# who mediated between Israel and Syria (a person counts for the state they represent)
SELECT DISTINCT ?mediatorName ?event WHERE {
  { ?event ckb:party actor:israel } UNION { ?pa ckb:represents actor:israel . ?event ckb:party ?pa }
  { ?event ckb:party actor:syria } UNION { ?pb ckb:represents actor:syria . ?event ckb:party ?pb }
  ?event ckb:mediator ?m .
  OPTIONAL { ?m ckb:represents ?r }
  BIND(COALESCE(?r, ?m) AS ?mediator)
  ?mediator rdfs:label ?mediatorName .
}
ORDER BY ?mediatorName ?event"""


def local(iri: str) -> str:
    """The page of one of the project's IRIs (``/id/...``); other IRIs as they are."""
    return "/id/" + iri[len(_ID) :] if iri.startswith(_ID) else iri


def _page(name: str, request: Request, status: int = 200, **context: Any) -> HTMLResponse:
    template = _ENV.get_template(name)
    html = template.render(request=request, local=local, quote=urllib.parse.quote, **context)
    return HTMLResponse(html, status_code=status)


def _error(request: Request, message: str, status: int = 400) -> HTMLResponse:
    return _page("error.html", request, status=status, title="Cannot answer", message=message)


def _kb(request: Request) -> Any:
    return request.app.state.kb


async def home(request: Request) -> Response:
    stats = await run_in_threadpool(_kb(request).stats)
    return _page(
        "home.html", request, title="conflict-kb", stats=stats, types=list(TYPE_KEYS), confidences=list(CONFIDENCES)
    )


async def ask_page(request: Request) -> Response:
    question = request.query_params.get("q", "").strip()
    if not question:
        return await home(request)
    try:
        answer = await run_in_threadpool(_answer, request, question)
    except KBError as exc:
        lines = str(exc).splitlines()
        offers = [line.strip() for line in lines[1:] if line.startswith("  ")]
        return _page(
            "refused.html",
            request,
            status=422,
            title="Cannot answer",
            question=question,
            message=lines[0],
            offers=offers,
        )
    svg = _svg(answer.read, title=question)
    query = urllib.parse.urlencode({"q": question})
    # the same actors' events on the map (the home page's founding question: its answer, then the map)
    names = [a["name"] for a in answer.bound.get("actors", []) if a.get("roles") != ["about"]][:2]
    map_link = "/map?" + urllib.parse.urlencode([("actor", n) for n in names]) if names else None
    return _page(
        "answer.html",
        request,
        title=question,
        question=question,
        answer=answer,
        svg=svg,
        query=query,
        reading=_reading(answer.bound),
        map_link=map_link,
    )


def _reading(bound: dict[str, Any]) -> list[tuple[str, str]]:
    """How the question was read, as short text: "actors: Israel (parties, participants), Syria"."""
    out = []
    for key, value in bound.items():
        if key == "actors":
            value = ", ".join(a["name"] + (f" ({', '.join(a['roles'])})" if a.get("roles") else "") for a in value)
        elif isinstance(value, list):
            value = ", ".join(str(v) for v in value)
        out.append((key, str(value)))
    return out


def _answer(request: Request, question: str) -> Any:
    return _kb(request).ask(question, limits=request.app.state.limits)


def _svg(events: list[Any], *, title: str, lane=None) -> str:
    from kb.render.svg import timeline_svg

    return timeline_svg(events, href=lambda e: local(e.iri), title=title, lane=lane)


def _filters(request: Request) -> dict[str, Any]:
    params = request.query_params
    return {
        "actors": [a for a in params.getlist("actor") if a.strip()][:4],
        "types": [t for t in params.getlist("type") if t.strip()],
        "place": params.get("place") or None,
        "since": params.get("since") or None,
        "until": params.get("until") or None,
        "confidence": params.get("confidence") or None,
    }


SHOWN = 500  # events a page draws; the downloads hold them all


async def _filtered(request: Request, limit: int | None = None) -> tuple[dict[str, Any], list[Any]]:
    """The page's filters and the events they keep (``kb timeline``, the first ``limit`` by date);
    :class:`KBError` for a bad filter."""
    filters = _filters(request)
    return filters, await run_in_threadpool(lambda: _kb(request).timeline(**filters, limit=limit))


async def events_page(request: Request) -> Response:
    try:
        filters, events = await _filtered(request, limit=SHOWN + 1)  # one more: to say there are more
    except KBError as exc:
        return _error(request, str(exc))
    lanes = request.query_params.get("lanes", "type")
    lane = (lambda e: " – ".join(sorted(e.roles.get("parties", [])[:2])) or e.type) if lanes == "pair" else None
    shown = events[:SHOWN]
    query = urllib.parse.urlencode([(k, v) for k, v in request.query_params.multi_items() if k != "lanes"])
    return _page(
        "events.html",
        request,
        title="Events",
        events=shown,
        total=len(events),
        filters=filters,
        svg=_svg(shown, title="Events", lane=lane),
        query=query,
        lanes=lanes,
        types=list(TYPE_KEYS),
        confidences=list(CONFIDENCES),
    )


async def map_page(request: Request) -> Response:
    """The events the filters keep, by place on a world map; a click on a place or a country filters by it."""
    try:
        filters, events = await _filtered(request)
    except KBError as exc:
        return _error(request, str(exc))
    places, unplaced = await run_in_threadpool(_places, request, events)
    rest = [(k, v) for k, v in request.query_params.multi_items() if k != "place"]

    def href(name: str) -> str:
        return "/events?" + urllib.parse.urlencode([*rest, ("place", name)])

    def country_href(iso: str) -> str | None:
        state = _kb(request).registry.by_iso(iso)
        return href(state.name) if state is not None else None

    from kb.render.map_svg import map_svg

    svg = map_svg(places, href=href, country_href=country_href)
    return _page(
        "map.html",
        request,
        title="Map",
        svg=svg,
        places=places,
        unplaced=unplaced,
        total=len(events),
        filters=filters,
        types=list(TYPE_KEYS),
        confidences=list(CONFIDENCES),
    )


def _places(request: Request, events: list[Any]) -> tuple[list[dict[str, Any]], int]:
    """Events counted by place, with the place's coordinates (a country's centre for a country); and how many
    events have no place that can be drawn."""
    from kb.render.map_svg import country_centres

    kb = _kb(request)
    centres = country_centres()
    counts: dict[str, dict[str, Any]] = {}
    unplaced = 0
    for event in events:
        if not event.place:
            unplaced += 1
            continue
        place = kb.gazetteer.resolve(event.place)
        lon, lat = place.longitude, place.latitude
        if lat is None and place.country is not None and place.country.iso in centres:
            lon, lat = centres[place.country.iso]
        if lat is None or lon is None:
            unplaced += 1
            continue
        entry = counts.setdefault(place.name, {"name": place.name, "longitude": lon, "latitude": lat, "count": 0})
        entry["count"] += 1
    return sorted(counts.values(), key=lambda p: (-p["count"], p["name"])), unplaced


async def event_page(request: Request) -> Response:
    ref = f"{request.path_params['article']}/{request.path_params['event']}"
    try:
        event = await run_in_threadpool(_kb(request).show, ref)
    except KBError as exc:
        return _error(request, str(exc), status=404)
    names = await run_in_threadpool(_names, request, event)
    about = [{"id": a, "href": f"/id/event/{a}"} for a in event.about]
    return _page(
        "event.html",
        request,
        title=event.label,
        event=event,
        names=names,
        about=about,
        svg=_svg([event], title=event.label),
    )


def _names(request: Request, event: Any) -> dict[str, str]:
    """Actor names of an event -> their pages (a name the registry does not resolve is left unlinked)."""
    kb = _kb(request)
    out = {}
    for labels in event.roles.values():
        for label in labels:
            try:
                out[label] = f"/id/actor/{kb.resolve_actor(label).key}"
            except KBError:
                continue
    return out


async def actor_page(request: Request) -> Response:
    key = request.path_params["key"]
    kb = _kb(request)
    if key not in kb.registry:
        return _error(request, f"no actor '{key}' in the registry", status=404)
    actor = kb.registry.get(key)
    try:
        info = await run_in_threadpool(kb.actor, actor.name)
    except KBError as exc:
        return _error(request, str(exc), status=404)
    people = sorted(
        (a for a in kb.registry if a.type == "person" and any(r.key == key for r in kb.registry.represented(a))),
        key=lambda a: a.name,
    )
    iri = info.iri
    mediated = [e for e in info.events if iri in e.actor_iris.get("mediator", ())]
    return _page(
        "actor.html",
        request,
        title=info.name,
        actor=info,
        people=people,
        mediated=mediated,
        svg=_svg(info.events, title=info.name),
    )


async def place_page(request: Request) -> Response:
    from kb.model.iris import iri_safe

    key = request.path_params["key"]
    kb = _kb(request)
    if not iri_safe(key):
        return _error(request, f"no place '{key}' in the knowledge base", status=404)
    iri = str(place_iri(key))
    found = await run_in_threadpool(lambda: run_named(kb.store, "place", place=IRI(iri)))
    if not found:
        return _error(request, f"no place '{key}' in the knowledge base", status=404)
    name = found[0]["name"]
    place = kb.gazetteer.resolve(name)
    events = await run_in_threadpool(lambda: [e for e in kb.timeline(place=name) if e.place_iri == iri])
    country = local(found[0]["country"]) if found[0].get("country") else None
    return _page(
        "place.html",
        request,
        title=name,
        place_name=name,
        place=place,
        country=country,
        events=events,
        svg=_svg(events, title=name),
    )


async def article_page(request: Request) -> Response:
    from kb.model.iris import article_graph
    from kb.read.planner import read_events

    article_id = request.path_params["article"]
    kb = _kb(request)
    found = [s for s in await run_in_threadpool(kb.sources) if s["id"] == article_id]
    if not found:
        return _error(request, f"no article '{article_id}' in the knowledge base", status=404)

    def events() -> list[Any]:
        rows = run_named(kb.store, "article-events", g=article_graph(article_id))
        read = read_events(kb.store, [r["event"] for r in rows]).values()
        return sorted(read, key=lambda e: (e.start or e.end or dt.date.min, e.iri))

    reported = await run_in_threadpool(events)
    return _page(
        "article.html",
        request,
        title=found[0]["title"],
        article=found[0],
        events=reported,
        svg=_svg(reported, title=found[0]["title"]),
    )


async def sparql_form(request: Request) -> Response:
    return _page("sparql.html", request, title="SPARQL", query=FOUNDING_QUERY)


async def sparql_results(request: Request, query: str, result: Any) -> Response:
    """A query's results for a browser: the form again, with the results as a table (or the triples)."""
    from kb.render.text import sparql_rows

    rows = sparql_rows(result) if result.kind == "select" else []
    triples = [str(t) for t in result.triples or []] if result.kind == "graph" else []
    return _page("sparql.html", request, title="SPARQL", query=query, result=result, rows=rows, triples=triples)


# -- downloads ---------------------------------------------------------------


async def ask_download(request: Request) -> Response:
    fmt = request.path_params["fmt"]
    if fmt not in ("csv", "xlsx", "rq"):
        return Response(f"no download as .{fmt}: csv, xlsx or rq\n", status_code=404, media_type="text/plain")
    question = request.query_params.get("q", "").strip()
    try:
        answer = await run_in_threadpool(_answer, request, question)
    except KBError as exc:
        return Response(f"{exc}\n", status_code=422, media_type="text/plain")
    if fmt == "rq":
        return _file(answer.sparql.encode("utf-8"), "application/sparql-query", "answer.rq")
    return _table_file(answer.rows, answer.columns + ["event"], fmt, "answer")


async def events_download(request: Request) -> Response:
    from kb.render.text import TIMELINE_COLUMNS, timeline_rows

    if request.path_params["fmt"] not in ("csv", "xlsx"):
        return Response("no such download: csv or xlsx\n", status_code=404, media_type="text/plain")
    try:
        _, events = await _filtered(request)
    except KBError as exc:
        return Response(f"{exc}\n", status_code=400, media_type="text/plain")
    rows = timeline_rows(events)
    for row, event in zip(rows, events, strict=True):
        row["id"] = event.id
    return _table_file(rows, [*TIMELINE_COLUMNS, "id"], request.path_params["fmt"], "events")


def _table_file(rows: list[dict[str, Any]], columns: list[str], fmt: str, name: str) -> Response:
    if fmt == "xlsx":
        from kb.render.xlsx import workbook

        data = workbook(rows, columns, sheet=name)
        return _file(data, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", f"{name}.xlsx")
    from kb.render.text import csv_text  # what kb's --format csv writes

    return _file((csv_text(rows, columns) + "\n").encode("utf-8"), "text/csv; charset=utf-8", f"{name}.csv")


def _file(data: bytes, media_type: str, filename: str) -> Response:
    return Response(data, media_type=media_type, headers={"Content-Disposition": f'attachment; filename="{filename}"'})


ROUTES = [
    ("/", home),
    ("/ask", ask_page),
    ("/ask.{fmt:str}", ask_download),
    ("/events", events_page),
    ("/events.{fmt:str}", events_download),
    ("/map", map_page),
    ("/id/event/{article}/{event}", event_page),
    ("/id/actor/{key}", actor_page),
    ("/id/place/{key}", place_page),
    ("/id/article/{article}", article_page),
]
