"""Re-run the README's console blocks and write their real output back.

    python tools/update_readme.py

Each ```console block is a session: lines starting with "$ kb" are run, in
order, against one fresh store, from the repository root, and the lines after
each command are replaced by what it printed. tests/test_readme.py runs the
same sessions and fails when the README and the program disagree.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_session(block: str, exe: Path, env: dict) -> str:
    out = []
    for line in block.splitlines():
        if not line.startswith("$ "):
            continue
        argv = shlex.split(line[2:])
        result = subprocess.run([str(exe), *argv[1:]], capture_output=True, text=True, env=env, cwd=ROOT)
        out.append(line)
        text = (result.stdout + result.stderr).rstrip("\n")
        if text:
            out.append(text)
    return "\n".join(out) + "\n"


def main() -> None:
    readme = ROOT / "README.md"
    exe = Path(sys.executable).with_name("kb")
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "KB_STORE": str(Path(tmp) / "store"), "COLUMNS": "200"}
        text = readme.read_text(encoding="utf-8")
        new = re.sub(r"```console\n(.*?)```", lambda m: "```console\n" + run_session(m.group(1), exe, env) + "```",
                     text, flags=re.S)
    readme.write_text(new, encoding="utf-8")


if __name__ == "__main__":
    main()
