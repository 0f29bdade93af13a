"""Writing a file whole: the one way conflict-kb replaces a file it keeps (journal, bookkeeping, caches, actors.yaml);
and the user's cache folder, where what is derived from the package alone is kept between processes.

A reader — or a process killed part way — sees the old file or the new one, never half of either: the data
goes to a temporary file beside it (named for this process, so two writers never share one), then one
rename puts it in place. ``durable`` also forces it to disk before and after the rename, for the files
recovery reads after a crash (the bulk-ingest journal).
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

__all__ = ["write_whole", "cache_dir", "cached_text"]


def cache_dir() -> Path:
    """``$XDG_CACHE_HOME/conflict-kb`` (``~/.cache/conflict-kb``): caches anyone may delete."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "conflict-kb"


def cached_text(name: str, sources: list[bytes], build) -> str:
    """``build()``'s text, kept in the cache folder under ``name`` and a digest of ``sources``.

    ``sources`` are everything the text is made from (data files, the code
    that maps them), so a change to any of them makes a new entry. Where the
    cache cannot be read or written, the text is simply built.
    """
    digest = hashlib.sha256(b"\0".join(sources)).hexdigest()[:16]
    path = cache_dir() / f"{name}-{digest}"
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        pass
    text = build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_whole(path, text.encode("utf-8"))
    except OSError:
        pass  # a read-only home: built each time
    return text


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
