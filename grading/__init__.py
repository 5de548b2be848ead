"""Reflection grader: plain, typed Python with no notebook or widget imports.

`score(item, text, lang)` is the one entry point the course, the nbgrader cells and the CLI share.
"""

from .bank import Criterion, Item, UnknownItemError, item_ids, load_item
from .scorer import CriterionResult, Score, score, warm_up

__all__ = [
    "Criterion",
    "CriterionResult",
    "Item",
    "Score",
    "UnknownItemError",
    "item_ids",
    "load_item",
    "score",
    "warm_up",
]
