"""Invariants every brief must satisfy, shared by the golden tests on the seeds and on the sample corpus."""

from __future__ import annotations

import re

from newsfuse.model import Brief

NUMBER = re.compile(r"\d[\d,.]*\d|\d")
QUOTED = re.compile(r"[\u201c\"]([^\u201d\"]{3,})[\u201d\"]")


def assert_brief_is_cited(brief: Brief, originals: dict[str, str]) -> None:
    """Every sentence has a citation; its figures and quoted words are in the cited spans verbatim."""
    assert brief.sentences, "empty brief"
    for s in brief.sentences:
        assert s.citations, f"uncited sentence {s.text!r}"
        cited = " ".join(" ".join(originals[c.article][c.start : c.end].split()) for c in s.citations)
        for num in NUMBER.findall(s.text):
            assert num.strip(".,") in cited, f"{num} of {s.text!r} not in its cited spans"
        for quoted in QUOTED.findall(s.text):
            assert " ".join(quoted.split()) in cited, f"quote {quoted!r} not in its cited spans"
    for c in [*brief.checks]:
        for x in c.citations:
            assert originals[x.article][x.start : x.end].strip()
