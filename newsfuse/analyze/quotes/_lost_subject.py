"""Speakers the parse lost next to a quote: the noun phrase written beside the cue verb.

In "“...,” said David Brock, a confidant who heads Correct the Record" the parser may take a
later verb ("Correct") for Brock's head, and in "“...?” the 43-year-old asked" it may take the
verb for a modifier of "old": either way the cue verb is left without a subject. Word order
then says who spoke: a cue right after the closing mark has its speaker after it (the inverted
order of attribution), one whose only left context up to the closing mark is a noun phrase has
that phrase for speaker.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

# what a noun phrase naming a speaker is made of ("the 43-year-old", "Clinton's introducer")
_PHRASE_POS = frozenset({"DET", "PROPN", "NOUN", "ADJ", "NUM", "PRON"})
_NAMES = frozenset({"PROPN", "NOUN"})
_PRONOUNS = frozenset({"he", "she", "they"})
_CLOSING = frozenset({"”", '"', "''", "’"})


def _in_phrase(tok: Any) -> bool:
    if tok.pos_ == "PRON":
        return tok.lower_ in _PRONOUNS
    return tok.pos_ in _PHRASE_POS or tok.tag_ in ("HYPH", "POS") or tok.text in ("-", "'s", "’s")


def _closing_mark_before(doc: Any, i: int, quoted: Callable[[int], bool]) -> bool:
    """doc[i] is (after a comma) the closing mark of quoted words."""
    k = i
    if k >= 0 and doc[k].text == ",":
        k -= 1
    if k < 0 or doc[k].text not in _CLOSING:
        return False
    k -= 1
    while k >= 0 and doc[k].is_punct and doc[k].text not in _CLOSING:
        k -= 1  # the comma, "?" or "!" inside the marks
    return k >= 0 and quoted(doc[k].idx)


def speaker_after(verb: Any, quoted: Callable[[int], bool]) -> Any | None:
    """The head of the noun phrase right after a cue that stands right after a closing mark
    ("“...,” said the woman, who ..."), whatever the parser hung it on."""
    doc = verb.doc
    if verb.i == 0 or not _closing_mark_before(doc, verb.i - 1, quoted):
        return None
    k = verb.i + 1
    while k < len(doc) and (doc[k].ent_type_ in ("DATE", "TIME") or doc[k].pos_ == "ADV"):
        k += 1  # "said Wednesday", "said simply"
    head = None
    while k < len(doc) and k - verb.i <= 8 and _in_phrase(doc[k]) and not quoted(doc[k].idx):
        if doc[k].pos_ in _NAMES or doc[k].pos_ == "PRON":
            head = doc[k]
        k += 1
    if k < len(doc) and not (doc[k].is_punct or doc[k].pos_ in ("ADP", "VERB", "AUX") or doc[k].tag_ == "WP"):
        return None  # the phrase runs into something else: not a plain inverted subject
    return head


def speaker_before(verb: Any, quoted: Callable[[int], bool]) -> Any | None:
    """The last word of the noun phrase between a closing mark and the cue ("“...?” the
    43-year-old asked") when the parser gave the cue no subject."""
    doc = verb.doc
    k = verb.i - 1
    while k >= 0 and verb.i - k <= 6 and _in_phrase(doc[k]) and not quoted(doc[k].idx):
        k -= 1
    if k == verb.i - 1 or not _closing_mark_before(doc, k, quoted):
        return None
    last = doc[verb.i - 1]
    return last if last.pos_ in _NAMES or last.lower_ in _PRONOUNS or last.pos_ == "ADJ" else None
