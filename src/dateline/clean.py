"""From scraped text or Markdown to the clean body that every offset refers to."""
from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]+)\]\((?:[^()\s]|\([^)]*\))*\)")
_HEADING = re.compile(r"^#{1,6}\s+", re.M)
_BLOCKQUOTE = re.compile(r"^>\s?", re.M)
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1", re.S)
_EMPH_STAR = re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])")
_EMPH_UNDER = re.compile(r"(?<![\w_])_(?=\S)([^_\n]+?)(?<=\S)_(?![\w_])")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!$&%|<>~\"'])")
_RULE = re.compile(r"^\s*([-*_])(\s*\1){2,}\s*$", re.M)
_SPACES = re.compile(r"[ \t\u00a0]+")
_END_OF_SENTENCE = re.compile(r"[.!?:;\"'”’)\]…]\s*$")


@lru_cache(maxsize=1)
def boilerplate() -> list[re.Pattern]:
    lines = resources.files("dateline.data").joinpath("boilerplate.txt").read_text(encoding="utf-8").splitlines()
    return [re.compile(p, re.I) for p in lines if p.strip() and not p.startswith("#")]


def strip_markdown(text: str) -> str:
    text = _IMAGE.sub("", text)
    text = _LINK.sub(r"\1", text)
    text = _HEADING.sub("", text)
    text = _BLOCKQUOTE.sub("", text)
    text = _RULE.sub("", text)
    text = _STRONG.sub(r"\2", text)
    text = _EMPH_STAR.sub(r"\1", text)
    text = _EMPH_UNDER.sub(r"\1", text)
    return _ESCAPE.sub(r"\1", text)


def _is_boilerplate(para: str) -> bool:
    return any(p.search(para) for p in boilerplate())


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]


def drop_boilerplate(paras: list[str]) -> list[str]:
    """Drop footer and share/subscribe paragraphs; a bare link right after a footer goes with it."""
    out: list[str] = []
    after_footer = False
    for para in paras:
        if _is_boilerplate(para):
            after_footer = True
            continue
        if after_footer and len(para.split()) <= 3 and ("/" in para or "." in para) and " " not in para.strip():
            continue  # e.g. a contact URL on its own line below a footer
        after_footer = False
        out.append(para)
    return out


def rejoin(paras: list[str]) -> list[str]:
    """Mend paragraphs that scraping broke mid-sentence: no closing punctuation, then a lower-case start."""
    out: list[str] = []
    for para in paras:
        if out and not _END_OF_SENTENCE.search(out[-1]) and para[:1].islower() and len(out[-1].split()) > 3:
            out[-1] = out[-1] + " " + para
        else:
            out.append(para)
    return out


def clean(text: str, markdown: bool = True) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
    if markdown:
        text = strip_markdown(text)
    paras = [_SPACES.sub(" ", " ".join(line.strip() for line in p.split("\n") if line.strip()))
             if not _looks_like_lines(p) else "\n".join(_SPACES.sub(" ", l).strip() for l in p.split("\n"))
             for p in _paragraphs(text)]
    paras = rejoin(drop_boilerplate(paras))
    return "\n\n".join(paras) + "\n" if paras else ""


def _looks_like_lines(para: str) -> bool:
    """A block of short lines (a list, a header block) keeps its line breaks; wrapped prose is unwrapped."""
    lines = [l for l in para.split("\n") if l.strip()]
    return len(lines) > 1 and all(len(l) < 60 for l in lines)
