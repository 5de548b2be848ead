"""Fitting the review model (`reflection-grader fit-review`) and measuring it by cross-validation.

The data are labelled JSON Lines files (as for `evaluate`). Each file is named as PATH or PATH:PART,
PART one of evaluate.PARTS except the dev2 calibration part, which this command refuses to load. Two
roles:
- `--data`: answers whose texts were never read while the rules were written (dev-blind, a hold-out
  set). The model is cross-validated on them, and the threshold is set from them.
- `--extra`: answers the rules were written from (dev-seen, dev2-work). Their errors are rare and
  unlike real ones, so they only add training rows to every fold; they are never scored.

Nothing here prints or keeps a text: only ids, features, labels and aggregate figures.

The fit is plain Python and deterministic: L2-regularised logistic regression by Newton's method,
folds by a hash of the row id, the output JSON written with sorted keys and rounded numbers, so the
same data and rules give the same file byte for byte.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from . import review_model
from .bank import load_item
from .evaluate import PARTS, gold_labels, load_jsonl, load_part
from .fitting import fold, sigmoid
from .review_model import CRITERION_PREFIX, FEATURES
from .scorer import score_details

TARGET_RATE = 0.22  # a margin under the 25 %
FOLDS = 5
REPEATS = 5  # the k-fold split is repeated with this many hash seeds; figures are their average
L2 = 1.0  # on the named features
L2_CRITERION = 3.0  # on the per-criterion intercepts: shrunk harder, they rest on few errors each
CURVE_RATES = (0.05, 0.10, 0.15, 0.20, 0.22, 0.25, 0.30, 0.40, 0.50)


class FitError(ValueError):
    """The data cannot be used as given; the message says why."""


@dataclass
class Decision:
    key: str  # item/criterion
    feats: dict[str, float]
    wrong: bool


@dataclass
class Answer:
    id: str
    lang: str
    source: str
    wrong: bool  # some criterion differs from the human label
    whole: bool  # flagged for a whole-answer reason (too long, borderline attempt, restated criteria)
    decisions: list[Decision] = field(default_factory=list)


def read_data(spec: str) -> list[dict[str, Any]]:
    """Rows of PATH or PATH:PART. The dev2 calibration part is never loaded."""
    path, part = spec, None
    if ":" in spec and spec.rsplit(":", 1)[1] in PARTS:
        path, part = spec.rsplit(":", 1)
    if part == "dev2-calibration":
        raise FitError("the dev2 calibration part is never used to fit the review model")
    if part is None and os.path.basename(path).startswith("reflections-dev2"):
        raise FitError(f"{path} holds the dev2 calibration part: name a part, e.g. {path}:dev2-work")
    if not os.path.exists(path):
        raise FitError(f"no such file: {path}")
    return load_part(path, part) if part else load_jsonl(path)


def answers(rows: Sequence[dict[str, Any]], source: str) -> list[Answer]:
    """Score each row; keep its features and which decisions differ from the human labels."""
    out = []
    for row in rows:
        signals: dict[str, dict[str, float]] = {}
        result, _ = score_details(row["item"], row.get("text", ""), row.get("lang") or "sv", signals=signals)
        gold = gold_labels(row)
        met = result.criteria_map()
        wrong = {c: met[c] != gold.get(c, False) for c in met}
        whole = any(not r.startswith("unsure:") for r in result.review_reasons)
        a = Answer(str(row.get("id")), str(row.get("lang") or "sv"), source, any(wrong.values()), whole)
        if result.attempt:
            feats = review_model.answer_features(load_item(result.item), signals)
            a.decisions = [Decision(f"{result.item}/{cid}", f, wrong[cid]) for cid, f in feats.items()]
        out.append(a)
    return out


# -- logistic regression -----------------------------------------------------------------------------------
def _names(decisions: Sequence[Decision]) -> list[str]:
    keys = sorted({d.key for d in decisions})
    return ["bias", *FEATURES, *(CRITERION_PREFIX + k for k in keys)]


def _row(d: Decision, index: dict[str, int]) -> list[tuple[int, float]]:
    x = [(index["bias"], 1.0)]
    x += [(index[n], d.feats.get(n, 0.0)) for n in FEATURES if d.feats.get(n, 0.0)]
    if CRITERION_PREFIX + d.key in index:
        x.append((index[CRITERION_PREFIX + d.key], 1.0))
    return x


def _solve(a: list[list[float]], b: list[float]) -> list[float]:
    """Gaussian elimination with partial pivoting (a is positive definite here)."""
    n = len(b)
    m = [row[:] + [b[i]] for i, row in enumerate(a)]
    for col in range(n):
        piv = max(range(col, n), key=lambda r: abs(m[r][col]))
        m[col], m[piv] = m[piv], m[col]
        p = m[col][col]
        for r in range(col + 1, n):
            f = m[r][col] / p
            if f:
                row, top = m[r], m[col]
                for c in range(col, n + 1):
                    row[c] -= f * top[c]
    x = [0.0] * n
    for r in range(n - 1, -1, -1):
        x[r] = (m[r][n] - sum(m[r][c] * x[c] for c in range(r + 1, n))) / m[r][r]
    return x


def fit(
    decisions: Sequence[Decision], l2: float | None = None, l2_criterion: float | None = None
) -> dict[str, float]:
    """Weights minimising the logistic loss plus L2 penalties (none on the bias), by Newton's method."""
    l2 = L2 if l2 is None else l2
    l2_criterion = L2_CRITERION if l2_criterion is None else l2_criterion
    names = _names(decisions)
    index = {n: i for i, n in enumerate(names)}
    rows = [(_row(d, index), float(d.wrong)) for d in decisions]
    k = len(names)
    pen = [0.0 if n == "bias" else (l2_criterion if n.startswith(CRITERION_PREFIX) else l2) for n in names]
    w = [0.0] * k
    for _ in range(100):
        grad = [pen[i] * w[i] for i in range(k)]
        hess = [[0.0] * k for _ in range(k)]
        for i in range(k):
            hess[i][i] = pen[i]
        for x, y in rows:
            z = sum(w[i] * v for i, v in x)
            p = sigmoid(z)
            g, h = p - y, max(p * (1.0 - p), 1e-9)
            for i, vi in x:
                grad[i] += g * vi
                hi = hess[i]
                for j, vj in x:
                    hi[j] += h * vi * vj
        step = _solve(hess, grad)
        w = [wi - si for wi, si in zip(w, step, strict=True)]
        if max(abs(s) for s in step) < 1e-10:
            break
    return {n: w[i] for i, n in enumerate(names)}


