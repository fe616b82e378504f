"""Datelines and outlet tags at the head of a sentence: "LINDPORT: ", "MILLBROOK (Coastal Wire): ",
"CARROW — ", "WASHINGTON (Reuters) - ", "(CNN) ", "New Delhi: ".

`dateline_end` says how many characters of a sentence are such a tag, so the brief can show the
sentence without it and cite the span that starts after it. Capitalised place names followed by
a colon ("New Delhi: ") are read as a dateline only at the head of an article's first sentences,
where a "Name: claim" is rare; all-caps places and wire tags are read anywhere.
"""

from __future__ import annotations

import re

_WIRE = r"(?:Reuters|AP|AFP|CNN|UPI|PTI|IANS|ANI|Bloomberg|dpa|Xinhua|[A-Z][\w&.' -]{1,30})"
_SEP = r"\s*(?::|\u2014|\u2013|--?|\|)\s+"
# "LINDPORT: ", "ASHFORD BRIDGE — ", "MILLBROOK (Coastal Wire): ", "WASHINGTON, D.C. (AP) - "
_CAPS = re.compile(
    rf"^(?:[A-Z][A-Z.'\-]+(?:[ ,]+[A-Z][A-Z.'\-]*){{0,3}})(?:,\s*[A-Z][\w.]+(?:\s[A-Z][\w.]+)?)?"
    rf"(?:\s*\({_WIRE}\))?{_SEP}"
)
# "(CNN) ", "(Reuters) - "
_WIRE_ONLY = re.compile(rf"^\({_WIRE}\)(?:{_SEP}|\s+)")
# "New Delhi: ", "Kuala Lumpur, Malaysia: ", "Millbrook (Coastal Wire) — "
_TITLE = re.compile(
    rf"^[A-Z][a-z]+(?:[ -][A-Z][a-z]+){{0,2}}(?:,\s*[A-Z][a-z]+(?:\s[A-Z][a-z]+)?)?(?:\s*\({_WIRE}\))?{_SEP}"
)
LEAD_SENTENCES = 2  # a title-case dateline is looked for only in an article's first sentences


def dateline_end(sentence: str, *, lead: bool) -> int:
    """Length of the dateline/outlet tag at the start of `sentence` (0 when there is none)."""
    for pattern in (_WIRE_ONLY, _CAPS, *((_TITLE,) if lead else ())):
        m = pattern.match(sentence)
        if m and m.end() < len(sentence) and (sentence[m.end()].isupper() or sentence[m.end()].isdigit()):
            return m.end()
    return 0


def after_dateline(text: str, start: int, end: int, *, lead: bool) -> int:
    """Where the sentence text[start:end] begins once its dateline (and leading space) is left out."""
    seg = text[start:end]
    body = seg.lstrip()
    return start + (len(seg) - len(body)) + dateline_end(body, lead=lead)
