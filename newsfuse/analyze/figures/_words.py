"""The words around a number: what it measures, its period, change verbs, approximation,
and the closed word classes the counted-noun and name rules need."""

from __future__ import annotations

import re

from ._numbers import SP, words

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

MONTH_BEFORE = re.compile(rf"\b(?:{MONTHS})[.,]?{SP}+$")
MONTH_AFTER = re.compile(rf"(?:st|nd|rd|th)?{SP}+(?:of{SP}+)?(?:{MONTHS})\b")
# the same in a lower-cased sentence, less the month names that are also words ("may", "march")
_LOWER_MONTHS = "|".join(m.lower() for m in MONTHS.split("|") if m not in ("May", "March", "Mar", "Jun"))
MONTH_BEFORE_LOWER = re.compile(rf"\b(?:{_LOWER_MONTHS}|(?:on|of|in){SP}+(?:may|march))[.,]?{SP}+$")
MONTH_AFTER_LOWER = re.compile(rf"(?:st|nd|rd|th)?{SP}+(?:of{SP}+)?(?:{_LOWER_MONTHS})\b")
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
# a number to call: "call 911", "calling or texting 988", "dial 999" (a phone number, not a count)
PHONE_BEFORE = re.compile(
    rf"\b(?:call|calling|text|texting|dial|dialing|dialling|ring|phone)(?:{SP}+or{SP}+(?:call|calling|text|texting))?"
    rf"{SP}+(?:the{SP}+)?(?:(?:hotline|helpline|number|line){SP}+)?(?:on{SP}+)?$"
    rf"|\b(?:emergency|phone|telephone|hotline|helpline|toll-free){SP}+(?:number|line){SP}+(?:is|was|on){SP}+$",
    re.I,
)
# Stock indices named with a number, in any case ("S&P 500", "the sp 500", "Nikkei 225")
INDEX_NAME = re.compile(
    rf"\b(?:s&?{SP}?p|standard{SP}*&{SP}*poor['’]?s|ftse|nikkei|cac|asx|stoxx|euro{SP}+stoxx|russell|nifty|kospi|dax|ibex|aex|hang{SP}+seng)"
    rf"(?:{SP}+(?:composite|index))?{SP}+$",
    re.I,
)
# a word with a capital inside it, not a possessive or all capitals: "Wi-Fi", "iPhone", "PlayStation"
INNER_CAPITAL = re.compile(r"^(?=.*[a-z])(?!.*['’]s$).*(?:[a-z][A-Z]|[A-Za-z][-.][A-Z])")
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
FOLD_AFTER = re.compile(  # "three times as many", "four times the number", "five times faster"
    rf"{SP}+(?:more|less|fewer|higher|lower|larger|bigger|greater|smaller|as|the|that|than|over|what"
    r"|faster|slower|quicker|cheaper|costlier|pricier|stronger|weaker|longer|shorter|wider|narrower|deeper"
    r"|heavier|lighter|older|younger|richer|poorer|deadlier|likelier|better|worse|louder|hotter|warmer"
    r"|colder|taller|thicker|denser|brighter|normal|average)\b"
)
# "by a factor of three": the number after it is n-fold
FACTOR_BEFORE = re.compile(rf"\b(?:a|by|of){SP}+factor{SP}+of{SP}+$", re.I)
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
