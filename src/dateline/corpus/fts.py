"""What a user types into `dateline search`, checked and turned into an FTS5 query.

The syntax is FTS5's: words (stemmed), "exact phrases", AND, OR, NOT, prefix*, NEAR(a b, 10) and
parentheses. A query FTS5 cannot parse is refused with what is wrong and how to write it, never re-run
as plain words (which would turn 'bomb -police' into bomb AND police). Words with punctuation inside
("al-Sadr", "U.S.", "Jaish's") are searched as the phrase of their parts, as FTS5 indexes them.
"""
from __future__ import annotations

import re

from ..errors import QueryError

OPERATORS = {"AND", "OR", "NOT"}
_TOKEN = re.compile(r'"(?:[^"]|"")*"|"|\(|\)|,|[^\s(),"]+')
_BAREWORD = re.compile(r"\^?[A-Za-z0-9_\x80-\U0010ffff]+\*?")
HOW = ('write words, "exact phrases", AND, OR, NOT, prefix* and NEAR(word word, 10), e.g. '
       "'\"Mahdi Army\" AND ceasefire NOT Basra'")


def fts_query(text: str) -> str:
    """The FTS5 query for `text`; a QueryError saying what is wrong (and how to write it) if it is not one."""
    if not text or not text.strip():
        raise QueryError(f"the search is empty: {HOW}")
    tokens = _TOKEN.findall(text)
    out: list[str] = []
    depth = 0
    for i, tok in enumerate(tokens):
        if tok == '"':
            raise QueryError(f'a quote is not closed in {text!r}: put phrases between two quotes, e.g. '
                             f'\'"Mahdi Army"\'; to search for a quote mark leave it out')
        if tok.startswith('"'):
            out.append(tok)
        elif tok == "(":
            depth += 1
            out.append(tok)
        elif tok == ")":
            depth -= 1
            if depth < 0:
                raise QueryError(f"a ')' closes nothing in {text!r}: parentheses must pair, e.g. "
                                 "'(ceasefire OR truce) AND Basra'")
            out.append(tok)
        elif tok == "," or tok in OPERATORS or (tok == "NEAR" and i + 1 < len(tokens) and tokens[i + 1] == "("):
            out.append(tok)
        elif tok.startswith("-") and len(tok) > 1:
            raise QueryError(f"`-` is not an operator in dateline search: use NOT, e.g. "
                             f"'bomb NOT {tok.lstrip('-') or 'police'}' (NOT needs a word before it)")
        elif _BAREWORD.fullmatch(tok):
            out.append(tok)
        else:
            out.append(_phrase(tok))
    if depth > 0:
        raise QueryError(f"a '(' is not closed in {text!r}: parentheses must pair, e.g. NEAR(army police, 5) "
                         "or '(ceasefire OR truce) AND Basra'")
    _check_operators(out, text)
    return " ".join(out)


def _phrase(token: str) -> str:
    """A word with punctuation in it ("al-Sadr", "U.S.") as the phrase FTS5 indexed; a prefix star stays."""
    star = token.endswith("*") and len(token) > 1
    body = token[:-1] if star else token
    words = re.findall(r"[A-Za-z0-9_\x80-\U0010ffff]+", body)
    if not words:
        raise QueryError(f"{token!r} has no letters or digits to search for: {HOW}; to search punctuation, "
                         "there is no way (the index holds words only)")
    return '"' + " ".join(words) + '"' + ("*" if star else "")


def _check_operators(tokens: list[str], text: str) -> None:
    """AND, OR and NOT join two searches: one at either end, or two in a row, is a mistake to name."""
    for i, tok in enumerate(tokens):
        if tok not in OPERATORS:
            continue
        before = tokens[i - 1] if i else None
        after = tokens[i + 1] if i + 1 < len(tokens) else None
        if before is None or before in OPERATORS or before in ("(", ","):
            what = f"{before} {tok}" if before in OPERATORS else tok
            raise QueryError(f"{what!r} needs a word before {tok} in {text!r}: {tok} joins two searches, e.g. "
                             f"'ceasefire {tok} Basra'; to search for the word itself, quote it: '\"{tok.lower()}\"'")
        if after is None or after in (")", ","):
            raise QueryError(f"{tok} needs a word after it in {text!r}: {tok} joins two searches, e.g. "
                             f"'ceasefire {tok} Basra'; to search for the word itself, quote it: '\"{tok.lower()}\"'")


def explain(error: Exception, text: str) -> QueryError:
    """FTS5's own complaint about a query that passed the checks above, with how to write one."""
    message = str(error).removeprefix("fts5: ")
    return QueryError(f"{text!r} is not a search dateline can run ({message}): {HOW}")


def like(value: str) -> str:
    """`value` as a LIKE pattern that matches it anywhere, literally: % and _ match themselves
    (use with ESCAPE '\\')."""
    return "%" + value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
