"""Issue 18: the pages in a real browser (Debian's chromium + chromedriver, `make browser`), against the
server on 127.0.0.1 over the demo corpus plus articles carrying markup: search, open a story, follow a
citation to its highlighted span, and check that no article text executes or renders as markup.
Screenshots go to test-artifacts/."""

from __future__ import annotations

import json
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest
import uvicorn
from selenium import webdriver
from selenium.common.exceptions import NoAlertPresentException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from newsfuse.pipeline import run
from newsfuse.serve import create_app
from newsfuse.settings import Settings
from newsfuse.store import open_store

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM, DRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1200,1000")  # fmt: skip
EVIL_TEXT = (
    "The <script>window.__pwned = 1</script> Harlow council approved a budget of $45 million on Monday, "
    'mayor Ann Lee said. "<img src=x onerror="window.__pwned = 2">We will build the bridge," Lee said. '
    '<a href="javascript:window.__pwned = 3">click here</a> <svg onload="window.__pwned = 4"></svg>'
)
EVIL = [
    {"id": "x1", "title": "<script>window.__pwned = 5</script>Harlow budget <b>passed</b>",
     "source": '<img src=x onerror="window.__pwned = 6">Evil Outlet', "url": "javascript:window.__pwned = 7",
     "published": "2025-10-02", "text": EVIL_TEXT},
    {"id": "x2", "title": "Harlow council passes $45 million budget", "source": "Plain Post",
     "url": "https://example.org/harlow", "published": "2025-10-03",
     "text": EVIL_TEXT.replace("Monday", "Monday night") + " The vote was 7 to 2."},
]  # fmt: skip


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("browser")
    (tmp / "evil.jsonl").write_text("".join(json.dumps(a) + "\n" for a in EVIL))
    settings = Settings(db=f"sqlite:///{tmp}/demo.db", out=str(tmp / "out"), workers=1, export=False)
    with open_store(settings.db) as store:
        run([str(ROOT / "sample" / "corpus"), str(tmp / "evil.jsonl")], settings, store)
        port = _free_port()
        server = uvicorn.Server(uvicorn.Config(create_app(store, settings), host="127.0.0.1", port=port,
                                               log_level="warning"))  # fmt: skip
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        deadline = time.monotonic() + 20
        while not server.started and time.monotonic() < deadline:
            time.sleep(0.05)
        assert server.started, "the server did not start"
        try:
            yield f"http://127.0.0.1:{port}", store
        finally:
            server.should_exit = True
            thread.join(10)


@pytest.fixture(scope="module")
def browser():
    assert Path(CHROMIUM).exists() and Path(DRIVER).exists(), "run `make browser` (Debian chromium + driver)"
    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for f in FLAGS:
        opts.add_argument(f)
    driver = webdriver.Chrome(options=opts, service=Service(DRIVER))
    driver.set_page_load_timeout(30)
    ARTIFACTS.mkdir(exist_ok=True)
    yield driver
    driver.quit()


def _no_script_ran(driver) -> None:
    assert driver.execute_script("return window.__pwned === undefined")
    with pytest.raises(NoAlertPresentException):
        driver.switch_to.alert.text  # noqa: B018 - raises when no alert is open


