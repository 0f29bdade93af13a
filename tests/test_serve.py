"""`kb serve` as a real process on 127.0.0.1: the SPARQL 1.1 Protocol endpoint, the pages and the downloads.

Standard clients are used unchanged: urllib for the protocol, rdflib's SPARQLStore, and `kb --endpoint`.
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET

import pyoxigraph as ox
import pytest

from helpers import ALL_EXAMPLES, ROOT
from serve_server import KB, Served

FOUNDING = (ROOT / "examples" / "queries" / "who-mediated-israel-syria-after-2024-12.rq").read_text(encoding="utf-8")
EVENT = "/id/event/washington-examiner-2026-01-06/paris-talks"


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    path = tmp_path_factory.mktemp("serve") / "store"
    subprocess.run([KB, "--store", str(path), "ingest", str(ALL_EXAMPLES)], check=True, capture_output=True)
    return path


@pytest.fixture(scope="module")
def served(store):
    server = Served(store)
    yield server
    err = server.stop()
    assert "Traceback" not in err, err  # no request failed with an unhandled error


def _get(url: str, accept: str | None = None) -> tuple[int, str, bytes]:
    request = urllib.request.Request(url, headers={"Accept": accept} if accept else {})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.headers.get("Content-Type", ""), response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers.get("Content-Type", ""), exc.read()


def _post(url: str, data: bytes, ctype: str, accept: str | None = None) -> tuple[int, str, bytes]:
    headers = {"Content-Type": ctype, **({"Accept": accept} if accept else {})}
    request = urllib.request.Request(url, data=data, headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.headers.get("Content-Type", ""), response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers.get("Content-Type", ""), exc.read()


def _query(served, text: str) -> str:
    return f"{served.url}/sparql?{urllib.parse.urlencode({'query': text})}"


def _embedded(store, text: str) -> list[dict]:
    """The founding query's rows as `kb query` gives them on the same store (JSON)."""
    out = subprocess.run([KB, "--store", str(store), "query", text, "--format", "json"], check=True,
                         capture_output=True, text=True).stdout
    return json.loads(out)["results"]["bindings"]


def test_the_founding_query_by_get_and_post_gives_kb_querys_rows(served, store):
    expected = _embedded(store, FOUNDING)
    assert expected
    status, ctype, body = _get(_query(served, FOUNDING))
    assert status == 200 and ctype.startswith("application/sparql-results+json")
    assert json.loads(body)["results"]["bindings"] == expected
    form = urllib.parse.urlencode({"query": FOUNDING}).encode()
    status, _, body = _post(served.url + "/sparql", form, "application/x-www-form-urlencoded")
    assert status == 200 and json.loads(body)["results"]["bindings"] == expected
    status, _, body = _post(served.url + "/sparql", FOUNDING.encode(), "application/sparql-query")
    assert status == 200 and json.loads(body)["results"]["bindings"] == expected


def test_results_follow_the_accept_header(served):
    select = "SELECT ?e ?label WHERE { ?c ckb:claimOf ?e ; rdfs:label ?label } ORDER BY ?e LIMIT 3"
    status, ctype, body = _get(_query(served, select), "application/sparql-results+xml")
    assert status == 200 and "sparql-results+xml" in ctype
    assert len(ET.fromstring(body).findall(".//{http://www.w3.org/2005/sparql-results#}result")) == 3
    status, ctype, body = _get(_query(served, select), "text/csv")
    assert status == 200 and ctype.startswith("text/csv")
    assert list(csv.reader(io.StringIO(body.decode())))[0] == ["e", "label"]
    status, ctype, body = _get(_query(served, select), "text/tab-separated-values")
    assert status == 200 and body.decode().splitlines()[0] == "?e\t?label"
    ask = "ASK { ?e a ckb:Mediation }"
    assert json.loads(_get(_query(served, ask))[2]) == {"head": {}, "boolean": True}
    construct = "CONSTRUCT { ?e a ckb:Mediation } WHERE { ?e a ckb:Mediation }"
    status, ctype, body = _get(_query(served, construct), "text/turtle")
    assert status == 200 and ctype.startswith("text/turtle") and len(list(ox.parse(body, format=ox.RdfFormat.TURTLE)))
    status, ctype, body = _get(_query(served, construct), "application/n-triples")
    assert status == 200 and len(body.decode().strip().splitlines()) == len(list(ox.parse(body, format=ox.RdfFormat.N_TRIPLES)))
    assert _get(_query(served, select), "image/png")[0] == 406


