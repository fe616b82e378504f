"""datasette's metadata.json for the evidence bundle: a title, descriptions of every table and of the
columns that need one, the label column of each table others point at, and where the data comes from."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from .. import __version__
from ..reconcile.outlets import METRICS

DB_NAME = "evidence"  # evidence.db: datasette names the database after the file

SPAN = {"span_start": "Start of the span: character offset into the article's text as given.",
        "span_end": "End of the span (exclusive)."}  # fmt: skip
TABLES: dict[str, tuple[str, dict[str, str]]] = {
    "stories": ("Stories: articles from several outlets about one event, with the counts of their brief.",
                {"headline": "The brief's headline (states no disputed figure as settled).",
                 "disagreement": "What the outlets disagree about, in one line."}),
    "articles": ("Articles, with their text as given (every offset in this database points into `text`).",
                 {"source": "The outlet.", "duplicate_sources": "Outlets of near-copies folded into this article."}),
    "story_articles": ("Which article is in which story, and why it joined (similarity score, shared terms).",
                       {"started_story": "1: the article started the story.",
                        "correction": "The correction by hand that put it there (`newsfuse story log`)."}),
    "sentences": ("The articles' sentences, as the analysis split them.", SPAN),
    "summary_sentences": ("The brief's summary: each sentence is verified in the spans it cites (table citations).",
                          {"section": "The theme the sentence is grouped under."}),
    "facts": ("Figures reconciled across outlets: agreed, single-source, or conflict.",
              {"status": "agreed | single-source | conflict", "value": "The reference (consensus) value.",
               "majority": "1: the reference value is stated by more outlets than any other.",
               "kind": "reported, or forward (forecast, plan) / hedged: kept apart from reported facts."}),
    "fact_statements": ("Each outlet's statement of a fact: the figure as written and where.",
                        {"agreement": "agreed | single-source | majority | against consensus | disputed", **SPAN}),
    "checks": ("Arithmetic checks recomputed from stated figures (sums, ratios, differences, percentages).",
               {"formula": "The arithmetic written out.", "status": "consistent | inconsistent",
                "scope": "article: one article's own figures; story: figures from several articles."}),
    "quotes": ("Quotes by speaker; quotes with the same `statement` are one statement as worded by different outlets.",
               {"similarity": "Wording similarity (0-1) to the statement's first quote.", **SPAN}),
    "timeline": ("Dated events of each story (future: announced, expected, planned).", SPAN),
    "outlets": ("Outlets' track records over the exported stories, computed from the evidence only.",
                {"figures": "Facts the outlet states.", "agreed": "Facts it states as other outlets do.",
                 "single_source": "Facts only it states.",
                 "against_consensus": "Conflicts where it states a value other than the majority's.",
                 "disputed": "Conflicts without a majority where it states one of the values.",
                 "checks": "Arithmetic checks on its own figures.", "checks_failed": "Of those, failed.",
                 "quotes_shared": "Statements other outlets quote too.",
                 "quotes_differing": "Of those, worded differently from another outlet's version.",
                 "agreement_rate": "agreed / (agreed + against_consensus + disputed)."}),
    "outlet_evidence": ("What each track-record number counts: one row per item, its spans in table citations.",
                        {"metric": ", ".join(METRICS)}),
    "citations": ("Cited spans of articles, each owned by one summary sentence, check or track-record item.",
                  {"text": "The cited text.", "sentence_id": "The article's sentence holding the span.", **SPAN}),
}  # fmt: skip
LABELS = {"stories": "headline", "articles": "title", "sentences": "text", "summary_sentences": "text",
          "facts": "subject", "checks": "message", "outlet_evidence": "what", "outlets": "name"}  # fmt: skip


def metadata(counts: dict[str, int]) -> dict[str, Any]:
    when = datetime.now(UTC).date().isoformat()
    tables: dict[str, Any] = {}
    for name, (about, columns) in TABLES.items():
        tables[name] = {"description": about, "columns": columns}
        if name in LABELS:
            tables[name]["label_column"] = LABELS[name]
    tables["articles"]["fts_table"] = "articles_fts"
    tables["articles"]["searchmode"] = "raw"
    return {
        "title": "newsfuse evidence bundle",
        "description": (
            f"{counts.get('stories', 0)} stories from {counts.get('articles', 0)} articles, exported {when}: "
            "cited briefs, reconciled facts, arithmetic checks, quotes and outlets' track records, each tied "
            "to the exact span of the article it comes from."
        ),
        "source": f"newsfuse {__version__}",
        "databases": {DB_NAME: {"tables": tables}},
    }
