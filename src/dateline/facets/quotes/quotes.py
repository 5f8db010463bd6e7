"""Who said what: direct and indirect speech with a resolved speaker. Built by issue 5.

Everything rides on the parse. An attribution is found by:
- a speech, thought or stance verb's clausal complement: "X said (that) ...", "she learned that ...",
  widened over any quotation it opens, or for some verbs its object ("vowed to ...", "called for ...",
  "backed the bill", "spoke about the drought"); a tag inside the clause ("The plan, he said, would
  fail");
- a speech noun's clause: "his insistence that ...";
- "according to X, ...";
- a quotation beside a speech tag: '"...," he said.', 'X told AP: "..."', '"..." ― Name';
- a paragraph opened by "NAME: " (transcripts);
- a quotation with no tag of its own that follows one already attributed in its paragraph.
A quotation split by its tag ('"A," he said. "B."') is one quote each side of the tag, both the
speaker's, the tag the writer's; short quoted words (scare quotes, titles) are none on their own
unless they open a sentence and close with their own punctuation ('"I would," she said.'). The writer's aside that closes a
content (", which ...", "; ...") is left out of it.
Speakers are resolved in reading order by speakers.Resolver (pronouns look back).
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from ...nlp.context import FacetInput
from ...record import Quote, Speaker
from ..base import facet
from .speakers import Resolver, lexicon

QUOTE_MARK = re.compile(r"[“”\"]|''")
DAY = re.compile(r"^\d{4}-\d\d-\d\d$")
MIN_WORDS = 4  # a shorter quotation is a scare quote, a title or a fragment inside someone's words
TAG_AFTER_TOKENS = 10
TAG_BEFORE_TOKENS = 25
MIN_SIDE_TOKENS = 5  # a clause on each side of "according to X" makes it an interruption
STOP_TEXT = {".", "!", "?", ";"}
CONCESSIVE = {"although", "though", "while", "whereas", "even"}
SPOKEN_END = (",", ".", "!", "?", "…")
STOP_SOURCE = re.compile(r"[,;“”\"(]|''")
DASHES = ("―", "—", "--", "–")
COLON_LINE = re.compile(r"""(?m)^(?P<mark>[“"]?)(?P<name>[A-Z][\w.’'-]*(?: [A-Z][\w.’'-]*){0,3}): (?P<body>\S.*)$""")
CLAUSES = ("advcl", "ccomp", "xcomp", "conj", "parataxis", "relcl", "acl")
SUBJECT_CLIMB = ("advcl", "xcomp", "conj", "pcomp", "acl", "dobj", "relcl")


@dataclass
class Found:
    """One attribution before its speaker is resolved."""

    start: int
    end: int
    direct: bool
    cue: Token | None
    cue_text: str
    speaker_head: Token | None = None
    speaker_span: Span | None = None
    frame: list[Token] = field(default_factory=list)  # the cue's modifiers, which name medium and date
    speaker: Speaker | None = None
    medium: str | None = None
    date: str | None = None


class Text:
    """Paragraphs, quotation spans and token lookup by character, computed once per document."""

    def __init__(self, doc: Doc, text: str):
        self.doc, self.text = doc, text
        self.newlines = [m.start() for m in re.finditer("\n", text)]
        self.tok_starts = [t.idx for t in doc]
        self.quotes = self._quote_spans()

    def paragraph_of(self, pos: int) -> int:
        return bisect.bisect_right(self.newlines, pos - 1) if pos else 0

    def paragraph_start(self, pos: int) -> int:
        i = self.paragraph_of(pos)
        return self.newlines[i - 1] + 1 if i else 0

    def _paragraph_end(self, para: int) -> int:
        start = self.newlines[para - 1] + 1 if para else 0
        end = self.newlines[para] if para < len(self.newlines) else len(self.text)
        return start + len(self.text[start:end].rstrip())

    def _quote_spans(self) -> list[tuple[int, int]]:
        """(start, end) of each quotation, marks included; an unclosed one runs to its paragraph's end.
        Curly marks say which way they face ("”" opens only where a word follows it, as some sites
        write); straight ones alternate."""
        spans, open_at, open_para = [], None, -1
        for m in QUOTE_MARK.finditer(self.text):
            para = self.paragraph_of(m.start())
            if open_at is not None and para != open_para:
                spans.append((open_at, self._paragraph_end(open_para)))
                open_at = None
            mark = m.group()
            if open_at is not None and mark != "“":
                spans.append((open_at, m.end()))
                open_at = None
            elif mark != "”" or self.text[m.end() : m.end() + 1].isalnum():
                open_at, open_para = m.start(), para
        if open_at is not None:
            spans.append((open_at, self._paragraph_end(open_para)))
        return spans

    def token_at(self, pos: int) -> int:
        """Index of the first token starting at or after `pos`."""
        return bisect.bisect_left(self.tok_starts, pos)

    def quote_of(self, pos: int) -> tuple[int, int] | None:
        i = bisect.bisect_right(self.quotes, (pos, len(self.text) + 1)) - 1
        if i >= 0 and self.quotes[i][0] <= pos < self.quotes[i][1]:
            return self.quotes[i]
        return None


# ---------------------------------------------------------------- cues and their subjects
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
    while right + 2 < len(doc) and not doc[right].whitespace_ and doc[right + 1].text == "-" and not doc[right + 1].whitespace_:
        right += 2  # "Omar al" + "-Haddad": the parser cut a hyphenated name
    if any(t.quote_of(doc[i].idx) for i in (left, right)) and not t.quote_of(tok.idx):
        left, right = tok.i, tok.i
        while left > 0 and doc[left - 1].head == tok and doc[left - 1].dep_ in ("compound", "amod", "det", "flat", "poss"):
            left -= 1
    return doc[left : right + 1]


def _trim(doc: Doc, left: int, right: int) -> tuple[int, int]:
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


def _widen(start: int, end: int, cue_pos: int, t: Text) -> tuple[int, int, bool]:
    """Widen [start, end) over the quotations it touches (never over the cue); direct when one
    quotation makes up the content."""
    covered = 0
    for qs, qe in t.quotes:
        if qe <= start or qs >= end or qs <= cue_pos < qe:
            continue
        start, end = min(start, qs), max(end, qe)
        covered = max(covered, qe - qs)
    return start, end, covered >= 0.8 * (end - start)


# ---------------------------------------------------------------- the four ways in
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


def from_clauses(t: Text, verbs: set[str]) -> list[Found]:
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
        if not ranges or subj is None or any(left <= subj.i <= right and not left < cue.i < right for left, right in ranges):
            continue
        left, right = max(ranges, key=lambda r: r[1] - r[0])
        if right - left < 1:
            continue
        start, end = _trim(t.doc, left, right)
        start, end, direct = _widen(start, end, cue.idx, t)
        frame = [c for c in cue.children if c != subj and not (c.left_edge.i <= left and right <= c.right_edge.i)
                 and not left <= c.i <= right]
        found.append(Found(start, end, direct, cue, cue.text, subj, phrase(subj, t), frame))
    return found


def _parenthetical(cue: Token, subj: Token, t: Text) -> list[Found]:
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
    start, end = _trim(t.doc, left, right)
    start, end, direct = _widen(start, end, cue.idx, t)
    frame = [c for c in cue.children if c != subj]
    return [Found(start, end, direct, cue, cue.text, subj, phrase(subj, t), frame)]


def from_nouns(t: Text) -> list[Found]:
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
        start, end = _trim(t.doc, comp.left_edge.i, _clip(comp, set()))
        start, end, direct = _widen(start, end, tok.idx, t)
        found.append(Found(start, end, direct, tok, tok.text, subj, phrase(subj, t)))
    return found


def _holder(noun: Token) -> Token | None:
    """Whose words a speech noun carries: "his claim", "warnings from the agency", "X made the claim"."""
    subj = next((c for c in noun.children if c.dep_ == "poss"), None)
    if subj is None:
        prep = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ in ("from", "by") and c.i < noun.i + 4), None)
        subj = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None
    if subj is None and noun.dep_ == "dobj":
        subj = next((c for c in noun.head.children if c.dep_ == "nsubj"), None)
    return subj


