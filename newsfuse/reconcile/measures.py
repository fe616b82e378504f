"""What a count of people measures, from the verb beside it.

"17 people died", "killed 14 people" and "the death toll rose to 14" all count
deaths; "312 people were rescued" does not. A count whose subject is a generic
noun (people, residents, ...) takes the event class of the nearest event word
after it in its clause (or just before it), so that different measures are
never compared as one fact.
"""

from __future__ import annotations

import re

from ..model import Figure

GENERIC = {
    "people", "persons", "residents", "individuals", "civilians", "others", "men", "women", "children",
    "victims", "those", "adults", "passengers", "workers", "migrants", "patients", "citizens",
}  # fmt: skip
EVENTS = {
    "deaths": r"died|dead|killed|perished|lost their lives|deaths?|bodies|fatalities",
    "injured": r"injured|hurt|wounded|injuries|hospitali[sz]ed",
    "missing": r"missing|unaccounted",
    "evacuated": r"evacuated|evacuate|evacuation|fled|forced from|forced out|displaced|shelters?|homeless",
    "rescued": r"rescued|pulled|saved|airlifted",
    "arrested": r"arrested|detained|charged",
}
_EVENT_WORDS = {name: re.compile(rf"\b(?:{words})\b", re.I) for name, words in EVENTS.items()}
_CLAUSE_END = re.compile(r"[.;:!?\n]|,\s+(?:and|but|while|whereas)\b|\b(?:and|while)\s+(?:\d|another)")


def measure_of(fig: Figure, text: str) -> str | None:
    """The subject a fact about `fig` is keyed on."""
    if fig.unit != "count" or not fig.subject or fig.subject.lower() not in GENERIC:
        return fig.subject
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
    if best is None:
        for name, pattern in _EVENT_WORDS.items():
            ms = list(pattern.finditer(before))
            if ms and (best is None or len(before) - ms[-1].end() < best[0]):
                best = (len(before) - ms[-1].end(), name)
    return best[1] if best else fig.subject
