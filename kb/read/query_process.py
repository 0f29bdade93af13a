"""A user's SPARQL query run in a process of its own, so that its limits are hard.

The engine cannot be interrupted, and an evaluation abandoned on a thread
goes on filling memory in the caller's process (a cartesian ORDER BY on the
examples grows by ~0.8 GB a second). A child process opened on the same
on-disk store read-only can be given an address-space limit
(a thread in it ends it when its resident memory passes the limit) and
killed when its time is up. Starting one costs ~60 ms.

Protocol: the parent writes ``{"store", "sparql", "max_rows", "max_memory_mb",
"prefixes"}`` as JSON on the child's stdin; the child answers on stdout with
one header line (JSON: kind, boolean, or an error) followed, for SELECT, by
SPARQL JSON results and, for CONSTRUCT/DESCRIBE, by N-Triples.
"""

from __future__ import annotations

import atexit
import json
import os
import signal
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

__all__ = ["run_in_process", "json_term", "keep_spare"]


def json_term(term: Any) -> dict[str, str]:
    """One RDF term as a binding of SPARQL 1.1 JSON results."""
    import pyoxigraph as ox

    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
            out["datatype"] = term.datatype.value
        return out
    return {"type": "triple", "value": str(term)}


def _child() -> int:
    """The child's side: run one query, write the answer, exit. (The engine is imported before the request is
    read, so a spare child started ahead of time has paid for it.)"""
    import threading

    import pyoxigraph as ox

    import kb.read.limits  # noqa: F401 - the memory watch's, imported before the request like the engine

    ahead = sys.argv[1] if len(sys.argv) > 1 else None  # a spare opens its server's store before it is asked
    opened = ox.Store.read_only(ahead) if ahead else None
    request = json.loads(sys.stdin.read())

    out = sys.stdout.buffer
    said = threading.Lock()  # one answer only: the memory watch and the query never both write

    def answer(body: bytes = b"", **fields: Any) -> bool:
        """Write the header line and the body, whole; False if an answer was written already."""
        if not said.acquire(blocking=False):
            return False
        out.write(json.dumps(fields).encode("utf-8") + b"\n" + body)
        out.flush()
        return True

    limit = request.get("max_memory_mb")
    if limit:
        _watch_memory(limit, answer)

    try:
        store = opened if opened is not None and request["store"] == ahead else ox.Store.read_only(request["store"])
        result = store.query(
            request["sparql"], prefixes=request.get("prefixes") or None, use_default_graph_as_union=True
        )
        max_rows = request.get("max_rows")
        if isinstance(result, ox.QueryBoolean):
            answer(kind="ask", boolean=bool(result))
        elif isinstance(result, ox.QueryTriples):
            lines = []
            for n, triple in enumerate(result, 1):
                if max_rows and n > max_rows:
                    answer(error="rows", limit=max_rows)
                    return 0
                lines.append(f"{triple} .\n")
            answer("".join(lines).encode("utf-8"), kind="graph")
        else:
            variables = [v.value for v in result.variables]
            rows = []
            for n, row in enumerate(result, 1):
                if max_rows and n > max_rows:
                    answer(error="rows", limit=max_rows)
                    return 0
                rows.append({v: json_term(row[v]) for v in variables if row[v] is not None})
            body = json.dumps({"head": {"vars": variables}, "results": {"bindings": rows}}).encode("utf-8")
            answer(body, kind="select")
    except SyntaxError as exc:
        answer(error="syntax", message=str(exc))
    except (OSError, RuntimeError, ValueError) as exc:
        answer(error="failed", message=str(exc))
    except MemoryError:
        answer(error="memory")
    return 0


def _watch_memory(limit_mb: int, answer) -> None:
    """A thread that ends this (child) process, saying why, once it holds ``limit_mb`` more than now.

    Resident memory, polled every 20 ms: the engine evaluates without the
    GIL, so the thread runs beside it. (An address-space rlimit would count
    thread stacks and allocator arenas, not what the query holds.)
    """
    import threading
    import time

    from kb.read.limits import resident_mb

    base = resident_mb() or 0.0

    def watch() -> None:
        while True:
            time.sleep(0.02)
            now = resident_mb()
            if now is not None and now - base > limit_mb:
                if answer(error="memory"):
                    os._exit(0)
                return  # the query answered first

    threading.Thread(target=watch, name="kb-memory-watch", daemon=True).start()


_spare: subprocess.Popen | None = None
_spare_lock = threading.Lock()
_keep_spare: str | None = None  # the store a spare child opens ahead
_spare_seen: tuple = ()  # the store's files when the spare opened it: changed since, the spare's view is old


