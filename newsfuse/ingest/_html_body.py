"""Main article text by agreement between extractors.

1. trafilatura in recall mode gives the candidate paragraphs (it rarely misses text, but it
   also keeps boilerplate: newsletter boxes, "related" lists, consent notices, bios).
2. A readability pass (trafilatura's bundled fork) votes on them. When the two agree on the
   bulk of the page, only the recall paragraphs readability also has, plus everything between the
   first and last of them, are kept: edges are where boilerplate sits.
3. When they disagree (readability picked another block, or found nothing), trafilatura in
   precision mode is run as well, and a paragraph stays if either of the two supports it.
4. Articles split across sibling containers (a layout with ads between chunks) get the chunks
   the extractors missed, and a few tidy-ups: the headline repeated as the first paragraph, a
   lone byline, separator lines, "Read more:" teasers.
"""

from __future__ import annotations

import re
from copy import deepcopy
from dataclasses import dataclass

import lxml.html
from lxml.etree import ParserError
from lxml.html import HtmlElement
from trafilatura import bare_extraction
from trafilatura.readability_lxml import Document as ReadabilityDocument

from newsfuse.ingest._html_chunks import add_split_chunks

_TOKEN = re.compile(r"\w+")
_SHINGLE = 4
_AGREEMENT = 0.7  # share of the recall text readability also has, above which it alone votes
_SUPPORT = 0.5  # share of a paragraph's shingles another extractor must have to support it
_MIN_READABILITY_ONLY_CHARS = 250  # readability alone (trafilatura found nothing) must give this much
_BLOCK_TAGS = frozenset({
    "p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "td", "th", "dd", "dt",
    "figcaption", "div", "section", "article", "tr", "table", "ul", "ol", "br",
})  # fmt: skip
_TEASER = re.compile(
    r"^(?:read more|related|also read|read also|see also|more on this|more from|don'?t miss|recommended"
    r"|click here|sign up|subscribe to|follow us|leggi anche|lesen sie auch|lire aussi|lea también"
    r"|leia também|lees ook)\b[^.!?]*(?:[:.!?\]]|$)",
    re.IGNORECASE,
)
_TEASER_MAX_WORDS = 25
_BYLINE = re.compile(r"^(?:by|von|par|por|di|door)\s+\S", re.IGNORECASE)
_BYLINE_MAX_WORDS = 8
_LEAD_CHECK = 3  # how many leading paragraphs may be headline / byline repeats
_CONSENT = re.compile(
    r"\b(?:we|this (?:web)?site|our (?:web)?site|our partners)(?: and our partners)? (?:use|uses|are using)"
    r" cookies\b|\bby (?:continuing|using|clicking|browsing)\b.{0,80}\b(?:agree|accept|consent)"
    r"|\baccept (?:all )?cookies\b|\bcookie (?:settings|preferences|policy)\b",
    re.IGNORECASE,
)
_CONSENT_MAX_WORDS = 80
_PROSE_WORDS = 8  # a paragraph with this many words (not a link) is a sentence of running text
_PROSE_CHARS = 50  # the same for scripts written without spaces


@dataclass(frozen=True)
class _Votes:
    """Shingle set and flat token string of one extractor's output."""

    shingles: frozenset[tuple[str, ...]]
    flat: str

    @classmethod
    def of(cls, paragraphs: list[str]) -> _Votes:
        tokens = _tokens(" ".join(paragraphs))
        return cls(frozenset(_shingles(tokens)), " ".join(tokens))

    def support(self, paragraph: str) -> float:
        tokens = _tokens(paragraph)
        if not tokens:
            return 0.0
        if len(tokens) < _SHINGLE:
            return float(f" {' '.join(tokens)} " in f" {self.flat} ")
        own = _shingles(tokens)
        return len(own & self.shingles) / len(own)


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text.lower())


def _shingles(tokens: list[str]) -> set[tuple[str, ...]]:
    return {tuple(tokens[i : i + _SHINGLE]) for i in range(max(1, len(tokens) - _SHINGLE + 1))}


