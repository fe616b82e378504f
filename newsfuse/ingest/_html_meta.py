"""Page metadata from an HTML tree: title, publication date, authors, language, canonical URL, site name.

Sources, most explicit first: schema.org JSON-LD, <meta> tags (Open Graph, Dublin Core, Parse.ly,
Sailthru...), then markup (rel=author, itemprop, byline classes, <h1>, <title>). htmldate decides the
date when no publication date is declared. Nothing is fetched.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import urljoin, urlsplit

import htmldate
from lxml.html import HtmlElement

from newsfuse.ingest._html_authors import clean_authors, split_byline
from newsfuse.ingest._html_lang import normalise_language

_ARTICLE_TYPES = {
    "article", "newsarticle", "reportagenewsarticle", "analysisnewsarticle", "opinionnewsarticle",
    "backgroundnewsarticle", "reviewnewsarticle", "blogposting", "socialmediaposting", "liveblogposting",
    "techarticle", "scholarlyarticle", "report", "webpage", "itempage", "review", "posting",
}  # fmt: skip
_PUBLISHED_META = (
    "article:published_time", "og:published_time", "og:article:published_time", "datepublished",
    "article.published", "published_time", "publishdate", "publish-date", "publish_date", "pubdate",
    "parsely-pub-date", "sailthru.date", "dc.date.issued", "dcterms.issued", "dc.date.created",
    "dcterms.created", "datecreated", "citation_publication_date", "citation_date", "date",
    "dc.date", "originalpublicationdate", "article.created", "cxenseparse:recs:publishtime",
)  # fmt: skip
_AUTHOR_META = (
    "author", "article:author", "og:article:author", "parsely-author", "sailthru.author", "dc.creator",
    "dcterms.creator", "citation_author", "byl", "twitter:creator:name",
)  # fmt: skip
_TITLE_META = ("og:title", "twitter:title", "dc.title", "headline", "title")
_SITENAME_META = ("og:site_name", "application-name", "apple-mobile-web-app-title")
_ISO_DATE = re.compile(r"((?:19|20)\d\d)-(\d\d)-(\d\d)")
_URL_DATE = re.compile(r"/((?:19|20)\d\d)[/-](\d\d)[/-](\d\d)(?=[/-]|$)")
# bylines in the markup: specific first, then anything with "author"/"byline" in its class or id
_BYLINE_XPATHS = (
    ".//*[@rel='author' or @itemprop='author' or contains(@class,'byline') or contains(@class,'Byline')"
    " or contains(@class,'author-name') or contains(@class,'author_name') or contains(@class,'authorName')"
    " or contains(@class,'AuthorName') or @data-testid='AuthorCard' or contains(@data-component,'Byline')]",
    ".//*[self::a or self::span or self::div or self::p or self::address or self::strong or self::h3"
    " or self::h4][contains(@class,'author') or contains(@class,'Author') or contains(@id,'author')"
    " or contains(@class,'posted-by') or contains(@class,'submitted-by') or contains(@class,'writer')]",
)
# bylines of other stories: teasers, comments, related lists, footers
_NOT_THIS_STORY = re.compile(
    r"comment|related|recommend|sidebar|footer|promo|teaser|more-|trending|popular|widget"
)
_NOT_THIS_STORY_TAGS = {"aside", "footer", "nav"}
_LAYOUT_TAGS = {"main", "article"}  # their classes describe the layout ("one-sidebar"), not a section
_MAX_MARKUP_AUTHORS = 6
_TEXT_NODES = ".//text()[not(ancestor::script) and not(ancestor::style)]"  # one line per node
_TITLE_SEPARATORS = re.compile(r"\s+[|\-\u2013\u2014:\u00b7\u2022»]\s+")
_MAX_BYLINE_CHARS = 120


@dataclass(frozen=True)
class PageMeta:
    title: str
    published: str | None
    authors: tuple[str, ...]
    language: str | None
    url: str | None
    sitename: str | None


def extract_meta(tree: HtmlElement, url: str | None) -> PageMeta:
    """Read the metadata of a parsed page, leaving the tree as it is (language: declared only)."""
    metas = _meta_tags(tree)
    ld = list(_json_ld_objects(tree))
    article = next((o for o in ld if _types(o) & _ARTICLE_TYPES - {"webpage"}), None) or next(
        (o for o in ld if _types(o) & _ARTICLE_TYPES), {}
    )
    sitename = _sitename(metas, ld, article)
    return PageMeta(
        title=_title(tree, metas, article, sitename),
        published=_published(tree, metas, article, url),
        authors=clean_authors(_raw_authors(tree, metas, article), sitename, url),
        language=_language(tree, metas, article),
        url=_canonical_url(tree, metas, url),
        sitename=sitename,
    )


def _meta_tags(tree: HtmlElement) -> dict[str, list[str]]:
    metas: dict[str, list[str]] = {}
    for el in tree.iter("meta"):
        key = el.get("property") or el.get("name") or el.get("itemprop") or el.get("http-equiv")
        value = el.get("content")
        if key and value and value.strip():
            metas.setdefault(key.strip().lower(), []).append(" ".join(value.split()))
    return metas


def _first(metas: dict[str, list[str]], keys: tuple[str, ...]) -> str | None:
    for key in keys:
        if metas.get(key):
            return metas[key][0]
    return None


def _json_ld_objects(tree: HtmlElement) -> Iterator[dict[str, Any]]:
    for script in tree.iterfind(".//script[@type='application/ld+json']"):
        if not script.text:
            continue
        try:
            data = json.loads(script.text, strict=False)
        except json.JSONDecodeError:
            continue
        yield from _flatten_ld(data)


def _flatten_ld(data: Any) -> Iterator[dict[str, Any]]:
    if isinstance(data, list):
        for item in data:
            yield from _flatten_ld(item)
    elif isinstance(data, dict):
        yield data
        if "@graph" in data:
            yield from _flatten_ld(data["@graph"])


def _types(obj: dict[str, Any]) -> set[str]:
    kind = obj.get("@type", [])
    kinds = kind if isinstance(kind, list) else [kind]
    return {k.lower() for k in kinds if isinstance(k, str)}


def _ld_names(value: Any) -> list[str]:
    """Names from a JSON-LD person/organization value (string, object, or list of either)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [name for item in value for name in _ld_names(item)]
    if isinstance(value, dict) and isinstance(value.get("name"), str | list):
        return _ld_names(value["name"])
    return []