@pytest.mark.parametrize("request_kind", ["form", "body", "get"])
def test_updates_are_refused(served, store, request_kind):
    drop = "DROP ALL"
    if request_kind == "form":
        status, _, body = _post(served.url + "/sparql", urllib.parse.urlencode({"update": drop}).encode(),
                                "application/x-www-form-urlencoded")
    elif request_kind == "body":
        status, _, body = _post(served.url + "/sparql", drop.encode(), "application/sparql-update")
    else:
        status, _, body = _get(f"{served.url}/sparql?{urllib.parse.urlencode({'update': drop})}")
    assert status == 403 and b"read-only" in body
    assert _embedded(store, FOUNDING)  # nothing dropped


@pytest.mark.parametrize("text,message", [
    ("SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }", b"could reach the network"),
    ("SELECT * WHERE { ?s ?p }", b"invalid SPARQL query"),
])
def test_refused_queries_say_why(served, text, message):
    status, _, body = _get(_query(served, text))
    assert status == 400 and message in body


def test_the_limits_are_the_servers(store):
    server = Served(store, "--max-rows", "5", "--timeout", "1")
    try:
        status, _, body = _get(_query(server, "SELECT * WHERE { ?s ?p ?o }"))
        assert status == 503 and b"more than 5 rows" in body
        status, _, body = _get(_query(server, "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"))
        assert status == 503 and b"time limit of 1 s" in body
        assert _get(_query(server, "ASK { ?s ?p ?o }"))[0] == 200  # and it goes on answering
    finally:
        server.stop()


def test_rdflib_sparqlstore_gets_the_founding_answer(served, store):
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    client = SPARQLStore(served.url + "/sparql")
    rows = list(client.query(FOUNDING))
    assert {str(r[0]) for r in rows} == {b["mediator"]["value"] for b in _embedded(store, FOUNDING)}
    assert "United States" in {str(r[0]) for r in rows}


@pytest.mark.parametrize("args", [
    ("mediators", "Israel", "Syria"),
    ("timeline", "--actor", "Qatar"),
    ("ask", "Did the US mediate between Israel and Iran?"),
    ("show", "washington-examiner-2026-01-06/paris-talks"),
])
def test_kb_pointed_at_the_endpoint_answers_as_the_store_does(served, store, args):
    remote = subprocess.run([KB, "--endpoint", served.url + "/sparql", *args], capture_output=True, text=True)
    local = subprocess.run([KB, "--store", str(store), *args], capture_output=True, text=True)
    assert remote.returncode == 0, remote.stderr
    assert remote.stdout == local.stdout


@pytest.mark.parametrize("path,expected", [
    ("/", b"Ask the knowledge base"),
    ("/ask?q=" + urllib.parse.quote("who mediated Israel–Syria talks after Dec 2024"), b"United States"),
    ("/ask?q=" + urllib.parse.quote("Did the US mediate between Israel and Iran?"), b"<strong>yes</strong>"),
    ("/events?actor=Israel&actor=Syria&since=2025&until=2025", b"Shaibani and Dermer meet in Paris"),
    ("/events?type=ceasefire&lanes=pair", b"<svg"),
    (EVENT, b"The talks in Paris were mediated by Tom Barrack"),
    ("/id/actor/qatar", b"declaration of principles"),
    ("/id/actor/united-states", b"Tom Barrack"),
    ("/id/place/doha-qa", b"Doha accord"),
    ("/id/article/al-jazeera-2026-01-06", b"Israel, Syria agree to dedicated communication line"),
    ("/map", b"<title>Doha: 5 events</title>"),
    ("/map?actor=Israel&actor=Syria", b"<title>Paris: 2 events</title>"),
])
def test_pages(served, path, expected):
    status, ctype, body = _get(served.url + path)
    assert status == 200 and ctype.startswith("text/html"), (path, body[:300])
    assert expected in body, path


