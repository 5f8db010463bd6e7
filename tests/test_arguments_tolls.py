"""Only its dead: a toll belongs to the clause whose event it quantifies (invented reports)."""
from __future__ import annotations


def _toll(extract, text):
    record = extract(text, published="2021-05-04")
    tolls = [e.fatalities.count for e in record.events if e.fatalities is not None]
    return max(tolls) if tolls else None


def test_dozens_are_multiplied_and_nearly_is_below(extract):
    assert _toll(extract, "Gunmen killed more than two dozen villagers in Zamfara on Monday.") == 24
    assert _toll(extract, "An air strike killed nearly a dozen civilians in Sagaing on Monday.") == 11
    assert _toll(extract, "Gunmen killed no fewer than 10 farmers in Benue on Monday.") == 10


def test_conjoined_groups_of_one_clause_are_summed(extract):
    text = "Two soldiers and four rebels were confirmed dead after a clash in Mindanao on Monday."
    assert _toll(extract, text) == 6


def test_a_death_framing_another_event_or_a_total_is_not_its_toll(extract):
    text = ("A bomb killed two police officers near Mandera on Monday, a week after seven police died in a "
            "similar blast.")
    assert _toll(extract, text) == 2
    text = "Clashes broke out in Goma on Monday. At least 900 people have been killed in the fighting since January."
    assert _toll(extract, text) != 900


def test_victims_a_body_of_men_and_a_toll_not_given_are_no_deaths(extract):
    assert _toll(extract, "Gunmen abducted six farmers in Kaduna on Friday. Two of the victims were released.") is None
    text = "Troops clashed with rebels in Beni on Monday. It is not for me to give a toll, the army said."
    assert _toll(extract, text) is None


def test_a_shared_passive_subject_and_to_death_count_the_dead(extract):
    assert _toll(extract, "Two farmers were shot and killed by gunmen in Zamfara on Monday.") == 2
    assert _toll(extract, "A trader was beaten to death by a mob in Kano on Monday.") == 1


def test_an_analysts_stated_toll_is_the_events(extract):
    # the coder's own figure closes a note and overrides the deaths its sentences tell
    text = ("On 3 June 2021, gunmen shot at a bus near Kitale. Two riders were killed. A third rider died "
            "in hospital. 3 fatalities.")
    assert _toll(extract, text) == 3
    text = ("On 3 June 2021, rebels and soldiers fought near Beni, killing some fighters. Unknown fatalities "
            "coded as 10.")
    assert _toll(extract, text) == 10


def test_a_toll_shared_among_events_is_this_events_share(extract):
    text = ("On 3 June 2021, soldiers shelled rebel camps near Goma and Rutshuru. 40 rebels were killed. "
            "Fatalities split between 2 events.")
    assert _toll(extract, text) == 20
    text = ("On 3 June 2021, soldiers fought rebels near Goma, killing several. Unknown fatalities coded as 10 and "
            "spread across 3 locations.")
    assert _toll(extract, text) == 3
    text = "On 3 June 2021, police killed 9 gang members in Lagos. Fatalities are split across 3 events (4)."
    assert _toll(extract, text) == 4


def test_a_figure_reported_on_a_passive_verb_counts_its_subject(extract):
    assert _toll(extract, "On 3 June 2021, 12 militants were reported killed in an air strike near Jilib.") == 12


def test_names_and_dates_fronted_before_the_victim_are_no_victims(extract):
    text = "On 3 June 2021, in Eldoret, Uasin Gishu, a trader was killed by gunmen on a motorbike."
    assert _toll(extract, text) == 1
    text = "Around 3 June 2021 (as reported), in Kisumu, Nyanza, a man was found dead in a river."
    assert _toll(extract, text) == 1


def test_the_death_of_someone_counts_them(extract):
    text = "On 3 June 2021, two clans fought near Beledweyne, resulting in the death of a herder."
    assert _toll(extract, text) == 1


def test_deaths_also_told_add_to_the_toll(extract):
    text = ("On 3 June 2021, 3 soldiers were killed when rebels attacked a base near Beni. The army said that 5 "
            "rebels were also killed.")
    assert _toll(extract, text) == 8


def test_counts_listed_before_a_death_noun_share_it(extract):
    text = "On 3 June 2021, rebels clashed with soldiers near Beni, resulting in 4 rebel and 2 military fatalities."
    assert _toll(extract, text) == 6


def test_a_toll_coded_across_events_without_a_figure_shares_the_notes_own(extract):
    text = ("On 3 June 2021, rival militias clashed in Kalehe over two days. Four fighters were killed. Fatalities "
            "coded across 2 events.")
    assert _toll(extract, text) == 2


def test_a_participle_after_a_counted_noun_and_a_fatal_shooting_count_the_dead(extract):
    text = "On 3 June 2021, rebels clashed with soldiers near Beni, resulting in 1 soldier killed and 2 wounded."
    assert _toll(extract, text) == 1
    assert _toll(extract, "On 3 June 2021, a guard fatally shot a trader in Kano.") == 1
