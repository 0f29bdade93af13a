"""The words ``kb ask`` understands: general English for conflict events, never an article's phrase or name.

Names of actors and places are not here: they come from the actor registry
(with the store's declared actors) and the gazetteer, as in extraction.
Each table maps a word (lower case, as typed; a few common misspellings of
the verbs are listed with them) to what it contributes to a reading.
"""

from __future__ import annotations

# event nouns and verbs -> the event type (a fact-file type or subtype key) they ask about
TYPE_WORDS: dict[str, str] = {}
for _type, _words in {
    "talks": "talks talk talking meet meets met meeting meetings negotiate negotiated negotiating negotiation "
    "negotiations summit summits round rounds dialogue session sessions encounter conference conferences",
    "mediation": "mediation mediations",
    "agreement": "agreement agreements agree agreed deal deals accord accords declaration declarations treaty "
    "treaties memorandum memorandums consensus annex document documents pact pacts",
    "ceasefire": "ceasefire ceasefires cease-fire cease-fires truce truces armistice",
    "military-action": "strike strikes struck striking hit hits attack attacks attacked attacking offensive "
    "offensives fire fired firing missiles missile military-action military-actions operation operations raid "
    "raids raided raiding fight fought target targeted targeting",
    "airstrike": "airstrike airstrikes air-strike air-strikes bomb bombed bombing bombings bombard bombarded "
    "jets warplanes",
    "shelling": "shell shelled shelling",
    "ground-incursion": "incursion incursions invade invaded invasion",
    "occupation": "occupy occupied occupies occupation occupations capture captured seize seized",
    "statement": "say said says saying state stated statement statements announce announced announcement "
    "reject rejected deny denied warn warned thank thanked welcome welcomed confirm confirmed order ordered "
    "commend commended praise praised congratulate congratulated hope hoped condemn condemned criticise "
    "criticised criticize criticized remark remarks comment comments commented threaten threatened threatens "
    "threat threats",
    "proposal": "propose proposed proposal proposals suggest suggested suggestion offer offered idea",
    "demand": "demand demanded demands condition conditions",
    "regime-change": "overthrow overthrew overthrown oust ousted topple toppled fall fell coup",
    "prisoner-exchange": "swap swapped swaps exchange exchanged exchanges prisoner prisoners pows",
}.items():
    for _word in _words.split():
        TYPE_WORDS[_word] = _type

# event words that name a whole kind, as "talks" and "agreement" do (their type key's stem says so for most):
# "about the strikes" is about any military action; "about the missiles" only about those whose words say so
KIND_NAMES = frozenset(
    "meeting meetings negotiation negotiations summit summits deal deals accord accords truce truces strike "
    "strikes attack attacks offensive operation operations swap swaps exchange exchanges".split()
)

# each narrower type -> the type it is a kind of (mediations are talks, ceasefires agreements), as the ontology says
BROADER: dict[str, str] = {
    "mediation": "talks",
    "ceasefire": "agreement",
    "airstrike": "military-action",
    "shelling": "military-action",
    "ground-incursion": "military-action",
    "occupation": "military-action",
}

# two-word forms read before single words
TYPE_PHRASES: dict[tuple[str, str], str] = {
    ("air", "strike"): "airstrike",
    ("air", "strikes"): "airstrike",
    ("air", "raid"): "airstrike",
    ("air", "raids"): "airstrike",
    ("military", "action"): "military-action",
    ("military", "actions"): "military-action",
    ("ground", "incursion"): "ground-incursion",
    ("call", "for"): "demand",
    ("called", "for"): "demand",
    ("ask", "for"): "demand",
    ("asked", "for"): "demand",
    ("regime", "change"): "regime-change",
    ("hold", "talks"): "talks",
    ("held", "talks"): "talks",
    ("carry", "out"): "military-action",
    ("carried", "out"): "military-action",
    # armed forces entering or crossing into a place: "did Ukrainian troops enter Russia"
    **{
        (force, verb): "ground-incursion"
        for force in ("troops", "forces", "army", "soldiers", "military")
        for verb in ("enter", "entered", "enters", "cross", "crossed", "crosses")
    },
    ("sat", "down"): "talks",  # "sat down with": met
    ("sit", "down"): "talks",
    ("cessation", "hostilities"): "ceasefire",  # "cessation of hostilities" ("of" is a filler word)
    ("stop", "fighting"): "ceasefire",
    **{(verb, thing): "ceasefire" for verb in ("end", "ended", "ending", "ends") for thing in ("war", "fighting")},
}
# and with the noun in the plural: "ground incursions", "military actions"
TYPE_PHRASES.update({(a, b + "s"): kind for (a, b), kind in list(TYPE_PHRASES.items()) if not b.endswith("s")})

