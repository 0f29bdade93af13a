"""kb ask: one need phrased many ways gives one answer; verdicts, counts, refusals and the SPARQL it shows.

The question bank (tests/test_question_bank.py) measures the understander on questions about all 33
articles; these tests pin its behaviour on the Israel–Syria examples, the library and the CLI.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re

import pytest

from kb import KBError

TODAY = dt.date(2026, 11, 26)


@pytest.fixture
def ask(kb_all_examples):
    """kb ask on every example, relative dates read from the question bank's day."""
    return functools.partial(kb_all_examples.ask, today=dt.date(2026, 11, 30))
EVENT = "https://w3id.org/conflict-kb/id/event/"
PARIS = EVENT + "washington-examiner-2026-01-06/paris-talks"

# one need -> phrasings (formal, terse, other names of the same actors, ISO dates, typos in case) that must all
# give the same answer
PHRASINGS = {
    "mediated": [
        "who mediated Israel–Syria talks after Dec 2024",
        "Who mediated the Israeli-Syrian talks after December 2024?",
        "who mediated talks between Israel and Syria after 2024-12",
        "who brokered the Israel-Syria talks after Dec 2024",
        "who mediated Israel and Syria talks after 2024-12",
        "who mediated the Israel–Syrian Arab Republic talks after Dec 2024",
        "WHO FACILITATED TALKS BETWEEN ISRAEL AND SYRIA AFTER DECEMBER 2024",
    ],
    "agreements": [
        "what agreements did Israel and Syria reach since 2025",
        "which agreements did the State of Israel and Syria reach since January 2025",
        "what deals did Israel and Damascus reach since 2025",
        "which agreements have Israel and the Syrian Arab Republic reached since 2025-01",
        "what did israel and syria agree since 2025",
    ],
    "airstrikes": [
        "which airstrikes did Israel carry out in Syria",
        "Which air strikes did Israel carry out against Syria?",
        "what airstrikes did the State of Israel carry out in the Syrian Arab Republic",
        "which airstrikes did Israel launch against Syria",
        "israeli air strikes on syria",
    ],
    "where": [
        "where did Israel and Syria meet in 2025",
        "Where did Israel and Syria hold talks in 2025?",
        "where did Israel and Damascus meet during 2025",
        "where did the State of Israel and Syria talk in 2025",
        "where have Israel and Syria met in 2025",
    ],
    "represented": [
        "who represented Israel in talks with Syria",
        "Who represented Israel in the talks with Syria?",
        "who spoke for Israel in talks with Syria",
        "who represented the State of Israel in negotiations with Syria",
        "who represented Israel in talks with the Syrian Arab Republic",
    ],
    "last": [
        "when did Israel and Syria last meet",
        "When did Israel and Syria last hold talks?",
        "when was the last meeting between Israel and Syria",
        "when was the most recent meeting between israel and syria",
        "when have Israel and Syria last met",
    ],
    "first": [
        "when did Israel and Syria first meet",
        "When did Israel and Syria first hold talks?",
        "when was the first meeting between Israel and Syria",
        "when did Israel and Damascus first meet",
        "when did the State of Israel and Syria first talk",
    ],
    "proposed": [
        "who proposed what",
        "Who proposed what to whom?",
        "who suggested what to whom",
        "who offered what",
        "who made proposals",
    ],
    "mediated-yes": [
        "Did the US mediate between Israel and Syria?",
        "did the united states broker talks between syria and israel",
        "Has Washington mediated between Israel and Syria?",
        "did Tom Barrack mediate between Israel and Syria",
        "did america mediate israel-syria talks",
    ],
}
EXPECTED = {
    "mediated": ("who", ["United States"]),
    "agreements": ("events", ["shafaq-2025-07-18/ceasefire", "washington-examiner-2026-01-06/communication-cell"]),
    "airstrikes": ("events", ["mint-2025-07-16/convoy-strikes", "shafaq-2025-07-30/israeli-airstrikes",
                              "signal-scv-2025-07-16/damascus-strike", "signal-scv-2025-07-16/sweida-strike"]),
    "where": ("events", ["syrian-observer-2025-07-16/baku-meeting", "tass-2025-09-18/london-talks",
                         "today-headline-2025-07-30/paris-meeting"]),
    "represented": ("who", ["Gil Reich", "Roman Gofman", "Ron Dermer", "Yechiel Leiter"]),
    "last": ("events", ["washington-examiner-2026-01-06/paris-talks"]),
    "first": ("events", ["syrian-observer-2025-07-16/baku-meeting"]),
    "proposed": ("who", ["Israel", "United States"]),
    "mediated-yes": ("verdict", "yes"),
}


def _said(answer) -> dict:
    if answer.verdict is not None:  # a yes/no need: the evidence may differ ("talks" or any mediation)
        return {"form": answer.form, "verdict": answer.verdict}
    return {
        "form": answer.form,
        "who": sorted(answer.who or []),
        "events": sorted(e.removeprefix(EVENT) for e in answer.events),
        "verdict": answer.verdict,
    }


@pytest.mark.parametrize("need", PHRASINGS)
def test_every_phrasing_of_a_need_gives_the_same_answer(kb_examples, need):
    answers = [_said(kb_examples.ask(q, today=TODAY)) for q in PHRASINGS[need]]
    assert len(PHRASINGS[need]) >= 5
    for question, said in zip(PHRASINGS[need], answers, strict=True):
        assert said == answers[0], question
    key, value = EXPECTED[need]
    assert answers[0][key] == value


def test_the_founding_question(kb_examples):
    answer = kb_examples.ask("who mediated Israel–Syria talks after Dec 2024", today=TODAY)
    [paris] = [r for r in answer.rows if r["event"] == PARIS]
    assert (paris["mediator"], paris["place"]) == ("United States", "Paris")
    assert paris["via"] == "Jared Kushner, Steve Witkoff, Tom Barrack"
    assert paris["when"] == "2026-01-06" and paris["articles"] == 5 and paris["confidence"] == "reported"
    assert set(paris["sources"].split("; ")) >= {"Washington Examiner", "Al Jazeera"}
    assert answer.bound["actors"] == [{"name": "Israel", "roles": ["parties", "participants"]},
                                      {"name": "Syria", "roles": ["parties", "participants"]}]


def test_windows_follow_the_time_rules(kb_examples):
    after = kb_examples.ask("who mediated between Israel and Syria after Dec 2025", today=TODAY)
    assert set(after.events) == {PARIS, PARIS.replace("paris-talks", "communication-cell")}
    assert kb_examples.ask("who mediated Israel–Syria talks after 2026-02", today=TODAY).rows == []
    between = kb_examples.ask("who mediated between Israel and Syria between July and August 2025", today=TODAY)
    assert {r["what"] for r in between.rows} == {
        "Shaibani and Dermer meet in Paris",
        "Netanyahu and al-Sharaa agree to a US-backed ceasefire, as announced by Tom Barrack",
    }
    last_year = kb_examples.ask("who mediated between Israel and Syria last year", today=dt.date(2026, 3, 1))
    assert last_year.bound["window"] == "last year" and len(last_year.rows) == 3  # the 2025 mediations
    since = kb_examples.ask("has Syria met Israel since the ceasefire", today=TODAY)
    assert since.verdict == "yes" and since.bound["after"] == "the last ceasefire"
    assert min(r["when"] for r in since.rows) >= "2025-07-18"


def test_verdicts_counts_and_how_sure(kb_examples):
    assert kb_examples.ask("did Israel strike Damascus in July 2025", today=TODAY).verdict == "yes"
    sweida = kb_examples.ask("Did Israel bomb Sweida?", today=TODAY)
    assert sweida.verdict == "claimed" and sweida.rows[0]["confidence"] == "claimed"
    no = kb_examples.ask("did Russia mediate between Israel and Syria", today=TODAY)
    assert (no.verdict, no.rows) == ("no", [])
    count = kb_examples.ask("how many times did Israel and Syria meet in 2025", today=TODAY)
    assert count.count == 3 and len(count.rows) == 3


def test_the_shown_sparql_runs_as_is(kb_examples):
    answer = kb_examples.ask("what agreements did Israel and Syria reach since 2025", today=TODAY)
    found = {r["event"].value for r in kb_examples.query(answer.sparql).rows}
    assert set(answer.events) <= found  # the query finds the candidates; their roles and status decide
    assert "<https://w3id.org/conflict-kb/id/actor/israel>" in answer.sparql
    assert '"2025-01-01"^^<http://www.w3.org/2001/XMLSchema#date>' in answer.sparql
    assert "<https://w3id.org/conflict-kb/ontology#Agreement>" in answer.sparql


@pytest.mark.parametrize("question,message", [
    ("how many tanks does Syria have", "counts events .*, not tanks"),
    ("who mediated the Atlantis–Syria talks", "did not understand 'atlantis'"),
    ("what is the capital of Syria", "did not understand 'capital'"),
    ("who mediated Israel–Syria talks after soon", "did not understand 'soon'"),
    ("why did Israel strike Damascus", "starts with 'why'"),
    ("", "the question is empty"),
    ('who mediated the Israel–Syria"} ; DROP ALL ; {" talks', "did not understand 'drop'"),
    ("what agreements did Israel and Syria sign", "no source reports it signed, but 3 agreements"),
    ("did israel and syria meet in cairo", "sources do not say where"),
    # not "no": the actors are there, in other roles than the word order gives (Israel struck Syria)
    ("did Syria strike Israel", "no event has Syria and Israel in the roles the question gives"),
    ("which airstrikes did Syria carry out in Israel", "no event has Syria in the role the question gives"),
])
def test_refusals(kb_examples, question, message):
    with pytest.raises(KBError, match=message):
        kb_examples.ask(question, today=TODAY)


def test_a_refusal_offers_questions_with_the_users_own_names(kb_examples):
    with pytest.raises(KBError) as info:
        kb_examples.ask("who financed the Israel–Syria talks in 2025", today=TODAY)
    lines = str(info.value).splitlines()
    assert "did not understand 'financed'" in lines[0]
    offered = [line.strip() for line in lines[1:]]
    assert offered == ["who mediated between Israel and Syria in 2025", "what happened between Israel and Syria in 2025"]
    for question in offered:  # each one answers
        assert kb_examples.ask(question, today=TODAY).rows


def test_the_structured_answer(kb_examples):
    data = kb_examples.ask("who mediated Israel–Syria talks after Dec 2024", today=TODAY).to_dict()
    assert {"question", "form", "bound", "verdict", "count", "who", "note", "columns", "rows", "sparql"} <= set(data)
    assert data["form"] == "mediators" and data["bound"]["window"] == "after dec 2024"
    assert data["bound"]["types"] == ["talks"] and data["who"] == ["United States"]


def test_cli(run, ingested):
    table = run("ask", "who mediated Israel–Syria talks after Dec 2024")
    assert table.exit_code == 0 and table.output.startswith("mediator")
    shown = run("ask", "when did Israel and Syria last meet", "--show-sparql")
    assert shown.output.startswith("# ask/events.rq")
    assert "ckb:represents? <https://w3id.org/conflict-kb/id/actor/israel> ." in shown.output  # bound as RDF terms
    sparql = json.loads(run("ask", "when did Israel and Syria last meet", "--format", "json").output)["sparql"]
    assert shown.output.startswith(sparql.rstrip("\n") + "\n")  # what ran, then the answer's table
    again = json.loads(run("query", sparql, "--format", "json").output)
    assert again["results"]["bindings"], "the printed query runs and answers"
    yes = run("ask", "Did the US mediate between Israel and Syria?")
    assert yes.output.startswith("yes: ") and "2026-01-06" in yes.output
    data = json.loads(run("ask", "who represented Israel in talks with Syria", "--format", "json").output)
    assert data["form"] == "who" and data["bound"]["focus"] == "represented"
    csv = run("ask", "where did Israel and Syria meet in 2025", "--format", "csv")
    assert csv.output.splitlines()[0].startswith("when,type,what,place")
    refused = run("ask", "how many tanks does Syria have")
    assert refused.exit_code == 1 and refused.output.startswith("error: cannot answer")


# Issue 19 listed questions the old grammar refused, about conflicts the development set does not hold
# (India–Pakistan, Rwanda–DR Congo, Thailand–Cambodia). Each shape, asked of a conflict the examples do hold:
ISSUE_SHAPES = [
    ("Who brokered the Israel–Iran ceasefire?", "who", ["United States"]),
    ("Did the US mediate between Israel and Iran?", "verdict", "yes"),
    ("Which countries has Qatar mediated between?", "who", ["Afghanistan", "DR Congo", "Pakistan"]),  # not M23: no country
    ("What agreements did the Taliban sign in 2020?", "events", ["oneindia-2020-02-29/doha-accord"]),
    ("who signed the Doha accord", "who", ["Taliban", "United States"]),
    ("When did Israel and Iran agree a ceasefire?", "events", ["hindustan-times-2025-06-24/trump-ceasefire"]),
    ("list ceasefires in 2023", "events", ["the-national-2023-09-20/ceasefire", "trt-world-2023-06-09/havana-ceasefire"]),
    ("What did Erdogan say about Somalia and Ethiopia?", "events", ["financial-express-2024-12-14/erdogan-hope"]),
    ("who proposed what to Syria", "who", ["Israel", "United States"]),
    ("who represented the US in talks between Israel and Syria", "who", ["Jared Kushner", "Steve Witkoff", "Tom Barrack"]),
    ("who mediated Afghan-Pakistani talks", "who", ["Qatar", "Türkiye"]),
    ("who mediated Saudi-Iranian talks", "who", ["China", "Iraq", "Oman"]),
    ("Who mediated between Israel and Syria last year?", "who", ["United States"]),
    ("what happened between Israel and Syria between September and October 2025", "events",
     ["tass-2025-09-18/london-talks"]),
]


@pytest.mark.parametrize("question,key,expected", ISSUE_SHAPES)
def test_the_shapes_the_issue_found_refused(kb_all_examples, question, key, expected):
    said = _said(kb_all_examples.ask(question, today=dt.date(2026, 11, 30)))
    assert said[key] == (sorted(expected) if isinstance(expected, list) else expected)


def test_words_that_single_out_nothing_are_not_guessed(kb_all_examples):
    """Two agreements are called 'normalization': "where ... the normalization agreement" is refused, not both
    given as if one were meant."""
    with pytest.raises(KBError, match="2 events fit and each is called 'normalization'"):
        kb_all_examples.ask("Where did Serbia and Kosovo agree the normalization agreement?", today=TODAY)


