"""Who a speaker mention refers to: a name, a surname, a title, a pronoun.

`SpeakerResolver` walks the document once, in order, keeping the person
mentions seen so far (outside quoted text) and resolving each third-person
pronoun to the nearest preceding compatible person, preferring grammatical
subjects. Gender comes from titles (Mr, Ms, Mrs), gendered nouns
("spokeswoman"), common first names and pronouns already resolved to the
person; a "she" never resolves to a person known to be male, nor "he" to a
woman. "the minister" resolves to the nearest person introduced with that
title. A description that names nobody ("a spokesperson for the port
authority") is kept as written.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from ...model import Entity
from ._verbs import SPEECH_FORMS

MALE, FEMALE = "m", "f"
PRONOUN_GENDER = {"he": MALE, "him": MALE, "she": FEMALE, "her": FEMALE}
PLURAL_PRONOUNS = {"they", "them"}
POSSESSIVE_GENDER = {"his": MALE, "her": FEMALE}
NON_THIRD = {"i", "me", "we", "us", "you", "it", "one"}
RELATIVE = {"who", "that", "which", "whom"}
SPEAKER_LABELS = {"PERSON", "ORG", "GPE", "NORP"}
_TITLE_GENDER = {
    "mr": MALE, "mister": MALE, "sir": MALE, "lord": MALE, "king": MALE, "prince": MALE,
    "spokesman": MALE, "chairman": MALE, "congressman": MALE, "businessman": MALE,
    "father": MALE, "husband": MALE, "son": MALE, "brother": MALE, "uncle": MALE,
    "ms": FEMALE, "mrs": FEMALE, "miss": FEMALE, "madam": FEMALE, "madame": FEMALE, "lady": FEMALE,
    "dame": FEMALE, "queen": FEMALE, "princess": FEMALE, "spokeswoman": FEMALE,
    "chairwoman": FEMALE, "congresswoman": FEMALE, "businesswoman": FEMALE, "mother": FEMALE,
    "wife": FEMALE, "daughter": FEMALE, "sister": FEMALE, "aunt": FEMALE, "actress": FEMALE,
}  # fmt: skip


# common first names, as weak evidence of gender (titles and resolved pronouns overrule them)
def word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


_FEMALE_NAMES = word_set(
    "mary patricia jennifer linda elizabeth barbara susan jessica sarah karen nancy lisa betty margaret "
    "sandra ashley kimberly emily donna michelle dorothy carol amanda melissa deborah stephanie rebecca "
    "sharon laura cynthia kathleen amy angela shirley anna brenda pamela emma nicole helen samantha "
    "katherine christine debra rachel carolyn janet catherine maria heather diane ruth julie olivia "
    "joyce virginia victoria kelly lauren christina joan evelyn judith megan andrea cheryl hannah "
    "jacqueline martha gloria teresa ann sara madison frances kathryn janice abigail alice judy sophia "
    "grace denise amber doris marilyn danielle beverly isabella theresa diana natalie brittany charlotte "
    "marie kayla alexis lori hillary kamala nikki elise carly sarah condoleezza jacinda ursula giorgia "
    "indira sonia priyanka mamata nirmala smriti sushma hasina benazir marine annalena kaja liz"
)
_MALE_NAMES = word_set(
    "james robert john michael david william richard joseph thomas charles christopher daniel matthew "
    "anthony mark donald steven paul andrew joshua kenneth kevin brian george timothy ronald edward "
    "jason jeffrey ryan jacob gary nicholas eric jonathan stephen larry justin scott brandon benjamin "
    "samuel gregory alexander frank patrick raymond jack dennis jerry tyler aaron jose adam nathan "
    "henry douglas zachary peter kyle ethan walter noah jeremy christian keith roger terry gerald "
    "harold sean austin carl arthur lawrence dylan jesse gabriel logan albert willie alan juan wayne "
    "elijah randy roy vincent ralph eugene russell bobby mason philip louis barack bernie mike mitch "
    "ted marco jeb ben chris rand bill newt rudy reince boris emmanuel vladimir sergey sergei narendra "
    "rahul amit rajnath recep olaf volodymyr dmitry rishi keir viktor jair luiz shinzo fumio mohammed "
    "muhammad ahmed hassan"
)


_PERSON_TITLES = {
    "mr", "mrs", "ms", "miss", "dr", "sen", "senator", "rep", "representative", "gov", "governor",
    "president", "minister", "secretary", "mayor", "judge", "justice", "prof", "professor", "sir",
    "dame", "lord", "lady", "gen", "general", "col", "capt", "sgt", "chancellor", "premier", "ambassador",
}  # fmt: skip


def _personify(doc: Any, entities: list[Entity]) -> list[Entity]:
    """Re-label as persons the names the model tagged as organisations ("Carly Fiorina" ORG): a known
    first name, a personal title before it, or a "who" clause after it; a single surname of such a
    person gets that person's full name."""
    out: list[Entity] = []
    for e in entities:
        if e.label == "ORG" and _looks_personal(doc, e):
            e = replace(e, label="PERSON")
        out.append(e)
    full = {
        e.canonical.split()[-1].lower(): e.canonical
        for e in out
        if e.label == "PERSON" and " " in e.canonical
    }
    fixed = []
    for e in out:
        key = e.canonical.lower()
        if " " not in e.canonical and key in full and e.label in ("PERSON", "ORG"):
            e = replace(e, label="PERSON", canonical=full[key])
        fixed.append(e)
    return fixed


