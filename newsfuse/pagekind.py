"""Pages that are not articles: web-archive notices, error pages, cookie/consent walls, social-media
stubs, sign-in/subscription forms and reprint notices that extractors return instead of a report.

A page is judged by its structure, not by its source: the share of its words that sit in sentences made
of one family's stock phrases (notices are nothing else; an article quoting "Twitter" or "cookies"
has a few such sentences among many), its title when that announces an error, and length (a handful of
words reports nothing). Such pages are kept and listed (`newsfuse pages`) but never put in a story or
a brief. Written on Multi-News clusters 0-49, checked on clusters 50-99 and on article sets where every
page is an article (benchmarks/pagekind.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

ARTICLE = "article"
MIN_WORDS = 8  # fewer words than a headline: reports nothing
MAX_WORDS = 600  # a longer page is an article with some notices in it (cleaning drops those lines)
SHARE = 0.5  # of the words in sentences of one family of stock phrases...
REPORT_WORDS = 50  # ...unless the rest could still be a short report (a sign-up form above an article)
_W = r"(?i)\b(?:{})\b"
FAMILIES: dict[str, re.Pattern[str]] = {
    "archive_notice": re.compile(_W.format(
        r"internet archive|wayback machine|web ?archive|archive\.(?:org|today|is)|crawl data|crawls (?:of|are)"
        r"|(?:archive|archived|archiving) (?:the )?(?:pages?|copy|copies|snapshots?)|broken links?"
    )),
    "error_page": re.compile(_W.format(
        r"404|(?:page|file|content|article|video|resource) (?:was )?not found|page (?:you (?:requested|are looking"
        r" for|were looking for)|(?:cannot|could not|can't) be found)|(?:could not|cannot|can't|couldn't) be"
        r" (?:loaded|displayed|played)|not available (?:right now|in your (?:country|region|location))"
        r"|try again later|something went wrong|an error (?:has )?occurred|access denied"
        r"|(?:page|article|video|content|story|post) (?:has been|was|is) (?:removed|deleted|unavailable)"
        r"|no longer available|video (?:is )?unavailable|interactive transcript|rating is available when"
    )),
    "consent_wall": re.compile(_W.format(
        r"(?:we|site|website|this site) uses? cookies|use of cookies|cookies? (?:policy|settings|must be enabled)"
        r"|(?:enable|accept|allow) (?:all )?cookies|no cookies|privacy (?:policy|settings|notice|statement)"
        r"|terms of (?:use|service)|we and our (?:partners|vendors)|manage (?:your )?(?:preferences|consent)"
        r"|by continuing to (?:use|browse)|consent to (?:the|our) (?:use|processing)|(?:accept|reject) all"
    )),
    "social_stub": re.compile(_W.format(
        r"tweet with a location|location (?:information|history)|to your tweets|third-party applications"
        r"|learn more|embed (?:this|the) (?:tweet|post|video)|follow us on|like us on|share (?:this )?on"
        r" (?:facebook|twitter)|(?:un)?follow @\w+"
    )),
    "form_page": re.compile(_W.format(
        r"sign (?:in|up) (?:to|for|with|now|here)|sign in|log ?in|log out|password|e-?mail address|username"
        r"|required fields?|create an account|forgot your|already (?:a )?(?:subscriber|registered|have an account)"
        r"|subscribe (?:now|today|to (?:our|the))|subscribing to|free trial|registered users|your subscription"
        r"|reprints?|personal,? non-commercial use|presentation-ready|to continue reading|blocking ads"
        r"|ad ?blocker|enable javascript|javascript is (?:disabled|required)|update your browser|newsletters?"
        r"|email alerts|in your inbox"
    )),
}  # fmt: skip
# the whole title is an error (a site name may follow after " | " or " - "): "404 Not Found", "Page not found"
_TITLE_ERROR = re.compile(
    r"(?i)^\W*(?:(?:error\W*)?(?:400|401|403|404|410|500|502|503)\b(?:\W*(?:error|(?:page )?not found|forbidden|gone"
    r"|unavailable|(?:internal )?server error|service unavailable|bad request|unauthorized))?|page not found"
    r"|not found|access denied|forbidden|oops\b[^|]{0,40}|error)\W*(?:\s+[|\-–—:]\s+[^|]{0,60})?$"
)
_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n+|(?<=[a-z][.!?])(?=[A-Z])")
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


@dataclass(frozen=True)
class PageKind:
    kind: str  # "article" or the family of the page
    reason: str = ""


def page_kind(text: str, title: str = "") -> PageKind:
    """What the page is: an article, or which kind of non-article page (with the reason)."""
    words = len(_WORD.findall(text))
    if (m := _TITLE_ERROR.search(title)) and words < MAX_WORDS:
        return PageKind("error_page", f"title announces an error ({m.group(0).strip()!r})")
    if words < MIN_WORDS:
        return PageKind("stub", f"{words} words: too short to report anything")
    if words >= MAX_WORDS:
        return PageKind(ARTICLE)
    share = dict.fromkeys(FAMILIES, 0)
    matched = 0
    for sentence in _SENTENCE.split(text):
        n = len(_WORD.findall(sentence))
        hits = [name for name, rx in FAMILIES.items() if rx.search(sentence)]
        for name in hits:
            share[name] += n
        matched += n if hits else 0
    if matched / words < SHARE or words - matched >= REPORT_WORDS:
        return PageKind(ARTICLE)
    kind = max(share, key=lambda k: share[k])
    return PageKind(
        kind, f"{matched} of {words} words in sentences of stock {kind.replace('_', ' ')} phrases"
    )
