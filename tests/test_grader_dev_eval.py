"""Held-out evaluation on the labelled dev sets in ../shared (skipped when they are not there).

It evaluates only the parts that were not read while the rules were written (grading/evaluate.py,
`dev_part` and `dev2_part`): the "blind" rows of the first dev set (md5(id) mod 5 >= 3) and the
calibration third of dev2 (sha256(id) mod 3 == 0), which was set aside before any dev2 text was read.
The floors are modest on purpose: they catch a broken grader, not a slightly worse one. The figures
themselves are reported in docs/grader.md.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from grading.evaluate import by_language, load_part, predict

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
DEV = DATA / "reflections-dev.jsonl"
DEV2 = DATA / "reflections-dev2.jsonl"

pytestmark = pytest.mark.skipif(
    not (DEV.exists() and DEV2.exists()), reason="labelled dev sets not available"
)


@pytest.fixture(scope="module", params=["dev-blind", "dev2-calibration"])
def report(request) -> dict:
    path = DEV2 if request.param.startswith("dev2") else DEV
    result = by_language(predict(load_part(str(path), request.param)))
    result["part"] = request.param
    return result


# Floors a little under the values measured at the end of round 2b (docs/grader.md): dev-blind QWK
# 0.94 (sv 0.94, en 0.95), mean kappa 0.87, min 0.57; dev2-calibration QWK 0.89 (sv 0.86, en 0.90),
# mean kappa 0.80, min 0.16 (why-it-matters). The goals (no criterion under 0.60, every
# non-attempt 0, the review flag catching 75 %) are not met on the calibration part; these floors
# catch a regression without pretending otherwise.
FLOORS = {
    "dev-blind": {"qwk": 0.90, "qwk_lang": 0.88, "mean_kappa": 0.83, "min_kappa": 0.50},
    "dev2-calibration": {"qwk": 0.85, "qwk_lang": 0.82, "mean_kappa": 0.77, "min_kappa": 0.10},
}


def test_held_out_agreement(report):
    floor = FLOORS[report["part"]]
    assert report["all"]["qwk"] >= floor["qwk"]
    for lang in ("sv", "en"):
        assert report[lang]["qwk"] >= floor["qwk_lang"]
    assert report["all"]["mean_kappa"] >= floor["mean_kappa"]
    assert report["all"]["min_kappa"] >= floor["min_kappa"]


def test_non_attempts_score_zero(report):
    if report["part"] == "dev-blind":
        assert report["all"]["non_attempt_zero"] == 1.0
        assert report["all"]["non_attempt_recall"] >= 0.8
    else:
        # measured on the unseen calibration part (docs/grader.md): 6 of 8 non-attempts scored 0
        # and 4 of 8 were recognised, in round 2a and again in round 2b; the goal (all) is
        # not met there. A floor below the measured value catches a regression.
        assert report["all"]["non_attempt_zero"] >= 0.7
        assert report["all"]["non_attempt_recall"] >= 0.45


def test_needs_review_rate_is_bounded(report):
    # measured: flags 28 % of dev-blind (catching 67 % of the answers with a wrong criterion) and
    # 15 % of dev2-calibration (catching 33 %); the goal is 75 % caught at <= 25 % flagged
    assert report["all"]["needs_review_rate"] <= 0.32
    assert report["all"]["review_catch"] >= (0.6 if report["part"] == "dev-blind" else 0.3)


def test_the_parts_do_not_overlap():
    from grading.evaluate import load_jsonl

    ids = [str(r["id"]) for r in load_jsonl(str(DEV2))]
    held = {i for i in ids if i in {str(r["id"]) for r in load_part(str(DEV2), "dev2-calibration")}}
    work = {str(r["id"]) for r in load_part(str(DEV2), "dev2-work")}
    assert held and work and not held & work and held | work == set(ids)
