"""Mentions and incidents: every report of an act is a mention with its factuality; only news becomes an
event, one event per incident. Texts are invented."""
from __future__ import annotations

import pytest

from dateline.facets.arguments.recoding import by_sides
from dateline.io.documents import Document
from dateline.record import Actor, Article, Event
from dateline.run.pipeline import extract_one


def record(text: str, published: str = "2019-03-13"):
    return extract_one(Document("t", text, Article(published=published), "t"))


def told(rec, word: str) -> str:
    return next(m.factuality for m in rec.mentions if m.text.lower() == word.lower())


def test_every_event_rests_on_its_mentions():
    rec = record("Gunmen attacked a police post in Gao on Tuesday, killing four officers. "
                 "The attack was the deadliest in the town this year.")
    assert len(rec.events) == 1
    ev = rec.events[0]
    assert ev.mentions and all(rec.mentions[i].event == ev.id for i in ev.mentions)
    assert all(rec.text[m.start:m.end] == m.text for m in rec.mentions)


def test_an_act_of_another_year_is_background():
    rec = record("In 2009, rebels attacked the town of Kidal. Gunmen attacked a police post in Gao on Tuesday.")
    assert told(rec, "attacked") == "background"
    assert [e.location.name for e in rec.events if e.modality == "occurred"] == ["Gao"]


def test_an_act_of_years_ago_is_background():
    rec = record("Five years ago, militants bombed a market in Mopti.")
    assert told(rec, "bombed") == "background"
    assert not rec.events


@pytest.mark.parametrize("text, word", [
    ("At least 300 people have been killed in the fighting since 2015.", "fighting"),
    ("Kidnappings are commonplace in the region.", "Kidnappings"),
])
def test_a_statistic_or_a_habit_is_generic(text, word):
    rec = record(text)
    assert told(rec, word) == "generic"
    assert not [e for e in rec.events if e.modality == "occurred"]


def test_an_old_act_in_a_court_case_is_background():
    rec = record("The man is on trial for the bombing of a bus station in Gao.")
    assert not [e for e in rec.events if e.modality == "occurred"]


def test_a_headline_and_its_story_are_one_incident():
    rec = record("Militants attack army base in Mali\n\nMilitants attacked an army base in Gao on Tuesday, "
                 "killing six soldiers, the army said. The attack began at dawn.")
    assert len([e for e in rec.events if e.modality == "occurred"]) == 1


def test_another_attack_is_another_incident():
    rec = record("Gunmen attacked a police post in Gao on Tuesday. In another attack, gunmen attacked a "
                 "checkpoint in Gao on Tuesday.")
    assert len([e for e in rec.events if e.modality == "occurred"]) == 2


def test_a_convoy_that_was_hit_is_no_deployment():
    rec = record("Gunmen ambushed a military convoy near Gao on Tuesday.")
    assert "Change to group/activity" not in {e.sub_event_type for e in rec.events}


def test_a_cumulative_frame_in_a_nested_clause_leaves_the_act_news(extract):
    record = extract("On 6 May 2021, traders protested in Mopti against officials who have taxed them since 2015.",
                     published="2021-05-07")
    assert [e.sub_event_type for e in record.events if e.modality == "occurred"] == ["Peaceful protest"]


def test_the_acts_own_day_outweighs_an_older_date_told_of_what_it_governs(extract):
    record = extract("On 6 May 2021, relatives gathered in Mopti in protest of the abduction of a farmer "
                     "on 29 January 2021.", published="2021-05-07")
    told = {m.sub_event_type: m.factuality for m in record.mentions}
    assert told == {"Peaceful protest": "occurred", "Abduction/forced disappearance": "background"}


@pytest.mark.parametrize("text, word", [
    ("Officials said 60 per cent of the people killed in police firing were young men.", "killed"),
    ("Of the 400 people who died in the unrest, 310 were killed in the riots that followed.", "riots"),
])
def test_a_share_of_a_total_is_a_statistic_with_no_toll(text, word):
    rec = record(text)
    assert told(rec, word) == "generic"
    assert not [e for e in rec.events if e.modality == "occurred"]


