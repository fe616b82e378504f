"""Quotes by speaker, each statement once with the wordings other outlets reported beside it.

- Real speakers only: a named person or body ("Priya Raman", "Bureau of Meteorology", "India") or
  a noun for people who speak ("police", "officials", "forecasters"). A common noun that merely
  heads the clause ("helicopters continued to lift residents") is not a speaker.
- Never cut mid-word: a quote span that stops inside a word ("has grown nearly nine" of
  "nine-fold") is extended to the word's end, and its citation with it; two pieces of one
  statement split by a quotation inside it are joined back.
- Wording drift: quotes of one speaker from different articles that say the same thing
  ("The water came up faster than anyone in this valley has seen" / "The water rose faster than
  anyone in this valley has ever seen") share a `group`; `similarity` is the wording's closeness
  (0-1) to the group's first quote, so a reader sees how far outlets' versions drift.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rapidfuzz import fuzz

from ..analyze.entities import canonical_across
from ..model import Quote, QuoteEntry
from ..reconcile import Evidence
from .datelines import dateline_end

SPEAKER_NOUNS = {
    "police", "officials", "official", "spokesman", "spokeswoman", "spokesperson", "spokespeople",
    "minister", "ministry", "authorities", "authority", "forecasters", "analysts", "analyst", "economists",
    "economist", "experts", "expert", "residents", "resident", "witnesses", "witness", "bureau", "service",
    "agency", "council", "government", "department", "company", "union", "court", "prosecutors",
    "investigators", "researchers", "scientists", "officers", "officer", "commissioner", "president",
    "chairman", "chairwoman", "director", "executive", "leader", "leaders", "lawyer", "lawyers", "attorney",
    "statement", "report", "study", "survey", "poll", "association", "organisation", "organization",
    "group", "board", "office", "commission", "committee", "administration", "military", "army", "navy",
    "senator", "governor", "mayor", "premier", "chief", "secretary", "source", "sources", "aide", "aides",
    "doctors", "doctor", "teachers", "workers", "farmers", "voters", "critics", "supporters", "judge",
}  # fmt: skip
_LOWER_STARTS = {
    "the",
    "a",
    "an",
    "both",
    "some",
    "many",
    "several",
    "all",
    "most",
    "other",
    "these",
    "those",
}
SAME_WORDS = 0.6  # share of the shorter quote's content words the other must use to be one statement
SAME_CHARACTERS = 50  # and the two wordings' character similarity (0-100) at least this
SAME_WORDING = 97  # above this, a second outlet's quote adds nothing to show
_SENTENCE_END = re.compile(r"[.!?]")
_WORD = re.compile(r"[a-z0-9$]+(?:[.,'][a-z0-9]+)*")
_STOP = {
    "the", "a", "an", "and", "or", "but", "of", "to", "in", "on", "at", "for", "by", "with", "from", "that",
    "this", "is", "are", "was", "were", "be", "been", "has", "have", "had", "will", "would", "it", "its",
    "we", "our", "i", "they", "their", "he", "she", "his", "her", "not", "no", "as", "up", "than",
}  # fmt: skip


def real_speaker(speaker: str) -> bool:
    words = speaker.replace("'s", "").split()
    if not words:
        return False
    if words[-1].lower().strip(".,") in SPEAKER_NOUNS:
        return True
    named = [w for w in words[1:] if w[:1].isupper()]
    return bool(named) or (words[0][:1].isupper() and words[0].lower() not in _LOWER_STARTS)


def _content(text: str) -> set[str]:
    return {w for w in _WORD.findall(text.lower()) if w not in _STOP}


def same_statement(a: str, b: str) -> bool:
    """Two wordings of one statement: most content words shared and the wordings close."""
    wa, wb = _content(a), _content(b)
    if not wa or not wb:
        return False
    shared = len(wa & wb) / min(len(wa), len(wb))
    return shared >= SAME_WORDS and fuzz.ratio(a, b) >= SAME_CHARACTERS


def _word_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen [start, end) so it neither starts nor ends inside a word ("nine" -> "nine-fold")."""
    joiners = "-\u2011'\u2019"  # "nine-fold", "India's"
    while end < len(text) and (
        text[end].isalnum() or (text[end] in joiners and text[end + 1 : end + 2].isalnum())
    ):
        end += 1
    while start > 0 and text[start - 1].isalnum() and text[start : start + 1].isalnum():
        start -= 1
    return start, end


def _spans(ev: Evidence) -> list[tuple[Quote, tuple[int, int]]]:
    """Each quote with its span widened to whole words; a quote split in two by a quotation inside it
    ("Russia supports India" + "’s “Make in India” goals ...") joined back into one."""
    text = ev.article.text
    out: list[tuple[Quote, tuple[int, int]]] = []
    for q in sorted(ev.analysis.quotes, key=lambda q: q.start):
        start, end = _word_bounds(text, q.start, q.end)
        if out:
            prev, (pstart, pend) = out[-1]
            gap = text[pend:start] if start >= pend else ""
            if (
                prev.speaker == q.speaker
                and start >= pend
                and len(gap) <= 4
                and not _SENTENCE_END.search(gap)
            ):
                out[-1] = (prev, (pstart, max(pend, end)))
                continue
        out.append((q, (start, end)))
    return out


def build_quotes(evidence: Sequence[Evidence]) -> list[QuoteEntry]:
    """Quotes by speaker, each speaker named once across the story ("Jaishankar" = "S. Jaishankar")."""
    names = canonical_across([ev.analysis.entities for ev in evidence])
    out: list[QuoteEntry] = []
    source_of: list[str] = []
    for ev in evidence:
        text = ev.article.text
        for q, (start, end) in _spans(ev):
            if not q.speaker or q.kind == "partial" or not real_speaker(q.speaker):
                continue
            body = text[start:end]
            cut = dateline_end(body.lstrip(), lead=True)
            if cut:
                start += len(body) - len(body.lstrip()) + cut
            shown = " ".join(text[start:end].split())
            speaker = names.get(q.speaker, q.speaker)
            mine = [(i, e) for i, e in enumerate(out) if e.speaker == speaker]
            if any(
                fuzz.ratio(e.text, shown) >= (85 if source_of[i] == ev.article.id else SAME_WORDING)
                for i, e in mine
            ):
                continue  # said again in the same article, or word for word by another outlet
            same = [
                e for i, e in mine
                if source_of[i] != ev.article.id and same_statement(e.text, shown)
            ]  # fmt: skip
            group = same[0].group if same else len({e.group for e in out})
            first = next((e for e in out if e.group == group), None)
            similarity = round(fuzz.ratio(first.text, shown) / 100, 2) if first else 1.0
            entry = QuoteEntry(speaker, shown, q.verb, ev.cite(start, end), q.kind, group, similarity, q.via)
            out.append(entry)
            source_of.append(ev.article.id)
    order = {s: i for i, s in enumerate(dict.fromkeys(e.speaker for e in out))}
    return sorted(out, key=lambda e: (order[e.speaker], e.group))
