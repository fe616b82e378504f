"""Entities: canonical names and roles inside an article and across a story; and the language model
behind them (fast attribute ruler, paragraph-aware sentences)."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import pytest

from newsfuse.analyze.entities import canonical_across, compatible, find_entities, parts, strip_titles
from newsfuse.model import Entity

from .conftest import SEEDS, needs_shared


@lru_cache(maxsize=1)
def _blank() -> Any:
    import spacy

    return spacy.blank("en")


def doc_with(text: str, *ents: tuple[str, str]) -> Any:
    """A tokenised doc (no model) with entities given in text order as (label, "name|context"): the
    entity is `name` where `name` + `context` next occurs."""
    doc = _blank()(text)
    spans, pos = [], 0
    for label, sub in ents:
        name, _, context = sub.partition("|")
        i = text.index(name + context, pos)
        pos = i + len(name)
        spans.append(doc.char_span(i, pos, label=label, alignment_mode="expand"))
    doc.ents = spans
    return doc


def by_text(ents: list[Entity]) -> dict[str, Entity]:
    return {e.text: e for e in ents}


# --- people inside an article ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("S. Jaishankar", "S Jaishankar", True),
        ("S. Jaishankar", "Subrahmanyam Jaishankar", True),
        ("Jaishankar", "S. Jaishankar", True),
        ("Sergey Lavrov", "Sergey Viktorovich Lavrov", True),
        ("Donald Trump", "Melania Trump", False),
        ("George W. Bush", "George H. W. Bush", False),
        ("Sergey Lavrov", "Sergey Shoigu", False),
        ("Martin Luther King Jr.", "Martin King", True),
    ],
)
def test_name_compatibility(a: str, b: str, same: bool) -> None:
    assert compatible(a, b) is same
    assert compatible(b, a) is same


def test_name_parts_and_titles() -> None:
    assert parts("S.K. Rao") == (["s", "k"], "rao")
    assert parts("Martin Luther King Jr.") == (["martin", "luther"], "king")
    assert strip_titles("President Vladimir Putin") == ("President", "Vladimir Putin")
    assert strip_titles("External Affairs Minister S Jaishankar") == (
        "External Affairs Minister",
        "S Jaishankar",
    )
    assert strip_titles("Mr. Lavrov") == ("Mr.", "Lavrov")
    assert strip_titles("Chief") == ("", "Chief")


def test_mentions_of_one_person_share_the_fullest_name_and_role() -> None:
    text = (
        "External Affairs Minister S Jaishankar arrived on Monday. Later S. Jaishankar met officials. "
        "Jaishankar said the talks went well."
    )
    ents = find_entities(
        doc_with(
            text, ("PERSON", "S Jaishankar"), ("PERSON", "S. Jaishankar"), ("PERSON", "Jaishankar| said")
        )
    )
    assert {e.canonical for e in ents} == {"S. Jaishankar"}
    assert {e.role for e in ents} == {"External Affairs Minister"}


def test_same_surname_different_people() -> None:
    text = "Melania Trump was there. Donald Trump spoke later. Trump said it went well."
    ents = find_entities(
        doc_with(text, ("PERSON", "Melania Trump"), ("PERSON", "Donald Trump"), ("PERSON", "Trump| said"))
    )
    assert [e.canonical for e in ents] == ["Melania Trump", "Donald Trump", "Donald Trump"]


def test_surname_tagged_as_organisation_is_the_person() -> None:
    text = "Sergey Lavrov met reporters. Lavrov added that talks would go on."
    ents = find_entities(doc_with(text, ("PERSON", "Sergey Lavrov"), ("ORG", "Lavrov| added")))
    assert [(e.label, e.canonical) for e in ents] == [("PERSON", "Sergey Lavrov")] * 2


def test_roles_before_and_after_names() -> None:
    text = (
        "Sergey Lavrov, Russia\u2019s foreign minister, spoke first. He also met Russian President Vladimir Putin "
        "and Chinese foreign minister Wang Yi. Tim Cook, the chief executive of Apple, declined to comment. "
        "Maria Lopez said nothing."
    )
    ents = by_text(
        find_entities(
            doc_with(
                text,
                ("PERSON", "Sergey Lavrov"),
                ("PERSON", "President Vladimir Putin"),
                ("PERSON", "Wang Yi"),
                ("PERSON", "Tim Cook"),
                ("PERSON", "Maria Lopez"),
            )
        )
    )
    assert ents["Sergey Lavrov"].role == "Russia\u2019s foreign minister"
    assert ents["President Vladimir Putin"].role == "Russian President"
    assert ents["President Vladimir Putin"].canonical == "Vladimir Putin"
    assert ents["Wang Yi"].role == "Chinese foreign minister"
    assert ents["Tim Cook"].role == "chief executive of Apple"
    assert ents["Maria Lopez"].role is None


# --- places, actors, organisations -----------------------------------------------------------


def test_gpe_actor_versus_place() -> None:
    text = (
        "New Delhi: India and Russia on Thursday explored ways to expand trade. "
        "Washington has imposed tariffs on goods from India. Talks were held in New Delhi. "
        "New Delhi\u2019s concerns were raised."
    )
    doc = doc_with(
        text,
        ("GPE", "New Delhi"),
        ("GPE", "India"),
        ("GPE", "Russia"),
        ("GPE", "Washington"),
        ("GPE", "India|."),
        ("GPE", "New Delhi|."),
        ("GPE", "New Delhi\u2019s"),
    )
    roles = [(e.text, e.role) for e in find_entities(doc)]
    assert roles == [
        ("New Delhi", "place"),  # dateline
        ("India", "actor"),
        ("Russia", "actor"),
        ("Washington", "actor"),
        ("India", "place"),
        ("New Delhi", "place"),
        ("New Delhi", None),  # possessive: neither
    ]
    assert {e.canonical for e in find_entities(doc)} == {"New Delhi", "India", "Russia", "Washington"}


def parsed(words: list[str], heads: list[int], deps: list[str], pos: list[str], *gpes: int) -> Any:
    """A hand-parsed doc (absolute head indexes) whose tokens at `gpes` are one-word GPEs."""
    from spacy.tokens import Doc, Span

    doc = Doc(_blank().vocab, words=words, heads=heads, deps=deps, pos=pos)
    doc.ents = [Span(doc, i, i + 1, label="GPE") for i in gpes]
    return doc


def test_gpe_conjunct_subjects_are_actors_on_a_parse() -> None:
    doc = parsed(
        ["India", "and", "Russia", "explored", "trade", "in", "Kazan", "."],
        [3, 0, 0, 3, 3, 3, 5, 3],
        ["nsubj", "cc", "conj", "ROOT", "dobj", "prep", "pobj", "punct"],
        ["PROPN", "CCONJ", "PROPN", "VERB", "NOUN", "ADP", "PROPN", "PUNCT"],
        0,
        2,
        6,
    )
    assert [(e.text, e.role) for e in find_entities(doc)] == [
        ("India", "actor"),
        ("Russia", "actor"),  # conj of the subject
        ("Kazan", "place"),
    ]


def test_gpe_conjunct_headed_by_itself_ends() -> None:
    # spaCy makes a new Token object on each access (`tok.head is tok` never holds), so the walk up
    # the conjuncts compares indexes; a conj headed by itself (another model's parse) must not loop
    doc = parsed(
        ["Russia", "explored", "trade"], [0, 1, 1], ["conj", "ROOT", "dobj"], ["PROPN", "VERB", "NOUN"], 0
    )
    assert [(e.text, e.role) for e in find_entities(doc)] == [("Russia", None)]


def test_spans_trimmed_and_aliases() -> None:
    text = (
        "The National Security Agency (NSA) said so. The NSA later agreed. U.S. officials left City Hall\n\n"
        "Photo by staff."
    )
    doc = doc_with(
        text,
        ("ORG", "The National Security Agency"),
        ("ORG", "NSA|)"),
        ("ORG", "NSA| later"),
        ("GPE", "U.S."),
        ("FAC", "City Hall\n\nPhoto"),
    )
    ents = find_entities(doc)
    assert [e.text for e in ents] == ["The National Security Agency", "NSA", "NSA", "U.S.", "City Hall"]
    assert [e.canonical for e in ents] == ["National Security Agency"] * 3 + ["United States", "City Hall"]
    for e in ents:
        assert text[e.start : e.end] == e.text


# --- across articles ---------------------------------------------------------------------------


def _e(name: str, label: str = "PERSON") -> Entity:
    return Entity(name, label, 0, len(name), name)


def test_canonical_across_articles() -> None:
    stories = [
        [_e("S Jaishankar"), _e("Sergey Lavrov"), _e("US", "GPE"), _e("Donald Trump"), _e("NSA", "ORG")],
        [_e("S. Jaishankar"), _e("Lavrov"), _e("U.S.", "GPE"), _e("Melania Trump"), _e("Trump")],
        [
            _e("Jaishankar"),
            _e("the United States", "GPE"),
            _e("Donald Trump"),
            _e("National Security Agency", "ORG"),
        ],
        [_e("S. Jaishankar"), _e("Kazan Federal University", "ORG"), _e("Kazan Federal Universty", "ORG")],
    ]
    m = canonical_across(stories)
    assert {m["S Jaishankar"], m["S. Jaishankar"], m["Jaishankar"]} == {"S. Jaishankar"}
    assert m["Lavrov"] == "Sergey Lavrov"
    assert m["Donald Trump"] == m["Trump"] == "Donald Trump" != m["Melania Trump"]
    assert {m["US"], m["U.S."], m["the United States"]} == {"United States"}
    assert m["NSA"] == m["National Security Agency"] == "National Security Agency"
    assert m["Kazan Federal Universty"] == "Kazan Federal University"
    assert set(m) == {e.canonical for ents in stories for e in ents}


def test_canonical_across_prefers_full_names_and_keeps_places_apart() -> None:
    m = canonical_across(
        [
            [_e("S. Jaishankar")],
            [_e("Subrahmanyam Jaishankar")],
            [_e("India", "GPE")],
            [_e("New Delhi", "GPE")],
        ]
    )
    assert m["S. Jaishankar"] == "Subrahmanyam Jaishankar"
    assert m["India"] == "India" and m["New Delhi"] == "New Delhi"
    assert canonical_across([]) == {}


# --- on the real model ---------------------------------------------------------------------------


@needs_shared
def test_seed_people_roles_and_places(analyzer) -> None:
    from newsfuse.ingest import make_article

    article = make_article((SEEDS / "000_626d0c358e0fb90a.txt").read_text(), published="2025-08-21")
    text = article.text
    a = next(analyzer.analyze([article]))
    jai = [e for e in a.entities if "Jaishankar" in e.text]
    assert len(jai) > 5 and {e.canonical for e in jai} == {"S. Jaishankar"}
    assert {(e.role or "").lower() for e in jai} == {"external affairs minister"}
    assert {e.canonical for e in a.entities if "Lavrov" in e.text} == {"Sergey Lavrov"}
    putin = next(e for e in a.entities if e.canonical == "Vladimir Putin")
    assert putin.role == "Russian President"
    assert next(e for e in a.entities if e.text == "New Delhi").role == "place"
    assert any(e.text == "India" and e.role == "actor" for e in a.entities)
    assert any(e.text == "US" and e.canonical == "United States" for e in a.entities)
    for e in a.entities:
        assert text[e.start : e.end] == e.text and e.text == e.text.strip()


TEXT = (
    "Berlin: Finance minister Anna Keller met Jean Dupont on Monday.\n\n"
    "The weather in the city was mild and markets were calm.\n\n"
    "\u201cThe deal protects thousands of jobs,\u201d Keller said after the talks."
)


def test_fast_attribute_ruler_matches_spacy(analyzer) -> None:
    from spacy.attrs import DEP, LEMMA, MORPH, POS, TAG

    from newsfuse.analyze.nlp import FastAttributeRuler

    nlp = analyzer.model.nlp
    ruler = nlp.get_pipe("attribute_ruler")
    fast = FastAttributeRuler(ruler)
    assert fast.supported
    text = TEXT + " Y'all ain't gonna believe it, let's go. I gave it to you. There is a way."
    off = ["attribute_ruler", "lemmatizer", "ner"]
    a, b = ruler(nlp(text, disable=off)), fast(nlp(text, disable=off))
    cols = [TAG, POS, MORPH, LEMMA, DEP]
    assert (a.to_array(cols) == b.to_array(cols)).all()


def test_default_model_parses_everything_and_starts_paragraphs(analyzer) -> None:
    doc = next(analyzer.model.pipe(["Storm warning\n\nThe storm hit the coast. Power was cut."]))
    assert [s.text.strip() for s in doc.sents] == [
        "Storm warning",
        "The storm hit the coast.",
        "Power was cut.",
    ]
    assert all(t.dep_ for t in doc if not t.is_space)


def test_paragraph_starts_follow_blank_lines_unless_text_runs_on(analyzer) -> None:
    from newsfuse.analyze.nlp import paragraph_starts

    nlp = analyzer.model.nlp
    doc = nlp.make_doc("Headline here\n\nThe story starts. It was a\n\nwrapped line and the\n\nEnd.")
    starts = {doc[i].text for i in paragraph_starts(doc)}
    assert starts == {"The"}
