"""Language data: the word lists, dictionaries and gazetteer files under `dateline/data/`.

Every data file is read through `load`, `lines` or `rows` here: once per process (cached), parsed by
its suffix, and checked for the keys its reader relies on, so a broken file fails with its name.
"""
from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from ..errors import LexiconError

# The C parser reads the actor dictionary ten times faster; the pure-Python one is the fallback.
YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@lru_cache(maxsize=64)
def text(name: str) -> str:
    """The text of data file `name`, a path under dateline/data/ such as "times/times.yaml"."""
    try:
        return resources.files("dateline.data").joinpath(name).read_text(encoding="utf-8")
    except (FileNotFoundError, IsADirectoryError):
        raise LexiconError(f"data file dateline/data/{name} is missing: reinstall dateline") from None


def parse(raw: str, name: str) -> Any:
    """JSON or YAML by the name's suffix; a syntax error is a LexiconError naming the file."""
    try:
        return json.loads(raw) if name.lower().endswith(".json") else yaml.load(raw, Loader=YAML_LOADER)
    except (json.JSONDecodeError, yaml.YAMLError) as exc:
        kind = "JSON" if name.lower().endswith(".json") else "YAML"
        raise LexiconError(f"{name}: not valid {kind}: {exc}") from None


@lru_cache(maxsize=64)
def load(name: str, required: tuple[str, ...] = ()) -> Any:
    """A YAML or JSON data file, parsed; a mapping must hold every key in `required`."""
    data = parse(text(name), name)
    missing = [k for k in required if not isinstance(data, dict) or k not in data]
    if missing:
        raise LexiconError(f"dateline/data/{name} lacks {', '.join(missing)}: reinstall dateline")
    return data


def lines(name: str) -> list[str]:
    """The non-blank lines of a list file, without `#` comment lines."""
    return [line for line in text(name).splitlines() if line.strip() and not line.startswith("#")]


def rows(name: str) -> list[list[str]]:
    """The tab-separated rows of a table file, without blank and `#` comment lines."""
    return [line.split("\t") for line in lines(name)]


def outlets() -> dict[str, list[str]]:
    """Each outlet's name and its aliases (web addresses among them)."""
    return load("io/outlets.json")
