"""The ``kb`` command: a thin click shell over :class:`kb.KnowledgeBase`.

Each command opens the knowledge base, makes one library call and renders
the answer. Library errors (:class:`kb.errors.KBError`) become one line,
``error: …``, and exit status 1; usage errors are click's (status 2). Heavy
modules are imported inside the commands so ``kb --help`` starts fast.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from kb.errors import KBError
from kb.render.formats import Answer, format_option

WINDOW_HELP = "Any precision: 2026-01-06, 2024-12, 2025, 'Dec 2024', 'last year'."


ENGINES = ["parse", "rules"]  # how kb extract and kb ingest --from-text draft (kb/extract/rules.py, parse.py)


class UserError(click.ClickException):
    """A :class:`KBError` on its way to the terminal."""

    exit_code = 1

    def show(self, file=None) -> None:
        for line in self.message.splitlines() or [""]:  # several problems of one file: one line each
            click.echo(f"error: {line}", err=True)


class VocabChoice(click.Choice):
    """A choice among the keys of a table of the model (``kb.model.vocab.CONFIDENCES``), read when first needed.

    The vocabulary imports rdflib (~0.2 s), which ``kb --help`` and the
    commands that never show these options should not pay for.
    """

    def __init__(self, module: str, table: str) -> None:
        self.module, self.table = module, table
        self.case_sensitive = True

    @property
    def choices(self) -> tuple[str, ...]:  # type: ignore[override]
        import importlib

        return tuple(getattr(importlib.import_module(self.module), self.table))


class InternalError(UserError):
    """A bug, not bad input: one line saying so, exit status 70 (EX_SOFTWARE); ``KB_TRACEBACK=1`` shows it whole."""

    exit_code = 70


class KBGroup(click.Group):
    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except KBError as exc:
            raise UserError(str(exc)) from None
        except (click.ClickException, click.exceptions.Exit, click.exceptions.Abort, BrokenPipeError):
            raise
        except Exception as exc:  # noqa: BLE001 - a question or a file that found a bug still gets one line
            if os.environ.get("KB_TRACEBACK"):
                raise
            raise InternalError(
                f"internal error: {type(exc).__name__}: {exc} — a bug in conflict-kb, not in the input; run again "
                "with KB_TRACEBACK=1 and report the traceback"
            ) from None


def _open(ctx: click.Context, *, read_only: bool):
    from kb.api import KnowledgeBase

    if ctx.obj["endpoint"]:  # a command that only reads sends no update (a read-only server refuses them)
        return KnowledgeBase.remote(ctx.obj["endpoint"], ctx.obj["update_endpoint"], read_only=read_only)
    kb = KnowledgeBase.open(ctx.obj["store"], read_only=read_only, wait=ctx.obj["wait"])
    if kb.recovered:
        click.echo(f"note: {kb.recovered}", err=True)
    return kb


def _open_registry(ctx: click.Context):
    """The store for commands about actors; with no store yet, the bundled registry alone (in memory)."""
    from kb.api import KnowledgeBase
    from kb.store.embedded import default_store_path, store_exists

    path = ctx.obj["store"] or default_store_path()
    if not ctx.obj["endpoint"] and not store_exists(path):
        return KnowledgeBase.memory()
    return _open(ctx, read_only=True)


def window_options(f):
    """--since/--until/--after/--before and --include-uncertain, shared by query commands."""
    for name, text in reversed(
        [
            ("--since", "On or after the first day of DATE."),
            ("--after", "After the last day of DATE."),
            ("--until", "On or before the last day of DATE."),
            ("--before", "Before the first day of DATE."),
        ]
    ):
        f = click.option(name, metavar="DATE", help=f"{text} {WINDOW_HELP}")(f)
    f = click.option(
        "--include-planned",
        is_flag=True,
        help="Also list events that have not happened: planned (by status, or dated by every source "
        "after its publication), postponed or cancelled.",
    )(f)
    return click.option(
        "--include-uncertain",
        is_flag=True,
        help="Also list events whose uncertain dates straddle the window (marked ~).",
    )(f)


def limit_options(f):
    """--timeout, --max-rows and --max-memory: the bounds on one query (kb.read.limits)."""
    from kb.read.limits import DEFAULT_LIMITS as d

    f = click.option(
        "--max-memory",
        type=click.IntRange(min=1),
        default=d.max_memory_mb,
        metavar="MB",
        show_default=True,
        help="Memory the query may add to the process.",
    )(f)
    f = click.option(
        "--max-rows",
        type=click.IntRange(min=1),
        default=d.max_rows,
        metavar="N",
        show_default=True,
        help="Rows (or triples) an answer may have.",
    )(f)
    return click.option(
        "--timeout",
        type=click.FloatRange(min=0, min_open=True),
        default=d.timeout,
        metavar="SECONDS",
        show_default=True,
        help="Time the query may take.",
    )(f)


def _limits(timeout: float, max_rows: int, max_memory: int):
    from kb.read.limits import Limits

    return Limits(timeout, max_rows, max_memory)


def _emit(text: str) -> None:
    click.echo(text)


def _show(answer: Answer, fmt: str, output: Path | None = None) -> None:
    """Write ``answer`` as ``fmt`` (kb/render/formats.py) to standard output or, whole, to ``output``."""
    from kb.render.formats import render

    out = render(answer, fmt)
    if isinstance(out, str) and not out.endswith("\r\n"):  # an iCalendar file ends with its own CRLF
        out += "\n"
    data = out.encode("utf-8") if isinstance(out, str) else out
    if output is None:
        click.echo(data, nl=False)
    else:
        _write_atomically(output, lambda tmp: Path(tmp).write_bytes(data))


def _write_atomically(output: Path, write) -> None:
    """Call ``write(tmp_path)``, then move the file into place: never a half-written ``output``."""
    output.parent.mkdir(parents=True, exist_ok=True)
    import tempfile

    fd, tmp = tempfile.mkstemp(dir=output.parent, prefix=f".{output.name}.", suffix=".tmp")
    os.close(fd)
    try:
        write(tmp)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes it private; the result is an ordinary file
        os.replace(tmp, output)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    click.echo(f"wrote {output}", err=True)


@click.group(cls=KBGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--store",
    type=click.Path(file_okay=False, path_type=Path),
    envvar="KB_STORE",
    help="Store folder [env KB_STORE; default ~/.local/share/conflict-kb/store].",
)
@click.option(
    "--wait",
    type=click.FloatRange(min=0),
    default=0,
    metavar="SECONDS",
    help="If another process is writing to the store, wait this long for it [default: 0].",
)
@click.option(
    "--endpoint",
    metavar="URL",
    envvar="KB_ENDPOINT",
    help="Use a SPARQL 1.1 server's query endpoint instead of the embedded store [env KB_ENDPOINT].",
)
@click.option(
    "--update-endpoint",
    metavar="URL",
    envvar="KB_UPDATE_ENDPOINT",
    help="Its update endpoint [default: the query URL with /query made /update, else the same URL].",
)
@click.version_option(package_name="conflict-kb", prog_name="kb")
@click.pass_context
def cli(ctx: click.Context, store: Path | None, wait: float, endpoint: str | None, update_endpoint: str | None) -> None:
    """conflict-kb: conflict events as RDF, every fact traceable to a quote.

    \b
    Example:
      kb ingest examples/
      kb mediators Israel Syria --after 2024-12
    """
    if store and endpoint:
        raise click.UsageError("give --store or --endpoint, not both")
    for name, url in (("--endpoint", endpoint), ("--update-endpoint", update_endpoint)):
        if url is None:
            continue
        from kb.store.remote import http_url  # only here: kb.remote is not for commands on the embedded store

        if not http_url(url):
            raise UserError(f"{name}: '{url}' is not an http(s) URL such as http://127.0.0.1:7878/query")
    ctx.obj = {"store": store, "wait": wait, "endpoint": endpoint, "update_endpoint": update_endpoint}


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--new-actors",
    is_flag=True,
    help="Create actors for names the registry does not know (reported), instead of refusing the file.",
)
@click.option(
    "--merge/--no-merge",
    default=None,
    help="Merge events that look like known ones (see docs/many-sources.md), or only report "
    "them. Default: ask at a terminal, else report.",
)
@click.option(
    "--replace",
    is_flag=True,
    help="Let an article replace a stored one of the same id from another source (another URL, or "
    "another publisher or day); refused by default.",
)
@click.option(
    "--keep-going",
    is_flag=True,
    help="Store the good files of a batch and report each bad one (exit status 1), instead of none.",
)
@click.option(
    "--bulk",
    is_flag=True,
    help="Stream through the bulk loader (always so for .jsonl): fast, but no per-article SHACL check "
    "and no look-alike proposals; a journal keeps each article old or new (see kb recover).",
)
@click.option(
    "--from-text",
    is_flag=True,
    help="PATHS are plain-text articles: extract draft facts (as kb extract) and store them unreviewed, "
    "marked as machine-extracted. For trusted pipelines; otherwise review kb extract's draft.",
)
@click.option(
    "--strict",
    is_flag=True,
    help="Check each article's RDF with pySHACL, the reference (as kb validate does), instead of the "
    "shapes compiled in Python: the same checks, some forty times slower.",
)
@click.option(
    "--engine",
    type=click.Choice(ENGINES),
    default=None,
    help="With --from-text: how to draft (as kb extract --engine; default parse).",
)
@click.option("--published", metavar="DATE", help="With --from-text: the publication day, if the text has none.")
@click.option("--publisher", metavar="NAME", help="With --from-text: the publisher, if the text has none.")
@click.pass_context
def ingest(
    ctx: click.Context,
    paths: tuple[Path, ...],
    new_actors: bool,
    merge: bool | None,
    replace: bool,
    keep_going: bool,
    bulk: bool,
    from_text: bool,
    strict: bool,
    engine: str,
    published: str | None,
    publisher: str | None,
) -> None:
    """Add fact files (YAML, JSON, or JSON Lines; folders are searched) to the store.

    All files go in together or, if any is wrong, none does. A file ingested
    before replaces its earlier version. Places the gazetteer does not know
    are kept as labels, with a warning.

    JSON Lines (.jsonl: one event per line, with its article object or the id
    of one given on an earlier line) stream through the bulk loader.

    \b
    Example:
      kb ingest examples/
      kb ingest --new-actors drafts/
      kb ingest events.jsonl
      kb ingest --from-text articles/
    """
    decide: bool | Callable[[Any], bool] = bool(merge)
    if merge is None and sys.stdin.isatty():

        def ask_each(proposal: Any) -> bool:  # ask, one look-alike at a time
            return click.confirm(f"{proposal}\nmerge?", default=False, err=True)

        decide = ask_each

    if (published or publisher or engine) and not from_text:
        raise click.UsageError("--published, --publisher and --engine go with --from-text")
    if strict and (bulk or from_text):
        raise click.UsageError("--strict checks the careful path; not with --bulk or --from-text")
    with _open(ctx, read_only=False) as kb:
        if from_text:
            report = _ingest_text(kb, list(paths), published, publisher, decide, engine or "parse")
        else:
            report = kb.ingest(
                list(paths),
                new_actors=new_actors,
                keep_going=keep_going,
                bulk=bulk,
                replace=replace,
                merge=decide,
                strict=strict,
            )
    for warning in report.warnings:
        click.echo(f"warning: {warning}", err=True)
    for proposal in report.proposals:
        click.echo(f"{'merged' if proposal.merged else 'look-alike'}: {proposal}", err=True)
    files = len(report.files)
    line = (
        f"ingested {report.articles} article{'s' * (report.articles != 1)} from {files} "
        f"file{'s' * (files != 1)}: {report.events} event{'s' * (report.events != 1)}, {report.triples} triples"
    )
    if report.replaced:
        line += f" ({report.replaced} replaced an earlier version)"
    _emit(line)
    for failure in report.failed:
        click.echo(f"error: {failure}", err=True)
    if report.failed:
        raise UserError(f"{len(report.failed)} file{'s' * (len(report.failed) != 1)} refused; the others were stored")


@cli.command()
@click.argument("article", type=click.Path(path_type=Path))
@click.option("--published", metavar="DATE", help="The publication day (YYYY-MM-DD), if the text has no header.")
@click.option("--publisher", metavar="NAME", help="The publisher, if the text has no header.")
@click.option("--title", metavar="TEXT", help="The headline, if the first line is not it.")
@click.option("--url", metavar="URL", help="Where the article was published.")
@click.option(
    "--engine",
    type=click.Choice(ENGINES),
    default="parse",
    show_default=True,
    help="parse: spaCy's dependency parse (pip install 'conflict-kb[extract]'); rules: the lexicon's regular "
    "expressions, no extra needed (docs/extract.md says how the two score).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the draft to FILE (replaced whole) instead of standard output.",
)
@click.pass_context
def extract(ctx: click.Context, article: Path, published, publisher, title, url, engine, output: Path | None) -> None:
    """Draft a fact file from a plain-text article, for review before ingest.

    Finds known actors, event triggers (the lexicon in kb/data/lexicon.yaml),
    dates (relative to the publication day) and places, sentence by
    sentence; every event quotes its sentence, and '# extract:' comments say
    why it is there. It never invents an actor, date or role.

    ARTICLE may be a folder: each of its *.txt articles (with their header) is
    drafted into -o DIRECTORY, one YAML file each, with what was drafted per type.

    \b
    Example:
      kb extract article.txt --published 2026-01-06 -o draft.yaml
      kb ingest draft.yaml
      kb extract articles/ -o drafts/
    """
    from kb.api import KnowledgeBase
    from kb.store.embedded import default_store_path, store_exists

    location = ctx.obj["store"] or default_store_path()
    exists = ctx.obj["endpoint"] or store_exists(location)
    if article.is_dir():
        if output is None:
            raise UserError(f"{article} is a folder: give -o DIRECTORY for its drafts (one per article)")
        with _open(ctx, read_only=True) if exists else KnowledgeBase.memory() as kb:
            _extract_folder(kb, article, output, engine)
        return
    with _open(ctx, read_only=True) if exists else KnowledgeBase.memory() as kb:
        text, count = kb.extract(article, published=published, publisher=publisher, title=title, url=url, engine=engine)
    if output is None:
        click.echo(text, nl=False)
    else:
        _write_atomically(output, lambda tmp: Path(tmp).write_text(text, encoding="utf-8"))
    click.echo(f"{count} event{'s' * (count != 1)} drafted from {article}", err=True)


def _per_type(counts: dict[str, int]) -> str:
    """ "agreement 5, ceasefire 1": what was drafted, by type."""
    return ", ".join(f"{kind} {n}" for kind, n in sorted(counts.items())) or "nothing"


def _ingest_text(kb, paths: list[Path], published, publisher, decide, engine: str):
    """kb ingest --from-text: a progress bar over the articles (folders searched) at a terminal, then what was
    drafted by type."""
    import sys

    from tqdm import tqdm

    from kb.extract.reader import article_files

    total = sum(len(article_files(p)) if p.is_dir() else 1 for p in paths)
    with tqdm(total=total, unit=" articles", disable=not sys.stderr.isatty(), file=sys.stderr) as progress:
        report = kb.ingest_text(
            paths, published=published, publisher=publisher, merge=decide, engine=engine, progress=progress.update
        )
    each = _per_type(report.drafted)
    drafted = sum(report.drafted.values())
    click.echo(
        f"drafted {drafted} event{'s' * (drafted != 1)} from {total} article{'s' * (total != 1)}: {each}", err=True
    )
    return report


def _extract_folder(kb, folder: Path, output: Path, engine: str) -> None:
    """One draft a ``*.txt`` article of ``folder`` into ``output``, a progress bar, and what was drafted per type."""
    import sys

    from tqdm import tqdm

    from kb.extract.reader import article_files

    if output.exists() and not output.is_dir():
        raise UserError(f"{output} is a file; give a folder for the drafts of {folder}")
    output.mkdir(parents=True, exist_ok=True)
    articles = len(article_files(folder))
    types: dict[str, int] = {}
    drafted = 0
    with tqdm(total=articles, unit=" articles", disable=not sys.stderr.isatty(), file=sys.stderr) as progress:
        for path, text, counts in kb.extract_folder(folder, engine=engine):
            draft = output / (path.stem + ".yaml")
            _write_atomically(draft, lambda tmp, text=text: Path(tmp).write_text(text, encoding="utf-8"))
            drafted += 1
            for kind, n in counts.items():
                types[kind] = types.get(kind, 0) + n
            progress.update()
    total = sum(types.values())
    each = _per_type(types)
    click.echo(f"{total} event{'s' * (total != 1)} drafted from {drafted} articles into {output}: {each}", err=True)


@cli.command()
@click.argument("query")
@format_option(
    "select", "ask", "graph", default=None, help="Output format [table for SELECT/ASK, ttl for CONSTRUCT/DESCRIBE]."
)
@click.option("--allow-network", is_flag=True, help="Let SERVICE reach other endpoints (refused by default).")
@limit_options
@click.pass_context
def query(
    ctx: click.Context, query: str, fmt: str | None, allow_network: bool, timeout: float, max_rows: int, max_memory: int
) -> None:
    """Run a read-only SPARQL query: the text itself or a .rq file.

    The default graph is the union of all graphs; GRAPH ?g reaches each
    article's own graph.

    \b
    Example:
      kb query examples/queries/who-mediated-israel-syria-after-2024-12.rq
      kb query 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }' --format json
    """
    text = _sparql_text(query, ".rq")
    with _open(ctx, read_only=True) as kb:
        result = kb.query(text, allow_network=allow_network, limits=_limits(timeout, max_rows, max_memory))
    _show(Answer(result.kind, result), fmt or ("ttl" if result.kind == "graph" else "table"))


@cli.command()
@click.argument("question")
@format_option("question")
@click.option("--show-sparql", is_flag=True, help="Print the exact query (values bound), runnable with kb query.")
@limit_options
@click.pass_context
def ask(
    ctx: click.Context, question: str, fmt: str, show_sparql: bool, timeout: float, max_rows: int, max_memory: int
) -> None:
    """Answer a question typed as people ask it: who mediated, who took part, where, when, what, did, how many.

    \b
    The question is read into its parts (docs/ask.md): the actors (any of
    their names, demonyms, "Israel–Syria", a person's surname), places, event
    types (talks, ceasefire, agreement, strike, statement, ...), a window
    (any date form of docs/dates.md, "last month", "since the ceasefire"),
    and what is asked. Words it does not understand must appear in the
    events' labels, else it refuses, naming them, with two questions it can
    answer. Every row says how sure it is and how many articles report it.

    \b
    Example:
      kb ask "who mediated Israel–Syria talks after Dec 2024"
      kb ask "Did the US mediate between Israel and Iran?"
      kb ask "what agreements did Ethiopia sign in 2022" --show-sparql
    """
    with _open(ctx, read_only=True) as kb:
        answer = kb.ask(question, limits=_limits(timeout, max_rows, max_memory))
    if fmt != "json" and show_sparql:
        _emit(answer.sparql.rstrip("\n") + "\n")
    if fmt in ("table", "md") and answer.verdict is not None:
        _emit(f"{answer.verdict}: {answer.note}")
    elif fmt in ("table", "md") and answer.count is not None:
        _emit(f"{answer.count}")
    if fmt in ("table", "md") and not answer.rows:
        if answer.verdict is None:
            why = f": {answer.note}" if answer.note else ""
            _emit("no answer in the store" + (f" ({answer.bound['window']})" if "window" in answer.bound else "") + why)
        return
    _show(Answer("question", answer), fmt)
    if fmt in ("table", "md") and answer.caveat:
        _emit(f"note: {answer.caveat}")


def _sparql_text(arg: str, suffix: str) -> str:
    """The SPARQL given on the command line, or read from the file it names."""
    from kb.ingest.inputs import read_bounded

    if arg.endswith(suffix) or (len(arg) < 4096 and "\n" not in arg and os.path.exists(arg)):
        try:
            return read_bounded(arg, 1 << 20, what=f"SPARQL file ({suffix})").decode("utf-8")
        except UnicodeDecodeError as exc:
            raise UserError(f"{arg}: not UTF-8 text (byte {exc.start})") from None
    return arg


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (this machine only).")
@click.option("--port", type=click.IntRange(0, 65535), default=8080, show_default=True, help="Port to listen on.")
@limit_options
@click.pass_context
def serve(ctx: click.Context, host: str, port: int, timeout: float, max_rows: int, max_memory: int) -> None:
    """Serve the store read-only in a browser, and as a SPARQL 1.1 endpoint at /sparql.

    \b
    Pages: a question box (kb ask), events filtered by actor, type, place and
    window as a timeline and a table, a page for every event (each source's
    quote and date), actor and place, downloads as CSV and XLSX. The limits
    bound every query, the endpoint's included. Needs the serve extra:
    pip install 'conflict-kb[serve]'.

    \b
    Example:
      kb serve --port 8080
      (then open http://127.0.0.1:8080/ ; SPARQL clients use http://127.0.0.1:8080/sparql)
    """
    try:
        import jinja2  # noqa: F401 - the extra's packages, checked before anything starts
        import starlette  # noqa: F401
        import uvicorn  # noqa: F401
        import xlsxwriter  # noqa: F401

        from kb.serve import serve as run_server
    except ImportError as exc:
        missing = exc.name or "a package"
        raise UserError(
            f"kb serve needs the serve extra ({missing} is missing): pip install 'conflict-kb[serve]'"
        ) from None
    if host not in ("127.0.0.1", "localhost", "::1"):
        click.echo(f"note: serving on {host}: other machines can reach it", err=True)
    with _open(ctx, read_only=True) as kb:
        click.echo(f"serving {kb.store} at http://{host}:{port}/ (SPARQL at /sparql); Ctrl-C stops", err=True)
        run_server(kb, host=host, port=port, limits=_limits(timeout, max_rows, max_memory))


@cli.command()
@click.argument("update_text", metavar="UPDATE")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@click.option("--allow-network", is_flag=True, help="Let LOAD and SERVICE reach the network (refused by default).")
@click.pass_context
def update(ctx: click.Context, update_text: str, yes: bool, allow_network: bool) -> None:
    """Change the store with SPARQL Update (text or a .ru file): the one hand-made way in.

    Asks before writing unless --yes; runs as one transaction.

    \b
    Example:
      kb update 'DELETE WHERE { GRAPH ?g { ?e ckb:confidence ckb:Rumoured } }' --yes
    """
    text = _sparql_text(update_text, ".ru")
    if not yes:
        if not sys.stdin.isatty():
            raise UserError("kb update changes the store: confirm with --yes (no terminal to ask at)")
        click.confirm("Run this update on the store?", abort=True, err=True)
    with _open(ctx, read_only=False) as kb:
        change = kb.update(text, allow_network=allow_network)
    _emit(f"updated: {change:+d} triples")


@cli.command()
@click.argument("event")
@click.argument("into", metavar="INTO")
@click.pass_context
def merge(ctx: click.Context, event: str, into: str) -> None:
    """Record that EVENT (article-id/event-id) is the same event as INTO, another article's.

    EVENT's claims move onto INTO; re-ingesting EVENT's article keeps them
    there; kb unmerge EVENT undoes it exactly. Look-alikes that kb ingest
    reports are the usual candidates.

    \b
    Example:
      kb merge ynetnews-2026-01-06/paris-talks washington-examiner-2026-01-06/paris-talks
    """
    with _open(ctx, read_only=False) as kb:
        _emit(kb.merge(event, into))


@cli.command()
@click.argument("event")
@click.pass_context
def unmerge(ctx: click.Context, event: str) -> None:
    """Undo a merge: EVENT (article-id/event-id) is its own event again, with its own claims.

    \b
    Example:
      kb unmerge ynetnews-2026-01-06/paris-talks
    """
    with _open(ctx, read_only=False) as kb:
        _emit(kb.unmerge(event))


@cli.command()
@click.pass_context
def recover(ctx: click.Context) -> None:
    """Finish or undo a bulk ingest that was killed part way (any writing command does this first).

    Until then, commands that only read refuse the store, so nobody reads a
    half-loaded batch. Every article ends up either as it was before the
    ingest or as the ingest would have left it.

    \b
    Example:
      kb recover
    """
    with _open(ctx, read_only=False) as kb:
        if not kb.recovered:
            _emit("nothing to recover: no ingest was interrupted")


@cli.command()
@click.argument("articles", nargs=-1, required=True)
@click.pass_context
def remove(ctx: click.Context, articles: tuple[str, ...]) -> None:
    """Take articles out of the store (by id, or the fact file that holds them).

    Only what each article said goes; an event another article also
    reports stays, with that article's claims.

    \b
    Example:
      kb remove ynetnews-2026-01-06
      kb remove examples/israel-syria/12-ynetnews-israel-syria-us-hotline-paris.yaml
    """
    with _open(ctx, read_only=False) as kb:
        for article in articles:
            _emit(f"removed {article}: {kb.remove(article)} triples")


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.pass_context
def load(ctx: click.Context, paths: tuple[Path, ...]) -> None:
    """Load RDF files (an export: .nq, .trig, .jsonld; or other .ttl, .nt RDF) into the store, graph by graph.

    A named graph in the files replaces the store's graph of that name; all
    files go in as one transaction. Nothing is fetched while parsing.

    \b
    Example:
      kb load conflict-kb.nq
    """
    with _open(ctx, read_only=False) as kb:
        count = kb.load(list(paths))
    _emit(f"loaded {count} triples")


@cli.command()
@click.option(
    "--actor",
    "actors",
    multiple=True,
    metavar="NAME",
    help="Only events this actor takes part in (repeat: all of them). Aliases work.",
)
@click.option(
    "--type",
    "types",
    multiple=True,
    metavar="TYPE",
    help="Only events of this type or subtype (repeat: any of them), e.g. mediation, airstrike.",
)
@click.option("--place", metavar="NAME", help="Only events at this place; a country includes its cities.")
@click.option(
    "--confidence",
    type=VocabChoice("kb.model.vocab", "CONFIDENCES"),
    help="Only events some source reports at least this firmly (unstated counts as reported).",
)
@window_options
@format_option("events", help="html: a self-contained page with the events on a time axis; ics: a calendar.")
@click.option(
    "--lanes",
    type=click.Choice(["actor", "type"]),
    default="actor",
    show_default=True,
    help="With --format html: one lane per actor or per event type.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write to FILE (replaced whole) instead of standard output.",
)
@click.pass_context
def timeline(
    ctx,
    actors,
    types,
    place,
    confidence,
    since,
    after,
    until,
    before,
    include_uncertain,
    include_planned,
    fmt,
    lanes,
    output,
) -> None:
    """Events in date order: earliest possible begin first, exact before vague.

    \b
    Example:
      kb timeline --actor Israel --actor Syria --since 2025
      kb timeline --type military-action --format json
      kb timeline --format html -o timeline.html
      kb timeline --actor Syria --format ics -o syria.ics
    """
    with _open(ctx, read_only=True) as kb:
        events = kb.timeline(
            actors=actors,
            types=types,
            place=place,
            since=since,
            after=after,
            until=until,
            before=before,
            include_uncertain=include_uncertain,
            confidence=confidence,
            include_planned=include_planned,
        )
    _show(
        Answer(
            "events",
            events,
            empty="no events match",
            title="Timeline" + (": " + " – ".join(actors) if actors else ""),
            options={"lanes": lanes},
        ),
        fmt,
        output,
    )


@cli.command()
@click.argument("actor_a", metavar="ACTOR")
@click.argument("actor_b", metavar="ACTOR")
@window_options
@click.option(
    "--confidence",
    type=VocabChoice("kb.model.vocab", "CONFIDENCES"),
    help="Only mediations some source reports at least this firmly (unstated counts as reported).",
)
@format_option("mediators")
@click.pass_context
def mediators(
    ctx, actor_a, actor_b, since, after, until, before, include_uncertain, include_planned, confidence, fmt
) -> None:
    """Who mediated between two actors, the events that show it, and who acted for the mediator.

    \b
    Example:
      kb mediators Israel Syria --after 2024-12
      kb mediators US "Syrian Arab Republic" --after 2024-12 --format json
    """
    with _open(ctx, read_only=True) as kb:
        answers = kb.mediators(
            actor_a,
            actor_b,
            since=since,
            after=after,
            until=until,
            before=before,
            include_uncertain=include_uncertain,
            include_planned=include_planned,
            confidence=confidence,
        )
    _show(Answer("mediators", answers, empty=f"no mediator found between {actor_a} and {actor_b} in that window"), fmt)


@cli.command()
@click.option(
    "--format",
    "fmt",
    type=VocabChoice("kb.store.transfer", "EXPORT_FORMATS"),
    default="ttl",
    show_default=True,
    help="trig and nq keep each article's named graph; the others merge them.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write to FILE (replaced whole, never half-written) instead of standard output.",
)
@click.option("--with-ontology", is_flag=True, help="Include the ontology's triples.")
@click.pass_context
def export(ctx, fmt: str, output: Path | None, with_ontology: bool) -> None:
    """Write the knowledge base as RDF for another triple store.

    \b
    Example:
      kb export --format trig -o conflict-kb.trig
    """
    with _open(ctx, read_only=True) as kb:
        if output is None:
            sys.stdout.buffer.write(kb.export(fmt, with_ontology=with_ontology))
            return
        _write_atomically(output, lambda tmp: kb.export(fmt, tmp, with_ontology=with_ontology))


@cli.command()
@format_option("stats")
@click.pass_context
def stats(ctx, fmt: str) -> None:
    """Counts of articles, events by type, actors and triples.

    \b
    Example:
      kb stats
    """
    with _open(ctx, read_only=True) as kb:
        data = kb.stats()
    _show(Answer("stats", data), fmt)


@cli.command()
@click.argument("event")
@format_option("event")
@click.pass_context
def show(ctx: click.Context, event: str, fmt: str) -> None:
    """Every fact about one event, source by source: dates, roles, quotes.

    EVENT is article-id/event-id, a bare event id if unique, an IRI, or words
    of its label.

    \b
    Example:
      kb show paris-talks
      kb show "communication cell" --format json
    """
    with _open(ctx, read_only=True) as kb:
        ev = kb.show(event)
    _show(Answer("event", ev), fmt)


@cli.command()
@format_option("sources")
@click.pass_context
def sources(ctx: click.Context, fmt: str) -> None:
    """The articles in the store, with how many events each reports.

    \b
    Example:
      kb sources
    """
    with _open(ctx, read_only=True) as kb:
        rows = kb.sources()
    _show(Answer("sources", rows), fmt)


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--store", "whole_store", is_flag=True, help="Validate every graph in the store.")
@click.pass_context
def validate(ctx: click.Context, paths: tuple[Path, ...], whole_store: bool) -> None:
    """Check fact files, RDF files or the store against the SHACL shapes (ontology/shapes.ttl).

    Prints each violation as FILE: event N (id): field: message. Exit status 0
    when everything conforms, 1 when something does not.

    \b
    Example:
      kb validate examples/
      kb validate --store
    """
    if not paths and not whole_store:
        raise click.UsageError("give fact or RDF files to validate, or --store")
    from kb.api import KnowledgeBase
    from kb.store.embedded import default_store_path, store_exists

    location = ctx.obj["store"] or default_store_path()
    if ctx.obj["endpoint"]:
        kb = _open(ctx, read_only=True)
    elif whole_store or store_exists(location):
        kb = KnowledgeBase.open(location, read_only=True)
    else:
        kb = KnowledgeBase.memory()
    with kb:
        problems = kb.validate(list(paths), store=whole_store)
    for problem in problems:
        click.echo(problem)
    if problems:
        raise UserError(f"{len(problems)} violation{'s' * (len(problems) != 1)}")
    _emit("conforms")


class _ActorsGroup(click.Group):
    """``kb actors [SEARCH]`` lists; ``kb actors add NAME`` adds. A first word that is no subcommand is a search."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and not args[0].startswith("-"):
            ctx.meta["actors.search"] = args[0]
            args = args[1:]
        return super().parse_args(ctx, args)


@cli.group(cls=_ActorsGroup, invoke_without_command=True)
@click.option("--type", "kind", type=VocabChoice("kb.model.actors", "ACTOR_TYPES"), help="Only actors of this type.")
@format_option("actors")
@click.pass_context
def actors(ctx: click.Context, kind: str | None, fmt: str) -> None:
    """List known actors: SEARCH matches names and aliases, case and accent blind.

    \b
    Example:
      kb actors sharaa
      kb actors --type armed-group
      kb actors add "Ahmed al-Dalati" --type person --represents Syria --title "security envoy"
    """
    if ctx.invoked_subcommand is not None:
        return
    with _open_registry(ctx) as kb:
        found = kb.actors(ctx.meta.get("actors.search"), type=kind)
    _show(Answer("actors", found, empty="no actor matches"), fmt)


@actors.command("alias")
@click.argument("name")
@click.argument("alias")
@click.pass_context
def actors_alias(ctx: click.Context, name: str, alias: str) -> None:
    """Give a known actor another name (kept in this store's actors.yaml).

    Refused when the name already means another actor.

    \b
    Example:
      kb actors alias "DR Congo" "Congo-K"
    """
    with _open(ctx, read_only=False) as kb:
        actor = kb.add_alias(name, alias)
    _emit(f"'{alias}' now names {actor.name}")


@actors.command("add")
@click.argument("name")
@click.option("--type", "kind", required=True, type=VocabChoice("kb.model.actors", "ACTOR_TYPES"))
@click.option("--title", help="Title or office, e.g. 'Syrian Foreign Minister'.")
@click.option("--represents", metavar="ACTOR", help="The actor a person acts for.")
@click.option("--from", "start", metavar="DATE", help="First day of the mandate (any precision).")
@click.option("--until", "end", metavar="DATE", help="Last day of the mandate (any precision).")
@click.option("--alias", "aliases", multiple=True, help="Another name (repeat).")
@click.pass_context
def actors_add(ctx: click.Context, name, kind, title, represents, start, end, aliases) -> None:
    """Add an actor to this store's own registry (actors.yaml in the store folder).

    \b
    Example:
      kb actors add "Roman Gofman" --type person --represents Israel --title "military secretary" --from 2025
    """
    with _open(ctx, read_only=False) as kb:
        actor = kb.add_actor(name, type=kind, title=title, represents=represents, start=start, end=end, aliases=aliases)
    _emit(
        f"added {actor.type} {actor.name}"
        + (f" (represents {', '.join(actor.represents)})" if actor.represents else "")
    )


@cli.command()
@click.argument("names", nargs=-1)
@format_option("places")
@click.pass_context
def places(ctx: click.Context, names: tuple[str, ...], fmt: str) -> None:
    """What the gazetteer makes of place NAMES; without any, the places fact files declared.

    A name is a country, a city (with its country, coordinates and GeoNames
    id), a region, a place a fact file declared, or unknown: declare those in
    the fact file's places: block (see docs/actors-and-places.md).

    \b
    Example:
      kb places Sweida "Golan Heights" "Damascus, United States"
      kb places
    """
    with _open_registry(ctx) as kb:
        found = kb.places(list(names))
    _show(Answer("places", found, empty="no declared places"), fmt)


@cli.command()
@click.argument("name")
@format_option("actor")
@click.pass_context
def actor(ctx: click.Context, name: str, fmt: str) -> None:
    """One actor: aliases, titles and whom they represent (with sources), and their timeline.

    \b
    Example:
      kb actor "al Sharaa"
      kb actor Barrack --format json
    """
    with _open_registry(ctx) as kb:
        info = kb.actor(name)
    _show(Answer("actor", info), fmt)


def main() -> None:
    cli(prog_name="kb")


if __name__ == "__main__":
    main()
