"""Issue 17 item 3: whole `kb` processes on the examples' store against Python importing pyoxigraph.

    python benchmarks/process_start.py [--runs 11] [--code DIR ...]

Ingests examples/ into a temporary store once, then times each command as a
process (median of --runs, interleaved so that drift on this VM hits every
row alike) beside the floor, `python -c 'import pyoxigraph'`, measured in the
same run. Each --code DIR is a checkout whose `kb` package is run instead of
the installed one (PYTHONPATH), so a commit before a change can be measured
against it back to back. Modules compiled and cached, as on a user's machine
(this sandbox's PYTHONDONTWRITEBYTECODE is unset for the processes timed).
Prints Markdown for BENCHMARKS.md.
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
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COMMANDS = {
    "kb mediators Israel Syria": ["mediators", "Israel", "Syria"],
    "kb timeline --actor Israel --actor Syria": ["timeline", "--actor", "Israel", "--actor", "Syria"],
    "kb ask 'who mediated between Israel and Syria?'": ["ask", "who mediated between Israel and Syria?"],
    "kb query (a SELECT)": ["query", "SELECT (COUNT(*) AS ?n) WHERE { ?s a ?c }"],
    "kb --help": ["--help"],
}


def _env(code: Path | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    if code is not None:
        env["PYTHONPATH"] = str(code)
    return env


def _run(argv: list[str], env: dict[str, str]) -> None:
    # run from the store's folder: `python -m` puts the working folder first on the path, before PYTHONPATH
    subprocess.run(argv, check=True, capture_output=True, env=env, cwd=tempfile.gettempdir())


def _timed(argv: list[str], env: dict[str, str]) -> float:
    t = time.perf_counter()
    _run(argv, env)
    return time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=11)
    ap.add_argument("--code", type=Path, nargs="*", default=[], help="checkouts to run instead of the installed kb")
    args = ap.parse_args()
    codes: list[Path | None] = [None, *args.code]
    with tempfile.TemporaryDirectory() as tmp:
        store = str(Path(tmp) / "store")
        kb = [sys.executable, "-m", "kb.cli"]
        _run([*kb, "--store", store, "ingest", str(ROOT / "examples")], _env(None))
        for code in codes:  # compile and cache each checkout's modules once, as a first run would
            for argv in COMMANDS.values():
                _run([*kb, "--store", store, *argv], _env(code))
        times: dict[tuple[str, int], list[float]] = {}
        floor: list[float] = []
        for _ in range(args.runs):
            floor.append(_timed([sys.executable, "-c", "import pyoxigraph"], _env(None)))
            for i, code in enumerate(codes):
                for name, argv in COMMANDS.items():
                    times.setdefault((name, i), []).append(_timed([*kb, "--store", store, *argv], _env(code)))
    f = statistics.median(floor)
    print(f"Machine: {os.cpu_count()} cores, {platform.machine()}, Python {platform.python_version()}; "
          f"median of {args.runs}; floor `python -c 'import pyoxigraph'` {f * 1000:.0f} ms\n")
    labels = ["this checkout", *(str(c) for c in args.code)]
    print("| command | " + " | ".join(f"{label} (ms)" for label in labels) + " | ratio to the floor |")
    print("|---|" + "---|" * len(labels) + "---|")
    for name in COMMANDS:
        ms = [statistics.median(times[(name, i)]) * 1000 for i in range(len(codes))]
        print(f"| `{name}` | " + " | ".join(f"{m:.0f}" for m in ms) + f" | {ms[0] / 1000 / f:.1f}× |")


if __name__ == "__main__":
    main()
