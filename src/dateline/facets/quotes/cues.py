"""Speech cues and what they attribute: a cue verb and its subject, the words of the speaker phrase, and
the content of four ways in that need no quotation marks:
- a speech, thought or stance verb's clausal complement: "X said (that) ...", "she learned that ...",
  widened over any quotation it opens, or for some verbs its object ("vowed to ...", "called for ...",
  "backed the bill", "spoke about the drought"); a tag inside the clause ("The plan, he said, would
  fail");
- a speech noun's clause: "his insistence that ...";
- "according to X, ...";
- a paragraph opened by "NAME: " (transcripts).
The writer's aside that closes a content (", which ...", "; ...") is left out of it.
"""
from __future__ import annotations

import bisect
import re

from spacy.tokens import Doc, Span, Token

from .speakers import lexicon
from .text import QUOTE_MARK, Attribution, Text

MIN_SIDE_TOKENS = 5  # a clause on each side of "according to X" makes it an interruption
CONCESSIVE = {"although", "though", "while", "whereas", "even"}
COLON_LINE = re.compile(r"""(?m)^(?P<mark>[“"]?)(?P<name>[A-Z][\w.’'-]*(?: [A-Z][\w.’'-]*){0,3}): (?P<body>\S.*)$""")
SUBJECT_CLIMB = ("advcl", "xcomp", "conj", "pcomp", "acl", "dobj", "relcl")


def is_cue(tok: Token, verbs: set[str]) -> bool:
    return tok.pos_ == "VERB" and lemma(tok, verbs) in verbs


def lemma(tok: Token, verbs: set[str]) -> str:
    """The token's lemma, or its inflected form's stem where the lemmatizer cut it wrong
    ("hopes" → "hop", "rated" → "rat")."""
    low = tok.lemma_.lower()
    if low in verbs:
        return low
    word = tok.lower_
    return word[:-1] if word[-1:] in ("s", "d") and word[:-1] in verbs else low


def _nobody(subj: Token) -> bool:
    """"No group has claimed ...", "nobody said": a subject that denies there is a speaker."""
    return subj.lower_ in ("nobody", "none", "noone") or any(
        c.dep_ == "det" and c.lower_ == "no" for c in subj.children) or (subj.lower_ == "one" and subj.i > 0
                                                                        and subj.nbor(-1).lower_ == "no")


def subject_of(cue: Token) -> Token | None:
    """The cue's subject, or that of the clause it hangs from ("..., adding that", "issued a statement
    complaining that")."""
    tok = cue
    for _ in range(4):
        subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
        if subj is not None:
            return None if _nobody(subj) else subj
        if tok.dep_ not in SUBJECT_CLIMB or tok.head == tok:
            return None
        tok = tok.head
    return None


def phrase(tok: Token, t: Text) -> Span:
    """The words of a speaker phrase: the subject's subtree without edge punctuation, and never
    running into a quotation."""
    left, right = tok.left_edge.i, tok.right_edge.i
    doc = t.doc
    clauses = [c.left_edge.i for c in tok.children if c.dep_ in ("relcl", "acl") and c.i > tok.i]
    right = min([right, *[c - 1 for c in clauses]])
    left = max(left, min(tok.i, t.token_at(t.paragraph_start(tok.idx))))  # never back over a heading
    while left < right and doc[left].is_punct:
        left += 1
    while right > left and doc[right].is_punct:
        right -= 1
    while (right + 2 < len(doc) and not doc[right].whitespace_ and doc[right + 1].text == "-"
           and not doc[right + 1].whitespace_):
        right += 2  # "Omar al" + "-Haddad": the parser cut a hyphenated name
    if any(t.quote_of(doc[i].idx) for i in (left, right)) and not t.quote_of(tok.idx):
        left, right = tok.i, tok.i
        while (left > 0 and doc[left - 1].head == tok
               and doc[left - 1].dep_ in ("compound", "amod", "det", "flat", "poss")):
            left -= 1
    return doc[left : right + 1]