def keep_spare(store: Path | None) -> None:
    """Keep one child started ahead, its engine imported and ``store`` open, waiting for its query: a server
    answers without the ~75 ms start. Each query still gets a process of its own (the limits stay hard); only
    the start moves off the path. ``None`` stops keeping one."""
    global _keep_spare
    _keep_spare = str(store) if store is not None else None
    if store is not None:
        atexit.register(_drop_spare)


def _start(ahead: str | None = None) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "kb.read.query_process", *([ahead] if ahead else [])],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )


def _child_process() -> subprocess.Popen:
    """A started child: the spare when there is one and the store is as it opened it (and a new spare started in
    its place). A spare opened before another process's ingest would answer from the store as it was."""
    global _spare
    from kb.store.embedded import files_signature

    with _spare_lock:
        child, _spare, seen = _spare, None, _spare_seen
    if child is not None and _keep_spare and files_signature(Path(_keep_spare)) != seen:
        os.killpg(child.pid, signal.SIGKILL)
        child.communicate()
        child = None
    if _keep_spare:  # the next spare starts beside this query, not before it (a start blocks ~10-20 ms)
        threading.Thread(target=_replace_spare, args=(_keep_spare,), daemon=True).start()
    if child is None or child.poll() is not None:
        child = _start()
    return child


def _replace_spare(store: str) -> None:
    global _spare, _spare_seen
    from kb.store.embedded import files_signature

    seen = files_signature(Path(store))
    child: subprocess.Popen | None = _start(store)
    with _spare_lock:
        if _spare is None and _keep_spare == store:
            _spare, _spare_seen, child = child, seen, None
    if child is not None:  # another thread's spare got there first
        os.killpg(child.pid, signal.SIGKILL)
        child.communicate()


def _drop_spare() -> None:
    global _spare
    with _spare_lock:
        child, _spare = _spare, None
    if child is not None and child.poll() is None:
        os.killpg(child.pid, signal.SIGKILL)
        child.communicate()


def run_in_process(path: Path, sparql: str, prefixes: dict[str, str], limits) -> dict[str, Any]:
    """Run ``sparql`` on the store at ``path`` in a child process, within ``limits``.

    Returns ``{"kind": "select", "rows": [...], "variables": [...]}``, ``{"kind":
    "ask", "boolean": ...}`` or ``{"kind": "graph", "triples": [...]}`` with
    pyoxigraph terms; raises :class:`~kb.errors.QueryError` when a limit is
    passed or the query is refused by the engine.
    """
    import pyoxigraph as ox

    from kb.errors import QueryError
    from kb.store.embedded import reader_race

    request = {
        "store": str(path),
        "sparql": sparql,
        "prefixes": prefixes,
        "max_rows": limits.max_rows,
        "max_memory_mb": limits.max_memory_mb,
    }
    for attempt in (1, 2):
        child = _child_process() if attempt == 1 else _start()
        try:
            output, errors = child.communicate(json.dumps(request).encode("utf-8"), timeout=limits.timeout)
        except subprocess.TimeoutExpired:
            os.killpg(child.pid, signal.SIGKILL)
            child.communicate()
            raise limits.passed("time") from None
        head, _, body = output.partition(b"\n")
        if child.returncode != 0 or not head:
            if child.returncode == -signal.SIGKILL or b"memory" in errors.lower():  # the kernel's OOM killer, say
                raise QueryError("the query ran out of memory (lower --max-memory to stop it sooner)")
            detail = errors.decode("utf-8", "replace").strip().splitlines()
            raise QueryError(f"the query failed: {detail[-1] if detail else f'exit status {child.returncode}'}")
        try:
            answer = json.loads(head)
        except ValueError:
            raise QueryError("the query process answered something unreadable") from None
        # a read-only view opened while a writer compacted away a file it listed (seen once in the suite, right
        # after an ingest): a second child opens the store as it is now, as the library's reads retry (reader_race)
        if attempt == 1 and answer.get("error") and reader_race(RuntimeError(answer.get("message", ""))):
            continue
        break
    error = answer.get("error")
    if error in ("rows", "memory"):
        raise limits.passed(error)
    if error == "syntax":
        raise SyntaxError(answer["message"])
    if error:
        raise QueryError(f"the query failed: {answer['message']}")
    try:
        if answer["kind"] == "select":
            solutions = ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)
            assert isinstance(solutions, ox.QuerySolutions)
            variables = [v.value for v in solutions.variables]
            return {
                "kind": "select",
                "variables": variables,
                "rows": [{v: row[v] for v in variables} for row in solutions],
            }
        if answer["kind"] == "graph":
            return {"kind": "graph", "triples": [q.triple for q in ox.parse(body, format=ox.RdfFormat.N_TRIPLES)]}
    except (SyntaxError, ValueError) as exc:  # not the user's query: the child's answer (a bug, if ever)
        raise QueryError(f"the query process answered something unreadable: {exc}") from None
    return answer


if __name__ == "__main__":
    sys.exit(_child())
