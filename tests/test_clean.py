from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsfuse.clean import clean, find_boilerplate
from newsfuse.ingest import make_article


def _cleaned(text: str):
    return clean(make_article(text, id="x"))


@pytest.mark.parametrize(
    "line",
    [
        "Also Read: From Moscow, a blunt rebuttal",
        "ALSO READ | Markets fall again",
        "Read more: How the port strike began",
        "Related: Ten things to know",
        "Subscribe to our newsletter for daily updates",
        "Share this article on social media",
        "Follow us on X and Facebook",
        "© 2025 Harbour Times. All rights reserved.",
        "Copyright 2024 Example Media",
    ],
)
def test_boilerplate_lines_are_removed(line: str) -> None:
    text = f"First paragraph with a fact.\n\n{line}\n\nSecond paragraph here."
    a = _cleaned(text)
    assert line.split()[0] not in a.text
    assert "First paragraph with a fact." in a.text and "Second paragraph here." in a.text
    assert a.cleaning and a.cleaning[0].text == line


def test_trailing_photo_caption_after_initials() -> None:
    text = (
        "The talks ended with a statement by minister S. Jaishankar on trade. "
        "Minister S. Jaishankar with his counterpart in Moscow (AP)\n\nNext paragraph."
    )
    a = _cleaned(text)
    assert "(AP)" not in a.text
    assert a.text.startswith("The talks ended with a statement by minister S. Jaishankar on trade.")
    assert [c.rule for c in a.cleaning] == ["photo_caption"]


def test_caption_line_with_photographer_credit() -> None:
    a = _cleaned("Body sentence one.\nFirefighters at the ridge. (Photo: Jane Doe/Harbour Times)\nBody two.")
    assert "Jane Doe" not in a.text and "Body two." in a.text


def test_keeps_sentences_that_mention_agencies_midway() -> None:
    text = "Officials told Reuters (AP) that talks would continue on Friday, and they did."
    assert _cleaned(text).text == text


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=300))
def test_offset_map_round_trips(text: str) -> None:
    text = "Intro sentence.\nAlso Read: x\n" + text + "\nMore text (AP)\n"
    try:
        a = make_article(text, id="p")
    except Exception:
        return
    c = clean(a)
    for seg in c.segments:
        assert (
            c.text[seg.clean_start : seg.clean_start + seg.length]
            == c.original[seg.orig_start : seg.orig_start + seg.length]
        )
    # every cleaned character maps back to the same character of the original
    for i in range(0, len(c.text), 7):
        s, e = c.to_original(i, i + 1)
        assert c.original[s:e] == c.text[i]


def test_find_boilerplate_spans_do_not_overlap() -> None:
    text = "Also Read: one\nALSO READ: two\n© 2025 X. All rights reserved.\n"
    spans = find_boilerplate(text)
    assert all(a.end <= b.start for a, b in zip(spans, spans[1:], strict=False))
    assert len(spans) == 3


@pytest.mark.parametrize(
    "caption",
    [
        "FILE - In this Nov. 10, 2009 file photo, the senator speaks in Washington.",
        "In this Tuesday, Nov. 10, 2009 photo, workers clear debris after the storm.",
        "This June 2013 photo released by the police shows the suspect's car.",
        "FILE PHOTO: A view of the factory floor.",
    ],
)
def test_wire_captions_are_removed(caption: str) -> None:
    a = _cleaned(f"The vote passed on Monday.\n{caption}\nLawmakers will meet again next week.")
    assert caption not in a.text and "Lawmakers will meet again" in a.text
    assert a.cleaning[0].rule == "wire_caption"


def test_sentences_about_photos_in_the_body_stay() -> None:
    text = "The museum said the photo was taken in 1936 and shows the old harbour."
    assert _cleaned(text).text == text
