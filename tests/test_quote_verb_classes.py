"""Verbs of Levin's classes that report words when quote marks follow them (judgment, dub,
depiction, manner of speaking, complaint), issue 20."""

from __future__ import annotations

from newsfuse.analyze.quotes import SPEECH_FORMS

from .test_quotes import mention, one, quotes


def test_a_depiction_verb_reports_the_quoted_words() -> None:
    text = "Senator Maria Lopez portrayed the governor as \u201ca reckless spender\u201d during the debate."
    q = one(quotes(text), "a reckless spender")
    assert (q.speaker, mention(text, q), q.verb, q.kind) == (
        "Maria Lopez",
        "Senator Maria Lopez",
        "portrayed",
        "partial",
    )


def test_a_judgment_verb_reports_the_quoted_words() -> None:
    text = "Mayor Tom Baxter chided the council for its \u201ccowardly silence\u201d on the budget."
    q = one(quotes(text), "cowardly silence")
    assert (q.speaker, q.verb) == ("Tom Baxter", "chided")


def test_a_dub_verb_reports_the_quoted_words() -> None:
    text = "Governor Alan Pierce nicknamed his rival \u201cthe sleepwalker\u201d at the rally."
    q = one(quotes(text), "the sleepwalker")
    assert (q.speaker, q.verb) == ("Alan Pierce", "nicknamed")


def test_without_quote_marks_the_class_verbs_report_nothing() -> None:
    text = "Maria Lopez painted the fence and named her dog Rex. The crowd roared."
    assert quotes(text) == []


def test_the_class_verbs_do_not_widen_the_verbs_of_saying() -> None:
    assert not {"portrayed", "chided", "nicknamed", "roared", "griped"} & set(SPEECH_FORMS)
