"""When is the grader unsure? Per-criterion review signals that never change a decision.

Most wrong decisions are misses: the learner met a criterion in their own words and no cue pattern
fired. Such a miss often leaves a trace: words of the criterion's own vocabulary (the literal words
and concept words of its cue patterns) in one sentence, without the full pattern. This module
derives that vocabulary from the item file, measures how much of it a sentence holds, and turns the
rules' signals into the list of criteria a person should look at (`unsure_criteria`).

Everything here is general: the vocabulary comes from the cue patterns and concept lists, never
from learner answers. The thresholds below were chosen by cross-validation on the read dev parts
(docs/grader.md, "Round 3"). Since round 4 these near-miss rules are one signal (`rule_flag`) of the
fitted review model (review_model.py), which makes the flag.
"""

from __future__ import annotations

import re
from functools import cache

from .bank import load_item
from .rules import concepts
from .text import all_function_words

STEM = 5  # words are compared by their first letters: a cheap stand-in for lemmas
_WORDS = re.compile(r"[^\W\d_]{4,}")
_CONCEPT_REF = re.compile(r"\{([a-z_]+)\}")
SHARED_MAX = 2  # a stem in the patterns of more criteria than this says nothing about one of them

# An evidence criterion that is not met is flagged when the rules saw part of it: at least BORDER of
# the threshold in its best sentence, or a cue voided by a veto, a rejection or a fragment (a cue of
# at least VOIDED_CUE found but not counted). In a long answer (LONG_ANSWER words or more) a stray
# half cue is common and rarely means a miss, so there it is flagged only when one sentence also
# holds NEAR_WORDS distinct words of the criterion's own vocabulary. Chosen by cross-validation on
# the read dev parts: the most wrong answers caught with at most 20 % flagged in each (round 3).
BORDER = 0.5
VOIDED_CUE = 0.5
LONG_ANSWER = 200
NEAR_WORDS = 6


def _stem(word: str) -> str:
    return word[:STEM]


@cache
def vocabulary(item_id: str) -> tuple[frozenset[str], ...]:
    """Per criterion (item order), the stems of the words its cue patterns are built from: literal
    words and the words of the concepts it names. Stems used by many criteria are dropped."""
    spec = load_item(item_id)
    known = concepts()
    stop = all_function_words()
    per: list[set[str]] = []
    for c in spec.criteria:
        words: set[str] = set()
        for p in c.rule.pos + c.rule.requires:
            src = p.source.lstrip("!")
            for name in _CONCEPT_REF.findall(src):
                words.update(_WORDS.findall(known.get(name, "")))
            words.update(_WORDS.findall(_CONCEPT_REF.sub(" ", src).replace("~", " ")))
        per.append({_stem(w) for w in words if w not in stop})
    counts: dict[str, int] = {}
    for stems in per:
        for s in stems:
            counts[s] = counts.get(s, 0) + 1
    return tuple(frozenset(s for s in stems if counts[s] <= SHARED_MAX) for stems in per)


def vocabulary_hits(item_id: str, toks: list[str] | tuple[str, ...]) -> tuple[int, ...]:
    """Per criterion, how many distinct stems of its vocabulary occur in these tokens."""
    stems = {_stem(t) for t in toks if len(t) >= 4}
    return tuple(len(stems & v) for v in vocabulary(item_id))


def near_miss(score: float, threshold: float, sig: dict[str, float], words: int, border: float = 0.0) -> bool:
    """Is an evidence criterion that is not met worth a person's look? (see the constants above;
    `border` overrides BORDER for a criterion whose parts weigh less than half, item file "near")"""
    partial = (score > 0 and score >= threshold - (border or BORDER)) or sig.get("cue_top", 0.0) >= VOIDED_CUE
    if not partial:
        return False
    return words < LONG_ANSWER or sig.get("vocab_top", 0.0) >= NEAR_WORDS