def trim(doc: Doc, left: int, right: int) -> tuple[int, int]:
    """Character range of content tokens left..right, without the writer's closing aside, edge
    spaces and punctuation (quote marks stay)."""
    right = _cut_aside(doc, left, right)

    def loose(tok: Token) -> bool:
        return tok.is_space or (tok.is_punct and not QUOTE_MARK.fullmatch(tok.text))

    while left < right and loose(doc[left]):
        left += 1
    while right > left and loose(doc[right]):
        right -= 1
    return doc[left].idx, doc[right].idx + len(doc[right])


def widen(start: int, end: int, cue_pos: int, t: Text) -> tuple[int, int, bool]:
    """Widen [start, end) over the quotations it touches (never over the cue); direct when one
    quotation makes up the content."""
    covered = 0
    # quotations neither overlap nor nest: those touching [start, end) follow the first ending after start
    for i in range(bisect.bisect_right(t.quote_ends, start), len(t.quotes)):
        qs, qe = t.quotes[i]
        if qs >= end:
            break
        if qs <= cue_pos < qe:
            continue
        start, end = min(start, qs), max(end, qe)
        covered = max(covered, qe - qs)
    return start, end, covered >= 0.8 * (end - start)


def _cut_aside(doc: Doc, left: int, right: int) -> int:
    """Last token of content left..right before the writer's own words that close it: what follows
    a semicolon, or an aside after a comma that runs to the end (", which ...", ", the latest in
    ...", ", although ...")."""
    for i in range(left + 1, right):
        tok = doc[i]
        if tok.text == ";":
            return i - 1
        if tok.text != ",":
            continue
        aside = doc[i + 1]
        while aside.head.left_edge.i == i + 1 and aside.head != aside and aside.head.i <= right:
            aside = aside.head
        opens = aside.dep_ in ("relcl", "appos") or (aside.dep_ == "advcl" and doc[i + 1].lower_ in CONCESSIVE)
        if opens and aside.right_edge.i >= right - 1:
            return i - 1
    return right


def from_clauses(t: Text, verbs: set[str]) -> list[Attribution]:
    """"X said (that) ...": the cue's clausal complement (or, for some cues, its object) is the content."""
    found = []
    objects = lexicon()["object_cues"]
    for cue in t.doc:
        if not is_cue(cue, verbs) or t.quote_of(cue.idx):
            continue
        comps = [c for c in cue.children if c.dep_ == "ccomp"]
        subj = subject_of(cue)
        if not comps and cue.dep_ == "parataxis" and subj is not None and subj.head == cue:
            found.extend(_parenthetical(cue, subj, t))
            continue
        ranges = [(c.left_edge.i, _run_on(cue, c, verbs)) for c in comps] or object_content(cue, objects)
        if not ranges or subj is None or any(left <= subj.i <= right and not left < cue.i < right
                                             for left, right in ranges):
            continue
        left, right = max(ranges, key=lambda r: r[1] - r[0])
        if right - left < 1:
            continue
        start, end = trim(t.doc, left, right)
        start, end, direct = widen(start, end, cue.idx, t)
        frame = [c for c in cue.children if c != subj and not (c.left_edge.i <= left and right <= c.right_edge.i)
                 and not left <= c.i <= right]
        found.append(Attribution(start, end, direct, cue, cue.text, subj, phrase(subj, t), frame))
    return found


def _parenthetical(cue: Token, subj: Token, t: Text) -> list[Attribution]:
    """"The plan, he said, would fail." and "The plan would fail, he said.": the clause the tag
    interrupts or closes is the content (a tag inside it stays inside, as annotators mark it); a
    quotation the tag closes ends at its marks ('"We won," she said, and the crowd cheered')."""
    head = cue.head
    while head.dep_ == "advcl" and head.head != head:  # "Though it was calm, he said, ...": the whole sentence
        head = head.head
    left, right = head.left_edge.i, head.right_edge.i
    tag_left, tag_right = cue.left_edge.i, cue.right_edge.i
    closes = tag_left > left + 1 and any(QUOTE_MARK.fullmatch(x.text) for x in t.doc[tag_left - 1 : subj.left_edge.i])
    if tag_right >= right - 1 or closes:
        right = tag_left - 1
    elif tag_left <= left + 1:
        left = tag_right + 1
    if right - left < 2:
        return []
    start, end = trim(t.doc, left, right)
    start, end, direct = widen(start, end, cue.idx, t)
    frame = [c for c in cue.children if c != subj]
    return [Attribution(start, end, direct, cue, cue.text, subj, phrase(subj, t), frame)]


