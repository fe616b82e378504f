"""Quoted passages found from quote marks alone (no parse needed).

Handles curly and straight double quotes, guillemets, single quotes as the
primary marks (British style) and nested inside double quotes, the typewriter
pairs some archives use for double quotes (''...'' and ``...''), and the
newspaper convention for quotes running over several paragraphs: every
paragraph opens the quote again and only the last one closes it. Those
paragraphs come back as separate spans sharing one `chain` number.

Marks that do not balance never raise: a quote left open runs to the end of
its paragraph (minus a trailing ", the mayor said"), a stray closing mark is
ignored, and each repair is logged as a warning.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from ._verbs import SPEECH_FORMS

log = logging.getLogger(__name__)

DOUBLE_OPEN = "\u201c\u00ab\u201e"  # “ « „
DOUBLE_CLOSE = "\u201d\u00bb"  # ” »
SINGLE_OPEN = "\u2018"  # ‘
SINGLE_CLOSE = "\u2019"  # ’ (also the apostrophe)
MARKS = frozenset(DOUBLE_OPEN + DOUBLE_CLOSE + SINGLE_OPEN + SINGLE_CLOSE + "\"'")
_OPENING_CONTEXT = frozenset(" \t\n([{\u2014\u2013-/\u00a0")
_CLOSING_NEXT = frozenset(" \t\n.,;:!?)]}\u2014\u2013-\u2026\u00a0")
_ELISIONS = ("'em", "'til", "'cause", "'bout", "'n'", "\u2019em", "\u2019til", "\u2019cause")
_BLANK_LINE = re.compile(r"\n[ \t\r\f\v\u00a0]*\n")
_WORD = re.compile(r"[A-Za-z]+")


@dataclass(frozen=True)
class QuoteSpan:
    """Quoted content [start, end) with the marks excluded."""

    start: int
    end: int
    closed: bool  # False: the closing mark is missing (or the quote goes on in the next paragraph)
    chain: int  # shared by the paragraphs of one multi-paragraph quote
    single: bool = False  # quoted with single marks


_PAIR_OPEN = re.compile(r"(?:^|(?<=[\s(\[{\u2014\u2013/-]))(?:''|``)(?=[^\s'])")
_PAIR_CLOSE = re.compile(r"(?:(?<=[^\s'])|(?<=[^\s']'))''(?=$|[\s.,;:!?)\]}\u2014\u2013\u2026-])")


def mark_text(text: str) -> str:
    """`text` with each two-character double quote (two apostrophes, or two backticks opening) made
    a one-character mark plus a space on its outer side (same length, same offsets): what the mark
    rules read."""
    if "''" not in text and "``" not in text:
        return text
    chars = list(text)
    for m in _PAIR_OPEN.finditer(text):
        chars[m.start()], chars[m.start() + 1] = " ", '"'
    for m in _PAIR_CLOSE.finditer(text):
        chars[m.start()], chars[m.start() + 1] = '"', " "
    return "".join(chars)


def paragraphs(text: str) -> list[tuple[int, int]]:
    """[start, end) of each paragraph: split at blank lines when the text has any, else at newlines."""
    if _BLANK_LINE.search(text):
        bounds = [(m.start(), m.end()) for m in _BLANK_LINE.finditer(text)]
    else:
        bounds = [(m.start(), m.end()) for m in re.finditer(r"\n", text)]
    out, pos = [], 0
    for a, b in bounds:
        out.append((pos, a))
        pos = b
    out.append((pos, len(text)))
    return [(a, b) for a, b in out if text[a:b].strip()]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    return start, end


def trim_trailing_attribution(text: str, start: int, end: int) -> int:
    """End of an unclosed quote's content before a trailing ", the mayor said" (else `end`)."""
    content = text[start:end]
    for m in reversed(list(re.finditer(r",\s+", content))):
        tail = content[m.end() :]
        words = _WORD.findall(tail)
        if len(words) > 10:
            break
        if any(w.lower() in SPEECH_FORMS for w in words) and not re.search(r"[.!?]\s+\S", tail):
            return start + m.start()
    return end


