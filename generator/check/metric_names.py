"""The metrics a README can name: their spellings, ids, and which way is better.

Kept apart from the reading of values (:mod:`generator.check.metrics_text`) because every part of check
that meets a metric's name (tables, ``reports/metrics.json`` keys, the choice of the reported value) needs
the same dictionary, and nothing else from the reader.
"""

from __future__ import annotations

import re
from functools import lru_cache

# metric id -> spellings (lower case; matched as whole words, spaces/dashes/underscores alike)
METRIC_NAMES: dict[str, tuple[str, ...]] = {
    "macro_f1": ("macro f1", "macro f1 score", "f1 macro", "macro avg f1", "macro averaged f1"),
    "weighted_f1": ("weighted f1", "f1 weighted"),
    "accuracy": (
        "accuracy",
        "acc",
        "test accuracy",
        "balanced accuracy",
        "validation accuracy",
        "val accuracy",
        "top 1 accuracy",
        "top1 accuracy",
    ),
    "precision": ("precision",),
    "recall": ("recall", "sensitivity"),
    "f1": ("f1", "f1 score", "f score", "f measure"),
    "roc_auc": ("roc auc", "auc roc", "auroc", "auc", "roc", "roc score", "auc score", "roc auc score"),
    "pr_auc": ("pr auc", "average precision", "auprc"),
    "log_loss": ("log loss", "logloss", "cross entropy"),
    "rmse": ("rmse", "root mean squared error", "root mean square error"),
    "mse": ("mse", "mean squared error"),
    "mae": ("mae", "mean absolute error"),
    "mape": ("mape", "mean absolute percentage error"),
    "r2": ("r2", "r²", "r^2", "r squared", "coefficient of determination"),
    "silhouette": ("silhouette", "silhouette score"),
    "davies_bouldin": ("davies bouldin", "davies bouldin index", "davies bouldin score"),
    "adjusted_rand": ("adjusted rand", "adjusted rand index", "adjusted rand score", "ari"),
    "bleu": ("bleu",),
    "rouge": ("rouge", "rouge l", "rouge 1"),
    "perplexity": ("perplexity",),
    "iou": ("iou", "miou", "mean iou", "jaccard"),
    "dice": ("dice",),
    "map": ("map", "mean average precision"),
    "ndcg": ("ndcg",),
    "wer": ("wer", "word error rate"),
    "kappa": ("kappa", "cohen kappa", "cohen's kappa", "qwk", "quadratic weighted kappa"),
    "mcc": ("mcc", "matthews correlation", "matthews correlation coefficient"),
    "score": (
        "cv score",
        "public lb",
        "private lb",
        "lb score",
        "public score",
        "private score",
        "public leaderboard",
        "private leaderboard",
        "leaderboard score",
        "cv",
        "public",
        "private",
        "oof",
        "oof cv",
        "oof score",
        "publicscore",  # Kaggle's submission list, pasted as text
        "privatescore",
    ),
}
SPELLING_TO_ID = {s: metric for metric, spellings in METRIC_NAMES.items() for s in spellings}
LOWER_IS_BETTER = frozenset({"rmse", "mse", "mae", "mape", "log_loss", "davies_bouldin", "wer", "perplexity"})
BOUNDED = frozenset(
    {
        *("score", "kappa", "mcc", "accuracy", "precision", "recall", "f1", "macro_f1", "weighted_f1"),
        *("roc_auc", "pr_auc", "r2", "silhouette", "iou", "dice", "map", "ndcg"),
    }
)
"""Metrics that lie between -1 and 1, so "87" next to one of them is a percentage."""


TABLE_NAMES: dict[str, str] = {
    # Spanish, Portuguese, French, German, Italian
    **dict.fromkeys(
        (
            "acurácia",
            "acuracia",
            "exactitud",
            "exatidão",
            "précision globale",
            "genauigkeit",
            "accuratezza",
            "exactitude",
        ),
        "accuracy",
    ),
    **dict.fromkeys(("precisión", "precisão", "präzision", "precisione"), "precision"),
    **dict.fromkeys(("exhaustividad", "sensibilidad", "sensibilidade", "revocação", "rappel", "richiamo"), "recall"),
    **dict.fromkeys(("puntuación f1", "pontuação f1", "medida f1", "f1 medida"), "f1"),
    # Chinese, Japanese, Korean
    **dict.fromkeys(("准确率", "正确率", "準確率", "正解率", "정확도"), "accuracy"),
    **dict.fromkeys(("精确率", "精確率", "適合率", "정밀도"), "precision"),
    **dict.fromkeys(("召回率", "再現率", "재현율"), "recall"),
    **dict.fromkeys(("f1值", "f1分数", "f1 值", "f1得分", "f1 점수"), "f1"),
    **dict.fromkeys(("宏平均f1", "macro f1值"), "macro_f1"),
    **dict.fromkeys(("均方根误差",), "rmse"),
    **dict.fromkeys(("平均绝对误差",), "mae"),
}
"""Metric names in other languages, read in tables (a header or a row's label): prose is read in English
only, but a table of numbers says what it says in any language once its headers are known."""


@lru_cache(maxsize=4096)
def metric_id(name: str) -> str | None:
    """The metric id for a display name or key (``"ROC AUC"``, ``"roc_auc"``, ``"R²"``, ``"Acurácia"``)."""
    key = " ".join(re.sub(r"[\s_\-]+", " ", name.strip().strip("*`:").lower()).split())
    found = SPELLING_TO_ID.get(key) or SPELLING_TO_ID.get(key.replace(" ", ""))
    return found or (TABLE_NAMES.get(key) if not key.isascii() or key in TABLE_NAMES else None)


_QUALIFIED = re.compile(
    r"^(?P<name>[^()\[\]\uff08\uff09]{1,40}?)\s*(?:[(\uff08](?P<inner>[^()\uff08\uff09]{1,24})[)\uff09]|\[[^\[\]]{1,24}\]|%)$"
)
"""A header with its unit or averaging after the name: "Accuracy (%)", "MAE (days)", "RMSE [$]", "F1 (macro)"."""
_AVERAGED = {("f1", "macro"): "macro_f1", ("f1", "weighted"): "weighted_f1"}


def qualified_metric_id(header: str) -> str | None:
    """The metric a table header names before its unit or averaging (``"F1 (macro)"`` -> ``"macro_f1"``)."""
    qualified = _QUALIFIED.match(header)
    if qualified is None:
        return None
    metric = metric_id(qualified.group("name"))
    inner = (qualified.group("inner") or "").strip().lower()
    return _AVERAGED.get((metric or "", inner), metric)