def from_according(t: Text) -> list[Found]:
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
        start, end = _trim(doc, left, right)
        start, end, direct = _widen(start, end, tok.idx, t)
        found.append(Found(start, end, direct, tok, "according to", src, phrase(src, t)))
    return found


def _around(first: int, a0: int, a1: int, last: int) -> tuple[int, int]:
    """The content beside "according to X" (tokens a0..a1) in a sentence first..last: the side that
    holds the claim, or the whole sentence when the phrase interrupts it ("Prices rose, according to
    the bank, and wages fell")."""
    before, after = a0 - first, last - a1
    if min(before, after) >= MIN_SIDE_TOKENS:
        return first, last
    return (first, a0 - 1) if before > after else (a1 + 1, last)


def _tag_after(qe: int, t: Text, verbs: set[str]) -> Token | None:
    """'"...," he said.': a cue among the few words after the quotation, before the sentence ends."""
    start = t.token_at(qe)
    return _first_cue(t.doc, range(start, min(len(t.doc), start + TAG_AFTER_TOKENS)), verbs)


def _tag_before(qs: int, t: Text, verbs: set[str]) -> Token | None:
    """'X told AP: "..."': the nearest cue before the quotation, the two joined by a colon, a comma
    or nothing at all."""
    doc = t.doc
    before = t.text[max(0, qs - 80) : qs].rstrip()
    if not (before[-1:] in (":", ",") or before.split(" ")[-1].isalpha()):
        return None
    first = t.token_at(qs) - 1
    return _first_cue(doc, range(first, max(-1, first - TAG_BEFORE_TOKENS), -1), verbs)


