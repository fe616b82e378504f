"""Lexicons for the figure grammar: number words, scales, currencies, units, measure nouns.

Everything here is data plus the small regexes built from it; `figures.py` holds the grammar
that uses them. Canonical unit names follow the usual normaliser spelling ("kilometre",
"mile per hour"); money uses the ISO currency code as its unit.
"""

from __future__ import annotations

import re

SP = r"[^\S\n]"  # one blank inside a line: space, tab, no-break spaces (U+00A0, U+202F)
HY = "-\u2010\u2011"  # hyphen-minus, hyphen, non-breaking hyphen

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
# "ninety-six", "two hundred and fifty", "a dozen", "two dozen", "a hundred"
SPELLED = re.compile(
    rf"\b(?:(?:{_BELOW100}|a)(?:{SP}+hundred(?:{SP}+(?:and{SP}+)?{_BELOW100}\b)?|{SP}+dozen)"
    rf"|{_BELOW100}|(?:two|three|four|five|six|seven|eight|nine|ten|twenty|hundred|thousand)fold"
    rf"|a(?={SP}+(?:thousand|million|billion|trillion|lakh|crore)\b))\b",
    re.IGNORECASE,
)


def spelled_value(phrase: str) -> tuple[float, float]:
    """Value and precision of a spelled number phrase matched by SPELLED."""
    words = re.findall(r"[a-z]+", phrase.lower())
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
    "thousand": 1e3, "lakh": 1e5, "crore": 1e7, "million": 1e6, "billion": 1e9, "trillion": 1e12,
}  # fmt: skip
_SCALE_WORDS = {
    "thousand": "thousand", "k": "thousand", "lakh": "lakh", "lakhs": "lakh", "lac": "lakh",
    "lacs": "lakh", "crore": "crore", "crores": "crore", "cr": "crore", "million": "million",
    "mn": "million", "mln": "million", "mio": "million", "m": "million", "billion": "billion",
    "bn": "billion", "bln": "billion", "b": "billion", "trillion": "trillion", "tn": "trillion",
    "trn": "trillion", "tr": "trillion",
}  # fmt: skip
# Spaced scale words; the one-letter ones (m, k, b) only attached: "1.5m", "25k", "$5B".
SCALE = re.compile(
    rf"(?:(?:{SP}|-)?(?:thousand|million|billion|trillion|lakhs?|lacs?|crores?|mn|bn|tn|mln|bln|trn|mio|cr)"
    rf"|[mkbMKB]|tr)(?![\w$€£])",
    re.IGNORECASE,
)


def scale_of(word: str) -> str:
    return _SCALE_WORDS[word.strip(" -\u00a0\u202f\t").lower()]


# Currency before the number ("$", "US$", "Rs", "₹", "USD "): group name -> ISO code.
_PREFIXES = [
    ("USD", r"US{s}?\$|\$US|U\.S\.\$|USD"),
    ("AUD", r"A\$|AU\$|AUD"),
    ("CAD", r"C\$|CA\$|CAD"),
    ("HKD", r"HK\$|HKD"),
    ("SGD", r"S\$|SGD"),
    ("NZD", r"NZ\$|NZD"),
    ("BRL", r"R\$|BRL"),
    ("EUR", r"€|EUR"),
    ("GBP", r"£|GBP"),
    ("JPY", r"¥|JPY"),
    ("CNY", r"CNY|RMB"),
    ("INR", r"₹|Rs\.?|INR"),
    ("RUB", r"₽|RUB"),
    ("CHF", r"CHF"),
    ("MYR", r"RM|MYR"),
    ("KRW", r"₩|KRW"),
    ("NGN", r"₦|NGN"),
    ("ZAR", r"ZAR"),
    ("ILS", r"₪|NIS|ILS"),
    ("PKR", r"PKR"),
    ("BDT", r"৳|Tk\.?|BDT"),
    ("USD_", r"\$"),
]
CURRENCY_BEFORE = re.compile(
    r"(?<![A-Za-z])(?:" + "|".join(f"(?P<{code}>{pat.format(s=SP)})" for code, pat in _PREFIXES) + rf"){SP}?$"
)

