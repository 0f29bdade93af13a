"""The embedded triple store: pyoxigraph on disk (or in memory).

Why pyoxigraph and not rdflib's own stores: measured on 10k synthetic
events (BENCHMARKS.md), its SPARQL engine answers our queries 4-30× faster
than rdflib's memory store, and it persists to disk with transactions, so a
command does not re-parse the whole knowledge base on every start. rdflib
stays for modelling and as a Graph view (see :meth:`Store.rdflib_dataset`).

The store holds three kinds of named graphs: one per article, the actor
registry, and the ontology (so ``rdfs:subClassOf*`` paths work in SPARQL).
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Iterable, Iterator, Mapping
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox

from kb.errors import StoreError
from kb.files import write_whole
from kb.store.base import graph_replacement, nquads, ntriples

if TYPE_CHECKING:
    from kb.ingest.graph import Graph

__all__ = [
    "EmbeddedStore",
    "store_exists",
    "fingerprint",
    "default_store_path",
    "ontology_text",
    "ontology_ntriples",
    "reader_race",
]

_BUNDLED = "bundled-graphs.json"  # beside the database: which text each bundled graph was loaded from
INGEST_JOURNAL = "ingest-journal.json"  # kept by kb.ingest.bulk while a bulk ingest is under way


def reader_race(exc: BaseException) -> bool:
    """A read-only opener lost a race with a writer compacting its files (RocksDB secondary files moved).

    The store is fine; the reader's view of it is stale, and opening again cures it.
    """
    text = str(exc)
    return "Corruption" in text or "No such file or directory" in text or "While open a file" in text


def files_signature(folder: Path) -> tuple[tuple[str, int, int], ...]:
    """The database files' names, sizes and times: what a writer's commit changes (the write-ahead log, the tables,
    the manifest), and a reader's opening does not (its info log and lock are left out)."""
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return ()
    out = []
    for e in entries:
        if e.name == "CURRENT" or e.name.startswith("MANIFEST-") or e.name.endswith((".sst", ".log")):
            try:
                st = e.stat()
            except OSError:
                continue  # compacted away while listed
            out.append((e.name, st.st_size, st.st_mtime_ns))
    return tuple(sorted(out))


class _WriterLock:
    """One writer per store: an flock on ``kb.lock`` in the store folder, holding the writer's PID.

    RocksDB has a lock of its own, but its error says nothing of who holds
    it; this one lets the second writer say "in use by PID N" and wait.
    """

    def __init__(self, fd: int) -> None:
        self.fd: int | None = fd

    @classmethod
    def acquire(cls, path: Path, wait: float) -> _WriterLock:
        import fcntl
        import time

        try:
            fd = os.open(path / "kb.lock", os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise StoreError(
                f"cannot write to the store at {path}: {exc.strerror or exc} (open it read-only, "
                "or give a store folder you can write to)"
            ) from None
        deadline = time.monotonic() + max(wait, 0)
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip() or "?"
                    os.close(fd)
                    waited = f" (waited {wait:g} s)" if wait else ""
                    raise StoreError(
                        f"the store at {path} is in use by PID {holder}{waited}; "
                        "try again when it is done, or pass --wait SECONDS"
                    ) from None
                time.sleep(0.1)
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode("ascii"), 0)
        return cls(fd)

    @staticmethod
    def held(path: Path) -> bool:
        """Whether a writer holds the store now (probed with a shared lock, let go at once)."""
        import fcntl

        try:
            fd = os.open(path / "kb.lock", os.O_RDONLY)
        except OSError:
            return False
        try:
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
            return False
        except BlockingIOError:
            return True
        finally:
            os.close(fd)

    def release(self) -> None:
        if self.fd is not None:
            os.close(self.fd)  # closing drops the flock
            self.fd = None


def default_store_path() -> Path:
    """``$KB_STORE``, else the XDG data folder (``~/.local/share/conflict-kb/store``)."""
    if os.environ.get("KB_STORE"):
        return Path(os.environ["KB_STORE"])
    base = os.environ.get("XDG_DATA_HOME") or os.path.join(os.path.expanduser("~"), ".local", "share")
    return Path(base) / "conflict-kb" / "store"