def test_an_actor_in_nothing_stored(kb_all_examples):
    """Asked about, the answer is that nothing is stored, and why; used to describe events ("the Sudan talks"),
    it must be in their labels, else a refusal."""
    answer = kb_all_examples.ask("Who mediated between India and Pakistan?", today=TODAY)
    assert answer.rows == [] and answer.note == "India takes part in no event in the knowledge base"
    assert kb_all_examples.ask("Did Malaysia mediate between Thailand and Cambodia?", today=TODAY).verdict == "no"
    with pytest.raises(KBError, match="Chad takes part in no event"):
        kb_all_examples.ask("Which countries mediated the Chad talks in Jeddah?", today=TODAY)


def test_an_organ_of_a_state_stands_for_it(kb_all_examples):
    """The Sudanese army is Sudan's, as the IDF is Israel's (the registry says whom it represents): "the Sudan
    talks" are the army's with the RSF; asked for organisations, the army is named, not the state."""
    answer = kb_all_examples.ask("Which countries mediated the Sudan talks in Jeddah?", today=TODAY)
    assert sorted(answer.who) == ["Saudi Arabia", "United States"]
    answer = kb_all_examples.ask("Which organisation took part in the Jeddah talks?", today=TODAY)
    assert answer.who == ["Sudanese Armed Forces"]


def test_a_named_event_is_also_what_its_summary_calls_it(kb_all_examples):
    """A name that became the label ("Comprehensive Agreement on the Bangsamoro") does not say "peace"; the
    summary's noun phrase does ("The peace agreement the MILF signed"). Its other words are not matched: the
    Doha accord's summary says nothing of peace, so "the peace deal" there is still not guessed."""
    answer = kb_all_examples.ask("When did the MILF sign its peace agreement?", today=TODAY)
    assert [e.removeprefix(EVENT) for e in answer.events] == ["philstar-2019-09-08/peace-agreement"]
    with pytest.raises(KBError, match="did not understand 'peace'"):
        kb_all_examples.ask("When did the Taliban sign the peace deal?", today=TODAY)


def test_which_person_noun_asks_for_persons(kb_all_examples):
    """ "which minister signed": the persons there whose titles say so (it named the states); none named: refused
    (it named the sides as "officials")."""
    answer = kb_all_examples.ask("Which minister signed the grain deal?", today=TODAY)
    assert answer.who == ["Hulusi Akar", "Oleksandr Kubrakov"] and "Antonio Guterres" in answer.note
    with pytest.raises(KBError, match="none of them a person"):
        kb_all_examples.ask("Which official signed the peace agreement?", today=TODAY)
    # (the sides had matched its letters; "Philippine" is the Philippines' adjective since session 18)
    with pytest.raises(KBError, match="name no one in that part"):
        kb_all_examples.ask("Which Philippine official signed the peace agreement?", today=TODAY)
    assert kb_all_examples.ask("Which envoy mediated between Israel and Syria?", today=TODAY).who == [
        "Steve Witkoff",
        "Tom Barrack",
    ]


@pytest.mark.parametrize(
    ("question", "says"),
    [
        # "how many" counts events; people and things are in the events' own words
        ("How many prisoners did Russia and Ukraine exchange?", "counts events"),
        ("how many people were killed in the Kursk incursion", "counts events"),
        # a city asked, a region of the same country stored: whether one holds the other is not known
        ("When did Ukraine attack Kursk?", "place it in Kurskaya oblast', not Kursk"),
        # the go-between is no side: "agree with Oman" asks for Oman as a party
        ("What did the Houthis agree with Oman?", "in the roles the question gives"),
        # kb ask lists and counts; it does not rank ("the most recent" is the last one, and answered)
        ("Which country has mediated the most?", "it does not rank or compare them ('most')"),
    ],
)
def test_unsure_readings_are_refused_with_the_reason(kb_all_examples, question, says):
    with pytest.raises(KBError, match=re.escape(says)):
        kb_all_examples.ask(question, today=dt.date(2026, 11, 30))


def test_general_words_for_roles_counts_and_topics(ask):
    swap = ask("Who acted as intermediary in the Russia–Ukraine prisoner exchange?")
    assert [r["mediator"] for r in swap.to_dict()["rows"]] == ["United Arab Emirates"]
    assert ask("how many prisoner swaps did Russia and Ukraine make").count == 1  # a compound counts swaps
    berlin = ask("What was agreed at the Berlin conference on Libya?")  # Libya: the topic, named in the label
    assert [r["event"].rsplit("/", 1)[-1] for r in berlin.to_dict()["rows"]] == ["arms-embargo"]
    first = ask("When did the US start striking the Houthis?")
    assert [r["event"].rsplit("/", 1)[-1] for r in first.to_dict()["rows"]] == ["march-15-strikes"]


def test_a_person_asked_where_the_sources_name_their_state_is_not_a_no(kb_all_examples):
    """The United States brokered the Israel–Iran ceasefire; whether Trump did, the sources do not say."""
    with pytest.raises(KBError, match="no source names Donald Trump there, but 1 event names United States"):
        kb_all_examples.ask("did trump broker a ceasefire between israel and iran", today=dt.date(2026, 11, 30))


def test_typos_abbreviations_and_other_openings(ask):
    assert ask("who mediated betwen saudi arabia and iran in 2023").who == ["China"]  # "betwen": between
    assert sorted(ask("with whom did the UAE mediate?").who) == ["Russia", "Ukraine"]
    assert ask("Which organisation mediated between Ethiopia and the Tigray forces?").who == ["African Union"]
    doha = ask("who were the mediators of the Doha declaration between the DRC and M23")
    assert doha.who == ["Qatar"]
    # "Brussels" names Belgium and the EU; before an event noun it is the city the agreement is named for
    assert ask("Did the EU broker the Brussels agreement?").verdict == "no"


def test_listing_openings_parties_and_narrow_topics(ask):
    tails = lambda answer: sorted(r["event"].rsplit("/", 1)[-1] for r in answer.to_dict()["rows"])  # noqa: E731
    assert tails(ask("events in Yemen")) == ["march-15-strikes"]
    assert "albusaidi-statement" in tails(ask("Show me events involving Oman"))
    assert sorted(ask("who were the parties to the Doha accord").who) == ["Taliban", "United States"]
    assert tails(ask("when did the us and the taliban sign the deal")) == ["doha-accord"]  # "the us": the US
    # "the missiles" is narrower than every strike: only what Katz said about the claimed missile fire
    assert tails(ask("What did Katz say about the missiles?")) == ["katz-orders"]


def test_passives_openings_and_persons_present_for_their_state(ask):
    tails = lambda answer: sorted(r["event"].rsplit("/", 1)[-1] for r in answer.to_dict()["rows"])  # noqa: E731
    assert ask("By whom was the Doha declaration mediated?").who == ["Qatar"]
    # "the Doha declaration" is the declaration signed in Doha, not the Doha accord (both agreements)
    assert sorted(ask("Who signed the Doha declaration?").who) == ["DR Congo", "M23"]
    assert ask("Was the Israel–Syria ceasefire brokered by the United States?").verdict == "yes"
    assert tails(ask("In which city did Afghanistan and Pakistan agree a ceasefire?")) == ["ceasefire"]
    assert tails(ask("What year did the US and the Taliban sign the Doha accord?")) == ["doha-accord"]
    assert ask("How many mediations did Qatar take part in?").count == 2  # "take part": in any role
    assert tails(ask("When did Erdogan host Somalia and Ethiopia?")) == ["ankara-meeting"]  # there, for Türkiye
    assert ask("Who did Pakistan strike in October 2025?").who == ["Tehrik-i-Taliban Pakistan"]


def test_which_countries_and_which_organisations_keep_that_kind(ask):
    assert ask("Which organisations mediated ceasefires?").who == ["African Union"]
    # "the Berlin ... agreement" names the event by its city; "which countries": the UN, a signatory, is none
    assert ask("Which countries signed the Berlin arms embargo agreement?").who == ["Germany"]


def test_an_event_whose_known_dates_reach_the_window_is_no_empty_answer(ask):
    """Russia's demand is dated "until today" (..2026-01-23): its known last day is in January 2026, so whether
    it falls in January is not known. With nothing certainly in the window, such events are the answer with a
    caveat saying so (a refusal before); a count or a yes would state what is not known, so those refuse. An
    open side alone reaching into a window (..2025-09-24 asked about 2019) is no such doubt: the answer is empty."""
    demand = ask("What did Russia demand from Ukraine in January 2026?")
    assert [r["event"].rsplit("/", 1)[-1] for r in demand.to_dict()["rows"]] == ["donetsk-demand"]
    assert demand.caveat == "none of these is certainly in january 2026: its date (..2026-01-23) may or may not fall in it"
    assert demand.to_dict()["caveat"] == demand.caveat
    for refused in ("Did Russia demand anything from Ukraine in January 2026?",
                    "How many demands did Russia make in January 2026?"):
        with pytest.raises(KBError, match=re.escape("1 event fit but its date (..2026-01-23) may or may not fall in "
                                                    "january 2026; ask without the window")):
            ask(refused)
    assert ask("who mediated between israel and syria in 2019").rows == []
    # a status asked for, held by an event of that vague date: that event, not "the sources give another status"
    collapsed = ask("Which ceasefire collapsed in July 2025?")
    assert [r["event"].rsplit("/", 1)[-1] for r in collapsed.to_dict()["rows"]] == ["ceasefire-collapse"]
    assert collapsed.caveat.startswith("none of these is certainly in july 2025")


def test_parts_no_role_holds_outcomes_of_talks_and_passive_attacks(ask):
    # "who chaired": no role the sources record; matching "chaired" in the label named the meeting's other side
    with pytest.raises(KBError, match="did not understand 'chaired' as a part the sources record"):
        ask("Who chaired the ASEAN meeting in Jakarta?")
    # "what was agreed at the X talks": the agreements, placed there (it listed the talks); none placed: refused
    berlin = ask("What was agreed at the Berlin conference on Libya?")
    assert [r["event"].rsplit("/", 1)[-1] for r in berlin.to_dict()["rows"]] == ["arms-embargo"]
    with pytest.raises(KBError, match="does not tie an agreement to the talks it came out of, and none is placed"):
        ask("What was agreed at the Beijing talks?")
    # "was X attacked by Y": X is the target (it was read as the attacker, beside Y)
    attacked = ask("Was Syria attacked by Israel in July 2025?")
    assert attacked.verdict == "yes"
    assert {a["name"]: a["roles"] for a in attacked.bound["actors"]} == {"Syria": ["target"], "Israel": ["attacker"]}
    confirmed = ask("Was the Israeli strike on Damascus confirmed?")  # a noun after "was": whose strike it is
    assert confirmed.verdict == "yes" and confirmed.bound["actors"][0] == {"name": "Israel", "roles": ["attacker"]}


def test_which_forces_a_possessive_role_since_when_and_negotiators(ask):
    assert ask("Which forces did Azerbaijan attack in 2023?").who == ["Karabakh Armenian forces"]
    assert ask("Name the Houthi ceasefire's mediator").to_dict()["rows"][0]["mediator"] == "Oman"
    hermon = ask("Since when has Israel held Mount Hermon?")
    assert hermon.bound["intent"] == "when" and hermon.to_dict()["rows"][0]["event"].endswith("/mount-hermon")
    assert ask("How many prisoner exchanges are recorded?").count == 2
    ended = ask("Which agreement ended the war in Tigray?")  # "ended the war": a ceasefire
    assert [r["event"].rsplit("/", 1)[-1] for r in ended.to_dict()["rows"]] == ["cessation-of-hostilities"]
    with pytest.raises(KBError, match="none of them an armed group"):
        ask("Which militias did Israel strike?")
    # "who demanded a ceasefire": demands about one (it named the ceasefire's sides); none linked to one or naming
    # one, so a refusal — Guterres's call "for an immediate end to the fighting" is in his words
    with pytest.raises(KBError, match="demands fit, none recorded as about the ceasefire asked about"):
        ask("Who demanded a ceasefire?")
    # negotiators of an agreement negotiated too (talks only answered none)
    assert ask("Who negotiated for the United States in Doha in 2020?").who == ["Mike Pompeo", "Zalmay Khalilzad"]


def test_between_holds_the_names_listed_after_it_not_a_later_doer(ask):
    annex = ask("Which agreements between Kosovo and Serbia did the EU mediate?")
    assert [r["event"].rsplit("/", 1)[-1] for r in annex.to_dict()["rows"]] == ["implementation-annex"]
    assert annex.bound["actors"][-1] == {"name": "European Union", "roles": ["mediator"]}


def test_an_event_with_no_go_between_named_has_no_mediator_and_plain_verbs(ask):
    assert ask("Name the mediator of the Havana ceasefire.").rows == []  # the ceasefire is there; no one mediated it
    assert ask("Did anyone mediate the Havana ceasefire?").verdict == "no"
    assert ask("Who did Azerbaijan fight in 2023?").who == ["Karabakh Armenian forces"]
    jakarta = ask("List everything that happened in Jakarta in 2021.")
    assert sorted(r["event"].rsplit("/", 1)[-1] for r in jakarta.to_dict()["rows"]) == [
        "five-point-consensus", "jakarta-meeting"]


def test_event_dated_windows_persons_of_a_state_cities_for_states_and_left_out_names(ask):
    # the window placed by a dated event is that event's (read as "before July 2025" it answered "no"): the one
    # ceasefire of theirs begun in July 2025; an anchor with no known first day is still refused
    dated = ask("Did Israel and Syria meet before the July 2025 ceasefire?")
    assert dated.verdict == "yes" and dated.bound["before"] == "the july 2025 ceasefire"
    assert ask("Did Israel and Syria meet before July 2025?").verdict == "no"
    assert ask("Did Israel and Syria meet before July 2025 ceasefire?").verdict == "yes"  # (no "the")
    with pytest.raises(KBError, match=r"no ceasefire of these actors \(the june 2025 ceasefire\)"):
        ask("Did Israel and Syria meet before the June 2025 ceasefire?")
    # "which Syrian minister": a person acting for Syria, not the others in the room
    assert ask("Which Syrian minister met Ron Dermer in London?").who == ["Asaad al-Shaibani"]
    # "strikes on Damascus": done to Syria and there (every strike on Syria answered before)
    damascus = ask("List Israeli airstrikes on Damascus.")
    assert [r["event"].rsplit("/", 1)[-1] for r in damascus.to_dict()["rows"]] == ["damascus-strike"]
    # strikes on Syria that may have been in Damascus, dated at the window's edge: not a "no"
    with pytest.raises(KBError, match="may or may not fall in 2024"):
        ask("Did Israel strike Damascus in 2024?")
    # "besides X": X is left out of the answer
    assert ask("Who else mediated between Israel and Syria besides the United States?").rows == []
    assert ask("Who mediated between Saudi Arabia and Iran other than China?").who == ["Iraq", "Oman"]
    assert ask("Did the Russian peacekeepers mediate between Azerbaijan and the Karabakh Armenian forces?").verdict \
        == "yes"


