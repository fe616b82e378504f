"""The figure grammar: money, percentages, n-fold, counts, ages, fractions, measures and ranges.

`find_figures(text)` returns `Figure`s sorted by start, with `text[f.start:f.end] == f.text`.
Conventions:
- `text` is the quantity itself: currency sign or code, number(s), scale and unit
  ("US$5m", "$5-6 billion", "10 and 12 per cent", "nine-fold", "40 km/h"). Qualifiers
  ("nearly", "more than", "up to", "between") are not part of it: they set `approx`.
  A counted noun is not part of it either: "126 Indians" gives text "126", subject "Indians".
- `value` is the full number ("$68.7 billion" -> 68700000000.0, "half a million" -> 500000.0,
  "two and a half times" -> 2.5), a range is (low, high); vague amounts are ranges of one order
  of magnitude ("dozens" -> (12, 120), approx); a fraction is the share ("two-thirds" -> 0.667).
  Signs make it negative: "-1.3%", "-$5bn", "$-5bn", "minus 89.2C", "negative 0.4%",
  "30 degrees below zero".
- `unit`: ISO code for money ("USD"), "percent", "percentage point", "basis point", "fold"
  ("nine-fold", "three times as many", "grew 2.5 times", "by a factor of 10", "9x faster"; not
  "twice", which NewsQuant never marks), "count", "age"
  (in years: "aged 44", "Smith, 45, said", "who was 10"; see _ages.py), "fraction"
  ("two-thirds of voters", "half of the 300 workers", "one in five"; see _fractions.py),
  a measure unit ("kilometre", "year"; "a quarter of a percentage point" is 0.25 of one; torque
  "lb-ft" is "foot pound-force", "pound-feet" "pound-foot"), "generation" for mobile networks ("5G"),
  "<unit> per <x>" for rates ("USD per barrel", "point per game", "CNY per bottle"), and for
  exchange rates "<base> per <quote>" with the base the currency named before the number ("the
  yen slid past 150 per dollar" -> "JPY per USD", currency "JPY"); "point" for an index level in
  a sentence that moves in points ("fell 45 points to 7,512.3"); None for a bare decimal with
  nothing counted. A numeral hyphened to a noun counts it ("a 1,200-page report": subject "page").
- `subject`: for counts the counted noun phrase as written ("Indians", "public housing
  properties"), else the subject of the last count in the same or previous sentence; for a
  fraction the whole it is a share of ("voters"); for an age in apposition the person ("Smith");
  for other figures the nearest measure noun before it in the sentence (canonical, lowercased:
  "trade imbalance" -> "imbalance"), else the first one after it in the clause.
- `period`: a period stated next to the figure in its clause ("in 2024–25" -> "2024-25",
  "in fiscal 2024" -> "fiscal 2024", "last year"), or one that opens the sentence ("In 2019, ...").
- `role`: "from"/"to" for the ends of a change ("rose from $6.6 billion to $58.9 billion"),
  "by" for its size ("increased by $43.6 billion"); "from 17 to 70" with no change is a range.
- `precision`: one unit of the last stated digit in absolute terms ($68.7bn -> 1e8).
Not figures: years and year ranges, dates, times, ordinals, decades, phone numbers ("call 911"), codes and
names ("COVID-19", "G20", "Boeing 737", "page 12"), the pronoun "one" ("no one", "one of them").
"one of the students" is a count of one with the group as its subject ("students"), ranked or
qualified groups with their prepositional phrases ("one of the oldest ballparks in America" ->
"oldest ballparks in America"; a relative clause is left out), as NewsQuant marks them; small counts
written as words are not compared as facts (reconcile).
"""

from __future__ import annotations

from ._find import find_figures
from ._words import MEASURES

__all__ = ["MEASURES", "find_figures"]
