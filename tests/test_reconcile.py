from __future__ import annotations

import re

from newsfuse.ingest import make_article
from newsfuse.model import Analysis, Entity, Figure, Sentence
from newsfuse.reconcile import reconcile
from newsfuse.reconcile.about import entity_of


def _sentences(text: str) -> tuple[Sentence, ...]:
    return tuple(Sentence(m.start(), m.end()) for m in re.finditer(r"(?:[^.]|\.(?=\d))+\.", text))


def _fig(text: str, needle: str, value, unit, **kw) -> Figure:
    i = text.index(needle)
    return Figure(needle, i, i + len(needle), value, unit, **kw)


def _story(*docs):
    arts, analyses = [], {}
    for aid, source, text, figs in docs:
        a = make_article(text, id=aid, source=source)
        arts.append(a)
        analyses[aid] = Analysis(aid, _sentences(text), figures=tuple(f(text) for f in figs))
    return arts, analyses


def money(needle, value, precision, subject, **kw):
    return lambda t: _fig(
        t, needle, value, "USD", currency="USD", scale="billion", precision=precision, subject=subject, **kw
    )


def count(needle, value, subject=None, **kw):
    return lambda t: _fig(t, needle, value, "count", subject=subject, **kw)


def test_rounding_is_agreement_not_conflict() -> None:
    arts, an = _story(
        (
            "a",
            "Outlet A",
            "Trade touched $68.7 billion in 2024-25.",
            [money("$68.7 billion", 68.7e9, 1e8, "trade", period="2024-25")],
        ),
        (
            "b",
            "Outlet B",
            "Trade rose to $68 billion in 2024-25.",
            [money("$68 billion", 68e9, 1e9, "trade", period="2024-25")],
        ),
    )
    [fact] = reconcile(arts, an).facts
    assert fact.status == "agreed" and fact.outlets == ("Outlet A", "Outlet B")
    assert fact.value == 68.7e9 and "rounding" in fact.note
    assert {m.text for m in fact.mentions} == {"$68.7 billion", "$68 billion"}


def test_real_disagreement_is_a_conflict() -> None:
    arts, an = _story(
        ("a", "A", "Officials said 14 people died in the fire.", [count("14 people", 14, "deaths")]),
        ("b", "B", "Police said 17 people died in the fire.", [count("17 people", 17, "deaths")]),
        ("c", "C", "The toll stood at 14 people, the mayor said.", [count("14 people", 14, "deaths")]),
    )
    res = reconcile(arts, an)
    [fact] = res.conflicts
    assert fact.outlets == ("A", "B", "C") and "B: 17 people" in fact.note


def test_hedged_figures_agree_within_ten_percent() -> None:
    arts, an = _story(
        ("a", "A", "Revenue was $4.27 billion.", [money("$4.27 billion", 4.27e9, 1e7, "revenue")]),
        ("b", "B", "Revenue was about $4 billion.", [money("$4 billion", 4e9, 1e9, "revenue", approx=True)]),
    )
    assert reconcile(arts, an).facts[0].status == "agreed"


def test_sum_that_does_not_add_up_is_flagged_with_citation() -> None:
    text = (
        "Officials said 126 Indians were recruited, and 12 were killed. Ninety-six were discharged. "
        "Another 16 were listed as missing."
    )
    arts, an = _story(
        (
            "a",
            "A",
            text,
            [count("126 Indians", 126, "Indians"), count("12", 12), count("Ninety-six", 96), count("16", 16)],
        ),
    )
    [check] = reconcile(arts, an).checks
    assert check.kind == "sum" and check.status == "inconsistent"
    assert check.expected == 126 and check.actual == 124
    assert "12 + 96 + 16 = 124" in check.message
    cited = " ".join(arts[0].original[c.start : c.end] for c in check.citations)
    assert "126 Indians" in cited and "16 were listed" in cited


def test_sum_that_adds_up_is_consistent() -> None:
    text = "In all 300 people were rescued. 140 came by helicopter and 160 by boat."
    arts, an = _story(
        ("a", "A", text, [count("300 people", 300, "people"), count("140", 140), count("160", 160)])
    )
    [check] = reconcile(arts, an).checks
    assert check.status == "consistent"


def test_fold_ratio_checks() -> None:
    ok = "The imbalance rose nine-fold, from $6.6 billion to $58.9 billion."
    bad = "Exports rose three-fold, from $1.2 billion to $5.9 billion."
    arts, an = _story(
        ("a", "A", ok, [lambda t: _fig(t, "nine-fold", 9.0, "fold"),
                        money("$6.6 billion", 6.6e9, 1e8, "imbalance", role="from"),
                        money("$58.9 billion", 58.9e9, 1e8, "imbalance", role="to")]),
        ("b", "B", bad, [lambda t: _fig(t, "three-fold", 3.0, "fold"),
                         money("$1.2 billion", 1.2e9, 1e8, "exports", role="from"),
                         money("$5.9 billion", 5.9e9, 1e8, "exports", role="to")]),
    )  # fmt: skip
    checks = {c.citations[0].article: c for c in reconcile(arts, an).checks}
    assert checks["a"].status == "consistent" and abs(checks["a"].actual - 8.924) < 0.01
    assert checks["b"].status == "inconsistent" and "not 3" in checks["b"].message


def test_percent_change_check() -> None:
    text = "Sales were up 12 per cent, from 250 to 280 units."
    arts, an = _story(("a", "A", text, [lambda t: _fig(t, "12 per cent", 12.0, "percent"),
                                        count("250", 250, role="from"), count("280", 280, role="to")]))  # fmt: skip
    [check] = reconcile(arts, an).checks
    assert check.kind == "percent" and check.status == "consistent"


