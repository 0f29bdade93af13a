"""Shared fixtures: real stores, real files, the real `kb` executable."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from kb import KnowledgeBase
from kb.cli import cli

from helpers import ALL_EXAMPLES, EXAMPLES, ROOT


@pytest.fixture(scope="session")
def kb_examples() -> KnowledgeBase:
    """An in-memory knowledge base holding every bundled example. Shared: do not write to it."""
    kb = KnowledgeBase.memory()
    kb.ingest([EXAMPLES])
    return kb


@pytest.fixture(scope="session")
def kb_all_examples() -> KnowledgeBase:
    """In memory, every fact file of examples/ (Israel–Syria and the world's other conflicts). Do not write."""
    kb = KnowledgeBase.memory()
    kb.ingest([ALL_EXAMPLES])
    return kb


@pytest.fixture(scope="session")
def _examples_store(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("examples") / "store"
    with KnowledgeBase.open(path) as kb:
        kb.ingest([EXAMPLES])
    return path


@pytest.fixture
def ingested(store: Path, _examples_store: Path) -> Path:
    """The test's own store, holding the examples (a copy of one ingested once per session)."""
    shutil.copytree(_examples_store, store)
    return store


@pytest.fixture
def store(tmp_path: Path) -> Path:
    return tmp_path / "store"


@pytest.fixture
def run(store: Path):
    """Invoke the CLI in-process (click's CliRunner) against a fresh on-disk store."""
    runner = CliRunner()

    def invoke(*args: str, input: str | None = None):
        return runner.invoke(cli, ["--store", str(store), *map(str, args)], input=input, catch_exceptions=False)

    return invoke


@pytest.fixture
def kb_exe(store: Path):
    """Run the installed `kb` executable as a real subprocess."""
    exe = Path(sys.executable).with_name("kb")
    assert exe.exists(), f"the kb console script is not installed next to {sys.executable}"

    def call(*args: str, check: bool = False) -> subprocess.CompletedProcess:
        env = {**os.environ, "KB_STORE": str(store)}
        return subprocess.run([str(exe), *map(str, args)], capture_output=True, text=True, env=env, cwd=ROOT,
                              check=check, timeout=120)

    return call