def test_a_breakdown_of_an_incidents_victims_keeps_its_toll():
    rec = record("Of the 12 people killed in the blast in Gao on Monday, three were children.")
    assert [e.fatalities.count for e in rec.events if e.fatalities] == [12]


@pytest.mark.parametrize("text, word", [
    ("In the 1985 riots, shops in Surat burned for a week, he recalls.", "riots"),
    ("Students were affected by the recent riots in Surat.", "riots"),
])
def test_an_act_named_by_its_year_or_as_recent_is_background(text, word):
    rec = record(text)
    assert told(rec, word) == "background"
    assert not [e for e in rec.events if e.modality == "occurred"]


def test_forces_moved_around_an_incident_are_part_of_it():
    rec = record("Rioters burned shops in Surat on Tuesday. A curfew was imposed in Surat on Tuesday "
                 "and troops were deployed in the town.")
    occurred = [e for e in rec.events if e.modality == "occurred"]
    assert [e.event_type for e in occurred] == ["Riots"]
    assert len(occurred[0].mentions) >= 2


def test_an_act_told_in_an_old_time_of_its_sentence_is_background():
    rec = record("He recalls a debate in 1979 about the riots in Surat that had burned the old market.")
    assert told(rec, "burned") == "background"
    assert not [e for e in rec.events if e.modality == "occurred"]


def test_an_arrest_of_last_month_is_background():
    rec = record("The cleric, who was arrested by police in Dubai last month, appeared in a Kolkata court on Tuesday.",
                 published="2019-03-13")
    assert told(rec, "arrested") == "background"


@pytest.mark.parametrize("text, word, factuality", [
    ("France has been on high alert since militants launched a series of attacks across Paris.", "attacks",
     "generic"),
    ("The two men, who were previously arrested in Gao, were freed on Tuesday.", "arrested", "background"),
])
def test_a_series_an_act_counted_from_or_told_as_previous_is_not_news(text, word, factuality):
    assert told(record(text), word) == factuality


def test_earlier_on_a_day_is_news():
    rec = record("Police arrested two men in Gao earlier on Tuesday.")
    assert told(rec, "arrested") == "occurred"


def occurred(rec):
    return [e for e in rec.events if e.modality == "occurred"]


def test_the_polices_arrests_at_a_riot_are_not_taken_into_it():
    from dateline.facets.arguments.incidents import _around
    from dateline.record import Actor, Event, Evidence

    riot = Event("e1", "Riots", "Violent demonstration", "occurred", [Evidence(0, 9, "riot")], 0.9)
    arrests = Event("e2", "Strategic developments", "Arrests", "occurred", [Evidence(20, 29, "arrested")], 0.9,
                    actor1=Actor("Police Forces of India (2019-)", 1))
    curfew = Event("e3", "Strategic developments", "Change to group/activity", "occurred",
                   [Evidence(40, 49, "curfew")], 0.9)
    assert not _around(arrests, riot)  # an act of the police's own, kept with the police as actor1
    assert _around(curfew, riot)


def test_a_protest_fired_on_is_one_event_coded_at_its_worst():
    rec = record("Thousands protested in Mandalay on Friday. Soldiers fired on the protesters in Mandalay on Friday, "
                 "killing two.")
    assert [e.sub_event_type for e in occurred(rec)] == ["Excessive force against protesters"]


def test_an_air_strike_beside_a_protest_stays_apart():
    rec = record("An air strike hit a village near Mandalay on Friday. Thousands protested in Mandalay on Friday.")
    assert sorted(e.event_type for e in occurred(rec)) == ["Explosions/Remote violence", "Protests"]


@pytest.mark.parametrize("text, word", [
    ("A witness identified him in court on Friday as the man who rented the truck used in the bombing of the "
     "federal building.", "bombing"),
    ("Prosecutors said two days after the bombing in Gao he hid the bomber's phone.", "bombing"),
])
def test_an_act_told_in_a_proceeding_is_background(text, word):
    assert told(record(text), word) == "background"


