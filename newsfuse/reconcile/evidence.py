"""Where a derived object came from: the sentence around an offset, as a citation into the original text."""

from __future__ import annotations

from bisect import bisect_right

from ..model import Analysis, Article, Citation, Sentence


class Evidence:
    """One article with its analysis: sentence lookup and citations into the text as given."""

    def __init__(self, article: Article, analysis: Analysis):
        self.article = article
        self.analysis = analysis
        self._starts = [s.start for s in analysis.sentences]

    @property
    def source(self) -> str:
        return self.article.source or self.article.id

    def sentence_at(self, pos: int) -> Sentence | None:
        i = bisect_right(self._starts, pos) - 1
        if i >= 0 and self.analysis.sentences[i].start <= pos < self.analysis.sentences[i].end:
            return self.analysis.sentences[i]
        return None

    def sentence_index(self, pos: int) -> int:
        return max(0, bisect_right(self._starts, pos) - 1)

    def cite(self, start: int, end: int) -> Citation:
        a, b = self.article.to_original(start, end)
        return Citation(self.article.id, a, b, self.source)

    def cite_sentence(self, pos: int) -> Citation:
        s = self.sentence_at(pos)
        return self.cite(s.start, s.end) if s else self.cite(pos, pos)

    def text(self, start: int, end: int) -> str:
        return " ".join(self.article.text[start:end].split())
