"""Ages: numbers that give a person's age in years, with or without "aged" or "-year-old".

An age is a figure with unit "age" and the age in years as its value. Marked ages are "aged 44",
"at age 45", "over the age of 21", "ages 18 to 24" (and "50-year-old", a unit of its own). Unmarked
ones are recognised by their place:
- an apposition after a name or a person noun: "Ivor Bell, 77, a leader", "the victim, 23, died";
- after "who is/was/turned" or "he/she was", closing its clause: "Maria, who was 10, ...";
- stated for "age" or "life expectancy": "the average age is 41", "life expectancy ... is 73".
- the same without the commas, as text stripped of punctuation has it, when the name is a person's
  (two or three capitalised words), the number 16 or more and a verb follows ("Nick Hague 44 has
  spent", "Joe Biden 81 ended"); products and events mostly fail one of these ("Windows 10 is",
  "iPhone 15 has", "Boeing 737 was").
The subject of an apposition age is the person as written ("Ivor Bell", "victim").
"""

from __future__ import annotations

import re

from . import _words as W
from ._numbers import SP, words

PERSON_NOUNS = words(
    "man woman boy girl child baby toddler teenager teen youth victim driver motorist cyclist"
    " pedestrian passenger pilot suspect gunman attacker defendant accused prisoner inmate mother"
    " father son daughter wife husband brother sister partner girlfriend boyfriend fiancee fiance"
    " grandmother grandfather grandson granddaughter nephew niece cousin widow widower mum dad"
    " friend neighbour neighbor resident student pupil teacher nurse doctor worker employee farmer"
    " officer soldier veteran pensioner retiree patient survivor climber hiker swimmer player"
    " striker defender midfielder goalkeeper coach manager captain actor actress singer rapper"
    " author artist founder owner chief executive leader mayor senator candidate star fan"
)
_MARKER = re.compile(rf"\b(?:aged|ages?(?:{SP}+of)?|age{SP}+of)(?:{SP}+(?:between|from))?{SP}+$", re.I)
_NAME = re.compile(rf"((?:[A-Z][\w'’.-]*{SP}+){{0,2}}[A-Z][\w'’.-]*),{SP}*$")
_NOUN = re.compile(rf"\b([a-z]+),{SP}*$")
_CLOSED = re.compile(rf"{SP}*(?:,|\)|;|\.(?:\s|$))")
_BARE_NAME = re.compile(rf"(?<![\w'’.-])((?:[A-Z][a-z'’-]+{SP}+){{1,2}}[A-Z][a-z'’-]+){SP}+$")
_VERB_AFTER = re.compile(
    rf"{SP}+(?:has|had|is|was|said|says|told|tells|died|dies|who|will|would|became|joined|won|scored|left"
    r"|ended|spent|lives|lived|added|admitted|denied|pleaded|pled|faces|faced|was|were|and\s+his|and\s+her)\b"
)
_WHO = re.compile(
    rf"(?:\bwho|\b[Hh]e|\b[Ss]he){SP}+(?:is|was|turns|turned|had{SP}+turned|will{SP}+be|would{SP}+have{SP}+been)"
    rf"(?:{SP}+(?:just|only|barely))?{SP}+$"
)
_CLAUSE_END = re.compile(
    rf"{SP}*(?:[,;:)!?—]|\.(?:\s|$)|$)|{SP}+(?:when|and|but|at{SP}+the{SP}+time|as|after|before|while)\b"
)
_AGE_NOUN = re.compile(
    rf"\b(?:age|ages|life{SP}+expectancy)\b[^\d.;:!?,()]{{0,40}}?"
    rf"\b(?:is|was|are|were|of|at|to|reached|hit|stands{SP}+at|stood{SP}+at){SP}+$",
    re.I,
)


def marked_age(text: str, start: int) -> bool:
    """ "aged 44", "at age 45", "over the age of 21", "ages 18 to 24", "aged between 18 and 24"."""
    return bool(_MARKER.search(text[max(0, start - 20) : start]))


def unmarked_age(text: str, start: int, end: int, value: float, numeral: bool) -> tuple[bool, str | None]:
    """(is an age, the person) for a bare whole number that counts nothing."""
    if not 1 <= value < 120:
        return False, None
    before = text[max(0, start - 40) : start]
    if numeral and _CLOSED.match(text, end):
        name = _NAME.search(before)
        if name and before[: name.start()].rstrip().endswith("(") and text[end : end + 1] == ")":
            return False, None  # a line-up, "Britton (Allen, 75)": the minute of a substitution
        if name:
            return True, _last_name_run(name.group(1))  # "Ivor Bell, 77, a leader"
        noun = _NOUN.search(before)
        if noun and noun.group(1) in PERSON_NOUNS:
            return True, noun.group(1)  # "the victim, 23, died"
    if numeral and (person := bare_apposition(text, start, end, value)):
        return True, person  # "Nick Hague 44 has spent": an apposition stripped of its commas
    if _CLAUSE_END.match(text, end) and _WHO.search(before):
        return True, None  # "Maria, who was 10, ...", "she was 45 when"
    context = text[max(0, start - 60) : start]
    approx = W.APPROX_BEFORE.search(context)
    if _AGE_NOUN.search(context[: approx.start()] if approx else context):
        return True, None  # "the average age is 41", "life expectancy for men is around 73"
    return False, None


def bare_apposition(text: str, start: int, end: int, value: float) -> str | None:
    """The person of an age in apposition without its commas ("Nick Hague 44 has"), or None."""
    if not (16 <= value < 120 and value.is_integer()):
        return None
    name = _BARE_NAME.search(text[max(0, start - 40) : start])
    if name is None or not _VERB_AFTER.match(text, end):
        return None
    words = name.group(1).split()
    while words and words[0].lower() in W.STOP:
        words.pop(0)  # "The Super Bowl 50 was", "Before Manchester United 21 was"
    return " ".join(words) if len(words) >= 2 and words == name.group(1).split() else None


def _last_name_run(name: str) -> str:
    """The name less any words before a sentence end: "Gerardo Hernandez. Hernandez" -> "Hernandez"
    (initials and titles, "Susana D. Gonzalez", "Mr. Cosby", do not end a sentence)."""
    parts = re.split(rf"(?<=\.){SP}+", name)
    keep = [parts[-1]]
    for part in reversed(parts[:-1]):
        last = part.split()[-1].rstrip(".")
        if not (len(last) == 1 or last.lower() in W.ABBREVIATIONS):
            break
        keep.insert(0, part)
    return " ".join(keep)