def _first_cue(doc: Doc, indexes: range, verbs: set[str]) -> Token | None:
    """The first cue with a subject among `indexes`, unless a sentence end, quote mark or line break comes first."""
    for i in indexes:
        tok = doc[i]
        if tok.text in STOP_TEXT or QUOTE_MARK.fullmatch(tok.text) or "\n" in tok.text:
            return None
        if is_cue(tok, verbs) and subject_of(tok) is not None:
            return tok
    return None


def _colon_lead(qs: int, t: Text) -> Token | None:
    """'Obama rolled out a new message: "It's about me."': a quotation the writer introduces with a
    colon is said by the subject of the clause before it."""
    before = t.text[t.paragraph_start(qs) : qs].rstrip()
    if not before.endswith(":"):
        return None
    verb = t.doc[t.token_at(qs) - 1].head
    while verb.pos_ not in ("VERB", "AUX") and verb.head != verb:  # "... a new message:" hangs from a noun
        verb = verb.head
    return verb if verb.pos_ in ("VERB", "AUX") and verb.idx < qs and subject_of(verb) is not None else None


def _dash_source(qe: int, t: Text) -> Span | None:
    """'"..." ― Jane Doe, a nurse': the words after a dash that follows a quotation."""
    window = t.text[qe : qe + 4]
    rest = window.lstrip(" \u00a0")
    if not rest.startswith(DASHES):
        return None
    begin = qe + len(window) - len(rest) + (2 if rest.startswith("--") else 1)
    line_end = t.text.find("\n", begin)
    line_end = len(t.text) if line_end < 0 else line_end
    stop = STOP_SOURCE.search(t.text, begin, line_end)
    stop = stop.start() if stop else line_end
    span = t.doc.char_span(begin, stop, alignment_mode="contract")
    if span is None or not span.text.strip() or not any(x.pos_ == "PROPN" for x in span) or len(span) > 8:
        return None
    return span


def _stands_alone(qs: int, qe: int, t: Text) -> bool:
    """'"I would," she said.': a short quotation that opens its sentence and closes with its own
    punctuation is someone's utterance, not a scare quote or a title inside a sentence."""
    inner = t.text[qs:qe].rstrip("“”\"'")
    before = t.text[t.paragraph_start(qs) : qs].rstrip()
    return inner[-1:] in SPOKEN_END and (not before or before[-1] in ".!?:")


def from_quotations(t: Text, verbs: set[str], taken: list[tuple[int, int]]) -> tuple[list[Found], list[tuple[int, int]]]:
    """Quotations not yet inside a content: attributed by a tag beside them; the rest are returned
    for continuation."""
    found, untagged = [], []
    for qs, qe in t.quotes:
        if any(s < qe and qs < e for s, e in taken):
            continue
        span = t.doc.char_span(qs, qe, alignment_mode="expand")
        if span is None or (sum(1 for x in span if x.is_alpha) < MIN_WORDS and not _stands_alone(qs, qe, t)):
            continue
        cue = _tag_after(qe, t, verbs) or _tag_before(qs, t, verbs) or _colon_lead(qs, t)
        if cue is not None:
            subj = subject_of(cue)
            frame = [c for c in cue.children if c != subj and c.dep_ != "ccomp"]
            found.append(Found(qs, qe, True, cue, cue.text, subj, phrase(subj, t), frame))
            continue
        dash = _dash_source(qe, t)
        if dash is not None:
            found.append(Found(qs, qe, True, None, t.text[qe : dash.start_char].strip(), dash.root, dash))
            continue
        untagged.append((qs, qe))
    return found, untagged


def continuations(untagged: list[tuple[int, int]], found: list[Found], t: Text) -> list[Found]:
    """A quotation with no tag continues the last attribution of its paragraph, or the previous
    paragraph's closing quotation when it opens its own paragraph."""
    out = []
    done = sorted((f for f in found if f.speaker is not None), key=lambda f: f.end)
    ends = [f.end for f in done]
    for qs, qe in untagged:
        i = bisect.bisect_right(ends, qs) - 1
        if i < 0:
            continue
        prev = done[i]
        same = t.paragraph_of(prev.start) == t.paragraph_of(qs)
        opens = not t.text[t.paragraph_start(qs) : qs].strip()
        follows = prev.direct and t.paragraph_of(prev.end) == t.paragraph_of(qs) - 1 and opens
        if not (same or follows):
            continue
        f = Found(qs, qe, True, None, prev.cue_text, speaker=prev.speaker, medium=prev.medium, date=prev.date)
        out.append(f)
        done.insert(i + 1, f)
        ends.insert(i + 1, qe)
    return out