# -- cross-validation --------------------------------------------------------------------------------------
def _answer_prob(model: review_model.ReviewModel, a: Answer) -> float:
    return max((model.probability(d.key, d.feats) for d in a.decisions), default=0.0)


def out_of_fold(
    data: Sequence[Answer], extra: Sequence[Answer], k: int, repeats: int
) -> list[tuple[Answer, float]]:
    """(answer, highest probability of a wrong decision from a model fitted without its fold), once per
    repeat of the k-fold split."""
    train_extra = [d for a in extra for d in a.decisions]
    out = []
    for seed in range(repeats):
        for f in range(k):
            train = [d for a in data if fold(a.id, k, seed) != f for d in a.decisions] + train_extra
            model = review_model.ReviewModel(fit(train), 0.5)
            out += [(a, _answer_prob(model, a)) for a in data if fold(a.id, k, seed) == f]
    return out


def _flag(a: Answer, p: float, t: float) -> bool:
    return a.whole or p >= t


def figures(scored: Sequence[tuple[Answer, float]], t: float, repeats: int = 1) -> dict[str, Any]:
    """Flag rate and share of wrong answers caught at threshold t, overall and per language (`n` and
    `wrong` count answers once, however many repeats of the split were pooled)."""

    def of(rows: Sequence[tuple[Answer, float]]) -> dict[str, float]:
        n = len(rows)
        wrong = [(a, p) for a, p in rows if a.wrong]
        flagged = sum(_flag(a, p, t) for a, p in rows)
        caught = sum(_flag(a, p, t) for a, p in wrong)
        return {
            "n": n // repeats,
            "flag_rate": round(flagged / n, 4) if n else 0.0,
            "wrong": len(wrong) // repeats,
            "caught": round(caught / len(wrong), 4) if wrong else 0.0,
        }

    out = {"all": of(scored)}
    for lang in sorted({a.lang for a, _ in scored}):
        out[lang] = of([(a, p) for a, p in scored if a.lang == lang])
    return out


def threshold_for(scored: Sequence[tuple[Answer, float]], rate: float) -> float:
    """The lowest threshold at which no more than `rate` of the answers are flagged (labels unused)."""
    cands = sorted({round(p, 6) for _, p in scored}, reverse=True)
    best = 1.0
    for t in cands:
        flagged = sum(_flag(a, p, t) for a, p in scored) / len(scored)
        if flagged > rate:
            break
        best = t
    return best


