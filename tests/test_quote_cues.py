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


# -- speakers across a paragraph break (issue 20) -------------------------------------------------


def test_statement_announced_with_a_colon_in_the_paragraph_before() -> None:
    text = (
        "When George Wallace died in 1998, Bill Clinton released the following statement:\n\n"
        "\u201cHillary and I offer our condolences to the family and friends of George Wallace.\u201d"
    )
    q = one(quotes(text), "Hillary and I")
    assert (q.speaker, mention(text, q), q.kind) == ("Bill Clinton", "Bill Clinton", "direct")


def test_inverted_colon_lead_in_names_the_speaker_without_the_verb() -> None:
    text = (
        "Roger Stone spoke on the radio on Monday.\n\nStated Stone:\n\n"
        "\u201cI think that the stakes are so high that they would do anything to stay in power.\u201d"
    )
    q = one(quotes(text), "I think")
    assert (q.speaker, mention(text, q)) == ("Roger Stone", "Stone")


def test_a_colon_after_a_sentence_about_no_one_names_no_speaker() -> None:
    text = "The weather turned cold overnight:\n\n\u201cWinter is coming early this year.\u201d"
    assert all(q.speaker is None for q in quotes(text))


def test_written_words_after_the_quote_belong_to_the_text_that_reads_them() -> None:
    text = (
        "The Advocate aimed its Friday editorial at the candidate. \u201cIf she wants to be the next "
        "president, she should come to Louisiana,\u201d the editorial read. The paper said more."
    )
    q = one(quotes(text), "If she wants")
    assert (mention(text, q), q.verb, q.kind) == ("the editorial", "read", "direct")


def test_a_quote_followed_by_a_sentence_about_reading_is_not_attributed_to_it() -> None:
    text = "\u201cThe fact is plain.\u201d The senator read the bill twice."
    assert all(q.verb != "read" for q in quotes(text))


# -- verbs that are not of saying, read from the structure around the marks (issue 20) -------------


def test_a_question_followed_by_its_speaker_and_any_verb() -> None:
    text = "Sean Hannity met Donald Trump.\n\n\u201cWould it be negotiable?\u201d Hannity pressed. \u201cMaybe.\u201d"
    q = one(quotes(text), "Would it be negotiable")
    assert (q.speaker, q.verb) == ("Sean Hannity", "pressed")


def test_a_verb_with_an_object_after_the_quote_does_not_attribute_it() -> None:
    text = (
        "Voters chanted slogans.\n\n\u201cHard Hats for Hillary,\u201d Clinton unveiled a $275 billion plan."
    )
    assert not [q for q in quotes(text) if q.text.startswith("Hard Hats")]


def test_a_colon_after_a_later_clause_names_its_own_speaker() -> None:
    text = (
        "Hillary Clinton said her plan was strong, to which Martin O'Malley interjected: "
        "\u201cIt's just not true.\u201d"
    )
    q = one(quotes(text), "It's just not true")
    assert q.speaker == "Martin O'Malley" and q.verb == "interjected"


def test_a_comma_lead_in_after_a_verb_of_any_kind() -> None:
    text = "After Jerry Brown criticized him, Hillary Clinton shot back, \u201cI chose to fulfill my profession.\u201d"
    q = one(quotes(text), "I chose to fulfill")
    assert q.speaker == "Hillary Clinton"


def test_the_same_speaker_keeps_the_cue_of_each_quote() -> None:
    text = (
        "Sheldon Adelson did say he found Donald Trump to be \u201cvery charming\u201d and called his "
        "rise \u201cunheard of.\u201d"
    )
    found = quotes(text)
    first, second = one(found, "very charming"), one(found, "unheard of")
    assert first.speaker == second.speaker == "Sheldon Adelson"
    assert (first.verb, second.verb) == ("say", "called")


def test_a_sentence_opening_conjunction_is_not_a_speaker() -> None:
    text = (
        "Trump took a risk, telling the crowd, \u201cI\u2019m a negotiator like you, folks.\u201d "
        "But throwing out jokes is what he does, one aide says."
    )
    assert all(q.speaker != "But" for q in quotes(text))