def _sitename(metas: dict[str, list[str]], ld: list[dict[str, Any]], article: dict[str, Any]) -> str | None:
    name = _first(metas, ("og:site_name",))
    if not name:
        names = _ld_names(article.get("publisher"))
        name = names[0] if names else None
    if not name:
        website = next((o for o in ld if "website" in _types(o) or "newsmediaorganization" in _types(o)), {})
        names = _ld_names(website)
        name = names[0] if names else _first(metas, _SITENAME_META[1:])
    if name and name.startswith(("http://", "https://")):
        name = (urlsplit(name).hostname or "").removeprefix("www.")
    return " ".join(name.split()) if name and name.strip() else None


def _title(
    tree: HtmlElement, metas: dict[str, list[str]], article: dict[str, Any], sitename: str | None
) -> str:
    headline = article.get("headline")
    candidates = [headline if isinstance(headline, str) else None, _first(metas, _TITLE_META)]
    h1 = tree.find(".//h1")
    if h1 is not None:
        candidates.append(h1.text_content())
    title_el = tree.find(".//title")
    if title_el is not None and title_el.text:
        candidates.append(title_el.text)
    for candidate in candidates:
        if candidate and candidate.strip():
            return _strip_site_suffix(" ".join(candidate.split()), sitename)
    return ""


def _strip_site_suffix(title: str, sitename: str | None) -> str:
    """'Storm hits coast | The Daily Planet' -> 'Storm hits coast' (also a leading 'Site - ')."""
    parts = _TITLE_SEPARATORS.split(title)
    if len(parts) < 2:
        return title
    site = (sitename or "").casefold()
    if site and parts[-1].casefold() == site:
        return _strip_site_suffix(" - ".join(parts[:-1]), None) if len(parts) > 2 else parts[0]
    if site and parts[0].casefold() == site:
        return title[len(parts[0]) :].lstrip(" |-\u2013\u2014:\u00b7\u2022»")
    return title


def _published(
    tree: HtmlElement, metas: dict[str, list[str]], article: dict[str, Any], url: str | None
) -> str | None:
    in_url = _url_date(url)
    for value in _declared_dates(tree, metas, article):
        found = _iso_date(value)
        if found:
            # a UTC timestamp can fall on the next day; the date in the URL is the outlet's own
            if in_url and abs((date.fromisoformat(found) - date.fromisoformat(in_url)).days) <= 1:
                return in_url
            return found
    if in_url:  # nothing declared: the outlet's own date in its URL, before a scan of the page's text
        return in_url
    # htmldate's quick scan (markup, date patterns) first: its extensive one also hands free text to
    # dateparser, whose first use in a process tries every language it knows (2-6 s per worker). On the
    # 181 pages of the extraction set the quick scan dated 36 of the 38 pages that come this far, each
    # with the date the extensive scan gives; the other two still get the extensive scan.
    for extensive in (False, True):
        found = htmldate.find_date(
            tree, url=url, original_date=True, extensive_search=extensive, outputformat="%Y-%m-%d"
        )
        if found:
            return found
    return None


