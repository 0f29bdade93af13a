"""The scale benchmark: ingest, size, and query latency at growing sizes, against rdflib in the same run.

    python benchmarks/run.py --sizes 10000 100000 [--rdflib-up-to 100000]

For each size it writes seeded synthetic JSON Lines (benchmarks/synthetic.py:
Zipf-skewed actors over 2,000 names, every event type, vague and open dates),
ingests them with a real `kb ingest` process (wall time, peak memory, store
size), then times in the library (median of 7 runs) and as whole `kb`
processes: an actor-pair timeline over one year, mediators, an aggregate
(events per type per year) and a Turtle export. The same SPARQL runs on
rdflib's in-memory store loaded with the same data, for the ratio. Prints
Markdown for BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox

sys.path.insert(0, str(Path(__file__).resolve().parent))

from backend import median_ms  # noqa: E402
from synthetic import write_jsonl  # noqa: E402

from kb import KnowledgeBase  # noqa: E402
from kb.mapping import actor_iri  # noqa: E402
from kb.query import named_query  # noqa: E402

KB = str(Path(sys.executable).with_name("kb"))
AGGREGATE = """PREFIX ckb: <https://w3id.org/conflict-kb/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?type ?year (COUNT(DISTINCT ?event) AS ?events) WHERE {
  ?event a ?class ; ckb:earliestBegin ?begin . ?class rdfs:label ?type .
  BIND(YEAR(?begin) AS ?year)
} GROUP BY ?type ?year ORDER BY ?type ?year"""


def process_s(*args: str) -> float:
    t = time.perf_counter()
    subprocess.run([KB, *args], check=True, capture_output=True)
    return time.perf_counter() - t


def du(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def run_size(n: int, rdflib_up_to: int) -> dict:
    tmp = Path(tempfile.mkdtemp(prefix=f"kb-bench-{n}-"))
    try:
        data = write_jsonl(tmp / "events.jsonl", n)
        store = tmp / "store"
        store.mkdir()
        shutil.copy(data.with_suffix(".actors.yaml"), store / "actors.yaml")
        before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        t = time.perf_counter()
        subprocess.run([KB, "--store", str(store), "ingest", str(data)], check=True, capture_output=True)
        ingest_s = time.perf_counter() - t
        peak_mb = max(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, before) / 1024
        size_mb = du(store) / 1e6
        out = {"events": n, "ingest_s": ingest_s, "rate": n / ingest_s, "peak_mb": peak_mb, "store_mb": size_mb}

        kb = KnowledgeBase.open(store, read_only=True)
        out["quads"] = len(kb.store.inner)
        window = dict(since="2023", until="2023")
        out["timeline_ms"] = median_ms(lambda: kb.timeline(actors=["Israel", "Syria"], **window))
        out["mediators_ms"] = median_ms(lambda: kb.mediators("Israel", "Syria", **window))
        out["aggregate_ms"] = median_ms(lambda: kb.query(AGGREGATE).rows)
        t = time.perf_counter()
        kb.export("ttl", tmp / "export.ttl")
        out["export_s"] = time.perf_counter() - t
        out["timeline_rows"] = len(kb.timeline(actors=["Israel", "Syria"], **window))
        s = str(store)
        out["p_timeline_s"] = statistics.median(process_s("--store", s, "timeline", "--actor", "Israel", "--actor",
                                                          "Syria", "--since", "2023", "--until", "2023",
                                                          "--format", "json") for _ in range(3))
        out["p_mediators_s"] = statistics.median(process_s("--store", s, "mediators", "Israel", "Syria", "--since",
                                                           "2023", "--until", "2023") for _ in range(3))
        out["p_help_s"] = statistics.median(process_s("--help") for _ in range(5))

        if n <= rdflib_up_to:  # the same SPARQL on rdflib's memory store
            import rdflib
            from rdflib.plugins.sparql import prepareQuery

            israel, syria = (str(actor_iri(kb.resolve_actor(a))) for a in ("Israel", "Syria"))
            nq = kb.export("nq", with_ontology=True)
            t = time.perf_counter()
            ds = rdflib.Dataset(default_union=True)
            ds.parse(data=nq, format="nquads")
            out["rdflib_load_s"] = time.perf_counter() - t
            first, last = dt.date(2023, 1, 1), dt.date(2023, 12, 31)
            lit = lambda d: rdflib.Literal(d.isoformat(), datatype=rdflib.XSD.date)  # noqa: E731
            cases = {
                "timeline": (named_query("timeline-actor"), dict(actor1=rdflib.URIRef(israel),
                                                                  actor2=rdflib.URIRef(syria), first=lit(first),
                                                                  last=lit(last))),
                "mediators": (named_query("mediators"), dict(a=rdflib.URIRef(israel), b=rdflib.URIRef(syria))),
                "aggregate": (AGGREGATE, {}),
            }
            subs = {
                "timeline": {"actor1": ox.NamedNode(israel), "actor2": ox.NamedNode(syria),
                             "first": ox.Literal("2023-01-01", datatype=ox.NamedNode(str(rdflib.XSD.date))),
                             "last": ox.Literal("2023-12-31", datatype=ox.NamedNode(str(rdflib.XSD.date)))},
                "mediators": {"a": ox.NamedNode(israel), "b": ox.NamedNode(syria)},
                "aggregate": {},
            }
            for name, (text, bindings) in cases.items():
                q = prepareQuery(text)
                out[f"rdflib_{name}_ms"] = median_ms(lambda: list(ds.query(q, initBindings=bindings)), repeat=3)
                out[f"ox_{name}_ms"] = median_ms(lambda: list(kb.store.query(text, subs[name])))
        kb.close()
        return out
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    ap.add_argument("--rdflib-up-to", type=int, default=100_000)
    args = ap.parse_args()
    results = [run_size(n, args.rdflib_up_to) for n in args.sizes]
    print(f"Machine: {os.cpu_count()} cores, {platform.machine()}, {platform.system()} {platform.release()}, "
          f"Python {platform.python_version()}, pyoxigraph {ox.__version__}; {dt.date.today()}\n")
    print("| events | quads | ingest (s) | events/s | peak memory (MB) | store (MB) | export ttl (s) |")
    print("|---|---|---|---|---|---|---|")
    for r in results:
        print(f"| {r['events']:,} | {r['quads']:,} | {r['ingest_s']:.1f} | {r['rate']:,.0f} | {r['peak_mb']:,.0f} | "
              f"{r['store_mb']:,.0f} | {r['export_s']:.1f} |")
    print("\nIn the library (median of 7), and as a whole `kb` process (median of 3):\n")
    print("| events | timeline pair, 1 year (ms) | rows | mediators (ms) | per type per year (ms) | "
          "`kb timeline` (s) | `kb mediators` (s) | `kb --help` (s) |")
    print("|---|---|---|---|---|---|---|---|")
    for r in results:
        print(f"| {r['events']:,} | {r['timeline_ms']:.1f} | {r['timeline_rows']} | {r['mediators_ms']:.1f} | "
              f"{r['aggregate_ms']:.1f} | {r['p_timeline_s']:.2f} | {r['p_mediators_s']:.2f} | {r['p_help_s']:.2f} |")
    print("\nThe same SPARQL on pyoxigraph and on rdflib's memory store (median; rdflib of 3):\n")
    print("| events | query | pyoxigraph (ms) | rdflib (ms) | rdflib / pyoxigraph |")
    print("|---|---|---|---|---|")
    for r in results:
        for name in ("timeline", "mediators", "aggregate"):
            if f"rdflib_{name}_ms" in r:
                ox_ms, rd_ms = r[f"ox_{name}_ms"], r[f"rdflib_{name}_ms"]
                print(f"| {r['events']:,} | {name} | {ox_ms:.1f} | {rd_ms:.1f} | {rd_ms / ox_ms:.0f}× |")


if __name__ == "__main__":
    main()
