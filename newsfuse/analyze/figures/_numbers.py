"""Numbers in news text: numerals, spelled numbers ("ninety-six", "two dozen"), scales and vague amounts.

Data plus the small regexes built from it; the figure grammar (`figures` and its private
modules) uses them. Currencies and units are in `_units.py`, the words around a number
(measures, periods, change verbs) in `_words.py`.
"""

from __future__ import annotations

import re

SP = r"[^\S\n]"  # one blank inside a line: space, tab, no-break spaces (U+00A0, U+202F)
HY = "-\u2010\u2011"  # hyphen-minus, hyphen, non-breaking hyphen


def words(s: str) -> frozenset[str]:
    return frozenset(s.split())


SMALL = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
_U = "one|two|three|four|five|six|seven|eight|nine"
_SMALL = "|".join(sorted(SMALL, key=len, reverse=True))
_TENS = "|".join(TENS)
_BELOW100 = rf"(?:(?:{_TENS})(?:(?:[{HY}]|{SP})(?:{_U}))?|{_SMALL})"
# "ninety-six", "two hundred and fifty", "a dozen", "two dozen", "a hundred", "two and a half",
# "half a dozen", "half a" before a scale or unit ("half a million", "half an hour")
SPELLED = re.compile(
    rf"\b(?=[zotfsenah])(?:(?:{_BELOW100}|a)(?:{SP}+hundred(?:{SP}+(?:and{SP}+)?{_BELOW100}\b)?|{SP}+dozen)"
    rf"|{_BELOW100}(?:{SP}+and{SP}+a{SP}+half\b)?|half{SP}+a{SP}+dozen|half{SP}+an?(?={SP}+[a-z])"
    rf"|(?:two|three|four|five|six|seven|eight|nine|ten|twenty|hundred|thousand)fold"
    rf"|a(?={SP}+(?:thousand|million|billion|trillion|lakh|crore)\b))\b",
    re.IGNORECASE,
)


def spelled_value(phrase: str) -> tuple[float, float]:
    """Value and precision of a spelled number phrase matched by SPELLED."""
    words = re.findall(r"[a-z]+", phrase.lower())
    if words[:1] == ["half"]:  # "half a dozen", "half a" (million)
        value, precision = spelled_value(" ".join(words[2:])) if words[2:] else (1.0, 1.0)
        return value / 2, precision / 2
    if words[-3:] == ["and", "a", "half"]:  # "two and a half"
        return spelled_value(" ".join(words[:-3]))[0] + 0.5, 0.5
    if words and words[-1].endswith("fold") and words[-1] != "fold":
        words = [words[-1][:-4]]
    value, precision = 0.0, 1.0
    for w in words:
        if w == "a":
            value += 1
        elif w in SMALL:
            value += SMALL[w]
        elif w in TENS:
            value += TENS[w]
        elif w == "hundred":
            value = max(value, 1) * 100
            precision = 100.0
        elif w == "thousand":
            value = max(value, 1) * 1000
            precision = 1000.0
        elif w == "dozen":
            value = max(value, 1) * 12
            precision = 12.0
        elif w != "and":
            continue
        if w in SMALL or w in TENS:
            precision = 1.0
    return value, precision


SCALES = {
    "thousand": 1e3, "lakh": 1e5, "crore": 1e7, "lakh crore": 1e12, "million": 1e6, "billion": 1e9, "trillion": 1e12,
}  # fmt: skip
_SCALE_WORDS = {
    "thousand": "thousand", "k": "thousand", "lakh": "lakh", "lakhs": "lakh", "lac": "lakh",
    "lacs": "lakh", "crore": "crore", "crores": "crore", "cr": "crore", "million": "million",
    "mn": "million", "mln": "million", "mio": "million", "m": "million", "billion": "billion",
    "bn": "billion", "bln": "billion", "b": "billion", "trillion": "trillion", "tn": "trillion",
    "trn": "trillion", "tr": "trillion", "bil": "billion", "mil": "million",
}  # fmt: skip
# Spaced scale words; the one-letter ones (m, k, b) only attached: "1.5m", "25k", "$5B".
SCALE = re.compile(
    rf"(?:(?:{SP}|-)?(?:thousand|million|billion|trillion|lakhs?{SP}+crores?|lakhs?|lacs?|crores?|mn|bn|tn|mln|bln|bil|mil"
    rf"|trn|mio|cr)"
    rf"|[mkbMKB]|tr)(?![\w$€£])",
    re.IGNORECASE,
)


def scale_of(word: str) -> str:
    key = " ".join(word.strip(" -\u00a0\u202f\t").lower().split())
    return "lakh crore" if key.startswith("lakh") and key.endswith(("crore", "crores")) else _SCALE_WORDS[key]


