"""Bounds on what one query may cost: time, memory and rows.

The engine cannot be interrupted from Python, but it evaluates without the
GIL, so a query can run on a worker thread while the caller watches the
clock and the process's resident memory (:func:`bounded`). When a bound is
passed the caller gets a :class:`~kb.errors.QueryError` at once, but the
abandoned evaluation finishes in the background; that is why a user's query
on an on-disk store runs in a process of its own instead
(:mod:`kb.read.query_process`), where the bounds are hard. Rows are counted as
they are read, so a huge answer stops at ``max_rows + 1``.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from kb.errors import QueryError

__all__ = ["Limits", "DEFAULT_LIMITS", "UNLIMITED", "bounded", "resident_mb"]

T = TypeVar("T")
_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


@dataclass(frozen=True)
class Limits:
    """``None`` lifts a bound."""

    timeout: float | None = 60.0  # seconds of wall time
    max_rows: int | None = 100_000  # rows (or triples) in one answer
    max_memory_mb: int | None = 2048  # resident memory the query may add to the process

    def check_rows(self, count: int) -> None:
        if self.max_rows is not None and count > self.max_rows:
            raise self.passed("rows")

    def passed(self, bound: str, what: str = "the query") -> QueryError:
        """The error for a passed bound ("time", "memory" or "rows"), worded the same wherever it is hit."""
        if bound == "time":
            return QueryError(f"{what} ran past its time limit of {self.timeout:g} s (raise it with --timeout)")
        if bound == "memory":
            return QueryError(
                f"{what} needed more than {self.max_memory_mb:,} MB of memory (the limit; raise it with --max-memory)"
            )
        return QueryError(
            f"the answer has more than {self.max_rows:,} rows (the limit; raise it with "
            "--max-rows, or narrow the query with LIMIT)"
        )


DEFAULT_LIMITS = Limits()
UNLIMITED = Limits(None, None, None)


def resident_mb() -> float | None:
    """This process's resident memory in MB (Linux), or None where it cannot be read."""
    try:
        with open("/proc/self/statm", "rb") as handle:
            return int(handle.read().split()[1]) * _PAGE / 2**20
    except (OSError, ValueError, IndexError):
        return None


def bounded(work: Callable[[], T], limits: Limits, what: str = "the query") -> T:
    """``work()`` run on a worker thread, watched: a :class:`QueryError` when it passes a bound."""
    if limits.timeout is None and limits.max_memory_mb is None:
        return work()
    outcome: dict[str, object] = {}

    def run() -> None:
        try:
            outcome["value"] = work()
        except BaseException as exc:  # noqa: BLE001 - handed to the caller's thread as it is
            outcome["error"] = exc
            # pyoxigraph's result objects must be dropped on the thread that made them: let go of the
            # frames (and the results they hold) here, not on the caller's thread
            seen: BaseException | None = exc
            while seen is not None:
                seen.__traceback__ = None
                seen = seen.__cause__ or seen.__context__

    worker = threading.Thread(target=run, name="kb-query", daemon=True)
    start, base = time.monotonic(), resident_mb()
    worker.start()
    while True:
        worker.join(0.02)
        if not worker.is_alive():
            break
        if limits.timeout is not None and time.monotonic() - start > limits.timeout:
            raise limits.passed("time", what)
        if limits.max_memory_mb is not None and base is not None:
            now = resident_mb()
            if now is not None and now - base > limits.max_memory_mb:
                raise limits.passed("memory", what)
    if "error" in outcome:
        raise outcome["error"]  # type: ignore[misc]
    return outcome["value"]  # type: ignore[return-value]
