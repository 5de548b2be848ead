"""Fitting the second reader (`reflection-grader fit-reader`) and measuring it by cross-validation.

Training data are labelled JSON Lines files (as for `evaluate`) of answers written for this project
(tests/data/probes4/work.jsonl and train/*.jsonl). The dev sets (../shared/data/reflections-dev*.jsonl)
are refused: they are the reader's held-out evaluation. Two roles, as for `fit-review`:
- `--data`: answers the rules were not written from; cross-validated, and the threshold is set on them;
- `--extra`: answers the rules were written from (the round-4 work part); training rows in every fold,
  never scored (the rules look better on them than they are).

Per criterion: the answers the rules call attempts, the reader's features of each (reader.py), the
text features pruned to the most telling few hundred (seen in at least MIN_DF answers, ranked by a
chi-squared score against the label), and an L2-regularised logistic regression by Newton's method.
Folds by a hash of the row id; weights rounded and written with sorted keys, so the same data and
rules give the same file byte for byte. Nothing here prints or keeps a text.
"""

from __future__ import annotations

import math
import os
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from . import fitting, reader
from .bank import load_item
from .evaluate import cohen_kappa, gold_labels, load_jsonl
from .scorer import score_details

FOLDS = 5
REPEATS = 2
MIN_DF = 3  # a text feature must occur in this many training answers of the item
KEEP = 300  # text features kept per criterion
L2 = 4.0
L2_RULES = 0.5  # the rules' signals are few and strong: shrunk less
ADD_GRID = (0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 0.99)
MIN_PRECISION = 0.8  # at least this share of the points the reader adds must be right (out of fold)
RULE_NAMES = ("r:met", "r:score", "r:violation", "r:near", "r:vocab", "r:others")


class FitError(ValueError):
    """The data cannot be used as given; the message says why."""


@dataclass
class Example:
    row_id: str
    lang: str
    key: str  # item/criterion
    text: frozenset[str]
    rule: dict[str, float]
    gold: bool


def read_rows(path: str) -> list[dict[str, Any]]:
    base = os.path.basename(path.rsplit(":", 1)[0] if ":" in path else path)
    if base.startswith("reflections-dev") or "calibration" in path:
        raise FitError(f"{path}: the dev sets are the reader's held-out evaluation, never its training data")
    if not os.path.exists(path):
        raise FitError(f"no such file: {path}")
    return load_jsonl(path)


def examples(rows: Sequence[dict[str, Any]]) -> tuple[list[Example], int]:
    """Per row the rules call an attempt, one example per criterion (features from the rules alone)."""
    out: list[Example] = []
    skipped = 0
    for row in rows:
        signals: dict[str, dict[str, float]] = {}
        capture: dict[str, Any] = {}
        result, _ = score_details(
            row["item"],
            row.get("text", ""),
            row.get("lang") or "sv",
            signals=signals,
            capture=capture,
            use_reader=False,
        )
        if not result.attempt or not capture:
            skipped += 1
            continue
        gold = gold_labels(row)
        ids = [c.id for c in load_item(result.item).criteria]
        text = reader.answer_features(capture["sentences"], capture["said"], capture["words"])
        for cid, rf in reader.rule_feature_sets(ids, signals).items():
            out.append(
                Example(
                    str(row.get("id")),
                    str(row.get("lang") or "sv"),
                    f"{result.item}/{cid}",
                    text,
                    rf,
                    gold.get(cid, False),
                )
            )
    return out, skipped


# -- one criterion's model ---------------------------------------------------------------------------------
def prune(exs: Sequence[Example], keep: int = KEEP, min_df: int = MIN_DF) -> list[str]:
    """The text features most associated with the label (chi-squared on a 2x2 table), ties by name."""
    n = len(exs)
    pos = sum(e.gold for e in exs)
    df: dict[str, int] = defaultdict(int)
    dfp: dict[str, int] = defaultdict(int)
    for e in exs:
        for f in e.text:
            df[f] += 1
            if e.gold:
                dfp[f] += 1
    scored = []
    for f, a_b in df.items():
        if a_b < min_df or a_b == n:
            continue
        a = dfp.get(f, 0)
        b = a_b - a
        c = pos - a
        d = n - pos - b
        den = (a + b) * (c + d) * (a + c) * (b + d)
        chi = n * (a * d - b * c) ** 2 / den if den else 0.0
        scored.append((-round(chi, 9), f))
    scored.sort()
    return [f for _, f in scored[:keep]]