NUMERAL = re.compile(r"(?:\d{1,3}(?:,\d{3})+(?!\d)|\d{1,2}(?:,\d{2})+,\d{3}(?!\d)|\d+)(?:\.\d+)?|\.\d+")
DIGIT_RUN = re.compile(r"[\d.,:/]*\d")
NOT_NUMBERS = re.compile(  # phone numbers and all-digit dates
    r"\+\d{1,3}(?:[\s.-]\(?\d{1,5}\)?){2,}|\(\d{2,5}\)\s?\d{3,4}[\s.-]\d{3,4}"
    r"|\b(?:1-)?\d{3}[.-]\d{3}[.-]\d{4}\b|\b\d{3}-\d{4}\b"
    r"|\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}([/.-])\d{1,2}\1(?:\d{4}|\d{2})\b"  # one separator: not "36.5-37.5"
)
# A sign written on a number: "-1.3%", "+0.2%", "$-50.8bn", "(−3)", "minus 89.2", "minus-5 yards",
# "negative 0.4%".
# The sign must stand apart from a word or number before it ("COVID-19", "2-0" are not signed).
SIGN = re.compile(rf"(?:^|(?<=[\s(\[$£€¥:/]))(?P<sign>[-+−]|minus(?:{SP}+|-)|negative{SP}+)$", re.IGNORECASE)
PLUS_MINUS = re.compile(rf"\bplus{SP}+or{SP}*$|±{SP}*$", re.IGNORECASE)  # "plus or minus 3 points": a margin
YEAR_RANGE_TAIL = re.compile(r"\s?[-–—/]\s?(?:(?:19|20)\d{2}|\d{2})(?!\d)")
VAGUE = re.compile(  # "dozens", "thousands of", "tens of millions of"
    rf"\b(?:(?P<mult>tens|hundreds){SP}+of{SP}+)?(?P<v>dozens|hundreds|thousands|millions|billions|tens)\b"
    rf"(?!{SP}+of{SP}+(?:years|miles))",
    re.I,
)
VAGUE_LOW = {"tens": 10, "dozens": 12, "hundreds": 100, "thousands": 1e3, "millions": 1e6, "billions": 1e9}

# Fractions: "two-thirds", "a quarter of", "one in five"; denominator word -> denominator.
DENOMINATORS = {
    "half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fourth": 4,
    "fourths": 4, "fifth": 5, "fifths": 5, "sixth": 6, "sixths": 6, "seventh": 7, "sevenths": 7,
    "eighth": 8, "eighths": 8, "ninth": 9, "ninths": 9, "tenth": 10, "tenths": 10,
}  # fmt: skip
_NUMERATOR = "a|an|one|two|three|four|five|six|seven|eight|nine"
FRACTION = re.compile(  # "two-thirds", "one third of", "a quarter of", "three fifths of"
    rf"\b(?=[aotfsen])(?P<num>{_NUMERATOR})(?P<sep>[{HY}]|{SP}+)(?P<den>{'|'.join(DENOMINATORS)})\b(?![{HY}]\w)",
    re.IGNORECASE,
)
HALF = re.compile(  # "half of", "half the", "almost half of which"
    rf"(?<![{HY}\w])half(?={SP}+(?:of|the|its|their|his|her|our|your|my|those|these|all|a|an)\b)",
    re.IGNORECASE,
)
ONE_IN = re.compile(  # "one in five adults", "1 in 3", "3 out of 4"
    rf"(?<![{HY}\d.,:/])\b(?=[otfsen1-9])(?P<num>{_U}|[1-9])(?P<sep>{SP}+(?:in|out{SP}+of){SP}+)(?P<den>two|three|four|five|six|seven"
    rf"|eight|nine|ten|twenty|hundred|thousand|[2-9]|[1-9]\d{{1,2}})\b(?![.,]\d|{SP}*[{HY}%])",
    re.IGNORECASE,
)
# the fraction of a mixed number after a whole one: "3 1/2 years", "2½"
MIXED_FRACTION = re.compile(
    rf"(?:{SP}+(?P<num>[1-9])/(?P<den>[2-9]|1[0-6])|(?P<glyph>[½¼¾⅓⅔]))(?![\w/.,]?\d)"
)
GLYPHS = {"½": (1, 2), "¼": (1, 4), "¾": (3, 4), "⅓": (1, 3), "⅔": (2, 3)}
SLASH_FRACTION = re.compile(rf"(?<![\w/.,])(?P<num>[1-9])/(?P<den>[2-9]|1[0-2])(?![\w/.,]\w)(?={SP}+of\b)")
