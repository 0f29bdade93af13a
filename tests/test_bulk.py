"""The bulk path: JSON Lines streamed through the bulk loader, checked like fact files."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kb import FactFileError, KnowledgeBase
from kb.model.namespace import GRAPH

from helpers import EXAMPLES, SEED


def _lines(path, *items):
    path.write_text("".join(json.dumps(i) + "\n" for i in items), encoding="utf-8")
    return path


ARTICLE = {"id": "wire-1", "title": "T", "publisher": "Wire", "published": "2026-01-06"}


def test_jsonl_events_land_in_their_articles_graph(tmp_path):
    path = _lines(tmp_path / "events.jsonl",
                  {"id": "talks", "type": "mediation", "date": "Tuesday", "place": "Paris", "mediator": "US",
                   "parties": ["Israel", "Syria"], "quote": "They met.", "article": ARTICLE},
                  {"id": "deal", "type": "agreement", "status": "agreed", "date": "Tuesday", "parties": ["Israel", "Syria"],
                   "result-of": "talks", "quote": "They agreed.", "article": "wire-1"})
    kb = KnowledgeBase.memory()
    report = kb.ingest([path])
    assert (report.articles, report.events) == (1, 2)
    [answer] = kb.mediators("Israel", "Syria")
    assert [e.id for e in answer.events] == ["wire-1/talks"]
    deal = kb.show("wire-1/deal")
    assert (deal.date, deal.status, deal.place) == ("2026-01-06", "agreed", None)
    nt = kb.export("nt").decode()
    assert ("<https://w3id.org/conflict-kb/id/event/wire-1/deal> <https://w3id.org/conflict-kb/ontology#resultOf> "
            "<https://w3id.org/conflict-kb/id/event/wire-1/talks>") in nt


def test_running_it_again_replaces_not_doubles(tmp_path):
    path = _lines(tmp_path / "events.jsonl",
                  {"type": "talks", "date": "2025", "parties": ["Israel", "Syria"], "quote": "q", "article": ARTICLE})
    kb = KnowledgeBase.open(tmp_path / "store")
    kb.ingest([path])
    first = kb.export("nq")
    _lines(path, {"type": "talks", "date": "2024", "parties": ["Israel", "Syria"], "quote": "q", "article": ARTICLE})
    assert kb.ingest([path]).replaced == 1
    assert [e.date for e in kb.timeline()] == ["2024"]
    assert len(kb.export("nq")) == len(first)


@pytest.mark.parametrize("line,message", [
    ("{not json", "events.jsonl:1: invalid JSON at column 2: Expecting property name enclosed in double quotes"),
    ('["a list"]', "events.jsonl:1: expected one event (a JSON object) per line"),
    ('{"type": "talks", "date": "2025", "parties": ["Israel", "Syria"], "quote": "q", "article": "nowhere"}',
     "events.jsonl:1: article: article 'nowhere' is not given on an earlier line"),
    ('{"type": "battle", "date": "2025", "quote": "q", "article": ' + json.dumps(ARTICLE) + '}',
     "events.jsonl:1: event 1 (e1): type: unknown event type 'battle'"),
    ('{"type": "talks", "date": "soon", "parties": ["Israel", "Syria"], "quote": "q", "article": '
     + json.dumps(ARTICLE) + '}', "events.jsonl:1: event 1 (e1): date: cannot resolve 'soon'"),
])
def test_bad_lines_are_named_by_file_and_line(tmp_path, line, message):
    path = tmp_path / "events.jsonl"
    path.write_text(line + "\n", encoding="utf-8")
    with pytest.raises(FactFileError) as info:
        KnowledgeBase.memory().ingest([path])
    assert str(info.value).startswith(str(tmp_path / message.split(":", 1)[0]) + ":" + message.split(":", 1)[1])


def _all_quads(kb: KnowledgeBase) -> set:
    """Every article graph's and index graph's quads (the bundled graphs' blank nodes differ by store)."""
    return {q for q in kb.store.quads() if q.graph_name.value.startswith((str(GRAPH["article/"]), str(GRAPH["index/"])))}


def test_fact_files_can_take_the_bulk_path(tmp_path):
    kb = KnowledgeBase.memory()
    report = kb.ingest([SEED], bulk=True)
    careful = KnowledgeBase.memory()
    careful.ingest([SEED])
    assert report.events == 12
    assert set(kb.export("nq").splitlines()) == set(careful.export("nq").splitlines())


def test_every_example_gives_the_same_quads_on_both_paths():
    """The bulk path writes N-Quads text itself; the careful path goes through rdflib: same quads, index too."""
    files = sorted(EXAMPLES.glob("*.yaml"))
    bulk, careful = KnowledgeBase.memory(), KnowledgeBase.memory()
    assert bulk.ingest(files, bulk=True).events == careful.ingest(files).events > 40
    assert _all_quads(bulk) == _all_quads(careful)


def _same_on_both_paths(folder, text: str) -> bool:
    """Ingest ``text`` in every text field by JSON Lines and by a fact file; False if both refuse it."""
    event = {"id": "e1", "type": "statement", "date": "2025", "speaker": "Israel", "content": text, "quote": text,
             "name": text, "place": text}
    article = {**ARTICLE, "title": text, "publisher": text}
    lines = _lines(folder / "events.jsonl", {**event, "article": article})
    fact_file = folder / "facts.json"
    fact_file.write_text(json.dumps({"article": article, "events": [event]}), encoding="utf-8")
    bulk, careful = KnowledgeBase.memory(), KnowledgeBase.memory()
    try:
        careful.ingest([fact_file], validate=False)
    except FactFileError:  # text the fact-file reader refuses (a blank title, say) is refused on both paths
        with pytest.raises(FactFileError):
            bulk.ingest([lines])
        return False
    bulk.ingest([lines])
    assert _all_quads(bulk) == _all_quads(careful)
    return True


def test_awkward_text_survives_the_bulk_path(tmp_path):
    """Quotes, backslashes, line breaks, control and astral characters: escaped so the loader reads them back."""
    assert _same_on_both_paths(tmp_path, 'He said "no" \\ then\nleft\r\tat 😀 \x07 \x00 é')


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=40).filter(str.strip))
def test_any_text_survives_the_bulk_path(tmp_path, text):
    _same_on_both_paths(tmp_path, text)