def _declared_dates(tree: HtmlElement, metas: dict[str, list[str]], article: dict[str, Any]) -> Iterator[Any]:
    """Declared publication dates, cheapest and most explicit first (the markup scans are lazy)."""
    yield article.get("datePublished")
    yield article.get("dateCreated")
    for key in _PUBLISHED_META:
        yield from metas.get(key, [])
    for el in tree.iterfind(".//*[@itemprop='datePublished']"):
        yield el.get("content") or el.get("datetime") or el.text_content()
    for el in tree.iterfind(".//time[@pubdate]"):
        yield el.get("datetime")


def _url_date(url: str | None) -> str | None:
    m = _URL_DATE.search(url or "")
    return _iso_date(f"{m.group(1)}-{m.group(2)}-{m.group(3)}") if m else None


def _iso_date(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    m = _ISO_DATE.search(value)
    if not m:
        return None
    try:
        day = date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None
    return day.isoformat() if day <= date.today() else None


def _raw_authors(
    tree: HtmlElement, metas: dict[str, list[str]], article: dict[str, Any]
) -> Iterator[list[str]]:
    """Author strings grouped by source, most reliable source first (markup is searched lazily)."""
    yield _ld_names(article.get("author"))
    yield _ld_names(article.get("creator"))
    for key in _AUTHOR_META:
        yield [v for v in metas.get(key, []) if not v.startswith(("http://", "https://"))]
    for xpath in _BYLINE_XPATHS:
        yield _markup_bylines(tree.xpath(xpath))


def _markup_bylines(elements: list[HtmlElement]) -> list[str]:
    """Byline texts from the first usable element and those next to it (same parent or grandparent):
    further matches elsewhere are usually other stories' bylines in lists and teasers."""
    values: list[str] = []
    anchor: HtmlElement | None = None
    for el in elements:
        if el.tag == "link" or _elsewhere(el):
            continue
        if anchor is not None and anchor not in set(el.iterancestors()):
            continue
        name_el = el.find(".//*[@itemprop='name']")
        source = name_el if name_el is not None else el
        value = source.get("content") or "\n".join(t.strip() for t in source.xpath(_TEXT_NODES) if t.strip())
        if not value.strip() or len(value.strip()) > _MAX_BYLINE_CHARS or not split_byline(value):
            continue
        values.append(value)
        if anchor is None:
            parent = el.getparent()
            anchor = parent.getparent() if parent is not None and parent.getparent() is not None else parent
        if len(values) >= _MAX_MARKUP_AUTHORS:
            break
    return values


def _elsewhere(el: HtmlElement) -> bool:
    """Whether an element sits in a part of the page about other stories (or the page chrome)."""
    for node in el.iterancestors():
        if node.tag in ("body", "html"):
            return False
        if node.tag in _NOT_THIS_STORY_TAGS:
            return True
        if node.tag in _LAYOUT_TAGS:
            continue
        marker = f"{node.get('class', '')} {node.get('id', '')}".lower()
        if _NOT_THIS_STORY.search(marker):
            return True
    return False


def _language(tree: HtmlElement, metas: dict[str, list[str]], article: dict[str, Any]) -> str | None:
    in_language = article.get("inLanguage")
    candidates = [
        tree.get("lang"),
        tree.get("{http://www.w3.org/XML/1998/namespace}lang"),
        _first(metas, ("content-language", "og:locale", "language", "dc.language")),
        in_language if isinstance(in_language, str) else None,
    ]
    for candidate in candidates:
        code = normalise_language(candidate)
        if code:
            return code
    return None


def _canonical_url(tree: HtmlElement, metas: dict[str, list[str]], url: str | None) -> str | None:
    hrefs = [
        el.get("href") for el in tree.iterfind(".//link[@rel]") if el.get("rel", "").lower() == "canonical"
    ]
    hrefs.append(_first(metas, ("og:url",)))
    for href in hrefs:
        if not href or not href.strip():
            continue
        absolute = urljoin(url or "", href.strip())
        parts = urlsplit(absolute)
        if parts.scheme in ("http", "https") and parts.netloc:
            return absolute
    return url