def test_countries_struck_openers_misspelt_statuses_in_words(ask):
    # "strike Yemen": the state struck, or someone struck there (the US struck the Houthis in Yemen: it said "no")
    assert ask("did the us strike yemen").verdict == "yes"
    # ... and a reversal of who struck whom stays a refusal, not "no"
    with pytest.raises(KBError, match="in the roles the question gives"):
        ask("Did Russia attack Ukraine in 2024?")
    # "chaired" is no role the sources record: refused (it named Hassanal Bolkiah once, and with "in Jakarta"
    # instead of "on Myanmar", Myanmar — both from the word matched in the label, not from a role)
    with pytest.raises(KBError, match="did not understand 'chaired' as a part"):
        ask("Who chaired the ASEAN meeting on Myanmar?")
    in_force = ask("Wich ceasefires are in force?")  # a misspelt opener; "in force" is a status
    assert [r["event"].rsplit("/", 1)[-1] for r in in_force.to_dict()["rows"]] == ["trump-ceasefire"]
    assert ask("Show me events involving Oman").rows  # "show" is no misspelt "how"
    proposed = ask("Which agreements between Israel and Syria are only proposed?")
    assert sorted(r["event"].rsplit("/", 1)[-1] for r in proposed.to_dict()["rows"]) == [
        "de-escalation-deal", "security-agreement"]
    assert ask("Which armed groups did Pakistan target?").who == ["Tehrik-i-Taliban Pakistan"]


def test_name_the_role_a_country_unplaced_and_sides_at_the_level_asked(ask):
    # "name the go-between": who mediated, not the events (it listed the ceasefire)
    assert ask("Name the mediator of the ceasefire between the US and the Houthis").who == ["Oman"]
    assert ask("identify the parties to the Havana ceasefire").who == ["Colombia", "National Liberation Army"]
    assert ask("name the ceasefires of 2023").form == "events"  # no role noun: still a listing
    # a title after the organisation is filler, as "minister" is
    said = ask("What did the UN secretary-general demand?")
    assert [r["event"].rsplit("/", 1)[-1] for r in said.to_dict()["rows"]] == ["guterres-call"]
    # "the coup in Myanmar": the coup names no Myanmar and no place, so whether it was there is unknown ("none" was
    # a confident wrong answer)
    with pytest.raises(KBError, match="whether in Myanmar is not known"):
        ask("Who carried out the coup in Myanmar?")
    # a question naming states gets the other sides; naming a person, the persons there
    assert ask("Which sides did Germany meet in Berlin?").who == ["Government of National Accord",
                                                                  "Libyan National Army"]
    assert ask("Who met Zelensky in Davos?").who == ["Donald Trump"]


def test_plural_demonyms_reduced_passives_counts_after_a_preposition(ask):
    # "the Saudis", "Americans": the state; "which Americans" asks for persons acting for it
    assert ask("Did the Saudis and the Iranians hold talks?").verdict == "yes"
    assert ask("Which Americans met Putin in Moscow?").who == ["Jared Kushner", "Steve Witkoff"]
    # ... but "the Karabakh Armenians" are people of a place, not Armenia (which takes part in nothing stored)
    truce = ask("Did Russia mediate a truce between Azerbaijan and the Karabakh Armenians?")
    assert truce.verdict == "yes"
    # "agreements mediated by China": the name after "by" is the go-between, with no auxiliary too
    china = ask("show agreements brokered by China")
    assert [r["event"].rsplit("/", 1)[-1] for r in china.to_dict()["rows"]] == ["restore-relations"]
    assert ask("In how many mediations did Qatar take part?").count == 2
    assert ask("dates of the Ankara declaration").form == "when"
    assert ask("did any ceasefire fall apart").verdict == "yes"  # a collapsed one


def test_phrase_words_are_not_mended_persons_over_towns_into(ask):
    # "ground" was "mended" to "round" (of talks): "list ground incursions" listed talks beside the incursions
    incursions = ask("list ground incursions")
    assert incursions.bound["types"] == ["ground-incursion"]
    assert sorted(r["event"].rsplit("/", 1)[-1] for r in incursions.to_dict()["rows"]) == [
        "buffer-zone-entry", "ground-violations", "kursk-incursion"]
    # "into" after an attack word places the target as "on" does
    into = ask("Which ground incursions did Israel make into Syria?")
    assert sorted(r["event"].rsplit("/", 1)[-1] for r in into.to_dict()["rows"]) == [
        "buffer-zone-entry", "ground-violations"]
    # a person's surname that a town also has is the person ("Pompeo" is not Pompéu, Brazil)
    pompeo = ask("Pompeo statements")
    assert pompeo.bound["actors"][0]["name"] == "Mike Pompeo" and "places" not in pompeo.bound


def test_a_typo_is_mended_only_from_its_own_first_letter(kb_all_examples):
    from kb.ask.understand import _mend_typos

    words = ["which", "negotations", "betwen", "sounds", "bounds"]
    _mend_typos(words, kb_all_examples.registry, kb_all_examples.gazetteer)
    # "sounds" and "bounds" are a letter from "rounds" (of talks), but English words of their own
    assert words == ["which", "negotiations", "between", "sounds", "bounds"]


def test_words_that_narrow_a_kind_are_not_filler(kb_all_examples, ask):
    # "a peace treaty" is not any agreement: Israel and Syria agreed on a communication cell, which this said "yes" to
    with pytest.raises(KBError, match="'peace'"):
        ask("Have Israel and Syria concluded a peace treaty?")
    # after an attack word, the ministry says what was hit (it answered "yes" for the defence ministry)
    with pytest.raises(KBError, match="'foreign', 'ministry'"):
        ask("Did Israel bomb the foreign ministry in Damascus?")
    assert ask("Did Israel bomb the defence ministry in Damascus?").verdict == "yes"
    assert ask("What did the Syrian foreign ministry say?").rows  # who spoke: still filler
    # no word is mended into a filler noun, where it would vanish ("palace" was read as "place")
    from kb.ask.understand import _mend_typos

    words = ["did", "israel", "strike", "the", "palace"]
    _mend_typos(words, kb_all_examples.registry, kb_all_examples.gazetteer)
    assert words[-1] == "palace"


def test_negations_are_refused_and_confidence_words_filter(ask):
    # "not" was a word the labels had to hold: it listed five events whose labels said "not"
    for question in ("Which attacks were not confirmed?", "Which ceasefires didn't last?", "Has Oman never mediated?"):
        with pytest.raises(KBError, match="does not answer negated questions"):
            ask(question)
    # "confirmed" after is/was, or before the event noun, is how sure the sources are (it listed every statement)
    confirmed = ask("Which airstrikes were confirmed?")
    assert confirmed.bound["confidence"] == ["confirmed"]
    assert {r["confidence"] for r in confirmed.to_dict()["rows"]} == {"confirmed"}
    # and a name before an attack noun is whose attacks they are ("Israeli strikes" are not Iran's on Israel)
    claimed = ask("list claimed Israeli strikes")
    assert [r["event"].rsplit("/", 1)[-1] for r in claimed.to_dict()["rows"]] == ["sweida-strike"]
    assert len(ask("Which strikes were reported?").rows) == len(ask("Which strikes?").rows)  # every event is


def test_a_statement_verb_with_an_event_noun_asks_about_that_event(ask):
    # it read two types (statements and ceasefires) and named every speaker and every party: 48 names
    assert ask("Who announced the Israel–Syria ceasefire?").who == ["Tom Barrack"]
    assert ask("who confirmed the ceasefire between Afghanistan and Pakistan").who == ["Zabihullah Mujahid"]


def test_windows_placed_by_events_comparisons_and_titles(ask):
    # "before the ceasefire": before the one ceasefire of the question's actors (the word was dropped, and the
    # answers were right by luck); several on different days: which is meant is not known
    before = ask("Did Israel attack Iran before the ceasefire?")
    assert before.verdict == "yes" and before.bound["before"] == "the ceasefire"
    with pytest.raises(KBError, match="which one is meant is not known"):
        ask("Did Israel strike anyone before the ceasefire?")
    # an event named by its place is looked up there: the Paris talks are two, on different days (it listed the
    # Paris talks themselves, before anchors were looked up); an event placed by what someone did is not looked up
    with pytest.raises(KBError, match="2 talks events fit 'the paris talks'"):
        ask("What happened after the Paris talks?")
    with pytest.raises(KBError, match="places the window by what someone did"):
        ask("Did Israel and Syria meet after Trump announced the ceasefire?")
    # comparing is ranking ("no" was its answer), and a title is not an event (it named everyone in Syria's events)
    with pytest.raises(KBError, match="does not rank or compare them \\('more'\\)"):
        ask("Did Israel strike Syria more than Iran?")
    with pytest.raises(KBError, match="not who holds a title"):
        ask("Who is the president of Syria?")


def test_hosting_talks_held_in_the_country_is_no_no(ask):
    # the Abu Dhabi talks name no go-between: "who hosted" said "no one" and "did the UAE host" said "no"
    with pytest.raises(KBError, match="held in Abu Dhabi"):
        ask("Which country hosted the talks in Abu Dhabi?")
    with pytest.raises(KBError, match="no host or go-between named"):
        ask("Did the United Arab Emirates host the talks between Russia, Ukraine and the US?")
    assert ask("Did Qatar host talks between Israel and Syria?").verdict == "no"  # none held in Qatar
    assert ask("Did China host talks between Iran and Saudi Arabia?").verdict == "yes"


def test_an_answer_says_which_events_may_fall_in_its_window(ask):
    # a count or list of what certainly falls in the window said nothing of the events dated "until" a day in it
    counted = ask("How many meetings took place in 2025?")
    assert counted.count == len(counted.rows) and "may or may not fall in 2025" in counted.caveat
    assert counted.caveat.endswith("not counted")
    mediators = ask("Which countries mediated in 2023?")
    assert "not listed" in mediators.caveat and mediators.to_dict()["caveat"] == mediators.caveat
    assert ask("Which talks took place in Beijing?").caveat is None  # no window, nothing left out


def test_objects_not_adjectives_tell_me_about_groups_named_by_a_place(ask):
    # "confirmed the Doha ceasefire": a verb and its object (it was read as "confirmed ceasefires": no one)
    assert ask("Which Afghan official confirmed the Doha ceasefire?").who == ["Zabihullah Mujahid"]
    assert ask("Who confirmed the Doha ceasefire?").who == ["Zabihullah Mujahid"]  # the place is the topic's
    assert [r["event"].rsplit("/", 1)[-1] for r in ask("tell me about the talks in Ohrid").to_dict()["rows"]] == [
        "ohrid-meeting"]
    assert len(ask("Give me every agreement mediated by Qatar").rows) == 2
    # a place before a people's word that begins one group's name is that group ("the Karabakh Armenians")
    assert ask("Did Aliyev make demands of the Karabakh Armenians?").verdict == "yes"
    # persons asked for as acting for an actor in nothing stored, at events that are there: not "none"
    with pytest.raises(KBError, match="no one in them is recorded as acting for Libya"):
        ask("Which Libyan officials took part in the Berlin talks?")


def test_parts_named_by_nouns_statuses_the_sources_do_not_give_and_short_stems(ask):
    # "was Israel the attacker": the name before the noun did it (it was read as a passive: Iran's claimed attack
    # on Israel, "claimed"); "who was the aggressor" asks for the doer (it named the Karabakh forces)
    assert ask("Was Israel the attacker in June 2025?").verdict == "yes"
    assert ask("Who was the aggressor in Nagorno-Karabakh?").who == ["Azerbaijan"]
    # a status the sources do not give is no "no": the Israel–Iran ceasefire is "in force" in its source, which
    # also reports claims of violations
    with pytest.raises(KBError, match="give the status in force, not violated"):
        ask("Was the Israel–Iran ceasefire violated?")
    # a word of five letters is not the stem of a longer one ("broke" matched "brokered")
    with pytest.raises(KBError, match="did not understand 'broke'"):
        ask("Which side broke the ceasefire?")


def test_which_event_a_statement_was_about(ask):
    # "which ceasefire did X announce" asks for the ceasefire (it listed the statement in its place)
    rows = ask("Which ceasefire did the Afghan spokesman confirm?").to_dict()["rows"]
    assert [(r["event"].rsplit("/", 2)[-2], r["type"]) for r in rows] == [("kursiv-2025-10-19", "ceasefire")]
    assert ask("What did Trump announce?").to_dict()["rows"][0]["type"] == "statement"  # what was said, as before


def test_what_others_asked_for_is_not_what_happened_anchored_windows_and_topics_by_first_word(ask):
    # "has Israel withdrawn": only Syria's demands that it withdraw hold the word (it answered "yes" from them)
    with pytest.raises(KBError, match="only demands hold 'withdrawn' — what was said or asked for"):
        ask("Has Israel withdrawn from Syria?")
    assert ask("Did Netanyahu credit Trump?").verdict == "yes"  # his own statement is what happened
    # "after the ceasefire": attacks whose vague dates may fall after it make a refusal, not "no"
    with pytest.raises(KBError, match=r"may or may not fall after the ceasefire; ask without the window"):
        ask("Did Israel attack Syria after the ceasefire?")
    # "about the Druze": a name found by its first word is the topic's, and what was said may name it
    rows = ask("What did Israel say about the Druze?").to_dict()["rows"]
    assert "israel-says" in {r["event"].rsplit("/", 1)[-1] for r in rows}


