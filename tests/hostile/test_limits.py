"""Queries that would run for ever, fill memory or answer millions of rows stop with a clear error."""

from __future__ import annotations

import time

import pytest

from kb.errors import QueryError
from kb.limits import Limits

# a cartesian product of every triple with every other, sorted: minutes and gigabytes on the examples
CARTESIAN = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?c ?f ?i"


def test_time_limit(kb_examples):
    start = time.monotonic()
    with pytest.raises(QueryError, match="time limit of 1 s"):
        kb_examples.query(CARTESIAN, limits=Limits(timeout=1, max_memory_mb=None))
    assert time.monotonic() - start < 5


def test_memory_limit(kb_examples):
    with pytest.raises(QueryError, match="more than 200 MB of memory"):
        kb_examples.query(CARTESIAN, limits=Limits(timeout=120, max_memory_mb=200))


def test_row_limit(kb_examples):
    with pytest.raises(QueryError, match="more than 10 rows"):
        kb_examples.query("SELECT * WHERE { ?s ?p ?o }", limits=Limits(max_rows=10))
    assert len(kb_examples.query("SELECT * WHERE { ?s ?p ?o } LIMIT 10", limits=Limits(max_rows=10)).rows) == 10


def test_limits_from_the_command_line(ingested, kb_exe):
    slow = kb_exe("query", CARTESIAN, "--timeout", "1")
    assert slow.returncode == 1 and slow.stderr.startswith("error: the query ran past its time limit of 1 s")
    assert "Traceback" not in slow.stderr
    many = kb_exe("query", "SELECT * WHERE { ?s ?p ?o }", "--max-rows", "3")
    assert many.returncode == 1 and "more than 3 rows" in many.stderr
    asked = kb_exe("ask", "who mediated Israel–Syria talks after Dec 2024", "--max-rows", "1000")
    assert asked.returncode == 0 and "United States" in asked.stdout
