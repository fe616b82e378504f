from __future__ import annotations

from datetime import date

import pytest

from newsfuse.analyze.dates import resolve

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
