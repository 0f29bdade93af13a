"""The conflict-kb vocabulary as Python names.

Generated from ontology/conflict.ttl (tools/generate_namespace.py), the single
source of truth for terms:
``tests/test_namespace.py`` fails when this list and the ontology disagree,
and a misspelt term is an AttributeError instead of a silently minted IRI.

Terms are :class:`IRI` — text, not rdflib terms — so that neither reading
the store nor ingesting imports rdflib (~0.1 s of each process): ingest's
graphs (:mod:`kb.ingest.graph`) hold these same terms.
"""

from __future__ import annotations

__all__ = ["IRI", "Namespace", "CKB", "DATA", "GRAPH", "PREFIXES", "ONTOLOGY_IRI"]


class IRI(str):
    """An IRI as its text. A type of its own so that a bound query value can tell an IRI from a string
    literal (:mod:`kb.read.binding`); equal to, and hashed as, the same text."""

    __slots__ = ()

    def __repr__(self) -> str:
        return f"IRI({str.__repr__(self)})"


class Namespace(str):
    """A namespace IRI whose items are IRIs in it: ``DATA["actor/israel"]``."""

    __slots__ = ()

    def __getitem__(self, name: str) -> IRI:  # type: ignore[override]  # a namespace is never sliced
        return IRI(str(self) + name)


class _Closed(type):
    """A term the ontology does not declare is an error, not a new IRI."""

    def __getattr__(cls, name: str) -> IRI:
        if name.startswith("__"):
            raise AttributeError(name)
        raise AttributeError(f"term {name!r} not defined in the conflict-kb ontology ({cls.__name__})")

    def __getitem__(cls, name: str) -> IRI:
        return getattr(cls, name)


ONTOLOGY_IRI = "https://w3id.org/conflict-kb/ontology"
DATA = Namespace("https://w3id.org/conflict-kb/id/")
GRAPH = Namespace("https://w3id.org/conflict-kb/graph/")

# Prefixes every `kb query` may use without declaring them, and that exports write.
PREFIXES = {
    "ckb": "https://w3id.org/conflict-kb/ontology#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "prov": "http://www.w3.org/ns/prov#",
    "sem": "http://semanticweb.cs.vu.nl/2009/11/sem/",
    "time": "http://www.w3.org/2006/time#",
    "schema": "http://schema.org/",
    "actor": "https://w3id.org/conflict-kb/id/actor/",
    "place": "https://w3id.org/conflict-kb/id/place/",
}


