"""The network guard against the tricks that got past the old regex, and a grammar-based fuzz.

A real listener on 127.0.0.1 counts connections: every query the guard lets
through is then run by the real engine, and the listener must hear nothing.
"""

from __future__ import annotations

import socket
import threading

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kb import KnowledgeBase
from kb.errors import QueryError
from kb.read.network_guard import network_operations


@pytest.fixture(scope="module")
def listener():
    """A TCP listener on loopback that records each connection it accepts."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    hits: list[bytes] = []

    def serve() -> None:
        while True:
            try:
                conn, _ = server.accept()
            except OSError:
                return
            conn.settimeout(1)
            try:
                hits.append(conn.recv(200))
            except OSError:
                hits.append(b"")
            conn.close()

    threading.Thread(target=serve, daemon=True).start()
    yield server.getsockname()[1], hits
    server.close()


@pytest.fixture(scope="module")
def memory_kb():
    return KnowledgeBase.memory()


def _tricks(port: int) -> list[str]:
    url = f"http://127.0.0.1:{port}/sparql"
    return [
        # the long-string escape that ended the old regex's string one character early
        f'SELECT ?x WHERE {{ BIND("""a\\"""" AS ?z) SERVICE <{url}> {{ ?x ?p ?o }} BIND("x" AS ?w) }}',
        f"SELECT ?x WHERE {{ BIND('''a\\'''' AS ?z) SERVICE <{url}> {{ ?x ?p ?o }} BIND('x' AS ?w) }}",
        # a comment ends at CR in SPARQL
        f"SELECT ?x WHERE {{ # comment\r SERVICE <{url}> {{ ?x ?p ?o }} }}",
        # an escaped # in a local name is not a comment
        f"PREFIX ex: <http://e/> SELECT ?x WHERE {{ ?x ex:a\\# ?o SERVICE <{url}> {{ ?x ?p ?o }} }}",
        # keyword glued to a number, lower case, SILENT, a variable endpoint bound first
        f"SELECT ?x WHERE {{ ?x ?p 1SERVICE <{url}> {{ ?x ?p ?o }} }}",
        f"select ?x {{ service silent <{url}> {{ ?x ?p ?o }} }}",
        f"SELECT ?x WHERE {{ BIND(<{url}> AS ?e) SERVICE ?e {{ ?x ?p ?o }} }}",
        # \\u escapes, which SPARQL expands before parsing
        f"SELECT ?x WHERE {{ \\u0053ERVICE <{url}> {{ ?x ?p ?o }} }}",
    ]


def test_the_tricks_are_refused_and_nothing_connects(memory_kb, listener):
    port, hits = listener
    before = len(hits)
    for sparql in _tricks(port):
        with pytest.raises(QueryError, match="SERVICE could reach the network"):
            memory_kb.query(sparql)
    assert len(hits) == before


def test_a_trick_really_reaches_the_listener_when_allowed(memory_kb, listener):
    """The tricks are real: allowed, the engine connects (so the test above can fail)."""
    port, hits = listener
    before = len(hits)
    with pytest.raises(QueryError):  # the listener answers nothing an engine can read
        memory_kb.query(_tricks(port)[0], allow_network=True)
    assert len(hits) == before + 1


def test_load_tricks_are_refused_in_updates(tmp_path, listener):
    port, hits = listener
    url = f"http://127.0.0.1:{port}/x.ttl"
    before = len(hits)
    with KnowledgeBase.open(tmp_path / "store") as kb:
        for update in [f'INSERT DATA {{ <http://a> <http://b> """x\\"""" }} ; LOAD <{url}> INTO GRAPH <http://evil/g>',
                       f"# c\rLOAD <{url}>", "LOAD:x", f"load silent <{url}>"]:
            with pytest.raises(QueryError, match="LOAD could reach the network"):
                kb.update(update)
        assert kb.store.named_graphs() == sorted(kb.store.named_graphs())  # still open and readable
    assert len(hits) == before


def test_harmless_text_is_not_refused(memory_kb):
    for sparql in ['SELECT ?x WHERE { BIND("SERVICE LOAD" AS ?x) }',
                   "SELECT ?service ?load WHERE { BIND(1 AS ?service) BIND(2 AS ?load) }",
                   "SELECT ?x WHERE { ?x <http://example.org/service/load> ?o }  # SERVICE in a comment",
                   "SELECT ?x WHERE { BIND('''it's a \"LOAD\"''' AS ?x) }"]:
        memory_kb.query(sparql)


def test_remote_engines_also_refuse_datasets():
    assert network_operations("SELECT * FROM <http://x/g> WHERE { ?s ?p ?o }", remote=True) == ["FROM"]
    assert network_operations("SELECT * FROM <http://x/g> WHERE { ?s ?p ?o }") == []


# -- grammar-based fuzz: strings, comments, escapes and IRIs around a SERVICE clause -------------

_PIECES = st.sampled_from([
    '"', "'", '"""', "'''", "\\", '\\"', "\\'", "#", "\r", "\n", " ", "a", "<", ">", "<http://x/>", "?v", "$v",
    "{", "}", "(", ")", ".", ";", ":", "ex:", "1", "BIND(", " AS ?z)", "\\u0022", "\\u0023", "SERVICE",
])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(before=st.lists(_PIECES, max_size=8), after=st.lists(_PIECES, max_size=8))
def test_fuzz_nothing_the_guard_passes_reaches_the_network(memory_kb, listener, before, after):
    port, hits = listener
    sparql = (f"PREFIX ex: <http://e/> SELECT * WHERE {{ {''.join(before)} "
              f"SERVICE <http://127.0.0.1:{port}/fuzz> {{ ?s ?p ?o }} {''.join(after)} }}")
    count = len(hits)
    try:
        memory_kb.query(sparql)
    except QueryError:
        pass
    assert len(hits) == count, f"reached the listener: {sparql!r}"
