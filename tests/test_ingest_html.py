"""HTML ingest: article text without page chrome, metadata, decoding. Pages are built here."""

from __future__ import annotations

import codecs
import dataclasses
import gzip
import json
import socket
from pathlib import Path

import pytest

from newsfuse.errors import EmptyInput, InputNotFound
from newsfuse.ingest.html import (
    HtmlPage,
    clean_authors,
    decode_html,
    extract_html,
    read_html_file,
    repair_mojibake,
    split_byline,
)

BODY = [
    "The city council approved a budget of 4.2 million dollars on Tuesday after a debate that lasted "
    "well into the night, according to officials who attended the session in the town hall.",
    "Mayor Ana Ruiz said the plan would repair forty kilometres of roads and open two new libraries "
    "before the end of next year, while keeping property taxes at their current level.",
    "Opposition members argued that the spending relied on optimistic revenue forecasts and asked the "
    "finance office to publish a quarterly report so that residents could follow the accounts.",
    "The budget now goes to the regional authority, which has thirty days to raise objections before "
    "the first payments are released to contractors in the spring.",
]
NAV = (
    "<nav class='menu'><ul>"
    + "".join(f"<li><a href='/s{i}'>Section {i}</a></li>" for i in range(10))
    + "</ul></nav>"
)
COOKIE = (
    "<div id='cookie-consent' class='cookie-banner'><p>We use cookies to improve your experience and to "
    "show personalised advertising. By continuing to browse you agree to our use of cookies.</p>"
    "<button>Accept all cookies</button></div>"
)
SIDEBAR = (
    "<aside class='sidebar'><h3>Most read</h3><ul>"
    + "".join(f"<li><a href='/x{i}'>Unrelated popular headline number {i} today</a></li>" for i in range(6))
    + "</ul></aside>"
)
FOOTER = (
    "<footer><p>Copyright 2024 Riverside Media Group. All rights reserved.</p>"
    "<p><a href='/privacy'>Privacy</a> | <a href='/terms'>Terms</a></p></footer>"
)
CHROME_STRINGS = ("Section 3", "cookies", "Unrelated popular headline", "Copyright 2024", "Most read")


def page(
    body: list[str] = BODY,
    head: str = "",
    *,
    lang: str = "en",
    charset: str = "utf-8",
    title: str = "Council approves budget",
    byline: str = "",
) -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in body)
    return (
        f"<!DOCTYPE html><html lang='{lang}'><head><meta charset='{charset}'><title>{title} | Riverside Post"
        f"</title>{head}</head><body>{COOKIE}<header>{NAV}</header><div class='layout'><main><article>"
        f"<h1>{title}</h1>{byline}<div class='article-body'>{paragraphs}</div></article></main>{SIDEBAR}"
        f"</div>{FOOTER}</body></html>"
    )


META = (
    "<meta property='og:site_name' content='Riverside Post'>"
    "<meta property='og:title' content='Council approves budget'>"
    "<meta property='article:published_time' content='2024-03-05T18:30:00-05:00'>"
    "<meta property='article:modified_time' content='2024-03-09T10:00:00-05:00'>"
    "<meta name='author' content='By Jane Doe and John Roe, Staff Writers'>"
    "<link rel='canonical' href='/news/2024/council-budget'>"
)


@pytest.fixture(scope="module")
def article() -> HtmlPage:
    return extract_html(page(head=META), url="https://riverside.example/news/2024/council-budget?utm=x")


def test_article_text_keeps_body_and_drops_page_chrome(article: HtmlPage) -> None:
    assert article.text.split("\n\n") == BODY
    for chrome in CHROME_STRINGS:
        assert chrome not in article.text


def test_metadata_from_meta_tags(article: HtmlPage) -> None:
    assert article.title == "Council approves budget"
    assert article.published == "2024-03-05"  # the publication date, not the later modification
    assert article.authors == ("Jane Doe", "John Roe")
    assert article.sitename == "Riverside Post"
    assert article.url == "https://riverside.example/news/2024/council-budget"
    assert article.language == "en"