def object_content(cue: Token, objects: dict[str, list[str]]) -> list[tuple[int, int]]:
    """Token ranges of the object that is a cue's content: "vowed [to retake the town]", "called
    for [a truce]", "called [the senator a "nasty guy"]"."""
    out = []
    for want in objects.get(lemma(cue, lexicon()["cue_verbs"]), ()):
        if want == "oprd":
            out.extend(_naming(cue))
            continue
        if want == "object_to":
            out.extend(_directive(cue))
            continue
        for c in cue.children:
            if c.dep_ == want:
                out.append((c.left_edge.i, c.right_edge.i))
            elif c.dep_ == "prep" and c.lower_ == want:
                out.extend((x.left_edge.i, x.right_edge.i) for x in c.children if x.dep_ in ("pobj", "pcomp"))
    return out


def _naming(cue: Token) -> list[tuple[int, int]]:
    """"called the senator a "nasty guy"", "described her as a disgrace": the object is content only
    with what it is called (an object alone, "called the police", is no speech)."""
    obj = next((c for c in cue.children if c.dep_ == "dobj"), None)
    name = next((c for c in cue.children if c.dep_ == "oprd" or (c.dep_ == "prep" and c.lower_ == "as")), None)
    if obj is None or name is None or name.i < obj.i:
        return []
    return [(obj.left_edge.i, name.right_edge.i)]


def _directive(cue: Token) -> list[tuple[int, int]]:
    """"urged residents to leave": who is urged belongs with what they are urged to do."""
    obj = next((c for c in cue.children if c.dep_ == "dobj"), None)
    comp = next((c for c in cue.children if c.dep_ == "xcomp"), None)
    if obj is None or comp is None or comp.i < obj.i:
        return []
    return [(obj.left_edge.i, comp.right_edge.i)]


def _clip(comp: Token, verbs: set[str]) -> int:
    """Last token of a content clause, before a trailing participle, a second speech verb with its
    own clause (", arguing that ...", "... and warned that ...") that is not part of it."""
    right = comp.right_edge.i
    for c in comp.children:
        tail = (c.dep_ == "advcl" and c.tag_ == "VBG") or _second_cue(c, comp, verbs)
        if c.i > comp.i and tail and c.left_edge.i > comp.i:
            right = min(right, c.left_edge.i - 1)
    while right > comp.i and comp.doc[right].dep_ in ("cc", "punct"):
        right -= 1
    return right


def _second_cue(conj: Token, comp: Token, verbs: set[str]) -> bool:
    """"said it was opposed and warned X to ...": a speech verb joined to the content that has a clause
    of its own, or no subject of its own and the cue's tense, is the speaker's next act (the parser
    hung it on the content)."""
    if conj.dep_ != "conj" or lemma(conj, verbs) not in verbs:
        return False
    if any(x.dep_ == "ccomp" for x in conj.children):
        return True
    own_subject = any(x.dep_ in ("nsubj", "nsubjpass") for x in conj.children)
    return not own_subject and conj.tag_ == comp.head.tag_ and conj.tag_ in ("VBD", "VBZ")


def _run_on(cue: Token, comp: Token, verbs: set[str]) -> int:
    """Last token of a content clause; one that comes before its tag runs on over a clause joined
    after the tag ("Prices rose, the bank said, and wages fell"), which the tag interrupts. A
    quotation ends where its marks do ('"We won," she said, and the crowd cheered')."""
    right = _clip(comp, verbs)
    first = comp.left_edge.i
    if comp.i > cue.i or any(QUOTE_MARK.fullmatch(x.text) for x in comp.doc[max(0, first - 1) : first + 1]):
        return right
    more = [c for c in cue.children if c.dep_ == "conj" and c.i > cue.i and lemma(c, verbs) not in verbs]
    return max([right, *(c.right_edge.i for c in more)])


