"""Export loads into other RDF tools with the same triples."""

from __future__ import annotations

import json
import shutil
import subprocess

import pyoxigraph as ox
import pytest
import rdflib
import rdflib.compare

from kb import KBError, KnowledgeBase
from kb.model.iris import ONTOLOGY_GRAPH

from helpers import ALL_EXAMPLES, EXAMPLES, ROOT


def _pyoxigraph_count(data: bytes, fmt: ox.RdfFormat) -> int:
    store = ox.Store()
    store.load(data, format=fmt)
    return len(store)


def test_turtle_export_same_count_in_rdflib_and_pyoxigraph(kb_examples):
    data = kb_examples.export("ttl")
    g = rdflib.Graph().parse(data=data, format="turtle")
    assert len(g) == _pyoxigraph_count(data, ox.RdfFormat.TURTLE) > 200


def test_turtle_and_trig_have_no_escaped_slash(kb_examples):
    """Virtuoso 7 keeps the backslash of a prefixed name like actor:x\\/mandate\\/y in the IRI."""
    for fmt in ("ttl", "trig"):
        assert b"\\/" not in kb_examples.export(fmt, with_ontology=True), fmt


@pytest.mark.parametrize("query", sorted((ALL_EXAMPLES / "queries").glob("*.rq")), ids=lambda p: p.stem)
def test_the_example_queries_answer_the_same_in_rdflib(kb_examples, query):
    """The .rq files run unchanged in another engine over the export (rdflib here), with the same rows."""
    ds = rdflib.Dataset(default_union=True)
    ds.parse(data=kb_examples.export("nq", with_ontology=True), format="nquads")
    text = query.read_text(encoding="utf-8")
    ours = sorted(tuple(str(v) if v is not None else "" for v in row.values()) for row in kb_examples.query(text).records)
    theirs = sorted(tuple(str(v) if v is not None else "" for v in row) for row in ds.query(text))
    assert ours == theirs and ours


def test_ntriples_and_turtle_hold_the_same_graph(kb_examples):
    ttl = rdflib.Graph().parse(data=kb_examples.export("ttl"), format="turtle")
    nt = rdflib.Graph().parse(data=kb_examples.export("nt"), format="nt")
    assert rdflib.compare.isomorphic(ttl, nt)


def test_quad_formats_keep_named_graphs(kb_examples):
    for fmt, ox_fmt, name in (("trig", ox.RdfFormat.TRIG, "trig"), ("nq", ox.RdfFormat.N_QUADS, "nquads")):
        data = kb_examples.export(fmt)
        ds = rdflib.Dataset()
        ds.parse(data=data, format=name)
        graphs = {str(g.identifier) for g in ds.graphs() if len(g)}
        assert any("/graph/article/" in g for g in graphs)
        assert any(g.endswith("/graph/registry") for g in graphs)
        assert str(ONTOLOGY_GRAPH) not in graphs
        assert sum(1 for _ in ds.quads()) == _pyoxigraph_count(data, ox_fmt)


def test_with_ontology_adds_the_ontology(kb_examples):
    without = _pyoxigraph_count(kb_examples.export("nq"), ox.RdfFormat.N_QUADS)
    with_ = _pyoxigraph_count(kb_examples.export("nq", with_ontology=True), ox.RdfFormat.N_QUADS)
    assert with_ - without > 300


def test_jsonld_export_keeps_the_named_graphs_and_a_context(kb_examples, tmp_path):
    """JSON-LD is a dataset like N-Quads (one @graph an article), its property names compacted by an inline
    @context; it loads back into a store with the same answers."""
    data = kb_examples.export("jsonld")
    doc = json.loads(data)
    assert doc["@context"]["ckb"] == "https://w3id.org/conflict-kb/ontology#"
    assert any(key.startswith("ckb:") for graph in doc["@graph"] for node in graph.get("@graph", []) for key in node)
    theirs = rdflib.Dataset().parse(data=data, format="json-ld")
    nquads = rdflib.Dataset().parse(data=kb_examples.export("nq"), format="nquads")
    assert sorted(map(str, theirs.quads())) == sorted(map(str, nquads.quads()))
    path = tmp_path / "kb.jsonld"
    path.write_bytes(data)
    copy = KnowledgeBase.memory()
    copy.load([path])
    assert [m.mediator for m in copy.mediators("Israel", "Syria", after="2024-12")] == ["United States"]


