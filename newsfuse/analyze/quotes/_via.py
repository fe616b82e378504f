"""The source a quote came through: "“...,” Walker said, according to AP" quotes Walker, via AP.

A fact-checker wants both: the person who said the words (the quote's speaker) and the outlet,
transcript or report the writer had them from. The intermediary is the object of an
"according to" in the sentence of the quote's own verb of saying, when it names someone else.
"""

from __future__ import annotations

from collections.abc import Callable

from ._frames import Frame

ACCORDING = "according to"


def intermediary(
    frame: Frame | None,
    frames: list[Frame],
    sentence: Callable[[int], int],
    quote: tuple[int, int],
    same: Callable[[Frame, Frame], bool],
) -> Frame | None:
    """The "according to" frame that `frame` (the quote's verb of saying) is reported through, if any.
    `sentence` maps a character offset to its sentence number; `quote` is the quote's span; `same`
    tells whether two frames name the same speaker."""
    if frame is None or frame.speaker is None or frame.cue_text == ACCORDING:
        return None
    at = sentence(frame.pos)
    for f in frames:
        if f.cue_text != ACCORDING or f.speaker is None or f.speaker_span is None:
            continue
        if sentence(f.pos) != at or quote[0] <= f.pos < quote[1]:
            continue
        if not same(f, frame):
            return f
    return None
