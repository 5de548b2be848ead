"""Agreement between the grader and human labels, plain and k-fold cross-validated.

Labelled files are JSON Lines: {"id", "item", "lang", "text", "criteria": {cid: bool}, "attempt"}.
Metrics, per response language and overall: quadratic weighted kappa of the total score, Cohen's
kappa and F1 per criterion, non-attempt recall (share of labelled non-attempts the grader also
calls non-attempts), share of non-attempts scored 0, and the needs_review rate.

Cross-validation (`cross_validate`) re-fits the only learned part of the grader - the cue-weight
threshold of each evidence criterion - on the training folds and scores the held-out fold with it.
The shipped thresholds in items/*.json are not fitted on any labelled file.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from .bank import load_item
from .scorer import Score, score_details

THRESHOLD_GRID = (0.5, 0.6, 0.8, 1.0, 1.2, 1.5, 2.0)


def load_jsonl(path: str) -> list[dict[str, Any]]:
    rows = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                rows.append(json.loads(line))
    return rows


def cohen_kappa(a: Sequence[int], b: Sequence[int], weights: str | None = None) -> float:
    """Cohen's kappa for integer labels; `weights="quadratic"` gives QWK."""
    if not a:
        return float("nan")
    cats = sorted(set(a) | set(b))
    k = len(cats)
    if k == 1:
        return 1.0
    idx = {c: i for i, c in enumerate(cats)}
    n = len(a)
    obs = [[0.0] * k for _ in range(k)]
    for x, y in zip(a, b, strict=True):
        obs[idx[x]][idx[y]] += 1
    ra = [sum(r) for r in obs]
    cb = [sum(obs[i][j] for i in range(k)) for j in range(k)]
    lo, hi = min(cats), max(cats)
    span = (hi - lo) or 1
    num = den = 0.0
    for i in range(k):
        for j in range(k):
            if weights == "quadratic":
                w = ((cats[i] - cats[j]) / span) ** 2
            else:
                w = 0.0 if i == j else 1.0
            num += w * obs[i][j]
            den += w * ra[i] * cb[j] / n
    return 1.0 - num / den if den else 1.0


def f1(gold: Sequence[int], pred: Sequence[int]) -> float:
    tp = sum(1 for g, p in zip(gold, pred, strict=True) if g and p)
    fp = sum(1 for g, p in zip(gold, pred, strict=True) if p and not g)
    fn = sum(1 for g, p in zip(gold, pred, strict=True) if g and not p)
    return 2 * tp / (2 * tp + fp + fn) if tp else (1.0 if not fp and not fn else 0.0)


@dataclass
class Prediction:
    row: dict[str, Any]
    score: Score
    raw: dict[str, float | None] = field(default_factory=dict)

    def met(self, thresholds: dict[str, float] | None = None) -> dict[str, bool]:
        out = self.score.criteria_map()
        if thresholds and self.score.attempt:
            item = self.score.item
            for cid, value in self.raw.items():
                key = f"{item}/{cid}"
                if value is not None and key in thresholds:
                    out[cid] = value >= thresholds[key]
        return out


def predict(rows: Iterable[dict[str, Any]]) -> list[Prediction]:
    preds = []
    for row in rows:
        result, raw = score_details(row["item"], row.get("text", ""), row.get("lang") or "sv")
        preds.append(Prediction(row, result, raw))
    return preds


def gold_labels(row: dict[str, Any]) -> dict[str, bool]:
    """A labelled row's criteria; a row that is not an attempt meets none of them."""
    gold = {k: bool(v) for k, v in row.get("criteria", {}).items()}
    return gold if row.get("attempt", True) else {k: False for k in gold}


