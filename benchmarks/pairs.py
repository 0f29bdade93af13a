"""Pair queries on a store written by benchmarks/run.py: a typical pair next to the busiest one.

    python benchmarks/pairs.py STORE [STORE ...]

The generator makes Israel–Syria a fifth of all talks, mediations and
military actions, so its one-year answer grows with the store (13,421
events at 1M); the issue's latency targets are about finding a pair's
events, which is what the Zipf-ranked pairs here show: actors of rank 5,
20 and 100 with partners of rank 40, 200 and 400 (benchmarks/synthetic.py
zipf_ranked). For each: rows, in-library median of 5, and the whole `kb`
process (median of 3). run.py calls :func:`measure` for every size.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from backend import median_ms  # noqa: E402
from synthetic import zipf_ranked  # noqa: E402

import pyoxigraph as ox  # noqa: E402

from kb import KnowledgeBase  # noqa: E402
from kb.model.namespace import CKB  # noqa: E402

KB = str(Path(sys.executable).with_name("kb"))
WINDOW = ("--since", "2023", "--until", "2023")
PAIRS = [(5, 40), (20, 200), (100, 400)]


def _process_s(*args: str) -> float:
    times = []
    for _ in range(3):
        t = time.perf_counter()
        subprocess.run([KB, *args], check=True, capture_output=True)
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def measure(store: Path, pairs: list[tuple[str, str, str]] | None = None) -> list[dict]:
    names = zipf_ranked()
    pairs = pairs or [(f"ranks {i}/{j}", names[i], names[j]) for i, j in PAIRS] + [("Israel–Syria", "Israel", "Syria")]
    kb = KnowledgeBase.open(store, read_only=True)
    events = len({q.object for q in kb.store.quads(None, ox.NamedNode(str(CKB.claimOf)), None, None)})
    out = []
    for label, a, b in pairs:
        rows = len(kb.timeline(actors=[a, b], since="2023", until="2023"))
        out.append({
            "events": events, "pair": f"{label}: {a} – {b}", "rows": rows,
            "timeline_ms": median_ms(lambda: kb.timeline(actors=[a, b], since="2023", until="2023"), repeat=5),
            "mediators_ms": median_ms(lambda: kb.mediators(a, b, since="2023", until="2023"), repeat=5),
            "p_timeline_s": _process_s("--store", str(store), "timeline", "--actor", a, "--actor", b, *WINDOW),
            "p_mediators_s": _process_s("--store", str(store), "mediators", a, b, *WINDOW),
        })
    kb.close()
    return out


def table(rows: list[dict]) -> str:
    lines = ["| events | pair | rows | timeline, 1 year (ms) | mediators (ms) | `kb timeline` (s) | `kb mediators` (s) |",
             "|---|---|---|---|---|---|---|"]
    lines += [f"| {r['events']:,} | {r['pair']} | {r['rows']} | {r['timeline_ms']:.1f} | {r['mediators_ms']:.1f} | "
              f"{r['p_timeline_s']:.2f} | {r['p_mediators_s']:.2f} |" for r in rows]
    return "\n".join(lines)


if __name__ == "__main__":
    print(table([row for store in sys.argv[1:] for row in measure(Path(store))]))