def test_an_arrest_the_police_tell_of_is_news():
    rec = record("Police said on Tuesday they had arrested a man who bombed a bus in Gao on Monday.")
    assert told(rec, "arrested") == "occurred" and told(rec, "bombed") == "occurred"


@pytest.mark.parametrize("sides, expected", [
    ((Actor("Protesters (Bangladesh)", 6), Actor("Police Forces of Bangladesh", 1)), "Violent demonstration"),
    ((Actor("Military Forces of Mali", 1), Actor("JNIM", 2)), "Armed clash"),
])
def test_a_battle_needs_two_armed_groups(sides, expected):
    ev = Event("ev1", "Battles", "Armed clash", "occurred", [], 0.9, actor1=sides[0], actor2=sides[1])
    by_sides(ev)
    assert ev.sub_event_type == expected


def test_a_noun_that_takes_up_the_act_is_one_more_mention_of_it():
    rec = record("A bomb exploded outside a pharmacy in Ashgrove on Friday, wounding nine people.\n\n"
                 "The explosion shattered the windows of three shops, a witness said. "
                 "After the blast, the minister ordered more patrols. "
                 "No explosion was heard in the suburbs. Another attack is feared, officials said.")
    assert len(rec.events) == 1
    ev = rec.events[0]
    taken = [rec.mentions[i].text for i in ev.mentions]
    assert taken == ["bomb", "explosion", "blast"]  # "no explosion", "another attack" take nothing up
    assert [m.start for m in rec.mentions] == sorted(m.start for m in rec.mentions)
    assert all(rec.mentions[i].event == ev.id for i in ev.mentions)


def test_a_taken_up_act_keeps_how_the_report_tells_it():
    rec = record("In 1998 a car bomb killed 29 people in Omagh. Residents still remember the explosion, "
                 "a priest said on Tuesday.")
    assert rec.events == []
    assert told(rec, "explosion") == told(rec, "car bomb") == "background"


def test_a_lead_dated_by_when_it_was_told_is_the_incident_its_story_dates():
    # "authorities said Wednesday" dates the telling, not the shootout the next paragraph dates to Tuesday
    rec = record("7 dead in rural Mali clash between soldiers, gunmen\n\nA shootout in rural northern Mali between "
                 "gunmen and army troops killed seven people, authorities in Gao said Wednesday.\n\nThe "
                 "confrontation occurred Tuesday when an army patrol came under attack near the town of Ansongo, "
                 "regional governor Moussa Traore said.", published="2019-03-14")
    events = [e for e in rec.events if e.modality == "occurred"]
    assert [(e.location.name, e.date.start) for e in events if e.location and e.date] == [("Ansongo", "2019-03-12")]


def test_an_incident_only_named_as_known_is_not_news():
    # "in connection with the bombing" takes the bombing as known: the report never tells it happened
    rec = record("Security was tight in Gao on Tuesday. Police arrested two men in connection with the bombing, "
                 "officials said.")
    assert [e.sub_event_type for e in rec.events if e.modality == "occurred"] == ["Arrests"]
    assert told(rec, "bombing") == "background"


def test_an_incident_told_as_the_subject_of_what_it_did_stays_news():
    rec = record("Security was tight in Gao on Tuesday. The clashes spread to the town of Ansongo on Wednesday.")
    assert [e.sub_event_type for e in rec.events if e.modality == "occurred"] == ["Armed clash"]


def test_a_definite_mention_of_the_crowd_is_not_a_known_incident():
    # "the demonstrators" names who took part: the protest the note tells is news
    rec = record("On 7 May 2019, a group of unionists booed the mayor of Gao during a ceremony. "
                 "Party members were among the protesters.")
    assert [e.event_type for e in rec.events if e.modality == "occurred"] in (["Protests"], ["Riots"])



def test_a_multitude_tallied_over_a_perfect_is_generic():
    rec = record("Hundreds have been jailed under the new law in Bamako.")
    assert told(rec, "jailed") == "generic"
    assert not [e for e in rec.events if e.modality == "occurred"]


