"""Nothing lost, nothing half-written, nothing let in — with real processes and real files."""

from __future__ import annotations

import json

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest
import yaml

from kb import KBError, KnowledgeBase, QueryError, StoreError
from kb.model.iris import DATASET_GRAPH

from helpers import EXAMPLES, ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
from synthetic import write_fact_files  # noqa: E402

KB = [str(Path(sys.executable).with_name("kb"))]


def kb_run(store: Path, *args, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([*KB, "--store", str(store), *map(str, args)], capture_output=True, text=True, cwd=ROOT,
                          timeout=300, **kwargs)


def quads(store: Path) -> set[str]:
    """The store's quads, as an export writes them, less the export's own description (its count and day)."""
    with KnowledgeBase.open(store, read_only=True) as kb:
        lines = kb.export("nq").decode("utf-8").splitlines()
    return {line for line in lines if not line.endswith(f"<{DATASET_GRAPH}> .")}


# -- 1. atomic ingest -------------------------------------------------------------

@pytest.fixture(scope="module")
def big_batch(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("batch")
    write_fact_files(folder, 3000, per_file=50, seed=11)  # 60 files: a few seconds to ingest
    return folder


@pytest.mark.parametrize("after", [0.8, 2.0, 3.5, 6.0])
def test_sigkill_during_ingest_leaves_the_store_as_it_was_or_complete(tmp_path, big_batch, after):
    store = tmp_path / "store"
    assert kb_run(store, "ingest", EXAMPLES).returncode == 0
    before = quads(store)
    proc = subprocess.Popen([*KB, "--store", str(store), "ingest", "--no-merge", str(big_batch)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT)
    time.sleep(after)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=60)
    # the store opens, holds either the old content or old + the whole batch, and validates; a batch this big
    # loads in slices under a journal, so a kill during the load leaves a store readers refuse until kb recover
    # has rolled it back
    try:
        after_kill = quads(store)
    except StoreError as exc:
        assert "was interrupted" in str(exc) and "kb recover" in str(exc)
        recovered = kb_run(store, "recover")
        assert recovered.returncode == 0 and "rolled back" in recovered.stderr, recovered.stderr
        after_kill = quads(store)
        assert after_kill == before
    assert after_kill == before or (before < after_kill and len(after_kill - before) > 1000)
    check = kb_run(store, "validate", "--store")
    assert (check.returncode, check.stdout) == (0, "conforms\n"), check.stderr


def test_keep_going_stores_the_good_files_and_reports_each_bad_one(tmp_path, run, store):
    good = tmp_path / "batch"
    good.mkdir()
    for f in (EXAMPLES / "00-washington-examiner-israel-syria-security-deal.yaml",
              EXAMPLES / "01-syrian-observer-sharaa-baku-meeting-israeli-officials.yaml"):
        (good / f.name).write_text(f.read_text(encoding="utf-8"), encoding="utf-8")
    (good / "02-bad.yaml").write_text("article: {title: T}\n", encoding="utf-8")
    (good / "03-bad.yaml").write_text("", encoding="utf-8")
    refused = run("ingest", good)
    assert refused.exit_code == 1 and refused.output == f"error: {good / '02-bad.yaml'}: article.publisher: is required\n"
    assert '"articles": 0' in run("stats", "--format", "json").output  # none of the batch went in
    result = run("ingest", "--keep-going", good)
    assert result.exit_code == 1
    assert result.output.splitlines()[0].startswith("ingested 2 articles from 2 files: 14 events, ")
    assert f"error: {good / '02-bad.yaml'}: article.publisher: is required" in result.output
    assert f"error: {good / '03-bad.yaml'}: the file is empty" in result.output
    assert result.output.rstrip().endswith("error: 2 files refused; the others were stored")


# -- 2. concurrency ------------------------------------------------------------------

HOLD = ("import sys, time; from kb import KnowledgeBase; kb = KnowledgeBase.open(sys.argv[1]); "
        "print('holding', flush=True); time.sleep(float(sys.argv[2])); kb.close()")


def test_a_second_writer_is_told_who_holds_the_store_and_readers_keep_working(tmp_path):
    store = tmp_path / "store"
    assert kb_run(store, "ingest", EXAMPLES).returncode == 0
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(store), "6"], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "holding"
        second = kb_run(store, "ingest", EXAMPLES)
        assert second.returncode == 1
        assert second.stderr == (f"error: the store at {store} is in use by PID {holder.pid}; try again when it is "
                                 "done, or pass --wait SECONDS\n")
        reader = kb_run(store, "mediators", "Israel", "Syria", "--after", "2024-12", "--format", "json")
        assert reader.returncode == 0 and '"United States"' in reader.stdout
        waiting = kb_run(store, "--wait", "30", "ingest", EXAMPLES)  # waits for the holder to finish
        assert waiting.returncode == 0, waiting.stderr
        assert holder.poll() is not None
    finally:
        holder.kill()
        holder.wait()


def test_a_reader_during_a_real_ingest(tmp_path, big_batch):
    store = tmp_path / "store"
    assert kb_run(store, "ingest", EXAMPLES).returncode == 0
    writer = subprocess.Popen([*KB, "--store", str(store), "ingest", "--no-merge", str(big_batch)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT)
    try:
        answers = []
        while writer.poll() is None and len(answers) < 5:
            reader = kb_run(store, "timeline", "--place", "France", "--format", "json")
            assert reader.returncode == 0, reader.stderr
            answers.append(reader.stdout)
        assert answers, "the writer finished before any read"
    finally:
        writer.wait(timeout=300)
    assert writer.returncode == 0


def test_library_writer_lock_names_the_holder_and_waits(tmp_path):
    first = KnowledgeBase.open(tmp_path / "store")
    with pytest.raises(StoreError, match=rf"in use by PID {os.getpid()} \(waited 0.3 s\)"):
        KnowledgeBase.open(tmp_path / "store", wait=0.3)
    with KnowledgeBase.open(tmp_path / "store", read_only=True) as reader:  # readers need no lock
        assert reader.stats()["articles"] == 0
    first.close()
    KnowledgeBase.open(tmp_path / "store").close()


# -- 3. read-only by default, no network ------------------------------------------------

@pytest.mark.parametrize("sparql,message", [
    ("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }", "SERVICE could reach the network"),
    ("select * { service <http://127.0.0.1:9/q> { ?s ?p ?o } }", "SERVICE could reach the network"),
])
def test_queries_do_not_reach_the_network(kb_examples, sparql, message):
    with pytest.raises(QueryError, match=message):
        kb_examples.query(sparql)


def test_words_inside_strings_and_iris_are_not_keywords(kb_examples):
    rows = kb_examples.query('SELECT ?x WHERE { BIND("SERVICE LOAD" AS ?x) }').rows
    assert rows[0]["x"].value == "SERVICE LOAD"


def test_updates_need_kb_update_and_yes(run, ingested):
    refused = run("query", "INSERT DATA { <http://a> <http://b> <http://c> }")
    assert refused.exit_code == 1 and "read-only" in refused.output
    unconfirmed = run("update", "INSERT DATA { <http://a> <http://b> <http://c> }")
    assert unconfirmed.exit_code == 1 and "confirm with --yes" in unconfirmed.output
    assert run("update", "INSERT DATA { <http://a> <http://b> <http://c> }", "--yes").output == "updated: +1 triples\n"
    load = run("update", "LOAD <http://example.org/data.ttl>", "--yes")
    assert load.exit_code == 1 and "LOAD could reach the network" in load.output


# -- 4. no injection --------------------------------------------------------------------

HOSTILE = [
    '"', "'", '"}; DROP ALL; {"', "} ; DROP ALL ; {", "# comment", "a\nb", "\\u0022", "<http://x>", "?s ?p ?o",
    "\U0001F4A5 ünïcödé", "' OR '1'='1", "\x00",
]


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_values_are_bound_never_pasted(kb_examples, value):
    size = len(kb_examples.store.embedded)
    with pytest.raises(KBError):
        kb_examples.mediators(value, "Syria")
    with pytest.raises(KBError):
        kb_examples.timeline(actors=[value])
    with pytest.raises(KBError):
        kb_examples.timeline(types=[value])
    with pytest.raises(KBError):
        kb_examples.timeline(since=value)
    assert kb_examples.timeline(place=value) == []
    try:  # a search string: bound as a value, so it finds only events whose words contain it
        found = kb_examples.show(value)
        assert value.casefold() in " ".join(s.quote for s in found.sources).casefold() + found.label.casefold() \
            or value in found.id
    except KBError as exc:
        assert "matches" in str(exc)
    assert len(kb_examples.store.embedded) == size


@pytest.mark.parametrize("value", HOSTILE[:-1])  # NUL is refused by YAML itself
def test_hostile_text_in_a_fact_file_is_stored_exactly(tmp_path, value):
    import json

    path = tmp_path / "hostile.json"
    path.write_text(json.dumps({
        "article": {"title": value, "publisher": value, "published": "2025-01-01"},
        "events": [{"id": "x", "type": "talks", "date": "2025", "parties": ["Israel", "Syria"], "summary": value,
                    "name": value, "place": value or "x", "quote": value, "content": value}],
    }), encoding="utf-8")
    kb = KnowledgeBase.memory()
    kb.ingest([path])
    [event] = kb.timeline()
    assert (event.label, event.sources[0].quote, event.sources[0].title, event.content) == (value,) * 4
    assert len(kb.timeline(actors=["Israel"])) == 1 and kb.resolve_actor("Syria")  # nothing dropped


# -- 5. hostile files -------------------------------------------------------------------

def _laughs(levels: int) -> str:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, levels):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("name,content,message", [
    ("laughs.yaml", _laughs(13), "refused: YAML aliases (*name) would repeat more than 10,485,760 characters of "
                                 "text; write the values out"),
    ("aliases.yaml", "a: &a x\nb: [" + ", ".join(["*a"] * 101) + "]\n",
     "refused: more than 100 YAML aliases (*name); write the values out"),
    ("deep.yaml", "a: " + "[" * 200 + "]" * 200, "refused: nested more than 32 levels deep"),
    ("deep.json", '{"a": ' * 60 + "1" + "}" * 60, "refused: nested more than 32 levels deep"),
    ("python.yaml", "!!python/object/apply:os.system ['echo pwned']",
     "invalid YAML at line 1, column 1: could not determine a constructor for the tag "
     "'tag:yaml.org,2002:python/object/apply:os.system'"),
    ("tabs.yaml", "article:\n\ttitle: x\n", "invalid YAML at line 2, column 1: found character '\\t' that cannot start any token"),
    ("empty.yaml", "", "the file is empty; expected article: and events:"),
    ("spaces.yaml", "  \n\n", "the file is empty; expected article: and events:"),
    ("scalar.yaml", "just words", "expected a mapping with article: and events:, got a string"),
])
def test_hostile_files_get_one_clear_error(run, tmp_path, name, content, message):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    result = run("ingest", path)
    assert (result.exit_code, result.output) == (1, f"error: {path}: {message}\n")


def test_binary_and_huge_files(run, tmp_path):
    binary = tmp_path / "binary.yaml"
    binary.write_bytes(os.urandom(64) + b"\xff\xfe")
    result = run("ingest", binary)
    assert result.exit_code == 1 and result.output.startswith(f"error: {binary}: not UTF-8 text")
    huge = tmp_path / "huge.yaml"
    huge.write_bytes(b"# " + b"x" * (6 * 1024 * 1024))
    result = run("ingest", huge)
    assert result.output == f"error: {huge}: the file is {huge.stat().st_size:,} bytes; a fact file is limited to 5,242,880\n"


def test_a_folder_of_ten_thousand_files(run, tmp_path, store):
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(10_000):
        (folder / f"{i:05d}.yaml").write_text("", encoding="utf-8")
    started = time.monotonic()
    result = run("ingest", folder)
    assert result.output == f"error: {folder / '00000.yaml'}: the file is empty; expected article: and events:\n"
    kept = run("ingest", "--keep-going", folder)
    assert kept.output.count("the file is empty") == 10_000 and kept.exit_code == 1
    assert time.monotonic() - started < 120
    with KnowledgeBase.open(store, read_only=True) as kb:
        assert kb.stats()["articles"] == 0


# -- 6. round trips -----------------------------------------------------------------------

def test_nquads_export_loads_into_an_empty_store_as_the_same_dataset(tmp_path, ingested, run):
    exported = tmp_path / "kb.nq"
    assert run("export", "--format", "nq", "--with-ontology", "-o", exported).exit_code == 0
    copy = tmp_path / "copy"
    result = kb_run(copy, "load", exported)
    assert result.returncode == 0, result.stderr
    with KnowledgeBase.open(copy, read_only=True) as kb:
        reexported = kb.export("nq", with_ontology=True)
    original = _canonical(ox.parse(path=str(exported), format=ox.RdfFormat.N_QUADS))
    loaded = _canonical(ox.parse(reexported, format=ox.RdfFormat.N_QUADS))
    assert loaded == original and len(original) > 3000  # isomorphic, named graphs included
    assert kb_run(copy, "mediators", "Israel", "Syria", "--after", "2024-12").stdout == \
        kb_run(ingested, "mediators", "Israel", "Syria", "--after", "2024-12").stdout


def _canonical(quads) -> set:
    """The dataset with blank nodes relabelled canonically (the ontology's OWL lists have some)."""
    dataset = ox.Dataset()
    for q in quads:
        dataset.add(q)
    dataset.canonicalize(ox.CanonicalizationAlgorithm.UNSTABLE)
    return set(dataset)


def test_trig_round_trip(tmp_path, kb_examples):
    path = tmp_path / "kb.trig"
    kb_examples.export("trig", path)
    copy = KnowledgeBase.memory()
    copy.load([path])
    assert set(copy.export("nq").splitlines()) == set(kb_examples.export("nq").splitlines())


# -- 7. remove ------------------------------------------------------------------------------

def test_remove_takes_out_exactly_one_article(tmp_path):
    everything = KnowledgeBase.open(tmp_path / "a")
    everything.ingest([EXAMPLES])
    last = sorted(EXAMPLES.glob("*.yaml"))[-1]
    removed = everything.remove("ynetnews-2026-01-06")
    assert removed > 0
    without = KnowledgeBase.open(tmp_path / "b")
    without.ingest(sorted(EXAMPLES.glob("*.yaml"))[:-1])
    assert last.name.startswith("12-")
    assert set(everything.export("nq").splitlines()) == set(without.export("nq").splitlines())


def test_removing_any_article_leaves_the_store_as_if_it_had_never_come(kb_examples):
    """Issue 16 item 3: no event's IRI depends on which article came first, so for every article, removing it
    gives exactly the store the other twelve make when ingested without it (in which the same-as references to
    its events are kept, and reported)."""
    files = sorted(EXAMPLES.glob("*.yaml"))
    everything = sorted(kb_examples.export("nq").splitlines())
    for path in files:
        article = yaml.safe_load(path.read_text(encoding="utf-8"))["article"]["id"]
        removed = KnowledgeBase.memory()
        removed.ingest(files)
        assert sorted(removed.export("nq").splitlines()) == everything
        removed.remove(article)
        never = KnowledgeBase.memory()
        never.ingest([p for p in files if p != path])
        assert sorted(removed.export("nq").splitlines()) == sorted(never.export("nq").splitlines()), article


def test_remove_keeps_what_other_sources_still_support(run, ingested):
    assert run("remove", "examples/israel-syria/00-washington-examiner-israel-syria-security-deal.yaml").exit_code == 0
    shown = run("show", "washington-examiner-2026-01-06/paris-talks").output
    assert "4 sources:" in shown and "Washington Examiner" not in shown
    gone = run("show", "washington-examiner-2026-01-06/dmz-proposal")
    assert gone.exit_code == 1 and gone.output.startswith("error: no event matches")
    assert run("remove", "no-such-article").output.startswith("error: no article 'no-such-article' in the store")


ROUND_TRIP_COMMANDS = [
    ["timeline", "--include-uncertain"],
    ["timeline", "--actor", "Israel", "--actor", "Syria", "--format", "json"],
    ["mediators", "Israel", "Syria", "--after", "2024-12"],
    ["mediators", "Israel", "Syria", "--format", "json"],
    ["show", "washington-examiner-2026-01-06/paris-talks"],
    ["sources"],
    ["stats", "--format", "json"],
    ["actor", "Barrack"],
    ["actors", "sharaa"],
    ["places"],
    ["ask", "who mediated Israel-Syria talks after Dec 2024"],
]


@pytest.mark.parametrize("fmt", ["nq", "trig", "jsonld"])
def test_export_then_load_gives_the_same_answer_to_every_command(tmp_path, ingested, fmt):
    """Issue 16's round trip: kb export, kb load into an empty store, and every command answers alike."""
    from click.testing import CliRunner

    from kb.cli import cli

    runner = CliRunner()
    exported = tmp_path / f"kb.{fmt}"
    assert runner.invoke(cli, ["--store", str(ingested), "export", "--format", fmt, "-o", str(exported)]).exit_code == 0
    copy = tmp_path / "copy"
    loaded = runner.invoke(cli, ["--store", str(copy), "load", str(exported)])
    assert loaded.exit_code == 0, loaded.output
    for command in ROUND_TRIP_COMMANDS:
        original = runner.invoke(cli, ["--store", str(ingested), *command])
        again = runner.invoke(cli, ["--store", str(copy), *command])
        assert original.exit_code == again.exit_code == 0, (command, original.output, again.output)
        if command[0] == "stats":  # it names the store it counts
            first, second = json.loads(original.output), json.loads(again.output)
            assert {k: v for k, v in second.items() if k != "store"} == {k: v for k, v in first.items() if k != "store"}
            continue
        assert again.output == original.output, command