# a verb of mediating: its subject is the mediator, "between" names the sides
MEDIATION_VERBS = frozenset(
    "mediate mediated mediates mediating mediatd mediaed broker brokered brokers brokering host hosted hosts "
    "hosting facilitate facilitated facilitates oversee oversaw overseen go-between intermediary intermediaries "
    "facilitator facilitators mediator mediators go-betweens".split()
)
# "acted as (an) intermediary": words that only link a subject to a role noun
LINK_PHRASES = frozenset({("acted", "as"), ("act", "as"), ("acting", "as"), ("served", "as"), ("serve", "as")})
# what "how many" may count: events. These nouns count people or things, which no event records
COUNTED_THINGS = frozenset(
    "prisoners prisoner pows missiles missile rockets rocket drones drone people persons soldiers troops "
    "civilians hostages detainees casualties victims dead deaths killed fighters refugees officials ministers "
    "delegates envoys diplomats negotiators representatives leaders countries states nations parties sides "
    "organisations organizations groups mediators signatories participants tanks weapons aircraft jets planes "
    "ships vessels".split()
)  # ("how many countries took part in the Abu Dhabi talks" answered 1: the talks)
# verbs of what happens in conflicts that kb ask reads only in the sources' words (not as a part or a kind); listed
# so that a typing slip is not mended into a word it knows when it is as near one of these ("fered": fired or
# freed — it was read as fired and answered "no" to "has Venezuela fered any Americans")
PLAIN_VERBS = frozenset(
    "free freed frees freeing release released releases releasing detain detained arrest arrested".split()
)
# superlatives kb ask does not rank by (refused as words not understood), listed so that a slip as near one of
# them as a word it knows is not mended ("larest": largest or latest — it was read as "latest" and answered)
SUPERLATIVES = frozenset(
    "largest biggest longest deadliest bloodiest worst heaviest highest smallest shortest strongest".split()
)
# words a question may use for what a source's label says otherwise (read only in labels)
SAME_MEANING: dict[str, tuple[str, ...]] = {"ties": ("relations",), "relations": ("ties",)}
# a verb of acting for someone: "who represented X", "who spoke for X", "which X officials took part"
REPRESENT_WORDS = frozenset("represent represented represents spoke led lead attend attended attending".split())
REPRESENT_PHRASES = frozenset(
    {("took", "part"), ("take", "part"), ("spoke", "for"), ("signed", "for"), ("acted", "for"), ("act", "for")}
)
# a statement that denies or rejects says so in its words: "claims ... are false", "rejects ceding"
DENY_WORDS = frozenset(
    "deny denies denied denying denial reject rejects rejected rejecting rejection false untrue".split()
)
# person nouns that say no title: "Syrian officials" are any persons acting for Syria
GENERIC_PERSONS = frozenset(
    "official officials leader leaders delegate delegates delegation representative representatives people persons "
    "negotiator negotiators diplomat diplomats".split()
)
# an act of speech asked for -> the words that show it in a statement's own words ("gratitude" is thanks); the
# other statement words ("say", "announce", "hope") name saying as such, which any statement is
SPEECH_ACTS: dict[str, frozenset[str]] = {}
for _acts, _shown in (
    ("threaten threatened threatens threat threats warn warned warns",
     "threat threats threaten threatens threatened warn warns warned warning"),
    ("thank thanked", "thank thanks thanked gratitude grateful"),
    ("welcome welcomed", "welcome welcomes welcomed hail hails hailed"),
    ("praise praised commend commended", "praise praises praised commend commends commended hail hails hailed"),
    ("congratulate congratulated", "congratulate congratulates congratulated congratulations"),
    ("condemn condemned", "condemn condemns condemned condemnation"),
    ("criticise criticised criticize criticized", "criticise criticises criticised criticize criticizes criticized "
     "criticism"),
):  # fmt: skip
    for _act in _acts.split():
        SPEECH_ACTS[_act] = frozenset(_shown.split())
