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
from pair_floor import measure as measure_floor  # noqa: E402
from pairs import measure as measure_pairs, table as pairs_table  # noqa: E402
from synthetic import write_jsonl  # noqa: E402

from kb import KnowledgeBase  # noqa: E402
from kb.model.iris import actor_iri  # noqa: E402
from kb.store.index import window_keys  # noqa: E402
from kb.read.binding import bind  # noqa: E402
from kb.read.query import named_query  # noqa: E402

KB = str(Path(sys.executable).with_name("kb"))
PEAK_OF = ("import resource, subprocess, sys, time; t = time.perf_counter(); subprocess.run(sys.argv[1:], check=True); "
           "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)")
AGGREGATE = """PREFIX ckb: <https://w3id.org/conflict-kb/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?type ?year (COUNT(DISTINCT ?event) AS ?events) WHERE {
  ?event a ?class . ?claim ckb:claimOf ?event ; ckb:earliestBegin ?begin . ?class rdfs:label ?type .
  FILTER(?class != ckb:Event)
  BIND(YEAR(?begin) AS ?year)
} GROUP BY ?type ?year ORDER BY ?type ?year"""


# Processes run as on a user's machine, compiled modules cached (a sandbox's PYTHONDONTWRITEBYTECODE made each
# `kb` process compile the package again, ~70 ms).
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
EXAMPLES = str(Path(__file__).resolve().parent.parent / "examples" / "israel-syria")  # the 13 files, 59 events


def process_s(*args: str) -> float:
    return timed_s([KB, *args])


def timed_s(argv: list[str]) -> float:
    t = time.perf_counter()
    subprocess.run(argv, check=True, capture_output=True, env=ENV)
    return time.perf_counter() - t


