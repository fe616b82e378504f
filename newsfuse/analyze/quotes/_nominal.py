"""Nominal cues: a noun of saying with its owner, "her claim that “...”", "Trump's pledge to “...”",
"his warning that Britain would go to the “back of the queue”": the owner said the quoted words."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

# nouns that name something said (or written) by whoever owns them ("her remark", "Trump's tweet")
SPEECH_NOUNS = frozenset({
    "claim", "remark", "comment", "warning", "statement", "assertion", "promise", "pledge", "words",
    "message", "argument", "accusation", "call", "vow", "admission", "insistence", "contention",
    "suggestion", "dictum", "declaration", "answer", "response", "reply", "slogan", "catchphrase",
    "tweet", "quip", "refrain", "mantra", "boast", "charge", "description", "prediction", "retort",
    "rant", "speech", "announcement", "allegation", "complaint", "criticism", "assessment", "plea",
    "denial", "threat", "joke", "insult", "line", "rhetoric", "word",
})  # fmt: skip
# how the words hang from the noun: "her claim that ...", "his pledge to ...", "the line, “...”"
_CONTENT = frozenset({"acl", "ccomp", "appos", "relcl"})
_PLURAL = frozenset(n + "s" for n in SPEECH_NOUNS if not n.endswith("s"))


def _content(child: Any) -> bool:
    """The words hang from the noun as what it says, not as a description of it ("called Trump's
    statements “childish”": an adjective in apposition describes)."""
    return child.dep_ in _CONTENT and not (child.dep_ == "appos" and child.pos_ == "ADJ")


def nominal_cue(
    span: Any, is_cue: Callable[[int], bool], quoted: Callable[[int], bool]
) -> tuple[Any, Any] | None:
    """(noun, owner) of the noun of saying the quote `span` hangs from, going up the parse from the quote
    and stopping at the first verb of saying (`is_cue(token index)`), which governs first."""
    inside = range(span.start, span.end)
    tok, seen = span.root, 0
    while seen < 8 and tok.head.i != tok.i:
        child, tok, seen = tok, tok.head, seen + 1
        if tok.i in inside or quoted(tok.idx):
            continue
        if is_cue(tok.i):
            return None
        low = tok.lower_
        if tok.pos_ == "NOUN" and (low in SPEECH_NOUNS or low in _PLURAL) and _content(child):
            owner = next(
                (c for c in tok.children if c.dep_ == "poss" and c.tag_ != "WP$" and not quoted(c.idx)), None
            )  # not "whose words": the relative names no one
            return (tok, owner) if owner is not None else None
        if tok.pos_ in ("VERB", "AUX") and tok.dep_ in ("ROOT", "conj"):
            return None  # the main clause: its verb, not a noun, reports
    return None
