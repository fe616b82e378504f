"""Language codes: normalise what a page declares, or guess from the text when it declares nothing."""

from __future__ import annotations

import math
import re
from collections import Counter
from functools import lru_cache

from justext import get_stoplist
from trafilatura.settings import JUSTEXT_LANGUAGES

_CODE = re.compile(r"^([a-zA-Z]{2,3})(?:[-_][a-zA-Z0-9]{1,8})*$")
_WORD = re.compile(r"[^\W\d_]+")
_SCRIPTS = (
    (re.compile(r"[\u3040-\u30ff]"), "ja"),  # kana
    (re.compile(r"[\uac00-\ud7af]"), "ko"),  # hangul
    (re.compile(r"[\u4e00-\u9fff]"), "zh"),  # han without kana
    (re.compile(r"[\u0e00-\u0e7f]"), "th"),
)
_SCRIPT_SHARE = 0.2  # of the letters in the sample
_SAMPLE_WORDS = 800
_MIN_WORDS = 20
_MIN_STOPWORD_SHARE = 0.15


def normalise_language(value: str | None) -> str | None:
    """'en-US' / 'en_GB' / 'EN' -> 'en'; anything that is not a language tag -> None."""
    if not value:
        return None
    m = _CODE.match(value.strip())
    if not m:
        return None
    code = m.group(1).lower()
    return None if code in ("und", "mul", "zxx", "xx") else code


@lru_cache(maxsize=1)
def _stopword_index() -> dict[str, tuple[str, ...]]:
    """Stop word -> the languages (ISO 639-1) whose jusText stop list has it."""
    index: dict[str, list[str]] = {}
    for code, name in JUSTEXT_LANGUAGES.items():
        for word in get_stoplist(name):
            index.setdefault(word, []).append(code)
    return {word: tuple(codes) for word, codes in index.items()}


@lru_cache(maxsize=1)
def _stoplist_sizes() -> dict[str, int]:
    return Counter(code for codes in _stopword_index().values() for code in codes)


def guess_language(text: str) -> str | None:
    """Best guess from the writing system, then from the share of each language's stop words."""
    sample = text[:6000]
    letters = sum(1 for c in sample if c.isalpha())
    if not letters:
        return None
    for pattern, code in _SCRIPTS:
        if len(pattern.findall(sample)) >= _SCRIPT_SHARE * letters:
            return code
    words = [w.lower() for w in _WORD.findall(sample)][:_SAMPLE_WORDS]
    if len(words) < _MIN_WORDS:
        return None
    index = _stopword_index()
    counts = Counter(code for w in words for code in index.get(w, ()))
    if not counts:
        return None
    # some stop lists have thousands of entries (including common English words): scale by size
    sizes = _stoplist_sizes()
    code = max(counts, key=lambda c: counts[c] / math.sqrt(sizes[c]))
    return code if counts[code] >= _MIN_STOPWORD_SHARE * len(words) else None
