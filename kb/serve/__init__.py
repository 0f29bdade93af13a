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


def app(kb: Any, *, limits: Limits) -> Any:
    """The web application over ``kb`` (open it read-only); queries run within ``limits``."""
    from importlib import resources

    from starlette.applications import Starlette
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
    application = Starlette(routes=routes)
    application.state.kb = kb
    application.state.limits = limits
    return application


def serve(kb: Any, *, host: str, port: int, limits: Limits) -> None:
    """Serve ``kb`` until interrupted."""
    import uvicorn

    uvicorn.run(app(kb, limits=limits), host=host, port=port, log_level="warning", access_log=False)
