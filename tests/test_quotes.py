"""Quotes: who said what, to whom and when, on short wire reports written for these tests."""
from __future__ import annotations

import pytest


def quote_with(record, words):
    found = [q for q in record.quotes if words in q.text]
    assert found, f"no quote holds {words!r}: {[q.text for q in record.quotes]}"
    return found[0]


@pytest.fixture(scope="module")
def mayor(extract):
    text = (
        "Harbour town mayor Elena Kovacs vowed on Monday that the flooded district would be rebuilt. "
        '"We will not abandon these streets," she told reporters. "Every family will have a roof by winter."\n\n'
        'Her deputy, Tomas Brandt, called the plan "ambitious" and declined to give a cost.\n\n'
        "According to the regional fire service, 40 homes were destroyed in the storm."
    )
    return extract(text, published="2021-03-10")


def test_indirect_speech_is_the_clause_after_the_cue(mayor):
    q = quote_with(mayor, "flooded district")
    assert not q.direct
    assert q.text == "that the flooded district would be rebuilt"
    assert q.cue == "vowed"
    assert q.speaker.name == "Elena Kovacs"
    assert q.speaker.role == "Harbour town mayor"


def test_quotes_either_side_of_a_tag_are_two_quotes_of_one_speaker(mayor):
    first = quote_with(mayor, "abandon these streets")
    second = quote_with(mayor, "roof by winter")
    assert first is not second and first.direct and second.direct
    assert mayor.text[first.start : first.end] == first.text
    assert first.speaker.text == "she"  # the words in the text; the name is resolved
    assert first.speaker.name == second.speaker.name == "Elena Kovacs"


def test_a_scare_quote_is_no_quote(mayor):
    assert not [q for q in mayor.quotes if q.text.strip('"') == "ambitious"]


def test_according_to_names_the_source(mayor):
    q = quote_with(mayor, "40 homes were destroyed")
    assert q.cue == "according to"
    assert "fire service" in q.speaker.name
    assert not q.text.startswith("According")


def test_the_date_of_a_saying_comes_from_the_time_by_its_cue(mayor):
    q = quote_with(mayor, "flooded district")
    monday = [t for t in mayor.times if t.text == "Monday" and len(str(t.value)) == 10]
    assert q.date == (monday[0].value if monday else None)
    # her next words, in the same paragraph with no date of their own, were said on the same occasion
    assert quote_with(mayor, "abandon these streets").date == q.date


def test_outlet_descriptions_and_media(extract):
    text = (
        "An article in the Northern Ledger described growing anger in the port. "
        '"Dockworkers have not been paid for three months and say they will strike next week," the article explained.\n\n'
        "Speaking to the Coastal Times, a senior customs official estimated that smuggling had doubled."
    )
    record = extract(text)
    q = quote_with(record, "Dockworkers have not been paid")
    assert q.speaker.name == "Northern Ledger"
    assert q.speaker.text == "the article"
    unnamed = quote_with(record, "smuggling had doubled")
    assert unnamed.speaker.name == "a senior customs official"
    assert unnamed.medium == "Coastal Times"


def test_a_quote_signed_after_a_dash(extract):
    record = extract('Readers wrote in.\n\n"The new bridge has changed how we get to work every day." ― Maria Lopez\n')
    q = quote_with(record, "new bridge")
    assert q.speaker.name == "Maria Lopez"


def test_a_title_in_quotes_is_no_quote(extract):
    record = extract('She published an essay titled "The Long Road Home" in the spring.')
    assert record.quotes == []


def test_a_tag_inside_the_clause(extract):
    record = extract("The new levy, the finance minister said, would fall hardest on small traders.")
    q = quote_with(record, "new levy")
    assert "small traders" in q.text and q.cue == "said"
    assert q.speaker.name == "the finance minister"


def test_a_relative_pronoun_speaker_is_named_by_its_antecedent(extract):
    record = extract("Farmers, who insisted that the dam had ruined their harvest, blocked the road for a day.")
    q = quote_with(record, "ruined their harvest")
    assert q.speaker.text == "who"
    assert q.speaker.name == "Farmers"


def test_what_someone_is_called_is_content_and_a_bare_object_is_not(extract):
    record = extract("The governor called the strike a betrayal of the workers. Residents called the police.")
    assert quote_with(record, "betrayal").text == "the strike a betrayal of the workers"
    assert not [q for q in record.quotes if "police" in q.text]


def test_a_transcript_line_belongs_to_the_name_before_its_colon(extract):
    record = extract("MODERATOR: Tell us how the ceasefire talks went this week.\n\nHARRIS: They went better than anyone expected.\n")
    q = quote_with(record, "better than anyone expected")
    assert q.speaker.text == "HARRIS"
    assert q.cue == ":"