def extract_body(tree: HtmlElement, url: str | None, headlines: tuple[str, ...] = ()) -> list[str]:
    """Paragraphs of the main text of ``tree`` (which is left unchanged); [] when there is none."""
    recall = trafilatura_paragraphs(tree, url, favor="recall")
    reader = readability_paragraphs(tree)
    reader_votes = _Votes.of(reader)
    if recall and reader and coverage(recall, reader_votes) >= _AGREEMENT:
        paragraphs = vote(recall, [reader_votes])
    else:
        precise = trafilatura_paragraphs(tree, url, favor="precision")
        voters = [_Votes.of(precise)] if precise else []
        voters += [reader_votes] if reader else []
        if recall and voters:
            paragraphs = vote(recall, voters)
        elif recall or precise:
            paragraphs = recall or precise
        elif sum(len(p) for p in reader) >= _MIN_READABILITY_ONLY_CHARS:
            paragraphs = reader
        else:
            return []
    paragraphs = tidy(add_split_chunks(tree, paragraphs), headlines)
    return paragraphs if has_prose(tree, paragraphs) else []


def trafilatura_paragraphs(tree: HtmlElement, url: str | None, favor: str) -> list[str]:
    """trafilatura's text (tables and lists kept, comments dropped), one paragraph per line."""
    doc = bare_extraction(
        tree,  # copied by trafilatura before it prunes anything
        url=url,
        fast=True,
        favor_recall=favor == "recall",
        favor_precision=favor == "precision",
        include_comments=False,
        include_tables=True,
        with_metadata=False,
    )
    text = getattr(doc, "text", None) or ""
    return [line.strip() for line in text.split("\n") if line.strip()]


def readability_paragraphs(tree: HtmlElement) -> list[str]:
    """Block-level texts of the readability summary (it works on, and mutates, its own copy)."""
    summary = ReadabilityDocument(deepcopy(tree), min_text_length=25).summary()
    if not summary.strip():
        return []
    try:
        root = lxml.html.fromstring(summary)
    except ParserError:
        return []
    return block_texts(root)


def block_texts(root: HtmlElement) -> list[str]:
    """Text of each block-level element, inline markup flattened, whitespace collapsed."""
    out: list[str] = []
    current: list[str] = []

    def flush() -> None:
        text = " ".join("".join(current).split())
        if text:
            out.append(text)
        current.clear()

    def walk(el: HtmlElement) -> None:
        if not isinstance(el.tag, str):  # comments, processing instructions
            return
        block = el.tag.lower() in _BLOCK_TAGS
        if block:
            flush()
        if el.text:
            current.append(el.text)
        for child in el:
            walk(child)
            if child.tail:
                current.append(child.tail)
        if block:
            flush()

    walk(root)
    flush()
    return out


def coverage(paragraphs: list[str], votes: _Votes) -> float:
    """Share of the shingles of ``paragraphs`` that ``votes`` also has."""
    own = _shingles(_tokens(" ".join(paragraphs)))
    return len(own & votes.shingles) / len(own) if own else 0.0


def vote(candidates: list[str], voters: list[_Votes]) -> list[str]:
    """Keep the candidates some voter supports, and everything between the first and last of them."""
    supported = [any(v.support(p) >= _SUPPORT for v in voters) for p in candidates]
    if not any(supported):
        return candidates
    first = supported.index(True)
    last = len(supported) - 1 - supported[::-1].index(True)
    return candidates[first : last + 1]


def tidy(paragraphs: list[str], headlines: tuple[str, ...] = ()) -> list[str]:
    """Drop separator lines, teaser links, cookie notices, and a leading repeat of the headline or
    a lone byline."""
    title_tokens = [tokens for tokens in map(_tokens, headlines) if tokens]
    out: list[str] = []
    for i, paragraph in enumerate(paragraphs):
        tokens = _tokens(paragraph)
        if not tokens:
            continue
        if len(tokens) <= _TEASER_MAX_WORDS and _TEASER.match(paragraph):
            continue
        if len(tokens) <= _CONSENT_MAX_WORDS and _CONSENT.search(paragraph):
            continue
        if i < _LEAD_CHECK and not out:
            if tokens in title_tokens:
                continue
            if len(tokens) <= _BYLINE_MAX_WORDS and _BYLINE.match(paragraph):
                continue
        out.append(paragraph)
    return out


def has_prose(tree: HtmlElement, paragraphs: list[str]) -> bool:
    """Whether some paragraph is running text rather than a link (menus, teasers) or a label:
    pages without any (indexes, login walls, empty shells) have no article."""
    prose = [p for p in paragraphs if len(_tokens(p)) >= _PROSE_WORDS or len(p) >= _PROSE_CHARS]
    if not prose:
        return False
    links = {" ".join(a.text_content().split()) for a in tree.iter("a")}
    return any(p not in links for p in prose)
