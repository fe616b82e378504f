from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsfuse.analyze.dates import find_dates, resolve

GRANULARITIES = {
    "day",
    "week",
    "month",
    "quarter",
    "half",
    "year",
    "fiscal_year",
    "season",
    "decade",
    "range",
}

BASE = date(2025, 8, 21)  # a Thursday


@pytest.mark.parametrize(
    ("text", "value", "granularity"),
    [
        ("Thursday", "2025-08-21", "day"),
        ("on Monday", "2025-08-18", "day"),
        ("last Thursday", "2025-08-14", "day"),
        ("next Monday", "2025-08-25", "day"),
        ("yesterday", "2025-08-20", "day"),
        ("today", "2025-08-21", "day"),
        ("later this year", "2025", "year"),
        ("last year", "2024", "year"),
        ("last week", "2025-08-11/2025-08-17", "week"),
        ("2024–25", "2024-25", "fiscal_year"),
        ("2024-25", "2024-25", "fiscal_year"),
        ("FY 2023-24", "2023-24", "fiscal_year"),
        ("2021", "2021", "year"),
        ("August 2025", "2025-08", "month"),
        ("the autumn of 2025", "2025-autumn", "season"),
        ("August 19, 2025", "2025-08-19", "day"),
        ("19 August", "2025-08-19", "day"),
    ],
)
def test_resolve(text: str, value: str, granularity: str) -> None:
    assert resolve(text, BASE) == (value, granularity)


@pytest.mark.parametrize("text", ["the past four years", "the same period", "four years", "a day"])
def test_durations_are_not_dates(text: str) -> None:
    assert resolve(text, BASE) is None


def test_relative_needs_a_base() -> None:
    assert resolve("on Thursday", None) is None
    assert resolve("2021", None) == ("2021", "year")


@pytest.mark.parametrize(
    ("text", "value", "granularity"),
    [
        ("in four years", "2029", "year"),
        ("two years ago", "2023", "year"),
        ("three days ago", "2025-08-18", "day"),
        ("in 10 days", "2025-08-31", "day"),
        ("two weeks ago", "2025-08-04/2025-08-10", "week"),
        ("a year earlier", "2024", "year"),
        ("next month", "2025-09", "month"),
        ("earlier this month", "2025-08", "month"),
        ("later this month", "2025-08", "month"),
        ("the end of the year", "2025", "year"),
        ("late last year", "2024", "year"),
        ("early next year", "2026", "year"),
        ("this week", "2025-08-18/2025-08-24", "week"),
        ("last night", "2025-08-20", "day"),
        ("the weekend", "2025-08-16/2025-08-17", "range"),
        ("over the weekend", "2025-08-16/2025-08-17", "range"),
        ("this weekend", "2025-08-23/2025-08-24", "range"),
        ("next weekend", "2025-08-23/2025-08-24", "range"),
        ("mid-2026", "2026", "year"),
        ("early 2026", "2026", "year"),
        ("by the end of 2025", "2025", "year"),
        ("Q3 2025", "2025-Q3", "quarter"),
        ("the third quarter", "2025-Q3", "quarter"),
        ("the third quarter of 2024", "2024-Q3", "quarter"),
        ("last quarter", "2025-Q2", "quarter"),
        ("the second half of the year", "2025-H2", "half"),
        ("H1 2026", "2026-H1", "half"),
        ("FY25", "2024-25", "fiscal_year"),
        ("fiscal 2025", "2024-25", "fiscal_year"),
        ("2020-2022", "2020/2022", "range"),
        ("between 2010 and 2015", "2010/2015", "range"),
        ("the 1990s", "1990/1999", "decade"),
        ("August 19-21", "2025-08-19/2025-08-21", "range"),
        ("June to August 2025", "2025-06/2025-08", "range"),
        ("from October 1", "2025-10-01", "day"),
        ("since March", "2025-03", "month"),
        ("last August", "2024-08", "month"),
        ("next March", "2026-03", "month"),
        ("this summer", "2025-summer", "season"),
        ("Nov. 28", "2025-11-28", "day"),
        ("Sept. 3, 2024", "2024-09-03", "day"),
        ("the 19th of August", "2025-08-19", "day"),
        ("2025-08-21", "2025-08-21", "day"),
        ("21/08/2025", "2025-08-21", "day"),
        ("5 p.m. Sunday", "2025-08-17", "day"),
    ],
)
def test_resolve_relative_and_periods(text: str, value: str, granularity: str) -> None:
    assert resolve(text, BASE) == (value, granularity)


@pytest.mark.parametrize(
    ("text", "before", "value"),
    [
        ("October 1", "from", "2025-10-01"),  # the coming one
        ("October 1", "since", "2024-10-01"),  # the last one
        ("October 1", "", "2025-10-01"),  # the nearest
        ("March 3", "", "2025-03-03"),
        ("March 3", "until", "2026-03-03"),
        ("October 1", "take effect on", "2025-10-01"),
        ("December", "", "2025-12"),
    ],
)
def test_year_of_a_date_without_one(text: str, before: str, value: str) -> None:
    assert resolve(text, BASE, before)[0] == value  # type: ignore[index]


