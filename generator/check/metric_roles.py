"""Whose number a metric value is: the final model's, a baseline's, a training score, a goal.

A README gives many numbers for one metric; a reviewer reads as "the result" the final (selected, best)
model's value on held-out data. A value's *role* is read from the words next to it: its table row's
label and column header, or the clause of the sentence before it. The roles, best first:

- ``final``: the row or sentence marks the chosen model ("final", "selected", "best", "tuned", ✅);
- ``test``: said to be on held-out data ("test", "held-out", "unseen");
- ``""``: nothing said;
- ``train``: a training-set score ("train", "training", "in-sample") and no test word beside it;
- ``target``: a goal, not a result ("goal", "aim", "target of", "we want", ">85%");
- ``baseline``: a baseline's, a dummy's or chance's ("random classifier", "AUC = 0.5 by chance");
- ``delta``: a change, written with a plus sign ("+0.015 on CV"): evidence of a comparison, not a score.
"""

from __future__ import annotations

import re
from functools import lru_cache

from generator.check.terms import lowered_in_place

ROLE_RANK = {"final": 5, "test": 4, "": 3, "train": 2, "target": 1, "baseline": 0, "delta": -1}
"""Which value a reader takes as the result when a README gives several of one metric."""
NOT_RESULTS = frozenset({"target", "baseline", "delta"})
"""Roles whose values are never the project's result: a goal, another model's number, a change."""
HELD_OUT = frozenset(found for found, rank in ROLE_RANK.items() if rank >= ROLE_RANK[""])
"""Roles of values that may be the model's held-out result (what ``reports/metrics.json`` holds)."""

_BASELINE = re.compile(
    r"baseline|dummy|majority[- ]class|most[- ]frequent|naive(?![- ]?bayes)|random (?:guess|classifier|model|chance"
    r"|prediction|baseline)|(?:by|than|at|pure|random) chance|chance[- ]level|no[- ]skill|before tuning|untuned"
    r"|default (?:model|param|setting|hyperparam|config)",
    re.IGNORECASE,
)
_TARGET = re.compile(
    r"\b(?:goals?|aim(?:s|ed|ing)?|objectives?(?! function)|we want|we hope|hop(?:e|ing) (?:to|for)|success criteri"
    r"|target(?:s|ed|ing)?(?! (?:variable|column|class|label|feature|audience|customer|user|group))"
    r"""|(?:should|must|needs? to) (?:reach|achieve|exceed|hit))\b|(?<![-=\w"'/])[>≥]=?\s*[-+.\d%]""",
    re.IGNORECASE,
)
REACHED = re.compile(r"\b(?:reached|achieved|obtained|got|scored|attained|yielded|gave|was reached|were reached)\b")
"""A result said in the past: after it, a number is what the project reached, whatever goal came before."""
_TEST = re.compile(r"\btest(?:ing)?\b|\bheld[- ]?out|\bhold[- ]?out|\bunseen\b|out[- ]of[- ]sample", re.IGNORECASE)
_TRAIN = re.compile(r"\btrain(?:ing)?\b|\bin[- ]sample", re.IGNORECASE)
_FINAL = re.compile(r"final|selected|chosen|best|tuned|ours|proposed|deployed|winner|✅|⭐|🏆", re.IGNORECASE)
CLAUSE_END = re.compile(r"[.;!?](?:\s|\*)|\n")
CLAUSE_REACH = 40
"""Characters before a value that can say whose it is: the words just before it, not the paragraph."""


_ANCHORS = (
    *("baseline", "dummy", "majority", "frequent", "naive", "random", "chance", "skill", "tuning", "untuned"),
    *("default", "goal", "aim", "objective", "want", "hop", "criteri", "target", "should", "must", "need", ">"),
    *("test", "held", "hold", "unseen", "sample", "train", "final", "selected", "chosen", "best", "tuned", "ours"),
    *("proposed", "deployed", "winner"),
)
"""A piece of every match of the role patterns but for the caseless ones below: a label with none of them
has no role (most labels), told by a few substring tests instead of five searches (tests/test_check_shortcuts.py)."""
_CASELESS_ANCHORS = ("\u2265", "\u2705", "\u2b50", "\U0001f3c6")
"""``≥``, ✅, ⭐, 🏆: the characters of the role patterns that are not ASCII (they have no case)."""


def without_anchor(label: str) -> bool:
    """Whether no role pattern can match ``label``: none of the anchors is in it. Lower-case anchors are
    looked for in the lower-cased label where that is exact (:func:`~generator.check.terms.lowered_in_place`:
    always for ASCII; the clause before a value often holds a ``±`` or a dash)."""
    lowered = label.lower()
    if any(map(lowered.__contains__, _ANCHORS)):
        return False
    return label.isascii() or (
        lowered_in_place(label, lowered) is not None and not any(map(label.__contains__, _CASELESS_ANCHORS))
    )


def role(label: str) -> str:
    """The role a table row's label, a column's header or the clause before a value gives the value."""
    if without_anchor(label):
        return ""
    if _BASELINE.search(label):
        return "baseline"
    target = _TARGET.search(label)
    if target and not REACHED.search(label, target.end()):
        return "target"  # "the goal was 85% and we reached": what comes after "reached" is a result
    test = _TEST.search(label)
    if not test and _TRAIN.search(label):
        return "train"
    if _FINAL.search(label):
        return "final"
    return "test" if test else ""


@lru_cache(maxsize=4096)
def label_role(label: str) -> str:
    """:func:`role` of a table's cell: a table repeats its headers and model names on every row."""
    return role(label)


def combine(*roles: str) -> str:
    """One role from a row's and a column's: a low one (train, target, baseline) wins, else the higher."""
    low = [found for found in roles if ROLE_RANK[found] < ROLE_RANK[""]]
    if low:
        return min(low, key=ROLE_RANK.__getitem__)
    return max(roles, key=ROLE_RANK.__getitem__)


def clause(raw: str, start: int, end: int, floor: int = 0) -> str:
    """The words that can say whose a value is: from the start of its clause (or ``floor``, where the
    value read before it ended, or :data:`CLAUSE_REACH` characters back) to the end of the value."""
    low = max(floor, start - CLAUSE_REACH, 0)
    for stop in CLAUSE_END.finditer(raw, low, start):
        low = stop.end()
    return raw[low:end]


_LISTED = re.compile(r"\W*(?:and|or)?\s*(?:an?|the)?\s*$", re.IGNORECASE)
"""What joins two items of one list ("…, and a"): nothing that could state a result of its own."""
_LIST_GAP = 12
"""The longest such join, in characters (the pattern is only tried on that short a gap)."""


def carried(previous: str, raw: str, floor: int, start: int, end: int) -> str:
    """The role a value read name-first takes from the value before it in its sentence, when its own words
    give none: the final model's or the test set's ("our final model reached accuracy 0.91 and F1 0.88"),
    and a goal's only for the next item of its list that no "was reached" follows ("at least 85% and a
    recall above 0.8"). ``floor``: where the value before ended; ``start``/``end``: this value's match."""
    if previous in ("final", "test"):
        return previous
    if previous == "target" and start - floor <= _LIST_GAP and _LISTED.match(raw, floor, start):
        stop = CLAUSE_END.search(raw, end)
        if not REACHED.search(raw, end, stop.start() if stop else len(raw)):
            return previous
    return ""