def test_a_verb_asked_about_that_the_sources_hold_only_as_a_noun_is_not_a_yes(ask):
    # the port deal was "in exchange for recognition": a thing traded for, not Ethiopia recognising (it said "yes")
    with pytest.raises(KBError, match="the events that fit say 'recognition', a thing in their words"):
        ask("Did Ethiopia recognise Somaliland?")
    assert ask("Did Saudi Arabia and Iran restore relations?").verdict == "yes"  # "restore" as the verb it is
    # a topic named by a phrase ("the cessation of hostilities") holds no single word: only statements linked to
    # such an event are about it (every statement passed, 32 speakers)
    who = ask("who announced the cessation of hostilities").who
    assert "Olusegun Obasanjo" in who and "Wang Yi" not in who


def test_an_event_kind_only_told_of_in_another_events_words_and_window_only_listings(ask):
    # the Anchorage summit "at which Moscow says an agreement on territory was reached": not a "no"
    with pytest.raises(KBError, match="no agreement of theirs is stored, but the words of 1 other event"):
        ask("Did Russia and the US reach an agreement on territory?")
    # a window alone lists what happened then (it was refused: "did not understand 'what'")
    rows = ask("What happened in 2017?").to_dict()["rows"]
    assert [r["event"].rsplit("/", 1)[-1] for r in rows] == ["gorongosa-meeting"]
    # a capital after "go to" is where the journey ended, not its state (it answered "no": al-Sharaa and Azerbaijan)
    assert ask("Did al-Sharaa go to Baku?").verdict == "yes"


def test_counting_strikes_leaves_out_occupations(ask):
    # holding the Golan since 1967 and Mount Hermon are occupations, not strikes (they were counted: 10)
    counted = ask("How many times did Israel strike Syria?")
    assert counted.count == 7 and all(r["type"] != "occupation" for r in counted.to_dict()["rows"])
    assert ask("Which countries did Israel occupy?").who == ["Syria"]
    # a yes/no keeps them: the occupation "since 1967" may tell whether Israel attacked in 1967
    with pytest.raises(KBError, match=re.escape("its date (1967..) may or may not fall in 1967")):
        ask("Did Israel attack Syria in 1967?")


def test_an_organ_of_a_state_stands_for_it_in_military_actions_only(ask):
    # "Israeli forces entered the buffer zone" is recorded with Israel as the attacker; the army, which takes part
    # in nothing stored, was refused ("did not understand 'enter'") — its state stands in, and the note says so
    entered = ask("When did the Israeli army enter the buffer zone?")
    assert [r["event"].rsplit("/", 1)[-1] for r in entered.to_dict()["rows"]] == ["buffer-zone-entry"]
    assert entered.note == "Israel Defense Forces acts for Israel, whose military actions these are"
    assert ask("Did the IDF strike Damascus?").verdict == "yes"
    # talks of the state are not the army's
    with pytest.raises(KBError, match="Israel Defense Forces takes part in no event"):
        ask("Did the Israeli army meet Syria?")


def test_a_denial_is_a_statement_whose_words_deny_and_verbs_that_drop_a_letter(ask):
    # Katz's statement about the missile fire blames Iran: not a denial (it answered "yes" to Israel denying, and
    # "what did Israel deny" listed all 8 of Israel's statements)
    with pytest.raises(KBError, match="1 statement fit, but its words do not say it denied"):
        ask("Did Israel deny firing missiles at Iran?")
    with pytest.raises(KBError, match="8 statements fit, but their words do not say it denied"):
        ask("What did Israel deny?")
    # Iran's "claims ... are false" is; "firing" is the "fire" of "missile fire", and Israel, at whom they were
    # fired, is in the event the statement is about, not the statement
    assert ask("Did Iran deny firing missiles at Israel?").verdict == "yes"
    assert ask("Has Iran denied firing missiles after the ceasefire?").verdict == "yes"


def test_persons_named_by_a_possessive_or_a_demonym_and_the_object_of_a_speech_act(ask):
    # "Moscow's delegates" are the persons acting for Russia (it named the other sides: Ukraine, United States)
    assert ask("Name Moscow's delegates in Abu Dhabi").who == ["Igor Kostyukov"]
    # a demonym followed by a verb is a person ("which Colombian signed"; it listed the ceasefire, naming no one)
    assert ask("Which Colombian signed the ceasefire with the ELN?").who == ["Gustavo Petro"]
    # the object of "thank" is what the statement is about: the swap the UAE mediated (it answered "no")
    assert ask("Did Moscow thank the UAE?").verdict == "yes"
    # an act of speech the statements' words name keeps those that name it (the MILF's own leader was named too)
    assert ask("Who commended the MILF?").who == ["Fatih Ulosoy"]


def test_words_for_meeting_entering_mediating_and_places_read_as_places(ask):
    assert ask("Were Qatar and Turkey both go-betweens for Kabul and Islamabad?").verdict == "yes"
    assert ask("Has Kurti ever sat down with Vucic?").verdict == "yes"
    assert ask("Did Ukrainian troops enter Russia in 2024?").verdict == "yes"
    # "TTP targets" are struck, not striking; "jets" hit from the air
    hit = ask("In which country did Pakistani jets hit TTP targets?").to_dict()["rows"]
    assert [r["event"].rsplit("/", 1)[-1] for r in hit] == ["october-9-strikes"]
    assert ask("Did the US strike Houthi targets?").verdict == "yes"  # "Houthi": the Houthis, as an adjective
    assert ask("Who were the signatories of the Berlin arms embargo agreement?").who == ["Germany", "United Nations"]
    # "in Brussels" is the city, not Belgium or the EU; "a port deal" is no deal of Le Port (Réunion)
    accepted = ask("Which agreement did Kosovo and Serbia accept in Brussels?").to_dict()["rows"]
    assert [r["event"].rsplit("/", 1)[-1] for r in accepted] == ["brussels-agreement"]
    assert ask("Is there a port deal between Ethiopia and Somaliland?").verdict == "yes"
    # a delegation's destination is a place: Jakarta is not Indonesia there
    assert ask("Who led Myanmar's delegation to Jakarta?").who == ["Min Aung Hlaing"]


def test_who_proposed_an_agreement_asks_for_proposals_and_planned_events_are_no_no(ask):
    # "who proposed" an agreement: proposals of one — agreements record no proposer (it named their sides)
    with pytest.raises(KBError, match="3 proposals fit, none recorded as about the agreement asked about"):
        ask("Who proposed the agreement?")
    with pytest.raises(KBError, match="did not understand 'normalization'"):
        ask("Who proposed the normalization agreement?")
    # "proposed agreements": a status (it listed every agreement and proposal)
    rows = ask("What proposed agreements are there?").to_dict()["rows"]
    assert {r["status"] for r in rows} == {"proposed"}
    # only a planned round is stored: whether it took place is not known (it answered "no")
    with pytest.raises(KBError, match=r"1 event fit, planned as of its sources \(for 2025-10-25\)"):
        ask("Did Afghanistan and Pakistan meet in Istanbul?")


def test_a_ministry_hit_is_read_in_the_labels_when_the_attack_word_comes_after(ask):
    # "when was the defence ministry hit": that target, not every strike on Syria (it listed 7)
    hit = ask("When was the Syrian defence ministry hit?").to_dict()["rows"]
    assert [r["event"].rsplit("/", 1)[-1] for r in hit] == ["damascus-strike"]


def test_first_names_coordinated_objects_of_speech_and_meetings_at_a_signing(ask):
    # "Abiy": the one person of that first name, not the Ethiopian town Ābīy Ādī (it was refused as a place)
    said = ask("What did Abiy say?").to_dict()["rows"]
    assert [r["event"].rsplit("/", 1)[-1] for r in said] == ["abiy-thanks"]
    # "thanked the mediators": what was said names them, no mediation is asked (the answer was empty)
    assert ask("Who thanked the mediators?").who == ["Abiy Ahmed"]
    # both names after a speech verb are what it is about (the answer was empty)
    assert ask("Who congratulated Saudi Arabia and Iran?").who == ["Wang Yi"]
    # no talks of theirs, but both took part in the Doha accord's signing: not "no"
    with pytest.raises(KBError, match="no talks of theirs are stored, but both took part in 1 agreement: Doha accord"):
        ask("Did the Taliban meet Pompeo?")
    # Petro and Garcia: Colombia and the ELN held talks no person is named in (the Santos dialogue): not "no"
    with pytest.raises(KBError, match="but 1 event names Colombia and National Liberation Army, whom they represent"):
        ask("Did Petro meet Garcia?")


def test_windows_placed_by_an_event_named_by_its_city(ask):
    # "after the Ohrid meeting": the talks in Ohrid Borrell took part in, looked up (it was refused)
    said = ask("What did Borrell say after the Ohrid meeting?")
    assert [r["event"].rsplit("/", 1)[-1] for r in said.to_dict()["rows"]] == ["borrell-statement"]
    assert said.to_dict()["bound"]["after"] == "the ohrid meeting"
    # of the agreements in Doha, the one called so; the anchor itself is not in the answer
    after = ask("What happened after the Doha accord?").to_dict()["rows"]
    assert "doha-accord" not in {r["event"].rsplit("/", 1)[-1] for r in after}
    assert min(r["when"] for r in after) == "2020-02-29"
    # two meetings in Berlin that day, and the conference itself stored as its agreement: which is meant is not
    # known (the answer was empty); several Paris talks on different days, likewise
    with pytest.raises(KBError, match="2 talks events fit 'the berlin conference'"):
        ask("Who did Merkel meet before the Berlin conference?")
    with pytest.raises(KBError, match="2 talks events fit 'the paris talks'"):
        ask("Did Israel and Syria meet after the Paris talks?")


def test_a_name_of_several_actors_is_read_as_the_one_stored_and_says_so(ask, kb_examples):
    # "Congo": Congo Republic or DR Congo — only DR Congo takes part in a stored event (it was refused)
    signed = ask("What did Congo and the M23 sign in Doha?")
    assert [r["event"].rsplit("/", 1)[-1] for r in signed.to_dict()["rows"]] == ["declaration"]
    assert signed.note.startswith("'congo' read as DR Congo: of Congo Republic and DR Congo, the only one stored")
    # where neither is stored (the Israel–Syria examples alone), which is meant is still asked
    with pytest.raises(KBError, match="'congo' could be Congo Republic or DR Congo"):
        kb_examples.ask("What did Congo sign?")


def test_hosts_go_betweens_and_sides_named_by_a_city(ask):
    # "Emirati mediation": the UAE's; no talks of theirs, but a swap it mediated — not an empty answer
    with pytest.raises(KBError, match=r"but 1 other event with a go-between does \(prisoner-exchange\)"):
        ask("Which Emirati mediation happened in 2024?")
    # South Africa takes part in nothing, but the AU's talks were held in Pretoria (it said "no")
    with pytest.raises(KBError, match="with African Union as go-between; held in Pretoria"):
        ask("Did Pretoria host talks?")
    # Somaliland is no state of the registry: its capital would be read as where the talks were (the answer: no one)
    with pytest.raises(KBError, match="'hargeisa' names a place, not a side kb ask knows"):
        ask("Who mediated talks between Hargeisa and Mogadishu?")
    # Kosovo is one (a country of ACLED, UCDP and GeoNames): its capital stands for it
    assert ask("Who facilitated talks between Belgrade and Pristina?").who == ["European Union"]


def test_an_act_of_speech_needs_words_that_show_it_unless_the_speaker_is_given(ask):
    # "who praised": the statements whose words or source say so (it named five speakers of anything about it)
    assert ask("Who praised the agreement between Israel and Syria?").who == ["Tom Barrack"]
    # in July 2025 only Netanyahu and Katz's statement about the Sweida strike is certainly in the window: no threat
    with pytest.raises(KBError, match="1 statement fit, but its words do not say it 'threatened'"):
        ask("Which Israeli minister threatened Syria in July 2025?")
    assert ask("Which Israeli minister threatened Syria?").who == ["Israel Katz"]
    # a speaker named: his statements, the act a manner of saying them ("specified that ... would be required")
    warned = ask("What did Podolyak warn?").to_dict()["rows"]
    assert [r["event"].rsplit("/", 1)[-1] for r in warned] == ["podolyak-warning"]


def test_an_addressee_named_in_what_was_proposed_and_the_end_of_a_war_named_by_its_length(ask):
    # "gas sales to Syria": no addressee recorded, the proposal's words name Syria (it was refused)
    assert ask("Who proposed Israeli gas sales to Syria?").who == ["United States"]
    # "the end of the 12-day war": a ceasefire, "12-day" in its words ("ending 12 days of war")
    ended = ask("Who mediated the end of the 12-day war?").to_dict()["rows"]
    assert [(r["mediator"], r["event"].rsplit("/", 1)[-1]) for r in ended] == [("United States", "trump-ceasefire")]


def test_listing_actors_and_the_city_that_hosted(ask):
    # "list the mediators": actors (it listed events); a bare year is "in 2023" in the note
    listed = ask("List the mediators of 2023")
    assert listed.form == "mediators" or listed.who is not None or all(r.get("mediator") for r in listed.rows)
    assert "may or may not fall in 2023" in listed.caveat
    # "which city hosted": where the talks were, not a host (it was refused: 'trilateral')
    hosted = ask("Which city hosted the trilateral talks?").to_dict()["rows"]
    assert [r["place"] for r in hosted] == ["Abu Dhabi"]


def test_a_country_before_an_event_noun_persons_for_two_sides_and_what_talks_agreed(ask):
    # "the Myanmar coup": a side or where it was; the coup names neither (the answer was empty)
    with pytest.raises(KBError, match="sources name neither Myanmar among the actors nor where it happened"):
        ask("When was the Myanmar coup?")
    # two persons whose states signed, the event naming no one for them: not "none"
    with pytest.raises(KBError, match="but 1 event names Mozambique and Renamo, whom they represent"):
        ask("What did Nyusi and Momade agree?")
    # an event that names each side's delegates, not these two, says they did not meet
    assert ask("Did Putin meet Zelensky?").verdict == "no"
    # "accepted the invitation" is no agreement (it said "no"); "accept" beside an agreement noun is agreeing
    assert ask("Did the Sudanese army accept the invitation?").verdict == "yes"
    # the summit agreed: its agreement, not its meetings too
    rows = ask("What did the Berlin summit agree?").to_dict()["rows"]
    assert [r["type"] for r in rows] == ["agreement"]


