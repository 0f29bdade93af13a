"""How long `kb ask` takes: every question of the bank in the library, and whole `kb ask` processes.

    python benchmarks/ask_speed.py [--runs 3]

The examples (all 33 fact files) are ingested into an embedded store in a
temporary folder; each bank question is then asked of one open
KnowledgeBase (the reading plus the queries plus the shaping; refusals
included, they cost the same work), median of ``--runs``. Five questions of
different shapes are also timed as whole ``kb ask`` processes beside
``python -c 'import pyoxigraph'`` (the floor of any process), median of
``--runs``. Issue 19 asks < 150 ms a question in the library and < 1.5 s a
process.
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

import pyoxigraph as ox

sys.path.insert(0, str(Path(__file__).resolve().parent))

from ask_eval import EXAMPLES, load_bank  # noqa: E402

from kb import KnowledgeBase  # noqa: E402
from kb.errors import KBError  # noqa: E402

KB = str(Path(sys.executable).with_name("kb"))
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}  # as users run it: bytecode cached
PROCESS_QUESTIONS = [
    "who mediated Israel–Syria talks after Dec 2024",
    "Did the US mediate between Israel and Iran?",
    "how many times did Israel and Syria meet in 2025",
    "What agreements did the Taliban sign?",
    "who represented Ukraine in the Abu Dhabi talks",
]


def _ask(kb: KnowledgeBase, question: str, today) -> None:
    try:
        kb.ask(question, today=today)
    except KBError:
        pass


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    today, questions = load_bank()
    with tempfile.TemporaryDirectory() as tmp:
        store = Path(tmp) / "store"
        subprocess.run([KB, "--store", str(store), "ingest", str(EXAMPLES)], check=True, capture_output=True, env=ENV)
        kb = KnowledgeBase.open(store, read_only=True)
        times: list[float] = []
        timed: list[tuple[float, dict]] = []
        for q in questions:
            _ask(kb, q["q"], today)  # warm: the first question also loads the registry and gazetteer
            runs = []
            for _ in range(args.runs):
                t = time.perf_counter()
                _ask(kb, q["q"], today)
                runs.append(time.perf_counter() - t)
            times.append(statistics.median(runs) * 1000)
            timed.append((times[-1], q))
        kb.close()
        process = {}
        for question in PROCESS_QUESTIONS:
            runs = []
            for _ in range(args.runs):
                t = time.perf_counter()
                subprocess.run([KB, "--store", str(store), "ask", question], capture_output=True, env=ENV)
                runs.append(time.perf_counter() - t)
            process[question] = statistics.median(runs)
        floor = []
        for _ in range(args.runs):
            t = time.perf_counter()
            subprocess.run([sys.executable, "-c", "import pyoxigraph"], check=True, env=ENV)
            floor.append(time.perf_counter() - t)
    times.sort()
    print(f"Machine: {os.cpu_count()} cores, {platform.machine()}, Python {platform.python_version()}, "
          f"pyoxigraph {ox.__version__}\n")
    print(f"In the library, {len(times)} bank questions (median of {args.runs} each): median "
          f"{statistics.median(times):.1f} ms, 95th percentile {times[int(len(times) * 0.95)]:.1f} ms, "
          f"slowest {times[-1]:.1f} ms\n")
    slow = sorted((t for t in timed if t[1]["id"] % 5), key=lambda t: -t[0])[:3]  # the tuning split's only
    print("Slowest (tuning split): " + "; ".join(f"{q['q']} ({ms:.0f} ms)" for ms, q in slow) + "\n")
    print("| `kb ask` process | seconds |")
    print("|---|---|")
    for question, seconds in process.items():
        print(f"| {question} | {seconds:.2f} |")
    print(f"| `python -c 'import pyoxigraph'` (floor) | {statistics.median(floor):.2f} |")


if __name__ == "__main__":
    main()
