"""``kb extract``: a plain-text article drafted into a fact file by lexicon rules, for review."""

from kb.extract.rules import extract, read_article, to_yaml

__all__ = ["extract", "read_article", "to_yaml"]
