"""Currencies around a number: symbols, ISO codes and names, before or after it.

The unit of money is its ISO 4217 code. Symbols are read in the forms text reaches us in: the sign
itself ("£", "HK$", "HK $"), UTF-8 read as Windows-1252 ("Â£", "â‚¬", "Â¥") and the ASCII
transliterations of text pipelines ("PS" for "£" and "Y=" for "¥", as unidecode writes them).
"¥" is the yen unless the text around it is about China (then the yuan).
"""

from __future__ import annotations

import re

from ._numbers import SP, words

# Codes that are read as money right before or after a number ("USD 5m", "300 SEK"), upper case only.
# Not RON (the fuel grade "RON95") nor PEN (a word in capitals).
ISO_CODES = sorted(
    words(
        "USD EUR GBP JPY CNY INR AUD CAD HKD SGD NZD CHF SEK NOK DKK ISK PLN CZK HUF BGN RUB UAH TRY ILS AED"
        " SAR QAR KWD BHD OMR JOD EGP NGN GHS KES UGX TZS ETB ZAR BRL MXN ARS CLP COP UYU KRW TWD THB MYR IDR"
        " PHP VND PKR BDT LKR NPR MMK KZT IRR"
    )
)
_ISO = "|".join(ISO_CODES)

# Currency before the number: (group name, pattern). The group name up to its first "_" is the
# ISO code; "_ps" marks the transliterated pound sign, which needs more than one bare digit ("PS5"
# is a games console, "PS8.1bn" is money).
_PREFIXES = [
    ("USD", r"US{s}?\$|\$US|U\.S\.{s}?\$|USD"),
    ("AUD", r"A\$|AU\$"),
    ("CAD", r"C\$|CA\$|Can\$"),
    ("HKD", r"HK{s}?\$"),
    ("SGD", r"S\$|SG\$"),
    ("NZD", r"NZ{s}?\$"),
    ("TWD", r"NT{s}?\$"),
    ("MXN", r"MX{s}?\$|Mex\$"),
    ("BRL", r"R\$"),
    ("EUR", r"€|â‚¬|EUR"),
    ("GBP", r"£|Â£"),
    ("GBP_ps", r"PS"),
    ("JPY", r"¥|Â¥|￥|Y="),
    ("CNY", r"RMB|Rmb|CN¥"),
    ("INR", r"₹|Rs\.?"),
    ("RUB", r"₽"),
    ("MYR", r"RM"),
    ("KRW", r"₩"),
    ("NGN", r"₦"),
    ("ILS", r"₪|NIS"),
    ("PHP", r"₱"),
    ("VND", r"₫"),
    ("THB", r"฿"),
    ("TRY", r"₺"),
    ("UAH", r"₴"),
    ("IDR", r"Rp\.?"),
    ("KES", r"KSh|Ksh"),
    ("KES_tight", r"Sh"),
    ("AED", r"Dhs?"),
    ("SAR_tight", r"SR"),  # attached only: "SR10,000", not the road "SR 520"
    ("ZAR_scaled", r"R"),  # with a scale only: "R1.2bn", not "R2"
    ("BDT", r"৳|Tk\.?"),
    ("ISO", _ISO),
    ("USD_", r"\$"),
]
CURRENCY_BEFORE = re.compile(
    r"(?<![A-Za-z])(?:" + "|".join(f"(?P<{code}>{pat.format(s=SP)})" for code, pat in _PREFIXES) + rf"){SP}?$"
)

