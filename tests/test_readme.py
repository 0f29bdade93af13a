"""The README is honest: its console blocks are run as shown and must print what is shown."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

from helpers import ROOT, requires_articles

README = (ROOT / "README.md").read_text(encoding="utf-8")


def console_sessions():
    """(command, expected output) pairs from ```console blocks, in order."""
    for block in re.findall(r"```console\n(.*?)```", README, re.S):
        command, output = None, []
        for line in block.splitlines():
            if line.startswith("$ "):
                if command:
                    yield command, "\n".join(output)
                command, output = line[2:], []
            else:
                output.append(line)
        if command:
            yield command, "\n".join(output)


@requires_articles  # some sessions draft from ../shared/articles, and later commands see their results
def test_readme_console_blocks_print_what_they_show(tmp_path):
    exe = Path(sys.executable).with_name("kb")
    env = {**os.environ, "KB_STORE": str(tmp_path / "store"), "COLUMNS": "200"}
    sessions = list(console_sessions())
    assert len(sessions) >= 8
    for command, expected in sessions:
        argv = shlex.split(command)
        assert argv[0] == "kb", command
        result = subprocess.run([str(exe), *argv[1:]], capture_output=True, text=True, env=env, cwd=ROOT, timeout=120)
        assert (result.stdout + result.stderr).rstrip("\n") == expected, command


def test_readme_gives_the_two_setup_commands():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    [test_command] = [line for line in ci.splitlines() if line.startswith("python3 -m venv")]
    assert f"```bash\n{test_command}\n```" in README, "the README's test command must be the one .ci/run runs"
    assert "kb ingest examples/ && .venv/bin/kb mediators Israel Syria --after 2024-12" in README


@requires_articles  # it drafts from ../shared/articles
def test_readme_python_example_runs_and_prints_what_it_shows(tmp_path, monkeypatch, capsys):
    block = re.search(r"```python\n(.*?)```", README, re.S).group(1)
    shown = [line[2:] for line in block.splitlines() if line.startswith("# ")]
    work = tmp_path / "main"  # laid out like a checkout: examples/ inside, ../shared beside
    work.mkdir()
    (work / "examples").symlink_to(ROOT / "examples")
    (tmp_path / "shared").symlink_to(ROOT.parent / "shared")
    monkeypatch.chdir(work)
    exec(compile(block, "README.md", "exec"), {})
    assert capsys.readouterr().out.splitlines() == shown
    assert (work / "kb.trig").stat().st_size > 1000