def test_share_of_a_total_is_not_a_change() -> None:
    text = "Cloud revenue rose from $1.2 billion to $3.7 billion and accounted for 87 per cent of sales."
    arts, an = _story(("a", "A", text, [money("$1.2 billion", 1.2e9, 1e8, "revenue", role="from"),
                                        money("$3.7 billion", 3.7e9, 1e8, "revenue", role="to"),
                                        lambda t: _fig(t, "87 per cent", 87.0, "percent")]))  # fmt: skip
    assert reconcile(arts, an).checks == ()


def test_trailing_zeros_are_rounding() -> None:
    arts, an = _story(
        ("a", "A", "Some 41,800 containers were stuck.", [count("41,800", 41800, "containers")]),
        ("b", "B", "Around 42,000 containers were stuck.", [count("42,000", 42000, "containers")]),
        ("c", "C", "A total of 43,500 containers were stuck.", [count("43,500", 43500, "containers")]),
    )
    [fact] = reconcile(arts, an).facts
    assert fact.status == "conflict" and "C: 43,500" in fact.note  # 41,800 ~ 42,000, but 43,500 is not


def test_generic_counts_are_keyed_by_what_they_measure() -> None:
    arts, an = _story(
        ("a", "A", "Officials said 17 people died and 312 people were rescued.",
         [count("17 people", 17, "people"), count("312 people", 312, "people")]),
        ("b", "B", "Police said the floods killed 14 people in the valley.", [count("14 people", 14, "people")]),
    )  # fmt: skip
    facts = {f.subject: f for f in reconcile(arts, an).facts}
    assert facts["deaths"].status == "conflict" and {m.text for m in facts["deaths"].mentions} == {
        "17 people",
        "14 people",
    }
    assert facts["rescued"].status == "single-source"


def test_sum_parts_must_count_the_same_thing() -> None:
    text = (
        "The port handled 7,600 containers last week, up from 7,000 a year earlier. "
        "About 4,300 dockworkers and 3,000 drivers were involved."
    )
    arts, an = _story(
        ("a", "A", text, [count("7,600", 7600, "containers"), count("7,000", 7000, "containers"),
                          count("4,300", 4300, "dockworkers"), count("3,000", 3000, "drivers")]),
    )  # fmt: skip
    assert reconcile(arts, an).checks == ()


def test_conflict_shows_the_majority_value() -> None:
    arts, an = _story(
        ("a", "A", "The toll was 14 dead.", [count("14", 14, "deaths")]),
        ("b", "B", "The toll was 14 dead.", [count("14", 14, "deaths")]),
        ("c", "C", "The toll was 17 dead.", [count("17", 17, "deaths")]),
    )
    [fact] = reconcile(arts, an).conflicts
    assert fact.value == 14 and "C: 17" in fact.note


def _ent(text: str, name: str, label: str = "GPE", canonical: str | None = None) -> Entity:
    i = text.index(name)
    return Entity(name, label, i, i + len(name), canonical or name)


def test_facts_are_grouped_by_the_entity_they_are_about() -> None:
    """ "India's exports" and "Malaysia's exports" are two facts, not a conflict; a statement that
    names no entity joins the entity whose value it agrees with."""
    docs = [
        ("a", "A", "India's exports were $4.88 billion in 2024.", "$4.88 billion", 4.88e9, ["India"]),
        ("b", "B", "Malaysia's exports reached $9.2 billion in 2024.", "$9.2 billion", 9.2e9, ["Malaysia"]),
        ("c", "C", "Exports from India stood at $4.9 billion in 2024.", "$4.9 billion", 4.9e9, ["India"]),
        ("d", "D", "Exports were $9.2 billion in 2024, officials said.", "$9.2 billion", 9.2e9, []),
    ]
    arts, an = [], {}
    for aid, source, text, needle, value, names in docs:
        arts.append(make_article(text, id=aid, source=source))
        decimals = len(needle.split(".")[1].split()[0]) if "." in needle else 0
        fig = money(needle, value, 10.0 ** (9 - decimals), "exports", period="2024")(text)
        an[aid] = Analysis(
            aid, _sentences(text), entities=tuple(_ent(text, n) for n in names), figures=(fig,)
        )
    res = reconcile(arts, an)
    assert not res.conflicts
    by = {f.entity: f for f in res.facts}
    assert set(by) == {"India", "Malaysia"}
    assert by["India"].status == "agreed" and by["India"].outlets == ("A", "C")
    assert by["Malaysia"].outlets == ("B", "D") and by["Malaysia"].value == 9.2e9


def test_entity_is_the_subject_not_a_speaker_or_a_place_in_passing() -> None:
    text = (
        "Corvane Systems said it would cut 1,200 jobs. The Farmers' Federation said about 900 "
        "containers were stuck. Floodwaters in the Tarrin Valley have killed 17 people."
    )
    sents = _sentences(text)
    ents = (
        _ent(text, "Corvane Systems", "ORG"),
        _ent(text, "Farmers' Federation", "ORG"),
        _ent(text, "Tarrin Valley", "LOC"),
    )

    def about(needle: str, subject: str) -> str:
        fig = count(needle, 0, subject)(text)
        sent = next(s for s in sents if s.start <= fig.start < s.end)
        return entity_of(fig, text, (sent.start, sent.end), ents)

    assert about("1,200", "jobs") == "Corvane Systems"
    assert about("900", "containers") == ""
    assert about("17", "deaths") == ""
