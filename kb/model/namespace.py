"""The conflict-kb vocabulary as Python names.

Generated from ontology/conflict.ttl (tools/generate_namespace.py), the single
source of truth for terms:
``tests/test_namespace.py`` fails when this list and the ontology disagree,
and ``_fail = True`` turns a misspelt term into an AttributeError instead of
a silently minted IRI.
"""

from rdflib.namespace import DefinedNamespace, Namespace
from rdflib.term import URIRef

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


class CKB(DefinedNamespace):
    """Classes, properties and individuals of the conflict-kb ontology."""

    _NS = Namespace("https://w3id.org/conflict-kb/ontology#")
    _fail = True

    Actor: URIRef  # Anyone who takes part in an event: a state, an organisation, an armed group or a person
    Agreed: URIRef  # Accepted by the parties, not (yet) formally signed
    Agreement: URIRef  # An agreement between parties, with its status (proposed, agreed, signed, in force, viol...
    AgreementStatus: URIRef  # How far an agreement has come, as of the article that reports it
    Airstrike: URIRef  # An attack from the air: bombing, missile or drone strikes
    ArmedGroup: URIRef  # A non-state armed group, such as Hamas, Hezbollah or the SDF
    Article: URIRef  # A published news article that reports events; each article's facts live in a named grap...
    Cancelled: URIRef  # Planned, then called off
    Ceasefire: URIRef  # A truce or ceasefire, declared by one side or agreed between parties; an agreement, so ...
    Claim: URIRef  # What one article says of one event: its label, the date as written with its bounds and ...
    Claimed: URIRef  # One side's claim, not independently reported ("Israel says", "according to state media")
    Collapsed: URIRef  # No longer standing
    Confidence: URIRef  # How firmly a source reports an event, from confirmed to rumoured; queries can ask for a...
    Confirmed: URIRef  # Stated as fact, by the parties themselves or on the record
    DayPrecision: URIRef  # The source names the day ("on Tuesday", "6 January 2026")
    DeclaredPlace: URIRef  # A place that no gazetteer the project ships holds (a disputed region, a mountain, an es...
    Demand: URIRef  # An actor demanding or calling on another to act
    Event: URIRef  # Something articles report as having happened, with actors in roles
    Evidence: URIRef  # One article's support for one event: the article and the sentence quoted from it
    GroundIncursion: URIRef  # Ground forces advancing into or raiding another actor's territory
    InForce: URIRef  # Signed and being applied
    Mandate: URIRef  # A period in which a person acts for an actor under a title ("President of Syria, 2000-0...
    Mediation: URIRef  # Talks between parties that a third actor mediates, brokers, hosts or oversees
    MilitaryAction: URIRef  # Use of conventional military force by an attacker, usually against a target
    MonthPrecision: URIRef  # The source names the month or part of a month ("in December 2024", "early January")
    Occupation: URIRef  # Seizing or holding territory
    OccurrenceStatus: URIRef  # An event that, as of the article, has not happened: planned, put off or called off
    Organisation: URIRef  # An organisation, including intergovernmental bodies such as the United Nations or the A...
    PartOfYearPrecision: URIRef  # The source names a season, quarter, half or part of a year ("early 2025", "Q3 2025")
    Person: URIRef  # A named person; an envoy or minister represents the actor they act for (ckb:represents)...
    Place: URIRef  # Where an event happened, as named by the source (a city, a region, a country)
    Planned: URIRef  # Announced or expected for a later day
    Postponed: URIRef  # Planned, then put off to a later or unknown day
    Precision: URIRef  # How precisely the source dated an event; timelines put exact dates before vague ones
    PrisonerExchange: URIRef  # Parties releasing prisoners of war or detainees to each other, often through a mediator
    Proposal: URIRef  # A plan or arrangement one actor puts to others
    Proposed: URIRef  # Put forward but not yet accepted by the parties
    RegimeChange: URIRef  # The fall, ousting or overthrow of a government or leader
    Reported: URIRef  # Reported by the outlet as fact, attributed to its own or named sources
    Rumoured: URIRef  # Hedged reporting from anonymous or unconfirmed sources ("reportedly", "a source said")
    Shelling: URIRef  # An attack with artillery, mortars or tanks
    Signed: URIRef  # Formally signed by the parties
    State: URIRef  # A sovereign state acting through its government; a capital used as a metonym ("Washingt...
    Statement: URIRef  # Something an actor says or publishes, such as a joint statement; its speaker is who sai...
    Talks: URIRef  # A meeting or round of negotiations between parties
    Violated: URIRef  # Reported as broken by at least one party while still nominally standing
    WeekPrecision: URIRef  # The source names the week ("last week")
    YearPrecision: URIRef  # The source names only the year
    about: URIRef  # The event a statement, demand or claim is about ("Syria argues the attacks violate its ...
    addressee: URIRef  # To whom a proposal, demand or statement is addressed
    alias: URIRef  # Another name people use for an actor or place: an abbreviation ("U.S."), an official na...
    article: URIRef  # The article a piece of evidence is quoted from
    attacker: URIRef  # The actor carrying out a military action
    cameo: URIRef  # The CAMEO event type an event class corresponds to, as a SKOS concept of the CAMEO sche...
    cameoCode: URIRef  # The CAMEO event code (Conflict and Mediation Event Observations, as used by GDELT and I...
    claimOf: URIRef  # The event a claim is about
    claimedBy: URIRef  # Who claims the event, when the source reports it only as that actor's claim (confidence...
    confidence: URIRef  # How firmly the claim's article reports the event
    content: URIRef  # What the speaker says, claims or demands, in brief; the quote holds the source's exact ...
    country: URIRef  # The state a place lies in; a country's own place points to its state
    dateText: URIRef  # The date expression exactly as the fact file gave it ("Tuesday", "since 2024-12"), kept...
    earliestBegin: URIRef  # The first day on which the event may have begun; absent when the source leaves the star...
    earliestEnd: URIRef  # The first day on which the event may have ended
    endDate: URIRef  # The last day of a mandate, as precisely as known (the last day of the period given); ab...
    evidence: URIRef  # Links a claim to the quote from its article that supports it
    extractedBy: URIRef  # The program that drafted this article's facts from its text and stored them unreviewed ...
    forActor: URIRef  # The actor a mandate is held for
    headline: URIRef  # The title of an article as published
    indexActor: URIRef  # Derived, in an index graph: an actor taking part in the event, or one a person taking p...
    indexKey: URIRef  # Derived, in an index graph: a key naming an actor and a month, a year, or 'open', that ...
    involves: URIRef  # Any actor taking part in an event, whatever the role
    isoCode: URIRef  # The two-letter ISO 3166-1 code of a state, the key most event datasets (ACLED, GDELT) u...
    latestBegin: URIRef  # The last day on which the event may have begun
    latestEnd: URIRef  # The last day on which the event may have ended; absent while it is ongoing ("since Dece...
    latitude: URIRef  # WGS84 latitude in decimal degrees, from the GeoNames gazetteer or a fact file's place d...
    location: URIRef  # Where the event took place: on a claim, as that article says; on an event (an export's ...
    longitude: URIRef  # WGS84 longitude in decimal degrees, from the GeoNames gazetteer or a fact file's place ...
    mandate: URIRef  # Links a person to one of their mandates
    mediator: URIRef  # The actor that mediates, brokers, hosts or oversees talks between the parties
    mergedInto: URIRef  # A reviewed decision (kb merge, or an accepted look-alike at ingest) that an article's e...
    name: URIRef  # The name of a named thing, such as an agreement, mechanism or proposal ("joint fusion m...
    participant: URIRef  # A person or delegation present at an event without being a party or the mediator as such
    party: URIRef  # A side in talks, an agreement or a ceasefire
    precision: URIRef  # How precisely the source dated the event
    proposer: URIRef  # Who puts forward a proposal or makes a demand
    published: URIRef  # The day an article was published; relative dates in it ("on Tuesday") are resolved agai...
    publisher: URIRef  # The name of the outlet that published an article; a literal, because outlets are source...
    quote: URIRef  # The sentence of the article that states the event, verbatim
    represents: URIRef  # The actor a person or an organ of a state acts for (an envoy or a minister for a state;...
    resultOf: URIRef  # The talks an agreement (or statement) came out of
    source: URIRef  # The article that makes the claim
    speaker: URIRef  # Who makes a statement
    startDate: URIRef  # The first day of a mandate, as precisely as known (the first day of the period given)
    status: URIRef  # The status of an event as one article's claim reports it: for agreements, ceasefires an...
    subject: URIRef  # The actor an event is about or happens to, such as the leader removed in a regime change
    summary: URIRef  # One line about the event in the fact-file author's own words
    target: URIRef  # The actor a military action is directed against
    title: URIRef  # The title or office under which a person acts, as the source gives it ("U.S
    unStatus: URIRef  # "member" for a UN member state, "observer" for a General Assembly observer state
    url: URIRef  # Where the article was published


for _name in CKB.__annotations__:
    setattr(CKB, _name, CKB._NS[_name])
del _name
