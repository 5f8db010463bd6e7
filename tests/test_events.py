"""Events: ACLED coding of what a sentence reports, its modality, and the spans that say so.

Every text here is an invented wire report.
"""
from __future__ import annotations

import pytest

from dateline.facets import events


@pytest.fixture
def run(facet_input):
    """The events facet alone over a text: (events, the per-event syntax of its readings, the Doc)."""

    def go(text: str):
        inp = facet_input(text)
        readings = events.FACET.extract(inp)
        return readings.events, readings.syntax, inp.doc

    return go


def subs(evs) -> list[str]:
    return [e.sub_event_type for e in evs]


def main(evs):
    """The event a reader of the snippet would name: occurred first, then the most confident."""
    return max(evs, key=lambda e: (e.modality == "occurred", e.confidence))


@pytest.mark.parametrize("text, sub", [
    ("Air strikes killed three fighters near the village of Tel Hamra on Monday.", "Air/drone strike"),
    ("Warplanes bombed rebel positions outside Karsan overnight, killing nine.", "Air/drone strike"),
    ("Police fired tear gas at protesters who had gathered outside parliament in Vesna.",
     "Protest with intervention"),
    ("Security forces opened fire on peaceful demonstrators in Dalmar, killing four.",
     "Excessive force against protesters"),
    ("Stone-throwing protesters set fire to two police cars in the centre of Orvik.", "Violent demonstration"),
    ("Hundreds of teachers marched through Lenta on Tuesday to demand higher pay.", "Peaceful protest"),
    ("Army engineers defused a roadside bomb on the highway north of Sabra.", "Disrupted weapons use"),
    ("Police seized 40 rifles and a cache of ammunition in a raid on a farm near Doru.", "Disrupted weapons use"),
    ("A suicide bomber detonated an explosive vest at a checkpoint in Marun, killing six soldiers.",
     "Suicide bomb"),
    ("A roadside bomb struck an army patrol near Kefr on Sunday, wounding two soldiers.",
     "Remote explosive/landmine/IED"),
    ("Rebels fired mortar shells into the northern districts of Halva overnight.",
     "Shelling/artillery/missile attack"),
    ("Government troops recaptured the town of Zerin from the rebels on Friday.", "Government regains territory"),
    ("Insurgents seized the town of Amrit after government forces fled.", "Non-state actor overtakes territory"),
    ("Gunmen abducted two aid workers on the road to Kisra.", "Abduction/forced disappearance"),
    ("Militants killed 12 villagers in an attack on the village of Bora.", "Attack"),
    ("Soldiers clashed with militiamen in the Qasr district for several hours.", "Armed clash"),
    ("The two armed groups agreed a ceasefire in the eastern province on Sunday.", "Agreement"),
    ("Police arrested the opposition leader and 20 of his supporters in the capital.", "Arrests"),
    ("The army has set up a new military base in the village of Hadra.", "Headquarters or base established"),
    ("An angry mob lynched a man accused of theft in the market of Tamu.", "Mob violence"),
    ("Government troops withdrew from the town of Lasso overnight.", "Change to group/activity"),
    ("Army units moved into the town of Vaso on Sunday after the militia left.", "Non-violent transfer of territory"),
    ("The army said it had cleared the district of Moru of insurgents.", "Government regains territory"),
    ("Rockets hit a residential district of Vorna on Sunday, killing two civilians.",
     "Shelling/artillery/missile attack"),
    ("A crowd of villagers attacked and killed two men accused of theft in Selva.", "Mob violence"),
    ("Police fired water cannon at opposition supporters outside the election office in Kiro.",
     "Protest with intervention"),
    ("Angry youths burnt tyres on the main road of Ostra to protest the killing of a trader.",
     "Violent demonstration"),
    ("Supporters of the jailed leader marched peacefully through Ardo.", "Peaceful protest"),
    ("Police detained 30 activists in Mirel ahead of the anniversary of the uprising.", "Arrests"),
    ("Militants robbed and killed two traders near Kalo.", "Attack"),
    ("Jets bombed a missile base near Tarn on Friday.", "Air/drone strike"),
    ("Federal forces have taken back control of the town of Lira from the rebels.", "Government regains territory"),
    ("A police officer beat a street hawker to death in Sorn after he refused to pay a bribe.", "Attack"),
    ("Heavy fighting raged around the airport of Kessa, with residents reporting gunfire and explosions.",
     "Armed clash"),
    ("Police used stun grenades and tear gas to disperse hundreds of protesters in Lovo.",
     "Protest with intervention"),
    ("Troops recaptured the village of Dorn after three days of fighting.", "Government regains territory"),
    ("The government and the National Liberation Front signed a ceasefire in Arvo on Friday.", "Agreement"),
    ("The militia handed over the town of Pera to the army on Monday.", "Non-violent transfer of territory"),
    ("Hundreds of young men pelted police with stones and set fire to a bus in Kasso.", "Violent demonstration"),
    ("Militants and troops traded fire for hours in a village near Rusk.", "Armed clash"),
    ("Hundreds of residents gathered outside the district office in Pola to demand the release of two men.",
     "Peaceful protest"),
    ("The army drove the insurgents out of three villages near Qadir.", "Government regains territory"),
    ("Armed men seized four engineers on the road to Doba.", "Abduction/forced disappearance"),
    # ACLED counts road-blocking as a violent demonstration
    ("Farmers blocked the highway into Rivna for six hours to protest fuel prices.", "Violent demonstration"),
    ("Thousands marched in Orla over the killing of a student by police.", "Peaceful protest"),
    ("Police arrested a union leader in Korva over a speech he gave at a rally.", "Arrests"),
    ("Opposition supporters clashed with police in Danu, hurling rocks at officers.", "Violent demonstration"),
    ("Hundreds of nurses rallied outside the health ministry in Tavo and later dispersed peacefully.",
     "Peaceful protest"),
    ("The special forces said they had freed the village of Ruma from the militants.", "Government regains territory"),
    ("The government and the rebels signed a ceasefire at a bilateral ceremony attended by diplomats.", "Agreement"),
    ("Gunmen suspected to be bandits attacked the community of Kuri, killing seven persons.", "Attack"),
    ("Troops destroyed a bomb factory belonging to the insurgents near Saro.", "Disrupted weapons use"),
    ("Soldiers and rebels exchanged heavy fire near Tolo on Monday.", "Armed clash"),
    ("The junta dissolved all political parties on Monday.", "Change to group/activity"),
    ("Militants attacked and overran two army checkpoints near Sarai, killing nine soldiers.", "Armed clash"),
    ("Gunmen seized three engineers working on a dam project in the Lowa region.", "Abduction/forced disappearance"),
    ("More than 60 militiamen surrendered to the army near Kessa on Friday.", "Agreement"),
    ("Villagers beat to death two suspected kidnappers near Lomo, police said.", "Mob violence"),
    ("Troops recaptured the border crossing of Vask from the militants.", "Government regains territory"),
    ("The army announced the liberation of the Sarn district from the militants on Monday.",
     "Government regains territory"),
    ("Coast guards intercepted a boat carrying weapons off the coast of Marel.", "Disrupted weapons use"),
    ("Police detained the opposition leader as he was heading to a rally in Osk.", "Arrests"),
    ("Police arrested the union leader on his way to a protest in Vell on Monday.", "Arrests"),
    ("Opposition forces attacked army positions near Tarn, triggering violent clashes.", "Armed clash"),
    ("Villagers in Lomo thrashed two men suspected of theft, and police detained four people for the assault.",
     "Mob violence"),
    ("Police baton-charged the protesting nurses outside the assembly in Vell, injuring several of them.",
     "Excessive force against protesters"),
    ("The government reached an agreement with the truckers on Sunday, ending the ten-day blockade of the "
     "highway near Osk.", "Agreement"),
    ("Relatives said the activist was taken from his home in Osk by men in plain clothes and his whereabouts "
     "remain unknown.", "Abduction/forced disappearance"),
])
def test_sub_event_type(run, text, sub):
    evs, _, _ = run(text)
    assert evs, text
    assert main(evs).sub_event_type == sub