# The same signs in text that was lower-cased as a whole ("revenue of ps3.2bn", "hk$5"): only the
# forms that stay unambiguous in lower case, and the ISO codes that are no English word.
_LOWER_PREFIXES = [
    ("USD", r"us{s}?\$|usd"), ("AUD", r"a\$|au\$|aud"), ("CAD", r"c\$|ca\$|cad"), ("HKD", r"hk{s}?\$|hkd"),
    ("SGD", r"s\$|sg\$|sgd"), ("NZD", r"nz{s}?\$|nzd"), ("TWD", r"nt{s}?\$"), ("EUR", r"eur"),
    ("GBP_ps", r"ps"), ("GBP", r"gbp"), ("JPY", r"jpy"), ("CNY", r"rmb|cny"), ("INR", r"rs\.?|inr"),
    ("MYR", r"rm|myr"), ("CHF", r"chf"), ("BRL", r"r\$"), ("IDR", r"rp\.?|idr"), ("KES", r"ksh"),
    ("ZAR_scaled", r"r"),
]  # fmt: skip
CURRENCY_BEFORE_LOWER = re.compile(
    r"(?<![a-z])(?:"
    + "|".join(f"(?P<{code}>{pat.format(s=SP)})" for code, pat in _LOWER_PREFIXES)
    + rf"){SP}?$"
)

