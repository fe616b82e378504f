"""Named entities with canonical names and roles, inside an article and across a story.

Mentions come from the language model's named entities (`doc.ents`, any model
behind `nlp.LanguageModel`), trimmed of possessives, titles and stray
whitespace. Inside an article (`find_entities`):
- people: mentions are grouped when their surnames match and their given names
  agree ("S. Jaishankar", "S Jaishankar", "Subrahmanyam Jaishankar", but not
  "Donald Trump" and "Melania Trump"); a bare surname joins the group mentioned
  last before it (else the first after it). The group's name is its most
  complete form, initials written with a dot ("S. Jaishankar"). A one-word
  organisation/product/... that is a person's surname here is that person.
- roles: the title written before a name ("external affairs minister S.
  Jaishankar" -> "external affairs minister", "Russian President Vladimir Putin"
  -> "Russian President") or in an apposition after it ("Sergey Lavrov, Russia's
  foreign minister,"); a person's other mentions carry the first role stated.
- places vs actors: a GPE that is the subject of a verb ("India imposed",
  "Washington has said", "India and Russia on Thursday explored") has role
  "actor"; one after a place preposition ("in New Delhi") or in a dateline
  ("New Delhi: ...") has role "place"; the name itself is never changed, so
  "New Delhi" and "India" stay distinct.
- organisations: "the" dropped, an acronym joins the name it abbreviates
  ("NSA" -> "National Security Agency"), a few country aliases are unified
  ("U.S." -> "United States").
Across articles, `canonical_across` maps each article's canonical names to one
story-wide name with the same rules (plus near-identical spellings).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from rapidfuzz import fuzz

from ..model import Entity
from .nlp import verb_forms

KEEP = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "LAW", "PRODUCT", "WORK_OF_ART"}
_POSSESSIVE = re.compile(r"(?:['\u2019]s|(?<=s)['\u2019])$")
_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)
_HONORIFICS = {"mr", "mrs", "ms", "miss", "mx", "sir", "dame", "dr", "prof", "rev", "hon"}
_SUFFIXES = {"jr", "sr", "ii", "iii", "iv"}
HEADS = {
    "minister", "president", "premier", "chancellor", "secretary", "spokesman", "spokeswoman",
    "spokesperson", "chief", "director", "chairman", "chairwoman", "chairperson", "chair", "ceo", "cfo",
    "founder", "co-founder", "governor", "senator", "sen", "rep", "representative", "congressman",
    "congresswoman", "lawmaker", "legislator", "mayor", "ambassador", "envoy", "diplomat", "general",
    "gen", "admiral", "commander", "colonel", "col", "lieutenant", "lt", "captain", "capt", "sergeant",
    "sgt", "officer", "judge", "justice", "attorney", "lawyer", "prosecutor", "professor", "king",
    "queen", "prince", "princess", "pope", "cardinal", "bishop", "archbishop", "rabbi", "imam", "leader",
    "official", "counterpart", "coach", "manager", "economist", "analyst", "inspector", "sheriff",
    "detective", "deputy", "adviser", "advisor", "aide", "editor", "executive", "president-elect",
    "commissioner", "superintendent", "dean", "researcher", "scientist", "councilman", "councilwoman",
    "councillor", "councilor", "candidate", "nominee", "speaker", "mp", "mla", "mep", "reporter",
    "correspondent", "columnist", "journalist", "head", "secretary-general",
    "director-general", "chief executive", "vice-president", "vice-chancellor",
}  # fmt: skip
_MODIFIERS = {
    "external", "affairs", "foreign", "finance", "defence", "defense", "home", "interior", "trade",
    "commerce", "health", "education", "energy", "environment", "agriculture", "labour", "labor",
    "transport", "culture", "deputy", "vice", "chief", "executive", "senior", "former", "acting",
    "interim", "prime", "state", "junior", "union", "federal", "national", "general", "police",
    "district", "assistant", "associate", "managing", "supreme", "high", "military", "army", "navy",
    "security", "intelligence", "economic", "political", "press", "campaign", "party", "opposition",
    "regional", "local", "city", "county", "outgoing", "incoming", "top", "lead", "special",
    "fellow", "white", "house", "court", "us", "u.s.", "uk", "u.k.", "un", "u.n.", "eu",
}  # fmt: skip
_STOP = {
    "the", "a", "an", "his", "her", "their", "its", "our", "my", "your", "and", "or", "but", "with", "by",
    "meanwhile", "however", "also", "when", "after", "before", "while", "as", "on", "in", "at", "for",
    "from", "to", "of", "said", "says", "according", "then", "if", "that", "this", "these", "those",
}  # fmt: skip
COUNTRY_ALIASES = {
    "us": "United States", "usa": "United States", "united states of america": "United States",
    "united states": "United States", "uk": "United Kingdom", "britain": "United Kingdom",
    "great britain": "United Kingdom", "united kingdom": "United Kingdom", "uae": "United Arab Emirates",
    "un": "United Nations", "united nations": "United Nations", "eu": "European Union",
    "european union": "European Union", "russian federation": "Russia", "prc": "China",
    "dprk": "North Korea",
}  # fmt: skip
_ACTIONS = verb_forms([
    "say", "agree", "impose", "announce", "accuse", "warn", "sign", "reject", "urge", "demand", "call",
    "ask", "threaten", "retaliate", "sanction", "launch", "send", "deploy", "expel", "ban", "block",
    "approve", "deny", "condemn", "welcome", "raise", "slap", "levy", "place", "offer", "pledge",
    "promise", "vow", "want", "plan", "hope", "insist", "respond", "argue", "claim", "order", "summon",
    "protest", "object", "refuse", "support", "back", "oppose", "tell", "declare", "confirm", "decide",
    "explore", "discuss", "seek", "strike", "attack", "invade", "fire", "bomb", "recall", "suspend",
    "halt", "lift", "ease", "cut", "hike", "increase", "reduce", "extend", "grant", "issue", "release",
    "reach", "join", "withdraw", "vote", "veto", "propose", "maintain", "reiterate", "push", "press",
    "criticise", "criticize", "accept", "allow", "open", "close", "resume", "intend", "negotiate",
])  # fmt: skip
_AUX = (
    r"(?:has|have|had|will|would|could|can|may|might|must|should|did|does|do|is|was|are|were|also|"
    r"not|never|already|now|then|reportedly|recently|again|has also|on \w+|last \w+|this \w+|earlier)"
)
_ACTOR_AFTER = re.compile(
    rf"^(?:\s*(?:,|and)\s+(?:the\s+)?(?:[A-Z][\w.\u2019'-]*\s*){{1,3}})?(?:\s+{_AUX})*\s+([a-z]+)\b"
)
_PLACE_BEFORE = re.compile(
    r"\b(?:in|at|to|from|into|near|across|around|throughout|within|inside|outside|towards?|via|"
    r"visit(?:ed|ing|s)?)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_DATELINE_AFTER = re.compile(r"^\s*(?:\([\w .]+\)\s*)?(?::|\s[\u2014\u2013-]{1,2}\s)")
_APPOSITION = re.compile(
    r"^\s*,\s+((?:[^\s,;.()\u201c\u201d\"]+\s+){0,7}[^\s,;.()\u201c\u201d\"]+)(?=\s*[,;.)]|\s*$)"
)


@dataclass
class _Person:
    names: list[str]  # full forms (given names + surname), titles stripped
    surname: str
    positions: list[int]

    def given_sets(self) -> list[list[str]]:
        return [parts(n)[0] for n in self.names]


def clean_name(text: str) -> str:
    """Whitespace collapsed, possessive and edge punctuation removed."""
    text = " ".join(text.split()).strip(" ,;:\"'\u201c\u201d\u2018\u2019()[]")
    return _POSSESSIVE.sub("", text).strip()


def strip_titles(name: str) -> tuple[str, str]:
    """(title words, name) for a person's mention: "President Vladimir Putin" -> ("President", ...);
    the title is the longest run of title words ending in a title or honorific, a name left over."""
    words = name.split()
    k = 0
    for j, w in enumerate(words[:-1]):
        low = w.lower().strip(".")
        if low in HEADS or low in _HONORIFICS:
            k = j + 1
        elif low not in _MODIFIERS:
            break
    return " ".join(words[:k]), " ".join(words[k:])


def parts(name: str) -> tuple[list[str], str]:
    """(given names, surname) in lowercase without dots; "S.K. Rao" -> (["s", "k"], "rao")."""
    words = name.split()
    while len(words) > 1 and words[-1].lower().strip(".,") in _SUFFIXES:
        words.pop()
    if not words:
        return [], ""
    given: list[str] = []
    for w in words[:-1]:
        if re.fullmatch(r"(?:[A-Z]\.){2,}", w):
            given.extend(c.lower() for c in w if c.isalpha())
        else:
            given.append(w.lower().replace(".", ""))
    return given, re.sub(r"[^\w'\u2019-]", "", words[-1]).lower()


def _same_given(x: str, y: str) -> bool:
    return x == y or (len(x) == 1 and y.startswith(x)) or (len(y) == 1 and x.startswith(y))


def compatible(a: str, b: str) -> bool:
    """Could two person names be the same person? Same surname; given names agree where both have
    them (an initial agrees with a name it begins)."""
    ga, sa = parts(a)
    gb, sb = parts(b)
    if not sa or sa != sb:
        return False
    if not ga or not gb:
        return True
    if not _same_given(ga[0], gb[0]):
        return False
    return all(_same_given(x, y) for x, y in zip(ga[1:], gb[1:], strict=False))


def name_score(name: str) -> tuple[int, int, int, int]:
    """Which form names a person best: full given names, then more of them, dotted initials, length."""
    given, _ = parts(name)
    words = name.split()[:-1]
    return (
        sum(len(g) > 1 for g in given),
        len(given),
        sum(bool(re.fullmatch(r"[A-Z]\.", w)) for w in words),
        len(name),
    )


def _cluster_people(mentions: list[tuple[int, str]]) -> dict[int, str]:
    """Mention index -> canonical name, for (index, name without titles) in text order."""
    people: list[_Person] = []
    owner: dict[int, _Person] = {}
    for i, name in mentions:  # full names first
        given, surname = parts(name)
        if not given or not surname:
            continue
        fits = [p for p in people if p.surname == surname and all(compatible(name, n) for n in p.names)]
        person = max(fits, key=lambda p: p.positions[-1]) if fits else None
        if person is None:
            person = _Person([], surname, [])
            people.append(person)
        person.names.append(name)
        person.positions.append(i)
        owner[i] = person
    for i, name in mentions:  # then bare surnames
        if i in owner:
            continue
        _, surname = parts(name)
        fits = [p for p in people if p.surname == surname]
        before = [p for p in fits if p.positions[0] < i]
        if before:
            owner[i] = max(before, key=lambda p: max(x for x in p.positions if x < i))
        elif fits:
            owner[i] = min(fits, key=lambda p: p.positions[0])
        else:
            owner[i] = _Person([name], surname, [i])
            people.append(owner[i])
        owner[i].positions.append(i)
    return {i: max(p.names, key=lambda n: (name_score(n), -p.names.index(n))) for i, p in owner.items()}


def _role_before(text: str, start: int, need_head: bool = True) -> str | None:
    """The run of title words right before a name ("external affairs minister", "Russian President"):
    capitalised words or known title words, ending in a title (unless `need_head` is False)."""
    window = text[max(0, start - 90) : start]
    window = window[window.rfind("\n") + 1 :]  # a title is on the name's line
    keep: list[re.Match[str]] = []
    for m in reversed(list(re.finditer(r"\S+", window))):
        w = m.group()
        low = w.lower().rstrip(".")
        known = low in HEADS or low in _MODIFIERS or low in _HONORIFICS
        if re.search(r"[,;:!?()\"\u201c\u201d\u2014]$", w) or (
            w.endswith(".") and not known and not re.fullmatch(r"(?:[A-Z]\.)+", w)
        ):
            break
        if low in _STOP or not (known or w[:1].isupper()):
            break
        keep.insert(0, m)
        if len(keep) == 6:
            break
    while keep and keep[0].group().lower().rstrip(".") in _HONORIFICS:
        keep.pop(0)
    if not keep or (need_head and keep[-1].group().lower().rstrip(".") not in HEADS):
        return None
    return window[keep[0].start() : keep[-1].end()]


def _role_after(text: str, end: int) -> str | None:
    """An apposition naming a role: "Sergey Lavrov, Russia's foreign minister, said"."""
    m = _APPOSITION.match(text[end : end + 120])
    if not m:
        return None
    phrase = m.group(1)
    words = [w.lower().rstrip(".") for w in phrase.split()]
    if words[0] in ("who", "which", "that", "said", "says", "and", "but") or any(w.isdigit() for w in words):
        return None
    cut = next((k for k, w in enumerate(words) if w in ("of", "for", "at") and k), len(words))
    if words[cut - 1] not in HEADS and " ".join(words[cut - 2 : cut]) not in HEADS:
        return None
    return re.sub(r"^(?:the|a|an)\s+", "", phrase, flags=re.IGNORECASE)


def _gpe_role(text: str, start: int, end: int, span: Any) -> str | None:
    """ "actor" for a GPE that is a verb's subject, "place" after a place preposition or in a dateline."""
    line_start = text.rfind("\n", 0, start) + 1
    if len(text[line_start:start].split()) <= 3 and _DATELINE_AFTER.match(text[end : end + 20]):
        return "place"  # "New Delhi: India and Russia on Thursday ..."
    head = span.root if span is not None and len(span) else None
    if head is not None and head.dep_:
        while head.dep_ == "conj" and head.head is not head:  # "India and Russia explored"
            head = head.head
        if head.dep_ == "nsubj" and head.head.pos_ in ("VERB", "AUX"):
            return "actor"
    else:
        m = _ACTOR_AFTER.match(text[end : end + 80])
        if m and m.group(1) in _ACTIONS:
            return "actor"
    if _PLACE_BEFORE.search(text[max(0, start - 30) : start]):
        return "place"
    return None


