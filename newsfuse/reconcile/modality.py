"""How a figure is stated: reported as fact, forward-looking (a forecast, plan or promise), or hedged.

"Corvane will shed 2,100 jobs", "the bank expects growth of 1.1 per cent" and "payments would
reach households by Friday" are forward-looking; "as many as 500 homes could be hit" is hedged.
Such figures are kept apart from reported ones: a forecast of 1.4 per cent does not contradict
a reported 1.1 per cent, and a hedged "up to 500" is not a count. The cue is looked for in the
words just before the figure, back to the previous clause break or figure, and in the few words
right after it ("1,200 jobs to go", "2,000 homes could be lost").
"""

from __future__ import annotations

import re

from ..model import Figure

REPORTED, FORWARD, HEDGED = "reported", "forward", "hedged"

_FORWARD = re.compile(
    r"\b(?:will|won't|would|shall|'ll|expects?|expected|expecting|forecasts?|forecast(?:ing|ed)|"
    r"projects?|projected|projections?|predicts?|predicted|plans?|planned|planning|aims?|aiming|targets?|"
    r"targeting|outlook|guidance|intends?|intended|set\s+to|(?:is|are|was|were)\s+to|going\s+to|"
    r"proposed?|proposing|pledged?|promised?|next\s+(?:year|month|week|quarter))\b",
    re.I,
)
_HEDGED = re.compile(
    r"\b(?:could|may|might|possibly|potentially|as\s+many\s+as|as\s+much\s+as|up\s+to|as\s+high\s+as|"
    r"fears?|feared|warn(?:s|ed)?\s+(?:that\s+)?)\b",
    re.I,
)
# after the figure: its noun at most ("1,200 jobs to go"), then the cue
_AFTER_FORWARD = re.compile(
    r"^(?:\s+[\w-]+)?\s+(?:will|would|to\s+go|are\s+(?:expected|set|due)|is\s+(?:expected|set|due))\b", re.I
)
_AFTER_HEDGED = re.compile(r"^(?:\s+[\w-]+)?\s+(?:could|may|might)\b", re.I)
# the clause a cue must sit in: back to a clause break, or to a reporting verb that starts a new clause
_BREAK = re.compile(r"[.;:!?\n\u2014\u2013]|,\s|\b(?:and|but|while|after|before|because|since|as)\s", re.I)


def _clause_before(text: str, start: int, floor: int) -> str:
    before = text[max(floor, start - 80) : start]
    cut = None
    for m in _BREAK.finditer(before):
        cut = m.end()
    return before[cut:] if cut is not None else before


def modality(fig: Figure, text: str, floor: int = 0) -> str:
    """REPORTED, FORWARD or HEDGED; `floor` is where the figure's sentence starts (cues stop there)."""
    return modality_at(text, fig.start, fig.end, floor)


def modality_at(text: str, start: int, end: int, floor: int = 0, *, clause: bool = True) -> str:
    """The same for any span of text (a date: "payments would reach households by Friday");
    `clause=False` looks back to `floor` instead of to the clause break."""
    before = _clause_before(text, start, floor) if clause else text[floor:start]
    after = text[end : end + 40]
    if _HEDGED.search(before) or _AFTER_HEDGED.match(after):
        return HEDGED
    if _FORWARD.search(before) or _AFTER_FORWARD.match(after):
        return FORWARD
    return REPORTED
