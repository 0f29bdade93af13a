"""The hostile corpus through the real ``kb`` command: one clear error line, exit 1, the store unchanged.

Every case ran the ``kb`` executable in a subprocess under a memory cap
(``resource.setrlimit`` on the child), so an input that once needed
gigabytes now fails the test instead of the machine.
"""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import EXAMPLES, ROOT

KB = Path(sys.executable).with_name("kb")
CORPUS = Path(__file__).parent / "corpus"
MEMORY_CAP = 1536 * 2**20  # bytes of address space for one kb process: the old failures needed 2.5-9 GB


def _cap() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))


def kb(store: Path | None, *args: str, timeout: float = 60) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("KB_STORE", "KB_ENDPOINT")}
    if store is not None:
        env["KB_STORE"] = str(store)
    return subprocess.run([str(KB), *map(str, args)], capture_output=True, text=True, env=env, cwd=ROOT,
                          timeout=timeout, preexec_fn=_cap, stdin=subprocess.DEVNULL)


@pytest.fixture(scope="module")
def seeded(tmp_path_factory) -> Path:
    store = tmp_path_factory.mktemp("hostile") / "store"
    assert kb(store, "ingest", EXAMPLES / "00-washington-examiner-israel-syria-security-deal.yaml").returncode == 0
    return store


@pytest.fixture
def store(seeded, tmp_path) -> Path:
    return Path(shutil.copytree(seeded, tmp_path / "store"))


def _export(store: Path) -> str:
    return kb(store, "export", "--format", "nq").stdout


def _refused(result: subprocess.CompletedProcess, *fragments: str) -> None:
    assert result.returncode == 1, (result.returncode, result.stderr)
    assert "Traceback" not in result.stderr, result.stderr
    lines = result.stderr.strip().splitlines()
    assert lines and lines[-1].startswith("error: "), result.stderr
    for fragment in fragments:
        assert fragment in result.stderr, result.stderr


CASES = [
    # (file, command, what the error must say)
    ("retype-state.yaml", "ingest", "actor 1 (United States): type: 'United States' is already known as a state"),
    ("squat-names.yaml", "ingest", "actor 1 (Free Group): aliases: 'Syria' already names Syria"),
    ("repoint-organ.yaml", "ingest", "actor 1 (IDF): represents: Israel Defense Forces is in the bundled registry"),
    ("lone-surrogate.json", "ingest", "lone-surrogate.json: event 1 (t): quote: "),
    ("result-of-missing.jsonl", "ingest", "result-of-missing.jsonl:1: event 1 (deal): result-of: no event 'nowhere'"),
    ("duplicate-id.jsonl", "ingest", "duplicate-id.jsonl:2: event 2 (t): id: event id 't' is given twice"),
    ("invalid-utf8.jsonl", "ingest", "invalid-utf8.jsonl:2: not UTF-8 text"),
    ("huge-number.jsonl", "ingest", "huge-number.jsonl:1: invalid JSON: "),
    ("deep-nesting.jsonl", "ingest", "deep-nesting.jsonl:1: "),
    ("published-0001-01-01.yaml", "ingest", "published-0001-01-01.yaml: event 1 (a): date: "),
    ("published-9999-12-31.yaml", "ingest", "published-9999-12-31.yaml: event 2 (b): date: "),
    ("billion-laughs.yaml", "ingest", "billion-laughs.yaml: refused: "),
    ("entities.rdf", "load", "entities.rdf: refused: RDF/XML with a DOCTYPE"),
    ("entities.rdf", "validate", "entities.rdf: refused: RDF/XML with a DOCTYPE"),
]


@pytest.mark.parametrize("name,command,message", CASES, ids=[f"{c[1]}-{c[0]}" for c in CASES])
def test_hostile_file(store, name, command, message):
    before = _export(store)
    _refused(kb(store, command, CORPUS / name), message)
    assert _export(store) == before


def test_the_corpus_is_all_covered():
    assert {p.name for p in CORPUS.iterdir() if p.name != "README.md"} <= {c[0] for c in CASES} | {
        "registry-graph.trig"}


def test_an_alias_bomb_within_the_file_limit(store, tmp_path):
    """99 aliases of one 400 KB quote: 40 MB of text from a 400 KB file (a 4 MB one took 2.5 GB and crashed)."""
    aliases = ", ".join(["*q"] * 99)
    bomb = tmp_path / "bomb.yaml"
    bomb.write_text(f"article: {{id: bomb, title: T, publisher: P, published: 2025-01-02}}\n"
                    f"q: &q \"{'x' * 400_000}\"\nextra: [{aliases}]\n"
                    f"events: [{{id: t, type: talks, date: 2025, parties: [Israel, Syria], quote: *q}}]\n",
                    encoding="utf-8")
    _refused(kb(store, "ingest", bomb), "bomb.yaml: refused: YAML aliases (*name) would repeat more than")


@pytest.mark.parametrize("command", ["ingest", "extract", "query", "load", "validate"])
def test_devices_and_fifos_are_refused(store, tmp_path, command):
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    target = {"query": tmp_path / "pipe.rq", "load": tmp_path / "pipe.nq"}.get(command, fifo)
    if target != fifo:
        os.mkfifo(target)
    _refused(kb(store, command, target, timeout=20), "not a regular file")
    zero = "/dev/zero"
    result = kb(store, command, zero, timeout=20)
    assert result.returncode in (1, 2) and "Traceback" not in result.stderr, result.stderr


def test_the_registry_graph_is_not_replaced_by_a_file(store):
    assert kb(store, "load", CORPUS / "registry-graph.trig").returncode == 0
    shown = kb(store, "actor", "Syria", "--format", "json")
    assert shown.returncode == 0 and "Not Syria" not in shown.stdout


@pytest.mark.parametrize("args,message", [
    (["remove", '"'], "no article"),
    (["--endpoint", "notaurl", "sources"], "--endpoint: 'notaurl' is not an http(s) URL"),
    (["--endpoint", "http://[::1", "sources"], "is not an http(s) URL"),
    (["--endpoint", "file:///etc/passwd", "sources"], "is not an http(s) URL"),
])
def test_bad_arguments(store, args, message):
    _refused(kb(None if args[0] == "--endpoint" else store, *args), message)


@pytest.fixture
def bad_server():
    """A SPARQL 'server' on 127.0.0.1 that answers every request with malformed results."""
    import http.server
    import threading

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802 - the standard library's name
            self.rfile.read(int(self.headers.get("Content-Length", 0)))
            body = b'{"head": {"vars": ["s"]}, "results": {"bindings": [{"s": {"type": "uri", "valu'
            self.send_response(200)
            self.send_header("Content-Type", "application/sparql-results+json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/query"
    server.shutdown()


@pytest.mark.parametrize("args", [["sources"], ["query", "SELECT * WHERE { ?s ?p ?o }"],
                                  ["mediators", "Israel", "Syria"]])
def test_a_server_answering_nonsense(bad_server, args):
    _refused(kb(None, "--endpoint", bad_server, *args), "sent an unreadable answer")
