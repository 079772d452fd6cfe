"""Text to numbers: TF-IDF weighted word n-grams, learnt inside each model pipeline."""

from __future__ import annotations

from typing import Any

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


def top_terms(pipeline, count: int) -> dict[str, list[tuple[str, float]]]:
    """The ``count`` terms with the largest weights for each class of a fitted linear pipeline.

    Terms made only of stop words ("my", "to the") are left out: the model may use them, but
    they say nothing a reader can check about a class.
    """
    vocabulary = pipeline[0].named_transformers_["tfidf"].get_feature_names_out()
    meaningful = [index for index, term in enumerate(vocabulary)
                  if not set(term.split()) <= ENGLISH_STOP_WORDS]
    model = pipeline[-1]
    weights = model.coef_ if len(model.classes_) > 2 else [-model.coef_[0], model.coef_[0]]
    terms = {}
    for label, row in zip(model.classes_, weights, strict=True):
        strongest = sorted(meaningful, key=lambda index: row[index], reverse=True)[:count]
        terms[str(label)] = [(vocabulary[index], float(row[index])) for index in strongest]
    return terms