def test_every_event_iri_resolves_to_its_page(served, store):
    rows = _embedded(store, "SELECT DISTINCT ?e WHERE { ?c ckb:claimOf ?e } ORDER BY ?e")
    for row in rows:
        iri = row["e"]["value"]
        path = "/" + iri.split("/conflict-kb/", 1)[1]
        status, _, body = _get(served.url + path)
        assert status == 200, iri
        assert iri.encode() in body


@pytest.mark.parametrize("path,status,message", [
    ("/id/event/nowhere/nothing", 404, b"no event"),
    ("/id/event/a%20b/c%3Ed", 404, b"no event"),  # what no IRI may hold: words to search for, not an IRI
    ("/id/place/a%3Eb", 404, b"no place"),
    ("/id/actor/atlantis", 404, b"no actor"),
    ("/id/place/atlantis", 404, b"no place"),
    ("/ask?q=" + urllib.parse.quote("what is the capital of Syria"), 422, b"did not understand"),
    ("/events?actor=Atlantis", 400, b"unknown actor"),
    ("/ask.exe?q=x", 404, b"no download"),
])
def test_what_cannot_be_shown_says_why(served, path, status, message):
    got, _, body = _get(served.url + path)
    assert got == status and message in body, body[:300]


def test_downloads_hold_the_answers_rows(served):
    import openpyxl

    q = urllib.parse.urlencode({"q": "list ceasefires in 2023"})
    status, ctype, body = _get(f"{served.url}/ask.csv?{q}")
    assert status == 200 and ctype.startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(body.decode())))
    assert {r["what"] for r in rows} >= {"bilateral, national and temporary ceasefire"}
    status, ctype, body = _get(f"{served.url}/ask.xlsx?{q}")
    assert status == 200 and "spreadsheetml" in ctype
    sheet = openpyxl.load_workbook(io.BytesIO(body)).active
    table = [[c.value for c in row] for row in sheet.iter_rows()]
    assert table[0][: len(rows[0])] == list(rows[0]) and len(table) == len(rows) + 1
    assert {row[table[0].index("what")] for row in table[1:]} == {r["what"] for r in rows}
    status, _, body = _get(f"{served.url}/ask.rq?{q}")
    assert status == 200 and body.startswith(b"# ask/events.rq")
    status, _, body = _get(f"{served.url}/events.csv?actor=Israel&actor=Syria&since=2025&until=2025")
    events = list(csv.DictReader(io.StringIO(body.decode())))
    assert status == 200 and "today-headline-2025-07-30/paris-meeting" in {r["id"] for r in events}
    status, _, body = _get(f"{served.url}/events.xlsx?actor=Israel&actor=Syria&since=2025&until=2025")
    assert status == 200 and openpyxl.load_workbook(io.BytesIO(body)).active.max_row == len(events) + 1


def test_a_foreign_host_name_and_a_huge_body_are_refused(served):
    request = urllib.request.Request(served.url + "/", headers={"Host": "attacker.example"})
    with pytest.raises(urllib.error.HTTPError) as info:  # DNS rebinding: a name that is not this machine's
        urllib.request.urlopen(request, timeout=30)
    assert info.value.code == 400
    import http.client

    # a body said to be 2 MB: refused from its header, before it is read (so none is sent here)
    connection = http.client.HTTPConnection("127.0.0.1", served.port, timeout=30)
    connection.putrequest("POST", "/sparql")
    connection.putheader("Content-Type", "application/sparql-query")
    connection.putheader("Content-Length", str(2 << 20))
    connection.endheaders()
    response = connection.getresponse()
    assert response.status == 413 and b"larger than" in response.read()
    connection.close()


def test_the_founding_answer_and_its_map_are_two_clicks_from_home(served):
    """Home -> the founding question (a timeline) -> its actors on the map, following the pages' own links."""
    import re

    _, _, home = _get(served.url + "/")
    first = re.search(rb'<li><a href="(/ask\?q=[^"]+)">who mediated Israel', home).group(1).decode()
    _, _, answer = _get(served.url + first)
    assert b'<svg' in answer and b"United States" in answer
    link = re.search(rb'<a class="map-link" href="([^"]+)"', answer).group(1).decode().replace("&amp;", "&")
    assert link == "/map?actor=Israel&actor=Syria"
    _, _, page = _get(served.url + link)
    assert b'<svg' in page and b"<title>Paris: 2 events</title>" in page