_SUFFIX_CURRENCIES = [
    ("USD", r"(?:US|U\.S\.|American){s}+dollars?"),
    ("AUD", r"Australian{s}+dollars?"),
    ("CAD", r"Canadian{s}+dollars?"),
    ("HKD", r"(?:Hong{s}+Kong|HK){s}+dollars?"),
    ("SGD", r"Singapore(?:an)?{s}+dollars?"),
    ("NZD", r"New{s}+Zealand{s}+dollars?"),
    ("TWD", r"(?:Taiwan(?:ese)?|NT){s}+dollars?"),
    ("USD_", r"dollars?"),
    ("EUR", r"euros?"),
    ("GBP", r"(?:British{s}+)?pounds?{s}+sterling|sterling|British{s}+pounds?"),
    ("PKR", r"Pakistani{s}+rupees?"),
    ("INR", r"(?:Indian{s}+)?rupees?"),
    ("CNY", r"(?:Chinese{s}+)?yuan|renminbi"),
    ("JPY", r"(?:Japanese{s}+)?yen"),
    ("RUB", r"(?:Russian{s}+)?r[ou]bles?"),
    ("ILS", r"(?:Israeli{s}+)?(?:new{s}+)?shekels?"),
    ("DKK", r"Danish{s}+(?:crowns?|kroner|krone)"),
    ("SEK", r"Swedish{s}+(?:crowns?|kronor|krona)"),
    ("NOK", r"Norwegian{s}+(?:crowns?|kroner|krone)"),
    ("CHF", r"(?:Swiss{s}+)?francs?"),
    ("KRW", r"(?:South{s}+)?Korean{s}+won"),
    ("MYR", r"ringgit"),
    ("ZAR", r"rand"),
    ("NGN", r"naira"),
    ("MXN", r"(?:Mexican{s}+)?pesos?"),
    ("BRL", r"(?:Brazilian{s}+)?reais"),
    ("TRY", r"(?:Turkish{s}+)?liras?"),
    ("AED", r"dirhams?"),
    ("SAR", r"(?:Saudi{s}+)?riyals?"),
    ("BDT", r"taka"),
    ("THB", r"baht"),
    ("IDR", r"rupiah"),
    ("GBP_", r"pounds?"),  # money only with a scale; else a weight (see figures.py)
]
CURRENCY_AFTER = re.compile(
    rf"{SP}+(?:"
    + "|".join(f"(?P<{code}>{pat.format(s=SP)})" for code, pat in _SUFFIX_CURRENCIES)
    + r")(?![\w-])",
    re.IGNORECASE,
)


def group_code(m: re.Match[str]) -> str:
    name = m.lastgroup or ""
    return name.rstrip("_")


# Units after the number: (canonical name, pattern). Word forms are matched ignoring case
# after an optional blank; abbreviations are case-sensitive, and the one-letter ones must
# be attached ("5kg", "1.0l").
_PERCENT = [
    ("percentage point", r"{s}?(?:percentage|pct\.?){s}+points?|{s}?pp(?:ts?)?"),
    ("basis point", r"{s}?basis{s}+points?|{s}?bps"),
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
    ("celsius", r"{s}?(?:°|degrees?{s}+)(?:c\b|celsius|centigrade)"),
    ("fahrenheit", r"{s}?(?:°|degrees?{s}+)(?:f\b|fahrenheit)|{s}fahrenheit"),
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
    ("cent", r"{s}?cents?|¢"),
    ("penny", r"{s}pence"),
    ("point", r"{s}points?|{s}pts"),
]
_ABBREV_UNITS = [
    ("kilometre per hour", r"{s}?(?:km/h|kmph|kph|kmh)"),
    ("mile per hour", r"{s}?mph"),
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
    ("pound-foot", r"{s}?lb-?ft"),
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
    ("litre", r"[lL]"),
    ("gram", r"g"),
    ("tonne", r"t"),
    ("watt", r"W"),
    ("volt", r"V"),
    ("penny", r"p"),
]
_END = r"(?![\w/°%]|[-\u2010\u2011]\w)"


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


def unit_name(m: re.Match[str]) -> str:
    g = m.lastgroup or ""
    table = {"p": PERCENT_NAMES, "w": WORD_NAMES, "a": ABBREV_NAMES}[g[0]]
    return table[int(g[1:])]


# "per barrel", "a month", "/kg": the second half of a rate unit ("USD per barrel").
RATE = re.compile(
    rf"(?:{SP}+(?:per|a|an|each){SP}+|{SP}?/{SP}?)"
    r"(?P<per>barrel|share|gram|gallon|litre|liter|ounce|tonne|ton|kg|kilogram|pound|head|"
    r"capita|person|night|month|year|week|day|hour|minute|kWh|unit|square\s+(?:foot|feet|metre|meter)|"
    r"sq\.?\s*ft|mmBTU|MMBtu|barrel|mile|km|seat|vehicle|car|student|household|passenger)s?\b"
    rf"(?!{SP}+(?:earlier|ago|before|after|later|on|previously))",
    re.IGNORECASE,
)

