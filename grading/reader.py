"""The second reader: a small trained model per criterion that reads the answer next to the rules.

The cue rules (rules.py, scorer.py) are the explainable core. They miss points made in words no
pattern foresaw. The reader is a logistic model per criterion (item/criterion) over general features
of the text and the rules' own signals for that criterion:
- stem unigrams and bigrams of the normalised text (text.normalise: spoken spellings, typos), the
  words reduced by a plain Swedish/English suffix stripper and cut to a prefix;
- negation scope: a stem within three words after a negator (the rules' negators, lexicon.json), in
  the same clause, is read as ``n:<stem>`` instead of ``u:<stem>``;
- sentence role: stems of the words the learner says they would say (text.said_back) also appear
  as ``s:<stem>`` (what they say versus their explanation);
- a length bin of the answer;
- the rules' signals: met, cue weight against the threshold, the near-miss flag, the criterion's own
  vocabulary, the share of the other criteria met.

Its weights are data (reader_model.json, every feature named), fitted by `reflection-grader
fit-reader` (reader_fit.py) on answers written for this project only, never on the dev sets.

The scorer uses it in one direction only: a criterion the rules did not find is marked met when the
reader is at least `add_threshold` sure, with the learner's sentence the reader weighs highest as
evidence. It never removes a point the rules gave, and it never reads a non-attempt (the guards
decide those before it runs). Its probability is also a signal of the review model.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

from .fitting import sigmoid
from .rules import _is_negator
from .text import lexicon, normalise, tokens

MODEL_FILE = "reader_model.json"
PREFIX = 6  # stems are cut to this many letters after the suffix is stripped
MIN_STEM = 3
NEG_SCOPE = 3  # words after a negator that are read as negated
LENGTH_BINS = (40, 80, 150, 300)  # answer length in words: "len:0" .. "len:4"

# Suffixes, longest first. A crude stripper (no lexicon): it only has to make "lyssnade",
# "lyssnar", "lyssnandet" and "listening", "listened", "listens" meet at one stem.
_SUFFIXES = tuple(
    sorted(
        {
            # Swedish
            "arnas",
            "ernas",
            "ornas",
            "heten",
            "heter",
            "ningar",
            "ningen",
            "ningens",
            "andet",
            "ande",
            "ende",
            "arna",
            "erna",
            "orna",
            "aste",
            "are",
            "ast",
            "ade",
            "ad",
            "at",
            "ar",
            "er",
            "or",
            "en",
            "et",
            "na",
            "a",
            "e",
            "s",
            "t",
            # English
            "ations",
            "ation",
            "ingly",
            "ings",
            "ing",
            "edly",
            "ness",
            "ment",
            "ments",
            "ies",
            "ied",
            "ed",
            "es",
            "ly",
            "y",
        },
        key=len,
        reverse=True,
    )
)


def stem(word: str) -> str:
    """A crude stem: the longest known suffix stripped (the stem keeps MIN_STEM letters), then cut
    to PREFIX letters. Digits and short words stay as they are."""
    w = word.replace("'", "")
    if len(w) <= MIN_STEM or not w.isalpha():
        return w
    for suf in _SUFFIXES:
        if w.endswith(suf) and len(w) - len(suf) >= MIN_STEM:
            w = w[: -len(suf)]
            break
    return w[:PREFIX]


@cache
def _breakers() -> frozenset[str]:
    return frozenset(lexicon()["clause_breakers"])


@cache
def _negation_exceptions() -> frozenset[str]:
    # "inte bara" / "not only" do not negate what follows
    return frozenset(lexicon()["negation_exceptions"])


_CLAUSE = re.compile(r"[,;:()–—-]")


@lru_cache(maxsize=8192)
def sentence_features(sentence: str, said: bool = False) -> frozenset[str]:
    """The text features of one sentence (cached: sentences recur while a learner types)."""
    norm = normalise(sentence)
    feats: set[str] = set()
    prev: str | None = None
    scope = 0
    breakers = _breakers()
    exceptions = _negation_exceptions()
    for chunk in _CLAUSE.split(norm):
        scope = 0
        prev = None
        for tok in tokens(chunk):
            if tok in breakers:
                scope = 0
            s = stem(tok)
            if _is_negator(tok):
                feats.add("u:" + s)
                scope = NEG_SCOPE
                prev = s
                continue
            if scope == NEG_SCOPE and tok in exceptions:
                scope = 0
            if scope:
                feats.add("n:" + s)
                scope -= 1
            else:
                feats.add("u:" + s)
            if said:
                feats.add("s:" + s)
            if prev is not None:
                feats.add(f"b:{prev}_{s}")
            prev = s
    return frozenset(feats)


def length_feature(words: int) -> str:
    return f"len:{sum(words >= b for b in LENGTH_BINS)}"


def features_per_sentence(sentences: Sequence[str], said: Iterable[str]) -> list[frozenset[str]]:
    """Each sentence's features. A sentence that is (part of) the words the learner says they would
    say is read in the "said" role too."""
    said_set = tuple(said)
    return [sentence_features(s, any(s in seg or seg in s for seg in said_set)) for s in sentences]


def _whole(per_sentence: Iterable[frozenset[str]], words: int) -> frozenset[str]:
    return frozenset({length_feature(words)}.union(*per_sentence))


def answer_features(sentences: Sequence[str], said: Iterable[str], words: int) -> frozenset[str]:
    """The union of the sentences' features, and the length bin."""
    return _whole(features_per_sentence(sentences, said), words)


