"""Cues that report words only when quote marks follow them ("called X “...”"), issue 20."""

from __future__ import annotations

from .test_quotes import mention, one, quotes


def test_called_with_quoted_words_attributes_them() -> None:
    text = "Former Florida Gov. Jeb Bush called Trump \u201cunhinged.\u201d Others disagreed."
    q = one(quotes(text), "unhinged")
    assert (q.speaker, mention(text, q), q.verb, q.kind) == (
        "Jeb Bush",
        "Former Florida Gov. Jeb Bush",
        "called",
        "partial",
    )


def test_a_criticism_with_quoted_words() -> None:
    text = "Senator Marco Rubio blasted the plan as \u201creckless and dangerous\u201d on Tuesday."
    q = one(quotes(text), "reckless")
    assert (q.speaker, q.verb) == ("Marco Rubio", "blasted")


def test_without_quote_marks_these_verbs_report_nothing() -> None:
    text = "Bernie Sanders called for a ban on fracking. He read the bill twice and praised its authors."
    assert quotes(text) == []


def test_so_called_is_not_a_cue() -> None:
    text = "The so-called \u201calt-right\u201d movement grew online."
    assert all(q.verb != "called" for q in quotes(text))


def test_a_verb_of_saying_in_the_sentence_goes_first() -> None:
    text = "\u201cHe is a clown,\u201d Susan Miller said, calling Trump \u201can orange buffoon.\u201d"
    found = quotes(text)
    q = one(found, "an orange buffoon")
    assert q.speaker == "Susan Miller"


def test_quoted_as_saying_names_the_passive_subject() -> None:
    text = "Defence minister Ana Costa was quoted as saying \u201cwe will not retreat\u201d by local media."
    q = one(quotes(text), "we will not retreat")
    assert q.speaker == "Ana Costa"


def test_told_keeps_the_passive_subject_out() -> None:
    text = "Ana Costa was told by the general, \u201cwe will not retreat.\u201d"
    q = one(quotes(text), "we will not retreat")
    assert q.speaker != "Ana Costa"