_RATE_CANON = {"liter": "litre", "kg": "kilogram", "capita": "person", "head": "person",
               "mmbtu": "mega british thermal unit", "km": "kilometre", "kwh": "kilowatt hour"}  # fmt: skip


def rate_name(word: str) -> str:
    w = re.sub(r"\s+", " ", word.lower())
    if w.startswith("sq") or w.startswith("square"):
        return "square foot" if ("f" in w) else "square metre"
    return _RATE_CANON.get(w, w)


# What a figure measures: surface form -> canonical subject.
MEASURES = {
    "trade": "trade", "bilateral trade": "trade", "exports": "exports", "export": "exports",
    "imports": "imports", "import": "imports", "deficit": "deficit", "deficits": "deficit",
    "surplus": "surplus", "imbalance": "imbalance", "trade imbalance": "imbalance",
    "gdp": "gdp", "gross domestic product": "gdp", "revenue": "revenue", "revenues": "revenue",
    "sales": "sales", "turnover": "turnover", "profit": "profit", "profits": "profit",
    "earnings": "earnings", "loss": "loss", "losses": "loss", "income": "income",
    "budget": "budget", "debt": "debt", "debts": "debt", "borrowing": "borrowing",
    "investment": "investment", "investments": "investment", "fdi": "investment",
    "spending": "spending", "expenditure": "spending", "outlay": "spending", "cost": "cost",
    "costs": "cost", "price": "price", "prices": "price", "inflation": "inflation",
    "growth": "growth", "unemployment": "unemployment", "jobless rate": "unemployment",
    "rate": "rate", "rates": "rate", "interest rate": "interest rate", "tariff": "tariff",
    "tariffs": "tariff", "duty": "tariff", "duties": "tariff", "tax": "tax", "taxes": "tax",
    "fund": "fund", "funds": "fund", "funding": "fund", "aid": "aid", "grant": "grant",
    "loan": "loan", "loans": "loan", "deaths": "deaths", "death toll": "deaths",
    "toll": "deaths", "dead": "deaths", "killed": "deaths", "fatalities": "deaths",
    "injured": "injured", "injuries": "injured", "wounded": "injured",
    "casualties": "casualties", "evacuated": "evacuated", "evacuees": "evacuated",
    "displaced": "displaced", "population": "population", "votes": "votes", "vote": "votes",
    "turnout": "turnout", "containers": "containers", "cargo": "cargo", "shares": "shares",
    "stake": "stake", "valuation": "valuation", "market value": "market value",
    "market capitalisation": "market value", "market capitalization": "market value",
    "market cap": "market value", "market share": "market share", "output": "output",
    "production": "production", "emissions": "emissions", "reserves": "reserves",
    "assets": "assets", "wages": "wages", "wage": "wages", "salary": "wages",
    "salaries": "wages", "bonus": "bonus", "fines": "fine", "penalty": "fine",
    "compensation": "compensation", "capacity": "capacity", "demand": "demand",
    "supply": "supply", "supplies": "supply", "consumption": "consumption", "energy": "energy",
    "remittances": "remittances", "subsidy": "subsidy", "subsidies": "subsidy", "deal": "deal",
    "contract": "contract", "orders": "orders", "bid": "bid", "offer": "offer", "ipo": "ipo",
    "dividend": "dividend", "jobs": "jobs", "employment": "employment", "layoffs": "layoffs",
    "job cuts": "layoffs", "wealth": "wealth", "net worth": "wealth", "fortune": "wealth",
    "bookings": "bookings", "stock": "stock", "index": "index", "yield": "yield",
    "bill": "bill", "package": "package", "stimulus": "stimulus", "bailout": "bailout",
    "ransom": "ransom", "damage": "damage", "damages": "damage", "losses incurred": "loss",
    # expectations are measures of their own, never the figure they are compared with
    "forecast": "forecast", "forecasts": "forecast", "estimate": "estimate", "estimates": "estimate",
    "expectations": "forecast", "consensus": "forecast", "guidance": "guidance", "outlook": "guidance",
    "target": "target",
}  # fmt: skip
MEASURE = re.compile(
    r"\b(?:" + "|".join(re.escape(k) for k in sorted(MEASURES, key=len, reverse=True)) + r")\b",
    re.IGNORECASE,
)

MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December|"
    "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
)
YEARISH = r"(?:19|20)\d{2}(?:\s?[-–—/]\s?(?:(?:19|20)\d{2}|\d{2}))?(?!\d)"


def words(s: str) -> frozenset[str]:
    return frozenset(s.split())


# --- context words: what surrounds a number ----------------------------------------------------

NUMERAL = re.compile(r"(?:\d{1,3}(?:,\d{3})+(?!\d)|\d{1,2}(?:,\d{2})+,\d{3}(?!\d)|\d+)(?:\.\d+)?|\.\d+")
DIGIT_RUN = re.compile(r"[\d.,:/]*\d")
NOT_NUMBERS = re.compile(  # phone numbers and all-digit dates
    r"\+\d{1,3}(?:[\s.-]\(?\d{1,5}\)?){2,}|\(\d{2,5}\)\s?\d{3,4}[\s.-]\d{3,4}"
    r"|\b(?:1-)?\d{3}[.-]\d{3}[.-]\d{4}\b|\b\d{3}-\d{4}\b"
    r"|\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})\b"
)
YEAR_RANGE_TAIL = re.compile(r"\s?[-–—/]\s?(?:(?:19|20)\d{2}|\d{2})(?!\d)")
TIME_AFTER = re.compile(
    rf"{SP}?(?:[ap]\.m\.|[ap]m\b|GMT\b|UTC\b|IST\b|[EPC][SD]T\b|BST\b|CET\b|o['’]clock)", re.I
)
MONTH_BEFORE = re.compile(rf"\b(?:{MONTHS})[.,]?{SP}+$")
MONTH_AFTER = re.compile(rf"(?:st|nd|rd|th)?{SP}+(?:of{SP}+)?(?:{MONTHS})\b")
YEAR_BEFORE = re.compile(  # words that make a 4-digit number a year: "in 1600", "since 2016"
    r"\b(?:in|since|by|from|until|till|before|after|during|between|to|and|through|circa|c\.|year"
    rf"|early|late|mid|summer|spring|autumn|fall|winter|the|{MONTHS})\.?{SP}+$",
    re.I,
)
ID_BEFORE = re.compile(  # "page 12", "Section 3", "No. 5": a number that names, not counts
    r"\b(?:page|pages|pp?|section|chapter|article|clause|rule|paragraph|para|no|nos|number|vol|volume"
    r"|issue|level|grade|phase|route|flight|ward|gate|platform|room|row|seat|episode|season|stage"
    r"|game|act|verse|version|v|block|sector|category|class|type|model|size|figure|fig|table|item"
    r"|schedule|exit|highway|interstate|channel|terminal|district|lot|box|suite|floor|apartment|apt"
    rf"|plot|code|tier|step|week|day|squad|jersey|shirt|bus|train|road|street|avenue|reference)\.?{SP}*$",
    re.I,
)
APPROX_BEFORE = re.compile(
    r"(?:\b(?:nearly|almost|about|around|roughly|approximately|approx\.?|some|over|more\s+than|less\s+than"
    r"|fewer\s+than|up\s+to|at\s+least|at\s+most|close\s+to|an\s+estimated|estimated|as\s+many\s+as"
    r"|as\s+much\s+as|as\s+few\s+as|upwards\s+of|in\s+excess\s+of|(?:just|well)\s+(?:over|under|above|below)"
    rf"|under|above|below|circa|c\.)|~){SP}*$",
    re.I,
)
CHANGE = re.compile(
    r"\b(?:rose|ris(?:e|es|en|ing)|fell|fall(?:s|en|ing)?|increas\w*|decreas\w*|declin\w*|dropp?\w*|climb\w*"
    r"|jump\w*|gr[eo]w\w*|surg\w*|slipp?\w*|slump\w*|plung\w*|soar\w*|edg\w*|rall\w*|tumbl\w*|s[aiu]nk\w*"
    r"|plummet\w*|slid\w*|crash\w*|spik\w*|skyrocket\w*|rocket\w*|dipp?\w*|recover\w*|rebound\w*|hik\w*"
    r"|slash\w*|trimm?\w*|halv\w*|revis\w*|shift\w*|went|gone|widen\w*|narrow\w*|shr[aiu]nk\w*|swell\w*"
    r"|cut|reduc\w*|rais\w*|lower\w*|boost\w*|doubl\w*|tripl\w*|expand\w*|gain\w*|lost|los(?:e|es|ing)"
    r"|advanc\w*|retreat\w*|up|down|higher|lower)\b",
    re.I,
)
FOLD_AFTER = re.compile(
    rf"{SP}+(?:more|less|fewer|higher|lower|larger|bigger|greater|smaller|as|the|that|than|over)\b"
)
PERIOD = re.compile(
    r"\b(?:(?i:in|during|for|by|of|as\s+of|through|over|throughout|across)\s+(?:the\s+)?"
    r"(?P<body>(?:fiscal|financial)\s+(?:year\s+)?" + YEARISH + r"|FY\s?'?\d{2,4}(?:[-–—/]\d{2,4})?"
    r"|(?:first|second|third|fourth|final|last|latest|current|previous)\s+(?:quarter|half)"
    r"(?:\s+of\s+(?:the\s+)?(?:fiscal\s+)?" + YEARISH + r")?|Q[1-4]\s?" + YEARISH + r"|[QH][1-4]"
    rf"|(?:(?:{MONTHS})\.?\s+)?" + YEARISH + rf"|(?:{MONTHS})(?!\s+\d)"
    r"|(?:past|last|previous|next|coming)\s+(?:[\w-]+\s+)?(?:years?|months?|decades?|quarters?"
    r"|weeks?|days?|period))"
    r"|(?P<rel>(?:[Ll]ast|[Tt]his|[Nn]ext)\s+(?:year|month|quarter|week|fiscal(?:\s+year)?|financial\s+year"
    r"|season|decade)|a\s+year\s+(?:earlier|ago|before)))\b"
)
VAGUE = re.compile(  # "dozens", "thousands of", "tens of millions of"
    rf"\b(?:(?P<mult>tens|hundreds){SP}+of{SP}+)?(?P<v>dozens|hundreds|thousands|millions|billions|tens)\b"
    rf"(?!{SP}+of{SP}+(?:years|miles))",
    re.I,
)
VAGUE_LOW = {"tens": 10, "dozens": 12, "hundreds": 100, "thousands": 1e3, "millions": 1e6, "billions": 1e9}
SENTENCE_END = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s)|\n\s*\n|\n")
WORD = re.compile(rf"{SP}+([A-Za-z][A-Za-z'’-]*)")
ADJECTIVE = re.compile(r"(?:al|ar|ous|ive|ful|less|able|ible|ic|ish|ant|ent|ing|ed|est|ern|ese|an)$")
MODIFIER = re.compile(r"(?:ing|ed|al|ous|ive|ful|less|able|ible|ic|ish|ly)$")

