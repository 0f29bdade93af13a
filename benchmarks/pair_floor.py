"""The busiest pair's timeline against its floor: SPARQL reading the same fields of the same events.

    python benchmarks/pair_floor.py STORE [--runs 5]

Issue 17 asked for a window's events to be read "by one SELECT, shaped after
the floor". The floor is measured here as the engine would do it at best: the
index keys of the window bound in a sub-select, the article graph bound, the
window test inside, and one query for each kind of field an answer shows —
the claims (label, date as written, bounds, precision, source, confidence),
the actors in their roles with whom they act for, the sources' quotes and
articles. (One query for all three multiplies the rows: every role times
every quote.) ``kb.timeline`` reads the same fields through the quad indexes
(kb/read/facts.py) and also decides the answer; both run back to back here,
medians of ``--runs``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

import pyoxigraph as ox

sys.path.insert(0, str(Path(__file__).resolve().parent))

from backend import median_ms  # noqa: E402

from kb import KnowledgeBase  # noqa: E402
from kb.model.iris import actor_iri  # noqa: E402
from kb.store.index import window_keys  # noqa: E402

PREFIXES = """PREFIX ckb: <https://w3id.org/conflict-kb/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
"""
CANDIDATES = "{ SELECT DISTINCT ?event WHERE { VALUES ?k { %(keys)s } ?event ckb:indexKey ?k ; ckb:indexActor %(b)s } }"
INSIDE = 'FILTER(?eb >= "%(first)s"^^xsd:date && ?le <= "%(last)s"^^xsd:date)'
FIELDS = {
    "claims": """SELECT ?event ?g ?key ?text ?dateText ?precision ?node ?eb ?lb ?ee ?le ?extra WHERE {
  %(candidates)s
  GRAPH ?g {
    ?c ckb:claimOf ?event ; rdfs:label ?text ; ckb:dateText ?dateText ; ckb:precision ?precision ; ckb:source ?node ;
       ckb:earliestBegin ?eb ; ckb:latestEnd ?le .
    %(inside)s
    ?event a ?key . FILTER(?key != ckb:Event)
    OPTIONAL { ?c ckb:latestBegin ?lb } OPTIONAL { ?c ckb:earliestEnd ?ee } OPTIONAL { ?c ckb:confidence ?extra }
  }
}""",
    "roles": """SELECT ?event ?g ?key ?node ?text ?rep ?extra WHERE {
  %(candidates)s
  GRAPH ?g { ?c ckb:claimOf ?event ; ckb:earliestBegin ?eb ; ckb:latestEnd ?le . %(inside)s
             VALUES ?key { %(roles)s } ?event ?key ?node . }
  ?node rdfs:label ?text .
  OPTIONAL { ?node ckb:represents ?rep . ?rep rdfs:label ?extra }
}""",
    "sources": """SELECT ?event ?g ?node ?text ?extra ?publisher ?published ?url WHERE {
  %(candidates)s
  GRAPH ?g { ?c ckb:claimOf ?event ; ckb:earliestBegin ?eb ; ckb:latestEnd ?le ; ckb:evidence ?evidence . %(inside)s
             ?evidence ckb:article ?node ; ckb:quote ?extra .
             ?node ckb:headline ?text ; ckb:publisher ?publisher ; ckb:published ?published .
             OPTIONAL { ?node ckb:url ?url } }
}""",
}


def floor_queries(kb: KnowledgeBase, a: str, b: str, first: dt.date, last: dt.date) -> dict[str, str]:
    """The three SELECTs, every value written in as an RDF term (benchmark input, not user text)."""
    store = kb.store.embedded
    a_iri, b_iri = (actor_iri(kb.resolve_actor(x)) for x in (a, b))
    involves = ox.NamedNode("https://w3id.org/conflict-kb/ontology#involves")
    sub = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#subPropertyOf")
    values = {
        "keys": " ".join(str(ox.NamedNode(str(k))) for k in window_keys(a_iri, first, last) or ()),
        "b": str(ox.NamedNode(str(b_iri))),
        "first": first.isoformat(),
        "last": last.isoformat(),
        "roles": " ".join(str(q.subject) for q in store.quads_for_pattern(None, sub, involves, None)),
    }
    values["candidates"] = CANDIDATES % values
    values["inside"] = INSIDE % values
    return {name: PREFIXES + text % values for name, text in FIELDS.items()}


def measure(store_path: Path, a: str = "Israel", b: str = "Syria", year: int = 2023, runs: int = 5) -> dict:
    kb = KnowledgeBase.open(store_path, read_only=True)
    try:
        first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
        queries = floor_queries(kb, a, b, first, last)
        store = kb.store.embedded

        def rows(query: str) -> list[tuple]:
            return [tuple(r) for r in store.query(query, use_default_graph_as_union=True)]

        def floor() -> int:
            return sum(len(rows(q)) for q in queries.values())

        events = len(kb.timeline(actors=[a, b], since=str(year), until=str(year)))
        out = {
            "pair": f"{a}–{b} {year}",
            "events": events,
            "floor_rows": floor(),
            "per_query_ms": {
                name: median_ms(lambda q=q: rows(q), runs) for name, q in queries.items()
            },
            "floor_ms": median_ms(floor, runs),
            "timeline_ms": median_ms(lambda: kb.timeline(actors=[a, b], since=str(year), until=str(year)), runs),
        }
        out["ratio"] = out["timeline_ms"] / out["floor_ms"]
        return out
    finally:
        kb.close()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("store", type=Path)
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    r = measure(args.store, runs=args.runs)
    parts = ", ".join(f"{k} {v:.0f} ms" for k, v in r["per_query_ms"].items())
    print(f"{r['pair']}: {r['events']} events; floor {r['floor_ms']:.0f} ms ({r['floor_rows']} rows: {parts});"
          f" kb.timeline {r['timeline_ms']:.0f} ms = {r['ratio']:.2f}x the floor")


if __name__ == "__main__":
    main()
