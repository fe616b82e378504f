"""What a count of people measures, from the verb beside it.

"17 people died", "killed 14 people" and "the death toll rose to 14" all count
deaths; "312 people were rescued" does not. A count whose subject is a generic
noun (people, residents, ...) takes the event class of the nearest event word
after it in its clause (or just before it), so that different measures are
never compared as one fact; a generic count with no event word ("140 by helicopter") is not
filed as a fact at all.

A count whose subject noun is not in its own sentence ("The confirmed death toll remained at 14",
given "homes" by the sentence before) takes the event word of its sentence instead ("toll":
deaths), or no subject at all: a figure is never filed under a noun its sentence does not use.
"""

from __future__ import annotations

import re

from ..model import Figure

GENERIC = {
    "people", "persons", "residents", "individuals", "civilians", "others", "men", "women", "children",
    "victims", "those", "adults", "passengers", "workers", "migrants", "patients", "citizens",
}  # fmt: skip
EVENTS = {
    "deaths": r"died|dead|killed|perished|lost their lives|deaths?|bodies|fatalities|death toll|toll",
    "injured": r"injured|hurt|wounded|injuries|hospitali[sz]ed",
    "missing": r"missing|unaccounted",
    "evacuated": r"evacuated|evacuate|evacuation|fled|forced from|forced out|displaced|shelters?|homeless|"
    r"from (?:their )?homes",
    "rescued": r"rescued|pulled|saved|airlifted",
    "arrested": r"arrested|detained|charged",
}
_EVENT_WORDS = {name: re.compile(rf"\b(?:{words})\b", re.I) for name, words in EVENTS.items()}
_CLAUSE_END = re.compile(r"[.;:!?\n]|,\s+(?:and|but|while|whereas)\b|\b(?:and|while)\s+(?:\d|another)")


def _in_sentence(subject: str, sentence: str) -> bool:
    head = subject.split()[-1].lower()
    stem = head[: max(4, len(head) - 2)]  # "homes" ~ "home", "deaths" ~ "death"
    return re.search(rf"\b{re.escape(stem)}", sentence, re.I) is not None


def measure_of(fig: Figure, text: str, sentence: tuple[int, int] | None = None) -> str | None:
    """The subject a fact about `fig` is keyed on; `sentence` is the (start, end) of its sentence."""
    if fig.unit != "count" or not fig.subject:
        return fig.subject
    if sentence is not None and fig.subject.lower() not in GENERIC:
        if _in_sentence(fig.subject, text[sentence[0] : sentence[1]]):
            return fig.subject
        return _event(fig, text, nearest=True)
    if fig.subject.lower() not in GENERIC:
        return fig.subject
    return _event(fig, text)  # "140 by helicopter": people, but counting what? not a fact


def _event(fig: Figure, text: str, *, nearest: bool = False) -> str | None:
    """The event word after the figure in its clause, else the one before it (`nearest`: the closer one)."""
    after = text[fig.end : fig.end + 80]
    cut = _CLAUSE_END.search(after)
    after = after[: cut.start()] if cut else after
    before = text[max(0, fig.start - 40) : fig.start]
    before = re.split(r"[.;:!?\n,]", before)[-1]
    best: tuple[int, str] | None = None
    for name, pattern in _EVENT_WORDS.items():
        m = pattern.search(after)
        if m and (best is None or m.start() < best[0]):
            best = (m.start(), name)
    if best is None or nearest:
        for name, pattern in _EVENT_WORDS.items():
            ms = list(pattern.finditer(before))
            if ms and (best is None or len(before) - ms[-1].end() < best[0]):
                best = (len(before) - ms[-1].end(), name)
    return best[1] if best else None
