"""Which statement a quote belongs to when one speaker reports several things (issue 20): the
reporter's own second verb of saying, a quote that goes on from the one before it, a quote-only
cue inside the speaker's report, and verbs of saying no one has used yet."""

from __future__ import annotations

from .test_quotes import mention, one, quotes


def test_the_reporters_second_verb_of_saying_is_the_reporters() -> None:
    text = (
        "Sanders says the obvious response was to break up the big banks and says he introduced "
        "\u201ctough new legislation\u201d to do that."
    )
    found = quotes(text)
    q = one(found, "tough new legislation")
    assert (q.speaker, mention(text, q)) == ("Sanders", "Sanders")
    assert q.verb_start == text.index("says he introduced")


def test_a_conjoined_accusation_is_a_statement_of_its_own() -> None:
    text = (
        "Farage said the warning was misguided and accused Downing Street of \u201cputting words in "
        "the president\u2019s mouth.\u201d"
    )
    found = quotes(text)
    q = one(found, "putting words")
    assert (q.speaker, q.verb) == ("Farage", "accused")
    first = one(found, "the warning was misguided")
    assert "accused" not in first.text  # the first statement stops where the second begins


def test_a_quote_after_the_subject_of_the_sentence_before_goes_on_with_that_statement() -> None:
    text = (
        "\u201cIt has been seven long years,\u201d Senator Ruth Lane said, adding that she had warned "
        "the agency twice. \u201cWhy should anyone be surprised?\u201d"
    )
    found = quotes(text)
    first, second = one(found, "It has been"), one(found, "Why should")
    assert second.speaker == "Ruth Lane"
    assert (second.speaker_start, second.verb, second.verb_start) == (
        first.speaker_start,
        "said",
        first.verb_start,
    )


def test_a_quote_only_cue_inside_the_same_speakers_report_is_that_statement() -> None:
    text = (
        "Governor Alan Pike said that he had spent a week exposing Mark Dunn, whom he called a "
        "\u201cprofessional con artist.\u201d"
    )
    q = one(quotes(text), "professional con artist")
    assert q.speaker == "Alan Pike"
    assert q.verb == "said" and q.verb_start == text.index("said")


def test_a_verb_of_saying_no_one_has_used_yet_leaves_the_quote_to_the_reporter() -> None:
    text = (
        "Senator Clara Webb says she expects the president to announce an \u201cintensification\u201d "
        "of the air campaign next week."
    )
    q = one(quotes(text), "intensification")
    assert q.speaker == "Clara Webb"
    assert q.verb == "says"


def test_a_modal_verb_of_saying_in_a_report_is_not_a_cue() -> None:
    text = (
        "Governor Tom Reyes said his rival will continue to be \u201ca champion for working families.\u201d"
    )
    q = one(quotes(text), "a champion")
    assert q.speaker == "Tom Reyes"
    assert q.verb == "said"


def test_the_issuer_of_ads_through_conjoined_verbs() -> None:
    text = (
        "The founders' families had sent letters to shareholders and placed newspaper ads calling "
        "the merger a \u201c$25 billion mistake.\u201d"
    )
    q = one(quotes(text), "$25 billion mistake")
    assert mention(text, q).startswith("The founders")
