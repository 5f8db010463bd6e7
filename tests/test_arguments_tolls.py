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
