"""``kb ask``: an English question made one of the named queries in ``kb/ask/queries``."""

from kb.ask.grammar import FORMS, Answer, ask

__all__ = ["FORMS", "Answer", "ask"]