def fit_one(exs: Sequence[Example], l2: float = L2, keep: int = KEEP) -> reader.CriterionModel:
    import numpy as np  # only the fit needs it (it comes with py3langid); scoring is plain Python

    vocab = prune(exs, keep)
    names = list(RULE_NAMES) + vocab
    col = {f: i for i, f in enumerate(names)}
    x = np.zeros((len(exs), len(names) + 1))
    x[:, -1] = 1.0
    for r, e in enumerate(exs):
        for n_, v in e.rule.items():
            x[r, col[n_]] = v
        for f in e.text:
            j = col.get(f)
            if j is not None:
                x[r, j] = 1.0
    y = np.array([float(e.gold) for e in exs])
    pen = np.array([L2_RULES] * len(RULE_NAMES) + [l2] * len(vocab) + [0.0])
    w = np.zeros(len(names) + 1)
    if y.min() == y.max():  # one class only: a constant model
        p = 0.98 if y[0] else 0.02
        return reader.CriterionModel(round(math.log(p / (1 - p)), 6), {})
    for _ in range(50):
        z = np.clip(x @ w, -30, 30)
        p = 1.0 / (1.0 + np.exp(-z))
        grad = x.T @ (p - y) + pen * w
        h = (x * (p * (1 - p))[:, None]).T @ x + np.diag(pen + 1e-9)
        step = np.linalg.solve(h, grad)
        w -= step
        if float(np.max(np.abs(step))) < 1e-9:
            break
    weights = {n_: round(float(w[i]), 6) for i, n_ in enumerate(names) if abs(float(w[i])) >= 1e-6}
    return reader.CriterionModel(round(float(w[-1]), 6), weights)


def fit_all(exs: Sequence[Example], l2: float = L2, keep: int = KEEP) -> dict[str, reader.CriterionModel]:
    by_key: dict[str, list[Example]] = defaultdict(list)
    for e in exs:
        by_key[e.key].append(e)
    return {k: fit_one(v, l2, keep) for k, v in sorted(by_key.items())}


# -- cross-validation --------------------------------------------------------------------------------------
def fold(row_id: str, k: int, seed: int) -> int:
    return fitting.fold(row_id, k, seed, salt="reader")  # folds of their own, apart from the review model's


def out_of_fold(
    data: Sequence[Example], extra: Sequence[Example], k: int, repeats: int, l2: float = L2, keep: int = KEEP
) -> list[tuple[Example, float]]:
    """(example, P(met) from models fitted without its fold), once per repeat of the split."""
    out = []
    for seed in range(repeats):
        for f in range(k):
            train = [e for e in data if fold(e.row_id, k, seed) != f] + list(extra)
            models = fit_all(train, l2, keep)
            for e in data:
                if fold(e.row_id, k, seed) == f and e.key in models:
                    out.append((e, models[e.key].probability(e.text, e.rule)))
    return out


def decide(e: Example, p: float, add: float | None, remove: float | None = None) -> bool:
    met = e.rule["r:met"] >= 0.5
    if not met and add is not None and p >= add:
        return True
    if met and remove is not None and p <= remove:
        return False
    return met


def agreement(
    scored: Sequence[tuple[Example, float]], add: float | None, remove: float | None = None
) -> dict:
    """Decisions right, mean criterion kappa, total-score QWK and answers with a wrong criterion."""
    right = 0
    per_key: dict[str, tuple[list[int], list[int]]] = defaultdict(lambda: ([], []))
    totals: dict[tuple[int, str], list[int]] = defaultdict(lambda: [0, 0, 0])
    seen: dict[tuple[str, str], int] = defaultdict(int)
    for e, p in scored:
        m = decide(e, p, add, remove)
        rep = seen[(e.row_id, e.key)]  # the repeat this example comes from (each once per repeat)
        seen[(e.row_id, e.key)] += 1
        right += m == e.gold
        per_key[e.key][0].append(int(e.gold))
        per_key[e.key][1].append(int(m))
        t = totals[(rep, e.row_id)]
        t[0] += e.gold
        t[1] += m
        t[2] += m != e.gold
    kappas = [cohen_kappa(g, q) for g, q in per_key.values()]
    kappas = [k for k in kappas if k == k]
    gold_t = [t[0] for t in totals.values()]
    pred_t = [t[1] for t in totals.values()]
    return {
        "decisions": len(scored),
        "right": right,
        "mean_kappa": round(sum(kappas) / len(kappas), 4) if kappas else float("nan"),
        "qwk": round(cohen_kappa(gold_t, pred_t, "quadratic"), 4),
        "wrong_answers": sum(t[2] > 0 for t in totals.values()),
    }