@pytest.mark.parametrize(
    "text",
    ["the past four years", "the next two years", "the coming weeks", "20-year-old", "decades", "the year",
     "the past decade", "the next two weeks", "the most recent month", "the past many days"],
)  # fmt: skip
def test_more_durations_and_non_dates(text: str) -> None:
    assert resolve(text, BASE) is None


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("the past week", "2025-08-14/2025-08-21"),
        ("over the past week", "2025-08-14/2025-08-21"),
        ("this past week", "2025-08-14/2025-08-21"),
        ("the last week", "2025-08-14/2025-08-21"),
        ("the past month", "2025-07-21/2025-08-21"),
        ("in the past month", "2025-07-21/2025-08-21"),
        ("the past few days", "2025-08-18/2025-08-21"),
        ("the last few days", "2025-08-18/2025-08-21"),
        ("the past several days", "2025-08-18/2025-08-21"),
        ("in recent days", "2025-08-18/2025-08-21"),
        ("the past two weeks", "2025-08-07/2025-08-21"),
        ("over the past couple of weeks", "2025-08-07/2025-08-21"),
        ("the last 30 days", "2025-07-22/2025-08-21"),
        ("over the last six months", "2025-02-21/2025-08-21"),
        ("the past 24 hours", "2025-08-20/2025-08-21"),
    ],
)
def test_windows_ending_on_the_article_date_are_day_ranges(text: str, value: str) -> None:
    assert resolve(text, BASE) == (value, "range")


def test_window_keeps_calendar_units_and_short_months_apart() -> None:
    assert resolve("last week", BASE) == ("2025-08-11/2025-08-17", "week")  # the calendar week before
    assert resolve("the previous week", BASE) == ("2025-08-11/2025-08-17", "week")
    assert resolve("last month", BASE) == ("2025-07", "month")
    assert resolve("the past month", date(2025, 3, 31)) == ("2025-02-28/2025-03-31", "range")
    assert resolve("the past month", date(2024, 3, 30)) == ("2024-02-29/2024-03-30", "range")


@pytest.mark.parametrize(
    ("text", "value", "granularity"),
    [
        ("over the weekend", "2025-08-16/2025-08-17", "range"),
        ("this past weekend", "2025-08-16/2025-08-17", "range"),
        ("earlier this month", "2025-08", "month"),
        ("late last year", "2024", "year"),
    ],
)
def test_other_relative_periods(text: str, value: str, granularity: str) -> None:
    assert resolve(text, BASE) == (value, granularity)
    saturday = date(2025, 8, 23)  # on a weekend day "the weekend" is that one, not the week before
    if "weekend" in text:
        assert resolve(text, saturday) == ("2025-08-23/2025-08-24", "range")


@settings(max_examples=120, deadline=None)
@given(
    st.dates(min_value=date(1990, 1, 1), max_value=date(2040, 12, 31)),
    st.integers(1, 12),
    st.sampled_from(["day", "week", "month"]),
    st.sampled_from(["the past {n} {u}s", "over the last {n} {u}s", "in the past {n} {u}s"]),
)
def test_property_windows_end_on_the_base(base: date, n: int, unit: str, form: str) -> None:
    value, granularity = resolve(form.format(n=n, u=unit), base)  # type: ignore[misc]
    start, end = (date.fromisoformat(x) for x in value.split("/"))
    assert granularity == "range" and end == base and start < base
    days = (base - start).days
    if unit == "day":
        assert days == n
    elif unit == "week":
        assert days == 7 * n
    else:
        assert 28 * n - 3 <= days <= 31 * n and (start.day == base.day or start.day < base.day)


def test_find_dates_picks_up_windows_the_model_misses() -> None:
    import spacy

    text = (
        "Prices rose over the past week. In the past few days the index fell. Sales slowed in recent weeks. "
        "In the last two weeks, 40 people died. It rained in the last week of August."
    )
    doc = spacy.blank("en")(text)  # no entities: only the rules find dates
    found = {d.text: d.value for d in find_dates(doc, text, "2025-08-21")}
    assert found == {
        "the past week": "2025-08-14/2025-08-21",
        "the past few days": "2025-08-18/2025-08-21",
        "recent weeks": "2025-07-31/2025-08-21",
        "the last two weeks": "2025-08-07/2025-08-21",
    }


def test_find_dates_spans_and_cues() -> None:
    import spacy

    text = "Tariffs rise from October 1. The plan ends in four years. Talks were held over the weekend, on Q3 2025."
    doc = spacy.blank("en")(text)
    ents = [
        ("DATE", "October 1"),
        ("DATE", "four years"),
        ("DATE", "2025"),
    ]  # the model's "2025" of "Q3 2025"
    spans = [doc.char_span(text.index(s), text.index(s) + len(s), label=lab) for lab, s in ents]
    doc.ents = [s for s in spans if s is not None]
    found = {d.text: (d.value, d.granularity) for d in find_dates(doc, text, "2025-08-21")}
    assert found == {
        "October 1": ("2025-10-01", "day"),
        "in four years": ("2029", "year"),
        "over the weekend": ("2025-08-16/2025-08-17", "range"),
        "Q3 2025": ("2025-Q3", "quarter"),
    }
    for d in find_dates(doc, text, "2025-08-21"):
        assert text[d.start : d.end] == d.text


@given(st.dates(min_value=date(1950, 1, 1), max_value=date(2049, 12, 31)))
def test_written_dates_round_trip(day: date) -> None:
    month = day.strftime("%B")
    assert resolve(f"{month} {day.day}, {day.year}", BASE) == (day.isoformat(), "day")
    assert resolve(f"{day.day} {month} {day.year}", BASE) == (day.isoformat(), "day")
    assert resolve(day.isoformat(), None) == (day.isoformat(), "day")


@settings(deadline=None)  # the first fallback call imports dateparser
@given(st.text(max_size=40), st.one_of(st.none(), st.dates()))
def test_resolve_never_raises(text: str, base: date | None) -> None:
    out = resolve(text, base)
    assert out is None or (isinstance(out[0], str) and out[1] in GRANULARITIES)