def test_a_person_whose_state_agreed_but_signed_nothing_is_no_empty_answer(ask):
    # Iran agreed with Saudi Arabia (no source says signed) and Shamkhani negotiated: not "he signed nothing"
    with pytest.raises(KBError, match="no source names Ali Shamkhani there, but 2 events name Iran"):
        ask("What did Shamkhani sign?")


def test_who_spoke_for_a_side_and_light_verbs_beside_a_kind(ask):
    # no one is named for Qatar at the signing, but its minister spoke about the declaration (it was refused)
    assert ask("Who spoke for Qatar at the signing?").who == ["Mohammed Al Khulaifi"]
    with pytest.raises(KBError, match="sources name no one in that part"):
        ask("Who represented Qatar at the signing?")  # speaking of it is not representing at it
    # "set" beside a demand noun says nothing more (it was "did not understand 'set'")
    rows = ask("What condition did Azerbaijan's president set?").to_dict()["rows"]
    assert [r["event"].rsplit("/", 1)[-1] for r in rows] == ["aliyev-condition"]


def test_a_narrower_noun_after_the_and_a_short_plural(ask):
    # "the annex": of Kosovo and Serbia's two agreements, the one called so (it answered both)
    rows = ask("When did Kosovo and Serbia agree the annex?").to_dict()["rows"]
    assert [r["event"].rsplit("/", 1)[-1] for r in rows] == ["implementation-annex"]
    # "zones" is the plural of the "zone" the US proposal names (it was "did not understand 'zones'")
    assert ask("Which zones did the US propose?").rows


def test_counting_a_window_and_an_anchor_with_no_first_day(ask):
    # a window alone is counted ("did not understand 'How'")
    assert ask("How many events happened in 2023?").count == 16
    # the US–Houthi ceasefire is dated only "until" 6 May 2025: what came after it is not known
    with pytest.raises(KBError, match="the ceasefire of these actors has no known first day"):
        ask("Did the US attack the Houthis after the ceasefire?")


def test_a_city_after_a_time_word_is_the_event_held_there(ask):
    # "after Baku": the meeting held in Baku (not the one planned there), not Azerbaijan as a side (it said "no")
    after = ask("Did Israel and Syria meet again after Baku?")
    assert after.verdict == "yes" and "baku-meeting" not in {r["event"].rsplit("/", 1)[-1] for r in after.rows}
    with pytest.raises(KBError, match="2 events fit 'paris' \\(beginning 2025-07-21, 2026-01-05\\)"):
        ask("What did Israel and Syria agree after Paris?")


def test_who_signed_for_a_side_asks_about_signings(ask):
    # it named every person acting for Ukraine in any event (statements, talks)
    assert ask("Who signed for Ukraine?").who == ["Oleksandr Kubrakov"]


def test_how_many_officials_counts_no_events(ask):
    # it answered 2: the Paris talks, not the officials in them
    with pytest.raises(KBError, match="kb ask counts events .*, not officials"):
        ask("How many Israeli officials took part in the Paris talks?")
    assert ask("How many times did Israeli officials meet Syrian officials?").count == 5


def test_a_title_asked_about_needs_a_person_so_titled(ask):
    # Pakistan took part, its defence minister is named in no event (it answered "yes")
    with pytest.raises(KBError, match="sources name no defence minister of Pakistan there"):
        ask("Did Pakistan's defence minister take part in the Doha talks?")
    # Shaibani met Israel's minister of strategic affairs, not its foreign minister
    with pytest.raises(KBError, match="name no foreign minister of Israel"):
        ask("Did the Israeli foreign minister meet al-Shaibani?")
    assert ask("Did the Syrian foreign minister meet Dermer?").verdict == "yes"
    assert ask("Did Syrian officials meet Israeli officials in Baku?").verdict == "yes"  # officials: no title


def test_a_city_struck_where_the_sources_place_the_strike_in_its_country(ask):
    # Pakistan's strikes were in Afghanistan, on the TTP; the US's in Yemen, on the Houthis (both said "no")
    with pytest.raises(KBError, match="1 event of Afghanistan fit, but their sources do not say whether in Kabul"):
        ask("Did Pakistan bomb Kabul?")
    with pytest.raises(KBError, match="whether in Sanaa"):
        ask("Did the US bomb Sanaa?")
    assert ask("Did Israel strike Damascus?").verdict == "yes"


def test_an_ordinal_before_a_city_and_an_event_noun_keeps_the_city_a_place(ask):
    # "the last Baku meeting" was Azerbaijan taking part: empty
    assert [r["when"] for r in ask("When was the last Baku meeting?").rows] == ["2025-07-12"]


def test_signed_where_the_agreement_is_placed_nowhere_and_a_person_who_hosts(ask):
    # the Beijing agreement is "agreed", with no place: the answer was an empty list of signers
    with pytest.raises(KBError, match="no source reports it signed, but 2 agreements .* their sources not saying"):
        ask("Who signed the Beijing deal for Iran?")
    # Merkel acts for Germany, whose talks were held in Berlin with no host named (empty)
    with pytest.raises(KBError, match="held in Berlin — holding talks in one's country"):
        ask("Which summit did Merkel host?")


def test_a_name_fused_to_a_verb_of_mediating_is_the_go_between(ask):
    # "US-brokered" was the US as a side and "brokered" a word of the labels: the Oman-brokered ceasefire
    us = ask("US-brokered deals")
    assert EVENT + "tass-2025-05-06/ceasefire" not in {r["event"] for r in us.rows}
    assert {r["what"] for r in us.rows} >= {"de-escalation agreement"}
    assert [r["what"] for r in ask("Emirati-brokered prisoner exchanges").rows] == [
        "Russia and Ukraine exchange 115 prisoners of war each, the UAE acting as intermediary"
    ]


def test_an_actor_whose_name_is_part_of_anothers_that_fits_is_no_no(ask):
    # Azerbaijan shelled the Karabakh Armenian forces; Pakistan struck the Tehrik-i-Taliban Pakistan (both "no")
    with pytest.raises(KBError, match="names Armenia there, but Karabakh Armenian forces is named so"):
        ask("Did Azerbaijan attack Armenia?")
    with pytest.raises(KBError, match="Tehrik-i-Taliban Pakistan is named so in 1 event"):
        ask("Did Pakistan attack the Taliban?")
    assert ask("Did Afghanistan attack Pakistan?").verdict == "no"  # Pakistan's name in the TTP's: not asked so


def test_who_a_person_met_where_they_only_signed_is_no_empty_answer(ask):
    # Petro signed the Havana ceasefire with the ELN's Garcia; no talks are stored (the answer was empty)
    with pytest.raises(KBError, match="Gustavo Petro took part in 1 agreement: bilateral, national"):
        ask("Who did Petro meet in Havana?")


def test_who_went_with_someone_asks_for_companions_no_role_records(ask):
    # it named Israel, the side al-Sharaa met in Baku
    for question in ("Who went with Sharaa to Baku?", "Who went to Baku with Sharaa?"):
        with pytest.raises(KBError, match="did not understand 'went with' as a part the sources record"):
            ask(question)


def test_which_countries_met_and_how_many_of_them_and_in_what_one_acted_for_a_side(ask):
    # the states whose delegates are named stand for themselves (it named the United States alone)
    assert ask("Which countries met in Abu Dhabi?").who == ["Russia", "Ukraine", "United States"]
    # actors are not counted: it answered 1, the talks
    with pytest.raises(KBError, match="not countries; ask which countries"):
        ask("How many countries took part in the Abu Dhabi talks?")
    # a delegation is at talks or a signing (it named every Ukrainian who made a statement); of its four members
    # the sources do not say which led
    with pytest.raises(KBError, match="not which of them led") as led:
        ask("Who led the Ukrainian delegation?")
    assert "Mustafa Nayem" not in str(led.value)
    # speaking for a side, with no meeting named, is a statement (it named Putin at talks, and a contingent)
    assert ask("Who spoke for the Kremlin?").who == ["Yuri Ushakov"]
    assert ask("who spoke for russia in abu dhabi").who == ["Igor Kostyukov"]


def test_a_surname_with_its_particle_and_a_particle_is_no_given_name(ask):
    # "al" was read as Al Haj Murad Ebrahim's given name, and the answer was empty
    assert [r["what"] for r in ask("What did Al Khulaifi say?").rows] == [
        "the agreement outlines the key principles both parties have committed to"
    ]


def test_a_continent_is_not_the_town_named_after_it(ask):
    # "Africa" was Mahdia (Tunisia), an old name of it: "whether in Mahdia is not known"
    with pytest.raises(KBError, match="did not understand 'africa'"):
        ask("Did Qatar mediate in Africa?")


def test_a_group_named_as_a_government_is_refused(ask):
    # the Doha ceasefire is Afghanistan's; the Taliban take part only in the 2020 accord (it said "no")
    with pytest.raises(KBError, match="does not say which state's government Taliban is"):
        ask("Did the Taliban government agree a ceasefire with Pakistan?")
    assert ask("Did the Syrian government agree a ceasefire?").verdict == "yes"


def test_typed_in_lower_case_a_town_struck_and_us_before_a_noun(ask):
    # "sweida" after an attack word is the town (it was a word of the labels, and the answer 'yes', not 'claimed')
    assert ask("did israel bomb sweida").verdict == "claimed"
    # "us" before a person's noun is the US (it was not understood, and the answer named an Israeli)
    assert ask("which us officials took part in the paris talks between israel and syria").who == [
        "Jared Kushner",
        "Steve Witkoff",
        "Tom Barrack",
    ]


def test_a_narrower_kind_of_attack_where_the_sources_give_none_and_a_polite_wrapper(ask):
    # Israel's strike on Iran is a military action of no stated kind: "bomb" (airstrikes) said "no"
    with pytest.raises(KBError, match="no airstrike fits, but 1 military action does, of a kind its sources"):
        ask("Did Israel bomb Iran in 2025?")
    listed = ask("Who did Israel bomb in 2025?")
    assert listed.who == ["Syria"] and "1 more military action of a kind its sources do not give" in listed.caveat
    # a wrapper around the question ("Can you tell me ..." was refused: it starts with 'can')
    assert ask("Can you tell me who mediated between Israel and Syria in 2026?").who == ["United States"]
    assert ask("Please, who was overthrown in December 2024?").who == ["Bashar al-Assad"]
    assert ask("Can you tell me whether Oman mediated between the US and the Houthis?").verdict == "yes"
    assert ask("Can you tell me between whom has Qatar mediated?").who


def test_acts_of_speech_are_read_in_the_mended_words(ask):
    # "comended" was mended to "commended" for the kind, but the words that show the act were read as typed
    assert ask("Who comended the MILF?").who == ["Fatih Ulosoy"]


def test_a_window_after_a_sides_event_and_no_count_of_days(ask):
    # "after Azerbaijan's offensive" was not seen as a window: it listed the offensive itself
    after = {r["what"] for r in ask("What happened after Azerbaijan's offensive?").rows}
    assert any(w.startswith("Karabakh Armenian forces accept") for w in after)
    assert not any("anti-terrorist" in w for w in after)  # the event counted from is not after itself
    with pytest.raises(KBError, match="kb ask does not count day from an event"):
        ask("What happened a day after Azerbaijan's offensive?")


def test_a_window_placed_by_a_clause_and_over_the_past_year(ask):
    # "after Trump announced the ceasefire" listed Trump's statement of May on another ceasefire
    with pytest.raises(KBError, match="'after ... announced' places the window by what someone did"):
        ask("What happened after Trump announced the ceasefire?")
    # "over" was a word the labels had to hold: one statement ("operations in Tehran over Iran's violation")
    assert len(ask("What happened over the past year?").rows) > 5
    assert ask("When did Israel and Syria start talking?").rows[0]["when"] == "2025-07-12"


def test_what_a_side_said_where_only_its_demands_are_stored_and_the_un_before_a_verb(ask):
    # "the UN" before "say" was read as the town of Un (India) named before an event noun
    with pytest.raises(KBError, match="no statement of theirs is stored, but 1 demand: .*an immediate end to the"):
        ask("What did the UN say?")
    with pytest.raises(KBError, match="no statement of theirs is stored, but 1 demand"):
        ask("What did Guterres say?")  # (it was empty)
    # a city named before a noun after "did" stays the place ("did the London talks ...")
    with pytest.raises(KBError, match="did not understand 'produce'$|did not understand 'produce'\\."):
        ask("Did the London talks produce an agreement?")


def test_whom_someone_told_and_a_confidence_the_sources_do_not_give(ask):
    # it named the addressee of Aliyev's demand (the separatists); he told Blinken, whom no role records
    with pytest.raises(KBError, match="did not understand 'tell' as a part the sources record"):
        ask("Who did Aliyev tell about the operation?")
    # claimed by Israel, denied by Iran: not "no"
    with pytest.raises(KBError, match="its sources give claimed by Israel, not confirmed"):
        ask("Is the Iranian missile fire confirmed?")


def test_a_title_asked_for_keeps_the_persons_so_titled(ask):
    # Kushner (the son-in-law of Trump) was listed as a US envoy
    assert ask("Who is the US envoy to Syria?").who == ["Steve Witkoff", "Tom Barrack"]
    # "officials" say no title: everyone acting for the US
    assert ask("Which US officials took part in the Paris talks?").who == ["Jared Kushner", "Steve Witkoff", "Tom Barrack"]


def test_which_actors_air_raids_and_signing_off(ask):
    # "actors" was not understood; "which actors was overthrown" named the one who overthrew
    assert ask("Which actors met Haftar in Berlin?").who == ["Angela Merkel", "Heiko Maas"]
    assert ask("Which actors was overthrown in December 2024?").who == ["Bashar al-Assad"]
    assert ask("did pakistan carry out air raids in afghanistan in october 2025").verdict == "yes"
    assert [r["what"] for r in ask("What agreements did the Taliban sign off on?").rows] == ["Doha accord"]


def test_an_event_on_the_day_of_the_one_counted_from_is_not_before_it(ask):
    # the same day as the event a window is placed before: before or after it is not known (it said "no")
    with pytest.raises(KBError, match="1 event fit on the day of the talks \\(2020-01-19\\)"):
        ask("Did Sarraj meet Merkel before the conference?")


def test_whom_a_go_between_hosted_and_which_of_its_officials_mediated(ask):
    # "who did Turkey host" read Türkiye as a side; "which Turkish official mediated" left out the persons
    assert ask("Who did Turkey host in December 2024?").who == ["Ethiopia", "Somalia"]
    assert ask("Which Turkish official mediated?").who == ["Recep Tayyip Erdogan"]


