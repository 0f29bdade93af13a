"""Fact files in, RDF out: read, resolve actors and dates, map to RDF, check, match look-alikes, store."""