def from_nouns(t: Text) -> list[Attribution]:
    """"his insistence that ...", "X made the claim that ...": a speech noun's clause is the content."""
    found = []
    nouns = lexicon()["noun_cues"]
    for tok in t.doc:
        if tok.pos_ != "NOUN" or tok.lemma_.lower() not in nouns or t.quote_of(tok.idx):
            continue
        comp = next((c for c in tok.children if c.dep_ in ("acl", "ccomp") and c.i > tok.i
                     and (c.left_edge.lower_ in ("that", "to") or c.tag_ == "TO" or c.left_edge.tag_ == "TO")), None)
        if comp is None:
            continue
        subj = _holder(tok)
        if subj is None:
            continue
        start, end = trim(t.doc, comp.left_edge.i, _clip(comp, set()))
        start, end, direct = widen(start, end, tok.idx, t)
        found.append(Attribution(start, end, direct, tok, tok.text, subj, phrase(subj, t)))
    return found


def _holder(noun: Token) -> Token | None:
    """Whose words a speech noun carries: "his claim", "warnings from the agency", "X made the claim"."""
    subj = next((c for c in noun.children if c.dep_ == "poss"), None)
    if subj is None:
        prep = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ in ("from", "by") and c.i < noun.i + 4),
                    None)
        subj = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None
    if subj is None and noun.dep_ == "dobj":
        subj = next((c for c in noun.head.children if c.dep_ == "nsubj"), None)
    return subj


def from_according(t: Text) -> list[Attribution]:
    """"according to X, ..." and "..., according to X": the rest of the sentence is the content."""
    found = []
    doc = t.doc
    for tok in doc:
        if tok.lower_ != "according" or tok.i + 1 >= len(doc) or doc[tok.i + 1].lower_ != "to":
            continue
        src = next((c for c in doc[tok.i + 1].children if c.dep_ == "pobj"), None)
        if src is None:
            continue
        sent = tok.sent
        a0, a1 = tok.i, max(tok.right_edge.i, src.right_edge.i)
        first = max(sent.start, t.token_at(t.paragraph_start(tok.idx)))  # a heading may share the sentence
        left, right = _around(first, a0, a1, sent.end - 1)
        if right - left < 2:
            continue
        start, end = trim(doc, left, right)
        start, end, direct = widen(start, end, tok.idx, t)
        found.append(Attribution(start, end, direct, tok, "according to", src, phrase(src, t)))
    return found


def _around(first: int, a0: int, a1: int, last: int) -> tuple[int, int]:
    """The content beside "according to X" (tokens a0..a1) in a sentence first..last: the side that
    holds the claim, or the whole sentence when the phrase interrupts it ("Prices rose, according to
    the bank, and wages fell")."""
    before, after = a0 - first, last - a1
    if min(before, after) >= MIN_SIDE_TOKENS:
        return first, last
    return (first, a0 - 1) if before > after else (a1 + 1, last)


def from_colon_lines(t: Text) -> list[Attribution]:
    """'WALLACE: Let's start ...' and 'Pollster: Voters ...': a paragraph opened by a name and a
    colon is that speaker's (transcripts, headlines)."""
    found = []
    for m in COLON_LINE.finditer(t.text):
        name = t.doc.char_span(m.start("name"), m.end("name"), alignment_mode="contract")
        end = len(t.text[: m.end()].rstrip().rstrip("."))
        if name is None or not _names_a_source(name) or end - m.start("body") < 10:
            continue
        found.append(Attribution(m.start("body"), end, bool(m.group("mark")), None, ":", name.root, name))
    return found


def _names_a_source(name: Span) -> bool:
    """"PENCE:", "Sanders:", "Poll:" open what they say; "UPDATE:" and "Photo:" are the editor's labels."""
    lex = lexicon()
    if name.text.lower() in lex["editorial_labels"]:
        return False
    return (all(x.is_upper or x.pos_ == "PROPN" for x in name) or name.root.ent_type_ in ("PERSON", "ORG", "NORP")
            or name.text.lower() in lex["colon_sources"])
