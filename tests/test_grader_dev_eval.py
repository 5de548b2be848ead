"""Held-out evaluation on the labelled dev set in ../shared (skipped when it is not there).

The floors are modest on purpose: they catch a broken grader, not a slightly worse one. The figures
themselves are reported in docs/grader.md.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from grading.evaluate import cross_validate, load_jsonl

DEV = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "reflections-dev.jsonl"

pytestmark = pytest.mark.skipif(not DEV.exists(), reason="labelled dev set not available")


@pytest.fixture(scope="module")
def report() -> dict:
    return cross_validate(load_jsonl(str(DEV)), k=5)


def test_cross_validated_agreement(report):
    cv = report["cv"]
    assert cv["all"]["qwk"] >= 0.80
    for lang in ("sv", "en"):
        assert cv[lang]["qwk"] >= 0.75
    assert cv["all"]["mean_kappa"] >= 0.70
    assert cv["all"]["min_kappa"] >= 0.30


def test_every_non_attempt_scores_zero(report):
    cv = report["cv"]["all"]
    assert cv["non_attempt_zero"] == 1.0
    assert cv["non_attempt_recall"] >= 0.9


def test_needs_review_rate_is_bounded(report):
    assert report["cv"]["all"]["needs_review_rate"] <= 0.45
