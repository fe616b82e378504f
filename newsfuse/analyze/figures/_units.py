"""Units after a number: percent forms, measure units, rates (currencies are in _money.py).

Canonical unit names follow the usual normaliser spelling ("kilometre", "mile per hour").
"""

from __future__ import annotations

import re

from ._numbers import SP, words

# Units after the number: (canonical name, pattern). Word forms are matched ignoring case
# after an optional blank; abbreviations are case-sensitive, and the one-letter ones must
# be attached ("5kg", "1.0l").
_PERCENT = [
    ("percentage point", r"{s}?(?:percentage|pct\.?){s}+points?|{s}?pp(?:ts?)?"),
    ("basis point", r"{s}?basis{s}+points?|{s}?bps|{s}?(?-i:bp)"),
    ("percent", r"{s}?%|{s}?per{s}?-?cent|{s}?percent|{s}?pc|{s}?pct"),
]
_WORD_UNITS = [
    ("fold", r"[-\u2010\u2011]?{s}?fold"),
    ("age", r"(?:[-\u2010\u2011]|{s})?years?(?:[-\u2010\u2011]|{s})old"),
    ("mile per hour", r"{s}miles?{s}+(?:per|an|a){s}+hour"),
    ("kilometre per hour", r"{s}kilomet(?:re|er)s?{s}+(?:per|an|a){s}+hour"),
    ("square foot", r"{s}square{s}+(?:feet|foot)"),
    ("square metre", r"{s}square{s}+met(?:re|er)s?"),
    ("square kilometre", r"{s}square{s}+kilomet(?:re|er)s?"),
    ("square mile", r"{s}square{s}+miles?"),
    ("pound-foot", r"{s}?pound-f(?:ee|oo)t"),
    ("square foot", r"{s}?sq\.?{s}?(?:ft|feet|foot)"),  # "120,000 sq ft"
    ("square kilometre", r"{s}?sq\.?{s}?km"),
    ("square mile", r"{s}?sq\.?{s}?mi(?:les?)?"),
    ("square metre", r"{s}?sq\.?{s}?m"),
    ("celsius", r"{s}?(?:Â?[°º]{s}?|degrees?{s}+|deg\.?{s}?)(?:c\b|celsius|centigrade)|{s}celsius"),
    ("fahrenheit", r"{s}?(?:Â?[°º]{s}?|degrees?{s}+|deg\.?{s}?)(?:f\b|fahrenheit)|{s}fahrenheit"),
    ("degree", r"{s}?degrees?|°"),
    ("kilometre", r"{s}?kilomet(?:re|er)s?"),
    ("centimetre", r"{s}?centimet(?:re|er)s?"),
    ("millimetre", r"{s}?millimet(?:re|er)s?"),
    ("metre", r"{s}?met(?:re|er)s?"),
    ("mile", r"{s}miles?"),
    ("yard", r"{s}yards?"),
    ("foot", r"{s}(?:feet|foot)"),
    ("inch", r"{s}inch(?:es)?"),
    ("kilogram", r"{s}?kilo(?:gram(?:me)?)?s?"),
    ("gram", r"{s}grams?"),
    ("tonne", r"{s}(?:metric{s}+)?tonnes?"),
    ("gigaton", r"{s}?gigaton(?:ne)?s?"),
    ("megaton", r"{s}?megaton(?:ne)?s?"),
    ("ton", r"{s}tons?"),
    ("ounce", r"{s}ounces?"),
    ("litre", r"{s}?lit(?:re|er)s?"),
    ("gallon", r"{s}gallons?"),
    ("barrel", r"{s}barrels?"),
    ("acre", r"{s}acres?"),
    ("hectare", r"{s}hectares?"),
    ("brake horsepower", r"{s}?brake{s}+horsepower"),
    ("horsepower", r"{s}?horsepower"),
    ("kilowatt hour", r"{s}?kilowatt[-{s}]hours?"),
    ("kilowatt", r"{s}?kilowatts?"),
    ("megawatt", r"{s}?megawatts?"),
    ("gigawatt", r"{s}?gigawatts?"),
    ("watt", r"{s}watts?"),
    ("gigabyte", r"{s}?gigabytes?"),
    ("terabyte", r"{s}?terabytes?"),
    ("megabyte", r"{s}?megabytes?"),
    ("decibel", r"{s}?decibels?"),
    ("revolutions per minute", r"{s}revolutions{s}+per{s}+minute"),
    ("knot", r"{s}knots?"),
    ("calorie", r"{s}(?:kilo)?calories?"),
    ("decade", r"{s}decades?"),
    ("century", r"{s}centur(?:y|ies)"),
    ("year", r"{s}years?|{s}?yrs?"),
    ("month", r"{s}months?"),
    ("week", r"{s}weeks?"),
    ("day", r"{s}days?"),
    ("hour", r"{s}hours?|{s}?hrs?"),
    ("minute", r"{s}minutes?|{s}?mins?"),
    ("second", r"{s}seconds?|{s}?secs?"),
    ("gigahertz", r"{s}?ghz"),  # any case: "2.4Ghz"
    ("megahertz", r"{s}?mhz"),
    ("kilohertz", r"{s}?khz"),
    ("mile per gallon", r"{s}?mpg"),
    ("milliampere hour", r"{s}?mah"),
    ("sen", r"{s}sen"),  # hundredths of the ringgit, as "cent" is of the dollar
    ("paisa", r"{s}paise|{s}paisa"),
    ("cent", r"{s}?cents?|¢"),
    ("penny", r"{s}pence"),
    ("point", r"{s}points?|{s}?pts"),
]
_ABBREV_UNITS = [
    ("barrel per day", r"{s}?(?:bpd|b/d|bbl/d)"),
    ("kilometre per hour", r"{s}?(?:km/h|kmph|kph|kmh)"),
    ("mile per hour", r"{s}?mph"),
    ("point per game", r"{s}?ppg"),
    ("rebound per game", r"{s}?rpg"),
    ("assist per game", r"{s}?apg"),
    ("kilowatt hour", r"{s}?kWh"),
    ("megawatt hour", r"{s}?MWh"),
    ("gigawatt hour", r"{s}?GWh"),
    ("terawatt hour", r"{s}?TWh"),
    ("megabit per second", r"{s}?Mbps|{s}?Mb/s"),
    ("gigabit per second", r"{s}?Gbps|{s}?Gb/s"),
    ("kilowatt", r"{s}?kW"),
    ("megawatt", r"{s}?MW"),
    ("gigawatt", r"{s}?GW"),
    ("gigabyte", r"{s}?GB"),
    ("terabyte", r"{s}?TB"),
    ("megabyte", r"{s}?MB"),
    ("gigahertz", r"{s}?GHz"),
    ("kilohertz", r"{s}?kHz"),
    ("hertz", r"{s}?Hz"),
    ("megahertz", r"{s}?MHz"),
    ("milliampere hour", r"{s}?mAh"),
    ("megapixel", r"{s}?MP"),
    ("brake horsepower", r"{s}?bhp"),
    ("horsepower", r"{s}?(?:hp|HP|PS)"),
    ("newton metre", r"{s}?Nm"),
    (
        "foot pound-force",
        r"{s}?lb\.?-?{s}?ft|{s}?ft\.?-?{s}?lbs?",
    ),  # torque as "lb-ft"; "pound-feet" is a pound-foot
    ("kilometre", r"{s}?kms?"),
    ("centimetre", r"{s}?cm"),
    ("millimetre", r"{s}?mm"),
    ("kilogram", r"{s}?kgs?"),
    ("milligram", r"{s}?mg"),
    ("millilitre", r"{s}?ml"),
    ("pound", r"{s}?lbs?"),
    ("foot", r"{s}?ft"),
    ("ounce", r"{s}?oz"),
    ("barrel", r"{s}?bbl"),
    ("hectare", r"{s}?ha"),
    ("decibel", r"{s}?dB"),
    ("revolutions per minute", r"{s}?rpm"),
    ("celsius", r"°?C"),
    ("fahrenheit", r"°?F"),
    ("inch", r"in"),  # attached only: "6.8in"
    ("metre", r"m"),  # only where an attached "m" is not millions (see _scan.py)
    ("litre", r"[lL]"),
    ("gram", r"g"),
    ("tonne", r"t"),
    ("watt", r"W"),
    ("volt", r"V"),
    ("penny", r"p"),
]
_END = r"(?![\w/°%]|[-\u2010\u2011][^\W\d])"
_MONTH = "January|February|March|April|May|June|July|August|September|October|November|December"