def test_a_multitude_arrested_on_a_day_is_news():
    rec = record("Hundreds have been arrested in Gao since Monday.")
    assert told(rec, "arrested") == "occurred"


def test_a_war_told_as_going_on_is_no_incident():
    rec = record("Rebels attacked an army post in Gao on Monday, killing two soldiers. The rebels are battling "
                 "a government that is trying to win back the north, an analyst said.")
    assert [e.sub_event_type for e in rec.events if e.modality == "occurred"] == ["Armed clash"]
    assert told(rec, "battling") == "generic"


def test_weapons_named_in_one_list_are_one_incident():
    # "bombs and mortar rounds" are the means of one attack, not an IED attack and a shelling
    rec = record("Troops entered the Kadara district of Gao on Monday. The soldiers met "
                 "\"many roadside bombs and mortar rounds\", a witness said.")
    remote = [e for e in rec.events if e.event_type == "Explosions/Remote violence"]
    assert [e.sub_event_type for e in remote] == ["Remote explosive/landmine/IED"]
    assert {rec.mentions[i].text for i in remote[0].mentions} >= {"roadside bombs", "mortar"}


def test_a_sentence_naming_the_attack_tells_more_of_it():
    # "killed in the attack" ties the bombs of this sentence to the ambush told before, even when the
    # soldiers it names are read as the bombs' actor
    rec = record("Rebels ambushed an army patrol near Gao on Monday, killing three soldiers. The soldiers killed "
                 "in the attack, from the 5th battalion, were attacked with explosive devices and rifle fire, "
                 "the army said.")
    violent = [e for e in rec.events if e.event_type in ("Battles", "Explosions/Remote violence")]
    assert len(violent) == 1


def test_an_act_told_after_a_named_one_stays_apart():
    # "a major assault" is told by an indefinite article: another act, though its sentence names "the attack"
    rec = record("The army gave details on Wednesday. A suicide bomber blew himself up at a checkpoint in Gao on "
                 "Tuesday. The failed attack came a day after a major assault by rebels on a base in Kidal left ten "
                 "people dead.")
    assert len([e for e in rec.events if e.modality == "occurred"]) == 2


def test_an_incident_with_no_day_of_its_own_happened_on_the_day_told_before_it():
    # the second attack has no day; a coder dates it by the report's Tuesday, not by its publication
    rec = record("Herdsmen on Tuesday night invaded the town of Kafanchan in Kaduna State, killing five people. "
                 "Similarly, three farmers were attacked and killed by herdsmen in Zaria, while scores were "
                 "injured.", published="2019-03-14")
    days = {e.location.name: e.date.start for e in rec.events if e.modality == "occurred"}
    assert days == {"Kafanchan": "2019-03-12", "Zaria": "2019-03-12"}


def test_the_story_places_and_dates_the_incident_its_lead_summed_up():
    # the lead tells where and when officials spoke; "The confrontation" in the next sentence tells where and
    # when it happened: one incident, at the story's town on the story's day
    rec = record("Five dead in clash in western Mexico\n\nMEXICO CITY (AP) — A shootout between gunmen and army "
                 "troops killed five people, authorities in Morelia said Tuesday.\n\nThe confrontation occurred "
                 "Monday when a patrol came under attack near the town of Uruapan, officials said.",
                 published="2023-04-25")
    clashes = [e for e in rec.events if e.event_type == "Battles"]
    assert [(e.location.name, e.date.start) for e in clashes] == [("Uruapan", "2023-04-24")]


def test_a_headline_and_a_story_placing_its_incident_elsewhere_in_the_province_are_one():
    rec = record("Gunmen abduct five in Zaria village attack\n\nPolice said on Sunday that gunmen raided a village "
                 "near Kafanchan late Friday and took away five people.", published="2019-08-25")
    assert [(e.sub_event_type, e.location.name, e.date.start) for e in rec.events] == [
        ("Abduction/forced disappearance", "Kafanchan", "2019-08-23")]


