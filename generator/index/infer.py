"""Guess what kind of ML project a hand-made repository is, from what it says and what it uses.

Generated projects say their type in ``.copier-answers.yml``; everything else is inferred here
from three kinds of evidence, strongest first: metric names (``rmse`` means regression far more
surely than the word "regression" in prose), dependencies (``mlflow``, ``torch``) and words in
the README's headings and text. The result is always marked ``inferred`` so the page can say so.
Nothing is executed: dependency files are read as text.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

# Evidence per type: (metric names, dependency names, words/phrases in the README).
_SIGNALS: dict[str, tuple[frozenset[str], frozenset[str], tuple[str, ...]]] = {
    "regression": (
        frozenset({"rmse", "mae", "r2", "mse", "r_squared"}),
        frozenset(),
        ("regression", "regressor", "house prices", "predict the price"),
    ),
    "classification": (
        frozenset({"accuracy", "precision", "recall", "f1", "roc_auc", "auc", "log_loss"}),
        frozenset(),
        ("classification", "classifier", "churn"),
    ),
    "nlp": (
        frozenset({"bleu", "rouge", "perplexity", "macro_f1"}),
        frozenset({"nltk", "spacy", "transformers", "gensim", "sentencepiece", "tokenizers"}),
        ("tf-idf", "tfidf", "tokenizer", "tokenization", "sentiment", "natural language", "nlp", "text"),
    ),
    "vision": (
        frozenset({"iou", "map", "top5_accuracy"}),
        frozenset({"torch", "torchvision", "tensorflow", "keras", "opencv-python", "pillow", "timm"}),
        ("cnn", "convolutional", "image", "images", "computer vision", "pixels"),
    ),
    "pipeline": (
        frozenset(),
        frozenset({"mlflow", "fastapi", "uvicorn", "airflow", "prefect", "dvc", "bentoml", "docker"}),
        ("mlflow", "fastapi", "docker", "deployment", "serving", "end-to-end", "drift"),
    ),
    "clustering": (
        frozenset({"silhouette", "davies_bouldin", "calinski_harabasz", "adjusted_rand"}),
        frozenset(),
        ("clustering", "k-means", "kmeans", "segmentation", "clusters"),
    ),
    "timeseries": (
        frozenset({"mape", "smape", "mase"}),
        frozenset({"statsmodels", "prophet", "sktime", "pmdarima", "darts"}),
        ("forecast", "forecasting", "arima", "time series", "time-series", "lag", "seasonal"),
    ),
}
_WEIGHTS = {"metric": 3, "dependency": 2, "word": 1}
# When scores tie, the more specific type wins (accuracy is shared by classification, NLP and vision).
_PRIORITY = ("pipeline", "timeseries", "vision", "nlp", "clustering", "regression", "classification")
# Dependencies worth naming as skills, with the spelling people recognise.
SKILL_NAMES = {
    "scikit-learn": "scikit-learn",
    "sklearn": "scikit-learn",
    "pandas": "pandas",
    "numpy": "NumPy",
    "matplotlib": "matplotlib",
    "seaborn": "seaborn",
    "plotly": "Plotly",
    "scipy": "SciPy",
    "torch": "PyTorch",
    "torchvision": "torchvision",
    "tensorflow": "TensorFlow",
    "keras": "Keras",
    "xgboost": "XGBoost",
    "lightgbm": "LightGBM",
    "catboost": "CatBoost",
    "statsmodels": "statsmodels",
    "prophet": "Prophet",
    "nltk": "NLTK",
    "spacy": "spaCy",
    "transformers": "Hugging Face Transformers",
    "gensim": "gensim",
    "opencv-python": "OpenCV",
    "pillow": "Pillow",
    "mlflow": "MLflow",
    "fastapi": "FastAPI",
    "pydantic": "pydantic",
    "airflow": "Airflow",
    "prefect": "Prefect",
    "dvc": "DVC",
    "streamlit": "Streamlit",
    "jupyter": "Jupyter",
    "polars": "Polars",
    "docker": "Docker",
}
MAX_SKILLS = 8
_REQUIREMENT = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)")
_WORD_CACHE: dict[str, re.Pattern[str]] = {}


@dataclass(frozen=True)
class Inference:
    """The best-supported type (None when nothing points to ML) and the evidence for it."""

    type: str | None
    evidence: tuple[str, ...]


def dependencies(root: Path) -> list[str]:
    """Normalised distribution names from pyproject.toml, requirements*.txt and environment.yml.

    A ``Dockerfile`` counts as a ``docker`` dependency: it is how an end-to-end system says it ships.
    """
    names: list[str] = []
    pyproject = root / "pyproject.toml"
    if pyproject.is_file():
        try:
            data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
            data = {}
        project = data.get("project")
        if not isinstance(project, dict):
            project = {}
        declared = project.get("dependencies")
        names.extend(_requirement_names(declared if isinstance(declared, list) else []))
        poetry = data.get("tool", {}).get("poetry", {}) if isinstance(data.get("tool"), dict) else {}
        if isinstance(poetry, dict) and isinstance(poetry.get("dependencies"), dict):
            names.extend(name for name in poetry["dependencies"] if name != "python")
    for path in sorted(root.glob("requirements*.txt")):
        names.extend(_requirement_names(_lines(path)))
    conda_lines = (line.strip() for line in _lines(root / "environment.yml"))
    conda = [line[1:].strip() for line in conda_lines if line.startswith("-")]
    names.extend(_requirement_names(conda))
    if (root / "Dockerfile").is_file():
        names.append("docker")
    seen: list[str] = []
    for name in names:
        normal = re.sub(r"[._]+", "-", name.lower())
        if normal not in seen:
            seen.append(normal)
    return seen


def _lines(path: Path) -> list[str]:
    """The lines of a text file; a missing or unreadable one has none."""
    try:
        return path.read_text(encoding="utf-8").splitlines() if path.is_file() else []
    except (OSError, UnicodeDecodeError):
        return []


def _requirement_names(lines: Iterable[object]) -> list[str]:
    names = []
    for line in lines:
        if not isinstance(line, str) or line.lstrip().startswith(("#", "-")):
            continue
        match = _REQUIREMENT.match(line)
        if match:
            names.append(match.group(1))
    return names


def skills_from_dependencies(names: list[str]) -> list[str]:
    """The recognisable tools among ``names``, in the order the project lists them."""
    skills: list[str] = []
    for name in names:
        skill = SKILL_NAMES.get(name)
        if skill and skill not in skills:
            skills.append(skill)
    return skills[:MAX_SKILLS]


def infer_type(text: str, metric_names: list[str], dependency_names: list[str]) -> Inference:
    """Score every type against the evidence; the highest (ties: the more specific) wins."""
    lowered = text.lower()
    metrics = {name.lower() for name in metric_names}
    deps = set(dependency_names)
    scores: dict[str, int] = {}
    evidence: dict[str, list[str]] = {}
    for type_id, (metric_set, dep_set, words) in _SIGNALS.items():
        found = [f"metric {name}" for name in sorted(metrics & metric_set)]
        found += [f"dependency {name}" for name in sorted(deps & dep_set)]
        found_words = [f"word {word!r}" for word in words if _word(word).search(lowered)]
        scores[type_id] = (
            _WEIGHTS["metric"] * len(metrics & metric_set)
            + _WEIGHTS["dependency"] * len(deps & dep_set)
            + _WEIGHTS["word"] * len(found_words)
        )
        evidence[type_id] = found + found_words
    best = max(_PRIORITY, key=lambda type_id: (scores[type_id], -_PRIORITY.index(type_id)))
    if scores[best] == 0:
        return Inference(None, ())
    return Inference(best, tuple(evidence[best]))


def _word(phrase: str) -> re.Pattern[str]:
    """A whole-word pattern for ``phrase`` (so "lag" does not match "flag")."""
    pattern = _WORD_CACHE.get(phrase)
    if pattern is None:
        pattern = re.compile(r"(?<![a-z0-9])" + re.escape(phrase) + r"(?![a-z0-9])")
        _WORD_CACHE[phrase] = pattern
    return pattern
