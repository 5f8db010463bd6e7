"""The docs match the code: every command, option and file the README, CONTRACT.md and `--help` cite
exists, and the record contract names every field of the record's dataclasses."""
from __future__ import annotations

import argparse
import dataclasses
import re
import shlex
from pathlib import Path

import pytest

from dateline import record
from dateline.cli.main import build_parser

ROOT = Path(__file__).resolve().parent.parent
DOCS = {name: (ROOT / name).read_text(encoding="utf-8") for name in ("README.md", "CONTRACT.md")}
# a repository path: a known top folder, then a path; trailing punctuation is prose
PATH = re.compile(r"(?<![\w./-])((?:examples|src|bench|tests|docs|\.ci)/[\w./*-]*[\w*])")
# `dateline NAME ...` at a line's start, after a prompt or pipe; in --help, two spaces start the comment
COMMAND = re.compile(r"(?:^[ \t]*|[$|&;(]\s*)dateline\s+([a-z]+)((?:(?! {2})[^\n|&;)#])*)", re.M)


def _subcommands() -> dict[str, argparse.ArgumentParser]:
    parser = build_parser()
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


def _help_texts() -> dict[str, str]:
    texts = {"dateline --help": build_parser().format_help()}
    texts.update({f"dateline {name} --help": p.format_help() for name, p in _subcommands().items()})
    return texts


def _code(text: str) -> str:
    """The code blocks and inline code of a Markdown text, where commands are written."""
    blocks = re.findall(r"```[^\n]*\n(.*?)```", text, re.S)
    inline = re.findall(r"`([^`\n]+)`", re.sub(r"```.*?```", "", text, flags=re.S))
    return "\n".join(blocks + inline)


SOURCES = {**{name: _code(text) for name, text in DOCS.items()}, **_help_texts()}


@pytest.mark.parametrize("where", sorted(SOURCES))
def test_every_cited_command_and_option_exists(where):
    commands = _subcommands()
    found = COMMAND.findall(SOURCES[where])
    assert found or where.endswith("--help") and where != "dateline --help", f"no command found in {where}"
    for name, rest in found:
        if name == "COMMAND":
            continue
        assert name in commands, f"{where} cites `dateline {name}`, which does not exist"
        known = {opt for a in commands[name]._actions for opt in a.option_strings}
        try:
            words = shlex.split(rest, comments=True)
        except ValueError:
            words = rest.split()
        for word in words:
            if word.startswith("-") and len(word) > 1 and word != "-":
                option = word.split("=", 1)[0]
                assert option in known, f"{where} cites `dateline {name} {option}`, which does not exist"


@pytest.mark.parametrize("where", sorted(SOURCES))
def test_every_cited_file_exists(where):
    text = DOCS.get(where) or SOURCES[where]
    for path in PATH.findall(text):
        if "*" in path:
            assert list(ROOT.glob(path)), f"{where} cites {path}, which matches nothing"
        else:
            assert (ROOT / path).exists(), f"{where} cites {path}, which does not exist"


def test_every_make_target_cited_exists():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    targets = set(re.findall(r"^([\w-]+):", makefile, re.M))
    for target in re.findall(r"\bmake ([a-z][\w-]*)", DOCS["README.md"]):
        assert target in targets, f"README cites `make {target}`, which the Makefile does not have"


def test_the_contract_names_every_field_of_the_record():
    block = re.search(r"## Record\n```\n(.*?)```", DOCS["CONTRACT.md"], re.S).group(1)
    named = set(re.findall(r"\b(\w+)\b", block))
    for cls in (record.Record, record.Article, record.Entity, record.Quantity, record.Time, record.Place,
                record.Quote, record.Speaker, record.Event, record.Evidence, record.EventDate,
                record.EventLocation, record.Actor, record.Fatalities, record.Mention):
        missing = [f.name for f in dataclasses.fields(cls) if f.name not in named]
        assert not missing, f"CONTRACT.md does not name {cls.__name__}.{missing}"
