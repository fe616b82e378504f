"""Read items -> cleaned articles: extraction of raw HTML pages, then cleaning, each under its time budget.

Runs where the engine runs its work (worker processes, Dask workers, or this process), so extraction,
most of ingest's time, is spread over the cores with the analysis. An item that fails comes back as
its coded error, never as an exception that stops the batch; an article whose cleaning fails comes
back with the article as read, which the pipeline stores and marks failed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import NamedTuple

from . import clean as clean_stage
from .budget import deadline, seconds_for
from .dedup import Band, signature_bands
from .errors import NewsfuseError, StageFailed
from .ingest import RawPage, page_article
from .model import Article

Item = Article | RawPage
Cleaner = Callable[[Article], Article]


class Ready(NamedTuple):
    """An item made ready for the pipeline: the article as read (None: a page that could not be
    extracted), the cleaned article or the error that stopped it, and the cleaned text's MinHash LSH
    bands (dedup.signature_bands: computed here, on the workers, not in the process that deduplicates)."""

    read: Article | None
    cleaned: Article | NewsfuseError
    bands: tuple[Band, ...] | None = None


def chars(item: Item) -> int:
    """The size time budgets count an item as."""
    return item.chars if isinstance(item, RawPage) else len(item.text)


def origin(item: Item) -> str:
    return item.where() if isinstance(item, RawPage) else item.origin or item.id


def clean_guarded(a: Article, clean: Cleaner = clean_stage.clean) -> Article | NewsfuseError:
    """`clean(a)` under the text's time budget; a failure is returned, coded."""
    try:
        with deadline(seconds_for(len(a.text)), f"{a.origin or a.id}: cleaning", a.origin or None):
            return clean(a)
    except NewsfuseError as e:
        return e
    except Exception as e:  # noqa: BLE001 - one article's failure is marked, the batch goes on
        return StageFailed(f"{a.origin or a.id}: cleaning failed ({type(e).__name__}: {e})",
                           path=a.origin or None)  # fmt: skip


def _ready(read: Article, cleaned: Article | NewsfuseError) -> Ready:
    if isinstance(cleaned, NewsfuseError):
        return Ready(read, cleaned)
    return Ready(read, cleaned, tuple(signature_bands(cleaned.text)))


def prepare_one(item: Item, clean: Cleaner = clean_stage.clean) -> Ready:
    if not isinstance(item, RawPage):
        return _ready(item, clean_guarded(item, clean))
    try:
        article = page_article(item)
    except NewsfuseError as e:
        return Ready(None, e)
    except Exception as e:  # noqa: BLE001 - a page the extractor trips on: coded, the batch goes on
        return Ready(None, StageFailed(f"{item.where()}: extraction failed ({type(e).__name__}: {e})",
                                       path=item.origin))  # fmt: skip
    return _ready(article, clean_guarded(article, clean))


def prepare_chunk(items: Sequence[Item], clean: Cleaner = clean_stage.clean) -> list[Ready]:
    """A module-level function: it is sent to worker processes (with `clean` by reference)."""
    return [prepare_one(item, clean) for item in items]


def lost(item: Item, error: NewsfuseError) -> Ready:
    """The outcome of an item whose worker died or hung: as read when it was an article (stored and
    marked failed), else only the error."""
    return Ready(item if isinstance(item, Article) else None, error)