def test_a_go_between_of_the_sides_other_events_asked_about_one_naming_none(ask):
    # the DRC–M23 ceasefire names no go-between; Qatar mediated the talks and the declaration that hold it ("no")
    with pytest.raises(KBError, match="its sources name no go-between; whether Qatar had a part in it"):
        ask("Did Qatar broker a ceasefire in Congo?")
    assert ask("Did Qatar mediate between Israel and Syria?").verdict == "no"  # it mediated nothing of theirs


def test_words_read_elsewhere_are_no_typos_nor_a_known_word_with_letters_added(ask):
    # "started" was mended to "stated": a statement, and the refusal named Syria's demands
    assert ask("who started talks with the eln").who == ["Colombia"]
    # "national" (of the National Liberation Army) is not "nation"
    assert ask("Did Colombia and the National Liberation Army hold talks before 2020?").verdict == "yes"


def test_a_verb_of_agreeing_looks_for_the_kinds_nouns_in_other_events_words(ask):
    # "agree on territory": the Anchorage summit's label says "an agreement on territory" (it said "no")
    with pytest.raises(KBError, match="no agreement of theirs is stored, but the words of 1 other event"):
        ask("Did the US and Russia agree on territory?")


def test_a_party_to_an_agreement_is_a_side_not_its_go_between(ask):
    # Qatar mediated the Doha declaration (it said yes)
    with pytest.raises(KBError, match="no event has Qatar in the role the question gives"):
        ask("Was Qatar a party to the Doha declaration?")
    assert ask("Was Türkiye a party to the grain deal?").verdict == "yes"


def test_an_actor_in_no_event_that_the_words_of_one_name_beside_the_others_is_no_no(ask):
    # Barrack's statement: the ceasefire "supported by Türkiye, Jordan and neighbouring countries" (it said "no")
    with pytest.raises(KBError, match="Jordan takes part in no event as recorded, but the words of 1 event name it"):
        ask("Did Jordan support the Israel-Syria ceasefire?")
    assert ask("Did Egypt mediate between Israel and Syria?").verdict == "no"


def test_a_go_between_of_the_topic_of_a_statement(ask):
    # the brokering is the ceasefire's; statements have no go-between (the answer was empty)
    assert ask("Who announced the Oman-brokered ceasefire?").who == ["Badr Albusaidi", "Donald Trump"]



def test_each_query_of_a_question_runs_once(kb_all_examples):
    # the refusal checks relax the reading a dozen times over the same few events: each query is run once
    from kb.ask import ask as ask_with
    from kb.read.query import run_sparql

    ran: list[str] = []

    def run(sparql: str):
        ran.append(sparql)
        return run_sparql(kb_all_examples.store, sparql, ours=True)

    with pytest.raises(KBError, match="no source names Donald Trump there"):
        ask_with(kb_all_examples, "Did Trump broker the Israel–Iran ceasefire?", run=run, today=dt.date(2026, 11, 30))
    assert ran and len(ran) == len(set(ran))


def test_what_before_a_noun_of_actors_asks_who_and_a_subject_after_did_is_no_place(ask):
    # "what country mediated" listed events with no mediator named in them
    assert ask("What country mediated between DR Congo and the M23?").who == ["Qatar"]
    assert ask("What Colombian signed the ceasefire with the ELN?").who == ["Gustavo Petro"]
    assert ask("Which party mediated the Karabakh ceasefire?").who == ["Russia"]
    assert ask("What did the countries agree in Berlin?").rows  # (no noun of actors right after "what")
    # "Jerusalem" (a name of Israel and of Palestine) before "strike": the city was read, and the answer "no"
    assert ask("Did Jerusalem strike Damascus in July 2025?").verdict == "yes"
    assert ask("How often did Dermer meet Shaibani?").count == 2  # ("often" was not understood)


def test_names_alone_ask_for_their_events(ask):
    # "US Houthis", "Taliban US Doha 2020" were refused: it starts with 'us'
    assert [r["type"] for r in ask("US Houthis").rows] == ["ceasefire", "airstrike"]
    with pytest.raises(KBError, match="no event has all of taliban, us, doha"):
        ask("Taliban US Doha 2020")  # (Doha read as Qatar: the answer was empty)
    assert ask("Timeline of the Ethiopia-Tigray conflict").rows
    assert ask("What has Türkiye done?").rows  # ("done" was not understood)


def test_the_first_or_last_of_everything_and_newest_oldest(ask):
    # "what was the earliest event" was refused ("did not understand 'what'"); "newest" was not understood
    assert [r["when"] for r in ask("What was the earliest event?").rows] == ["1967.."]
    assert [r["when"] for r in ask("What is the newest agreement?").rows] == ["2026-01-06"]


def test_a_count_by_words_some_events_hold_and_others_may_not_is_refused(ask):
    # the grain deal is two documents; one label says "grain" (it counted 1)
    with pytest.raises(KBError, match="1 of them are called 'grain' in their words; the others may be too"):
        ask("How many grain agreements were signed?")


def test_the_sides_of_talks_are_two_and_neither_is_the_go_between(ask):
    # found by questions built from the fact files: the US (the go-between, present through its envoy) was read
    # as a side, and two members of Israel's delegation as each other's counterparts — each said "yes"
    with pytest.raises(KBError, match="not as two sides of the talks"):
        ask("Did Tom Barrack mediate between Israel and the United States?")
    with pytest.raises(KBError, match="not as two sides of the talks"):
        ask("Did the US mediate between Gil Reich and Roman Gofman?")
    with pytest.raises(KBError, match="not as two sides of the talks"):
        ask("Did Shaibani meet Syria?")  # Syria's foreign minister
    assert ask("Did Tom Barrack mediate between Israel and Syria?").verdict == "yes"
    assert ask("Did Shaibani meet Israel?").verdict == "yes"
    assert ask("Whom did Witkoff and Kushner meet in Moscow?").who == ["Vladimir Putin"]  # one side, the other asked
    assert ask("Who mediated for the African Union?").rows  # its persons, not a side
    with pytest.raises(KBError, match="Kushner|not as two sides"):
        ask("Did Tom Barrack mediate between Israel and Jared Kushner?")  # Kushner was on the go-between's team


def test_a_go_between_asked_as_a_signer_of_what_was_only_agreed_is_no_no(ask):
    # Türkiye brokered the Ankara declaration (agreed, not reported signed): the status and the role were each
    # relaxed alone, so nothing was found either way and the answer was "no"
    with pytest.raises(KBError, match="name them otherwise"):
        ask("Did Ethiopia and Türkiye sign an agreement?")


def test_rephrasings_found_by_mechanical_variants_of_the_bank(ask):
    # each was a confident wrong answer (or an empty one) to a rephrasing of a question answered right
    assert ask("Did Kosovo and Serbia meet in Ohrid in March of 2023?").verdict == "yes"  # said "no": March 2026
    assert ask("In 2023, did China host talks between Saudi Arabia and Iran?").verdict == "yes"  # was a list
    assert ask("What number of prisoner swaps took place?").count == 2  # gave no count
    assert ask("Who has mediated in Pretoria?").who == ["African Union"]  # "who has X mediated": whom
    assert ask("Who mediated Ankara declaration?").who == ["Türkiye"]  # Ankara (no "the") read as a side
    assert ask("Was Doha accord signed in 2020?").verdict == "yes"  # said "no"
    assert ask("Did Moscow thank the UAE?").verdict == "yes"  # a capital as subject stays its state


def test_a_state_hosts_talks_in_its_own_country(ask):
    # Türkiye co-mediated the Afghanistan–Pakistan talks in Doha: "who did Turkey host" listed them
    assert {r["what"][:5] for r in ask("Who did Turkey host?").rows} == {"joint", "Erdog"}
    with pytest.raises(KBError, match="held in another country"):
        ask("Did Türkiye host the Afghanistan–Pakistan talks?")
    assert ask("Did Qatar host talks between Afghanistan and Pakistan?").verdict == "yes"
    assert ask("Where did Borrell host Vucic and Kurti?").rows  # an organisation's envoy convenes anywhere


def test_more_rephrasings_of_right_answers(ask):
    assert ask("Who were the mediators of the Pretoria peace talks?").who == ["African Union"]  # was South Africa
    assert ask("Has Belgrade met Kosovo?").verdict == "yes"  # said "no": the city met no one
    assert ask("WHO LED MYANMAR'S DELEGATION TO JAKARTA?").who == ["Min Aung Hlaing"]  # ASEAN and Brunei's too
    assert len(ask("List the ceasefires Israel agreed to back in 2025.").rows) == 2  # "back" narrowed to one
    assert len(ask("In what place was the ceasefire with the ELN agreed?").rows) == 1  # listed both ceasefires
    assert ask("Is it true that Israel struck Damascus?").verdict == "yes"
    assert ask("Who exactly mediated the Pretoria talks?").who == ["African Union"]
    with pytest.raises(KBError, match="name them otherwise"):
        ask("Did Russia attack Kyiv in August 2024?")  # said "no": Ukraine's forces went into Russia that month


def test_according_to_a_reporter_is_refused_and_to_the_sources_is_read_through(ask):
    # SANA was read as Sanaa, and the answer "no"
    with pytest.raises(KBError, match="does not choose events by who reported them"):
        ask("Did Israel strike Damascus according to SANA?")
    assert ask("Who mediated the Pretoria talks according to the sources?").who == ["African Union"]
    assert ask("According to whom did Israel strike Sweida?").rows  # asks for the sources: the row names them


def test_the_latest_is_the_event_known_to_be_on_the_last_day(ask):
    # five events dated only "until 23 January 2026" were listed with the talks of that day
    assert [r["when"] for r in ask("What is the latest event?").rows] == ["2026-01-23"]


def test_a_month_without_a_year_where_nothing_fits_this_year_is_refused(ask):
    # read as 2026's: "who did Pakistan target on October 9" was empty, "did Israel strike Damascus in July" "no"
    with pytest.raises(KBError, match="names no year"):
        ask("Who did Pakistan target on October 9?")
    with pytest.raises(KBError, match="names no year"):
        ask("Did Israel strike Damascus in July?")


def test_a_name_one_slip_of_the_keyboard_from_a_stored_actor_is_read_as_it(ask):
    # a town of that spelling was read (Wyckoff, Guri-si, Seria in Brunei) and the answer was "no" or empty
    assert ask("Did Wikoff meet Putin?").verdict == "yes"
    assert ask("Has Kuri ever sat down with Vucic?").verdict == "yes"
    assert ask("Did Colombia and the National Liberation Army hold talks bfeore 2020?").verdict == "yes"  # swapped
    assert set(ask("Which countries mediated between Saudi Arabiia and Iran?").who) == {"China", "Iraq", "Oman"}
    with pytest.raises(KBError, match="a letter away from serbia and from syria"):
        ask("What agreements did Seria and Kosovo reach in 2023?")
    # ... but not a name the registry knows, a word of one, or a slip toward an actor in nothing stored
    assert len(ask("Who did Angela Merkel meet in Berlin in January 2020?").rows) == 2  # not Angola
    with pytest.raises(KBError) as refused:
        ask("Did Maduro meet Biden?")
    assert "Marshall Islands" not in str(refused.value)  # Majuro, its capital
    with pytest.raises(KBError, match="did not understand 'islamic', 'emirate'"):
        ask("Did the Islamic Emirate agree a ceasefire with Pakistan?")  # said "no": the Islamic State is in nothing


def test_a_person_in_nothing_stored_whose_state_is_there_is_no_no(ask):
    # Pakistan's defence minister is in no event; Pakistan is in the Doha talks (it said "no")
    with pytest.raises(KBError, match="whom Khawaja Muhammad Asif represents"):
        ask("Did Khawaja Muhammad Asif and Afghanistan meet in Doha?")


def test_slips_in_kinds_and_in_names_of_two_words(ask):
    assert ask("list ceaseffires in 2025").rows and {r["type"] for r in ask("list ceaseffires in 2025").rows} == {
        "ceasefire"
    }  # read as no kind: every event of 2025
    assert len(ask("Which ceasefires did the United Statees broker?").rows) == 2
    assert ask("Which talks has Türkie mediated?").rows  # the diacritic dropped as well as a letter
    with pytest.raises(KBError, match="'emirate'"):
        ask("who spoke for the Islamic Emirate")  # not the Emirates: a final "s" more is another name


def test_lower_case_slips_keep_the_names_first_letters_or_are_long(ask):
    # "ukraie" was read as a word of the labels: every delegate of the Abu Dhabi talks was named
    assert ask("who represented ukraie in the abu dhabi talks").who == [
        "Andrii Hnatov", "David Arakhamia", "Kyrylo Budanov", "Rustem Umerov"
    ]  # fmt: skip
    assert ask("who mediated between the sudaense army and the rsf").who  # a word of a longer name
    with pytest.raises(KBError, match="'sharia'"):
        ask("what does sharia say about israel")  # a word, not al-Sharaa


def test_us_beside_another_actor_is_the_us_and_tell_us_wraps(ask):
    # "us" was a word the labels had to hold: the Anchorage summit (labelled "Trump–Putin") was left out
    assert len(ask("which talks did russia and us hold?").rows) == 3
    assert len(ask("tell us what happened between russia and ukraine").rows) == 4  # (1 row)


def test_two_persons_asked_of_what_only_their_states_agreed_is_no_no(ask):
    # the Ohrid annex was agreed by Kosovo and Serbia, and no source says signed: "no" for the two leaders
    with pytest.raises(KBError, match="whom they represent"):
        ask("did kurti and vucic sign the annex")


def test_did_talks_resume_is_not_read_as_planned(ask):
    # "resume" made the question one about planned talks: "yes", from the round the sources say is to resume
    with pytest.raises(KBError, match="'resume'"):
        ask("Did the Jeddah talks resume?")
    assert ask("When will the Jeddah talks resume?").rows


def test_where_with_no_place_is_refused_and_what_kind_of_lists(ask):
    # a row with no place was the answer to "where"
    with pytest.raises(KBError, match="do not say where"):
        ask("Where did the MILF decommission its fighters?")
    assert [r["what"] for r in ask("What kind of agreement did Somalia and Ethiopia reach?").rows] == [
        "joint declaration"
    ]  # ("kind" was not understood)


