"""Analyze: sentences, entities, dates, figures and quotes of each article.

The language model loads once and texts go through it in batches (`nlp.pipe`).
Offsets are into the text analysed (an article's cleaned text).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from ..model import Analysis, Article, Sentence
from ..stage import Stage
from .dates import find_dates
from .entities import find_entities
from .figures import find_figures
from .nlp import DEFAULT_MODEL, LanguageModel, load_model
from .quotes import find_quotes

__all__ = ["STAGE", "Analyzer", "analyze_text"]


def _sentences(doc: Any) -> list[Sentence]:
    out = []
    for s in doc.sents:
        text = s.text
        start = s.start_char + (len(text) - len(text.lstrip()))
        end = s.start_char + len(text.rstrip())
        if end > start:
            out.append(Sentence(start, end))
    return out


class Analyzer:
    """Runs the analyze stage over articles; `requires` cleaned text, `assigns` an `Analysis`."""

    requires = ("text", "published")
    assigns = ("sentences", "entities", "dates", "figures", "quotes")

    def __init__(self, model: LanguageModel | None = None, batch_size: int = 32):
        self._model = model
        self.batch_size = batch_size

    @property
    def model(self) -> LanguageModel:
        if self._model is None:
            self._model = load_model(DEFAULT_MODEL)
        return self._model

    def analyze(self, articles: Iterable[Article]) -> Iterator[Analysis]:
        items: Sequence[Article] = list(articles)
        docs = self.model.pipe((a.text for a in items), batch_size=self.batch_size)
        for article, doc in zip(items, docs, strict=True):
            yield self.from_doc(article.id, article.text, article.published, doc)

    def from_doc(self, article_id: str, text: str, published: str | None, doc: Any) -> Analysis:
        sentences = _sentences(doc)
        entities = find_entities(doc, text)
        return Analysis(
            article_id=article_id,
            sentences=tuple(sentences),
            entities=tuple(entities),
            dates=tuple(find_dates(doc, text, published)),
            figures=tuple(find_figures(text, [(s.start, s.end) for s in sentences])),
            quotes=tuple(find_quotes(doc, text, entities)),
        )


def analyze_text(text: str, published: str | None = None, analyzer: Analyzer | None = None) -> Analysis:
    from ..ingest import make_article

    article = make_article(text, published=published)
    return next((analyzer or Analyzer()).analyze([article]))


STAGE = Stage("analyze", requires=Analyzer.requires, assigns=Analyzer.assigns, run=Analyzer.analyze)
