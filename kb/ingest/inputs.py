"""Files from disk, read within bounds: regular files only, of a known size, never more than asked.

Every command that reads a user's file goes through here, so ``/dev/zero``
(endless), a FIFO (blocks for ever), a folder or a huge file is refused
with a message naming it, before a byte is read, rather than filling memory
or hanging.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path

from kb.errors import KBError

__all__ = ["check_regular", "read_bounded", "check_rdf_file"]


def _refuse(where: str, message: str, error: Callable[..., KBError] | None) -> KBError:
    if error is None:
        return KBError(f"{where}: {message}")
    return error(message, file=where)


def check_regular(
    path: str | Path, *, limit: int | None = None, what: str = "file", error: Callable[..., KBError] | None = None
) -> int:
    """The size of ``path`` if it is a regular file of at most ``limit`` bytes; else a clear error.

    ``error(message, file=...)`` makes the exception (a
    :class:`~kb.errors.FactFileError` subclass, say); by default a
    :class:`~kb.errors.KBError` whose message starts with the path.
    """
    where = str(path)
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise _refuse(where, "no such file", error) from None
    except OSError as exc:
        raise _refuse(where, f"cannot read: {exc.strerror or exc}", error) from None
    if stat.S_ISDIR(info.st_mode):
        raise _refuse(where, f"a folder, not a {what}", error)
    if not stat.S_ISREG(info.st_mode):
        raise _refuse(where, f"not a regular file (a device, pipe or socket); give a {what}", error)
    if limit is not None and info.st_size > limit:
        raise _refuse(where, f"the file is {info.st_size:,} bytes; a {what} is limited to {limit:,}", error)
    return info.st_size


def read_bounded(
    path: str | Path, limit: int, *, what: str = "file", error: Callable[..., KBError] | None = None
) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes (and no more, should it grow meanwhile)."""
    check_regular(path, limit=limit, what=what, error=error)
    try:
        with open(path, "rb") as handle:
            data = handle.read(limit + 1)
    except OSError as exc:
        raise _refuse(str(path), f"cannot read: {exc.strerror or exc}", error) from None
    if len(data) > limit:
        raise _refuse(str(path), f"the file grew past {limit:,} bytes while it was read", error)
    return data


def check_rdf_file(path: str | Path) -> None:
    """A regular file, and for RDF/XML no DTD: entity declarations expand without bound (a "billion laughs")."""
    check_regular(path, what="RDF file")
    if Path(path).suffix.lower() in (".rdf", ".xml", ".owl"):
        try:
            with open(path, "rb") as handle:
                head = handle.read(1 << 20)
        except OSError as exc:
            raise KBError(f"{path}: cannot read: {exc.strerror or exc}") from None
        if b"<!ENTITY" in head or b"<!DOCTYPE" in head:
            raise KBError(
                f"{path}: refused: RDF/XML with a DOCTYPE or ENTITY declarations (entities can expand "
                "without bound); convert it to Turtle or N-Quads first"
            )
