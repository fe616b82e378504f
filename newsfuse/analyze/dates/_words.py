"""Date words: weekdays, months, counts, and the cue words that point to the past or the future."""

from __future__ import annotations

import re

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTHS = [
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
]  # fmt: skip
MONTH_ABBR = {m[:3]: i + 1 for i, m in enumerate(MONTHS)} | {"sept": 9}
MONTH = r"((?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?)"
NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
    "thirty": 30, "a couple of": 2, "a few": 3,
}  # fmt: skip
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "final": 4}
COUNT = r"(\d{1,3}|a couple of|a few|" + "|".join(k for k in NUMBERS if " " not in k) + ")"
UNIT = r"(day|week|month|year|decade)s?"
Y = r"((?:19|20)\d{2})"
WEEKDAY = re.compile(r"\b(?:(last|next|this|on)\s+)?(" + "|".join(WEEKDAYS) + r")\b", re.IGNORECASE)
PAST_CUES = {"since", "last", "ago", "earlier", "previous", "past", "was", "were", "had"}
FUTURE_CUES = {
    "from",
    "until",
    "till",
    "by",
    "next",
    "starting",
    "beginning",
    "effective",
    "through",
    "will",
}


def month_of(word: str) -> int:
    return MONTH_ABBR[word.lower().rstrip(".")[:4] if word.lower().startswith("sept") else word.lower()[:3]]


def count_of(word: str) -> int | None:
    w = word.lower()
    return int(w) if w.isdigit() else NUMBERS.get(w)


def direction(cue: str) -> int:
    """-1 past, +1 future, 0 unknown, from the words before a date."""
    words = set(cue.lower().split())
    return -1 if words & PAST_CUES else 1 if words & FUTURE_CUES else 0
