"""`kb ingest examples/israel-syria/` (the 13 files, 59 events the history measures) as a process against its floor, pyoxigraph's bulk load of the same quads.

    python benchmarks/ingest_examples.py [--runs 5]

Both are measured in this run, on this machine: the ingest as a real `kb`
subprocess into an empty store (the city index cache warm, as after the
first run on a machine), and the floor as a process that bulk-loads the
N-Quads that ingest produced (article and index graphs) into an empty store.
Prints medians and the ratio, for BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KB = Path(sys.executable).with_name("kb")


# As on a user's machine: Python caches compiled modules (a CI or sandbox may set PYTHONDONTWRITEBYTECODE,
# which makes every process compile kb/ from source again: ~70 ms here). The warm-up run writes the cache.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def _timed(argv: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, check=True, capture_output=True, cwd=ROOT, env=ENV)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        _timed([str(KB), "--store", str(tmp / "warm"), "ingest", "examples/israel-syria/"])  # warms the city index cache
        nq = tmp / "examples.nq"
        subprocess.run([sys.executable, "-c", (
            "import pyoxigraph as ox, sys; s = ox.Store.read_only(sys.argv[1]); "
            "s.dump(sys.argv[2], ox.RdfFormat.N_QUADS)"), str(tmp / "warm"), str(nq)], check=True)
        ingest, floor = [], []
        for i in range(args.runs):
            ingest.append(_timed([str(KB), "--store", str(tmp / f"s{i}"), "ingest", "examples/israel-syria/"]))
            floor.append(_timed([sys.executable, "-c", (
                "import pyoxigraph as ox, sys; s = ox.Store(sys.argv[1]); "
                "s.bulk_load(path=sys.argv[2], format=ox.RdfFormat.N_QUADS); s.flush()"),
                str(tmp / f"f{i}"), str(nq)]))
        quads = sum(1 for _ in nq.open(encoding="utf-8"))
    a, b = statistics.median(ingest), statistics.median(floor)
    print(f"kb ingest examples/ (process): {a:.2f} s; floor, bulk_load of its {quads:,} quads (process): {b:.2f} s; "
          f"ratio {a / b:.1f}x (medians of {args.runs})")


if __name__ == "__main__":
    main()
