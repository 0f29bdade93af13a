"""``kb extract``: a plain-text article drafted into a fact file, for review.

The steps, one module each: :mod:`~kb.extract.reader` (header, paragraphs,
sentences) → :mod:`~kb.extract.mentions` (actors in a sentence) →
:mod:`~kb.extract.rules` (the lexicon's triggers, roles by where actors
stand, dates, places, merging reports of one event) →
:mod:`~kb.extract.drafts` (the events, written as YAML with the reason for
each choice).
"""

from kb.extract.drafts import DraftEvent, to_yaml
from kb.extract.reader import ArticleText, read_article, split_sentences
from kb.extract.rules import extract, lexicon

__all__ = ["ArticleText", "DraftEvent", "extract", "lexicon", "read_article", "split_sentences", "to_yaml"]
