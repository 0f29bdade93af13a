"""``kb ask``: an English question read into its parts (:mod:`kb.ask.understand`) and answered from a named
query and the events' own facts (:mod:`kb.ask.answer`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from kb.ask.answer import Answer, answer, stored
from kb.ask.understand import Reading, understand

__all__ = ["Answer", "Reading", "ask", "understand"]


def ask(kb: Any, question: str, *, run: Callable[[str], Any], today: dt.date | None = None) -> Answer:
    """Answer ``question`` from ``kb``'s store; :class:`~kb.errors.KBError` (naming the words not understood,
    with two questions that can be answered) when it cannot."""
    reading = understand(
        question, registry=kb.registry, gazetteer=kb.gazetteer, today=today, stored=lambda a: stored(a, run)
    )
    return answer(kb, reading, run)