def test_export_to_file(kb_examples, tmp_path):
    out = tmp_path / "kb.ttl"
    assert kb_examples.export("ttl", out) is None
    assert out.read_bytes() == kb_examples.export("ttl")


def test_unknown_format(kb_examples):
    with pytest.raises(KBError, match="unknown export format 'xml'"):
        kb_examples.export("xml")


def test_rdflib_graph_view(kb_examples):
    ds = kb_examples.graph
    label = rdflib.URIRef("http://www.w3.org/2000/01/rdf-schema#label")
    us = rdflib.URIRef("https://w3id.org/conflict-kb/id/actor/united-states")
    assert str(ds.value(us, label)) == "United States"


RAPPER = shutil.which("rapper")


@pytest.mark.skipif(RAPPER is None, reason="rapper is not installed (apt-get install raptor2-utils); .ci/run installs it")
def test_turtle_export_loads_in_raptor_with_the_same_count(kb_examples, tmp_path):
    path = tmp_path / "kb.ttl"
    kb_examples.export("ttl", path)
    result = subprocess.run([RAPPER, "-i", "turtle", "-o", "ntriples", str(path)], capture_output=True, text=True,
                            timeout=60, check=True)
    # the export streams graph by graph, so a triple two graphs state is written twice: count distinct ones
    distinct = {line for line in result.stdout.splitlines() if line.strip()}
    assert len(distinct) == len(rdflib.Graph().parse(path, format="turtle")) > 1000


