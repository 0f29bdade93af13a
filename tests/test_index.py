"""The access path by actor and time (kb/store/index.py) finds exactly what a scan of every event finds."""

from __future__ import annotations

import datetime as dt
import json
import random
import sys

import pytest

from kb import KnowledgeBase
from kb.store.index import INDEX_VERSION, INDEX_GRAPHS, _buckets, key, window_keys
from kb.model.namespace import DATA, GRAPH

from helpers import EXAMPLES, ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
from synthetic import write_fact_files, write_jsonl  # noqa: E402


def _both(kb: KnowledgeBase, **kwargs) -> tuple[list[str], list[str]]:
    """The timeline through the index, and through the scan it replaces."""
    kb._index_ok = None
    indexed = [(e.iri, e.certain) for e in kb.timeline(**kwargs)]
    kb._index_ok = False
    scanned = [(e.iri, e.certain) for e in kb.timeline(**kwargs)]
    kb._index_ok = None
    return indexed, scanned


def _windows(rng: random.Random, n: int):
    for _ in range(n):
        start = dt.date(2018, 1, 1) + dt.timedelta(days=rng.randrange(0, 9 * 365))
        span = rng.choice([0, 3, 20, 45, 200, 400, 800, 1000])
        yield start.isoformat(), (start + dt.timedelta(days=span)).isoformat()


def test_buckets_follow_the_span():
    d = dt.date
    assert _buckets(d(2023, 5, 1), d(2023, 5, 31)) == ("2023-05",)
    assert _buckets(d(2023, 11, 1), d(2024, 2, 3)) == ("2023-11", "2023-12", "2024-01", "2024-02")
    assert _buckets(d(2020, 1, 1), d(2023, 12, 31)) == ("2020", "2021", "2022", "2023")
    assert _buckets(d(2000, 1, 1), d(2023, 12, 31)) == ("open",)
    assert _buckets(None, d(2023, 12, 31)) == ("open",)
    keys = window_keys(DATA["actor/israel"], d(2023, 12, 20), d(2024, 1, 10))
    assert [k.rsplit("/", 1)[1] for k in keys] == ["2023-12", "2024-01", "2023", "2024", "open"]
    assert window_keys(DATA["actor/israel"], d(2020, 1, 1), d(2024, 1, 1)) is None  # too wide: scan
    # an actor IRI from elsewhere never shares a key with one of ours that ends the same
    assert key("http://example.org/x/israel", "2023") != key(DATA["actor/israel"], "2023")


def test_examples_same_answers_every_window(kb_examples):
    rng = random.Random(1)
    pairs = [["Israel"], ["Syria"], ["Israel", "Syria"], ["United States"], ["Tom Barrack"], ["Hezbollah"],
             ["Israel", "United States"]]
    checked = 0
    for since, until in list(_windows(rng, 40)) + [("2024-12", "2026-01"), ("2026-01-06", "2026-01-06")]:
        for actors in pairs:
            for uncertain in (False, True):
                indexed, scanned = _both(kb_examples, actors=actors, since=since, until=until,
                                         include_uncertain=uncertain)
                assert indexed == scanned, (actors, since, until)
                checked += bool(indexed)
    assert checked > 50  # the windows do find events, not only agree on nothing


@pytest.fixture(scope="module")
def synthetic_kb(tmp_path_factory):
    folder = tmp_path_factory.mktemp("synthetic")
    kb = KnowledgeBase.memory()
    kb.ingest(write_fact_files(folder, 1500, per_file=100, seed=3))
    return kb


def test_synthetic_same_answers(synthetic_kb):
    rng = random.Random(2)
    found = 0
    for since, until in _windows(rng, 30):
        for actors, kind in ((["Israel", "Syria"], None), (["Israel"], None), (["Syria"], "mediation"),
                             (["United States"], "military-action")):
            indexed, scanned = _both(synthetic_kb, actors=actors, since=since, until=until,
                                     types=[kind] if kind else [], include_uncertain=True)
            assert indexed == scanned, (actors, kind, since, until)
            found += len(indexed)
    assert found > 100


def test_bulk_ingest_writes_the_index(tmp_path):
    path = write_jsonl(tmp_path / "e.jsonl", 400, seed=5)
    kb = KnowledgeBase.memory()
    kb.ingest([path], new_actors=True)
    assert any(g.startswith(INDEX_GRAPHS) for g in kb.store.named_graphs())
    for since, until in _windows(random.Random(4), 10):
        indexed, scanned = _both(kb, actors=["Israel", "Syria"], since=since, until=until, include_uncertain=True)
        assert indexed == scanned


def test_index_follows_remove_load_and_update(tmp_path):
    kb = KnowledgeBase.open(tmp_path / "a")
    kb.ingest([EXAMPLES])
    window = dict(actors=["Israel", "Syria"], since="2025-06", until="2026-03")
    before = _both(kb, **window)[0]
    assert before
    # remove: its index graph goes with it
    kb.remove("washington-examiner-2026-01-06")
    assert not kb.store.has_graph(GRAPH["index/washington-examiner-2026-01-06"])
    after_remove, scanned = _both(kb, **window)
    assert after_remove == scanned and len(after_remove) <= len(before)
    # export + load into a fresh store: the index is rebuilt there, not carried in the export
    nq = tmp_path / "x.nq"
    kb.export("nq", nq)
    assert "graph/index/" not in nq.read_text(encoding="utf-8")
    other = KnowledgeBase.open(tmp_path / "b")
    other.load([nq])
    assert _both(other, **window) == (after_remove, after_remove)
    # a SPARQL Update moving an event's dates: the index follows
    [first] = [e for e in kb.timeline(**window) if e.id.startswith("ynetnews")][:1] or kb.timeline(**window)[:1]
    kb.update(f"""DELETE {{ GRAPH ?g {{ ?c ckb:earliestBegin ?b ; ckb:latestEnd ?e }} }}
                  INSERT {{ GRAPH ?g {{ ?c ckb:earliestBegin "2019-03-01"^^xsd:date ;
                                          ckb:latestEnd "2019-03-02"^^xsd:date }} }}
                  WHERE {{ GRAPH ?g {{ ?c ckb:claimOf <{first.iri}> ; ckb:earliestBegin ?b ; ckb:latestEnd ?e }} }}""")
    moved = _both(kb, actors=window["actors"], since="2019-03", until="2019-03")
    assert moved[0] == moved[1] and first.iri in [i for i, _ in moved[0]]
    kb.close()
    other.close()