@lru_cache(maxsize=1)
def ontology_text() -> str:
    return resources.files("kb.ontology").joinpath("conflict.ttl").read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def ontology_ntriples() -> str:
    """The ontology as N-Triples (parsed by pyoxigraph: fast), once per process."""
    triples = (q.triple for q in ox.parse(ontology_text(), format=ox.RdfFormat.TURTLE))
    return ntriples(triples)


def fingerprint(ntriples: str) -> str:
    """A digest of the graph ``ntriples`` holds, the same whatever its blank-node labels or line order.

    Canonicalised by RDFC-1.0 (pyoxigraph), so parsing the same ontology in
    another process (new blank-node labels) gives the same digest, and a
    writable open rewrites a bundled graph only when its content changed.
    """
    dataset = ox.Dataset(
        ox.Quad(t.subject, t.predicate, t.object) for t in ox.parse(ntriples, format=ox.RdfFormat.N_TRIPLES)
    )
    dataset.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    return hashlib.sha256("\n".join(sorted(map(str, dataset))).encode("utf-8")).hexdigest()


def store_exists(path: str | Path) -> bool:
    """Whether ``path`` holds an embedded store (RocksDB writes CURRENT when it creates one)."""
    return (Path(path) / "CURRENT").exists()


class EmbeddedStore:
    """A pyoxigraph store in this process; whole-graph replacement is its only write (:class:`~kb.store.base.Store`)."""

    remote = False

    def __init__(self, embedded: ox.Store, folder: Path | None, read_only: bool) -> None:
        self.embedded: ox.Store | None = embedded
        self.folder = folder
        self.read_only = read_only
        self.memory_actors: list = []  # in memory there is no folder for actors.yaml: the list is the record
        # a read-only view is the store as it was when opened: what its files were then (refresh())
        self._seen = files_signature(folder) if read_only and folder is not None else ()
        self._lock: _WriterLock | None = None
        self._bundled: dict[str, str] = {}
        if folder is not None and (folder / _BUNDLED).exists():
            try:
                self._bundled = json.loads((folder / _BUNDLED).read_text(encoding="utf-8"))
            except (OSError, ValueError):
                self._bundled = {}  # unreadable bookkeeping only costs a reload

    def __str__(self) -> str:
        return str(self.folder) if self.folder is not None else ":memory:"

    @property
    def _db(self) -> ox.Store:
        if self.embedded is None:
            raise StoreError("the store is closed")
        return self.embedded

    @classmethod
    def memory(cls) -> EmbeddedStore:
        return cls(ox.Store(), None, False)

    @classmethod
    def open(cls, path: str | Path, *, read_only: bool = False, wait: float = 0) -> EmbeddedStore:
        """Open (or create) the store at ``path``.

        Read-only opening needs an existing store and does not take the write
        lock, so queries keep working while another process ingests (they see
        the store as it was when they opened it, until :meth:`refresh` opens it
        again). Opening for writing takes
        the lock; if another process holds it, wait up to ``wait`` seconds,
        then raise :class:`StoreError` naming that process.
        """
        path = Path(path)
        if read_only:
            if not store_exists(path):
                raise StoreError(f"no knowledge base at {path}; run 'kb ingest FILES' first (or pass --store)")
            if (path / INGEST_JOURNAL).exists() and not _WriterLock.held(path):
                raise StoreError(
                    f"an ingest into {path} was interrupted and is not finished or undone yet; "
                    "run 'kb recover' (any command that writes does it too), then try again"
                )
            for attempt in range(5):
                try:
                    return cls(ox.Store.read_only(str(path)), path, True)
                except (OSError, RuntimeError) as exc:
                    if not reader_race(exc) or attempt == 4:
                        raise StoreError(f"cannot open the store at {path}: {exc}") from None
                    time.sleep(0.1 * (attempt + 1))
        if path.exists() and not path.is_dir():
            raise StoreError(f"{path} is a file, not a store folder")
        try:
            path.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"cannot create the store at {path}: {exc.strerror or exc}") from None
        lock = _WriterLock.acquire(path, wait)
        try:
            store = cls(ox.Store(str(path)), path, False)
        except OSError as exc:
            lock.release()
            raise StoreError(f"cannot open the store at {path}: {exc}") from None
        store._lock = lock
        return store

    # -- writing ---------------------------------------------------------

    def replace_graphs(self, graphs: Mapping[str, Graph | str]) -> None:
        """Replace each named graph's content, all in one transaction.

        ``graphs`` maps a graph name to a :class:`kb.ingest.graph.Graph` (or anything with rdflib's
        ``serialize(format="nt")``) or to N-Triples text.
        pyoxigraph's Python API has no explicit transactions, but one SPARQL
        Update is applied atomically, so the old triples are dropped and the
        new ones inserted in a single update; when every graph is new, one
        ``Store.load`` of N-Quads, also all or nothing, does it faster. The data is N-Triples written
        by a serializer (which escapes every literal), so no text from a fact
        file is ever spliced into SPARQL syntax unescaped.
        """
        if self.read_only:
            raise StoreError("the store is open read-only")
        texts = {name: g if isinstance(g, str) else g.serialize(format="nt") for name, g in graphs.items()}
        if texts and all(t.strip() for t in texts.values()) and not any(self.has_graph(n) for n in texts):
            # Only new graphs (new articles and their index): one transactional N-Quads load. Parsing the same
            # data as a SPARQL INSERT DATA took 10.8 s and 680 MB for 10k events; a replacement needs the
            # DROP and the INSERT in one update, so it keeps that path.
            try:
                self._db.load(input=nquads(texts), format=ox.RdfFormat.N_QUADS)
            except OSError as exc:
                raise StoreError(f"writing to the store failed: {exc}") from None
            return
        update = graph_replacement(texts)
        if update:
            self._update(update)

    def _update(self, update: str) -> None:
        try:
            self._db.update(update)
        except OSError as exc:
            raise StoreError(f"writing to the store failed: {exc}") from None

    def update(self, sparql: str, *, prefixes: Mapping[str, str] | None = None) -> None:
        """Run a SPARQL Update (applied atomically by pyoxigraph)."""
        if prefixes:
            self._db.update(sparql, prefixes=dict(prefixes))
        else:
            self._db.update(sparql)

    def remove_graph(self, name: str) -> None:
        """Remove one named graph (a transaction of its own; nothing if it is not there)."""
        if self.read_only:
            raise StoreError("the store is open read-only")
        try:
            self._db.remove_graph(ox.NamedNode(str(name)))
        except OSError as exc:
            raise StoreError(f"writing to the store failed: {exc}") from None

    def bulk_load_nquads(self, data: bytes, *, checked: bool = False) -> None:
        """Add N-Quads through pyoxigraph's bulk loader: fast, not transactional, buffered per call.

        ``checked`` loads leniently (pyoxigraph skips its IRI validation): 13 % less time for the loader at
        100k events, measured here; only for text whose every IRI went through ``ox.NamedNode`` already.
        """
        self._db.bulk_load(data, format=ox.RdfFormat.N_QUADS, lenient=checked)

    def ensure_graph(self, name: str, text: str) -> bool:
        """Load the N-Triples ``text`` into graph ``name`` unless that exact text is there already.

        Keeps the bundled ontology and registry current when conflict-kb is
        upgraded, at the cost of one canonical hash per writable open (~17 ms
        for both bundled graphs). The hashes live in a small file beside the
        database, not in the data. A store that lacks the graph (a new one)
        notes a plain digest of the text it loaded instead, and the canonical
        hash of what it holds is taken only when different text comes (an
        upgrade): a first ingest's open is 40 ms shorter.
        """
        plain = "text:" + hashlib.sha256(text.encode("utf-8")).hexdigest()
        if not self.has_graph(name):
            self.replace_graphs({name: text})
            self.set_marker(str(name), plain)
            return True
        held = self.marker(str(name))
        if held == plain:
            return False
        if held is not None and held.startswith("text:"):
            stored = self._db.quads_for_pattern(None, None, None, ox.NamedNode(str(name)))
            held = fingerprint(ntriples(q.triple for q in stored))
        digest = fingerprint(text)
        if held != digest:
            self.replace_graphs({name: text})
        self.set_marker(str(name), digest)
        return held != digest

    def _save_bundled(self) -> None:
        if self.folder is not None:
            try:
                write_whole(self.folder / _BUNDLED, json.dumps(self._bundled, indent=1).encode("utf-8"))
            except OSError as exc:
                raise StoreError(f"writing to the store failed: {exc.strerror or exc}") from None

    def marker(self, key: str) -> str | None:
        """A note kept beside the database (for instance which index version it holds)."""
        return self._bundled.get(key)

    def set_marker(self, key: str, value: str) -> None:
        self._bundled[key] = value
        self._save_bundled()

    def reopen(self) -> None:
        """Open a read-only store again, to see the files a writer has just rewritten."""
        if self.read_only and self.folder is not None:
            for attempt in range(5):  # (a writer compacting meanwhile moves files under the opening: again)
                seen = files_signature(self.folder)
                try:
                    self.embedded = ox.Store.read_only(str(self.folder))
                except (OSError, RuntimeError) as exc:
                    if not reader_race(exc) or attempt == 4:
                        raise StoreError(f"cannot open the store at {self.folder}: {exc}") from None
                    time.sleep(0.05 * (attempt + 1))
                    continue
                self._seen = seen
                return

    def refresh(self) -> bool:
        """Reopen a read-only store whose files a writer changed since it was opened, so that a long-lived reader
        (``kb serve``) answers from the store as it is, not as it was (it did, silently); not while a bulk ingest
        is under way (its journal is there), whose half-written state is no answer. True when it reopened."""
        if not (self.read_only and self.folder is not None) or (self.folder / INGEST_JOURNAL).exists():
            return False
        if files_signature(self.folder) == self._seen:
            return False
        self.reopen()
        return True

    def flush(self) -> None:
        if self.folder is not None and not self.read_only and self.embedded is not None:
            try:
                self._db.flush()
            except OSError as exc:
                raise StoreError(f"writing to the store failed: {exc}") from None

    def close(self) -> None:
        """Flush and let go of the database, releasing its lock for other processes (also when the flush fails)."""
        try:
            self.flush()
        finally:
            if self.folder is not None:
                self.embedded = None  # pyoxigraph closes the database when the last reference goes
            if self._lock is not None:
                self._lock.release()
                self._lock = None

    # -- reading ---------------------------------------------------------

    def query(self, sparql: str, *, graphs: Iterable[str] | None = None, prefixes: Mapping[str, str] | None = None):
        """Run SPARQL over the union of all graphs (or over ``graphs``)."""
        kwargs: dict[str, Any] = {"prefixes": dict(prefixes)} if prefixes else {}
        if graphs is not None:
            kwargs["default_graph"] = [ox.NamedNode(str(g)) for g in graphs]
        else:
            kwargs["use_default_graph_as_union"] = True
        return self._db.query(sparql, **kwargs)

    def quads(self, subject=None, predicate=None, object=None, graph=None) -> Iterator[ox.Quad]:
        """The quads matching a pattern of pyoxigraph terms (``None`` matches anything)."""
        return iter(self._db.quads_for_pattern(subject, predicate, object, graph))

    def has_quad(self, subject: str, predicate: str) -> bool:
        """Whether some graph holds a triple with this subject and predicate (one index lookup)."""
        return (
            next(iter(self._db.quads_for_pattern(ox.NamedNode(subject), ox.NamedNode(predicate), None)), None)
            is not None
        )

    def has_subject(self, predicate: str, obj: str) -> bool:
        return (
            next(iter(self._db.quads_for_pattern(None, ox.NamedNode(predicate), ox.NamedNode(obj))), None) is not None
        )

    def named_graphs(self) -> list[str]:
        return sorted(g.value for g in self._db.named_graphs())

    def quad_count(self, graph: str | None = None) -> int:
        if graph is None:
            return len(self._db)  # counted by pyoxigraph, not by iterating in Python
        return sum(1 for _ in self._db.quads_for_pattern(None, None, None, ox.NamedNode(str(graph))))

    def has_graph(self, graph: str) -> bool:
        """Whether the store holds this named graph (without counting its triples)."""
        return self._db.contains_named_graph(ox.NamedNode(str(graph)))

    def rdflib_dataset(self):
        """The store as an rdflib ``Dataset`` (through oxrdflib), for rdflib users.

        Fine for browsing and small SPARQL; heavy queries should go through
        :meth:`query`, because rdflib evaluates SPARQL itself over this view.
        """
        from oxrdflib import OxigraphStore
        from rdflib import Dataset

        return Dataset(store=OxigraphStore(store=self._db), default_union=True)
