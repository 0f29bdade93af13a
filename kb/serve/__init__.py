"""``kb serve``: the knowledge base in a browser and as a SPARQL endpoint, on this machine only by default.

A small Starlette application (:func:`app`) over one read-only
:class:`~kb.KnowledgeBase`: the pages of :mod:`kb.serve.pages` and the
SPARQL 1.1 Protocol endpoint of :mod:`kb.serve.sparql`, served by uvicorn.
Why this stack: Starlette is a small, well-kept routing/request layer with
no framework around it, uvicorn its standard server, Jinja2 the templates
(autoescaped, so no stored text becomes markup). Nothing is fetched at run
time: the stylesheet is bundled, and timelines are SVG drawn on the server
(:mod:`kb.render.svg`), so pages need no script. Installed with the
``serve`` extra (``pip install 'conflict-kb[serve]'``).
"""

from __future__ import annotations

from typing import Any

from kb.read.limits import Limits

__all__ = ["app", "serve"]


def app(kb: Any, *, limits: Limits, hosts: list[str] | None = None) -> Any:
    """The web application over ``kb`` (open it read-only); queries run within ``limits``.

    ``hosts`` are the Host headers it answers (default: this machine's names), so a web page elsewhere
    cannot reach it by pointing a name of its own at 127.0.0.1 (DNS rebinding).
    """
    from importlib import resources

    from starlette.applications import Starlette
    from starlette.middleware import Middleware
    from starlette.middleware.trustedhost import TrustedHostMiddleware
    from starlette.routing import Mount, Route
    from starlette.staticfiles import StaticFiles

    from kb.serve.pages import ROUTES
    from kb.serve.sparql import endpoint

    static = str(resources.files("kb.serve").joinpath("static"))
    routes: list[Any] = [Route(path, handler) for path, handler in ROUTES]
    routes.append(Route("/sparql", endpoint, methods=["GET", "POST"]))
    routes.append(Mount("/static", StaticFiles(directory=static), name="static"))
    from kb.read.query_process import keep_spare

    if kb.store.folder is not None and not kb.store.remote:
        keep_spare(kb.store.folder)  # each /sparql query still runs in a process of its own, started ahead
    allowed = hosts or ["127.0.0.1", "localhost", "[::1]"]
    application = Starlette(routes=routes, middleware=[Middleware(TrustedHostMiddleware, allowed_hosts=allowed)])
    application.state.kb = kb
    application.state.limits = limits
    return application


def serve(kb: Any, *, host: str, port: int, limits: Limits) -> None:
    """Serve ``kb`` until interrupted."""
    import uvicorn

    hosts = None if host in ("127.0.0.1", "localhost", "::1") else ["*"]  # served to other machines: any name
    uvicorn.run(app(kb, limits=limits, hosts=hosts), host=host, port=port, log_level="warning", access_log=False)