def choose_add(scored: Sequence[tuple[Example, float]]) -> tuple[float, list[dict[str, Any]]]:
    """The add threshold with the most decisions right out of fold (ties: the higher, fewer changes),
    among those where at least MIN_PRECISION of the added points are right; 1.0 (the reader adds
    nothing) when none beats the rules alone."""
    base = agreement(scored, None)
    table = []
    best_t, best_right = 1.0, base["right"]
    for t in sorted(ADD_GRID, reverse=True):
        a = agreement(scored, t)
        added = sum(1 for e, p in scored if e.rule["r:met"] < 0.5 and p >= t)
        fixed = sum(1 for e, p in scored if e.rule["r:met"] < 0.5 and p >= t and e.gold)
        table.append({"threshold": t, "added": added, "fixed": fixed, "broken": added - fixed, **a})
        if a["right"] > best_right and (added == 0 or fixed / added >= MIN_PRECISION):
            best_t, best_right = t, a["right"]
    return best_t, table


def run(
    data: Sequence[str],
    extra: Sequence[str] = (),
    k: int = FOLDS,
    repeats: int = REPEATS,
    l2: float = L2,
    keep: int = KEEP,
    progress: Callable[[str], None] | None = None,
    add_threshold: float | None = None,
) -> dict[str, Any]:
    """Fit on all rows, cross-validate on the `data` rows. The add threshold is the cross-validated
    choice unless `add_threshold` is given (the shipped model: docs/grader.md, "Round 4c")."""
    if not data:
        raise FitError("name at least one --data file (answers written for this project)")
    say = progress or (lambda _msg: None)
    held: list[Example] = []
    more: list[Example] = []
    sources = []
    for role, specs, into in (("data", data, held), ("extra", extra, more)):
        for spec in specs:
            rows = read_rows(spec)
            exs, skipped = examples(rows)
            say(f"read {len(rows)} answers of {spec} ({skipped} non-attempts by the rules)")
            sources.append(
                {"role": role, "data": os.path.basename(spec), "answers": len(rows), "non_attempts": skipped}
            )
            into += exs
    if len({e.row_id for e in held}) < k:
        raise FitError(f"{k}-fold cross-validation needs at least {k} --data answers")
    say(f"cross-validating ({repeats} x {k}-fold)")
    oof = out_of_fold(held, more, k, repeats, l2, keep)
    cv_add, table = choose_add(oof)
    add = cv_add if add_threshold is None else add_threshold
    # option (b), measured only: remove a point the rules gave when the reader is this unsure
    removal = []
    for r in (0.01, 0.03, 0.05, 0.1, 0.2):
        a = agreement(oof, add if add < 1.0 else None, r)
        removal.append({"remove_at_or_below": r, **a})
    say("fitting on all rows")
    models = fit_all(held + more, l2, keep)
    return {
        "format": 1,
        "about": (
            "Second reader of the reflection grader: per criterion a logistic model, P(the criterion is "
            "met), over stem unigrams/bigrams (n: = in a negator's scope, s: = in the words the learner "
            "says), a length bin and the rules' signals (r:). Fitted by `reflection-grader fit-reader` "
            "(grading/reader_fit.py); features in grading/reader.py."
        ),
        "add_threshold": add,
        "add_threshold_cv": cv_add,
        "criteria": {
            key: {"bias": m.bias, "weights": dict(sorted(m.weights.items()))} for key, m in models.items()
        },
        "fit": {
            "l2": l2,
            "l2_rules": L2_RULES,
            "keep": keep,
            "min_df": MIN_DF,
            "folds": k,
            "repeats": repeats,
            "sources": sources,
        },
        "cv": {
            "note": (
                "out of fold on the --data answers the rules call attempts, pooled over the repeats; "
                "'right' counts criterion decisions equal to the label"
            ),
            "rules_alone": agreement(oof, None),
            "add": table,
            "remove": removal,
        },
    }


def report(model: dict[str, Any]) -> str:
    cv = model["cv"]
    base = cv["rules_alone"]
    lines = [
        f"second reader: add threshold {model['add_threshold']} (cross-validated choice: "
        f"{model['add_threshold_cv']})",
        f"  rules alone (out of fold): {base['right']} of {base['decisions']} decisions right, "
        f"mean kappa {base['mean_kappa']:.3f}, QWK {base['qwk']:.3f}, {base['wrong_answers']} wrong answers",
        "  reader adds a point at P >= t:",
    ]
    for r in cv["add"]:
        lines.append(
            f"    t={r['threshold']:.2f}  added {r['added']:4d} (right {r['fixed']:4d}, wrong {r['broken']:4d})  "
            f"mean kappa {r['mean_kappa']:.3f}  QWK {r['qwk']:.3f}  wrong answers {r['wrong_answers']}"
        )
    lines.append("  and also removes a point at P <= r (option b, measured only):")
    for r in cv["remove"]:
        lines.append(
            f"    r={r['remove_at_or_below']:.2f}  right {r['right']}  mean kappa {r['mean_kappa']:.3f}  "
            f"QWK {r['qwk']:.3f}  wrong answers {r['wrong_answers']}"
        )
    return "\n".join(lines)