def _looks_personal(doc: Any, e: Entity) -> bool:
    words = e.canonical.split()
    if len(words) > 1 and words[0].lower() in _MALE_NAMES | _FEMALE_NAMES:
        return True
    span = doc.char_span(e.start, e.end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    k = span.start - 1
    if k > 0 and doc[k].text == ".":
        k -= 1
    if k >= 0 and doc[k].lower_.rstrip(".") in _PERSON_TITLES:
        return True
    return any(c.dep_ == "relcl" and any(g.lower_ == "who" for g in c.children) for c in span.root.children)


@dataclass
class _Mention:
    pos: int
    canonical: str
    subject: bool
    label: str


def _is_subject(tok: Any) -> bool:
    seen = 0
    while seen < 4:
        if tok.dep_ in ("nsubj", "nsubjpass"):
            return True
        if tok.dep_ in ("appos", "compound", "conj", "flat") and tok.head.i != tok.i:
            tok = tok.head
            seen += 1
            continue
        return False
    return False


_DASHES = {"-", "\u2013", "\u2014", "--"}


def _dateline_dash(doc: Any, i: int) -> bool:
    """A dash standing between spaces, as after "MACAU (Reuters) -"."""
    return doc[i].text in _DASHES and bool(doc[i].whitespace_) and i > 0 and bool(doc[i - 1].whitespace_)


_LEAD_WORDS = frozenset({"even", "also", "still", "thus", "but", "and", "while", "only", "just"})
_MEDIA = word_set(
    "interview interviews statement statements filing filings post posts speech speeches letter email "
    "emails tweet tweets release op-ed editorial column memo remarks appearance call conference "
    "facebook twitter instagram television radio"
)
_WHEN = word_set(
    "monday tuesday wednesday thursday friday saturday sunday today yesterday tonight morning "
    "afternoon evening night week weekend month year"
)


def _circumstance(prep: Any) -> bool:
    """A prepositional phrase saying when or where something was said, which the parser hung on the
    speaker: "on Monday", "in a statement", "on Facebook", "in 2009"."""
    if prep.lower_ not in ("on", "in", "at", "during", "via", "over"):
        return False
    obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
    if obj is None:
        return False
    return obj.ent_type_ in ("DATE", "TIME") or obj.lower_ in _MEDIA or obj.lower_ in _WHEN


def mention_span(tok: Any, quoted: Callable[[int], bool] | None = None) -> tuple[int, int]:
    """Characters of the noun phrase headed by `tok`: its subtree without participle asides
    (", wearing a hat"), relative clauses that report speech themselves and when/where phrases
    ("on Monday", "in a statement"), kept to one sentence and paragraph, to the unquoted run of
    tokens around `tok` and to the right of a dateline dash; edge punctuation, conjunctions and a
    leading "even"/"also" trimmed."""
    doc = tok.doc
    members = {t.i for t in tok.subtree}
    for c in tok.children:
        if c.dep_ == "acl" and c.i > tok.i and c.tag_ in ("VBG", "VBN") and doc[c.i - 1].text == ",":
            members -= {t.i for t in c.subtree}
        if c.dep_ == "relcl" and c.i > tok.i and any(t.lower_ in SPEECH_FORMS for t in c.subtree):
            members -= {t.i for t in c.subtree}  # "Podesta, who said ..., said": an attribution of its own
        if c.dep_ == "prep" and c.i > tok.i and _circumstance(c):
            members -= {t.i for t in c.subtree}  # "the campaign on Monday", "Trump in a statement"

    def ok(i: int) -> bool:
        t = doc[i]
        if i not in members or ("\n" in t.text and t.is_space) or (t.is_sent_start and i > tok.i):
            return False
        return quoted is None or not quoted(t.idx)

    lo = hi = tok.i
    while lo - 1 >= 0 and ok(lo - 1) and not doc[lo].is_sent_start and not _dateline_dash(doc, lo - 1):
        lo -= 1
    while hi + 1 < len(doc) and ok(hi + 1):
        hi += 1
    while lo < tok.i and (doc[lo].is_punct or doc[lo].is_space or doc[lo].lower_ in _LEAD_WORDS):
        lo += 1
    while hi > tok.i and (doc[hi].is_punct or doc[hi].is_space or doc[hi].dep_ == "cc"):
        if doc[hi].text == ")" and any(doc[k].text == "(" for k in range(lo, hi)):
            break
        hi -= 1
    return doc[lo].idx, doc[hi].idx + len(doc[hi].text)


def core_text(tok: Any) -> str:
    """The phrase headed by `tok` without relative clauses, appositions and asides, as written."""
    drop: set[int] = set()
    for c in tok.children:
        if c.dep_ in ("relcl", "appos", "advcl", "punct", "parataxis") and c.i > tok.i:
            drop.update(t.i for t in c.subtree)
    toks = [t for t in tok.subtree if t.i not in drop]
    while toks and (toks[-1].is_punct or toks[-1].is_space):
        toks.pop()
    while toks and (toks[0].is_punct or toks[0].is_space):
        toks.pop(0)
    return " ".join("".join(t.text_with_ws for t in toks).split())


class SpeakerResolver:
    """Map a speaker mention (a name, a surname, a title, a pronoun) to a canonical name."""

    def __init__(self, doc: Any, entities: list[Entity], quoted: list[tuple[int, int]]):
        self.doc = doc
        self.quoted = sorted(quoted)
        self.entities = _personify(
            doc, sorted((e for e in entities if e.label in SPEAKER_LABELS), key=lambda e: e.start)
        )
        self._ent_starts = [e.start for e in self.entities]
        self.gender: dict[str, str] = {}  # from titles and resolved pronouns
        self.name_gender: dict[str, str] = {}  # from first names: a preference only
        self.titles: list[tuple[int, str, str]] = []  # (position, title word, canonical)
        self.pronouns: dict[int, str | None] = {}  # token index -> canonical
        self.surnames = {  # not from "Stated Stone", a name the tagger joined to an inverted verb
            e.canonical.split()[-1].lower(): e.canonical
            for e in self.entities
            if e.label == "PERSON" and e.canonical.split()[0].lower() not in SPEECH_FORMS
        }
        self._sent_start = [s.start_char for s in doc.sents]
        self._walk()

    # -- lookups -------------------------------------------------------------------------------
    def inside_quote(self, pos: int) -> bool:
        i = bisect.bisect_right(self.quoted, (pos, 1 << 62)) - 1
        return i >= 0 and self.quoted[i][0] <= pos < self.quoted[i][1]

    def entity_at(self, start: int, end: int) -> Entity | None:
        i = bisect.bisect_right(self._ent_starts, start) - 1
        for e in self.entities[max(0, i - 1) : i + 3]:
            if e.start <= start < e.end or (start <= e.start < end):
                return e
        return None

    def _sentence_of(self, pos: int) -> int:
        return bisect.bisect_right(self._sent_start, pos) - 1

    # -- one pass over the document -------------------------------------------------------------
    def _walk(self) -> None:
        doc = self.doc
        mentions: list[_Mention] = []
        ents = iter(self.entities)
        nxt = next(ents, None)
        for tok in doc:
            while nxt is not None and nxt.start < tok.idx + len(tok.text) and nxt.start <= tok.idx:
                if not self.inside_quote(nxt.start):
                    span = doc.char_span(nxt.start, nxt.end, alignment_mode="expand")
                    root = span.root if span is not None and len(span) else tok
                    mentions.append(_Mention(nxt.start, nxt.canonical, _is_subject(root), nxt.label))
                    if nxt.label == "PERSON":
                        self._learn(span, nxt)
                nxt = next(ents, None)
            low = tok.lower_
            if (
                low in PRONOUN_GENDER and tok.pos_ == "PRON" and not (low == "her" and tok.tag_ == "PRP$")
            ) and (not self.inside_quote(tok.idx)):
                who = self._antecedent(tok, mentions, PRONOUN_GENDER[low])
                self.pronouns[tok.i] = who
                if who is not None:
                    self.gender.setdefault(who, PRONOUN_GENDER[low])
                    mentions.append(_Mention(tok.idx, who, tok.dep_ in ("nsubj", "nsubjpass"), "PERSON"))
            elif low in POSSESSIVE_GENDER and tok.tag_ == "PRP$" and not self.inside_quote(tok.idx):
                # "his claim that ...": the owner of what was said (resolved, not a mention of its own)
                self.pronouns[tok.i] = self._antecedent(tok, mentions, POSSESSIVE_GENDER[low])
            elif low in PLURAL_PRONOUNS and not self.inside_quote(tok.idx):
                groups = [m for m in mentions if m.label in ("ORG", "NORP", "GPE") and m.subject]
                self.pronouns[tok.i] = self._nearest(tok, groups)

    def _learn(self, span: Any, ent: Entity) -> None:
        """Gender and titles of a person from the words around one of its mentions."""
        if span is None or not len(span):
            return
        doc = self.doc
        around = [
            t for t in doc[max(0, span.start - 4) : span.start] if t.head.i in range(span.start, span.end)
        ]
        around += [t for t in span if t.idx < ent.start or t.pos_ != "PROPN"]
        around += [c for c in span.root.children if c.dep_ == "appos"]
        if span.start > 0 and doc[span.start - 1].text == "." and span.start > 1:
            around.append(doc[span.start - 2])
        for t in around:
            w = t.lower_.rstrip(".")
            if w in _TITLE_GENDER:
                self.gender.setdefault(ent.canonical, _TITLE_GENDER[w])
            if t.pos_ == "NOUN":
                self.titles.append((ent.start, w, ent.canonical))
        first = ent.canonical.split()[0].lower().rstrip(".") if ent.canonical.split() else ""
        if len(ent.canonical.split()) > 1 and first in _FEMALE_NAMES:
            self.name_gender[ent.canonical] = FEMALE
        elif len(ent.canonical.split()) > 1 and first in _MALE_NAMES:
            self.name_gender[ent.canonical] = MALE

    def _nearest(self, tok: Any, cands: list[_Mention]) -> str | None:
        before = [m for m in cands if m.pos < tok.idx]
        return before[-1].canonical if before else None

    def _antecedent(self, tok: Any, mentions: list[_Mention], gender: str) -> str | None:
        here = self._sentence_of(tok.idx)
        people = [
            m
            for m in mentions
            if m.label == "PERSON" and m.pos < tok.idx and self.gender.get(m.canonical, gender) == gender
        ]
        window = [m for m in people if here - self._sentence_of(m.pos) <= 4]

        def likely(ms: list[_Mention]) -> list[_Mention]:
            return [m for m in ms if self.name_gender.get(m.canonical, gender) == gender]

        subjects = [m for m in window if m.subject]
        all_subjects = [m for m in people if m.subject]
        for pool in (
            likely(subjects),
            subjects,
            likely(window),
            window,
            likely(all_subjects),
            all_subjects,
            people,
        ):
            if pool:
                return pool[-1].canonical
        return None

    # -- resolution -----------------------------------------------------------------------------
    def resolve(self, tok: Any, depth: int = 0) -> str | None:
        """Canonical speaker for the phrase headed by `tok`."""
        low = tok.lower_
        if tok.i in self.pronouns:
            return self.pronouns[tok.i]
        if low in NON_THIRD or low in PRONOUN_GENDER or low in PLURAL_PRONOUNS:
            return None
        if low in RELATIVE and tok.dep_.startswith("nsubj") and depth < 3:
            clause = tok.head
            if clause.dep_ in ("relcl", "acl") and clause.head.i != clause.i:
                return self.resolve(clause.head, depth + 1)
            return None
        ent = self.entity_at(tok.idx, tok.idx + len(tok.text))
        if ent is not None:
            return ent.canonical
        for c in tok.children:  # "Trump's attorney, Alan Garten"; "the chief, Maria Lopez"
            if c.dep_ in ("appos", "compound", "flat"):
                ent = self.entity_at(c.idx, c.idx + len(c.text))
                if ent is not None and ent.label == "PERSON":
                    return ent.canonical
        if tok.pos_ == "PROPN":
            known = self.surnames.get(tok.lower_)
            if known:
                return known
        if tok.pos_ in ("NOUN", "PROPN") and any(
            c.lower_ in ("the", "this") for c in tok.children if c.dep_ == "det"
        ):
            titled = [c for p, w, c in self.titles if w == low and p < tok.idx]
            if titled:
                return titled[-1]
        return core_text(tok) or None