def test_air_strike_is_not_also_a_clash(run):
    evs, _, _ = run("Air strikes killed three fighters near the village of Tel Hamra on Monday.")
    assert subs(evs) == ["Air/drone strike"]


@pytest.mark.parametrize("text, modality", [
    ("The militia vowed to attack the capital within days.", "threatened"),
    ("The opposition has called for a march on the presidential palace next Friday.", "planned"),
    ("The army did not shell the village, a spokesman said.", "negated"),
    ("The rebels threatened that they would strike the airport.", "threatened"),
    ("Rebels could strike the airport at any time, the minister said.", "hypothetical"),
    ("Troops shelled the village on Monday.", "occurred"),
])
def test_modality(run, text, modality):
    evs, _, _ = run(text)
    assert evs, text
    assert evs[0].modality == modality


@pytest.mark.parametrize("text", [
    "A magnitude 6.1 earthquake struck the coast on Tuesday, killing 14 people and destroying hundreds of homes.",
    "Two men were arrested after a bank robbery in the city centre, police said.",
    "The government imposed new sanctions on the country and expelled three of its diplomats.",
    "A fire broke out at a chemical factory overnight, and an explosion injured two workers.",
    "The group claimed responsibility for the bombing in a statement posted online.",
    "Some 4,000 villagers have fled their homes because of the attacks, according to the agency.",
    "Police seized a tonne of cannabis hidden in a lorry at the port, according to customs officials.",
    "Officials are investigating reports that civilians were killed in a strike near Ilo.",
    "The inspectors visited a chemical weapons facility outside Orno on Monday.",
    "A bomb threat forced the evacuation of the airport in Tessa, but police found no explosives.",
    "Police raided the house of a suspected drug dealer in Marno and seized heroin and cash.",
    "The parliament passed a law granting amnesty to former rebels.",
    "A court sentenced five men to death for the bombing of a market in Lavo.",
    "A businessman kidnapped for ransom by a criminal gang was found dead in Pomo.",
    "The ministry summoned the envoy of Varia and lodged a strong protest over the border incidents.",
    "A fire broke out at a chemical plant in Orno late on Friday. Three blasts killed nine workers.",
    "Gunmen of a drug cartel shot dead three members of a rival gang at a bar in Orno, police said.",
])
def test_non_events_get_none(run, text):
    evs, _, _ = run(text)
    assert evs == []


