"""Token and clause helpers for reading a trigger in its sentence: the head of a matched phrase, its
subject, objects and doer, what a pronoun stands for, the clauses that describe a noun, and how
prominent a token is in its sentence.
"""
from __future__ import annotations

from .lexicon import PhraseMatch


def phrase_head(doc, m: PhraseMatch):
    """The syntactic head of a matched phrase: the token its sentence hangs it on."""
    return doc[m.start : m.end].root


def subject_of(tok):
    """The doer: nominal subject, or the agent of a passive ("was seized by rebels")."""
    for c in tok.children:
        if c.dep_ == "nsubj":
            return c
        if c.dep_ == "agent":
            for g in c.children:
                if g.dep_ == "pobj":
                    return g
    if tok.dep_ in ("xcomp", "conj", "advcl") and tok.head.i != tok.i:
        return subject_of(tok.head)
    return None


def doer_of(tok):
    """The subject of this verb or of the verb it is coordinated with, not of a clause above it."""
    while tok.dep_ == "conj" and not any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children):
        tok = tok.head
    return next((c for c in tok.children if c.dep_ == "nsubj"), None)


def antecedent_of(tok):
    """A pronoun stands for the subject of a clause above it ("the army said it had cleared the area")."""
    cur = tok
    while tok.pos_ == "PRON" and cur.head.i != cur.i:
        if cur.dep_ == "acl" and cur.head.pos_ in ("NOUN", "PROPN"):  # "fighters announced that they ..."
            return cur.head
        cur = cur.head
        subj = next((c for c in cur.children if c.dep_ == "nsubj" and c.pos_ != "PRON"), None)
        if subj is not None:
            return subj
    return tok


def objects_of(tok):
    """The tokens a trigger acts on: direct/passive objects, 'X of/on/against Y', 'control of Y'."""
    out = []
    for c in tok.children:
        if c.dep_ in ("dobj", "nsubjpass", "attr", "oprd"):
            out.append(c)
        elif c.dep_ == "prep" and c.lower_ in ("of", "on", "against", "at", "in", "into", "from", "over", "near"):
            out += [g for g in c.children if g.dep_ == "pobj"]
        elif c.dep_ in ("prt", "prep") and c.lower_ in ("out", "away", "off"):  # "drove them out of the town"
            out += objects_of(c)
    if tok.dep_ in ("amod", "compound") and tok.head.pos_ in ("NOUN", "PROPN"):
        out.append(tok.head)
    return out


def describing_clauses(tok) -> set[int]:
    """The clauses that describe a noun: "engineers working in the Tillaberi region" are people, wherever
    they were."""
    return {t.i for c in tok.children if c.dep_ in ("acl", "relcl") for t in c.subtree}


def subtree_hits(tok, marks: set[int]) -> bool:
    return tok is not None and any(t.i in marks for t in tok.subtree)


def prominence(tok) -> float:
    """1 for the main clause, less for each step down: the main verb says what the sentence reports."""
    depth, cur = 0, tok
    while cur.head.i != cur.i and depth < 8:
        if cur.dep_ not in ("conj", "compound", "amod", "prt"):
            depth += 1
        cur = cur.head
    return max(0.6, 1.0 - 0.07 * max(0, depth - 1))
