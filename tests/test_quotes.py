"""Quote attribution, one pattern per test (newsfuse.analyze.quotes and its private modules)."""

from __future__ import annotations

import logging

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsfuse.analyze.entities import find_entities
from newsfuse.analyze.nlp import load_model
from newsfuse.analyze.quotes import SPEECH_FORMS, SPEECH_VERBS, find_quote_spans, find_quotes
from newsfuse.model import Quote

from .conftest import SEEDS, needs_shared


def quotes(text: str) -> list[Quote]:
    doc = next(iter(load_model().pipe([text])))
    found = find_quotes(doc, text, find_entities(doc))
    for q in found:
        assert text[q.start : q.end] == q.text
        assert q.kind in ("direct", "partial", "indirect")
        if q.speaker_start is not None:
            assert q.speaker_end is not None and 0 <= q.speaker_start < q.speaker_end <= len(text)
    return found


def one(found: list[Quote], starts: str) -> Quote:
    hits = [q for q in found if q.text.startswith(starts)]
    assert len(hits) == 1, (starts, found)
    return hits[0]


def mention(text: str, q: Quote) -> str:
    assert q.speaker_start is not None and q.speaker_end is not None
    return text[q.speaker_start : q.speaker_end]


# -- direct quotes --------------------------------------------------------------------------------


def test_speaker_after_the_quote() -> None:
    text = "Finance minister Anna Keller met reporters. \u201cWe agreed to cut the tariff by half,\u201d Keller said."
    q = one(quotes(text), "We agreed")
    assert (q.speaker, mention(text, q), q.verb, q.kind) == ("Anna Keller", "Keller", "said", "direct")
    assert q.text == "We agreed to cut the tariff by half"


def test_speaker_before_the_quote_comma_and_colon() -> None:
    text = (
        "Sergey Lavrov met S. Jaishankar in Moscow. Lavrov added, \u201cWe see a special importance in our "
        "relations.\u201d Jaishankar raised the issue and said: \u201cThere are still some pending cases.\u201d"
    )
    found = quotes(text)
    assert one(found, "We see").speaker == "Sergey Lavrov" and one(found, "We see").verb == "added"
    assert one(found, "There are").speaker == "S. Jaishankar"


def test_inverted_speaker_with_apposition() -> None:
    text = "\u201cWe will not unload a single ship,\u201d said Maria Lopez, the port authority chief."
    q = one(quotes(text), "We will not")
    assert q.speaker == "Maria Lopez" and mention(text, q).startswith("Maria Lopez")


def test_pronoun_resolves_to_nearest_subject() -> None:
    text = (
        "Anna Keller met Jean Dupont on Monday. Keller said the talks went well. "
        "\u201cNobody expected this to be quick or easy,\u201d she said."
    )
    q = one(quotes(text), "Nobody")
    assert q.speaker == "Anna Keller" and mention(text, q) == "she"


def test_pronoun_gender_from_titles() -> None:
    text = (
        "Ms. Anna Keller met Mr. Jean Dupont in Paris on Monday. Dupont arrived late. "
        "\u201cWe are close to a deal on steel,\u201d she said. \u201cThe details will take weeks,\u201d he said."
    )
    found = quotes(text)
    assert one(found, "We are close").speaker == "Anna Keller"
    assert one(found, "The details").speaker == "Jean Dupont"


def test_quote_after_a_quote_keeps_its_speaker() -> None:
    text = (
        "\u201cOf course we will release the records,\u201d Bernie Sanders said on Sunday. "
        "\u201cThank God, I am very healthy. It is not a problem.\u201d"
    )
    q = one(quotes(text), "Thank God")
    assert q.speaker == "Bernie Sanders" and mention(text, q) == "Bernie Sanders"


def test_speaker_in_the_sentence_before_ending_with_a_colon() -> None:
    text = (
        "Keller spoke to the union leaders at length and said:\n\n\u201cWe will protect every job here.\u201d"
    )
    assert one(quotes(text), "We will protect").speaker == "Keller"


def test_trailing_dash_name() -> None:
    text = "\u201cWe will not back down from this fight.\u201d \u2014 Maria Santos, union leader"
    q = one(quotes(text), "We will not")
    assert q.speaker == "Maria Santos" and mention(text, q) == "Maria Santos" and q.verb is None


