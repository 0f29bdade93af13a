"""Which store should conflict-kb use? The same queries on rdflib's memory store and on pyoxigraph.

    python benchmarks/backend.py [--events 10000]

Both engines get the same triples and run the same named queries
(kb/read/queries/*.rq) with the same bound values; answers are checked equal
before anything is timed. Prints a Markdown table for BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox
import rdflib
from rdflib.plugins.sparql import prepareQuery
from rdflib import Literal, URIRef
from rdflib.namespace import XSD

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import write_fact_files  # noqa: E402

from kb import KnowledgeBase  # noqa: E402
from kb.model.iris import actor_iri  # noqa: E402
from kb.read.query import named_query  # noqa: E402


def median_ms(fn, repeat: int = 7) -> float:
    fn()  # warm-up
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--events", type=int, default=10_000)
    args = ap.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        files = write_fact_files(Path(tmp) / "facts", args.events)
        kb = KnowledgeBase.memory()
        t = time.perf_counter()
        kb.ingest(files)
        ingest_s = time.perf_counter() - t

    nquads = kb.export("nq", with_ontology=True)
    t = time.perf_counter()
    ds = rdflib.Dataset(default_union=True)
    ds.parse(data=nquads, format="nquads")
    rdflib_load_s = time.perf_counter() - t
    triples = len(kb.store.embedded)

    reg = kb.registry
    israel, syria = str(actor_iri(reg.resolve("Israel"))), str(actor_iri(reg.resolve("Syria")))
    first, last = dt.date(2023, 1, 1), dt.date(2023, 12, 31)

    def ox_run(name, **b):
        subs = {ox.Variable(k): (ox.NamedNode(v) if isinstance(v, str) else
                                 ox.Literal(v.isoformat(), datatype=ox.NamedNode(str(XSD.date))))
                for k, v in b.items()}
        return sorted(r[0].value for r in kb.store.embedded.query(named_query(name), substitutions=subs,
                                                               use_default_graph_as_union=True))

    prepared = {name: prepareQuery(named_query(name)) for name in ("timeline-actor", "mediators")}

    def rdflib_run(name, **b):
        bind = {k: (URIRef(v) if isinstance(v, str) else Literal(v.isoformat(), datatype=XSD.date))
                for k, v in b.items()}
        return sorted(str(r[0]) for r in ds.query(prepared[name], initBindings=bind))

    cases = {
        "timeline: actor pair, one-year window": ("timeline-actor", dict(actor1=israel, actor2=syria, first=first, last=last)),
        "mediators: Israel-Syria, all time": ("mediators", dict(a=israel, b=syria, first=dt.date(1, 1, 1),
                                                               last=dt.date(9999, 12, 31))),
    }
    rows = []
    for label, (name, b) in cases.items():
        ox_rows, rd_rows = ox_run(name, **b), rdflib_run(name, **b)
        assert ox_rows == rd_rows, f"{label}: engines disagree ({len(ox_rows)} vs {len(rd_rows)} rows)"
        ox_ms = median_ms(lambda: ox_run(name, **b))
        rd_ms = median_ms(lambda: rdflib_run(name, **b), repeat=3)
        rows.append((label, len(ox_rows), ox_ms, rd_ms))

    print(f"Machine: {platform.processor() or platform.machine()}, {platform.system()} {platform.release()}, "
          f"Python {platform.python_version()}, pyoxigraph {ox.__version__}, rdflib {rdflib.__version__}")
    print(f"{args.events} synthetic events, {triples} quads; kb ingest (parse, resolve, map, store) "
          f"{ingest_s:.1f} s; rdflib parse of the same N-Quads {rdflib_load_s:.1f} s\n")
    print("| query | rows | pyoxigraph (ms) | rdflib memory (ms) | rdflib / pyoxigraph |")
    print("|---|---|---|---|---|")
    for label, n, ox_ms, rd_ms in rows:
        print(f"| {label} | {n} | {ox_ms:.1f} | {rd_ms:.1f} | {rd_ms / ox_ms:.0f}× |")


if __name__ == "__main__":
    main()
