"""Every command against a real SPARQL server (`oxigraph serve` on 127.0.0.1) gives the embedded store's answers."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from kb import KnowledgeBase
from kb.cli import cli
from kb.read.binding import bind
from kb.store.remote import update_url_for

from helpers import EXAMPLES, ROOT

OXIGRAPH = shutil.which("oxigraph", path=str(Path(sys.executable).parent)) or shutil.which("oxigraph")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """One `oxigraph serve` process on loopback, in its own folder."""

    def __init__(self, folder: Path, *, union: bool = True) -> None:
        assert OXIGRAPH, "the oxigraph server is not installed (pip install oxigraph; it is in the test extras)"
        self.port = _free_port()
        args = [OXIGRAPH, "serve", "--location", str(folder), "--bind", f"127.0.0.1:{self.port}"]
        self.proc = subprocess.Popen(args + (["--union-default-graph"] if union else []),
                                     stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                break
            except OSError:
                if self.proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"oxigraph serve did not start: {self.proc.stderr.read().decode()}")
                time.sleep(0.05)
        self.query_url = f"http://127.0.0.1:{self.port}/query"

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=30)


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    """A server holding the examples, ingested through the remote path. Shared: do not write to it."""
    srv = Server(tmp_path_factory.mktemp("oxigraph") / "db")
    kb = KnowledgeBase.remote(srv.query_url)
    kb.ingest([EXAMPLES], merge=True)
    yield srv
    srv.stop()


@pytest.fixture
def scratch_server(tmp_path):
    srv = Server(tmp_path / "db")
    yield srv
    srv.stop()


def _cli(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


SAME_ANSWERS = [
    ("timeline", "--actor", "Israel", "--actor", "Syria", "--since", "2025-01"),
    ("timeline", "--type", "mediation", "--format", "json"),
    ("timeline", "--place", "France", "--include-uncertain"),
    ("timeline", "--actor", "Israel", "--confidence", "confirmed", "--format", "csv"),
    ("mediators", "Israel", "Syria", "--after", "2024-12"),
    ("mediators", "Israel", "Syria", "--format", "json"),
    ("show", "washington-examiner-2026-01-06/paris-talks"),
    ("show", "washington-examiner-2026-01-06/paris-talks", "--format", "json"),
    ("sources",),
    ("actors", "--format", "json"),
    ("actor", "Tom Barrack"),
    ("ask", "who mediated Israel–Syria talks after Dec 2024"),
    ("ask", "what agreements did Israel and Syria reach since 2025", "--format", "json"),
    ("ask", "where did Israel and Syria meet"),
    ("query", "SELECT ?e ?label WHERE { GRAPH ?g { ?e a ckb:Mediation ; rdfs:label ?label } } ORDER BY ?e ?label",
     "--format", "csv"),
    ("query", "ASK { ?e ckb:mediator actor:united-states }"),
    ("validate", "--store"),
]


@pytest.mark.parametrize("args", SAME_ANSWERS, ids=lambda a: " ".join(a)[:60])
def test_every_command_answers_as_the_embedded_store(args, server, ingested):
    local = _cli("--store", str(ingested), *args)
    remote = _cli("--endpoint", server.query_url, *args)
    assert local.exit_code == 0, local.output
    assert remote.exit_code == 0, remote.output
    assert remote.output == local.output
    assert len(local.output.splitlines()) >= 1


def test_stats_and_export_match(server, ingested):
    local = json.loads(_cli("--store", str(ingested), "stats", "--format", "json").output)
    remote = json.loads(_cli("--endpoint", server.query_url, "stats", "--format", "json").output)
    assert (local.pop("store"), remote.pop("store")) == (str(ingested), server.query_url)
    assert remote == local and remote["events"] > 30
    nq_local = set(_cli("--store", str(ingested), "export", "--format", "nq").stdout_bytes.decode().splitlines())
    nq_remote = set(_cli("--endpoint", server.query_url, "export", "--format", "nq").stdout_bytes.decode().splitlines())
    assert nq_remote == nq_local and len(nq_local) > 1000
    ttl = _cli("--endpoint", server.query_url, "export", "--format", "ttl").stdout_bytes
    assert len(list(ox.parse(ttl, format=ox.RdfFormat.TURTLE))) > 1000


def test_library_remote_answers(server, kb_examples):
    kb = KnowledgeBase.remote(server.query_url, read_only=True)
    remote = [(m.mediator, [e.iri for e in m.events]) for m in kb.mediators("Israel", "Syria")]
    local = [(m.mediator, [e.iri for e in m.events]) for m in kb_examples.mediators("Israel", "Syria")]
    assert remote == local and remote
    assert len(kb.timeline(actors=["Israel", "Syria"])) == len(kb_examples.timeline(actors=["Israel", "Syria"]))


def test_writes_reach_the_server(scratch_server):
    url = scratch_server.query_url
    seed = EXAMPLES / "00-washington-examiner-israel-syria-security-deal.yaml"
    assert _cli("--endpoint", url, "ingest", str(seed)).exit_code == 0
    before = _cli("--endpoint", url, "stats", "--format", "json").output
    assert '"articles": 1' in before
    added = _cli("--endpoint", url, "actors", "add", "Jane Envoy", "--type", "person", "--represents", "France")
    assert added.exit_code == 0, added.output
    assert "Jane Envoy" in _cli("--endpoint", url, "actor", "Jane Envoy").output
    removed = _cli("--endpoint", url, "remove", "washington-examiner-2026-01-06")
    assert removed.exit_code == 0, removed.output
    assert '"articles": 0' in _cli("--endpoint", url, "stats", "--format", "json").output
    updated = _cli("--endpoint", url, "update", "--yes",
                   "INSERT DATA { GRAPH <urn:x:g> { <urn:x:a> <urn:x:b> <urn:x:c> } }")
    assert updated.exit_code == 0, updated.output
    assert _cli("--endpoint", url, "query", "ASK { <urn:x:a> ?p ?o }").output == "yes\n"


def test_bulk_jsonl_to_the_server(scratch_server, tmp_path):
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from synthetic import write_jsonl

    path = tmp_path / "events.jsonl"
    write_jsonl(path, 300, seed=7)
    local = KnowledgeBase.memory()
    local.ingest([path], new_actors=True)
    result = _cli("--endpoint", scratch_server.query_url, "ingest", "--new-actors", str(path))
    assert result.exit_code == 0, result.output
    assert "300 events" in result.output
    remote = KnowledgeBase.remote(scratch_server.query_url, read_only=True)
    assert remote.stats()["events"] == local.stats()["events"] == 300
    assert ([e.iri for e in remote.timeline(actors=["Israel"])] == [e.iri for e in local.timeline(actors=["Israel"])])


def test_a_server_without_the_union_default_graph_is_refused(tmp_path):
    srv = Server(tmp_path / "db", union=False)
    try:
        result = _cli("--endpoint", srv.query_url, "stats")
        assert result.exit_code == 1
        assert "--union-default-graph" in result.output and "Traceback" not in result.output
    finally:
        srv.stop()


def test_an_unreachable_server_is_a_clear_error():
    result = _cli("--endpoint", f"http://127.0.0.1:{_free_port()}/query", "timeline")
    assert result.exit_code == 1
    assert result.output.startswith("error: cannot reach the SPARQL server at http://127.0.0.1:")


def test_store_and_endpoint_together_are_refused(tmp_path):
    result = _cli("--store", str(tmp_path / "s"), "--endpoint", "http://127.0.0.1:1/query", "stats")
    assert result.exit_code == 2 and "not both" in result.output


def test_the_kb_process_against_the_server(server):
    exe = Path(sys.executable).with_name("kb")
    env = {**os.environ, "KB_ENDPOINT": server.query_url}
    env.pop("KB_STORE", None)
    out = subprocess.run([str(exe), "mediators", "Israel", "Syria"], capture_output=True, text=True, env=env,
                         cwd=ROOT, timeout=60)
    assert out.returncode == 0, out.stderr
    assert "United States" in out.stdout


def test_bind_writes_terms_not_text():
    iri = ox.NamedNode("https://example.org/a")
    text = 'SELECT DISTINCT ?a ?b WHERE { ?a ?p "?a" . # ?a here\n ?b <urn:?a> ?a } ORDER BY ?a'
    bound = bind(text, {"a": iri})
    assert bound == ('SELECT DISTINCT (<https://example.org/a> AS ?a) ?b WHERE { <https://example.org/a> ?p "?a" . '
                     '# ?a here\n ?b <urn:?a> <https://example.org/a> } ORDER BY (<https://example.org/a>)')
    hostile = ox.Literal('x" } ; DROP ALL ; #')
    assert '\\" } ; DROP ALL' in bind("SELECT ?s WHERE { ?s ?p ?v }", {"v": hostile})


def test_update_url_follows_the_query_url():
    assert update_url_for("http://h:3030/ds/query") == "http://h:3030/ds/update"
    assert update_url_for("http://h:8890/sparql") == "http://h:8890/sparql"


def test_both_stores_are_the_one_store_interface():
    """kb/store/base.py's Protocol: the embedded and the remote store offer the same methods and flags."""
    from kb.store.base import Store
    from kb.store.embedded import EmbeddedStore
    from kb.store.remote import RemoteStore

    embedded, remote = EmbeddedStore.memory(), RemoteStore("http://127.0.0.1:9/query")
    assert isinstance(embedded, Store) and isinstance(remote, Store)
    assert (embedded.remote, embedded.folder, embedded.embedded is not None) == (False, None, True)
    assert (remote.remote, remote.folder, remote.embedded, remote.read_only) == (True, None, None, True)