def metrics(preds: Sequence[Prediction], thresholds: dict[str, float] | None = None) -> dict[str, Any]:
    gold_tot, pred_tot = [], []
    per_crit: dict[str, tuple[list[int], list[int]]] = defaultdict(lambda: ([], []))
    non_attempts = non_caught = non_zero = 0
    review = wrong = wrong_flagged = 0
    for p in preds:
        gold = gold_labels(p.row)
        met = p.met(thresholds)
        gold_tot.append(sum(gold.values()))
        pred_tot.append(sum(met.values()))
        for cid in met:
            key = f"{p.score.item}/{cid}"
            per_crit[key][0].append(int(gold.get(cid, False)))
            per_crit[key][1].append(int(met[cid]))
        if not p.row.get("attempt", True):
            non_attempts += 1
            non_caught += not p.score.attempt
            non_zero += sum(met.values()) == 0
        review += p.score.needs_review
        if any(met[c] != gold.get(c, False) for c in met):
            wrong += 1
            wrong_flagged += p.score.needs_review
    kappas = {k: cohen_kappa(g, q) for k, (g, q) in sorted(per_crit.items())}
    f1s = {k: f1(g, q) for k, (g, q) in sorted(per_crit.items())}
    finite = [v for v in kappas.values() if v == v]
    worst = min(kappas, key=lambda k: kappas[k]) if kappas else None
    return {
        "n": len(preds),
        "qwk": cohen_kappa(gold_tot, pred_tot, "quadratic"),
        "exact": sum(g == q for g, q in zip(gold_tot, pred_tot, strict=True)) / len(preds) if preds else 0.0,
        "mean_kappa": sum(finite) / len(finite) if finite else float("nan"),
        "min_kappa": kappas[worst] if worst else float("nan"),
        "min_kappa_criterion": worst,
        "kappa": kappas,
        "f1": f1s,
        "non_attempts": non_attempts,
        "non_attempt_recall": non_caught / non_attempts if non_attempts else float("nan"),
        "non_attempt_zero": non_zero / non_attempts if non_attempts else float("nan"),
        "needs_review_rate": review / len(preds) if preds else 0.0,
        # answers where some criterion differs from the human label, and the share of them flagged
        "wrong_answers": wrong,
        "review_catch": wrong_flagged / wrong if wrong else float("nan"),
    }


