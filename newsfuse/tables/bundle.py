"""The evidence bundle: one SQLite file (evidence.db) of a store's stories, their articles (text as given),
the articles' sentences, the briefs' summary sentences, facts and each statement of them, checks, quotes,
timeline, outlets' track records with their evidence, and the citations that tie every summary
sentence, check and track-record item to the exact span of an article. Primary and foreign keys are
declared (and enforced while writing), so `datasette evidence.db` links rows to what they cite;
metadata.json beside it gives datasette the titles and descriptions (`datasette evidence.db -m
metadata.json`). Written story by story into a new file that replaces the old one when complete."""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Sequence
from pathlib import Path

from ..cli.output import to_original
from ..errors import NewsfuseError
from ..model import Citation
from ..reconcile.outlets import METRICS
from ..store import Store
from .metadata import DB_NAME, metadata
from .rows import OutletTally, agreement, check_rows, low_high, quote_rows, story_row
from .stream import PAGE, StoryData, iter_stories

SCHEMA = f"""
CREATE TABLE stories (
  id TEXT PRIMARY KEY, headline TEXT, first_seen TEXT, last_seen TEXT, articles INTEGER, outlets INTEGER,
  facts INTEGER, conflicts INTEGER, failed_checks INTEGER, disagreement TEXT);
CREATE TABLE articles (
  id TEXT PRIMARY KEY, title TEXT, source TEXT, published TEXT, url TEXT, authors TEXT, language TEXT,
  duplicate_sources TEXT, text TEXT NOT NULL);
CREATE TABLE story_articles (
  story_id TEXT NOT NULL REFERENCES stories(id), article_id TEXT NOT NULL REFERENCES articles(id),
  score REAL, started_story INTEGER, correction INTEGER, shared_terms TEXT, shared_entities TEXT,
  PRIMARY KEY (story_id, article_id));
CREATE TABLE sentences (
  id INTEGER PRIMARY KEY, article_id TEXT NOT NULL REFERENCES articles(id), span_start INTEGER NOT NULL,
  span_end INTEGER NOT NULL, text TEXT NOT NULL, UNIQUE (article_id, span_start, span_end));
CREATE TABLE summary_sentences (
  id INTEGER PRIMARY KEY, story_id TEXT NOT NULL REFERENCES stories(id), position INTEGER NOT NULL,
  section TEXT, text TEXT NOT NULL);
CREATE TABLE facts (
  id INTEGER PRIMARY KEY, story_id TEXT NOT NULL REFERENCES stories(id), position INTEGER NOT NULL,
  subject TEXT, period TEXT, kind TEXT, unit TEXT, currency TEXT, status TEXT, value REAL, value_high REAL,
  majority INTEGER, outlets TEXT, note TEXT);
CREATE TABLE fact_statements (
  id INTEGER PRIMARY KEY, fact_id INTEGER NOT NULL REFERENCES facts(id),
  article_id TEXT NOT NULL REFERENCES articles(id), outlet TEXT, stated TEXT, value REAL, value_high REAL,
  agreement TEXT, span_start INTEGER, span_end INTEGER, sentence_id INTEGER REFERENCES sentences(id));
CREATE TABLE checks (
  id INTEGER PRIMARY KEY, story_id TEXT NOT NULL REFERENCES stories(id), position INTEGER NOT NULL,
  kind TEXT, scope TEXT, status TEXT, formula TEXT, message TEXT, expected REAL, actual REAL);
CREATE TABLE quotes (
  id INTEGER PRIMARY KEY, story_id TEXT NOT NULL REFERENCES stories(id), statement INTEGER, speaker TEXT,
  text TEXT, kind TEXT, verb TEXT, similarity REAL, outlet TEXT, article_id TEXT NOT NULL REFERENCES articles(id),
  span_start INTEGER, span_end INTEGER, sentence_id INTEGER REFERENCES sentences(id), via TEXT);
CREATE TABLE timeline (
  id INTEGER PRIMARY KEY, story_id TEXT NOT NULL REFERENCES stories(id), date TEXT, granularity TEXT,
  tense TEXT, text TEXT, article_id TEXT NOT NULL REFERENCES articles(id), span_start INTEGER,
  span_end INTEGER, sentence_id INTEGER REFERENCES sentences(id));
CREATE TABLE outlets (
  name TEXT PRIMARY KEY, stories INTEGER, {", ".join(f"{m} INTEGER" for m in METRICS)}, agreement_rate REAL);
CREATE TABLE outlet_evidence (
  id INTEGER PRIMARY KEY, outlet TEXT NOT NULL REFERENCES outlets(name), metric TEXT NOT NULL,
  story_id TEXT NOT NULL REFERENCES stories(id), what TEXT);
CREATE TABLE citations (
  id INTEGER PRIMARY KEY, article_id TEXT NOT NULL REFERENCES articles(id), span_start INTEGER NOT NULL,
  span_end INTEGER NOT NULL, outlet TEXT, text TEXT, sentence_id INTEGER REFERENCES sentences(id),
  summary_sentence_id INTEGER REFERENCES summary_sentences(id), check_id INTEGER REFERENCES checks(id),
  outlet_evidence_id INTEGER REFERENCES outlet_evidence(id),
  CHECK ((summary_sentence_id IS NOT NULL) + (check_id IS NOT NULL) + (outlet_evidence_id IS NOT NULL) = 1));
CREATE INDEX story_articles_article ON story_articles(article_id);
CREATE INDEX summary_sentences_story ON summary_sentences(story_id, position);
CREATE INDEX facts_story ON facts(story_id, position);
CREATE INDEX fact_statements_fact ON fact_statements(fact_id);
CREATE INDEX fact_statements_article ON fact_statements(article_id);
CREATE INDEX checks_story ON checks(story_id, position);
CREATE INDEX quotes_story ON quotes(story_id);
CREATE INDEX timeline_story ON timeline(story_id, date);
CREATE INDEX outlet_evidence_outlet ON outlet_evidence(outlet, metric);
CREATE INDEX outlet_evidence_story ON outlet_evidence(story_id);
CREATE INDEX citations_article ON citations(article_id, span_start);
CREATE INDEX citations_summary ON citations(summary_sentence_id);
CREATE INDEX citations_check ON citations(check_id);
CREATE INDEX citations_evidence ON citations(outlet_evidence_id);
CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content="articles");
"""


