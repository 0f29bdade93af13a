"""A full disk and a read-only store folder: a clear error, exit 1, and the store as it was.

The tests mount small tmpfs file systems of their own (CI runs as root); where
mounting is not permitted they skip, saying so.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import EXAMPLES, ROOT

KB = Path(sys.executable).with_name("kb")
FIRST = EXAMPLES / "00-washington-examiner-israel-syria-security-deal.yaml"


@pytest.fixture
def tmpfs(tmp_path):
    """A 6 MB tmpfs at tmp_path/mnt, unmounted afterwards."""
    mnt = tmp_path / "mnt"
    mnt.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=6m", "tmpfs", str(mnt)], capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here (needs root): {done.stderr.strip()}")
    yield mnt
    subprocess.run(["umount", "-l", str(mnt)], check=False)


def kb(store: Path, *args) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "KB_ENDPOINT"}
    env["KB_STORE"] = str(store)
    return subprocess.run([str(KB), *map(str, args)], capture_output=True, text=True, env=env, cwd=ROOT, timeout=120)


def _sources(store: Path) -> list[str]:
    result = kb(store, "sources", "--format", "json")
    assert result.returncode == 0, result.stderr
    return sorted(line for line in result.stdout.splitlines() if '"id"' in line)


def _clean_error(result: subprocess.CompletedProcess, fragment: str) -> None:
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    assert result.stderr.strip().splitlines()[-1].startswith("error: ") and fragment in result.stderr, result.stderr


def test_a_full_disk(tmpfs):
    store = tmpfs / "store"
    assert kb(store, "ingest", FIRST).returncode == 0
    before = _sources(store)
    filler = tmpfs / "filler"
    with open(filler, "wb", buffering=0) as handle:  # fill the file system to the last block (unbuffered:
        try:                                          # nothing is left to fail when it closes)
            while True:
                handle.write(b"\0" * 4096)
        except OSError:
            pass
    _clean_error(kb(store, "ingest", EXAMPLES), "No space left on device")
    filler.unlink()
    assert _sources(store) == before


def test_a_read_only_store_folder(tmpfs):
    store = tmpfs / "store"
    assert kb(store, "ingest", FIRST).returncode == 0
    before = _sources(store)
    done = subprocess.run(["mount", "-o", "remount,ro", str(tmpfs)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    _clean_error(kb(store, "ingest", EXAMPLES), "cannot write to the store")
    _clean_error(kb(store, "remove", "washington-examiner-2026-01-06"), "cannot write to the store")
    reading = kb(store, "sources")
    assert reading.returncode in (0, 1) and "Traceback" not in reading.stderr, reading.stderr
    subprocess.run(["mount", "-o", "remount,rw", str(tmpfs)], check=True)
    assert _sources(store) == before
