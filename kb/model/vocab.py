"""The event vocabulary, in one table: every step reads it from here.

Fact-file checking (:mod:`kb.ingest.factfile`), mapping to RDF
(:mod:`kb.ingest.mapping`), look-alike matching (:mod:`kb.ingest.matching`),
reading answers back (:mod:`kb.read.answers`), the timeline's colours
(:mod:`kb.render.html`), extraction's role checks and the CLI's choices all
take their types, roles, statuses and confidences from these tables, so a
new event type is one row in :data:`EVENT_TYPES` (plus its class in
``ontology/conflict.ttl`` and its shape in ``ontology/shapes.ttl``: see
CONTRIBUTING.md). ``tests/test_vocab.py`` checks the table against both files.

The order of each table is meaningful: :data:`CONFIDENCES` goes from the
firmest to the weakest, and the order of :data:`EVENT_TYPES` is the order
choices and legends are shown in.

>>> EVENT_TYPES["mediation"].required
{'mediator': 1, 'parties': 2}
>>> TYPE_KEYS["airstrike"] == CKB.Airstrike
True
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kb.model.dates import Precision
from kb.model.namespace import CKB, IRI

__all__ = [
    "EventType",
    "EVENT_TYPES",
    "ROLES",
    "UNROLLED_ROLES",
    "AGREEMENT_STATUSES",
    "OCCURRENCE_STATUSES",
    "STATUSES",
    "CONFIDENCES",
    "ACTOR_CLASSES",
    "PRECISIONS",
    "EVENT_CLASSES",
    "SUBTYPE_CLASSES",
    "TYPE_KEYS",
    "REQUIRED_ROLES",
    "ROLE_PROPERTIES",
    "STATUS_INDIVIDUALS",
    "CONFIDENCE_INDIVIDUALS",
]


@dataclass(frozen=True)
class EventType:
    """One kind of event a fact file may state, and everything conflict-kb does differently for it."""

    key: str  # the fact file's `type:`
    cls: IRI  # its class in the ontology
    required: dict[str, int]  # role -> fewest actors it needs (the shapes say the same)
    kind: str  # events of one kind may be one event reported twice (kb.ingest.matching)
    key_roles: tuple[str, ...]  # the roles whose actors must agree for two reports to be one event
    colour: str  # its marks and legend in the HTML timeline
    agreement_status: bool = False  # may carry proposed/agreed/signed/in-force/violated/collapsed
    subtypes: dict[str, IRI] = field(default_factory=dict)  # the fact file's `subtype:` -> its class


def _table(*types: EventType) -> dict[str, EventType]:
    return {t.key: t for t in types}


EVENT_TYPES: dict[str, EventType] = _table(
    EventType("talks", CKB.Talks, {"parties": 2}, "meeting", ("parties",), "#2b6cb0"),
    EventType("mediation", CKB.Mediation, {"mediator": 1, "parties": 2}, "meeting", ("parties",), "#2f855a"),
    EventType("agreement", CKB.Agreement, {"parties": 2}, "agreement", ("parties",), "#6b46c1", agreement_status=True),
    EventType(
        "military-action",
        CKB.MilitaryAction,
        {"attacker": 1},
        "military-action",
        ("attacker", "target"),
        "#c53030",
        subtypes={
            "airstrike": CKB.Airstrike,
            "ground-incursion": CKB.GroundIncursion,
            "occupation": CKB.Occupation,
            "shelling": CKB.Shelling,
        },
    ),
    EventType("ceasefire", CKB.Ceasefire, {"parties": 1}, "agreement", ("parties",), "#319795", agreement_status=True),
    EventType("statement", CKB.Statement, {"speaker": 1}, "statement", ("speaker",), "#718096"),
    EventType(
        "proposal",
        CKB.Proposal,
        {"proposer": 1},
        "proposal",
        ("proposer", "addressee"),
        "#b7791f",
        agreement_status=True,
    ),
    EventType("demand", CKB.Demand, {"proposer": 1}, "demand", ("proposer", "addressee"), "#dd6b20"),
    EventType("regime-change", CKB.RegimeChange, {"subject": 1}, "regime-change", ("subject",), "#1a202c"),
    EventType("prisoner-exchange", CKB.PrisonerExchange, {"parties": 2}, "exchange", ("parties",), "#805ad5"),
)

# role (the fact file's key) -> its property; every role is a sub-property of ckb:involves
ROLES: dict[str, IRI] = {
    "parties": CKB.party,
    "mediator": CKB.mediator,
    "participants": CKB.participant,
    "attacker": CKB.attacker,
    "target": CKB.target,
    "speaker": CKB.speaker,
    "proposer": CKB.proposer,
    "addressee": CKB.addressee,
    "subject": CKB.subject,
}
# Roles compared as the actors themselves, not rolled up to whom they represent: a statement is its
# speaker's, so two officials of one state speaking on one day made two statements.
UNROLLED_ROLES = ("speaker",)

AGREEMENT_STATUSES: dict[str, IRI] = {
    "proposed": CKB.Proposed,
    "agreed": CKB.Agreed,
    "signed": CKB.Signed,
    "in-force": CKB.InForce,
    "violated": CKB.Violated,
    "collapsed": CKB.Collapsed,
}
OCCURRENCE_STATUSES: dict[str, IRI] = {  # any event: it has not happened (yet)
    "planned": CKB.Planned,
    "postponed": CKB.Postponed,
    "cancelled": CKB.Cancelled,
}
STATUSES: dict[str, IRI] = {**AGREEMENT_STATUSES, **OCCURRENCE_STATUSES}
CONFIDENCES: dict[str, IRI] = {  # firmest first; an event with none counts as "reported"
    "confirmed": CKB.Confirmed,
    "reported": CKB.Reported,
    "claimed": CKB.Claimed,
    "rumoured": CKB.Rumoured,
}
ACTOR_CLASSES: dict[str, IRI] = {
    "state": CKB.State,
    "organisation": CKB.Organisation,
    "armed-group": CKB.ArmedGroup,
    "person": CKB.Person,
    "actor": CKB.Actor,
}
PRECISIONS: dict[Precision, IRI] = {
    Precision.DAY: CKB.DayPrecision,
    Precision.WEEK: CKB.WeekPrecision,
    Precision.MONTH: CKB.MonthPrecision,
    Precision.PART_OF_YEAR: CKB.PartOfYearPrecision,
    Precision.YEAR: CKB.YearPrecision,
}

# Views of the tables above, for the steps that look things up one way.
EVENT_CLASSES: dict[str, IRI] = {t.key: t.cls for t in EVENT_TYPES.values()}
SUBTYPE_CLASSES: dict[str, IRI] = {k: c for t in EVENT_TYPES.values() for k, c in t.subtypes.items()}
REQUIRED_ROLES: dict[str, dict[str, int]] = {t.key: t.required for t in EVENT_TYPES.values()}
TYPE_KEYS: dict[str, IRI] = {**EVENT_CLASSES, **SUBTYPE_CLASSES}  # --type takes any event type or subtype key
ROLE_PROPERTIES = ROLES
STATUS_INDIVIDUALS = STATUSES
CONFIDENCE_INDIVIDUALS = CONFIDENCES