def by_language(preds: Sequence[Prediction], thresholds: dict[str, float] | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for lang in sorted({p.row.get("lang", "?") for p in preds}):
        out[lang] = metrics([p for p in preds if p.row.get("lang", "?") == lang], thresholds)
    out["all"] = metrics(preds, thresholds)
    return out


def hash_split(rows: Sequence[dict[str, Any]], k: int, m: int) -> list[dict[str, Any]]:
    """Rows whose md5(id) mod k is at least m. With k=5, m=3 these are the dev rows that were never
    read while the cue rules were written (docs/grader.md, "How the figures were obtained")."""
    return [r for r in rows if int(hashlib.md5(str(r.get("id")).encode("utf-8")).hexdigest(), 16) % k >= m]


# The held-out parts of the two labelled dev sets (docs/grader.md, "How the figures were obtained").
# dev (212 rows): rows with md5(id) mod 5 >= 3 were never read while the rules were written ("blind").
# dev2 (184 rows, newer styles): rows with sha256(id) mod 3 == 0 are the calibration part. It was set
# aside before any dev2 text was read; its texts are never read and its figures are reported once.
PARTS = ("dev-seen", "dev-blind", "dev2-work", "dev2-calibration")


def dev_part(row_id: str) -> str:
    """'dev-seen' or 'dev-blind' for a row of the first dev set."""
    return "dev-blind" if int(hashlib.md5(row_id.encode("utf-8")).hexdigest(), 16) % 5 >= 3 else "dev-seen"


def dev2_part(row_id: str) -> str:
    """'dev2-calibration' (held out, never read) or 'dev2-work' for a row of the second dev set."""
    held = int(hashlib.sha256(row_id.encode("utf-8")).hexdigest(), 16) % 3 == 0
    return "dev2-calibration" if held else "dev2-work"


def load_part(path: str, part: str) -> list[dict[str, Any]]:
    """The rows of one part of a dev set. For the dev2 calibration part nothing is printed or kept
    beyond what the caller asks for; the split is applied while reading, before any text is used."""
    if part not in PARTS:
        raise ValueError(f"Unknown part {part!r}; use one of {', '.join(PARTS)}.")
    which = dev2_part if part.startswith("dev2") else dev_part
    return [r for r in load_jsonl(path) if which(str(r.get("id"))) == part]


def fold_of(row_id: str, k: int) -> int:
    """Deterministic fold assignment from the row id."""
    return int(hashlib.sha256(row_id.encode("utf-8")).hexdigest(), 16) % k


def fit_thresholds(preds: Sequence[Prediction]) -> dict[str, float]:
    """Per evidence criterion, the grid threshold with the best kappa on these predictions."""
    by_key: dict[str, list[tuple[float, bool]]] = defaultdict(list)
    for p in preds:
        if not p.score.attempt:
            continue
        gold = p.row.get("criteria", {})
        for cid, value in p.raw.items():
            if value is not None:
                by_key[f"{p.score.item}/{cid}"].append((value, bool(gold.get(cid, False))))
    fitted = {}
    for key, pairs in by_key.items():
        item_id, cid = key.split("/", 1)
        default = next(c.rule.threshold for c in load_item(item_id).criteria if c.id == cid)
        best_t, best_k = default, -2.0
        for t in sorted(THRESHOLD_GRID, key=lambda t: abs(t - default)):
            k = cohen_kappa([int(g) for _, g in pairs], [int(v >= t) for v, _ in pairs])
            if k > best_k + 1e-9:
                best_t, best_k = t, k
        fitted[key] = best_t
    return fitted


def cross_validate(rows: Sequence[dict[str, Any]], k: int = 5) -> dict[str, Any]:
    """k-fold CV: thresholds fitted on k-1 folds, metrics pooled over the held-out predictions."""
    preds = predict(rows)
    held_out: list[tuple[Prediction, dict[str, float]]] = []
    for fold in range(k):
        train = [p for p in preds if fold_of(str(p.row.get("id")), k) != fold]
        test = [p for p in preds if fold_of(str(p.row.get("id")), k) == fold]
        fitted = fit_thresholds(train)
        held_out += [(p, fitted) for p in test]
    # pool: apply each prediction's own fold thresholds
    pooled = []
    for p, fitted in held_out:
        met = p.met(fitted)
        pooled.append(_Fixed(p.row, p.score, met))
    return {"cv": by_language(pooled), "fixed": by_language(preds)}


class _Fixed(Prediction):
    def __init__(self, row: dict[str, Any], score: Score, met: dict[str, bool]) -> None:
        super().__init__(row, score, {})
        self._met = met

    def met(self, thresholds: dict[str, float] | None = None) -> dict[str, bool]:
        return self._met


def format_report(report: dict[str, Any], title: str) -> str:
    lines = [title]
    for lang, m in report.items():
        lines.append(
            f"  [{lang}] n={m['n']}  QWK={m['qwk']:.3f}  exact={m['exact']:.2f}  "
            f"mean kappa={m['mean_kappa']:.3f}  min kappa={m['min_kappa']:.3f} ({m['min_kappa_criterion']})  "
            f"non-attempt recall={m['non_attempt_recall']:.2f} (n={m['non_attempts']}, scored 0: "
            f"{m['non_attempt_zero']:.2f})  needs_review={m['needs_review_rate']:.2f} "
            f"(catches {m['review_catch']:.2f} of {m['wrong_answers']} wrong)"
        )
    m = report["all"]
    lines.append("  per criterion (all languages): kappa / F1")
    for key in m["kappa"]:
        lines.append(f"    {key:45s} {m['kappa'][key]:6.3f} / {m['f1'][key]:.3f}")
    return "\n".join(lines)