@pytest.mark.parametrize("text, sub", [
    # named groups whose names hold a state word, from the actor dictionary or by their name
    ("The Arakan Army captured the town of Kyauktaw on Sunday.", "Non-state actor overtakes territory"),
    ("The Rapid Support Forces took control of the town of Umbar after heavy fighting.",
     "Non-state actor overtakes territory"),
    ("The Velmar People's Liberation Army seized the town of Osk.", "Non-state actor overtakes territory"),
    ("Soldiers recaptured the town of Kyauktaw from the Arakan Army.", "Government regains territory"),
    ("Fighters of the Rapid Support Forces detained dozens of young men in Umbar.", "Abduction/forced disappearance"),
])
def test_named_armed_groups_are_not_the_state(run, text, sub):
    evs, _, _ = run(text)
    assert main(evs).sub_event_type == sub


@pytest.mark.parametrize("text, sub", [
    # what the lead sentence reports outranks the aftermath a later sentence adds
    ("Armed men attacked the village of Kuri on Monday, killing 11 villagers, police said. "
     "Several houses were also set ablaze by the attackers.", "Attack"),
    ("Troops repelled militants who tried to storm a base near Sarn, killing six of them in a gun battle. "
     "The army said it recovered four rifles after the fighting.", "Armed clash"),
    # but a later sentence that names the weapon of the lead's attack tells what the attack was
    ("Militants attacked a police post in Osk on Friday night. The attackers used hand grenades, officials said.",
     "Grenade"),
])
def test_the_lead_outranks_its_aftermath(run, text, sub):
    evs, _, _ = run(text)
    assert main(evs).sub_event_type == sub


def test_a_protest_told_in_several_sentences_is_coded_by_the_worst_that_happened(run):
    evs, _, _ = run("Thousands of farmers marched through Orvik on Saturday to demand fair prices. "
                    "While most of them rallied peacefully, some protesters later clashed with police and "
                    "looted shops.")
    assert main(evs).sub_event_type == "Violent demonstration"


def test_a_charged_mood_is_no_police_charge(run):
    evs, _, _ = run("Hundreds of residents took to the streets of Vell in peaceful protest amid an already "
                    "charged situation over the water shortage.")
    assert main(evs).sub_event_type == "Peaceful protest"


def test_police_who_only_watch_leave_a_protest_peaceful(run):
    evs, _, _ = run("Hundreds of teachers gathered outside the ministry in Vell to demand pay. Riot police stood by.")
    assert subs(evs) == ["Peaceful protest"]