def test_a_city_struck_in_the_passive_is_the_city_and_a_narrower_kind_is_relaxed_with_it(ask):
    # "was Damascus struck by Israel" read Syria: nine Israeli actions, occupations among them, as evidence
    assert len(ask("Was Damascus struck by Israel?").rows) == 1
    # the strike on Iran is of no stated kind and placed nowhere: "did Israel bomb Tehran" said no
    with pytest.raises(KBError, match="whether in Tehran"):
        ask("Did Israel bomb Tehran?")


def test_a_weekday_alone_read_as_last_week_is_not_a_no(ask):
    """ "on Tuesday" is the last Tuesday before today; nothing there while a source dates such an event to a
    Tuesday of another week (or plans it for one) is a refusal naming it, not "no"."""
    with pytest.raises(KBError, match="'on tuesday' names no week .* 1 event fit on a tuesday of other weeks"):
        ask("Did Israel strike Sweida on Tuesday?")
    with pytest.raises(KBError, match="on a thursday of other weeks"):
        ask("Did Israel and Syria meet in Baku on Thursday?")
    assert ask("Did Israel strike Damascus on Wednesday, July 16, 2025?").verdict == "yes"


def test_statements_by_someone_are_theirs(ask):
    """ "statements by Guterres": his, not those about an event he took part in (it listed Nayem's and
    Podolyak's statements about the grain deal he signed)."""
    with pytest.raises(KBError, match="no statement of theirs is stored"):
        ask("Show me statements by Guterres.")
    assert [e.rsplit("/", 1)[-1] for e in ask("What was said by Pompeo?").events] == ["pompeo-statement"]


def test_a_title_after_a_state_is_the_person_so_titled(ask):
    """ "Israel's defence minister": statements by a person acting for Israel so titled (it listed every
    statement of Israel's, Saar's and the prime minister's office's too); a title no one acting for it is known
    to hold is no filter ("China's foreign minister": Wang Yi, titled otherwise); titled persons known, none in
    the statements that fit: refused, not an empty answer."""
    katz = ask("What did Israel's defence minister say?")
    assert sorted(e.rsplit("/", 1)[-1] for e in katz.events) == ["katz-orders", "katz-threat", "netanyahu-katz-statement"]
    assert [e.rsplit("/", 1)[-1] for e in ask("What did China's foreign minister say?").events] == ["wang-congratulates"]
    with pytest.raises(KBError, match="sources name no foreign minister of Syria there"):
        ask("What did Syria's foreign minister say?")


def test_a_statement_linked_to_other_events_is_about_those(ask):
    """Katz's order "over Iran's violation of the ceasefire" is about the missiles it answers; its words name the
    ceasefire, but it did not announce it (it was the answer to "who announced the ceasefire")."""
    with pytest.raises(KBError):
        ask("Who announced the ceasefire between Israel and Iran?")
    assert ask("Who announced the Israel-Syria ceasefire?").who == ["Tom Barrack"]


def test_the_pakistani_taliban_are_the_ttp(ask):
    """The registry knows the TTP by its common English name: "the Pakistani Taliban" was read as Pakistan and
    the (Afghan) Taliban, and "did Pakistan strike the Pakistani Taliban" answered "no"."""
    assert ask("Did Pakistan strike the Pakistani Taliban?").verdict == "yes"


def test_a_narrower_noun_after_names_still_narrows(ask):
    """ "the Kosovo-Serbia annex": the names between "the" and the noun do not stop it singling out the annex (it
    answered the normalization agreement of Brussels beside it)."""
    assert [e.rsplit("/", 1)[-1] for e in ask("Where was the Kosovo-Serbia annex agreed?").events] == [
        "implementation-annex"
    ]


def test_a_town_read_from_a_slip_of_a_word_is_not_an_empty_answer(ask):
    """ "pace" (for peace) is Pace in Italy and "mach" (for March) Mach in Pakistan: nothing there, while events
    fit without them — refused naming both readings (the answers were empty); a city named as such is read as it."""
    with pytest.raises(KBError, match="'pace' was read as the town of Pace"):
        ask("who mediated the ethiopia–tigray pace talks")
    with pytest.raises(KBError, match="'mach' was read as the town of Mach"):
        ask("what did kosovo and serbia agree in mach 2023")
    assert ask("Name the mediator of the Havana ceasefire.").rows == []


def test_what_an_agreement_says_is_the_agreement(ask):
    """ "what does the Doha accord say": the accord (its own words are its row), not statements about it (it
    listed Pompeo's; "what did the Mozambique-Renamo memorandum say" answered nothing)."""
    assert [e.rsplit("/", 1)[-1] for e in ask("What does the Doha accord say?").events] == ["doha-accord"]
    memo = ask("What did the Mozambique-Renamo memorandum say?")
    assert [e.rsplit("/", 1)[-1] for e in memo.events] == ["military-memorandum"]


def test_slips_near_two_words_or_into_person_nouns(ask):
    """ "fered" is a slip of fired and of freed: not mended (read as fired, it answered "no"); a slip of a person
    noun is mended ("officoals"), and one word a single slip away wins over difflib's pick ("deined": denied,
    not detained)."""
    with pytest.raises(KBError, match="did not understand 'fered'"):
        ask("Has Venezuela fered any Americans?")
    assert ask("Has Venezuela freed any Americans?").verdict == "yes"
    officials = ask("which israeli officoals took part in the paris talks in january 2026")
    assert officials.who == ["Gil Reich", "Roman Gofman", "Yechiel Leiter"]
    assert ask("Has Iran deined firing missiles after the ceasefire?").verdict == "yes"


def test_who_led_a_delegation_of_several_is_not_known(ask):
    """The sources name four members of Ukraine's delegation, not which of them led it (all four were named as
    leading); a delegation of one is answered."""
    with pytest.raises(KBError, match="not which of them led"):
        ask("Who led the Ukrainian delegation in Abu Dhabi?")
    assert ask("Who led the Israeli delegation in London?").who == ["Ron Dermer"]


def test_delegates_and_negotiators_are_those_at_the_table(ask):
    """ "the Ukrainian delegates" are those who met or signed for Ukraine: Nayem and Podolyak only made
    statements (they were listed), and Katz, who ordered strikes, is no Israeli negotiator."""
    delegates = ask("Who were the Ukrainian delegates?").who
    assert "Mustafa Nayem" not in delegates and "Mykhailo Podolyak" not in delegates
    assert {"Rustem Umerov", "Kyrylo Budanov"} <= set(delegates)
    assert "Israel Katz" not in ask("Who were the Israeli negotiators?").who
    assert set(ask("Who was in the Ukrainian delegation?").who) == set(delegates)


def test_what_the_sources_say_and_whom_asked_last(ask):
    """ "do the sources say that Oman mediated ..." asks whether it did (it answered "no": "say" was read as a
    statement asked for); "... was mediated by whom" is "by whom was ... mediated" (it listed the ceasefire), and
    "by whom" with "between" asks for the doer, not the sides."""
    assert ask("Do the sources say that the US mediated between Israel and Syria?").verdict == "yes"
    assert ask("Is it reported that Qatar mediated between Pakistan and Afghanistan?").verdict == "yes"
    assert ask("the Karabakh ceasefire was mediated by whom?").who == ["Russia"]
    assert ask("By whom was the ceasefire between Netanyahu and al-Sharaa brokered?").who == ["United States"]


def test_terse_role_nouns_ask_for_that_role(ask):
    """ "mediators Saudi Arabia Iran" and "Kosovo Serbia mediator" ask who mediated between them (the first
    listed their events, the second found nothing: a side was read as the mediator); "signatories" are those
    who signed (the sides of an unsigned ceasefire in Doha were named)."""
    assert ask("mediators Saudi Arabia Iran").who == ["China", "Iraq", "Oman"]
    assert ask("Kosovo Serbia mediator").who == ["European Union"]
    assert ask("mediators of the Ankara declaration").who == ["Türkiye"]
    signed = ask("Who were the signatories of the Doha accord?").who
    assert signed == ask("Who signed the Doha accord?").who and "Pakistan" not in signed
    with pytest.raises(KBError, match="which one is meant"):  # two agreements were signed in Doha (session 18)
        ask("Who were the signatories of the Doha agreement?")


def test_every_window_form_of_the_date_rules_and_rolling_spans(ask):
    """The forms docs/dates.md lists are windows in a question too ("mid-2025" and "the first half of 2025" were
    words not understood); "a year ago" is 2025 ("ago" was read as Angola's code, and the answer was empty);
    "the last three years" rolls up to the question's day; "between 1 and 20 July 2025" and "around July 2025"."""

    def ends(question: str) -> set[str]:
        answer = ask(question)
        assert answer.bound["window"], question
        return {e.rsplit("/", 2)[-2][-10:] for e in answer.events}  # the articles' days

    assert ends("What happened between Israel and Syria in mid-2025?") == {"2025-07-16", "2025-07-18", "2025-07-30"}
    assert ask("Who mediated between Israel and Syria during the second half of 2025?").who == ["United States"]
    assert "2025-07-18" in ends("What happened a year ago between Israel and Syria?")
    assert ends("Which ceasefires were agreed in the last three years?") == {"2025-06-24", "2025-07-18", "2025-07-19"}
    assert "2025-07-30" not in ends("What happened between Israel and Syria between 1 and 20 July 2025?")
    assert ends("What happened between Israel and Syria around July 2025?") == ends(
        "What happened between Israel and Syria in July 2025?"
    )


def test_english_words_that_are_country_codes_are_words(ask):
    """ "ago", "per", "arm" are also the ISO codes of Angola, Peru and Armenia: read so, "what happened a year ago"
    was empty and "did Israel arm the Druze" answered "no"; typed in capitals a code is still its country."""
    with pytest.raises(KBError, match="did not understand 'arm'"):
        ask("Did Israel arm the Druze?")
    with pytest.raises(KBError, match="did not understand 'per'"):
        ask("What strikes were there per month in 2025?")
    assert ask("Who mediated between Israel and Syria in 2025?").who == ask(
        "Who mediated between ISR and SYR in 2025?"
    ).who


def test_a_demonym_before_a_deed_and_were_for_where(ask):
    """ "which Colombian signed ceasefire" (no "the") and "which American attended talks" ask for persons: only a
    go-between's verb before an event noun is a participle ("which US brokered talks"); "were was ..." is a slip
    of "where" (it answered "yes")."""
    assert ask("Which Colombian signed ceasefire with the ELN?").who == ["Gustavo Petro"]
    assert "Tom Barrack" in ask("Which American attended talks in Paris?").who
    assert ask("Which US brokered talks took place in Paris?").who is None
    assert ask("Were was the fifth round of Israel-Syria talks held?").verdict is None


def test_a_question_in_capitals_and_a_slip_of_an_ordinal(ask):
    """Typed all in capitals, a question is read as typed in lower case ("ARE" was the United Arab Emirates' code
    and the answer empty); "fifht" is a slip of fifth and of fight: left as typed (it was "fight", and both Paris
    rounds' delegates were named)."""
    shouted = ask("WHAT TALKS ARE PLANNED BETWEEN THE SAF AND THE RSF")
    assert [e.rsplit("/", 1)[-1] for e in shouted.events] == ["jeddah-resumption"]
    assert ask("HOW MANY PRISONER EXCHANGES ARE RECORDED?").count == 2
    with pytest.raises(KBError, match="did not understand 'fifht'"):
        ask("who represented israel at the fifht round in paris")


def test_a_two_word_name_before_a_dash_and_statements_on_a_topic(ask):
    """ "Saudi Arabia-Iran talks": the name before the dash is two words ("arabia" was not understood, and the terse
    "Saudi Arabia-Iran mediator" named China only); "Erdogan statements on Somalia and Ethiopia" and "statements
    by Erdogan on ..." are about them, as "about" is (the sides were read as struck: the answer was empty)."""
    assert ask("who mediated Saudi Arabia-Iran talks").who == ["China", "Iraq", "Oman"]
    assert ask("Saudi Arabia-Iran mediator").who == ["China", "Iraq", "Oman"]
    for question in ("Erdogan statements on Somalia and Ethiopia", "statements by Erdogan on Somalia and Ethiopia"):
        assert [e.rsplit("/", 1)[-1] for e in ask(question).events] == ["erdogan-hope"]
    assert [e.rsplit("/", 1)[-1] for e in ask("Trump remarks regarding the Houthi ceasefire").events] == [
        "trump-statement"
    ]


def test_a_clause_without_that_names_the_doer_and_terse_signatories_keep_a_capital_as_the_place(ask):
    """ "the ceasefires the United States brokered" are those it brokered (it listed the US–Houthi ceasefire, Oman's),
    "proposals Israel made to Syria" Israel's (it listed the Trump administration's, Israel being an addressee);
    "signatories Berlin arms embargo agreement": Berlin is where, not Germany left out of the signatories."""
    brokered = ask("List the ceasefires the United States brokered")
    assert sorted(e.rsplit("/", 1)[-1] for e in brokered.events) == ["ceasefire", "trump-ceasefire"]
    assert [e.rsplit("/", 1)[-1] for e in ask("proposals Israel made to Syria").events] == ["demilitarized-zones"]
    assert ask("signatories Berlin arms embargo agreement").who == ["Germany", "United Nations"]
    # with "that", after "what were", and a name after an attack noun that is the next verb's doer
    for question in ("ceasefires that the US brokered", "What were the ceasefires the US brokered in 2025?"):
        assert sorted(e.rsplit("/", 1)[-1] for e in ask(question).events) == ["ceasefire", "trump-ceasefire"]
    strikes = ask("Show the strikes Israel carried out in Syria in July 2025").events
    assert sorted(e.rsplit("/", 1)[-1] for e in strikes) == ["damascus-strike", "sweida-strike"]
    assert ask("Did Zelensky reject the Russian demand?").verdict == "yes"  # ("demand" is no verb after a name)


def test_could_you_list_and_find(ask):
    """ "could you list ...", "can you please show ..." and "find ..." are listings (refused: "did not understand
    'could', 'you'" and "it starts with 'find'")."""
    listed = ask("Could you list the strikes Israel carried out in Syria?").events
    assert listed and listed == ask("List the strikes Israel carried out in Syria").events
    assert ask("Find events involving Qatar in 2025").events == ask("What events involved Qatar in 2025?").events