class _Scanner:
    def __init__(self, text: str):
        self.text = text
        self.spans: list[QuoteSpan] = []
        self.chain = 0

    def ch(self, i: int, lo: int, hi: int) -> str:
        return self.text[i] if lo <= i < hi else ""

    def emit(self, start: int, end: int, closed: bool, single: bool = False) -> None:
        s, e = _trim(self.text, start, end)
        if e > s:
            self.spans.append(QuoteSpan(s, e, closed, self.chain, single))

    def opener_context(self, i: int, lo: int, hi: int) -> bool:
        before, after = self.ch(i - 1, lo, hi), self.ch(i + 1, lo, hi)
        return (before == "" or before in _OPENING_CONTEXT) and after != "" and not after.isspace()

    def closer_context(self, i: int, lo: int, hi: int) -> bool:
        before, after = self.ch(i - 1, lo, hi), self.ch(i + 1, lo, hi)
        return before != "" and not before.isspace() and (after == "" or after in _CLOSING_NEXT)

    def single_close(self, i: int, lo: int, hi: int) -> int | None:
        """Position of the mark closing a single-quoted passage opened at i, if the paragraph has one."""
        mark = "'" if self.text[i] == "'" else SINGLE_CLOSE
        candidates = []
        for j in range(i + 2, hi):
            c = self.text[j]
            if c in DOUBLE_OPEN + DOUBLE_CLOSE + '"':
                break  # a double mark in between: not a single-quoted passage
            if c == mark and self.closer_context(j, lo, hi):
                candidates.append(j)
        if not candidates:
            return None
        for j in candidates:  # "s’ " is usually a plural possessive, not a closing mark
            if self.text[j - 1] != "s" or self.text[j - 2] in ".,!?":
                return j
        return candidates[0]

    def paragraph(self, lo: int, hi: int, continued: bool) -> bool:
        """Scan one paragraph; True when it ends inside a double-quoted passage."""
        text = self.text
        open_at: int | None = None
        i = lo
        while i < hi:
            c = text[i]
            if c not in MARKS:
                i += 1
                continue
            if open_at is not None:  # inside a double-quoted passage: single marks are nested quotes
                if (
                    c in DOUBLE_CLOSE
                    or (c in DOUBLE_OPEN + '"' and self.closer_context(i, lo, hi))
                    or (c == '"' and not self.opener_context(i, lo, hi))
                ):
                    self.emit(open_at + 1, i, True)
                    open_at = None
                elif c in DOUBLE_OPEN or c == '"':  # a new quote opens before the last one closed
                    log.warning("quote opened at %d is not closed before the next one at %d", open_at, i)
                    self.emit(open_at + 1, trim_trailing_attribution(text, open_at + 1, i), False)
                    self.chain += 1
                    open_at = i
                i += 1
                continue
            if (
                c in DOUBLE_OPEN
                or (c == '"' and not self.ch(i - 1, lo, hi).isdigit())
                or (c in DOUBLE_CLOSE + '"' and self.opener_context(i, lo, hi))
            ):
                if (
                    c not in DOUBLE_OPEN
                    and self.closer_context(i, lo, hi)
                    and not self.opener_context(i, lo, hi)
                ):
                    log.warning("closing quote mark at %d has no opening mark", i)
                else:
                    open_at = i
                    if not continued:
                        self.chain += 1
                    continued = False
            elif c in DOUBLE_CLOSE:
                log.warning("closing quote mark at %d has no opening mark", i)
            elif (
                c in SINGLE_OPEN + "'"
                and self.opener_context(i, lo, hi)
                and not text.startswith(_ELISIONS, i)
            ):
                j = self.single_close(i, lo, hi)
                if j is not None:
                    self.chain += 1
                    continued = False
                    self.emit(i + 1, j, True, single=True)
                    i = j
            i += 1
        if open_at is None:
            return False
        nxt = text[hi:].lstrip()
        goes_on = bool(nxt) and (nxt[0] in DOUBLE_OPEN or nxt[0] == '"')
        if goes_on:
            self.emit(open_at + 1, hi, False)
        else:
            log.warning("quote opened at %d is not closed by the end of its paragraph", open_at)
            self.emit(open_at + 1, trim_trailing_attribution(text, open_at + 1, hi), False)
        return goes_on


def find_quote_spans(text: str) -> list[QuoteSpan]:
    """Quoted passages of `text`, in order, marks excluded."""
    text = mark_text(text)
    scanner = _Scanner(text)
    continued = False
    for lo, hi in paragraphs(text):
        if continued:  # the paragraph re-opens the quote of the paragraph before
            k = lo + len(text[lo:hi]) - len(text[lo:hi].lstrip())
            continued = scanner.paragraph(k, hi, True) if k < hi else False
        else:
            continued = scanner.paragraph(lo, hi, False)
    return sorted(scanner.spans, key=lambda s: s.start)