def test_colon_lead_in() -> None:
    text = "Lavrov: \u201cWe are ready to help our friends in every way.\u201d"
    q = one(quotes(text), "We are ready")
    assert q.speaker == "Lavrov" and mention(text, q) == "Lavrov"


def test_transcript_lead_in_without_marks() -> None:
    text = "Jake Tapper spoke to the governor.\n\nTAPPER: Specifically I have heard from many voters about this.\n"
    q = one(quotes(text), "Specifically")
    assert q.speaker == "Jake Tapper" and mention(text, q) == "TAPPER"


def test_description_as_speaker_kept_as_written() -> None:
    text = "A spokesperson for the port authority said the ships would sail again on Monday."
    q = one(quotes(text), "the ships")
    assert q.kind == "indirect" and q.speaker == "A spokesperson for the port authority"


def test_definite_title_resolves_to_the_person_introduced_with_it() -> None:
    text = (
        "Foreign minister Sergey Lavrov met Ms. Anna Petrova in Moscow. "
        "\u201cThe talks were hard but useful,\u201d the minister said."
    )
    q = one(quotes(text), "The talks")
    assert q.speaker == "Sergey Lavrov" and mention(text, q) == "the minister"


def test_parse_error_tokens_glued_to_the_mark() -> None:
    text = "Ryan said,\u201cLook, these images have no place in a presidential campaign.\u201d"
    assert one(quotes(text), "Look").speaker == "Ryan"


# -- indirect speech --------------------------------------------------------------------------------


def test_indirect_said_that() -> None:
    text = "Anna Keller met Jean Dupont. Keller said that the agreement would be signed in Paris next month."
    q = one(quotes(text), "that the agreement")
    assert (q.speaker, q.verb, q.kind) == ("Anna Keller", "said", "indirect")


def test_indirect_reporting_clause_after() -> None:
    text = "Jean Dupont spoke on Monday. Exports will rise again next year, he said."
    q = one(quotes(text), "Exports will rise")
    assert q.speaker == "Jean Dupont" and q.kind == "indirect" and mention(text, q) == "he"


def test_according_to() -> None:
    text = "Prices will rise again next year, according to Jean Dupont."
    q = one(quotes(text), "Prices will rise")
    assert (q.speaker, q.verb, q.kind) == ("Jean Dupont", "according to", "indirect")


# -- negatives ------------------------------------------------------------------------------------------


def test_scare_quotes_and_titles_are_not_quotes() -> None:
    text = (
        "Russia backs India\u2019s \u201cMake in India\u201d programme with joint production. "
        "She watched \u201cThe Godfather\u201d again last night. The \u201crecord\u201d harvest was small."
    )
    assert not [q for q in quotes(text) if q.kind != "indirect"]


def test_partial_quote_inside_indirect_speech() -> None:
    text = (
        "Jean Dupont spoke later. Trade must grow in a \u201cbalanced and sustainable manner\u201d, he said."
    )
    found = quotes(text)
    partial = one(found, "balanced")
    assert partial.kind == "partial" and partial.speaker == "Jean Dupont"
    assert one(found, "Trade must grow").kind == "indirect"


# -- quote marks -----------------------------------------------------------------------------------------


def test_multi_paragraph_quote_without_closing_marks() -> None:
    text = (
        "Maria Lopez spoke to reporters on Friday.\n\n"
        "\u201cThis is the first paragraph of a long statement.\n\n"
        "\u201cThis is the second paragraph of it.\n\n"
        "\u201cAnd this is the end of it,\u201d she said.\n\nTalks resume next week."
    )
    found = quotes(text)
    parts = [one(found, s) for s in ("This is the first", "This is the second", "And this is")]
    assert {q.speaker for q in parts} == {"Maria Lopez"} and all(q.kind == "direct" for q in parts)


def test_nested_single_quotes_stay_inside() -> None:
    text = "\u201cHe told me \u2018never again\u2019 and walked out of the room,\u201d Keller said."
    q = one(quotes(text), "He told me")
    assert "\u2018never again\u2019" in q.text and q.speaker == "Keller"