def test_page_is_frozen(article: HtmlPage) -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        article.title = "x"  # type: ignore[misc]


def test_json_ld_metadata_and_author_cleaning() -> None:
    ld = {
        "@context": "https://schema.org",
        "@graph": [
            {"@type": "WebSite", "name": "Riverside Post"},
            {
                "@type": "NewsArticle",
                "headline": "Council approves budget",
                "datePublished": "2024-03-05T09:00:00Z",
                "dateModified": "2024-04-01T09:00:00Z",
                "author": [
                    {"@type": "Person", "name": "By JANE DOE"},
                    {"@type": "Person", "name": "john.roe@riverside.example"},
                    {"@type": "Organization", "name": "Riverside Post"},
                    {"@type": "Person", "name": "Sam Poe, AP Sports Writer"},
                ],
                "publisher": {"@type": "Organization", "name": "Riverside Post"},
                "inLanguage": "en-GB",
            },
        ],
    }
    html = page(head=f"<script type='application/ld+json'>{json.dumps(ld)}</script>", lang="")
    result = extract_html(html)
    assert result.published == "2024-03-05"
    assert result.authors == ("Jane Doe", "Sam Poe")
    assert result.sitename == "Riverside Post"
    assert result.language == "en"
    assert result.url is None


def test_byline_in_markup_when_no_metadata() -> None:
    byline = "<div class='byline'><span class='author'>By Maria Lopez</span> <time>March 5, 2024</time></div>"
    result = extract_html(page(byline=byline), url="https://riverside.example/story")
    assert result.authors == ("Maria Lopez",)
    assert "Maria Lopez" not in result.text
    assert result.url == "https://riverside.example/story"


def test_date_from_page_when_not_declared() -> None:
    html = page(byline="<p class='dateline'><time datetime='2023-11-02'>2 November 2023</time></p>")
    assert extract_html(html, url="https://riverside.example/story").published == "2023-11-02"


def test_date_in_url_wins_over_utc_rollover() -> None:
    head = "<meta property='article:published_time' content='2024-03-06T02:30:00Z'>"
    result = extract_html(page(head=head), url="https://riverside.example/2024/03/05/council-budget/")
    assert result.published == "2024-03-05"