def _acronym(name: str) -> str:
    words = [w for w in re.split(r"[\s-]+", name) if w and w.lower() not in ("of", "and", "the", "for", "&")]
    return "".join(w[0] for w in words if w[:1].isupper()) if len(words) > 1 else ""


def org_key(name: str) -> str:
    """Comparison key for a non-person name: lowercase, no dots, no leading "the", aliases applied."""
    key = " ".join(_LEADING_THE.sub("", name).replace(".", "").lower().split())
    alias = COUNTRY_ALIASES.get(key)
    return alias.lower() if alias else key


def _org_names(names: Iterable[str]) -> dict[str, str]:
    """name -> canonical for non-person names: aliases, and acronyms of longer names."""
    names = list(dict.fromkeys(names))
    out = {n: COUNTRY_ALIASES.get(org_key(n), _LEADING_THE.sub("", n)) for n in names}
    long_by_acronym: dict[str, str] = {}
    for n in names:
        acr = _acronym(_LEADING_THE.sub("", n))
        if len(acr) >= 2:
            long_by_acronym.setdefault(acr, out[n])
    for n in names:
        bare = n.replace(".", "")
        if bare.isupper() and bare in long_by_acronym and org_key(n) not in COUNTRY_ALIASES:
            out[n] = long_by_acronym[bare]
    return out


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop surrounding whitespace/quotes, anything after a line break, and a trailing possessive."""
    span = text[start:end]
    cut = span.find("\n")
    if cut > 0:
        end = start + cut
    while end > start and (text[end - 1].isspace() or text[end - 1] in ',;:"\u201c\u201d('):
        end -= 1
    while start < end and (text[start].isspace() or text[start] in "\"\u201c\u201d'\u2018)"):
        start += 1
    m = _POSSESSIVE.search(text[start:end])
    if m and end - start > len(m.group()):
        end = start + m.start()
    return start, end


def find_entities(doc: Any, text: str | None = None) -> list[Entity]:
    """Entities of `doc` (whose text is `text`, when the caller has it: `doc.text` is rebuilt)."""
    text = doc.text if text is None else text
    raw: list[tuple[str, int, int, Any]] = []
    for e in doc.ents:
        if e.label_ not in KEEP:
            continue
        s, t = _trim(text, e.start_char, e.end_char)
        if t > s and any(c.isalnum() for c in text[s:t]):
            raw.append((e.label_, s, t, e))
    person_mentions: list[tuple[int, str]] = []
    titles: dict[int, str] = {}
    for i, (label, s, t, _) in enumerate(raw):
        if label == "PERSON":
            title, name = strip_titles(clean_name(text[s:t]))
            if name:
                person_mentions.append((i, name))
                if title and title.lower().strip(".") not in _HONORIFICS:
                    titles[i] = title
    surnames = {parts(n)[1] for _, n in person_mentions if parts(n)[1]}
    for i, (label, s, t, _) in enumerate(raw):  # "Lavrov" tagged ORG where Sergey Lavrov is named
        name = clean_name(text[s:t])
        relabel = label in ("ORG", "PRODUCT", "NORP", "WORK_OF_ART", "FAC") and len(name.split()) == 1
        if relabel and parts(name)[1] in surnames:
            raw[i] = ("PERSON", s, t, raw[i][3])
            person_mentions.append((i, name))
    person_mentions.sort()
    people = _cluster_people(person_mentions)
    others = _org_names(clean_name(text[s:t]) for label, s, t, _ in raw if label != "PERSON")
    out: list[Entity] = []
    first_role: dict[str, str] = {}
    roles: dict[int, str | None] = {}
    for i, (label, s, t, span) in enumerate(raw):
        if label == "PERSON" and i in people:
            if i in titles:  # "Russian President Vladimir Putin": the title is inside the mention
                mods = _role_before(text, s, need_head=False)
                role: str | None = f"{mods} {titles[i]}" if mods else titles[i]
            else:
                role = _role_before(text, s) or _role_after(text, t)
            roles[i] = role
            if role:
                first_role.setdefault(people[i], role)
        elif label == "GPE":
            roles[i] = _gpe_role(text, s, t, span)
    for i, (label, s, t, _) in enumerate(raw):
        if label == "PERSON" and i in people:
            canonical = people[i]
            role = roles.get(i) or first_role.get(canonical)
        else:
            canonical = others.get(clean_name(text[s:t]), clean_name(text[s:t]))
            role = roles.get(i)
        out.append(Entity(text[s:t], label, s, t, canonical, role))
    return out


def canonical_across(entity_lists: Sequence[Sequence[Entity]]) -> dict[str, str]:
    """Each article's canonical names -> one story-wide name.

    People: names whose surnames match and given names agree are one person, named by the most
    complete form (then the one most articles use); a bare surname joins the person with that
    surname that most articles mention. Others: same key after aliases ("U.S." = "United States"),
    acronyms of a longer name, and near-identical spellings of longer names are one.
    """
    label_votes: dict[str, Counter[str]] = {}
    articles: Counter[str] = Counter()
    for ents in entity_lists:
        seen = set()
        for e in ents:
            label_votes.setdefault(e.canonical, Counter())[e.label] += 1
            seen.add(e.canonical)
        articles.update(seen)
    label = {n: votes.most_common(1)[0][0] for n, votes in label_votes.items()}
    persons = [n for n in label if label[n] == "PERSON"]
    out: dict[str, str] = {}
    groups: list[list[str]] = []
    for n in sorted((n for n in persons if parts(n)[0]), key=lambda n: (-articles[n], n)):
        fit = next((g for g in groups if all(compatible(n, m) for m in g)), None)
        if fit is None:
            groups.append([n])
        else:
            fit.append(n)
    for g in groups:
        best = max(g, key=lambda n: (name_score(n)[:3], articles[n], name_score(n)[3], n))
        out.update(dict.fromkeys(g, best))
    for n in persons:
        if n in out:
            continue
        fits = [g for g in groups if parts(g[0])[1] == parts(n)[1]]
        if fits:
            out[n] = out[max(fits, key=lambda g: sum(articles[m] for m in g))[0]]
        else:
            out[n] = n
    others = [n for n in label if label[n] != "PERSON"]
    base = _org_names(others)
    by_key: dict[str, str] = {}
    for n in sorted(others, key=lambda n: (-articles[n], -len(n), n)):
        key = org_key(base[n])
        match = by_key.get(key) or next(
            (v for k, v in by_key.items() if len(key) >= 8 and len(k) >= 8 and fuzz.ratio(key, k) >= 94),
            None,
        )
        if match is None:
            by_key[key] = base[n]
            match = base[n]
        out[n] = match
    return out