@pytest.mark.parametrize("text, word", [
    ("Arrests of student leaders have accelerated in Gao.", "Arrests"),
    ("The rebels stepped up their attacks in the north.", "attacks"),
    ("About 50 people have died in four months of street protests in Bamako.", "protests"),
    ("Militants have struck schools on at least three occasions in recent weeks.", "struck"),
])
def test_a_trend_or_a_tally_over_a_period_is_generic(text, word):
    rec = record(text)
    assert told(rec, word) == "generic"
    assert not [e for e in rec.events if e.modality == "occurred"]  # nor the period's dead as a toll


def test_a_plain_act_with_a_verb_of_change_stays_news():
    # "step" without "up" is no trend: the mine is the news
    rec = record("A soldier stepped on a landmine near Gao on Monday.")
    assert [e.modality for e in rec.events] == ["occurred"]


def test_a_see_also_heading_run_into_the_last_sentence_opens_the_list():
    rec = record('A suicide bomber attacked a base near Gao on Monday, killing six soldiers. "We will not relent," '
                 'the minister said. ==See also== * 2014 Kidal market bombing * 2016 Mopti bus bombing')
    assert all(m.factuality == "background" for m in rec.mentions if m.text == "bombing")
    assert len([e for e in rec.events if e.modality == "occurred"]) == 1


def test_the_prospect_of_an_attack_is_hypothetical():
    rec = record("Police are worried about the prospect of militants using armed drones to bomb the city.")
    assert told(rec, "bomb") == "hypothetical"


def test_an_incident_named_as_a_proper_noun_is_known():
    # lower-cased archives tag "the godhra massacre" a proper noun: still a definite name of a known incident
    from types import SimpleNamespace

    import spacy
    from spacy.tokens import Doc

    from dateline.facets.arguments.incidents import _referred
    doc = Doc(spacy.blank("en").vocab, words=["for", "the", "kidal", "massacre"], pos=["ADP", "DET", "PROPN", "PROPN"],
              heads=[0, 3, 3, 0], deps=["ROOT", "det", "compound", "pobj"])
    view = SimpleNamespace(sentence=lambda char: 1)
    assert _referred(doc[3], view)


def test_a_month_without_its_year_in_an_undated_report_is_told_against_its_latest_day():
    rec = record("On 7 August 2017, police fired tear gas at protesters in Caracas. In May, she was arrested "
                 "and charged with treason.", published=None)
    assert told(rec, "arrested") == "background"


@pytest.mark.parametrize("text, word, factuality", [
    ("Guns are everywhere and assassinations are a regular event in the province.", "assassinations", "generic"),
    ("The town has seen many bombings targeted at the army stationed in the district.", "stationed", "generic"),
    ("The talks came to nothing and the ceasefire collapsed.", "ceasefire", "background"),
    ("The driver faces one criminal count of destroying a car used by gunmen in the attack.", "destroying",
     "background"),
])
def test_a_habit_a_standing_force_an_undone_truce_and_a_count_charged_are_not_news(text, word, factuality):
    rec = record(text)
    assert told(rec, word) == factuality


def test_a_truce_signed_in_the_news_is_an_agreement():
    rec = record("The rebels and the army signed a ceasefire in Gao on Monday.")
    assert told(rec, "ceasefire") == "occurred"


def test_acts_repeated_on_a_named_day_stay_news():
    rec = record("On 11 March 2019, two army convoys entered Gao on two occasions.")
    assert [e.modality for e in rec.events] and all(e.modality == "occurred" for e in rec.events)
    rec = record("Militants have struck schools on at least three occasions.")
    assert told(rec, "struck") == "generic"


def test_an_undated_report_naming_only_months_and_years_is_told_after_them():
    # no publication and no day: the report is told after March 2019, so the killing of 2017 is background
    rec = record("Militias captured the last town of the province in March 2019. It was the first death of a general "
                 "since 2017, when a colonel was killed by mortar fire in the same province.", published=None)
    assert told(rec, "mortar") == "background"


def test_an_act_named_as_what_places_suffered_is_generic():
    rec = record("The union demanded that exams be postponed in the districts which were badly affected by the riots.")
    assert told(rec, "riots") == "generic"
    assert not [e for e in rec.events if e.modality == "occurred"]