_SUFFIX_CURRENCIES = [
    ("USD", r"(?:US|U\.S\.|American){s}+dollars?"),
    ("AUD", r"Australian{s}+dollars?"),
    ("CAD", r"Canadian{s}+dollars?"),
    ("HKD", r"(?:Hong{s}+Kong|HK){s}+dollars?"),
    ("SGD", r"Singapore(?:an)?{s}+dollars?"),
    ("NZD", r"New{s}+Zealand{s}+dollars?"),
    ("TWD", r"(?:Taiwan(?:ese)?|NT|new{s}+Taiwan){s}+dollars?"),
    ("USD_", r"dollars?"),
    ("EUR", r"euros?"),
    ("GBP", r"(?:British{s}+)?pounds?{s}+sterling|sterling|British{s}+pounds?"),
    ("PKR", r"Pakistani{s}+rupees?"),
    ("LKR", r"Sri{s}+Lankan{s}+rupees?"),
    ("NPR", r"Nepal(?:ese|i){s}+rupees?"),
    ("IDR", r"(?:Indonesian{s}+)?rupiah"),
    ("INR", r"(?:Indian{s}+)?rupees?"),
    ("CNY", r"(?:Chinese{s}+)?yuan|renminbi"),
    ("JPY", r"(?:Japanese{s}+)?yen"),
    ("RUB", r"(?:Russian{s}+)?r[ou]bles?"),
    ("UAH", r"hryvnias?|hryvnya"),
    ("ILS", r"(?:Israeli{s}+)?(?:new{s}+)?shekels?"),
    ("DKK", r"Danish{s}+(?:crowns?|kroner|krone)"),
    ("SEK", r"Swedish{s}+(?:crowns?|kronor|krona)"),
    ("NOK", r"Norwegian{s}+(?:crowns?|kroner|krone)"),
    ("ISK", r"Icelandic{s}+(?:crowns?|kronur|krona)"),
    ("CZK", r"(?:Czech{s}+)?(?:korun[ay]|crowns)|koruna"),
    ("PLN", r"(?:Polish{s}+)?zlotys?|zlotych"),
    ("HUF", r"(?:Hungarian{s}+)?forints?"),
    ("RON", r"(?:Romanian{s}+)?lei"),
    ("CHF", r"(?:Swiss{s}+)?francs?"),
    ("KRW", r"(?:South{s}+)?Korean{s}+won"),
    ("KRW_won", r"won"),  # money only with a scale or in a sentence about Korea; else the verb
    ("MYR", r"(?:Malaysian{s}+)?ringgits?"),
    ("ZAR", r"(?:South{s}+African{s}+)?rand"),
    ("NGN", r"naira"),
    ("KES", r"Kenyan{s}+shillings?"),
    ("GHS", r"cedis?"),
    ("PHP", r"Philippine{s}+pesos?"),
    ("ARS", r"Argentine{s}+pesos?"),
    ("CLP", r"Chilean{s}+pesos?"),
    ("COP", r"Colombian{s}+pesos?"),
    ("MXN", r"(?:Mexican{s}+)?pesos?"),
    ("BRL", r"(?:Brazilian{s}+)?reais"),
    ("TRY", r"(?:Turkish{s}+)?liras?"),
    ("EGP", r"Egyptian{s}+pounds?"),
    ("AED", r"(?:UAE{s}+|Emirati{s}+)?dirhams?"),
    ("SAR", r"(?:Saudi{s}+)?riyals?"),
    ("IRR", r"(?:Iranian{s}+)?rials?"),
    ("KWD", r"Kuwaiti{s}+dinars?"),
    ("KZT", r"(?:Kazakh{s}+)?tenge"),
    ("QAR", r"Qatari{s}+riyals?"),
    ("BDT", r"taka"),
    ("THB", r"baht"),
    ("VND", r"(?:Vietnamese{s}+)?dong"),
    ("ISO", _ISO),
    ("GBP_", r"pounds?"),  # money only with a scale; else a weight (see _scan.py)
]
CURRENCY_AFTER = re.compile(
    rf"{SP}+(?:"
    + "|".join(
        f"(?P<{code}>{pat.format(s=SP)})" if code != "ISO" else f"(?P<ISO>(?-i:{pat}))"
        for code, pat in _SUFFIX_CURRENCIES
    )
    + r")(?![\w-])",
    re.IGNORECASE,
)
# ISO codes after the number in a lower-cased sentence ("68.7 billion usd"): the codes no English word spells
CURRENCY_AFTER_LOWER = re.compile(
    rf"{SP}+(?P<ISOL>usd|eur|gbp|jpy|cny|inr|hkd|sgd|aud|cad|nzd|chf|myr|krw|zar|brl|mxn|rub|idr|pkr)(?![\w-])"
)
# A currency named without an amount ("the yuan", "The Hong Kong dollar"): the base of an exchange
# rate written as a bare number ("the yuan weakened to 7.3 per dollar").
NAMED = re.compile(
    r"\b(?:"
    + "|".join(
        f"(?P<{code}>{pat.format(s=SP)})"
        for code, pat in _SUFFIX_CURRENCIES
        if code not in ("ISO", "GBP_", "KRW_won")
    )
    + r")(?![\w-])",
    re.IGNORECASE,
)
# The other side of an exchange rate: "per dollar", "to the US dollar", "against the euro".
PER_CURRENCY = re.compile(  # not "a pound" nor "per pound": a weight
    rf"{SP}+(?:(?:per|to{SP}+(?:the|one|a)|against{SP}+the){SP}+(?:(?:US|U\.S\.|American){SP}+)?"
    rf"(?P<name>dollar|euro|yen|yuan)|(?:to|against){SP}+the{SP}+(?P<pound>pound))\b(?![\w-])",
    re.IGNORECASE,
)
_QUOTE_CODES = {"dollar": "USD", "euro": "EUR", "pound": "GBP", "yen": "JPY", "yuan": "CNY"}
# the countries' words in any case, possessives with or without the apostrophe ("South Koreas")
_KOREA = re.compile(r"\b(?:Korea|Korean|Seoul|KOSPI)s?\b", re.I)
_CHINA = re.compile(r"\b(?:China|Chinese|Beijing|Shanghai|Shenzhen|yuan|renminbi|RMB|PBOC)s?\b", re.I)
_JAPAN = re.compile(r"\b(?:Japan|Japanese|Tokyo|Osaka|yen|BOJ|Nikkei)s?\b", re.I)


def prefix_holds(m: re.Match[str], scaled: bool) -> bool:
    """Whether a currency prefix that is also a name reads as money here: "_tight" ones only
    attached to the number, "_scaled" ones only before a scale ("R1.2bn")."""
    name = m.lastgroup or ""
    if name.endswith("_tight"):
        return not m.group()[-1].isspace()
    if name.endswith("_scaled"):
        return scaled and not m.group()[-1].isspace()
    return True


def group_code(m: re.Match[str]) -> str:
    """The ISO code a currency match stands for."""
    name = m.lastgroup or ""
    if name == "ISO":
        return m.group(name).strip()
    if name == "ISOL":
        return m.group(name).strip().upper()
    return name.split("_")[0]


