"""Quotes and their speakers.

Direct quotes come from quote marks (`_marks`: curly, straight, single,
typewriter ""..."", nested, multi-paragraph, unbalanced). Each is attributed, in this order, to:
the reporting frame (`_frames`) whose cue governs the quote in the parse
or stands next to it in the same sentence ("...,” he said"; "Lavrov added,
“...”"; "and said: “...”"; "said X, the port authority chief"); a trailing
"— Name"; a colon lead-in "Lavrov: “...”"; a frame in the sentence before that
ends with a colon (or, without a cue, that sentence's subject, also across a paragraph break:
"X released the following statement:"; these patterns around the marks, like the words-next-to-the-marks
patterns for a parse gone wrong, only for a quote that stands as an utterance, not for words quoted
inside a sentence); a text that reads the words ("“...,” the editorial read");
a verb that is not one of saying, read from the structure around the marks ("“...?” Hannity
pressed.", "O'Malley interjected: “...”", "Hillary shot back, “...”"); the subject of the verb a long
partial quote hangs from; the speaker of the quote just before it in the same paragraph or chain; the
person who is the subject of the sentence before (or, for a paragraph that is one quote, of the last
sentence of the paragraph before).
Reporting frames whose content is not a direct quote give indirect speech
("X said (that) ...", "..., X said", "according to X, ..."); whole lines give
transcripts and headline attributions ("Poll: Trump leads", `_lines`).

A quote hanging from a noun of saying that someone owns is theirs ("her claim that “...”",
"Trump's pledge to “...”", `_nominal`), unless a verb of saying governs it first.
Which statement a quote belongs to follows the structure of the report: a verb of saying
conjoined inside the clause another one reports, without a subject of its own, is the reporter's
second statement ("He says the response was ... and says he introduced “...”", `_frames`); a
quote-only cue inside the clause the same speaker's verb of saying reports is part of that statement
("Rubio said he had begun to expose Trump, whom he called a “con artist”"); a verb of saying no one
has used yet (an infinitive or a modal's verb) inside another frame's report governs nothing ("she
expects Obama to announce an “intensification”"); a quote attributed to the subject of the sentence
before, when that is the mention the quote before it is attributed to, goes on with that statement.

A quote reported through a source ("“...,” Walker said, according to AP") keeps the person quoted
as its speaker and names the source in `via` (`_via`). A quote's `verb_start`/`verb_end` mark its cue
word, so two "said"s of one speaker are two statements.

Speakers resolve to canonical entity names (`_speaker`): pronouns to the
nearest compatible preceding person (subjects first, gender kept consistent),
"the minister" to the person introduced with that title, descriptions that
name nobody stay as written. `kind` is "direct" for a quote that stands as an
utterance, "partial" for a quoted fragment inside a sentence, "indirect" for
reported speech without quote marks. Unbalanced marks give a best-effort
result and a logged warning, never an exception.
"""

from __future__ import annotations

from ._find import find_quotes, unattributed_candidates
from ._marks import QuoteSpan, find_quote_spans
from ._unattributed import MODEL_PATH as UNATTRIBUTED_MODEL
from ._verbs import SPEECH_FORMS, SPEECH_VERBS

__all__ = [
    "QuoteSpan",
    "SPEECH_FORMS",
    "SPEECH_VERBS",
    "UNATTRIBUTED_MODEL",
    "find_quote_spans",
    "find_quotes",
    "unattributed_candidates",
]
