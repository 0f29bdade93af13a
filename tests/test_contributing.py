"""CONTRIBUTING.md's walkthroughs work as written: in a copy of the tree, add its event type and its output
format with exactly the snippets it shows, and the new type is read, mapped, validated, matched, shown and
offered by the CLI, with the vocabulary and namespace checks still passing."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import ROOT

GUIDE = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")


def _blocks(section: str) -> list[str]:
    text = GUIDE.split(f"## {section}", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```\w+\n(.*?)```", text, re.S)


def _add_event_type(tree: Path) -> None:
    """The four steps of 'Adding an event type', snippet by snippet."""
    cls, shape, row = _blocks("Adding an event type")
    with open(tree / "ontology" / "conflict.ttl", "a", encoding="utf-8") as f:
        f.write("\n" + cls)
    with open(tree / "ontology" / "shapes.ttl", "a", encoding="utf-8") as f:
        f.write("\n" + shape)
    vocab = tree / "kb" / "model" / "vocab.py"
    text = vocab.read_text(encoding="utf-8")
    table_end = text.index("\n)\n", text.index("EVENT_TYPES: dict[str, EventType] = _table("))
    vocab.write_text(text[:table_end] + "\n" + row.rstrip("\n") + text[table_end:], encoding="utf-8")
    subprocess.run([sys.executable, str(tree / "tools" / "generate_namespace.py")], check=True, cwd=tree)


def _add_output_format(tree: Path) -> None:
    [writer] = _blocks("Adding an output format")
    with open(tree / "kb" / "render" / "formats.py", "a", encoding="utf-8") as f:
        f.write("\n\n" + writer)


@pytest.fixture(scope="module")
def tree(tmp_path_factory) -> Path:
    """A copy of the package, the ontology, the tools and the vocabulary tests, with both walkthroughs done."""
    tree = tmp_path_factory.mktemp("contrib")
    for part in ("kb", "ontology", "tools"):
        # symlinks kept: kb/ontology links to ../ontology, as in the checkout
        shutil.copytree(ROOT / part, tree / part, symlinks=True, ignore=shutil.ignore_patterns("__pycache__"))
    (tree / "tests").mkdir()
    for name in ("helpers.py", "conftest.py", "test_vocab.py", "test_namespace.py"):
        shutil.copy(ROOT / "tests" / name, tree / "tests" / name)
    _add_event_type(tree)
    _add_output_format(tree)
    return tree


def _env(tree: Path) -> dict:
    return {**os.environ, "PYTHONPATH": str(tree), "KB_STORE": str(tree / "store")}


def _kb(tree: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", "from kb.cli import main; main()", *args], capture_output=True,
                          text=True, env=_env(tree), cwd=tree, timeout=300)


def test_the_walkthrough_touches_four_files(tree):
    changed = [p for p in ("ontology/conflict.ttl", "ontology/shapes.ttl", "kb/model/vocab.py",
                           "kb/model/namespace.py")
               if (tree / p).read_bytes() != (ROOT / p).read_bytes()]
    assert len(changed) == 4, changed
    probe = subprocess.run([sys.executable, "-c", "import kb; print(kb.__file__)"], capture_output=True, text=True,
                           env=_env(tree), cwd=tree, check=True)
    assert probe.stdout.strip() == str(tree / "kb" / "__init__.py")  # the copy runs, not the installed package


def test_the_vocabulary_and_namespace_checks_pass_with_the_new_type(tree):
    result = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--rootdir", str(tree),
                             "-o", "pythonpath=tests", "tests/test_vocab.py", "tests/test_namespace.py"],
                            capture_output=True, text=True, env=_env(tree), cwd=tree, timeout=300)
    assert result.returncode == 0, result.stdout[-3000:]


def test_the_new_type_goes_all_the_way_through(tree):
    facts = tree / "ddr.yaml"
    facts.write_text("""
article: {id: ddr-2026-01-20, title: Fighters hand in weapons, publisher: Example Wire, published: 2026-01-20}
events:
  - id: ddr
    type: disarmament
    date: Monday
    subject: M23
    mediator: Qatar
    quote: M23 fighters handed in their weapons on Monday under a Qatar-mediated plan.
""", encoding="utf-8")
    ingest = _kb(tree, "ingest", str(facts))
    assert ingest.returncode == 0, ingest.stderr
    shown = json.loads(_kb(tree, "timeline", "--type", "disarmament", "--format", "json").stdout)
    assert [(e["type"], e["date"]) for e in shown] == [("disarmament", "2026-01-19")]
    assert "#975a16" in _kb(tree, "timeline", "--format", "html").stdout  # its colour
    assert _kb(tree, "validate", "--store").returncode == 0
    assert "disarmament" in _kb(tree, "stats").stdout

    lonely = tree / "lonely.yaml"
    lonely.write_text(facts.read_text(encoding="utf-8").replace("    subject: M23\n", "")
                      .replace("ddr-2026-01-20", "lonely-2026-01-20").replace("Fighters hand in", "Another"),
                      encoding="utf-8")
    refused = _kb(tree, "ingest", str(lonely))
    assert refused.returncode == 1
    assert "event 1 (ddr): subject: is required for a disarmament event" in refused.stderr, refused.stderr

    again = tree / "again.yaml"  # a second report of the same disarmament is proposed as the same event
    again.write_text(facts.read_text(encoding="utf-8").replace("ddr-2026-01-20", "other-2026-01-20")
                     .replace("Example Wire", "Other Wire"), encoding="utf-8")
    proposed = _kb(tree, "ingest", str(again))
    assert proposed.returncode == 0 and "looks like ddr-2026-01-20/ddr" in proposed.stderr


def test_the_new_format_is_offered_where_its_answers_are(tree):
    lines = _kb(tree, "timeline", "--format", "ndjson").stdout.splitlines()
    assert lines and all(json.loads(line)["id"] for line in lines)
    assert "ndjson" in _kb(tree, "mediators", "--help").stdout
    assert "ndjson" not in _kb(tree, "show", "--help").stdout  # not registered for single events