def _sentence_before(text: str, pos: int) -> str:
    start = max(text.rfind(". ", 0, pos), text.rfind("\n", 0, pos)) + 1
    return text[start:pos]


def exchange_rate(text: str, pos: int) -> tuple[str, int] | None:
    """A bare number at `pos`..: followed by "per dollar" or "to the euro", the price of one unit of
    that currency in the currency named last before it in its sentence ("the yen slid past 150 per
    dollar" -> JPY per USD): (the base code, the end of the rate), or None."""
    m = PER_CURRENCY.match(text, pos)
    if m is None:
        return None
    quote = _QUOTE_CODES[(m.group("name") or m.group("pound")).lower()]
    before = _sentence_before(text, pos)
    for named in reversed(list(NAMED.finditer(before))):
        code = by_country(group_code(named), text, pos)
        if code != quote:
            return f"{code} per {quote}", m.end()
    return None


def quoted_in(text: str, pos: int, code: str) -> tuple[str, int] | None:
    """An amount of `code` followed by "to the dollar" ("84.50 rupees to the dollar"): the price
    of one unit of the other currency, ("INR per USD", end), or None."""
    m = PER_CURRENCY.match(text, pos)
    quote = _QUOTE_CODES[(m.group("name") or m.group("pound")).lower()] if m else code
    return None if m is None or quote == code else (f"{code} per {quote}", m.end())


def korean_won(text: str, pos: int, scaled: bool) -> bool:
    """ "won" after a number is money with a scale ("6.57 trillion won") or about Korea."""
    if scaled:
        return True
    end = text.find(". ", pos)
    return bool(_KOREA.search(_sentence_before(text, pos) + text[pos : end if end >= 0 else len(text)]))


def lower_cased(text: str, pos: int) -> bool:
    """Whether the sentence at `pos` was lower-cased as a whole (it has four words or more, none with a
    capital; "7c from ref" after "Fig." is no sentence)."""
    sentence = _sentence_at(text, pos)
    return not re.search(r"[A-Z]", sentence) and len(re.findall(r"[a-z]{2,}", sentence)) >= 4


def _sentence_at(text: str, pos: int) -> str:
    start = max(text.rfind(". ", 0, pos), text.rfind("\n", 0, pos)) + 1
    ends = [i for i in (text.find(". ", pos), text.find("\n", pos)) if i >= 0]
    return text[start : min(ends) if ends else len(text)]


def yen_or_yuan(text: str, pos: int) -> str:
    """ "¥" at `pos`: CNY when its sentence speaks of China and not of Japan, else JPY."""
    sentence = _sentence_at(text, pos)
    return "CNY" if _CHINA.search(sentence) and not _JAPAN.search(sentence) else "JPY"


# Currencies whose bare name or sign several countries share: the default's country, then the
# others with the words that name them ("pesos" are Mexican unless the sentence is about Argentina).
_SHARED = {
    "MXN": (r"Mexic", [("ARS", r"Argentin|Buenos\s+Aires"), ("CLP", r"Chile"), ("COP", r"Colombia|Bogot"),
                       ("PHP", r"Philippin|Manila|Filipino"), ("UYU", r"Urugua")]),
    "INR": (r"India|Delhi|Mumbai", [("PKR", r"Pakistan|Karachi|Islamabad|Lahore"), ("LKR", r"Sri\s+Lanka|Colombo"),
                                    ("NPR", r"Nepal|Kathmandu")]),
}  # fmt: skip


def by_country(code: str, text: str, pos: int) -> str:
    """`code` read from a name or sign that several countries share ("pesos", "Rs"): the code of
    the one country its sentence speaks of, when that is not the default's country."""
    if code not in _SHARED:
        return code
    default, others = _SHARED[code]
    sentence = _sentence_at(text, pos)
    if re.search(default, sentence, re.I):
        return code
    named = [other for other, words in others if re.search(words, sentence, re.I)]
    return named[0] if len(named) == 1 else code