def test_date_in_url_when_nothing_is_declared_without_a_scan_of_the_text(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """No declared date: the outlet's own date in its URL, without htmldate's scan of the page (which may take
    a date from the text, and costs seconds of dateparser locales on first use); the scan only without one."""
    import htmldate

    scanned = []
    monkeypatch.setattr(htmldate, "find_date", lambda *a, **k: scanned.append(k["url"]) or "2019-11-20")
    html = page(
        byline="<p class='dateline'>Tom Davies, Associated Press. Updated 11:34 a.m. Nov. 20, 2019</p>"
    )
    assert (
        extract_html(html, url="https://riverside.example/news/2019/11/19/strike/").published == "2019-11-19"
    )
    assert not scanned
    assert extract_html(html, url="https://riverside.example/story").published == "2019-11-20"
    assert scanned == ["https://riverside.example/story"]


def test_the_quick_date_scan_comes_before_the_extensive_one(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without a declared or URL date, htmldate's quick scan runs first; its extensive scan (dateparser on
    free text, seconds of locale loading per process) only when the quick one finds nothing."""
    import htmldate

    scans: list[bool] = []
    answers = {False: None, True: "2019-11-18"}

    def find_date(*_a: object, **k: bool) -> str | None:
        scans.append(k["extensive_search"])
        return answers[k["extensive_search"]]

    monkeypatch.setattr(htmldate, "find_date", find_date)
    assert extract_html(page(), url="https://riverside.example/story").published == "2019-11-18"
    assert scans == [False, True]
    scans.clear()
    answers[False] = "2019-11-17"
    assert extract_html(page(), url="https://riverside.example/story").published == "2019-11-17"
    assert scans == [False]


@pytest.mark.parametrize(
    ("raw", "names"),
    [
        ("By Jane Doe and John Roe, Staff Writers", ["Jane Doe", "John Roe"]),
        ("Analysis by Chris Smith, CNN Editor-at-large", ["Chris Smith"]),
        ("Ilana Muhlstein, MS, RDN", ["Ilana Muhlstein"]),
        ("Mary Y. Chen (mchen@example.com)", ["Mary Y. Chen"]),
        ("By Jeff Foust Monday, November 18, 2019", ["Jeff Foust"]),
        ("Finian Cunningham. Sputnik International", ["Finian Cunningham", "Sputnik International"]),
        ("Staff Reports", []),
    ],
)
def test_split_byline(raw: str, names: list[str]) -> None:
    assert split_byline(raw) == names


def test_outlet_is_not_an_author() -> None:
    sources = [["WIRED", "Louise Matsakis", "Wired Staff"], ["Someone Else"]]
    assert clean_authors(sources, "WIRED", "https://www.wired.com/story/x") == ("Louise Matsakis",)
    assert clean_authors([["CNN Business", "Jill Disis"]], "CNN", None) == ("Jill Disis",)
    assert clean_authors([["Reuters"]], "VentureBeat", "https://venturebeat.com/x") == ("Reuters",)


def test_headline_repeated_as_first_paragraph_is_dropped() -> None:
    result = extract_html(page(body=["Council approves budget", *BODY]))
    assert result.text.split("\n\n") == BODY


def test_article_split_across_sibling_containers() -> None:
    chunk = "<div class='body__chunk'>{}</div>"
    first = chunk.format("".join(f"<p>{p}</p>" for p in BODY[:2]))
    rest = [
        f"{BODY[2]} The finance office said it would answer within a month.",
        f"{BODY[3]} Contractors have already been selected through a public tender.",
        "Residents can comment on the plan at three public meetings scheduled for April, the council said, "
        "and a summary of the comments will be attached to the final document.",
    ]
    second = chunk.format("".join(f"<p>{p}</p>" for p in rest))
    ad = "<div class='ad-slot'><a href='/ad'>Advertisement</a></div>"
    html = (
        f"<html lang='en'><head><title>Budget</title></head><body>{NAV}<article><h1>Budget</h1>"
        f"<div class='chunks'><div class='row'>{first}</div>{ad}<div class='row'>{second}</div></div>"
        f"</article>{FOOTER}</body></html>"
    )
    text = extract_html(html).text
    for paragraph in [*BODY[:2], *rest]:
        assert paragraph in text
    assert text.index(BODY[0]) < text.index(rest[-1])


@pytest.mark.parametrize(
    "html",
    [
        f"<html><head><title>Riverside Post</title></head><body>{COOKIE}{NAV}{SIDEBAR}{FOOTER}</body></html>",
        f"<html><body>{NAV}<form><label>Email</label><input><button>Sign in</button></form>{FOOTER}</body></html>",
        "<html><head><title>x</title></head><body></body></html>",
        "",
        "   ",
    ],
    ids=["chrome-only", "login-wall", "empty-body", "empty", "blank"],
)
def test_page_without_article_raises_empty_input(html: str) -> None:
    with pytest.raises(EmptyInput) as info:
        extract_html(html, url="https://riverside.example/")
    assert info.value.code == "NF103"
    assert "riverside.example" in info.value.message


def test_never_touches_the_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("extract_html tried to open a connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    head = META + "<link rel='amphtml' href='https://riverside.example/amp'>"
    head += "<meta property='og:image' content='https://cdn.example/a.jpg'>"
    assert extract_html(page(head=head), url="https://riverside.example/news/x").text


def test_undeclared_language_is_guessed() -> None:
    german = [
        "Der Stadtrat hat am Dienstag nach einer langen Debatte einen Haushalt beschlossen, der die "
        "Sanierung von Straßen und den Bau von zwei neuen Bibliotheken vorsieht.",
        "Die Bürgermeisterin sagte, dass die Steuern für die Bürger nicht steigen werden und dass die "
        "Arbeiten noch in diesem Jahr beginnen sollen, wenn die Region zustimmt.",
        "Die Opposition kritisierte die Pläne und forderte einen Bericht über die Finanzen der Stadt, "
        "der jedes Quartal veröffentlicht werden soll.",
    ]
    assert extract_html(page(body=german, lang="")).language == "de"


# --- decoding -------------------------------------------------------------------------------

CAFE = "Le café « Chez Zoë » a rouvert — “enfin”, dit-il."


def _french_page(charset: str) -> str:
    body = [f"{CAFE} " + BODY[0], BODY[1], BODY[2]]
    return page(body=body, charset=charset, lang="fr")


def test_read_gzipped_file(tmp_path: Path) -> None:
    path = tmp_path / "story.html.gz"
    path.write_bytes(gzip.compress(page().encode("utf-8")))
    assert read_html_file(path) == page()
    assert extract_html(read_html_file(path)).text.split("\n\n") == BODY


def test_gzip_is_recognised_by_content_not_name(tmp_path: Path) -> None:
    path = tmp_path / "story.html"
    path.write_bytes(gzip.compress(page().encode("utf-8")))
    assert read_html_file(path) == page()


def test_missing_and_corrupt_files(tmp_path: Path) -> None:
    with pytest.raises(InputNotFound):
        read_html_file(tmp_path / "nope.html")
    path = tmp_path / "broken.html.gz"
    path.write_bytes(gzip.compress(page().encode("utf-8"))[:40])
    with pytest.raises(EmptyInput, match="corrupt gzip"):
        read_html_file(path)
    with pytest.raises(EmptyInput, match="corrupt gzip"):
        extract_html(path.read_bytes())


@pytest.mark.parametrize("charset", ["windows-1252", "iso-8859-1", "latin-1"])
def test_declared_legacy_charset(tmp_path: Path, charset: str) -> None:
    html = _french_page(charset)
    path = tmp_path / "story.html"
    path.write_bytes(html.encode("cp1252"))  # curly quotes only exist in cp1252, as browsers assume
    text = read_html_file(path)
    assert CAFE in text
    assert CAFE in extract_html(path.read_bytes()).text


def test_undeclared_legacy_charset_is_sniffed(tmp_path: Path) -> None:
    html = _french_page("").replace("<meta charset=''>", "")
    path = tmp_path / "story.html"
    path.write_bytes(html.encode("cp1252"))
    assert CAFE in read_html_file(path)


@pytest.mark.parametrize("codec", ["utf-8-sig", "utf-16"])
def test_byte_order_mark(tmp_path: Path, codec: str) -> None:
    path = tmp_path / "story.html"
    path.write_bytes(_french_page("utf-8").encode(codec))
    text = read_html_file(path)
    assert not text.startswith(codecs.BOM_UTF8.decode("utf-8"))
    assert CAFE in text


def test_valid_utf8_wins_over_a_wrong_declaration() -> None:
    html = _french_page("windows-1251").encode("utf-8")  # declares Cyrillic, is UTF-8
    assert CAFE in decode_html(html)


def test_declared_charset_other_than_western() -> None:
    text = "Городской совет утвердил бюджет во вторник."
    html = page(body=[text, *BODY], charset="windows-1251", lang="ru").encode("cp1251")
    assert text in decode_html(html)


def test_declared_utf8_that_is_not_utf8() -> None:
    assert CAFE in decode_html(_french_page("utf-8").encode("cp1252"))


def _as_windows_1252(data: bytes) -> str:
    """Decode as browsers do: the five bytes cp1252 leaves undefined map to C1 controls."""
    return "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in data)


def test_mojibake_is_repaired() -> None:
    broken = _as_windows_1252(CAFE.encode("utf-8"))
    assert broken != CAFE
    assert repair_mojibake(broken) == CAFE
    assert CAFE in extract_html(_as_windows_1252(_french_page("utf-8").encode("utf-8"))).text


def test_real_latin1_text_is_left_alone() -> None:
    text = "Ã la carte, SÃO PAULO, 3 × 4 ± 1, Â vista"
    assert repair_mojibake(text) == text