def rule_features(sig: Mapping[str, float], others: float) -> dict[str, float]:
    """The rules' own signals for one criterion (scorer signals), each in [0, 1]."""
    guard = sig.get("guard", 0.0) >= 0.5
    if guard:
        score = min(max(sig.get("required", 0.0), 0.0), 2.0) / 2.0
        viol = min(max(sig.get("violation", 0.0), 0.0), 2.0) / 2.0
    else:
        score = min(max(sig.get("score", 0.0), 0.0), 2.0) / 2.0
        viol = 0.0
    return {
        "r:met": float(sig.get("met", 0.0) >= 0.5),
        "r:score": round(score, 6),
        "r:violation": round(viol, 6),
        "r:near": float(sig.get("rule_flag", 0.0) > 0),
        "r:vocab": round(min(sig.get("vocab_top", 0.0), 8.0) / 8.0, 6),
        "r:others": round(others, 6),
    }


def rule_feature_sets(
    criteria: Sequence[str], signals: Mapping[str, Mapping[str, float]]
) -> dict[str, dict[str, float]]:
    """Per criterion id, its rule features; `others` counts the rules' decisions only."""
    ids = [c for c in criteria if c in signals]
    met = {c: signals[c].get("met", 0.0) >= 0.5 for c in ids}
    out = {}
    for cid in ids:
        rest = [met[o] for o in ids if o != cid]
        out[cid] = rule_features(signals[cid], sum(rest) / len(rest) if rest else 0.0)
    return out


@dataclass(frozen=True)
class CriterionModel:
    bias: float
    weights: Mapping[str, float]

    def logit(self, text: frozenset[str], rule: Mapping[str, float]) -> float:
        w = self.weights
        z = self.bias + sum(w[f] for f in text if f in w)
        return z + sum(w.get(n, 0.0) * v for n, v in rule.items())

    def probability(self, text: frozenset[str], rule: Mapping[str, float]) -> float:
        return sigmoid(self.logit(text, rule))

    def sentence_weight(self, feats: frozenset[str]) -> float:
        """How much one sentence's words speak for the criterion (the positive weights it holds)."""
        w = self.weights
        return sum(w[f] for f in feats if f in w and w[f] > 0)


@dataclass(frozen=True)
class ReaderModel:
    criteria: Mapping[str, CriterionModel]  # "item/criterion"
    add_threshold: float  # a criterion the rules missed is marked met at or over this probability

    def has(self, key: str) -> bool:
        return key in self.criteria


@dataclass(frozen=True)
class Reading:
    probability: float
    evidence: str | None  # the learner's sentence the reader weighs highest for the criterion


def read(
    model: ReaderModel,
    item_id: str,
    criteria: Sequence[str],
    sentences: Sequence[str],
    said: Sequence[str],
    words: int,
    signals: Mapping[str, Mapping[str, float]],
) -> dict[str, Reading]:
    """The reader's probability that each criterion is met, and its best evidence sentence."""
    per_sent = features_per_sentence(sentences, said)
    frozen = _whole(per_sent, words)
    rules = rule_feature_sets(criteria, signals)
    out: dict[str, Reading] = {}
    for cid, rf in rules.items():
        m = model.criteria.get(f"{item_id}/{cid}")
        if m is None:
            continue
        p = m.probability(frozen, rf)
        best, best_w = None, 0.0
        for s, f in zip(sentences, per_sent, strict=True):
            sw = m.sentence_weight(f)
            if sw > best_w:
                best, best_w = s, sw
        out[cid] = Reading(round(p, 6), best)
    return out


def from_dict(data: Mapping) -> ReaderModel:
    if data.get("format") != 1:
        raise ValueError(f"unknown reader model format {data.get('format')!r}")
    crits = {
        key: CriterionModel(float(c["bias"]), {k: float(v) for k, v in c["weights"].items()})
        for key, c in data["criteria"].items()
    }
    return ReaderModel(crits, float(data["add_threshold"]))


@cache
def load() -> ReaderModel:
    """The shipped model (grading/reader_model.json)."""
    raw = resources.files("grading").joinpath(MODEL_FILE).read_text(encoding="utf-8")
    return from_dict(json.loads(raw))
