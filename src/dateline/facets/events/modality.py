"""Whether a trigger reports something that happened, from the words that govern it.

"vowed to attack" (threatened), "called for a march" (planned), "did not attack" (negated),
"could strike" (hypothetical). The walk climbs from the trigger through complements only: a subject or
a relative clause does not take the modality of its verb ("protesters demanded" is still a protest).
"""
from __future__ import annotations

CLIMB = {"acl", "xcomp", "ccomp", "dobj", "pobj", "prep", "attr", "oprd", "acomp", "conj", "advcl", "pcomp", "dative",
         "agent", "nsubjpass", "csubj", "appos", "compound", "nmod"}
MAX_STEPS = 6


def _own(tok, lex) -> str | None:
    """Modality marked on the trigger itself: 'no clashes', 'a planned march', 'will attack'."""
    m = lex.modality
    for c in tok.children:
        if c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ in ("no", "neither")):
            return "negated"
        if c.dep_ in ("aux", "auxpass"):
            word = c.lower_
            if word in m["future_aux"]:
                return "planned"
            if word in m["modal_aux"] and word != "can":
                return "hypothetical"
        if c.dep_ in ("amod", "compound", "nmod"):
            lemma = c.lemma_.lower()
            for kind in ("threatened", "planned", "hypothetical"):
                if lemma in m[kind] or c.lower_ in m[kind]:
                    return kind
    return None


def _describes_noun(tok) -> bool:
    """A bare past participle next to a noun describes it ("gunmen suspected to be herders attacked",
    "suspected militants killed"), though the parse may make it the verb that governs the act."""
    if (tok.tag_ == "VBN" and tok.i > 0 and tok.doc[tok.i - 1].pos_ in ("NOUN", "PROPN")
            and not any(c.dep_ in ("aux", "auxpass") for c in tok.children)):
        return True
    # "suspected militants killed nine": a subjectless participle before the subject of the act it governs
    subjects = [g for c in tok.children if c.dep_ == "ccomp" for g in c.children if g.dep_ in ("nsubj", "nsubjpass")]
    return not any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for c in tok.children) \
        and tok.i + 1 < len(tok.doc) and any(tok.i + 1 in {t.i for t in g.subtree} for g in subjects)


def _governor(tok, lex) -> str | None:
    m = lex.modality
    lemma = tok.lemma_.lower()
    if (lemma in m["attribution_verbs"] or lemma in m["background_verbs"]) and not _describes_noun(tok):
        return "attributed"  # "fled because of the attacks", "accused of the attack"
    if lemma in m["claim_verbs"] and any(c.lemma_.lower() in m["attribution_objects"] for c in tok.children):
        return "attributed"
    if tok.pos_ not in ("VERB", "NOUN", "ADJ", "AUX"):
        return None
    for kind in ("threatened", "planned", "hypothetical", "negated"):
        if lemma in m[kind]:
            return kind
    return None


def _attributed_above(tok, lex) -> bool:
    """'claimed responsibility for a car bomb that killed eight': the relative clause is attributed too."""
    if tok.dep_ not in ("relcl", "acl"):
        return False
    cur = tok
    for _ in range(MAX_STEPS):
        if cur.head.i == cur.i:
            return False
        cur = cur.head
        if _governor(cur, lex) == "attributed":
            return True
    return False


def _strongest(marks: list[str]) -> str:
    """The nearest negation, else a threat, else a plan anywhere above ("vowed operations would continue")."""
    if not marks:
        return "occurred"
    if marks[0] == "negated":
        return "negated"
    for intent in ("threatened", "planned"):  # a threat about the future is a threat
        if intent in marks:
            return intent
    return marks[0]


def of(tok, lex) -> str | None:
    """occurred | planned | threatened | negated | hypothetical; None when the act is only attributed."""
    marks = [_own(tok, lex)]
    if tok.dep_ in ("nsubj", "nsubjpass") and tok.head.i != tok.i:  # "no clashes were reported"
        head = tok.head.lemma_.lower()
        if head in lex.modality["attribution_verbs"]:  # "bombers are suspected to be behind"
            return None
        marks += [_own(tok.head, lex), "hypothetical" if head in lex.modality["hypothetical"] else None]
    cur = tok
    for _ in range(MAX_STEPS):
        if cur.dep_ not in CLIMB or cur.head.i == cur.i:
            if _attributed_above(cur, lex):
                return None
            break
        if cur.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in cur.children):
            marks.append("hypothetical")
        if (cur.i == tok.i and cur.dep_ in ("advcl", "acl") and tok.lemma_.lower() not in lex.modality["purpose_acts"]
                and any(c.dep_ == "aux" and c.lower_ == "to" for c in cur.children)):
            # a purpose: "launched an offensive to retake the city"; but "gathered to protest" did protest
            marks.append("planned")
        cur = cur.head
        found = _governor(cur, lex) or (_own(cur, lex) if cur.pos_ in ("VERB", "AUX") else None)
        if found == "attributed":
            return None
        marks.append(found)
    return _strongest([m for m in marks if m])