def test_a_store_from_before_the_index_is_indexed_when_opened_for_writing(tmp_path):
    kb = KnowledgeBase.open(tmp_path / "s")
    kb.ingest([EXAMPLES])
    expected = _both(kb, actors=["Israel"], since="2025", until="2025")[0]
    # make it look like a store written by an older conflict-kb: no index graphs, no marker
    kb.store.replace_graphs({g: "" for g in kb.store.named_graphs() if g.startswith(INDEX_GRAPHS)})
    bundled = tmp_path / "s" / "bundled-graphs.json"
    kb.close()
    data = json.loads(bundled.read_text())
    del data["index"]
    bundled.write_text(json.dumps(data))
    reader = KnowledgeBase.open(tmp_path / "s", read_only=True)
    assert not reader._indexed()  # falls back to the scan, and still answers
    assert [(e.iri, e.certain) for e in reader.timeline(actors=["Israel"], since="2025", until="2025")] == expected
    reader.close()
    writer = KnowledgeBase.open(tmp_path / "s")
    assert writer._indexed() and any(g.startswith(INDEX_GRAPHS) for g in writer.store.named_graphs())
    assert _both(writer, actors=["Israel"], since="2025", until="2025") == (expected, expected)
    writer.close()


def test_a_store_indexed_under_an_older_bundled_roll_up_is_reindexed(tmp_path):
    """An upgrade that changes whom a bundled actor represents refiles every event (the marker holds a digest)."""
    kb = KnowledgeBase.open(tmp_path / "s")
    kb.ingest([EXAMPLES])
    stamp = kb.store.marker("index")
    assert stamp.startswith(INDEX_VERSION + "+")
    kb.store.set_marker("index", INDEX_VERSION + "+000000000000")  # as an older registry's roll-up left it
    kb.close()
    reader = KnowledgeBase.open(tmp_path / "s", read_only=True)
    assert not reader._indexed()
    reader.close()
    writer = KnowledgeBase.open(tmp_path / "s")
    assert writer._indexed() and writer.store.marker("index") == stamp
    writer.close()


def test_a_new_mandate_refiles_the_persons_events(tmp_path):
    path = tmp_path / "f.yaml"
    path.write_text("article: {title: T, publisher: P, published: 2025-07-30}\n"
                    "actors:\n  - {name: Jane Envoy, type: person}\n"
                    "events:\n  - {id: x, type: talks, date: 2025-07-29, parties: [Jane Envoy, Syria], quote: q}\n",
                    encoding="utf-8")
    kb = KnowledgeBase.memory()
    kb.ingest([path])
    assert kb.timeline(actors=["France"], since="2025-07", until="2025-07") == []
    kb.add_actor("Jane Envoy", type="person", represents="France")
    indexed, scanned = _both(kb, actors=["France"], since="2025-07", until="2025-07")
    assert indexed == scanned and len(indexed) == 1


def _mediators_both(kb: KnowledgeBase, a: str, b: str, **window):
    def flat(answers):
        return [(m.mediator, m.via, [(e.iri, e.certain) for e in m.events]) for m in answers]

    kb._index_ok = None
    indexed = flat(kb.mediators(a, b, **window))
    kb._index_ok = False
    scanned = flat(kb.mediators(a, b, **window))
    kb._index_ok = None
    return indexed, scanned


def test_windowed_mediators_same_answers(kb_examples, synthetic_kb):
    found = 0
    for kb in (kb_examples, synthetic_kb):
        for since, until in list(_windows(random.Random(5), 25)) + [("2025-07", "2026-01"), ("2026-01", "2026-01")]:
            for uncertain in (False, True):
                indexed, scanned = _mediators_both(kb, "Israel", "Syria", since=since, until=until,
                                                   include_uncertain=uncertain)
                assert indexed == scanned, (since, until)
                found += len(indexed)
    assert found > 10


def test_an_update_interrupted_before_reindexing_is_reindexed_later(tmp_path, monkeypatch):
    kb = KnowledgeBase.open(tmp_path / "s")
    kb.ingest([EXAMPLES])
    monkeypatch.setattr(KnowledgeBase, "reindex", lambda self: 0)  # as if the process died right after the update
    kb.update("INSERT DATA { GRAPH <urn:x:g> { <urn:x:a> <urn:x:b> <urn:x:c> } }")
    kb.close()
    reader = KnowledgeBase.open(tmp_path / "s", read_only=True)
    assert not reader._indexed()  # readers scan meanwhile
    reader.close()
    monkeypatch.undo()
    writer = KnowledgeBase.open(tmp_path / "s")
    assert writer._indexed()
    writer.close()
