"""The optional transformer path: sentence embeddings from a local Hugging Face model.

Used only when the ``transformers`` package is installed **and** a local model folder is given
(``[transformer] model_path`` in params.toml, or the ``TRANSFORMER_MODEL_PATH`` environment
variable). Nothing is downloaded: the model is loaded with ``local_files_only=True``. Texts are
embedded by mean-pooling the last hidden layer and a logistic regression is trained on top,
which runs on a CPU in seconds for a few hundred short texts.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.linear_model import LogisticRegression

ENV_VARIABLE = "TRANSFORMER_MODEL_PATH"


def transformer_model_path(settings: dict[str, Any]) -> Path | None:
    """The local model folder to use, or None when the transformer path is off.

    Off unless a path is configured (environment first, then params.toml); a configured path
    without the ``transformers`` package, or that does not exist, is reported and skipped.
    """
    configured = os.environ.get(ENV_VARIABLE) or settings.get("model_path", "")
    if not configured:
        return None
    if importlib.util.find_spec("transformers") is None:
        print("note: `transformers` is not installed, so the transformer model is skipped",
              file=sys.stderr)
        return None
    path = Path(configured).expanduser()
    if not path.is_dir():
        print(f"note: no local model folder at {path}, so the transformer model is skipped",
              file=sys.stderr)
        return None
    return path


class TransformerEmbeddingClassifier(ClassifierMixin, BaseEstimator):
    """Mean-pooled embeddings of a local transformer, then logistic regression."""

    def __init__(self, model_path: str = "", batch_size: int = 32, max_length: int = 64) -> None:
        self.model_path = model_path
        self.batch_size = batch_size
        self.max_length = max_length

    def fit(self, texts, labels) -> TransformerEmbeddingClassifier:
        """Embed the texts and fit the classifier on the embeddings."""
        self.head_ = LogisticRegression(max_iter=2000).fit(self._embed(texts), labels)
        self.classes_ = self.head_.classes_
        return self

    def predict(self, texts) -> np.ndarray:
        """The most likely label of each text."""
        return self.head_.predict(self._embed(texts))

    def _embed(self, texts) -> np.ndarray:
        import torch
        from transformers import AutoModel, AutoTokenizer

        tokenizer = AutoTokenizer.from_pretrained(self.model_path, local_files_only=True)
        encoder = AutoModel.from_pretrained(self.model_path, local_files_only=True).eval()
        column = texts["text"] if hasattr(texts, "columns") else texts
        strings = [str(text) for text in column]
        vectors = []
        with torch.no_grad():
            for start in range(0, len(strings), self.batch_size):
                batch = tokenizer(strings[start:start + self.batch_size], padding=True,
                                  truncation=True, max_length=self.max_length, return_tensors="pt")
                hidden = encoder(**batch).last_hidden_state
                mask = batch["attention_mask"].unsqueeze(-1).to(hidden.dtype)
                vectors.append(((hidden * mask).sum(1) / mask.sum(1)).numpy())
        return np.vstack(vectors)