def _alternation(table: list[tuple[str, str]], prefix: str) -> tuple[str, list[str]]:
    names = []
    parts = []
    for i, (name, pat) in enumerate(table):
        names.append(name)
        parts.append(f"(?P<{prefix}{i}>{pat.format(s=SP)})")
    return "|".join(parts), names


_pct, PERCENT_NAMES = _alternation(_PERCENT, "p")
_words, WORD_NAMES = _alternation(_WORD_UNITS, "w")
_abbr, ABBREV_NAMES = _alternation(_ABBREV_UNITS, "a")
PERCENT_UNIT = re.compile(rf"(?i:{_pct}){_END}")
WORD_UNIT = re.compile(rf"(?i:{_words}){_END}")
ABBREV_UNIT = re.compile(rf"(?:{_abbr}){_END}")
ABBREV_BEFORE_SLASH = re.compile(rf"(?:{_abbr})(?=/)")
# abbreviations written in capitals, as a lower-cased sentence has them ("49.6c", "120hz", "45w",
# "48mp", "825gb"): one-letter ones attached; not "nm" (newton metres or nanometres) nor "ps"
_LOWER_ABBREV_UNITS = [
    ("celsius", r"°?c"), ("fahrenheit", r"°?f"), ("watt", r"w"), ("volt", r"v"),
    ("kilowatt hour", r"{s}?kwh"), ("megawatt hour", r"{s}?mwh"), ("gigawatt hour", r"{s}?gwh"),
    ("terawatt hour", r"{s}?twh"), ("megabit per second", r"{s}?mbps"), ("gigabit per second", r"{s}?gbps"),
    ("kilowatt", r"{s}?kw"), ("megawatt", r"{s}?mw"), ("gigawatt", r"{s}?gw"), ("gigabyte", r"{s}?gb"),
    ("terabyte", r"{s}?tb"), ("megabyte", r"{s}?mb"), ("hertz", r"{s}?hz"), ("milliampere hour", r"{s}?mah"),
    ("megapixel", r"{s}?mp"), ("decibel", r"{s}?db"),
]  # fmt: skip
_lower_abbr, LOWER_ABBREV_NAMES = _alternation(_LOWER_ABBREV_UNITS, "l")
LOWER_ABBREV_UNIT = re.compile(rf"(?:{_lower_abbr}){_END}")