class CKB(metaclass=_Closed):
    """Classes, properties and individuals of the conflict-kb ontology."""

    _NS = Namespace("https://w3id.org/conflict-kb/ontology#")

    Actor: IRI  # Anyone who takes part in an event: a state, an organisation, an armed group or a person
    Agreed: IRI  # Accepted by the parties, not (yet) formally signed
    Agreement: IRI  # An agreement between parties, with its status (proposed, agreed, signed, in force, viol...
    AgreementStatus: IRI  # How far an agreement has come, as of the article that reports it
    Airstrike: IRI  # An attack from the air: bombing, missile or drone strikes
    ArmedGroup: IRI  # A non-state armed group, such as Hamas, Hezbollah or the SDF
    Article: IRI  # A published news article that reports events; each article's facts live in a named grap...
    Cancelled: IRI  # Planned, then called off
    Ceasefire: IRI  # A truce or ceasefire, declared by one side or agreed between parties; an agreement, so ...
    Claim: IRI  # What one article says of one event: its label, the date as written with its bounds and ...
    Claimed: IRI  # One side's claim, not independently reported ("Israel says", "according to state media")
    Collapsed: IRI  # No longer standing
    Confidence: IRI  # How firmly a source reports an event, from confirmed to rumoured; queries can ask for a...
    Confirmed: IRI  # Stated as fact, by the parties themselves or on the record
    DayPrecision: IRI  # The source names the day ("on Tuesday", "6 January 2026")
    DeclaredPlace: IRI  # A place that no gazetteer the project ships holds (a disputed region, a mountain, an es...
    Demand: IRI  # An actor demanding or calling on another to act
    Event: IRI  # Something articles report as having happened, with actors in roles
    Evidence: IRI  # One article's support for one event: the article and the sentence quoted from it
    GroundIncursion: IRI  # Ground forces advancing into or raiding another actor's territory
    InForce: IRI  # Signed and being applied
    Mandate: IRI  # A period in which a person acts for an actor under a title ("President of Syria, 2000-0...
    Mediation: IRI  # Talks between parties that a third actor mediates, brokers, hosts or oversees
    MilitaryAction: IRI  # Use of conventional military force by an attacker, usually against a target
    MonthPrecision: IRI  # The source names the month or part of a month ("in December 2024", "early January")
    Occupation: IRI  # Seizing or holding territory
    OccurrenceStatus: IRI  # An event that, as of the article, has not happened: planned, put off or called off
    Organisation: IRI  # An organisation, including intergovernmental bodies such as the United Nations or the A...
    PartOfYearPrecision: IRI  # The source names a season, quarter, half or part of a year ("early 2025", "Q3 2025")
    Person: IRI  # A named person; an envoy or minister represents the actor they act for (ckb:represents)...
    Place: IRI  # Where an event happened, as named by the source (a city, a region, a country)
    Planned: IRI  # Announced or expected for a later day
    Postponed: IRI  # Planned, then put off to a later or unknown day
    Precision: IRI  # How precisely the source dated an event; timelines put exact dates before vague ones
    PrisonerExchange: IRI  # Parties releasing prisoners of war or detainees to each other, often through a mediator
    Proposal: IRI  # A plan or arrangement one actor puts to others
    Proposed: IRI  # Put forward but not yet accepted by the parties
    RegimeChange: IRI  # The fall, ousting or overthrow of a government or leader
    Reported: IRI  # Reported by the outlet as fact, attributed to its own or named sources
    Rumoured: IRI  # Hedged reporting from anonymous or unconfirmed sources ("reportedly", "a source said")
    Shelling: IRI  # An attack with artillery, mortars or tanks
    Signed: IRI  # Formally signed by the parties
    State: IRI  # A sovereign state acting through its government; a capital used as a metonym ("Washingt...
    Statement: IRI  # Something an actor says or publishes, such as a joint statement; its speaker is who sai...
    Talks: IRI  # A meeting or round of negotiations between parties
    Violated: IRI  # Reported as broken by at least one party while still nominally standing
    WeekPrecision: IRI  # The source names the week ("last week")
    YearPrecision: IRI  # The source names only the year
    about: IRI  # The event a statement, demand or claim is about ("Syria argues the attacks violate its ...
    addressee: IRI  # To whom a proposal, demand or statement is addressed
    alias: IRI  # Another name people use for an actor or place: an abbreviation ("U.S."), an official na...
    article: IRI  # The article a piece of evidence is quoted from
    attacker: IRI  # The actor carrying out a military action
    cameo: IRI  # The CAMEO event type an event class corresponds to, as a SKOS concept of the CAMEO sche...
    cameoCode: IRI  # The CAMEO event code (Conflict and Mediation Event Observations, as used by GDELT and I...
    claimOf: IRI  # The event a claim is about
    claimedBy: IRI  # Who claims the event, when the source reports it only as that actor's claim (confidence...
    confidence: IRI  # How firmly the claim's article reports the event
    content: IRI  # What the speaker says, claims or demands, in brief; the quote holds the source's exact ...
    country: IRI  # The state a place lies in; a country's own place points to its state
    dateText: IRI  # The date expression exactly as the fact file gave it ("Tuesday", "since 2024-12"), kept...
    earliestBegin: IRI  # The first day on which the event may have begun; absent when the source leaves the star...
    earliestEnd: IRI  # The first day on which the event may have ended
    endDate: IRI  # The last day of a mandate, as precisely as known (the last day of the period given); ab...
    evidence: IRI  # Links a claim to the quote from its article that supports it
    extractedBy: IRI  # The program that drafted this article's facts from its text and stored them unreviewed ...
    forActor: IRI  # The actor a mandate is held for
    headline: IRI  # The title of an article as published
    indexActor: IRI  # Derived, in an index graph: an actor taking part in the event, or one a person taking p...
    indexKey: IRI  # Derived, in an index graph: a key naming an actor and a month, a year, or 'open', that ...
    involves: IRI  # Any actor taking part in an event, whatever the role
    isoCode: IRI  # The two-letter ISO 3166-1 code of a state, the key most event datasets (ACLED, GDELT) u...
    latestBegin: IRI  # The last day on which the event may have begun
    latestEnd: IRI  # The last day on which the event may have ended; absent while it is ongoing ("since Dece...
    latitude: IRI  # WGS84 latitude in decimal degrees, from the GeoNames gazetteer or a fact file's place d...
    location: IRI  # Where the event took place: on a claim, as that article says; on an event (an export's ...
    longitude: IRI  # WGS84 longitude in decimal degrees, from the GeoNames gazetteer or a fact file's place ...
    mandate: IRI  # Links a person to one of their mandates
    mediator: IRI  # The actor that mediates, brokers, hosts or oversees talks between the parties
    mergedInto: IRI  # A reviewed decision (kb merge, or an accepted look-alike at ingest) that an article's e...
    name: IRI  # The name of a named thing, such as an agreement, mechanism or proposal ("joint fusion m...
    participant: IRI  # A person or delegation present at an event without being a party or the mediator as such
    party: IRI  # A side in talks, an agreement or a ceasefire
    precision: IRI  # How precisely the source dated the event
    proposer: IRI  # Who puts forward a proposal or makes a demand
    published: IRI  # The day an article was published; relative dates in it ("on Tuesday") are resolved agai...
    publisher: IRI  # The name of the outlet that published an article; a literal, because outlets are source...
    quote: IRI  # The sentence of the article that states the event, verbatim
    represents: IRI  # The actor a person or an organ of a state acts for (an envoy or a minister for a state;...
    resultOf: IRI  # The talks an agreement (or statement) came out of
    source: IRI  # The article that makes the claim
    speaker: IRI  # Who makes a statement
    startDate: IRI  # The first day of a mandate, as precisely as known (the first day of the period given)
    status: IRI  # The status of an event as one article's claim reports it: for agreements, ceasefires an...
    subject: IRI  # The actor an event is about or happens to, such as the leader removed in a regime change
    summary: IRI  # One line about the event in the fact-file author's own words
    target: IRI  # The actor a military action is directed against
    title: IRI  # The title or office under which a person acts, as the source gives it ("U.S
    unStatus: IRI  # "member" for a UN member state, "observer" for a General Assembly observer state
    url: IRI  # Where the article was published


for _name in CKB.__annotations__:
    setattr(CKB, _name, CKB._NS[_name])
del _name
