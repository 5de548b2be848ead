"""The fitted review flag: how likely is it that a criterion's decision is wrong?

A small logistic model over a handful of named signals of each criterion's decision (how close the
cue weight came to the threshold, whether the decision flips under small variations of the rules,
cues voided by negation or rejection, words of the criterion's vocabulary, the hand-set near-miss
rules of review.py, answer length, mixed language, corrected typos) plus one intercept per criterion
(some criteria are missed more often than others). Its weights are data, in review_model.json, with
every feature named; `reflection-grader fit-review` (review_fit.py) refits them.

An answer needs review when any criterion's probability of being wrong reaches the model's threshold;
the criteria that do are listed, most likely wrong first. The model never changes a decision.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources

from .bank import Item
from .fitting import sigmoid

MODEL_FILE = "review_model.json"

# The features, in the order the model file lists them. Every value lies in [0, 1] (`long` in [-1, 2]),
# so the weights can be read against each other. "miss_" features apply only to a criterion not met.
FEATURES: tuple[str, ...] = (
    "met",  # the rules say met
    "guard",  # a guard criterion ("does not judge"): met unless the unwanted move is seen
    "closeness",  # 1 - |margin| to the threshold; 0 when a whole threshold (or more) away
    "partial_miss",  # an evidence criterion not met, yet some live cue of it was found
    "single_cue",  # an evidence criterion met on a single cue
    "voided",  # cues voided by negation or rejection (guards: violations negated or hypothetical)
    "flips",  # how many rule variations (perturb.py) flip the decision, /3, capped at 1
    "rule_flag",  # the hand-set near-miss rules (review.py) flag this criterion
    "vocab",  # distinct words of the criterion's own vocabulary in one sentence, /8, capped at 1
    "long",  # answer length: log2(words / 100), between -1 and 2
    "miss_long",  # the same, for a criterion not met (long answers hide points in own words)
    "others",  # share of the answer's other criteria that are met
    "miss_others",  # the same, for a criterion not met (a good answer that misses one point)
    "typos",  # some sentence of the answer holds a word only after a typo correction
    "reader_doubt",  # the second reader (reader.py) disagrees with the decision: how far its P(met)
    # lies on the other side of 0.5, scaled to [0, 1]; 0 when it agrees (or has no model), so its
    # agreement never hides a near miss the hand-set rules see
    "reader_added",  # the point was added by the second reader, not by the rules
)
CRITERION_PREFIX = "crit:"  # one intercept per criterion: "crit:item/criterion"


def _clip(x: float, lo: float = 0.0, hi: float = 1.0) -> float:
    return lo if x < lo else hi if x > hi else x


def _reader_doubt(sig: Mapping[str, float], met: bool) -> float:
    if "reader" not in sig:
        return 0.0
    against = 1.0 - sig["reader"] if met else sig["reader"]
    return _clip(2.0 * against - 1.0)


def criterion_features(
    sig: Mapping[str, float], answer: Mapping[str, float], others: float
) -> dict[str, float]:
    """The named features of one criterion's decision, from the scorer's signals (`score_details`);
    `others` is the share of the answer's other criteria that the rules found met."""
    added = sig.get("reader_added", 0.0) > 0
    met = sig.get("met", 0.0) >= 0.5 or added
    guard = sig.get("guard", 0.0) >= 0.5
    miss = 0.0 if met else 1.0
    if guard:
        voided = sig.get("viol_negated", 0.0) > 0 or sig.get("viol_hypothetical", 0.0) > 0
    else:
        voided = sig.get("cue_negated", 0.0) > 0 or sig.get("cue_rejected", 0.0) > 0
    long = _clip(math.log2(max(answer.get("words", 100.0), 1.0) / 100.0), -1.0, 2.0)
    feats = {
        "met": float(met),
        "guard": float(guard),
        "closeness": _clip(1.0 - abs(sig.get("margin", -1.0))),
        "partial_miss": float(not met and not guard and sig.get("cue_top", 0.0) > 0),
        "single_cue": float(met and not guard and sig.get("cue_count", 0.0) <= 1),
        "voided": float(voided),
        "flips": min(sig.get("flips", 0.0), 3.0) / 3.0,
        "rule_flag": float(sig.get("rule_flag", 0.0) > 0),
        "vocab": min(sig.get("vocab_top", 0.0), 8.0) / 8.0,
        "long": long,
        "miss_long": long * miss,
        "others": others,
        "miss_others": others * miss,
        "typos": float(answer.get("typos", 0.0) > 0),
        "reader_doubt": _reader_doubt(sig, met),
        "reader_added": float(added),
    }
    return {k: round(v, 6) for k, v in feats.items()}


def answer_features(spec: Item, signals: Mapping[str, Mapping[str, float]]) -> dict[str, dict[str, float]]:
    """Per criterion id (item order), its features; empty when the scorer gave no signals (a non-attempt)."""
    answer = signals.get("_answer", {})
    ids = [c.id for c in spec.criteria if c.id in signals]
    met = {
        cid: signals[cid].get("met", 0.0) >= 0.5 or signals[cid].get("reader_added", 0.0) > 0 for cid in ids
    }
    out = {}
    for cid in ids:
        rest = [met[o] for o in ids if o != cid]
        others = sum(rest) / len(rest) if rest else 0.0
        out[cid] = criterion_features(signals[cid], answer, others)
    return out


@dataclass(frozen=True)
class ReviewModel:
    weights: Mapping[str, float]
    threshold: float

    def probability(self, key: str, feats: Mapping[str, float]) -> float:
        z = self.weights.get("bias", 0.0) + self.weights.get(CRITERION_PREFIX + key, 0.0)
        z += sum(self.weights.get(name, 0.0) * v for name, v in feats.items())
        return sigmoid(z)

    def probabilities(self, spec: Item, feats: Mapping[str, Mapping[str, float]]) -> dict[str, float]:
        return {cid: self.probability(f"{spec.id}/{cid}", f) for cid, f in feats.items()}

    def flagged(self, probs: Mapping[str, float]) -> list[str]:
        """Criteria at or over the threshold, most likely wrong first (ties in item order)."""
        order = {cid: i for i, cid in enumerate(probs)}
        over = [cid for cid, p in probs.items() if p >= self.threshold]
        return sorted(over, key=lambda cid: (-probs[cid], order[cid]))


def from_dict(data: Mapping) -> ReviewModel:
    if data.get("format") != 1:
        raise ValueError(f"unknown review model format {data.get('format')!r}")
    return ReviewModel({k: float(v) for k, v in data["weights"].items()}, float(data["threshold"]))


@cache
def load() -> ReviewModel:
    """The shipped model (grading/review_model.json)."""
    raw = resources.files("grading").joinpath(MODEL_FILE).read_text(encoding="utf-8")
    return from_dict(json.loads(raw))