def test_issue_18_search_open_story_follow_citation_to_highlighted_span(site, browser) -> None:
    base, store = site
    browser.get(base + "/")
    box = browser.find_element(By.NAME, "q")
    box.send_keys("flood")
    browser.find_element(By.CSS_SELECTOR, "form.filters button").click()
    WebDriverWait(browser, 10).until(lambda d: "q=flood" in d.current_url)
    links = browser.find_elements(By.CSS_SELECTOR, "table.stories td a")
    assert [a.text for a in links] and all("Tarrin" in a.text for a in links)
    browser.save_screenshot(str(ARTIFACTS / "search.png"))
    links[0].click()
    assert "Tarrin" in browser.find_element(By.TAG_NAME, "h1").text
    assert browser.find_elements(By.CSS_SELECTOR, "svg.coverage-chart rect.cell")
    assert browser.find_elements(By.CSS_SELECTOR, "svg.timeline-chart circle")
    assert browser.find_elements(
        By.CSS_SELECTOR, "ul.failed-checks li"
    )  # the planted sum that does not add up
    browser.save_screenshot(str(ARTIFACTS / "story.png"))
    cite = browser.find_element(By.CSS_SELECTOR, "ul.sentences a.cite")
    href = cite.get_attribute("href")
    article_id = href.split("/articles/")[1].split("?")[0]
    start, end = (int(x) for x in href.split("#c-")[1].split("-"))
    cite.click()
    WebDriverWait(browser, 10).until(lambda d: "/articles/" in d.current_url)
    target = browser.execute_script("return document.querySelector(':target')")
    assert target is not None and target.tag_name == "mark"
    a = store.get_article(article_id)
    assert target.text.split() == (a.original or a.text)[start:end].split()
    bg = browser.execute_script("return getComputedStyle(document.querySelector(':target')).backgroundColor")
    assert bg == "rgb(255, 201, 77)"  # the highlight
    browser.save_screenshot(str(ARTIFACTS / "citation.png"))


def test_issue_18_article_markup_never_executes_or_renders(site, browser) -> None:
    base, _ = site
    browser.get(base + "/?q=Harlow")
    assert "<script>" in browser.find_element(By.CSS_SELECTOR, "table.stories").text  # shown as text
    browser.find_element(By.CSS_SELECTOR, "table.stories td a").click()
    WebDriverWait(browser, 10).until(lambda d: "/stories/" in d.current_url)
    story_url = browser.current_url
    pages = [story_url, base + "/articles/x1", base + "/articles/x2", base + "/outlets", base + "/entities"]
    for url in pages:
        browser.get(url)
        _no_script_ran(browser)
        assert not browser.find_elements(By.CSS_SELECTOR, "main img, main script, main b, main svg[onload]")
        assert not browser.find_elements(By.CSS_SELECTOR, 'a[href^="javascript:"]')
        assert "onerror" not in "".join(
            e.get_attribute("outerHTML") for e in browser.find_elements(By.CSS_SELECTOR, "main [onerror]")
        )
    browser.get(base + "/articles/x1")
    body = browser.find_element(By.ID, "original").text
    assert (
        "<script>window.__pwned = 1</script>" in body and '<img src=x onerror="window.__pwned = 2">' in body
    )
    assert (
        "javascript:" in browser.find_element(By.CSS_SELECTOR, "p.meta").text
    )  # the url as text, not a link
    browser.save_screenshot(str(ARTIFACTS / "escaped.png"))


def _too_wide(driver) -> list[str]:
    return driver.execute_script(
        "return [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > "
        "window.innerWidth + 1).slice(0, 5).map(e => e.tagName + '.' + e.className)"
    )


def test_issue_18_pages_fit_a_phone(site, browser) -> None:
    base, _ = site
    browser.set_window_size(390, 844)
    try:
        for path in ("/", "/entities", "/outlets"):
            browser.get(base + path)
            widths = browser.execute_script(
                "return [document.documentElement.scrollWidth, window.innerWidth]"
            )
            assert widths[0] <= widths[1] + 1, (path, widths, _too_wide(browser))
        browser.get(base + "/?q=strike")
        browser.find_element(By.CSS_SELECTOR, "table.stories td a").click()
        WebDriverWait(browser, 10).until(lambda d: "/stories/" in d.current_url)
        widths = browser.execute_script("return [document.documentElement.scrollWidth, window.innerWidth]")
        assert widths[0] <= widths[1] + 1, (widths, _too_wide(browser))
        browser.save_screenshot(str(ARTIFACTS / "story-phone.png"))
    finally:
        browser.set_window_size(1200, 1000)
    if (ARTIFACTS / "story.png").exists():
        shutil.copy(ARTIFACTS / "story.png", ARTIFACTS / "story-desktop.png")
