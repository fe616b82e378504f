"""Articles split into sibling containers (a layout that puts ads or embeds between chunks).

Extractors score one container and keep it, losing the chunks after the first ad. When most
of the extracted paragraphs sit in one container with a class, other elements with the same tag
and class near it, holding none of the extracted text, are further chunks of the same body, if
together they are a substantial part of it."""

from __future__ import annotations

from collections import Counter

from lxml.html import HtmlElement

_MIN_KEY_CHARS = 20  # shorter paragraphs are too ambiguous to locate in the page
_MIN_MATCHED = 2  # paragraphs the main container must hold before we trust it
_LEVELS_UP = 3  # how far up from the main container sibling chunks are looked for
_MIN_CHUNK_CHARS = 100
_MAX_LINK_DENSITY = 0.3
_MIN_SHARE = 0.3  # missed chunks must add at least this share of the extracted text


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


def add_split_chunks(tree: HtmlElement, paragraphs: list[str]) -> list[str]:
    """``paragraphs`` with the text of missed sibling chunks inserted in document order."""
    located: dict[str, HtmlElement] = {}
    for p in tree.iter("p"):
        key = _key(p.text_content())
        if len(key) >= _MIN_KEY_CHARS:
            located.setdefault(key, p)
    elements = [located.get(_key(par)) for par in paragraphs]
    parents = Counter(el.getparent() for el in elements if el is not None)
    if not parents:
        return paragraphs
    main, count = parents.most_common(1)[0]
    if main is None or count < _MIN_MATCHED or not main.get("class"):
        return paragraphs
    scope = main
    for _ in range(_LEVELS_UP):
        parent = scope.getparent()
        if parent is None:
            break
        scope = parent
    used = {_key(par) for par in paragraphs}
    extra: list[tuple[HtmlElement, str]] = []
    for chunk in scope.iter(main.tag):
        if chunk is main or chunk.get("class") != main.get("class"):
            continue
        found = [(p, " ".join(p.text_content().split())) for p in chunk.iter("p")]
        if any(_key(text) in used for _, text in found):
            continue  # the extractors saw this chunk and kept what they wanted from it
        found = [(p, text) for p, text in found if text]
        chars = sum(len(text) for _, text in found)
        links = sum(len(a.text_content()) for p, _ in found for a in p.iter("a"))
        if chars >= _MIN_CHUNK_CHARS and links <= _MAX_LINK_DENSITY * chars:
            extra.extend(found)
    # a stray box of the same class (an editor's note, a pull quote) is not a lost half of the story
    if sum(len(text) for _, text in extra) < _MIN_SHARE * sum(len(par) for par in paragraphs):
        return paragraphs
    return _merge(scope, paragraphs, elements, extra)


def _merge(
    scope: HtmlElement,
    paragraphs: list[str],
    elements: list[HtmlElement | None],
    extra: list[tuple[HtmlElement, str]],
) -> list[str]:
    position = {el: i for i, el in enumerate(scope.iter())}
    keyed: list[tuple[int, int, str]] = []
    last = -1
    for order, (text, el) in enumerate(zip(paragraphs, elements, strict=True)):
        if el is not None and el in position:
            last = position[el]
        keyed.append((last, order, text))
    # extra paragraphs come after any extracted paragraph at the same position
    keyed.extend((position[el], len(paragraphs) + n, text) for n, (el, text) in enumerate(extra))
    return [text for _, _, text in sorted(keyed)]
