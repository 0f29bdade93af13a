"""The kb command, in-process (CliRunner) and as a real subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pyoxigraph as ox
import pytest
import rdflib

from kb.cli import cli

from helpers import ALL_EXAMPLES, EXAMPLES, SEED


def test_every_command_has_help_with_an_example(run):
    for name, _command in cli.commands.items():
        result = run(name, "--help")
        assert result.exit_code == 0, name
        assert "Example:" in result.output and f"kb {name}" in result.output, f"kb {name} --help has no example"


def test_ingest_reports_counts(run):
    from kb import KnowledgeBase

    expected = KnowledgeBase.memory().ingest([SEED])
    counts = f"{expected.events} events, {expected.triples} triples"
    result = run("ingest", SEED)
    assert result.exit_code == 0
    assert result.output == f"ingested 1 article from 1 file: {counts}\n"
    again = run("ingest", SEED)
    assert again.output == f"ingested 1 article from 1 file: {counts} (1 replaced an earlier version)\n"


def test_mediators_json_answers_the_founding_question(run, ingested):
    result = run("mediators", "Israel", "Syria", "--after", "2024-12", "--format", "json")
    assert result.exit_code == 0
    [answer] = json.loads(result.output)
    assert answer["mediator"] == "United States"
    assert answer["via"] == ["Jared Kushner", "Steve Witkoff", "Tom Barrack"]
    assert {"date": "2026-01-06", "place": "Paris"}.items() <= next(
        e for e in answer["events"] if e["id"].endswith("/paris-talks")).items()
    assert json.loads(run("mediators", "Israel", "Syria", "--after", "2026-02", "--format", "json").output) == []


@pytest.mark.parametrize("a,b", [("Israel", "Syrian Arab Republic"), ("State of Israel", "syria")])
def test_mediators_aliases(run, ingested, a, b):
    canonical = run("mediators", "Israel", "Syria", "--after", "2024-12", "--format", "json").output
    assert run("mediators", a, b, "--after", "2024-12", "--format", "json").output == canonical


def test_mediators_table_and_empty_answer(run, ingested):
    table = run("mediators", "Israel", "Syria", "--after", "2024-12").output
    assert table.splitlines()[0].split() == ["mediator", "via", "date", "place", "event", "confidence", "sources"]
    assert "United States  Jared Kushner, Steve Witkoff, Tom Barrack" in table
    empty = run("mediators", "Israel", "Syria", "--after", "2026-02")
    assert (empty.exit_code, empty.output) == (0, "no mediator found between Israel and Syria in that window\n")


def test_unknown_actor_in_a_question(run, ingested):
    result = run("mediators", "Israel", "Syriaa")
    assert result.exit_code == 1
    assert result.output == ("error: unknown actor 'Syriaa'; did you mean 'Syria'? "
                             "(declare it in an actors: block or with 'kb actors add', or ingest with --new-actors)\n")


def test_timeline_json_shape(run, ingested):
    events = json.loads(run("timeline", "--actor", "Israel", "--actor", "Syria", "--format", "json").output)
    assert events
    for e in events:
        assert {"id", "type", "label", "date", "start", "end", "place", "roles", "sources"} <= set(e)
        for s in e["sources"]:
            assert set(s) == {"title", "publisher", "published", "url", "quote", "article"}
    talks = next(e for e in events if e["id"].endswith("/paris-talks"))
    assert talks["roles"]["parties"] == ["Israel", "Syria"]
    assert (talks["date"], talks["disputed"]) == ("2026-01-06", True)  # Ynetnews: "concluded Monday"
    assert (talks["start"], talks["end"]) == ("2026-01-05", "2026-01-06")  # the spread of the sources
    examiner = next(d for d in talks["dates"] if d["publisher"] == "Washington Examiner")
    assert (examiner["start"], examiner["end"], examiner["date_text"]) == ("2026-01-06", "2026-01-06", "Tuesday")
    assert {s["publisher"] for s in talks["sources"]} == {"Washington Examiner", "Al Jazeera", "Asharq Al-Awsat",
                                                          "Shafaq News", "Ynetnews"}
    starts = [e["start"] or "" for e in events]
    assert starts == sorted(starts)


@pytest.mark.parametrize("fmt,check", [
    ("table", lambda out: out.splitlines()[0].split()[:3] == ["date", "type", "event"]),
    ("csv", lambda out: out.splitlines()[0] == "date,type,event,place,actors,confidence,sources"),
    ("md", lambda out: out.startswith("| date | type | event |")),
])
def test_timeline_formats(run, ingested, fmt, check):
    result = run("timeline", "--type", "mediation", "--format", fmt)
    assert result.exit_code == 0 and check(result.output), result.output
    assert "Paris" in result.output


def test_timeline_unknown_type(run, ingested):
    result = run("timeline", "--type", "battle")
    assert result.exit_code == 1 and result.output.startswith("error: unknown event type 'battle'")


def test_query_file_and_text(run, ingested):
    rq = ALL_EXAMPLES / "queries" / "who-mediated-israel-syria-after-2024-12.rq"
    out = run("query", rq).output
    assert out.splitlines()[0].split() == ["mediator", "event", "date", "via"]
    assert "United States" in out
    data = json.loads(run("query", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "--format", "json").output)
    assert int(data["results"]["bindings"][0]["n"]["value"]) > 500
    assert run("query", "ASK { ?s ?p ?o }").output == "yes\n"
    csv = run("query", "SELECT ?l WHERE { <https://w3id.org/conflict-kb/id/actor/syria> "
                       "<http://www.w3.org/2000/01/rdf-schema#label> ?l }", "--format", "csv").output
    assert csv.split() == ["l", "Syria"]


def test_query_construct_is_turtle(run, ingested):
    out = run("query", "CONSTRUCT { ?s ?p ?o } WHERE { ?s a <https://w3id.org/conflict-kb/ontology#Mediation> ; ?p ?o }")
    g = rdflib.Graph().parse(data=out.stdout_bytes, format="turtle")
    assert len(g) > 10


def test_query_refuses_updates(run, ingested):
    before = run("stats", "--format", "json").output
    result = run("query", "DELETE WHERE { ?s ?p ?o }")
    assert result.exit_code == 1
    assert result.output.startswith("error: invalid SPARQL query:")
    assert "read-only" in result.output
    assert run("stats", "--format", "json").output == before


def test_query_without_a_store(run):
    result = run("query", "ASK {}")
    assert result.exit_code == 1 and "no knowledge base at" in result.output


def test_export_ttl_to_stdout_and_file(run, ingested, tmp_path):
    out = run("export", "--format", "ttl").stdout_bytes
    g = rdflib.Graph().parse(data=out, format="turtle")
    store = ox.Store()
    store.load(out, format=ox.RdfFormat.TURTLE)
    assert len(g) == len(store) > 200
    target = tmp_path / "out" / "kb.trig"
    result = run("export", "--format", "trig", "-o", target)
    assert result.exit_code == 0 and target.exists()
    assert not list(target.parent.glob(".*tmp"))


def test_stats(run, ingested):
    data = json.loads(run("stats", "--format", "json").output)
    assert data["articles"] >= 1 and data["events"] >= 10 and data["events by type"]["mediation"] >= 1


# -- real processes -------------------------------------------------------------

def test_subprocess_founding_question(kb_exe):
    ingest = kb_exe("ingest", "examples/")
    assert ingest.returncode == 0, ingest.stderr
    result = kb_exe("mediators", "Israel", "Syria", "--after", "2024-12", "--format", "json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)[0]["mediator"] == "United States"


def test_subprocess_error_has_no_traceback(kb_exe, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("article: {title: T, publisher: P, published: 2025-01-01}\n"
                   "events:\n  - {id: x, type: battle, date: 2025, quote: q}\n", encoding="utf-8")
    result = kb_exe("ingest", bad)
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.startswith(f"error: {bad}: event 1 (x): type: unknown event type 'battle'")
    assert "Traceback" not in result.stderr


def test_subprocess_help_and_version(kb_exe):
    assert kb_exe("--help").returncode == 0
    assert kb_exe("--version").stdout.startswith("kb, version ")


@pytest.mark.parametrize("command", [["mediators", "Israel", "Syria"],
                                     ["timeline", "--actor", "Israel", "--actor", "Syria"],
                                     ["ask", "who mediated between Israel and Syria?"],
                                     ["query", "SELECT ?l WHERE { ?a rdfs:label ?l FILTER(?l = 'United States') }"]])
def test_a_question_imports_no_ingest_module_no_yaml_and_no_rdflib(ingested, tmp_path, command):
    """Process start (issue 17 item 3): answering reads no YAML and loads neither the ingest path nor rdflib
    (~70 ms of import: the model's IRIs are text)."""
    probe = ("import sys\nfrom kb.cli import cli\ntry:\n"
             f"    cli(['--store', sys.argv[1], *{command!r}], prog_name='kb')\n"
             "except SystemExit:\n    pass\n"
             "print(sorted(m for m in sys.modules if m in ('yaml', 'rdflib') or m.startswith('kb.ingest.')\n"
             "             and m != 'kb.ingest.inputs'))\n")  # inputs: reading a user's file within bounds
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    runs = [subprocess.run([sys.executable, "-c", probe, str(ingested)], capture_output=True, text=True,
                           env=env, check=True).stdout.splitlines() for _ in range(2)]
    assert "United States" in "\n".join(runs[1][:-1])  # the answer was printed
    assert runs[1][-1] == "[]"  # the second run reads the bundled registry from the cache


def test_an_ingest_imports_no_rdflib(tmp_path):
    """kb ingest builds each article in plain Python (kb/ingest/graph.py) and checks it with the compiled shapes:
    rdflib (~0.1 s of import) loads only for pySHACL (--strict, kb validate)."""
    probe = ("import sys\nfrom kb.cli import cli\ntry:\n"
             "    cli(['--store', sys.argv[1], 'ingest', *sys.argv[2:]], prog_name='kb')\n"
             "except SystemExit:\n    pass\n"
             "print(sorted(m for m in sys.modules if m.split('.')[0] in ('rdflib', 'pyshacl')))\n")
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    plain = subprocess.run([sys.executable, "-c", probe, str(tmp_path / "a"), str(SEED)], capture_output=True,
                           text=True, env=env, check=True)
    assert plain.stdout.splitlines()[-1] == "[]" and "1 article" in plain.stdout + plain.stderr
    strict = subprocess.run([sys.executable, "-c", probe, str(tmp_path / "b"), "--strict", str(SEED)],
                            capture_output=True, text=True, env=env, check=True)
    assert "rdflib" in strict.stdout.splitlines()[-1]  # the reference checker does use it


def test_show_with_what_no_iri_may_hold_searches_instead(run, ingested):
    result = run("show", "a b/c>d")
    assert result.exit_code == 1 and result.output.startswith("error: no event matches 'a b/c>d'")
    assert "Traceback" not in result.output


def test_a_bug_gets_one_line_and_exit_status_70_not_a_traceback(run, ingested, monkeypatch):
    """An exception that is not a KBError is a bug: `kb ask` on the question that raised ValueError in session 18
    printed a traceback. The CLI now says so in one line (exit status 70, EX_SOFTWARE) and KB_TRACEBACK=1 shows
    the traceback. The fault is injected: no known question raises one any more."""
    from kb.api import KnowledgeBase

    def broken(self, question, **_):
        raise ValueError("min() arg is an empty sequence")

    monkeypatch.setattr(KnowledgeBase, "ask", broken)
    monkeypatch.delenv("KB_TRACEBACK", raising=False)
    result = run("ask", "who called for a ceasefire")
    assert result.exit_code == 70
    assert result.output.splitlines() == [
        "error: internal error: ValueError: min() arg is an empty sequence — a bug in conflict-kb, not in the "
        "input; run again with KB_TRACEBACK=1 and report the traceback"
    ]
    monkeypatch.setenv("KB_TRACEBACK", "1")
    with pytest.raises(ValueError, match="empty sequence"):
        run("ask", "who called for a ceasefire")
    monkeypatch.delenv("KB_TRACEBACK")
    assert run("ask", "--help").exit_code == 0  # click's own exits pass through