class _Writer:
    def __init__(self, db: sqlite3.Connection, store: Store):
        self.db = db
        self.store = store

    def insert(self, table: str, row: dict[str, object]) -> int:
        cols = ", ".join(row)
        marks = ", ".join("?" for _ in row)
        cur = self.db.execute(f"INSERT INTO {table} ({cols}) VALUES ({marks})", list(row.values()))
        return int(cur.lastrowid or 0)

    def articles(self, d: StoryData) -> None:
        """The story's members and cited articles not in the bundle yet, with their sentences."""
        have = {r[0] for r in self.db.execute(
            f"SELECT id FROM articles WHERE id IN ({', '.join('?' for _ in d.articles)})", list(d.articles))}  # fmt: skip
        new = [a for aid, a in d.articles.items() if aid not in have]
        analyses = self.store.analyses([a.id for a in new])
        for a in new:
            self.insert("articles", {"id": a.id, "title": a.title, "source": a.source, "published": a.published,
                                     "url": a.url, "authors": json.dumps(list(a.authors), ensure_ascii=False),
                                     "language": a.language, "text": a.original or a.text,
                                     "duplicate_sources": "; ".join(a.duplicate_sources)})  # fmt: skip
            an = analyses.get(a.id)
            if an is None:
                continue
            body = a.original or a.text
            spans = sorted({(s.start, s.end) for s in to_original(a, an).sentences})
            self.db.executemany(
                "INSERT INTO sentences (article_id, span_start, span_end, text) VALUES (?, ?, ?, ?)",
                [(a.id, s, e, body[s:e]) for s, e in spans],
            )

    def sentence(self, article: str, start: int, end: int) -> int | None:
        """The article's sentence holding the span, if one does."""
        rows = self.db.execute(
            "SELECT id, span_start, span_end FROM sentences WHERE article_id = ? AND span_start <= ? "
            "ORDER BY span_start DESC LIMIT 1",
            (article, start),
        ).fetchall()
        return rows[0][0] if rows and rows[0][2] >= end else None

    def citation(self, c: Citation, d: StoryData, **owner: int) -> None:
        if c.article not in d.articles:
            return
        self.insert("citations", {"article_id": c.article, "span_start": c.start, "span_end": c.end,
                                  "outlet": c.source, "text": d.text(c.article, c.start, c.end),
                                  "sentence_id": self.sentence(c.article, c.start, c.end), **owner})  # fmt: skip

    def story(self, d: StoryData, tally: OutletTally) -> None:
        row = story_row(d)
        self.insert("stories", {"id": row.pop("story"), **row})
        self.articles(d)
        for x in d.record.explain:
            if x.article_id in d.articles:
                self.insert("story_articles", {"story_id": d.summary.id, "article_id": x.article_id,
                                               "score": x.score, "started_story": int(x.new_story),
                                               "correction": x.correction, "shared_terms": ", ".join(x.shared_terms),
                                               "shared_entities": ", ".join(x.shared_entities)})  # fmt: skip
        self.brief(d)
        for ev in tally.add(d):
            self.db.execute("INSERT OR IGNORE INTO outlets (name) VALUES (?)", (ev["outlet"],))
            eid = self.insert("outlet_evidence", {"outlet": ev["outlet"], "metric": ev["metric"],
                                                  "story_id": ev["story"], "what": ev["what"]})  # fmt: skip
            for c in ev["cited"]:
                self.citation(c, d, outlet_evidence_id=eid)

    def brief(self, d: StoryData) -> None:
        b, sid = d.brief, d.summary.id
        if b is None:
            return
        for i, s in enumerate(b.sentences):
            rid = self.insert("summary_sentences", {"story_id": sid, "position": i, "section": s.section,
                                                    "text": s.text})  # fmt: skip
            for x in s.citations:
                self.citation(x, d, summary_sentence_id=rid)
        for i, f in enumerate(b.facts, 1):
            lo, hi = low_high(f.value)
            fid = self.insert("facts", {"story_id": sid, "position": i, "subject": f.subject, "period": f.period,
                                        "kind": f.kind, "unit": f.unit, "currency": f.currency, "status": f.status,
                                        "value": lo, "value_high": hi, "majority": int(f.majority),
                                        "outlets": "; ".join(f.outlets), "note": f.note})  # fmt: skip
            for m in f.mentions:
                if m.article not in d.articles:
                    continue
                lo, hi = low_high(m.value)
                self.insert("fact_statements", {"fact_id": fid, "article_id": m.article, "outlet": m.source,
                                                "stated": m.text, "value": lo, "value_high": hi,
                                                "agreement": agreement(f, m), "span_start": m.start,
                                                "span_end": m.end,
                                                "sentence_id": self.sentence(m.article, m.start, m.end)})  # fmt: skip
        for row, c in zip(check_rows(d), b.checks, strict=True):
            kid = self.insert("checks", {"story_id": sid, "position": row["check"], "kind": c.kind, "scope": c.scope,
                                         "status": c.status, "formula": c.formula, "message": c.message,
                                         "expected": c.expected, "actual": c.actual})  # fmt: skip
            for x in c.citations:
                self.citation(x, d, check_id=kid)
        for q in quote_rows(d):
            if q["article"] in d.articles:
                self.insert("quotes", {"story_id": sid, **{k: q[k] for k in ("statement", "speaker", "text", "kind",
                            "verb", "similarity", "outlet")}, "article_id": q["article"], "span_start": q["start"],
                            "span_end": q["end"], "sentence_id": self.sentence(q["article"], q["start"], q["end"]),
                            "via": q["via"]})  # fmt: skip
        for t in b.timeline:
            tc = t.citation
            if tc.article in d.articles:
                self.insert("timeline", {"story_id": sid, "date": t.date, "granularity": t.granularity,
                                         "tense": t.tense, "text": t.text, "article_id": tc.article,
                                         "span_start": tc.start, "span_end": tc.end,
                                         "sentence_id": self.sentence(tc.article, tc.start, tc.end)})  # fmt: skip