ABBREVIATIONS = words(
    "mr mrs ms dr prof st jr sr inc ltd co corp vs etc e.g i.e no nos vol gen gov sen rep lt col capt sgt"
    " jan feb mar apr jun jul aug sep sept oct nov dec mt ft approx est u.s u.k u.n a.m p.m fig rs govt dept"
)
# lower-case forms of words that may stand before a number without making it a name ("About 20")
FUNCTION = words(
    "a an the and or but nor of in on at to for from by with as than that which who about around over under"
    " some nearly almost roughly approximately only just another all those these its their his her our your"
    " my total exactly between up down more less fewer least most estimated when while since after before"
    " during if so then also both each every per aged rs usd"
)
# words that end a counted noun phrase
STOP = words(
    "a an the of in on at to for from by with and or but nor than as that which who whom whose what when where"
    " while whereas if because so were was are is be been being am have has had having do does did will would"
    " shall should can could may might must said says say told per percent cent more most less least fewer"
    " over under about around nearly almost some any each every all both either neither this these those there"
    " here it its they them their he she his her we us our you your i me my out up down off into onto upon"
    " across after before during since until till through against among between within without via not no"
    " also only just even still already yet ago later earlier apart away back then now today tonight tomorrow"
    " yesterday again ever never too very much many such same own other another else versus vs plus minus"
    " times fold year-old according including compared amid despite like unlike due respectively apiece"
    " annually last next first once alone mr mrs ms dr st"
)
IRREGULAR_PLURALS = words(
    "people men women children police staff personnel cattle livestock feet teeth mice sheep"
)
ING_NOUNS = words(
    "lightning morning evening building ceiling wedding clothing housing funding spring string thing king"
)
CASUALTIES = {"killed": "deaths", "dead": "deaths", "injured": "injured", "wounded": "injured",
              "missing": "missing", "displaced": "displaced", "evacuated": "evacuated",
              "arrested": "arrested", "detained": "detained", "hurt": "injured"}  # fmt: skip
TIME_UNITS = words("year month week day hour minute second decade century")
