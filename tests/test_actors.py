"""The actor dictionary: ACLED-style names and inter codes, and user files that extend it."""
from __future__ import annotations

import json
import re

import pytest

from dateline.errors import SettingsError
from dateline.lexicon.actors import load_actors
from dateline.settings import ACTORS_VAR, Settings


@pytest.fixture(scope="module")
def book():
    return load_actors()


@pytest.mark.parametrize("phrase, head, where, name, inter", [
    ("Iraqi soldiers", "soldier", "Iraq", "Military Forces of Iraq", 1),
    ("government troops", "troop", "Iraq", "Military Forces of Iraq", 1),
    ("the police", "police", "Iraq", "Police Forces of Iraq", 1),
    ("riot police", "police", "Kenya", "Police Forces of Kenya", 1),
    ("US forces", "force", "Iraq", "Military Forces of the United States", 8),
    ("American troops", "troop", "United States", "Military Forces of the United States", 1),
    ("unknown gunmen", "gunman", "Nigeria", "Unidentified Armed Group (Nigeria)", 3),
    ("the villagers", "villager", "Mali", "Civilians (Mali)", 7),
    ("a young boy", "boy", "Iraq", "Civilians (Iraq)", 7),
    ("hundreds of protesters", "protester", "Chile", "Protesters (Chile)", 6),
    ("rioters", "rioter", "France", "Rioters (France)", 5),
])
def test_generic_actors_take_the_country(book, phrase, head, where, name, inter):
    match = book.normalise(phrase, head, where)
    assert (match.name, match.inter) == (name, inter)


@pytest.mark.parametrize("phrase", ["Mahdi Army militiamen", "Jaish al-Mahdi fighters", "Sadr's militia"])
def test_aliases_name_one_group(book, phrase):
    assert book.normalise(phrase, phrase.split()[-1], "Iraq").name == "Mahdi Army"


def test_a_group_wins_over_its_head_noun(book):
    assert book.normalise("Taliban fighters", "fighter", "Afghanistan").name == "Taliban"


def test_acronyms_match_only_in_capitals(book):
    assert book.normalise("IS militants", "militant", "Syria").name == "Islamic State"
    assert book.normalise("this is militants", "militant", "Syria").name == "Unidentified Armed Group (Syria)"


def test_country_codes_and_possessives(book):
    assert book.normalise("the army", "army", "IQ").name == "Military Forces of Iraq"
    assert book.normalise("Kenya's police", "police", "Kenya").name == "Police Forces of Kenya"


def test_no_country_known_leaves_the_bare_class(book):
    assert book.normalise("the army", "army", None).name == "Military Forces"


def test_things_are_not_actors(book):
    assert book.normalise("a statement", "statement", "Iraq") is None


