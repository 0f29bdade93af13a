"""`kb ingest examples/israel-syria/` (the 13 files, 59 events the history measures) as a process against its floor, pyoxigraph's bulk load of the same quads.

    python benchmarks/ingest_examples.py [--runs 5] [--events N]

With ``--events N``, the input is N synthetic events in JSON fact files of 50
events each (benchmarks/synthetic.py ``write_fact_files``), ingested with
``--no-merge`` — issue 17's careful ingest at 10k; the peak memory of each
ingest process is reported too.

Both are measured in this run, on this machine: the ingest as a real `kb`
subprocess into an empty store (the city index cache warm, as after the
first run on a machine), and the floor as a process that bulk-loads the
N-Quads that ingest produced (article and index graphs) into an empty store.
Prints medians and the ratio, for BENCHMARKS.md.
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

ROOT = Path(__file__).resolve().parent.parent
KB = Path(sys.executable).with_name("kb")


# As on a user's machine: Python caches compiled modules (a CI or sandbox may set PYTHONDONTWRITEBYTECODE,
# which makes every process compile kb/ from source again: ~70 ms here). The warm-up run writes the cache.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def _timed(argv: list[str], peaks: list[float] | None = None) -> float:
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT, env=ENV)
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"{argv} failed with exit status {proc.returncode}")
    if peaks is not None:
        peaks.append(usage.ru_maxrss / 1024)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--events", type=int, default=0, help="synthetic events instead of the examples")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        source, what = ["examples/israel-syria/"], "kb ingest examples/israel-syria/"
        if args.events:
            sys.path.insert(0, str(ROOT / "benchmarks"))
            from synthetic import write_fact_files

            write_fact_files(tmp / "facts", args.events, per_file=50)
            source, what = ["--no-merge", str(tmp / "facts")], f"kb ingest of {args.events:,} events in fact files"
        _timed([str(KB), "--store", str(tmp / "warm"), "ingest", *source])  # warms the city index cache
        nq = tmp / "examples.nq"
        subprocess.run([sys.executable, "-c", (
            "import pyoxigraph as ox, sys; s = ox.Store.read_only(sys.argv[1]); "
            "s.dump(sys.argv[2], ox.RdfFormat.N_QUADS)"), str(tmp / "warm"), str(nq)], check=True)
        ingest, floor, peaks, floor_peaks = [], [], [], []
        for i in range(args.runs):
            ingest.append(_timed([str(KB), "--store", str(tmp / f"s{i}"), "ingest", *source], peaks))
            floor.append(_timed([sys.executable, "-c", (
                "import pyoxigraph as ox, sys; s = ox.Store(sys.argv[1]); "
                "s.bulk_load(path=sys.argv[2], format=ox.RdfFormat.N_QUADS); s.flush()"),
                str(tmp / f"f{i}"), str(nq)], floor_peaks))
            shutil.rmtree(tmp / f"s{i}")
            shutil.rmtree(tmp / f"f{i}")
        quads = sum(1 for _ in nq.open(encoding="utf-8"))
    a, b = statistics.median(ingest), statistics.median(floor)
    print(f"{what} (process): {a:.2f} s, peak {statistics.median(peaks):.0f} MB; floor, bulk_load of its "
          f"{quads:,} quads (process): {b:.2f} s, peak {statistics.median(floor_peaks):.0f} MB; "
          f"ratio {a / b:.1f}x (medians of {args.runs})")


if __name__ == "__main__":
    main()