# -- participles of saying ("..., telling reporters", "..., saying") (issue 20) ----------------------


def test_a_participle_after_a_quote_has_no_subject_after_it() -> None:
    text = (
        "Donald Trump has hailed the vote as \u201cfantastic,\u201d telling reporters on Friday that "
        "it is \u201ca great thing.\u201d"
    )
    q = one(quotes(text), "a great thing")
    assert q.speaker == "Donald Trump"


def test_a_saying_hung_on_the_reported_clause_is_the_reporters() -> None:
    text = (
        "Donald Trump argued that a database would keep people from coming in illegally, saying "
        "it\u2019s \u201call about management.\u201d"
    )
    q = one(quotes(text), "all about management")
    assert q.speaker == "Donald Trump"


def test_a_saying_after_a_reported_verb_of_saying_keeps_that_speaker() -> None:
    text = (
        "Comey cannot say that \u201cfrom his perspective,\u201d Corey Lewandowski added, saying it should "
        "be \u201cup to the prosecutor.\u201d"
    )
    q = one(quotes(text), "up to the prosecutor")
    assert q.speaker == "Corey Lewandowski"


# -- nominal cues: "her claim that “...”" (issue 20) ------------------------------------------------


def test_the_owner_of_a_claim_said_the_quoted_words() -> None:
    text = (
        "Madeleine Albright, a Clinton supporter, fanned controversy over her remark that "
        "\u201cthere\u2019s a special place in hell for women who don\u2019t help each other.\u201d"
    )
    q = one(quotes(text), "there")
    assert (q.speaker, mention(text, q), q.verb) == ("Madeleine Albright", "her", "remark")


def test_a_named_owner_of_a_pledge() -> None:
    text = "The rabbis objected to Donald Trump's pledge to \u201cdestroy the terror networks at their root.\u201d"
    q = one(quotes(text), "destroy")
    assert (q.speaker, q.verb) == ("Donald Trump", "pledge")


def test_a_verb_of_saying_below_the_noun_governs_first() -> None:
    text = "Donald Trump repeated his claim that Hillary Clinton said \u201cwe are broke.\u201d"
    q = one(quotes(text), "we are broke")
    assert q.speaker == "Hillary Clinton"


def test_a_quote_that_only_describes_the_noun_is_not_its_owners() -> None:
    text = "Stuart Stevens called Trump's statements \u201cchildish\u201d on Sunday."
    q = one(quotes(text), "childish")
    assert q.speaker == "Stuart Stevens"


def test_a_possessive_owner_resolves_to_the_person_before() -> None:
    text = (
        "Hillary Clinton spoke in Ohio on Monday. Critics mocked her claim that the economy "
        "\u201chas never been stronger.\u201d"
    )
    q = one(quotes(text), "has never been stronger")
    assert (q.speaker, mention(text, q)) == ("Hillary Clinton", "her")


# -- a line break ends the sentence a quote stands in (issue 20) ------------------------------------


def test_a_cue_after_a_line_break_does_not_take_the_quote_before() -> None:
    text = (
        "Trump, however, wasted no time responding.\n"
        "\"If you noticed, he didn't answer your question,\" he said of Cruz. \"That's what's going to "
        "happen with our enemies. We're going to win with Trump.\"\n"
        "Moments earlier, in his opening remarks, Trump said he was ideally suited for the presidency.\n"
    )
    found = quotes(text)
    first, second = one(found, "If you noticed"), one(found, "That's what")
    assert second.speaker_start == first.speaker_start == text.index("he said")


def test_a_sentence_after_a_line_break_names_no_speaker_for_the_quote_before() -> None:
    text = (
        "\u201cThis is a problem, of course. Donald Trump is on the record advocating borrowing,\u201d Dan "
        "Alpert said. \u201cAnd Hillary Clinton is sounding like she\u2019s with the Peterson Foundation!\u201d\n"
        "Alpert\u2019s metaphor is telling in its own right. The foundation has long argued for cuts.\n"
    )
    q = one(quotes(text), "And Hillary Clinton")
    assert q.speaker == "Dan Alpert" and q.speaker_start == text.index("Dan")