def test_statements_about_a_named_accord_count_and_rankings(ask):
    """ "statements about the Doha accord" are about the agreement so called, not about every agreement placed in
    Doha (it counted three); "count the meetings ..." is how many ("count" was not understood); "the most talks"
    is a ranking, refused as such (it was read as Most, a town in Czechia)."""
    assert ask("How many statements about the Doha accord are there?").count == 1
    assert ask("Who commented on the Doha accord?").who == ["Mike Pompeo"]
    assert ask("Count the meetings between Russia and the US").count == ask(
        "How many meetings between Russia and the US?"
    ).count
    with pytest.raises(KBError, match="does not rank or compare"):
        ask("Which mediator was involved in the most talks?")


def test_events_asked_for_by_how_sure_their_sources_are(ask):
    """ "which events were claimed" lists the events the sources give as claims (refused: "did not understand
    'what'"), and "only claimed" is claimed ("only" was not understood)."""
    claimed = {e.rsplit("/", 1)[-1] for e in ask("Which events were claimed?").events}
    assert "claimed-missiles" in claimed and "damascus-strike" not in claimed
    assert ask("Which strikes were only claimed?").events == ask("Which strikes were claimed?").events


def test_when_did_an_event_start_is_its_own_start_not_the_first_of_its_kind(ask):
    """ "when did the ceasefire start" asks when each such ceasefire began (it picked the earliest ceasefire of all,
    Colombia's in 2017); "when did Israel start striking Syria" still asks for the first strike."""
    started = ask("When did the ceasefire start?").events
    assert len(started) > 1 and started == ask("When was the ceasefire?").events
    assert [e.rsplit("/", 1)[-1] for e in ask("When did the Israel-Iran ceasefire start?").events] == ["trump-ceasefire"]


def test_countries_qualified_by_a_region_are_refused(ask):
    """ "which African countries held talks" named Ethiopia (a side of talks the African Union mediated: "African"
    was read as the AU by its first word); "which arab states mediated" named China ("Arabia" held the word). kb ask
    does not know which countries a region holds: refused, saying so."""
    for question in ("Which African countries held talks?", "which arab states mediated", "Which Gulf states mediated?"):
        with pytest.raises(KBError, match="does not know which"):
            ask(question)
    with pytest.raises(KBError, match="did not understand 'uinted'"):
        ask("what did the uinted states and venezuela exchange")


def test_leaving_out_an_actor_is_kept_in_yes_no_and_refused_elsewhere(ask):
    """ "did anyone other than Oman broker the US-Houthi ceasefire" answered yes, from Oman's own mediation: the
    actor left out was read only in "who" lists. A yes/no about go-betweens now leaves it out; other shapes, and
    an event left out ("which agreements besides the Doha accord"), are refused instead of ignoring the words."""
    assert ask("Did anyone other than Oman broker the US-Houthi ceasefire?").verdict == "no"
    assert ask("Did anyone except China mediate between Saudi Arabia and Iran?").verdict == "yes"  # Iraq, Oman
    assert ask("Did Oman broker the US-Houthi ceasefire?").verdict == "yes"
    with pytest.raises(KBError, match="leaving out Oman"):
        ask("When did anyone other than Oman broker a ceasefire?")
    with pytest.raises(KBError, match="other than an actor"):
        ask("Which agreements besides the Doha accord did the Taliban sign?")


def test_two_questions_in_one_causes_and_lasting_are_refused(ask):
    """ "who brokered the ceasefire and when was it signed between Armenia and Azerbaijan" gave an empty answer
    and "who mediated ... and where did they meet" answered only who; "what led to the Doha agreement" listed the
    agreements in Doha; "which ceasefires held" listed every ceasefire, the collapsed one too. Each is refused."""
    with pytest.raises(KBError, match="asks two questions"):
        ask("Who brokered the ceasefire and when was it signed between Armenia and Azerbaijan?")
    with pytest.raises(KBError, match="asks two questions"):
        ask("Who mediated between Israel and Syria and where did they meet?")
    with pytest.raises(KBError, match="cause or an outcome"):
        ask("What led to the Doha agreement?")
    with pytest.raises(KBError, match="recorded only as its status"):
        ask("Which ceasefires held?")
    assert ask("Who mediated between Israel and Syria and Iran?") is not None  # "and" before a name: one question
    assert ask("Where were the talks between Israel and Syria held?").rows


def test_which_of_two_a_whole_group_a_region_and_a_place_with_a_vague_date(ask):
    """A yes or no over alternatives ("signed or only announced" answered "no"), over every member of a group
    ("did all the parties sign the grain deal" answered "yes" from one signature) or over a region's states ("did
    any Gulf state mediate between Russia and Ukraine" answered "no": the UAE did) is refused; names joined by
    "or", "each other" and "at all" stay answered. An event placed nowhere and dated only "until" the article's
    day is neither "no" nor nothing when both a place and a window are asked (the answer was empty)."""
    refusals = {
        "Was the ceasefire between Israel and Iran signed or only announced?": "which of",
        "Did all the parties sign the grain deal?": "each member of a group",
        "Did any Gulf state mediate between Russia and Ukraine?": "which state is 'Gulf'",
        "What was signed in Istanbul in July 2022 by Russia?": "do not say where",
    }
    for question, message in refusals.items():
        with pytest.raises(KBError, match=message):
            ask(question)
    assert ask("Did Qatar or Turkey mediate between Afghanistan and Pakistan?").verdict == "yes"
    assert ask("Did Sarraj and Haftar meet each other in Berlin?").verdict == "no"
    assert ask("Did Israel strike Damascus at all?").verdict == "yes"


def test_whom_a_person_met_is_not_the_side_they_act_for(ask):
    """ "with whom did Sharaa meet" named Syria beside Israel: the side a person asked about acts for is theirs,
    not whom they met."""
    assert ask("With whom did Sharaa meet?").who == ["Israel"]
    assert ask("With whom did Israel meet in Baku?").who == ["Syria"]


def test_questions_built_from_every_verb_phrase_answer_or_refuse(ask):
    """Questions put together from kb ask's own word tables (every two-word kind phrase, mediation and
    representation verb), with starts, objects and windows: each is answered or refused with a KBError — none
    raises anything else ("who called for a ceasefire between Armenia and Azerbaijan" raised ValueError: no
    one word of it was the demand)."""
    import random

    from kb.ask import words as W

    rnd = random.Random(18)
    starts = ["who", "what", "when", "which countries", "how many times", "did Israel", "whom did the US", "list the"]
    verbs = sorted(" ".join(p) for p in W.TYPE_PHRASES) + sorted(W.MEDIATION_VERBS | W.REPRESENT_WORDS)
    objects = ["a ceasefire", "the agreement", "an end to the fighting", "the proposal", "statements", ""]
    tails = ["between Armenia and Azerbaijan", "with Syria", "in Doha", "about Somalia", "after the ceasefire", ""]
    for verb in verbs:
        question = " ".join(x for x in (rnd.choice(starts), verb, rnd.choice(objects), rnd.choice(tails)) if x) + "?"
        try:
            ask(question)
        except KBError:
            pass
    for start in starts:
        try:
            ask(f"{start} called for a ceasefire between Armenia and Azerbaijan?")
        except KBError:
            pass


def test_one_event_named_by_its_place_that_several_fit_is_not_guessed(ask):
    """ "when was the Berlin conference", "who attended it" listed Merkel's two meetings there that day (their
    labels say "before the conference"): one event named by its place and a singular noun, which no label calls
    so while several fit, is refused; one that fits alone is answered."""
    for question in ("When was the Berlin conference?", "Who attended the Berlin conference?",
                     "What was the Berlin conference about?"):  # fmt: skip
        with pytest.raises(KBError, match="which one is meant is not known"):
            ask(question)
    assert [e.rsplit("/", 1)[-1] for e in ask("What was the Ankara meeting about?").events] == ["ankara-meeting"]
    # "the Doha signing": Doha was read as Qatar, a side, and "did Pompeo attend the Doha signing" answered "no"
    assert ask("Did Pompeo attend the Doha signing?").verdict == "yes"
    with pytest.raises(KBError, match="which one is meant"):
        ask("Who attended the Doha signing?")  # the 2020 accord and the 2025 declaration
    assert ask("Which talks took place in Berlin?").rows
    # an ordinal or a window singles one out
    assert [e.rsplit("/", 1)[-1] for e in ask("When was the last Paris meeting?").events] == ["paris-talks"]
    assert [e.rsplit("/", 1)[-1] for e in ask("When was the Paris meeting in January 2026?").events] == ["paris-talks"]


def test_the_kind_asked_for_after_a_copula(ask):
    """ "which mediators are organisations" listed every mediator, states too: the kind after the copula is the
    kind asked for, as in "which organisations mediated"."""
    assert ask("Which mediators are organisations?").who == ask("Which organisations mediated?").who
    assert ask("Which mediators are organisations?").who == ["African Union", "European Union"]
    assert "China" not in ask("Which signatories were armed groups?").who


def test_whether_a_plan_happened_and_the_outcome_of_an_ordinal_meeting_are_not_recorded(ask):
    """ "did the planned meeting in Baku take place" answered yes, from the plan; "what was agreed at the first
    meeting between Israel and Syria" gave the first agreement of all (the ordinal picks the meeting). Both are
    refused, saying what is not recorded."""
    with pytest.raises(KBError, match="whether one took place is not recorded"):
        ask("Did the planned meeting in Baku take place?")
    with pytest.raises(KBError, match="not to the first one"):
        ask("What was agreed at the first meeting between Israel and Syria?")
    assert ask("Did the talks in Paris take place?").verdict == "yes"


def test_a_modifier_used_as_the_verb_and_what_an_actor_is_are_refused(ask):
    """ "who armed the Houthis" listed who attacked them ("armed" was skipped as in "armed groups"), "who took
    the prisoners" the swaps' sides, "who carried out the prisoner exchange" strikes beside the swaps, and "what
    is M23" M23's events (session 19's probes). Supplying arms and capturing are no part the sources record, and
    what an actor is no event."""
    for question in ("Who armed the Houthis?", "Which country armed the RSF?", "Who took the prisoners?"):
        with pytest.raises(KBError, match="as a part the sources record"):
            ask(question)
    with pytest.raises(KBError, match="not what an actor is"):
        ask("What are the Houthis?")
    swap = ask("Who carried out the prisoner exchange?")
    assert {e.rsplit("/", 1)[-1] for e in swap.events} == {"prisoner-swap", "pow-swap"}
    assert {"M23", "Taliban"} <= set(ask("Which armed groups signed agreements?").who)  # "armed groups" as before
    assert ask("Did Qatar take part in the Doha talks?").verdict == "yes"  # "take part" as before


def test_took_place_in_a_country_is_where_not_a_side(ask):
    """ "which talks took place in Syria" listed the talks Syria held in Baku, Paris and London ("in Syria" is
    also read as Syria taking part, as in "what happened in Syria"); after "took place", "held", "signed" it is
    where the event was (session 19's oracle over the stored places)."""
    turkey = ask("Which talks took place in Turkey?")
    assert {e.rsplit("/", 1)[-1] for e in turkey.events} == {"ankara-meeting"}  # not the Doha talks it mediated
    with pytest.raises(KBError, match="do not say where"):
        ask("Which talks took place in Syria?")
    assert "washington-examiner-2026-01-06/paris-talks" in {e.split("/event/")[-1] for e in ask("What happened in Syria?").events}


def test_a_name_that_begins_with_a_filler_word_is_read_when_typed_as_a_name(ask):
    """ "who did Government of National Accord meet" (no "the") skipped the name — "government" is a word that
    adds nothing — and answered from "national" in a label: the ELN's ceasefire (session 19's oracle of whom
    each actor met)."""
    bare = ask("Who did Government of National Accord meet?")
    assert bare.who == ask("Who did the Government of National Accord meet?").who == ["Germany"]
    assert ask("who did government of national accord meet").who == ["Germany"]  # three words: no accident


def test_an_event_named_by_its_whole_label_is_that_event(ask):
    """ "who took part in the permanent cessation of hostilities" listed three ceasefires whose words say
    "permanent"; one is called so, and it is the one asked about (session 19's oracle over event labels)."""
    asked = ask("Who took part in the permanent cessation of hostilities?")
    assert asked.events == [EVENT + "jpost-2022-11-04/cessation-of-hostilities"]
    assert [e.rsplit("/", 1)[-1] for e in ask("Who took part in the joint declaration?").events] == ["ankara-declaration"]
    # a word after a negation in a label is not the event's: "no joint document with Ukraine" (it answered "when
    # was the joint declaration signed" with that document; the declaration is recorded as agreed, not signed)
    with pytest.raises(KBError, match="did not understand 'joint'"):
        ask("When was the joint declaration signed?")


def test_a_slip_as_near_a_superlative_as_a_known_word_is_not_mended(ask):
    """ "What was the larest airstrike on Syria?" was mended to "latest" and answered; "largest" (which kb ask
    refuses: it does not rank by size) is as near (`ask_variants.py --kind slips --seed 7`, session 19)."""
    with pytest.raises(KBError, match="did not understand 'larest'"):
        ask("What was the larest airstrike on Syria?")
    assert ask("What was the lastest airstrike on Syria?").events  # a slip of "latest" alone is still mended


def test_a_slip_near_several_forms_of_one_verb_is_that_verb(ask):
    """ "Who mediatde the Nagorno-Karabakh ceasefire in 2023?" is one slip from "mediated", "mediate" and the
    listed misspelling "mediatd": one meaning, so it is mended (it was refused; "who else mediatde between Israel
    and Syria besides the United States" was answered from label words)."""
    assert ask("Who mediatde the Nagorno-Karabakh ceasefire in 2023?").who == ["Russia"]
    assert not ask("Who else mediatde between Israel and Syria besides the United States?").rows


def test_a_name_slip_near_two_names_of_one_actor_is_that_actor(ask):
    """ "Which Israei officials ..." is a letter from "Israel" and from "Israeli": one actor, so it is mended (it
    was read as a word of the labels and named the Americans at the table too); "somalai" was a letter from
    Somalia and Somali and lost the Ankara declaration (`ask_variants.py --kind slips --seed 13`, session 19)."""
    asked = ask("Which Israei officials took part in the Paris talks in January 2026?")
    assert asked.who == ["Gil Reich", "Roman Gofman", "Yechiel Leiter"]
    assert ask("who mediated between somalai and ethiopia").events == ask("who mediated between somalia and ethiopia").events
