"""`kb ingest examples/israel-syria/` (the 13 files, 59 events the history measures) into a large store against the same into an empty one (issue 17's third row).

    python benchmarks/ingest_into_large.py --events 100000 [--runs 3]

The large store is built by bulk-ingesting seeded synthetic JSON Lines
(benchmarks/synthetic.py); each run copies it and ingests the 13 example
fact files (59 events) into the copy, as a real `kb` process, then into an
empty store. The ratio is what the store's size costs a careful ingest:
look-alikes in the store are found through the actor-time index, not by
scanning every event of an actor.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import write_jsonl  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
KB = str(Path(sys.executable).with_name("kb"))
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}  # as on a user's machine


def _timed(*args: str) -> float:
    start = time.perf_counter()
    subprocess.run([KB, *args], check=True, capture_output=True, cwd=ROOT, env=ENV)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        data = write_jsonl(tmp / "events.jsonl", args.events)
        (tmp / "large").mkdir()
        shutil.copy(data.with_suffix(".actors.yaml"), tmp / "large" / "actors.yaml")  # the synthetic actors
        built = _timed("--store", str(tmp / "large"), "ingest", str(data))
        large, empty = [], []
        for i in range(args.runs):
            shutil.copytree(tmp / "large", tmp / f"copy{i}")
            large.append(_timed("--store", str(tmp / f"copy{i}"), "ingest", "examples/israel-syria/"))
            empty.append(_timed("--store", str(tmp / f"empty{i}"), "ingest", "examples/israel-syria/"))
            shutil.rmtree(tmp / f"copy{i}")
    a, b = statistics.median(large), statistics.median(empty)
    print(f"{args.events:,} synthetic events bulk-ingested in {built:.1f} s; kb ingest examples/ into that store "
          f"{a:.2f} s, into an empty store {b:.2f} s: ratio {a / b:.2f}x (medians of {args.runs})")


if __name__ == "__main__":
    main()
