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
    assert "she told reporters" not in first.text + second.text  # the tag is the writer's, not hers
    assert mayor.text[first.start : first.end] == first.text
    assert first.speaker.text == "she"  # the words in the text; the name is resolved
    assert first.speaker.name == second.speaker.name == "Elena Kovacs"


def test_a_later_quotation_after_narration_is_a_quote_of_its_own(extract):
    record = extract(
        '"The levee held through the night," the engineer Paul Okafor said. Crews worked until dawn. '
        '"We still need pumps from the capital," he added.'
    )
    first, second = quote_with(record, "levee held"), quote_with(record, "need pumps")
    assert first is not second and "Crews" not in first.text
    assert first.speaker.name == second.speaker.name == "Paul Okafor"


def test_a_short_utterance_that_opens_its_sentence_is_a_quote(extract):
    record = extract('The crowd cheered as the results came in. "We did it," she said, smiling.')
    q = quote_with(record, "We did it")
    assert q.direct and q.cue == "said"


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
        '"Dockworkers have not been paid for three months and say they will strike next week," '
        'the article explained.\n\n'
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
    record = extract("MODERATOR: Tell us how the ceasefire talks went this week.\n\n"
                     "HARRIS: They went better than anyone expected.\n")
    q = quote_with(record, "better than anyone expected")
    assert q.speaker.text == "HARRIS"
    assert q.cue == ":"


def test_a_stance_taken_towards_something_named_is_its_content(extract):
    record = extract("Senator Alan Ruiz backed the new water bill on Tuesday. "
                     "Rivera spoke about the drought at length.")
    backed = quote_with(record, "water bill")
    assert backed.text == "the new water bill" and backed.cue == "backed"
    assert backed.speaker.name == "Alan Ruiz"
    assert quote_with(record, "drought").text == "the drought"


def test_what_someone_learned_or_assumed_is_attributed_to_them(extract):
    record = extract("Dana Holt learned that the factory would close in June.")
    q = quote_with(record, "factory would close")
    assert q.text == "that the factory would close in June"
    assert q.speaker.name == "Dana Holt"


def test_the_writers_aside_after_the_content_is_left_out(extract):
    record = extract(
        "The mayor said she expects the bridge to reopen by March, which would end months of detours. "
        "The minister said the talks had failed; officials left the capital that night."
    )
    assert quote_with(record, "bridge to reopen").text == "she expects the bridge to reopen by March"
    assert quote_with(record, "talks had failed").text == "the talks had failed"


def test_a_tag_inside_a_sentence_leaves_both_halves_in_the_content(extract):
    record = extract("Prices rose sharply, the central bank said in its report, and wages fell.")
    q = quote_with(record, "Prices rose")
    assert "wages fell" in q.text
    assert q.speaker.name == "the central bank"


def test_a_quotation_ends_at_its_marks_when_the_sentence_runs_on(extract):
    record = extract('"We finally won," Marta Silva said, and soon the crowd poured into the square.')
    assert quote_with(record, "finally won").text == '"We finally won,"'


def test_according_to_inside_a_sentence_leaves_both_halves_in_the_content(extract):
    record = extract("Exports fell by a third last year, according to the trade ministry, and imports doubled.")
    q = quote_with(record, "Exports fell")
    assert "imports doubled" in q.text and q.cue == "according to"
    assert "trade ministry" in q.speaker.name


def test_a_cue_the_lemmatizer_cuts_wrong_is_still_a_cue(extract):
    record = extract("Mayor Ann Lee hopes to reopen the bridge by June.")
    q = quote_with(record, "reopen the bridge")
    assert q.cue == "hopes" and q.speaker.name == "Ann Lee"


def test_what_a_tag_attributes_inside_it_does_not_break_the_speaker_chain(extract):
    record = extract(
        '"The river is rising fast," said Omar Haddad, speaking of the northern dam. '
        '"We have two days at most."'
    )
    first, second = quote_with(record, "river is rising"), quote_with(record, "two days at most")
    assert first is not second and "northern dam" not in first.text + second.text
    assert first.speaker.name == second.speaker.name == "Omar Haddad"


def test_who_is_urged_belongs_with_what_they_are_urged_to_do(extract):
    record = extract("The governor urged residents to leave the coast before nightfall.")
    q = quote_with(record, "leave the coast")
    assert q.text == "residents to leave the coast before nightfall"
    assert q.speaker.name == "The governor"


def test_a_quotation_introduced_by_a_colon_is_said_by_the_clause_subject(extract):
    record = extract('The minister Lena Berg opened with a blunt message: "The budget is broken and we will fix it."')
    q = quote_with(record, "budget is broken")
    assert q.direct and q.speaker.name == "Lena Berg"


def test_a_headline_opened_by_a_source_and_a_colon(extract):
    record = extract("Poll: Most farmers expect a poor harvest this year\n\n"
                     "UPDATE: This story was corrected on Monday.\n")
    q = quote_with(record, "poor harvest")
    assert q.speaker.name == "Poll" and q.cue == ":"
    assert not [q for q in record.quotes if "corrected" in q.text]


def test_warnings_from_a_body_are_that_bodys(extract):
    record = extract("Repeated warnings from the coast guard that the storm would hit the harbour went unheeded.")
    q = quote_with(record, "storm would hit")
    assert q.text == "that the storm would hit the harbour"
    assert q.speaker.name == "the coast guard"


def test_a_subject_that_denies_a_speaker_is_no_attribution(extract):
    record = extract("No group has claimed the bombing. Nobody said the road was safe. Police said two men were held.")
    assert [q.speaker.name for q in record.quotes] == ["Police"]
