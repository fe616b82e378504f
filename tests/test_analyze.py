from __future__ import annotations

from newsfuse.analyze import analyze_text

TEXT = (
    "Berlin: Finance minister Anna Keller met Jean Dupont on Monday. "
    "Dupont said, \u201cThe deal protects thousands of jobs in both our countries.\u201d "
    "\u201cWe agreed to cut the tariff on steel by half this year,\u201d Keller said after the talks. "
    "\u201cNobody expected this to be quick or easy for anyone,\u201d she said. "
    "Keller said that the agreement would be signed in Paris next month."
)


def test_quotes_speakers_and_pronouns(analyzer) -> None:
    a = analyze_text(TEXT, "2025-03-06", analyzer)
    by_text = {q.text[:12]: q for q in a.quotes}
    assert by_text["We agreed to"].speaker == "Anna Keller"
    assert by_text["The deal pro"].speaker == "Jean Dupont"
    she = by_text["Nobody expec"]
    assert she.speaker == "Anna Keller" and TEXT[she.speaker_start : she.speaker_end] == "she"
    indirect = [q for q in a.quotes if q.kind == "indirect"]
    assert indirect and indirect[0].speaker == "Anna Keller" and "signed in Paris" in indirect[0].text
    for q in a.quotes:
        assert TEXT[q.start : q.end] == q.text


def test_dates_and_entities(analyzer) -> None:
    a = analyze_text(TEXT, "2025-03-06", analyzer)  # a Thursday
    assert any(d.text == "Monday" and d.value == "2025-03-03" for d in a.dates)
    people = {e.canonical for e in a.entities if e.label == "PERSON"}
    assert {"Anna Keller", "Jean Dupont"} <= people
    for e in a.entities:
        assert TEXT[e.start : e.end] == e.text


def test_unbalanced_quotes_do_not_crash(analyzer) -> None:
    text = "\u201cThis quote never closes and runs on, the mayor said\n\nA new paragraph starts here."
    a = analyze_text(text, None, analyzer)
    assert a.quotes and all(text[q.start : q.end] == q.text for q in a.quotes)


def test_sentences_cover_text(analyzer) -> None:
    a = analyze_text(TEXT, None, analyzer)
    assert len(a.sentences) >= 5
    assert a.sentences and all(TEXT[s.start : s.end].strip() == TEXT[s.start : s.end] for s in a.sentences)
