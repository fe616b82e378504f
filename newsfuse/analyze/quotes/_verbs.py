"""Verbs of saying, recognised by their written forms (no lemmatizer needed).

Every base form in `SPEECH_VERBS` is inflected by simple English rules (plus a
short table of irregular and consonant-doubling verbs) into its -s, -ed and
-ing forms; `SPEECH_FORMS` maps each lowercased form back to its base.
"""

from __future__ import annotations

SPEECH_VERBS = frozenset({
    "say", "add", "tell", "state", "note", "explain", "warn", "insist", "argue", "claim", "stress",
    "describe", "ask", "reply", "write", "announce", "declare", "emphasise", "emphasize",
    "remark", "observe", "conclude", "continue", "urge", "acknowledge", "admit", "assert", "caution",
    "comment", "confirm", "contend", "deny", "maintain", "predict", "recall", "reiterate",
    "respond", "suggest", "tweet", "underline", "vow", "concede", "estimate", "report", "allege",
    "complain", "boast", "brag", "joke", "quip", "recount", "testify", "disclose", "reveal",
    "mention", "counter", "retort", "answer", "post", "speculate", "lament", "muse", "assure",
    "promise", "pledge", "propose", "demand", "charge", "accuse", "hint", "tout", "shout", "yell",
    "whisper", "inform", "advise", "agree", "indicate", "signal", "clarify", "elaborate",
    "highlight", "point", "recommend", "repeat", "scoff", "snap", "sigh", "grumble", "blog",
    "message", "text", "email", "proclaim", "affirm", "aver",
})  # fmt: skip

# verbs whose forms the rules below would get wrong
_IRREGULAR: dict[str, tuple[str, ...]] = {
    "say": ("says", "said", "saying"),
    "tell": ("tells", "told", "telling"),
    "write": ("writes", "wrote", "written", "writing"),
    "text": ("texts", "texted", "texting"),
}
_DOUBLING = {"admit", "quip", "snap", "blog", "aver", "brag", "dub"}  # admitted, quipped, snapped, ...


def _inflect(base: str) -> tuple[str, ...]:
    if base in _IRREGULAR:
        return (base, *_IRREGULAR[base])
    if base.endswith("ee"):
        return base, base + "s", base + "d", base + "ing"
    if base.endswith("e"):
        return base, base + "s", base + "d", base[:-1] + "ing"
    if base.endswith("y") and base[-2] not in "aeiou":
        return base, base[:-1] + "ies", base[:-1] + "ied", base + "ing"
    s = base + "es" if base.endswith(("s", "sh", "ch", "x", "z")) else base + "s"
    if base in _DOUBLING:
        return base, s, base + base[-1] + "ed", base + base[-1] + "ing"
    return base, s, base + "ed", base + "ing"


SPEECH_FORMS: dict[str, str] = {form: base for base in SPEECH_VERBS for form in _inflect(base)}
SPEECH_FORMS.update(signalled="signal", signalling="signal")  # British spelling
# particles a verb needs to be one of saying ("pointed out", "pointed to the poll", not "pointed")
NEEDS_PARTICLE = {"point": ("out", "to")}


def is_speech_form(word: str) -> bool:
    return word.lower() in SPEECH_FORMS


def base_of(word: str) -> str | None:
    return SPEECH_FORMS.get(word.lower())


# Verbs that report words only when quote marks stand in what follows them: "Bush called Trump
# “unhinged”", "the sign read “...”", "Rubio blasted the plan as “reckless”". Without marks they
# name no speech ("called for a ban", "read the bill"), so they never give indirect speech.
QUOTE_CUES = frozenset({
    "call", "dub", "label", "brand", "term", "chant", "read", "cite", "thank", "mock",
    "blast", "slam", "praise", "hail", "welcome", "dismiss", "decry", "denounce", "criticize",
    "criticise", "bemoan", "question", "deride", "lambaste", "ridicule", "condemn", "applaud",
    "blame", "characterize", "characterise", "refer", "invoke", "scream", "cheer", "sing",
})  # fmt: skip
# The verb classes of Levin (1993, "English Verb Classes and Alternations") whose members, with quote
# marks in what they govern, report someone's words, as a whole (the members that name no words left
# out: "reward", "crown", "make"): judgment verbs (33: "chided him as “weak”"), dub verbs (29.3:
# "nicknamed him “Little Marco”"), the characterize verbs of depiction (29.2: "portrayed the deal as
# “a disaster”"), manner-of-speaking verbs (37.3: "roared “...”") and complain verbs (37.8).
QUOTE_CUES |= frozenset({
    # 33 judgment
    "acclaim", "assail", "berate", "castigate", "censure", "chastise", "chide", "commend", "compliment",
    "congratulate", "denigrate", "disparage", "excoriate", "extol", "fault", "flatter", "glorify",
    "laud", "rebuke", "reprimand", "reproach", "reprove", "salute", "scold", "scorn", "slander",
    "upbraid", "vilify",
    # 29.3 dub
    "christen", "name", "nickname", "pronounce", "style", "title",
    # 29.2 characterize (depiction)
    "depict", "portray", "paint", "cast", "bill", "caricature", "lampoon", "stigmatize",
    # 37.3 manner of speaking
    "bark", "bawl", "bellow", "boom", "croak", "croon", "cry", "drawl", "gasp", "groan", "growl",
    "grunt", "hiss", "holler", "howl", "moan", "mumble", "murmur", "mutter", "rage", "rasp", "roar",
    "screech", "shriek", "snarl", "sputter", "stammer", "stutter", "thunder", "wail", "whimper",
    "whine", "yelp",
    # 37.8 complain
    "carp", "fuss", "gripe", "grouse", "kvetch", "object",
})  # fmt: skip
_IRREGULAR.update(read=("reads", "read", "reading"), sing=("sings", "sang", "sung", "singing"))
_IRREGULAR.update(cast=("casts", "cast", "casting"))
QUOTE_CUE_FORMS: dict[str, str] = {form: base for base in QUOTE_CUES for form in _inflect(base)}
QUOTE_CUE_FORMS.update(referred="refer", referring="refer", labelled="label", labelling="label")
