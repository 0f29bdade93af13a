"""What holds across an event's sources: the consensus graph an export writes (``graph/consensus``).

For each event: one label (its own article's claim's, or else the smallest
any claim gives), the window its claims allow (:func:`kb.read.facts.window`:
the consensus, or the spread when they disagree) and its place when every
claim names the same one. ``consensus.rq`` says it in SPARQL and runs on a
SPARQL server; on the embedded store that query took 22 s and 300 MB at 100k
events (its GROUP BY holds every event), so the export gathers the same
facts from the quads it is writing anyway, graph by graph: one lookup an
event (where else it is claimed) in memory that does not grow with the store.
``tests/test_export_shapes.py`` checks both give the same rows.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pyoxigraph as ox

from kb.model.iris import ARTICLE_GRAPHS, EVENT_PREFIX
from kb.model.namespace import CKB
from kb.read.facts import term_day, window
from kb.read.query import DATE_MAX, DATE_MIN

__all__ = ["GraphConsensus"]

_CLAIM_OF = str(CKB.claimOf)
_FACTS = {
    str(CKB.earliestBegin): "begin",
    str(CKB.latestEnd): "end",
    "http://www.w3.org/2000/01/rdf-schema#label": "label",
    str(CKB.location): "place",
}


class GraphConsensus:
    """The consensus rows of the events one graph speaks for, from that graph's quads as they stream past.

    A graph speaks for an event when it is the event's own article's graph (its IRI names the article) or,
    that article gone, the first graph with a claim of it; so each event gets one row in a whole export.
    """

    def __init__(self, store: ox.Store, graph: ox.NamedNode) -> None:
        self.store, self.graph = store, graph
        self.claims: dict[Any, Any] = {}  # claim -> event (pyoxigraph terms), in this graph
        self.facts: dict[Any, dict[str, list]] = {}  # claim -> what it says that the consensus reads

    def see(self, q: ox.Quad) -> None:
        p = q.predicate.value
        if p == _CLAIM_OF:
            self.claims[q.subject] = q.object
        elif p in _FACTS:
            self.facts.setdefault(q.subject, {}).setdefault(_FACTS[p], []).append(q.object)

    def rows(self) -> Iterator[dict[str, Any]]:
        own: dict[Any, list[Any]] = {}
        for claim, event in self.claims.items():
            own.setdefault(event, []).append(claim)
        for event, claims in own.items():
            elsewhere = [
                (q.subject, q.graph_name)
                for q in self.store.quads_for_pattern(None, ox.NamedNode(_CLAIM_OF), event, None)
                if isinstance(q.graph_name, ox.NamedNode) and q.graph_name != self.graph
            ]
            graphs = {self.graph.value, *(g.value for _, g in elsewhere)}
            home = ARTICLE_GRAPHS + event.value[len(EVENT_PREFIX) :].split("/", 1)[0]
            if self.graph.value != (home if home in graphs else min(graphs)):
                continue  # another graph speaks for it
            said = [(self.facts.get(c, {}), self.graph.value) for c in claims]
            said += [(self._read(c, g), g.value) for c, g in elsewhere]
            yield _row(event.value, said, home)

    def _read(self, claim: Any, graph: Any) -> dict[str, list]:
        """What a claim in another graph says (the rare event several articles report)."""
        facts: dict[str, list] = {}
        for q in self.store.quads_for_pattern(claim, None, None, graph):
            if q.predicate.value in _FACTS:
                facts.setdefault(_FACTS[q.predicate.value], []).append(q.object)
        return facts


def _row(event: str, said: list[tuple[dict[str, list], str]], home: str) -> dict[str, Any]:
    """consensus.rq's row for ``event`` from what each of its claims says (and in which graph)."""
    lo, hi = window(
        [term_day(b) for facts, _ in said for b in facts.get("begin", ())],
        [term_day(e) for facts, _ in said for e in facts.get("end", ())],
    )
    own = [label.value for facts, g in said if g == home for label in facts.get("label", ())]
    labels = own or [label.value for facts, _ in said for label in facts.get("label", ())]
    places = sorted({p.value for facts, _ in said for p in facts.get("place", ())})
    return {
        "event": event,
        "label": min(labels, default=None),
        "lo": lo or DATE_MIN,
        "hi": hi or DATE_MAX,
        "places": len(places),
        "place": places[0] if places else None,
    }
