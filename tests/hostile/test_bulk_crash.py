"""The bulk path under SIGKILL and bad input: every article is either as it was or as the batch has it.

The real ``kb`` runs in a subprocess and is killed with SIGKILL at each step
of the journal's protocol (``KB_TEST_KILL_AT``, see kb.bulk._checkpoint),
and at random moments; then a reader is refused until ``kb recover``, and the
per-article quad counts are compared with clean ingests of the old and the
new batch.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kb import KnowledgeBase
from kb.model.namespace import GRAPH

from helpers import ROOT, kb_killable

sys.path.insert(0, str(ROOT / "benchmarks"))
from synthetic import write_jsonl  # noqa: E402

KB = Path(sys.executable).with_name("kb")
ARTICLES = str(GRAPH) + "article/"


def _kb(store: Path, *args: str, kill_at: str | None = None) -> subprocess.CompletedProcess:
    return kb_killable(store, *args, kill_at=kill_at, KB_BULK_CHUNK="2000")


def _counts(store: Path) -> dict[str, int]:
    """Quads per article graph (and per index graph), read from the store as it is on disk."""
    with KnowledgeBase.open(store) as kb:
        return {g: kb.store.quad_count(g) for g in kb.store.named_graphs() if "/article/" in g}


@pytest.fixture(scope="module")
def batches(tmp_path_factory):
    """An old batch (300 articles) and a new one that rewrites them and adds 100, with clean results."""
    folder = tmp_path_factory.mktemp("crash")
    old = write_jsonl(folder / "old.jsonl", 1500, per_article=5, actors=100, seed=7)
    new = write_jsonl(folder / "new.jsonl", 2000, per_article=5, actors=100, seed=8)
    clean_old, clean_new = folder / "clean-old", folder / "clean-new"
    assert _kb(clean_old, "ingest", str(old)).returncode == 0
    assert _kb(clean_new, "ingest", str(old)).returncode == 0
    assert _kb(clean_new, "ingest", str(new)).returncode == 1  # the same ids, other days: another source
    assert _kb(clean_new, "ingest", "--replace", str(new)).returncode == 0
    return old, new, _counts(clean_old), _counts(clean_new), clean_old


def _copy(src: Path, dst: Path) -> Path:
    import shutil

    shutil.copytree(src, dst)
    return dst


def _killed_then_recovered(store: Path, batch: Path, kill_at: str) -> dict[str, int]:
    killed = _kb(store, "ingest", "--replace", str(batch), kill_at=kill_at)
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    refused = _kb(store, "sources")
    assert refused.returncode == 1 and "was interrupted" in refused.stderr and "kb recover" in refused.stderr
    recovered = _kb(store, "recover")
    assert recovered.returncode == 0 and "interrupted bulk ingest" in recovered.stderr, recovered.stderr
    assert _kb(store, "sources").returncode == 0
    return _counts(store)


@pytest.mark.parametrize("kill_at", ["journal", "loading-slice"])
def test_a_killed_fresh_ingest_leaves_nothing_half_written(batches, tmp_path, kill_at):
    old, _, _, _, _ = batches
    assert _killed_then_recovered(tmp_path / "store", old, kill_at) == {}


@pytest.mark.parametrize("kill_at,outcome", [("journal", "old"), ("loading-slice", "old"), ("commit", "new"),
                                             ("commit-dropped", "new"), ("commit-slice", "new")])
def test_a_killed_reingest_leaves_every_article_old_or_new(batches, tmp_path, kill_at, outcome):
    old, new, counts_old, counts_new, clean_old = batches
    store = _copy(clean_old, tmp_path / "store")
    counts = _killed_then_recovered(store, new, kill_at)
    assert counts == (counts_old if outcome == "old" else counts_new)


def test_killed_at_random_moments(batches, tmp_path):
    """Without a checkpoint: SIGKILL after a random delay, five times; each article old or new as a whole."""
    old, new, counts_old, counts_new, clean_old = batches
    rng = random.Random(13)
    for attempt in range(5):
        store = _copy(clean_old, tmp_path / f"store-{attempt}")
        env = {**os.environ, "KB_STORE": str(store), "KB_BULK_CHUNK": "2000"}
        proc = subprocess.Popen([str(KB), "ingest", "--replace", str(new)], env=env, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.3, 3.0))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        assert _kb(store, "recover").returncode == 0
        counts = _counts(store)
        assert counts in (counts_old, counts_new), f"attempt {attempt}: a mixture of old and new"


def test_a_bad_line_in_a_reingest_keeps_every_stored_article(batches, tmp_path):
    old, _, counts_old, _, clean_old = batches
    store = _copy(clean_old, tmp_path / "store")
    lines = old.read_text(encoding="utf-8").splitlines()
    bad = json.loads(lines[1200])
    bad["parties"] = ["Israell", "Syria"]
    lines[1200] = json.dumps(bad)
    broken = tmp_path / "broken.jsonl"
    broken.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = _kb(store, "ingest", str(broken))
    assert result.returncode == 1
    assert result.stderr.startswith(f"error: {broken}:1201: ")
    assert "nothing was stored: the batch's 300 articles already in the store are kept as they were" in result.stderr
    assert "Traceback" not in result.stderr
    assert _counts(store) == counts_old
    assert not (store / "ingest-journal.json").exists() and not (store / "ingest-spool.nq").exists()
