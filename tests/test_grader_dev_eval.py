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


def test_held_out_agreement(report):
    assert report["all"]["qwk"] >= 0.80
    for lang in ("sv", "en"):
        assert report[lang]["qwk"] >= 0.75
    assert report["all"]["mean_kappa"] >= 0.70
    # on the 60-answer calibration part one criterion (perspective-not-group) measured 0.09 once
    # (docs/grader.md): the goal of 0.60 is not met there; the floor only catches a collapse
    assert report["all"]["min_kappa"] >= (0.30 if report["part"] == "dev-blind" else 0.0)


def test_non_attempts_score_zero(report):
    if report["part"] == "dev-blind":
        assert report["all"]["non_attempt_zero"] == 1.0
        assert report["all"]["non_attempt_recall"] >= 0.8
    else:
        # measured once on the unseen calibration part (docs/grader.md): 6 of 8 non-attempts scored 0
        # and 4 of 8 were recognised; the goal (all) is not met there yet. A floor below
        # the measured value catches a regression without pretending the goal is reached.
        assert report["all"]["non_attempt_zero"] >= 0.7
        assert report["all"]["non_attempt_recall"] >= 0.45


def test_needs_review_rate_is_bounded(report):
    assert report["all"]["needs_review_rate"] <= 0.45


def test_the_parts_do_not_overlap():
    from grading.evaluate import load_jsonl

    ids = [str(r["id"]) for r in load_jsonl(str(DEV2))]
    held = {i for i in ids if i in {str(r["id"]) for r in load_part(str(DEV2), "dev2-calibration")}}
    work = {str(r["id"]) for r in load_part(str(DEV2), "dev2-work")}
    assert held and work and not held & work and held | work == set(ids)