def write_bundle(
    store: Store, out_dir: str | Path, only: Sequence[str] = (), page: int = PAGE
) -> dict[str, int]:
    """Write evidence.db and metadata.json under `out_dir`; returns the rows of each table."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    final, part = out / f"{DB_NAME}.db", out / f".{DB_NAME}.db.part"
    part.unlink(missing_ok=True)
    db = sqlite3.connect(part)
    try:
        db.execute("PRAGMA foreign_keys = ON")  # a row citing nothing stored fails here, not in datasette
        db.executescript(SCHEMA)
        w, tally = _Writer(db, store), OutletTally()
        for n, d in enumerate(iter_stories(store, only, page), 1):
            w.story(d, tally)
            if n % page == 0:
                db.commit()
        for r in tally.rows():
            name = r.pop("outlet")
            db.execute("INSERT OR IGNORE INTO outlets (name) VALUES (?)", (name,))
            db.execute(
                f"UPDATE outlets SET {', '.join(f'{k} = ?' for k in r)} WHERE name = ?", [*r.values(), name]
            )
        db.execute("INSERT INTO articles_fts(articles_fts) VALUES ('rebuild')")
        db.commit()
        bad = db.execute("PRAGMA foreign_key_check").fetchall()
        if bad:
            raise NewsfuseError(f"evidence bundle: rows pointing at nothing: {bad[:3]}")
        counts = {t: db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in _tables(db)}
    except BaseException:
        db.close()
        part.unlink(missing_ok=True)
        raise
    db.close()
    os.replace(part, final)
    (out / "metadata.json").write_text(
        json.dumps(metadata(counts), indent=2, ensure_ascii=False) + "\n", "utf-8"
    )
    return counts


def _tables(db: sqlite3.Connection) -> list[str]:
    rows = db.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'articles_fts%' "
        "AND name NOT LIKE 'sqlite_%' ORDER BY rowid"
    ).fetchall()
    return [r[0] for r in rows]