def test_user_yaml_adds_a_group_and_a_head(tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text(
        "groups:\n  - {name: Red Hand, inter: 3, aliases: [Red Hand Brigade]}\n"
        "classes:\n  unidentified:\n    heads: [raiders-on-bikes]\n", encoding="utf-8")
    book = load_actors(path)
    assert book.normalise("Red Hand Brigade members", "member", "Ruritania").name == "Red Hand"
    assert (book.normalise("raiders-on-bikes", "raiders-on-bikes", "Ruritania").name
            == "Unidentified Armed Group (Ruritania)")
    assert book.normalise("Iraqi soldiers", "soldier", "Iraq").name == "Military Forces of Iraq"  # defaults kept


def test_user_json_through_the_environment(tmp_path):
    path = tmp_path / "mine.json"
    path.write_text(json.dumps({"groups": [{"name": "Blue Flag Front", "inter": 2, "aliases": ["BFF"]}],
                                "demonyms": {"Ruritanian": "Ruritania"}}), encoding="utf-8")
    settings = Settings.from_env({ACTORS_VAR: str(path)})
    assert settings.actors == str(path.resolve())
    book = load_actors(settings.actors)
    assert book.normalise("BFF rebels", "rebel", "Ruritania").inter == 2
    assert book.normalise("Ruritanian troops", "troop", "Iraq").name == "Military Forces of Ruritania"


def test_a_user_file_that_is_not_a_mapping_is_refused(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("- just a list\n", encoding="utf-8")
    with pytest.raises(SettingsError, match="mapping"):
        load_actors(path)


@pytest.mark.parametrize("name, content, problem", [
    ("broken.yaml", "groups: [oops\n", "not valid YAML"),
    ("broken.json", '{"groups": [', "not valid JSON"),
    ("keys.yaml", "group:\n  - {name: Red Hand}\n", "unknown top-level key"),
    ("groups.yaml", "groups: {name: Red Hand}\n", "`groups` must be a list"),
    ("nameless.yaml", "groups:\n  - {inter: 3}\n", "needs a `name`"),
    ("inter.yaml", "groups:\n  - {name: Red Hand, inter: 9}\n", "inter code"),
    ("aliases.yaml", "groups:\n  - {name: Red Hand, aliases: Red Hand Brigade}\n", "`aliases` must be a list"),
    ("heads.yaml", "classes:\n  unidentified:\n    heads: raiders\n", "`heads` must be a list"),
    ("newclass.yaml", "classes:\n  vigilantes:\n    heads: [vigilante]\n", "need a `name`"),
    ("demonyms.yaml", "demonyms: [Ruritanian]\n", "`demonyms` must map"),
    ("article.yaml", "with_article: 5\n",
     re.escape('`with_article` must be a list of country names, e.g. ["United States"]')),
    ("article_items.yaml", "with_article: [United States, '', 3]\n", "`with_article` must be a list"),
    ("placeholder.yaml", 'classes:\n  militia:\n    name: "Militia ({place})"\n    heads: [militiaman]\n',
     re.escape("`name` 'Militia ({place})' uses {place}; the only placeholder is {country}")),
    ("group_placeholder.yaml", 'groups:\n  - {name: "Fulani Militia ({country}, {place})"}\n',
     re.escape("uses {place}")),
    ("conversion.yaml", 'groups:\n  - {name: "Fulani Militia ({country!r})"}\n', re.escape("uses {country!r}")),
    ("spec.yaml", 'classes:\n  militia:\n    name: "Militia ({country:>9})"\n    heads: [militiaman]\n',
     re.escape("uses {country:>9}")),
    ("brace.yaml", 'classes:\n  militia:\n    name: "Militia ({country)"\n    heads: [militiaman]\n',
     "unbalanced brace"),
])
def test_a_bad_user_file_is_refused_naming_the_file_and_the_problem(tmp_path, name, content, problem):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(SettingsError, match=problem) as err:
        load_actors(path)
    assert str(path) in str(err.value)


def test_a_user_file_with_country_placeholders_and_articles_loads(tmp_path):
    path = tmp_path / "good.yaml"
    path.write_text('with_article: [Ruritania]\n'
                    'groups:\n  - {name: "Blue Flag Militia ({country})", inter: 4, aliases: [Blue Flag]}\n',
                    encoding="utf-8")
    book = load_actors(path)
    assert book.normalise("Blue Flag fighters", "fighter", "Mali").name == "Blue Flag Militia (Mali)"


def test_a_missing_user_file_is_refused_by_name(tmp_path):
    with pytest.raises(SettingsError, match="cannot read") as err:
        load_actors(tmp_path / "absent.yaml")
    assert "absent.yaml" in str(err.value)


def test_state_forces_known_by_acronym(book):
    assert book.normalise("FAMa soldiers", "soldier", "Mali").name == "Military Forces of Mali"
    assert book.normalise("SNA troops", "troop", "Somalia").inter == 1


def test_a_group_found_in_many_countries_is_named_for_the_one_it_acts_in(book):
    assert book.normalise("Fulani herders", "herder", "ML").name == "Fulani Ethnic Militia (Mali)"
    assert book.normalise("Fulani militia", "militia", None).name == "Fulani Ethnic Militia"


def test_bare_officers_are_police_but_not_every_officer(book):
    assert book.normalise("officers", "officers", "Kenya").name == "Police Forces of Kenya"
    assert book.normalise("army officers", "officers", "Kenya").name == "Military Forces of Kenya"
    assert book.normalise("two polling officers", "officers", "Kenya").name == "Civilians (Kenya)"
