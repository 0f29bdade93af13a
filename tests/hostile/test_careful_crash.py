"""A big careful ingest loads in slices under the journal: killed, it leaves every article old or new.

A careful ingest of new articles only, past ``KB_SLICED_LOAD_FROM`` bytes of
N-Triples, loads through the bulk loader in slices instead of one transaction
(memory: kb/ingest/bulk.py ``load_new_articles``). The real ``kb`` runs in a
subprocess, is killed with SIGKILL at each step of the journal's protocol, and
the store is compared with clean ingests after ``kb recover``.
"""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

import pytest

from kb import KnowledgeBase

from helpers import ROOT, kb_killable

sys.path.insert(0, str(ROOT / "benchmarks"))
from synthetic import write_fact_files  # noqa: E402


def _kb(store: Path, *args: str, sliced: bool = True, kill_at: str | None = None) -> subprocess.CompletedProcess:
    return kb_killable(store, *args, kill_at=kill_at, KB_BULK_CHUNK="2000",
                       KB_SLICED_LOAD_FROM="0" if sliced else str(10**12))


def _quads(store: Path) -> dict[str, int]:
    with KnowledgeBase.open(store) as kb:
        return {g: kb.store.quad_count(g) for g in kb.store.named_graphs() if "/article/" in g or "/index/" in g}


@pytest.fixture(scope="module")
def facts(tmp_path_factory):
    folder = tmp_path_factory.mktemp("careful")
    write_fact_files(folder / "old", 300, per_file=50, seed=3)
    write_fact_files(folder / "new", 600, per_file=50, seed=4)
    for path in (folder / "new").iterdir():  # other articles than the old batch's
        path.rename(path.with_name("new-" + path.name))
        path = path.with_name("new-" + path.name)
        path.write_text(path.read_text(encoding="utf-8").replace('"id": "synthetic-', '"id": "later-')
                        .replace('"title": "Synthetic article', '"title": "Later article'), encoding="utf-8")
    return folder


def test_sliced_and_transactional_loads_store_the_same(facts, tmp_path):
    sliced, whole = tmp_path / "sliced", tmp_path / "whole"
    assert _kb(sliced, "ingest", "--no-merge", str(facts / "old")).returncode == 0
    assert _kb(whole, "ingest", "--no-merge", str(facts / "old"), sliced=False).returncode == 0
    counts = _quads(sliced)
    assert counts == _quads(whole) and len(counts) == 12  # 6 articles, each with its index graph
    assert not (sliced / "ingest-journal.json").exists()


@pytest.mark.parametrize("kill_at", ["journal", "loading-slice"])
def test_a_killed_sliced_ingest_leaves_the_stored_articles_and_none_of_the_new(facts, tmp_path, kill_at):
    store = tmp_path / "store"
    assert _kb(store, "ingest", "--no-merge", str(facts / "old")).returncode == 0
    before = _quads(store)
    killed = _kb(store, "ingest", "--no-merge", str(facts / "new"), kill_at=kill_at)
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    refused = _kb(store, "sources")
    assert refused.returncode == 1 and "kb recover" in refused.stderr
    recovered = _kb(store, "recover")
    assert recovered.returncode == 0 and "rolled back" in recovered.stderr, recovered.stderr
    assert _quads(store) == before
    again = _kb(store, "ingest", "--no-merge", str(facts / "new"))
    assert again.returncode == 0, again.stderr
    assert len(_quads(store)) == len(before) + 24  # the 12 new articles, whole


def test_each_slice_holds_whole_articles_with_their_index_graphs(tmp_path, monkeypatch):
    """A reader beside the load sees a new article whole, found by the index, or not at all."""
    from kb.ingest import bulk
    from kb.model.iris import article_graph
    from kb.store.index import index_graph_for

    monkeypatch.setattr(bulk, "SLICE", 5)
    graphs = {}
    for i in range(6):  # articles first, their index graphs after them: as kb/store/index.with_index orders them
        graphs[str(article_graph(f"a{i}"))] = "".join(
            f"<https://example.org/s{i}> <https://example.org/p> \"{k}\" .\n" for k in range(4))
    for i in range(6):
        graphs[str(index_graph_for(article_graph(f"a{i}")))] = f"<https://example.org/s{i}> <https://example.org/i> <https://example.org/k> .\n"
    with KnowledgeBase.open(tmp_path / "store") as kb:
        slices: list[bytes] = []
        load = kb.store.bulk_load_nquads
        monkeypatch.setattr(kb.store, "bulk_load_nquads", lambda data: (slices.append(data), load(data)))
        bulk.load_new_articles(kb.store, graphs)
        assert len(slices) > 1
        for data in slices:
            text = data.decode("utf-8")
            articles = {i for i in range(6) if f"/article/a{i}>" in text}
            indexed = {i for i in range(6) if f"/index/a{i}>" in text}
            assert articles == indexed and articles
        assert sum(kb.store.quad_count(g) for g in graphs) == 6 * 5
        assert not (tmp_path / "store" / "ingest-journal.json").exists()
