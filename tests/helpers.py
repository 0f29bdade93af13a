"""Paths the tests share (importable because pytest puts tests/ on sys.path)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "israel-syria"  # the 13 Israel–Syria files most tests are written against
ALL_EXAMPLES = ROOT / "examples"  # with the other conflicts (examples/world)
FIXTURES = Path(__file__).resolve().parent / "fixtures"
ARTICLES = ROOT.parent / "shared" / "articles"
SEED = EXAMPLES / "00-washington-examiner-israel-syria-security-deal.yaml"

# Tests that read the shared article texts skip, naming the folder, on a checkout without ../shared
# (a fresh clone of the project alone); CI lays ../shared beside the checkout, so there they all run.
requires_articles = pytest.mark.skipif(not ARTICLES.is_dir(),
                                       reason=f"the shared articles are not beside this checkout ({ARTICLES})")


def kb_killable(store: Path, *args: str, kill_at: str | None = None, **env: str) -> subprocess.CompletedProcess:
    """A real `kb` process on ``store``, killed by SIGKILL at the journal's checkpoint ``kill_at`` if given
    (kb/ingest/bulk.py ``_checkpoint``); ``env`` adds variables (KB_BULK_CHUNK=...)."""
    run_env = {**os.environ, "KB_STORE": str(store), **env}
    run_env.pop("KB_TEST_KILL_AT", None)
    if kill_at:
        run_env["KB_TEST_KILL_AT"] = kill_at
    return subprocess.run([str(Path(sys.executable).with_name("kb")), *args], capture_output=True, text=True,
                          env=run_env, timeout=300)


class _RdflibCKB:
    """kb.model's CKB terms as rdflib URIRefs, for tests that build or read rdflib graphs (an rdflib graph looked
    up with text finds nothing; kb itself keeps terms as text and builds no rdflib graph but for pySHACL)."""

    def __getattr__(self, name: str):
        from rdflib import URIRef

        from kb.model.namespace import CKB

        return URIRef(getattr(CKB, name))  # a misspelt term is the model's AttributeError

    def __getitem__(self, name: str):
        return getattr(self, name)


RCKB = _RdflibCKB()