def test_text_that_is_not_unicode_is_named_by_line(tmp_path):
    path = tmp_path / "events.jsonl"
    path.write_text('{"type": "talks", "date": "2025", "parties": ["Israel", "Syria"], "quote": "a \\ud800 b", '
                    '"article": ' + json.dumps(ARTICLE) + '}\n', encoding="utf-8")
    with pytest.raises(FactFileError, match=r"events\.jsonl:1: event 1 \(e1\): quote: text that is not valid Unicode"):
        KnowledgeBase.memory().ingest([path])


def test_cli_jsonl(run, tmp_path):
    path = _lines(tmp_path / "events.jsonl",
                  {"type": "talks", "date": "2025-03-10", "parties": ["Israel", "Syria"], "quote": "q", "article": ARTICLE})
    result = run("ingest", path)
    assert result.exit_code == 0 and result.output.startswith("ingested 1 article from 1 file: 1 event,")


def test_loader_slices_are_cut_between_articles():
    from kb.ingest.bulk import _chunks

    documents = [("a", b"a1\n", 3), ("a", b"a2\n", 3), ("a", b"a3\n", 3), ("b", b"b1\n", 3), ("c", b"c1\n", 3)]
    assert list(_chunks(iter(documents), 4)) == [b"a1\na2\na3\n", b"b1\nc1\n"]  # a is not cut after a2
    assert list(_chunks(iter(documents), 100)) == [b"a1\na2\na3\nb1\nc1\n"]
