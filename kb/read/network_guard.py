"""The network guard: SERVICE, LOAD and remote datasets in user SPARQL, found the way the engine finds them.

A regular expression over the text cannot agree with the SPARQL grammar: a
long string holding an escaped quote just before its three closing quotes
ends one character later than a lazy regex thinks, a
``#`` comment ends at ``\\r`` as well as ``\\n``, and ``ex:a\\#`` is a name,
not a comment. Anything the guard takes for a string or a comment and the
engine takes for code is a way past it. So the decision is made twice, and
either one refuses:

1. :func:`code_text` lexes the query by the terminals of the SPARQL 1.1
   grammar (§19.8: STRING_LITERAL_LONG1/2 with ECHAR, STRING_LITERAL1/2,
   IRIREF, comments ending at CR or LF, PN_LOCAL_ESC, VAR1/VAR2) after
   expanding ``\\uXXXX`` escapes as §19.2 says, and blanks what is opaque.
   Where it is unsure it leaves text as code, so its errors can only refuse
   too much. The words SERVICE and LOAD anywhere in the code are refused,
   even inside a longer name: a PEG parser such as the engine's reads
   ``1SERVICE`` or ``LOAD:x`` as the keyword followed by something else.
2. rdflib's SPARQL parser builds the parse tree; a ``ServiceGraphPattern``
   or ``Load`` anywhere in it is refused. rdflib failing to parse a query
   the engine accepts decides nothing: the lexer has already ruled.

A remote engine (``--endpoint``) may also fetch the IRIs of ``FROM`` and
``USING`` clauses (some servers dereference a dataset they do not hold), so
for it those are refused too.
"""

from __future__ import annotations

import re
from functools import lru_cache

from kb.errors import QueryError

__all__ = ["code_text", "network_operations", "refuse_network"]

_UNICODE_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
# IRIREF ::= '<' ([^<>"{}|^`\]-[#x00-#x20])* '>'
_IRIREF = re.compile(r'<[^<>"{}|^`\\\x00-\x20]*>')
_VARNAME = re.compile(
    r"[A-Za-z0-9_\u00B7\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u037D\u037F-\u1FFF\u200C-\u200D"
    r"\u203F-\u2040\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD"
    r"\U00010000-\U000EFFFF]*"
)
_NETWORK = re.compile(r"SERVICE|LOAD", re.IGNORECASE)
_DATASET = re.compile(r"(?<![A-Za-z0-9_])(FROM|USING)(?![A-Za-z0-9_])", re.IGNORECASE)


def _expand_unicode(text: str) -> str:
    def one(m: re.Match) -> str:
        code = int(m.group(1) or m.group(2), 16)
        return chr(code) if code <= 0x10FFFF else m.group()

    return _UNICODE_ESCAPE.sub(one, text)


def code_text(sparql: str) -> str:
    """The query with strings, IRIs, comments and variable names blanked: what is left is code.

    Lexed twice, as written and with ``\\u`` escapes expanded (SPARQL says
    to expand them first; an engine that does not would read the text as
    written), and both code views are returned, one per line.
    """
    expanded = _expand_unicode(sparql)
    views = [_code(sparql)] + ([_code(expanded)] if expanded != sparql else [])
    return "\n".join(views)


def _code(text: str) -> str:
    out = list(text)
    i, n = 0, len(text)

    def blank(start: int, end: int) -> None:
        for k in range(start, end):
            out[k] = " "

    while i < n:
        c = text[i]
        if c in "\"'":
            long = text.startswith(c * 3, i)
            j = i + (3 if long else 1)
            end = None
            while j < n:
                d = text[j]
                if d == "\\":
                    j += 2
                    continue
                if long and text.startswith(c * 3, j):
                    end = j + 3
                    break
                if not long and d == c:
                    end = j + 1
                    break
                if not long and d in "\r\n":  # not allowed in a short string: the engine refuses the query
                    break
                j += 1
            if end is None:  # unterminated: leave the rest as code (the engine refuses it anyway)
                i += 1
                continue
            blank(i, end)
            i = end
        elif c == "<":
            m = _IRIREF.match(text, i)
            if m:
                blank(i, m.end())
                i = m.end()
            else:
                i += 1  # the less-than operator
        elif c == "#":
            j = i
            while j < n and text[j] not in "\r\n":
                j += 1
            blank(i, j)
            i = j
        elif c == "\\":
            i += 2  # PN_LOCAL_ESC (ex:a\#b): the escaped character is part of a name, never a comment
        elif c in "?$":
            m = _VARNAME.match(text, i + 1)
            end = m.end() if m else i + 1
            blank(i, end)
            i = max(end, i + 1)
        else:
            i += 1
    return "".join(out)


@lru_cache(maxsize=256)  # a server sees the same queries again and again; rdflib's parse is ~40 ms of each
def _tree_operations(sparql: str, update: bool) -> frozenset[str]:
    """SERVICE and LOAD in rdflib's parse tree (empty when rdflib cannot parse the text)."""
    try:
        from rdflib.plugins.sparql.parser import parseQuery, parseUpdate
        from rdflib.plugins.sparql.parserutils import CompValue
    except ImportError:  # pragma: no cover - rdflib is a dependency
        return frozenset()
    try:
        tree = parseUpdate(sparql) if update else parseQuery(sparql)
    except Exception:  # noqa: BLE001 - any parse failure: the lexer's verdict stands alone
        return frozenset()
    found: set[str] = set()
    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, CompValue):
            if node.name == "ServiceGraphPattern":
                found.add("SERVICE")
            elif node.name == "Load":
                found.add("LOAD")
            stack.extend(node.values())
        elif isinstance(node, (list, tuple)):
            stack.extend(node)
        elif hasattr(node, "as_list") and not isinstance(node, str):
            stack.extend(list(node))
    return frozenset(found)


def network_operations(sparql: str, *, update: bool = False, remote: bool = False) -> list[str]:
    """The operations in ``sparql`` that can make the engine open a connection, sorted.

    SERVICE and LOAD; with ``remote``, FROM and USING as well.
    """
    code = code_text(sparql)
    found = {m.group().upper() for m in _NETWORK.finditer(code)}
    if _NETWORK.search(sparql) or _NETWORK.search(_expand_unicode(sparql)):
        # Only text holding the letters somewhere (escapes expanded, as the engine reads it) can parse to a
        # SERVICE or LOAD; any other query skips rdflib's parser and its ~300 ms import.
        found |= _tree_operations(sparql, update)
    if remote:
        found |= {m.group(1).upper() for m in _DATASET.finditer(code)}
    return sorted(found)


def refuse_network(sparql: str, allow_network: bool, *, update: bool = False, remote: bool = False) -> None:
    """Raise :class:`QueryError` when ``sparql`` could reach the network and that was not allowed."""
    if allow_network:
        return
    found = network_operations(sparql, update=update, remote=remote)
    if found:
        raise QueryError(
            f"{' and '.join(found)} could reach the network; conflict-kb refuses that unless "
            "--allow-network is given (a name that merely contains these letters can be written "
            "as a full <IRI>)"
        )
