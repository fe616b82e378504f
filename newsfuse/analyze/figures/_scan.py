"""From numerals to quantities: numbers, their currency, scale and unit, ranges, and the
numbers that are not figures (years, dates, codes, names)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from . import _money as M
from . import _numbers as N
from . import _units as U
from . import _words as W
from ._nouns import counted_noun
from ._numbers import SP


@dataclass
class Num:
    start: int
    end: int
    value: Decimal
    precision: Decimal
    spelled: bool


@dataclass
class Quantity:
    """One quantity: [currency] number [scale] [unit] [rate]."""

    start: int
    end: int
    num: Num
    mult: Decimal
    currency: str | None = None
    scale: str | None = None
    unit: str | None = None
    counted: tuple[int, int, str] | None = None
    suffix: bool = False  # a unit or currency word follows the number


@dataclass
class Draft:
    start: int
    end: int
    value: float | tuple[float, float]
    precision: float
    unit: str | None
    currency: str | None
    scale: str | None
    sent: int
    approx: bool = False
    role: str | None = None
    subject: str | None = None
    counted: bool = False
    period: str | None = None
    fallback: str | None = None  # subject when no earlier count has one: "12 killed" -> deaths


def find_numbers(text: str) -> list[Num]:
    """Numerals ("1,200", "68.7", ".500") and spelled numbers ("ninety-six", "two dozen")."""
    blocked = [m.span() for m in N.NOT_NUMBERS.finditer(text)]
    out: list[Num] = []
    for m in N.NUMERAL.finditer(text):
        if m.group()[0] == "." and m.start() and text[m.start() - 1].isalpha():
            after_dot = N.NUMERAL.match(text, m.start() + 1)  # "Rs.10": the dot ends the abbreviation
            if after_dot is None:
                continue
            m = after_dot
        s, e = m.span()
        run = N.DIGIT_RUN.match(text, s + (text[s] == "."))
        glued = s and (text[s - 1].isdigit() or (text[s - 1] in ".,:/" and text[s - 2 : s - 1].isdigit()))
        if run is None or run.end() != e or glued or any(a <= s < b for a, b in blocked):
            continue  # times "10:30", versions "1.2.3", dates "21/08/2025", phone numbers
        raw = m.group().replace(",", "")
        dec = len(raw.split(".")[1]) if "." in raw else 0
        value = Decimal(raw if raw[0] != "." else "0" + raw)
        sign = N.SIGN.search(text, max(0, s - 12), s)
        if sign and not N.PLUS_MINUS.search(text, max(0, sign.start() - 9), sign.start()):
            s, value = sign.start("sign"), -value if sign.group("sign")[0].lower() in "-−mn" else value
        precision = Decimal(10) ** -dec
        if dec == 0 and (mixed := N.MIXED_FRACTION.match(text, e)):
            a, b = (
                N.GLYPHS[mixed.group("glyph")]
                if mixed.group("glyph")
                else map(int, mixed.group("num", "den"))
            )
            if a < b:  # "3 1/2 years": three and a half
                part = Decimal(a) / Decimal(b)
                value, precision, e = (
                    value + (-part if value < 0 else part),
                    Decimal(1) / Decimal(b),
                    mixed.end(),
                )
        out.append(Num(s, e, value, precision, False))
    for m in N.SPELLED.finditer(text):
        v, p = N.spelled_value(m.group())
        out.append(Num(m.start(), m.end(), _decimal(v), _decimal(p), True))
    return sorted(out, key=lambda n: n.start)


def _decimal(x: float) -> Decimal:
    return Decimal(int(x)) if x == int(x) else Decimal(str(x))


def quantity(text: str, num: Num, joined: bool = False) -> Quantity | None:
    """[currency] number [scale] [currency word | unit] [rate]; `joined`: second half of "5-6"."""
    lo = max(0, num.start - 10)
    q = Quantity(num.start, num.end, num, Decimal(1))
    signed = num.value < 0
    m = M.CURRENCY_BEFORE.search(text[lo : num.start])
    prev = text[num.start - 1] if num.start else ""
    lower = M.lower_cased(text, num.start)
    low = M.CURRENCY_BEFORE_LOWER.search(text[lo : num.start]) if lower else None
    if low and (m is None or low.start() < m.start()):
        m = low  # "ps3.2bn", "hk $5", "r$1,412" in lower-cased text
    if m and m.lastgroup == "GBP_ps" and _console(text, num):
        return None  # "PS5": a games console, not five pounds
    if m and not M.prefix_holds(m, N.SCALE.match(text, num.end) is not None):
        m = None  # "R2", "SR 520": a name, not rand or riyals
    if m:
        q.currency, q.start = M.group_code(m), lo + m.start()
        if m.lastgroup == "JPY" and m.group().strip() != "JPY":
            q.currency = M.yen_or_yuan(text, num.start)
        sign = N.SIGN.search(text, max(0, q.start - 12), q.start)
        if (
            sign
            and not (signed or joined)
            and not N.PLUS_MINUS.search(text, max(0, sign.start() - 9), sign.start())
        ):
            q.start = sign.start("sign")  # "-$50.8bn", "minus $37.63"
            if sign.group("sign")[0].lower() in "-−mn":
                q.num = Num(num.start, num.end, -num.value, num.precision, num.spelled)
    elif prev.isalpha() or (prev and prev in "#+@_\\"):
        return None  # "A320", "G20", "#1"
    elif prev and prev in N.HY and text[num.start - 2 : num.start - 1].isalnum() and not (joined or signed):
        return None  # "COVID-19", "F-16", the rest of "2-0" or "2025-08-21"
    pos = num.end
    m = N.SCALE.match(text, pos)
    if m and q.currency is None and _metres(text, m, num):
        m = None  # "100m sprint": metres (a unit, below)
    if m and q.currency is None and m.group().strip().lower() in ("mil", "bil"):
        m = None  # Malaysian "RM1.2bil", "RM5 mil" are scales after a currency only
    if m and not (num.spelled and m.group().strip().lower() in "mkb"):
        q.scale = N.scale_of(m.group())
        q.mult, pos = Decimal(str(N.SCALES[q.scale])), m.end()
    if q.currency is None or m is None:
        c = M.CURRENCY_AFTER.match(text, pos) or (M.CURRENCY_AFTER_LOWER.match(text, pos) if lower else None)
        if c and c.lastgroup == "GBP_" and q.scale is None:
            q.unit, pos = "pound", c.end()  # "300 pounds" is a weight, "5 million pounds" money
        elif c and not (c.lastgroup == "KRW_won" and not M.korean_won(text, num.start, q.scale is not None)):
            q.currency, pos = M.group_code(c), c.end()
    q.suffix = pos > (m.end() if m else num.end)
    if q.currency:
        q.currency = q.unit = M.by_country(q.currency, text, num.start)
    elif q.unit is None:
        pos = _unit(text, q, pos)
    if q.unit is None and not q.num.spelled and (fx := M.exchange_rate(text, pos)):
        q.unit, pos = fx  # "the yen slid past 150 per dollar": JPY per USD
        q.currency = q.unit.partition(" ")[0]
    elif q.unit and q.unit not in ("fold", "count", "age") and q.unit not in U.TIME_UNITS:
        r = U.RATE.match(text, pos)
        if q.currency and (fx := M.quoted_in(text, pos, q.currency)):
            q.unit, pos = fx  # "84.50 rupees to the dollar"
        elif r:
            q.unit, pos = f"{q.unit} per {U.rate_name(U.rate_word(r))}", r.end()
        elif q.unit != "percent" and (r := U.rate_after_of(text, pos)):
            q.unit = f"{q.unit} per {U.rate_name(U.rate_word(r))}"  # "150 gigatonnes of ice a year"
    below = re.match(rf"{SP}+below{SP}+zero\b", text[pos:]) if q.unit in U.TEMPERATURES else None
    if below and q.num.value > 0:
        q.num, pos = Num(num.start, num.end, -q.num.value, num.precision, num.spelled), pos + below.end()
    if (
        q.unit in ("gram", None)
        and not num.spelled
        and (U.MOBILE_GENERATION.match(text, num.start) or U.MOBILE_GENERATION_UPPER.match(text, num.start))
    ):
        q.unit, pos = "generation", num.end + 1  # "5G", "the 5g network": a generation of mobile networks
    if q.unit is None and U.TIME_AFTER.match(text, pos):
        return None  # "2.15 pm", "10 o'clock"
    q.end = pos
    after = text[pos : pos + 2]
    hyphened = after[:1] != "" and after[:1] in N.HY and after[1:2].isalpha()
    hyphened = hyphened and not re.match(r"[-–]to[-–]\d", text[pos : pos + 5])  # "0-to-60-mph": a range
    if hyphened and q.unit is None and not num.spelled and (noun := _hyphened_noun(text, pos)):
        if noun[2] != "magnitude":  # "a 7.1-magnitude quake": a bare number
            q.counted, q.unit = noun, "count"  # "a 1,200-page report": 1,200 pages
    elif (pos == num.end and after[:1].isalpha()) or (hyphened and q.unit is None):
        return None  # ordinal "21st", decade "1990s", "5G", "Two-way", "five-year"
    if is_bare(q) and text[num.start : num.end].lower().startswith("half") and num.value < 1:
        return None  # "half a loaf": a fraction (see _fractions.py), not a number
    return q


def _unit(text: str, q: Quantity, pos: int) -> int:
    """Percent, measure units, "-fold" and "times" after the number; returns the new end."""
    u = U.PERCENT_UNIT.match(text, pos) or U.WORD_UNIT.match(text, pos) or U.ABBREV_UNIT.match(text, pos)
    if u is None and M.lower_cased(text, pos):
        u = U.LOWER_ABBREV_UNIT.match(text, pos)  # "49.6c", "120hz" in a lower-cased sentence
    if (
        u is None
        and (slashed := U.ABBREV_BEFORE_SLASH.match(text, pos))
        and U.RATE.match(text, slashed.end())
    ):
        u = slashed  # "30p/kWh": a unit whose rate follows a slash
    times = re.match(rf"{SP}+times\b", text[pos:])
    if u:
        q.unit, q.suffix = U.unit_name(u), True
        return u.end()
    glued = U.hyphened_unit(text, pos) if not q.num.spelled and pos == q.num.end else None
    if glued:
        q.unit, q.suffix = glued[0], True  # "6.1-inch", "a 41-year high"
        return glued[1]
    if times:
        end = pos + times.end()
        verb = W.CHANGE.search(" ".join(text[max(0, q.num.start - 40) : q.num.start].split()[-3:]))
        if W.FOLD_AFTER.match(text, end) or verb:
            q.unit, q.suffix = "fold", True  # "grew three times", "four times the number"
            return end
        q.counted, q.unit = (pos + 1, end, "times"), "count"  # "spoke nine times on Saturday"
        r = U.RATE.match(text, end)
        if r:
            q.unit = f"count per {U.rate_name(U.rate_word(r))}"
    elif q.num.spelled and text[q.num.start : q.num.end].lower().endswith("fold"):
        q.unit = "fold"
    elif pos == q.num.end and (x := _TIMES_X.match(text, pos)):
        q.unit, q.suffix = "fold", True  # "9x faster", "a 3X return"
        return x.end()
    elif q.currency is None and W.FACTOR_BEFORE.search(text[max(0, q.num.start - 20) : q.num.start]):
        q.unit = "fold"  # "grew by a factor of three"
    return pos


# a multiplier written with an attached x: "9x faster", "3x," (not "4x4", "10X Genomics", "x86")
_TIMES_X = re.compile(rf"[xX](?=[.,;:!?)]|{SP}+[a-z(]|$)")

_NOT_NOUNS = N.words("strong odd plus something somethings year old block")  # "the 3100-block of": an address


def _hyphened_noun(text: str, pos: int) -> tuple[int, int, str] | None:
    """The noun of a compound modifier after a numeral and a hyphen, before the noun it modifies
    ("1,200-page report" -> "page"; not "5,000-strong crowd", "3-D", "well-known")."""
    m = re.match(rf"[-\u2010\u2011]([a-z]{{3,}})(?={SP}+[A-Za-z])", text[pos : pos + 40])
    if m is None or m.group(1) in _NOT_NOUNS or m.group(1).endswith("ly"):
        return None
    if M.CURRENCY_AFTER.match(" " + m.group(1)):
        return None  # "a 10-pound note": money, not a count
    return pos + m.start(1), pos + m.end(1), m.group(1)


def _metres(text: str, m: re.Match[str], num: Num) -> bool:
    """An attached "m" that is metres, not millions: a singular word or a hyphen follows ("100m
    sprint", "a 10m-high wall"), or the number runs to thousands with no currency ("8,848.86m",
    "the 1,500m"); millions count plurals ("5m people") or stand alone."""
    if m.group() != "m":
        return False
    if abs(num.value) >= 1000 and not M.CURRENCY_AFTER.match(text, m.end()):
        return True
    nxt = re.match(rf"(?:{SP}|-)([a-z]+)\b", text[m.end() : m.end() + 30])
    # money and counts go on with a plural or a function word: "5m people", "5m of", "2m in sales"
    if nxt is None or nxt.group(1) in W.FUNCTION or M.CURRENCY_AFTER.match(text, m.end()):
        return False  # "10m yen"
    return counted_noun(text, m.end(), False) is None


def _console(text: str, num: Num) -> bool:
    """ "PS" + one bare digit ("PS5", "PS4 Pro") names a console; money has more ("PS8.1bn", "PS139")."""
    digits = text[num.start : num.end]
    return len(digits) == 1 and N.SCALE.match(text, num.end) is None


def is_bare(q: Quantity) -> bool:
    return q.unit is None and q.currency is None and q.scale is None


def lead(text: str, sent_start: int) -> int:
    m = re.match(r"[\s\"'“‘(]*", text[sent_start:])
    return m.end() if m else 0


def make_figure(q1: Quantity, q2: Quantity | None, sent: int) -> Draft:
    if q2 is None:
        value = float(q1.num.value * q1.mult)
        return Draft(
            q1.start, q1.end, value, float(q1.num.precision * q1.mult), q1.unit, q1.currency, q1.scale, sent
        )
    mult1 = q1.mult if q1.scale else q2.mult  # "$5-6 billion"
    values = (float(q1.num.value * mult1), float(q2.num.value * q2.mult))
    prec = float(min(q1.num.precision * mult1, q2.num.precision * q2.mult))
    unit, currency = q2.unit or q1.unit, q2.currency or q1.currency
    return Draft(q1.start, q2.end, values, prec, unit, currency, q2.scale or q1.scale, sent)


def clause_of(before: str) -> str:
    return re.split(r"[;:()]|, (?:but|while|whereas|though|although)\b", before)[-1]