def test_straight_quotes() -> None:
    text = 'Jean Dupont met reporters. "We will sign the deal next week," Dupont said. "It is ready."'
    found = quotes(text)
    assert one(found, "We will sign").speaker == "Jean Dupont"
    assert one(found, "It is ready").speaker == "Jean Dupont"


def test_unclosed_quote_is_cut_before_its_attribution(caplog: pytest.LogCaptureFixture) -> None:
    text = "\u201cThis quote never closes and runs on, the mayor said\n\nA new paragraph starts here."
    with caplog.at_level(logging.WARNING, logger="newsfuse.analyze.quotes._marks"):
        found = quotes(text)
    q = one(found, "This quote")
    assert q.text == "This quote never closes and runs on" and q.speaker == "the mayor"
    assert any("not closed" in r.getMessage() for r in caplog.records)


def test_stray_and_doubled_marks_do_not_crash(caplog: pytest.LogCaptureFixture) -> None:
    text = (
        'A stray close\u201d here. \u201cOne without close. \u201cTwo closes,\u201d Keller said. 12" screens.'
    )
    with caplog.at_level(logging.WARNING, logger="newsfuse.analyze.quotes._marks"):
        found = quotes(text)
    assert one(found, "Two closes").speaker == "Keller"
    assert len(caplog.records) >= 2


def test_find_quote_spans_marks() -> None:
    text = "\u201cA b c,\u201d he said. 'British style,' she said. The players' union can't.\n\n\u201cOpen"
    spans = [(text[s.start : s.end], s.closed, s.single) for s in find_quote_spans(text)]
    assert spans == [("A b c", True, False), ("British style", True, True), ("Open", False, False)]


# -- the seed article -----------------------------------------------------------------------------------


@needs_shared
def test_seed_quotes() -> None:
    text = (SEEDS / "000_626d0c358e0fb90a.txt").read_text()
    found = quotes(text)
    assert one(found, "The global context").speaker == "S. Jaishankar"
    assert one(found, "We see a special").speaker == "Sergey Lavrov"
    conveyed = one(found, "I conveyed")
    assert conveyed.speaker == "S. Jaishankar" and mention(text, conveyed) == "he"
    assert one(found, "We are lining up").speaker == "S. Jaishankar"
    assert one(found, "While many have been released").speaker == "S. Jaishankar"
    assert not [q for q in found if q.text.startswith("Make in India")]
    assert one(found, "balanced and sustainable").kind == "partial"


# -- no lemmatizer needed ----------------------------------------------------------------------------------


def test_speech_forms_are_written_out() -> None:
    assert {"say", "says", "said", "saying", "told", "adds", "added", "wrote", "written", "replied"} <= set(
        SPEECH_FORMS
    )
    assert {"agreeing", "admitted", "signalled"} <= set(SPEECH_FORMS)
    assert set(SPEECH_FORMS.values()) <= SPEECH_VERBS


def test_works_without_lemmas() -> None:
    text = "Anna Keller met Jean Dupont. \u201cWe agreed to cut the tariff by half,\u201d Keller said."
    doc = next(iter(load_model().pipe([text])))
    for tok in doc:
        tok.lemma_ = ""
    [q] = find_quotes(doc, text, find_entities(doc))
    assert q.speaker == "Anna Keller" and q.verb == "said"


# -- never crash, spans round-trip -------------------------------------------------------------------------

_PIECES = st.sampled_from(
    ["\u201c", "\u201d", '"', "'", "\u2018", "\u2019", "\u00ab", "\u00bb", ", ", ". ", ": ", "\n", "\n\n", " \u2014 ",
     "he said", "said Anna Keller", "Keller", "she", "told", "according to", "the minister", "We", "will",
     "win", "12", "it's", "\u00a0", "Lavrov:", "x"]
)  # fmt: skip


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_PIECES, max_size=40).map(" ".join))
def test_random_marks_never_crash(text: str) -> None:
    quotes(text)


# -- patterns learned on PolNeAR train (each written here as a sentence of our own) ---------------