def test_a_withdrawal_that_lets_others_take_over_is_the_transfer(run):
    evs, _, _ = run("Government troops withdrew from the town of Sarn on Sunday. "
                    "Rebels then took over the town without a fight.")
    assert subs(evs) == ["Non-violent transfer of territory"]


def test_a_place_left_to_its_takers_in_another_sentence_changed_hands_without_a_fight(run):
    evs, _, _ = run("Militants have taken control of the village of Sarn, residents said. "
                    "They moved in following the withdrawal of government forces from their bases.")
    assert main(evs).sub_event_type == "Non-violent transfer of territory"


def test_a_place_taken_after_a_battle_is_overtaken_though_the_defenders_withdrew(run):
    evs, _, _ = run("Militants captured the town of Sarn after a night-long battle, residents said. "
                    "Government forces withdrew to a nearby base.")
    assert main(evs).sub_event_type == "Non-state actor overtakes territory"


def test_armed_forces_that_gather_are_no_protest(run):
    evs, _, _ = run("Troops gathered near the border of Vell to oppose any incursion.")
    assert not {"Peaceful protest", "Protest with intervention"} & set(subs(evs))


def test_trigger_evidence_and_codes(run):
    text = "Residents said the town was quiet. Air strikes hit a market in Tel Hamra on Monday, killing five."
    evs, syntax, doc = run(text)
    ev = main(evs)
    assert text[ev.trigger.start : ev.trigger.end] == ev.trigger.text == "Air strikes"
    assert [text[e.start : e.end] for e in ev.evidence] == [
        "Air strikes hit a market in Tel Hamra on Monday, killing five."]
    assert ev.event_type == "Explosions/Remote violence"
    assert ev.plover == {"type": "ASSAULT", "mode": "aerial"}
    assert ev.cameo == "190"
    assert 0 < ev.confidence <= 1
    info = syntax[ev.id]
    assert info["kind"] == "air"
    assert ev.trigger.start <= doc[info["trigger_token"]].idx < ev.trigger.end


def test_subject_of_the_trigger_is_recorded(run):
    text = "Government troops recaptured the town of Zerin on Friday."
    evs, syntax, doc = run(text)
    info = syntax[evs[0].id]
    assert doc[info["subject_token"]].text == "troops"
    assert "town" in [doc[i].text for i in info["object_tokens"]]


def test_through_the_pipeline(extract):
    rec = extract("Air strikes killed three fighters near the village of Tel Hamra on Monday. "
                  "The rebels vowed to retaliate against the capital.", published="2024-05-03")
    assert "Air/drone strike" in subs(rec.events)


def test_arrested_on_charges_is_an_arrest(extract):
    record = extract("On 6 May 2021, police arrested four people in charges of joining a banned group in Mopti.",
                     published="2021-05-07")
    assert [e.sub_event_type for e in record.events] == ["Arrests"]


@pytest.mark.parametrize("text", [
    "Hundreds of opposition activists are in jail in Bamako, rights groups said on Monday.",
    "The former minister faces up to 20 years in prison on the charge.",
])
def test_a_jail_named_as_a_place_is_no_arrest(run, text):
    evs, _, _ = run(text)
    assert "Arrests" not in subs(evs)


def test_jailing_people_is_still_an_arrest(run):
    evs, _, _ = run("Police jailed three opposition activists in Bamako on Monday.")
    assert subs(evs) == ["Arrests"]


def test_armed_men_who_invade_a_village_and_kill_farmers_attack_civilians(run):
    evs, _, _ = run("Gunmen invaded the village of Kwata on Tuesday night, killing five farmers.")
    assert subs(evs) == ["Attack"]


def test_repelling_an_attack_on_a_village_is_still_a_clash(run):
    evs, _, _ = run("Militiamen repelled an insurgent attack aimed at the power lines of Kwata village, killing two.")
    assert "Attack" not in subs(evs)


def test_a_mob_attempt_the_police_foiled_is_the_mobs_violence(run):
    # no bomb was kept from use: what was foiled is the mob's arson
    evs, _, _ = run("A mob tried to set shops and houses in Kasso ablaze, which was foiled by the police who "
                    "fired ten rounds.")
    assert "Disrupted weapons use" not in subs(evs)
    assert main(evs).sub_event_type == "Mob violence"

