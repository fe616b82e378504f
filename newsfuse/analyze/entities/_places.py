"""A GPE as an actor or a place: "actor" when it is a verb's subject ("India imposed", "India and
Russia on Thursday explored"), "place" after a place preposition ("in New Delhi") or in a dateline
("New Delhi: ...")."""

from __future__ import annotations

import re
from typing import Any

from ..nlp import verb_forms

_ACTIONS = verb_forms([
    "say", "agree", "impose", "announce", "accuse", "warn", "sign", "reject", "urge", "demand", "call",
    "ask", "threaten", "retaliate", "sanction", "launch", "send", "deploy", "expel", "ban", "block",
    "approve", "deny", "condemn", "welcome", "raise", "slap", "levy", "place", "offer", "pledge",
    "promise", "vow", "want", "plan", "hope", "insist", "respond", "argue", "claim", "order", "summon",
    "protest", "object", "refuse", "support", "back", "oppose", "tell", "declare", "confirm", "decide",
    "explore", "discuss", "seek", "strike", "attack", "invade", "fire", "bomb", "recall", "suspend",
    "halt", "lift", "ease", "cut", "hike", "increase", "reduce", "extend", "grant", "issue", "release",
    "reach", "join", "withdraw", "vote", "veto", "propose", "maintain", "reiterate", "push", "press",
    "criticise", "criticize", "accept", "allow", "open", "close", "resume", "intend", "negotiate",
])  # fmt: skip
_AUX = (
    r"(?:has|have|had|will|would|could|can|may|might|must|should|did|does|do|is|was|are|were|also|"
    r"not|never|already|now|then|reportedly|recently|again|has also|on \w+|last \w+|this \w+|earlier)"
)
_ACTOR_AFTER = re.compile(
    rf"^(?:\s*(?:,|and)\s+(?:the\s+)?(?:[A-Z][\w.\u2019'-]*\s*){{1,3}})?(?:\s+{_AUX})*\s+([a-z]+)\b"
)
_PLACE_BEFORE = re.compile(
    r"\b(?:in|at|to|from|into|near|across|around|throughout|within|inside|outside|towards?|via|"
    r"visit(?:ed|ing|s)?)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_DATELINE_AFTER = re.compile(r"^\s*(?:\([\w .]+\)\s*)?(?::|\s[\u2014\u2013-]{1,2}\s)")


def gpe_role(text: str, start: int, end: int, span: Any) -> str | None:
    """ "actor" for a GPE that is a verb's subject, "place" after a place preposition or in a dateline.
    With a parse, the subject is read from it (through conjuncts: "India and Russia explored");
    without one (no `dep_`), from the words after the name."""
    line_start = text.rfind("\n", 0, start) + 1
    if len(text[line_start:start].split()) <= 3 and _DATELINE_AFTER.match(text[end : end + 20]):
        return "place"  # "New Delhi: India and Russia on Thursday ..."
    head = span.root if span is not None and len(span) else None
    if head is not None and head.dep_:
        # tokens are made afresh on each access, so they are compared by index, never by identity
        while head.dep_ == "conj" and head.head.i != head.i:  # "India and Russia explored"
            head = head.head
        if head.dep_ == "nsubj" and head.head.pos_ in ("VERB", "AUX"):
            return "actor"
    else:
        m = _ACTOR_AFTER.match(text[end : end + 80])
        if m and m.group(1) in _ACTIONS:
            return "actor"
    if _PLACE_BEFORE.search(text[max(0, start - 30) : start]):
        return "place"
    return None
