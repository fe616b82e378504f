"""Where a quote's cue stands, and the source a quote came through ("..., X said, according to AP"):
issue 20's nested attributions. The speaker stays the person quoted; the outlet is `via`."""

from __future__ import annotations

from newsfuse.brief.render import brief_to_markdown
from newsfuse.model import Brief, Citation, QuoteEntry

from .test_quotes import mention, one, quotes


def test_cue_offsets_mark_the_verb_of_saying() -> None:
    text = "\u201cWe agreed to cut the tariff by half,\u201d Anna Keller said on Monday."
    q = one(quotes(text), "We agreed")
    assert q.verb_start is not None and q.verb_end is not None
    assert text[q.verb_start : q.verb_end] == "said"


def test_two_verbs_of_saying_are_two_cues() -> None:
    text = (
        "Lindsey Graham said that Carson is a \u201cgood, decent man,\u201d and said that Trump "
        "\u201cmelted down last night.\u201d"
    )
    found = quotes(text)
    a, b = one(found, "good, decent"), one(found, "melted down")
    assert (a.speaker_start, b.speaker_start) == (text.index("Lindsey"), text.index("Lindsey"))
    assert a.verb_start is not None and b.verb_start is not None and a.verb_start != b.verb_start


def test_according_to_after_the_speaker_is_the_intermediary() -> None:
    text = (
        "\u201cThey don\u2019t care about politics,\u201d Barack Obama said of the families, "
        "according to a White House pool report."
    )
    q = one(quotes(text), "They don")
    assert q.speaker == "Barack Obama"
    assert q.via_start is not None and q.via_end is not None
    assert text[q.via_start : q.via_end] == "a White House pool report"
    assert q.via is not None and "pool report" in q.via


def test_according_to_opening_the_sentence_is_the_intermediary() -> None:
    text = (
        "According to the Philippine Star, Joey Salceda said Trump is \u201ca danger to the world "
        "economy\u201d in a statement."
    )
    q = one(quotes(text), "a danger")
    assert (q.speaker, mention(text, q)) == ("Joey Salceda", "Joey Salceda")
    assert q.via == "Philippine Star" or (q.via or "").endswith("Philippine Star")


def test_no_intermediary_without_according_to() -> None:
    text = "\u201cWe will win,\u201d Anna Keller told Reuters on Monday."
    assert one(quotes(text), "We will win").via is None


def test_according_to_alone_is_the_speaker_not_an_intermediary() -> None:
    text = "The deal is \u201cdead on arrival,\u201d according to Senate leader Anna Keller."
    q = one(quotes(text), "dead on arrival")
    assert q.speaker == "Anna Keller" and q.via is None


def test_the_brief_shows_the_intermediary() -> None:
    entry = QuoteEntry("Scott Walker", "We will win.", "said", Citation("a1", 0, 12), via="Associated Press")
    md = brief_to_markdown(Brief("s1", "Walker", (), quotes=(entry,)))
    assert "(said, via Associated Press)" in md
