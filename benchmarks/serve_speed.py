"""How fast `kb serve` answers: every kind of page on the examples, the founding query at /sparql, and a
filtered timeline page on a large store.

    python benchmarks/serve_speed.py [--large STORE] [--runs 5]

A real `kb serve` on 127.0.0.1 (started as a process, as users run it), each URL fetched ``--runs`` times
after one warm-up, the median wall time of the request reported (client and server on this machine, so it
includes the HTTP round trip). The founding query is also timed in pyoxigraph alone, on the same store, as
its floor. Issue 20 asks < 200 ms a page, < 50 ms for the founding query, < 1 s for a filtered timeline at
100k events.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from serve_server import KB, Served  # noqa: E402

FOUNDING = (ROOT / "examples" / "queries" / "who-mediated-israel-syria-after-2024-12.rq").read_text(encoding="utf-8")
PAGES = [
    "/",
    "/ask?q=" + urllib.parse.quote("who mediated Israel–Syria talks after Dec 2024"),
    "/events?actor=Israel&actor=Syria",
    "/events?type=ceasefire",
    "/id/event/washington-examiner-2026-01-06/paris-talks",
    "/id/actor/united-states",
    "/id/place/paris-fr",
    "/id/article/al-jazeera-2026-01-06",
    "/map",
    "/ask.xlsx?q=" + urllib.parse.quote("list ceasefires in 2023"),
]


def _ms(url: str, runs: int) -> float:
    urllib.request.urlopen(url, timeout=300).read()  # warm-up
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        urllib.request.urlopen(url, timeout=300).read()
        times.append(time.perf_counter() - t)
    return statistics.median(times) * 1000


def _floor_ms(store: Path, runs: int) -> float:
    """The founding query in pyoxigraph alone, read-only on the same store, in a process of its own."""
    code = (
        "import sys, time, statistics, pyoxigraph as ox\n"
        "from kb.model.namespace import PREFIXES\n"
        "s = ox.Store.read_only(sys.argv[1]); q = sys.stdin.read(); p = dict(PREFIXES)\n"
        "run = lambda: list(s.query(q, prefixes=p, use_default_graph_as_union=True))\n"
        "run(); ts = []\n"
        "for _ in range(int(sys.argv[2])):\n"
        "    t = time.perf_counter(); run(); ts.append(time.perf_counter() - t)\n"
        "print(statistics.median(ts) * 1000)\n"
    )
    out = subprocess.run([sys.executable, "-c", code, str(store), str(runs)], input=FOUNDING, text=True,
                         capture_output=True, check=True)
    return float(out.stdout)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--large", type=Path, help="a store with many events (benchmarks/run.py's), for the timeline page")
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    print(f"Machine: {os.cpu_count()} cores, {platform.machine()}, Python {platform.python_version()}\n")
    with tempfile.TemporaryDirectory() as tmp:
        store = Path(tmp) / "store"
        subprocess.run([KB, "--store", str(store), "ingest", str(ROOT / "examples")], check=True, capture_output=True)
        server = Served(store)
        try:
            print("| examples (141 events) | ms |")
            print("|---|---|")
            for page in PAGES:
                print(f"| `{page}` | {_ms(server.url + page, args.runs):.0f} |")
            sparql = server.url + "/sparql?" + urllib.parse.urlencode({"query": FOUNDING})
            print(f"| `/sparql`, the founding query | {_ms(sparql, args.runs):.0f} |")
        finally:
            server.stop()
        print(f"| the founding query in pyoxigraph alone (floor) | {_floor_ms(store, args.runs):.0f} |")
    if args.large:
        server = Served(args.large)
        try:
            url = server.url + "/events?actor=Israel&actor=Syria&since=2023&until=2023"
            print(f"\n`{url.split('/', 3)[3]}` on {args.large}: {_ms(url, 3):.0f} ms (median of 3)")
        finally:
            server.stop()


if __name__ == "__main__":
    main()