def test_the_oxigraph_recipe_of_the_docs_answers_the_founding_question(ingested, tmp_path):
    """docs/sparql.md's Oxigraph commands, run as written (the port aside) on the examples' export: the server
    answers the founding .rq over the SPARQL protocol with the rows kb query gives."""
    import os
    import re
    import socket
    import sys
    import time
    import urllib.parse
    import urllib.request
    from pathlib import Path

    from kb.cli import cli  # noqa: F401 - the kb command the recipe runs is the installed one

    oxigraph = shutil.which("oxigraph", path=str(Path(sys.executable).parent)) or shutil.which("oxigraph")
    if oxigraph is None:
        pytest.skip("the oxigraph server is not installed (pip install oxigraph; it is in the test extras)")
    docs = (ROOT / "docs" / "sparql.md").read_text(encoding="utf-8")
    block = re.search(r"```bash\n(kb export --format nq.*?)```", docs, re.S).group(1).splitlines()
    [export] = [line for line in block if line.startswith("kb export --format nq")]
    [load] = [line for line in block if line.startswith("oxigraph load")]
    [serve] = [line for line in block if line.startswith("oxigraph serve")]
    assert serve.startswith("oxigraph serve") and "--union-default-graph" in serve
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "KB_STORE": str(ingested)}
    kb_exe = str(Path(sys.executable).with_name("kb"))
    subprocess.run([kb_exe, *export.split()[1:]], cwd=tmp_path, env=env, check=True, capture_output=True)
    subprocess.run([oxigraph, *load.split()[1:]], cwd=tmp_path, check=True, capture_output=True)
    proc = subprocess.Popen([oxigraph, *serve.replace("7878", str(port)).split()[1:]], cwd=tmp_path,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        query = (ALL_EXAMPLES / "queries" / "who-mediated-israel-syria-after-2024-12.rq").read_text(encoding="utf-8")
        request = urllib.request.Request(f"http://127.0.0.1:{port}/query", method="POST",
                                         data=urllib.parse.urlencode({"query": query}).encode(),
                                         headers={"Accept": "application/sparql-results+json"})
        for _ in range(200):
            try:
                with urllib.request.urlopen(request, timeout=10) as response:
                    answer = json.loads(response.read())
                break
            except OSError:
                time.sleep(0.05)
        else:
            raise AssertionError("the server did not answer")
        request = urllib.request.Request(f"http://127.0.0.1:{port}/query", method="POST",
                                         data=urllib.parse.urlencode({"query": _export_query()}).encode(),
                                         headers={"Accept": "application/sparql-results+json"})
        with urllib.request.urlopen(request, timeout=10) as response:
            on_export = json.loads(response.read())
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    theirs = sorted(tuple(b.get(v, {}).get("value", "") for v in answer["head"]["vars"])
                    for b in answer["results"]["bindings"])
    ours = subprocess.run([kb_exe, "query", str(ALL_EXAMPLES / "queries" / "who-mediated-israel-syria-after-2024-12.rq"),
                           "--format", "json"], env=env, capture_output=True, text=True, check=True).stdout
    mine = json.loads(ours)
    ours_rows = sorted(tuple(b.get(v, {}).get("value", "") for v in mine["head"]["vars"])
                       for b in mine["results"]["bindings"])
    assert theirs == ours_rows and len(theirs) == 11
    assert _labels(on_export) == _mediated(kb_exe, env)


def _export_query() -> str:
    """docs/sparql.md's founding question against the plain export (its "Query the export" section)."""
    import re

    docs = (ROOT / "docs" / "sparql.md").read_text(encoding="utf-8")
    section = docs.split("## Query the export", 1)[1]
    query = re.search(r"```sparql\n(.*?)```", section, re.S).group(1)
    assert len(query.splitlines()) <= 15  # the bound for an outsider's query
    return query


def _labels(answer: dict) -> list[tuple[str, str]]:
    """(mediator, event label) of each row: one row an event."""
    return sorted((b["mediator"]["value"], b["event"]["value"]) for b in answer["results"]["bindings"])


def _mediated(kb_exe: str, env: dict) -> list[tuple[str, str]]:
    """The (mediator, event label) pairs kb mediators gives for the founding question."""
    done = subprocess.run([kb_exe, "mediators", "Israel", "Syria", "--after", "2024-12", "--format", "json"],
                          env=env, capture_output=True, text=True, check=True)
    rows = sorted((m["mediator"], e["label"]) for m in json.loads(done.stdout) for e in m["events"])
    assert len(rows) == 5
    return rows


@pytest.mark.parametrize("fmt", ["nq", "ttl", "jsonld"])
def test_every_export_describes_itself(kb_examples, fmt):
    """VoID/DCAT: what the file is, its licence, when it was written, how many triples, which ontology version."""
    rdf_format = {"nq": "nquads", "ttl": "turtle", "jsonld": "json-ld"}[fmt]
    data = rdflib.Dataset().parse(data=kb_examples.export(fmt), format=rdf_format)
    void = rdflib.Namespace("http://rdfs.org/ns/void#")
    dataset = rdflib.URIRef("https://w3id.org/conflict-kb/id/dataset")
    described = {p: o for _, p, o, _ in data.quads((dataset, None, None, None))}
    assert described[rdflib.DCTERMS.license] == rdflib.URIRef("https://creativecommons.org/licenses/by/4.0/")
    assert described[rdflib.DCTERMS.conformsTo] == rdflib.URIRef("https://w3id.org/conflict-kb/ontology/0.1.0")
    everything = len(list(data.quads((None, None, None, None))))
    written = everything - len(list(data.quads((dataset, None, None, None))))
    # the statements written: in the merged Turtle a triple two graphs state is written (and counted) twice
    assert int(described[void.triples]) == written if fmt != "ttl" else int(described[void.triples]) >= written


def test_the_description_is_left_out_when_an_export_is_loaded(kb_examples, tmp_path):
    path = tmp_path / "kb.nq"
    kb_examples.export("nq", path)
    copy = KnowledgeBase.memory()
    copy.load([path])
    assert "https://w3id.org/conflict-kb/graph/dataset" not in copy.store.named_graphs()


@pytest.mark.parametrize("fmt", ["ttl", "nt"])
def test_a_merged_export_is_refused_by_load_with_the_way_that_works(kb_examples, tmp_path, fmt):
    """Loading a flattened export stored every source's dates on one node in one graph, silently."""
    path = tmp_path / f"kb.{fmt}"
    kb_examples.export(fmt, path)
    copy = KnowledgeBase.memory()
    before = copy.store.quad_count()
    with pytest.raises(KBError, match=r"kb\.(ttl|nt): events outside named graphs .*load the \.trig, \.nq or \.jsonld"):
        copy.load([path])
    assert copy.store.quad_count() == before  # nothing written


VIRTUOSO_INI = """[Database]
DatabaseFile = {db}/virtuoso.db
ErrorLogFile = {db}/virtuoso.log
LockFile = {db}/virtuoso.lck
TransactionFile = {db}/virtuoso.trx
xa_persistent_file = {db}/virtuoso.pxa
TempStorage = TempDatabase
[TempDatabase]
DatabaseFile = {db}/virtuoso-temp.db
TransactionFile = {db}/virtuoso-temp.trx
[Parameters]
ServerPort = 127.0.0.1:{sql}
DisableUnixSocket = 1
DirsAllowed = .
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
[HTTPServer]
ServerPort = 127.0.0.1:{http}
ServerRoot = {db}
ServerThreads = 4
[SPARQL]
ResultSetMaxRows = 10000
"""


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _rows(answer: dict) -> list[tuple]:
    """SPARQL JSON results as sorted tuples; ?via's names as a set (GROUP_CONCAT's order is the engine's)."""
    out = []
    for b in answer["results"]["bindings"]:
        row = {v: b.get(v, {}).get("value", "") for v in answer["head"]["vars"]}
        if "via" in row:
            row["via"] = ", ".join(sorted(filter(None, row["via"].split(", "))))
        out.append(tuple(row[v] for v in answer["head"]["vars"]))
    return sorted(out)


def test_the_virtuoso_recipe_of_the_docs_answers_the_founding_question(ingested, tmp_path):
    """docs/sparql.md's Virtuoso commands, as written (the port aside), against Debian's Virtuoso on 127.0.0.1:
    the founding .rq over the SPARQL protocol gives the rows kb query gives."""
    import os
    import re
    import sys
    import time
    import urllib.parse
    import urllib.request
    from pathlib import Path

    server, isql = shutil.which("virtuoso-t"), shutil.which("isql-vt")
    if server is None or isql is None:
        pytest.skip("Virtuoso is not installed (Debian package virtuoso-opensource; .ci/run installs it)")
    docs = (ROOT / "docs" / "sparql.md").read_text(encoding="utf-8")
    recipe = re.search(r"# Virtuoso \(Debian.*?\n((?:kb|isql-vt) .*?\n)(isql-vt .*?)\n", docs, re.S)
    export, load = recipe.group(1).strip(), recipe.group(2).strip()
    assert export.startswith("kb export --format ttl") and load.startswith("isql-vt 1111 dba dba exec=")
    sql, http = _free_port(), _free_port()
    (tmp_path / "db").mkdir()
    (tmp_path / "virtuoso.ini").write_text(VIRTUOSO_INI.format(db=tmp_path / "db", sql=sql, http=http))
    env = {**os.environ, "KB_STORE": str(ingested)}
    kb_exe = str(Path(sys.executable).with_name("kb"))
    subprocess.run([kb_exe, *export.split()[1:]], cwd=tmp_path, env=env, check=True, capture_output=True)
    proc = subprocess.Popen([server, "-f", "-c", str(tmp_path / "virtuoso.ini")], cwd=tmp_path,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        address = f"127.0.0.1:{sql}"
        for _ in range(300):
            if subprocess.run([isql, address, "dba", "dba", "exec=select 1;"], capture_output=True).returncode == 0:
                break
            time.sleep(0.1)
        else:
            raise AssertionError("Virtuoso did not start")
        [command, rest] = load.split(" 1111 ", 1)
        argv = [isql, address, *re.findall(r'exec=".*"|\S+', rest)]
        argv = [a.replace('exec="', "exec=").rstrip('"') if a.startswith('exec="') else a for a in argv]
        loaded = subprocess.run(argv, cwd=tmp_path, capture_output=True, text=True)
        assert loaded.returncode == 0 and "Error" not in loaded.stdout + loaded.stderr, loaded.stdout + loaded.stderr
        query = (ALL_EXAMPLES / "queries" / "who-mediated-israel-syria-after-2024-12.rq").read_text(encoding="utf-8")
        request = urllib.request.Request(f"http://127.0.0.1:{http}/sparql", method="POST",
                                         data=urllib.parse.urlencode({"query": query}).encode(),
                                         headers={"Accept": "application/sparql-results+json"})
        with urllib.request.urlopen(request, timeout=60) as response:
            theirs = _rows(json.loads(response.read()))
        request = urllib.request.Request(f"http://127.0.0.1:{http}/sparql", method="POST",
                                         data=urllib.parse.urlencode({"query": _export_query()}).encode(),
                                         headers={"Accept": "application/sparql-results+json"})
        with urllib.request.urlopen(request, timeout=60) as response:
            on_export = json.loads(response.read())
    finally:
        proc.terminate()
        proc.wait(timeout=60)
    ours = subprocess.run([kb_exe, "query", str(ALL_EXAMPLES / "queries" / "who-mediated-israel-syria-after-2024-12.rq"),
                           "--format", "json"], env=env, capture_output=True, text=True, check=True).stdout
    assert theirs == _rows(json.loads(ours)) and len(theirs) == 11
    assert _labels(on_export) == _mediated(kb_exe, env)
