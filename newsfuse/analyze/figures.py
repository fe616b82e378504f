"""The figure grammar: money, percentages, n-fold, counts, measures and ranges in news text.

`find_figures(text)` returns `Figure`s sorted by start, with `text[f.start:f.end] == f.text`.
Conventions:
- `text` is the quantity itself: currency sign or code, number(s), scale and unit
  ("US$5m", "$5-6 billion", "10 and 12 per cent", "nine-fold", "40 km/h"). Qualifiers
  ("nearly", "more than", "up to", "between") are not part of it: they set `approx`.
  A counted noun is not part of it either: "126 Indians" gives text "126", subject "Indians".
- `value` is the full number ("$68.7 billion" -> 68700000000.0), a range is (low, high);
  vague amounts are ranges of one order of magnitude ("dozens" -> (12, 120), approx).
- `unit`: ISO code for money ("USD"), "percent", "percentage point", "basis point", "fold",
  "count", "age", a measure unit ("kilometre", "year"), "<unit> per <x>" for rates
  ("USD per barrel"); None for a bare decimal with nothing counted.
- `subject`: for counts the counted noun phrase as written ("Indians", "public housing
  properties"), else the subject of the last count in the same or previous sentence; for
  other figures the nearest measure noun before it in the sentence (canonical, lowercased:
  "trade imbalance" -> "imbalance"), else the first one after it in the clause.
- `period`: a period stated next to the figure in its clause ("in 2024–25" -> "2024-25",
  "in fiscal 2024" -> "fiscal 2024", "last year"), or one that opens the sentence ("In 2019, ...").
- `role`: "from"/"to" for the ends of a change ("rose from $6.6 billion to $58.9 billion"),
  "by" for its size ("increased by $43.6 billion"); "from 17 to 70" with no change is a range.
- `precision`: one unit of the last stated digit in absolute terms ($68.7bn -> 1e8).
Not figures: years and year ranges, dates, times, ordinals, decades, phone numbers, codes and
names ("COVID-19", "G20", "Boeing 737", "page 12"), the pronoun "one" ("one of the", "no one").
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from newsfuse.analyze import _numbers as N
from newsfuse.model import Figure

__all__ = ["find_figures"]

SP = N.SP


@dataclass
class _Num:
    start: int
    end: int
    value: Decimal
    precision: Decimal
    spelled: bool


@dataclass
class _Q:
    """One quantity: [currency] number [scale] [unit] [rate]."""

    start: int
    end: int
    num: _Num
    mult: Decimal
    currency: str | None = None
    scale: str | None = None
    unit: str | None = None
    counted: tuple[int, int, str] | None = None
    suffix: bool = False  # a unit or currency word follows the number


@dataclass
class _F:
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


def find_figures(text: str, sentences: Sequence[tuple[int, int]] | None = None) -> list[Figure]:
    """All figures in `text`, sorted by start (see the module docstring for the conventions).

    `sentences` are [start, end) spans that bound the search for subjects and periods; without
    them the text is split at sentence punctuation ("U.S.", "Mr." and "$68.7 bn." handled)."""
    sents = sorted(sentences) if sentences is not None else _split_sentences(text)
    starts = [s for s, _ in sents]

    def sent_of(pos: int) -> int:
        return max(0, bisect.bisect_right(starts, pos) - 1)

    nums = _numbers(text)
    figs: list[_F] = []
    upto, i = 0, 0
    while i < len(nums):
        n = nums[i]
        i += 1
        if n.start < upto:
            continue
        tail = N.YEAR_RANGE_TAIL.match(text, n.end)
        if tail and not n.spelled and n.precision == 1 and 1900 <= n.value <= 2099:
            upto = tail.end()  # "2024-25"
            continue
        q = _quantity(text, n)
        if q is None:
            continue
        si = sent_of(q.start)
        q2, skip = _range_with(text, q, nums, i - 1)
        if skip:  # a score, "2-0"
            upto, i = skip
            continue
        if q2 is not None:
            i = nums.index(q2.num) + 1
        elif _excluded(text, q, sents[si][0] if sents else 0):
            upto = max(upto, q.end)
            continue
        f = _figure(q, q2, si)
        if not _count_or_age(text, f, q, q2 or q):
            continue
        f.approx = bool(N.APPROX_BEFORE.search(text[max(0, f.start - 30) : f.start]))
        upto = f.end
        figs.append(f)
    figs.extend(_vague(text, figs, sent_of))
    figs.sort(key=lambda f: f.start)
    _roles(text, figs)
    _subjects(text, figs, sents)
    _periods(text, figs, sents)
    return [
        Figure(
            text=text[f.start : f.end],
            start=f.start,
            end=f.end,
            value=f.value,
            unit=f.unit,
            currency=f.currency,
            scale=f.scale,
            period=f.period,
            approx=f.approx,
            subject=f.subject,
            role=f.role,
            precision=f.precision,
        )  # fmt: skip
        for f in figs
    ]


def _split_sentences(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for m in N.SENTENCE_END.finditer(text):
        if m.group()[0] == "." and not m.group().strip(".!?\"'”’)]"):
            word = re.search(r"([\w.]+)\.$", text[max(0, m.start() - 12) : m.start() + 1])
            w = word.group(1).lower() if word else ""
            nxt = text[m.end() :].lstrip()[:1]
            if (
                w in N.ABBREVIATIONS
                or (len(w) == 1 and w.isalpha())
                or (nxt and not (nxt.isupper() or nxt in "\"'“‘"))
            ):
                continue
        if text[start : m.end()].strip():
            spans.append((start, m.end()))
        start = m.end()
    if text[start:].strip():
        spans.append((start, len(text)))
    return spans


def _numbers(text: str) -> list[_Num]:
    """Numerals ("1,200", "68.7", ".500") and spelled numbers ("ninety-six", "two dozen")."""
    blocked = [m.span() for m in N.NOT_NUMBERS.finditer(text)]
    out: list[_Num] = []
    for m in N.NUMERAL.finditer(text):
        s, e = m.span()
        run = N.DIGIT_RUN.match(text, s + (text[s] == "."))
        glued = s and (text[s - 1].isdigit() or (text[s - 1] in ".,:/" and text[s - 2 : s - 1].isdigit()))
        if run is None or run.end() != e or glued or any(a <= s < b for a, b in blocked):
            continue  # times "10:30", versions "1.2.3", dates "21/08/2025", phone numbers
        raw = m.group().replace(",", "")
        dec = len(raw.split(".")[1]) if "." in raw else 0
        out.append(_Num(s, e, Decimal(raw if raw[0] != "." else "0" + raw), Decimal(10) ** -dec, False))
    for m in N.SPELLED.finditer(text):
        v, p = N.spelled_value(m.group())
        out.append(_Num(m.start(), m.end(), Decimal(int(v)), Decimal(int(p)), True))
    return sorted(out, key=lambda n: n.start)


def _quantity(text: str, num: _Num, joined: bool = False) -> _Q | None:
    """[currency] number [scale] [currency word | unit] [rate]; `joined`: second half of "5-6"."""
    lo = max(0, num.start - 10)
    q = _Q(num.start, num.end, num, Decimal(1))
    m = N.CURRENCY_BEFORE.search(text[lo : num.start])
    prev = text[num.start - 1] if num.start else ""
    if m:
        q.currency, q.start = N.group_code(m), lo + m.start()
    elif prev.isalpha() or (prev and prev in "#+@_\\"):
        return None  # "A320", "G20", "#1"
    elif prev and prev in N.HY and text[num.start - 2 : num.start - 1].isalnum() and not joined:
        return None  # "COVID-19", "F-16", the rest of "2-0" or "2025-08-21"
    pos = num.end
    m = N.SCALE.match(text, pos)
    if m and not (num.spelled and m.group().strip().lower() in "mkb"):
        q.scale = N.scale_of(m.group())
        q.mult, pos = Decimal(str(N.SCALES[q.scale])), m.end()
    if q.currency is None or m is None:
        c = N.CURRENCY_AFTER.match(text, pos)
        if c and c.lastgroup == "GBP_" and q.scale is None:
            q.unit, pos = "pound", c.end()  # "300 pounds" is a weight, "5 million pounds" money
        elif c:
            q.currency, pos = N.group_code(c), c.end()
    q.suffix = pos > (m.end() if m else num.end)
    if q.currency:
        q.unit = q.currency
    elif q.unit is None:
        pos = _unit(text, q, pos)
    if q.unit and q.unit not in ("fold", "count", "age") and q.unit not in N.TIME_UNITS:
        r = N.RATE.match(text, pos)
        if r:
            q.unit, pos = f"{q.unit} per {N.rate_name(r.group('per'))}", r.end()
    if q.unit is None and N.TIME_AFTER.match(text, pos):
        return None  # "2.15 pm", "10 o'clock"
    q.end = pos
    after = text[pos : pos + 2]
    hyphened = after[:1] != "" and after[:1] in N.HY and after[1:2].isalpha()
    if (pos == num.end and after[:1].isalpha()) or (hyphened and q.unit is None):
        return None  # ordinal "21st", decade "1990s", "5G", "Two-way", "five-year"
    return q


def _unit(text: str, q: _Q, pos: int) -> int:
    """Percent, measure units, "-fold" and "times" after the number; returns the new end."""
    u = N.PERCENT_UNIT.match(text, pos) or N.WORD_UNIT.match(text, pos) or N.ABBREV_UNIT.match(text, pos)
    times = re.match(rf"{SP}+times\b", text[pos:])
    if u:
        q.unit, q.suffix = N.unit_name(u), True
        return u.end()
    if times:
        end = pos + times.end()
        verb = N.CHANGE.search(" ".join(text[max(0, q.num.start - 40) : q.num.start].split()[-3:]))
        if N.FOLD_AFTER.match(text, end) or verb:
            q.unit, q.suffix = "fold", True  # "grew three times", "four times the number"
            return end
        q.counted, q.unit = (pos + 1, end, "times"), "count"  # "spoke nine times on Saturday"
        r = N.RATE.match(text, end)
        if r:
            q.unit = f"count per {N.rate_name(r.group('per'))}"
    elif q.num.spelled and text[q.num.start : q.num.end].lower().endswith("fold"):
        q.unit = "fold"
    return pos


def _is_bare(q: _Q) -> bool:
    return q.unit is None and q.currency is None and q.scale is None


def _excluded(text: str, q: _Q, sent_start: int) -> bool:
    """Years, dates, codes and names: bare numbers that are not figures."""
    n, before = q.num, text[max(0, q.start - 40) : q.start]
    if not _is_bare(q):
        return False
    whole = n.precision == 1 and not n.spelled and "," not in text[n.start : n.end]
    year = N.YEAR_BEFORE.search(before) or (1900 <= n.value <= 2099 and not _plural_follows(text, q.end))
    if whole and 1000 <= n.value <= 2099 and year:
        return True  # "in 1600", "2024", but "2000 people"
    if whole and 1 <= n.value <= 31 and (N.MONTH_BEFORE.search(before) or N.MONTH_AFTER.match(text, n.end)):
        return True  # "August 21", "21st of August"
    if N.ID_BEFORE.search(before) or (before[-1:] in "([" and text[q.end : q.end + 1] in ")]"):
        return True  # "page 12", "(3)"
    prev = re.search(rf"([A-Za-z][\w&.'’-]*){SP}+$", before)
    if prev and q.start - len(prev.group()) > sent_start + _lead(text, sent_start):
        w = prev.group(1)
        if not w.islower() and w.lower().rstrip(".") not in N.FUNCTION:
            return True  # "Boeing 737", "iPhone 12", "Section 427"
    nxt = N.WORD.match(text, q.end)
    if n.spelled and text[n.start].isupper() and q.start > sent_start + _lead(text, sent_start):
        return True  # "the Four Seasons", "BBC One"
    return bool(nxt and nxt.group(1)[0].isupper() and not n.spelled and _counted(text, q.end, False) is None)


def _lead(text: str, sent_start: int) -> int:
    m = re.match(r"[\s\"'“‘(]*", text[sent_start:])
    return m.end() if m else 0


def _plural(w: str) -> bool:
    lw = w.lower()
    if lw in N.IRREGULAR_PLURALS:
        return True
    return (
        len(lw) > 2
        and lw.endswith("s")
        and not lw.endswith(("ss", "us", "is", "'s", "’s"))
        and lw not in N.STOP
    )


def _plural_follows(text: str, pos: int) -> bool:
    m = N.WORD.match(text, pos)
    return bool(m and _plural(m.group(1)))


def _counted(text: str, pos: int, one: bool, numeral: bool = False) -> tuple[int, int, str] | None:
    """The counted noun phrase after a number: up to three words ending in a plural ("126 Indians",
    "12 of the 126 workers"); after "one", a singular noun with at most one adjective."""
    words: list[re.Match[str]] = []
    m = re.match(
        rf"{SP}+of{SP}+(?:the|these|those|its|their|his|her|our){SP}+(?:(?:\d[\d,]*|\w+){SP}+)?", text[pos:]
    )
    if m and not one:
        pos += m.end() - 1
    while len(words) < 3:
        w = N.WORD.match(text, pos)
        if not w:
            break
        lw = w.group(1).lower()
        if lw in ("more", "additional") and not words:
            pos = w.end()
            continue
        if lw in N.STOP or lw in N.SMALL or lw in N.TENS or re.fullmatch(N.MONTHS.lower(), lw):
            break
        if (
            one
            and words
            and (lw.endswith("s") or not N.ADJECTIVE.search(words[0].group(1)) or not lw.isalpha())
        ):
            break
        words.append(w)
        pos = w.end()
        if not one and _plural(w.group(1)):
            return words[0].start(1), w.end(1), _phrase(words)
        if one and len(words) == 2:
            break
    if one and words and not (len(words) == 1 and words[0].group(1).endswith("ed")):  # not "one published"
        return words[0].start(1), words[-1].end(1), _phrase(words)
    first = words[0].group(1) if words else ""
    if numeral and len(words) >= 2 and first.islower() and not N.MODIFIER.search(first):
        return words[0].start(1), words[0].end(1), first  # "a 12 page document"
    return None


def _phrase(words: list[re.Match[str]]) -> str:
    """The counted phrase less a participle in front: "400 charging stations" -> "stations"."""
    first = words[0].group(1)
    if len(words) == 2 and first.islower() and re.search(r"(?:ing|ed)$", first) and first not in N.ING_NOUNS:
        return words[1].group(1)
    return " ".join(w.group(1) for w in words)


def _range_with(text: str, q1: _Q, nums: list[_Num], i: int) -> tuple[_Q | None, tuple[int, int] | None]:
    """A second quantity joined to q1 by "-", "to" or (after "between") "and": (q2, None); for a
    score ("2-0") (None, (skip to offset, next number index))."""
    between = re.search(rf"\bbetween{SP}+$", text[max(0, q1.start - 12) : q1.start], re.I)
    sep = re.compile(rf"{SP}*[-–—]{SP}*|{SP}+to{SP}+" + (rf"|{SP}+and{SP}+" if between else ""))
    m = sep.match(text, q1.end)
    if not m or i + 1 >= len(nums) or (q1.suffix and not between):
        return None, None
    if "to" in m.group():
        before = text[max(0, q1.start - 80) : q1.start]
        frm = re.search(rf"\bfrom{SP}+(?:\w+{SP}+){{0,2}}$", before, re.I)
        if frm and N.CHANGE.search(_clause(before[: frm.start()])):
            return None, None  # "rose from 250 to 280": the two ends of a change
        if not frm and (q1.currency or q1.scale):
            return None, None  # "by $43.6 billion to $419.2 billion"
    n2 = nums[i + 1]
    q2 = _quantity(text, n2, joined=True)
    if q2 is None or q2.start != m.end() or (n2.spelled and not q1.num.spelled):
        return None, None
    if q1.unit is not None and (q2.unit is None and q1.currency is None or q2.unit is not None
                                and q1.unit not in (q2.unit, q2.unit.partition(" per ")[0])):  # fmt: skip
        return None, None
    if q2.currency not in (None, q1.currency) and q1.currency is not None or (q1.scale and not q2.scale):
        return None, None
    if _excluded(text, q1, 0) or _excluded(text, q2, 0):
        return None, None
    low, high = _figure(q1, q2, 0).value  # type: ignore[misc]
    if low < high:
        return q2, None
    if _is_bare(q1) and _is_bare(q2) and "-" in m.group():
        return None, (q2.end, i + 2)
    return None, None


def _figure(q1: _Q, q2: _Q | None, sent: int) -> _F:
    if q2 is None:
        value = float(q1.num.value * q1.mult)
        return _F(
            q1.start, q1.end, value, float(q1.num.precision * q1.mult), q1.unit, q1.currency, q1.scale, sent
        )
    mult1 = q1.mult if q1.scale else q2.mult  # "$5-6 billion"
    values = (float(q1.num.value * mult1), float(q2.num.value * q2.mult))
    prec = float(min(q1.num.precision * mult1, q2.num.precision * q2.mult))
    unit, currency = q2.unit or q1.unit, q2.currency or q1.currency
    return _F(q1.start, q2.end, values, prec, unit, currency, q2.scale or q1.scale, sent)


def _count_or_age(text: str, f: _F, q: _Q, last: _Q) -> bool:
    """Give a unitless figure its unit ("count", "age" or a unit after a modifier) and counted
    noun; False when it is not a figure after all (the pronoun "one")."""
    if f.unit is None and re.search(rf"\b(?:aged|age{SP}+of){SP}+$", text[max(0, q.start - 10) : q.start]):
        f.unit = "age"  # "aged 44", "over the age of 21"
    spelled = text[q.num.start : q.num.end].lower()
    one = spelled == "one" and last is q
    if spelled == "zero" and f.unit is None:
        return False  # "ground zero", "zero-tolerance"
    if f.unit not in (None, "count"):
        return not (one and f.unit == "day")  # "one day he left"
    c = last.counted or _counted(text, last.end, one or f.value == 1.0, not last.num.spelled)
    if one and (c is None or c[2].lower() == "day"):
        return False  # "one of the", "one day"
    if one and re.search(
        r"\b(?:no|any|every|each|the|this|that|which)\s+$", text[max(0, q.start - 8) : q.start], re.I
    ):
        return False
    word = N.WORD.match(text, last.end)
    head = N.WORD_UNIT.fullmatch(" " + c[2].split()[-1]) if c else None
    if head and N.unit_name(head) not in ("fold", "age", "point", "cent", "penny"):
        f.unit = N.unit_name(head)  # "517 rushing yards"
    elif c:
        f.unit, f.subject, f.counted = "count", c[2], True
    elif word and word.group(1).lower() in N.CASUALTIES:
        f.unit, f.fallback = "count", N.CASUALTIES[word.group(1).lower()]  # "12 killed"
    elif isinstance(f.value, tuple) or f.value.is_integer():
        f.unit = "count"
        name = re.search(rf"[A-Z][\w'’.-]*,{SP}*$", text[max(0, q.start - 30) : q.start])
        closed = re.match(rf"{SP}*(?:,|\)|;|\.(?:\s|$))", text[q.end :])
        if (
            _is_bare(q)
            and not q.num.spelled
            and name
            and closed
            and isinstance(f.value, float)
            and f.value < 120
        ):
            f.unit = "age"  # "Ivor Bell, 77, a leader"
    return True


def _vague(text: str, figs: list[_F], sent_of: Callable[[int], int]) -> list[_F]:
    """ "dozens", "thousands of", "tens of millions of dollars": approximate ranges [x, 10x)."""
    out = []
    for m in N.VAGUE.finditer(text):
        if any(f.start < m.end() and m.start() < f.end for f in figs):
            continue
        mult = N.VAGUE_LOW[m.group("mult").lower()] if m.group("mult") else 1
        low = N.VAGUE_LOW[m.group("v").lower()] * mult
        f = _F(
            m.start(),
            m.end(),
            (float(low), float(low * 10)),
            float(low),
            "count",
            None,
            None,
            sent_of(m.start()),
        )
        f.approx = True
        of = re.match(rf"{SP}+of(?={SP})", text[m.end() :])
        if of:
            c = N.CURRENCY_AFTER.match(text, m.end() + of.end())
            counted = None if c else _counted(text, m.end() + of.end(), False)
            if c:
                f.currency = f.unit = N.group_code(c)
                f.end = c.end()
            elif counted:
                f.subject, f.counted = counted[2], True
        if m.group("v").lower() != "tens" or f.counted or f.currency:
            out.append(f)
    return out


def _before(text: str, f: _F) -> str:
    """The text before a figure, less any approximation words."""
    b = text[max(0, f.start - 60) : f.start]
    a = N.APPROX_BEFORE.search(b)
    return b[: a.start()] if a else b


def _clause(before: str) -> str:
    return re.split(r"[;:()]|, (?:but|while|whereas|though|although)\b", before)[-1]


def _roles(text: str, figs: list[_F]) -> None:
    """ "from X to Y" ends and "by X" changes: a "from" needs a "to" in its sentence or a change
    verb just before it ("up from"); a "to" needs a "from" or a change verb earlier in its clause.
    A bare "from" end takes the unit of its "to" end, a bare number before "or" that of the next."""
    marks = {
        id(f): m.group(1).lower()
        for f in figs
        if (m := re.search(rf"\b(from|to|by){SP}*$", _before(text, f), re.I))
    }
    for f in figs:
        if marks.get(id(f)) == "from":
            any_to = any(marks.get(id(g)) == "to" and g.sent == f.sent for g in figs)
            if any_to or N.CHANGE.search(" ".join(_before(text, f)[-40:].split()[-4:-1])):
                f.role = "from"
    for f in figs:
        clause = _clause(_before(text, f))[:-3]
        if marks.get(id(f)) == "to":
            if any(g.role == "from" and g.sent == f.sent for g in figs) or N.CHANGE.search(clause):
                f.role = "to"
        elif marks.get(id(f)) == "by" and N.CHANGE.search(clause):
            f.role = "by"
    for f, nxt in zip(figs, figs[1:], strict=False):
        joined = (
            f.role == "from" and nxt.role == "to" or re.fullmatch(rf"{SP}+or{SP}+", text[f.end : nxt.start])
        )
        if not joined or f.currency is not None or f.unit not in (None, "count") or f.counted:
            continue
        if nxt.counted:
            f.unit, f.subject, f.counted = "count", nxt.subject, True
        elif nxt.unit not in (None, "count"):
            f.unit, f.currency = nxt.unit, nxt.currency
            if f.scale is None and nxt.scale and isinstance(f.value, float):
                mult = N.SCALES[nxt.scale]
                f.value, f.scale, f.precision = f.value * mult, nxt.scale, f.precision * mult


def _subjects(text: str, figs: list[_F], sents: list[tuple[int, int]]) -> None:
    for k, f in enumerate(figs):
        if f.subject is not None:
            continue
        s0, s1 = sents[f.sent] if sents else (0, len(text))
        if f.unit == "count":
            for g in reversed(figs[:k]):
                if g.sent < f.sent - 1:
                    break
                if g.unit == "count" and g.subject:
                    f.subject = g.subject
                    break
            f.subject = f.subject or f.fallback
            if f.subject:
                continue
        found = list(N.MEASURE.finditer(text, s0, f.start))
        if found:
            f.subject = N.MEASURES[found[-1].group().lower()]
            continue
        clause = re.search(r"[.;!?]|\s—\s", text[f.end : s1])
        end = min(s1, f.end + (clause.start() if clause else 80), f.end + 80)
        end = min([end, *(g.start for g in figs[k + 1 :] if g.start >= f.end)])
        m = N.MEASURE.search(text, f.end, end)
        if m:
            f.subject = N.MEASURES[m.group().lower()]


def _period_text(m: re.Match[str]) -> str:
    body = m.group("body") or m.group("rel")
    body = re.sub(r"\s*[-–—]\s*", "-", re.sub(r"\s+", " ", body))
    return re.sub(r"\s*/\s*", "/", body)


def _periods(text: str, figs: list[_F], sents: list[tuple[int, int]]) -> None:
    """The period right after a figure in its clause, else right before it, else the one that
    opens its sentence ("In 2019, ...")."""
    periods = list(N.PERIOD.finditer(text))
    for f in figs:
        s0, s1 = sents[f.sent] if sents else (0, len(text))
        others = [g for g in figs if g is not f and g.sent == f.sent]
        for p in periods:
            if p.start() < f.end or p.start() >= s1:
                continue
            gap = text[f.end : p.start()]
            between = any(f.end <= g.start < p.start() for g in others)
            if len(gap) <= 60 and not between and re.fullmatch(r"[,\s]*[^,;:()—]*", gap):
                f.period = _period_text(p)
            break
        for p in reversed(periods if f.period is None else []):
            if p.end() > f.start or p.start() < s0:
                continue
            gap = text[p.end() : f.start]
            between = any(p.end() <= g.start < f.start for g in others)
            if len(gap) <= 60 and not between and not re.search(r"[,;:()—]", gap):
                f.period = _period_text(p)
            break
        if f.period is None:
            first = N.PERIOD.match(text, s0 + _lead(text, s0))
            if first and text[first.end() : first.end() + 1] == ",":
                f.period = _period_text(first)
