"""Queries that would run for ever, fill memory or answer millions of rows stop with a clear error.

On an on-disk store the user's query runs in a child process (kb.read.query_process),
so its bounds are hard: the child is killed, the caller's memory never grows.
"""

from __future__ import annotations

import time

import pytest

from kb import KnowledgeBase
from kb.errors import QueryError
from kb.read.limits import Limits, resident_mb

# a cartesian product of every triple with every other, sorted: hours and gigabytes on the examples
CARTESIAN = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?c ?f ?i"


@pytest.fixture
def on_disk(ingested):
    with KnowledgeBase.open(ingested, read_only=True) as kb:
        yield kb


def test_time_limit(on_disk):
    start, before = time.monotonic(), resident_mb()
    with pytest.raises(QueryError, match="time limit of 1 s"):
        on_disk.query(CARTESIAN, limits=Limits(timeout=1, max_memory_mb=8000))
    assert time.monotonic() - start < 5
    assert resident_mb() - before < 100  # the work was the child's, and it is gone


def test_memory_limit(on_disk):
    start, before = time.monotonic(), resident_mb()
    with pytest.raises(QueryError, match="more than 300 MB of memory"):
        on_disk.query(CARTESIAN, limits=Limits(timeout=120, max_memory_mb=300))
    assert time.monotonic() - start < 60
    assert resident_mb() - before < 100


def test_row_limit(on_disk, kb_examples):
    for kb in (on_disk, kb_examples):
        with pytest.raises(QueryError, match="more than 10 rows"):
            kb.query("SELECT * WHERE { ?s ?p ?o }", limits=Limits(max_rows=10))
        assert len(kb.query("SELECT * WHERE { ?s ?p ?o } LIMIT 10", limits=Limits(max_rows=10)).rows) == 10


def test_time_limit_on_a_memory_store(kb_examples):
    """A memory store has no file for a child to open: the query runs on a watched thread (it finishes later)."""
    slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f FILTER(STRLEN(STR(?c)) > STRLEN(STR(?f))) }"
    with pytest.raises(QueryError, match="time limit of 0.2 s"):
        kb_examples.query(slow, limits=Limits(timeout=0.2))


def test_limits_from_the_command_line(ingested, kb_exe):
    slow = kb_exe("query", CARTESIAN, "--timeout", "1", "--max-memory", "8000")
    assert slow.returncode == 1 and slow.stderr.startswith("error: the query ran past its time limit of 1 s")
    assert "Traceback" not in slow.stderr
    big = kb_exe("query", CARTESIAN, "--max-memory", "200")
    assert big.returncode == 1 and "more than 200 MB of memory" in big.stderr, big.stderr
    many = kb_exe("query", "SELECT * WHERE { ?s ?p ?o }", "--max-rows", "3")
    assert many.returncode == 1 and "more than 3 rows" in many.stderr
    asked = kb_exe("ask", "who mediated Israel–Syria talks after Dec 2024", "--max-rows", "1000")
    assert asked.returncode == 0 and "United States" in asked.stdout