def test_typewriter_double_quotes() -> None:
    text = (
        "Dana Ortiz runs the fleet. ''Buying an old jet is like buying a used car,'' she said. "
        "''It is a lot of plane for the money.''\n\nOthers used ``old style,'' Ortiz added."
    )
    found = quotes(text)
    q = one(found, "Buying an old jet")
    assert (q.speaker, mention(text, q), q.kind) == ("Dana Ortiz", "she", "direct")
    assert q.text == "Buying an old jet is like buying a used car"
    assert one(found, "It is a lot of plane").speaker == "Dana Ortiz"
    assert all("''" not in q.text for q in found)


def test_quoted_word_the_parser_took_for_subject() -> None:
    text = (
        'Gisela Grimm runs a shop in Reno.\n\n"Safety," said Grimm, a retired nurse. "Safety for everybody."'
    )
    q = next(q for q in quotes(text) if q.text == "Safety")
    assert q.speaker == "Gisela Grimm" and "Grimm" in mention(text, q)


def test_statement_issued_by_someone() -> None:
    text = (
        "Senate leader Mitch Rowan issued a statement saying that the Senate should not confirm anyone "
        "before the election."
    )
    q = one(quotes(text), "that the Senate should not")
    assert q.speaker == "Mitch Rowan" and mention(text, q) == "Senate leader Mitch Rowan"


def test_speaker_through_before_saying() -> None:
    text = (
        "On Tuesday, Senator Mara Quinn deflected questions about the budget before saying that the "
        "party had to get back on message."
    )
    q = one(quotes(text), "that the party had to")
    assert q.speaker == "Mara Quinn"


def test_continue_to_grow_is_not_speech() -> None:
    text = "The lead for Hillary Clinton continues to grow after a big win in North Carolina."
    assert quotes(text) == []


def test_expletive_it_is_not_a_speaker() -> None:
    text = "Given his record, it's safe to say that the mayor will run again next year."
    assert all(q.speaker_start is None or mention(text, q) != "it" for q in quotes(text))


def test_headline_name_colon_claim() -> None:
    text = (
        "Elizabeth Warren: Donald Trump Is a Proven Failure in Business\n\nWarren spoke in Boston on Monday."
    )
    q = one(quotes(text), "Donald Trump Is")
    assert (q.speaker, mention(text, q)) == ("Elizabeth Warren", "Elizabeth Warren")


def test_headline_rubric_is_not_a_source() -> None:
    text = "The Latest: Sanders Wins Minnesota Caucuses\n\nBernie Sanders won the caucuses on Tuesday."
    assert not [q for q in quotes(text) if q.text.startswith("Sanders Wins")]


def test_speaker_span_leaves_out_when_and_where() -> None:
    text = "The Sanders campaign on Monday said the debate schedule was rigged against its candidate."
    q = one(quotes(text), "the debate schedule")
    assert mention(text, q) == "The Sanders campaign"


def test_relative_clause_that_reports_speech_is_not_part_of_the_speaker() -> None:
    text = (
        "Podesta, who said the project was vetted by the firm's lawyers, said he was unaware of any "
        "disagreement inside the campaign."
    )
    found = quotes(text)
    q = one(found, "he was unaware")
    assert mention(text, q) == "Podesta"


def test_title_abbreviation_does_not_end_the_sentence() -> None:
    text = "Air Force 1st Lt. Tyler Livingston said the base had been safe for years."
    q = one(quotes(text), "the base had been safe")
    assert mention(text, q) == "Air Force 1st Lt. Tyler Livingston"


def test_one_word_utterance_is_kept() -> None:
    text = 'Reporters asked Jon Park about a contested convention. "Absolutely," he said.'
    q = one(quotes(text), "Absolutely")
    assert q.speaker == "Jon Park" and q.kind == "direct"


def test_nearer_of_two_parsed_subjects() -> None:
    text = "LONDON (Reuters) - Donald Trump said he was unlikely to have a close relationship with Cameron."
    q = one(quotes(text), "he was unlikely")
    assert mention(text, q) == "Donald Trump"


def test_headline_poll_colon_claim() -> None:
    text = "Poll: Trump and Clinton Hold Narrow Leads in Pennsylvania\n\nThe survey was taken last week."
    q = one(quotes(text), "Trump and Clinton Hold")
    assert (q.speaker, mention(text, q), q.kind) == ("Poll", "Poll", "indirect")
