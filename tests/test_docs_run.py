"""The README and the docs are honest: their console blocks are run as shown and must print what is shown,
and docs/cli.md's reference is every command's real ``--help``."""

from __future__ import annotations

import importlib.util
import re

import pytest

from helpers import ARTICLES, ROOT

_spec = importlib.util.spec_from_file_location("update_docs", ROOT / "tools" / "update_docs.py")
update_docs = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(update_docs)

README = (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("path", update_docs.DOC_FILES, ids=[str(p.relative_to(ROOT)) for p in update_docs.DOC_FILES])
def test_console_blocks_print_what_they_show(path, tmp_path):
    sessions = list(update_docs.sessions(path.read_text(encoding="utf-8")))
    if any("../shared/" in command for command, _ in sessions) and not ARTICLES.is_dir():
        pytest.skip(f"{path.name} drafts from the shared articles, which are not beside this checkout ({ARTICLES})")
    env = update_docs.session_env(tmp_path / "store")
    for command, expected in sessions:
        assert update_docs.run(command, env) == expected, f"{path.name}: {command}"


def test_the_docs_have_sessions_and_the_readme_is_short():
    assert sum(len(list(update_docs.sessions(p.read_text(encoding="utf-8")))) for p in update_docs.DOC_FILES) >= 25
    assert len(README.encode("utf-8")) <= 12_000, "the README stays short: the rest goes to docs/"


def test_the_cli_reference_is_every_commands_help():
    text = update_docs.CLI_MD.read_text(encoding="utf-8")
    assert text == update_docs.with_reference(text), "run python tools/update_docs.py"


def test_the_ontology_page_is_the_ontology(kb_examples):
    page = (ROOT / "docs" / "ontology.md").read_text(encoding="utf-8")
    assert page == update_docs.ontology_page(), "run python tools/update_docs.py"
    examples = re.findall(r"```sparql\n(.*?)```", page, re.S)
    assert len(examples) > 40
    for query in examples:  # every example runs (on the examples, with the ontology in the store)
        kb_examples.query(query)


def test_readme_gives_the_two_setup_commands():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    [test_command] = [line for line in ci.splitlines() if line.startswith("python3 -m venv")]
    assert f"```bash\n{test_command}\n```" in README, "the README's test command must be the one .ci/run runs"
    assert "kb ingest examples/ && .venv/bin/kb mediators Israel Syria --after 2024-12" in README


def test_the_readme_links_resolve():
    for target in re.findall(r"\]\(([^)#]+)\)", README):
        if not target.startswith("http"):
            assert (ROOT / target).exists(), target


@pytest.mark.skipif(not ARTICLES.is_dir(), reason=f"it drafts from the shared articles ({ARTICLES})")
def test_python_example_runs_and_prints_what_it_shows(tmp_path, monkeypatch, capsys):
    doc = (ROOT / "docs" / "python.md").read_text(encoding="utf-8")
    block = re.search(r"```python\n(.*?)```", doc, re.S).group(1)
    shown = [line[2:] for line in block.splitlines() if line.startswith("# ")]
    work = tmp_path / "main"  # laid out like a checkout: examples/ inside, ../shared beside
    work.mkdir()
    (work / "examples").symlink_to(ROOT / "examples")
    (tmp_path / "shared").symlink_to(ROOT.parent / "shared")
    monkeypatch.chdir(work)
    exec(compile(block, "docs/python.md", "exec"), {})
    assert capsys.readouterr().out.splitlines() == shown
    assert (work / "kb.trig").stat().st_size > 1000


def test_a_kb_folder_in_the_working_directory_does_not_hide_the_package(tmp_path):
    """The README installs with editable_mode=compat: a folder named kb where Python runs is no package."""
    import subprocess
    import sys

    (tmp_path / "kb").mkdir()
    (tmp_path / "kb" / "notes.txt").write_text("my own files", encoding="utf-8")
    probe = subprocess.run([sys.executable, "-c", "from kb import KnowledgeBase; print(KnowledgeBase.__name__)"],
                           capture_output=True, text=True, cwd=tmp_path)
    assert probe.stdout.strip() == "KnowledgeBase", probe.stderr