def floors(store: Path, tmp: Path, reps: int) -> dict:
    """Issue 17's rows that need a floor measured in the same run: a careful ingest into this store against
    one into an empty store, and a question's process against Python importing pyoxigraph."""
    large, empty = [], []
    for i in range(reps):
        copy = tmp / f"copy{i}"
        shutil.copytree(store, copy)
        large.append(process_s("--store", str(copy), "ingest", EXAMPLES))
        empty.append(process_s("--store", str(tmp / f"empty{i}"), "ingest", EXAMPLES))
        shutil.rmtree(copy)
        shutil.rmtree(tmp / f"empty{i}")
    return {
        "into_large_s": statistics.median(large),
        "into_empty_s": statistics.median(empty),
        "import_floor_s": statistics.median(timed_s([sys.executable, "-c", "import pyoxigraph"]) for _ in range(7)),
    }


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
        out["quads"] = len(kb.store.embedded)
        reps = 7 if n < 1_000_000 else 3
        window = dict(since="2023", until="2023")
        israel, syria = (actor_iri(kb.resolve_actor(a)) for a in ("Israel", "Syria"))
        keys = window_keys(israel, dt.date(2023, 1, 1), dt.date(2023, 12, 31))
        index_q = named_query("timeline-index")
        probe = lambda: [r for k in keys for r in kb.store.query(bind(index_q, {  # noqa: E731
            "key": ox.NamedNode(str(k)), "actor2": ox.NamedNode(str(syria))}))]
        out["find_ms"] = median_ms(probe, repeat=reps)  # the access path alone: which events
        out["timeline_ms"] = median_ms(lambda: kb.timeline(actors=["Israel", "Syria"], **window), repeat=reps)
        out["mediators_ms"] = median_ms(lambda: kb.mediators("Israel", "Syria", **window), repeat=reps)
        out["aggregate_ms"] = median_ms(lambda: kb.query(AGGREGATE).rows, repeat=reps)
        # the export as a whole `kb export` process, its own peak memory measured by a wrapper
        peak = subprocess.run([sys.executable, "-c", PEAK_OF, KB, "--store", str(store), "export", "--format", "ttl",
                               "-o", str(tmp / "export.ttl")], check=True, capture_output=True, text=True)
        out["export_s"], out["export_peak_mb"] = (float(x) for x in peak.stdout.split())
        out["export_mb"] = (tmp / "export.ttl").stat().st_size / 1e6
        (tmp / "export.ttl").unlink()
        out["timeline_rows"] = len(kb.timeline(actors=["Israel", "Syria"], **window))
        s = str(store)
        out["p_timeline_s"] = statistics.median(process_s("--store", s, "timeline", "--actor", "Israel", "--actor",
                                                          "Syria", "--since", "2023", "--until", "2023",
                                                          "--format", "json") for _ in range(3))
        out["p_mediators_s"] = statistics.median(process_s("--store", s, "mediators", "Israel", "Syria", "--since",
                                                           "2023", "--until", "2023") for _ in range(3))
        out["p_help_s"] = statistics.median(process_s("--help") for _ in range(5))
        out.update(floors(store, tmp, 3 if n < 1_000_000 else 1))
        kb.close()
        out["pairs"] = measure_pairs(store)  # typical pairs beside the busiest (benchmarks/pairs.py)
        out["floor"] = measure_floor(store, runs=reps)  # the busiest pair against SPARQL reading its fields
        kb = KnowledgeBase.open(store, read_only=True)

        if n <= rdflib_up_to:  # the same SPARQL on rdflib's memory store
            import rdflib
            from rdflib.plugins.sparql import prepareQuery

            israel, syria = str(israel), str(syria)
            # the whole dataset, index graphs included (an export leaves them out: they are derived)
            nq = ox.serialize(kb.store.quads(), format=ox.RdfFormat.N_QUADS)
            t = time.perf_counter()
            ds = rdflib.Dataset(default_union=True)
            ds.parse(data=nq, format="nquads")
            out["rdflib_load_s"] = time.perf_counter() - t
            first, last = dt.date(2023, 1, 1), dt.date(2023, 12, 31)
            lit = lambda d: rdflib.Literal(d.isoformat(), datatype=rdflib.XSD.date)  # noqa: E731
            cases = {
                "timeline-scan": (named_query("timeline-actor"), dict(actor1=rdflib.URIRef(israel),
                                                                       actor2=rdflib.URIRef(syria), first=lit(first),
                                                                       last=lit(last))),
                "mediators": (named_query("mediators"), dict(a=rdflib.URIRef(israel), b=rdflib.URIRef(syria))),
                "aggregate": (AGGREGATE, {}),
            }
            subs = {
                "timeline-scan": {"actor1": ox.NamedNode(israel), "actor2": ox.NamedNode(syria),
                             "first": ox.Literal("2023-01-01", datatype=ox.NamedNode(str(rdflib.XSD.date))),
                             "last": ox.Literal("2023-12-31", datatype=ox.NamedNode(str(rdflib.XSD.date)))},
                "mediators": {"a": ox.NamedNode(israel), "b": ox.NamedNode(syria)},
                "aggregate": {},
            }
            for name, (text, bindings) in cases.items():
                q = prepareQuery(text)
                rows = (len(list(ds.query(q, initBindings=bindings))), len(list(kb.store.query(bind(text, subs[name])))))
                assert rows[0] == rows[1], f"{name}: rdflib {rows[0]} rows, pyoxigraph {rows[1]}"
                out[f"rows_{name}"] = rows[0]
                out[f"rdflib_{name}_ms"] = median_ms(lambda: list(ds.query(q, initBindings=bindings)), repeat=3)
                out[f"ox_{name}_ms"] = median_ms(lambda: list(kb.store.query(bind(text, subs[name]))))
            q = prepareQuery(index_q)  # the index probes the library now runs, key by key
            rd_probe = lambda: [r for k in keys for r in ds.query(  # noqa: E731
                q, initBindings={"key": rdflib.URIRef(str(k)), "actor2": rdflib.URIRef(syria)})]
            assert len(rd_probe()) == len(probe()), "timeline-index: rdflib and pyoxigraph disagree"
            out["rows_timeline-index"] = len(probe())
            out["rdflib_timeline-index_ms"] = median_ms(rd_probe, repeat=3)
            out["ox_timeline-index_ms"] = out["find_ms"]
        kb.close()
        return out
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    ap.add_argument("--rdflib-up-to", type=int, default=10_000)
    args = ap.parse_args()
    results = [run_size(n, args.rdflib_up_to) for n in args.sizes]
    print(f"Machine: {os.cpu_count()} cores, {platform.machine()}, {platform.system()} {platform.release()}, "
          f"Python {platform.python_version()}, pyoxigraph {ox.__version__}; {dt.date.today()}\n")
    print("| events | quads | ingest (s) | events/s | peak memory (MB) | store (MB) | `kb export` ttl (s) | "
          "its peak memory (MB) | Turtle (MB) |")
    print("|---|---|---|---|---|---|---|---|---|")
    for r in results:
        print(f"| {r['events']:,} | {r['quads']:,} | {r['ingest_s']:.1f} | {r['rate']:,.0f} | {r['peak_mb']:,.0f} | "
              f"{r['store_mb']:,.0f} | {r['export_s']:.1f} | {r['export_peak_mb']:,.0f} | {r['export_mb']:,.0f} |")
    print("\nIn the library (median of 7), and as a whole `kb` process (median of 3):\n")
    print("| events | find pair events, 1 year (ms) | timeline pair, 1 year (ms) | rows | mediators (ms) | "
          "per type per year (ms) | `kb timeline` (s) | `kb mediators` (s) | `kb --help` (s) |")
    print("|---|---|---|---|---|---|---|---|---|")
    for r in results:
        print(f"| {r['events']:,} | {r['find_ms']:.1f} | {r['timeline_ms']:.1f} | {r['timeline_rows']} | "
              f"{r['mediators_ms']:.1f} | "
              f"{r['aggregate_ms']:.1f} | {r['p_timeline_s']:.2f} | {r['p_mediators_s']:.2f} | {r['p_help_s']:.2f} |")
    print("\nAgainst their floors, measured in the same run (issue 17): the 59 example events ingested into a copy "
          "of the store and into an empty one (median of 3; 1 at 1M); `kb` processes against "
          "`python -c 'import pyoxigraph'` (median of 7):\n")
    print("| events | into the store (s) | into an empty store (s) | ratio | `kb mediators` / floor | "
          "`kb timeline` / floor | `kb --help` / floor |")
    print("|---|---|---|---|---|---|---|")
    for r in results:
        f = r["import_floor_s"]
        print(f"| {r['events']:,} | {r['into_large_s']:.2f} | {r['into_empty_s']:.2f} | "
              f"{r['into_large_s'] / r['into_empty_s']:.2f}× | {r['p_mediators_s'] / f:.1f}× | "
              f"{r['p_timeline_s'] / f:.1f}× | {r['p_help_s'] / f:.1f}× |")
    print("\nThe busiest pair's timeline against SPARQL reading the same fields of the same events "
          "(benchmarks/pair_floor.py):\n")
    print("| events | pair | answer events | floor rows | floor (ms) | `kb.timeline` (ms) | ratio |")
    print("|---|---|---|---|---|---|---|")
    for r in results:
        f = r["floor"]
        print(f"| {r['events']:,} | {f['pair']} | {f['events']:,} | {f['floor_rows']:,} | {f['floor_ms']:.0f} | "
              f"{f['timeline_ms']:.0f} | {f['ratio']:.2f}× |")
    print("\nPair queries: typical Zipf-ranked pairs beside the busiest (benchmarks/pairs.py):\n")
    print(pairs_table([p for r in results for p in r["pairs"]]))
    print("\nThe same SPARQL on pyoxigraph and on rdflib's memory store (median; rdflib of 3):\n")
    print("| events | query | rows | pyoxigraph (ms) | rdflib (ms) | rdflib / pyoxigraph |")
    print("|---|---|---|---|---|---|")
    for r in results:
        for name in ("timeline-index", "timeline-scan", "mediators", "aggregate"):
            if f"rdflib_{name}_ms" in r:
                ox_ms, rd_ms = r[f"ox_{name}_ms"], r[f"rdflib_{name}_ms"]
                print(f"| {r['events']:,} | {name} | {r[f'rows_{name}']} | {ox_ms:.1f} | {rd_ms:.1f} | "
                      f"{rd_ms / ox_ms:.0f}× |")


if __name__ == "__main__":
    main()
