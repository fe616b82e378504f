"""Bytes -> str for HTML: gzip, BOM, declared charset, sniffing, and cheap mojibake repair."""

from __future__ import annotations

import codecs
import gzip
import re

from charset_normalizer import from_bytes

_GZIP_MAGIC = b"\x1f\x8b"
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# <meta charset="..."> and <meta http-equiv="Content-Type" content="text/html; charset=...">,
# and the XML declaration; looked for in the first bytes only, as browsers do.
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:\-]+)""", re.IGNORECASE)
_XML_DECL = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9._:\-]+)""", re.IGNORECASE)
_SNIFF_BYTES = 4096
_WESTERN = {"cp1252", "latin_1", "iso8859_15"}
_CHAOS_SLACK = 0.1
# WHATWG: these labels all mean windows-1252 (a superset that also decodes 0x80-0x9f).
_AS_CP1252 = {
    "iso-8859-1",
    "iso8859-1",
    "latin-1",
    "latin1",
    "l1",
    "us-ascii",
    "ascii",
    "cp819",
    "iso-ir-100",
}

# UTF-8 text that was decoded as windows-1252/latin-1: a lead byte (Â-ô) followed by one to three
# continuation bytes, each of which shows up as a char in 0x80-0xbf or as cp1252's remapped specials.
_CONT = "\u0080-\u00bf\u20ac\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u017d\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u017e\u0178"
_MOJIBAKE = re.compile(
    f"[\u00c2-\u00df][{_CONT}]|[\u00e0-\u00ef][{_CONT}]{{2}}|[\u00f0-\u00f4][{_CONT}]{{3}}"
)
_MOJIBAKE_HINT = re.compile(f"[\u00c2\u00c3\u00e2][{_CONT}]")


def maybe_gunzip(data: bytes) -> bytes:
    """Decompress gzip data (recognised by its magic bytes, whatever the file is called)."""
    if data[:2] == _GZIP_MAGIC:
        return gzip.decompress(data)
    return data


def declared_charset(data: bytes) -> str | None:
    """The charset the document declares in its first bytes, as a Python codec name, if valid."""
    head = data[:_SNIFF_BYTES]
    m = _XML_DECL.search(head) or _META_CHARSET.search(head)
    if not m:
        return None
    label = m.group(1).decode("ascii", "ignore").strip().lower()
    if label in _AS_CP1252:
        return "cp1252"
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    # a page served as UTF-16 cannot declare it in ASCII-compatible bytes; the declaration is stale
    return None if name.startswith("utf-16") or name.startswith("utf-32") else name


def decode_html(data: bytes) -> str:
    """Decode HTML bytes: BOM first; then UTF-8 if the bytes are valid UTF-8 (multi-byte sequences
    are almost never valid UTF-8 by accident, and pages often declare a charset they don't use);
    then the declared charset; then sniffing."""
    data = maybe_gunzip(data)
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return repair_mojibake(data.decode(codec, errors="replace"))
    for codec in ("utf-8", declared_charset(data) or "utf-8"):
        try:
            return repair_mojibake(data.decode(codec))
        except UnicodeDecodeError:
            continue
    return repair_mojibake(data.decode(sniff_charset(data), errors="replace"))


def sniff_charset(data: bytes) -> str:
    """Guess an undeclared, non-UTF-8 charset; windows-1252 (the web's commonest legacy charset)
    wins over other single-byte code pages that decode the bytes about as cleanly."""
    matches = list(from_bytes(data[:200_000]))
    if not matches:
        return "cp1252"
    best = matches[0]
    for match in matches:
        if match.encoding in _WESTERN and match.chaos <= best.chaos + _CHAOS_SLACK:
            return "cp1252"
    return str(best.encoding)


def _as_byte(char: str) -> bytes:
    # chars below 256 are latin-1 bytes (incl. C1 controls cp1252 leaves undefined), the rest cp1252
    return bytes((ord(char),)) if ord(char) < 256 else char.encode("cp1252")


def _fix_run(match: re.Match[str]) -> str:
    run = match.group(0)
    try:
        return b"".join(_as_byte(c) for c in run).decode("utf-8")
    except UnicodeError:
        return run


def repair_mojibake(text: str) -> str:
    """Undo UTF-8-read-as-windows-1252 ("cafÃ©" -> "café", "itâ€™s" -> "it's") where it is unambiguous.

    Only sequences that form valid UTF-8 once re-encoded are touched, so genuine Latin-1 text such
    as "Ã la carte" in a Portuguese page (no continuation character after the lead) stays as it is.
    """
    if not _MOJIBAKE_HINT.search(text):
        return text
    return _MOJIBAKE.sub(_fix_run, text)
