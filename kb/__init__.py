"""conflict-kb: a knowledge base of conflict events, every fact traceable to a quote.

>>> from kb import KnowledgeBase
>>> kb = KnowledgeBase.memory()

Heavy modules (rdflib, pyoxigraph) load on first use of these names, so the
``kb`` command starts quickly.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kb.errors import ActorError, DateError, ExtractError, FactFileError, KBError, QueryError, StoreError

__version__ = "0.1.0"
__all__ = [
    "KnowledgeBase",
    "KBError",
    "FactFileError",
    "ExtractError",
    "DateError",
    "ActorError",
    "QueryError",
    "StoreError",
    "__version__",
]

if TYPE_CHECKING:
    from kb.api import KnowledgeBase


def __getattr__(name: str):
    if name == "KnowledgeBase":
        from kb.api import KnowledgeBase

        return KnowledgeBase
    raise AttributeError(f"module 'kb' has no attribute {name!r}")
