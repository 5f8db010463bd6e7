"""Bytes to text, and what kind of text it is.

UTF-8 first, always, and per document (per line in a JSONL batch): a stray byte that is not UTF-8
(a Windows-1252 apostrophe, 0x92, pasted into a UTF-8 file) is repaired where it stands, read as
Windows-1252, and the document is flagged, so one bad byte never changes how the rest is read. Only
bytes that are not UTF-8 at all (most of their non-ASCII bytes invalid) go to charset-normalizer, which
guesses their code page. A byte-order mark names UTF-16 or UTF-32. Mojibake already in the text
("â€™" for "’", "Ã©" for "é") is undone by ftfy (`fix_mojibake`), before cleaning.
"""
from __future__ import annotations

import codecs
import contextlib
import re
import threading
from dataclasses import dataclass, field
from functools import lru_cache

_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_REPAIR = "dateline-cp1252"
_local = threading.local()


def _repair(exc: UnicodeError) -> tuple[str, int]:
    """Bytes that are not UTF-8, read one by one as Windows-1252 (U+FFFD for its five unused bytes)."""
    if not isinstance(exc, UnicodeDecodeError):  # a handler for decoding only
        raise exc
    bad = exc.object[exc.start:exc.end]
    _local.repaired = getattr(_local, "repaired", 0) + len(bad)
    return "".join(bytes([b]).decode("cp1252", errors="replace") for b in bad), exc.end


codecs.register_error(_REPAIR, _repair)


@dataclass
class Decoded:
    """Text, the encoding it was read in, and what had to be repaired (for a warning naming the document)."""

    text: str
    encoding: str
    repaired: int = 0  # bytes that were not UTF-8, read as Windows-1252
    notes: list[str] = field(default_factory=list)


def bom_encoding(data: bytes) -> str | None:
    """The encoding a byte-order mark names, or None."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    return None


def utf8_repaired(data: bytes) -> tuple[str, int]:
    """`data` as UTF-8, bytes that are not UTF-8 read as Windows-1252; and how many bytes that was."""
    _local.repaired = 0
    text = data.decode("utf-8", errors=_REPAIR)
    return text, _local.repaired


def utf8_profile(data: bytes) -> tuple[int, int]:
    """(valid multi-byte UTF-8 characters, bytes that are not UTF-8) in `data`."""
    text, bad = utf8_repaired(data)
    return len(text) - len(text.encode("ascii", "ignore")) - bad, bad


def mostly_not_utf8(data: bytes) -> bool:
    """True when `data` is text in another encoding, not UTF-8 with a few stray bytes: more of its
    non-ASCII bytes are invalid UTF-8 than valid, and they are more than one byte in a thousand."""
    good, bad = utf8_profile(data)
    return bad > good and bad * 1000 > len(data)


def jsonl_lines(data: bytes) -> list[bytes | tuple[str, list[str]]]:
    """The lines of a JSONL batch, each decoded on its own: a UTF-8 line as it is (bytes, for
    `formats.jsonl_line`); a line with no UTF-8 in it at all in the code page charset-normalizer finds
    for all such lines together, flagged. A valid UTF-8 line is never re-read in a guessed code page."""
    raw = data.split(b"\n")
    lines: list[bytes | tuple[str, list[str]]] = list(raw)
    legacy = [i for i, line in enumerate(raw) if _legacy_line(line)]
    if not legacy:
        return lines
    found = guess(b"\n".join(raw[i] for i in legacy))
    if found is None:
        return lines
    for i in legacy:
        with contextlib.suppress(UnicodeDecodeError, LookupError):
            lines[i] = (raw[i].decode(found.encoding), [f"not UTF-8: read as {found.encoding} (a guess)"])
    return lines


def _legacy_line(line: bytes) -> bool:
    good, bad = utf8_profile(line)
    return good == 0 and bad >= 3


def decode(data: bytes) -> str | None:
    """Text from bytes (see `decode_document`), or None when no encoding fits."""
    found = decode_document(data)
    return found.text if found else None


def decode_document(data: bytes) -> Decoded | None:
    """One document's bytes as text: BOM, else UTF-8 (stray bytes repaired), else a guessed code page."""
    bom = bom_encoding(data)
    if bom:
        try:
            return Decoded(data.decode(bom), bom)
        except UnicodeDecodeError:
            return None
    text, bad = utf8_repaired(data)
    if not bad:
        return Decoded(text, "utf-8")
    if not mostly_not_utf8(data):
        return Decoded(text, "utf-8", bad, [f"{bad} byte(s) that are not UTF-8 read as Windows-1252; "
                                            "check the text around them"])
    return guess(data)


def guess(data: bytes) -> Decoded | None:
    """Bytes that are not UTF-8 at all, in the code page charset-normalizer finds most likely."""
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        return None
    return Decoded(str(best), best.encoding, 0, [f"not UTF-8: read as {best.encoding} (a guess)"])


_C1 = re.compile("([\x80-\x9f])")


@lru_cache(maxsize=1)
def _ftfy_config():
    from ftfy import TextFixerConfig

    # Mojibake only: quotes, ligatures, widths, line breaks, HTML entities and normalization stay as written.
    return TextFixerConfig(unescape_html=False, remove_terminal_escapes=False, fix_encoding=True,
                           restore_byte_a0=True, replace_lossy_sequences=False, decode_inconsistent_utf8=True,
                           fix_c1_controls=False, fix_latin_ligatures=False, fix_character_width=False,
                           uncurl_quotes=False, fix_line_breaks=False, fix_surrogates=True,
                           remove_control_chars=False, normalization=None, explain=False)


def fix_mojibake(text: str) -> str:
    """Text decoded twice ("â€™", "Ã©") put back as written; text without mojibake is returned unchanged."""
    if text.isascii():
        return text
    from ftfy import fix_text

    # C1 controls (NEL U+0085 ...) are kept as they are: ftfy would read a lone one as a mis-decoded "…".
    parts = _C1.split(text)
    return "".join(p if i % 2 else fix_text(p, _ftfy_config()) if p else p for i, p in enumerate(parts))


def looks_binary(data: bytes) -> bool:
    if bom_encoding(data) in ("utf-16", "utf-32"):
        return False
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    control = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13, 27))
    return control > len(sample) * 0.05


def looks_html(text: str) -> bool:
    head = text.lstrip()[:500].lower()
    return head.startswith(("<!doctype html", "<html")) or ("<body" in head and "</" in text)
