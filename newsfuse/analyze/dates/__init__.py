"""Dates and relative expressions resolved against the article"s own date.

Every mention gets a value and a granularity:

| granularity | value | examples |
|---|---|---|
| day | `2025-08-21` | "on Thursday", "yesterday", "August 19", "from October 1", "three days ago" |
| week | `2025-08-11/2025-08-17` (Monday..Sunday) | "last week", "two weeks ago", "in two weeks" |
| month | `2025-09` | "next month", "earlier this month", "in March", "early August" |
| quarter | `2025-Q3` | "Q3 2025", "the third quarter", "last quarter" |
| half | `2025-H2` | "the second half of the year", "H1 2026" |
| year | `2025` | "later this year", "last year", "mid-2026", "in four years", "by the end of 2025" |
| fiscal_year | `2024-25` | "2024-25", "FY 2023-24", "FY25", "fiscal 2025" (named by the year it ends) |
| season | `2025-autumn` | "the autumn of 2025", "this summer" |
| decade | `1990/1999` | "the 1990s" |
| range | `2025-08-16/2025-08-17` | "the weekend", "2020-2022", "August 19-21", "from 2010 to 2015" |
| range | `2025-08-14/2025-08-21` | "the past week", "the past few days", "over the last two months", "in recent weeks" |

News conventions: a bare weekday is the most recent one on or before the article
date; a day or month named without a year is the one nearest the article date,
unless the words before it point one way ("since", "last", "ago" -> past; "from",
"until", "by", "next", "starting" -> future). A window of days, weeks or months
that ends on the article date ("the past week") is the range of days it covers, up to
and including the article date. Durations ("the past four years", "for two weeks",
"four years", "the coming weeks") are not dates and are dropped. Everything common
is parsed by the rules here; dateparser is the fallback for the rest (cached),
so most texts never call it.
"""

from __future__ import annotations

from ._find import find_dates, resolve

__all__ = ["find_dates", "resolve"]