def auc(scored: Sequence[tuple[Answer, float]]) -> float:
    """Area under the ROC curve of the answer-level probability for "some decision is wrong"."""
    pos = [p for a, p in scored if a.wrong]
    neg = [p for a, p in scored if not a.wrong]
    if not pos or not neg:
        return float("nan")
    wins = sum((p > q) + 0.5 * (p == q) for p in pos for q in neg)
    return wins / (len(pos) * len(neg))


def curve(scored: Sequence[tuple[Answer, float]]) -> list[list[float]]:
    """[target flag rate, actual flag rate, share of wrong answers caught] along the threshold."""
    out = []
    for r in CURVE_RATES:
        f = figures(scored, threshold_for(scored, r))["all"]
        out.append([r, f["flag_rate"], f["caught"]])
    return out


# -- the command -------------------------------------------------------------------------------------------
def _summary(name: str, rows: Sequence[Answer]) -> dict[str, Any]:
    return {
        "data": name,
        "answers": len(rows),
        "wrong_answers": sum(a.wrong for a in rows),
        "decisions": sum(len(a.decisions) for a in rows),
        "wrong_decisions": sum(d.wrong for a in rows for d in a.decisions),
    }


def run(
    data: Sequence[str],
    extra: Sequence[str] = (),
    k: int = FOLDS,
    repeats: int = REPEATS,
    rate: float = TARGET_RATE,
    progress: Any = None,
) -> dict[str, Any]:
    """Fit the model on all rows, cross-validate it on the `data` rows, and return the model file."""
    if not data:
        raise FitError("name at least one --data file (answers never read while the rules were written)")
    say = progress or (lambda _msg: None)
    held: list[Answer] = []
    more: list[Answer] = []
    sources = []
    for spec in data:
        rows = answers(read_data(spec), spec)
        say(f"scored {len(rows)} answers of {spec}")
        sources.append({"role": "data", **_summary(os.path.basename(spec), rows)})
        held += rows
    for spec in extra:
        rows = answers(read_data(spec), spec)
        say(f"scored {len(rows)} answers of {spec}")
        sources.append({"role": "extra", **_summary(os.path.basename(spec), rows)})
        more += rows
    if not any(d.wrong for a in held for d in a.decisions):
        raise FitError("the --data rows hold no wrong decision to learn from")
    if len(held) < k:
        raise FitError(f"{k}-fold cross-validation needs at least {k} --data answers")
    say(f"cross-validating ({repeats} x {k}-fold)")
    oof = out_of_fold(held, more, k, repeats)
    t = threshold_for(oof, rate)
    say("fitting on all rows")
    weights = fit([d for a in held + more for d in a.decisions])
    cv = figures(oof, t, repeats)
    return {
        "format": 1,
        "about": (
            "Review model of the reflection grader: logistic regression, P(a criterion's decision is "
            "wrong). Fitted by `reflection-grader fit-review` (grading/review_fit.py); features in "
            "grading/review_model.py."
        ),
        "features": list(FEATURES),
        "weights": {n: round(v, 6) for n, v in sorted(weights.items())},
        "threshold": round(t, 6),
        "fit": {
            "l2": L2,
            "l2_criterion": L2_CRITERION,
            "folds": k,
            "repeats": repeats,
            "target_flag_rate": rate,
            "sources": sources,
        },
        "cv": {
            "note": (
                "out of fold on the --data answers, pooled over the repeats; an answer is flagged when "
                "a criterion reaches the threshold or for a whole-answer reason"
            ),
            "auc": round(auc(oof), 4),
            "at_threshold": cv,
            "curve": curve(oof),
        },
    }


def report(model: dict[str, Any]) -> str:
    """The cross-validated figures and the curve, for the terminal."""
    cv = model["cv"]
    lines = [f"review model: threshold {model['threshold']:.4f}, out-of-fold AUC {cv['auc']:.3f}"]
    for lang, f in cv["at_threshold"].items():
        lines.append(
            f"  [{lang}] n={f['n']}  flagged {f['flag_rate']:.0%}  "
            f"catches {f['caught']:.0%} of {f['wrong']} wrong answers"
        )
    lines.append("  recall against flag rate (cross-validated):")
    for target, got, caught in cv["curve"]:
        bar = "#" * round(caught * 40)
        lines.append(f"    <= {target:4.0%}  flagged {got:4.0%}  caught {caught:4.0%}  {bar}")
    return "\n".join(lines)
