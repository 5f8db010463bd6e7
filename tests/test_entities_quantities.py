STORY = """Army retakes bridge after two-day fight

By Ana Ruiz, June 2, 2016

Government forces led by General Omar Haddad retook the bridge on Wednesday. Haddad said more than 40
fighters had been killed and dozens of people were wounded. Lieutenant Colonel Sami Nour told reporters
that 1,200 troops and police took part. The Popular Defence Front (PDF) denied the claim; a PDF
commander said the government had spent $3.5 million on the operation, about 12 percent of the
province's budget, and that a dozen vehicles were destroyed.
"""


def test_people_resolve_to_their_full_name_without_titles(extract):
    rec = extract(STORY)
    people = {(e.text, e.canonical, e.title) for e in rec.entities if e.label == "PERSON"}
    assert ("Omar Haddad", "Omar Haddad", "General") in people
    assert ("Haddad", "Omar Haddad", None) in people
    assert any(e.text == "Sami Nour" and e.title and "Colonel" in e.title for e in rec.entities)


def test_acronym_resolves_to_the_long_name(extract):
    rec = extract(STORY)
    assert {e.canonical for e in rec.entities if e.text == "PDF"} == {"Popular Defence Front"}


def test_entity_offsets_slice_the_text(extract):
    rec = extract(STORY)
    assert rec.entities
    assert all(rec.text[e.start:e.end] == e.text for e in rec.entities)


def test_quantities_values_bounds_and_kinds(extract):
    rec = extract(STORY)
    q = {x.text: x for x in rec.quantities}
    assert all(rec.text[x.start:x.end] == x.text for x in rec.quantities)
    dead = next(x for x in rec.quantities if x.kind == "fatalities")
    assert dead.value == 40 and dead.bound == "lower" and dead.text.startswith("more than 40")
    hurt = next(x for x in rec.quantities if x.kind == "injuries")
    assert hurt.value == 12 and hurt.text.startswith("dozens")
    assert q["1,200 troops"].kind == "people" and q["1,200 troops"].value == 1200
    money = next(x for x in rec.quantities if x.kind == "money")
    assert money.value == 3_500_000 and money.unit == "USD"
    pct = next(x for x in rec.quantities if x.kind == "percent")
    assert pct.value == 12 and pct.bound == "approximate"
    assert q["a dozen vehicles"].value == 12 and q["a dozen vehicles"].kind == "count"


def test_spelled_out_numbers(extract):
    rec = extract("Headline\n\nGunmen killed twenty-five villagers and abducted three hundred people, officials said.")
    vals = {(x.value, x.kind) for x in rec.quantities}
    assert (25, "fatalities") in vals and (300, "people") in vals


def test_dates_are_not_quantities(extract):
    rec = extract("Headline\n\nOn 4 April 2008 the talks began; in 2009 they ended.")
    assert rec.quantities == []



def test_a_death_toll_in_words_is_one_quantity(extract):
    for text in ("Eleven people were killed when gunmen attacked a market in Gao.",
                 "Militants attacked a market in Gao. Eleven people were killed, officials said.",
                 "A car bomb exploded in Gao, and eleven people were killed, including four children."):
        rec = extract(text, published="2021-03-05")
        assert [q.value for q in rec.quantities if q.kind == "fatalities"] == [11], text