def _names_a_source(name: Span) -> bool:
    """"PENCE:", "Sanders:", "Poll:" open what they say; "UPDATE:" and "Photo:" are the editor's labels."""
    lex = lexicon()
    if name.text.lower() in lex["editorial_labels"]:
        return False
    return (all(x.is_upper or x.pos_ == "PROPN" for x in name) or name.root.ent_type_ in ("PERSON", "ORG", "NORP")
            or name.text.lower() in lex["colon_sources"])


def from_colon_lines(t: Text) -> list[Found]:
    """'WALLACE: Let's start ...' and 'Pollster: Voters ...': a paragraph opened by a name and a
    colon is that speaker's (transcripts, headlines)."""
    found = []
    for m in COLON_LINE.finditer(t.text):
        name = t.doc.char_span(m.start("name"), m.end("name"), alignment_mode="contract")
        end = len(t.text[: m.end()].rstrip().rstrip("."))
        if name is None or not _names_a_source(name) or end - m.start("body") < 10:
            continue
        found.append(Found(m.start("body"), end, bool(m.group("mark")), None, ":", name.root, name))
    return found


# ---------------------------------------------------------------- putting it together
def _dedupe(found: list[Found]) -> list[Found]:
    """One attribution per content: a second one covering nearly the same words is dropped."""
    kept: list[Found] = []
    for f in sorted(found, key=lambda f: (f.start, -(f.end - f.start))):
        if any(min(k.end, f.end) - max(k.start, f.start) >= 0.9 * min(k.end - k.start, f.end - f.start) for k in kept[-3:]):
            continue
        kept.append(f)
    return kept


def _host_modifiers(cue: Token | None, subj: Token | None) -> list[Token]:
    """"issued a statement yesterday complaining that": a cue that borrows its subject from the verb it
    hangs from shares that verb's time and medium too."""
    if cue is None or subj is None or subj.head == cue or subj.dep_ != "nsubj":
        return []
    host = subj.head
    return [c for c in host.children if c != subj and c.dep_ not in CLAUSES and not c.left_edge.i <= cue.i <= c.right_edge.i]


def _same_occasion(found: list[Found], t: Text) -> None:
    """'"...," he explained.' after 'X told the media yesterday ...': a speaker's later words in the
    same paragraph were said when the first were, unless the text says otherwise."""
    last: dict[tuple[int, str], str] = {}
    for f in sorted(found, key=lambda f: f.start):
        if f.speaker is None:
            continue
        key = (t.paragraph_of(f.start), f.speaker.name)
        if f.date is None:
            f.date = last.get(key)
        elif f.date:
            last[key] = f.date


def _frame_details(f: Found, resolver: Resolver, times, t: Text) -> None:
    """Medium and date named around the cue: "told the Los Angeles Times yesterday", "Speaking to the
    Los Angeles Times, an official estimated". A date must modify the cue itself, not a clause of its own."""
    floor = t.paragraph_start(f.cue.idx) if f.cue is not None else 0  # a byline may share the sentence
    frame = f.frame + _host_modifiers(f.cue, f.speaker_head)
    ranges = [(max(floor, c.left_edge.idx), c.right_edge.idx + len(c.right_edge), c.dep_ not in CLAUSES) for c in frame]
    if f.speaker_span is not None:
        ranges.append((f.speaker_span.start_char, f.speaker_span.end_char, True))  # "yesterday's Times"
    for s, e, dated in ranges:
        f.medium = f.medium or resolver.media_in(s, e)
        if f.date is None and dated:
            f.date = next((x.value for x in times if s <= x.start and x.end <= e and DAY.match(str(x.value))), None)


@facet("quotes", requires=("entities", "times"))
def FACET(inp: FacetInput) -> list[Quote]:
    """Direct and indirect speech, each with its cue, medium, date and resolved speaker."""
    lex = lexicon()
    verbs = lex["cue_verbs"]
    t = Text(inp.doc, inp.text)
    found = from_clauses(t, verbs) + from_nouns(t) + from_according(t) + from_colon_lines(t)
    tagged, untagged = from_quotations(t, verbs, [(f.start, f.end) for f in found])
    found = _dedupe(found + tagged)
    resolver = Resolver(inp.doc, inp["entities"], t.paragraph_of)
    for f in sorted(found, key=lambda f: f.speaker_span.start_char):
        f.speaker = resolver.resolve(f.speaker_head, f.speaker_span)
        _frame_details(f, resolver, inp["times"], t)
    found = found + continuations(untagged, found, t)
    _same_occasion(found, t)
    return [Quote(inp.text[f.start : f.end], f.start, f.end, f.direct, f.cue_text.lower(), f.medium, f.date, f.speaker)
            for f in sorted(found, key=lambda f: f.start)]