SIGN_WORDS = frozenset("sign signed signs signing".split())
# agreeing is more than proposing: these leave out agreements only proposed
AGREE_WORDS = frozenset("agree agreed agrees reach reached conclude concluded".split())
# agreeing to an agreement named beside it ("which agreement did they accept"); "accepted the invitation" is not
ACCEPT_WORDS = frozenset("accept accepted accepts".split())
# the roles the doer of each type's verb takes (the first that the event has)
SUBJECT_ROLES: dict[str, tuple[str, ...]] = {
    "talks": ("parties", "participants"),
    "mediation": ("parties", "participants"),
    "agreement": ("parties", "participants"),
    "ceasefire": ("parties", "participants"),
    "military-action": ("attacker",),
    "statement": ("speaker",),
    "proposal": ("proposer",),
    "demand": ("proposer",),
    "regime-change": ("attacker",),
    "prisoner-exchange": ("parties",),
}
# the roles the object of each type's verb takes: "who ousted X", "did X strike Y"
OBJECT_ROLES: dict[str, tuple[str, ...]] = {
    "military-action": ("target",),
    "regime-change": ("subject",),
    "proposal": ("addressee",),
    "demand": ("addressee",),
    "statement": ("subject",),
}
STATUS_WORDS = {"collapsed": "collapsed", "collapse": "collapsed", "violated": "violated", "signed": "signed"}
# "which ceasefires are in force", "has any ceasefire broken down"
STATUS_PHRASES = {
    ("in", "force"): "in force",
    ("into", "force"): "in force",
    **dict.fromkeys([("broken", "down"), ("broke", "down"), ("break", "down"), ("fell", "apart")], "collapsed"),
    **dict.fromkeys([("fallen", "apart"), ("fall", "apart")], "collapsed"),
}
# how sure the sources are, as a participle after is/was ("which strikes were confirmed") or before the event
# noun ("claimed attacks"): the firmest confidence any source gives. "reported" names none: every event is
CONFIDENCE_WORDS = {
    "confirmed": "confirmed",
    "claimed": "claimed",
    "alleged": "claimed",
    "rumoured": "rumoured",
    "rumored": "rumoured",
}
# a question that negates ("which ceasefires were not signed") asks for what the store does not say: refused
NEGATIONS = frozenset("not never no none nobody neither nor without n't didn't doesn't don't wasn't weren't".split())
# words that ask about what is yet to happen
FUTURE_WORDS = frozenset("will next planned upcoming expected scheduled resume resumed resumption".split())
# "which countries", "which organisations": the kind of actor a "which" question asks for (registry types)
ACTOR_KINDS: dict[str, str] = {
    **dict.fromkeys("country countries state states nation nations".split(), "state"),
    **dict.fromkeys(
        "organisation organisations organization organizations body bodies bloc blocs".split(), "organisation"
    ),  # fmt: skip
    **dict.fromkeys("group groups rebels militias forces factions".split(), "armed-group"),
}

# words that rank ("mediated the most", "the least violent"): kb ask lists and counts, it does not rank
RANKING_WORDS = frozenset("most least fewest more less fewer".split())  # ... nor compare ("more than Iran")
# "when did X start striking Y": the first such event
FIRST_WORDS = frozenset("first earliest oldest start started starting begin began begun".split())
LAST_WORDS = frozenset("last latest recent recently newest".split())
# words that say what is asked but add no condition
FILLER = frozenset(
    """
    the a an of to for in on at with between and or by from about did does do has have had is are was were be been both
    being any ever each other its their his her all that this these those list show find me tell please give there
    officials official leaders leader government governments delegation delegations delegates side sides signatories
    country countries state states conflicts conflict parties party times time held hold take took part place
    happened happen happening occur occurred went go gone on carry carried out make made reach reached conclude
    concluded where when who whom which what how many much number events event it they them one ones
    again so far yet between since after before until during name names parts areas territory territories
    rebels rebel forces army group groups junta regime president officials mediator mediators go-between
    peace official's whose against launch launched ministers minister diplomats diplomat envoys envoy negotiators
    people persons ministry ministries defence defense foreign office spokesman spokeswoman spokesperson
    involving involve involved including organisation organisations organization organizations bloc blocs
    body bodies anyone anybody someone somebody everything anything city town year month day date dates
    peacekeepers peacekeeper peacekeeping contingent troops soldiers fighters militants
    else besides except excluding other than apart aside armed identify into every
    secretary-general secretary chief chairman chairwoman chairperson commissioner recorded stored
    actor actors entity entities often done timeline
    """.split()
)
WH_WORDS = frozenset("who whom which what when where how".split())
AUX_WORDS = frozenset("did does do has have had is are was were".split())
DATE_PREPOSITIONS = frozenset("in during on since after before until by from between around".split())
MONTHS = frozenset(
    "january february march april may june july august september october november december jan feb mar apr jun "
    "jul aug sep sept oct nov dec".split()
)
# English words that are also ISO 3166 alpha-3 codes in the registry: a country only when typed in capitals
# ("a year ago" was read as Angola, "per month" as Peru, "did Israel arm" as Armenia)
CODE_WORDS = frozenset(
    "ago arm are ben can col cub dom fin gab gin jam ken lie mar nor pan per pry sen sur tun".split()
)
RELATIVE_DATE_WORDS = frozenset(
    "today yesterday week month year weekend monday tuesday wednesday thursday friday saturday sunday "
    "days weeks months years ago".split()
)