def hyphened_unit(text: str, pos: int) -> tuple[str, int] | None:
    """A measure unit joined to a numeral by a hyphen ("6.1-inch", "9.58-second", "41-year"):
    (unit name, end), or None. Ages and "-fold" are matched as units of their own."""
    if text[pos : pos + 1] not in "-\u2010\u2011" or not text[pos + 1 : pos + 2].isalpha():
        return None
    m = WORD_UNIT.match(" " + text[pos + 1 : pos + 40])
    if m is None:  # "60-mph", "10-km": abbreviations of two letters or more, not "3-D" or "3-in-1"
        a = ABBREV_UNIT.match(text[pos + 1 : pos + 40])
        if a and len(a.group()) >= 2 and a.group() != "in":
            return unit_name(a), pos + 1 + a.end()
        return None
    if unit_name(m) in ("fold", "age"):
        return None
    return unit_name(m), pos + m.end()


def unit_name(m: re.Match[str]) -> str:
    g = m.lastgroup or ""
    table = {"p": PERCENT_NAMES, "w": WORD_NAMES, "a": ABBREV_NAMES, "l": LOWER_ABBREV_NAMES}[g[0]]
    return table[int(g[1:])]


# "per barrel", "a month", "/kg": the second half of a rate unit ("USD per barrel").
RATE = re.compile(
    rf"(?:{SP}+(?:per|a|an|each){SP}+|{SP}?/{SP}?)"
    r"(?P<per>barrel|share|gram|gallon|litre|liter|ounce|tonne|ton|kg|kilogram|pound|head|"
    r"capita|person|night|month|year|week|day|hour|minute|kWh|unit|square\s+(?:foot|feet|metre|meter)|"
    r"game|match|start|appearance|inning|race|lap|"
    r"sq\.?\s*ft|mmBTU|MMBtu|million\s+British\s+thermal\s+unit|barrel|mile|km|seat|vehicle|car|student|"
    r"household|passenger|"
    r"bottle|can|pack|packet|box|bag|pint|glass|cup|meal|dose|ticket|visit|trip|ride|copy|item|piece|kilo|"
    r"acre|hectare|room|bed|user|subscriber|member|customer|employee|worker|resident|citizen|family|child|"
    r"adult|home|house|page|word|view|stream|download|vote|policy|session|lesson|episode|flight)s?\b"
    rf"(?!{SP}+(?:earlier|ago|before|after|later|previously))(?<!day|ear|eek|nth)(?<!days|ears|eeks|nths)"
    rf"|(?:{SP}+(?:per|a|an|each){SP}+|{SP}?/{SP}?)(?P<time>day|week|month|year)s?\b"
    rf"(?!{SP}+(?:earlier|ago|before|after|later|previously|on(?!{SP}+(?:{_MONTH}|\d))))"  # "a year on"
    rf"|{SP}+per{SP}+(?P<noun>(?!(?:se|cent|centum|the|a|an|his|her|its|their|our|your|my|this|that|these"
    r"|those|some|each|every|thousand|million|billion|trillion)\b)(?-i:[a-z]+))\b(?![-'’])",  # "per bottle"
    re.IGNORECASE,
)
# "150 gigatonnes of ice a year": a time rate after the "of" phrase of a measure
_OF_PHRASE = re.compile(
    rf"{SP}+of{SP}+(?:[a-z]+{SP}+)?[a-z]+(?=(?:{SP}+(?:a|an|per|each){SP}+)(?:day|week|month|year)\b)"
)

