"""People's roles and titles: title words, a title inside a mention ("President Vladimir Putin"), the
run of title words before a name ("external affairs minister S. Jaishankar") and an apposition after
it ("Sergey Lavrov, Russia's foreign minister,")."""

from __future__ import annotations

import re

HONORIFICS = {"mr", "mrs", "ms", "miss", "mx", "sir", "dame", "dr", "prof", "rev", "hon"}
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
_APPOSITION = re.compile(
    r"^\s*,\s+((?:[^\s,;.()\u201c\u201d\"]+\s+){0,7}[^\s,;.()\u201c\u201d\"]+)(?=\s*[,;.)]|\s*$)"
)


def strip_titles(name: str) -> tuple[str, str]:
    """(title words, name) for a person's mention: "President Vladimir Putin" -> ("President", ...);
    the title is the longest run of title words ending in a title or honorific, a name left over."""
    words = name.split()
    k = 0
    for j, w in enumerate(words[:-1]):
        low = w.lower().strip(".")
        if low in HEADS or low in HONORIFICS:
            k = j + 1
        elif low not in _MODIFIERS:
            break
    return " ".join(words[:k]), " ".join(words[k:])


def role_before(text: str, start: int, need_head: bool = True) -> str | None:
    """The run of title words right before a name ("external affairs minister", "Russian President"):
    capitalised words or known title words, ending in a title (unless `need_head` is False)."""
    window = text[max(0, start - 90) : start]
    window = window[window.rfind("\n") + 1 :]  # a title is on the name's line
    keep: list[re.Match[str]] = []
    for m in reversed(list(re.finditer(r"\S+", window))):
        w = m.group()
        low = w.lower().rstrip(".")
        known = low in HEADS or low in _MODIFIERS or low in HONORIFICS
        if re.search(r"[,;:!?()\"\u201c\u201d\u2014]$", w) or (
            w.endswith(".") and not known and not re.fullmatch(r"(?:[A-Z]\.)+", w)
        ):
            break
        if low in _STOP or not (known or w[:1].isupper()):
            break
        keep.insert(0, m)
        if len(keep) == 6:
            break
    while keep and keep[0].group().lower().rstrip(".") in HONORIFICS:
        keep.pop(0)
    if not keep or (need_head and keep[-1].group().lower().rstrip(".") not in HEADS):
        return None
    return window[keep[0].start() : keep[-1].end()]


def role_after(text: str, end: int) -> str | None:
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
