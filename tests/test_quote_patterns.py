"""The patterns that read the words around the marks as an utterance's frame ("“...,” X said",
"Name: “...”", "“...” — Name") apply to quotes that stand as utterances, not to words quoted
inside a sentence, issue 20."""

from __future__ import annotations

from .test_quotes import one, quotes


def test_a_name_after_a_partial_quote_does_not_speak_it() -> None:
    text = (
        "The committee sent \u201ca deep and sincere apology\u201d to Senator Tom Baker after leaked "
        "emails showed staff favoring his rival."
    )
    assert all(q.speaker != "Tom Baker" for q in quotes(text))


def test_a_name_and_verb_of_saying_after_an_utterance_still_speak_it() -> None:
    text = "\u201cWe will not back down,\u201d Texas delegate Bill Eastland, wearing a cowboy hat, said."
    q = one(quotes(text), "We will not back down")
    assert (q.speaker, q.kind) == ("Bill Eastland", "direct")
