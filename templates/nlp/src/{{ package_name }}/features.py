"""Text to numbers: TF-IDF weighted word n-grams, learnt inside each model pipeline."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer


def build_vectoriser(settings: dict[str, Any]) -> ColumnTransformer:
    """TF-IDF on the ``text`` column: lower-cased words and word pairs, sublinear term counts.

    Wrapped in a ColumnTransformer so models take the same one-column frame that ``predict``
    reads from a CSV.
    """
    tfidf = TfidfVectorizer(
        ngram_range=(1, settings["max_ngram"]),
        min_df=settings["min_df"],
        sublinear_tf=True,
        strip_accents="unicode",
    )
    return ColumnTransformer([("tfidf", tfidf, "text")])


def term_contributions(pipeline, texts: pd.DataFrame, labels,
                       count: int) -> dict[str, list[tuple[str, float]]]:
    """For each class, the ``count`` terms that push its own ``texts`` towards it the most.

    A linear model's score for a class is a sum over terms of TF-IDF weight x coefficient; the
    contribution of a term is that product averaged over the texts of the class, so a term
    counts when it is both weighted by the model and used in the (held-out) texts. Terms made
    only of stop words ("my", "to the") are left out: the model may use them, but they say
    nothing a reader can check about a class.
    """
    vectoriser, model = pipeline[0], pipeline[-1]
    vocabulary = vectoriser.named_transformers_["tfidf"].get_feature_names_out()
    stop_words_only = np.array([set(term.split()) <= ENGLISH_STOP_WORDS for term in vocabulary])
    binary = len(model.classes_) == 2
    weights = np.vstack([-model.coef_[0], model.coef_[0]]) if binary else model.coef_
    matrix, labels = vectoriser.transform(texts), np.asarray(labels)
    terms = {}
    for label, row in zip(model.classes_, weights, strict=True):
        own = matrix[labels == label]
        if not own.shape[0]:  # no text of this class in the split
            terms[str(label)] = []
            continue
        contribution = np.asarray(own.multiply(row).mean(axis=0)).ravel()
        contribution[stop_words_only] = -np.inf
        strongest = [index for index in contribution.argsort()[::-1][:count]
                     if np.isfinite(contribution[index])]
        terms[str(label)] = [(vocabulary[index], float(contribution[index])) for index in strongest]
    return terms
