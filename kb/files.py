"""Writing a file whole: the one way conflict-kb replaces a file it keeps (journal, bookkeeping, caches, actors.yaml).

A reader — or a process killed part way — sees the old file or the new one, never half of either: the data
goes to a temporary file beside it (named for this process, so two writers never share one), then one
rename puts it in place. ``durable`` also forces it to disk before and after the rename, for the files
recovery reads after a crash (the bulk-ingest journal).
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["write_whole"]


def write_whole(path: Path, data: bytes, *, durable: bool = False) -> None:
    """Replace ``path`` with ``data`` in one rename; raises ``OSError`` as the file system does."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(tmp, "wb") as handle:
            handle.write(data)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()
    if durable:
        fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(fd)  # the rename itself
        finally:
            os.close(fd)