_RATE_CANON = {"liter": "litre", "kg": "kilogram", "capita": "person", "head": "person",
               "mmbtu": "mega british thermal unit", "million british thermal unit": "mega british thermal unit", "annum": "year", "kilo": "kilogram", "km": "kilometre", "kwh": "kilowatt hour"}  # fmt: skip


def rate_word(m: re.Match[str]) -> str:
    return m.group("per") or m.group("time") or m.group("noun")


def rate_after_of(text: str, pos: int) -> re.Match[str] | None:
    """The time rate after an "of" phrase ("of ice a year"), or None."""
    of = _OF_PHRASE.match(text, pos)
    r = RATE.match(text, of.end()) if of else None
    return r if r and r.group("time") else None


def rate_name(word: str) -> str:
    w = re.sub(r"\s+", " ", word.lower())
    if w.startswith("sq") or w.startswith("square"):
        return "square foot" if ("f" in w) else "square metre"
    return _RATE_CANON.get(w, w)


TIME_AFTER = re.compile(
    rf"{SP}?(?:[ap]\.m\.|[ap]m\b|GMT\b|UTC\b|IST\b|[EPC][SD]T\b|BST\b|CET\b|o['’]clock)", re.I
)
# a generation of mobile networks: "5G" anywhere ("make 5G available"), "5g" before what it names
MOBILE_GENERATION_UPPER = re.compile(r"[2-6]G(?![\w\u2010\u2011-])")
MOBILE_GENERATION = re.compile(  # "5g network": not five grams
    r"[2-6]g\s+(?:networks?|data|phones?|services?|coverage|masts?|technology|spectrum|connectivity|signals?"
    r"|rollout|handsets?|smartphones?|modems?|speeds?|plans?|licen[cs]es?|auctions?|equipment|chips?|devices?)\b",
    re.IGNORECASE,
)
TEMPERATURES = words("degree celsius fahrenheit")
TIME_UNITS = words("year month week day hour minute second decade century")
